//! The endpoint: the method and path from the `# METHOD path` heading and the http block
//! under it (which is authoritative), cross-checked against each other.

use crate::blocks::{Block, Fence, Heading};
use crate::diagnostic::Reporter;
use crate::{HttpMethod, Spanned};

/// The endpoint a page describes, and which blocks said so.
pub(super) struct Endpoint {
    pub(super) method: HttpMethod,
    pub(super) path: Spanned<String>,
    /// The block index of the `# METHOD path` heading.
    pub(super) heading_idx: Option<usize>,
    /// The block index of the operation's ```` ```http ```` block.
    pub(super) fence_idx: Option<usize>,
    /// The line to report page-level problems at.
    pub(super) line: u32,
}

/// Finds the endpoint: the http block under the `#` heading is authoritative; the heading is
/// the fallback (and a cross-check).
pub(super) fn find_endpoint(blocks: &[Block<'_>], reporter: &mut Reporter<'_>) -> Option<Endpoint> {
    let heading_idx = blocks
        .iter()
        .position(|block| matches!(block, Block::Heading(h) if h.level == 1));
    let heading = heading_idx.and_then(|idx| match &blocks[idx] {
        Block::Heading(heading) => Some(heading),
        _ => None,
    });
    let from_heading = heading.and_then(|heading| method_and_path(heading.text));

    // The operation block sits between the `#` heading and the first `##`; a later http block
    // is a query example or a sample.
    let search_from = heading_idx.map_or(0, |idx| idx + 1);
    let fence_idx = blocks[search_from..]
        .iter()
        .take_while(|block| !matches!(block, Block::Heading(h) if h.level >= 2))
        .position(
            |block| matches!(block, Block::Fence(fence) if fence.info.eq_ignore_ascii_case("http")),
        )
        .map(|offset| search_from + offset);
    let fence = fence_idx.and_then(|idx| match &blocks[idx] {
        Block::Fence(fence) => Some(fence),
        _ => None,
    });
    let from_fence = fence.and_then(|fence| fence_request_line(fence));

    match (from_fence, from_heading) {
        (Some((method, path, line)), heading_endpoint) => {
            if let (Some((heading_method, heading_path)), Some(heading)) =
                (heading_endpoint, heading)
            {
                cross_check(
                    heading,
                    heading_method,
                    heading_path,
                    method,
                    &path,
                    reporter,
                );
            }
            let path = Spanned { value: path, line };
            Some(Endpoint {
                method,
                path,
                heading_idx,
                fence_idx,
                line,
            })
        }
        (None, Some((method, heading_path))) => {
            let line = heading.map_or(1, |heading| heading.line);
            let message = "no ```http block under the heading; using the heading's method and path";
            reporter.warning(
                fence.map_or(line, |fence| fence.line),
                "missing-http-block",
                message,
            );
            let path = format!("/{}", strip_query(heading_path).trim_start_matches('/'));
            let path = Spanned { value: path, line };
            Some(Endpoint {
                method,
                path,
                heading_idx,
                fence_idx: None,
                line,
            })
        }
        (None, None) => {
            let line = heading.map_or(1, |heading| heading.line);
            reporter.error(
                line,
                "no-endpoint",
                "page has no `# METHOD path` heading or http block",
            );
            None
        }
    }
}

/// `POST Agents/Ticket/X` gives the method and path; `DEL` is read as DELETE.
pub(super) fn method_and_path(text: &str) -> Option<(HttpMethod, &str)> {
    let mut words = text.split_whitespace();
    let method = HttpMethod::parse(words.next()?)?;
    let path = words.next()?;
    Some((method, path))
}

/// The request line of the operation block, without its query string.
pub(super) fn fence_request_line(fence: &Fence<'_>) -> Option<(HttpMethod, String, u32)> {
    let idx = fence
        .lines
        .iter()
        .position(|line| !line.trim().is_empty())?;
    let (method, path) = method_and_path(fence.lines[idx])?;
    Some((
        method,
        strip_query(path).to_owned(),
        fence.line + 1 + idx as u32,
    ))
}

pub(super) fn strip_query(path: &str) -> &str {
    path.split(['?', '#']).next().unwrap_or(path)
}

/// Warns when the heading and the http block disagree. Template names may differ (the
/// heading often says `{id}` where the block says `{contactId}`); the block wins.
pub(super) fn cross_check(
    heading: &Heading<'_>,
    heading_method: HttpMethod,
    heading_path: &str,
    method: HttpMethod,
    path: &str,
    reporter: &mut Reporter<'_>,
) {
    if heading_method != method {
        let message = format!(
            "heading says {} but the http block says {}",
            heading_method.as_str(),
            method.as_str()
        );
        reporter.warning(heading.line, "method-mismatch", message);
    }
    let heading_shape = template_shape(strip_query(heading_path).trim_start_matches('/'));
    let block_shape = template_shape(path);
    if !block_shape
        .to_ascii_lowercase()
        .ends_with(&heading_shape.to_ascii_lowercase())
    {
        let message = format!("heading path `{heading_path}` does not match http block `{path}`");
        reporter.warning(heading.line, "path-mismatch", message);
    }
}

/// The path with every `{name}` replaced by `{}`, to compare paths whose template names differ.
pub(super) fn template_shape(path: &str) -> String {
    let mut res = String::with_capacity(path.len());
    let mut in_template = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_template = true;
                res.push_str("{}");
            }
            '}' => in_template = false,
            _ if !in_template => res.push(c),
            _ => {}
        }
    }
    res
}
