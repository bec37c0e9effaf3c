//! The one place docspec writes files. Outputs are collected in memory first, then compared
//! with what is on disk and written all at once: each file goes to a temporary file in its
//! own directory and is renamed into place only after every temporary file was written, so a
//! failure leaves the earlier outputs as they were. Should a rename or removal fail midway
//! (a file locked or made immutable), the files already replaced get their old contents back.
//! In [`WriteMode::Check`] nothing is written; the caller learns which files would change.
//!
//! A file that starts with a `@generated` line is only written over a file that has one too
//! (or none at all), so a hand-written file in the output folder is never replaced.
//!
//! Comparison ignores `\r\n` versus `\n`, so a checkout with Windows line endings is not
//! reported as stale.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use docspec_parse::GENERATED_MARKER;

use crate::Error;

/// Whether [`commit`] writes or only compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Write every file whose contents differ.
    Write,
    /// Write nothing; report what would change.
    Check,
}

/// What happens (or would happen) to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The file does not exist yet.
    Created,
    /// The file exists with other contents.
    Modified,
    /// The file exists but is no longer produced.
    Removed,
}

/// One file that changes (or would change).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileChange {
    /// The file.
    pub path: PathBuf,
    /// What happens to it.
    pub change: Change,
}

impl fmt::Display for FileChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = match self.change {
            Change::Created => "create",
            Change::Modified => "update",
            Change::Removed => "remove",
        };
        write!(f, "{verb} {}", self.path.display())
    }
}

/// The files one run produces, by path, plus files to delete.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outputs {
    files: BTreeMap<PathBuf, String>,
    removals: BTreeSet<PathBuf>,
}

impl Outputs {
    /// No outputs yet.
    pub fn new() -> Outputs {
        Outputs::default()
    }

    /// Adds one file.
    pub fn add(&mut self, path: PathBuf, contents: String) {
        self.files.insert(path, contents);
    }

    /// Adds `files`, whose paths are relative to `root`.
    pub fn add_tree(&mut self, root: &Path, files: &BTreeMap<PathBuf, String>) {
        for (relative, contents) in files {
            self.add(root.join(relative), contents.clone());
        }
    }

    /// Schedules for removal every file below `root` that is not among the outputs, so a
    /// generated folder holds exactly what the generator produced. Call it after adding files.
    pub fn remove_others_under(&mut self, root: &Path) -> Result<(), Error> {
        let mut existing = Vec::new();
        list_files(&mut existing, root)?;
        for path in existing {
            if !self.files.contains_key(&path) {
                self.removals.insert(path);
            }
        }
        Ok(())
    }

    /// The files and their contents, in path order.
    pub fn files(&self) -> &BTreeMap<PathBuf, String> {
        &self.files
    }
}

/// Compares `outputs` with the disk and, in [`WriteMode::Write`], makes the disk match.
/// Returns the files that changed (or would change), in path order; an empty list means the
/// outputs were already up to date.
pub fn commit(outputs: &Outputs, mode: WriteMode) -> Result<Vec<FileChange>, Error> {
    let mut changes = Vec::new();
    for (path, contents) in &outputs.files {
        if let Some(change) = compare(path, contents)? {
            changes.push(FileChange {
                path: path.clone(),
                change,
            });
        }
    }
    for path in &outputs.removals {
        changes.push(FileChange {
            path: path.clone(),
            change: Change::Removed,
        });
    }
    changes.sort();
    if mode == WriteMode::Check {
        return Ok(changes);
    }

    // Refuse before writing anything: a hand-written file is not ours to replace.
    for change in changes.iter().filter(|it| it.change == Change::Modified) {
        guard_hand_written(&change.path, &outputs.files[&change.path])?;
    }

    // Stage every write before touching any output, so a failure changes nothing.
    let mut staged = Vec::new();
    for change in changes.iter().filter(|it| it.change != Change::Removed) {
        let contents = &outputs.files[&change.path];
        staged.push((stage(&change.path, contents)?, &change.path));
    }
    let mut journal = Journal::default();
    if let Err(err) = apply(staged, &outputs.removals, &mut journal) {
        journal.undo();
        return Err(err);
    }
    Ok(changes)
}

/// Renames the staged files into place and removes `removals`, recording in `journal` how to
/// undo each step.
fn apply(
    staged: Vec<(NamedTempFile, &PathBuf)>,
    removals: &BTreeSet<PathBuf>,
    journal: &mut Journal,
) -> Result<(), Error> {
    for (temp, path) in staged {
        journal.before_change(path)?;
        temp.persist(path)
            .map_err(|err| Error::io(path, "renaming into place", err.error))?;
        tracing::debug!(path = %path.display(), "wrote");
    }
    for path in removals {
        journal.before_change(path)?;
        std::fs::remove_file(path).map_err(|err| Error::io(path, "removing", err))?;
        tracing::debug!(path = %path.display(), "removed; no longer generated");
    }
    Ok(())
}

/// The old contents of every file changed so far (`None`: it did not exist), to put back if a
/// later step fails.
#[derive(Default)]
struct Journal {
    old: Vec<(PathBuf, Option<Vec<u8>>)>,
}

impl Journal {
    fn before_change(&mut self, path: &Path) -> Result<(), Error> {
        let old = match std::fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => return Err(Error::io(path, "reading", err)),
        };
        self.old.push((path.to_path_buf(), old));
        Ok(())
    }

    /// Puts back what was there, newest change first. A file that cannot be restored is
    /// logged: the error that started the undo is the one to report.
    fn undo(self) {
        for (path, old) in self.old.into_iter().rev() {
            let restored = match &old {
                Some(bytes) => std::fs::write(&path, bytes),
                None => std::fs::remove_file(&path).or_else(|err| match err.kind() {
                    std::io::ErrorKind::NotFound => Ok(()),
                    _ => Err(err),
                }),
            };
            match restored {
                Ok(()) => tracing::debug!(path = %path.display(), "restored after a failed write"),
                Err(err) => {
                    tracing::error!(path = %path.display(), %err, "could not restore the file")
                }
            }
        }
    }
}

/// Refuses to replace a file without the generated marker with one that has it: the old file
/// was written by hand, or by another tool.
fn guard_hand_written(path: &Path, contents: &str) -> Result<(), Error> {
    let marked = |text: &str| {
        text.lines()
            .next()
            .is_some_and(|line| line.contains(GENERATED_MARKER))
    };
    if !marked(contents) {
        return Ok(());
    }
    let existing = std::fs::read(path).map_err(|err| Error::io(path, "reading", err))?;
    match marked(&String::from_utf8_lossy(&existing)) {
        true => Ok(()),
        false => Err(Error::NotGenerated {
            path: path.to_path_buf(),
        }),
    }
}

/// `None` when `path` already holds `contents` (line endings aside).
fn compare(path: &Path, contents: &str) -> Result<Option<Change>, Error> {
    let existing = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Some(Change::Created)),
        Err(err) => return Err(Error::io(path, "reading", err)),
    };
    let existing = String::from_utf8_lossy(&existing);
    let same = normalize_newlines(&existing) == normalize_newlines(contents);
    Ok(if same { None } else { Some(Change::Modified) })
}

fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// Writes `contents` to a new temporary file beside `path`.
fn stage(path: &Path, contents: &str) -> Result<NamedTempFile, Error> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, "creating directory", err))?;
    let mut temp = NamedTempFile::new_in(dir).map_err(|err| Error::io(dir, "writing", err))?;
    temp.write_all(contents.as_bytes())
        .map_err(|err| Error::io(path, "writing", err))?;
    temp.as_file()
        .sync_all()
        .map_err(|err| Error::io(path, "writing", err))?;
    make_readable(temp.path(), path)?;
    Ok(temp)
}

/// Temporary files are created private (0600); outputs get the usual 0644, or the mode the
/// file they replace had.
#[cfg(unix)]
fn make_readable(temp: &Path, target: &Path) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt as _;
    let permissions = match std::fs::metadata(target) {
        Ok(meta) => meta.permissions(),
        Err(_) => std::fs::Permissions::from_mode(0o644),
    };
    std::fs::set_permissions(temp, permissions).map_err(|err| Error::io(target, "writing", err))
}

#[cfg(not(unix))]
fn make_readable(_temp: &Path, _target: &Path) -> Result<(), Error> {
    Ok(())
}

/// Appends every file below `dir` (recursively) to `acc`; a missing `dir` holds none.
fn list_files(acc: &mut Vec<PathBuf>, dir: &Path) -> Result<(), Error> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(Error::io(dir, "listing", err)),
    };
    for entry in entries {
        let path = entry.map_err(|err| Error::io(dir, "listing", err))?.path();
        if path.is_dir() {
            list_files(acc, &path)?;
        } else {
            acc.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outputs(files: &[(&Path, &str)]) -> Outputs {
        let mut res = Outputs::new();
        for (path, contents) in files {
            res.add(path.to_path_buf(), contents.to_string());
        }
        res
    }

    #[test]
    fn check_mode_reports_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/a.txt");
        let changes = commit(&outputs(&[(&file, "one\n")]), WriteMode::Check).unwrap();
        assert_eq!(
            changes,
            vec![FileChange {
                path: file.clone(),
                change: Change::Created
            }]
        );
        assert!(!file.exists());
    }

    #[test]
    fn writes_then_is_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/a.txt");
        let plan = outputs(&[(&file, "one\n")]);
        assert_eq!(commit(&plan, WriteMode::Write).unwrap().len(), 1);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "one\n");
        assert_eq!(commit(&plan, WriteMode::Check).unwrap(), vec![]);
    }

    #[test]
    fn crlf_on_disk_counts_as_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "one\r\ntwo\r\n").unwrap();
        assert_eq!(
            commit(&outputs(&[(&file, "one\ntwo\n")]), WriteMode::Check).unwrap(),
            vec![]
        );
    }

    #[test]
    fn a_failed_write_leaves_earlier_outputs_intact() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.txt");
        std::fs::write(&good, "old\n").unwrap();
        // A directory where a file's parent directory should be makes staging fail.
        std::fs::write(dir.path().join("blocker"), "").unwrap();
        let bad = dir.path().join("blocker/b.txt");
        let err = commit(
            &outputs(&[(&good, "new\n"), (&bad, "x\n")]),
            WriteMode::Write,
        );
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(&good).unwrap(), "old\n");
    }

    #[test]
    fn files_no_longer_produced_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept.rs");
        let stale = dir.path().join("src/stale.rs");
        std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
        std::fs::write(&stale, "").unwrap();
        let mut plan = outputs(&[(&kept, "fn main() {}\n")]);
        plan.remove_others_under(dir.path()).unwrap();
        let changes = commit(&plan, WriteMode::Write).unwrap();
        assert_eq!(changes.len(), 2);
        assert!(kept.exists());
        assert!(!stale.exists());
    }

    #[test]
    fn a_step_failing_midway_puts_back_the_files_already_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (first, created) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&first, "old\n").unwrap();
        // Removing a folder with `remove_file` fails, after both files were renamed in.
        let folder = dir.path().join("z-folder");
        std::fs::create_dir_all(folder.join("inside")).unwrap();
        let mut plan = outputs(&[(&first, "new\n"), (&created, "new\n")]);
        plan.removals.insert(folder.clone());

        let err = commit(&plan, WriteMode::Write).unwrap_err();
        assert!(err.to_string().contains("z-folder"), "{err}");
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "old\n");
        assert!(!created.exists(), "a file the run created is gone again");
        assert!(folder.join("inside").is_dir());
    }

    #[test]
    fn a_hand_written_file_is_not_replaced_by_a_generated_one() {
        let dir = tempfile::tempdir().unwrap();
        let (mine, other) = (dir.path().join("lib.rs"), dir.path().join("other.rs"));
        std::fs::write(&mine, "pub fn mine() {}\n").unwrap();
        let generated = "// @generated by docspec-codegen; do not edit.\npub fn theirs() {}\n";
        let plan = outputs(&[(&mine, generated), (&other, generated)]);

        let err = commit(&plan, WriteMode::Write).unwrap_err();
        assert!(matches!(err, Error::NotGenerated { .. }), "{err}");
        assert_eq!(
            std::fs::read_to_string(&mine).unwrap(),
            "pub fn mine() {}\n"
        );
        assert!(!other.exists(), "nothing is written");

        // Over an earlier generated file it writes as usual.
        std::fs::write(
            &mine,
            "// @generated by docspec-codegen; do not edit.\nold\n",
        )
        .unwrap();
        commit(&plan, WriteMode::Write).unwrap();
        assert_eq!(std::fs::read_to_string(&mine).unwrap(), generated);
    }
}
