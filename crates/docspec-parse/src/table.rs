//! Pipe tables: splitting rows into cells and checking them against the header.
//!
//! The pages' tables are GitHub-style pipe tables, but written by a generator with quirks:
//! older generations drop the header row and start with the `|---|---|` separator, some
//! rows lack the trailing pipe, and a few rows continue on the next line. Cells are split on
//! unescaped pipes outside inline code; `\|` becomes a literal pipe.

use std::borrow::Cow;

use crate::diagnostic::Reporter;

/// A table as found on the page: the header (if any) and the body rows, cells untrimmed
/// of markup but trimmed of surrounding whitespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table<'a> {
    /// The header cells; `None` when the table starts with its separator row.
    pub(crate) header: Option<Vec<Cell<'a>>>,
    /// The body rows, each padded or merged to the table's width.
    pub(crate) rows: Vec<Row<'a>>,
    /// The line of the table's first line.
    pub(crate) line: u32,
}

/// One body row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row<'a> {
    /// Exactly as many cells as the table is wide.
    pub(crate) cells: Vec<Cell<'a>>,
    /// The 1-based line the row starts on.
    pub(crate) line: u32,
}

/// A trimmed cell: borrowed from the page unless unescaping or joining changed it.
pub(crate) type Cell<'a> = Cow<'a, str>;

impl Table<'_> {
    /// The trimmed first header cell, lower-cased (`path part`), or empty without a header.
    pub(crate) fn first_header(&self) -> String {
        let first = self.header.as_ref().and_then(|header| header.first());
        first
            .map(|cell| cell.trim().to_ascii_lowercase())
            .unwrap_or_default()
    }

    /// The index of the header column named `name` (case-insensitive), if any.
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        let header = self.header.as_ref()?;
        header
            .iter()
            .position(|cell| cell.trim().eq_ignore_ascii_case(name))
    }

    /// The table's lines as markdown, for keeping a table the parser has no place for.
    pub(crate) fn to_markdown(&self) -> String {
        let mut res = String::new();
        if let Some(header) = &self.header {
            res.push_str(&format!("| {} |\n", header.join(" | ")));
        }
        for row in &self.rows {
            res.push_str(&format!("| {} |\n", row.cells.join(" | ")));
        }
        res
    }
}

/// Builds a table from its source lines (`(line number, text)`, continuation lines already
/// joined to their row).
pub(crate) fn parse_table<'a>(
    lines: &[(u32, Cow<'a, str>)],
    reporter: &mut Reporter<'_>,
) -> Table<'a> {
    let table_line = lines.first().map_or(0, |(line, _)| *line);
    let split: Vec<(u32, Vec<Cell<'a>>)> = lines
        .iter()
        .map(|(line, text)| (*line, split_line(text)))
        .collect();

    // The separator is the first or second line; before it sits the header.
    let separator_idx = split
        .iter()
        .take(2)
        .position(|(_, cells)| is_separator(cells));
    let (header, body_start) = match separator_idx {
        Some(0) => (None, 1),
        Some(idx) => (Some(split[idx - 1].1.clone()), idx + 1),
        // Without a separator, the first row is still the best guess for the header: every
        // table the generator writes has one.
        None => {
            reporter.warning(
                table_line,
                "table-without-separator",
                "table has no `|---|` row",
            );
            (split.first().map(|(_, cells)| cells.clone()), 1)
        }
    };
    let width = match (&header, separator_idx) {
        (Some(header), _) => header.len(),
        (None, Some(idx)) => split[idx].1.len(),
        (None, None) => 0,
    };

    let mut rows = Vec::new();
    for (line, cells) in split.into_iter().skip(body_start) {
        if is_separator(&cells) {
            reporter.warning(
                line,
                "table-extra-separator",
                "separator row inside the table",
            );
            continue;
        }
        let cells = fit_to_width(cells, width, line, reporter);
        rows.push(Row { cells, line });
    }
    Table {
        header,
        rows,
        line: table_line,
    }
}

/// Splits a table line; cells of a line rebuilt from continuation lines are owned.
fn split_line<'a>(text: &Cow<'a, str>) -> Vec<Cell<'a>> {
    match text {
        Cow::Borrowed(text) => split_cells(text),
        Cow::Owned(text) => split_cells(text)
            .into_iter()
            .map(|cell| Cow::Owned(cell.into_owned()))
            .collect(),
    }
}

/// Splits a row into trimmed cells. Pipes inside inline code and escaped pipes (`\|`) are
/// content; the leading pipe and an optional trailing pipe are not cells.
pub(crate) fn split_cells(row: &str) -> Vec<Cell<'_>> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    if row.is_empty() {
        return Vec::new();
    }
    // Without escapes or code spans, a row is simply split on its pipes. Table rows are most
    // of a page's bytes, so the check is two `memchr` scans (`<[u8]>::contains`), which read
    // a word at a time; a byte-at-a-time `any` for both showed in profiles.
    let bytes = row.as_bytes();
    if !bytes.contains(&b'\\') && !bytes.contains(&b'`') {
        let row = row.strip_suffix('|').unwrap_or(row);
        return row
            .split('|')
            .map(|cell| Cow::Borrowed(cell.trim()))
            .collect();
    }
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut chars = row.char_indices().peekable();
    let mut ended_with_pipe = false;
    while let Some((idx, c)) = chars.next() {
        ended_with_pipe = false;
        match c {
            '\\' if matches!(chars.peek(), Some((_, '|'))) => {
                current.push('|');
                chars.next();
            }
            '`' => match row[idx + 1..].find('`') {
                // A code span runs to the next backtick; an unmatched backtick is literal.
                Some(len) => {
                    current.push_str(&row[idx..idx + len + 2]);
                    while chars
                        .peek()
                        .is_some_and(|(next_idx, _)| *next_idx < idx + len + 2)
                    {
                        chars.next();
                    }
                }
                None => current.push('`'),
            },
            '|' => {
                cells.push(Cow::Owned(current.trim().to_owned()));
                current.clear();
                ended_with_pipe = true;
            }
            _ => current.push(c),
        }
    }
    if !ended_with_pipe {
        cells.push(Cow::Owned(current.trim().to_owned()));
    }
    cells
}

/// Whether a row is the `|---|:---:|` separator.
fn is_separator(cells: &[Cell<'_>]) -> bool {
    let is_dashes = |cell: &Cell<'_>| {
        let inner = cell.trim().trim_start_matches(':').trim_end_matches(':');
        !inner.is_empty() && inner.bytes().all(|b| b == b'-')
    };
    !cells.is_empty() && cells.iter().all(is_dashes)
}

/// Pads a short row with empty cells, or joins the surplus cells of a long row into its last
/// cell (an unescaped pipe in a description is the usual cause), with a warning either way.
fn fit_to_width<'a>(
    mut cells: Vec<Cell<'a>>,
    width: usize,
    line: u32,
    reporter: &mut Reporter<'_>,
) -> Vec<Cell<'a>> {
    if width == 0 || cells.len() == width {
        return cells;
    }
    if cells.len() > width && cells[width..].iter().all(|cell| cell.is_empty()) {
        cells.truncate(width);
        return cells;
    }
    let message = format!(
        "row has {} cells, the table has {width} columns",
        cells.len()
    );
    reporter.warning(line, "table-row-ragged", message);
    if cells.len() < width {
        cells.resize(width, Cow::Borrowed(""));
    } else {
        let surplus = cells.split_off(width - 1);
        cells.push(Cow::Owned(surplus.join(" | ")));
    }
    cells
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::path::Path;

    use super::{parse_table, split_cells};
    use crate::diagnostic::Reporter;

    #[test]
    fn splits_cells_with_escapes_and_code() {
        assert_eq!(split_cells("| a | b |"), ["a", "b"]);
        assert_eq!(split_cells("| a | b"), ["a", "b"]);
        assert_eq!(split_cells(r"| a \| b | c |"), ["a | b", "c"]);
        assert_eq!(split_cells("| `x|y` | c |"), ["`x|y`", "c"]);
        assert_eq!(
            split_cells("| unmatched ` tick | c |"),
            ["unmatched ` tick", "c"]
        );
        assert_eq!(split_cells("| a |  |"), ["a", ""]);
        assert!(split_cells("|").is_empty());
    }

    fn table_of<'a>(lines: &[&'a str]) -> (super::Table<'a>, Vec<crate::Diagnostic>) {
        let lines: Vec<(u32, Cow<'_, str>)> = lines
            .iter()
            .enumerate()
            .map(|(idx, text)| (idx as u32 + 1, Cow::Borrowed(*text)))
            .collect();
        let mut diagnostics = Vec::new();
        let table = parse_table(
            &lines,
            &mut Reporter::new(Path::new("t.md"), &mut diagnostics),
        );
        (table, diagnostics)
    }

    #[test]
    fn header_and_rows() {
        let (table, diags) = table_of(&["| Name | Type |", "|---|---|", "| keel | int32 |"]);
        assert_eq!(
            table.header.as_deref(),
            Some(&["Name", "Type"].map(std::borrow::Cow::Borrowed)[..])
        );
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].line, 3);
        assert!(diags.is_empty());
    }

    #[test]
    fn separator_first_means_no_header() {
        let (table, diags) = table_of(&["|---|---|", "| 200 | OK |"]);
        assert_eq!(table.header, None);
        assert_eq!(table.rows[0].cells, ["200", "OK"]);
        assert!(diags.is_empty());
    }

    #[test]
    fn ragged_rows_are_fitted_and_reported() {
        let (table, diags) = table_of(&["| a | b |", "|---|---|", "| 1 |", "| 1 | 2 | 3 |"]);
        assert_eq!(table.rows[0].cells, ["1", ""]);
        assert_eq!(table.rows[1].cells, ["1", "2 | 3"]);
        assert_eq!(diags.len(), 2);
        assert!(diags.iter().all(|d| d.kind == "table-row-ragged"));
    }

    #[test]
    fn header_only_table_has_no_rows() {
        let (table, diags) = table_of(&["| a | b |", "|---|---|"]);
        assert!(table.rows.is_empty());
        assert!(diags.is_empty());
    }
}
