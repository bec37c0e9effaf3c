//! Body sections: `## Request Body: NAME [TYPE]` and `## Response[:type]` with its status
//! table and `Response body:` part.

use super::{Section, SectionKind, cell, classify_heading, keep_stray, row_name, section_label};
use crate::blocks::{Block, Heading, Paragraph};
use crate::diagnostic::Reporter;
use crate::markup::clean_markup;
use crate::table::Table;
use crate::{Body, Page, Property, Response, StatusRow};

/// `## Request Body: NAME [TYPE]`, its description and its optional property table.
pub(super) fn read_request_body(
    page: &mut Page,
    section: &Section<'_, '_>,
    reporter: &mut Reporter<'_>,
) {
    let Some(heading) = section.heading else {
        return;
    };
    let mut body = body_from_heading(heading, "request body", reporter);
    let blocks = section.blocks.iter().copied();
    read_body_content(page, &mut body, section_label(section), blocks, reporter);
    page.request_body = Some(body);
}

/// Reads `<label>: NAME [TYPE]` into an empty body.
pub(super) fn body_from_heading(
    heading: &Heading<'_>,
    label: &str,
    reporter: &mut Reporter<'_>,
) -> Body {
    body_from_label_line(
        heading.text.trim_end_matches('#'),
        label,
        heading.line,
        reporter,
    )
}

pub(super) fn body_from_label_line(
    text: &str,
    label: &str,
    line: u32,
    reporter: &mut Reporter<'_>,
) -> Body {
    let text = text.trim();
    let after_label = text.get(label.len()..).unwrap_or_default();
    let after_label = after_label.trim_start().trim_start_matches(':');
    let mut words = after_label.split_whitespace();
    let name = words.next().unwrap_or_default().to_owned();
    let type_word = words.next().map(str::to_owned);
    let extra: Vec<&str> = words.collect();
    if !extra.is_empty() {
        let message = format!(
            "`{text}` has more words than a name and a type: {}",
            extra.join(" ")
        );
        reporter.warning(line, "body-heading-extra-words", message);
    }
    Body {
        name,
        type_word,
        description: String::new(),
        properties: None,
        line,
    }
}

/// Fills a body from the blocks under its heading: text before the table is its description,
/// the first table its properties; anything after that is kept as a note.
pub(super) fn read_body_content<'b, 'a: 'b>(
    page: &mut Page,
    body: &mut Body,
    label: &str,
    blocks: impl IntoIterator<Item = &'b Block<'a>>,
    reporter: &mut Reporter<'_>,
) {
    for block in blocks {
        match block {
            Block::Paragraph(paragraph) if body.properties.is_none() => {
                push_paragraph(&mut body.description, &clean_markup(&paragraph.text()));
            }
            Block::Fence(fence) if body.properties.is_none() => {
                push_paragraph(&mut body.description, &fence.to_markdown());
            }
            Block::Table(table) if body.properties.is_none() => {
                body.properties = Some(read_properties(table, reporter));
            }
            _ => keep_stray(page, label, block, reporter),
        }
    }
}

pub(super) fn push_paragraph(acc: &mut String, paragraph: &str) {
    if paragraph.is_empty() {
        return;
    }
    if !acc.is_empty() {
        acc.push_str("\n\n");
    }
    acc.push_str(paragraph);
}

pub(super) fn read_properties(table: &Table<'_>, reporter: &mut Reporter<'_>) -> Vec<Property> {
    let type_col = table.column("Type").unwrap_or(1);
    let description_col = table.column("Description").unwrap_or(2);
    let mut res = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let Some(name) = row_name(row, reporter) else {
            continue;
        };
        res.push(Property {
            name,
            type_text: cell(row, type_col).trim().to_owned(),
            description: clean_markup(cell(row, description_col)),
            line: row.line,
        });
    }
    res
}

/// `## Response[:type]`: description, status table, then the `Response body:` part (a `###`
/// heading or a plain paragraph) with its own description and table.
pub(super) fn read_response(
    page: &mut Page,
    section: &Section<'_, '_>,
    reporter: &mut Reporter<'_>,
) {
    let mut body = None;
    if let Some(heading) = section.heading {
        match classify_heading(heading) {
            Some(SectionKind::ResponseBody) => {
                body = Some(body_from_heading(heading, "response body", reporter));
            }
            _ => start_response(&mut page.response, heading),
        }
    }
    // The blocks of the body, read once the status part is done.
    let mut body_blocks: Vec<&Block<'_>> = Vec::new();
    for block in &section.blocks {
        if body.is_some() {
            body_blocks.push(block);
            continue;
        }
        match block {
            Block::Heading(heading)
                if classify_heading(heading) == Some(SectionKind::ResponseBody) =>
            {
                body = Some(body_from_heading(heading, "response body", reporter));
            }
            Block::Paragraph(paragraph) if is_response_body_line(paragraph) => {
                let first = paragraph.lines.first().copied().unwrap_or_default();
                body = Some(body_from_label_line(
                    first,
                    "response body",
                    paragraph.line,
                    reporter,
                ));
                if paragraph.lines.len() > 1 {
                    // The lines after `Response body: X` describe the body.
                    body_blocks.push(block);
                }
            }
            Block::Paragraph(paragraph) => {
                push_paragraph(
                    &mut page.response.description,
                    &clean_markup(&paragraph.text()),
                );
            }
            Block::Table(table) if page.response.statuses.is_empty() && is_status_table(table) => {
                read_statuses(&mut page.response.statuses, table, reporter);
            }
            _ => keep_stray(page, "Response", block, reporter),
        }
    }
    if let Some(mut body) = body {
        let body_blocks = strip_body_label_line(&body_blocks);
        let blocks = body_blocks.iter().map(|block| &**block);
        read_body_content(page, &mut body, "Response body", blocks, reporter);
        if page.response.body.is_some() {
            reporter.warning(
                body.line,
                "duplicate-section",
                "a second `Response body` part",
            );
        }
        page.response.body = Some(body);
    }
}

pub(super) fn start_response(response: &mut Response, heading: &Heading<'_>) {
    let text = heading.text.trim_end_matches('#').trim();
    let after = text
        .get("response".len()..)
        .unwrap_or_default()
        .trim_start();
    let type_word = after.trim_start_matches(':').trim();
    response.type_word = (!type_word.is_empty()).then(|| type_word.to_owned());
    response.line = heading.line;
}

pub(super) fn is_response_body_line(paragraph: &Paragraph<'_>) -> bool {
    let first = paragraph.lines.first().map_or("", |line| line.trim_start());
    first
        .get(.."response body".len())
        .is_some_and(|start| start.eq_ignore_ascii_case("response body"))
}

/// When the body came from a `Response body: X` paragraph with more lines, the paragraph
/// is in the body's blocks; its first line is the label, the rest description.
pub(super) fn strip_body_label_line<'b, 'a>(blocks: &[&'b Block<'a>]) -> Vec<BlockRef<'b, 'a>> {
    blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(paragraph) if is_response_body_line(paragraph) => {
                let lines = paragraph.lines[1..].to_vec();
                BlockRef::Owned(Block::Paragraph(Paragraph {
                    lines,
                    line: paragraph.line + 1,
                }))
            }
            _ => BlockRef::Borrowed(block),
        })
        .collect()
}

/// A block that is either on the page or rebuilt from part of one.
pub(super) enum BlockRef<'b, 'a> {
    Borrowed(&'b Block<'a>),
    Owned(Block<'a>),
}

impl<'a> std::ops::Deref for BlockRef<'_, 'a> {
    type Target = Block<'a>;

    fn deref(&self) -> &Block<'a> {
        match self {
            BlockRef::Borrowed(block) => block,
            BlockRef::Owned(block) => block,
        }
    }
}

/// A status table has a `Response` header, or no header at all (older pages).
pub(super) fn is_status_table(table: &Table<'_>) -> bool {
    matches!(
        table.first_header().as_str(),
        "" | "response" | "status" | "status code" | "code"
    )
}

pub(super) fn read_statuses(
    acc: &mut Vec<StatusRow>,
    table: &Table<'_>,
    reporter: &mut Reporter<'_>,
) {
    for row in &table.rows {
        let code_text = cell(row, 0).trim();
        let Ok(code) = code_text.parse::<u16>() else {
            let message = format!("status code `{code_text}` is not a number");
            reporter.warning(row.line, "status-code-unparseable", message);
            continue;
        };
        let description = clean_markup(cell(row, 1));
        acc.push(StatusRow {
            code,
            description,
            line: row.line,
        });
    }
}
