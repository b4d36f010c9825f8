/*!
The download cache: the last good copy of each URL feed, with the validators the server
gave for it (ETag, Last-Modified), so the next run can ask "has it changed?"
(`If-None-Match` / `If-Modified-Since`) and reuse the copy on `304 Not Modified`, and
`--offline` can work from the copies alone.

One file per URL, named by the SHA-256 of the URL as written (`<64 hex digits>.feed`):
the URL itself, which may carry a secret token, appears neither in the file names nor in
the files. A file is one JSON line (validators, when it was fetched, the body's length)
followed by the body, the decoded iCalendar bytes. Files are written to a temporary name
and renamed, so a reader never sees half a file; the directory is created private (0700)
and the files are 0600 on Unix, as a feed is often someone's private calendar. The
temporary file is created with `O_EXCL` under an unpredictable name ([`crate::atomic`]),
so a symlink planted in a shared cache directory is never written through. A file that
cannot be read back (truncated, edited, not a regular file, larger than a feed may be) is
treated as absent: the cache only ever saves a download.
*/

use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

/// One cached feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub body: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When it was downloaded (or last confirmed unchanged): seconds since 1970, UTC.
    pub fetched: i64,
}

#[derive(Serialize, Deserialize)]
struct Header {
    etag: Option<String>,
    last_modified: Option<String>,
    fetched: i64,
    length: usize,
}

/// The cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file holding `url`'s copy.
    pub fn path(&self, url: &str) -> PathBuf {
        self.dir.join(format!("{}.feed", super::url_hash(url)))
    }

    /// The cached copy of `url`, if there is a readable one of at most `max_body` bytes.
    pub fn get(&self, url: &str, max_body: u64) -> Option<Entry> {
        let bytes = read_regular(&self.path(url), max_body.saturating_add(64 << 10))?;
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        let header: Header = serde_json::from_slice(&bytes[..newline]).ok()?;
        let body = &bytes[newline + 1..];
        if body.len() != header.length {
            return None;
        }
        Some(Entry {
            body: body.to_vec(),
            etag: header.etag,
            last_modified: header.last_modified,
            fetched: header.fetched,
        })
    }

    /// Stores `entry` as `url`'s copy, replacing any older one atomically.
    pub fn put(&self, url: &str, entry: &Entry) -> std::io::Result<()> {
        create_private_dir(&self.dir)?;
        let header = Header {
            etag: entry.etag.clone(),
            last_modified: entry.last_modified.clone(),
            fetched: entry.fetched,
            length: entry.body.len(),
        };
        let mut bytes = serde_json::to_vec(&header).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        bytes.extend_from_slice(&entry.body);
        crate::atomic::replace(&self.path(url), &bytes)
    }
}

/// The bytes of a regular file (not through a symlink) of at most `max` bytes.
fn read_regular(path: &Path, max: u64) -> Option<Vec<u8>> {
    let file = open_no_follow(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > max {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).ok()?;
    (bytes.len() as u64 <= max).then_some(bytes)
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_names_without_the_url() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("sub"));
        let url = "https://cal.example.se/private/SECRET/basic.ics?token=T0KEN";
        assert_eq!(cache.get(url, 1 << 20), None);
        let entry = Entry {
            body: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_vec(),
            etag: Some("\"v1\"".into()),
            last_modified: Some("Wed, 01 Apr 2026 10:00:00 GMT".into()),
            fetched: 1_775_000_000,
        };
        cache.put(url, &entry).unwrap();
        assert_eq!(cache.get(url, 1 << 20), Some(entry.clone()));
        assert_eq!(cache.get("https://cal.example.se/other", 1 << 20), None);
        for f in std::fs::read_dir(cache.dir()).unwrap() {
            let f = f.unwrap();
            let name = f.file_name().to_string_lossy().into_owned();
            assert!(
                !name.contains("SECRET") && !name.contains("cal.example"),
                "{name}"
            );
            let text = String::from_utf8_lossy(&std::fs::read(f.path()).unwrap()).into_owned();
            assert!(!text.contains("SECRET") && !text.contains("T0KEN"));
        }
        // A damaged file is no copy at all.
        let path = cache.path(url);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        assert_eq!(cache.get(url, 1 << 20), None);
    }
}

#[cfg(all(test, unix))]
mod symlink_tests {
    use super::*;

    #[test]
    fn a_planted_symlink_is_neither_followed_nor_read() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let url = "https://cal.example.se/feed.ics";
        std::os::unix::fs::symlink(&victim, cache.path(url)).unwrap();
        assert_eq!(cache.get(url, 1 << 20), None);
        let entry = Entry {
            body: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_vec(),
            etag: None,
            last_modified: None,
            fetched: 0,
        };
        cache.put(url, &entry).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(cache.get(url, 1 << 20), Some(entry));
    }
}
