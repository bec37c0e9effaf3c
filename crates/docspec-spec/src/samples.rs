//! Sample HTTP exchanges: each page's request and response bodies, parsed as JSON once, for
//! examples and for shape inference.

use docspec_parse::{Diagnostic, Page, SampleKind};
use serde_json::Value;

/// A sample body: JSON when it parses, else the text as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SampleBody {
    Json(Value),
    Text(String),
    /// Raw bytes, as a sample with a binary content type shows them.
    Bytes(String),
}

impl SampleBody {
    /// The body as an example value (text stays a string).
    pub(crate) fn into_example(self) -> Value {
        match self {
            SampleBody::Json(value) => value,
            SampleBody::Text(text) | SampleBody::Bytes(text) => Value::String(text),
        }
    }
}

/// The sample bodies of one page.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageSamples {
    /// The first request sample with a body.
    pub(crate) request: Option<SampleBody>,
    /// Response sample bodies with their status codes, in page order.
    pub(crate) responses: Vec<(Option<u16>, SampleBody)>,
}

impl PageSamples {
    /// The first response body for `status`, else the first one without a status.
    pub(crate) fn response(&self, status: u16) -> Option<&SampleBody> {
        let exact = self.responses.iter().find(|(s, _)| *s == Some(status));
        let loose = || self.responses.iter().find(|(s, _)| s.is_none());
        exact.or_else(loose).map(|(_, body)| body)
    }

    /// Removes and returns the body [`PageSamples::response`] would give for `status`.
    pub(crate) fn take_response(&mut self, status: u16) -> Option<SampleBody> {
        let exact = self.responses.iter().position(|(s, _)| *s == Some(status));
        let idx = exact.or_else(|| self.responses.iter().position(|(s, _)| s.is_none()))?;
        Some(self.responses.remove(idx).1)
    }

    /// Whether the request sample's JSON is an array.
    pub(crate) fn request_is_array(&self) -> bool {
        matches!(self.request, Some(SampleBody::Json(Value::Array(_))))
    }
}

/// Whether a media type is raw bytes (`application/octet-stream`, `image/png`).
fn is_binary_media(media: &str) -> bool {
    let media = media.trim().to_ascii_lowercase();
    media.contains("octet-stream") || media.starts_with("image/") || media.starts_with("audio/")
}

/// Parses the sample bodies of all pages, in page order. The work is split over the available
/// cores in contiguous chunks, so the result (and the diagnostics' order) does not depend on
/// the number of threads.
pub(crate) fn parse_all(pages: &[Page], diagnostics: &mut Vec<Diagnostic>) -> Vec<PageSamples> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = pages.len().div_ceil(threads).max(1);
    let parsed: Vec<(Vec<PageSamples>, Vec<Diagnostic>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = pages
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut diags = Vec::new();
                    let res = part
                        .iter()
                        .map(|page| parse_samples(page, &mut diags))
                        .collect();
                    (res, diags)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("sample parsing does not panic"))
            .collect()
    });
    let mut res = Vec::with_capacity(pages.len());
    for (part, diags) in parsed {
        res.extend(part);
        diagnostics.extend(diags);
    }
    res
}

/// Parses the sample bodies of a page; a body that is not JSON is kept as text and reported.
pub(crate) fn parse_samples(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> PageSamples {
    let mut res = PageSamples::default();
    for sample in &page.samples {
        let Some(text) = sample
            .body
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            continue;
        };
        let content_type = sample
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"));
        let binary = content_type.is_some_and(|(_, value)| is_binary_media(value));
        let body = match serde_json::from_str::<Value>(text) {
            Ok(value) => SampleBody::Json(value),
            Err(_) if binary => SampleBody::Bytes(text.to_string()),
            Err(err) => {
                let message = format!("sample body is not JSON ({err}); kept as a text example");
                diagnostics.push(Diagnostic::warning(
                    &page.file,
                    sample.body_line,
                    "sample-not-json",
                    message,
                ));
                SampleBody::Text(text.to_string())
            }
        };
        match sample.kind {
            SampleKind::Request if res.request.is_none() => res.request = Some(body),
            SampleKind::Request => {}
            SampleKind::Response => res.responses.push((sample.status, body)),
        }
    }
    res
}
