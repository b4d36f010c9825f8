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
and the files are 0600 on Unix, as a feed is often someone's private calendar. A file that
cannot be read back (truncated, edited) is treated as absent.
*/

use serde::{Deserialize, Serialize};
use std::io::Write;
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

    /// The cached copy of `url`, if there is a readable one.
    pub fn get(&self, url: &str) -> Option<Entry> {
        let bytes = std::fs::read(self.path(url)).ok()?;
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
        let path = self.path(url);
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let result = (|| {
            let mut file = create_private_file(&tmp)?;
            file.write_all(&serde_json::to_vec(&header).map_err(std::io::Error::other)?)?;
            file.write_all(b"\n")?;
            file.write_all(&entry.body)?;
            file.sync_all()?;
            std::fs::rename(&tmp, &path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
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

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::create(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_names_without_the_url() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("sub"));
        let url = "https://cal.example.se/private/SECRET/basic.ics?token=T0KEN";
        assert_eq!(cache.get(url), None);
        let entry = Entry {
            body: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_vec(),
            etag: Some("\"v1\"".into()),
            last_modified: Some("Wed, 01 Apr 2026 10:00:00 GMT".into()),
            fetched: 1_775_000_000,
        };
        cache.put(url, &entry).unwrap();
        assert_eq!(cache.get(url), Some(entry.clone()));
        assert_eq!(cache.get("https://cal.example.se/other"), None);
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
        assert_eq!(cache.get(url), None);
    }
}
