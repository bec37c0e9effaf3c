//! The sorted sink every emitted item goes through.
//!
//! Items are keyed by (module, item name, part), so the order of the output is the order of the
//! keys, never the order in which the emitters happened to run.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

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

#[derive(Debug, Default)]
pub(crate) struct ItemSink {
    items: BTreeMap<(Module, String, Part), TokenStream>,
}

impl ItemSink {
    /// Adds an item; two items with the same key are a bug in the generator.
    pub(crate) fn push(
        &mut self,
        module: Module,
        name: &str,
        part: Part,
        tokens: TokenStream,
    ) -> Result<(), Error> {
        let key = (module, name.to_owned(), part);
        if self.items.contains_key(&key) {
            let what = format!("two items named `{name}` in {module:?} ({part:?})");
            return Err(Error::Internal { what });
        }
        self.items.insert(key, tokens);
        Ok(())
    }

    /// The items of one module, in key order.
    pub(crate) fn items(&self, module: Module) -> impl Iterator<Item = &TokenStream> {
        self.items
            .iter()
            .filter(move |((m, _, _), _)| *m == module)
            .map(|(_, tokens)| tokens)
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::{ItemSink, Module, Part};

    #[test]
    fn orders_by_module_then_name_then_part() {
        let mut sink = ItemSink::default();
        let push = |sink: &mut ItemSink, module, name, part| {
            let tokens = quote!(#name);
            sink.push(module, name, part, tokens).unwrap();
        };
        push(&mut sink, Module::Server, "a", Part::Definition);
        push(&mut sink, Module::Types, "b", Part::Impls);
        push(&mut sink, Module::Types, "b", Part::Definition);
        push(&mut sink, Module::Types, "B", Part::Definition);
        push(&mut sink, Module::Types, "a", Part::Definition);
        let order: Vec<String> = [Module::Types, Module::Handlers, Module::Server]
            .into_iter()
            .flat_map(|module| {
                sink.items(module)
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(order, [r#""B""#, r#""a""#, r#""b""#, r#""b""#, r#""a""#]);
    }

    #[test]
    fn refuses_duplicates() {
        let mut sink = ItemSink::default();
        sink.push(Module::Types, "a", Part::Definition, quote!())
            .unwrap();
        assert!(
            sink.push(Module::Types, "a", Part::Definition, quote!())
                .is_err()
        );
    }
}
