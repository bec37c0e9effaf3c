//! The transport headers of the `Request Headers` table, which are not parameters:
//! `Authorization` names the security schemes, `Content-Type` and `Accept` list the media
//! types of request and response bodies, and `X-XSRF-TOKEN` is a browser detail.
//!
//! Scheme words map to OpenAPI schemes: `Basic` and `Bearer` are the standard HTTP schemes;
//! any other word (`SoTicket`) is an HTTP scheme of that name, since it travels in the
//! `Authorization` header the same way (`Authorization: SoTicket <ticket>`).

use docspec_parse::{HeaderRow, Page};
use openapiv3::{SecurityRequirement, SecurityScheme};

/// Headers that are never turned into parameters.
const TRANSPORT_HEADERS: [&str; 4] = ["authorization", "accept", "content-type", "x-xsrf-token"];

/// Media types used when a page lists none.
const DEFAULT_MEDIA_TYPE: &str = "application/json";

/// What a page's transport headers say.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Transport {
    /// Scheme words from the `Authorization` row, in page order.
    pub(crate) schemes: Vec<String>,
    /// Media types of the request body (`Content-Type` row).
    pub(crate) request_media: Vec<String>,
    /// Media types of the response body (`Accept` row).
    pub(crate) response_media: Vec<String>,
}

/// Whether a header row is a transport header rather than a parameter.
pub(crate) fn is_transport_header(name: &str) -> bool {
    TRANSPORT_HEADERS.contains(&name.trim().to_ascii_lowercase().as_str())
}

/// Reads a page's transport headers.
pub(crate) fn transport(page: &Page) -> Transport {
    let mut res = Transport::default();
    for row in &page.headers {
        match row.name.trim().to_ascii_lowercase().as_str() {
            "authorization" => res.schemes = scheme_words(&row.description),
            "content-type" => res.request_media = media_types(row),
            "accept" => res.response_media = media_types(row),
            _ => {}
        }
    }
    if res.request_media.is_empty() {
        res.request_media.push(DEFAULT_MEDIA_TYPE.to_string());
    }
    if res.response_media.is_empty() {
        res.response_media.push(DEFAULT_MEDIA_TYPE.to_string());
    }
    res
}

/// Scheme words: the quoted words of the description (`Supports 'Basic' and 'Bearer'`), else
/// the standard scheme names it mentions.
fn scheme_words(description: &str) -> Vec<String> {
    let quoted: Vec<String> = description
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::trim)
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_string)
        .collect();
    if !quoted.is_empty() {
        return quoted;
    }
    let words = description.split(|c: char| !c.is_ascii_alphanumeric());
    let standard = ["Basic", "Bearer", "Digest"];
    let mut res: Vec<String> = Vec::new();
    for word in words {
        if standard.iter().any(|s| s.eq_ignore_ascii_case(word)) && !res.iter().any(|r| r == word) {
            res.push(word.to_string());
        }
    }
    res
}

/// The back-quoted media types of a row (`application/json`).
fn media_types(row: &HeaderRow) -> Vec<String> {
    let mut res: Vec<String> = Vec::new();
    for token in row.description.split('`').skip(1).step_by(2) {
        let token = token.trim();
        if token.contains('/') && !token.contains(' ') && !res.iter().any(|t| t == token) {
            res.push(token.to_string());
        }
    }
    res
}

/// The component scheme for a scheme word.
pub(crate) fn scheme_for(word: &str) -> SecurityScheme {
    let (scheme, description) = match word.to_ascii_lowercase().as_str() {
        "basic" => (
            "basic".to_string(),
            "HTTP Basic: base64 `user:password`.".to_string(),
        ),
        "bearer" => (
            "bearer".to_string(),
            "HTTP Bearer: an access token.".to_string(),
        ),
        _ => (
            word.to_string(),
            format!("`Authorization: {word} <credentials>`."),
        ),
    };
    SecurityScheme::HTTP {
        scheme,
        bearer_format: None,
        description: Some(description),
        extensions: Default::default(),
    }
}

/// The operation's security: any one of its schemes will do.
pub(crate) fn requirements(schemes: &[String]) -> Vec<SecurityRequirement> {
    let one = |name: &String| -> SecurityRequirement {
        [(name.clone(), Vec::new())].into_iter().collect()
    };
    schemes.iter().map(one).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, description: &str) -> HeaderRow {
        HeaderRow {
            name: name.into(),
            description: description.into(),
            line: 1,
        }
    }

    #[test]
    fn scheme_words_are_the_quoted_words() {
        let words = scheme_words("Accepts 'Basic', 'HarbourPass' and 'Bearer', per marina.");
        assert_eq!(words, ["Basic", "HarbourPass", "Bearer"]);
        assert_eq!(scheme_words("Use Bearer tokens."), ["Bearer"]);
    }

    #[test]
    fn media_types_are_the_back_quoted_types() {
        let accept = row(
            "Accept",
            "Either `application/json` or `text/xml`, or `nothing`.",
        );
        assert_eq!(media_types(&accept), ["application/json", "text/xml"]);
    }

    #[test]
    fn transport_headers_are_recognised_in_any_case() {
        assert!(is_transport_header("X-XSRF-TOKEN"));
        assert!(is_transport_header("content-type"));
        assert!(!is_transport_header("SO-Language"));
    }
}
