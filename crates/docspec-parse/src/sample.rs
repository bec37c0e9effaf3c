//! Sample HTTP exchanges: the ```` ```http! ```` / ```` ```http_ ```` code blocks under the
//! `## Sample request` / `## Sample response` headings.
//!
//! A block holds a start line (`POST /api/v1/...` or `HTTP/1.1 200 OK`), header lines, a blank
//! line and the body. Whether it is a request or a response is read from the start line, not
//! from the heading above it, because older pages put both in one `## Sample Request` section.

use crate::blocks::Fence;
use crate::diagnostic::Reporter;
use crate::{HttpMethod, Sample, SampleKind};

/// Reads one sample block. Returns `None` (with a warning) for a block with no start line.
pub(crate) fn parse_sample(fence: &Fence<'_>, reporter: &mut Reporter<'_>) -> Option<Sample> {
    let content_line = |idx: usize| fence.line + 1 + idx as u32;
    let Some(start_idx) = fence.lines.iter().position(|line| !line.trim().is_empty()) else {
        reporter.warning(fence.line, "sample-empty", "sample code block is empty");
        return None;
    };
    let start_line = fence.lines[start_idx].trim();
    let (kind, status) = read_start_line(start_line, content_line(start_idx), reporter);

    let mut headers = Vec::new();
    let mut idx = start_idx + 1;
    while idx < fence.lines.len() && !fence.lines[idx].trim().is_empty() {
        let line = fence.lines[idx];
        match line.split_once(':') {
            Some((name, value)) if is_header_name(name) => {
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
            }
            // A body that follows the headers without a blank line: take it as the body.
            _ if looks_like_body_start(line) => break,
            _ => {
                let message = format!(
                    "sample header line `{}` has no `Name: value` form",
                    line.trim()
                );
                reporter.warning(content_line(idx), "sample-header-malformed", message);
            }
        }
        idx += 1;
    }

    let mut body_idx = (idx..fence.lines.len()).find(|idx| !fence.lines[*idx].trim().is_empty());
    let body_end = fence.lines.iter().rposition(|line| !line.trim().is_empty());
    // A block that holds a second exchange: the model has one per block, so say what is left
    // out rather than read the second start line as a body.
    if let Some(second) = body_idx.filter(|&idx| is_start_line(fence.lines[idx])) {
        let message = format!(
            "sample block holds a second exchange (`{}`); only the first is read",
            fence.lines[second].trim()
        );
        reporter.warning(content_line(second), "sample-second-exchange", message);
        body_idx = None;
    }
    let (body, body_line) = match (body_idx, body_end) {
        (Some(first), Some(last)) if first <= last => (
            Some(fence.lines[first..=last].join("\n")),
            content_line(first),
        ),
        _ => (None, 0),
    };
    Some(Sample {
        kind,
        status,
        start_line: start_line.to_owned(),
        headers,
        body,
        line: fence.line,
        body_line,
    })
}

/// Reads `HTTP/1.1 200 OK` (a response, with its status) or `METHOD /path` (a request).
fn read_start_line(
    start_line: &str,
    line: u32,
    reporter: &mut Reporter<'_>,
) -> (SampleKind, Option<u16>) {
    if !start_line.starts_with("HTTP/") {
        let mut words = start_line.split_whitespace();
        let method = words.next().and_then(HttpMethod::parse);
        let is_request_line =
            method.is_some() && words.next().is_some_and(|path| path.starts_with('/'));
        if !is_request_line {
            let message =
                format!("sample starts with `{start_line}`, not a request or status line");
            reporter.warning(line, "sample-start-line-malformed", message);
        }
        return (SampleKind::Request, None);
    }
    let code_word = start_line.split_whitespace().nth(1).unwrap_or_default();
    let status = code_word.parse().ok();
    if status.is_none() {
        let message = format!("response sample status `{code_word}` is not a number");
        reporter.warning(line, "sample-status-unparseable", message);
    }
    (SampleKind::Response, status)
}

/// A request line (`GET /path`) or a status line (`HTTP/1.1 200 OK`).
fn is_start_line(line: &str) -> bool {
    let line = line.trim();
    let mut words = line.split_whitespace();
    let is_request = words.next().and_then(HttpMethod::parse).is_some()
        && words.next().is_some_and(|path| path.starts_with('/'));
    is_request || line.starts_with("HTTP/")
}

/// HTTP header names are tokens: no spaces, nothing that starts JSON or XML.
fn is_header_name(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

fn looks_like_body_start(line: &str) -> bool {
    line.trim_start().starts_with(['{', '[', '<', '"'])
}
