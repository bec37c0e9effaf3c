//! YAML output. serde_yaml_ng writes a large document one byte at a time, and the paths are
//! nine tenths of one built from many pages; so the paths are written in chunks on a few
//! threads and spliced into the rest of the document, one level deeper. The text is the same,
//! byte for byte, as writing the whole document in one go (a test holds it to that).

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, Paths, ReferenceOr};

/// Below this many paths a thread costs more than it saves.
const MIN_PATHS_PER_THREAD: usize = 256;

/// Serializes a document as YAML, deterministically.
pub(crate) fn to_yaml(openapi: &OpenAPI) -> Result<String, serde_yaml_ng::Error> {
    let paths = &openapi.paths;
    let n_threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(paths.paths.len() / MIN_PATHS_PER_THREAD);
    // Extensions on the paths object would be written among the paths; keep it simple.
    if n_threads < 2 || !paths.extensions.is_empty() {
        return serde_yaml_ng::to_string(openapi);
    }

    // The document without its paths, which serializes as `paths: {}` in its place.
    let skeleton = OpenAPI {
        openapi: openapi.openapi.clone(),
        info: openapi.info.clone(),
        servers: openapi.servers.clone(),
        paths: Paths::default(),
        components: openapi.components.clone(),
        security: openapi.security.clone(),
        tags: openapi.tags.clone(),
        external_docs: openapi.external_docs.clone(),
        extensions: openapi.extensions.clone(),
    };
    let chunk_len = paths.paths.len().div_ceil(n_threads);
    let entries: Vec<(&String, &ReferenceOr<PathItem>)> = paths.paths.iter().collect();
    let (skeleton_text, chunk_texts) = std::thread::scope(|scope| {
        let workers: Vec<_> = entries
            .chunks(chunk_len)
            .map(|chunk| scope.spawn(move || serialize_chunk(chunk)))
            .collect();
        let skeleton_text = serde_yaml_ng::to_string(&skeleton);
        let chunk_texts: Vec<_> = workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        (skeleton_text, chunk_texts)
    });
    let skeleton_text = skeleton_text?;

    let Some((before, after)) = skeleton_text.split_once("\npaths: {}\n") else {
        // Not the layout expected; fall back rather than splice wrongly.
        return serde_yaml_ng::to_string(openapi);
    };
    let mut text = String::with_capacity(skeleton_text.len() + entries.len() * 2048);
    text.push_str(before);
    text.push_str("\npaths:\n");
    for chunk_text in chunk_texts {
        for line in chunk_text?.split_inclusive('\n') {
            // Empty lines (inside block scalars) carry no indentation, as serde_yaml_ng
            // writes them.
            if line != "\n" {
                text.push_str("  ");
            }
            text.push_str(line);
        }
    }
    text.push_str(after);
    Ok(text)
}

/// Some paths as a YAML mapping of their own, as if at the top level.
fn serialize_chunk(
    chunk: &[(&String, &ReferenceOr<PathItem>)],
) -> Result<String, serde_yaml_ng::Error> {
    let map: IndexMap<&String, &ReferenceOr<PathItem>> = chunk.iter().copied().collect();
    serde_yaml_ng::to_string(&map)
}

#[cfg(test)]
mod tests {
    use openapiv3::{OpenAPI, PathItem, ReferenceOr};

    /// A document with enough paths to be written in chunks, with the parts that are easiest
    /// to get wrong when text is indented: block scalars, sequences, quoting, extensions.
    fn document() -> OpenAPI {
        let mut openapi: OpenAPI = serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "Chunks", "version": "1"},
            "paths": {},
            "components": {"schemas": {"Dock": {"type": "object"}}},
            "tags": [{"name": "Dock"}],
            "x-note": "after the paths"
        }))
        .unwrap();
        for idx in 0..1200 {
            let item: PathItem = serde_json::from_value(serde_json::json!({
                "get": {
                    "tags": ["Dock", "Berth"],
                    "description": format!("Line one of {idx}.\n  Indented line two.\n\nThree: 'x'"),
                    "parameters": [{"in": "query", "name": "n", "schema": {"type": "integer"}}],
                    "responses": {"200": {"description": "#hash, colon: yes"}}
                }
            }))
            .unwrap();
            openapi
                .paths
                .paths
                .insert(format!("/docks/{idx}/{{id}}"), ReferenceOr::Item(item));
        }
        openapi
    }

    #[test]
    fn chunked_text_is_the_text_of_one_pass() {
        let openapi = document();
        let chunked = super::to_yaml(&openapi).unwrap();
        let whole = serde_yaml_ng::to_string(&openapi).unwrap();
        let first_diff = chunked.lines().zip(whole.lines()).find(|(a, b)| a != b);
        assert!(chunked == whole, "chunked output differs: {first_diff:?}");
        let back: OpenAPI = serde_yaml_ng::from_str(&chunked).unwrap();
        assert_eq!(back, openapi);
    }
}
