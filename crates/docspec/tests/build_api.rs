//! The build script API on the embedded example: from the pages and from the spec.

use std::path::{Path, PathBuf};

fn repo_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

#[test]
fn generates_one_module_from_pages_or_from_the_spec() {
    let tmp = tempfile::tempdir().unwrap();
    for input in ["specs/pages", "specs/openapi.yaml"] {
        let out_file = tmp.path().join(format!("{}.rs", input.replace('/', "_")));
        let written = docspec::build::generate_to(&repo_file(input), &out_file).unwrap();
        assert_eq!(written, out_file);
        let module = std::fs::read_to_string(&out_file).unwrap();
        assert!(module.starts_with("// @generated"), "{input}: {module}");
        assert!(
            module.contains("pub trait Berth"),
            "{input}: no Berth trait"
        );
    }
}

#[test]
fn outside_a_build_script_there_is_no_out_dir() {
    // Cargo sets OUT_DIR for build scripts only; tests of a crate without one have none.
    if std::env::var_os("OUT_DIR").is_some() {
        return;
    }
    let err = docspec::build::generate(&repo_file("specs/openapi.yaml")).unwrap_err();
    assert!(matches!(err, docspec::Error::NoOutDir), "{err}");
}

#[test]
fn a_missing_input_names_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nowhere.yaml");
    let err = docspec::build::generate_to(&missing, &tmp.path().join("x.rs")).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}: no such file or directory", missing.display())
    );
}
