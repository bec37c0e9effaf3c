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
    let operations: Vec<&Operation> = ir
        .traits
        .iter()
        .flat_map(|trait_def| &trait_def.operations)
        .collect();
    let function_body = match operations.is_empty() {
        true => quote! {
            let _ = (method, path, part, body);
            ::std::option::Option::None
        },
        false => {
            let arms = operations.iter().map(|operation| operation_arm(operation));
            quote! {
                // The module holds nothing else, so the short alias cannot shadow a type.
                use ::docspec_runtime::examples as ex;
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
                quote!(ex::SamplePart::Response(#code) => #check,)
            }
            StatusMatch::Range(class) => {
                let low = Literal::u16_unsuffixed(class * 100);
                let high = Literal::u16_unsuffixed(class * 100 + 99);
                quote! {
                    ex::SamplePart::Response(#low..=#high) => #check,
                }
            }
            StatusMatch::Default => {
                quote!(ex::SamplePart::Response(_) => #check,)
            }
        }
    });
    // A `default` response takes every status, so a catch-all arm after it is unreachable.
    let has_default = operation
        .responses
        .iter()
        .any(|v| v.status == StatusMatch::Default);
    let undocumented = (!has_default).then(|| {
        quote! {
            ex::SamplePart::Response(status) => {
                ex::undocumented_status(status)
            }
        }
    });
    quote! {
        (#method, #path) => match part {
            ex::SamplePart::Request => #request,
            #(#responses)*
            #undocumented
        },
    }
}

fn request_check(body: Option<&Body>) -> TokenStream {
    let part = quote!(ex::SamplePart::Request);
    match body {
        Some(body) if body.kind == BodyKind::Json => roundtrip_call(body),
        Some(body) => {
            let content_type = match body.kind {
                BodyKind::Form => "application/x-www-form-urlencoded",
                BodyKind::Text => "text/plain",
                _ => "application/octet-stream",
            };
            quote!(ex::not_json(#part, #content_type))
        }
        None => quote!(ex::no_body(#part, body)),
    }
}

fn response_check(body: Option<&ResponseBody>) -> TokenStream {
    match body {
        Some(body) if body.kind == BodyKind::Json => {
            let ty = type_tokens(&body.ty, Scope::Sibling);
            quote!(ex::roundtrip::<#ty>(body))
        }
        Some(body) => {
            let content_type = &body.content_type;
            quote!(ex::not_json(part, #content_type))
        }
        None => quote!(ex::no_body(part, body)),
    }
}

fn roundtrip_call(body: &Body) -> TokenStream {
    let ty = type_tokens(&body.ty, Scope::Sibling);
    quote!(ex::roundtrip::<#ty>(body))
}

#[cfg(test)]
mod tests {
    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets:
    post:
      operationId: addPet
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses:
        "201":
          description: Created
          content:
            application/json:
              schema: {type: integer, format: int64}
        "204": {description: Nothing}
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        2XX:
          description: Found
          content:
            text/plain:
              schema: {type: string}
        default: {description: Error}
"#;

    fn checks() -> String {
        let spec: openapiv3::OpenAPI = serde_yaml_ng::from_str(SPEC).unwrap();
        crate::generate_example_checks(&spec).unwrap()
    }

    /// Without what prettyplease decides by line length: whitespace, block braces, commas.
    fn squeeze(text: &str) -> String {
        text.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '{' | '}' | ','))
            .collect()
    }

    #[test]
    fn one_arm_per_operation_and_part() {
        let checks = squeeze(&checks());
        for expected in [
            r#"("post", "/pets") => { match part {"#,
            "Request => ex::roundtrip::<super::types::AddPetBody>(body),",
            "Response(201) => ex::roundtrip::<i64>(body)",
            "Response(204) => ex::no_body(part, body)",
            "Response(status) => ex::undocumented_status(status),",
            r#"("get", "/pets/{id}") => { match part {"#,
            "Request => ex::no_body(ex::SamplePart::Request, body),",
            r#"Response(200..=299) => ex::not_json(part, "text/plain"),"#,
            "Response(_) => ex::no_body(part, body)",
        ] {
            assert!(
                checks.contains(&squeeze(expected)),
                "missing `{expected}` in:\n{checks}"
            );
        }
    }

    #[test]
    fn no_catch_all_after_default() {
        let checks = checks();
        let get_arm = checks.split(r#"("get", "/pets/{id}")"#).nth(1).unwrap();
        assert!(!get_arm.contains("undocumented_status"), "{get_arm}");
    }
}
