//! Lowers schemas from the OpenAPI document into named IR types.
//!
//! Names are claimed in a fixed order (component schemas sorted by key first, then inline
//! schemas as operations are visited sorted by path and method), so the same document always
//! gets the same names. Operations are lowered in [`super::operations`].

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, IntegerFormat, OpenAPI, ReferenceOr, Schema, SchemaKind, StringFormat,
    Type, VariantOrUnknownOrEmpty,
};

use crate::Error;
use crate::ir::{
    Cfg, EnumValue, Field, Ir, Presence, Primitive, StringEnumDef, StructDef, TypeDef, TypeKind,
    TypeRef, Variant, cycles, operations,
};
use crate::names::{Case, NameSet, sanitize};
use crate::validate::{component_key, pointer_escape};

/// Lowers a validated document into the IR (unsorted; see [`super::sort`]).
pub(crate) fn lower(spec: &OpenAPI) -> Result<Ir, Error> {
    let mut lowerer = Lowerer {
        spec,
        type_names: NameSet::new(Case::UpperCamel),
        component_names: BTreeMap::new(),
        types: Vec::new(),
    };
    let schemas: BTreeMap<&String, &ReferenceOr<Schema>> =
        spec.components.iter().flat_map(|c| &c.schemas).collect();
    for key in schemas.keys() {
        let name = lowerer.type_names.claim(key, "Type").ident;
        lowerer.component_names.insert((*key).clone(), name);
    }
    for (key, schema) in &schemas {
        tracing::debug!(schema = %key, "lowering component schema");
        lowerer.lower_component(key, schema)?;
    }
    let traits = operations::lower_operations(&mut lowerer)?;
    let mut types = lowerer.types;
    cycles::box_cycles(&mut types);
    Ok(Ir {
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        description: spec.info.description.clone(),
        types,
        traits,
    })
}

/// State while lowering one document.
pub(crate) struct Lowerer<'s> {
    pub(crate) spec: &'s OpenAPI,
    /// The namespace of the generated `types` module.
    pub(crate) type_names: NameSet,
    /// Component schema key to Rust type name.
    component_names: BTreeMap<String, String>,
    pub(crate) types: Vec<TypeDef>,
}

/// A schema or a reference to a component schema, whichever way the document nests it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SchemaRef<'s> {
    Ref(&'s str),
    Inline(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SchemaRef<'s> {
    fn from(schema: &'s ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SchemaRef<'s> {
    fn from(schema: &'s ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

/// What a schema becomes in Rust, before any name is claimed.
enum Shape<'s> {
    Struct(ObjectView<'s>),
    StringEnum(Vec<(String, Option<String>)>),
    Untagged(Vec<SchemaRef<'s>>),
    AllOf(Vec<SchemaRef<'s>>),
    Array(Option<SchemaRef<'s>>),
    /// A map with values of this schema; `None` means any JSON value.
    Map(Option<SchemaRef<'s>>),
    Primitive(Primitive),
}

/// The parts of an object schema (or of several merged by `allOf`) a struct is made from.
#[derive(Default)]
struct ObjectView<'s> {
    properties: Vec<(&'s str, SchemaRef<'s>)>,
    required: BTreeSet<&'s str>,
    additional: Option<&'s AdditionalProperties>,
}

impl<'s> Lowerer<'s> {
    fn lower_component(&mut self, key: &str, schema: &'s ReferenceOr<Schema>) -> Result<(), Error> {
        let name = self.component_names[key].clone();
        let location = format!("#/components/schemas/{}", pointer_escape(key));
        let schema = match schema {
            ReferenceOr::Reference { reference } => {
                let target = self.component_type(reference, &location)?;
                self.push_type(
                    name,
                    None,
                    location,
                    TypeKind::Alias(TypeRef::Named(target)),
                );
                return Ok(());
            }
            ReferenceOr::Item(schema) => schema,
        };
        // `nullable: true` on the component itself is not part of the type: every reference
        // to it is an `Option` instead (see `lower_ref`), so aliases hold the non-null type.
        let doc = description(schema);
        let kind = match classify(schema) {
            Shape::Struct(view) => TypeKind::Struct(self.lower_struct(&name, view, &location)?),
            Shape::StringEnum(values) => TypeKind::StringEnum(lower_string_enum(values)),
            Shape::Untagged(members) => {
                TypeKind::Untagged(self.lower_untagged(&name, &members, &location)?)
            }
            Shape::AllOf(members) => match self.merge_all_of(&members, &location)? {
                Some(view) => TypeKind::Struct(self.lower_struct(&name, view, &location)?),
                None => {
                    let hint = format!("{name}Inner");
                    TypeKind::Alias(self.lower_ref(members[0], &hint, &location)?)
                }
            },
            Shape::Array(_) | Shape::Map(_) | Shape::Primitive(_) => {
                let (ty, _nullable) = split_option(self.lower_inline(schema, &name, &location)?);
                TypeKind::Alias(ty)
            }
        };
        self.push_type(name, doc, location, kind);
        Ok(())
    }

    /// Lowers a schema used somewhere (a property, an item, a parameter, a body); an inline
    /// schema that needs a name gets one derived from `hint`. A reference to a nullable
    /// component is an `Option` of it.
    pub(crate) fn lower_ref(
        &mut self,
        schema: SchemaRef<'s>,
        hint: &str,
        location: &str,
    ) -> Result<TypeRef, Error> {
        match schema {
            SchemaRef::Ref(reference) => {
                let named = TypeRef::Named(self.component_type(reference, location)?);
                Ok(match is_nullable(self.resolve(schema, location)?) {
                    true => make_option(named),
                    false => named,
                })
            }
            SchemaRef::Inline(schema) => self.lower_inline(schema, hint, location),
        }
    }

    fn lower_inline(
        &mut self,
        schema: &'s Schema,
        hint: &str,
        location: &str,
    ) -> Result<TypeRef, Error> {
        let ty = match classify(schema) {
            Shape::Struct(view) => {
                let name = self.type_names.claim(hint, "Type").ident;
                let def = self.lower_struct(&name, view, location)?;
                self.push_named(name, schema, location, TypeKind::Struct(def))
            }
            Shape::StringEnum(values) => {
                let name = self.type_names.claim(hint, "Type").ident;
                let kind = TypeKind::StringEnum(lower_string_enum(values));
                self.push_named(name, schema, location, kind)
            }
            Shape::Untagged(members) => {
                let name = self.type_names.claim(hint, "Type").ident;
                let variants = self.lower_untagged(&name, &members, location)?;
                self.push_named(name, schema, location, TypeKind::Untagged(variants))
            }
            Shape::AllOf(members) if members.len() == 1 => {
                self.lower_ref(members[0], hint, location)?
            }
            Shape::AllOf(members) => match self.merge_all_of(&members, location)? {
                Some(view) => {
                    let name = self.type_names.claim(hint, "Type").ident;
                    let def = self.lower_struct(&name, view, location)?;
                    self.push_named(name, schema, location, TypeKind::Struct(def))
                }
                None => self.lower_ref(members[0], hint, location)?,
            },
            Shape::Array(items) => {
                let item_hint = format!("{hint}Item");
                let item_location = format!("{location}/items");
                TypeRef::Vec(Box::new(match items {
                    Some(items) => self.lower_ref(items, &item_hint, &item_location)?,
                    None => TypeRef::Primitive(Primitive::Value),
                }))
            }
            Shape::Map(values) => {
                let value_hint = format!("{hint}Value");
                let value_location = format!("{location}/additionalProperties");
                TypeRef::Map(Box::new(match values {
                    Some(values) => self.lower_ref(values, &value_hint, &value_location)?,
                    None => TypeRef::Primitive(Primitive::Value),
                }))
            }
            Shape::Primitive(primitive) => TypeRef::Primitive(primitive),
        };
        Ok(if is_nullable(schema) {
            make_option(ty)
        } else {
            ty
        })
    }

    fn lower_struct(
        &mut self,
        owner: &str,
        view: ObjectView<'s>,
        location: &str,
    ) -> Result<StructDef, Error> {
        let mut field_names = NameSet::new(Case::Snake);
        let mut fields = Vec::with_capacity(view.properties.len());
        for (wire, schema) in view.properties {
            let name = field_names.claim(wire, "field");
            let hint = format!("{owner}{}", sanitize(wire, Case::UpperCamel, "Field"));
            let field_location = format!("{location}/properties/{}", pointer_escape(wire));
            let (ty, nullable) = split_option(self.lower_ref(schema, &hint, &field_location)?);
            let presence = match (view.required.contains(wire), nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::RequiredNullable,
                (false, _) => Presence::Optional,
            };
            let doc = match schema {
                SchemaRef::Inline(schema) => description(schema),
                SchemaRef::Ref(_) => None,
            };
            fields.push(Field {
                name: name.ident,
                wire: name.wire,
                doc,
                ty,
                presence,
                boxed: false,
            });
        }
        let additional_ty = match view.additional {
            None | Some(AdditionalProperties::Any(false)) => None,
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Primitive(Primitive::Value)),
            Some(AdditionalProperties::Schema(schema)) => {
                let hint = format!("{owner}Value");
                let value_location = format!("{location}/additionalProperties");
                Some(self.lower_ref(SchemaRef::from(&**schema), &hint, &value_location)?)
            }
        };
        let additional = additional_ty.map(|ty| Field {
            name: field_names.claim("additional_properties", "field").ident,
            wire: String::new(),
            doc: Some("Properties not named in the schema.".to_owned()),
            ty: TypeRef::Map(Box::new(ty)),
            presence: Presence::Required,
            boxed: false,
        });
        Ok(StructDef { fields, additional })
    }

    fn lower_untagged(
        &mut self,
        owner: &str,
        members: &[SchemaRef<'s>],
        location: &str,
    ) -> Result<Vec<Variant>, Error> {
        let mut variant_names = NameSet::new(Case::UpperCamel);
        let mut variants = Vec::with_capacity(members.len());
        for (idx, member) in members.iter().enumerate() {
            let base = self.variant_base_name(*member, idx);
            let name = variant_names.claim(&base, "Variant").ident;
            let hint = format!("{owner}{name}");
            let member_location = format!("{location}/oneOf/{idx}");
            let ty = self.lower_ref(*member, &hint, &member_location)?;
            let doc = match member {
                SchemaRef::Inline(schema) => description(schema),
                SchemaRef::Ref(_) => None,
            };
            variants.push(Variant {
                name,
                doc,
                ty,
                boxed: false,
            });
        }
        Ok(variants)
    }

    /// Names an untagged variant after what tells it apart: the referenced type, its title, the
    /// single property of an externally tagged object, the constant of an internal tag, or the
    /// JSON type.
    fn variant_base_name(&self, member: SchemaRef<'s>, idx: usize) -> String {
        let schema = match member {
            SchemaRef::Ref(reference) => {
                return component_key(reference, "schemas")
                    .unwrap_or_else(|| format!("Variant{idx}"));
            }
            SchemaRef::Inline(schema) => schema,
        };
        if let Some(title) = &schema.schema_data.title {
            return title.clone();
        }
        if let Shape::AllOf(members) = classify(schema)
            && let [SchemaRef::Ref(reference)] = members.as_slice()
        {
            return component_key(reference, "schemas").unwrap_or_else(|| format!("Variant{idx}"));
        }
        if let Shape::Struct(view) = classify(schema) {
            if let [(only, _)] = view.properties.as_slice() {
                return (*only).to_owned();
            }
            let tag = view
                .properties
                .iter()
                .find_map(|(_, property)| match property {
                    SchemaRef::Inline(property) => match classify(property) {
                        Shape::StringEnum(values) if values.len() == 1 => Some(values[0].0.clone()),
                        _ => None,
                    },
                    SchemaRef::Ref(_) => None,
                });
            return tag.unwrap_or_else(|| format!("Variant{idx}"));
        }
        let word = match &schema.schema_kind {
            SchemaKind::Type(Type::String(_)) => "String",
            SchemaKind::Type(Type::Integer(_)) => "Integer",
            SchemaKind::Type(Type::Number(_)) => "Number",
            SchemaKind::Type(Type::Boolean(_)) => "Boolean",
            SchemaKind::Type(Type::Array(_)) => "Array",
            SchemaKind::Type(Type::Object(_)) => "Object",
            _ => return format!("Variant{idx}"),
        };
        word.to_owned()
    }

    /// Collects the properties of all object members of an `allOf`; `None` when no member is an
    /// object, in which case the caller uses the first member.
    fn merge_all_of(
        &self,
        members: &[SchemaRef<'s>],
        location: &str,
    ) -> Result<Option<ObjectView<'s>>, Error> {
        let mut acc = ObjectView::default();
        let found_object = self.collect_all_of(&mut acc, members, location, 0)?;
        Ok(found_object.then_some(acc))
    }

    fn collect_all_of(
        &self,
        acc: &mut ObjectView<'s>,
        members: &[SchemaRef<'s>],
        location: &str,
        depth: usize,
    ) -> Result<bool, Error> {
        if depth > 32 {
            let reason = "`allOf` nests more than 32 levels (a reference cycle?)".to_owned();
            return Err(Error::Unsupported {
                location: location.to_owned(),
                reason,
            });
        }
        let mut found_object = false;
        for member in members {
            let schema = self.resolve(*member, location)?;
            match classify(schema) {
                Shape::Struct(view) => {
                    found_object = true;
                    for (wire, property) in view.properties {
                        // A later member restates a property to narrow it; the last one wins.
                        match acc.properties.iter_mut().find(|(seen, _)| *seen == wire) {
                            Some(slot) => slot.1 = property,
                            None => acc.properties.push((wire, property)),
                        }
                    }
                    acc.required.extend(view.required);
                    acc.additional = acc.additional.or(view.additional);
                }
                Shape::AllOf(nested) => {
                    found_object |= self.collect_all_of(acc, &nested, location, depth + 1)?;
                }
                _ => {
                    // FIXME: a non-object member next to object members (an enum, a string
                    // format) is dropped; the merged struct only has the object members' fields.
                    tracing::debug!(%location, "allOf member that is not an object ignored");
                }
            }
        }
        Ok(found_object)
    }

    /// Follows a reference to its component schema.
    pub(crate) fn resolve(
        &self,
        schema: SchemaRef<'s>,
        location: &str,
    ) -> Result<&'s Schema, Error> {
        let mut schema = schema;
        // References to references are legal; stop after a few hops to survive cycles.
        for _ in 0..16 {
            let reference = match schema {
                SchemaRef::Inline(schema) => return Ok(schema),
                SchemaRef::Ref(reference) => reference,
            };
            let target = component_key(reference, "schemas")
                .and_then(|key| self.spec.components.as_ref()?.schemas.get(&key));
            schema = match target {
                Some(target) => SchemaRef::from(target),
                None => return Err(unresolved(reference, location)),
            };
        }
        let reason = "reference chain longer than 16 hops".to_owned();
        Err(Error::Invalid {
            location: location.to_owned(),
            reason,
        })
    }

    fn component_type(&self, reference: &str, location: &str) -> Result<String, Error> {
        component_key(reference, "schemas")
            .and_then(|key| self.component_names.get(&key).cloned())
            .ok_or_else(|| unresolved(reference, location))
    }

    fn push_named(
        &mut self,
        name: String,
        schema: &Schema,
        location: &str,
        kind: TypeKind,
    ) -> TypeRef {
        self.push_type(name.clone(), description(schema), location.to_owned(), kind);
        TypeRef::Named(name)
    }

    pub(crate) fn push_type(
        &mut self,
        name: String,
        doc: Option<String>,
        origin: String,
        kind: TypeKind,
    ) {
        self.types.push(TypeDef {
            name,
            doc,
            origin,
            kind,
            cfg: Cfg::Always,
        });
    }
}

fn classify(schema: &Schema) -> Shape<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            let values: Vec<(String, Option<String>)> = string
                .enumeration
                .iter()
                .flatten()
                .map(|value| (value.clone(), None))
                .collect();
            match values.is_empty() {
                true => Shape::Primitive(string_primitive(&string.format)),
                false => Shape::StringEnum(values),
            }
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            Shape::Primitive(integer_primitive(&integer.format))
        }
        SchemaKind::Type(Type::Number(_)) => Shape::Primitive(Primitive::F64),
        SchemaKind::Type(Type::Boolean(_)) => Shape::Primitive(Primitive::Bool),
        SchemaKind::Type(Type::Array(array)) => {
            Shape::Array(array.items.as_ref().map(SchemaRef::from))
        }
        SchemaKind::Type(Type::Object(object)) => classify_object(
            &object.properties,
            &object.required,
            object.additional_properties.as_ref(),
        ),
        SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
            classify_union(members)
        }
        SchemaKind::AllOf { all_of } => Shape::AllOf(all_of.iter().map(SchemaRef::from).collect()),
        SchemaKind::Not { .. } => Shape::Primitive(Primitive::Value),
        SchemaKind::Any(any) => {
            if !any.properties.is_empty() || any.additional_properties.is_some() {
                return classify_object(
                    &any.properties,
                    &any.required,
                    any.additional_properties.as_ref(),
                );
            }
            if !any.one_of.is_empty() {
                return classify_union(&any.one_of);
            }
            if !any.any_of.is_empty() {
                return classify_union(&any.any_of);
            }
            if !any.all_of.is_empty() {
                return Shape::AllOf(any.all_of.iter().map(SchemaRef::from).collect());
            }
            let strings: Vec<(String, Option<String>)> = any
                .enumeration
                .iter()
                .filter_map(|value| Some((value.as_str()?.to_owned(), None)))
                .collect();
            match any.typ.as_deref() {
                _ if !strings.is_empty() => Shape::StringEnum(strings),
                Some("array") => Shape::Array(any.items.as_ref().map(SchemaRef::from)),
                Some("object") => Shape::Map(None),
                Some("string") => {
                    let format = match &any.format {
                        Some(format) => VariantOrUnknownOrEmpty::Unknown(format.clone()),
                        None => VariantOrUnknownOrEmpty::Empty,
                    };
                    Shape::Primitive(string_primitive(&format))
                }
                Some("integer") => Shape::Primitive(Primitive::I64),
                Some("number") => Shape::Primitive(Primitive::F64),
                Some("boolean") => Shape::Primitive(Primitive::Bool),
                _ if any.items.is_some() => Shape::Array(any.items.as_ref().map(SchemaRef::from)),
                _ => Shape::Primitive(Primitive::Value),
            }
        }
    }
}

fn classify_object<'s>(
    properties: &'s indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: &'s [String],
    additional: Option<&'s AdditionalProperties>,
) -> Shape<'s> {
    if properties.is_empty() {
        return match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                Shape::Map(Some(SchemaRef::from(&**schema)))
            }
            Some(AdditionalProperties::Any(false)) => Shape::Struct(ObjectView::default()),
            Some(AdditionalProperties::Any(true)) | None => Shape::Map(None),
        };
    }
    Shape::Struct(ObjectView {
        properties: properties
            .iter()
            .map(|(wire, schema)| (wire.as_str(), SchemaRef::from(schema)))
            .collect(),
        required: required.iter().map(String::as_str).collect(),
        additional,
    })
}

/// A `oneOf`/`anyOf` whose members are all inline string enums is one string enum (a common way
/// to document each value); anything else is an untagged enum.
fn classify_union(members: &[ReferenceOr<Schema>]) -> Shape<'_> {
    let mut values = Vec::new();
    for member in members {
        let ReferenceOr::Item(schema) = member else {
            return Shape::Untagged(members.iter().map(SchemaRef::from).collect());
        };
        match classify(schema) {
            Shape::StringEnum(member_values) => {
                let doc = if member_values.len() == 1 {
                    description(schema)
                } else {
                    None
                };
                values.extend(
                    member_values
                        .into_iter()
                        .map(|(wire, _)| (wire, doc.clone())),
                );
            }
            _ => return Shape::Untagged(members.iter().map(SchemaRef::from).collect()),
        }
    }
    Shape::StringEnum(values)
}

fn lower_string_enum(values: Vec<(String, Option<String>)>) -> StringEnumDef {
    let mut names = NameSet::new(Case::UpperCamel);
    let mut seen = BTreeSet::new();
    let mut lowered = Vec::with_capacity(values.len());
    for (wire, doc) in values {
        if !seen.insert(wire.clone()) {
            continue;
        }
        let name = names.claim(&wire, "Empty");
        lowered.push(EnumValue {
            name: name.ident,
            wire: name.wire,
            doc,
        });
    }
    let other = names.claim_ident("Other".to_owned());
    StringEnumDef {
        values: lowered,
        other,
    }
}

fn string_primitive(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Primitive {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Primitive::DateTime,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Primitive::Date,
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Primitive::Base64,
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Primitive::Binary,
        VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
            "date-time" => Primitive::DateTime,
            "date" => Primitive::Date,
            "byte" => Primitive::Base64,
            "binary" => Primitive::Binary,
            _ => Primitive::String,
        },
        VariantOrUnknownOrEmpty::Item(StringFormat::Password) | VariantOrUnknownOrEmpty::Empty => {
            Primitive::String
        }
    }
}

fn integer_primitive(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> Primitive {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Primitive::I32,
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) | VariantOrUnknownOrEmpty::Empty => {
            Primitive::I64
        }
        VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
            "int8" => Primitive::I8,
            "int16" => Primitive::I16,
            "int32" => Primitive::I32,
            "uint8" => Primitive::U8,
            "uint16" => Primitive::U16,
            "uint32" => Primitive::U32,
            "uint64" => Primitive::U64,
            _ => Primitive::I64,
        },
    }
}

/// `nullable: true`, or `null` among a string enum's values.
fn is_nullable(schema: &Schema) -> bool {
    let null_in_enum = match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string.enumeration.iter().any(Option::is_none),
        _ => false,
    };
    schema.schema_data.nullable || null_in_enum
}

pub(crate) fn description(schema: &Schema) -> Option<String> {
    schema
        .schema_data
        .description
        .clone()
        .or_else(|| schema.schema_data.title.clone())
}

pub(crate) fn make_option(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Option(_) => ty,
        other => TypeRef::Option(Box::new(other)),
    }
}

/// Splits `Option<T>` into `(T, true)`; any other type into `(ty, false)`.
pub(crate) fn split_option(ty: TypeRef) -> (TypeRef, bool) {
    match ty {
        TypeRef::Option(inner) => (*inner, true),
        other => (other, false),
    }
}

fn unresolved(reference: &str, location: &str) -> Error {
    let reason = format!("cannot resolve reference `{reference}`");
    Error::Invalid {
        location: location.to_owned(),
        reason,
    }
}
