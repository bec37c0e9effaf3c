//! Placeholder until `cargo xtask regen` writes this crate.
