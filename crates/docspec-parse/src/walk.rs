//! Corpus loading: finds the endpoint pages below a folder and parses them, in parallel but in
//! a deterministic (path-sorted) order.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use crate::{Corpus, Diagnostic, Page, parse_page};

/// What parsing one file gave.
struct FileResult {
    input: PathBuf,
    page: Option<Page>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads and parses every endpoint page below `root`.
pub(crate) fn load_dir(root: &Path) -> Corpus {
    let _span = tracing::info_span!("load_dir", root = %root.display()).entered();
    let mut corpus = Corpus::default();

    // Find the pages.
    let mut files = Vec::new();
    collect_pages(&mut files, root, &mut corpus.diagnostics);
    debug_assert!(files.is_sorted(), "pages are collected in path order");

    // Parse them, a chunk per core; chunks are contiguous so joining keeps path order.
    let results = parse_in_parallel(root, &files);

    // Gather the results in path order.
    corpus.files_read = results.len();
    for result in results {
        corpus.inputs.push(result.input);
        corpus.diagnostics.extend(result.diagnostics);
        match result.page {
            Some(page) => corpus.pages.push(page),
            None => corpus.files_skipped += 1,
        }
    }
    tracing::info!(
        pages = corpus.pages.len(),
        skipped = corpus.files_skipped,
        diagnostics = corpus.diagnostics.len(),
        "loaded reference pages"
    );
    corpus
}

/// Collects `*.md` files below `dir` in path order, leaving out `index.md` and `includes/`
/// folders. A folder that cannot be listed is reported and skipped.
///
/// Each folder's entries are visited sorted by name, which gives the order of `Path`'s `Ord`
/// (component by component) without sorting the whole list afterwards: comparing full paths
/// component-wise cost more than reading the folders.
fn collect_pages(acc: &mut Vec<PathBuf>, dir: &Path, diagnostics: &mut Vec<Diagnostic>) {
    let read = match fs::read_dir(dir) {
        Ok(read) => read,
        Err(err) => {
            diagnostics.push(Diagnostic::error(dir, 0, "unreadable-dir", err.to_string()));
            return;
        }
    };
    let mut entries = Vec::new();
    for entry in read {
        match entry {
            Ok(entry) => entries.push(entry),
            Err(err) => {
                diagnostics.push(Diagnostic::error(dir, 0, "unreadable-dir", err.to_string()));
            }
        }
    }
    entries.sort_by_cached_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        let is_dir = entry.file_type().map(|kind| kind.is_dir()).unwrap_or(false);
        if is_dir {
            if entry.file_name() != "includes" {
                collect_pages(acc, &path, diagnostics);
            }
        } else if is_endpoint_page_name(&path) {
            acc.push(path);
        }
    }
}

fn is_endpoint_page_name(path: &Path) -> bool {
    let is_markdown = path.extension().is_some_and(|ext| ext == "md");
    is_markdown && path.file_name().is_some_and(|name| name != "index.md")
}

/// Parses the files on all cores. Threads take small batches from a shared counter, so a
/// thread slowed by big pages (or by a busy machine) does not hold the others up; batches are
/// put back in path order at the end.
fn parse_in_parallel(root: &Path, files: &[PathBuf]) -> Vec<FileResult> {
    const BATCH_LEN: usize = 32;
    let n_threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    // Below a few batches a thread costs more than it saves.
    if n_threads == 1 || files.len() < 2 * BATCH_LEN {
        return files
            .iter()
            .map(|file| parse_file(&display_path(root, file), file))
            .collect();
    }
    let next_batch = AtomicUsize::new(0);
    let take_batches = || {
        let mut acc = Vec::new();
        loop {
            let start = next_batch.fetch_add(BATCH_LEN, Ordering::Relaxed);
            if start >= files.len() {
                return acc;
            }
            let batch = &files[start..(start + BATCH_LEN).min(files.len())];
            let results: Vec<FileResult> = batch
                .iter()
                .map(|file| parse_file(&display_path(root, file), file))
                .collect();
            acc.push((start, results));
        }
    };
    let mut batches: Vec<(usize, Vec<FileResult>)> = thread::scope(|scope| {
        let handles: Vec<_> = (0..n_threads).map(|_| scope.spawn(take_batches)).collect();
        let mut acc = Vec::new();
        for handle in handles {
            match handle.join() {
                Ok(batches) => acc.extend(batches),
                // The parser does not panic; should it ever, take the panic to the caller.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        acc
    });
    batches.sort_by_key(|(start, _)| *start);
    batches
        .into_iter()
        .flat_map(|(_, results)| results)
        .collect()
}

/// Reads and parses one page given by itself, not found in a folder: `file` is shown as given
/// and the page's tag is the name of the folder it sits in, as for pages found by `load_dir`.
pub(crate) fn load_file(file: &Path) -> Corpus {
    let result = parse_file(file, file);
    let mut corpus = Corpus {
        files_read: 1,
        inputs: vec![result.input],
        diagnostics: result.diagnostics,
        ..Corpus::default()
    };
    match result.page {
        Some(page) => corpus.pages.push(page),
        None => corpus.files_skipped = 1,
    }
    corpus
}

/// Reads and parses one file, naming it `shown` in diagnostics. Unreadable files (IO errors,
/// non-UTF-8) give an error diagnostic.
fn parse_file(shown: &Path, file: &Path) -> FileResult {
    let _span = tracing::debug_span!("page", file = %shown.display()).entered();
    let mut diagnostics = Vec::new();
    let page = match read_source(file) {
        Ok(source) => parse_page(shown, &tag_of(file), &source, &mut diagnostics),
        Err((line, message)) => {
            diagnostics.push(Diagnostic::error(shown, line, "unreadable-file", message));
            None
        }
    };
    FileResult {
        input: file.to_owned(),
        page,
        diagnostics,
    }
}

/// A page's text, or the line to blame and why it cannot be read: line 1 for an IO error,
/// the line of the first byte that is not UTF-8 otherwise.
fn read_source(file: &Path) -> Result<String, (u32, String)> {
    let bytes = fs::read(file).map_err(|err| (1, err.to_string()))?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        (line, format!("not UTF-8 text: {}", err.utf8_error()))
    })
}

/// The path shown in diagnostics: from the root folder's name on
/// (`restful/rest/Contact/v1ContactEntity_Get.md`), or as given when the root has no name.
fn display_path(root: &Path, file: &Path) -> PathBuf {
    let Ok(relative) = file.strip_prefix(root) else {
        return file.to_owned();
    };
    match root.file_name() {
        Some(root_name) => Path::new(root_name).join(relative),
        None => relative.to_owned(),
    }
}

/// The folder the page sits in (`Contact`, `Ticket_Agent`).
fn tag_of(file: &Path) -> String {
    let parent = file.parent().and_then(|parent| parent.file_name());
    parent
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}
