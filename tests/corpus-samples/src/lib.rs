//! The code generated from the real reference pages (`../shared/corpus`), compiled with
//! warnings denied, plus its `example_checks`: `tests/samples.rs` round-trips every sample
//! payload of the pages through the generated types. The build script writes the module into
//! `OUT_DIR`, or a stub when the corpus is missing (then `CORPUS_PRESENT` is false).

use std::path::PathBuf;

/// The generated types, handler traits, (feature `server`) axum glue and example checks.
pub mod api {
    #![deny(warnings, missing_docs)]

    include!(concat!(env!("OUT_DIR"), "/corpus.rs"));
}

/// The corpus folder the build script read.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/superoffice-2023/restful")
}
