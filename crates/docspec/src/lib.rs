//! docspec: markdown API reference pages to an OpenAPI 3.0 document, and an OpenAPI 3.0
//! document to Rust code. This crate ties the pipeline stages together for the CLI, for
//! `cargo xtask regen`, and for downstream build scripts ([`mod@build`]).
//!
//! Each job is one function that reads as the pipeline it runs:
//!
//! - [`docs_to_spec`]: read pages → build the OpenAPI document.
//! - [`spec_to_crate`]: OpenAPI document → the files of a Rust crate.
//! - [`build()`]: both, into one set of [`writer::Outputs`] ([`build_outputs`] is its second
//!   half, for callers that check the diagnostics in between).
//!
//! None of them writes a file: they return what to write, and [`writer::commit`] writes it
//! atomically (or, in check mode, only compares). So a failing run never leaves half its
//! output behind.

#![deny(missing_docs)]

pub mod build;
mod error;
pub mod paths;
pub mod spec_io;
pub mod writer;

pub use docspec_codegen as codegen;
pub use docspec_parse as parse;
pub use docspec_spec as spec;
pub use error::Error;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use docspec_codegen::{GenSettings, GeneratedCrate};
use docspec_parse::{Corpus, Diagnostic, GENERATED_MARKER, Severity};
use docspec_spec::{SpecSettings, Summary};
use openapiv3::OpenAPI;

use crate::spec_io::SpecFormat;
use crate::writer::Outputs;

/// The file name [`build()`] gives the spec inside the output crate.
pub const SPEC_FILE_NAME: &str = "openapi.yaml";

/// What reading pages and building a document produced.
#[derive(Debug, Clone)]
pub struct SpecRun {
    /// The document.
    pub openapi: OpenAPI,
    /// Everything odd found in the pages and while building, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages, operations and schemas, for the summary line.
    pub summary: Summary,
    /// Markdown files considered endpoint pages.
    pub files_read: usize,
    /// Of those, files that produced no operation.
    pub files_skipped: usize,
    /// Every file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
}

impl SpecRun {
    /// How many diagnostics count as errors: errors, plus warnings when `strict`.
    pub fn error_count(&self, strict: bool) -> usize {
        count_errors(&self.diagnostics, strict)
    }
}

/// What [`build()`] produced: the spec run and every file to write.
#[derive(Debug, Clone)]
pub struct BuildRun {
    /// The spec and what was found while building it.
    pub spec: SpecRun,
    /// The spec file and the crate's files, by absolute or caller-relative path.
    pub outputs: Outputs,
}

/// Reads every page in `docs` (folders are searched recursively; single `.md` files are
/// read as they are) and builds one OpenAPI document from them.
pub fn docs_to_spec(docs: &[PathBuf], settings: &SpecSettings) -> Result<SpecRun, Error> {
    // Read: every page below every input, in path order, with the parser's diagnostics.
    let corpus = load_pages(docs)?;
    tracing::info!(
        files = corpus.files_read,
        pages = corpus.pages.len(),
        "read pages"
    );

    // Build: one document from all pages, with the builder's diagnostics.
    let built = docspec_spec::build_spec(&corpus.pages, settings);
    tracing::info!(
        operations = built.summary.operations,
        schemas = built.summary.schemas,
        "built OpenAPI document"
    );

    // Report: parser and builder diagnostics together, ordered by file and line.
    let mut diagnostics = corpus.diagnostics;
    diagnostics.extend(built.diagnostics);
    resolve_diagnostic_paths(&mut diagnostics, docs);
    diagnostics.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Ok(SpecRun {
        openapi: built.openapi,
        diagnostics,
        summary: built.summary,
        files_read: corpus.files_read,
        files_skipped: corpus.files_skipped,
        inputs: corpus.inputs,
    })
}

/// Generates the files of a crate from `openapi`. `source` names the document (or docs
/// folder) in errors; when it is the document's file, errors give the line of each problem.
pub fn spec_to_crate(
    openapi: &OpenAPI,
    source: &Path,
    settings: &GenSettings,
) -> Result<GeneratedCrate, Error> {
    let text = || std::fs::read_to_string(source).ok();
    generate_crate_files(openapi, source, text, settings)
}

/// [`spec_to_crate`], with the document's text (for error lines) fetched only on failure.
fn generate_crate_files(
    openapi: &OpenAPI,
    source: &Path,
    text: impl FnOnce() -> Option<String>,
    settings: &GenSettings,
) -> Result<GeneratedCrate, Error> {
    let generated = docspec_codegen::generate_crate(openapi, settings)
        .map_err(|err| Error::codegen(source, text().as_deref(), err))?;
    let n_files = generated.files.len();
    tracing::info!(files = n_files, crate_name = %settings.crate_name, "generated crate");
    Ok(generated)
}

/// Reads `docs`, builds the spec and generates a crate into `out_dir`: the spec goes to
/// `out_dir/openapi.yaml`, the crate's files beside it. Nothing is written; commit the
/// returned outputs with [`writer::commit`] once the diagnostics are acceptable.
pub fn build(
    docs: &[PathBuf],
    out_dir: &Path,
    spec_settings: &SpecSettings,
    gen_settings: &GenSettings,
) -> Result<BuildRun, Error> {
    // Spec: pages to one OpenAPI document.
    let spec = docs_to_spec(docs, spec_settings)?;

    // Outputs: the document and the crate generated from it.
    let outputs = build_outputs(&spec.openapi, out_dir, gen_settings)?;
    Ok(BuildRun { spec, outputs })
}

/// The second half of [`build()`], for callers that look at the diagnostics first: the spec as
/// `out_dir/openapi.yaml` and the crate generated from it into `out_dir`.
pub fn build_outputs(
    openapi: &OpenAPI,
    out_dir: &Path,
    gen_settings: &GenSettings,
) -> Result<Outputs, Error> {
    // Render: the document as YAML, headed by how to regenerate it.
    let spec_path = out_dir.join(SPEC_FILE_NAME);
    let header = generated_header(&gen_settings.regenerate_with);
    let spec_text = spec_io::render_spec(openapi, SpecFormat::Yaml, Some(&header), &spec_path)?;

    // Generate: the crate's files from the document.
    // The spec is not written yet, so its lines come from the text just rendered.
    let text = || Some(spec_text.clone());
    let generated = generate_crate_files(openapi, &spec_path, text, gen_settings)?;

    let mut outputs = Outputs::new();
    outputs.add(spec_path, spec_text);
    outputs.add_tree(out_dir, &generated.files);
    Ok(outputs)
}

/// Code generation settings for a crate written to `out_dir` by the docspec CLI: the runtime
/// is found relative to `out_dir` (unless `runtime_path` overrides it), and the crate gets its
/// own `[workspace]` unless `out_dir` is a member of the docspec workspace.
pub fn gen_settings_for_dir(
    out_dir: &Path,
    crate_name: &str,
    regenerate_with: &str,
    runtime_path: Option<&str>,
) -> Result<GenSettings, Error> {
    let runtime_path = match runtime_path {
        Some(path) => path.to_string(),
        None => paths::relative_path(out_dir, &paths::runtime_source_dir())?,
    };
    let own_workspace = !paths::is_workspace_member(&paths::workspace_root(), out_dir)?;
    Ok(GenSettings {
        crate_name: crate_name.to_string(),
        regenerate_with: regenerate_with.to_string(),
        runtime_path,
        own_workspace,
    })
}

/// The first line of every generated file (without a comment marker).
pub fn generated_header(regenerate_with: &str) -> String {
    format!("{GENERATED_MARKER}; do not edit. Regenerate with: {regenerate_with}")
}

/// How many `diagnostics` count as errors: errors, plus warnings when `strict`.
pub fn count_errors(diagnostics: &[Diagnostic], strict: bool) -> usize {
    let threshold = if strict {
        Severity::Warning
    } else {
        Severity::Error
    };
    diagnostics
        .iter()
        .filter(|it| it.severity >= threshold)
        .count()
}

/// Diagnostics counted by kind, in kind order, for the summary line.
pub fn count_by_kind(diagnostics: &[Diagnostic]) -> BTreeMap<&'static str, usize> {
    let mut acc = BTreeMap::new();
    for diagnostic in diagnostics {
        *acc.entry(diagnostic.kind).or_insert(0) += 1;
    }
    acc
}

/// Reads all inputs into one corpus, pages sorted by path with duplicates dropped.
fn load_pages(docs: &[PathBuf]) -> Result<Corpus, Error> {
    let mut acc = Corpus::default();
    for input in distinct_inputs(docs) {
        let corpus = match std::fs::metadata(input) {
            Ok(meta) if meta.is_dir() => {
                let corpus = docspec_parse::load_dir(input);
                if corpus.files_read == 0 {
                    acc.diagnostics.push(Diagnostic::warning(
                        input,
                        0,
                        "no-pages",
                        "no `.md` pages in this folder or below it",
                    ));
                }
                corpus
            }
            Ok(_) => docspec_parse::load_file(input),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::MissingInput {
                    path: input.clone(),
                });
            }
            Err(err) => return Err(Error::io(input, "reading", err)),
        };
        acc.pages.extend(corpus.pages);
        acc.diagnostics.extend(corpus.diagnostics);
        acc.files_read += corpus.files_read;
        acc.files_skipped += corpus.files_skipped;
        acc.inputs.extend(corpus.inputs);
    }
    acc.pages.sort_by(|a, b| a.file.cmp(&b.file));
    acc.pages.dedup_by(|a, b| a.file == b.file);
    acc.inputs.sort();
    acc.inputs.dedup();
    Ok(acc)
}

/// `docs` without repeats: an input given twice (`pages pages/`, or through another relative
/// path) is read once. Inputs that cannot be resolved are kept, to be reported when read.
fn distinct_inputs(docs: &[PathBuf]) -> Vec<&PathBuf> {
    let mut seen = std::collections::HashSet::new();
    docs.iter()
        .filter(|input| {
            let key = std::fs::canonicalize(input).unwrap_or_else(|_| input.to_path_buf());
            let first = seen.insert(key);
            if !first {
                tracing::info!(input = %input.display(), "input given twice; read once");
            }
            first
        })
        .collect()
}

/// The parser names files from the docs folder's name on (`pages/rest/Berth/x.md`); this
/// turns such names back into paths that open from the current directory
/// (`specs/pages/rest/Berth/x.md`), so diagnostics can show the source line.
fn resolve_diagnostic_paths(diagnostics: &mut [Diagnostic], docs: &[PathBuf]) {
    let bases: Vec<&Path> = docs
        .iter()
        .filter(|it| it.is_dir())
        .filter_map(|it| it.parent())
        .collect();
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.file.is_absolute() || diagnostic.file.is_file() {
            continue;
        }
        let resolved = bases
            .iter()
            .map(|base| base.join(&diagnostic.file))
            .find(|it| it.is_file());
        if let Some(path) = resolved {
            diagnostic.file = path;
        }
    }
}
