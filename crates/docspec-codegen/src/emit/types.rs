//! Emits the `types` module: structs, string enums, untagged enums, aliases, parameter
//! structs and response enums.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::cfg::cfg_attr;
use crate::emit::{Scope, doc_attrs, ident, type_tokens};
use crate::ir::{
    Field, Presence, ResponseVariant, StatusMatch, StringEnumDef, StructDef, TypeDef, TypeKind,
    Variant,
};

/// A type's definition followed by its impls, if it has any.
pub(crate) fn emit_type(def: &TypeDef) -> TokenStream {
    let fallback = format!("Generated from `{}`.", def.origin);
    let docs = doc_attrs(def.doc.as_deref(), &fallback);
    let cfg = cfg_attr(&def.cfg);
    let (definition, impls) = match &def.kind {
        TypeKind::Struct(fields) => (emit_struct(def, fields, WireFormat::Serde), None),
        TypeKind::Params(fields) => (emit_struct(def, fields, WireFormat::None), None),
        TypeKind::StringEnum(values) => {
            let (definition, impls) = emit_string_enum(def, values, &cfg);
            (definition, Some(impls))
        }
        TypeKind::Untagged(variants) => (emit_untagged(def, variants), None),
        TypeKind::Alias(ty) => {
            let name = ident(&def.name);
            let ty = type_tokens(ty, Scope::Types);
            (quote!(pub type #name = #ty;), None)
        }
        TypeKind::Response(variants) => (emit_response_enum(def, variants), None),
    };
    quote!(#docs #cfg #definition #impls)
}

/// Whether a struct travels as JSON. Parameter structs do not: the server glue fills them field
/// by field, and leaving out serde's derives saves compile time on large APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WireFormat {
    Serde,
    None,
}

fn emit_struct(def: &TypeDef, fields: &StructDef, wire_format: WireFormat) -> TokenStream {
    let name = ident(&def.name);
    // `Default` only when it means "nothing set": every field may be absent.
    let all_optional = fields
        .fields
        .iter()
        .all(|f| f.presence == Presence::Optional);
    let default = all_optional.then(|| quote!(Default,));
    let serde_derives = (wire_format == WireFormat::Serde)
        .then(|| quote!(::serde::Serialize, ::serde::Deserialize));
    let rename_rule = match wire_format {
        WireFormat::Serde => RenameRule::best_for(&fields.fields),
        WireFormat::None => RenameRule::None,
    };
    let rename_all = rename_rule
        .serde_name()
        .map(|rule| quote!(#[serde(rename_all = #rule)]));
    let field_tokens = fields
        .fields
        .iter()
        .map(|field| emit_field(field, wire_format, rename_rule));
    let additional = fields.additional.as_ref().map(|field| {
        let docs = doc_attrs(field.doc.as_deref(), "Other properties.");
        let field_name = ident(&field.name);
        let ty = type_tokens(&field.ty, Scope::Types);
        quote!(#docs #[serde(flatten)] pub #field_name: #ty,)
    });
    quote! {
        #[derive(
            Debug, Clone, PartialEq, #default
            #serde_derives
        )]
        #rename_all
        pub struct #name {
            #(#field_tokens)*
            #additional
        }
    }
}

fn emit_field(field: &Field, wire_format: WireFormat, rename_rule: RenameRule) -> TokenStream {
    let docs = doc_attrs(field.doc.as_deref(), &format!("`{}`", field.wire));
    let name = ident(&field.name);
    let mut ty = type_tokens(&field.ty, Scope::Types);
    if field.boxed {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    if field.presence != Presence::Required {
        ty = quote!(::std::option::Option<#ty>);
    }
    let mut serde_args = Vec::new();
    if rename_rule.apply(&field.name) != field.wire {
        let wire = &field.wire;
        serde_args.push(quote!(rename = #wire));
    }
    // serde reads a missing `Option` field as `None` without `default` too, but through a
    // fallible call per field; with `default` its derive is smaller and quicker to check.
    if field.presence == Presence::Optional {
        serde_args.push(quote!(
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        ));
    }
    let serde_attr = (!serde_args.is_empty() && wire_format == WireFormat::Serde)
        .then(|| quote!(#[serde(#(#serde_args),*)]));
    quote!(#docs #serde_attr pub #name: #ty,)
}

/// The `rename_all` rule of a struct: the case conversion serde applies to every field name
/// that has no `rename` of its own. Picking the rule most wire names follow leaves a `rename`
/// only on the fields that differ, which shortens the output and the work of serde's derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RenameRule {
    None,
    PascalCase,
    CamelCase,
}

impl RenameRule {
    /// The rule under which the fewest fields need their own `rename`; no rule on a tie.
    fn best_for(fields: &[Field]) -> RenameRule {
        let renames = |rule: RenameRule| {
            fields
                .iter()
                .filter(|field| rule.apply(&field.name) != field.wire)
                .count()
        };
        [RenameRule::PascalCase, RenameRule::CamelCase]
            .into_iter()
            .fold(RenameRule::None, |best, rule| {
                if renames(rule) < renames(best) {
                    rule
                } else {
                    best
                }
            })
    }

    /// The name serde gives to a snake_case field under this rule, computed as serde does.
    fn apply(self, field: &str) -> String {
        if self == RenameRule::None {
            return field.to_owned();
        }
        let mut pascal = String::with_capacity(field.len());
        let mut capitalize = true;
        for ch in field.chars() {
            if ch == '_' {
                capitalize = true;
            } else if capitalize {
                pascal.push(ch.to_ascii_uppercase());
                capitalize = false;
            } else {
                pascal.push(ch);
            }
        }
        match self {
            RenameRule::CamelCase => {
                let first = pascal.chars().next().map_or(0, char::len_utf8);
                pascal[..first].to_ascii_lowercase() + &pascal[first..]
            }
            _ => pascal,
        }
    }

    /// The rule's name in `#[serde(rename_all = ...)]`.
    fn serde_name(self) -> Option<&'static str> {
        match self {
            RenameRule::None => None,
            RenameRule::PascalCase => Some("PascalCase"),
            RenameRule::CamelCase => Some("camelCase"),
        }
    }
}

/// A string enum keeps unknown values in a catch-all variant, so a server that adds a value
/// does not break clients. Serde goes through `String` (`from`/`into`) for that reason.
///
/// `cfg` gates the impls like the enum.
fn emit_string_enum(
    def: &TypeDef,
    values: &StringEnumDef,
    cfg: &TokenStream,
) -> (TokenStream, TokenStream) {
    let name = ident(&def.name);
    let other = ident(&values.other);
    let variants = values.values.iter().map(|value| {
        let fallback = match value.wire.is_empty() {
            true => "The empty string.".to_owned(),
            false => format!("`{}`", value.wire),
        };
        let docs = doc_attrs(value.doc.as_deref(), &fallback);
        let variant = ident(&value.name);
        quote!(#docs #variant,)
    });
    let as_str_arms = values.values.iter().map(|value| {
        let (variant, wire) = (ident(&value.name), &value.wire);
        quote!(Self::#variant => #wire,)
    });
    let from_arms = values.values.iter().map(|value| {
        let (variant, wire) = (ident(&value.name), &value.wire);
        quote!(#wire => Self::#variant,)
    });
    let definition = quote! {
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize
        )]
        #[serde(from = "::std::string::String", into = "::std::string::String")]
        // Variant names come from wire values, which often share a prefix or suffix.
        #[allow(clippy::enum_variant_names)]
        pub enum #name {
            #(#variants)*
            /// A value this code does not know yet, kept as sent.
            #other(::std::string::String),
        }
    };
    let impls = quote! {
        #cfg
        impl #name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    Self::#other(value) => value.as_str(),
                }
            }
        }

        #cfg
        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #(#from_arms)*
                    _ => Self::#other(value),
                }
            }
        }

        #cfg
        impl ::std::convert::From<#name> for ::std::string::String {
            fn from(value: #name) -> Self {
                match value {
                    #name::#other(value) => value,
                    known => ::std::string::ToString::to_string(known.as_str()),
                }
            }
        }

        #cfg
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
    (definition, impls)
}

/// `oneOf`/`anyOf` as an untagged enum: serde tries the variants in document order.
fn emit_untagged(def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let name = ident(&def.name);
    let variant_tokens = variants.iter().map(|variant| {
        let docs = doc_attrs(
            variant.doc.as_deref(),
            &format!("The `{}` form.", variant.name),
        );
        let variant_name = ident(&variant.name);
        let mut ty = type_tokens(&variant.ty, Scope::Types);
        if variant.boxed {
            ty = quote!(::std::boxed::Box<#ty>);
        }
        quote!(#docs #variant_name(#ty),)
    });
    quote! {
        #[derive(
            Debug, Clone, PartialEq,
            ::serde::Serialize, ::serde::Deserialize
        )]
        #[serde(untagged)]
        // Variant sizes follow the document; boxing them would burden every user. Variant
        // names come from the member types, which may repeat the enum's name.
        #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
        pub enum #name {
            #(#variant_tokens)*
        }
    }
}

/// One variant per documented status; `default` and ranges carry the status.
fn emit_response_enum(def: &TypeDef, variants: &[ResponseVariant]) -> TokenStream {
    let name = ident(&def.name);
    let variant_tokens = variants.iter().map(|variant| {
        let fallback = match variant.status {
            StatusMatch::Code(code) => format!("Status {code}."),
            StatusMatch::Range(class) => format!("A status in {class}XX."),
            StatusMatch::Default => "Any other status.".to_owned(),
        };
        let docs = doc_attrs(variant.doc.as_deref(), &fallback);
        let variant_name = ident(&variant.name);
        let body = variant
            .body
            .as_ref()
            .map(|body| type_tokens(&body.ty, Scope::Types));
        match (variant.status, body) {
            (StatusMatch::Code(_), None) => quote!(#docs #variant_name,),
            (StatusMatch::Code(_), Some(body)) => quote!(#docs #variant_name(#body),),
            (_, None) => quote! {
                #docs #variant_name {
                    /// The status code to answer with.
                    status: u16,
                },
            },
            (_, Some(body)) => quote! {
                #docs #variant_name {
                    /// The status code to answer with.
                    status: u16,
                    /// The response body.
                    body: #body,
                },
            },
        }
    });
    // Response bodies differ in size by nature (a large body next to a bodiless `NotFound`
    // trips the lint too), and the enum is built once per request.
    let with_body = variants
        .iter()
        .filter(|variant| variant.body.is_some())
        .count();
    let allow = (with_body >= 1 && variants.len() > 1)
        .then(|| quote!(#[allow(clippy::large_enum_variant)]));
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #name {
            #(#variant_tokens)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Primitive, TypeRef};

    fn field(name: &str, wire: &str) -> Field {
        Field {
            name: name.to_owned(),
            wire: wire.to_owned(),
            doc: None,
            ty: TypeRef::Primitive(Primitive::String),
            presence: Presence::Optional,
            boxed: false,
        }
    }

    #[test]
    fn rename_rules_convert_as_serde_does() {
        assert_eq!(
            RenameRule::PascalCase.apply("chat_session_id"),
            "ChatSessionId"
        );
        assert_eq!(
            RenameRule::PascalCase.apply("address2_line"),
            "Address2Line"
        );
        assert_eq!(
            RenameRule::CamelCase.apply("chat_session_id"),
            "chatSessionId"
        );
        assert_eq!(RenameRule::None.apply("chat_session_id"), "chat_session_id");
    }

    #[test]
    fn the_rule_most_wire_names_follow_wins() {
        let pascal = [
            field("contact_id", "ContactId"),
            field("ai_agent", "AIAgent"),
            field("name", "Name"),
        ];
        assert_eq!(RenameRule::best_for(&pascal), RenameRule::PascalCase);
        let camel = [field("contact_id", "contactId"), field("name", "name")];
        assert_eq!(RenameRule::best_for(&camel), RenameRule::CamelCase);
        // A tie keeps every `rename` explicit.
        let plain = [field("name", "name"), field("contact_id", "ContactId")];
        assert_eq!(RenameRule::best_for(&plain), RenameRule::None);
    }
}
