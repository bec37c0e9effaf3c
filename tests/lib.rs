//! Helpers shared by the workspace-level tests.

#![deny(missing_docs)]

use std::path::{Path, PathBuf};

/// The root of the repository.
pub fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// Reads a file below the repository root, panicking with its path when that fails.
pub fn read_repo_file(relative: &str) -> String {
    let path = repo_root().join(relative);
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => panic!("{}: {err}", path.display()),
    }
}
