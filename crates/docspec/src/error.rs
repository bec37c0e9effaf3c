//! The one error type of the facade. Every variant names the file it is about, and the line
//! where one is known, so a caller can print `file:line: reason` without more context.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why a docspec job failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input named by the caller does not exist.
    #[error("{}: no such file or directory", path.display())]
    MissingInput {
        /// The path as given.
        path: PathBuf,
    },

    /// Reading or writing a file failed.
    #[error("{}: {action}: {source}", path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// What was being done (`reading`, `writing`, `renaming into place`).
        action: &'static str,
        /// The underlying error.
        source: std::io::Error,
    },

    /// An OpenAPI document could not be read as YAML or JSON, or is not OpenAPI 3.0.
    #[error("{}{}: invalid OpenAPI document: {message}", path.display(), LineSuffix(*line))]
    InvalidSpec {
        /// The document.
        path: PathBuf,
        /// 1-based line of the problem, when the parser reported one.
        line: Option<usize>,
        /// What is wrong, as the YAML or JSON parser put it.
        message: String,
    },

    /// A spec file name whose extension says neither YAML nor JSON.
    #[error("{}: unknown spec format: use a .yaml, .yml or .json file name", path.display())]
    UnknownSpecFormat {
        /// The file name as given.
        path: PathBuf,
    },

    /// The input pages held problems of error severity (or warnings, under `strict`).
    #[error("{count} {} in the input pages; see the diagnostics above", plural(*count))]
    Diagnostics {
        /// How many diagnostics counted as errors.
        count: usize,
    },

    /// The OpenAPI document could not be serialized.
    #[error("{}: cannot serialize the OpenAPI document: {message}", path.display())]
    Serialize {
        /// The output file the document was meant for.
        path: PathBuf,
        /// The serializer's message.
        message: String,
    },

    /// The code generator cannot express something in the document, or found it contradicting
    /// itself. Shown as one `file:line: problem` line per problem.
    #[error("{}", ProblemLines { spec, source, lines })]
    Codegen {
        /// The document (or docs folder) the code was generated from.
        spec: PathBuf,
        /// What the generator reported.
        source: docspec_codegen::Error,
        /// The line of each of `source.problems()` in `spec`, where it could be found.
        lines: Vec<Option<usize>>,
    },

    /// A build script helper was run outside a build script (no `OUT_DIR`).
    #[error("OUT_DIR is not set: docspec::build must be called from a build script")]
    NoOutDir,
}

impl Error {
    /// An [`Error::Io`] for `path`.
    pub fn io(path: &Path, action: &'static str, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }
}

impl Error {
    /// An [`Error::Codegen`] for the document `spec`, whose text (when known) gives each
    /// problem's line.
    pub fn codegen(spec: &Path, text: Option<&str>, source: docspec_codegen::Error) -> Error {
        let lines = source
            .problems()
            .iter()
            .map(|problem| {
                let pointer = problem.location()?;
                crate::spec_io::pointer_line(text?, pointer)
            })
            .collect();
        Error::Codegen {
            spec: spec.to_path_buf(),
            source,
            lines,
        }
    }
}

/// `file:line: problem`, one line per problem of a generator error.
struct ProblemLines<'e> {
    spec: &'e Path,
    source: &'e docspec_codegen::Error,
    lines: &'e [Option<usize>],
}

impl fmt::Display for ProblemLines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problems = self.source.problems();
        for (idx, problem) in problems.iter().enumerate() {
            if idx > 0 {
                f.write_str("\n")?;
            }
            let line = LineSuffix(self.lines.get(idx).copied().flatten());
            write!(f, "{}{line}: {problem}", self.spec.display())?;
        }
        Ok(())
    }
}

/// Renders `:LINE` after a file name when the line is known.
struct LineSuffix(Option<usize>);

impl fmt::Display for LineSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(line) => write!(f, ":{line}"),
            None => Ok(()),
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "error" } else { "errors" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_and_line() {
        let err = Error::InvalidSpec {
            path: PathBuf::from("specs/api.yaml"),
            line: Some(7),
            message: "did not find expected key".to_string(),
        };
        assert_eq!(
            err.to_string(),
            "specs/api.yaml:7: invalid OpenAPI document: did not find expected key"
        );

        let err = Error::MissingInput {
            path: PathBuf::from("docs/missing"),
        };
        assert_eq!(err.to_string(), "docs/missing: no such file or directory");

        let err = Error::Diagnostics { count: 1 };
        assert_eq!(
            err.to_string(),
            "1 error in the input pages; see the diagnostics above"
        );
    }
}
