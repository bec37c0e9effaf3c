//! The build script API: generate Rust code from a docs folder or an OpenAPI file into
//! `OUT_DIR`, and tell Cargo to rerun when any input changes.
//!
//! ```no_run
//! // In build.rs's `main`:
//! docspec::build::generate(std::path::Path::new("../../specs/openapi.yaml"))
//!     .expect("generating the API module");
//! ```
//!
//! ```text
//! // src/lib.rs: the module is named after the input's file stem.
//! include!(concat!(env!("OUT_DIR"), "/openapi.rs"));
//! ```

use std::path::{Path, PathBuf};

use docspec_codegen::GenSettings;
use docspec_parse::Severity;
use docspec_spec::SpecSettings;
use openapiv3::OpenAPI;

use crate::Error;
use crate::writer::{self, Outputs, WriteMode};

/// Generates one formatted Rust module from `input` (a folder of reference pages, a single
/// page, or an OpenAPI `.yaml`/`.yml`/`.json` file) and writes it to
/// `$OUT_DIR/<input file stem>.rs`, which is returned.
///
/// Prints `cargo:rerun-if-changed` for the input and for every page read from it, and
/// `cargo:warning` for each diagnostic. Diagnostics of error severity fail the build.
pub fn generate(input: &Path) -> Result<PathBuf, Error> {
    let out_dir = std::env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or(Error::NoOutDir)?;
    let stem = input
        .file_stem()
        .map_or_else(|| "api".into(), |it| it.to_string_lossy());
    generate_to(input, &out_dir.join(format!("{stem}.rs")))
}

/// Like [`generate`], but writes the module to `out_file`.
pub fn generate_to(input: &Path, out_file: &Path) -> Result<PathBuf, Error> {
    // Rerun when the input changes; for a folder Cargo also notices added or removed files.
    println!("cargo:rerun-if-changed={}", input.display());

    // Read: the OpenAPI document, from pages or from a file.
    let openapi = read_input(input)?;

    // Generate: one module; the crate name only appears in documentation.
    let crate_name = std::env::var("CARGO_PKG_NAME").unwrap_or_else(|_| "api".to_string());
    let settings = GenSettings {
        crate_name,
        regenerate_with: "cargo build (docspec::build::generate in build.rs)".to_string(),
        runtime_path: String::new(),
        own_workspace: false,
    };
    let code = docspec_codegen::generate_module(&openapi, &settings).map_err(|source| {
        let text = std::fs::read_to_string(input).ok();
        Error::codegen(input, text.as_deref(), source)
    })?;

    // Write: only when the contents changed, so dependants are not rebuilt needlessly.
    let mut outputs = Outputs::new();
    outputs.add(out_file.to_path_buf(), code);
    writer::commit(&outputs, WriteMode::Write)?;
    Ok(out_file.to_path_buf())
}

/// Reads `input` as an OpenAPI file when it has a spec extension, else as reference pages.
fn read_input(input: &Path) -> Result<OpenAPI, Error> {
    if input.is_file() && crate::spec_io::SpecFormat::from_path(input).is_ok() {
        return crate::spec_io::read_spec(input);
    }
    let title = input
        .file_name()
        .map_or_else(String::new, |it| it.to_string_lossy().into_owned());
    let settings = SpecSettings {
        title,
        version: "1.0".to_string(),
    };
    let run = crate::docs_to_spec(&[input.to_path_buf()], &settings)?;
    for page in &run.inputs {
        println!("cargo:rerun-if-changed={}", page.display());
    }
    for diagnostic in &run.diagnostics {
        if diagnostic.severity >= Severity::Warning {
            println!("cargo:warning={diagnostic}");
        }
    }
    let count = run.error_count(false);
    if count > 0 {
        return Err(Error::Diagnostics { count });
    }
    Ok(run.openapi)
}
