//! Generates the marina API module from the checked-in OpenAPI document at build time.

fn main() {
    let spec = std::path::Path::new("../../specs/openapi.yaml");
    if let Err(err) = docspec::build::generate(spec) {
        panic!("generating the marina API: {err}");
    }
}
