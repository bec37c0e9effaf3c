//! Request and response bodies: what each page's body sections say, planned before the
//! schemas are settled.
//!
//! - A request table named `request` is the operation's own carrier: a component named after
//!   the operation (`BookBerthRequest`). Any other request table (`entity`, `berths`) holds a
//!   value of some type: the known type whose properties it matches, else a new component. A
//!   JSON-array request sample makes the body an array of it. A type word without a table
//!   (`string`, `binary`) is the body itself; a body with neither is read from the sample,
//!   else from its name (`berthIds` is a list of ids, a stream is bytes).
//! - The response body belongs to the lowest 2xx status. `204`, or a type name over an empty
//!   table with no sample to show otherwise, means no content: the page generator writes
//!   meaningless names there. A primitive word (`bool`, `byte`) is the body; `array` with the
//!   element's table is an array of that element: a known type when the table matches one
//!   (ties go to the type the operation names), else one named after the operation
//!   (`GetBerthList` gives `BerthListItem`). Operations returning the same unnamed table share
//!   one component. `object` over a table whose sample is a dictionary of that table's objects
//!   is a map of it. A sample that no value of a primitive body can be is reported.
//!
//! FIXME: Element types that match no named table get names made from the operation; the
//! API's own names for them (seen nowhere in the pages) cannot be recovered.

use std::collections::{BTreeSet, HashMap, HashSet};

use docspec_parse::{Body, Diagnostic, Page, Property};
use serde_json::Value;

use crate::infer::{Fit, Matcher};
use crate::samples::{PageSamples, SampleBody};
use crate::schemas::{Loc, Origin, Registry};
use crate::types::{Prim, Shape, TypeWord, parse_type_word};

/// What a body is, or how to find out.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Payload {
    /// The page says what it is.
    Shape(Shape),
    /// The page is vague: read the sample; without one use `fallback` (`None`: no content).
    FromSample { fallback: Option<Shape> },
}

/// The bodies of one page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PagePlan {
    /// The request body, if the page has one.
    pub(crate) request: Option<Payload>,
    /// The status that carries the response body.
    pub(crate) primary: Option<u16>,
    /// The response body of `primary`; `None` for no content.
    pub(crate) response: Option<Payload>,
}

/// The status that carries the response body: the lowest 2xx, else 200 when the page lists
/// no status at all.
pub(crate) fn primary_status(page: &Page) -> Option<u16> {
    let lowest_2xx = page
        .response
        .statuses
        .iter()
        .map(|s| s.code)
        .filter(|c| (200..300).contains(c))
        .min();
    match lowest_2xx {
        Some(code) => Some(code),
        None if page.response.statuses.is_empty() => Some(200),
        None => None,
    }
}

/// Plans the bodies of the page at `page_idx`, creating components for its tables.
pub(crate) struct Planner<'a> {
    pub(crate) registry: &'a mut Registry,
    pub(crate) matcher: &'a mut Matcher,
    pub(crate) placeholders: &'a BTreeSet<String>,
    /// Pages whose response table does not belong to its heading's name.
    pub(crate) demoted: &'a HashSet<usize>,
    pub(crate) diagnostics: &'a mut Vec<Diagnostic>,
    /// Components made from unnamed response tables, by their sorted property names, so
    /// operations returning the same table share one component.
    pub(crate) made: HashMap<Vec<String>, String>,
}

impl Planner<'_> {
    /// Plans the response body of a page (the first pass over all pages, so the element
    /// types it creates can be matched by request tables in the second).
    pub(crate) fn plan_response(
        &mut self,
        page: &Page,
        page_idx: usize,
        samples: &PageSamples,
    ) -> PagePlan {
        let primary = primary_status(page);
        let response = match primary {
            Some(204) | None => None,
            Some(status) => self.response(page, page_idx, status, samples),
        };
        PagePlan {
            request: None,
            primary,
            response,
        }
    }

    /// Plans the request body of a page.
    pub(crate) fn plan_request(
        &mut self,
        page: &Page,
        page_idx: usize,
        samples: &PageSamples,
        plan: &mut PagePlan,
    ) {
        plan.request = page
            .request_body
            .as_ref()
            .map(|b| self.request(page, page_idx, b, samples));
    }

    fn request(
        &mut self,
        page: &Page,
        page_idx: usize,
        body: &Body,
        samples: &PageSamples,
    ) -> Payload {
        let word = body.type_word.as_deref().map(parse_type_word);
        if let Some(props) = body.properties.as_deref().filter(|p| !p.is_empty()) {
            let at = Loc {
                page: page_idx,
                line: body.line,
            };
            let element = self.request_table_type(page, body, props, at);
            let is_array = samples.request_is_array() || word == Some(TypeWord::Array);
            let shape = if is_array {
                Shape::Array(Box::new(element))
            } else {
                element
            };
            return Payload::Shape(shape);
        }
        match word {
            Some(TypeWord::Known(shape)) => Payload::Shape(shape),
            Some(TypeWord::Named(name)) => {
                self.registry.add_reference(
                    &name,
                    Loc {
                        page: page_idx,
                        line: body.line,
                    },
                );
                Payload::Shape(Shape::Ref(name))
            }
            Some(TypeWord::Array) => Payload::FromSample {
                fallback: Some(any_array()),
            },
            Some(TypeWord::Object) => Payload::FromSample {
                fallback: Some(Shape::Object),
            },
            Some(TypeWord::Unknown(word)) => {
                self.unknown_word(page, body.line, &word);
                Payload::FromSample {
                    fallback: Some(Shape::Any),
                }
            }
            Some(TypeWord::Empty) | None => Payload::FromSample {
                fallback: Some(shape_from_name(&body.name, &body.description)),
            },
        }
    }

    fn response(
        &mut self,
        page: &Page,
        page_idx: usize,
        status: u16,
        samples: &PageSamples,
    ) -> Option<Payload> {
        let has_sample = samples.response(status).is_some();
        let from_sample = |fallback| match has_sample {
            true => Some(Payload::FromSample { fallback }),
            false => fallback.map(Payload::Shape),
        };
        let body = page
            .response
            .body
            .as_ref()
            .filter(|b| !b.name.trim().is_empty());
        let line = body.map_or(page.response.line, |b| b.line);
        let word = match (body, page.response.type_word.as_deref()) {
            // A table that does not belong to its heading is read as an unnamed object.
            (Some(_), _) if self.demoted.contains(&page_idx) => TypeWord::Object,
            (Some(b), _) => parse_type_word(&b.name),
            (None, Some(w)) => parse_type_word(w),
            (None, None) => TypeWord::Empty,
        };
        let table = body
            .and_then(|b| b.properties.as_deref())
            .filter(|p| !p.is_empty());
        let at = Loc {
            page: page_idx,
            line,
        };
        match (word, table) {
            (TypeWord::Known(shape), _) => {
                self.report_contradicting_sample(page, line, &shape, samples.response(status));
                Some(Payload::Shape(shape))
            }
            (TypeWord::Array, Some(props)) => {
                let element = self.table_type(page, props, at, "Item", Origin::Element);
                Some(Payload::Shape(Shape::Array(Box::new(element))))
            }
            (TypeWord::Array, None) => from_sample(Some(any_array())),
            (TypeWord::Object, Some(props)) => {
                let carrier = carrier_name(&page.response.description)
                    .filter(|_| !self.demoted.contains(&page_idx));
                let element = match carrier {
                    Some(name) => {
                        self.registry.add_table(&name, props, at, Origin::Named);
                        Shape::Ref(name)
                    }
                    None => self.table_type(page, props, at, "Response", Origin::Element),
                };
                let sample = samples.response(status);
                Some(Payload::Shape(map_if_sample_is_dictionary(
                    element, props, sample,
                )))
            }
            (TypeWord::Object, None) => from_sample(Some(Shape::Object)),
            (TypeWord::Named(name), Some(_)) => Some(Payload::Shape(Shape::Ref(name))),
            (TypeWord::Named(name), None) => {
                let real = !self.placeholders.contains(&name)
                    && self
                        .registry
                        .drafts
                        .get(&name)
                        .is_some_and(|d| d.n_tables > 0);
                from_sample(real.then_some(Shape::Ref(name)))
            }
            (TypeWord::Unknown(word), _) => {
                self.unknown_word(page, line, &word);
                from_sample(None)
            }
            (TypeWord::Empty, _) => from_sample(None),
        }
    }

    /// The type of a request table. A body named `request` is the operation's own carrier and
    /// always gets its own component; a body named otherwise (`entity`, `berths`) holds a
    /// value of some type, which is matched against the known types first.
    fn request_table_type(
        &mut self,
        page: &Page,
        body: &Body,
        props: &[Property],
        at: Loc,
    ) -> Shape {
        if body.name.trim() == "request" {
            let name = self.unique_name(page, "Request");
            self.registry.add_table(&name, props, at, Origin::Request);
            return Shape::Ref(name);
        }
        self.table_type(page, props, at, "Request", Origin::Request)
    }

    /// The type of a body table: a known type it matches, else a new component.
    fn table_type(
        &mut self,
        page: &Page,
        props: &[Property],
        at: Loc,
        suffix: &str,
        origin: Origin,
    ) -> Shape {
        let names = props.iter().map(|p| p.name.as_str());
        let (_, op_name) = operation_name_parts(page);
        if let Some(known) = self
            .matcher
            .best(names.clone(), &op_name, Fit::Table, |_| true)
        {
            tracing::debug!(file = %page.file.display(), known, "body table matches a known type");
            return Shape::Ref(known.to_string());
        }
        let mut signature: Vec<String> = names.map(str::to_string).collect();
        signature.sort_unstable();
        let shared = origin != Origin::Request;
        if shared && let Some(name) = self.made.get(&signature) {
            let name = name.clone();
            self.registry.add_table(&name, props, at, origin);
            return Shape::Ref(name);
        }
        // Array elements are named after what the operation lists; other tables after the
        // operation itself.
        let preferred = match suffix {
            "Item" => element_name(&op_name).filter(|n| !self.registry.contains(n)),
            _ => None,
        };
        let name = preferred.unwrap_or_else(|| self.unique_name(page, suffix));
        self.registry.add_table(&name, props, at, origin);
        if shared {
            self.made.insert(signature, name.clone());
        }
        Shape::Ref(name)
    }

    /// `{Operation}{suffix}`, qualified by the operation's group if that name is taken.
    fn unique_name(&self, page: &Page, suffix: &str) -> String {
        let (group, op) = operation_name_parts(page);
        let short = format!("{op}{suffix}");
        if !self.registry.contains(&short) {
            return short;
        }
        let long = format!("{group}{op}{suffix}");
        if !self.registry.contains(&long) {
            return long;
        }
        (2..)
            .map(|n| format!("{long}{n}"))
            .find(|n| !self.registry.contains(n))
            .unwrap_or(long)
    }

    /// Reports a response sample that no value of the documented primitive can be (`99.99`
    /// under `int64`). The documented type is kept: it comes from the API's own type, while
    /// the sample generator writes stock values (every `int64` body in the reference shows
    /// the same `99.99`), so one sample is no evidence that the API sends fractions.
    fn report_contradicting_sample(
        &mut self,
        page: &Page,
        line: u32,
        shape: &Shape,
        sample: Option<&SampleBody>,
    ) {
        let (Shape::Prim(prim), Some(SampleBody::Json(value))) = (shape, sample) else {
            return;
        };
        if prim.admits(value) {
            return;
        }
        let message = format!(
            "the response body is documented as `{}`, but its sample is `{value}`; the \
             documented type is kept",
            shape.label()
        );
        self.diagnostics.push(Diagnostic::warning(
            &page.file,
            line,
            "sample-contradicts-type",
            message,
        ));
    }

    fn unknown_word(&mut self, page: &Page, line: u32, word: &str) {
        let message = format!("unknown body type word `{word}`; the body is read from the sample");
        self.diagnostics.push(Diagnostic::warning(
            &page.file,
            line,
            "unknown-type-word",
            message,
        ));
    }
}

/// `element`, or a map of it when the sample is a dictionary of the table's type: an object
/// none of whose keys is a property of the table but whose values are objects with only the
/// table's properties (`{"north": {<a Berth>}, "south": {...}}` under a `Berth` table). The
/// page generator writes a dictionary body as `object` over its value type's table.
fn map_if_sample_is_dictionary(
    element: Shape,
    props: &[Property],
    sample: Option<&SampleBody>,
) -> Shape {
    let Some(SampleBody::Json(Value::Object(entries))) = sample else {
        return element;
    };
    let is_prop = |key: &String| props.iter().any(|p| p.name == *key);
    let is_value = |value: &Value| match value {
        Value::Object(fields) => !fields.is_empty() && fields.keys().all(is_prop),
        _ => false,
    };
    let is_dictionary =
        !entries.is_empty() && !entries.keys().any(is_prop) && entries.values().all(is_value);
    match is_dictionary {
        true => Shape::Map(Box::new(element)),
        false => element,
    }
}

/// The element name an operation implies: the verb and qualifiers dropped, then `Item` after
/// a list, else the singular (`GetBerthListByPier` gives `BerthListItem`, `GetMoorings`
/// gives `Mooring`). `None` when nothing is left or the stem is not plural.
pub(crate) fn element_name(op_name: &str) -> Option<String> {
    let verbs = ["Get", "Find", "Search", "Load", "Fetch", "Read", "List"];
    let mut stem = op_name;
    for verb in verbs {
        if let Some(rest) = stem.strip_prefix(verb)
            && rest.starts_with(|c: char| c.is_ascii_uppercase())
        {
            stem = rest;
            break;
        }
    }
    for qualifier in ["By", "For", "With", "From"] {
        let mut from = 1;
        while let Some(pos) = stem
            .get(from..)
            .and_then(|s| s.find(qualifier))
            .map(|p| p + from)
        {
            let after = stem[pos + qualifier.len()..].chars().next();
            if after.is_some_and(|c| c.is_ascii_uppercase()) {
                stem = &stem[..pos];
                break;
            }
            from = pos + 1;
        }
    }
    let stem = stem.trim_end_matches(|c: char| c.is_ascii_digit());
    if stem.is_empty() {
        return None;
    }
    if stem.ends_with("List") {
        return Some(format!("{stem}Item"));
    }
    let singular = crate::components::singular(stem);
    (singular != stem).then_some(singular)
}

/// The type an older page names in its `Response: object` description, in the dialect's
/// fixed phrase `Carrier object for TicketEntity.`
fn carrier_name(description: &str) -> Option<String> {
    let rest = description.split("Carrier object for ").nth(1)?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    match parse_type_word(&name) {
        TypeWord::Named(name) => Some(name),
        _ => None,
    }
}

/// The shape a body name implies when nothing else says: by the pages' naming convention a
/// plural `...Ids` is a list of integer ids and a plural `...Names` a list of names, and a
/// body described as a stream is raw bytes.
fn shape_from_name(name: &str, description: &str) -> Shape {
    let lower = name.to_ascii_lowercase();
    if lower.contains("stream") || description.to_ascii_lowercase().contains("stream") {
        return Shape::Prim(Prim::Binary);
    }
    if lower.ends_with("ids") {
        return Shape::Array(Box::new(Shape::Prim(Prim::Int32)));
    }
    if lower.ends_with("names") {
        return Shape::Array(Box::new(Shape::Prim(Prim::String)));
    }
    Shape::Any
}

fn any_array() -> Shape {
    Shape::Array(Box::new(Shape::Any))
}

/// The operation's group and name from its uid (`v1BerthAgent_BookBerth` gives `BerthAgent`
/// and `BookBerth`), else from the method and path.
pub(crate) fn operation_name_parts(page: &Page) -> (String, String) {
    if let Some(uid) = &page.uid {
        let uid = strip_version(&uid.value);
        return match uid.rsplit_once('_') {
            Some((group, op)) => (pascal(group), pascal(op)),
            None => (String::new(), pascal(uid)),
        };
    }
    let method = format!("{:?}", page.method);
    let literal: String = page
        .path
        .value
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{') && s.parse::<u32>().is_err())
        .filter(|s| !is_version_segment(s) && *s != "api")
        .map(pascal)
        .collect();
    (String::new(), format!("{method}{literal}"))
}

/// `v1Foo` gives `Foo`; anything else is returned as is.
fn strip_version(uid: &str) -> &str {
    let digits = uid
        .strip_prefix('v')
        .map(|rest| rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len());
    match digits {
        Some(n) if n > 0 => &uid[1 + n..],
        _ => uid,
    }
}

/// Whether a path segment is an API version (`v1`, `v12`).
pub(crate) fn is_version_segment(segment: &str) -> bool {
    let Some(digits) = segment.strip_prefix('v') else {
        return false;
    };
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// `berth-agent` or `berth_agent` gives `BerthAgent`; existing capitals are kept.
fn pascal(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    let mut upper = true;
    for c in text.chars() {
        if !c.is_ascii_alphanumeric() {
            upper = true;
            continue;
        }
        if upper {
            res.push(c.to_ascii_uppercase());
        } else {
            res.push(c);
        }
        upper = false;
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_names_from_operations() {
        assert_eq!(
            element_name("GetBerthListByPier").as_deref(),
            Some("BerthListItem")
        );
        assert_eq!(
            element_name("GetMooringsForTide2").as_deref(),
            Some("Mooring")
        );
        assert_eq!(element_name("GetFormat"), None);
        assert_eq!(element_name("Get"), None);
    }

    #[test]
    fn names_from_uids() {
        assert_eq!(
            strip_version("v1BerthAgent_BookBerth"),
            "BerthAgent_BookBerth"
        );
        assert_eq!(strip_version("vessel"), "vessel");
        assert_eq!(pascal("berth-agent_x"), "BerthAgentX");
        assert!(is_version_segment("v1"));
        assert!(!is_version_segment("vessel"));
    }
}
