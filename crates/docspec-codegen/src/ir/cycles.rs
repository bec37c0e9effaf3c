//! Finds types that contain themselves by value and boxes the fields that close the cycle.

use std::collections::BTreeMap;

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Marks every struct field and untagged variant whose type holds, by value, a type in the same
/// strongly connected component as its owner. `Vec` and maps already add indirection, `Option`
/// does not.
pub(crate) fn box_cycles(types: &mut [TypeDef]) {
    let index: BTreeMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(idx, def)| (def.name.clone(), idx))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|def| {
            by_value_refs(&def.kind)
                .iter()
                .filter_map(|name| index.get(name).copied())
                .collect()
        })
        .collect();
    let component = strongly_connected_components(&edges);
    let in_cycle = |owner: usize, ty: &TypeRef| match by_value_target(ty) {
        Some(name) => index
            .get(name)
            .is_some_and(|&target| component[target] == component[owner]),
        None => false,
    };
    for (owner, def) in types.iter_mut().enumerate() {
        match &mut def.kind {
            TypeKind::Struct(def) | TypeKind::Params(def) => {
                for field in &mut def.fields {
                    field.boxed = in_cycle(owner, &field.ty);
                }
            }
            TypeKind::Untagged(variants) => {
                for variant in variants {
                    variant.boxed = in_cycle(owner, &variant.ty);
                }
            }
            TypeKind::StringEnum(_) | TypeKind::Alias(_) | TypeKind::Response(_) => {}
        }
    }
}

/// The named types a type holds by value.
fn by_value_refs(kind: &TypeKind) -> Vec<String> {
    let types: Vec<&TypeRef> = match kind {
        TypeKind::Struct(def) | TypeKind::Params(def) => def.fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Untagged(variants) => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) => vec![ty],
        TypeKind::StringEnum(_) | TypeKind::Response(_) => Vec::new(),
    };
    types
        .into_iter()
        .filter_map(by_value_target)
        .map(str::to_owned)
        .collect()
}

fn by_value_target(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Option(inner) => by_value_target(inner),
        TypeRef::Primitive(_) | TypeRef::Vec(_) | TypeRef::Map(_) => None,
    }
}

/// Tarjan's algorithm; returns a component id per node.
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    struct State<'a> {
        edges: &'a [Vec<usize>],
        next_index: usize,
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        component: Vec<usize>,
        n_components: usize,
    }

    fn visit(state: &mut State<'_>, node: usize) {
        state.index[node] = Some(state.next_index);
        state.low[node] = state.next_index;
        state.next_index += 1;
        state.stack.push(node);
        state.on_stack[node] = true;
        for &next in &state.edges[node] {
            match state.index[next] {
                None => {
                    visit(state, next);
                    state.low[node] = state.low[node].min(state.low[next]);
                }
                Some(next_index) if state.on_stack[next] => {
                    state.low[node] = state.low[node].min(next_index);
                }
                Some(_) => {}
            }
        }
        if Some(state.low[node]) == state.index[node] {
            while let Some(member) = state.stack.pop() {
                state.on_stack[member] = false;
                state.component[member] = state.n_components;
                if member == node {
                    break;
                }
            }
            state.n_components += 1;
        }
    }

    let n = edges.len();
    let mut state = State {
        edges,
        next_index: 0,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        component: vec![0; n],
        n_components: 0,
    };
    for node in 0..n {
        if state.index[node].is_none() {
            visit(&mut state, node);
        }
    }
    state.component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected_components;

    #[test]
    fn finds_self_loops_and_longer_cycles() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone.
        let components =
            strongly_connected_components(&[vec![1], vec![2], vec![0], vec![3], vec![]]);
        assert_eq!(components[0], components[1]);
        assert_eq!(components[1], components[2]);
        assert_ne!(components[0], components[3]);
        assert_ne!(components[3], components[4]);
    }
}
