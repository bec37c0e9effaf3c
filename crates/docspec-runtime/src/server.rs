//! Helpers for the axum glue that generated crates emit behind their `server` feature.
//!
//! Generated handlers extract raw parts (path tuple, URI, headers, body bytes) and call these
//! functions to turn them into typed values. Every failure becomes a [`Rejection`]: a 4xx
//! response whose JSON body carries a readable message, never a panic.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The path parameters of a request as a tuple in template order, or why they do not parse.
///
/// Generated handlers take this instead of `Path<T>` so that a wrong-typed parameter becomes a
/// [`Rejection`] with the same shape as every other one.
pub type PathParams<T> = Result<axum::extract::Path<T>, PathRejection>;

/// A request that the generated glue refuses before it reaches the handler.
///
/// It answers with its status and a JSON body `{"message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    status: StatusCode,
    message: String,
}

impl Rejection {
    /// A rejection with any status.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Rejection {
            status,
            message: message.into(),
        }
    }

    /// A `400 Bad Request` rejection.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Rejection::new(StatusCode::BAD_REQUEST, message)
    }

    /// The status the response carries.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The readable reason.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<PathRejection> for Rejection {
    fn from(rejection: PathRejection) -> Self {
        let status = match rejection {
            PathRejection::FailedToDeserializePathParams(_) => StatusCode::BAD_REQUEST,
            _ => rejection.status(),
        };
        Rejection::new(
            status,
            format!("invalid path parameter: {}", rejection.body_text()),
        )
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        tracing::debug!(status = %self.status, message = %self.message, "request rejected");
        let body = serde_json::json!({ "message": self.message });
        json_response(self.status.as_u16(), &body)
    }
}

/// Answers with the handler's response, or with the rejection that stopped the request.
pub fn respond<R: IntoResponse>(result: Result<R, Rejection>) -> Response {
    match result {
        Ok(response) => response.into_response(),
        Err(rejection) => rejection.into_response(),
    }
}

/// Deserializes the query string (repeated keys fill a `Vec`); a missing query is empty.
pub fn query<T: DeserializeOwned>(uri: &Uri) -> Result<T, Rejection> {
    serde_html_form::from_str(uri.query().unwrap_or_default())
        .map_err(|err| Rejection::bad_request(format!("invalid query string: {err}")))
}

/// Reads an optional header and parses it as `T`.
pub fn header<T: DeserializeOwned>(
    headers: &HeaderMap,
    name: &str,
) -> Result<Option<T>, Rejection> {
    let Some(value) = headers.get(name) else {
        return Ok(None);
    };
    let text = value
        .to_str()
        .map_err(|_| Rejection::bad_request(format!("header `{name}` is not visible ASCII")))?;
    parse_text(text)
        .map(Some)
        .map_err(|err| Rejection::bad_request(format!("invalid header `{name}`: {err}")))
}

/// Reads a required header and parses it as `T`.
pub fn required_header<T: DeserializeOwned>(
    headers: &HeaderMap,
    name: &str,
) -> Result<T, Rejection> {
    header(headers, name)?
        .ok_or_else(|| Rejection::bad_request(format!("missing required header `{name}`")))
}

/// Reads an optional cookie from the `Cookie` headers and parses it as `T`.
pub fn cookie<T: DeserializeOwned>(
    headers: &HeaderMap,
    name: &str,
) -> Result<Option<T>, Rejection> {
    let found = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name);
    let Some((_, text)) = found else {
        return Ok(None);
    };
    parse_text(text.trim_matches('"'))
        .map(Some)
        .map_err(|err| Rejection::bad_request(format!("invalid cookie `{name}`: {err}")))
}

/// Reads a required cookie and parses it as `T`.
pub fn required_cookie<T: DeserializeOwned>(
    headers: &HeaderMap,
    name: &str,
) -> Result<T, Rejection> {
    cookie(headers, name)?
        .ok_or_else(|| Rejection::bad_request(format!("missing required cookie `{name}`")))
}

/// Parses a required JSON body.
///
/// Malformed JSON answers `400`, JSON of the wrong shape `422`, and a content type that is not
/// JSON `415`. A request without a content type is read as JSON.
pub fn json_body<T: DeserializeOwned>(headers: &HeaderMap, body: &Bytes) -> Result<T, Rejection> {
    optional_json_body(headers, body)?.ok_or_else(|| Rejection::bad_request("missing request body"))
}

/// Parses an optional JSON body; an empty body is `None`.
pub fn optional_json_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Option<T>, Rejection> {
    if body.is_empty() {
        return Ok(None);
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    if let Some(content_type) = content_type
        && !content_type.to_ascii_lowercase().contains("json")
    {
        let message = format!("expected a JSON body, got content type `{content_type}`");
        return Err(Rejection::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, message));
    }
    serde_json::from_slice(body).map(Some).map_err(|err| {
        let status = match err.classify() {
            serde_json::error::Category::Data => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::BAD_REQUEST,
        };
        Rejection::new(status, format!("invalid JSON body: {err}"))
    })
}

/// Parses a required `application/x-www-form-urlencoded` body.
pub fn form_body<T: DeserializeOwned>(body: &Bytes) -> Result<T, Rejection> {
    optional_form_body(body)?.ok_or_else(|| Rejection::bad_request("missing request body"))
}

/// Parses an optional `application/x-www-form-urlencoded` body; an empty body is `None`.
pub fn optional_form_body<T: DeserializeOwned>(body: &Bytes) -> Result<Option<T>, Rejection> {
    if body.is_empty() {
        return Ok(None);
    }
    serde_html_form::from_bytes(body).map(Some).map_err(|err| {
        Rejection::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("invalid form body: {err}"),
        )
    })
}

/// Reads a required UTF-8 text body.
pub fn text_body(body: &Bytes) -> Result<String, Rejection> {
    optional_text_body(body)?.ok_or_else(|| Rejection::bad_request("missing request body"))
}

/// Reads an optional UTF-8 text body; an empty body is `None`.
pub fn optional_text_body(body: &Bytes) -> Result<Option<String>, Rejection> {
    if body.is_empty() {
        return Ok(None);
    }
    String::from_utf8(body.to_vec())
        .map(Some)
        .map_err(|_| Rejection::bad_request("request body is not valid UTF-8"))
}

/// Reads a required raw body.
pub fn bytes_body(body: &Bytes) -> Result<Vec<u8>, Rejection> {
    optional_bytes_body(body)?.ok_or_else(|| Rejection::bad_request("missing request body"))
}

/// Reads an optional raw body; an empty body is `None`.
pub fn optional_bytes_body(body: &Bytes) -> Result<Option<Vec<u8>>, Rejection> {
    Ok(if body.is_empty() {
        None
    } else {
        Some(body.to_vec())
    })
}

/// A response with a JSON body.
pub fn json_response<T: Serialize>(status: u16, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => bytes_response(status, "application/json", bytes),
        Err(err) => {
            tracing::error!(%err, "cannot serialize the response body");
            let message = br#"{"message":"cannot serialize the response body"}"#;
            bytes_response(500, "application/json", message.to_vec())
        }
    }
}

/// A response with a UTF-8 text body.
pub fn text_response(status: u16, body: String) -> Response {
    bytes_response(status, "text/plain; charset=utf-8", body.into_bytes())
}

/// A response with a raw body of the given content type.
pub fn bytes_response(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    let mut response = (status_code(status), body).into_response();
    let content_type = HeaderValue::from_str(content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, content_type);
    response
}

/// A response without a body.
pub fn empty_response(status: u16) -> Response {
    status_code(status).into_response()
}

/// Maps a documented status to `StatusCode`; a number outside 100..=999 becomes `500`.
fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or_else(|_| {
        tracing::error!(status, "handler returned an invalid status code");
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// Parses header or cookie text: first as a string (for `String`, enums and date-times), then
/// as a JSON literal (for numbers and booleans).
fn parse_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    let as_string = serde_json::from_value(serde_json::Value::String(text.to_owned()));
    match as_string {
        Ok(value) => Ok(value),
        Err(err) => serde_json::from_str(text).map_err(|_| err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_header_text_as_string_or_literal() {
        assert_eq!(parse_text::<String>("42").unwrap(), "42");
        assert_eq!(parse_text::<i64>("42").unwrap(), 42);
        assert!(parse_text::<bool>("yes").is_err());
    }

    #[test]
    fn finds_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; session=abc"));
        assert_eq!(
            cookie::<String>(&headers, "session").unwrap().as_deref(),
            Some("abc")
        );
        assert_eq!(cookie::<i64>(&headers, "a").unwrap(), Some(1));
        assert!(required_cookie::<String>(&headers, "b").is_err());
    }

    #[test]
    fn classifies_json_errors() {
        let headers = HeaderMap::new();
        let syntax = json_body::<Vec<i64>>(&headers, &Bytes::from_static(b"[1,")).unwrap_err();
        assert_eq!(syntax.status(), StatusCode::BAD_REQUEST);
        let shape = json_body::<Vec<i64>>(&headers, &Bytes::from_static(b"[\"x\"]")).unwrap_err();
        assert_eq!(shape.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
