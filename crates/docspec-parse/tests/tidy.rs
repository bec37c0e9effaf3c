//! Repository hygiene for this crate, run as a test: every source file opens with a `//!`
//! doc, lines fit in 100 columns, no trailing whitespace, and shortcomings are marked only
//! with the one agreed marker, followed by a colon and a sentence.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, acc: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, acc);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            acc.push(path);
        }
    }
}

#[test]
fn sources_are_tidy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(!files.is_empty());

    let mut problems = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("sources are UTF-8");
        let shown = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        if !text.starts_with("//!") {
            problems.push(format!("{shown}: does not open with a `//!` doc"));
        }
        for (idx, line) in text.lines().enumerate() {
            let at = format!("{shown}:{}", idx + 1);
            if line.chars().count() > 100 {
                problems.push(format!("{at}: longer than 100 columns"));
            }
            if line.ends_with([' ', '\t']) {
                problems.push(format!("{at}: trailing whitespace"));
            }
            let marker = ["TO", "DO"].concat();
            if line.contains(&marker) || line.contains(&["X", "XX"].concat()) {
                problems.push(format!("{at}: use the one marker with a sentence instead"));
            }
            let fixme = ["FIX", "ME"].concat();
            if line.contains(&fixme) && !line.contains(&format!("{fixme}: ")) {
                problems.push(format!(
                    "{at}: the marker must be followed by `: ` and a sentence"
                ));
            }
        }
    }
    assert_eq!(problems, Vec::<String>::new());
}
