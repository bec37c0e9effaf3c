//! Builds one OpenAPI 3.0.3 document from the pages `docspec-parse` read: operations,
//! parameters, bodies, responses, and one schema per type name, with vague types (`array`,
//! `object`) recovered from sample JSON and from the other pages.
//!
//! The pipeline ([`build_spec`]), one module per step:
//! 1. `samples`: parse every sample body once.
//! 2. `placeholders`: find the `Response body: Name` headings the page generator got wrong.
//! 3. `schemas`: collect the trusted named tables into one draft per type name.
//! 4. `bodies`: plan response, then request bodies; unnamed tables become the known type
//!    whose properties they match, or components named after their operation.
//! 5. `schemas` again: settle each property's type by majority, reporting dissent.
//! 6. `infer`: walk the samples along the schemas to learn what vague types really are.
//! 7. `components`: settle every draft into a component; lift recurring inline objects.
//! 8. `params`, `security`, `operations`: build each page's operation.
//! 9. `order`: assemble the document in a fixed order (see there for the rules).
//!
//! The output depends only on the pages' content and order, never on hash order.

#![deny(missing_docs)]

mod bodies;
mod components;
mod infer;
mod operations;
mod order;
mod params;
mod placeholders;
mod samples;
mod schemas;
mod security;
mod types;
mod yaml;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use docspec_parse::{Diagnostic, HttpMethod, Page};
use openapiv3::OpenAPI;

use crate::bodies::{PagePlan, Payload, Planner};
use crate::infer::{Matcher, Walker};
use crate::samples::{PageSamples, SampleBody};
use crate::schemas::{Loc, Origin, Registry};
use crate::types::{Prim, Shape};

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
    /// The builder's diagnostics counted by kind (`type-disagreement`, ...), in kind order.
    pub diagnostics_by_kind: BTreeMap<&'static str, usize>,
}

/// Builds the document from `pages`. Pages must be in a deterministic order (the parser sorts
/// them by path); the output depends only on their content.
pub fn build_spec(pages: &[Page], settings: &SpecSettings) -> SpecOutput {
    let mut diagnostics = Vec::new();

    // Which pages become operations, under which ids.
    let accepted = accept_pages(pages, &mut diagnostics);

    // Samples, parsed once.
    let mut samples = samples::parse_all(pages, &mut diagnostics);

    // Named tables: one draft per type name, leaving out tables under a wrong name.
    let accepted_idx: Vec<usize> = accepted.iter().map(|(idx, _)| *idx).collect();
    let headings = placeholders::judge_headings(pages, &accepted_idx);
    let mut registry = Registry::default();
    for (name, idx) in &headings.kept {
        add_named_table(&mut registry, name, &pages[*idx], *idx);
    }

    // Bodies: request components, array elements, no-content responses.
    let mut matcher = Matcher::build(&registry);
    let mut planner = Planner {
        registry: &mut registry,
        matcher: &mut matcher,
        placeholders: &headings.placeholders,
        demoted: &headings.demoted,
        diagnostics: &mut diagnostics,
        made: HashMap::new(),
    };
    let mut plans: Vec<(usize, PagePlan)> = accepted
        .iter()
        .map(|&(idx, _)| (idx, planner.plan_response(&pages[idx], idx, &samples[idx])))
        .collect();
    let made = std::mem::take(&mut planner.made);
    let mut matcher = Matcher::build(&registry);
    let mut planner = Planner {
        registry: &mut registry,
        matcher: &mut matcher,
        placeholders: &headings.placeholders,
        demoted: &headings.demoted,
        diagnostics: &mut diagnostics,
        made,
    };
    for (idx, plan) in &mut plans {
        planner.plan_request(&pages[*idx], *idx, &samples[*idx], plan);
    }
    registry.collect_references();

    // Majority vote on every property's type.
    registry.vote(pages, &mut diagnostics);

    // Samples walked along the schemas; vague bodies read from their samples.
    let mut matcher = Matcher::build(&registry);
    let mut walker = Walker::new(&registry, &mut matcher, &headings.placeholders);
    let shapes: Vec<(Option<Shape>, Option<Shape>)> = plans
        .iter()
        .map(|(idx, plan)| {
            let (_, op_name) = bodies::operation_name_parts(&pages[*idx]);
            body_shapes(&mut walker, plan, &samples[*idx], &op_name)
        })
        .collect();

    // Components, then operations.
    let mut settled = components::settle(
        &registry,
        &walker,
        &headings.placeholders,
        pages,
        &mut diagnostics,
    );
    add_body_targets(&mut settled, &shapes);
    let base = api_base(pages, &accepted);
    let work: Vec<OperationWork<'_>> = accepted
        .iter()
        .zip(&plans)
        .zip(shapes)
        .map(
            |((&(idx, ref operation_id), (_, plan)), (request, response))| OperationWork {
                idx,
                operation_id,
                primary: plan.primary,
                request,
                response,
                samples: std::mem::take(&mut samples[idx]),
            },
        )
        .collect();
    let (operations, header_params, security_schemes) =
        build_operations(pages, work, base.as_deref(), &mut diagnostics);

    let n_schemas = settled.len();
    let schemas = settled
        .iter()
        .map(|(name, c)| (name.clone(), components::to_component_schema(c)))
        .collect();
    let openapi = order::assemble(order::Parts {
        info: openapiv3::Info {
            title: settings.title.clone(),
            version: settings.version.clone(),
            ..Default::default()
        },
        server: base,
        operations,
        schemas,
        parameters: header_params,
        security_schemes,
    });
    let summary = Summary {
        pages: accepted.len(),
        operations: accepted.len(),
        schemas: n_schemas,
        diagnostics_by_kind: count_by_kind(&diagnostics),
    };
    tracing::info!(
        pages = summary.pages,
        schemas = summary.schemas,
        diagnostics = diagnostics.len(),
        "built the OpenAPI document"
    );
    SpecOutput {
        openapi,
        diagnostics,
        summary,
    }
}

/// Serializes a document as YAML, deterministically; the same text as `serde_yaml_ng` writes,
/// faster for large documents.
pub fn to_yaml(openapi: &OpenAPI) -> Result<String, serde_yaml_ng::Error> {
    yaml::to_yaml(openapi)
}

/// Serializes a document as pretty JSON with a trailing newline, deterministically.
pub fn to_json(openapi: &OpenAPI) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(openapi)?;
    text.push('\n');
    Ok(text)
}

/// The pages that become operations, with their operation ids. A page whose method and path
/// repeat an earlier page's is dropped; a repeated operation id gets a numeric suffix. Both
/// are reported.
fn accept_pages(pages: &[Page], diagnostics: &mut Vec<Diagnostic>) -> Vec<(usize, String)> {
    let mut endpoints: HashMap<(HttpMethod, &str), usize> = HashMap::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut res = Vec::with_capacity(pages.len());
    for (idx, page) in pages.iter().enumerate() {
        if let Some(first) = endpoints.insert((page.method, page.path.value.as_str()), idx) {
            endpoints.insert((page.method, page.path.value.as_str()), first);
            let message = format!(
                "{} {} is already documented by {}; this page is skipped",
                page.method.as_str(),
                page.path.value,
                pages[first].file.display()
            );
            diagnostics.push(Diagnostic::warning(
                &page.file,
                page.path.line,
                "duplicate-endpoint",
                message,
            ));
            continue;
        }
        let (id, line) = match &page.uid {
            Some(uid) => (uid.value.trim().to_string(), uid.line),
            None => {
                let (group, op) = bodies::operation_name_parts(page);
                let message = "page has no `uid`; the operation id is made from method and path";
                diagnostics.push(Diagnostic::warning(
                    &page.file,
                    1,
                    "missing-operation-id",
                    message,
                ));
                (format!("{group}{op}"), 1)
            }
        };
        let seen = ids.entry(id.clone()).or_default();
        *seen += 1;
        let id = match *seen {
            1 => id,
            n => {
                let message =
                    format!("operation id `{id}` is used by an earlier page; renamed `{id}_{n}`");
                diagnostics.push(Diagnostic::warning(
                    &page.file,
                    line,
                    "duplicate-operation-id",
                    message,
                ));
                format!("{id}_{n}")
            }
        };
        res.push((idx, id));
    }
    res
}

/// What one accepted page's operation is built from, besides the page.
struct OperationWork<'a> {
    idx: usize,
    operation_id: &'a str,
    primary: Option<u16>,
    request: Option<Shape>,
    response: Option<Shape>,
    samples: PageSamples,
}

/// The operations (with their relative paths), the shared header parameters and the
/// security schemes of the accepted pages, in page order.
type BuiltOperations = (
    Vec<(String, HttpMethod, openapiv3::Operation)>,
    params::HeaderComponents,
    BTreeMap<String, openapiv3::SecurityScheme>,
);

/// Builds the operations on all cores: pages are independent here, and this step was a large
/// share of the single-threaded build. Each thread takes a contiguous run of pages; the runs
/// are merged in page order, and a header parameter or scheme keeps the first run's entry,
/// so the result (first sight wins) and the diagnostics' order match a sequential build.
fn build_operations(
    pages: &[Page],
    work: Vec<OperationWork<'_>>,
    base: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BuiltOperations {
    let n_threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk_len = work.len().div_ceil(n_threads).max(1);
    let mut chunks: Vec<Vec<OperationWork<'_>>> = Vec::with_capacity(n_threads);
    let mut rest = work;
    while rest.len() > chunk_len {
        let tail = rest.split_off(chunk_len);
        chunks.push(rest);
        rest = tail;
    }
    chunks.push(rest);
    let parts: Vec<(BuiltOperations, Vec<Diagnostic>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| scope.spawn(move || build_operation_run(pages, chunk, base)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("building operations does not panic"))
            .collect()
    });
    let mut res: BuiltOperations = (
        Vec::with_capacity(pages.len()),
        BTreeMap::new(),
        BTreeMap::new(),
    );
    for ((operations, header_params, security_schemes), diags) in parts {
        res.0.extend(operations);
        for (name, param) in header_params {
            res.1.entry(name).or_insert(param);
        }
        for (name, scheme) in security_schemes {
            res.2.entry(name).or_insert(scheme);
        }
        diagnostics.extend(diags);
    }
    res
}

/// Builds the operations of a run of pages, in order, with the run's own diagnostics.
fn build_operation_run(
    pages: &[Page],
    run: Vec<OperationWork<'_>>,
    base: Option<&str>,
) -> (BuiltOperations, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut header_params = params::HeaderComponents::new();
    let mut security_schemes = BTreeMap::new();
    let mut operations = Vec::with_capacity(run.len());
    for item in run {
        let page = &pages[item.idx];
        let transport = security::transport(page);
        for scheme in &transport.schemes {
            security_schemes
                .entry(scheme.clone())
                .or_insert_with(|| security::scheme_for(scheme));
        }
        let parts = operations::OperationParts {
            operation_id: item.operation_id.to_string(),
            parameters: params::parameters(page, &mut header_params, &mut diagnostics),
            request: item.request,
            primary: item.primary,
            response: item.response,
            samples: item.samples,
            transport: &transport,
        };
        let path = relative_path(&page.path.value, base);
        operations.push((path, page.method, operations::build_operation(page, parts)));
    }
    ((operations, header_params, security_schemes), diagnostics)
}

/// Records the page's `Response body: Name` table as a definition of `name`.
fn add_named_table(registry: &mut Registry, name: &str, page: &Page, idx: usize) {
    let Some(body) = &page.response.body else {
        return;
    };
    let Some(props) = body.properties.as_deref().filter(|p| !p.is_empty()) else {
        return;
    };
    registry.add_table(
        name,
        props,
        Loc {
            page: idx,
            line: body.line,
        },
        Origin::Named,
    );
}

/// The request and response shapes of a page: walks its samples along definite shapes, and
/// reads vague ones from the samples.
fn body_shapes(
    walker: &mut Walker<'_>,
    plan: &PagePlan,
    samples: &PageSamples,
    op_name: &str,
) -> (Option<Shape>, Option<Shape>) {
    let request_sample = samples.request.as_ref();
    let response_sample = plan.primary.and_then(|status| samples.response(status));
    let request = plan.request.as_ref();
    let request = request.and_then(|p| settle_payload(walker, p, request_sample, op_name));
    let response = plan.response.as_ref();
    let response = response.and_then(|p| settle_payload(walker, p, response_sample, op_name));
    (request, response)
}

fn settle_payload(
    walker: &mut Walker<'_>,
    payload: &Payload,
    sample: Option<&SampleBody>,
    op_name: &str,
) -> Option<Shape> {
    match (payload, sample) {
        (Payload::Shape(shape), Some(SampleBody::Json(value))) => {
            walker.walk(shape, value);
            Some(shape.clone())
        }
        (Payload::Shape(shape), _) => Some(shape.clone()),
        (Payload::FromSample { fallback }, Some(SampleBody::Json(value))) => walker
            .observe(value, op_name)
            .shape()
            .or_else(|| fallback.clone()),
        // A sample with a binary content type and no JSON shows raw bytes.
        (Payload::FromSample { .. }, Some(SampleBody::Bytes(_))) => Some(Shape::Prim(Prim::Binary)),
        (Payload::FromSample { fallback }, _) => fallback.clone(),
    }
}

/// Adds an empty component for every type a body refers to that has none yet.
fn add_body_targets(
    settled: &mut BTreeMap<String, components::Component>,
    shapes: &[(Option<Shape>, Option<Shape>)],
) {
    let mut targets = BTreeSet::new();
    for shape in shapes.iter().flat_map(|(a, b)| [a, b]).flatten() {
        components::collect_refs(shape, &mut targets);
    }
    for target in targets {
        settled
            .entry(target)
            .or_insert_with(|| components::Component { props: Vec::new() });
    }
}

/// The API base every path starts with: the segments up to the version segment (`/api/v1`),
/// if all pages share it. It goes to `servers` and paths are written relative to it.
fn api_base(pages: &[Page], accepted: &[(usize, String)]) -> Option<String> {
    let mut base: Option<&str> = None;
    for (idx, _) in accepted {
        let path = pages[*idx].path.value.as_str();
        let prefix = version_prefix(path)?;
        match base {
            Some(b) if b != prefix => return None,
            _ => base = Some(prefix),
        }
    }
    base.map(str::to_string)
}

/// `/api/v1/Berth/{id}` gives `/api/v1`; `None` if no segment is a version or the version is
/// the last segment.
fn version_prefix(path: &str) -> Option<&str> {
    let mut end = 0;
    for segment in path.split('/').skip(1) {
        end += 1 + segment.len();
        if bodies::is_version_segment(segment) {
            return (end < path.len()).then(|| &path[..end]);
        }
    }
    None
}

fn relative_path(path: &str, base: Option<&str>) -> String {
    match base.and_then(|b| path.strip_prefix(b)) {
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => path.to_string(),
    }
}

fn count_by_kind(diagnostics: &[Diagnostic]) -> BTreeMap<&'static str, usize> {
    let mut res = BTreeMap::new();
    for diagnostic in diagnostics {
        *res.entry(diagnostic.kind).or_default() += 1;
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_is_everything_up_to_the_version() {
        assert_eq!(version_prefix("/api/v1/Berth/{id}"), Some("/api/v1"));
        assert_eq!(version_prefix("/v2/Berth"), Some("/v2"));
        assert_eq!(version_prefix("/api/Berth"), None);
        assert_eq!(version_prefix("/api/v1"), None);
        assert_eq!(relative_path("/api/v1/Berth", Some("/api/v1")), "/Berth");
        assert_eq!(
            relative_path("/api/v10/Berth", Some("/api/v1")),
            "/api/v10/Berth"
        );
    }
}
