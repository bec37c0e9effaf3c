//! Spec to formatted source for the document built from the real reference pages
//! (`../shared/corpus`, about 3,100 operations): `generate_module` and `generate_crate`.
//! Skips, saying so, when the corpus is missing.

use criterion::{Criterion, criterion_group, criterion_main};
use docspec_codegen::{GenSettings, generate_crate, generate_module};
use docspec_spec::{SpecSettings, build_spec};

fn bench(c: &mut Criterion) {
    let corpus = corpus_samples::corpus_dir();
    if !corpus.is_dir() {
        eprintln!("skipping corpus_codegen: no corpus at {}", corpus.display());
        return;
    }
    let loaded = docspec_parse::load_dir(&corpus);
    let settings = SpecSettings {
        title: "SuperOffice".to_owned(),
        version: "2023".to_owned(),
    };
    let spec = build_spec(&loaded.pages, &settings).openapi;
    let gen_settings = GenSettings {
        crate_name: "corpus-bench".to_owned(),
        regenerate_with: "cargo bench -p corpus-samples".to_owned(),
        runtime_path: "../docspec-runtime".to_owned(),
        own_workspace: true,
    };
    let mut group = c.benchmark_group("corpus_codegen");
    // One run takes a good part of a second; ten samples keep the bench under a minute.
    group.sample_size(10);
    group.bench_function("generate_module", |b| {
        b.iter(|| generate_module(&spec, &gen_settings).unwrap())
    });
    group.bench_function("generate_crate", |b| {
        b.iter(|| generate_crate(&spec, &gen_settings).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
