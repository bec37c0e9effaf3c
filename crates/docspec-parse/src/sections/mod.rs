//! Page assembly: finds the endpoint, cuts the blocks into sections by their headings, and
//! reads each section into the [`Page`] model.
//!
//! A page is: the `# METHOD path` heading and its ```` ```http ```` block, a preamble
//! (description, labelled notes, the `Path Part` table), then the known `##` sections
//! (`Query String Parameters`, `Request Headers`, `Request Body`, `Response`, samples). A `##`
//! heading that is not a known section is a labelled note while it sits in the preamble
//! (`## Online Restricted: ## ...`, `## Filter Operators: ##`), and an unknown section after.
//! Whatever has no place in the model is kept as a [`Note`] with a warning, never dropped.

mod bodies;
mod endpoint;
mod params;
mod preamble;
mod samples;

use std::path::Path;

use crate::blocks::{Block, Heading};
use crate::diagnostic::Reporter;
use crate::front_matter::FrontMatter;
use crate::markup::clean_markup;
use crate::table::{Row, Table};
use crate::{Note, Page, Response};
use bodies::{push_paragraph, read_request_body, read_response};
use endpoint::{Endpoint, find_endpoint};
use params::{read_headers_section, read_query_section};
use preamble::{note_from_heading, read_preamble};
use samples::read_samples;

/// Builds the page from its front matter and blocks; `None` when it holds no endpoint.
pub(crate) fn assemble_page(
    file: &Path,
    tag: &str,
    front_matter: FrontMatter,
    blocks: &[Block<'_>],
    reporter: &mut Reporter<'_>,
) -> Option<Page> {
    let endpoint = find_endpoint(blocks, reporter)?;
    if front_matter.uid.is_none() {
        reporter.warning(
            1,
            "missing-uid",
            "front matter has no `uid` (or `id`): no operationId",
        );
    }

    let mut page = Page {
        file: file.to_owned(),
        tag: tag.to_owned(),
        title: front_matter.title,
        uid: front_matter.uid,
        method: endpoint.method,
        path: endpoint.path.clone(),
        description: Vec::new(),
        notes: Vec::new(),
        path_params: Vec::new(),
        query_params: Vec::new(),
        headers: Vec::new(),
        request_body: None,
        response: Response::default(),
        samples: Vec::new(),
        query_examples: Vec::new(),
    };
    let mut seen_kinds = Vec::new();
    for section in split_sections(blocks, &endpoint) {
        if let Some(heading) = section.heading {
            let repeats = seen_kinds.contains(&section.kind) && section.kind.is_single();
            if repeats {
                let message = format!("section `{}` appears again", heading.text);
                reporter.warning(heading.line, "duplicate-section", message);
            }
            seen_kinds.push(section.kind);
        }
        read_section(&mut page, &section, reporter);
    }
    check_path_params(&page, reporter);
    if !seen_kinds.contains(&SectionKind::Response) {
        reporter.warning(
            endpoint.line,
            "missing-response",
            "page has no `## Response` section",
        );
    }
    Some(page)
}

/// Warns when the path's `{name}` templates and the `Path Part` rows do not name the same
/// parameters (order may differ).
fn check_path_params(page: &Page, reporter: &mut Reporter<'_>) {
    let templates = page
        .path
        .value
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split('}').next());
    for template in templates {
        if !page.path_params.iter().any(|param| param.name == template) {
            let message = format!("path template `{{{template}}}` has no `Path Part` row");
            reporter.warning(page.path.line, "path-param-mismatch", message);
        }
    }
    for param in &page.path_params {
        if !page.path.value.contains(&format!("{{{}}}", param.name)) {
            let message = format!("path parameter `{}` is not in the path", param.name);
            reporter.warning(param.line, "path-param-mismatch", message);
        }
    }
}

/// What a section heading announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SectionKind {
    /// Everything between the endpoint and the first known section.
    Preamble,
    QueryParams,
    RequestHeaders,
    RequestBody,
    Response,
    /// `Response body:` as its own heading level.
    ResponseBody,
    /// `## Sample request` (older pages put the response block here too).
    SampleRequest,
    SampleResponse,
    /// A heading after the preamble that is none of the above.
    Unknown,
}

impl SectionKind {
    /// Whether a page should have at most one section of this kind.
    fn is_single(self) -> bool {
        !matches!(self, Self::Unknown | Self::Preamble)
    }
}

/// A heading (absent for the preamble) and the blocks under it.
struct Section<'b, 'a> {
    kind: SectionKind,
    heading: Option<&'b Heading<'a>>,
    blocks: Vec<&'b Block<'a>>,
}

/// Reads what a section heading announces.
fn classify_heading(heading: &Heading<'_>) -> Option<SectionKind> {
    let text = heading
        .text
        .trim_end_matches('#')
        .trim()
        .to_ascii_lowercase();
    let kind = match text.as_str() {
        "query string parameters" => SectionKind::QueryParams,
        "request headers" => SectionKind::RequestHeaders,
        "sample request" | "sample requests" => SectionKind::SampleRequest,
        "sample response" | "sample responses" => SectionKind::SampleResponse,
        _ if text.starts_with("request body") => SectionKind::RequestBody,
        _ if text.starts_with("response body") => SectionKind::ResponseBody,
        _ if text == "response" || text.starts_with("response:") => SectionKind::Response,
        _ => return None,
    };
    Some(kind)
}

/// Cuts the blocks after the endpoint heading into sections. Known headings of any level
/// start a section, except `### Response body`, which belongs to the `Response` section.
fn split_sections<'b, 'a>(blocks: &'b [Block<'a>], endpoint: &Endpoint) -> Vec<Section<'b, 'a>> {
    let mut sections = vec![Section {
        kind: SectionKind::Preamble,
        heading: None,
        blocks: Vec::new(),
    }];
    for (idx, block) in blocks.iter().enumerate() {
        if Some(idx) == endpoint.heading_idx || Some(idx) == endpoint.fence_idx {
            continue;
        }
        let Block::Heading(heading) = block else {
            push_block(&mut sections, block);
            continue;
        };
        let in_preamble = sections.len() == 1;
        let starts_section = match classify_heading(heading) {
            Some(SectionKind::ResponseBody) => {
                let current = sections.last().map(|section| section.kind);
                let in_response = matches!(
                    current,
                    Some(SectionKind::Response | SectionKind::ResponseBody)
                );
                (!in_response).then_some(SectionKind::ResponseBody)
            }
            Some(kind) => Some(kind),
            // Before the first known section, other headings are labelled notes.
            None if in_preamble && heading.level >= 2 => None,
            None if heading.level <= 2 => Some(SectionKind::Unknown),
            None => None,
        };
        match starts_section {
            Some(kind) => sections.push(Section {
                kind,
                heading: Some(heading),
                blocks: Vec::new(),
            }),
            None => push_block(&mut sections, block),
        }
    }
    sections
}

fn push_block<'b, 'a>(sections: &mut [Section<'b, 'a>], block: &'b Block<'a>) {
    if let Some(section) = sections.last_mut() {
        section.blocks.push(block);
    }
}

/// Reads one section into the page.
fn read_section(page: &mut Page, section: &Section<'_, '_>, reporter: &mut Reporter<'_>) {
    match section.kind {
        SectionKind::Preamble => read_preamble(page, &section.blocks, reporter),
        SectionKind::QueryParams => read_query_section(page, section, reporter),
        SectionKind::RequestHeaders => read_headers_section(page, section, reporter),
        SectionKind::RequestBody => read_request_body(page, section, reporter),
        SectionKind::Response | SectionKind::ResponseBody => read_response(page, section, reporter),
        SectionKind::SampleRequest | SectionKind::SampleResponse => {
            read_samples(page, section, reporter)
        }
        SectionKind::Unknown => read_unknown_section(page, section, reporter),
    }
}

/// A section the parser does not know: kept whole as a note, with a warning.
fn read_unknown_section(page: &mut Page, section: &Section<'_, '_>, reporter: &mut Reporter<'_>) {
    let Some(heading) = section.heading else {
        return;
    };
    let message = format!("unknown section `{}` kept as a note", heading.text);
    reporter.warning(heading.line, "unknown-section", message);
    let mut note = note_from_heading(heading);
    for block in &section.blocks {
        push_paragraph(&mut note.text, &block_text(block));
    }
    page.notes.push(note);
}

/// The heading text of a section, as a note label for content kept from it.
fn section_label<'a>(section: &Section<'_, 'a>) -> &'a str {
    section
        .heading
        .map_or("Description", |heading| heading.text)
}

/// Keeps a block that has no place in the model as a note labelled with its section.
fn keep_stray(page: &mut Page, label: &str, block: &Block<'_>, reporter: &mut Reporter<'_>) {
    let (line, what) = match block {
        Block::Heading(heading) => (heading.line, "heading"),
        Block::Fence(fence) => (fence.line, "code block"),
        Block::Table(table) => (table.line, "table"),
        Block::Paragraph(paragraph) => (paragraph.line, "text"),
    };
    let message = format!("unexpected {what} in section `{label}` kept as a note");
    reporter.warning(line, "stray-content", message);
    let text = block_text(block);
    page.notes.push(Note {
        label: label.to_owned(),
        text,
        line,
    });
}

fn keep_stray_table(page: &mut Page, label: &str, table: &Table<'_>, reporter: &mut Reporter<'_>) {
    keep_stray(page, label, &Block::Table(table.clone()), reporter);
}

/// A block's content as cleaned markdown.
fn block_text(block: &Block<'_>) -> String {
    match block {
        Block::Heading(heading) => clean_markup(heading.text),
        Block::Fence(fence) => fence.to_markdown(),
        Block::Table(table) => clean_markup(&table.to_markdown()),
        Block::Paragraph(paragraph) => clean_markup(&paragraph.text()),
    }
}

/// The trimmed first cell, or `None` (with a warning) when a row has no name.
fn row_name(row: &Row<'_>, reporter: &mut Reporter<'_>) -> Option<String> {
    let name = cell(row, 0).trim();
    if name.is_empty() {
        reporter.warning(
            row.line,
            "table-row-without-name",
            "table row has an empty first cell",
        );
        return None;
    }
    Some(name.to_owned())
}

fn cell<'r>(row: &'r Row<'_>, idx: usize) -> &'r str {
    row.cells.get(idx).map_or("", |cell| cell)
}
