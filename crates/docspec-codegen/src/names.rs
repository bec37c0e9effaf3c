//! Turns wire names into Rust identifiers: one [`sanitize`] helper, and [`NameSet`] to keep
//! the identifiers in one namespace unique.
//!
//! Every identifier the generator writes comes through here, so the rules live in one place:
//! case conversion with heck, ASCII only (a few Latin letters are transliterated, other
//! characters become `uXXXX` words), a repaired first character, and keywords suffixed with
//! `_` (never `r#`). The original string stays next to the identifier so serde can keep the
//! wire name with `rename`.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// The case an identifier is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// `snake_case`: fields, methods, functions.
    Snake,
    /// `UpperCamelCase`: types, traits, variants.
    UpperCamel,
}

/// A Rust identifier together with the wire name it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name {
    /// The identifier, legal and unique in its namespace.
    pub(crate) ident: String,
    /// The original string from the document.
    pub(crate) wire: String,
}

/// Identifiers already used in one namespace (a module, a struct's fields, an enum's variants).
#[derive(Debug, Clone)]
pub(crate) struct NameSet {
    case: Case,
    taken: BTreeSet<String>,
}

impl NameSet {
    pub(crate) fn new(case: Case) -> Self {
        NameSet {
            case,
            taken: BTreeSet::new(),
        }
    }

    /// Sanitizes `wire` and makes the result unique by appending `2`, `3`, ... (`_2` in snake
    /// case). The suffix depends only on what was claimed before, so callers that claim in a
    /// fixed order get the same names every run.
    pub(crate) fn claim(&mut self, wire: &str, fallback: &str) -> Name {
        let ident = self.claim_ident(sanitize(wire, self.case, fallback));
        Name {
            ident,
            wire: wire.to_owned(),
        }
    }

    /// Makes an already legal identifier unique.
    pub(crate) fn claim_ident(&mut self, ident: String) -> String {
        if self.taken.insert(ident.clone()) {
            return ident;
        }
        // `Foo2` in camel case, but `N1_2` after a digit, where `N12` would read as twelve.
        let ends_with_digit = ident.ends_with(|c: char| c.is_ascii_digit());
        let separator = match self.case {
            Case::UpperCamel if !ends_with_digit => "",
            Case::Snake | Case::UpperCamel => "_",
        };
        let mut n = 2;
        loop {
            let candidate = format!("{ident}{separator}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// Converts any string into a legal Rust identifier in `case`; `fallback` stands in for a
/// string with no letters or digits at all.
pub(crate) fn sanitize(wire: &str, case: Case, fallback: &str) -> String {
    // A sign before a number is the only symbol worth a word: `-1` and `+1` must differ.
    let signed = match wire.as_bytes() {
        [b'-', digit, ..] if digit.is_ascii_digit() => format!("minus {}", &wire[1..]),
        [b'+', digit, ..] if digit.is_ascii_digit() => format!("plus {}", &wire[1..]),
        _ => wire.to_owned(),
    };
    let ascii = transliterate(&signed);
    let mut ident = match case {
        Case::Snake => ascii.to_snake_case(),
        Case::UpperCamel => ascii.to_upper_camel_case(),
    };
    if ident.is_empty() {
        ident = fallback.to_owned();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        // A leading underscore keeps snake case; camel case needs a letter (`N` for number).
        ident.insert_str(0, if case == Case::Snake { "_" } else { "N" });
    }
    if case == Case::UpperCamel && ident == "Self" {
        // `Self_` would trip `non_camel_case_types`, so the camel keyword gets a word instead.
        ident.push_str("Type");
    } else if KEYWORDS.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// Builds a method name for an operation: its `operationId`, or `method_path` without one.
pub(crate) fn operation_ident(operation_id: Option<&str>, method: &str, path: &str) -> String {
    match operation_id {
        Some(id) => sanitize(id, Case::Snake, "operation"),
        None => sanitize(&format!("{method} {path}"), Case::Snake, "operation"),
    }
}

/// Keeps ASCII letters and digits, spells a few Latin letters in ASCII, turns other letters
/// into `uXXXX` words and everything else into word separators.
fn transliterate(wire: &str) -> String {
    let mut acc = String::with_capacity(wire.len());
    for c in wire.chars() {
        if c.is_ascii_alphanumeric() {
            acc.push(c);
            continue;
        }
        let spelled = match c {
            'ä' | 'æ' => "ae",
            'Ä' | 'Æ' => "Ae",
            'ö' | 'ø' | 'œ' => "oe",
            'Ö' | 'Ø' | 'Œ' => "Oe",
            'ü' => "ue",
            'Ü' => "Ue",
            'ß' => "ss",
            'á' | 'à' | 'â' | 'å' | 'ã' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ó' | 'ò' | 'ô' | 'õ' => "o",
            'ú' | 'ù' | 'û' => "u",
            'ñ' => "n",
            'ç' => "c",
            _ if c.is_alphanumeric() => {
                acc.push_str(&format!(" u{:04x} ", u32::from(c)));
                continue;
            }
            _ => " ",
        };
        acc.push_str(spelled);
    }
    acc
}

/// Strict, reserved and edition-2024 keywords; `sanitize` suffixes these with `_`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

#[cfg(test)]
mod tests {
    use super::{Case, NameSet, sanitize};

    fn check(wire: &str, case: Case, expected: &str) {
        assert_eq!(sanitize(wire, case, "value"), expected, "{wire:?}");
    }

    #[test]
    fn snake_case() {
        check("petId", Case::Snake, "pet_id");
        check("$select", Case::Snake, "select");
        check("odata.metadata", Case::Snake, "odata_metadata");
        check("_Links", Case::Snake, "links");
        check("type", Case::Snake, "type_");
        check("self", Case::Snake, "self_");
        check("gen", Case::Snake, "gen_");
        check("1st-name", Case::Snake, "_1st_name");
        check("", Case::Snake, "value");
        check("$", Case::Snake, "value");
        check("Größe", Case::Snake, "groesse");
        check("名前", Case::Snake, "u540d_u524d");
        check("X-Request-ID", Case::Snake, "x_request_id");
    }

    #[test]
    fn upper_camel_case() {
        check("Ticket_Agent", Case::UpperCamel, "TicketAgent");
        check("odata.metadata", Case::UpperCamel, "OdataMetadata");
        check("Self", Case::UpperCamel, "SelfType");
        check("200", Case::UpperCamel, "N200");
        check("image/png", Case::UpperCamel, "ImagePng");
        check("Result", Case::UpperCamel, "Result");
        check("-1", Case::UpperCamel, "Minus1");
        check("+1.5", Case::UpperCamel, "Plus15");
    }

    #[test]
    fn dedupes_in_claim_order() {
        let mut fields = NameSet::new(Case::Snake);
        let names: Vec<String> = ["$select", "select", "Select", "select_2"]
            .iter()
            .map(|wire| fields.claim(wire, "field").ident)
            .collect();
        assert_eq!(names, ["select", "select_2", "select_3", "select_2_2"]);

        let mut types = NameSet::new(Case::UpperCamel);
        assert_eq!(types.claim("pet", "Type").ident, "Pet");
        assert_eq!(types.claim("Pet", "Type").ident, "Pet2");
        assert_eq!(types.claim("Pet", "Type").wire, "Pet");
        assert_eq!(types.claim("1", "Type").ident, "N1");
        assert_eq!(types.claim("1", "Type").ident, "N1_2");
    }
}
