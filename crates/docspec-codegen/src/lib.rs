//! Generates Rust source from any OpenAPI 3.0 model: serde types, one async handler trait
//! per tag, and axum server glue, formatted with prettyplease and fully deterministic.
//!
//! The pipeline, one module per step:
//!
//! 1. `validate`: check the whole document once; problems come back with a location.
//! 2. `ir::lower`: build the intermediate model, with every identifier made by `names`.
//! 3. `ir::sort`: put the model in its one canonical order; `ir::share_operation_types`
//!    then makes identical per-operation types aliases of the first.
//! 4. `emit::plan`: key every item in output order (`plan`), settling shared names.
//! 5. `crate_files`: emit each item (`emit::emit_item`) and format it with prettyplease, in
//!    parallel, and lay out the files.
//!
//! Generated code depends on serde, serde_json, `docspec-runtime` and (feature `server`) axum.
//!
//! # What the generated code looks like, and why
//!
//! - Types: one per component schema, named types for inline objects, enums and unions
//!   (`{Owner}{Property}`), plus per operation a `{Op}Params` struct (all path, query, header
//!   and cookie parameters; absent when there are none) and a `{Op}Response` enum. When
//!   operations would get identical ones, the later names are aliases of the first.
//! - Field names that follow one case rule (`PascalCase`, `camelCase`) are renamed by
//!   `rename_all` on the struct; only fields that break the rule carry a `rename`.
//! - A property that is not required is `Option<T>` with `default` and
//!   `skip_serializing_if`, so absent fields deserialize and stay absent. A required nullable
//!   property is a plain `Option<T>` and serializes as `null`. A component that is itself
//!   `nullable` is `Option` wherever it is referenced.
//! - `format: date-time` is `docspec_runtime::DateTime` (lenient parsing, writes back what it
//!   read); `byte` is `docspec_runtime::Base64Bytes`; `binary` is `Vec<u8>`; `{}` is
//!   `serde_json::Value`; integers without a format are `i64`.
//! - String enums get an `Other(String)` catch-all (serde goes through `String`), so new
//!   values from a server do not break deserialization. Integer enums stay integers.
//! - `oneOf`/`anyOf` become `#[serde(untagged)]` enums (variants in document order); a union of
//!   one-value string enums becomes one string enum. `allOf` merges the members' properties
//!   into one struct. Fields that close a cycle by value are boxed.
//! - Handler traits: one per tag (UpperCamelCase), `Api` for untagged operations (an operation
//!   with several tags goes to its first). Methods are named from `operationId` in snake case,
//!   or from method and path without one; no prefix (such as `v1`) is stripped, because no
//!   rule for it holds across documents. A method takes `params` and `body` only when the
//!   operation has them, so user names never meet generated locals, and a signature never
//!   grows past clippy's argument limit.
//! - Names: one `names::sanitize` helper; keywords get a `_` suffix, a leading digit an `_`
//!   (snake) or `N` (camel) prefix, non-ASCII letters are transliterated or spelled as
//!   `uXXXX`; duplicates get `2`, `3`, ... in a fixed claim order (component schemas sorted by
//!   key, then inline schemas in sorted operation order). Wire names stay in `rename`.
//! - The server module sits behind `feature = "server"`: axum handlers that read the request
//!   with `docspec_runtime::server` (every failure a readable 4xx) and call the trait through
//!   its `serve`, plain functions rather than `async fn`s so that large crates check fast; one
//!   parse function per `Params` struct, `IntoResponse` for each response enum, `{tag}_router`
//!   per trait, `router` for a type implementing all traits, and a `ROUTES` table. Path
//!   parameters are read by position, counted from the end (so a router nested under a path
//!   with parameters of its own still works), so templates that name the same segment
//!   differently (`/a/{id}`, `/a/{key}/b`) share one axum route.
//! - Per-tag cargo features, in a generated crate only: each tag's feature (kebab case of the
//!   trait name, `-2` on a clash with `server`, `default`, `all-tags` or `axum`) gates its
//!   trait, its operations' types and glue, and every type only its operations reach; a type
//!   that several tags reach compiles with any of them (`ir::assign_features`). The default
//!   feature `all-tags` enables every tag. [`generate_module`] output is never gated, because
//!   the including crate would have to declare every feature.

#![deny(missing_docs)]

mod cargo_features;
mod crate_files;
mod emit;
mod ir;
mod names;
mod plan;
mod validate;

use std::collections::BTreeMap;
use std::path::PathBuf;

use openapiv3::OpenAPI;

use crate::plan::ItemPlan;

/// Settings for code generation.
#[derive(Debug, Clone)]
pub struct GenSettings {
    /// Name of the generated crate (`kebab-case`).
    pub crate_name: String,
    /// The command that regenerates the output, quoted in each file's first line.
    pub regenerate_with: String,
    /// How the generated `Cargo.toml` refers to the `docspec-runtime` support crate: a path
    /// relative to the generated crate's root (`../crates/docspec-runtime`).
    pub runtime_path: String,
    /// Whether the generated `Cargo.toml` declares its own `[workspace]`, so it builds where it
    /// is written even inside another workspace's folder. `false` for a workspace member.
    pub own_workspace: bool,
}

/// The files of a generated crate, keyed by path relative to the crate root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GeneratedCrate {
    /// Relative path to file contents.
    pub files: BTreeMap<PathBuf, String>,
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The document uses something the generator cannot express.
    #[error("{location}: unsupported: {reason}")]
    Unsupported {
        /// Where in the document (`#/paths/~1pets/get`).
        location: String,
        /// What is not supported.
        reason: String,
    },
    /// The document contradicts itself or OpenAPI (a dangling `$ref`, two operations that
    /// would get the same method name, a path parameter missing from its template).
    #[error("{location}: {reason}")]
    Invalid {
        /// Where in the document (`#/paths/~1pets/get`).
        location: String,
        /// What is wrong.
        reason: String,
    },
    /// Several problems in the document, each an `Unsupported` or `Invalid`, in document order.
    #[error("{} problems in the document; the first: {}", problems.len(), problems[0])]
    Problems {
        /// Every problem found; never fewer than two.
        problems: Vec<Error>,
    },
    /// A bug in the generator: it emitted something it should not have.
    #[error("internal error in docspec-codegen: {what}")]
    Internal {
        /// What went wrong.
        what: String,
    },
}

impl Error {
    /// Where in the document the problem is (`#/paths/~1pets/get`), when it is about one place.
    pub fn location(&self) -> Option<&str> {
        match self {
            Error::Unsupported { location, .. } | Error::Invalid { location, .. } => Some(location),
            Error::Problems { .. } | Error::Internal { .. } => None,
        }
    }

    /// The problems this error stands for: itself, or each of [`Error::Problems`].
    pub fn problems(&self) -> &[Error] {
        match self {
            Error::Problems { problems } => problems,
            other => std::slice::from_ref(other),
        }
    }
}

/// Generates a complete crate (Cargo.toml, README, sources), with a cargo feature per tag.
pub fn generate_crate(spec: &OpenAPI, settings: &GenSettings) -> Result<GeneratedCrate, Error> {
    let (ir, plan) = build(spec, ir::Gating::PerTag)?;
    crate_files::whole_crate(&ir, &plan, settings)
}

/// Generates one formatted Rust module (for `include!` from a build script's `OUT_DIR`).
///
/// The file holds `pub mod types`, `pub mod handlers` and, behind `#[cfg(feature = "server")]`,
/// `pub mod server`; the including crate declares a `server` feature (or gets an
/// `unexpected_cfgs` warning) and depends on serde, serde_json, docspec-runtime and axum.
pub fn generate_module(spec: &OpenAPI, settings: &GenSettings) -> Result<String, Error> {
    let (ir, plan) = build(spec, ir::Gating::None)?;
    crate_files::single_module(&ir, &plan, settings)
}

/// Generates the opt-in `example_checks` module (for `include!` next to [`generate_module`]'s
/// output, whose `types` it uses): `roundtrip_sample(method, path, part, body)` round-trips an
/// example payload through the generated type of that operation's body. The including crate
/// depends on `docspec-runtime` with its `examples` feature.
pub fn generate_example_checks(spec: &OpenAPI) -> Result<String, Error> {
    let (ir, _) = build(spec, ir::Gating::None)?;
    let tokens = emit::emit_example_checks(&ir);
    let file: syn::File = syn::parse2(tokens).map_err(|err| Error::Internal {
        what: format!("emitted example checks do not parse: {err}"),
    })?;
    Ok(prettyplease::unparse(&file))
}

/// Runs the pipeline up to the plan of sorted items.
fn build(spec: &OpenAPI, gating: ir::Gating) -> Result<(ir::Ir, ItemPlan), Error> {
    let _span = tracing::debug_span!("generate", title = %spec.info.title).entered();

    let started = std::time::Instant::now();

    // 1. Check the whole document, and 2. lower it to the IR (every identifier is final after
    // this). Lowering stops at the first problem it meets, so it runs beside the check, whose
    // answer (every problem, with its location) wins whenever it finds one.
    let (valid, lowered) = std::thread::scope(|scope| {
        let check = scope.spawn(|| validate::validate(spec));
        let lowered = ir::lower(spec);
        let valid = check.join().unwrap_or_else(|_| {
            let what = "the validation thread panicked".to_owned();
            Err(Error::Internal { what })
        });
        (valid, lowered)
    });
    valid?;
    let mut ir = lowered?;

    // 3. One canonical order, whatever the document's map order.
    ir::sort(&mut ir);
    ir::share_operation_types(&mut ir);
    ir::assign_features(&mut ir, gating);
    let (n_types, n_traits) = (ir.types.len(), ir.traits.len());
    tracing::debug!(n_types, n_traits, elapsed = ?started.elapsed(), "lowered");

    // 4. Key every item in output order; emitting happens while formatting.
    let plan = emit::plan(&ir)?;
    tracing::debug!(elapsed = ?started.elapsed(), "planned");
    Ok((ir, plan))
}
