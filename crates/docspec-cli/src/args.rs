//! Command line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (with --check: every output is up to date)
  1  the input pages have errors, an unreadable page among them (or warnings, with
     --strict), or the spec contradicts itself or uses something the generator cannot
     express (each problem is listed with its line); nothing was written
  2  usage error (unknown flag, missing argument)
  3  a path named on the command line could not be read or written, a spec file is not
     valid YAML, JSON or OpenAPI 3.0, or an output would replace a file docspec did not
     generate; nothing was written
  4  --check: some outputs would change (they are listed); nothing was written";

/// Turns docfx-style API reference pages into an OpenAPI 3.0 document, and an OpenAPI 3.0
/// document into a Rust crate (serde types, a handler trait per tag, axum server glue).
#[derive(Debug, Parser)]
#[command(name = "docspec", version, after_help = EXIT_CODES)]
pub(crate) struct Args {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,

    /// Print more: -v notes and files written, -vv debug logs, -vvv trace logs.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Read reference pages and write one OpenAPI document (YAML or JSON by extension).
    #[command(after_help = EXIT_CODES)]
    Spec(SpecArgs),
    /// Generate a Rust crate from an OpenAPI 3.0 document (YAML or JSON).
    #[command(after_help = EXIT_CODES)]
    Gen(GenArgs),
    /// Both: write DIR/openapi.yaml from the pages and a crate generated from it into DIR.
    #[command(after_help = EXIT_CODES)]
    Build(BuildArgs),
}

/// Flags shared by every command that writes.
#[derive(Debug, clap::Args)]
pub(crate) struct OutputArgs {
    /// Where to write (a file for `spec`, a folder for `gen` and `build`).
    #[arg(short, long, value_name = "PATH")]
    pub(crate) output: PathBuf,

    /// Write nothing; exit with 4 and list the outputs that would change.
    #[arg(long)]
    pub(crate) check: bool,
}

/// What `spec` and `build` read: the pages and the document's `info`.
#[derive(Debug, clap::Args)]
pub(crate) struct PagesArgs {
    /// Folders of reference pages (searched recursively) or single pages.
    #[arg(required = true, value_name = "DOCS")]
    pub(crate) docs: Vec<PathBuf>,

    /// `info.title` of the document [default: the first DOCS folder's name].
    #[arg(long)]
    pub(crate) title: Option<String>,

    /// `info.version` of the document.
    #[arg(long, default_value = "1.0")]
    pub(crate) api_version: String,

    /// Treat warnings about the pages as errors.
    #[arg(long)]
    pub(crate) strict: bool,
}

impl PagesArgs {
    /// The flags that change the output, as a command line repeats them.
    pub(crate) fn output_flags(&self) -> Vec<(&'static str, &str)> {
        let mut flags = Vec::new();
        if let Some(title) = &self.title {
            flags.push(("--title", title.as_str()));
        }
        if self.api_version != "1.0" {
            flags.push(("--api-version", self.api_version.as_str()));
        }
        flags
    }
}

/// How `gen` and `build` name the crate and find its runtime.
#[derive(Debug, clap::Args)]
pub(crate) struct CrateArgs {
    /// Name of the generated crate [default: the output folder's name].
    #[arg(long)]
    pub(crate) crate_name: Option<String>,

    /// Path from the output folder to the docspec-runtime crate [default: computed from
    /// where this docspec was built].
    #[arg(long, value_name = "PATH")]
    pub(crate) runtime_path: Option<String>,
}

impl CrateArgs {
    /// The flags that change the output, as a command line repeats them.
    pub(crate) fn output_flags(&self) -> Vec<(&'static str, &str)> {
        let mut flags = Vec::new();
        if let Some(name) = &self.crate_name {
            flags.push(("--crate-name", name.as_str()));
        }
        if let Some(path) = &self.runtime_path {
            flags.push(("--runtime-path", path.as_str()));
        }
        flags
    }
}

/// `docspec spec`.
#[derive(Debug, clap::Args)]
pub(crate) struct SpecArgs {
    #[command(flatten)]
    pub(crate) pages: PagesArgs,

    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

/// `docspec gen`.
#[derive(Debug, clap::Args)]
pub(crate) struct GenArgs {
    /// The OpenAPI 3.0 document (`.yaml`, `.yml` or `.json`).
    #[arg(value_name = "SPEC")]
    pub(crate) spec: PathBuf,

    #[command(flatten)]
    pub(crate) krate: CrateArgs,

    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

/// `docspec build`.
#[derive(Debug, clap::Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) pages: PagesArgs,

    #[command(flatten)]
    pub(crate) krate: CrateArgs,

    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_consistent() {
        <Args as clap::CommandFactory>::command().debug_assert();
    }
}
