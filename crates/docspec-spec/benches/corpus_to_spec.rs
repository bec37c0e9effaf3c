//! Times docs → spec over the real corpus: the whole job (`load_dir` + `build_spec`, with and
//! without `to_yaml`), then `build_spec` and `to_yaml` alone. Skips with a message when
//! `../shared/corpus` is missing.
//! Run with `cargo bench -p docspec-spec --bench corpus_to_spec`.
//!
//! Targets for the whole job on the 2-core machine: under 300 ms wall, under 200 MB peak.
//! Criterion does not see memory; the peak (`Maximum resident set size`) of the same job is
//! measured on the example binary, from the workspace root:
//!
//! ```text
//! cargo build --release -p docspec-spec --example build_corpus
//! /usr/bin/time -v target/release/examples/build_corpus \
//!     ../shared/corpus/superoffice-2023/restful /tmp/openapi.yaml
//! ```
//!
//! (With `CARGO_TARGET_DIR` set, the binary is under that folder instead of `target/`.)
//! `DOCSPEC_RSS=1` makes it print the resident memory after each stage, and
//! `DOCSPEC_REPEAT=N` the fastest of N more `build_spec` runs.

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
    group.bench_function("load_dir+build_spec+to_yaml", |b| {
        b.iter_with_large_drop(|| {
            let built = build_spec(&docspec_parse::load_dir(&dir).pages, &settings);
            to_yaml(&built.openapi).unwrap()
        })
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
