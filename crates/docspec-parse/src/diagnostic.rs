//! Diagnostics: what went wrong, where, and how bad it is.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is. `--strict` turns every warning into an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Informational: nothing is lost, but the reader may want to know.
    Note,
    /// Something on the page was odd or lost; the output is still produced.
    Warning,
    /// The page (or part of it) could not be used.
    Error,
}

/// One anomaly found in an input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// The file the anomaly was found in, as given to the parser.
    pub file: PathBuf,
    /// 1-based line number.
    pub line: u32,
    /// How serious it is.
    pub severity: Severity,
    /// A short, stable kebab-case name for the kind of anomaly (`unknown-type-word`,
    /// `sample-not-json`), used to count diagnostics by kind in the run summary.
    pub kind: &'static str,
    /// A one-line, human-readable reason.
    pub message: String,
}

impl Diagnostic {
    /// A warning of `kind` at `file:line`.
    pub fn warning(
        file: impl Into<PathBuf>,
        line: u32,
        kind: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            line,
            severity: Severity::Warning,
            kind,
            message: message.into(),
        }
    }

    /// An error of `kind` at `file:line`.
    pub fn error(
        file: impl Into<PathBuf>,
        line: u32,
        kind: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            line,
            severity: Severity::Error,
            kind,
            message: message.into(),
        }
    }

    /// A note of `kind` at `file:line`.
    pub fn note(
        file: impl Into<PathBuf>,
        line: u32,
        kind: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            line,
            severity: Severity::Note,
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{level}[{}]: {}:{}: {}",
            self.kind,
            self.file.display(),
            self.line,
            self.message
        )
    }
}

/// Collects the diagnostics of one file, so the parsing code names only the line and kind.
pub(crate) struct Reporter<'a> {
    file: &'a Path,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    /// A reporter that appends to `diagnostics` for `file`.
    pub(crate) fn new(file: &'a Path, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        Self { file, diagnostics }
    }

    /// Records a warning.
    pub(crate) fn warning(&mut self, line: u32, kind: &'static str, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(self.file, line, kind, message));
    }

    /// Records an error.
    pub(crate) fn error(&mut self, line: u32, kind: &'static str, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(self.file, line, kind, message));
    }

    /// Records a note.
    pub(crate) fn note(&mut self, line: u32, kind: &'static str, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::note(self.file, line, kind, message));
    }
}
