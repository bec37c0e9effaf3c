//! Pages from older and newer generations of the format (`../shared/cases/format-generations`,
//! read at test time) must parse into the same operation as the 2023 corpus page of the same
//! endpoint: method, path, operationId, parameters, request body and response status codes.

use std::fs;
use std::path::{Path, PathBuf};

use docspec_parse::{Page, Severity, load_dir, parse_page};

fn shared_dir(relative: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(relative);
    if dir.is_dir() {
        return Some(dir);
    }
    eprintln!("skipping: {} not found", dir.display());
    None
}

/// What must agree between generations, in a form that compares and prints well.
#[derive(Debug, PartialEq, Eq)]
struct Operation {
    method: &'static str,
    path: String,
    operation_id: Option<String>,
    path_params: Vec<(String, String)>,
    query_params: Vec<(String, String, Vec<String>)>,
    request_body: Option<String>,
    statuses: Vec<u16>,
}

fn operation_of(page: &Page) -> Operation {
    Operation {
        method: page.method.as_str(),
        path: page.path.value.clone(),
        operation_id: page.uid.as_ref().map(|uid| uid.value.clone()),
        path_params: page
            .path_params
            .iter()
            .map(|param| (param.name.clone(), param.type_text.clone()))
            .collect(),
        query_params: page
            .query_params
            .iter()
            .map(|param| {
                (
                    param.name.clone(),
                    param.type_text.clone(),
                    param.enum_values.clone(),
                )
            })
            .collect(),
        request_body: page.request_body.as_ref().map(|body| body.name.clone()),
        statuses: page
            .response
            .statuses
            .iter()
            .map(|status| status.code)
            .collect(),
    }
}

#[test]
fn every_generation_parses_into_the_2023_operation() {
    let Some(cases) = shared_dir("cases/format-generations") else {
        return;
    };
    let Some(corpus_root) = shared_dir("corpus/superoffice-2023/restful") else {
        return;
    };
    let corpus = load_dir(&corpus_root);

    let mut case_files: Vec<PathBuf> = fs::read_dir(&cases)
        .expect("cases folder is listable")
        .map(|entry| entry.expect("cases entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .filter(|path| path.file_name().is_some_and(|name| name != "README.md"))
        .collect();
    case_files.sort();
    assert!(
        !case_files.is_empty(),
        "no case files in {}",
        cases.display()
    );

    for file in case_files {
        let source = fs::read_to_string(&file).expect("case files are UTF-8");
        let mut diagnostics = Vec::new();
        let page = parse_page(&file, "case", &source, &mut diagnostics);
        let page =
            page.unwrap_or_else(|| panic!("{} gave no page: {diagnostics:?}", file.display()));
        let problems: Vec<String> = diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity > Severity::Note)
            .map(ToString::to_string)
            .collect();
        assert_eq!(problems, Vec::<String>::new(), "{}", file.display());

        let uid = page.uid.as_ref().map(|uid| uid.value.as_str());
        let same_endpoint = corpus.pages.iter().find(|corpus_page| {
            let same_uid =
                uid.is_some() && corpus_page.uid.as_ref().map(|u| u.value.as_str()) == uid;
            let same_route =
                corpus_page.method == page.method && corpus_page.path.value == page.path.value;
            same_uid || same_route
        });
        let Some(reference) = same_endpoint else {
            panic!("{}: no 2023 page for {uid:?}", file.display())
        };
        assert_eq!(
            operation_of(&page),
            operation_of(reference),
            "{}",
            file.display()
        );
    }
}
