//! Turns the sorted IR into token streams: [`plan`] keys every item in output order, and
//! [`emit_item`] makes the tokens of one item from the IR alone, so items can be emitted on
//! any thread. One `emit_*` function per IR variant, spread over `types`, `traits` and
//! `server`.
//!
//! Generated code names std, serde and axum items by full path (`::std::option::Option`), so a
//! schema called `Option`, `Result` or `Box` cannot shadow them. Derives are the exception:
//! `#[derive(Debug, Clone)]` names macros, which a type called `Debug` cannot shadow, and the
//! short list keeps a derive on one line. Generated code refers to generated types through
//! `super::types::`, so handler and server code works the same in a crate of its own and inside
//! a module that a build script `include!`s.

mod cfg;
mod docs;
mod examples;
mod server;
mod traits;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::Error;
use crate::ir::{Ir, Primitive, TypeRef};
use crate::plan::{ItemJob, ItemPlan, Module, Part};

pub(crate) use docs::doc_lines;
pub(crate) use examples::emit_example_checks;

/// Plans every item of `ir`: its key in the output and what to emit for it.
pub(crate) fn plan(ir: &Ir) -> Result<ItemPlan, Error> {
    let mut plan = ItemPlan::default();
    for (idx, def) in ir.types.iter().enumerate() {
        plan.push(
            Module::Types,
            &def.name,
            Part::Definition,
            ItemJob::Type(idx),
        )?;
    }
    for (idx, trait_def) in ir.traits.iter().enumerate() {
        plan.push(
            Module::Handlers,
            &trait_def.name,
            Part::Definition,
            ItemJob::Trait(idx),
        )?;
    }
    server::plan_server(ir, &mut plan)?;
    Ok(plan)
}

/// The tokens of one planned item.
pub(crate) fn emit_item(ir: &Ir, job: &ItemJob) -> TokenStream {
    let operation = |tr: usize, op: usize| (&ir.traits[tr], &ir.traits[tr].operations[op]);
    match job {
        ItemJob::Type(idx) => types::emit_type(&ir.types[*idx]),
        ItemJob::Trait(idx) => traits::emit_trait(&ir.traits[*idx]),
        ItemJob::QueryStruct {
            tr,
            op,
            name,
            traits,
        } => server::emit_query_struct(ir, operation(*tr, *op).1, name, traits),
        ItemJob::Handler { tr, op, parser } => {
            let (trait_def, operation) = operation(*tr, *op);
            server::emit_handler(trait_def, operation, parser.as_deref())
        }
        ItemJob::ParamsParser {
            tr,
            op,
            name,
            query_type,
            traits,
        } => {
            let operation = operation(*tr, *op).1;
            server::emit_params_parser(ir, operation, name, query_type.as_deref(), traits)
        }
        ItemJob::IntoResponse { tr, op } => server::emit_into_response(ir, operation(*tr, *op).1),
        ItemJob::TraitRouter { tr, name } => server::emit_trait_router(&ir.traits[*tr], name),
        ItemJob::Router { trait_routers } => server::emit_combined_router(ir, trait_routers),
        ItemJob::Bounds => server::bounds_module(ir),
        ItemJob::RouteTable => server::emit_route_table(ir),
    }
}

/// Where a type reference is written: inside the `types` module or in a sibling module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Types,
    Sibling,
}

/// An identifier; every name in the IR is already legal (see `names::sanitize`).
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

pub(crate) fn type_tokens(ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let name = ident(name);
            match scope {
                Scope::Types => quote!(#name),
                Scope::Sibling => quote!(super::types::#name),
            }
        }
        TypeRef::Primitive(primitive) => primitive_tokens(*primitive),
        TypeRef::Vec(item) => {
            let item = type_tokens(item, scope);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_tokens(value, scope);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        TypeRef::Option(inner) => {
            let inner = type_tokens(inner, scope);
            quote!(::std::option::Option<#inner>)
        }
    }
}

fn primitive_tokens(primitive: Primitive) -> TokenStream {
    match primitive {
        Primitive::String => quote!(::std::string::String),
        Primitive::Bool => quote!(bool),
        Primitive::I8 => quote!(i8),
        Primitive::I16 => quote!(i16),
        Primitive::I32 => quote!(i32),
        Primitive::I64 => quote!(i64),
        Primitive::U8 => quote!(u8),
        Primitive::U16 => quote!(u16),
        Primitive::U32 => quote!(u32),
        Primitive::U64 => quote!(u64),
        Primitive::F64 => quote!(f64),
        Primitive::DateTime => quote!(::docspec_runtime::DateTime),
        Primitive::Date => quote!(::docspec_runtime::Date),
        Primitive::Base64 => quote!(::docspec_runtime::Base64Bytes),
        // FIXME: inside a JSON object, `format: binary` serializes as an array of numbers;
        // it only travels as raw bytes when it is a whole body.
        Primitive::Binary => quote!(::std::vec::Vec<u8>),
        Primitive::Value => quote!(::serde_json::Value),
    }
}

/// `#[doc]` attributes from a description, or from `fallback` when there is none, so that every
/// public item is documented (a crate with `#![deny(missing_docs)]` can include the output).
pub(crate) fn doc_attrs(text: Option<&str>, fallback: &str) -> TokenStream {
    let mut lines = text.map(doc_lines).unwrap_or_default();
    if lines.is_empty() {
        lines = doc_lines(fallback);
    }
    let lines = lines.iter().map(|line| format!(" {line}"));
    quote!(#(#[doc = #lines])*)
}
