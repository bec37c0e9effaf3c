//! Helpers for the axum glue that generated crates emit behind their `server` feature.
//!
//! A generated handler takes one [`RawRequest`] (path parameters, URI, headers and body bytes),
//! reads its typed parameters and body with a plain function, and hands both to [`serve`],
//! which calls the user's implementation. Every failure becomes a [`Rejection`]: a 4xx response
//! whose JSON body carries a readable message, never a panic.
//!
//! Requests that match no route or method get axum's own `404`/`405`, without a body: the
//! routers set no fallback, because axum cannot merge two routers that both have one. Add a
//! `fallback` to the merged router for a JSON answer there.
//!
//! Handlers are deliberately not `async fn`s. The one generic future lives here, in [`serve`],
//! so a crate with thousands of operations compiles no per-operation state machine: that took
//! most of the time `cargo check` spent on the glue.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The future a generated handler returns to axum.
pub type ResponseFuture = Pin<Box<dyn Future<Output = Response> + Send>>;

/// The shape of every generated handler, so that [`router`] can route any of them.
pub type HandlerFn<H> = fn(State<Arc<H>>, RawRequest) -> ResponseFuture;

/// A router that serves `routes` (method, axum path, handler) with `imp` as their state.
///
/// Generated routers pass a table instead of chaining `.route(...)` calls: axum's `Handler`
/// bounds are then checked once, here, rather than once per operation in the generated crate.
pub fn router<H: Send + Sync + 'static>(
    imp: Arc<H>,
    routes: &[(MethodFilter, &str, HandlerFn<H>)],
) -> Router {
    let mut by_path: BTreeMap<&str, MethodRouter<Arc<H>>> = BTreeMap::new();
    for &(method, path, handler) in routes {
        let methods = by_path.remove(path).unwrap_or_default();
        by_path.insert(path, methods.on(method, handler));
    }
    by_path
        .into_iter()
        .fold(Router::new(), |router, (path, methods)| {
            router.route(path, methods)
        })
        .with_state(imp)
}

/// The future of a handler trait method, boxed so that [`serve`] can take any of them.
pub type CallFuture<'a, R> = Pin<Box<dyn Future<Output = R> + Send + 'a>>;

/// Calls `call` on `imp` with the arguments read from a request, or answers with the rejection
/// that stopped the request before it reached the implementation.
pub fn serve<H, A, R>(
    imp: Arc<H>,
    args: Result<A, Rejection>,
    call: for<'a> fn(&'a H, A) -> CallFuture<'a, R>,
) -> ResponseFuture
where
    H: Send + Sync + 'static,
    A: Send + 'static,
    R: IntoResponse + Send + 'static,
{
    Box::pin(async move {
        match args {
            Ok(args) => call(&imp, args).await.into_response(),
            Err(rejection) => rejection.into_response(),
        }
    })
}

/// The parts of a request that generated handlers read their inputs from.
///
/// Extracting it never fails for a well-formed route: path parameters that are not UTF-8 and
/// bodies over axum's size limit are refused here, everything else when a value is read.
#[derive(Debug, Clone)]
pub struct RawRequest {
    path: Vec<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for RawRequest {
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        let (mut parts, body) = request.into_parts();
        let path = match RawPathParams::from_request_parts(&mut parts, state).await {
            Ok(params) => params
                .iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
            Err(RawPathParamsRejection::MissingPathParams(_)) => Vec::new(),
            Err(rejection) => {
                let message = format!("invalid path parameter: {}", rejection.body_text());
                return Err(Rejection::new(rejection.status(), message));
            }
        };
        // The body reader needs only the extensions (for the size limit), not the head.
        let uri = std::mem::take(&mut parts.uri);
        let headers = std::mem::take(&mut parts.headers);
        let body = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|rejection| Rejection::new(rejection.status(), rejection.body_text()))?;
        Ok(RawRequest {
            path,
            uri,
            headers,
            body,
        })
    }
}

impl RawRequest {
    /// A request from its parts, for tests and for glue written by hand.
    pub fn new(path: Vec<(String, String)>, uri: Uri, headers: HeaderMap, body: Bytes) -> Self {
        RawRequest {
            path,
            uri,
            headers,
            body,
        }
    }

    /// Parses path parameter `index` of the `count` that the operation's route template has;
    /// `name` is its documented name, for the message.
    ///
    /// Parameters are counted from the end: a router nested under a path with parameters of
    /// its own (`/tenant/{tenant}`) sees those first. Route names are not used, because axum
    /// needs one name per segment across templates that name it differently.
    pub fn path<T: DeserializeOwned>(
        &self,
        index: usize,
        count: usize,
        name: &str,
    ) -> Result<T, Rejection> {
        let found = (self.path.len() + index)
            .checked_sub(count)
            .and_then(|at| self.path.get(at));
        let Some((_, text)) = found else {
            return Err(Rejection::bad_request(format!(
                "missing path parameter `{name}`"
            )));
        };
        parse_text(text).map_err(|err| {
            Rejection::bad_request(format!("invalid path parameter `{name}`: {err}"))
        })
    }

    /// Deserializes the query string (repeated keys fill a `Vec`); a missing query is empty.
    pub fn query<T: DeserializeOwned>(&self) -> Result<T, Rejection> {
        query(&self.uri)
    }

    /// Reads an optional header and parses it as `T`.
    pub fn header<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, Rejection> {
        header(&self.headers, name)
    }

    /// Reads a required header and parses it as `T`.
    pub fn required_header<T: DeserializeOwned>(&self, name: &str) -> Result<T, Rejection> {
        required_header(&self.headers, name)
    }

    /// Reads an optional cookie and parses it as `T`.
    pub fn cookie<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, Rejection> {
        cookie(&self.headers, name)
    }

    /// Reads a required cookie and parses it as `T`.
    pub fn required_cookie<T: DeserializeOwned>(&self, name: &str) -> Result<T, Rejection> {
        required_cookie(&self.headers, name)
    }

    /// Parses a required JSON body (see [`json_body`]).
    pub fn json_body<T: DeserializeOwned>(&self) -> Result<T, Rejection> {
        json_body(&self.headers, &self.body)
    }

    /// Parses an optional JSON body; an empty body is `None`.
    pub fn optional_json_body<T: DeserializeOwned>(&self) -> Result<Option<T>, Rejection> {
        optional_json_body(&self.headers, &self.body)
    }

    /// Parses a required `application/x-www-form-urlencoded` body.
    pub fn form_body<T: DeserializeOwned>(&self) -> Result<T, Rejection> {
        form_body(&self.body)
    }

    /// Parses an optional form body; an empty body is `None`.
    pub fn optional_form_body<T: DeserializeOwned>(&self) -> Result<Option<T>, Rejection> {
        optional_form_body(&self.body)
    }

    /// Reads a required UTF-8 text body.
    pub fn text_body(&self) -> Result<String, Rejection> {
        text_body(&self.body)
    }

    /// Reads an optional UTF-8 text body; an empty body is `None`.
    pub fn optional_text_body(&self) -> Result<Option<String>, Rejection> {
        optional_text_body(&self.body)
    }

    /// Reads a required raw body.
    pub fn bytes_body(&self) -> Result<Vec<u8>, Rejection> {
        bytes_body(&self.body)
    }

    /// Reads an optional raw body; an empty body is `None`.
    pub fn optional_bytes_body(&self) -> Result<Option<Vec<u8>>, Rejection> {
        optional_bytes_body(&self.body)
    }
}

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

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        tracing::debug!(status = %self.status, message = %self.message, "request rejected");
        let body = serde_json::json!({ "message": self.message });
        json_response(self.status.as_u16(), &body)
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
    if let Some(value) = headers.get(header::CONTENT_TYPE)
        && !is_json_media_type(value)
    {
        let shown = String::from_utf8_lossy(value.as_bytes());
        let message = format!("expected a JSON body, got content type `{shown}`");
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
///
/// Text that is a JSON literal gets the literal's error (`99999999999` is too big for an
/// `i32`); other text gets the string's (`abc` is not an `i32`). Surrounding whitespace is not
/// part of a number.
fn parse_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    let as_string = serde_json::from_value(serde_json::Value::String(text.to_owned()));
    let string_err = match as_string {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    if text.trim() != text {
        return Err(string_err);
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(literal) => serde_json::from_value(literal),
        Err(_) => Err(string_err),
    }
}

/// `application/json`, or any `+json` type, with any parameters.
fn is_json_media_type(value: &HeaderValue) -> bool {
    let Ok(text) = value.to_str() else {
        return false;
    };
    let essence = text.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence
            .rsplit_once('+')
            .is_some_and(|(_, suffix)| suffix.eq_ignore_ascii_case("json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_header_text_as_string_or_literal() {
        assert_eq!(parse_text::<String>("42").unwrap(), "42");
        assert_eq!(parse_text::<i64>("42").unwrap(), 42);
        assert!(parse_text::<bool>("yes").is_err());
        assert!(parse_text::<i32>(" 12 ").is_err());
        let too_big = parse_text::<i32>("99999999999").unwrap_err().to_string();
        assert!(too_big.contains("integer `99999999999`"), "{too_big}");
        let word = parse_text::<i32>("abc").unwrap_err().to_string();
        assert!(word.contains("expected i32"), "{word}");
    }

    #[test]
    fn path_parameters_count_from_the_end() {
        let path = [("tenant", "7"), ("id", "12"), ("year", "2024")]
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .to_vec();
        let request = RawRequest::new(path, Uri::from_static("/"), HeaderMap::new(), Bytes::new());
        assert_eq!(request.path::<i32>(0, 2, "id").unwrap(), 12);
        assert_eq!(request.path::<i32>(1, 2, "year").unwrap(), 2024);
        let missing = request.path::<i32>(0, 4, "other").unwrap_err();
        assert_eq!(missing.message(), "missing path parameter `other`");
    }

    #[test]
    fn json_bodies_need_a_json_media_type() {
        let body = Bytes::from_static(b"{}");
        for (content_type, accepted) in [
            ("application/json", true),
            ("Application/JSON; charset=utf-8", true),
            ("application/problem+json", true),
            ("text/notjson", false),
            ("text/plain", false),
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            let read = json_body::<serde_json::Value>(&headers, &body);
            assert_eq!(read.is_ok(), accepted, "{content_type}");
        }
        let mut headers = HeaderMap::new();
        let not_ascii = HeaderValue::from_bytes(b"application/json\xff").unwrap();
        headers.insert(header::CONTENT_TYPE, not_ascii);
        let refused = json_body::<serde_json::Value>(&headers, &body).unwrap_err();
        assert_eq!(refused.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
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
