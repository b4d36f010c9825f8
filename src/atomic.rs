/*!
Safe file writes: what krock puts on disk (invites, the HTML page, cached feeds).

- A file is written to a fresh temporary file in the target's own directory, created
  with `O_EXCL` under an unpredictable name (the `tempfile` crate), so a symlink planted
  at a guessable name is never followed; then it is renamed into place, so a reader sees
  the old file or the whole new one.
- Only a regular file (or a symlink to one) is ever replaced: a device, FIFO, socket or
  directory at the target's name is refused ([`existing`]).
- An existing file that cannot be read is an error, never taken as absent.
- A set of files (one `export`) is published all-or-nothing ([`publish_all`]): every
  file is written first, then renamed into place; a new file is placed only where there
  is still nothing (`RENAME_NOREPLACE`), so two runs writing into one folder cannot
  silently replace each other's files. On any failure, what this run already placed is
  removed (or the old content put back) and the error says so.
*/

use std::fs::Metadata;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// What is at a target's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Existing {
    Absent,
    /// A regular file, with its bytes.
    File(Vec<u8>),
}

/// Why a target cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

use crate::source::read::kind_of;

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// The metadata of what `path` names (a symlink followed), `None` when nothing is there;
/// an error when it is not a regular file.
pub fn check_target(path: &Path) -> Result<Option<Metadata>, Refusal> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Refusal(format!("cannot be inspected: {}", reason(&e)))),
        Ok(_) => {}
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(Some(m)),
        Ok(m) => Err(Refusal(format!(
            "is {}, not a regular file; krock replaces only files it could have written",
            kind_of(&m)
        ))),
        // A dangling symlink: replacing it would not write through it.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Refusal(
            "is a symbolic link to nothing; remove it".to_string(),
        )),
        Err(e) => Err(Refusal(format!("cannot be inspected: {}", reason(&e)))),
    }
}

/// Reads what is at `path`: absent, or a regular file of at most `max` bytes. A file that
/// cannot be read, or is larger, is an error (never taken as absent).
pub fn existing(path: &Path, max: u64) -> Result<Existing, Refusal> {
    if check_target(path)?.is_none() {
        return Ok(Existing::Absent);
    }
    let file = std::fs::File::open(path)
        .map_err(|e| Refusal(format!("exists but cannot be read: {}", reason(&e))))?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal(format!("exists but cannot be read: {}", reason(&e))))?;
    if bytes.len() as u64 > max {
        return Err(Refusal(format!(
            "exists and is larger than {} KB, more than any file krock writes there",
            max >> 10
        )));
    }
    Ok(Existing::File(bytes))
}

/// Whether two paths name the same file (same device and inode on Unix).
pub fn same_file(a: &Metadata, b: &Path) -> bool {
    let Ok(b) = std::fs::metadata(b) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// The directory a target is written in (`.` for a bare file name).
pub fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to a new temporary file beside `path` (mode 0600 on Unix, as
/// `tempfile` creates it), flushed to disk.
pub fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<NamedTempFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir_of(path))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Writes `bytes` to `path` atomically, replacing what is there (which must be absent or
/// a regular file: see [`check_target`]).
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = stage(path, bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// One file of a set to publish.
pub struct Staged {
    pub path: PathBuf,
    tmp: NamedTempFile,
    /// The content it replaces (`None`: the name must still be free).
    old: Option<Vec<u8>>,
}

impl Staged {
    /// Stages `bytes` for `path`; `old` is the content it replaces, `None` for a new file.
    pub fn new(path: PathBuf, bytes: &[u8], old: Option<Vec<u8>>) -> std::io::Result<Staged> {
        let tmp = stage(&path, bytes)?;
        Ok(Staged { path, tmp, old })
    }
}

/// Why publishing stopped, and what was undone.
#[derive(Debug)]
pub struct PublishError {
    pub path: PathBuf,
    pub error: String,
    /// Files this run had placed and then removed or restored.
    pub undone: Vec<PathBuf>,
    /// Files this run had placed that could not be undone (with why).
    pub left: Vec<(PathBuf, String)>,
}

impl std::fmt::Display for PublishError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: cannot write: {}", self.path.display(), self.error)?;
        if self.left.is_empty() {
            if self.undone.is_empty() {
                write!(f, "; nothing was written")
            } else {
                let names: Vec<String> = self
                    .undone
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                write!(
                    f,
                    "; undid the {} file(s) this run had already written ({}), so nothing was written",
                    names.len(),
                    names.join(", ")
                )
            }
        } else {
            let names: Vec<String> = self
                .left
                .iter()
                .map(|(p, e)| format!("{} ({e})", p.display()))
                .collect();
            write!(
                f,
                "; these files of this run could not be undone and remain: {}",
                names.join(", ")
            )
        }
    }
}

/// Renames every staged file into place, in order. A new file is placed only where the
/// name is still free; on the first failure everything placed so far is undone (new
/// files removed, replaced ones given their old content back).
pub fn publish_all(staged: Vec<Staged>) -> Result<Vec<PathBuf>, PublishError> {
    let mut placed: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    for s in staged {
        let result = match &s.old {
            None => s.tmp.persist_noclobber(&s.path).map(|_| ()).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    "a file of that name appeared while krock was writing (another run writing into the same folder?)".to_string()
                } else {
                    reason(&e.error)
                }
            }),
            Some(_) => s
                .tmp
                .persist(&s.path)
                .map(|_| ())
                .map_err(|e| reason(&e.error)),
        };
        match result {
            Ok(()) => placed.push((s.path, s.old)),
            Err(error) => {
                let mut undone = Vec::new();
                let mut left = Vec::new();
                for (path, old) in placed.into_iter().rev() {
                    let r = match &old {
                        None => std::fs::remove_file(&path),
                        Some(bytes) => replace(&path, bytes),
                    };
                    match r {
                        Ok(()) => undone.push(path),
                        Err(e) => left.push((path, reason(&e))),
                    }
                }
                undone.reverse();
                left.reverse();
                return Err(PublishError {
                    path: s.path,
                    error,
                    undone,
                    left,
                });
            }
        }
    }
    Ok(placed.into_iter().map(|(p, _)| p).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_taken_meanwhile_undoes_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.ics");
        let b = dir.path().join("b.ics");
        let old = dir.path().join("old.ics");
        std::fs::write(&old, "old").unwrap();
        let staged = vec![
            Staged::new(a.clone(), b"A", None).unwrap(),
            Staged::new(old.clone(), b"new", Some(b"old".to_vec())).unwrap(),
            Staged::new(b.clone(), b"B", None).unwrap(),
        ];
        // Another run takes b.ics between the check and the publish.
        std::fs::write(&b, "theirs").unwrap();
        let e = publish_all(staged).unwrap_err();
        assert_eq!(e.path, b);
        assert_eq!(e.undone, vec![a.clone(), old.clone()]);
        assert!(!a.exists());
        assert_eq!(std::fs::read(&old).unwrap(), b"old");
        assert_eq!(std::fs::read(&b).unwrap(), b"theirs");
        assert!(e.to_string().contains("undid the 2 file(s)"), "{e}");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn non_regular_targets_are_refused() {
        assert!(check_target(Path::new("/dev/null"))
            .unwrap_err()
            .0
            .contains("is a device"));
        let dir = tempfile::tempdir().unwrap();
        assert!(check_target(dir.path())
            .unwrap_err()
            .0
            .contains("directory"));
        let link = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
        assert!(check_target(&link).is_err());
        assert_eq!(existing(&dir.path().join("none"), 10), Ok(Existing::Absent));
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'x'; 2048]).unwrap();
        assert!(existing(&big, 1024).is_err());
    }
}
