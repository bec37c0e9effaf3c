//! The sorted plan of every item to emit.
//!
//! Planning is the serial part of emitting: it settles every name that depends on other items
//! (shared query structs, router functions) and keys each item by (module, item name). The
//! items themselves are then emitted and formatted in parallel, each from the IR alone, and the
//! output follows the keys, never the order in which threads happened to finish.

use std::collections::BTreeMap;

use crate::Error;

/// The generated modules, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Module {
    Types,
    Handlers,
    Server,
}

/// Which part of a named item: the definition comes before its impls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Part {
    Definition,
    Impls,
}

/// One item to emit, by its place in the IR. Indices are into `Ir::types` and `Ir::traits`,
/// and `op` into that trait's operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ItemJob {
    /// A named type with its impls.
    Type(usize),
    /// A handler trait.
    Trait(usize),
    /// The query struct that every operation with the same query parameters reads into,
    /// first needed by `op`; `traits` are those of all its operations, for its cfg.
    QueryStruct {
        tr: usize,
        op: usize,
        name: String,
        traits: Vec<usize>,
    },
    /// The axum handler of one operation.
    Handler {
        tr: usize,
        op: usize,
        parser: Option<String>,
    },
    /// The function that reads one `Params` struct from a request, for every operation that
    /// shares the struct; `op` is the first, `traits` those of all of them (for its cfg).
    ParamsParser {
        tr: usize,
        op: usize,
        name: String,
        query_type: Option<String>,
        traits: Vec<usize>,
    },
    /// `IntoResponse` for an operation's response enum.
    IntoResponse { tr: usize, op: usize },
    /// The router of one trait.
    TraitRouter { tr: usize, name: String },
    /// The router over all traits, merging the per-trait routers.
    Router { trait_routers: Vec<String> },
    /// The `bounds` module that lets `router` ask only for the traits of enabled features.
    Bounds,
    /// The `ROUTES` table.
    RouteTable,
}

#[derive(Debug, Default)]
pub(crate) struct ItemPlan {
    items: BTreeMap<(Module, String, Part), ItemJob>,
}

impl ItemPlan {
    /// Adds an item; two items with the same key are a bug in the generator.
    pub(crate) fn push(
        &mut self,
        module: Module,
        name: &str,
        part: Part,
        job: ItemJob,
    ) -> Result<(), Error> {
        let key = (module, name.to_owned(), part);
        if self.items.contains_key(&key) {
            let what = format!("two items named `{name}` in {module:?} ({part:?})");
            return Err(Error::Internal { what });
        }
        self.items.insert(key, job);
        Ok(())
    }

    /// Every item with its module, in key order.
    pub(crate) fn items(&self) -> impl Iterator<Item = (Module, &ItemJob)> {
        self.items
            .iter()
            .map(|((module, _, _), job)| (*module, job))
    }
}

#[cfg(test)]
mod tests {
    use super::{ItemJob, ItemPlan, Module, Part};

    #[test]
    fn orders_by_module_then_name_then_part() {
        let mut plan = ItemPlan::default();
        let mut push = |module, name: &str, part, idx| {
            plan.push(module, name, part, ItemJob::Type(idx)).unwrap();
        };
        push(Module::Server, "a", Part::Definition, 0);
        push(Module::Types, "b", Part::Impls, 1);
        push(Module::Types, "b", Part::Definition, 2);
        push(Module::Types, "B", Part::Definition, 3);
        push(Module::Types, "a", Part::Definition, 4);
        let order: Vec<(Module, usize)> = plan
            .items()
            .map(|(module, job)| match job {
                ItemJob::Type(idx) => (module, *idx),
                _ => unreachable!("only types were planned"),
            })
            .collect();
        let types = Module::Types;
        assert_eq!(
            order,
            [
                (types, 3),
                (types, 4),
                (types, 2),
                (types, 1),
                (Module::Server, 0)
            ]
        );
    }

    #[test]
    fn refuses_duplicates() {
        let mut plan = ItemPlan::default();
        plan.push(Module::Types, "a", Part::Definition, ItemJob::RouteTable)
            .unwrap();
        let again = plan.push(Module::Types, "a", Part::Definition, ItemJob::RouteTable);
        assert!(again.is_err());
    }
}
