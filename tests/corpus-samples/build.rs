//! Builds the OpenAPI document from the real reference pages in
//! `../shared/corpus/superoffice-2023/restful` and generates its module, with the opt-in
//! `example_checks`, into `OUT_DIR/corpus.rs`. Without the corpus, or in an optimized build
//! (the bench), it writes a stub and warns, so the crate still builds and its test says it
//! skipped.

use std::path::{Path, PathBuf};

use docspec_codegen::{GenSettings, generate_example_checks, generate_module};
use docspec_spec::{SpecSettings, build_spec};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_file = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("corpus.rs");
    let corpus = manifest.join("../../../shared/corpus/superoffice-2023/restful");
    // Cargo scans a folder named here for changes in any file below it.
    println!("cargo:rerun-if-changed={}", corpus.display());

    // The bench links this crate but needs no generated module, and compiling half a million
    // lines with optimizations takes many minutes; the samples test runs in debug.
    let optimized = std::env::var("PROFILE").is_ok_and(|profile| profile == "release");
    let source = match corpus.is_dir() {
        true if optimized => {
            println!("cargo:warning=optimized build: the corpus module is a stub");
            STUB.to_owned()
        }
        true => generate(&corpus),
        false => {
            println!(
                "cargo:warning=corpus missing at {}: building a stub",
                corpus.display()
            );
            STUB.to_owned()
        }
    };
    std::fs::write(&out_file, source).unwrap();
}

/// The generated module, the example checks, and the facts the test needs.
fn generate(corpus: &Path) -> String {
    let loaded = docspec_parse::load_dir(corpus);
    let settings = SpecSettings {
        title: "SuperOffice".to_owned(),
        version: "2023".to_owned(),
    };
    let spec = build_spec(&loaded.pages, &settings).openapi;
    let gen_settings = GenSettings {
        crate_name: "corpus-samples".to_owned(),
        regenerate_with: "cargo build -p corpus-samples".to_owned(),
        runtime_path: "../../crates/docspec-runtime".to_owned(),
        own_workspace: false,
    };
    let module = generate_module(&spec, &gen_settings).unwrap_or_else(|err| panic!("{err}"));
    let checks = generate_example_checks(&spec).unwrap_or_else(|err| panic!("{err}"));
    // Paths in the document are relative to the one server's URL (`/api/v1`).
    let base = spec
        .servers
        .first()
        .map(|server| server.url.as_str())
        .unwrap_or_default();
    format!(
        "{module}\n{checks}\n\
         /// Whether the corpus was there at build time.\n\
         pub const CORPUS_PRESENT: bool = true;\n\n\
         /// The server URL that the document's paths are relative to.\n\
         pub const API_BASE: &str = {base:?};\n"
    )
}

const STUB: &str = r#"
/// Whether the corpus module was generated (the corpus was there, the build not optimized).
pub const CORPUS_PRESENT: bool = false;

/// The server URL that the document's paths are relative to.
pub const API_BASE: &str = "";

/// Empty: no corpus module was generated.
pub mod example_checks {
    /// Always `None`: no corpus module was generated.
    pub fn roundtrip_sample(
        _method: &str,
        _path: &str,
        _part: ::docspec_runtime::examples::SamplePart,
        _body: &::serde_json::Value,
    ) -> ::std::option::Option<::std::result::Result<(), ::std::string::String>> {
        ::std::option::Option::None
    }
}
"#;
