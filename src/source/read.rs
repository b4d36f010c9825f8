/*!
Reading local calendar bytes within the size limit (`--max-file-mb`).

Files and standard input are read through a reader that stops one byte past the limit,
so `/dev/zero`, `cat /dev/zero | krock events -` or a huge file cost at most the limit,
never all memory. A path must name a regular file: it is opened without blocking
(`O_NONBLOCK`, so opening a FIFO with no writer returns at once) and checked on the open
handle (no race between looking and reading); a FIFO, device or socket is refused with a
message saying to pipe it to `-` instead. Standard input is what the user chose to pipe,
so it is read whatever it is, within the same limit.
*/

use super::Loaded;
use crate::diag::{Error, ErrorKind, Limit, Result};
use std::io::Read;
use std::path::Path;

/// Reads `reader` to its end, or fails when it holds more than `max` bytes.
fn read_bounded(reader: impl Read, max: u64, name: &str, hint: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Error::at(
                name,
                ErrorKind::Unreadable {
                    detail: format!("cannot read: {}{hint}", super::io_reason(&e)),
                },
            )
        })?;
    if bytes.len() as u64 > max {
        return Err(too_big(name, max));
    }
    Ok(bytes)
}

/// The error of a file over `--max-file-mb`.
pub fn too_big(name: &str, max: u64) -> Error {
    Error::at(
        name,
        ErrorKind::LimitExceeded {
            limit: Limit::FileBytes,
            value: max,
        },
    )
}

/// What a file type is, for the refusal of anything but a regular file.
pub(crate) fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Why a file could not be read, for callers that word the message in their own terms.
#[derive(Debug)]
pub enum Refusal {
    /// The operating system's reason (missing, permission …).
    Io(String),
    /// Not a regular file: what it is ("a device", "a FIFO (named pipe)" …).
    NotRegular(&'static str),
    /// More than the limit.
    TooBig,
}

/// Reads a regular file of at most `max` bytes: opened without blocking, checked on the
/// open handle, read through a bounded reader.
pub fn read_regular(path: &Path, max: u64) -> std::result::Result<Vec<u8>, Refusal> {
    let io = |e: std::io::Error| Refusal::Io(super::io_reason(&e));
    let file = open_nonblocking(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular(kind_of(&meta)));
    }
    if meta.len() > max {
        return Err(Refusal::TooBig);
    }
    // The file may grow while it is read: the reader is bounded all the same.
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(Refusal::TooBig);
    }
    Ok(bytes)
}

/// Reads a calendar file of at most `max` bytes (`--max-file-mb`).
pub fn read_file(path: &Path, max: u64) -> Result<Loaded> {
    let name = path.display().to_string();
    match read_regular(path, max) {
        Ok(bytes) => Ok(Loaded { name, bytes }),
        Err(Refusal::Io(reason)) => Err(Error::at(
            name,
            ErrorKind::Unreadable {
                detail: format!("cannot read: {reason}; check the path"),
            },
        )),
        Err(Refusal::NotRegular(kind)) => Err(Error::at(
            name,
            ErrorKind::Unreadable {
                detail: format!("is {kind}, not a calendar file; save the calendar to a file, or pipe it in as `-` (… | krock events -)"),
            },
        )),
        Err(Refusal::TooBig) => Err(too_big(&name, max)),
    }
}

/// Reads standard input, at most `max` bytes.
pub fn read_stdin(max: u64) -> Result<Loaded> {
    let bytes = read_bounded(std::io::stdin().lock(), max, "-", "")?;
    Ok(Loaded {
        name: "-".to_string(),
        bytes,
    })
}

/// Whether a directory entry is a regular file (after following a symlink); a FIFO,
/// device or socket named `*.ics` is not read.
pub fn is_regular(path: &Path) -> std::result::Result<(), String> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) => Err(kind_of(&m).to_string()),
        Err(e) => Err(super::io_reason(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_reader_stops_past_the_limit() {
        let zeros = std::io::repeat(0);
        let e = read_bounded(zeros, 1 << 20, "z", "").unwrap_err();
        assert!(e.to_string().contains("--max-file-mb"), "{e}");
        assert_eq!(
            e.kind,
            ErrorKind::LimitExceeded {
                limit: Limit::FileBytes,
                value: 1 << 20
            }
        );
        assert_eq!(e.at, Some(crate::diag::Location::file("z")));
        assert_eq!(read_bounded(&b"abc"[..], 3, "z", "").unwrap(), b"abc");
        assert!(read_bounded(&b"abcd"[..], 3, "z", "").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused() {
        let e = read_file(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(e.to_string().contains("is a device"), "{e}");
        assert!(matches!(e.kind, ErrorKind::Unreadable { .. }), "{e:?}");
    }
}
