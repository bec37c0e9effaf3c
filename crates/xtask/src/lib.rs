//! Repository automation behind `cargo xtask`. The one task, `regen`, rebuilds the checked-in
//! outputs from the embedded example: `specs/pages/` → `specs/openapi.yaml` → `generated/`.
//! A workspace test runs it in check mode, so `cargo test` fails when they are stale.

#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use anyhow::format_err;
use docspec::codegen::GenSettings;
use docspec::spec::SpecSettings;
use docspec::spec_io::SpecFormat;
use docspec::writer::{self, FileChange, Outputs, WriteMode};

/// The command that regenerates the outputs, quoted in their first lines and in errors.
pub const REGEN_COMMAND: &str = "cargo xtask regen";

/// The name of the crate in `generated/`.
pub const GENERATED_CRATE_NAME: &str = "marina-api";

/// The root of this repository.
pub fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .ancestors()
        .nth(2)
        .unwrap_or(manifest_dir)
        .to_path_buf()
}

/// Rebuilds `specs/openapi.yaml` and `generated/` below `root` from `specs/pages/`. In
/// [`WriteMode::Check`] nothing is written and stale outputs are an error that names
/// [`REGEN_COMMAND`]. Returns the files that changed.
pub fn regen(root: &Path, mode: WriteMode) -> anyhow::Result<Vec<FileChange>> {
    let docs = root.join("specs/pages");
    let spec_path = root.join("specs/openapi.yaml");
    let crate_dir = root.join("generated");

    // Spec: the example pages to one document; the example must read without errors.
    let settings = SpecSettings {
        title: "Marina API".to_string(),
        version: "1.0".to_string(),
    };
    let run = docspec::docs_to_spec(&[docs], &settings)?;
    for diagnostic in &run.diagnostics {
        eprintln!("{}", relative_to(root, &diagnostic.to_string()));
    }
    let n_errors = run.error_count(false);
    if n_errors > 0 {
        return Err(format_err!(
            "the example pages have {n_errors} errors; fix them first"
        ));
    }
    let header = docspec::generated_header(REGEN_COMMAND);
    let spec_text =
        docspec::spec_io::render_spec(&run.openapi, SpecFormat::Yaml, Some(&header), &spec_path)?;

    // Crate: generated from the document, as a member of this workspace.
    let generated = docspec::spec_to_crate(&run.openapi, &spec_path, &gen_settings())?;

    // Write: one shared writer for both outputs.
    let mut outputs = Outputs::new();
    outputs.add(spec_path, spec_text);
    outputs.add_tree(&crate_dir, &generated.files);
    // The stub generator emits no files; pruning then would delete the member's manifest.
    if !generated.files.is_empty() {
        outputs.remove_others_under(&crate_dir)?;
    }
    let changes = writer::commit(&outputs, mode)?;

    if mode == WriteMode::Check && !changes.is_empty() {
        let stale: Vec<String> = changes
            .iter()
            .map(|it| relative_to(root, &it.to_string()))
            .collect();
        return Err(format_err!(
            "generated files are stale:\n  {}\nrun `{REGEN_COMMAND}` to update them",
            stale.join("\n  ")
        ));
    }
    Ok(changes)
}

fn gen_settings() -> GenSettings {
    GenSettings {
        crate_name: GENERATED_CRATE_NAME.to_string(),
        regenerate_with: REGEN_COMMAND.to_string(),
        runtime_path: "../crates/docspec-runtime".to_string(),
        own_workspace: false,
    }
}

/// `text` with the repository root prefix removed from any path in it, for short messages.
fn relative_to(root: &Path, text: &str) -> String {
    let prefix = format!("{}/", root.display());
    text.replace(&prefix, "")
}
