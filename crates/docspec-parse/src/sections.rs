//! Page assembly: finds the endpoint, cuts the blocks into sections by their headings, and
//! reads each section into the [`Page`] model.
//!
//! A page is: the `# METHOD path` heading and its ```` ```http ```` block, a preamble
//! (description, labelled notes, the `Path Part` table), then the known `##` sections
//! (`Query String Parameters`, `Request Headers`, `Request Body`, `Response`, samples). A `##`
//! heading that is not a known section is a labelled note while it sits in the preamble
//! (`## Online Restricted: ## ...`, `## Filter Operators: ##`), and an unknown section after.
//! Whatever has no place in the model is kept as a [`Note`] with a warning, never dropped.

use std::path::Path;

use crate::blocks::{Block, Fence, Heading, Paragraph};
use crate::diagnostic::Reporter;
use crate::front_matter::FrontMatter;
use crate::markup::clean_markup;
use crate::sample::parse_sample;
use crate::table::{Row, Table};
use crate::{
    Body, HeaderRow, HttpMethod, Note, Page, Parameter, Property, Response, SampleKind, Spanned,
    StatusRow,
};

/// Lines inside the description that carry a label of their own and become notes
/// (`NsApiSlow threshold: 2000 ms.`).
const LABELLED_LINE_PREFIXES: &[&str] = &["NsApiSlow"];

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
    if !seen_kinds.contains(&SectionKind::Response) {
        reporter.warning(
            endpoint.line,
            "missing-response",
            "page has no `## Response` section",
        );
    }
    Some(page)
}

/// The endpoint a page describes, and which blocks said so.
struct Endpoint {
    method: HttpMethod,
    path: Spanned<String>,
    /// The block index of the `# METHOD path` heading.
    heading_idx: Option<usize>,
    /// The block index of the operation's ```` ```http ```` block.
    fence_idx: Option<usize>,
    /// The line to report page-level problems at.
    line: u32,
}

/// Finds the endpoint: the http block under the `#` heading is authoritative; the heading is
/// the fallback (and a cross-check).
fn find_endpoint(blocks: &[Block<'_>], reporter: &mut Reporter<'_>) -> Option<Endpoint> {
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
fn method_and_path(text: &str) -> Option<(HttpMethod, &str)> {
    let mut words = text.split_whitespace();
    let method = HttpMethod::parse(words.next()?)?;
    let path = words.next()?;
    Some((method, path))
}

/// The request line of the operation block, without its query string.
fn fence_request_line(fence: &Fence<'_>) -> Option<(HttpMethod, String, u32)> {
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

fn strip_query(path: &str) -> &str {
    path.split(['?', '#']).next().unwrap_or(path)
}

/// Warns when the heading and the http block disagree. Template names may differ (the
/// heading often says `{id}` where the block says `{contactId}`); the block wins.
fn cross_check(
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
fn template_shape(path: &str) -> String {
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

/// The preamble: description paragraphs and code, labelled notes, and the `Path Part` table.
fn read_preamble(page: &mut Page, blocks: &[&Block<'_>], reporter: &mut Reporter<'_>) {
    // The index of a note whose heading had no text of its own, so the content under the
    // heading (up to the next heading or table) is the note's text.
    let mut open_note: Option<usize> = None;
    for block in blocks {
        match block {
            Block::Heading(heading) => {
                let note = note_from_heading(heading);
                open_note = note.text.is_empty().then_some(page.notes.len());
                page.notes.push(note);
            }
            Block::Paragraph(paragraph) => {
                let text = take_labelled_lines(page, paragraph);
                append_text(page, open_note, &clean_markup(&text));
            }
            Block::Fence(fence) => append_code(page, open_note, fence),
            Block::Table(table) => {
                open_note = None;
                match table.first_header().as_str() {
                    "path part" => read_params(&mut page.path_params, table, true, reporter),
                    _ => keep_stray_table(page, "Description", table, reporter),
                }
            }
        }
    }
}

/// A note heading: `Online Restricted: ## text`, `Filter Operators: ##`, or a bare title
/// such as `Aggregation operators`.
fn note_from_heading(heading: &Heading<'_>) -> Note {
    let text = heading.text.trim_end_matches('#').trim_end();
    let (label, rest) = match text.split_once(':') {
        Some((label, rest)) => (label.trim(), rest.trim().trim_start_matches('#')),
        None => (text, ""),
    };
    Note {
        label: label.to_owned(),
        text: clean_markup(rest),
        line: heading.line,
    }
}

/// Moves labelled lines (`NsApiSlow threshold: 2000 ms.`) out of a paragraph into notes and
/// returns the rest of the paragraph's text.
fn take_labelled_lines(page: &mut Page, paragraph: &Paragraph<'_>) -> String {
    let mut rest = Vec::with_capacity(paragraph.lines.len());
    for (idx, line) in paragraph.lines.iter().enumerate() {
        let is_labelled = LABELLED_LINE_PREFIXES
            .iter()
            .any(|prefix| line.trim_start().starts_with(prefix));
        match line.split_once(':').filter(|_| is_labelled) {
            Some((label, text)) => page.notes.push(Note {
                label: label.trim().to_owned(),
                text: clean_markup(text),
                line: paragraph.line + idx as u32,
            }),
            None => rest.push(*line),
        }
    }
    rest.join("\n")
}

/// Appends cleaned text to the open note, or as description paragraphs.
fn append_text(page: &mut Page, open_note: Option<usize>, cleaned: &str) {
    if cleaned.is_empty() {
        return;
    }
    if let Some(note) = open_note.and_then(|idx| page.notes.get_mut(idx)) {
        if !note.text.is_empty() {
            note.text.push_str("\n\n");
        }
        note.text.push_str(cleaned);
        return;
    }
    let paragraphs = cleaned
        .split("\n\n")
        .filter(|paragraph| !paragraph.is_empty());
    page.description.extend(paragraphs.map(str::to_owned));
}

/// Appends a code block (kept as markdown, uncleaned) to the open note or the description.
fn append_code(page: &mut Page, open_note: Option<usize>, fence: &Fence<'_>) {
    let code = fence.to_markdown();
    match open_note.and_then(|idx| page.notes.get_mut(idx)) {
        Some(note) => {
            if !note.text.is_empty() {
                note.text.push_str("\n\n");
            }
            note.text.push_str(&code);
        }
        None => page.description.push(code),
    }
}

/// `## Query String Parameters`: the parameter table and the example-URL http block.
fn read_query_section(page: &mut Page, section: &Section<'_, '_>, reporter: &mut Reporter<'_>) {
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

fn read_query_examples(page: &mut Page, fence: &Fence<'_>) {
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
fn read_params(
    acc: &mut Vec<Parameter>,
    table: &Table,
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

/// The trimmed first cell, or `None` (with a warning) when a row has no name.
fn row_name(row: &Row, reporter: &mut Reporter<'_>) -> Option<String> {
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

fn cell(row: &Row, idx: usize) -> &str {
    row.cells.get(idx).map_or("", String::as_str)
}

/// `Enum: A, B, C` gives `string` and the values; any other cell is kept as written.
fn read_type_cell(text: &str) -> (String, Vec<String>) {
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
fn take_required_marker(description: &str) -> (String, bool) {
    const MARKER: &str = "**Required**";
    if !description.contains(MARKER) {
        return (description.to_owned(), false);
    }
    (description.replace(MARKER, " "), true)
}

/// `## Request Headers`: rows kept as name and description.
fn read_headers_section(page: &mut Page, section: &Section<'_, '_>, reporter: &mut Reporter<'_>) {
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

/// `## Request Body: NAME [TYPE]`, its description and its optional property table.
fn read_request_body(page: &mut Page, section: &Section<'_, '_>, reporter: &mut Reporter<'_>) {
    let Some(heading) = section.heading else {
        return;
    };
    let mut body = body_from_heading(heading, "request body", reporter);
    let blocks = section.blocks.iter().copied();
    read_body_content(page, &mut body, section_label(section), blocks, reporter);
    page.request_body = Some(body);
}

/// Reads `<label>: NAME [TYPE]` into an empty body.
fn body_from_heading(heading: &Heading<'_>, label: &str, reporter: &mut Reporter<'_>) -> Body {
    body_from_label_line(
        heading.text.trim_end_matches('#'),
        label,
        heading.line,
        reporter,
    )
}

fn body_from_label_line(text: &str, label: &str, line: u32, reporter: &mut Reporter<'_>) -> Body {
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
fn read_body_content<'b, 'a: 'b>(
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

fn push_paragraph(acc: &mut String, paragraph: &str) {
    if paragraph.is_empty() {
        return;
    }
    if !acc.is_empty() {
        acc.push_str("\n\n");
    }
    acc.push_str(paragraph);
}

fn read_properties(table: &Table, reporter: &mut Reporter<'_>) -> Vec<Property> {
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
fn read_response(page: &mut Page, section: &Section<'_, '_>, reporter: &mut Reporter<'_>) {
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

fn start_response(response: &mut Response, heading: &Heading<'_>) {
    let text = heading.text.trim_end_matches('#').trim();
    let after = text
        .get("response".len()..)
        .unwrap_or_default()
        .trim_start();
    let type_word = after.trim_start_matches(':').trim();
    response.type_word = (!type_word.is_empty()).then(|| type_word.to_owned());
    response.line = heading.line;
}

fn is_response_body_line(paragraph: &Paragraph<'_>) -> bool {
    let first = paragraph.lines.first().map_or("", |line| line.trim_start());
    first
        .get(.."response body".len())
        .is_some_and(|start| start.eq_ignore_ascii_case("response body"))
}

/// When the body came from a `Response body: X` paragraph with more lines, the paragraph
/// is in the body's blocks; its first line is the label, the rest description.
fn strip_body_label_line<'b, 'a>(blocks: &[&'b Block<'a>]) -> Vec<BlockRef<'b, 'a>> {
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
enum BlockRef<'b, 'a> {
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
fn is_status_table(table: &Table) -> bool {
    matches!(
        table.first_header().as_str(),
        "" | "response" | "status" | "status code" | "code"
    )
}

fn read_statuses(acc: &mut Vec<StatusRow>, table: &Table, reporter: &mut Reporter<'_>) {
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

/// Sample sections: http blocks become samples; include directives mean the page has none.
fn read_samples(page: &mut Page, section: &Section<'_, '_>, reporter: &mut Reporter<'_>) {
    for block in &section.blocks {
        match block {
            Block::Fence(fence) if fence.info.to_ascii_lowercase().starts_with("http") => {
                let Some(sample) = parse_sample(fence, reporter) else {
                    continue;
                };
                let under_response_heading = section.kind == SectionKind::SampleResponse;
                if under_response_heading && sample.kind == SampleKind::Request {
                    let message = "a request sample under the `Sample response` heading";
                    reporter.warning(fence.line, "sample-kind-mismatch", message);
                }
                page.samples.push(sample);
            }
            Block::Paragraph(paragraph) if is_include_directive(paragraph) => {
                let message = format!(
                    "sample is an include directive, not shown on the page: {}",
                    paragraph.text()
                );
                reporter.note(paragraph.line, "sample-include", message);
            }
            _ => keep_stray(page, section_label(section), block, reporter),
        }
    }
}

fn is_include_directive(paragraph: &Paragraph<'_>) -> bool {
    paragraph
        .lines
        .iter()
        .all(|line| line.trim_start().starts_with("[!include"))
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

fn keep_stray_table(page: &mut Page, label: &str, table: &Table, reporter: &mut Reporter<'_>) {
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
