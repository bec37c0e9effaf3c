//! The per-tag features as the generated `Cargo.toml` and README write them.

use crate::ir::Ir;

/// The tags' feature names, quoted, for `all-tags = [...]`.
pub(crate) fn all_tags_list(ir: &Ir) -> String {
    let quoted: Vec<String> = features(ir)
        .map(|feature| format!("\"{feature}\""))
        .collect();
    quoted.join(", ")
}

/// One `name = []` line per tag.
pub(crate) fn tag_feature_lines(ir: &Ir) -> String {
    features(ir)
        .map(|feature| format!("{feature} = []\n"))
        .collect()
}

/// The features a README example enables: the first tag's and `server`.
pub(crate) fn example_features(ir: &Ir) -> String {
    let first = features(ir)
        .next()
        .map(|feature| format!("\"{feature}\", "));
    format!("{}\"server\"", first.unwrap_or_default())
}

/// A markdown list item per trait with its feature and number of operations.
pub(crate) fn trait_list(ir: &Ir) -> String {
    let items: Vec<String> = ir
        .traits
        .iter()
        .map(|t| {
            let feature = t
                .feature
                .as_deref()
                .map(|f| format!("feature `{f}`, "))
                .unwrap_or_default();
            let n = t.operations.len();
            let noun = if n == 1 { "operation" } else { "operations" };
            format!("- `{}` ({feature}{n} {noun})", t.name)
        })
        .collect();
    match items.is_empty() {
        true => "(none)".to_owned(),
        false => items.join("\n"),
    }
}

fn features(ir: &Ir) -> impl Iterator<Item = &str> {
    ir.traits.iter().filter_map(|t| t.feature.as_deref())
}
