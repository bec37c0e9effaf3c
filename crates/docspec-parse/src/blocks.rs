//! Block scanner: cuts the page body into headings, fenced code blocks, pipe tables and
//! paragraphs, each with the 1-based line it starts on.
//!
//! This is a careful line-based scanner rather than pulldown-cmark. The generator's output is
//! line-oriented and not quite CommonMark: `## Online Restricted: ## text` must keep its inner
//! `##`, table rows sometimes continue on the next line, and old status tables start with a
//! separator row (which CommonMark does not read as a table at all). Working on lines keeps
//! every cell and line number exactly as written, and is faster than building events we would
//! have to reassemble.

use std::borrow::Cow;

use crate::diagnostic::Reporter;
use crate::table::{Table, parse_table};

/// One block of the page body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block<'a> {
    /// An ATX heading (`## Response:`).
    Heading(Heading<'a>),
    /// A fenced code block.
    Fence(Fence<'a>),
    /// A pipe table.
    Table(Table<'a>),
    /// Consecutive non-blank lines of text.
    Paragraph(Paragraph<'a>),
}

/// An ATX heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading<'a> {
    /// Number of `#`.
    pub(crate) level: usize,
    /// The text after the opening `#`s, trimmed; inner and closing `#`s are kept.
    pub(crate) text: &'a str,
    /// Where it is.
    pub(crate) line: u32,
}

/// A fenced code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fence<'a> {
    /// The info string (`http!`, `js`), trimmed.
    pub(crate) info: &'a str,
    /// The lines between the fences.
    pub(crate) lines: Vec<&'a str>,
    /// The line of the opening fence; the content starts on the next line.
    pub(crate) line: u32,
}

/// A paragraph of text lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Paragraph<'a> {
    /// The lines, with trailing whitespace removed.
    pub(crate) lines: Vec<&'a str>,
    /// Where the first line is.
    pub(crate) line: u32,
}

impl Fence<'_> {
    /// The code block as markdown, to keep it inside a description or note.
    pub(crate) fn to_markdown(&self) -> String {
        let first = self.lines.iter().position(|line| !line.trim().is_empty());
        let last = self.lines.iter().rposition(|line| !line.trim().is_empty());
        let content = match (first, last) {
            (Some(first), Some(last)) => self.lines[first..=last].join("\n"),
            _ => String::new(),
        };
        format!("```{}\n{content}\n```", self.info)
    }
}

impl Paragraph<'_> {
    /// The paragraph's lines joined with newlines.
    pub(crate) fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// Scans `lines`, the first of which is line `first_line` of the file, into blocks.
pub(crate) fn scan_blocks<'a>(
    lines: &[&'a str],
    first_line: u32,
    reporter: &mut Reporter<'_>,
) -> Vec<Block<'a>> {
    let mut blocks = Vec::new();
    let mut idx = 0;
    while idx < lines.len() {
        let line_no = first_line + idx as u32;
        let text = lines[idx];
        if text.trim().is_empty() {
            idx += 1;
        } else if let Some(heading) = heading(text, line_no) {
            blocks.push(Block::Heading(heading));
            idx += 1;
        } else if let Some(marker) = fence_marker(text) {
            let (fence, next_idx) = scan_fence(lines, idx, first_line, marker, reporter);
            blocks.push(Block::Fence(fence));
            idx = next_idx;
        } else if is_table_line(text) {
            let (table_lines, next_idx) = gather_table_lines(lines, idx, first_line);
            blocks.push(Block::Table(parse_table(&table_lines, reporter)));
            idx = next_idx;
        } else {
            let start = idx;
            while idx < lines.len() && starts_paragraph_line(lines[idx]) {
                idx += 1;
            }
            let para_lines = lines[start..idx]
                .iter()
                .map(|line| line.trim_end())
                .collect();
            blocks.push(Block::Paragraph(Paragraph {
                lines: para_lines,
                line: line_no,
            }));
        }
    }
    blocks
}

/// Reads an ATX heading: up to three spaces, 1-6 `#`, then a space or the end of the line.
fn heading(text: &str, line: u32) -> Option<Heading<'_>> {
    let trimmed = text.trim_start();
    if text.len() - trimmed.len() > 3 {
        return None;
    }
    let level = trimmed.bytes().take_while(|b| *b == b'#').count();
    let rest = &trimmed[level..];
    let is_heading = (1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t']));
    is_heading.then(|| Heading {
        level,
        text: rest.trim(),
        line,
    })
}

/// The opening fence run (```` ``` ```` or `~~~`) of a fence line.
fn fence_marker(text: &str) -> Option<&str> {
    let trimmed = text.trim_start();
    if text.len() - trimmed.len() > 3 {
        return None;
    }
    let fence_char = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run_len = trimmed
        .bytes()
        .take_while(|b| *b == fence_char as u8)
        .count();
    (run_len >= 3).then(|| &trimmed[..run_len])
}

/// Scans a fenced block starting at `start`; returns it and the index after its closing fence.
fn scan_fence<'a>(
    lines: &[&'a str],
    start: usize,
    first_line: u32,
    marker: &str,
    reporter: &mut Reporter<'_>,
) -> (Fence<'a>, usize) {
    let open = lines[start].trim_start();
    let info = open[marker.len()..].trim();
    let line = first_line + start as u32;
    let is_closing = |text: &str| {
        let trimmed = text.trim();
        trimmed.starts_with(marker) && trimmed.bytes().all(|b| b == marker.as_bytes()[0])
    };
    let close_idx = lines[start + 1..].iter().position(|text| is_closing(text));
    let end = match close_idx {
        Some(offset) => start + 1 + offset,
        None => {
            reporter.warning(line, "unclosed-code-block", "code block is never closed");
            lines.len()
        }
    };
    let fence = Fence {
        info,
        lines: lines[start + 1..end].to_vec(),
        line,
    };
    (fence, (end + 1).min(lines.len()).max(start + 1))
}

fn is_table_line(text: &str) -> bool {
    text.trim_start().starts_with('|')
}

/// Whether a line continues the current paragraph (it does not start another block).
fn starts_paragraph_line(text: &str) -> bool {
    !text.trim().is_empty()
        && heading(text, 0).is_none()
        && fence_marker(text).is_none()
        && !is_table_line(text)
}

/// Gathers the lines of a table. A row that does not end in a pipe continues on following
/// plain-text lines (the generator breaks lines inside cells); those are joined to the row.
fn gather_table_lines<'a>(
    lines: &[&'a str],
    start: usize,
    first_line: u32,
) -> (Vec<(u32, Cow<'a, str>)>, usize) {
    let mut res: Vec<(u32, Cow<'a, str>)> = Vec::new();
    let mut idx = start;
    while idx < lines.len() {
        let text = lines[idx];
        if is_table_line(text) {
            res.push((first_line + idx as u32, Cow::Borrowed(text.trim_end())));
        } else {
            let continues_row = res.last().is_some_and(|(_, row)| !row.ends_with('|'))
                && starts_paragraph_line(text);
            let Some((_, row)) = res.last_mut().filter(|_| continues_row) else {
                break;
            };
            let row = row.to_mut();
            row.push('\n');
            row.push_str(text.trim_end());
        }
        idx += 1;
    }
    (res, idx)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Block, scan_blocks};
    use crate::diagnostic::Reporter;

    fn scan(text: &str) -> Vec<Block<'_>> {
        let lines: Vec<&str> = text.lines().collect();
        let mut diagnostics = Vec::new();
        scan_blocks(
            &lines,
            1,
            &mut Reporter::new(Path::new("t.md"), &mut diagnostics),
        )
    }

    #[test]
    fn headings_keep_inner_hashes() {
        let blocks = scan("## Online Restricted: ## Not for guests.\n#NoSpace\n");
        let Block::Heading(heading) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(
            (heading.level, heading.text),
            (2, "Online Restricted: ## Not for guests.")
        );
        assert!(matches!(&blocks[1], Block::Paragraph(_)));
    }

    #[test]
    fn table_row_continues_on_next_line() {
        let blocks = scan("| a | b |\n|---|---|\n| x | first\nsecond |\n| y | z |\n");
        let Block::Table(table) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cells[1], "first\nsecond");
        assert_eq!(table.rows[1].line, 5);
    }

    #[test]
    fn unclosed_fence_runs_to_end() {
        let blocks = scan("```http\nGET /x\n");
        let Block::Fence(fence) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(fence.lines, ["GET /x"]);
    }
}
