/*!
Where calendar bytes come from: a file, a directory of `.ics` files, standard input, or
an `http://`, `https://` or `webcal://` URL, or a CalDAV server (`caldav+https://`).

A SOURCE on the command line (or in a plan) is resolved here into one or more
[`Loaded`] byte buffers, each with the name it is reported under. Directories are walked
recursively and their `.ics` files read in sorted order, so output never depends on the
file system's order. URLs are downloaded by [`http`] (in parallel, through the cache of
[`cache`]) and reported under [`display_url`]: scheme and host, `…` for the rest, and a
short hash of the whole URL, so a secret token in the address is never printed.
CalDAV sources (`caldav+https://…`) are read by [`caldav_read`].
*/

pub mod cache;
pub mod caldav;
pub mod caldav_auth;
pub mod caldav_discovery;
pub mod caldav_read;
pub mod caldav_xml;
pub mod http;
pub mod read;

use crate::diag::{Error, ErrorKind, Result, Warnings};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A source as the user wrote it, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceSpec {
    Stdin,
    Path(PathBuf),
    Url(String),
    /// `caldav+https://…`: the events of the calendars there.
    Caldav(String),
    /// `caldav+https://…` asked for free/busy only (`person.freebusy`).
    CaldavFreeBusy(String),
}

impl SourceSpec {
    pub fn parse(text: &str) -> SourceSpec {
        let lower = text.to_ascii_lowercase();
        if text == "-" {
            SourceSpec::Stdin
        } else if caldav::is_caldav(text) {
            SourceSpec::Caldav(text.to_string())
        } else if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("webcal://")
        {
            SourceSpec::Url(text.to_string())
        } else {
            SourceSpec::Path(PathBuf::from(text))
        }
    }

    /// A `person.freebusy` source: CalDAV is asked with `free-busy-query`; a file or URL
    /// is read as any source (its VFREEBUSY periods are busy time).
    pub fn parse_freebusy(text: &str) -> SourceSpec {
        match SourceSpec::parse(text) {
            SourceSpec::Caldav(url) => SourceSpec::CaldavFreeBusy(url),
            other => other,
        }
    }
}

/// The bytes of one calendar file and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A URL shortened so that a secret token in its path or query is never printed whole:
/// the scheme and host are kept, the rest is replaced by `…`.
pub fn redact_url(url: &str) -> String {
    let (scheme, rest) = match url.find("://") {
        Some(i) => (&url[..i + 3], &url[i + 3..]),
        None => return "…".to_string(),
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    let host = host.rsplit('@').next().unwrap_or(host);
    if host_end == rest.len() {
        format!("{scheme}{host}")
    } else {
        format!("{scheme}{host}/…")
    }
}

/// The name a URL is reported under: [`redact_url`], plus `#` and the first six hex digits
/// of the SHA-256 of the whole URL when anything was cut off, so two feeds on the same
/// host stay apart (`https://cal.example.se/…#a1b2c3`). The same URL always gets the same
/// name.
pub fn display_url(url: &str) -> String {
    let redacted = redact_url(url);
    if redacted == url {
        redacted
    } else {
        format!("{redacted}#{}", &url_hash(url)[..6])
    }
}

/// The name a source as written (path, `-` or URL) is reported under: a URL by
/// [`display_url`], anything else as written. Events read from it carry this name.
pub fn display_name(source: &str) -> String {
    match SourceSpec::parse(source) {
        SourceSpec::Url(u) => display_url(&u),
        _ => source.to_string(),
    }
}

/// SHA-256 of a URL as written, in lower-case hex.
pub fn url_hash(url: &str) -> String {
    Sha256::digest(url.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How URL sources are downloaded.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The most one download may take, redirects and body included (`--timeout`).
    pub timeout: Duration,
    /// The largest body accepted, after gzip decoding (`--max-download-mb`).
    pub max_bytes: u64,
    /// Where downloaded feeds are kept (`--cache`); `None`: no cache.
    pub cache_dir: Option<PathBuf>,
    /// Use the cache alone; never touch the network (`--offline`).
    pub offline: bool,
    /// Show a progress bar on stderr while several feeds download.
    pub progress: bool,
    /// CalDAV sources: login and time range.
    pub caldav: caldav::CaldavOptions,
}

impl FetchOptions {
    /// `--timeout`'s default, in seconds (`cli.rs` shows it).
    pub const DEFAULT_TIMEOUT_SECS: u64 = 30;
    /// `--max-download-mb`'s default (`cli.rs` shows it).
    pub const DEFAULT_MAX_DOWNLOAD_MB: u64 = 50;
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(Self::DEFAULT_TIMEOUT_SECS),
            max_bytes: Self::DEFAULT_MAX_DOWNLOAD_MB * 1024 * 1024,
            cache_dir: default_cache_dir(),
            offline: false,
            progress: false,
            caldav: Default::default(),
        }
    }
}

/// The user's cache directory plus `krock` (`$XDG_CACHE_HOME/krock` or `~/.cache/krock`
/// on Linux, `~/Library/Caches/krock` on macOS), when there is one.
pub fn default_cache_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("krock"))
}

/// Reads every source, in order: URLs are downloaded first (in parallel), then each source
/// gives its files as [`load`] would. Problems of the cache (it cannot be written) are
/// warnings; an unreadable source is an error (the first one in `specs` order). A local
/// file or standard input holding more than `max_file_bytes` is an error.
pub fn load_all(
    specs: &[SourceSpec],
    fetch: &FetchOptions,
    max_file_bytes: u64,
    warnings: &mut Warnings,
) -> Result<Vec<Vec<Loaded>>> {
    let urls: Vec<&str> = specs
        .iter()
        .filter_map(|s| match s {
            SourceSpec::Url(u) => Some(u.as_str()),
            _ => None,
        })
        .collect();
    let mut fetched = http::fetch_all(&urls, fetch).into_iter();
    let mut out = Vec::with_capacity(specs.len());
    for spec in specs {
        match spec {
            SourceSpec::Url(_) => {
                let f = fetched.next().expect("one result per URL")?;
                warnings.extend(f.warnings);
                out.push(vec![f.loaded]);
            }
            other => out.push(load(other, fetch, max_file_bytes, warnings)?),
        }
    }
    Ok(out)
}

/// Reads a source; a directory gives every `.ics` file below it, sorted by path. Local
/// bytes are read by [`read`], at most `max_file_bytes` of each file.
pub fn load(
    spec: &SourceSpec,
    fetch: &FetchOptions,
    max_file_bytes: u64,
    warnings: &mut Warnings,
) -> Result<Vec<Loaded>> {
    match spec {
        SourceSpec::Stdin => Ok(vec![read::read_stdin(max_file_bytes)?]),
        SourceSpec::Url(url) => {
            let f = http::fetch_all(&[url.as_str()], fetch)
                .pop()
                .expect("one result per URL")?;
            warnings.extend(f.warnings);
            Ok(vec![f.loaded])
        }
        SourceSpec::Path(path) => load_path(path, max_file_bytes, warnings),
        SourceSpec::Caldav(url) => caldav_read::load(url, fetch, warnings),
        SourceSpec::CaldavFreeBusy(url) => caldav_read::load_freebusy(url, fetch, warnings),
    }
}

fn load_path(path: &Path, max: u64, warnings: &mut Warnings) -> Result<Vec<Loaded>> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::at(
            path.display().to_string(),
            ErrorKind::Unreadable {
                detail: format!("cannot read: {}; check the path", io_reason(&e)),
            },
        )
    })?;
    if meta.is_dir() {
        let mut files = Vec::new();
        collect_ics(path, &mut files)?;
        files.sort();
        // A FIFO, device or socket named *.ics in a directory is skipped with a warning
        // (reading a FIFO would wait for a writer forever).
        files.retain(|f| match read::is_regular(f) {
            Ok(_) => true,
            Err(what) => {
                warnings.push(
                    &f.display().to_string(),
                    None,
                    format!(
                        "is {what}, not a calendar file; skipped (remove it from the directory)"
                    ),
                );
                false
            }
        });
        if files.is_empty() {
            return Err(Error::at(
                path.display().to_string(),
                ErrorKind::Unreadable {
                    detail: "directory holds no .ics files".to_string(),
                },
            ));
        }
        files.iter().map(|f| read::read_file(f, max)).collect()
    } else {
        Ok(vec![read::read_file(path, max)?])
    }
}

fn collect_ics(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::at(
            dir.display().to_string(),
            ErrorKind::Unreadable {
                detail: format!("cannot list directory: {}", io_reason(&e)),
            },
        )
    })?;
    for entry in entries {
        let unreadable = |at: &Path, e: std::io::Error| {
            Error::at(
                at.display().to_string(),
                ErrorKind::Unreadable {
                    detail: e.to_string(),
                },
            )
        };
        let entry = entry.map_err(|e| unreadable(dir, e))?;
        let path = entry.path();
        let file_type = entry.file_type().map_err(|e| unreadable(&path, e))?;
        if file_type.is_dir() {
            collect_ics(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("ics"))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_sources() {
        assert_eq!(SourceSpec::parse("-"), SourceSpec::Stdin);
        assert!(matches!(
            SourceSpec::parse("webcal://x.example.se/a"),
            SourceSpec::Url(_)
        ));
        assert!(matches!(SourceSpec::parse("a.ics"), SourceSpec::Path(_)));
    }

    #[test]
    fn redacts_secret_parts_of_urls() {
        assert_eq!(
            redact_url("https://user:pw@cal.example.se/private/abc123/basic.ics?token=s3cret"),
            "https://cal.example.se/…"
        );
        assert_eq!(
            redact_url("https://cal.example.se"),
            "https://cal.example.se"
        );
    }

    #[test]
    fn display_names_keep_urls_on_one_host_apart() {
        let a = display_url("https://cal.example.se/private/abc123/basic.ics");
        let b = display_url("https://cal.example.se/private/def456/basic.ics");
        assert!(a.starts_with("https://cal.example.se/…#"), "{a}");
        assert_eq!(a.len(), b.len());
        assert_ne!(a, b);
        assert_eq!(
            a,
            display_url("https://cal.example.se/private/abc123/basic.ics")
        );
        assert!(!a.contains("abc123"));
        // Nothing cut off: nothing to tell apart, no hash.
        assert_eq!(
            display_url("https://cal.example.se"),
            "https://cal.example.se"
        );
        // A user name alone is secret too.
        assert!(display_url("https://u:p@cal.example.se").contains('#'));
    }
}
