//! Parameters: `Path Part` rows become required path parameters, `Query String Parameters`
//! rows query parameters, and the remaining `Request Headers` rows (`SO-Language`,
//! `Accept-Language`, ...) optional header parameters shared through `components/parameters`.
//!
//! Every `{name}` of the path gets a path parameter, documented or not, and a row naming no
//! template of the path is dropped: OpenAPI requires both, and each case is reported.

use std::collections::BTreeMap;

use docspec_parse::{Diagnostic, Page, Parameter as Row};
use openapiv3::{Parameter, ParameterData, ParameterSchemaOrContent, ReferenceOr};

use crate::security::is_transport_header;
use crate::types::{Prim, Shape, TypeWord, parse_type_word, to_schema};

/// Shared header parameters, by header name.
///
/// FIXME: Header parameters are all typed `string`, as the pages give header rows no Type
/// column.
pub(crate) type HeaderComponents = BTreeMap<String, Parameter>;

/// The path and query parameters of a page, then `$ref`s to its header parameters (which are
/// added to `headers` on first sight).
pub(crate) fn parameters(
    page: &Page,
    headers: &mut HeaderComponents,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ReferenceOr<Parameter>> {
    let templates = path_templates(&page.path.value);
    // A parameter is ~1.3 KB inline, even as a header `$ref`: the list is sized for every row
    // up front and trimmed at the end (transport headers are not parameters), where growing
    // it by doubling left a quarter of the document's parameter memory unused.
    let n_rows = templates.len() + page.query_params.len() + page.headers.len();
    let mut res = Vec::with_capacity(n_rows);
    for name in &templates {
        let row = page.path_params.iter().find(|r| r.name == *name);
        let data = match row {
            Some(row) => data_from_row(page, row, true, diagnostics),
            None => {
                let message =
                    format!("path parameter `{name}` has no `Path Part` row; typed string");
                diagnostics.push(Diagnostic::warning(
                    &page.file,
                    page.path.line,
                    "path-param-undocumented",
                    message,
                ));
                plain_data(name, Shape::Prim(Prim::String), true, None)
            }
        };
        res.push(ReferenceOr::Item(Parameter::Path {
            parameter_data: data,
            style: Default::default(),
        }));
    }
    for row in &page.path_params {
        if !templates.contains(&row.name) {
            let message = format!(
                "`Path Part` row `{}` names no `{{...}}` of the path; dropped",
                row.name
            );
            diagnostics.push(Diagnostic::warning(
                &page.file,
                row.line,
                "path-param-not-in-path",
                message,
            ));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for row in &page.query_params {
        if seen.contains(&row.name.as_str()) {
            let message = format!(
                "query parameter `{}` is listed twice; the first row is used",
                row.name
            );
            diagnostics.push(Diagnostic::warning(
                &page.file,
                row.line,
                "duplicate-parameter",
                message,
            ));
            continue;
        }
        seen.push(&row.name);
        let data = data_from_row(page, row, row.required, diagnostics);
        res.push(ReferenceOr::Item(Parameter::Query {
            parameter_data: data,
            allow_reserved: false,
            style: Default::default(),
            allow_empty_value: None,
        }));
    }
    for row in &page.headers {
        if is_transport_header(&row.name) {
            continue;
        }
        let name = row.name.trim();
        if !headers.contains_key(name) {
            let description = Some(row.description.clone()).filter(|d| !d.is_empty());
            let data = plain_data(name, Shape::Prim(Prim::String), false, description);
            headers.insert(
                name.to_string(),
                Parameter::Header {
                    parameter_data: data,
                    style: Default::default(),
                },
            );
        }
        res.push(ReferenceOr::Reference {
            reference: format!("#/components/parameters/{name}"),
        });
    }
    res.shrink_to_fit();
    res
}

/// The `{name}` templates of a path, in order.
pub(crate) fn path_templates(path: &str) -> Vec<String> {
    let mut res = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        if !name.is_empty() && !res.iter().any(|n| n == name) {
            res.push(name.to_string());
        }
        rest = &rest[start + len + 1..];
    }
    res
}

fn data_from_row(
    page: &Page,
    row: &Row,
    required: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> ParameterData {
    let shape = param_shape(page, row, diagnostics);
    let description = Some(row.description.clone()).filter(|d| !d.is_empty());
    plain_data(&row.name, shape, required, description)
}

/// The shape of a parameter: its Enum values, else its type word (an array of strings for a
/// bare `array`, a string for anything vague).
fn param_shape(page: &Page, row: &Row, diagnostics: &mut Vec<Diagnostic>) -> Shape {
    if !row.enum_values.is_empty() {
        return Shape::Enum(row.enum_values.clone());
    }
    match parse_type_word(&row.type_text) {
        TypeWord::Known(shape) => shape,
        TypeWord::Array => Shape::Array(Box::new(Shape::Prim(Prim::String))),
        TypeWord::Named(name) => {
            let message = format!(
                "parameter `{}` has type `{name}`; passed as a string",
                row.name
            );
            diagnostics.push(Diagnostic::note(
                &page.file,
                row.line,
                "parameter-type-named",
                message,
            ));
            Shape::Prim(Prim::String)
        }
        TypeWord::Object => Shape::Object,
        TypeWord::Empty => Shape::Prim(Prim::String),
        TypeWord::Unknown(word) => {
            let message = format!("unknown parameter type word `{word}`; typed string");
            diagnostics.push(Diagnostic::warning(
                &page.file,
                row.line,
                "unknown-type-word",
                message,
            ));
            Shape::Prim(Prim::String)
        }
    }
}

fn plain_data(
    name: &str,
    shape: Shape,
    required: bool,
    description: Option<String>,
) -> ParameterData {
    ParameterData {
        name: name.to_string(),
        description,
        required,
        deprecated: None,
        format: ParameterSchemaOrContent::Schema(to_schema(&shape)),
        example: None,
        examples: Default::default(),
        explode: None,
        extensions: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_in_order_without_repeats() {
        assert_eq!(
            path_templates("/Marina/{marinaId}/Berth/{id}/{marinaId}"),
            ["marinaId", "id"]
        );
        assert!(path_templates("/Marina").is_empty());
    }
}
