//! One page becomes one operation: its id, tag, summary and description, parameters, request
//! body and responses, with the page's samples as examples.
//!
//! The summary is the first paragraph of the description (its first sentence when the
//! paragraph is long); the description is the rest, followed by the page's notes
//! (`Online Restricted`, `NsApiSlow threshold`) as labelled paragraphs, so nothing the page
//! says is lost.

use docspec_parse::Page;
use indexmap::IndexMap;
use openapiv3::{
    MediaType, Operation, Parameter, ReferenceOr, RequestBody, Response, Responses, StatusCode,
};

use crate::samples::PageSamples;
use crate::security::{Transport, requirements};
use crate::types::{Prim, Shape, to_schema};

/// A summary longer than this is cut at its first sentence.
const MAX_SUMMARY: usize = 120;

/// The media type of raw byte bodies.
const OCTET_STREAM: &str = "application/octet-stream";

/// What the operation is built from, besides the page.
pub(crate) struct OperationParts<'a> {
    pub(crate) operation_id: String,
    pub(crate) parameters: Vec<ReferenceOr<Parameter>>,
    /// The request body's shape, if the page has a body.
    pub(crate) request: Option<Shape>,
    /// The status carrying the response body, and the body (`None`: no content).
    pub(crate) primary: Option<u16>,
    pub(crate) response: Option<Shape>,
    /// The page's samples; their bodies move into the examples.
    pub(crate) samples: PageSamples,
    pub(crate) transport: &'a Transport,
}

/// Builds the operation of a page.
pub(crate) fn build_operation(page: &Page, mut parts: OperationParts<'_>) -> Operation {
    let (summary, description) = summary_and_description(page);
    let request_body = parts
        .request
        .take()
        .map(|shape| request_body(page, &shape, &mut parts));
    let security = Some(requirements(&parts.transport.schemes)).filter(|r| !r.is_empty());
    let responses = responses(page, &mut parts);
    Operation {
        tags: vec![page.tag.clone()],
        summary,
        description,
        operation_id: Some(parts.operation_id.clone()),
        parameters: parts.parameters,
        request_body,
        responses,
        security,
        ..Default::default()
    }
}

fn summary_and_description(page: &Page) -> (Option<String>, Option<String>) {
    let mut paragraphs: Vec<String> = page
        .description
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let summary = match paragraphs.is_empty() {
        true => None,
        false => Some(paragraphs.remove(0)),
    };
    let summary = summary.map(|first| match split_first_sentence(&first) {
        Some((sentence, rest)) if first.len() > MAX_SUMMARY => {
            paragraphs.insert(0, rest.to_string());
            sentence.to_string()
        }
        _ => first,
    });
    for note in &page.notes {
        let text = note.text.trim();
        match text.is_empty() {
            true => paragraphs.push(format!("**{}**", note.label.trim())),
            false => paragraphs.push(format!("**{}**: {text}", note.label.trim())),
        }
    }
    let description = Some(paragraphs.join("\n\n")).filter(|d| !d.is_empty());
    (summary, description)
}

/// Splits at the first `. ` (or `! `/`? `) followed by more text.
fn split_first_sentence(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(1) {
        if matches!(bytes[i], b'.' | b'!' | b'?') && bytes[i + 1] == b' ' {
            let rest = text[i + 1..].trim();
            if !rest.is_empty() {
                return Some((&text[..=i], rest));
            }
        }
    }
    None
}

fn request_body(
    page: &Page,
    shape: &Shape,
    parts: &mut OperationParts<'_>,
) -> ReferenceOr<RequestBody> {
    let body = page.request_body.as_ref();
    let description = body
        .map(|b| b.description.trim().to_string())
        .filter(|d| !d.is_empty());
    let example = parts.samples.request.take().map(|s| s.into_example());
    let content = content(shape, &parts.transport.request_media, example);
    ReferenceOr::Item(RequestBody {
        description,
        content,
        required: true,
        ..Default::default()
    })
}

fn responses(page: &Page, parts: &mut OperationParts<'_>) -> Responses {
    let mut map: IndexMap<StatusCode, ReferenceOr<Response>> = IndexMap::new();
    let mut statuses: Vec<(u16, &str)> = page
        .response
        .statuses
        .iter()
        .map(|s| (s.code, s.description.as_str()))
        .collect();
    if let (Some(primary), true) = (parts.primary, statuses.is_empty()) {
        statuses.push((primary, "OK"));
    }
    for (code, text) in statuses {
        let key = StatusCode::Code(code);
        if map.contains_key(&key) {
            continue;
        }
        let description = match text.trim() {
            "" => default_description(code).to_string(),
            text => text.to_string(),
        };
        let mut response = Response {
            description,
            ..Default::default()
        };
        if Some(code) == parts.primary
            && let Some(shape) = &parts.response
        {
            let example = parts.samples.take_response(code).map(|s| s.into_example());
            response.content = content(shape, &parts.transport.response_media, example);
        }
        map.insert(key, ReferenceOr::Item(response));
    }
    Responses {
        responses: map,
        ..Default::default()
    }
}

/// One media type entry per listed type, all with the same schema; the example goes on the
/// first only, to keep the document small. Raw bytes are `application/octet-stream`.
fn content(
    shape: &Shape,
    media: &[String],
    example: Option<serde_json::Value>,
) -> IndexMap<String, MediaType> {
    let binary = *shape == Shape::Prim(Prim::Binary);
    let octet = [OCTET_STREAM.to_string()];
    let media = if binary { &octet[..] } else { media };
    let mut res = IndexMap::with_capacity(media.len());
    let mut example = if binary { None } else { example };
    let schema = to_schema(shape);
    for media_type in media {
        let entry = MediaType {
            schema: Some(schema.clone()),
            example: example.take(),
            ..Default::default()
        };
        res.insert(media_type.clone(), entry);
    }
    res
}

fn default_description(code: u16) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        _ => "Response",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_split() {
        assert_eq!(
            split_first_sentence("Books a berth. Then pays."),
            Some(("Books a berth.", "Then pays."))
        );
        assert_eq!(split_first_sentence("Version 1.2 of it."), None);
    }
}
