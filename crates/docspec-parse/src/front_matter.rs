//! Front matter: the `---`-fenced `key: value` block at the top of a page.
//!
//! Only `title` and `uid` (older pages: `id`) matter; other keys (`generated`,
//! `content_type`) are ignored.

use crate::Spanned;
use crate::diagnostic::Reporter;

/// What the front matter says, and where the page body starts.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    /// `title:`.
    pub(crate) title: Option<String>,
    /// `uid:` or `id:`.
    pub(crate) uid: Option<Spanned<String>>,
    /// Index (0-based) into the page's lines of the first body line.
    pub(crate) body_start: usize,
}

/// Reads the front matter at the top of `lines`. A page without front matter has its body
/// start at the first line; an unclosed block ends at the first line that is not `key: value`.
pub(crate) fn read_front_matter(lines: &[&str], reporter: &mut Reporter<'_>) -> FrontMatter {
    let mut res = FrontMatter::default();
    let opens = lines
        .first()
        .is_some_and(|line| line.trim_start_matches('\u{feff}').trim() == "---");
    if !opens {
        return res;
    }
    let mut idx = 1;
    while idx < lines.len() {
        let line = lines[idx];
        let line_no = idx as u32 + 1;
        if line.trim() == "---" {
            res.body_start = idx + 1;
            return res;
        }
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        record_key(
            &mut res,
            key.trim(),
            unquote(value.trim()),
            line_no,
            reporter,
        );
        idx += 1;
    }
    reporter.warning(
        1,
        "front-matter-unclosed",
        "front matter has no closing `---`",
    );
    res.body_start = idx;
    res
}

fn record_key(
    res: &mut FrontMatter,
    key: &str,
    value: &str,
    line: u32,
    reporter: &mut Reporter<'_>,
) {
    match key {
        "title" => res.title = Some(value.to_owned()),
        "uid" | "id" => {
            if let Some(previous) = &res.uid {
                let message = format!(
                    "`{key}` repeats the operation id given on line {}",
                    previous.line
                );
                reporter.warning(line, "front-matter-duplicate-id", message);
            }
            res.uid = Some(Spanned {
                value: value.to_owned(),
                line,
            });
        }
        // Other generations add keys such as `generated` and `content_type`; none of them
        // says anything about the endpoint.
        _ => {}
    }
}

/// Strips one pair of matching YAML quotes.
fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}
