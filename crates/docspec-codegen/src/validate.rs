//! Checks the whole document in one pass before anything is generated, so that problems come
//! back as errors with a location (`#/paths/~1pets/get`) instead of as broken Rust.
//!
//! Checked here: every `$ref` points into this document's components and resolves; paths start
//! with `/`; path templates and path parameters match; operation ids are unique, also after
//! conversion to method names.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Parameter, ReferenceOr, SchemaKind, Type};

use crate::Error;
use crate::ir::SchemaRef;
use crate::names::operation_ident;

/// Validates `spec`; returns every problem, in document order (components, then paths).
pub(crate) fn validate(spec: &OpenAPI) -> Result<(), Error> {
    let mut problems = Vec::new();
    let schemas = spec.components.iter().flat_map(|c| &c.schemas);
    for (key, schema) in schemas {
        let location = format!("#/components/schemas/{}", pointer_escape(key));
        check_schema_refs(spec, schema, &location, &mut problems);
    }
    let mut method_names: BTreeMap<String, String> = BTreeMap::new();
    for (path, item) in &spec.paths.paths {
        let path_location = format!("#/paths/{}", pointer_escape(path));
        if !path.starts_with('/') {
            problems.push(invalid(
                &path_location,
                "a path must start with `/`".to_owned(),
            ));
        }
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { .. } => {
                let reason = "path items given by `$ref` are not supported".to_owned();
                problems.push(Error::Unsupported {
                    location: path_location,
                    reason,
                });
                continue;
            }
        };
        for (method, operation) in item.iter() {
            let location = format!("{path_location}/{method}");
            let name = operation_ident(operation.operation_id.as_deref(), method, path);
            match method_names.get(&name) {
                Some(first) => {
                    let reason = format!(
                        "operation `{}` becomes method `{name}`, like the operation at {first}",
                        operation.operation_id.as_deref().unwrap_or(method),
                    );
                    problems.push(invalid(&location, reason));
                }
                None => {
                    method_names.insert(name, location.clone());
                }
            }
            let params: Vec<&ReferenceOr<Parameter>> = item
                .parameters
                .iter()
                .chain(&operation.parameters)
                .collect();
            check_parameters(spec, path, &params, &location, &mut problems);
            check_operation_schemas(spec, operation, &location, &mut problems);
        }
    }
    match problems.len() {
        0 => Ok(()),
        1 => Err(problems.remove(0)),
        _ => Err(Error::Problems { problems }),
    }
}

/// The names in a path template, in order: `/a/{x}/b/{y}` gives `["x", "y"]`.
pub(crate) fn template_params(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// The component key in `#/components/{kind}/{key}`, with JSON pointer escapes undone.
pub(crate) fn component_key(reference: &str, kind: &str) -> Option<String> {
    let key = reference
        .strip_prefix("#/components/")?
        .strip_prefix(kind)?
        .strip_prefix('/')?;
    Some(key.replace("~1", "/").replace("~0", "~"))
}

/// Escapes one JSON pointer segment (`/pets/{id}` becomes `~1pets~1{id}`).
pub(crate) fn pointer_escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn check_parameters(
    spec: &OpenAPI,
    path: &str,
    params: &[&ReferenceOr<Parameter>],
    location: &str,
    problems: &mut Vec<Error>,
) {
    let mut path_params = Vec::new();
    for param in params {
        let param = match param {
            ReferenceOr::Item(param) => param,
            ReferenceOr::Reference { reference } => {
                let found = component_key(reference, "parameters").and_then(|key| {
                    match spec.components.as_ref()?.parameters.get(&key)? {
                        ReferenceOr::Item(param) => Some(param),
                        ReferenceOr::Reference { .. } => None,
                    }
                });
                match found {
                    Some(param) => param,
                    None => {
                        problems.push(unresolved(reference, location));
                        continue;
                    }
                }
            }
        };
        if let Parameter::Path { parameter_data, .. } = param {
            path_params.push(parameter_data.name.as_str());
        }
        if let openapiv3::ParameterSchemaOrContent::Schema(schema) =
            &param.parameter_data_ref().format
        {
            let param_location =
                format!("{location}/parameters/{}", param.parameter_data_ref().name);
            check_schema_refs(spec, schema, &param_location, problems);
        }
    }
    let template = template_params(path);
    for name in &template {
        if !path_params.contains(name) {
            let reason = format!("path template names `{{{name}}}` but no path parameter `{name}`");
            problems.push(invalid(location, reason));
        }
    }
    for name in path_params {
        if !template.contains(&name) {
            let reason = format!("path parameter `{name}` is not in the path template");
            problems.push(invalid(location, reason));
        }
    }
}

fn check_operation_schemas(
    spec: &OpenAPI,
    operation: &openapiv3::Operation,
    location: &str,
    problems: &mut Vec<Error>,
) {
    if let Some(ReferenceOr::Item(body)) = &operation.request_body {
        for (content_type, media) in &body.content {
            if let Some(schema) = &media.schema {
                let media_location = format!(
                    "{location}/requestBody/content/{}",
                    pointer_escape(content_type)
                );
                check_schema_refs(spec, schema, &media_location, problems);
            }
        }
    }
    let responses = operation
        .responses
        .responses
        .iter()
        .map(|(status, r)| (status.to_string(), r));
    let default = operation
        .responses
        .default
        .iter()
        .map(|r| ("default".to_owned(), r));
    for (status, response) in responses.chain(default) {
        let ReferenceOr::Item(response) = response else {
            continue;
        };
        for (content_type, media) in &response.content {
            if let Some(schema) = &media.schema {
                let media_location = format!(
                    "{location}/responses/{status}/content/{}",
                    pointer_escape(content_type)
                );
                check_schema_refs(spec, schema, &media_location, problems);
            }
        }
    }
}

/// Walks a schema and reports every reference that does not resolve to a component schema.
fn check_schema_refs<'s>(
    spec: &OpenAPI,
    schema: impl Into<SchemaRef<'s>>,
    location: &str,
    problems: &mut Vec<Error>,
) {
    let schema = match schema.into() {
        SchemaRef::Ref(reference) => {
            let resolves = component_key(reference, "schemas").is_some_and(|key| {
                spec.components
                    .as_ref()
                    .is_some_and(|c| c.schemas.contains_key(&key))
            });
            if !resolves {
                problems.push(unresolved(reference, location));
            }
            return;
        }
        SchemaRef::Inline(schema) => schema,
    };
    let (properties, additional, items, members) = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => (
            Some(&object.properties),
            object.additional_properties.as_ref(),
            None,
            &[][..],
        ),
        SchemaKind::Type(Type::Array(array)) => (None, None, array.items.as_ref(), &[][..]),
        SchemaKind::OneOf { one_of: members }
        | SchemaKind::AnyOf { any_of: members }
        | SchemaKind::AllOf { all_of: members } => (None, None, None, members.as_slice()),
        SchemaKind::Any(any) => {
            for (idx, member) in any
                .one_of
                .iter()
                .chain(&any.any_of)
                .chain(&any.all_of)
                .enumerate()
            {
                check_schema_refs(spec, member, &format!("{location}/{idx}"), problems);
            }
            (
                Some(&any.properties),
                any.additional_properties.as_ref(),
                any.items.as_ref(),
                &[][..],
            )
        }
        SchemaKind::Type(_) | SchemaKind::Not { .. } => (None, None, None, &[][..]),
    };
    for (name, property) in properties.into_iter().flatten() {
        let property_location = format!("{location}/properties/{}", pointer_escape(name));
        check_schema_refs(spec, property, &property_location, problems);
    }
    if let Some(openapiv3::AdditionalProperties::Schema(value)) = additional {
        check_schema_refs(
            spec,
            &**value,
            &format!("{location}/additionalProperties"),
            problems,
        );
    }
    if let Some(items) = items {
        check_schema_refs(spec, items, &format!("{location}/items"), problems);
    }
    for (idx, member) in members.iter().enumerate() {
        check_schema_refs(spec, member, &format!("{location}/{idx}"), problems);
    }
}

fn unresolved(reference: &str, location: &str) -> Error {
    let reason = match reference.starts_with("#/components/") {
        true => format!("cannot resolve reference `{reference}`"),
        false => format!("reference `{reference}` leaves this document's components"),
    };
    invalid(location, reason)
}

fn invalid(location: &str, reason: String) -> Error {
    Error::Invalid {
        location: location.to_owned(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::{component_key, template_params};

    #[test]
    fn reads_templates_and_references() {
        assert_eq!(template_params("/a/{x}/b/{y}.json"), ["x", "y"]);
        assert_eq!(
            component_key("#/components/schemas/a~1b", "schemas").as_deref(),
            Some("a/b")
        );
        assert_eq!(component_key("#/components/schemasX/a", "schemas"), None);
    }
}
