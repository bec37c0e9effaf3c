//! Schemas across pages: one [`Draft`] per type name, fed by every table that defines the type
//! and every Type cell that names it, and the majority vote that settles each property's type.
//!
//! A type is often written as a table on several pages (every endpoint returning a
//! `BerthEntity` repeats its table). The pages mostly agree; where they do not, the type most
//! pages give wins and each dissenting row is reported at its file and line.

use std::collections::BTreeMap;

use docspec_parse::{Diagnostic, Page, Property};
use indexmap::IndexMap;

use crate::types::{TypeWord, parse_type_word};

/// Where something was seen: page index and 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Loc {
    pub(crate) page: usize,
    pub(crate) line: u32,
}

/// Why a draft exists; decides whether its tables take part in shape matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Origin {
    /// A `Response body: Name` table.
    Named,
    /// A request body table, named after its operation.
    Request,
    /// The element table of an array response, named after its operation.
    Element,
    /// Only named in Type cells; its properties, if any, come from samples.
    Referenced,
}

/// Everything known about one named type before it becomes a component.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    /// Properties in first-seen order (page order, then row order).
    pub(crate) props: IndexMap<String, PropDraft>,
    /// How many tables define the type.
    pub(crate) n_tables: usize,
    /// How many Type cells name the type.
    pub(crate) n_refs: usize,
    pub(crate) origin: Origin,
    /// Where the type was first seen.
    pub(crate) first: Loc,
}

/// One property of a draft.
#[derive(Debug, Clone)]
pub(crate) struct PropDraft {
    /// The Type cells given for it, one per table row.
    pub(crate) votes: Vec<(TypeWord, Loc)>,
    /// The first non-empty description.
    pub(crate) description: String,
    /// The winner of the vote; [`TypeWord::Empty`] until [`Registry::vote`] runs.
    pub(crate) declared: TypeWord,
}

/// All drafts, by name.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    pub(crate) drafts: BTreeMap<String, Draft>,
}

impl Registry {
    /// Records a table of properties as (part of) the definition of `name`.
    pub(crate) fn add_table(&mut self, name: &str, props: &[Property], at: Loc, origin: Origin) {
        let draft = self
            .drafts
            .entry(name.to_string())
            .or_insert_with(|| Draft::new(origin, at));
        if draft.origin == Origin::Referenced {
            draft.origin = origin;
        }
        draft.n_tables += 1;
        for prop in props {
            let entry = draft
                .props
                .entry(prop.name.clone())
                .or_insert_with(PropDraft::new);
            let loc = Loc {
                page: at.page,
                line: prop.line,
            };
            entry.votes.push((parse_type_word(&prop.type_text), loc));
            if entry.description.is_empty() && !prop.description.is_empty() {
                entry.description = prop.description.clone();
            }
        }
    }

    /// Records that a Type cell names `name`, creating an empty draft if none exists yet.
    pub(crate) fn add_reference(&mut self, name: &str, at: Loc) {
        let draft = self
            .drafts
            .entry(name.to_string())
            .or_insert_with(|| Draft::new(Origin::Referenced, at));
        draft.n_refs += 1;
    }

    /// Whether `name` is taken by any draft.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.drafts.contains_key(name)
    }

    /// Notes every named type in Type cells, so each gets a component even without a table.
    pub(crate) fn collect_references(&mut self) {
        let mut named: Vec<(String, Loc)> = Vec::new();
        for draft in self.drafts.values() {
            for prop in draft.props.values() {
                for (word, loc) in &prop.votes {
                    if let Some(name) = referenced_name(word) {
                        named.push((name.to_string(), *loc));
                    }
                }
            }
        }
        for (name, loc) in named {
            self.add_reference(&name, loc);
        }
    }

    /// Settles each property's declared type by majority and reports every dissenting row.
    pub(crate) fn vote(&mut self, pages: &[Page], diagnostics: &mut Vec<Diagnostic>) {
        for (schema, draft) in &mut self.drafts {
            for (prop_name, prop) in &mut draft.props {
                prop.declared = majority(&prop.votes);
                report_dissent(schema, prop_name, prop, pages, diagnostics);
            }
        }
    }
}

impl Draft {
    fn new(origin: Origin, first: Loc) -> Self {
        Draft {
            props: IndexMap::new(),
            n_tables: 0,
            n_refs: 0,
            origin,
            first,
        }
    }
}

impl PropDraft {
    pub(crate) fn new() -> Self {
        PropDraft {
            votes: Vec::new(),
            description: String::new(),
            declared: TypeWord::Empty,
        }
    }
}

/// The component name a type word refers to, if any.
pub(crate) fn referenced_name(word: &TypeWord) -> Option<&str> {
    use crate::types::Shape;
    match word {
        TypeWord::Named(name) => Some(name),
        TypeWord::Known(Shape::Array(item)) => match item.as_ref() {
            Shape::Ref(name) => Some(name),
            _ => None,
        },
        _ => None,
    }
}

/// The most frequent informative word; ties go to the word seen first. Empty cells and unknown
/// words carry no information and only win when nothing else was written.
fn majority(votes: &[(TypeWord, Loc)]) -> TypeWord {
    let mut counts: Vec<(&TypeWord, usize)> = Vec::new();
    for (word, _) in votes {
        if matches!(word, TypeWord::Empty | TypeWord::Unknown(_)) {
            continue;
        }
        match counts.iter_mut().find(|(w, _)| *w == word) {
            Some(entry) => entry.1 += 1,
            None => counts.push((word, 1)),
        }
    }
    // `max_by_key` keeps the last maximum; iterate in reverse so the first seen wins a tie.
    match counts.iter().rev().max_by_key(|(_, n)| *n) {
        Some((word, _)) => (*word).clone(),
        None => votes
            .first()
            .map(|(w, _)| w.clone())
            .unwrap_or(TypeWord::Empty),
    }
}

fn report_dissent(
    schema: &str,
    prop_name: &str,
    prop: &PropDraft,
    pages: &[Page],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let agreeing = prop
        .votes
        .iter()
        .filter(|(w, _)| *w == prop.declared)
        .count();
    let dissenting = |word: &TypeWord| {
        *word != prop.declared && !matches!(word, TypeWord::Empty | TypeWord::Unknown(_))
    };
    let largest_dissent = prop
        .votes
        .iter()
        .filter(|(w, _)| dissenting(w))
        .map(|(w, _)| prop.votes.iter().filter(|(v, _)| v == w).count())
        .max()
        .unwrap_or(0);
    // Say how `declared` was chosen; later steps may still replace a placeholder name, and
    // say so in a note of their own.
    let how = match agreeing > largest_dissent {
        true => "most rows give that",
        false => "the rows are split evenly, so the first in path order is taken",
    };
    for (word, loc) in &prop.votes {
        if !dissenting(word) {
            continue;
        }
        let message = format!(
            "`{schema}.{prop_name}` is `{}` here but `{}` in {agreeing} other table row(s); {how}",
            word.label(),
            prop.declared.label()
        );
        tracing::debug!(schema, prop_name, "type disagreement");
        diagnostics.push(Diagnostic::warning(
            &pages[loc.page].file,
            loc.line,
            "type-disagreement",
            message,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Prim, Shape};

    fn loc(line: u32) -> Loc {
        Loc { page: 0, line }
    }

    #[test]
    fn majority_wins_and_ties_go_to_the_first_seen() {
        let int = TypeWord::Known(Shape::Prim(Prim::Int32));
        let text = TypeWord::Known(Shape::Prim(Prim::String));
        let votes = vec![
            (text.clone(), loc(1)),
            (int.clone(), loc(2)),
            (int.clone(), loc(3)),
        ];
        assert_eq!(majority(&votes), int);
        let tie = vec![(text.clone(), loc(1)), (int.clone(), loc(2))];
        assert_eq!(majority(&tie), text);
    }

    #[test]
    fn empty_cells_do_not_vote() {
        let named = TypeWord::Named("Berth".into());
        let votes = vec![
            (TypeWord::Empty, loc(1)),
            (TypeWord::Empty, loc(2)),
            (named.clone(), loc(3)),
        ];
        assert_eq!(majority(&votes), named);
        assert_eq!(majority(&[(TypeWord::Empty, loc(1))]), TypeWord::Empty);
    }
}
