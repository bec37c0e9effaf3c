//! The preamble: everything between the endpoint and the first known section, that is the
//! description, labelled notes (`## Online Restricted: ## ...`, `NsApiSlow threshold: ...`)
//! and the `Path Part` table.

use super::keep_stray_table;
use super::params::{is_request_lines, read_params, read_query_examples};
use crate::blocks::{Block, Fence, Heading, Paragraph};
use crate::diagnostic::Reporter;
use crate::markup::clean_markup;
use crate::{Note, Page};

/// Lines inside the description that carry a label of their own and become notes
/// (`NsApiSlow threshold: 2000 ms.`).
pub(super) const LABELLED_LINE_PREFIXES: &[&str] = &["NsApiSlow"];

/// The preamble: description paragraphs and code, labelled notes, and the `Path Part` table.
pub(super) fn read_preamble(page: &mut Page, blocks: &[&Block<'_>], reporter: &mut Reporter<'_>) {
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
            Block::Fence(fence) if is_request_lines(fence) => read_query_examples(page, fence),
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
///
/// FIXME: on a few pages the generator glues the first sentence of the following description
/// onto the `Online Restricted` heading, so the note holds that sentence too; splitting it off
/// needs a cue the heading does not give (the sentence ends with a colon, nothing more).
pub(super) fn note_from_heading(heading: &Heading<'_>) -> Note {
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
pub(super) fn take_labelled_lines(page: &mut Page, paragraph: &Paragraph<'_>) -> String {
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
pub(super) fn append_text(page: &mut Page, open_note: Option<usize>, cleaned: &str) {
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
pub(super) fn append_code(page: &mut Page, open_note: Option<usize>, fence: &Fence<'_>) {
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
