/*!
Where calendar bytes come from: a file, a directory of `.ics` files, or standard input.

A SOURCE on the command line (or in a plan) is resolved here into one or more
[`Loaded`] byte buffers, each with the name it is reported under. Directories are walked
recursively and their `.ics` files read in sorted order, so output never depends on the
file system's order. URL sources (`http://`, `https://`, `webcal://`) slot in here as
another [`SourceSpec`] variant; until then they are refused with a clear error.
*/

use crate::diag::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// A source as the user wrote it, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceSpec {
    Stdin,
    Path(PathBuf),
    Url(String),
}

impl SourceSpec {
    pub fn parse(text: &str) -> SourceSpec {
        let lower = text.to_ascii_lowercase();
        if text == "-" {
            SourceSpec::Stdin
        } else if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("webcal://")
        {
            SourceSpec::Url(text.to_string())
        } else {
            SourceSpec::Path(PathBuf::from(text))
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

/// Reads a source; a directory gives every `.ics` file below it, sorted by path.
pub fn load(spec: &SourceSpec) -> Result<Vec<Loaded>> {
    match spec {
        SourceSpec::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::new(format!("-: cannot read standard input: {e}")))?;
            Ok(vec![Loaded {
                name: "-".to_string(),
                bytes,
            }])
        }
        SourceSpec::Url(url) => Err(Error::new(format!(
            "{}: URL sources are not supported yet; download the feed and pass the file instead",
            redact_url(url)
        ))),
        SourceSpec::Path(path) => load_path(path),
    }
}

fn load_path(path: &Path) -> Result<Vec<Loaded>> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::new(format!(
            "{}: cannot read: {}; check the path",
            path.display(),
            io_reason(&e)
        ))
    })?;
    if meta.is_dir() {
        let mut files = Vec::new();
        collect_ics(path, &mut files)?;
        files.sort();
        if files.is_empty() {
            return Err(Error::new(format!(
                "{}: directory holds no .ics files",
                path.display()
            )));
        }
        files.iter().map(|f| read_file(f)).collect()
    } else {
        Ok(vec![read_file(path)?])
    }
}

fn read_file(path: &Path) -> Result<Loaded> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::new(format!(
            "{}: cannot read: {}; check the path",
            path.display(),
            io_reason(&e)
        ))
    })?;
    Ok(Loaded {
        name: path.display().to_string(),
        bytes,
    })
}

fn collect_ics(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::new(format!(
            "{}: cannot list directory: {}",
            dir.display(),
            io_reason(&e)
        ))
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::new(format!("{}: {}", dir.display(), e)))?;
        let path = entry.path();
        let file_type = entry
            .file_type()
            .map_err(|e| Error::new(format!("{}: {}", path.display(), e)))?;
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
}
