//! The parser must never panic: garbage, truncated pages and pages with lines missing all give
//! a result (or `None`) with diagnostics.

use std::fs;
use std::path::{Path, PathBuf};

use docspec_parse::{Severity, parse_page};

fn parse(source: &str) -> (bool, Vec<docspec_parse::Diagnostic>) {
    let mut diagnostics = Vec::new();
    let page = parse_page(Path::new("fuzz.md"), "fuzz", source, &mut diagnostics);
    (page.is_some(), diagnostics)
}

fn ok_fixtures() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("fixtures are listable")
        .map(|entry| entry.expect("fixture entry").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let source = fs::read_to_string(&path).expect("fixtures are UTF-8");
            (path, source)
        })
        .collect()
}

#[test]
fn empty_and_blank_inputs_give_no_page() {
    for source in ["", "\n", "   \n\t\n", "---", "---\n---\n", "\u{feff}"] {
        let (has_page, diagnostics) = parse(source);
        assert!(!has_page, "{source:?}");
        assert!(
            diagnostics.iter().any(|d| d.severity == Severity::Error),
            "{source:?}"
        );
    }
}

#[test]
fn garbage_never_panics() {
    // A small linear congruential generator: deterministic, and no dependency for it.
    let mut state: u64 = 0x5eed;
    let mut next_byte = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 56) as u8
    };
    let alphabet = b"#|`-:\\ <>&;/{}*\n\nGETPOST HTTP/1.1 200abc";
    for _ in 0..300 {
        let len = usize::from(next_byte()) * 4;
        let raw: Vec<u8> = (0..len).map(|_| next_byte()).collect();
        let _ = parse(&String::from_utf8_lossy(&raw));
        let dialect: Vec<u8> = (0..len)
            .map(|_| alphabet[usize::from(next_byte()) % alphabet.len()])
            .collect();
        let _ = parse(&String::from_utf8_lossy(&dialect));
    }
}

#[test]
fn truncated_pages_never_panic() {
    for (path, source) in ok_fixtures() {
        let cut_points = source.char_indices().map(|(idx, _)| idx).step_by(5);
        for cut in cut_points {
            let _ = parse(&source[..cut]);
        }
        // A page cut inside its front matter loses the endpoint.
        let (has_page, _) = parse(&source[..source.find("\n#").unwrap_or(source.len())]);
        assert!(!has_page, "{}", path.display());
    }
}

#[test]
fn pages_with_a_line_missing_never_panic() {
    for (_, source) in ok_fixtures() {
        let lines: Vec<&str> = source.lines().collect();
        for skipped in 0..lines.len() {
            let mut rest = lines.clone();
            rest.remove(skipped);
            let _ = parse(&rest.join("\n"));
        }
    }
}

#[test]
fn crlf_line_endings_parse_like_lf() {
    for (path, source) in ok_fixtures() {
        let mut lf_diagnostics = Vec::new();
        let lf = parse_page(Path::new("p.md"), "t", &source, &mut lf_diagnostics);
        let crlf_source = source.replace('\n', "\r\n");
        let mut crlf_diagnostics = Vec::new();
        let crlf = parse_page(Path::new("p.md"), "t", &crlf_source, &mut crlf_diagnostics);
        assert_eq!(lf, crlf, "{}", path.display());
        assert_eq!(lf_diagnostics, crlf_diagnostics, "{}", path.display());
    }
}

#[test]
fn a_second_exchange_in_one_sample_block_is_reported() {
    let source = "---\ntitle: GET Dock/{id}\nid: v1Dock_Get\n---\n\n# GET Dock/{id}\n\n\
        ```http\nGET /api/v1/Dock/{id}\n```\n\n## Sample request\n\n\
        ```http!\nGET /api/v1/Dock/1\nAccept: application/json\n\nGET /api/v1/Dock/2\n```\n";
    let mut diagnostics = Vec::new();
    let page =
        parse_page(Path::new("dock.md"), "t", source, &mut diagnostics).expect("the page parses");
    let second = diagnostics
        .iter()
        .find(|d| d.kind == "sample-second-exchange")
        .expect("the second exchange is reported");
    // The block's fence is line 14; its second request line is line 18 of the page.
    assert_eq!(second.line, 18, "{second:?}");
    let sample = page.samples.first().expect("the first exchange is kept");
    assert_eq!(sample.start_line, "GET /api/v1/Dock/1");
    assert_eq!(sample.body, None);
}
