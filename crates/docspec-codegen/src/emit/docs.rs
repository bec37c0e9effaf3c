//! Turns descriptions from the document into doc comments that rustdoc and clippy accept.
//!
//! Descriptions are markdown written for web pages. In a doc comment, `[x]` becomes an
//! intra-doc link, `<b>` an HTML tag, a bare URL a `rustdoc::bare_urls` warning, and a code
//! block a doctest. So: brackets and angle brackets are escaped, URLs are wrapped in `<>`,
//! code blocks become `text` blocks, indentation is dropped (an indented line would be a Rust
//! code block), and list continuations are indented the way clippy expects.

/// Cleans `text` into doc comment lines (without the leading space).
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut in_fence = false;
    let mut list_indent: Option<usize> = None;
    for raw in text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ")
        .lines()
    {
        let trimmed = raw.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            lines.push(if in_fence {
                "```".to_owned()
            } else {
                "```text".to_owned()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            lines.push(raw.trim_end().to_owned());
            continue;
        }
        if trimmed.is_empty() {
            list_indent = None;
            if lines.last().is_some_and(|last| !last.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        let escaped = escape_line(trimmed);
        match (list_marker_width(trimmed), list_indent) {
            (Some(width), _) => {
                list_indent = Some(width);
                lines.push(escaped);
            }
            (None, Some(width)) => lines.push(format!("{}{escaped}", " ".repeat(width))),
            (None, None) => lines.push(escaped),
        }
    }
    if in_fence {
        lines.push("```".to_owned());
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// The width of a list marker (`- `, `* `, `1. `) at the start of `line`.
fn list_marker_width(line: &str) -> Option<usize> {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return Some(2);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// Escapes markdown that rustdoc would misread, outside inline code, and wraps URLs.
fn escape_line(line: &str) -> String {
    let mut acc = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if !in_code && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let end = rest.find(|c: char| c.is_whitespace() || "<>\"'`()[]{}|\\^".contains(c));
            let url = &rest[..end.unwrap_or(rest.len())];
            let url = url.trim_end_matches(['.', ',', ';', ':', '!', '?']);
            acc.push('<');
            acc.push_str(url);
            acc.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        match c {
            '`' => in_code = !in_code,
            '[' | ']' | '<' | '>' if !in_code => acc.push('\\'),
            _ => {}
        }
        acc.push(c);
        rest = &rest[c.len_utf8()..];
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::doc_lines;

    #[test]
    fn escapes_what_rustdoc_misreads() {
        let text = "See [docs](https://example.com/a?b=c). Use <b>bold</b> and `a[0]`.\n\n\
                    ```json\n{\"a\": [1]}\n```\n    indented\n- item\ncontinued";
        assert_eq!(
            doc_lines(text),
            [
                "See \\[docs\\](<https://example.com/a?b=c>). Use \\<b\\>bold\\</b\\> and `a[0]`.",
                "",
                "```text",
                "{\"a\": [1]}",
                "```",
                "indented",
                "- item",
                "  continued",
            ]
        );
    }

    #[test]
    fn closes_open_fences_and_drops_trailing_blank_lines() {
        assert_eq!(
            doc_lines("a\n```\ncode\n\n"),
            ["a", "```text", "code", "", "```"]
        );
    }
}
