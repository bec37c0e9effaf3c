//! Runs the whole pipeline on a folder of pages and writes the spec:
//! `cargo run --release -p docspec-spec --example build_corpus -- PAGES_DIR OUT.yaml`.
//! Prints the summary and the diagnostics by kind; `DOCSPEC_DIAG=kind` lists one kind.

use std::path::Path;
use std::time::Instant;

use docspec_spec::{SpecSettings, build_spec, to_json, to_yaml};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, out] = &args[..] else {
        return Err("usage: build_corpus PAGES_DIR OUT.(yaml|json)".into());
    };
    let started = Instant::now();
    let corpus = docspec_parse::load_dir(Path::new(dir));
    let parsed = started.elapsed();
    print_rss("after load_dir");
    let settings = SpecSettings {
        title: "API".to_string(),
        version: "1.0".to_string(),
    };
    let built = build_spec(&corpus.pages, &settings);
    let spec_built = started.elapsed();
    print_rss("after build_spec");
    // `DOCSPEC_REPEAT=N` builds N more times and prints the fastest, for timing on a busy machine.
    let repeat: usize = std::env::var("DOCSPEC_REPEAT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let fastest = (0..repeat)
        .map(|_| {
            let again = Instant::now();
            drop(build_spec(&corpus.pages, &settings));
            again.elapsed()
        })
        .min();
    if let Some(fastest) = fastest {
        eprintln!("fastest of {repeat} builds: {fastest:?}");
    }
    let text = match out.ends_with(".json") {
        true => to_json(&built.openapi)?,
        false => to_yaml(&built.openapi)?,
    };
    let serialized = started.elapsed();
    print_rss("after serializing");
    std::fs::write(out, text)?;
    eprintln!(
        "pages {} (files {}, skipped {}), operations {}, schemas {}",
        corpus.pages.len(),
        corpus.files_read,
        corpus.files_skipped,
        built.summary.operations,
        built.summary.schemas
    );
    eprintln!(
        "parse {:?}, build {:?}, serialize {:?}",
        parsed,
        spec_built - parsed,
        serialized - spec_built
    );
    eprintln!("parser diagnostics: {}", corpus.diagnostics.len());
    for (kind, n) in &built.summary.diagnostics_by_kind {
        eprintln!("  {kind}: {n}");
    }
    if let Ok(kind) = std::env::var("DOCSPEC_DIAG") {
        for diagnostic in built.diagnostics.iter().chain(&corpus.diagnostics) {
            if diagnostic.kind == kind {
                eprintln!("{diagnostic}");
            }
        }
    }
    Ok(())
}

/// Prints the resident memory now (Linux only), when `DOCSPEC_RSS` is set.
fn print_rss(stage: &str) {
    if std::env::var_os("DOCSPEC_RSS").is_none() {
        return;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let rss = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .unwrap_or("VmRSS: ?");
    eprintln!("{stage}: {rss}");
}
