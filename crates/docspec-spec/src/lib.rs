//! Builds one OpenAPI 3.0.3 document from the pages `docspec-parse` read: operations,
//! parameters, bodies, responses, and one schema per type name, with vague types (`array`,
//! `object`) recovered from sample JSON and from the other pages.

#![deny(missing_docs)]

use docspec_parse::{Diagnostic, Page};
use openapiv3::OpenAPI;

/// Settings for the spec builder.
#[derive(Debug, Clone)]
pub struct SpecSettings {
    /// `info.title` of the document.
    pub title: String,
    /// `info.version` of the document.
    pub version: String,
}

/// What one build produced.
#[derive(Debug, Clone)]
pub struct SpecOutput {
    /// The document.
    pub openapi: OpenAPI,
    /// Anomalies found while building (page disagreements, unknown type words, ...).
    pub diagnostics: Vec<Diagnostic>,
    /// Counts for the run summary.
    pub summary: Summary,
}

/// Counts for the summary line printed at the end of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Pages that became operations.
    pub pages: usize,
    /// Operations in the document.
    pub operations: usize,
    /// Component schemas in the document.
    pub schemas: usize,
}

/// Builds the document from `pages`. Pages must be in a deterministic order (the parser sorts
/// them by path); the output depends only on their content.
pub fn build_spec(pages: &[Page], settings: &SpecSettings) -> SpecOutput {
    // FIXME: the real builder lands with the spec work; this stub emits an empty document.
    let openapi = OpenAPI {
        openapi: "3.0.3".to_string(),
        info: openapiv3::Info {
            title: settings.title.clone(),
            version: settings.version.clone(),
            ..Default::default()
        },
        ..Default::default()
    };
    SpecOutput {
        openapi,
        diagnostics: Vec::new(),
        summary: Summary { pages: pages.len(), ..Default::default() },
    }
}

/// Serializes a document as YAML, deterministically.
pub fn to_yaml(openapi: &OpenAPI) -> Result<String, serde_yaml_ng::Error> {
    serde_yaml_ng::to_string(openapi)
}

/// Serializes a document as pretty JSON with a trailing newline, deterministically.
pub fn to_json(openapi: &OpenAPI) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(openapi)?;
    text.push('\n');
    Ok(text)
}
