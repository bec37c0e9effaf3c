//! Spec to formatted source: a small fixture, and the large `nexus.json` sample when
//! `../shared/openapi-samples` is present. `DOCSPEC_BENCH_SPEC=path` adds any other document.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use docspec_codegen::{GenSettings, generate_module};

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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
