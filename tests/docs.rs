//! The README promises commands and shows code; these tests keep those promises true.

use docspec_tests::read_repo_file;

/// The README's test command is the one CI runs.
#[test]
fn readme_test_command_is_what_ci_runs() {
    let readme = read_repo_file("README.md");
    let ci = read_repo_file(".ci/run");
    let command = "cargo test --workspace --locked";
    assert!(
        ci.lines().any(|line| line.trim() == command),
        ".ci/run does not run `{command}`"
    );
    assert!(
        readme.contains(&format!("\n{command}\n")),
        "README.md does not show `{command}`"
    );
}

/// The README shows the example's build script exactly as it is.
#[test]
fn readme_shows_the_real_build_script() {
    let readme = read_repo_file("README.md");
    let build_rs = read_repo_file("crates/example-build/build.rs");
    let block = format!("```rust\n{build_rs}```\n");
    assert!(
        readme.contains(&block),
        "README.md must quote crates/example-build/build.rs:\n{block}"
    );
}

/// Every exit code the CLI documents appears in the README with the same meaning.
#[test]
fn readme_lists_the_exit_codes() {
    let readme = read_repo_file("README.md");
    for code in ["| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |"] {
        assert!(
            readme.contains(code),
            "README.md lacks the exit code row `{code}`"
        );
    }
}
