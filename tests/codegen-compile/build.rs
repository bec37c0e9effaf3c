//! Generates one module per input into `OUT_DIR`: every fixture of `docspec-codegen` and
//! every document in `../shared/openapi-samples` (skipped with a warning when that folder is
//! missing), plus `modules.rs`, which `src/lib.rs` includes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use docspec_codegen::{GenSettings, generate_module};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let fixtures = manifest.join("../../crates/docspec-codegen/tests/fixtures");
    let samples = manifest.join("../../../shared/openapi-samples");

    let mut inputs: Vec<(String, PathBuf, bool)> = Vec::new();
    for (prefix, dir, required) in [("fixture", &fixtures, true), ("sample", &samples, false)] {
        println!("cargo:rerun-if-changed={}", dir.display());
        let Ok(entries) = std::fs::read_dir(dir) else {
            if required {
                panic!("cannot read {}", dir.display());
            }
            println!(
                "cargo:warning=skipping samples: {} is missing",
                dir.display()
            );
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
        paths.sort();
        for path in paths {
            let extension = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            if !matches!(extension, "yaml" | "yml" | "json") {
                continue;
            }
            let stem = path
                .file_stem()
                .unwrap()
                .to_str()
                .unwrap()
                .replace(['-', '.'], "_");
            inputs.push((format!("{prefix}_{stem}"), path, required));
        }
    }

    let mut modules = String::new();
    let mut route_tables = String::new();
    for (name, path, required) in inputs {
        println!("cargo:rerun-if-changed={}", path.display());
        match generate(&path) {
            Ok(source) => {
                std::fs::write(out_dir.join(format!("{name}.rs")), source).unwrap();
                let doc = format!(
                    "Generated from `{}`.",
                    path.file_name().unwrap().to_string_lossy()
                );
                writeln!(route_tables, "    (\"{name}\", {name}::server::ROUTES),").unwrap();
                writeln!(modules, "#[doc = {doc:?}]\npub mod {name} {{").unwrap();
                writeln!(
                    modules,
                    "    include!(concat!(env!(\"OUT_DIR\"), \"/{name}.rs\"));\n}}"
                )
                .unwrap();
            }
            Err(err) if required => panic!("{}: {err}", path.display()),
            Err(err) => println!("cargo:warning=skipping {}: {err}", path.display()),
        }
    }
    writeln!(
        modules,
        "/// The `ROUTES` table of every generated module, by module name."
    )
    .unwrap();
    writeln!(modules, "#[cfg(feature = \"server\")]").unwrap();
    writeln!(
        modules,
        "pub const ALL_ROUTES: &[(&str, &[(&str, &str)])] = &[\n{route_tables}];"
    )
    .unwrap();
    std::fs::write(out_dir.join("modules.rs"), modules).unwrap();
}

fn generate(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|err| err.to_string())?;
    let spec: openapiv3::OpenAPI = match path.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::from_str(&text).map_err(|err| err.to_string())?,
        _ => serde_yaml_ng::from_str(&text).map_err(|err| err.to_string())?,
    };
    let settings = GenSettings {
        crate_name: "codegen-compile".to_owned(),
        regenerate_with: "cargo build -p codegen-compile".to_owned(),
        runtime_path: "../../crates/docspec-runtime".to_owned(),
        own_workspace: false,
    };
    generate_module(&spec, &settings).map_err(|err| err.to_string())
}
