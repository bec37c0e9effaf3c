//! The typed model of one reference page. Every item keeps the 1-based line it came from so
//! later stages can report problems at the right place.
//!
//! Text fields hold cleaned text: docfx markup (`<para>`, `<see cref>`, `<a href>`, doubly
//! escaped entities) is already turned into plain markdown by the parser. Type cells are kept
//! as written (trimmed); mapping type words to schemas is the spec builder's job.

use std::path::PathBuf;

use crate::Diagnostic;

/// All pages read from a folder, in path order, with what went wrong while reading them.
#[derive(Debug, Default, Clone)]
pub struct Corpus {
    /// Pages that hold an endpoint, sorted by file path.
    pub pages: Vec<Page>,
    /// Every anomaly found while reading, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were considered endpoint pages.
    pub files_read: usize,
    /// How many of those produced no page (unreadable or not an endpoint).
    pub files_skipped: usize,
    /// Every file that was read, so callers can print `cargo:rerun-if-changed` for each.
    pub inputs: Vec<PathBuf>,
}

/// One endpoint page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The file, as shown in diagnostics.
    pub file: PathBuf,
    /// The folder the page sits in (`Ticket_Agent`, `Contact`): the operation's tag.
    pub tag: String,
    /// Front matter `title`, if present.
    pub title: Option<String>,
    /// Front matter `uid` (or the older `id`): the operationId.
    pub uid: Option<Spanned<String>>,
    /// The HTTP method, from the http block (the heading may abbreviate it as `DEL`).
    pub method: HttpMethod,
    /// The full path from the http block, with `{name}` templates (`/api/v1/Contact/{id}`).
    pub path: Spanned<String>,
    /// Description paragraphs under the heading, cleaned, in order.
    pub description: Vec<String>,
    /// Labelled notes found around the description (`Online Restricted`,
    /// `NsApiSlow threshold`, `Filter Operators`), so nothing the page says is lost.
    pub notes: Vec<Note>,
    /// Rows of the `Path Part` table.
    pub path_params: Vec<Parameter>,
    /// Rows of the `Query String Parameters` table.
    pub query_params: Vec<Parameter>,
    /// Rows of the `Request Headers` table, uninterpreted.
    pub headers: Vec<HeaderRow>,
    /// The `Request Body` section, if any.
    pub request_body: Option<Body>,
    /// The `Response` section.
    pub response: Response,
    /// Sample HTTP exchanges, request and response, in page order.
    pub samples: Vec<Sample>,
    /// Example request lines from the http block under the query parameter table
    /// (`POST /api/v1/Agents/...?$select=name`), one per line, as written. These show how to
    /// pass query parameters; they are neither the operation's path nor sample exchanges.
    pub query_examples: Vec<Spanned<String>>,
}

/// A value with the 1-based line it was read from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// 1-based line number in the page.
    pub line: u32,
}

/// HTTP methods the pages use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE (headings write it `DEL`)
    Delete,
    /// HEAD
    Head,
    /// OPTIONS
    Options,
}

impl HttpMethod {
    /// Reads a method word as the pages write it, ignoring case; `DEL` means DELETE.
    pub fn parse(word: &str) -> Option<Self> {
        let method = match word.to_ascii_uppercase().as_str() {
            "GET" => Self::Get,
            "POST" => Self::Post,
            "PUT" => Self::Put,
            "PATCH" => Self::Patch,
            "DELETE" | "DEL" => Self::Delete,
            "HEAD" => Self::Head,
            "OPTIONS" => Self::Options,
            _ => return None,
        };
        Some(method)
    }

    /// The method as HTTP spells it (`DELETE`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
            Self::Head => "HEAD",
            Self::Options => "OPTIONS",
        }
    }
}

/// A labelled remark on a page that is not part of the description proper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The label as written (`Online Restricted`, `NsApiSlow threshold`).
    pub label: String,
    /// The text after the label, cleaned.
    pub text: String,
    /// Where it was found.
    pub line: u32,
}

/// A path or query parameter row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// The wire name (`id`, `$select`).
    pub name: String,
    /// The Type cell as written, trimmed (`int32`, `string`, `array`). For an `Enum:` cell this
    /// is `string` and the values are in `enum_values`.
    pub type_text: String,
    /// Values of an `Enum: A, B, C` Type cell, in page order.
    pub enum_values: Vec<String>,
    /// Whether the row is marked `**Required**` (path parameters always are).
    pub required: bool,
    /// The description, cleaned, without the `**Required**` marker.
    pub description: String,
    /// Where the row is.
    pub line: u32,
}

/// A `Request Headers` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRow {
    /// Header name (`Authorization`, `SO-Language`).
    pub name: String,
    /// The description, cleaned.
    pub description: String,
    /// Where the row is.
    pub line: u32,
}

/// A request or response body section: its heading and its property table.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The name after `Request Body:` / `Response body:` (`request`, `TicketEntity`,
    /// `array`). May be empty when the heading names nothing.
    pub name: String,
    /// The optional type word after the name (`Request Body: changes string` gives `string`).
    pub type_word: Option<String>,
    /// Text between the heading and the table, cleaned.
    pub description: String,
    /// The property table. `None` when the section has no table at all (a stream body, or a
    /// `Response body: bool` line); `Some(vec![])` when the page shows a table header with no
    /// rows. The difference is kept because the two say different things: a header over no
    /// rows is the generator's way of writing a named type whose properties it did not list.
    pub properties: Option<Vec<Property>>,
    /// Where the heading is.
    pub line: u32,
}

/// One row of a property table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// The wire name.
    pub name: String,
    /// The Type cell as written, trimmed; empty when the page leaves it empty.
    pub type_text: String,
    /// The description, cleaned.
    pub description: String,
    /// Where the row is.
    pub line: u32,
}

/// The `Response` section.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Response {
    /// The word after `## Response:` (`array`, `object`, or empty).
    pub type_word: Option<String>,
    /// Text between the heading and the status table, cleaned.
    pub description: String,
    /// Rows of the status table.
    pub statuses: Vec<StatusRow>,
    /// The `Response body:` part, if any.
    pub body: Option<Body>,
    /// Where the section heading is (0 when the page has none).
    pub line: u32,
}

/// One row of the response status table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    /// The status code.
    pub code: u16,
    /// Its description (`OK`, `No Content`).
    pub description: String,
    /// Where the row is.
    pub line: u32,
}

/// Whether a sample is the request or the response of an exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SampleKind {
    /// A request (`POST /api/v1/...`).
    Request,
    /// A response (`HTTP/1.1 200 OK`).
    Response,
}

/// A sample HTTP message from a code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// Request or response.
    pub kind: SampleKind,
    /// The status code of a response sample.
    pub status: Option<u16>,
    /// The first line as written: `POST /api/v1/Agents/...` or `HTTP/1.1 200 OK`.
    pub start_line: String,
    /// Header lines, in order, as (name, value).
    pub headers: Vec<(String, String)>,
    /// The body text after the blank line, if any (not yet parsed as JSON).
    pub body: Option<String>,
    /// Where the code block starts.
    pub line: u32,
    /// Where the body starts (for pointing at JSON errors).
    pub body_line: u32,
}
