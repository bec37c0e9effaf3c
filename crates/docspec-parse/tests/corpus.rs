//! Runs the parser over the real 2023 corpus in `../shared` (read at test time, never copied):
//! every endpoint page must give a page, and nothing may be an error.

use std::collections::BTreeMap;
use std::path::PathBuf;

use docspec_parse::{Severity, load_dir};

/// The number of endpoint pages in the 2023 corpus (all `*.md` but `index.md` and `includes/`).
const CORPUS_ENDPOINT_PAGES: usize = 3116;

fn corpus_root() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/superoffice-2023/restful");
    if root.is_dir() {
        return Some(root);
    }
    eprintln!("skipping: corpus not found at {}", root.display());
    None
}

#[test]
fn corpus_parses_every_page_without_errors() {
    let Some(root) = corpus_root() else { return };
    let corpus = load_dir(&root);

    let mut counts: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
    for diagnostic in &corpus.diagnostics {
        *counts
            .entry((diagnostic.severity, diagnostic.kind))
            .or_default() += 1;
    }
    println!(
        "pages: {}, skipped: {}",
        corpus.pages.len(),
        corpus.files_skipped
    );
    println!(
        "diagnostics: {} in total, by severity and kind:",
        corpus.diagnostics.len()
    );
    for ((severity, kind), count) in &counts {
        println!("{severity:?} {kind}: {count}");
    }
    let errors: Vec<String> = corpus
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .take(20)
        .map(ToString::to_string)
        .collect();

    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(corpus.files_read, CORPUS_ENDPOINT_PAGES);
    assert_eq!(corpus.files_skipped, 0);
    assert_eq!(corpus.pages.len(), CORPUS_ENDPOINT_PAGES);
    assert_eq!(corpus.inputs.len(), CORPUS_ENDPOINT_PAGES);
}
