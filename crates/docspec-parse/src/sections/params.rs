//! Parameter sections: `## Query String Parameters` (with its example-URL http block),
//! `Path Part` tables and `## Request Headers`.

use super::endpoint::method_and_path;
use super::{Section, cell, keep_stray, row_name, section_label};
use crate::blocks::{Block, Fence};
use crate::diagnostic::Reporter;
use crate::markup::clean_markup;
use crate::table::Table;
use crate::{HeaderRow, Page, Parameter, Spanned};

/// `## Query String Parameters`: the parameter table and the example-URL http block.
pub(super) fn read_query_section(
    page: &mut Page,
    section: &Section<'_, '_>,
    reporter: &mut Reporter<'_>,
) {
    for block in &section.blocks {
        match block {
            Block::Table(table) if table.first_header() == "path part" => {
                read_params(&mut page.path_params, table, true, reporter)
            }
            Block::Table(table) => read_params(&mut page.query_params, table, false, reporter),
            Block::Fence(fence) if fence.info.to_ascii_lowercase().starts_with("http") => {
                read_query_examples(page, fence)
            }
            _ => keep_stray(page, section_label(section), block, reporter),
        }
    }
}

/// An http block of bare request lines (`GET /api/v1/Pier?$top=5`) shows example URLs, even
/// when it is not under the query parameter heading.
pub(super) fn is_request_lines(fence: &Fence<'_>) -> bool {
    let mut lines = fence
        .lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .peekable();
    fence.info.eq_ignore_ascii_case("http")
        && lines.peek().is_some()
        && lines.all(|line| method_and_path(line).is_some())
}

pub(super) fn read_query_examples(page: &mut Page, fence: &Fence<'_>) {
    for (idx, line) in fence.lines.iter().enumerate() {
        if !line.trim().is_empty() {
            let line_no = fence.line + 1 + idx as u32;
            page.query_examples.push(Spanned {
                value: line.trim().to_owned(),
                line: line_no,
            });
        }
    }
}

/// Reads parameter rows; path parameters are required whether or not they say so.
pub(super) fn read_params(
    acc: &mut Vec<Parameter>,
    table: &Table<'_>,
    always_required: bool,
    reporter: &mut Reporter<'_>,
) {
    let type_col = table.column("Type").unwrap_or(1);
    let description_col = table.column("Description").unwrap_or(2);
    for row in &table.rows {
        let Some(name) = row_name(row, reporter) else {
            continue;
        };
        let (type_text, enum_values) = read_type_cell(cell(row, type_col));
        let (description, marked_required) = take_required_marker(cell(row, description_col));
        acc.push(Parameter {
            name,
            type_text,
            enum_values,
            required: always_required || marked_required,
            description: clean_markup(&description),
            line: row.line,
        });
    }
}

/// `Enum: A, B, C` gives `string` and the values; any other cell is kept as written.
pub(super) fn read_type_cell(text: &str) -> (String, Vec<String>) {
    let text = text.trim();
    match text.strip_prefix("Enum:") {
        Some(values) => {
            let values = values
                .split(',')
                .map(str::trim)
                .filter(|value| !value.is_empty());
            ("string".to_owned(), values.map(str::to_owned).collect())
        }
        None => (text.to_owned(), Vec::new()),
    }
}

/// Removes every `**Required**` marker and says whether there was one.
pub(super) fn take_required_marker(description: &str) -> (String, bool) {
    const MARKER: &str = "**Required**";
    if !description.contains(MARKER) {
        return (description.to_owned(), false);
    }
    (description.replace(MARKER, " "), true)
}

/// `## Request Headers`: rows kept as name and description.
pub(super) fn read_headers_section(
    page: &mut Page,
    section: &Section<'_, '_>,
    reporter: &mut Reporter<'_>,
) {
    for block in &section.blocks {
        let Block::Table(table) = block else {
            keep_stray(page, section_label(section), block, reporter);
            continue;
        };
        let description_col = table.column("Description").unwrap_or(1);
        for row in &table.rows {
            let Some(name) = row_name(row, reporter) else {
                continue;
            };
            let description = clean_markup(cell(row, description_col));
            page.headers.push(HeaderRow {
                name,
                description,
                line: row.line,
            });
        }
    }
}
