//! One `Params` struct and one response enum for every set of operations that would otherwise
//! get identical ones.
//!
//! Large APIs repeat a few parameter lists (the same headers, `$select`, one id) and a few
//! response lists (`200` with some body) over thousands of operations. Each operation keeps
//! its own type names, but every name after the first becomes an alias of the first type, and
//! the server glue reads each `Params` struct with one shared function and answers each enum
//! with one `IntoResponse` impl. In a large reference API only about one operation in five
//! needs types of its own; every type dropped is derives and glue the compiler no longer
//! checks.

use std::collections::BTreeMap;

use crate::ir::{Ir, Operation, TypeDef, TypeKind, TypeRef};

/// Turns every `Params` struct and response enum equal to an earlier one (in canonical order)
/// into an alias of it, and records on each operation which types it really uses. Run after
/// [`super::sort`].
pub(crate) fn share_operation_types(ir: &mut Ir) {
    let index: BTreeMap<String, usize> = ir
        .types
        .iter()
        .enumerate()
        .map(|(idx, def)| (def.name.clone(), idx))
        .collect();
    let mut params = Sharing::new("Parameters");
    let mut responses = Sharing::new("Responses");
    for operation in ir.traits.iter_mut().flat_map(|t| t.operations.iter_mut()) {
        if let Some(params_type) = &operation.params_type
            && let Some(&idx) = index.get(params_type)
            && let TypeKind::Params(def) = &ir.types[idx].kind
        {
            let key = format!("{def:?}\u{0}{}", wire_key(operation));
            let first = params.share(&mut ir.types, idx, key, &operation.method_name);
            operation.params_struct = Some(first);
        }
        if let Some(&idx) = index.get(&operation.response_type)
            && let TypeKind::Response(variants) = &ir.types[idx].kind
        {
            let key = format!("{variants:?}");
            operation.response_enum =
                responses.share(&mut ir.types, idx, key, &operation.method_name);
        }
    }
    params.document_shared(&mut ir.types, &index);
    responses.document_shared(&mut ir.types, &index);
}

/// The types of one kind seen so far, by content.
struct Sharing {
    /// How docs name the kind ("Parameters").
    what: &'static str,
    /// Per content key: the first type's name and the operations that use it.
    first_by_key: BTreeMap<String, (String, Vec<String>)>,
}

impl Sharing {
    fn new(what: &'static str) -> Self {
        Sharing {
            what,
            first_by_key: BTreeMap::new(),
        }
    }

    /// Returns the type that operation `method`'s type `types[idx]` shares; when that is an
    /// earlier one, makes `types[idx]` an alias of it.
    fn share(&mut self, types: &mut [TypeDef], idx: usize, key: String, method: &str) -> String {
        let name = &types[idx].name;
        let (first, users) = self
            .first_by_key
            .entry(key)
            .or_insert_with(|| (name.clone(), Vec::new()));
        users.push(method.to_owned());
        if first != name {
            let def = &mut types[idx];
            def.doc = Some(format!(
                "{} of `{method}`: the same as [`{first}`].",
                self.what
            ));
            def.kind = TypeKind::Alias(TypeRef::Named(first.clone()));
        }
        first.clone()
    }

    /// Says on every shared type that others use it too.
    fn document_shared(self, types: &mut [TypeDef], index: &BTreeMap<String, usize>) {
        for (first, users) in self.first_by_key.into_values() {
            if users.len() > 1 {
                types[index[&first]].doc = Some(format!(
                    "{} of `{}` and of every operation with the same ones.",
                    self.what, users[0]
                ));
            }
        }
    }
}

/// Where each parameter is read from: its location, wire name and place in the path.
fn wire_key(operation: &Operation) -> String {
    let mut key = String::new();
    for (idx, param) in operation.params.iter().enumerate() {
        let position = operation.path_order.iter().position(|&p| p == idx);
        key.push_str(&format!(
            "{:?}\u{0}{}\u{0}{position:?}\u{0}",
            param.location, param.wire
        ));
    }
    key
}
