//! Settles every draft into a component schema: declared types where the pages are definite,
//! sample evidence where they are vague, and, for array items no sample shows, the items the
//! same property has in other types (`Berths` is an array of `Berth` everywhere it is shown).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use docspec_parse::{Diagnostic, Page};
use openapiv3::{ReferenceOr, Schema, SchemaData};

use crate::infer::Walker;
use crate::schemas::{Loc, Registry};
use crate::types::{Prim, Shape, TypeWord, object_kind};

/// A settled component: properties with their shapes and descriptions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Component {
    pub(crate) props: Vec<(String, Shape, String)>,
}

/// Settles all drafts, reporting properties whose type stays unknown.
pub(crate) fn settle(
    registry: &Registry,
    walker: &Walker<'_>,
    placeholders: &BTreeSet<String>,
    pages: &[Page],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Component> {
    let names_by_prop = names_by_property(registry);
    let mut res: BTreeMap<String, Component> = BTreeMap::new();
    let mut unresolved: Vec<(String, usize, Option<Loc>)> = Vec::new();
    for (name, draft) in &registry.drafts {
        let mut props = Vec::with_capacity(draft.props.len());
        for (prop_name, prop) in &draft.props {
            let evidence = walker
                .vague
                .get(name)
                .and_then(|props| props.get(prop_name));
            let learned = evidence.and_then(|ev| ev.shape());
            let mut shape = settle_prop(&prop.declared, learned);
            let at = prop.votes.first().map(|v| v.1);
            if let TypeWord::Named(named) = &prop.declared {
                report_overruled(name, prop_name, named, &shape, at, pages, diagnostics);
            }
            if let Shape::Ref(target) = &shape
                && placeholders.contains(target)
                && let Some(usual) = names_by_prop.get(prop_name.as_str())
                && *usual != target
                && (!placeholders.contains(*usual) || *usual == prop_name)
            {
                // A placeholder name nothing else explains: use the type most tables give
                // this property, if that is no placeholder too (unless the property is named
                // after it, as `TableRight: TableRight` is).
                if let Some(loc) = at {
                    let message = format!(
                        "`{name}.{prop_name}` names `{target}`, which the pages use for lost \
                         types; using `{usual}` instead, the type most tables give a property \
                         named `{prop_name}`"
                    );
                    let file = &pages[loc.page].file;
                    diagnostics.push(Diagnostic::note(
                        file,
                        loc.line,
                        "placeholder-type",
                        message,
                    ));
                }
                shape = Shape::Ref(usual.to_string());
            }
            if needs_more(&shape) {
                unresolved.push((name.clone(), props.len(), prop.votes.first().map(|v| v.1)));
            }
            props.push((prop_name.clone(), shape, prop.description.clone()));
        }
        if draft.n_tables == 0
            && let Some(learned) = walker.learned.get(name)
        {
            for (prop_name, ev) in learned {
                props.push((
                    prop_name.clone(),
                    ev.shape().unwrap_or(Shape::Any),
                    String::new(),
                ));
            }
        }
        if props.is_empty() && draft.n_tables == 0 {
            let at = draft.first;
            let message =
                format!("type `{name}` has no table and no sample; written as a bare object");
            diagnostics.push(Diagnostic::note(
                &pages[at.page].file,
                at.line,
                "schema-without-table",
                message,
            ));
        }
        res.insert(name.clone(), Component { props });
    }
    fill_from_other_types(&mut res, unresolved, pages, diagnostics);
    lift_recurring_inline(&mut res);
    add_missing_targets(&mut res);
    res
}

/// For each property name, the type name its Type cells give most often (ties: the smaller
/// name).
fn names_by_property(registry: &Registry) -> HashMap<&str, &str> {
    let mut counts: HashMap<&str, BTreeMap<&str, usize>> = HashMap::new();
    for draft in registry.drafts.values() {
        for (prop_name, prop) in &draft.props {
            for (word, _) in &prop.votes {
                if let TypeWord::Named(name) = word {
                    *counts
                        .entry(prop_name)
                        .or_default()
                        .entry(name)
                        .or_default() += 1;
                }
            }
        }
    }
    let mut res = HashMap::with_capacity(counts.len());
    for (prop_name, names) in counts {
        let mut best: Option<(&str, usize)> = None;
        for (name, n) in names {
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((name, n));
            }
        }
        if let Some((name, _)) = best {
            res.insert(prop_name, name);
        }
    }
    res
}

/// The declared type, refined by what the samples showed where the page is vague.
fn settle_prop(declared: &TypeWord, learned: Option<Shape>) -> Shape {
    match declared {
        // Evidence exists for a named type only when the name is doubtful (see `infer`).
        TypeWord::Named(name) => match learned {
            Some(shape @ (Shape::Ref(_) | Shape::Map(_) | Shape::Inline(_) | Shape::Array(_))) => {
                shape
            }
            _ => Shape::Ref(name.clone()),
        },
        TypeWord::Known(Shape::Prim(Prim::String)) => match learned {
            Some(Shape::Prim(Prim::DateTime)) => Shape::Prim(Prim::DateTime),
            _ => Shape::Prim(Prim::String),
        },
        TypeWord::Known(shape) => shape.clone(),
        TypeWord::Array => match learned {
            Some(shape @ Shape::Array(_)) => shape,
            _ => Shape::Array(Box::new(Shape::Any)),
        },
        TypeWord::Object => match learned {
            Some(shape @ (Shape::Ref(_) | Shape::Map(_) | Shape::Inline(_) | Shape::Object)) => {
                shape
            }
            _ => Shape::Object,
        },
        TypeWord::Empty | TypeWord::Unknown(_) => learned.unwrap_or(Shape::Any),
    }
}

/// Reports a named type the samples overruled.
fn report_overruled(
    schema: &str,
    prop: &str,
    named: &str,
    shape: &Shape,
    loc: Option<Loc>,
    pages: &[Page],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if *shape == Shape::Ref(named.to_string()) {
        return;
    }
    let Some(loc) = loc else { return };
    let message = format!(
        "`{schema}.{prop}` is typed `{named}`, but its samples show {}; the samples win",
        shape.label()
    );
    diagnostics.push(Diagnostic::warning(
        &pages[loc.page].file,
        loc.line,
        "type-overruled-by-sample",
        message,
    ));
}

/// Whether a settled shape is still missing its item or value type.
fn needs_more(shape: &Shape) -> bool {
    match shape {
        Shape::Array(item) => **item == Shape::Any,
        Shape::Any => true,
        _ => false,
    }
}

/// Unknown array items (and unknown types) taken from the same property name in other types,
/// by majority; what stays unknown is reported.
fn fill_from_other_types(
    res: &mut BTreeMap<String, Component>,
    unresolved: Vec<(String, usize, Option<Loc>)>,
    pages: &[Page],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if unresolved.is_empty() {
        return;
    }
    let wanted: BTreeSet<&str> = unresolved
        .iter()
        .map(|(schema, idx, _)| res[schema].props[*idx].0.as_str())
        .collect();
    let mut by_name: HashMap<String, BTreeMap<Shape, usize>> = HashMap::new();
    for component in res.values() {
        for (prop_name, shape, _) in &component.props {
            if wanted.contains(prop_name.as_str()) && !needs_more(shape) {
                *by_name
                    .entry(prop_name.clone())
                    .or_default()
                    .entry(shape.clone())
                    .or_default() += 1;
            }
        }
    }
    for (schema, idx, loc) in unresolved {
        let prop = &mut res
            .get_mut(&schema)
            .expect("unresolved names a settled type")
            .props[idx];
        let votes = by_name.get(&prop.0);
        let fits = |shape: &Shape| match &prop.1 {
            Shape::Array(_) => matches!(shape, Shape::Array(_)),
            _ => true,
        };
        // The most frequent fitting shape; ties go to the smaller shape (BTreeMap order).
        let mut best: Option<(&Shape, usize)> = None;
        for (shape, n) in votes.into_iter().flatten() {
            if fits(shape) && best.is_none_or(|(_, m)| *n > m) {
                best = Some((shape, *n));
            }
        }
        match best {
            Some((shape, _)) => {
                tracing::debug!(
                    schema,
                    prop = prop.0,
                    "type taken from the same property elsewhere"
                );
                prop.1 = shape.clone();
            }
            None => {
                let Some(loc) = loc else { continue };
                let what = if matches!(prop.1, Shape::Array(_)) {
                    "array items"
                } else {
                    "type"
                };
                let message = format!(
                    "{what} of `{schema}.{}` unknown: no sample and no other type shows them",
                    prop.0
                );
                let file = &pages[loc.page].file;
                diagnostics.push(Diagnostic::warning(file, loc.line, "type-unknown", message));
            }
        }
    }
}

/// Adds an empty component for every `$ref` target that is missing, so no reference dangles.
fn add_missing_targets(res: &mut BTreeMap<String, Component>) {
    let mut targets = BTreeSet::new();
    for component in res.values() {
        for (_, shape, _) in &component.props {
            collect_refs(shape, &mut targets);
        }
    }
    for target in targets {
        res.entry(target)
            .or_insert_with(|| Component { props: Vec::new() });
    }
}

/// Adds every component name a shape refers to.
pub(crate) fn collect_refs(shape: &Shape, acc: &mut BTreeSet<String>) {
    match shape {
        Shape::Ref(name) => {
            acc.insert(name.clone());
        }
        Shape::Array(inner) | Shape::Map(inner) => collect_refs(inner, acc),
        Shape::Inline(props) => props.iter().for_each(|(_, s)| collect_refs(s, acc)),
        Shape::Prim(_) | Shape::Enum(_) | Shape::Object | Shape::Any => {}
    }
}

/// Lowers a settled component to an object schema; descriptions go on non-reference properties
/// (a `$ref` cannot carry siblings in OpenAPI 3.0).
pub(crate) fn to_component_schema(component: &Component) -> ReferenceOr<Schema> {
    let mut schema = Schema {
        schema_data: SchemaData::default(),
        schema_kind: object_kind(component.props.iter().map(|(n, s, _)| (n.clone(), s))),
    };
    if let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) = &mut schema.schema_kind {
        for (name, _, description) in &component.props {
            if description.is_empty() {
                continue;
            }
            if let Some(ReferenceOr::Item(prop)) = object.properties.get_mut(name) {
                prop.schema_data.description = Some(description.clone());
            }
        }
    }
    ReferenceOr::Item(schema)
}

/// Lifts inline objects that recur (the same fields in two or more places) into components
/// named after the property they sit under, singular (`FieldProperties` gives
/// `FieldProperty`), so a shape the samples show again and again is one type.
pub(crate) fn lift_recurring_inline(res: &mut BTreeMap<String, Component>) {
    let mut seen: HashMap<Shape, (usize, String)> = HashMap::new();
    for component in res.values() {
        for (prop_name, shape, _) in &component.props {
            count_inline(shape, prop_name, &mut seen);
        }
    }
    let mut recurring: Vec<(String, Shape)> = seen
        .into_iter()
        .filter(|(shape, (n, _))| *n >= 2 && !matches!(shape, Shape::Inline(f) if f.is_empty()))
        .map(|(shape, (_, prop))| (singular(&prop), shape))
        .collect();
    recurring.sort();
    let mut names: HashMap<Shape, String> = HashMap::new();
    for (base, shape) in recurring {
        let free = |n: &String| !res.contains_key(n) && !names.values().any(|m| m == n);
        let name = std::iter::once(base.clone())
            .chain((2..).map(|i| format!("{base}{i}")))
            .find(free)
            .expect("an unbounded list of names has a free one");
        names.insert(shape, name);
    }
    for component in res.values_mut() {
        for (_, shape, _) in &mut component.props {
            replace_inline(shape, &names);
        }
    }
    for (shape, name) in &names {
        let Shape::Inline(fields) = shape else {
            continue;
        };
        let mut props: Vec<(String, Shape, String)> = fields
            .iter()
            .map(|(n, s)| (n.clone(), s.clone(), String::new()))
            .collect();
        for (_, field, _) in &mut props {
            replace_inline(field, &names);
        }
        tracing::debug!(name, "recurring inline object lifted into a component");
        res.insert(name.clone(), Component { props });
    }
}

fn count_inline(shape: &Shape, prop: &str, seen: &mut HashMap<Shape, (usize, String)>) {
    match shape {
        Shape::Inline(fields) => {
            let entry = seen
                .entry(shape.clone())
                .or_insert_with(|| (0, prop.to_string()));
            entry.0 += 1;
            // The smallest property name wins, so the name does not depend on visiting order.
            if prop < entry.1.as_str() {
                entry.1 = prop.to_string();
            }
            for (field, inner) in fields {
                count_inline(inner, field, seen);
            }
        }
        Shape::Array(inner) | Shape::Map(inner) => count_inline(inner, prop, seen),
        _ => {}
    }
}

fn replace_inline(shape: &mut Shape, names: &HashMap<Shape, String>) {
    if let Some(name) = names.get(shape) {
        *shape = Shape::Ref(name.clone());
        return;
    }
    match shape {
        Shape::Inline(fields) => fields
            .iter_mut()
            .for_each(|(_, s)| replace_inline(s, names)),
        Shape::Array(inner) | Shape::Map(inner) => replace_inline(inner, names),
        _ => {}
    }
}

/// `FieldProperties` gives `FieldProperty`, `Ids` gives `Id`, `Boxes` gives `Box`; a
/// singular word is returned as is.
pub(crate) fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "xes", "ches", "shes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_string();
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_string(),
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_names() {
        assert_eq!(singular("FieldProperties"), "FieldProperty");
        assert_eq!(singular("BerthIds"), "BerthId");
        assert_eq!(singular("Boxes"), "Box");
        assert_eq!(singular("Address"), "Address");
        assert_eq!(singular("Data"), "Data");
    }
}
