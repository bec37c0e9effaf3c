//! Checks that example payloads survive a round trip through generated types (feature
//! `examples`).
//!
//! Generated `example_checks` modules call [`roundtrip`] with the type of an operation's
//! request or response body. A payload passes when it deserializes and serializes back to an
//! equivalent JSON value. Equivalence is lenient where the wire format is: an absent member
//! equals `null`, numbers compare by value (`1.0` equals `1`), and two date-time strings equal
//! each other when they name the same instant (`...T10:00:00` equals `...T10:00:00Z`).

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use crate::DateTime;

/// Which body of an operation an example is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SamplePart {
    /// The request body.
    Request,
    /// The response body sent with this status.
    Response(u16),
}

impl fmt::Display for SamplePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SamplePart::Request => f.write_str("request"),
            SamplePart::Response(status) => write!(f, "response {status}"),
        }
    }
}

/// Deserializes `value` as `T`, serializes it back, and compares the two leniently.
///
/// The error names the JSON path of the problem: `deserialize $.items[0].id: invalid type: ...`
/// or `changed $.name: "a" became "b"`.
pub fn roundtrip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<(), String> {
    let typed: T = serde_path_to_error::deserialize(value).map_err(|err| {
        format!(
            "deserialize {}: {}",
            json_path(&err.path().to_string()),
            err.inner()
        )
    })?;
    let back = serde_json::to_value(&typed).map_err(|err| format!("serialize: {err}"))?;
    match first_difference(value, &back) {
        None => Ok(()),
        Some(difference) => Err(difference),
    }
}

/// Checks an example body where the operation documents none for `part`: only `null` passes,
/// since it says the same as no body.
pub fn no_body(part: SamplePart, value: &Value) -> Result<(), String> {
    match value {
        Value::Null => Ok(()),
        _ => Err(format!("no body documented for the {part}")),
    }
}

/// The error for an example whose status the operation does not document.
pub fn undocumented_status(status: u16) -> Result<(), String> {
    Err(format!("status {status} is not documented"))
}

/// The error for an example body where the operation documents a body that is not JSON.
pub fn not_json(part: SamplePart, content_type: &str) -> Result<(), String> {
    Err(format!("the {part} body is `{content_type}`, not JSON"))
}

/// Whether two JSON values mean the same payload, by the rules in the module docs.
pub fn equivalent(expected: &Value, actual: &Value) -> bool {
    first_difference(expected, actual).is_none()
}

/// Describes the first place where `actual` is not equivalent to `expected`.
fn first_difference(expected: &Value, actual: &Value) -> Option<String> {
    let mut path = String::from("$");
    difference_at(&mut path, expected, actual)
}

fn difference_at(path: &mut String, expected: &Value, actual: &Value) -> Option<String> {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => objects_differ(path, expected, actual),
        (Value::Array(expected), Value::Array(actual)) => arrays_differ(path, expected, actual),
        (Value::Number(a), Value::Number(b)) if numbers_equal(a, b) => None,
        (Value::String(a), Value::String(b)) if strings_equal(a, b) => None,
        _ if expected == actual => None,
        _ => Some(format!(
            "changed {path}: {} became {}",
            brief(expected),
            brief(actual)
        )),
    }
}

fn objects_differ(
    path: &mut String,
    expected: &Map<String, Value>,
    actual: &Map<String, Value>,
) -> Option<String> {
    let keys = expected
        .keys()
        .chain(actual.keys().filter(|key| !expected.contains_key(*key)));
    for key in keys {
        let len = path.len();
        path.push('.');
        path.push_str(key);
        // An absent member and `null` say the same thing.
        let res = match (expected.get(key), actual.get(key)) {
            (Some(value), None) if !value.is_null() => Some(format!("dropped {path}")),
            (None, Some(value)) if !value.is_null() => Some(format!("added {path}")),
            (Some(a), Some(b)) => difference_at(path, a, b),
            _ => None,
        };
        if res.is_some() {
            return res;
        }
        path.truncate(len);
    }
    None
}

fn arrays_differ(path: &mut String, expected: &[Value], actual: &[Value]) -> Option<String> {
    if expected.len() != actual.len() {
        let (n_expected, n_actual) = (expected.len(), actual.len());
        return Some(format!(
            "changed {path}: {n_expected} items became {n_actual}"
        ));
    }
    for (idx, (a, b)) in expected.iter().zip(actual).enumerate() {
        let len = path.len();
        path.push_str(&format!("[{idx}]"));
        let res = difference_at(path, a, b);
        if res.is_some() {
            return res;
        }
        path.truncate(len);
    }
    None
}

/// Integers compare exactly; anything with a fraction or exponent compares as `f64`.
fn numbers_equal(a: &Number, b: &Number) -> bool {
    match (as_i128(a), as_i128(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a.as_f64() == b.as_f64(),
    }
}

fn as_i128(number: &Number) -> Option<i128> {
    match number.as_i64() {
        Some(n) => Some(i128::from(n)),
        None => number.as_u64().map(i128::from),
    }
}

/// Equal text, or two date-times that name the same instant.
fn strings_equal(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (a.parse::<DateTime>(), b.parse::<DateTime>()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A value shortened for a message.
fn brief(value: &Value) -> String {
    const MAX: usize = 60;
    let text = value.to_string();
    match text.char_indices().nth(MAX) {
        Some((idx, _)) => format!("{}...", &text[..idx]),
        None => text,
    }
}

/// `items[0].id` (serde_path_to_error's form) as `$.items[0].id`; the root `.` as `$`.
fn json_path(path: &str) -> String {
    match path {
        "." | "" => "$".to_owned(),
        _ if path.starts_with('[') => format!("${path}"),
        _ => format!("$.{path}"),
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    use super::{equivalent, roundtrip};

    #[derive(Serialize, Deserialize)]
    struct Item {
        id: i32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        when: Option<crate::DateTime>,
    }

    #[test]
    fn lenient_where_the_wire_is() {
        assert!(equivalent(&json!({"a": null}), &json!({})));
        assert!(equivalent(&json!({}), &json!({"a": null})));
        assert!(equivalent(&json!([1.0, 2]), &json!([1, 2.0])));
        assert!(equivalent(
            &json!("2020-01-01T10:00:00"),
            &json!("2020-01-01T12:00:00+02:00")
        ));
        assert!(!equivalent(&json!({"a": 1}), &json!({})));
        assert!(!equivalent(&json!([1]), &json!([1, 2])));
        assert!(!equivalent(&json!("a"), &json!("b")));
    }

    #[test]
    fn reports_where_it_fails() {
        let ok = json!([{"id": 1, "name": null, "when": "2020-01-01T10:00:00"}]);
        assert_eq!(roundtrip::<Vec<Item>>(&ok), Ok(()));
        let dropped = json!({"id": 1, "extra": true});
        assert_eq!(
            roundtrip::<Item>(&dropped),
            Err("dropped $.extra".to_owned())
        );
        let wrong = json!([{"id": "1"}]);
        let err = roundtrip::<Vec<Item>>(&wrong).unwrap_err();
        assert!(
            err.starts_with("deserialize $[0].id: invalid type: string"),
            "{err}"
        );
    }
}
