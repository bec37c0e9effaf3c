//! What the user reads: diagnostics rendered like rustc's (file, line, the source line, the
//! reason), a one-line summary, and the list of files written or stale.

use std::collections::HashMap;
use std::io::IsTerminal as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use codespan_reporting::term::{self, Config};
use docspec::parse::{Diagnostic, Severity};
use docspec::writer::{Change, FileChange, WriteMode};
use docspec::{Error, SpecRun};
use openapiv3::OpenAPI;

use crate::progress::Progress;

/// Prints to stderr, honouring `-q` and `-v`, with the progress spinner out of the way.
pub(crate) struct Reporter {
    quiet: bool,
    verbose: bool,
    color: ColorChoice,
    progress: Progress,
}

impl Reporter {
    /// A reporter for the given verbosity flags.
    pub(crate) fn new(quiet: bool, verbose: u8, progress: Progress) -> Reporter {
        let color = if std::io::stderr().is_terminal() {
            ColorChoice::Auto
        } else {
            ColorChoice::Never
        };
        Reporter {
            quiet,
            verbose: verbose > 0,
            color,
            progress,
        }
    }

    /// Renders each diagnostic with its source line: errors always, warnings unless `-q`,
    /// notes only with `-v`.
    pub(crate) fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        self.diagnostics_of_run(diagnostics, false);
    }

    /// Like [`Reporter::diagnostics`]; under `strict` warnings are errors, so `-q` shows them.
    pub(crate) fn diagnostics_of_run(&self, diagnostics: &[Diagnostic], strict: bool) {
        let mut sources = Sources::default();
        let stderr = StandardStream::stderr(self.color);
        let config = Config::default();
        self.progress.suspend(|| {
            let mut out = stderr.lock();
            let shown = |it: &&Diagnostic| {
                self.shows(it.severity) || (strict && it.severity == Severity::Warning)
            };
            for diagnostic in diagnostics.iter().filter(shown) {
                let report = sources.report(diagnostic);
                if term::emit_to_write_style(&mut out, &config, &sources.files, &report).is_err() {
                    eprintln!("{diagnostic}");
                }
            }
        });
    }

    /// Prints a fatal error; an invalid spec with a known line is shown with its source line.
    pub(crate) fn error(&self, err: &Error) {
        if let Error::InvalidSpec {
            path,
            line: Some(line),
            message,
        } = err
        {
            let diagnostic =
                Diagnostic::error(path.clone(), *line as u32, "invalid-spec", message.clone());
            self.diagnostics(std::slice::from_ref(&diagnostic));
            return;
        }
        if let Error::Codegen {
            spec,
            source,
            lines,
        } = err
        {
            self.codegen_problems(spec, source, lines);
            return;
        }
        self.say(&format!("error: {err}"));
    }

    /// Each problem the generator found, at its line of the document when that is known.
    fn codegen_problems(
        &self,
        spec: &Path,
        source: &docspec::codegen::Error,
        lines: &[Option<usize>],
    ) {
        let problems = source.problems();
        let mut diagnostics = Vec::with_capacity(problems.len());
        for (problem, line) in problems.iter().zip(lines) {
            let line = line.map_or(0, |line| u32::try_from(line).unwrap_or(u32::MAX));
            let kind = match problem {
                docspec::codegen::Error::Unsupported { .. } => "unsupported",
                _ => "invalid-spec",
            };
            let message = problem.to_string();
            diagnostics.push(Diagnostic::error(spec.to_path_buf(), line, kind, message));
        }
        self.diagnostics(&diagnostics);
        if problems.len() > 1 {
            self.say(&format!(
                "error: {} in {}; nothing written",
                plural(problems.len(), "problem"),
                spec.display()
            ));
        }
    }

    /// `summary: 16 pages (2 skipped), 16 operations, 9 schemas; 1 warning (kind: 1)`.
    pub(crate) fn spec_summary(&self, run: &SpecRun) {
        if self.quiet {
            return;
        }
        let mut line = format!(
            "summary: {} read ({} without an operation), {}, {}",
            plural(run.files_read, "page"),
            run.files_skipped,
            plural(run.summary.operations, "operation"),
            plural(run.summary.schemas, "schema")
        );
        line.push_str("; ");
        line.push_str(&diagnostic_counts(&run.diagnostics));
        self.say(&line);
    }

    /// `summary: 16 operations, 9 schemas, 7 files generated`.
    pub(crate) fn gen_summary(&self, openapi: &OpenAPI, n_files: usize) {
        if self.quiet {
            return;
        }
        let n_operations = openapi.operations().count();
        let n_schemas = openapi.components.as_ref().map_or(0, |it| it.schemas.len());
        self.say(&format!(
            "summary: {}, {}, {} generated",
            plural(n_operations, "operation"),
            plural(n_schemas, "schema"),
            plural(n_files, "file")
        ));
    }

    /// Lists what changed (or, with `--check`, what would change).
    pub(crate) fn changes(&self, changes: &[FileChange], n_outputs: usize, mode: WriteMode) {
        let n_unchanged = n_outputs.saturating_sub(
            changes
                .iter()
                .filter(|it| it.change != Change::Removed)
                .count(),
        );
        if mode == WriteMode::Check {
            for change in changes {
                self.say(&format!("stale: would {change}"));
            }
            if !changes.is_empty() {
                self.say(&format!(
                    "error: {} of the outputs would change; rerun without --check to write them",
                    changes.len()
                ));
            } else if !self.quiet {
                self.say(&format!(
                    "all {n_outputs} output {} up to date",
                    files(n_outputs)
                ));
            }
            return;
        }
        if self.verbose {
            for change in changes {
                self.say(&change.to_string());
            }
        }
        if !self.quiet {
            let n_written = changes.len();
            self.say(&format!(
                "{n_written} {} written, {n_unchanged} up to date",
                files(n_written)
            ));
        }
    }

    /// Refuses to write because of diagnostics.
    pub(crate) fn no_output(&self, n_errors: usize, strict: bool) {
        let why = if strict {
            " (warnings count, --strict)"
        } else {
            ""
        };
        let n_errors = plural(n_errors, "error");
        self.say(&format!(
            "error: {n_errors}{why} in the input pages; no output written"
        ));
    }

    /// Prints one line to stderr with the spinner out of the way.
    fn say(&self, line: &str) {
        self.progress.suspend(|| eprintln!("{line}"));
    }

    fn shows(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => true,
            Severity::Warning => !self.quiet,
            Severity::Note => self.verbose,
        }
    }
}

/// The source files diagnostics point into, each read once.
#[derive(Default)]
struct Sources {
    files: SimpleFiles<String, String>,
    ids: HashMap<PathBuf, Option<usize>>,
}

impl Sources {
    /// A codespan report for `diagnostic`, labelling its line when the file can be read.
    fn report(&mut self, diagnostic: &Diagnostic) -> Report<usize> {
        let report = match diagnostic.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
            Severity::Note => Report::note(),
        };
        let report = report
            .with_code(diagnostic.kind)
            .with_message(&diagnostic.message);
        let label = self.file_id(&diagnostic.file).and_then(|file_id| {
            let range = line_range(self.files.get(file_id).ok()?.source(), diagnostic.line)?;
            Some(Label::primary(file_id, range))
        });
        match label {
            Some(label) => report.with_labels(vec![label]),
            // Line 0 stands for the whole file or folder.
            None if diagnostic.line == 0 => {
                report.with_notes(vec![format!("at {}", diagnostic.file.display())])
            }
            None => report.with_notes(vec![format!(
                "at {}:{}",
                diagnostic.file.display(),
                diagnostic.line
            )]),
        }
    }

    fn file_id(&mut self, path: &Path) -> Option<usize> {
        if let Some(id) = self.ids.get(path) {
            return *id;
        }
        let id = std::fs::read_to_string(path)
            .ok()
            .map(|source| self.files.add(path.display().to_string(), source));
        self.ids.insert(path.to_path_buf(), id);
        id
    }
}

fn files(count: usize) -> &'static str {
    if count == 1 { "file" } else { "files" }
}

/// `1 error`, `2 errors`.
pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The byte range of 1-based `line` in `source`, without its line break.
fn line_range(source: &str, line: u32) -> Option<Range<usize>> {
    let line_idx = usize::try_from(line).ok()?.checked_sub(1)?;
    let mut start = 0;
    for (idx, text) in source.split_inclusive('\n').enumerate() {
        if idx == line_idx {
            let trimmed = text.trim_end_matches(['\n', '\r']);
            return Some(start..start + trimmed.len());
        }
        start += text.len();
    }
    None
}

/// `0 errors, 2 warnings (sample-not-json: 1, unknown-type-word: 1), 1 note (...)`: each
/// severity with the kinds it holds, so a kind never reads as the wrong severity.
fn diagnostic_counts(diagnostics: &[Diagnostic]) -> String {
    let severities = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Note, "note"),
    ];
    let parts: Vec<String> = severities
        .into_iter()
        .map(|(severity, noun)| {
            let group: Vec<Diagnostic> = diagnostics
                .iter()
                .filter(|it| it.severity == severity)
                .cloned()
                .collect();
            let mut part = plural(group.len(), noun);
            let by_kind = docspec::count_by_kind(&group);
            if !by_kind.is_empty() {
                let kinds: Vec<String> = by_kind
                    .iter()
                    .map(|(kind, n)| format!("{kind}: {n}"))
                    .collect();
                part.push_str(&format!(" ({})", kinds.join(", ")));
            }
            part
        })
        .collect();
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges_exclude_the_line_break() {
        let source = "one\r\ntwo\nthree";
        assert_eq!(line_range(source, 1), Some(0..3));
        assert_eq!(line_range(source, 2), Some(5..8));
        assert_eq!(line_range(source, 3), Some(9..14));
        assert_eq!(line_range(source, 4), None);
        assert_eq!(line_range(source, 0), None);
    }

    #[test]
    fn counts_name_each_kind_under_its_severity() {
        let mut note = Diagnostic::warning("c.md", 4, "unknown-section", "n");
        note.severity = Severity::Note;
        let diagnostics = vec![
            Diagnostic::warning("a.md", 1, "unknown-type-word", "x"),
            Diagnostic::warning("a.md", 2, "unknown-type-word", "y"),
            Diagnostic::error("b.md", 3, "no-http-block", "z"),
            note,
        ];
        assert_eq!(
            diagnostic_counts(&diagnostics),
            "1 error (no-http-block: 1), 2 warnings (unknown-type-word: 2), \
             1 note (unknown-section: 1)"
        );
    }
}
