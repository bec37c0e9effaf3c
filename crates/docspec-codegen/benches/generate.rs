//! Spec to formatted source: a small fixture, and the large `nexus.json` sample when
//! `../shared/openapi-samples` is present, and the spec built from the full real corpus when
//! `../shared/corpus` is present. `DOCSPEC_BENCH_SPEC=path` adds any other document.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use docspec_codegen::{GenSettings, generate_module};

/// The CLI's allocator, so that the figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn settings() -> GenSettings {
    GenSettings {
        crate_name: "bench".to_owned(),
        regenerate_with: "cargo bench -p docspec-codegen".to_owned(),
        runtime_path: "../docspec-runtime".to_owned(),
        own_workspace: false,
    }
}

fn load(path: &Path) -> Option<openapiv3::OpenAPI> {
    let text = std::fs::read_to_string(path).ok()?;
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::from_str(&text).ok(),
        _ => serde_yaml_ng::from_str(&text).ok(),
    }
}

fn bench(c: &mut Criterion) {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs: Vec<(String, PathBuf)> = vec![
        (
            "fixture/server_pets".to_owned(),
            manifest.join("tests/fixtures/server_pets.yaml"),
        ),
        (
            "sample/nexus".to_owned(),
            manifest.join("../../../shared/openapi-samples/nexus.json"),
        ),
    ];
    if let Ok(extra) = std::env::var("DOCSPEC_BENCH_SPEC") {
        inputs.push(("env/DOCSPEC_BENCH_SPEC".to_owned(), PathBuf::from(extra)));
    }
    let mut group = c.benchmark_group("generate_module");
    group.sample_size(20);
    for (name, path) in inputs {
        let Some(spec) = load(&path) else {
            eprintln!("skipping {name}: cannot read {}", path.display());
            continue;
        };
        group.bench_function(&name, |b| {
            b.iter(|| generate_module(&spec, &settings()).unwrap())
        });
    }
    // Built here rather than kept in the repo: the corpus is not ours to publish.
    let corpus_dir = manifest.join("../../../shared/corpus/superoffice-2023/restful");
    match corpus_dir.is_dir() {
        true => {
            let corpus = docspec_parse::load_dir(&corpus_dir);
            let spec_settings = docspec_spec::SpecSettings {
                title: "API".to_owned(),
                version: "1.0".to_owned(),
            };
            let spec = docspec_spec::build_spec(&corpus.pages, &spec_settings).openapi;
            group.sample_size(10);
            group.bench_function("corpus/superoffice-2023", |b| {
                b.iter(|| generate_module(&spec, &settings()).unwrap())
            });
        }
        false => eprintln!("skipping corpus: no folder {}", corpus_dir.display()),
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
