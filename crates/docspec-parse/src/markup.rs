//! Markup cleaning: turns the docfx remnants found in page text (`<para>`, `<see cref>`,
//! `<a href>`, small HTML lists, doubly escaped entities) into plain markdown.
//!
//! Tags are rewritten first and entities decoded afterwards. Escaped markup that docfx uses
//! (`&lt;para/&gt;`) is rewritten too, because the generator sometimes escapes its own tags;
//! escaped text that is not one of these tags (`&lt;= 0`, `&lt;Name&gt;`) stays literal.

use std::borrow::Cow;

/// Cleans one piece of page text: rewrites docfx markup into markdown, decodes entities
/// (also doubly escaped ones such as `&amp;apos;`), collapses the runs of spaces left where
/// markup was removed, and trims. Paragraph breaks come out as a blank line (`"\n\n"`).
pub fn clean_markup(text: &str) -> String {
    // Most cells are plain text; they only need trimming.
    let trimmed = text.trim();
    if is_plain(trimmed) {
        return trimmed.to_owned();
    }
    // Some pages escape their docfx markup once more (`&lt;para/&gt;`); it still means a
    // paragraph break, so tags are rewritten again after the first level of decoding.
    let rewritten = rewrite_tags(trimmed);
    let once_decoded = decode_entities(&rewritten);
    let rewritten_again = rewrite_tags(&once_decoded);
    normalize_whitespace(&decode_entities(&rewritten_again))
}

/// Whether text has no markup, no entities and no whitespace to collapse.
fn is_plain(text: &str) -> bool {
    // Nearly every cell is plain, so the whole text is scanned anyway: folds without an early
    // exit, which the compiler turns into wide loops, beat a byte-at-a-time loop that can stop.
    let bytes = text.as_bytes();
    let has_special = bytes.iter().fold(false, |acc, byte| {
        acc | matches!(byte, b'<' | b'&' | b'\n' | b'\r' | b'\t')
    });
    let pairs = bytes.iter().zip(bytes.iter().skip(1));
    let has_double_space = pairs.fold(false, |acc, (a, b)| acc | (*a == b' ' && *b == b' '));
    !has_special && !has_double_space
}

/// Rewrites the tags we understand and copies everything else verbatim.
fn rewrite_tags(text: &str) -> Cow<'_, str> {
    if !text.contains('<') {
        return Cow::Borrowed(text);
    }
    let mut res = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(lt_idx) = rest.find('<') {
        res.push_str(&rest[..lt_idx]);
        rest = &rest[lt_idx..];
        match rewrite_one_tag(rest, &mut res) {
            Some(consumed) => rest = &rest[consumed..],
            None => {
                res.push('<');
                rest = &rest[1..];
            }
        }
    }
    res.push_str(rest);
    Cow::Owned(res)
}

/// Rewrites the tag at the start of `text` (which starts with `<`) into `acc` and returns how
/// many bytes it consumed, or `None` when the tag is not one we rewrite.
fn rewrite_one_tag(text: &str, acc: &mut String) -> Option<usize> {
    let tag_end = text.find('>')? + 1;
    let tag = &text[..tag_end];
    let name = tag_name(tag);
    match name.to_ascii_lowercase().as_str() {
        "para" | "/para" | "p" | "/p" => acc.push_str("\n\n"),
        "br" => acc.push('\n'),
        // Items start on a line of their own, so the list needs no opening break.
        "ul" | "ol" => {}
        "/ul" | "/ol" => acc.push('\n'),
        "li" => acc.push_str("\n* "),
        "/li" => {}
        "code" | "/code" | "c" | "/c" => acc.push('`'),
        "see" | "seealso" => return Some(rewrite_see(text, tag, acc)),
        "a" => return rewrite_anchor(text, tag, acc),
        _ => return None,
    }
    Some(tag_end)
}

/// The element name of a tag (`see` for `<see cref="x"/>`, `/para` for `</para>`).
fn tag_name(tag: &str) -> &str {
    let inner = tag.strip_prefix('<').unwrap_or(tag);
    let slash_len = usize::from(inner.starts_with('/'));
    let body = &inner[slash_len..];
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    &inner[..slash_len + name_len]
}

/// `<see cref="X">Text</see>` keeps Text; a self-closing or empty one keeps the last
/// `.`-segment of the cref (or the `langword`). Returns the bytes consumed.
fn rewrite_see(text: &str, open_tag: &str, acc: &mut String) -> usize {
    let fallback = attribute(open_tag, "cref")
        .map(cref_display_name)
        .or_else(|| attribute(open_tag, "langword"))
        .unwrap_or_default();
    if open_tag.ends_with("/>") {
        acc.push_str(fallback);
        return open_tag.len();
    }
    let after_open = &text[open_tag.len()..];
    let Some(close_idx) = find_ascii_case_insensitive(after_open, "</see") else {
        // An unclosed `<see ...>`: keep what it points at and go on with the text after it.
        acc.push_str(fallback);
        return open_tag.len();
    };
    let inner = after_open[..close_idx].trim();
    acc.push_str(if inner.is_empty() { fallback } else { inner });
    let close_len = after_open[close_idx..]
        .find('>')
        .map_or(after_open.len() - close_idx, |i| i + 1);
    open_tag.len() + close_idx + close_len
}

/// `<a href="u">t</a>` becomes `[t](u)`; an anchor without `href` keeps just its text.
fn rewrite_anchor(text: &str, open_tag: &str, acc: &mut String) -> Option<usize> {
    let after_open = &text[open_tag.len()..];
    let close_idx = find_ascii_case_insensitive(after_open, "</a>")?;
    let inner = after_open[..close_idx].trim();
    match attribute(open_tag, "href") {
        Some(href) if inner.is_empty() => acc.push_str(href),
        Some(href) => {
            acc.push('[');
            acc.push_str(inner);
            acc.push_str("](");
            acc.push_str(href);
            acc.push(')');
        }
        None => acc.push_str(inner),
    }
    Some(open_tag.len() + close_idx + "</a>".len())
}

/// The value of `name="..."` (or single-quoted) inside a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut search_from = 0;
    while let Some(found) = tag[search_from..].find(name) {
        let start = search_from + found;
        search_from = start + name.len();
        let preceded_by_space = tag[..start].ends_with(|c: char| c.is_whitespace());
        let after = tag[search_from..].trim_start();
        let Some(after_eq) = after.strip_prefix('=') else {
            continue;
        };
        if !preceded_by_space {
            continue;
        }
        let after_eq = after_eq.trim_start();
        let quote = after_eq.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let value = &after_eq[1..];
        let end = value.find(quote)?;
        return Some(&value[..end]);
    }
    None
}

/// What a reader should see for a cref: `T:A.B.ITicketAgent` gives `ITicketAgent`,
/// `!:UserDefinedFields` gives `UserDefinedFields`, `M:A.B.Save(System.Int32)` gives `Save`.
fn cref_display_name(cref: &str) -> &str {
    let without_kind = match cref.split_once(':') {
        Some((kind, rest)) if kind.len() <= 1 => rest,
        _ => cref,
    };
    let without_args = without_kind.split('(').next().unwrap_or(without_kind);
    without_args.rsplit('.').next().unwrap_or(without_args)
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Decodes one level of character entities. Unknown entities are kept as written.
fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut res = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp_idx) = rest.find('&') {
        res.push_str(&rest[..amp_idx]);
        rest = &rest[amp_idx..];
        match decode_one_entity(rest) {
            Some((decoded, consumed)) => {
                res.push(decoded);
                rest = &rest[consumed..];
            }
            None => {
                res.push('&');
                rest = &rest[1..];
            }
        }
    }
    res.push_str(rest);
    Cow::Owned(res)
}

/// Decodes the entity at the start of `text` (which starts with `&`).
fn decode_one_entity(text: &str) -> Option<(char, usize)> {
    // Entities are short; looking further would only find the next sentence's semicolon.
    let semi_idx = text.get(..text.len().min(10))?.find(';')?;
    let body = &text[1..semi_idx];
    let decoded = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let number = body.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((decoded, semi_idx + 1))
}

/// Collapses runs of spaces and tabs, trims each line, keeps at most one blank line between
/// paragraphs, and trims the whole text.
fn normalize_whitespace(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    let mut pending_newlines = 0usize;
    for line in text.split('\n') {
        let mut words = line
            .split([' ', '\t', '\r'])
            .filter(|w| !w.is_empty())
            .peekable();
        if words.peek().is_none() {
            pending_newlines += 1;
            continue;
        }
        if !res.is_empty() {
            res.push_str(if pending_newlines > 0 { "\n\n" } else { "\n" });
        }
        pending_newlines = 0;
        for (word_idx, word) in words.enumerate() {
            if word_idx > 0 {
                res.push(' ');
            }
            res.push_str(word);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::clean_markup;

    fn check(input: &str, expected: &str) {
        assert_eq!(clean_markup(input), expected, "input: {input:?}");
    }

    #[test]
    fn para_becomes_paragraph_break() {
        check(
            "Berth size.  <para>Use list \"berths\".</para>",
            "Berth size.\n\nUse list \"berths\".",
        );
        check("One<para />Two", "One\n\nTwo");
        check("One<para/>Two", "One\n\nTwo");
    }

    #[test]
    fn see_keeps_text_or_cref_tail() {
        check(
            r#"See <see cref="T:Marina.Api.IBerthAgent">Berth Agent</see>."#,
            "See Berth Agent.",
        );
        check(
            r#"Use <see cref="!:TideFields">TideFields</see>"#,
            "Use TideFields",
        );
        check(r#"Use <see cref="T:Marina.Api.Dock"/> now"#, "Use Dock now");
        check(r#"Use <see cref="!:Pier"></see> now"#, "Use Pier now");
        check(
            r#"Call <see cref="M:Marina.Api.Book(System.Int32)" />."#,
            "Call Book.",
        );
        check(r#"Or <see langword="null"/>."#, "Or null.");
    }

    #[test]
    fn anchor_becomes_markdown_link() {
        check(
            r#"See <a href="https://example.org/tides">tide tables</a>."#,
            "See [tide tables](https://example.org/tides).",
        );
    }

    #[test]
    fn entities_are_decoded_once_or_twice() {
        check(
            "the &amp;apos;harbour&amp;apos; master",
            "the 'harbour' master",
        );
        check(
            "&amp;lt;= 0 skips &lt;b&gt; &quot;q&quot; &#39;s &#x41;",
            "<= 0 skips <b> \"q\" 's A",
        );
        check("fish &amp; chips; AT&T", "fish & chips; AT&T");
        check("a&lt;br/&gt;b &lt;para/&gt;c", "a\nb\n\nc");
    }

    #[test]
    fn lists_and_code() {
        check(
            "Options:<ul><li>$top=5</li><li>$skip=2</li></ul>",
            "Options:\n* $top=5\n* $skip=2",
        );
        check("Use <code>moor</code>.", "Use `moor`.");
    }

    #[test]
    fn unknown_or_broken_tags_are_kept() {
        check("<Boat><Name>x</Name></Boat>", "<Boat><Name>x</Name></Boat>");
        check("a < b and c > d", "a < b and c > d");
        check("<see cref=\"x\">unclosed", "xunclosed");
        check("<a href=\"u\">never closed", "<a href=\"u\">never closed");
        check("trailing <", "trailing <");
    }

    #[test]
    fn whitespace_is_collapsed() {
        check("  a  b \t c  \n\n\n\n  d  ", "a b c\n\nd");
        check("", "");
    }
}
