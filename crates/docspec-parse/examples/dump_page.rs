//! Prints the parsed model of each page given on the command line, with its diagnostics.
//! `cargo run -p docspec-parse --example dump_page -- page.md`

use std::path::Path;

fn main() {
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let source = match std::fs::read_to_string(path) {
            Ok(source) => source,
            Err(err) => {
                eprintln!("{arg}: {err}");
                continue;
            }
        };
        let tag = path
            .parent()
            .and_then(Path::file_name)
            .map(|name| name.to_string_lossy());
        let mut diagnostics = Vec::new();
        let page =
            docspec_parse::parse_page(path, &tag.unwrap_or_default(), &source, &mut diagnostics);
        println!("{page:#?}");
        for diagnostic in diagnostics {
            println!("{diagnostic}");
        }
    }
}
