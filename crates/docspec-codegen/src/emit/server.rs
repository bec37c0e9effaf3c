//! Emits the `server` module (behind `feature = "server"`): an axum handler per operation, an
//! `IntoResponse` impl per response enum, a router per trait and one for all traits.
//!
//! A handler takes one `RawRequest` and lets a parse function turn it into typed values with
//! `docspec_runtime::server`, so that every malformed request gets a readable 4xx answer from
//! one place and the generated code stays short. Locals (`imp`, `request`, `query`, `inputs`,
//! `params`, `body`) never meet user names: parameters travel as fields of the `Params` struct.

use std::collections::BTreeMap;

use heck::ToSnakeCase;
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};

use crate::Error;
use crate::emit::cfg::{cfg_attr, cfg_union};
use crate::emit::{Scope, ident, type_tokens};
use crate::ir::{
    Body, BodyKind, Cfg, Ir, Operation, Param, ParamLocation, ResponseBody, ResponseVariant,
    StatusMatch, TraitDef,
};
use crate::names::{Case, NameSet, sanitize};
use crate::plan::{ItemJob, ItemPlan, Module, Part};

/// Plans the server items: names every shared query struct and router, keys every item.
pub(crate) fn plan_server(ir: &Ir, plan: &mut ItemPlan) -> Result<(), Error> {
    let mut names = NameSet::new(Case::Snake);
    names.claim_ident("router".to_owned());
    let query_types = plan_query_structs(ir, plan)?;
    // Handler names come from unique operation names; claiming them first keeps the parser and
    // router names clear of them.
    for operation in ir.traits.iter().flat_map(|t| t.operations.iter()) {
        names.claim_ident(handler_ident(operation).to_string());
    }
    let parsers = plan_params_parsers(ir, plan, &mut names, &query_types)?;
    for (tr, trait_def) in ir.traits.iter().enumerate() {
        for (op, operation) in trait_def.operations.iter().enumerate() {
            let parser = (operation.params_struct.as_deref()).and_then(|s| parsers.get(s).cloned());
            let handler = handler_ident(operation).to_string();
            let job = ItemJob::Handler { tr, op, parser };
            plan.push(Module::Server, &handler, Part::Definition, job)?;
            // One impl per enum, planned with the first operation that answers with it.
            if operation.response_enum == operation.response_type {
                let job = ItemJob::IntoResponse { tr, op };
                plan.push(Module::Server, &operation.response_enum, Part::Impls, job)?;
            }
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

/// Plans one parse function per `Params` struct, shared by every operation that reads it, and
/// returns each struct's function name.
fn plan_params_parsers<'ir>(
    ir: &'ir Ir,
    plan: &mut ItemPlan,
    names: &mut NameSet,
    query_types: &BTreeMap<(usize, usize), String>,
) -> Result<BTreeMap<&'ir str, String>, Error> {
    let mut jobs: BTreeMap<&str, ItemJob> = BTreeMap::new();
    let mut parsers = BTreeMap::new();
    for (tr, trait_def) in ir.traits.iter().enumerate() {
        for (op, operation) in trait_def.operations.iter().enumerate() {
            let Some(params_struct) = operation.params_struct.as_deref() else {
                continue;
            };
            let job = jobs.entry(params_struct).or_insert_with(|| {
                let name = names.claim_ident(format!("parse_{}", params_struct.to_snake_case()));
                parsers.insert(params_struct, name.clone());
                ItemJob::ParamsParser {
                    tr,
                    op,
                    name,
                    query_type: query_types.get(&(tr, op)).cloned(),
                    traits: Vec::new(),
                }
            });
            if let ItemJob::ParamsParser { traits, .. } = job
                && traits.last() != Some(&tr)
            {
                traits.push(tr);
            }
        }
    }
    for (params_struct, job) in jobs {
        plan.push(
            Module::Server,
            &parsers[params_struct],
            Part::Definition,
            job,
        )?;
    }
    Ok(parsers)
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

/// The handler of one operation.
///
/// It is a plain generic function: it reads the inputs (with the operation's shared `Params`
/// parser and a body reader) and passes them to `docspec_runtime::server::serve`, whose one
/// future calls the implementation. Nothing here is `async`, which keeps `cargo check` of
/// large crates fast.
pub(crate) fn emit_handler(
    trait_def: &TraitDef,
    operation: &Operation,
    parser: Option<&str>,
) -> TokenStream {
    let handler = handler_ident(operation);
    let trait_name = ident(&trait_def.name);
    let method = ident(&operation.method_name);
    let rt = quote!(::docspec_runtime::server);
    let read_params = parser.map(|parser| {
        let parser = ident(parser);
        quote!(#parser(&request))
    });
    let read_body = operation.body.as_ref().map(|body| {
        let reader = body_reader(body);
        quote!(request.#reader())
    });
    // What the implementation takes: the inputs as read, and the call that unpacks them.
    let (inputs, args, call) = match (read_params, read_body) {
        (Some(params), Some(body)) => (
            quote!(#params.and_then(|params| #body.map(|body| (params, body)))),
            quote!((params, body)),
            quote!(imp.#method(params, body)),
        ),
        (Some(params), None) => (params, quote!(params), quote!(imp.#method(params))),
        (None, Some(body)) => (body, quote!(body), quote!(imp.#method(body))),
        (None, None) => (
            quote!(::std::result::Result::Ok(())),
            quote!(()),
            quote!(imp.#method()),
        ),
    };
    // Every handler has the same signature, `docspec_runtime::server::HandlerFn`.
    let request = match parser.is_some() || operation.body.is_some() {
        true => quote!(request),
        false => quote!(_request),
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
        fn #handler<H: super::handlers::#trait_name>(
            ::axum::extract::State(imp): ::axum::extract::State<::std::sync::Arc<H>>,
            #request: #rt::RawRequest,
        ) -> #rt::ResponseFuture {
            let inputs = #inputs;
            #rt::serve(imp, inputs, |imp, #args| ::std::boxed::Box::pin(#call))
        }
    }
}

/// The `RawRequest` method that reads a body of this kind.
fn body_reader(body: &Body) -> proc_macro2::Ident {
    let reader = match (body.kind, body.required) {
        (BodyKind::Json, true) => "json_body",
        (BodyKind::Json, false) => "optional_json_body",
        (BodyKind::Form, true) => "form_body",
        (BodyKind::Form, false) => "optional_form_body",
        (BodyKind::Text, true) => "text_body",
        (BodyKind::Text, false) => "optional_text_body",
        (BodyKind::Bytes, true) => "bytes_body",
        (BodyKind::Bytes, false) => "optional_bytes_body",
    };
    format_ident!("{reader}")
}

/// The function that reads the `Params` struct `name` from a request, for `operation` and every
/// other operation of the traits `traits` that takes the same parameters.
pub(crate) fn emit_params_parser(
    ir: &Ir,
    operation: &Operation,
    name: &str,
    query_type: Option<&str>,
    traits: &[usize],
) -> TokenStream {
    let parser = ident(name);
    let rt = quote!(::docspec_runtime::server);
    let params_struct = ident(operation.params_struct.as_deref().unwrap_or_default());
    let read_query = query_type.map(|query_type| {
        let query_type = ident(query_type);
        quote!(let query: #query_type = request.query()?;)
    });
    let fields = operation.params.iter().enumerate().map(|(idx, param)| {
        let field = ident(&param.field);
        let wire = &param.wire;
        let value = match (param.location, param.required) {
            (ParamLocation::Path, _) => {
                let position = operation.path_order.iter().position(|&p| p == idx);
                let position = Literal::usize_unsuffixed(position.unwrap_or_default());
                let count = Literal::usize_unsuffixed(operation.path_order.len());
                quote!(request.path(#position, #count, #wire)?)
            }
            (ParamLocation::Query, _) => quote!(query.#field),
            (ParamLocation::Header, true) => quote!(request.required_header(#wire)?),
            (ParamLocation::Header, false) => quote!(request.header(#wire)?),
            (ParamLocation::Cookie, true) => quote!(request.required_cookie(#wire)?),
            (ParamLocation::Cookie, false) => quote!(request.cookie(#wire)?),
        };
        quote!(#field: #value,)
    });
    let cfgs: Vec<Cfg> = traits.iter().map(|&tr| ir.traits[tr].cfg()).collect();
    let cfg = cfg_attr(&cfg_union(&cfgs));
    let doc = format!(" Reads [`super::types::{params_struct}`] from a request.");
    quote! {
        #[doc = #doc]
        #cfg
        fn #parser(
            request: &#rt::RawRequest,
        ) -> ::std::result::Result<super::types::#params_struct, #rt::Rejection> {
            #read_query
            ::std::result::Result::Ok(super::types::#params_struct { #(#fields)* })
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

/// `IntoResponse` for the enum of `operation`, compiled with the enum (whose cfg covers every
/// operation that shares it).
pub(crate) fn emit_into_response(ir: &Ir, operation: &Operation) -> TokenStream {
    let response = ident(&operation.response_enum);
    let arms = operation.responses.iter().map(emit_response_arm);
    let enum_cfg = ir
        .types
        .binary_search_by(|def| def.name.as_str().cmp(&operation.response_enum))
        .map(|idx| ir.types[idx].cfg.clone())
        .unwrap_or_default();
    let cfg = cfg_attr(&enum_cfg);
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
    let routes = route_table(trait_def.operations.iter());
    let doc = format!(" Routes the operations of `{}` to `imp`.", trait_def.name);
    let cfg = cfg_attr(&trait_def.cfg());
    quote! {
        #[doc = #doc]
        #cfg
        pub fn #function<H: super::handlers::#trait_name>(
            imp: ::std::sync::Arc<H>,
        ) -> ::axum::Router {
            ::docspec_runtime::server::router(imp, &[#routes])
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

/// `(method, route, handler)` entries, one per operation, sorted by route and method.
fn route_table<'o>(operations: impl Iterator<Item = &'o Operation>) -> TokenStream {
    let mut operations: Vec<&Operation> = operations.collect();
    operations.sort_by(|a, b| (&a.route, a.http_method).cmp(&(&b.route, b.http_method)));
    let entries = operations.iter().map(|operation| {
        let method = format_ident!("{}", operation.http_method.as_str().to_uppercase());
        let route = &operation.route;
        let handler = handler_ident(operation);
        quote!((::axum::routing::MethodFilter::#method, #route, #handler::<H>),)
    });
    quote!(#(#entries)*)
}

fn handler_ident(operation: &Operation) -> proc_macro2::Ident {
    format_ident!("handle_{}", operation.method_name.trim_matches('_'))
}
