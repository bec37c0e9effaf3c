//! A generated crate compiles without warnings whatever set of tag features is on: none, one
//! tag, one tag with the server glue, and all tags with it.
//!
//! The crate is generated from the `tags` fixture (a schema shared by two tags, a query
//! struct shared across tags, an unused schema) and checked with `cargo check`, with warnings
//! denied through its manifest so that dependencies are not rebuilt.

use std::path::{Path, PathBuf};
use std::process::Command;

use docspec_codegen::{GenSettings, generate_crate};

/// Feature sets to check, as `cargo check` arguments.
const FEATURE_SETS: [&[&str]; 5] = [
    &["--no-default-features"],
    &["--no-default-features", "--features", "owners"],
    &["--no-default-features", "--features", "owners,server"],
    &["--no-default-features", "--features", "server"],
    &["--features", "server"],
];

#[test]
fn each_feature_set_compiles_without_warnings() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tag-features");
    let crate_dir = write_fixture_crate(&root.join("harbour"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for features in FEATURE_SETS {
        // Its own workspace and lock file, resolved offline from the crates this workspace
        // already downloaded, built in a target folder of its own.
        let output = Command::new(&cargo)
            .args(["check", "--offline", "--quiet", "--manifest-path"])
            .arg(crate_dir.join("Cargo.toml"))
            .args(features)
            .env("CARGO_TARGET_DIR", root.join("target"))
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{features:?}:\n{stderr}");
        assert!(!stderr.contains("warning"), "{features:?}:\n{stderr}");
    }
}

/// Generates the crate into `dir` and denies warnings in its manifest.
fn write_fixture_crate(dir: &Path) -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = manifest.join("../../crates/docspec-codegen/tests/fixtures/tags.yaml");
    let text = std::fs::read_to_string(fixture).unwrap();
    let spec: openapiv3::OpenAPI = serde_yaml_ng::from_str(&text).unwrap();
    let runtime = std::fs::canonicalize(manifest.join("../../crates/docspec-runtime")).unwrap();
    let settings = GenSettings {
        crate_name: "harbour".to_owned(),
        regenerate_with: "cargo test -p codegen-compile --test tag_features".to_owned(),
        runtime_path: runtime.display().to_string(),
        own_workspace: true,
    };
    let generated = generate_crate(&spec, &settings).unwrap();
    for (path, contents) in &generated.files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut contents = contents.clone();
        if path.ends_with("Cargo.toml") {
            contents.push_str("\n[lints.rust]\nwarnings = \"deny\"\n");
        }
        std::fs::write(path, contents).unwrap();
    }
    dir.to_owned()
}
