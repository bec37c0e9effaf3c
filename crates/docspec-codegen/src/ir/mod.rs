//! The intermediate model between the OpenAPI document and Rust tokens.
//!
//! [`lower`](lower::lower) builds it (every name already sanitized and unique), [`sort`] puts it
//! in its one canonical order, and the emitters only read it. Nothing in here refers to
//! `openapiv3` types, so the emitters cannot depend on document iteration order.

mod cycles;
mod features;
mod lower;
mod operations;
mod shared_types;

pub(crate) use features::{Gating, assign_features};
pub(crate) use lower::{SchemaRef, lower};
pub(crate) use shared_types::share_operation_types;

/// Everything the emitters need, for one document.
#[derive(Debug, Clone)]
pub(crate) struct Ir {
    /// `info.title`.
    pub(crate) title: String,
    /// `info.version`.
    pub(crate) version: String,
    /// `info.description`.
    pub(crate) description: Option<String>,
    /// Every named type: component schemas, named inline schemas, per-operation types.
    pub(crate) types: Vec<TypeDef>,
    /// One handler trait per tag.
    pub(crate) traits: Vec<TraitDef>,
}

/// A named Rust type.
#[derive(Debug, Clone)]
pub(crate) struct TypeDef {
    pub(crate) name: String,
    /// Documentation; the emitter falls back to `origin` without one.
    pub(crate) doc: Option<String>,
    /// Where the type comes from (`#/components/schemas/Pet`).
    pub(crate) origin: String,
    pub(crate) kind: TypeKind,
    /// The cargo features that compile it; see [`assign_features`].
    pub(crate) cfg: Cfg,
}

/// When a generated item is compiled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Cfg {
    /// Always.
    #[default]
    Always,
    /// When any of these cargo features is on (sorted, never empty).
    AnyFeature(Vec<String>),
}

/// The shapes a named type can take.
#[derive(Debug, Clone)]
pub(crate) enum TypeKind {
    /// An object with known properties.
    Struct(StructDef),
    /// A string enum with a catch-all variant.
    StringEnum(StringEnumDef),
    /// `oneOf`/`anyOf`: the first variant that deserializes wins.
    Untagged(Vec<Variant>),
    /// Any other schema: `pub type Name = ...;`.
    Alias(TypeRef),
    /// The path, query, header and cookie parameters of one operation.
    Params(StructDef),
    /// The documented responses of one operation.
    Response(Vec<ResponseVariant>),
}

#[derive(Debug, Clone)]
pub(crate) struct StructDef {
    pub(crate) fields: Vec<Field>,
    /// `additionalProperties` next to named properties, as a flattened map field.
    pub(crate) additional: Option<Field>,
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) wire: String,
    pub(crate) doc: Option<String>,
    pub(crate) ty: TypeRef,
    pub(crate) presence: Presence,
    /// Set by cycle detection when the field's type contains its owner by value.
    pub(crate) boxed: bool,
}

/// Whether a field must be present and whether it may be null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    /// Required and not nullable: `T`.
    Required,
    /// Required but nullable: `Option<T>`, serialized as `null` when `None`.
    RequiredNullable,
    /// May be absent: `Option<T>`, left out when `None`.
    Optional,
}

#[derive(Debug, Clone)]
pub(crate) struct StringEnumDef {
    pub(crate) values: Vec<EnumValue>,
    /// The name of the catch-all variant that keeps unknown values.
    pub(crate) other: String,
}

#[derive(Debug, Clone)]
pub(crate) struct EnumValue {
    pub(crate) name: String,
    pub(crate) wire: String,
    pub(crate) doc: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Variant {
    pub(crate) name: String,
    pub(crate) doc: Option<String>,
    pub(crate) ty: TypeRef,
    pub(crate) boxed: bool,
}

/// A reference to a type, as written in a field or signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TypeRef {
    /// A type in the generated `types` module.
    Named(String),
    Primitive(Primitive),
    Vec(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    Option(Box<TypeRef>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Primitive {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F64,
    DateTime,
    Date,
    /// `format: byte`: base64 text on the wire.
    Base64,
    /// `format: binary`: raw bytes.
    Binary,
    /// An untyped schema: any JSON value.
    Value,
}

/// The operations that share a tag.
#[derive(Debug, Clone)]
pub(crate) struct TraitDef {
    pub(crate) name: String,
    /// Snake-case name for functions about this trait (`pets_router`).
    pub(crate) snake_name: String,
    pub(crate) doc: Option<String>,
    pub(crate) operations: Vec<Operation>,
    /// The cargo feature of the tag (`contact`); `None` when the output is not gated.
    pub(crate) feature: Option<String>,
}

impl TraitDef {
    /// When the trait, its operations' glue and everything only they use are compiled.
    pub(crate) fn cfg(&self) -> Cfg {
        match &self.feature {
            Some(feature) => Cfg::AnyFeature(vec![feature.clone()]),
            None => Cfg::Always,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// The trait method (`get_pet`).
    pub(crate) method_name: String,
    pub(crate) http_method: HttpMethod,
    /// The path template as documented (`/pets/{petId}`).
    pub(crate) path: String,
    /// The axum route; equal to `path` unless another template with the same shape uses other
    /// parameter names, because axum refuses two names for one segment.
    pub(crate) route: String,
    pub(crate) doc: Option<String>,
    /// All parameters, in document order (path-level first, overrides applied).
    pub(crate) params: Vec<Param>,
    /// Path parameters in template order: indexes into `params`.
    pub(crate) path_order: Vec<usize>,
    /// The `Params` type, when there are parameters.
    pub(crate) params_type: Option<String>,
    /// The struct behind `params_type`: itself, or the struct it is an alias of when another
    /// operation takes the same parameters (see [`share_operation_types`]).
    pub(crate) params_struct: Option<String>,
    pub(crate) body: Option<Body>,
    pub(crate) response_type: String,
    /// The enum behind `response_type`: itself, or the enum it is an alias of.
    pub(crate) response_enum: String,
    pub(crate) responses: Vec<ResponseVariant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    /// The lowercase name, as in the document and in `axum::routing`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "get",
            HttpMethod::Put => "put",
            HttpMethod::Post => "post",
            HttpMethod::Delete => "delete",
            HttpMethod::Options => "options",
            HttpMethod::Head => "head",
            HttpMethod::Patch => "patch",
            HttpMethod::Trace => "trace",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Param {
    /// Field of the `Params` struct.
    pub(crate) field: String,
    pub(crate) wire: String,
    pub(crate) location: ParamLocation,
    pub(crate) ty: TypeRef,
    pub(crate) required: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// How a body travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyKind {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `text/*`: a `String`.
    Text,
    /// Anything else: raw bytes.
    Bytes,
}

#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub(crate) kind: BodyKind,
    pub(crate) ty: TypeRef,
    pub(crate) required: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct ResponseVariant {
    pub(crate) name: String,
    pub(crate) status: StatusMatch,
    pub(crate) doc: Option<String>,
    pub(crate) body: Option<ResponseBody>,
}

/// Which statuses a response documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum StatusMatch {
    /// One status: the variant needs no status field.
    Code(u16),
    /// `2XX`: the variant carries the status.
    Range(u16),
    /// `default`: the variant carries the status.
    Default,
}

#[derive(Debug, Clone)]
pub(crate) struct ResponseBody {
    pub(crate) kind: BodyKind,
    pub(crate) ty: TypeRef,
    pub(crate) content_type: String,
}

/// Puts the IR in its canonical order: types by name, traits by name, operations by method
/// name. Fields, enum values and untagged variants keep document order, because that order
/// means something (serde tries untagged variants in order).
pub(crate) fn sort(ir: &mut Ir) {
    ir.types.sort_by(|a, b| a.name.cmp(&b.name));
    ir.traits.sort_by(|a, b| a.name.cmp(&b.name));
    for trait_def in &mut ir.traits {
        trait_def
            .operations
            .sort_by(|a, b| a.method_name.cmp(&b.method_name));
    }
}
