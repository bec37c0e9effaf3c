//! Reads docfx-style API reference pages (front matter, `# METHOD path`, parameter and
//! property tables, sample HTTP exchanges) into a typed [`Page`] model.
//!
//! The parser never panics on bad input: every anomaly becomes a [`Diagnostic`] with the
//! file and line it was found at, and a page that cannot be understood at all is skipped.
//! This crate knows nothing of OpenAPI; turning pages into a spec is `docspec-spec`'s job.
//!
//! The pipeline, one module per step:
//!
//! 1. `walk`: find the pages below a folder and parse them in parallel, in path order.
//! 2. `front_matter`: `title` and `uid` (or the older `id`).
//! 3. `blocks`: cut the body into headings, code blocks, tables (`table`) and paragraphs.
//! 4. `sections`: cut the blocks into sections and read each into the [`Page`] model:
//!    `endpoint` (method and path), `preamble` (description, notes, `Path Part`), `params`,
//!    `bodies` (request body, response) and `samples` (with `sample` reading each block).
//!    All text goes through [`clean_markup`] (`markup`).

#![deny(missing_docs)]

mod blocks;
mod diagnostic;
mod front_matter;
mod markup;
mod model;
mod sample;
mod sections;
mod table;
mod walk;

pub use diagnostic::{Diagnostic, Severity};
pub use markup::clean_markup;
pub use model::*;

use std::path::Path;

use diagnostic::Reporter;

/// Parses one page. `file` is the path shown in diagnostics, `tag` the folder the page sits
/// in (`Ticket_Agent`, `Contact`). Returns `None` when the page holds no endpoint (with an
/// error diagnostic saying so). Never panics, whatever `source` holds.
pub fn parse_page(
    file: &Path,
    tag: &str,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let first_new_diagnostic = diagnostics.len();
    let page = parse_page_into(file, tag, source, &mut Reporter::new(file, diagnostics));
    // Scanning reports table and code-block problems before the sections are read; reading
    // them in line order is easier.
    diagnostics[first_new_diagnostic..].sort_by_key(|diagnostic| diagnostic.line);
    page
}

/// The parsing pipeline behind [`parse_page`].
fn parse_page_into(
    file: &Path,
    tag: &str,
    source: &str,
    reporter: &mut Reporter<'_>,
) -> Option<Page> {
    // Sized up front from a typical line length: sample bodies make some pages thousands of
    // lines long, and growing the vector step by step showed in profiles.
    let mut lines = Vec::with_capacity(source.len() / 32 + 16);
    lines.extend(source.lines());

    // Front matter: title and operation id.
    let front_matter = front_matter::read_front_matter(&lines, reporter);

    // Blocks: headings, code, tables and paragraphs, with line numbers.
    let body_lines = lines.get(front_matter.body_start..).unwrap_or_default();
    let first_body_line = front_matter.body_start as u32 + 1;
    let blocks = blocks::scan_blocks(body_lines, first_body_line, reporter);

    // Sections: the endpoint, its description and notes, parameters, bodies, samples.
    sections::assemble_page(file, tag, front_matter, &blocks, reporter)
}

/// Reads one page given by itself. Diagnostics name `file` as given; the page's tag is the name
/// of its folder, as with [`load_dir`]. An unreadable file is an error diagnostic at the line
/// of its first non-UTF-8 byte (or line 1), never a panic.
pub fn load_file(file: &Path) -> Corpus {
    walk::load_file(file)
}

/// Reads every endpoint page below `root` (all `*.md` files except `index.md`, `toc.yml` and
/// the `includes/` folder), in a deterministic order (sorted by path). Pages are parsed on all
/// cores. Files that cannot be read are reported as errors and counted in `files_skipped`.
/// Diagnostics name files from the root folder's name on (`restful/rest/Contact/X.md`).
pub fn load_dir(root: &Path) -> Corpus {
    walk::load_dir(root)
}
