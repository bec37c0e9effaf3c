//! `load_dir` on a folder made up for the test: which files count as pages, their order, tags
//! and shown paths, and what happens to files that cannot be read.

use std::fs;
use std::path::{Path, PathBuf};

use docspec_parse::{Severity, load_dir};

const PAGE: &str = "---\nuid: v1Pier_Get\n---\n\n# GET Pier\n\n```http\nGET /api/v1/Pier\n```\n\n\
## Response:\n\n| Response | Description |\n|---|---|\n| 200 | OK |\n";

fn write(root: &Path, relative: &str, bytes: &[u8]) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().expect("file has a folder")).expect("create folders");
    fs::write(path, bytes).expect("write file");
}

#[test]
fn walks_pages_in_path_order_and_skips_what_is_not_a_page() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("reference");
    write(&root, "rest/Pier/v1Pier_Get.md", PAGE.as_bytes());
    write(&root, "agent/Dock_Agent/v1Dock_B.md", PAGE.as_bytes());
    write(&root, "agent/Dock_Agent/v1Dock_A.md", PAGE.as_bytes());
    write(&root, "agent/Dock_Agent/notes.txt", b"not markdown");
    write(&root, "index.md", b"# Welcome\n");
    write(&root, "rest/index.md", b"# Resources\n");
    write(&root, "includes/intro.md", b"# Intro\n");
    write(&root, "toc.yml", b"- name: x\n");
    write(
        &root,
        "rest/Pier/v1Pier_Broken.md",
        b"---\ntitle: \xff\xfe\n---\n",
    );
    write(&root, "rest/Pier/v1Pier_Prose.md", b"Just some words.\n");

    let corpus = load_dir(&root);

    let shown: Vec<PathBuf> = corpus.pages.iter().map(|page| page.file.clone()).collect();
    let expected: Vec<PathBuf> = [
        "reference/agent/Dock_Agent/v1Dock_A.md",
        "reference/agent/Dock_Agent/v1Dock_B.md",
        "reference/rest/Pier/v1Pier_Get.md",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    assert_eq!(shown, expected);
    let tags: Vec<&str> = corpus.pages.iter().map(|page| page.tag.as_str()).collect();
    assert_eq!(tags, ["Dock_Agent", "Dock_Agent", "Pier"]);

    assert_eq!(corpus.files_read, 5);
    assert_eq!(corpus.files_skipped, 2);
    assert_eq!(corpus.inputs.len(), 5);
    assert!(corpus.inputs.iter().all(|input| input.starts_with(&root)));

    let errors: Vec<(String, &str)> = corpus
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| (diagnostic.file.display().to_string(), diagnostic.kind))
        .collect();
    assert_eq!(
        errors,
        [
            (
                "reference/rest/Pier/v1Pier_Broken.md".to_owned(),
                "unreadable-file"
            ),
            (
                "reference/rest/Pier/v1Pier_Prose.md".to_owned(),
                "no-endpoint"
            ),
        ]
    );
}

#[test]
fn missing_root_is_an_error_not_a_panic() {
    let temp = tempfile::tempdir().expect("temp dir");
    let corpus = load_dir(&temp.path().join("absent"));
    assert!(corpus.pages.is_empty());
    assert_eq!(corpus.diagnostics.len(), 1);
    assert_eq!(corpus.diagnostics[0].kind, "unreadable-dir");
}

#[test]
fn parallel_load_keeps_path_order() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("many");
    for idx in 0..150 {
        let page = PAGE.replace("v1Pier_Get", &format!("v1Pier_Get{idx:03}"));
        write(
            &root,
            &format!("rest/Pier{}/page{idx:03}.md", idx % 7),
            page.as_bytes(),
        );
    }

    let corpus = load_dir(&root);

    assert_eq!(corpus.pages.len(), 150);
    let files: Vec<&Path> = corpus
        .pages
        .iter()
        .map(|page| page.file.as_path())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert!(corpus.diagnostics.is_empty(), "{:?}", corpus.diagnostics);
}
