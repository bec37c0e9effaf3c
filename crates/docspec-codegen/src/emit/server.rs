//! Emits the `server` module (behind `feature = "server"`): an axum handler per operation, an
//! `IntoResponse` impl per response enum, a router per trait and one for all traits.
//!
//! Handlers take raw parts (path tuple, URI, headers, body bytes) and let
//! `docspec_runtime::server` turn them into typed values, so that every malformed request gets
//! a readable 4xx answer from one place and the generated code stays short. Handler locals
//! (`imp`, `path`, `query`, `headers`, `body`, `params`) never meet user names: parameters
//! travel as fields of the `Params` struct.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};

use crate::Error;
use crate::emit::cfg::{cfg_attr, cfg_union};
use crate::emit::{Scope, ident, type_tokens};
use crate::ir::{
    BodyKind, Cfg, Ir, Operation, Param, ParamLocation, ResponseBody, ResponseVariant, StatusMatch,
    TraitDef,
};
use crate::names::{Case, NameSet, sanitize};
use crate::plan::{ItemJob, ItemPlan, Module, Part};

/// Plans the server items: names every shared query struct and router, keys every item.
pub(crate) fn plan_server(ir: &Ir, plan: &mut ItemPlan) -> Result<(), Error> {
    let mut names = NameSet::new(Case::Snake);
    names.claim_ident("router".to_owned());
    let query_types = plan_query_structs(ir, plan)?;
    for (tr, trait_def) in ir.traits.iter().enumerate() {
        for (op, operation) in trait_def.operations.iter().enumerate() {
            let query_type = query_types.get(&(tr, op)).cloned();
            let handler = handler_ident(operation).to_string();
            let job = ItemJob::Handler { tr, op, query_type };
            plan.push(Module::Server, &handler, Part::Definition, job)?;
            let job = ItemJob::IntoResponse { tr, op };
            plan.push(Module::Server, &operation.response_type, Part::Impls, job)?;
        }
    }
    let mut trait_routers = Vec::with_capacity(ir.traits.len());
    for (tr, trait_def) in ir.traits.iter().enumerate() {
        let name = names.claim_ident(format!("{}_router", trait_def.snake_name));
        let job = ItemJob::TraitRouter {
            tr,
            name: name.clone(),
        };
        plan.push(Module::Server, &name, Part::Definition, job)?;
        trait_routers.push(name);
    }
    if !ir.traits.is_empty() {
        if is_gated(ir) {
            plan.push(Module::Server, "bounds", Part::Definition, ItemJob::Bounds)?;
        }
        let job = ItemJob::Router { trait_routers };
        plan.push(Module::Server, "router", Part::Definition, job)?;
    }
    plan.push(
        Module::Server,
        "ROUTES",
        Part::Definition,
        ItemJob::RouteTable,
    )
}

/// Whether the traits sit behind cargo features.
fn is_gated(ir: &Ir) -> bool {
    ir.traits
        .iter()
        .any(|trait_def| trait_def.feature.is_some())
}

/// Plans the query structs and returns, per operation (trait and operation index) with query
/// parameters, the struct it reads them into.
///
/// Operations with the same query parameters share one struct, named after the first: most
/// documents repeat a few parameter sets (paging, `$select`) over many operations, and each
/// struct costs the compiler a serde derive. A shared struct is compiled when any of its
/// operations is.
fn plan_query_structs(
    ir: &Ir,
    plan: &mut ItemPlan,
) -> Result<BTreeMap<(usize, usize), String>, Error> {
    let mut query_names = NameSet::new(Case::UpperCamel);
    // Per distinct set of query parameters: its struct's job, filled in as users appear.
    let mut by_key: BTreeMap<String, ItemJob> = BTreeMap::new();
    let mut query_types = BTreeMap::new();
    for (tr, trait_def) in ir.traits.iter().enumerate() {
        for (op, operation) in trait_def.operations.iter().enumerate() {
            let Some(key) = query_key(operation) else {
                continue;
            };
            let job = by_key.entry(key).or_insert_with(|| ItemJob::QueryStruct {
                tr,
                op,
                name: query_names.claim_ident(format!(
                    "{}Query",
                    sanitize(&operation.method_name, Case::UpperCamel, "Operation")
                )),
                traits: Vec::new(),
            });
            if let ItemJob::QueryStruct { name, traits, .. } = job {
                if traits.last() != Some(&tr) {
                    traits.push(tr);
                }
                query_types.insert((tr, op), name.clone());
            }
        }
    }
    for job in by_key.into_values() {
        if let ItemJob::QueryStruct { name, .. } = &job {
            let name = name.clone();
            plan.push(Module::Server, &name, Part::Definition, job)?;
        }
    }
    Ok(query_types)
}

/// What makes two operations' query structs the same: every query parameter's field, wire
/// name, type and whether it is required. `None` without query parameters.
fn query_key(operation: &Operation) -> Option<String> {
    let mut key = String::new();
    for param in &operation.params {
        if param.location == ParamLocation::Query {
            let Param {
                field,
                wire,
                ty,
                required,
                ..
            } = param;
            key.push_str(&format!(
                "{field}\u{0}{wire}\u{0}{ty:?}\u{0}{required}\u{0}"
            ));
        }
    }
    (!key.is_empty()).then_some(key)
}

pub(crate) fn emit_handler(
    trait_def: &TraitDef,
    operation: &Operation,
    query_type: Option<&str>,
) -> TokenStream {
    let handler = handler_ident(operation);
    let trait_name = ident(&trait_def.name);
    let method = ident(&operation.method_name);
    let rt = quote!(::docspec_runtime::server);
    let has = |location| operation.params.iter().any(|p| p.location == location);
    let needs_headers = has(ParamLocation::Header)
        || has(ParamLocation::Cookie)
        || operation
            .body
            .as_ref()
            .is_some_and(|body| body.kind == BodyKind::Json);

    // Extractor arguments, only those this operation uses.
    let path_arg = (!operation.path_order.is_empty()).then(|| {
        let types = operation
            .path_order
            .iter()
            .map(|&idx| type_tokens(&operation.params[idx].ty, Scope::Sibling));
        quote!(path: ::docspec_runtime::server::PathParams<(#(#types,)*)>,)
    });
    let uri_arg = has(ParamLocation::Query).then(|| quote!(uri: ::axum::http::Uri,));
    let headers_arg = needs_headers.then(|| quote!(headers: ::axum::http::HeaderMap,));
    let body_arg = operation
        .body
        .as_ref()
        .map(|_| quote!(body: ::axum::body::Bytes,));

    // Statements that turn the raw parts into typed values.
    let read_path = path_arg.as_ref().map(|_| quote!(let path = path?.0;));
    let read_query = query_type.map(|query_type| {
        let query_type = ident(query_type);
        quote!(let query: #query_type = #rt::query(&uri)?;)
    });
    let build_params = operation.params_type.as_deref().map(|params_type| {
        let params_type = ident(params_type);
        let fields = operation.params.iter().enumerate().map(|(idx, param)| {
            let field = ident(&param.field);
            let wire = &param.wire;
            let value = match (param.location, param.required) {
                (ParamLocation::Path, _) => {
                    let position = operation.path_order.iter().position(|&p| p == idx);
                    let position = syn::Index::from(position.unwrap_or_default());
                    quote!(path.#position)
                }
                (ParamLocation::Query, _) => quote!(query.#field),
                (ParamLocation::Header, true) => quote!(#rt::required_header(&headers, #wire)?),
                (ParamLocation::Header, false) => quote!(#rt::header(&headers, #wire)?),
                (ParamLocation::Cookie, true) => quote!(#rt::required_cookie(&headers, #wire)?),
                (ParamLocation::Cookie, false) => quote!(#rt::cookie(&headers, #wire)?),
            };
            quote!(#field: #value,)
        });
        quote!(let params = super::types::#params_type { #(#fields)* };)
    });
    let read_body = operation.body.as_ref().map(|body| {
        let reader = match (body.kind, body.required) {
            (BodyKind::Json, true) => quote!(#rt::json_body(&headers, &body)),
            (BodyKind::Json, false) => quote!(#rt::optional_json_body(&headers, &body)),
            (BodyKind::Form, true) => quote!(#rt::form_body(&body)),
            (BodyKind::Form, false) => quote!(#rt::optional_form_body(&body)),
            (BodyKind::Text, true) => quote!(#rt::text_body(&body)),
            (BodyKind::Text, false) => quote!(#rt::optional_text_body(&body)),
            (BodyKind::Bytes, true) => quote!(#rt::bytes_body(&body)),
            (BodyKind::Bytes, false) => quote!(#rt::optional_bytes_body(&body)),
        };
        quote!(let body = #reader?;)
    });
    let call_args = [
        operation.params_type.as_ref().map(|_| quote!(params)),
        operation.body.as_ref().map(|_| quote!(body)),
    ];
    let call_args = call_args.iter().flatten();
    let call = quote!(imp.#method(#(#call_args),*).await);
    let fallible =
        read_path.is_some() || read_query.is_some() || needs_headers || read_body.is_some();
    let respond = match fallible {
        true => quote! {
            let result = async {
                #read_path
                #read_query
                #build_params
                #read_body
                ::std::result::Result::Ok::<_, #rt::Rejection>(#call)
            }
            .await;
            #rt::respond(result)
        },
        false => quote! {
            #build_params
            ::axum::response::IntoResponse::into_response(#call)
        },
    };
    let doc = format!(
        " Serves `{} {}` with `{}::{}`.",
        operation.http_method.as_str().to_uppercase(),
        operation.path,
        trait_def.name,
        operation.method_name
    );
    let cfg = cfg_attr(&trait_def.cfg());
    quote! {
        #[doc = #doc]
        #cfg
        async fn #handler<H: super::handlers::#trait_name>(
            ::axum::extract::State(imp): ::axum::extract::State<::std::sync::Arc<H>>,
            #path_arg
            #uri_arg
            #headers_arg
            #body_arg
        ) -> ::axum::response::Response {
            #respond
        }
    }
}

/// The fields of the struct that serde reads an operation's query string into, or `None`
/// when the operation has no query parameters.
///
/// FIXME: only `form` style with `explode: true` (repeated keys) is read; comma-separated
/// arrays and `deepObject` parameters are answered with a 400.
fn query_fields(operation: &Operation) -> Option<TokenStream> {
    let fields: Vec<TokenStream> = operation
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .map(|param| {
            let field = ident(&param.field);
            let wire = &param.wire;
            let mut ty = type_tokens(&param.ty, Scope::Sibling);
            if !param.required {
                ty = quote!(::std::option::Option<#ty>);
            }
            let mut serde_args = Vec::new();
            if param.field != param.wire {
                serde_args.push(quote!(rename = #wire));
            }
            if !param.required {
                serde_args.push(quote!(default));
            }
            let serde_attr = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
            quote!(#serde_attr #field: #ty,)
        })
        .collect();
    (!fields.is_empty()).then(|| quote!(#(#fields)*))
}

/// The query struct, first needed by `operation`; compiled with any of the traits `traits`.
pub(crate) fn emit_query_struct(
    ir: &Ir,
    operation: &Operation,
    query_type: &str,
    traits: &[usize],
) -> TokenStream {
    let name = ident(query_type);
    let fields = query_fields(operation).unwrap_or_default();
    let cfgs: Vec<Cfg> = traits.iter().map(|&tr| ir.traits[tr].cfg()).collect();
    let cfg = cfg_union(&cfgs);
    let doc = format!(
        " Query parameters of `{}` and of every operation with the same ones.",
        operation.method_name
    );
    let cfg = cfg_attr(&cfg);
    quote! {
        #[doc = #doc]
        #cfg
        #[derive(::serde::Deserialize)]
        struct #name {
            #fields
        }
    }
}

pub(crate) fn emit_into_response(trait_def: &TraitDef, operation: &Operation) -> TokenStream {
    let response = ident(&operation.response_type);
    let arms = operation.responses.iter().map(emit_response_arm);
    let cfg = cfg_attr(&trait_def.cfg());
    quote! {
        #cfg
        impl ::axum::response::IntoResponse for super::types::#response {
            fn into_response(self) -> ::axum::response::Response {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn emit_response_arm(variant: &ResponseVariant) -> TokenStream {
    let name = ident(&variant.name);
    let (pattern, status) = match (variant.status, variant.body.is_some()) {
        (StatusMatch::Code(code), false) => (
            quote!(Self::#name),
            Literal::u16_unsuffixed(code).into_token_stream(),
        ),
        (StatusMatch::Code(code), true) => (
            quote!(Self::#name(body)),
            Literal::u16_unsuffixed(code).into_token_stream(),
        ),
        (_, false) => (quote!(Self::#name { status }), quote!(status)),
        (_, true) => (quote!(Self::#name { status, body }), quote!(status)),
    };
    let rt = quote!(::docspec_runtime::server);
    let response = match &variant.body {
        None => quote!(#rt::empty_response(#status)),
        Some(ResponseBody {
            kind: BodyKind::Json | BodyKind::Form,
            ..
        }) => {
            quote!(#rt::json_response(#status, &body))
        }
        Some(ResponseBody {
            kind: BodyKind::Text,
            ..
        }) => quote!(#rt::text_response(#status, body)),
        Some(ResponseBody {
            kind: BodyKind::Bytes,
            content_type,
            ..
        }) => {
            quote!(#rt::bytes_response(#status, #content_type, body))
        }
    };
    quote!(#pattern => #response,)
}

pub(crate) fn emit_trait_router(trait_def: &TraitDef, name: &str) -> TokenStream {
    let function = ident(name);
    let trait_name = ident(&trait_def.name);
    let routes = route_calls(trait_def.operations.iter());
    let doc = format!(" Routes the operations of `{}` to `imp`.", trait_def.name);
    let cfg = cfg_attr(&trait_def.cfg());
    quote! {
        #[doc = #doc]
        #cfg
        pub fn #function<H: super::handlers::#trait_name>(
            imp: ::std::sync::Arc<H>,
        ) -> ::axum::Router {
            ::axum::Router::new()
                #routes
                .with_state(imp)
        }
    }
}

/// `router` merges the per-trait routers rather than repeating their routes, which keeps the
/// output (and the compiler's work) linear in the number of operations. Routes of different
/// traits that share a path merge into one method router, as with `.route` calls.
pub(crate) fn emit_combined_router(ir: &Ir, router_names: &[String]) -> TokenStream {
    if is_gated(ir) {
        return emit_gated_combined_router(ir, router_names);
    }
    let bounds = ir.traits.iter().map(|trait_def| {
        let trait_name = ident(&trait_def.name);
        quote!(super::handlers::#trait_name)
    });
    let merges = router_names.iter().map(|name| {
        let name = ident(name);
        quote!(.merge(#name(::std::sync::Arc::clone(&imp))))
    });
    quote! {
        /// Routes every operation to `imp`, which implements all handler traits.
        pub fn router<H: #(#bounds)+*>(imp: ::std::sync::Arc<H>) -> ::axum::Router {
            ::axum::Router::new()
                #(#merges)*
        }
    }
}

/// `router` when traits sit behind features: it merges the routers of the enabled tags only,
/// and asks of `imp` only their traits. A bound cannot be gated (attributes in `where`
/// clauses are unstable), so it names each trait through the `bounds` module, where a tag
/// whose feature is off gets a trait that every type implements.
fn emit_gated_combined_router(ir: &Ir, router_names: &[String]) -> TokenStream {
    let bounds = ir.traits.iter().map(|trait_def| {
        let trait_name = ident(&trait_def.name);
        quote!(bounds::#trait_name)
    });
    let merges = ir.traits.iter().zip(router_names).map(|(trait_def, name)| {
        let name = ident(name);
        let cfg = cfg_attr(&trait_def.cfg());
        quote! {
            #cfg
            let router = router.merge(#name(::std::sync::Arc::clone(&imp)));
        }
    });
    quote! {
        /// Routes every operation of the enabled tags to `imp`, which implements their handler
        /// traits.
        pub fn router<H: #(#bounds)+*>(imp: ::std::sync::Arc<H>) -> ::axum::Router {
            let router = ::axum::Router::new();
            #(#merges)*
            ::std::mem::drop(imp);
            router
        }
    }
}

/// Per tag, the trait `router` asks of its handler: the tag's handler trait when the feature is
/// on, a trait every type implements when it is off.
pub(crate) fn bounds_module(ir: &Ir) -> TokenStream {
    let items = ir.traits.iter().map(|trait_def| {
        let trait_name = ident(&trait_def.name);
        let cfg = cfg_attr(&trait_def.cfg());
        let feature = trait_def.feature.as_deref().unwrap_or_default();
        let doc = format!(
            " Stands in for `{}` while feature `{feature}` is off.",
            trait_def.name
        );
        quote! {
            #cfg
            pub use super::super::handlers::#trait_name;
            #[doc = #doc]
            #[cfg(not(feature = #feature))]
            pub trait #trait_name {}
            #[cfg(not(feature = #feature))]
            impl<T: ?::std::marker::Sized> #trait_name for T {}
        }
    });
    quote! {
        /// The bounds of `router`, one per tag.
        #[doc(hidden)]
        pub mod bounds {
            #(#items)*
        }
    }
}

/// `ROUTES`: every (method, route) pair, for listing and for tests that build the routers;
/// each entry is compiled with its tag.
pub(crate) fn emit_route_table(ir: &Ir) -> TokenStream {
    let mut routes: Vec<(&str, &str, Cfg)> = ir
        .traits
        .iter()
        .flat_map(|t| t.operations.iter().map(move |operation| (t, operation)))
        .map(|(trait_def, operation)| {
            let route = operation.route.as_str();
            (route, operation.http_method.as_str(), trait_def.cfg())
        })
        .collect();
    routes.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let entries = routes.iter().map(|(route, method, cfg)| {
        let method = method.to_uppercase();
        let cfg = cfg_attr(cfg);
        quote!(#cfg (#method, #route),)
    });
    quote! {
        /// Every route as (HTTP method, axum path), sorted by path.
        pub const ROUTES: &[(&str, &str)] = &[#(#entries)*];
    }
}

/// `.route(path, get(handler).post(handler))` calls, one per route, sorted by route.
fn route_calls<'o>(operations: impl Iterator<Item = &'o Operation>) -> TokenStream {
    let mut by_route: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for operation in operations {
        by_route
            .entry(&operation.route)
            .or_default()
            .push(operation);
    }
    let calls = by_route.into_iter().map(|(route, mut operations)| {
        operations.sort_by_key(|operation| operation.http_method);
        let mut method_router = TokenStream::new();
        for (idx, operation) in operations.iter().enumerate() {
            let method = format_ident!("{}", operation.http_method.as_str());
            let handler = handler_ident(operation);
            method_router.extend(match idx {
                0 => quote!(::axum::routing::#method(#handler::<H>)),
                _ => quote!(.#method(#handler::<H>)),
            });
        }
        quote!(.route(#route, #method_router))
    });
    quote!(#(#calls)*)
}

fn handler_ident(operation: &Operation) -> proc_macro2::Ident {
    format_ident!("handle_{}", operation.method_name.trim_matches('_'))
}
