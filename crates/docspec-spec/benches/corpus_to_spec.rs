//! Times docs → spec over the real corpus: `load_dir` + `build_spec`, `build_spec` alone, and
//! `to_yaml`. Skips with a message when `../shared/corpus` is missing.
//! Run with `cargo bench -p docspec-spec --bench corpus_to_spec`.

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use docspec_spec::{SpecSettings, build_spec, to_yaml};

fn corpus_to_spec(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/superoffice-2023/restful");
    if !dir.is_dir() {
        eprintln!("skipped: no corpus at {}", dir.display());
        return;
    }
    let settings = SpecSettings {
        title: "SuperOffice".to_string(),
        version: "1.0".to_string(),
    };
    let mut group = c.benchmark_group("corpus");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));

    // Dropping the outputs is left out of the timings (`iter_with_large_drop`).
    group.bench_function("load_dir+build_spec", |b| {
        b.iter_with_large_drop(|| build_spec(&docspec_parse::load_dir(&dir).pages, &settings))
    });
    let corpus = docspec_parse::load_dir(&dir);
    group.bench_function("build_spec", |b| {
        b.iter_with_large_drop(|| build_spec(&corpus.pages, &settings))
    });
    let built = build_spec(&corpus.pages, &settings);
    group.bench_function("to_yaml", |b| {
        b.iter_with_large_drop(|| to_yaml(&built.openapi).unwrap())
    });
    group.finish();
}

criterion_group!(benches, corpus_to_spec);
criterion_main!(benches);
