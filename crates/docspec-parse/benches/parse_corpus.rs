//! Times the parser over the real 2023 corpus in `../shared` (skipped when it is missing):
//! `load_dir` end to end (walk, read, parse on all cores) and `parse_page` alone over the
//! pages already in memory, on one core.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

fn corpus_root() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/superoffice-2023/restful");
    if root.is_dir() {
        return Some(root);
    }
    eprintln!(
        "skipping parse_corpus: corpus not found at {}",
        root.display()
    );
    None
}

fn bench_corpus(c: &mut Criterion) {
    let Some(root) = corpus_root() else { return };
    let mut group = c.benchmark_group("corpus");
    group.sample_size(30);

    group.bench_function("load_dir", |b| {
        b.iter(|| docspec_parse::load_dir(black_box(&root)))
    });

    let sources: Vec<(PathBuf, String)> = docspec_parse::load_dir(&root)
        .inputs
        .into_iter()
        .filter_map(|path| {
            std::fs::read_to_string(&path)
                .ok()
                .map(|source| (path, source))
        })
        .collect();
    group.bench_function("parse_page_single_thread", |b| {
        b.iter(|| {
            let mut diagnostics = Vec::new();
            let n_pages = sources
                .iter()
                .filter_map(|(path, source)| {
                    docspec_parse::parse_page(path, "tag", black_box(source), &mut diagnostics)
                })
                .count();
            black_box((n_pages, diagnostics.len()))
        })
    });
    group.finish();
}

criterion_group!(benches, bench_corpus);
criterion_main!(benches);
