//! Repository automation behind `cargo xtask`. The one task, `regen`, rebuilds the checked-in
//! outputs from the embedded example: `specs/pages/` → `specs/openapi.yaml` → `generated/`.
//! A workspace test runs it in check mode, so `cargo test` fails when they are stale.

#![deny(missing_docs)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

    // Crate: generated from the document, as a member of this workspace, then formatted the
    // way `cargo fmt --all --check` wants every member to be.
    let mut generated = docspec::spec_to_crate(&run.openapi, &spec_path, &gen_settings())?;
    for (path, source) in generated.files.iter_mut() {
        if path.extension().is_some_and(|it| it == "rs") {
            *source = rustfmt(source, &root.join("rustfmt.toml"))
                .map_err(|err| format_err!("formatting {}: {err:#}", path.display()))?;
        }
    }

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

/// Formats `source` with the toolchain's rustfmt and the workspace's `rustfmt.toml`.
///
/// Committed code is checked by `cargo fmt`, so it is formatted by rustfmt; build scripts use
/// the generator's prettyplease output as it is, since they cannot rely on a rustfmt binary.
fn rustfmt(source: &str, config: &Path) -> anyhow::Result<String> {
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(&rustfmt)
        .arg("--config-path")
        .arg(config)
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| {
            format_err!(
                "cannot run {rustfmt:?} ({err}); install it with `rustup component add rustfmt`"
            )
        })?;
    // Writing from another thread keeps a large file from filling both pipes at once.
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| format_err!("rustfmt has no stdin"))?;
    let input = source.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output()?;
    writer
        .join()
        .map_err(|_| format_err!("writing to rustfmt panicked"))??;
    if !output.status.success() {
        return Err(format_err!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8(output.stdout)?)
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
