//! Where a generated crate finds the `docspec-runtime` crate, and whether it belongs to the
//! docspec workspace. A generated crate must build where it is written with no edits, so its
//! `Cargo.toml` refers to the runtime by a path relative to itself, and declares its own
//! `[workspace]` unless it is one of our workspace's members.

use std::path::{Component, Path, PathBuf};

use crate::Error;

/// The `docspec-runtime` sources this build of docspec came with.
pub fn runtime_source_dir() -> PathBuf {
    normalize(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docspec-runtime"
    )))
}

/// The root of the workspace this build of docspec came from.
pub fn workspace_root() -> PathBuf {
    normalize(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")))
}

/// `target` as a path relative to the directory `from`, with `/` separators (it goes into a
/// `Cargo.toml`). Both are made absolute against the current directory first.
pub fn relative_path(from: &Path, target: &Path) -> Result<String, Error> {
    let from = absolute(from)?;
    let target = absolute(target)?;
    let from_parts: Vec<Component<'_>> = from.components().collect();
    let target_parts: Vec<Component<'_>> = target.components().collect();
    let common = from_parts
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count();

    let mut parts: Vec<String> = vec!["..".to_string(); from_parts.len() - common];
    for part in &target_parts[common..] {
        parts.push(part.as_os_str().to_string_lossy().into_owned());
    }
    if parts.is_empty() {
        return Ok(".".to_string());
    }
    Ok(parts.join("/"))
}

/// Whether `dir` is listed in `members` of the workspace manifest at `workspace_root`.
/// A missing or unreadable manifest means "not a member".
pub fn is_workspace_member(workspace_root: &Path, dir: &Path) -> Result<bool, Error> {
    let Ok(manifest) = std::fs::read_to_string(workspace_root.join("Cargo.toml")) else {
        return Ok(false);
    };
    let dir = absolute(dir)?;
    let is_member = workspace_members(&manifest)
        .iter()
        .any(|member| normalize(&workspace_root.join(member)) == dir);
    Ok(is_member)
}

/// The strings in the `members = [...]` array of a workspace manifest.
///
/// FIXME: this reads the array textually and takes members literally; glob members
/// (`crates/*`) are not expanded. Reading the manifest with a TOML parser would fix that.
fn workspace_members(manifest: &str) -> Vec<String> {
    let Some(start) = manifest.find("members") else {
        return Vec::new();
    };
    let rest = &manifest[start..];
    let (Some(open), Some(close)) = (rest.find('['), rest.find(']')) else {
        return Vec::new();
    };
    if close < open {
        return Vec::new();
    }
    rest[open + 1..close]
        .lines()
        .map(|line| line.split('#').next().unwrap_or(""))
        .flat_map(|line| line.split(','))
        .map(|item| item.trim().trim_matches('"').to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

/// `path` made absolute (against the current directory) and normalized.
fn absolute(path: &Path) -> Result<PathBuf, Error> {
    let absolute = std::path::absolute(path).map_err(|err| Error::io(path, "resolving", err))?;
    Ok(normalize(&absolute))
}

/// Removes `.` and folds `..` lexically. Symlinks are not resolved: the paths describe where
/// the user asked for output, which may not exist yet.
fn normalize(path: &Path) -> PathBuf {
    let mut res = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                res.pop();
            }
            other => res.push(other.as_os_str()),
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_then_descend() {
        let check = |from: &str, to: &str, expected: &str| {
            assert_eq!(
                relative_path(Path::new(from), Path::new(to)).unwrap(),
                expected
            );
        };
        check(
            "/w/generated",
            "/w/crates/docspec-runtime",
            "../crates/docspec-runtime",
        );
        check(
            "/w/target/example",
            "/w/crates/./x/../docspec-runtime",
            "../../crates/docspec-runtime",
        );
        check("/w", "/w", ".");
    }

    #[test]
    fn members_are_read_from_the_manifest() {
        let manifest =
            "[workspace]\nmembers = [\n    \"crates/a\", # note\n    \"generated\",\n]\n";
        assert_eq!(workspace_members(manifest), vec!["crates/a", "generated"]);
    }

    #[test]
    fn generated_is_a_member_and_target_is_not() {
        let root = workspace_root();
        assert!(is_workspace_member(&root, &root.join("generated")).unwrap());
        assert!(!is_workspace_member(&root, &root.join("target/example")).unwrap());
    }
}
