//! The one place a [`Cfg`] becomes an attribute, so every gated item is gated the same way.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Cfg;

/// `#[cfg(feature = "a")]`, `#[cfg(any(feature = "a", feature = "b"))]`, or nothing.
pub(crate) fn cfg_attr(cfg: &Cfg) -> TokenStream {
    match cfg {
        Cfg::Always => TokenStream::new(),
        Cfg::AnyFeature(features) => match &features[..] {
            [feature] => quote!(#[cfg(feature = #feature)]),
            _ => quote!(#[cfg(any(#(feature = #features),*))]),
        },
    }
}

/// The union of several conditions: always when any of them is.
pub(crate) fn cfg_union<'c>(cfgs: impl IntoIterator<Item = &'c Cfg>) -> Cfg {
    let mut features = Vec::new();
    for cfg in cfgs {
        match cfg {
            Cfg::Always => return Cfg::Always,
            Cfg::AnyFeature(some) => features.extend(some.iter().cloned()),
        }
    }
    features.sort();
    features.dedup();
    match features.is_empty() {
        true => Cfg::Always,
        false => Cfg::AnyFeature(features),
    }
}
