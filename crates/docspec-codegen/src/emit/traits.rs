//! Emits the `handlers` module: one trait per tag, one async method per operation.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::cfg::cfg_attr;
use crate::emit::{Scope, doc_attrs, ident, type_tokens};
use crate::ir::{Body, BodyKind, Operation, TraitDef};

/// A trait whose methods return `impl Future + Send` (no `async_trait`), so that implementations
/// can be served from a multi-threaded runtime; `Send + Sync + 'static` lets the server glue
/// share one implementation behind an `Arc`.
pub(crate) fn emit_trait(trait_def: &TraitDef) -> TokenStream {
    let name = ident(&trait_def.name);
    let docs = doc_attrs(trait_def.doc.as_deref(), "Operations of the API.");
    let methods = trait_def.operations.iter().map(emit_method);
    let cfg = cfg_attr(&trait_def.cfg());
    quote! {
        #docs
        #cfg
        pub trait #name: ::std::marker::Send + ::std::marker::Sync + 'static {
            #(#methods)*
        }
    }
}

fn emit_method(operation: &Operation) -> TokenStream {
    let method = ident(&operation.method_name);
    let endpoint = format!(
        "`{} {}`",
        operation.http_method.as_str().to_uppercase(),
        operation.path
    );
    let text = match &operation.doc {
        Some(doc) => format!("{doc}\n\n{endpoint}"),
        None => endpoint,
    };
    let docs = doc_attrs(Some(&text), "");
    let params = operation.params_type.as_deref().map(|params| {
        let params = ident(params);
        quote!(params: super::types::#params,)
    });
    let body = operation.body.as_ref().map(|body| {
        let ty = body_type(body);
        quote!(body: #ty,)
    });
    let response = ident(&operation.response_type);
    // The method name comes from the operationId; `from_x`/`into_x` would trip clippy's naming
    // convention for `&self` methods, which the trait cannot follow.
    let naming_allow = ["as_", "from_", "into_", "is_", "to_"]
        .iter()
        .any(|prefix| operation.method_name.starts_with(prefix))
        .then(|| quote!(#[allow(clippy::wrong_self_convention)]));
    quote! {
        #docs
        #naming_allow
        fn #method(&self, #params #body) -> impl ::std::future::Future<
            Output = super::types::#response,
        > + ::std::marker::Send;
    }
}

/// The type a handler receives for a request body; optional bodies are `Option`.
pub(crate) fn body_type(body: &Body) -> TokenStream {
    let ty = match body.kind {
        BodyKind::Json | BodyKind::Form => type_tokens(&body.ty, Scope::Sibling),
        BodyKind::Text => quote!(::std::string::String),
        BodyKind::Bytes => quote!(::std::vec::Vec<u8>),
    };
    match body.required {
        true => ty,
        false => quote!(::std::option::Option<#ty>),
    }
}
