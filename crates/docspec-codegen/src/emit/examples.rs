//! Emits the opt-in `example_checks` module: one function that round-trips an example payload
//! through the generated type of an operation's request body or response body.
//!
//! Tests use it to prove generated types against real example payloads; the type naming stays
//! in here, so a test needs nothing but the method, the path and the payload. The checks call
//! `docspec_runtime::examples` (feature `examples` of the runtime).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::{Scope, type_tokens};
use crate::ir::{Body, BodyKind, Ir, Operation, ResponseBody, StatusMatch};

/// The `example_checks` module for every operation of `ir`, to sit beside `types`.
pub(crate) fn emit_example_checks(ir: &Ir) -> TokenStream {
    let operations: Vec<&Operation> =
        ir.traits.iter().flat_map(|trait_def| &trait_def.operations).collect();
    let function_body = match operations.is_empty() {
        true => quote! {
            let _ = (method, path, part, body);
            ::std::option::Option::None
        },
        false => {
            let arms = operations.iter().map(|operation| operation_arm(operation));
            quote! {
                let checked = match (method, path) {
                    #(#arms)*
                    _ => return ::std::option::Option::None,
                };
                ::std::option::Option::Some(checked)
            }
        }
    };
    quote! {
        /// Round trips of example payloads through the generated types.
        pub mod example_checks {
            /// Deserializes `body` as the type the operation `method` `path` (lowercase method,
            /// path as in the document) has for `part`, serializes it back and compares the
            /// two leniently (see `docspec_runtime::examples`). `None` when no operation has
            /// this method and path; an error says what differs, or that `part` has no JSON
            /// body documented.
            pub fn roundtrip_sample(
                method: &str,
                path: &str,
                part: ::docspec_runtime::examples::SamplePart,
                body: &::serde_json::Value,
            ) -> ::std::option::Option<::std::result::Result<(), ::std::string::String>> {
                #function_body
            }
        }
    }
}

/// `("get", "/pets/{id}") => match part { ... },`
fn operation_arm(operation: &Operation) -> TokenStream {
    let method = operation.http_method.as_str();
    let path = &operation.path;
    let request = request_check(operation.body.as_ref());
    let responses = operation.responses.iter().map(|variant| {
        let check = response_check(variant.body.as_ref());
        match variant.status {
            StatusMatch::Code(code) => {
                let code = Literal::u16_unsuffixed(code);
                quote!(::docspec_runtime::examples::SamplePart::Response(#code) => #check,)
            }
            StatusMatch::Range(class) => {
                let low = Literal::u16_unsuffixed(class * 100);
                let high = Literal::u16_unsuffixed(class * 100 + 99);
                quote! {
                    ::docspec_runtime::examples::SamplePart::Response(#low..=#high) => #check,
                }
            }
            StatusMatch::Default => {
                quote!(::docspec_runtime::examples::SamplePart::Response(_) => #check,)
            }
        }
    });
    // A `default` response takes every status, so a catch-all arm after it is unreachable.
    let has_default = operation.responses.iter().any(|v| v.status == StatusMatch::Default);
    let undocumented = (!has_default).then(|| {
        quote! {
            ::docspec_runtime::examples::SamplePart::Response(status) => {
                ::docspec_runtime::examples::undocumented_status(status)
            }
        }
    });
    quote! {
        (#method, #path) => match part {
            ::docspec_runtime::examples::SamplePart::Request => #request,
            #(#responses)*
            #undocumented
        },
    }
}

fn request_check(body: Option<&Body>) -> TokenStream {
    let part = quote!(::docspec_runtime::examples::SamplePart::Request);
    match body {
        Some(body) if body.kind == BodyKind::Json => roundtrip_call(body),
        Some(body) => {
            let content_type = match body.kind {
                BodyKind::Form => "application/x-www-form-urlencoded",
                BodyKind::Text => "text/plain",
                _ => "application/octet-stream",
            };
            quote!(::docspec_runtime::examples::not_json(#part, #content_type))
        }
        None => quote!(::docspec_runtime::examples::no_body(#part)),
    }
}

fn response_check(body: Option<&ResponseBody>) -> TokenStream {
    match body {
        Some(body) if body.kind == BodyKind::Json => {
            let ty = type_tokens(&body.ty, Scope::Sibling);
            quote!(::docspec_runtime::examples::roundtrip::<#ty>(body))
        }
        Some(body) => {
            let content_type = &body.content_type;
            quote!(::docspec_runtime::examples::not_json(part, #content_type))
        }
        None => quote!(::docspec_runtime::examples::no_body(part)),
    }
}

fn roundtrip_call(body: &Body) -> TokenStream {
    let ty = type_tokens(&body.ty, Scope::Sibling);
    quote!(::docspec_runtime::examples::roundtrip::<#ty>(body))
}
