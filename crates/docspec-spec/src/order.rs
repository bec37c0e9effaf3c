//! Assembles the document in a fixed order, so the same pages always give the same bytes.
//!
//! Order rules (every map in `openapiv3` is an insertion-ordered `IndexMap`):
//! - `paths` sorted by path string; within a path item the methods sit in their fixed fields.
//! - Responses of an operation sorted by status code.
//! - `components/schemas`, `components/parameters` and `components/securitySchemes` sorted by
//!   name; `tags` sorted by name.
//! - Properties of a schema keep the page order: the first table's rows, then properties that
//!   only later tables or samples add, in the order met (pages are read in path order).
//! - Parameters of an operation: path (in path order), query (in table order), then headers
//!   (in table order), as the page lists them.

use std::collections::{BTreeMap, BTreeSet};

use docspec_parse::HttpMethod;
use indexmap::IndexMap;
use openapiv3::{
    Components, Info, OpenAPI, Operation, Parameter, PathItem, Paths, ReferenceOr, Schema,
    SecurityScheme, Server, Tag,
};

/// The parts of the document, in any order.
pub(crate) struct Parts {
    pub(crate) info: Info,
    pub(crate) server: Option<String>,
    pub(crate) operations: Vec<(String, HttpMethod, Operation)>,
    pub(crate) schemas: BTreeMap<String, ReferenceOr<Schema>>,
    pub(crate) parameters: BTreeMap<String, Parameter>,
    pub(crate) security_schemes: BTreeMap<String, SecurityScheme>,
}

/// Builds the document with every map in its fixed order.
pub(crate) fn assemble(parts: Parts) -> OpenAPI {
    let mut operations = parts.operations;
    // Sorting the list and filling each path item in turn never holds two copies of the
    // paths, which matters: operations are most of the document's memory.
    operations.sort_by(|a, b| a.0.cmp(&b.0));
    // A path item is ~8.7 KB inline (eight operation slots), so the map is sized exactly:
    // growing it by doubling copied every item on each step and left a third unused.
    let n_paths = 1 + operations.windows(2).filter(|w| w[0].0 != w[1].0).count();
    let mut tags: BTreeSet<String> = BTreeSet::new();
    let mut paths: IndexMap<String, ReferenceOr<PathItem>> = IndexMap::with_capacity(n_paths);
    for (path, method, mut operation) in operations {
        operation.responses.responses.sort_keys();
        tags.extend(operation.tags.iter().cloned());
        let item = match paths
            .entry(path)
            .or_insert_with(|| ReferenceOr::Item(PathItem::default()))
        {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { .. } => unreachable!("path items are never references"),
        };
        let slot = match method {
            HttpMethod::Get => &mut item.get,
            HttpMethod::Post => &mut item.post,
            HttpMethod::Put => &mut item.put,
            HttpMethod::Patch => &mut item.patch,
            HttpMethod::Delete => &mut item.delete,
            HttpMethod::Head => &mut item.head,
            HttpMethod::Options => &mut item.options,
        };
        *slot = Some(operation);
    }
    let components = Components {
        schemas: parts.schemas.into_iter().collect(),
        parameters: parts
            .parameters
            .into_iter()
            .map(|(k, v)| (k, ReferenceOr::Item(v)))
            .collect(),
        security_schemes: parts
            .security_schemes
            .into_iter()
            .map(|(k, v)| (k, ReferenceOr::Item(v)))
            .collect(),
        ..Default::default()
    };
    let servers = parts
        .server
        .into_iter()
        .map(|url| Server {
            url,
            ..Default::default()
        })
        .collect();
    OpenAPI {
        openapi: "3.0.3".to_string(),
        info: parts.info,
        servers,
        paths: Paths {
            paths,
            ..Default::default()
        },
        components: Some(components),
        tags: tags
            .into_iter()
            .map(|name| Tag {
                name,
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}
