//! The `docspec` command line.

fn main() {}
