//! `cargo xtask regen [--check]`: rebuilds `specs/openapi.yaml` and `generated/`.

fn main() {}
