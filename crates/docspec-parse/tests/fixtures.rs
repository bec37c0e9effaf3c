//! Snapshot tests over the fixture pages in `tests/fixtures/{ok,err}/*.md`: each page is
//! parsed and its model and diagnostics are compared with `tests/snapshots/`. Adding a case
//! means adding one file. Pages under `ok/` must parse without warnings or errors; pages under
//! `err/` must produce at least one.

use std::fs;
use std::path::{Path, PathBuf};

use docspec_parse::{Diagnostic, Severity, parse_page};

fn fixture_files(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .map(|entry| entry.expect("fixture dir entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

/// Parses a fixture as `<folder>/<name>.md` with tag `<folder>` and snapshots the result.
fn check_fixture(folder: &str, path: &Path) -> Vec<Diagnostic> {
    let source = fs::read_to_string(path).expect("fixtures are UTF-8");
    let name = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .expect("fixture name");
    let shown = Path::new(folder).join(format!("{name}.md"));
    let mut diagnostics = Vec::new();
    let page = parse_page(&shown, folder, &source, &mut diagnostics);
    insta::assert_debug_snapshot!(format!("{folder}__{name}"), (&page, &diagnostics));
    diagnostics
}

#[test]
fn ok_fixtures_parse_cleanly() {
    for path in fixture_files("ok") {
        let diagnostics = check_fixture("ok", &path);
        let problems: Vec<String> = diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity > Severity::Note)
            .map(ToString::to_string)
            .collect();
        assert_eq!(problems, Vec::<String>::new(), "{}", path.display());
    }
}

#[test]
fn err_fixtures_are_reported() {
    for path in fixture_files("err") {
        let diagnostics = check_fixture("err", &path);
        let n_problems = diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity > Severity::Note)
            .count();
        assert!(
            n_problems > 0,
            "{} parsed without a warning",
            path.display()
        );
    }
}
