//! `cargo xtask regen [--check]`: rebuilds `specs/openapi.yaml` and `generated/` from
//! `specs/pages/`. With `--check` it writes nothing and fails when either is stale.

use std::process::ExitCode;

use docspec::writer::WriteMode;

const USAGE: &str = "usage: cargo xtask regen [--check]

  regen          rebuild specs/openapi.yaml and generated/ from specs/pages/
  regen --check  write nothing; fail if either is out of date";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mode = match args.as_slice() {
        ["regen"] => WriteMode::Write,
        ["regen", "--check"] => WriteMode::Check,
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = xtask::repo_root();
    match xtask::regen(&root, mode) {
        Ok(changes) => {
            for change in &changes {
                let path = change.path.strip_prefix(&root).unwrap_or(&change.path);
                eprintln!("{:?}: {}", change.change, path.display());
            }
            eprintln!("regen: {} files changed", changes.len());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
