//! Generates a crate from a spec, for measuring generation and `cargo check` on large inputs:
//! `cargo run --release -p docspec-codegen --example gen_crate -- SPEC.(yaml|json) OUT_DIR`.
//! Prints the time from parsed spec to formatted files; `DOCSPEC_REPEAT=N` generates N more
//! times and prints the fastest, for timing on a busy machine.

use std::path::Path;
use std::time::Instant;

use docspec_codegen::{GenSettings, generate_crate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `RUST_LOG=docspec_codegen=debug` shows how long each step took.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().collect();
    let [_, spec_path, out] = &args[..] else {
        return Err("usage: gen_crate SPEC.(yaml|json) OUT_DIR".into());
    };
    let text = std::fs::read_to_string(spec_path)?;
    let spec: openapiv3::OpenAPI = match Path::new(spec_path).extension() {
        Some(ext) if ext == "json" => serde_json::from_str(&text)?,
        _ => serde_yaml_ng::from_str(&text)?,
    };
    // The generated crate builds outside this workspace, so it needs an absolute runtime path.
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docspec-runtime");
    let settings = GenSettings {
        crate_name: "generated-api".to_owned(),
        regenerate_with: format!("cargo run -p docspec-codegen --example gen_crate -- {spec_path}"),
        runtime_path: std::fs::canonicalize(runtime)?.display().to_string(),
        own_workspace: true,
    };
    let started = Instant::now();
    let generated = generate_crate(&spec, &settings)?;
    eprintln!("generated in {:?}", started.elapsed());
    let repeat: usize = std::env::var("DOCSPEC_REPEAT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let fastest = (0..repeat)
        .map(|_| {
            let again = Instant::now();
            drop(generate_crate(&spec, &settings));
            again.elapsed()
        })
        .min();
    if let Some(fastest) = fastest {
        eprintln!("fastest of {repeat} generations: {fastest:?}");
    }
    let mut n_lines = 0;
    for (path, contents) in &generated.files {
        let path = Path::new(out).join(path);
        std::fs::create_dir_all(path.parent().ok_or("file without a parent folder")?)?;
        std::fs::write(&path, contents)?;
        n_lines += contents.lines().count();
    }
    eprintln!(
        "wrote {} files, {n_lines} lines, to {out}",
        generated.files.len()
    );
    Ok(())
}

/// The CLI's allocator, so that the figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
