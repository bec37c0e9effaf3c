//! Lowers operations: parameters into a `Params` struct, bodies, a response enum per
//! operation, and operations grouped into one trait per tag.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, RequestBody, Response,
    StatusCode,
};

use crate::Error;
use crate::ir::lower::{Lowerer, SchemaRef, split_option};
use crate::ir::{
    Body, BodyKind, Field, HttpMethod, Operation, Param, ParamLocation, Presence, Primitive,
    ResponseBody, ResponseVariant, StatusMatch, StructDef, TraitDef, TypeKind, TypeRef,
};
use crate::names::{Case, NameSet, operation_ident, sanitize};
use crate::validate::{component_key, pointer_escape, template_params};

/// The trait that collects operations without a tag.
const DEFAULT_TRAIT: &str = "Api";

/// Lowers every operation, visiting paths and methods in sorted order.
pub(crate) fn lower_operations(lowerer: &mut Lowerer<'_>) -> Result<Vec<TraitDef>, Error> {
    let spec = lowerer.spec;
    let mut found: Vec<(&str, HttpMethod, &PathItem, &openapiv3::Operation)> = Vec::new();
    for (path, item) in &spec.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            found.push((path, http_method(method), item, operation));
        }
    }
    found.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));

    let mut by_tag: BTreeMap<Option<String>, Vec<Operation>> = BTreeMap::new();
    for (path, method, item, operation) in found {
        let lowered = lower_operation(lowerer, path, method, item, operation)?;
        by_tag
            .entry(operation.tags.first().cloned())
            .or_default()
            .push(lowered);
    }
    assign_routes(by_tag.values_mut().flatten());

    let tag_docs: BTreeMap<&str, Option<&String>> = spec
        .tags
        .iter()
        .map(|tag| (tag.name.as_str(), tag.description.as_ref()))
        .collect();
    let mut trait_names = NameSet::new(Case::UpperCamel);
    let mut traits = Vec::with_capacity(by_tag.len());
    // `None` sorts first in the map; claim tag names before the default trait's.
    let mut entries: Vec<(Option<String>, Vec<Operation>)> = by_tag.into_iter().collect();
    let untagged_first = entries.first().is_some_and(|(tag, _)| tag.is_none());
    entries.rotate_left(usize::from(untagged_first));
    for (tag, operations) in entries {
        let (name, doc) = match &tag {
            Some(tag) => {
                let name = trait_names.claim(tag, DEFAULT_TRAIT).ident;
                let doc = tag_docs.get(tag.as_str()).copied().flatten().cloned();
                (
                    name,
                    Some(doc.unwrap_or_else(|| format!("Operations tagged `{tag}`."))),
                )
            }
            None => {
                let name = trait_names.claim_ident(DEFAULT_TRAIT.to_owned());
                (name, Some("Operations without a tag.".to_owned()))
            }
        };
        let snake_name = sanitize(&name, Case::Snake, "api");
        traits.push(TraitDef {
            name,
            snake_name,
            doc,
            operations,
            feature: None,
        });
    }
    Ok(traits)
}

fn lower_operation<'s>(
    lowerer: &mut Lowerer<'s>,
    path: &str,
    method: HttpMethod,
    item: &'s PathItem,
    operation: &'s openapiv3::Operation,
) -> Result<Operation, Error> {
    let location = format!("#/paths/{}/{}", pointer_escape(path), method.as_str());
    let method_name = operation_ident(operation.operation_id.as_deref(), method.as_str(), path);
    let prefix = sanitize(&method_name, Case::UpperCamel, "Operation");
    tracing::debug!(%location, %method_name, "lowering operation");

    let raw_params = merged_parameters(lowerer, item, operation, &location)?;
    let params_type = match raw_params.is_empty() {
        true => None,
        false => Some(
            lowerer
                .type_names
                .claim(&format!("{prefix}Params"), "Params")
                .ident,
        ),
    };
    let response_type = lowerer
        .type_names
        .claim(&format!("{prefix}Response"), "Response")
        .ident;

    let params = lower_params(lowerer, &prefix, &raw_params, &location)?;
    let path_order = template_params(path)
        .iter()
        .filter_map(|name| {
            params
                .iter()
                .position(|p| p.location == ParamLocation::Path && p.wire == *name)
        })
        .collect();
    if let Some(params_type) = &params_type {
        let fields = params.iter().map(param_field).collect();
        let def = StructDef {
            fields,
            additional: None,
        };
        let doc = Some(format!("Parameters of `{method_name}`."));
        lowerer.push_type(
            params_type.clone(),
            doc,
            location.clone(),
            TypeKind::Params(def),
        );
    }

    let body = match &operation.request_body {
        Some(body) => lower_body(lowerer, &prefix, body, &location)?,
        None => None,
    };
    let responses = lower_responses(lowerer, &prefix, operation, &location)?;
    let doc = Some(format!("Responses of `{method_name}`."));
    let kind = TypeKind::Response(responses.clone());
    lowerer.push_type(response_type.clone(), doc, location.clone(), kind);

    let doc = match (&operation.summary, &operation.description) {
        (Some(summary), Some(description)) if summary != description => {
            Some(format!("{summary}\n\n{description}"))
        }
        (Some(text), _) | (None, Some(text)) => Some(text.clone()),
        (None, None) => None,
    };
    Ok(Operation {
        method_name,
        http_method: method,
        path: path.to_owned(),
        route: path.to_owned(),
        doc,
        params,
        path_order,
        params_struct: params_type.clone(),
        params_type,
        body,
        response_enum: response_type.clone(),
        response_type,
        responses,
    })
}

/// Path-level parameters first, then the operation's; an operation parameter replaces a
/// path-level one with the same name and location.
fn merged_parameters<'s>(
    lowerer: &Lowerer<'s>,
    item: &'s PathItem,
    operation: &'s openapiv3::Operation,
    location: &str,
) -> Result<Vec<&'s Parameter>, Error> {
    let mut merged: Vec<&Parameter> = Vec::new();
    for param in item.parameters.iter().chain(&operation.parameters) {
        let param = resolve_component(lowerer, param, "parameters", location, |c| &c.parameters)?;
        let key = (&param.parameter_data_ref().name, location_of(param));
        match merged
            .iter_mut()
            .find(|seen| (&seen.parameter_data_ref().name, location_of(seen)) == key)
        {
            Some(slot) => *slot = param,
            None => merged.push(param),
        }
    }
    Ok(merged)
}

fn lower_params<'s>(
    lowerer: &mut Lowerer<'s>,
    prefix: &str,
    raw_params: &[&'s Parameter],
    location: &str,
) -> Result<Vec<Param>, Error> {
    let mut field_names = NameSet::new(Case::Snake);
    let mut params = Vec::with_capacity(raw_params.len());
    for param in raw_params {
        let data = param.parameter_data_ref();
        let name = field_names.claim(&data.name, "param");
        let hint = format!(
            "{prefix}{}",
            sanitize(&data.name, Case::UpperCamel, "Param")
        );
        let ty = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let param_location =
                    format!("{location}/parameters/{}", pointer_escape(&data.name));
                split_option(lowerer.lower_ref(SchemaRef::from(schema), &hint, &param_location)?).0
            }
            ParameterSchemaOrContent::Content(_) => {
                // FIXME: a parameter described by `content` (JSON in a query string) arrives as
                // its raw text; the document's schema for it is not used.
                TypeRef::Primitive(Primitive::String)
            }
        };
        let location = location_of(param);
        let required = data.required || location == ParamLocation::Path;
        params.push(Param {
            field: name.ident,
            wire: name.wire,
            location,
            ty,
            required,
        });
    }
    Ok(params)
}

fn param_field(param: &Param) -> Field {
    Field {
        name: param.field.clone(),
        wire: param.wire.clone(),
        doc: Some(format!(
            "`{}` ({} parameter).",
            param.wire,
            location_word(param.location)
        )),
        ty: param.ty.clone(),
        presence: if param.required {
            Presence::Required
        } else {
            Presence::Optional
        },
        boxed: false,
    }
}

fn lower_body<'s>(
    lowerer: &mut Lowerer<'s>,
    prefix: &str,
    body: &'s ReferenceOr<RequestBody>,
    location: &str,
) -> Result<Option<Body>, Error> {
    let body = resolve_component(lowerer, body, "requestBodies", location, |c| {
        &c.request_bodies
    })?;
    let Some((content_type, media, kind)) = pick_content(&body.content) else {
        return Ok(None);
    };
    let body_location = format!(
        "{location}/requestBody/content/{}",
        pointer_escape(content_type)
    );
    let ty = content_type_ref(
        lowerer,
        kind,
        media,
        &format!("{prefix}Body"),
        &body_location,
    )?;
    Ok(Some(Body {
        kind,
        ty,
        required: body.required,
    }))
}

fn lower_responses<'s>(
    lowerer: &mut Lowerer<'s>,
    prefix: &str,
    operation: &'s openapiv3::Operation,
    location: &str,
) -> Result<Vec<ResponseVariant>, Error> {
    let mut documented: Vec<(StatusMatch, &ReferenceOr<Response>)> = operation
        .responses
        .responses
        .iter()
        .map(|(status, response)| match status {
            StatusCode::Code(code) => (StatusMatch::Code(*code), response),
            StatusCode::Range(class) => (StatusMatch::Range(*class), response),
        })
        .collect();
    documented.extend(
        operation
            .responses
            .default
            .iter()
            .map(|r| (StatusMatch::Default, r)),
    );
    documented.sort_by_key(|(status, _)| *status);

    let mut variant_names = NameSet::new(Case::UpperCamel);
    let mut variants = Vec::with_capacity(documented.len().max(1));
    for (status, response) in documented {
        let name = variant_names.claim_ident(status_variant_name(status));
        let response_location = format!("{location}/responses/{}", status_key(status));
        let response =
            resolve_component(lowerer, response, "responses", &response_location, |c| {
                &c.responses
            })?;
        let body = match pick_content(&response.content) {
            Some((content_type, media, kind)) => {
                let hint = format!("{prefix}{name}Body");
                let ty = content_type_ref(lowerer, kind, media, &hint, &response_location)?;
                Some(ResponseBody {
                    kind,
                    ty,
                    content_type: content_type.to_owned(),
                })
            }
            None => None,
        };
        let doc = Some(response.description.clone()).filter(|text| !text.trim().is_empty());
        variants.push(ResponseVariant {
            name,
            status,
            doc,
            body,
        });
    }
    if variants.is_empty() {
        let doc = Some("The document lists no response; answer with any status.".to_owned());
        variants.push(ResponseVariant {
            name: "Default".to_owned(),
            status: StatusMatch::Default,
            doc,
            body: None,
        });
    }
    Ok(variants)
}

/// Prefers JSON, then forms, then text, then anything (as bytes); ties go to document order.
///
/// FIXME: `multipart/form-data` bodies arrive as raw bytes, and response headers are not
/// modelled at all; both need their own IR variants.
fn pick_content(content: &IndexMap<String, MediaType>) -> Option<(&str, &MediaType, BodyKind)> {
    let rank = |content_type: &str| {
        let lower = content_type.to_ascii_lowercase();
        match () {
            _ if lower.contains("json") => (0, BodyKind::Json),
            _ if lower.starts_with("application/x-www-form-urlencoded") => (1, BodyKind::Form),
            _ if lower.starts_with("text/") => (2, BodyKind::Text),
            _ => (3, BodyKind::Bytes),
        }
    };
    content
        .iter()
        .map(|(content_type, media)| (rank(content_type), content_type.as_str(), media))
        .min_by_key(|(rank, _, _)| rank.0)
        .map(|((_, kind), content_type, media)| (content_type, media, kind))
}

fn content_type_ref<'s>(
    lowerer: &mut Lowerer<'s>,
    kind: BodyKind,
    media: &'s MediaType,
    hint: &str,
    location: &str,
) -> Result<TypeRef, Error> {
    match (kind, &media.schema) {
        (BodyKind::Json | BodyKind::Form, Some(schema)) => {
            lowerer.lower_ref(SchemaRef::from(schema), hint, &format!("{location}/schema"))
        }
        (BodyKind::Json | BodyKind::Form, None) => Ok(TypeRef::Primitive(Primitive::Value)),
        (BodyKind::Text, _) => Ok(TypeRef::Primitive(Primitive::String)),
        (BodyKind::Bytes, _) => Ok(TypeRef::Primitive(Primitive::Binary)),
    }
}

/// Names path parameters in axum routes by position: every parameter segment after the same
/// literal prefix gets the name of the first (sorted) template that has it, because axum
/// refuses `/a/{id}` next to `/a/{name}/b`. Handlers extract path parameters by position, so the
/// names in the route do not matter to them.
fn assign_routes<'o>(operations: impl Iterator<Item = &'o mut Operation>) {
    let mut operations: Vec<&mut Operation> = operations.collect();
    operations.sort_by(|a, b| a.path.cmp(&b.path));
    let mut name_after_prefix: BTreeMap<String, String> = BTreeMap::new();
    for operation in operations {
        let mut shape = String::with_capacity(operation.path.len());
        let mut route = String::with_capacity(operation.path.len());
        let mut used: Vec<String> = Vec::new();
        let mut rest = operation.path.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|idx| open + idx) else {
                break;
            };
            shape.push_str(&rest[..open]);
            route.push_str(&rest[..open]);
            let own = &rest[open + 1..close];
            let name = name_after_prefix
                .entry(shape.clone())
                .or_insert_with(|| {
                    let mut name = own.to_owned();
                    while used.contains(&name) {
                        name.push('_');
                    }
                    name
                })
                .clone();
            route.push_str(&format!("{{{name}}}"));
            shape.push_str("{}");
            used.push(name);
            rest = &rest[close + 1..];
        }
        route.push_str(rest);
        operation.route = route;
    }
}

fn resolve_component<'s, T>(
    lowerer: &Lowerer<'s>,
    item: &'s ReferenceOr<T>,
    kind: &str,
    location: &str,
    section: impl Fn(&'s openapiv3::Components) -> &'s IndexMap<String, ReferenceOr<T>>,
) -> Result<&'s T, Error> {
    let mut item = item;
    for _ in 0..16 {
        let reference = match item {
            ReferenceOr::Item(value) => return Ok(value),
            ReferenceOr::Reference { reference } => reference,
        };
        let target = component_key(reference, kind)
            .and_then(|key| section(lowerer.spec.components.as_ref()?).get(&key));
        item = match target {
            Some(target) => target,
            None => {
                let reason = format!("cannot resolve reference `{reference}`");
                return Err(Error::Invalid {
                    location: location.to_owned(),
                    reason,
                });
            }
        };
    }
    let reason = "reference chain longer than 16 hops".to_owned();
    Err(Error::Invalid {
        location: location.to_owned(),
        reason,
    })
}

fn http_method(method: &str) -> HttpMethod {
    match method {
        "put" => HttpMethod::Put,
        "post" => HttpMethod::Post,
        "delete" => HttpMethod::Delete,
        "options" => HttpMethod::Options,
        "head" => HttpMethod::Head,
        "patch" => HttpMethod::Patch,
        "trace" => HttpMethod::Trace,
        _ => HttpMethod::Get,
    }
}

fn location_of(param: &Parameter) -> ParamLocation {
    match param {
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

fn status_key(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(class) => format!("{class}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

/// `200` is `Ok`, `404` is `NotFound`; an unnamed code is `Status599`, a range `Status2xx`.
fn status_variant_name(status: StatusMatch) -> String {
    let code = match status {
        StatusMatch::Code(code) => code,
        StatusMatch::Range(class) => return format!("Status{class}xx"),
        StatusMatch::Default => return "Default".to_owned(),
    };
    let name = match code {
        100 => "Continue",
        101 => "SwitchingProtocols",
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        _ => return format!("Status{code}"),
    };
    name.to_owned()
}
