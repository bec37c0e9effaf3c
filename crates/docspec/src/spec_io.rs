//! Reading and writing OpenAPI documents. The format follows the file extension: `.yaml` and
//! `.yml` are YAML, `.json` is JSON; anything else is an error rather than a guess.

use std::path::Path;

use openapiv3::OpenAPI;
use saphyr::{LoadableYamlNode as _, MarkedYaml, Scalar, YamlData};

use crate::Error;

/// The two serializations of an OpenAPI document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecFormat {
    /// YAML (`.yaml`, `.yml`).
    Yaml,
    /// JSON (`.json`).
    Json,
}

impl SpecFormat {
    /// The format a file name asks for.
    pub fn from_path(path: &Path) -> Result<SpecFormat, Error> {
        let extension = path.extension().and_then(|it| it.to_str()).unwrap_or("");
        match extension.to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Ok(SpecFormat::Yaml),
            "json" => Ok(SpecFormat::Json),
            _ => Err(Error::UnknownSpecFormat {
                path: path.to_path_buf(),
            }),
        }
    }
}

/// Reads an OpenAPI 3.0 document from `path`, as YAML or JSON by extension.
pub fn read_spec(path: &Path) -> Result<OpenAPI, Error> {
    if path.is_dir() {
        return Err(Error::WrongKind {
            path: path.to_path_buf(),
            message: "is a folder, not an OpenAPI file (`docspec build` reads folders of pages)",
        });
    }
    let format = SpecFormat::from_path(path)?;
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::MissingInput {
                path: path.to_path_buf(),
            });
        }
        Err(err) => return Err(Error::io(path, "reading", err)),
    };
    let text = docspec_parse::decode_utf8(bytes).map_err(|(line, message)| Error::InvalidSpec {
        path: path.to_path_buf(),
        line: Some(line),
        message,
    })?;
    parse_spec(path, &text, format)
}

/// Parses document `text`; `path` is only used in errors.
pub fn parse_spec(path: &Path, text: &str, format: SpecFormat) -> Result<OpenAPI, Error> {
    let parsed: Result<OpenAPI, Error> = match format {
        SpecFormat::Yaml => serde_yaml_ng::from_str(text).map_err(|err| Error::InvalidSpec {
            path: path.to_path_buf(),
            line: err.location().map(|it| it.line()),
            message: strip_position(&err.to_string()),
        }),
        SpecFormat::Json => serde_json::from_str(text).map_err(|err| Error::InvalidSpec {
            path: path.to_path_buf(),
            line: Some(err.line()).filter(|line| *line > 0),
            message: strip_position(&err.to_string()),
        }),
    };
    // A Swagger 2.0 document fails as "missing field `openapi`", which hides the real reason;
    // name the version instead. Checked only on failure so a good document is parsed once.
    let openapi = match (parsed, line_of(text, "swagger")) {
        (Ok(openapi), _) => openapi,
        (Err(_), Some(line)) => {
            return Err(Error::InvalidSpec {
                path: path.to_path_buf(),
                line: Some(line),
                message: "Swagger 2.0 is not supported; docspec reads OpenAPI 3.0.x".to_string(),
            });
        }
        (Err(err), None) => return Err(err),
    };
    if !openapi.openapi.starts_with("3.0") {
        return Err(Error::InvalidSpec {
            path: path.to_path_buf(),
            line: line_of(text, "openapi"),
            message: format!(
                "version {:?} is not supported; docspec reads 3.0.x",
                openapi.openapi
            ),
        });
    }
    Ok(openapi)
}

/// The 1-based line of the node that a JSON pointer (`#/paths/~1pets/get`) names in a YAML or
/// JSON document, or of the deepest part of the pointer that exists there. `None` when the text
/// does not parse or not even the first step of the pointer is found.
pub fn pointer_line(text: &str, pointer: &str) -> Option<usize> {
    let documents = MarkedYaml::load_from_str(text).ok()?;
    let mut node = documents.first()?;
    let mut line = None;
    let segments = pointer.strip_prefix("#/")?.split('/');
    for segment in segments.map(|it| it.replace("~1", "/").replace("~0", "~")) {
        let found = match &node.data {
            YamlData::Mapping(entries) => entries
                .iter()
                .find(|(key, _)| key_text(key).as_deref() == Some(segment.as_str()))
                .map(|(key, value)| (key.span.start.line(), value)),
            YamlData::Sequence(items) => segment
                .parse::<usize>()
                .ok()
                .and_then(|idx| items.get(idx))
                .map(|item| (item.span.start.line(), item)),
            _ => None,
        };
        let Some((found_line, value)) = found else {
            break;
        };
        line = Some(found_line);
        node = value;
    }
    line
}

/// A mapping key as a pointer segment spells it: `200` and `true` are keys too.
fn key_text(key: &MarkedYaml<'_>) -> Option<String> {
    match &key.data {
        YamlData::Value(Scalar::String(text)) => Some(text.to_string()),
        YamlData::Value(Scalar::Integer(number)) => Some(number.to_string()),
        YamlData::Value(Scalar::Boolean(value)) => Some(value.to_string()),
        YamlData::Representation(raw, _, _) => Some(raw.to_string()),
        _ => None,
    }
}

/// Serializes `openapi` in `format`. For YAML, `header` becomes comment lines at the top;
/// JSON has no comments, so there it is left out.
pub fn render_spec(
    openapi: &OpenAPI,
    format: SpecFormat,
    header: Option<&str>,
    path: &Path,
) -> Result<String, Error> {
    let serialize_error = |message: String| Error::Serialize {
        path: path.to_path_buf(),
        message,
    };
    match format {
        SpecFormat::Yaml => {
            let body =
                docspec_spec::to_yaml(openapi).map_err(|e| serialize_error(e.to_string()))?;
            let mut text = String::new();
            for line in header.iter().flat_map(|it| it.lines()) {
                text.push_str("# ");
                text.push_str(line);
                text.push('\n');
            }
            text.push_str(&body);
            Ok(text)
        }
        SpecFormat::Json => {
            docspec_spec::to_json(openapi).map_err(|e| serialize_error(e.to_string()))
        }
    }
}

/// Both parsers append ` at line L column C` to their messages; the line is reported
/// separately, so the message drops it.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(idx) => message[..idx].to_string(),
        None => message.to_string(),
    }
}

/// The 1-based line of the first top-level `key:` (or `"key":`) in `text`.
fn line_of(text: &str, key: &str) -> Option<usize> {
    let yaml_key = format!("{key}:");
    let json_key = format!("\"{key}\"");
    let idx = text.lines().position(|line| {
        let line = line.trim_start();
        line.starts_with(&yaml_key) || line.starts_with(&json_key)
    })?;
    Some(idx + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_error(text: &str, format: SpecFormat, expected: &str) {
        let err = parse_spec(Path::new("api.yaml"), text, format).unwrap_err();
        assert_eq!(err.to_string(), expected);
    }

    #[test]
    fn yaml_errors_carry_the_line() {
        check_error(
            "openapi: 3.0.3\ninfo:\n  title: [a, b]\n",
            SpecFormat::Yaml,
            "api.yaml:3: invalid OpenAPI document: info.title: invalid type: sequence, \
             expected a string",
        );
        check_error(
            "openapi: 3.0.3\ninfo:\n\ttitle: x\n",
            SpecFormat::Yaml,
            "api.yaml:3: invalid OpenAPI document: found character that cannot start any token",
        );
    }

    #[test]
    fn json_errors_carry_the_line() {
        check_error(
            "{\n  \"openapi\": \"3.0.3\",\n  oops\n}\n",
            SpecFormat::Json,
            "api.yaml:3: invalid OpenAPI document: key must be a string",
        );
    }

    #[test]
    fn other_versions_are_refused() {
        check_error(
            "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n",
            SpecFormat::Yaml,
            "api.yaml:1: invalid OpenAPI document: version \"3.1.0\" is not supported; \
             docspec reads 3.0.x",
        );
    }

    #[test]
    fn swagger_2_is_named_as_such() {
        check_error(
            "swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\npaths: {}\n",
            SpecFormat::Yaml,
            "api.yaml:1: invalid OpenAPI document: Swagger 2.0 is not supported; \
             docspec reads OpenAPI 3.0.x",
        );
    }

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(
            SpecFormat::from_path(Path::new("a.YML")).unwrap(),
            SpecFormat::Yaml
        );
        assert_eq!(
            SpecFormat::from_path(Path::new("a.json")).unwrap(),
            SpecFormat::Json
        );
        assert!(SpecFormat::from_path(Path::new("a.txt")).is_err());
    }

    #[test]
    fn pointers_find_their_line_in_yaml_and_json() {
        let yaml = "openapi: 3.0.3\npaths:\n  /pets/{id}:\n    get:\n      responses:\n        \
                    \"200\": {description: ok}\ncomponents:\n  schemas:\n    Pet:\n      \
                    properties:\n        owner: {$ref: '#/x'}\n";
        assert_eq!(pointer_line(yaml, "#/paths/~1pets~1{id}/get"), Some(4));
        assert_eq!(
            pointer_line(yaml, "#/paths/~1pets~1{id}/get/responses/200"),
            Some(6)
        );
        assert_eq!(
            pointer_line(yaml, "#/components/schemas/Pet/properties/owner"),
            Some(11)
        );
        // The deepest part that exists.
        assert_eq!(
            pointer_line(yaml, "#/components/schemas/Pet/required/0"),
            Some(9)
        );
        assert_eq!(pointer_line(yaml, "#/nothing"), None);

        let json = "{\n  \"paths\": {\n    \"/a\": {\n      \"parameters\": [\n        \
                    {\"name\": \"x\"},\n        {\"name\": \"y\"}\n      ]\n    }\n  }\n}\n";
        assert_eq!(pointer_line(json, "#/paths/~1a/parameters/1"), Some(6));
        assert_eq!(pointer_line("{ not yaml", "#/paths"), None);
    }
}
