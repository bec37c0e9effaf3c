//! Pins the generated code for each fixture in `tests/fixtures/*.yaml`; the snapshot sits next
//! to its fixture. Review changes with `cargo insta review`.

use docspec_codegen::{GenSettings, generate_module};

fn settings() -> GenSettings {
    GenSettings {
        crate_name: "fixture".to_owned(),
        regenerate_with: "cargo insta test -p docspec-codegen".to_owned(),
        runtime_path: "../docspec-runtime".to_owned(),
        own_workspace: false,
    }
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*.yaml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let spec: openapiv3::OpenAPI = serde_yaml_ng::from_str(&text).unwrap();
        let module = generate_module(&spec, &settings())
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let name = path.file_stem().unwrap().to_str().unwrap();
        insta::with_settings!({
            snapshot_path => "fixtures",
            prepend_module_to_snapshot => false,
            omit_expression => true,
            input_file => path,
            snapshot_suffix => "",
        }, {
            insta::assert_snapshot!(name, module);
        });
    });
}

/// Pins the per-tag features of a generated crate: the `Cargo.toml` features, the README and
/// the `cfg` attributes in every module.
#[test]
fn crate_with_tag_features() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tags.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let spec: openapiv3::OpenAPI = serde_yaml_ng::from_str(&text).unwrap();
    let generated = docspec_codegen::generate_crate(&spec, &settings()).unwrap();
    let mut all = String::new();
    for (file, contents) in &generated.files {
        all.push_str(&format!("==> {} <==\n{contents}\n", file.display()));
    }
    insta::with_settings!({
        snapshot_path => "fixtures",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("tags_crate", all);
    });
}
