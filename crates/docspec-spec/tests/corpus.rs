//! The whole real corpus (`../shared/corpus/superoffice-2023/restful`): every page becomes an
//! operation with a unique id, two builds give the same bytes, and the written YAML passes
//! `openapi_spec_validator`. Skips with a message when the corpus is not there.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use docspec_spec::{SpecSettings, build_spec, to_yaml};

/// Operations the 2023 corpus documents.
const CORPUS_OPERATIONS: usize = 3116;

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/superoffice-2023/restful");
    dir.is_dir().then_some(dir)
}

#[test]
fn corpus_builds_a_complete_valid_deterministic_spec() {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipped: the shared corpus is not checked out next to the repository");
        return;
    };
    let corpus = docspec_parse::load_dir(&dir);
    let settings = SpecSettings {
        title: "SuperOffice".to_string(),
        version: "1.0".to_string(),
    };
    let built = build_spec(&corpus.pages, &settings);

    // No page lost: every page is an operation.
    assert_eq!(corpus.pages.len(), CORPUS_OPERATIONS);
    assert_eq!(built.summary.operations, CORPUS_OPERATIONS);
    assert_eq!(built.summary.pages, corpus.pages.len());

    // Every operationId present and unique, and each page's uid is one of them.
    let ids: Vec<&str> = built
        .openapi
        .operations()
        .filter_map(|(_, _, op)| op.operation_id.as_deref())
        .collect();
    assert_eq!(ids.len(), CORPUS_OPERATIONS);
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), CORPUS_OPERATIONS, "operation ids are unique");
    for page in &corpus.pages {
        let uid = page
            .uid
            .as_ref()
            .map(|u| u.value.as_str())
            .expect("corpus pages have uids");
        assert!(
            unique.contains(uid),
            "{} lost its operation {uid}",
            page.file.display()
        );
    }

    // Determinism: a second build gives the same bytes.
    let yaml = to_yaml(&built.openapi).unwrap();
    let again = to_yaml(&build_spec(&corpus.pages, &settings).openapi).unwrap();
    assert!(yaml == again, "two builds of the corpus differ");
    // Written in parallel chunks, yet the same text as one serializer pass.
    let whole = serde_yaml_ng::to_string(&built.openapi).unwrap();
    assert!(
        yaml == whole,
        "the chunked YAML differs from serde_yaml_ng's"
    );

    // The document is valid OpenAPI.
    validate(&yaml);
}

/// Runs `python3 -m openapi_spec_validator` on the YAML; skips only this check, with a
/// message, when python or the validator is missing.
fn validate(yaml: &str) {
    let has_validator = Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !has_validator {
        eprintln!("validation skipped: python3 with openapi-spec-validator is not installed");
        return;
    }
    let dir = std::env::temp_dir().join(format!("docspec-spec-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("corpus.yaml");
    std::fs::write(&file, yaml).unwrap();
    let out = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&file)
        .output()
        .expect("python3 runs");
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "validator failed:\n{stdout}\n{stderr}"
    );
}
