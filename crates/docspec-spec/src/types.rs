//! Type words: what a Type cell or a body heading says, read into a [`TypeWord`], and the
//! [`Shape`] IR that every schema in the document is lowered from.
//!
//! The pages use two vocabularies for the same thing: OpenAPI-ish lower-case words in response
//! tables (`int32`, `bool`, `date-time`) and CLR-ish names in request tables and older pages
//! (`Integer`, `Boolean`, `DateTime`). Both map to the same shapes here. Words that only say
//! "some array" or "some object" stay vague ([`TypeWord::Array`], [`TypeWord::Object`]) so the
//! inference step can fill them in from samples.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ArrayType, BooleanType, IntegerFormat, IntegerType, NumberFormat,
    NumberType, ObjectType, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, StringType,
    Type, VariantOrUnknownOrEmpty,
};

/// A primitive type with its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Prim {
    String,
    Int32,
    Int64,
    /// An integer whose width the page does not say (`Integer`).
    Integer,
    Double,
    Float,
    /// A number whose precision the page does not say (`Number`).
    Number,
    Boolean,
    DateTime,
    Date,
    /// Base64 bytes (`byte`).
    Byte,
    /// Raw bytes (`binary`, `stream`).
    Binary,
    Uuid,
}

/// The shape of a value: the IR between type words/samples and `openapiv3` schemas.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Shape {
    Prim(Prim),
    /// A string restricted to these values.
    Enum(Vec<String>),
    /// A named component schema.
    Ref(String),
    Array(Box<Shape>),
    /// An object used as a dictionary: any keys, values of one shape.
    Map(Box<Shape>),
    /// An object with these properties, written inline.
    Inline(Vec<(String, Shape)>),
    /// An object of unknown shape.
    Object,
    /// Anything at all (`{}`).
    Any,
}

/// What a Type cell says, before votes and samples are weighed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum TypeWord {
    /// A definite primitive or enum.
    Known(Shape),
    /// `array` with no element type.
    Array,
    /// `object` with no shape.
    Object,
    /// A type name such as `Associate`: a `$ref` to that component.
    Named(String),
    /// An empty cell (older generations leave complex types empty).
    Empty,
    /// A word this module does not know; the caller reports it.
    Unknown(String),
}

impl Prim {
    /// Whether `value` can be a JSON value of this primitive (`null` always can). Raw bytes
    /// can be shown any way.
    pub(crate) fn admits(self, value: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (self, value) {
            (_, Value::Null) | (Prim::Binary, _) => true,
            (Prim::Int32 | Prim::Int64 | Prim::Integer, Value::Number(n)) => !n.is_f64(),
            (Prim::Double | Prim::Float | Prim::Number, Value::Number(_)) => true,
            (Prim::Boolean, Value::Bool(_)) => true,
            (Prim::String | Prim::DateTime | Prim::Date | Prim::Byte | Prim::Uuid, value) => {
                value.is_string()
            }
            _ => false,
        }
    }
}

impl TypeWord {
    /// Whether the word says nothing definite, so samples and other pages should be consulted.
    pub(crate) fn is_vague(&self) -> bool {
        matches!(self, TypeWord::Array | TypeWord::Object | TypeWord::Empty)
    }

    /// A short label for messages (`int32`, `array`, `Associate`).
    pub(crate) fn label(&self) -> String {
        match self {
            TypeWord::Known(shape) => shape.label(),
            TypeWord::Array => "array".to_string(),
            TypeWord::Object => "object".to_string(),
            TypeWord::Named(name) => name.clone(),
            TypeWord::Empty => "(empty)".to_string(),
            TypeWord::Unknown(word) => format!("unknown `{word}`"),
        }
    }
}

impl Shape {
    /// A short label for messages.
    pub(crate) fn label(&self) -> String {
        match self {
            Shape::Prim(prim) => prim_label(*prim).to_string(),
            Shape::Enum(_) => "enum".to_string(),
            Shape::Ref(name) => name.clone(),
            Shape::Array(item) => format!("array of {}", item.label()),
            Shape::Map(value) => format!("map of {}", value.label()),
            Shape::Inline(_) => "inline object".to_string(),
            Shape::Object => "object".to_string(),
            Shape::Any => "any".to_string(),
        }
    }
}

/// Reads a Type cell or a heading type word.
pub(crate) fn parse_type_word(text: &str) -> TypeWord {
    let text = text.trim().trim_matches('`').trim();
    if text.is_empty() {
        return TypeWord::Empty;
    }
    if let Some(values) = text.strip_prefix("Enum:") {
        return TypeWord::Known(Shape::Enum(split_enum_values(values)));
    }
    if let Some(prim) = prim_word(text) {
        return TypeWord::Known(Shape::Prim(prim));
    }
    match text.to_ascii_lowercase().as_str() {
        "array" | "list" | "ienumerable" => return TypeWord::Array,
        "object" | "dictionary" | "map" => return TypeWord::Object,
        _ => {}
    }
    if let Some(element) = text.strip_suffix("[]") {
        return match parse_type_word(element) {
            TypeWord::Known(shape) => TypeWord::Known(Shape::Array(Box::new(shape))),
            TypeWord::Named(name) => TypeWord::Known(Shape::Array(Box::new(Shape::Ref(name)))),
            _ => TypeWord::Array,
        };
    }
    if is_type_name(text) {
        // A dotted CLR name (`SuperOffice.Foo.Bar`) is known by its last segment.
        let short = text.rsplit('.').next().unwrap_or(text);
        return TypeWord::Named(short.to_string());
    }
    TypeWord::Unknown(text.to_string())
}

/// Reads a primitive type word in either vocabulary; `None` if it is not one.
pub(crate) fn prim_word(text: &str) -> Option<Prim> {
    // Exact spellings first: `Integer` (CLR, width unknown) differs from `int32`.
    let prim = match text {
        "string" | "String" | "str" | "char" | "Char" => Prim::String,
        "int32" | "Int32" | "int" | "short" | "Int16" | "int16" => Prim::Int32,
        "int64" | "Int64" | "long" | "Long" => Prim::Int64,
        "Integer" | "integer" => Prim::Integer,
        "double" | "Double" | "decimal" | "Decimal" => Prim::Double,
        "float" | "Float" | "Single" | "single" => Prim::Float,
        "Number" | "number" => Prim::Number,
        "bool" | "Bool" | "Boolean" | "boolean" => Prim::Boolean,
        "date-time" | "DateTime" | "datetime" | "dateTime" | "DateTimeOffset" => Prim::DateTime,
        "date" | "Date" => Prim::Date,
        "byte" | "Byte" | "byte[]" | "Byte[]" => Prim::Byte,
        "binary" | "Binary" | "stream" | "Stream" | "file" | "File" => Prim::Binary,
        "uuid" | "guid" | "Guid" | "Uuid" => Prim::Uuid,
        _ => return None,
    };
    Some(prim)
}

/// Whether `text` looks like a type name: an identifier (dots allowed) starting upper-case.
fn is_type_name(text: &str) -> bool {
    let mut chars = text.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

fn split_enum_values(values: &str) -> Vec<String> {
    values
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

fn prim_label(prim: Prim) -> &'static str {
    match prim {
        Prim::String => "string",
        Prim::Int32 => "int32",
        Prim::Int64 => "int64",
        Prim::Integer => "integer",
        Prim::Double => "double",
        Prim::Float => "float",
        Prim::Number => "number",
        Prim::Boolean => "bool",
        Prim::DateTime => "date-time",
        Prim::Date => "date",
        Prim::Byte => "byte",
        Prim::Binary => "binary",
        Prim::Uuid => "uuid",
    }
}

/// The `$ref` string of a component schema.
pub(crate) fn schema_ref(name: &str) -> String {
    format!("#/components/schemas/{name}")
}

/// Lowers a shape to a schema or reference.
pub(crate) fn to_schema(shape: &Shape) -> ReferenceOr<Schema> {
    match shape {
        Shape::Ref(name) => ReferenceOr::Reference {
            reference: schema_ref(name),
        },
        _ => ReferenceOr::Item(to_schema_item(shape)),
    }
}

/// Lowers a shape to a boxed schema or reference (as properties and items want it).
pub(crate) fn to_boxed_schema(shape: &Shape) -> ReferenceOr<Box<Schema>> {
    match shape {
        Shape::Ref(name) => ReferenceOr::Reference {
            reference: schema_ref(name),
        },
        _ => ReferenceOr::Item(Box::new(to_schema_item(shape))),
    }
}

/// Lowers a non-reference shape. A [`Shape::Ref`] here becomes a one-element `allOf`.
pub(crate) fn to_schema_item(shape: &Shape) -> Schema {
    let kind = match shape {
        Shape::Prim(prim) => prim_kind(*prim),
        Shape::Enum(values) => SchemaKind::Type(Type::String(StringType {
            enumeration: values.iter().map(|v| Some(v.clone())).collect(),
            ..Default::default()
        })),
        Shape::Ref(_) => SchemaKind::AllOf {
            all_of: vec![to_schema(shape)],
        },
        Shape::Array(item) => SchemaKind::Type(Type::Array(ArrayType {
            items: Some(to_boxed_schema(item)),
            min_items: None,
            max_items: None,
            unique_items: false,
        })),
        Shape::Map(value) => SchemaKind::Type(Type::Object(ObjectType {
            additional_properties: Some(AdditionalProperties::Schema(Box::new(to_schema(value)))),
            ..Default::default()
        })),
        Shape::Inline(props) => object_kind(props.iter().map(|(n, s)| (n.clone(), s))),
        Shape::Object => SchemaKind::Type(Type::Object(ObjectType::default())),
        Shape::Any => SchemaKind::Any(Default::default()),
    };
    Schema {
        schema_data: SchemaData::default(),
        schema_kind: kind,
    }
}

/// An object schema kind with these properties, in the order given.
pub(crate) fn object_kind<'a>(props: impl Iterator<Item = (String, &'a Shape)>) -> SchemaKind {
    let properties: IndexMap<String, ReferenceOr<Box<Schema>>> = props
        .map(|(name, shape)| (name, to_boxed_schema(shape)))
        .collect();
    SchemaKind::Type(Type::Object(ObjectType {
        properties,
        ..Default::default()
    }))
}

fn prim_kind(prim: Prim) -> SchemaKind {
    let string = |format: Option<StringFormat>| {
        let format = match format {
            Some(f) => VariantOrUnknownOrEmpty::Item(f),
            None => VariantOrUnknownOrEmpty::Empty,
        };
        Type::String(StringType {
            format,
            ..Default::default()
        })
    };
    let integer = |format: Option<IntegerFormat>| {
        let format = match format {
            Some(f) => VariantOrUnknownOrEmpty::Item(f),
            None => VariantOrUnknownOrEmpty::Empty,
        };
        Type::Integer(IntegerType {
            format,
            ..Default::default()
        })
    };
    let number = |format: Option<NumberFormat>| {
        let format = match format {
            Some(f) => VariantOrUnknownOrEmpty::Item(f),
            None => VariantOrUnknownOrEmpty::Empty,
        };
        Type::Number(NumberType {
            format,
            ..Default::default()
        })
    };
    let typ = match prim {
        Prim::String => string(None),
        Prim::Int32 => integer(Some(IntegerFormat::Int32)),
        Prim::Int64 => integer(Some(IntegerFormat::Int64)),
        Prim::Integer => integer(None),
        Prim::Double => number(Some(NumberFormat::Double)),
        Prim::Float => number(Some(NumberFormat::Float)),
        Prim::Number => number(None),
        Prim::Boolean => Type::Boolean(BooleanType::default()),
        Prim::DateTime => string(Some(StringFormat::DateTime)),
        Prim::Date => string(Some(StringFormat::Date)),
        Prim::Byte => string(Some(StringFormat::Byte)),
        Prim::Binary => string(Some(StringFormat::Binary)),
        Prim::Uuid => Type::String(StringType {
            format: VariantOrUnknownOrEmpty::Unknown("uuid".to_string()),
            ..Default::default()
        }),
    };
    SchemaKind::Type(typ)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_vocabularies_map_to_the_same_shapes() {
        let known = |p| TypeWord::Known(Shape::Prim(p));
        assert_eq!(parse_type_word("int32"), known(Prim::Int32));
        assert_eq!(parse_type_word("Int32"), known(Prim::Int32));
        assert_eq!(parse_type_word("Integer"), known(Prim::Integer));
        assert_eq!(parse_type_word("bool"), known(Prim::Boolean));
        assert_eq!(parse_type_word("Boolean"), known(Prim::Boolean));
        assert_eq!(parse_type_word("date-time"), known(Prim::DateTime));
        assert_eq!(parse_type_word("DateTime"), known(Prim::DateTime));
        assert_eq!(parse_type_word("String"), known(Prim::String));
        assert_eq!(parse_type_word("double"), known(Prim::Double));
        assert_eq!(parse_type_word("byte"), known(Prim::Byte));
        assert_eq!(parse_type_word("binary"), known(Prim::Binary));
        assert_eq!(parse_type_word("int64"), known(Prim::Int64));
    }

    #[test]
    fn vague_named_empty_and_unknown_words() {
        assert_eq!(parse_type_word("array"), TypeWord::Array);
        assert_eq!(parse_type_word("Array"), TypeWord::Array);
        assert_eq!(parse_type_word("Object"), TypeWord::Object);
        assert_eq!(parse_type_word(""), TypeWord::Empty);
        assert_eq!(
            parse_type_word("BerthEntity"),
            TypeWord::Named("BerthEntity".into())
        );
        assert_eq!(
            parse_type_word("Marina.Berth"),
            TypeWord::Named("Berth".into())
        );
        assert_eq!(
            parse_type_word("two words"),
            TypeWord::Unknown("two words".into())
        );
        assert_eq!(
            parse_type_word("Berth[]"),
            TypeWord::Known(Shape::Array(Box::new(Shape::Ref("Berth".into()))))
        );
    }

    #[test]
    fn enum_cells_become_string_enums() {
        let word = parse_type_word("Enum: Dinghy, Yacht , Ferry");
        let values = vec![
            "Dinghy".to_string(),
            "Yacht".to_string(),
            "Ferry".to_string(),
        ];
        assert_eq!(word, TypeWord::Known(Shape::Enum(values)));
    }
}
