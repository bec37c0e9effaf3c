//! Snapshots of the spec built from the marina fixture pages (`tests/fixtures/marina`), a
//! made-up API that shows each section form once. Review changes with `cargo insta review`.

use std::path::Path;

use docspec_spec::{SpecSettings, build_spec, to_json, to_yaml};

fn build_marina() -> docspec_spec::SpecOutput {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/marina");
    let corpus = docspec_parse::load_dir(&root);
    assert!(
        corpus.diagnostics.is_empty(),
        "fixture pages parse cleanly: {:#?}",
        corpus.diagnostics
    );
    let settings = SpecSettings {
        title: "Marina".to_string(),
        version: "1.0".to_string(),
    };
    build_spec(&corpus.pages, &settings)
}

#[test]
fn marina_spec_yaml() {
    let built = build_marina();
    insta::assert_snapshot!("marina_spec", to_yaml(&built.openapi).unwrap());
}

#[test]
fn marina_diagnostics() {
    let built = build_marina();
    let lines: Vec<String> = built.diagnostics.iter().map(|d| d.to_string()).collect();
    insta::assert_snapshot!("marina_diagnostics", lines.join("\n"));
    assert_eq!(built.summary.operations, 8);
    assert_eq!(built.summary.pages, 8);
}

#[test]
fn marina_build_is_deterministic() {
    let first = to_json(&build_marina().openapi).unwrap();
    let second = to_json(&build_marina().openapi).unwrap();
    assert_eq!(first, second);
}
