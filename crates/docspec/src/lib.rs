//! docspec: markdown API reference pages to an OpenAPI 3.0 document, and an OpenAPI 3.0
//! document to Rust code. This crate ties the pipeline stages together for the CLI, for
//! `cargo xtask regen`, and for downstream build scripts.

pub use docspec_codegen as codegen;
pub use docspec_parse as parse;
pub use docspec_spec as spec;
