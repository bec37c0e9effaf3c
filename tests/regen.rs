//! The checked-in outputs (`specs/openapi.yaml`, `generated/`) must match what
//! `cargo xtask regen` makes from `specs/pages/` today. On failure the message names the stale
//! files and the command that updates them.

use docspec::writer::WriteMode;

#[test]
fn generated_outputs_are_fresh() {
    let root = docspec_tests::repo_root();
    if let Err(err) = xtask::regen(&root, WriteMode::Check) {
        panic!("{err:#}");
    }
}
