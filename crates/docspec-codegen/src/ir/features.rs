//! Per-tag cargo features: names them and decides which items each one compiles.
//!
//! A tag's feature compiles its handler trait and everything its operations reach: parameter
//! and response types, inline types, and the component schemas they refer to, transitively.
//! A type that several tags reach is compiled when any of their features is on. A type that
//! every tag reaches, or none (a schema no operation uses), is compiled always: gating it
//! would only lengthen the output, and an unused schema may still be wanted as data.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;

use crate::ir::{Cfg, Ir, Operation, TypeKind, TypeRef};

/// Whether the output gets per-tag cargo features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gating {
    /// Everything is always compiled (a module that a build script includes: the including
    /// crate would have to declare every feature).
    None,
    /// One feature per tag (a crate of its own, which declares them in its `Cargo.toml`).
    PerTag,
}

/// Feature names that the generated `Cargo.toml` uses for other things.
const RESERVED_FEATURES: [&str; 4] = ["default", "server", "all-tags", "axum"];

/// Names each trait's feature and sets every type's [`Cfg`]; with [`Gating::None`] it leaves
/// everything ungated.
pub(crate) fn assign_features(ir: &mut Ir, gating: Gating) {
    if gating == Gating::None {
        return;
    }
    let mut taken: BTreeSet<String> = RESERVED_FEATURES.map(str::to_owned).into();
    for trait_def in &mut ir.traits {
        trait_def.feature = Some(claim_feature(&trait_def.name, &mut taken));
    }
    let reached_by = tags_reaching_each_type(ir);
    let n_tags = ir.traits.len();
    for (def, tags) in ir.types.iter_mut().zip(reached_by) {
        def.cfg = match tags.len() {
            0 => Cfg::Always,
            n if n == n_tags => Cfg::Always,
            _ => {
                let mut features: Vec<String> = tags
                    .into_iter()
                    .filter_map(|tag| ir.traits[tag].feature.clone())
                    .collect();
                features.sort();
                Cfg::AnyFeature(features)
            }
        };
    }
}

/// A kebab-case feature name from a trait name, unique among `taken` (`-2`, `-3`, ...).
///
/// Trait names are ASCII identifiers that start with a letter, so the result is a valid
/// feature name.
fn claim_feature(trait_name: &str, taken: &mut BTreeSet<String>) -> String {
    let base = trait_name.to_kebab_case();
    let mut candidate = base.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

/// For each type (by index into `ir.types`), the indexes of the traits whose operations reach
/// it through parameters, bodies, responses and the types those refer to.
fn tags_reaching_each_type(ir: &Ir) -> Vec<BTreeSet<usize>> {
    let index: BTreeMap<&str, usize> = ir
        .types
        .iter()
        .enumerate()
        .map(|(idx, def)| (def.name.as_str(), idx))
        .collect();
    let edges: Vec<Vec<usize>> = ir
        .types
        .iter()
        .map(|def| {
            let mut names = Vec::new();
            named_in_kind(&def.kind, &mut names);
            names
                .iter()
                .filter_map(|name| index.get(name).copied())
                .collect()
        })
        .collect();
    let mut reached_by = vec![BTreeSet::new(); ir.types.len()];
    for (tag, trait_def) in ir.traits.iter().enumerate() {
        let mut stack: Vec<usize> = trait_def
            .operations
            .iter()
            .flat_map(operation_roots)
            .filter_map(|name| index.get(name).copied())
            .collect();
        while let Some(idx) = stack.pop() {
            if reached_by[idx].insert(tag) {
                stack.extend(&edges[idx]);
            }
        }
    }
    reached_by
}

/// The types an operation names directly: its parameter struct, body and response enum.
fn operation_roots(operation: &Operation) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    names.extend(operation.params_type.as_deref());
    names.push(&operation.response_type);
    if let Some(body) = &operation.body {
        named_in_ref(&body.ty, &mut names);
    }
    names
}

/// The named types a type definition refers to.
fn named_in_kind<'i>(kind: &'i TypeKind, acc: &mut Vec<&'i str>) {
    match kind {
        TypeKind::Struct(def) | TypeKind::Params(def) => {
            for field in def.fields.iter().chain(&def.additional) {
                named_in_ref(&field.ty, acc);
            }
        }
        TypeKind::Untagged(variants) => {
            for variant in variants {
                named_in_ref(&variant.ty, acc);
            }
        }
        TypeKind::Alias(ty) => named_in_ref(ty, acc),
        TypeKind::Response(variants) => {
            for body in variants.iter().filter_map(|v| v.body.as_ref()) {
                named_in_ref(&body.ty, acc);
            }
        }
        TypeKind::StringEnum(_) => {}
    }
}

fn named_in_ref<'i>(ty: &'i TypeRef, acc: &mut Vec<&'i str>) {
    match ty {
        TypeRef::Named(name) => acc.push(name),
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => {
            named_in_ref(inner, acc)
        }
        TypeRef::Primitive(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::claim_feature;

    #[test]
    fn feature_names_are_kebab_case_unique_and_not_reserved() {
        let mut taken: BTreeSet<String> = super::RESERVED_FEATURES.map(str::to_owned).into();
        assert_eq!(claim_feature("ContactPerson", &mut taken), "contact-person");
        assert_eq!(claim_feature("Server", &mut taken), "server-2");
        assert_eq!(claim_feature("AllTags", &mut taken), "all-tags-2");
        assert_eq!(claim_feature("Contact2", &mut taken), "contact2");
        assert_eq!(
            claim_feature("ContactPERSON", &mut taken),
            "contact-person-2"
        );
    }
}
