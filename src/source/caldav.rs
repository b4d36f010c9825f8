/*!
CalDAV (RFC 4791) as a SOURCE: `caldav+https://host/path` (and `caldav+http://` for a
server on the same machine).

This file holds what every CalDAV request shares: the address (the `caldav+` prefix and
the user name taken off), the credentials ([`super::caldav_auth`]), one [`Client`] that
sends WebDAV methods over the same `ureq` agent, timeout, size cap and redaction as the
URL feeds ([`super::http`]), and the messages for what can go wrong — 401/403 say what to
do about the login, 404 how to find the calendar's address. Discovery is in
[`super::caldav_discovery`], reading a collection (ETags, sync-collection, the cache) in
[`super::caldav_read`], writing back in `crate::caldav_export`.

Why a small layer of our own and not a CalDAV crate: the maintained Rust client
(`libdav`) is async on tokio and hyper; krock is a synchronous tool that already has
`ureq` for its feeds. The part of CalDAV krock needs is a handful of requests (PROPFIND,
REPORT, GET, PUT) and one XML shape (`multistatus`), read with `quick-xml`.
*/

use super::caldav_auth::{self, Credentials};
use super::{display_url, http, FetchOptions};
use crate::diag::{Error, ErrorKind, Limit, Result};
use chrono::{DateTime, Utc};
use std::io::Read;
use std::path::PathBuf;

/// The scheme prefix of a CalDAV source.
pub const PREFIX: &str = "caldav+";

/// What CalDAV reads need beyond [`FetchOptions`]: who logs in, and the time range.
#[derive(Debug, Clone, Default)]
pub struct CaldavOptions {
    /// `--user`: the user name when the address has none.
    pub user: Option<String>,
    /// The environment variable holding the password or app token (`--password-env`, or
    /// the plan's `password_env`); otherwise `~/.netrc` (or `$NETRC`) is read.
    pub password_env: Option<String>,
    /// The `[start, end)` asked for with `calendar-query` and `free-busy-query`; set by
    /// the reader from its window.
    pub range: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// Whether a SOURCE is a CalDAV address.
pub fn is_caldav(text: &str) -> bool {
    text.len() > PREFIX.len() && text[..PREFIX.len()].eq_ignore_ascii_case(PREFIX)
}

/// A CalDAV address taken apart: the http(s) URL to request (without user info), and the
/// user name it carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub url: String,
    pub user: Option<String>,
    /// `scheme://host:port`
    pub origin: String,
}

impl Address {
    /// Parses `caldav+https://user@host/path`. A password in the address is refused: it
    /// would end up in plans, shell histories and process lists.
    pub fn parse(source: &str) -> Result<Address> {
        let name = display_url(source);
        let rest = if is_caldav(source) {
            &source[PREFIX.len()..]
        } else {
            source
        };
        let (scheme, after) = rest.split_once("://").ok_or_else(|| {
            Error::at(
                &name,
                ErrorKind::Unreadable {
                    detail: "not a CalDAV address; write it as caldav+https://host/path/"
                        .to_string(),
                },
            )
        })?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "https" && scheme != "http" {
            return Err(Error::at(
                &name,
                ErrorKind::Unreadable {
                    detail: "CalDAV goes over https (or http on this machine); write caldav+https://host/path/".to_string(),
                },
            ));
        }
        let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
        let (authority, path) = after.split_at(host_end);
        let (user, host) = match authority.rsplit_once('@') {
            Some((info, host)) => {
                if info.contains(':') {
                    return Err(Error::at(
                        &name,
                        ErrorKind::Unreadable {
                            detail: "the address holds a password; take it out (keep caldav+https://USER@host/…) and put the password in an environment variable named by password_env (or --password-env), or in ~/.netrc".to_string(),
                        },
                    ));
                }
                (Some(percent_decode(info)), host)
            }
            None => (None, authority),
        };
        if host.is_empty() {
            return Err(Error::at(
                &name,
                ErrorKind::Unreadable {
                    detail: "the address has no host; write caldav+https://host/path/".to_string(),
                },
            ));
        }
        let origin = format!("{scheme}://{host}");
        let path = if path.is_empty() { "/" } else { path };
        Ok(Address {
            url: format!("{origin}{path}"),
            user,
            origin,
        })
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One HTTP answer, read whole (up to the size cap).
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub etag: Option<String>,
    pub location: Option<String>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A CalDAV session with one server: its agent, its login, and the name it is reported
/// under (the source as the user wrote it, redacted).
pub struct Client {
    agent: ureq::Agent,
    credentials: Option<Credentials>,
    pub name: String,
    pub address: Address,
    opts: FetchOptions,
    /// Every address requested, for scrubbing library messages.
    visited: std::cell::RefCell<Vec<String>>,
}

impl Client {
    /// A client for `source` (`caldav+https://…`) with the login of `opts`.
    pub fn new(source: &str, opts: &FetchOptions) -> Result<Client> {
        let address = Address::parse(source)?;
        let name = display_url(source);
        let host = host_of(&address.origin);
        let user = address.user.clone().or_else(|| opts.caldav.user.clone());
        let credentials = caldav_auth::credentials(
            &name,
            host,
            user,
            opts.caldav.password_env.as_deref(),
            netrc_path(),
        )?;
        Ok(Client {
            agent: http::agent(opts),
            credentials,
            name,
            address,
            opts: opts.clone(),
            visited: Default::default(),
        })
    }

    pub fn user(&self) -> Option<&str> {
        self.credentials.as_ref().map(|c| c.user.as_str())
    }

    /// The absolute URL of an href the server gave (a path, or a whole URL).
    pub fn absolute(&self, href: &str) -> String {
        if href.starts_with("http://") || href.starts_with("https://") {
            href.to_string()
        } else if href.starts_with('/') {
            format!("{}{href}", self.address.origin)
        } else {
            http::resolve(&self.address.url, href).unwrap_or_else(|_| href.to_string())
        }
    }

    /// The path of a URL on this server (what hrefs are compared with).
    pub fn path_of(&self, url: &str) -> String {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        match rest.find('/') {
            Some(i) => rest[i..].to_string(),
            None => "/".to_string(),
        }
    }

    /// Sends one request. Transport failures are errors naming the source; HTTP statuses
    /// come back in the [`Reply`] for the caller to judge (see [`Client::status_error`]).
    pub fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<Reply> {
        self.visited.borrow_mut().push(url.to_string());
        let method = ureq::http::Method::from_bytes(method.as_bytes()).map_err(|_| {
            Error::at(
                &self.name,
                ErrorKind::Network {
                    detail: format!("bad method {method}"),
                },
            )
        })?;
        let mut builder = ureq::http::Request::builder()
            .method(method)
            .uri(url)
            .header("User-Agent", concat!("krock/", env!("CARGO_PKG_VERSION")));
        if body.is_some()
            && !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            builder = builder.header("Content-Type", "application/xml; charset=utf-8");
        }
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        if let Some(c) = &self.credentials {
            builder = builder.header("Authorization", c.basic());
        }
        let request = builder.body(body.unwrap_or("").to_string()).map_err(|_| {
            Error::at(
                &self.name,
                ErrorKind::Unreadable {
                    detail: "not a valid address; check it".to_string(),
                },
            )
        })?;
        let request = self
            .agent
            .configure_request(request)
            .allow_non_standard_methods(true)
            .timeout_global(Some(self.opts.timeout))
            .build();
        let visited = self.visited.borrow().clone();
        let mut resp = self.agent.run(request).map_err(|e| {
            Error::at(
                &self.name,
                ErrorKind::Network {
                    detail: http::describe(&e, url, &self.opts, &visited).to_string(),
                },
            )
        })?;
        let header = |n: &str| {
            resp.headers()
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let (etag, location, content_type) =
            (header("etag"), header("location"), header("content-type"));
        let mut body = Vec::new();
        resp.body_mut()
            .as_reader()
            .take(self.opts.max_bytes.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|e| {
                Error::at(
                    &self.name,
                    ErrorKind::Network {
                        detail: http::describe(&ureq::Error::from(e), url, &self.opts, &visited)
                            .to_string(),
                    },
                )
            })?;
        if body.len() as u64 > self.opts.max_bytes {
            return Err(Error::at(
                &self.name,
                ErrorKind::LimitExceeded {
                    limit: Limit::DownloadBytes,
                    value: self.opts.max_bytes,
                },
            ));
        }
        Ok(Reply {
            status: resp.status().as_u16(),
            etag,
            location,
            content_type,
            body,
        })
    }

    /// The error for an HTTP status that stops `what` (e.g. "reading the calendar").
    pub fn status_error(&self, status: u16, what: &str) -> Error {
        let line = http::status_line(
            ureq::http::StatusCode::from_u16(status)
                .unwrap_or(ureq::http::StatusCode::INTERNAL_SERVER_ERROR),
        );
        let hint = match (status, &self.credentials) {
            (401, None) => "the server wants a login and none was given: the user name goes in the address (caldav+https://USER@host/…) or --user, the password or app token in an environment variable named by password_env in the plan (or --password-env), or both in ~/.netrc".to_string(),
            (401, Some(c)) => format!(
                "the server refused the login of user \"{}\": check the user name and the password ({}); Nextcloud, Fastmail, iCloud and Google want an app password here, not the account's own",
                c.user, c.source
            ),
            (403, Some(c)) => format!(
                "user \"{}\" may not do this here: check that the calendar is shared with that user (with write access for export), or use the owner's login",
                c.user
            ),
            (403, None) => "the server does not allow this without a login: give a user (address or --user) and a password (password_env or ~/.netrc)".to_string(),
            (404, _) => "there is no calendar at this address: check the path, or list the calendars with `krock calendars caldav+https://host/`".to_string(),
            (405 | 501, _) => "the server does not speak CalDAV at this address: give the address of a calendar collection or of the CalDAV server (see `krock calendars`)".to_string(),
            (408 | 429, _) => "the server is busy; try again later".to_string(),
            (500..=599, _) => "the server failed; try again later, or tell whoever runs it".to_string(),
            _ => "check the address".to_string(),
        };
        Error::at(
            &self.name,
            ErrorKind::Network {
                detail: format!("{what}: {line}; {hint}"),
            },
        )
    }

    /// Sends and parses a multistatus answer (`207`); any other status is an error.
    pub fn multistatus(
        &self,
        method: &str,
        url: &str,
        depth: &str,
        body: &str,
        what: &str,
    ) -> Result<(Vec<super::caldav_xml::Response>, Option<String>)> {
        let reply = self.send(method, url, &[("Depth", depth)], Some(body))?;
        if !reply.ok() {
            return Err(self.status_error(reply.status, what));
        }
        let root = super::caldav_xml::parse(&reply.body).map_err(|e| {
            Error::at(
                &self.name,
                ErrorKind::Network {
                    detail: format!(
                        "{what}: {e}; the server's answer is not CalDAV (is this a CalDAV address?)",
                    ),
                },
            )
        })?;
        super::caldav_xml::multistatus(&root).map_err(|e| {
            Error::at(
                &self.name,
                ErrorKind::Network {
                    detail: format!("{what}: {e}; is this a CalDAV address?"),
                },
            )
        })
    }
}

/// `~/.netrc`, or the file `$NETRC` names.
fn netrc_path() -> Option<PathBuf> {
    match std::env::var_os("NETRC") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => dirs::home_dir().map(|h| h.join(".netrc")),
    }
}

/// `host` of `scheme://host:port`, without the port.
fn host_of(origin: &str) -> &str {
    let rest = origin.split_once("://").map_or(origin, |(_, r)| r);
    if rest.starts_with('[') {
        return rest.split(']').next().map_or(rest, |h| &h[1..]);
    }
    rest.rsplit_once(':').map_or(rest, |(h, _)| h)
}

/// A UTC time as CalDAV's time-range wants it.
pub fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_lose_the_prefix_and_the_user() {
        let a = Address::parse("caldav+https://anna@cal.example.se/dav/cal/").unwrap();
        assert_eq!(a.url, "https://cal.example.se/dav/cal/");
        assert_eq!(a.user.as_deref(), Some("anna"));
        assert_eq!(a.origin, "https://cal.example.se");
        let a = Address::parse("CALDAV+http://127.0.0.1:5232").unwrap();
        assert_eq!(a.url, "http://127.0.0.1:5232/");
        assert_eq!(a.user, None);
        let a = Address::parse("caldav+https://anna%40example.se@h.se/x").unwrap();
        assert_eq!(a.user.as_deref(), Some("anna@example.se"));
        let e = Address::parse("caldav+https://anna:s3cret@h.se/x").unwrap_err();
        assert!(e.to_string().contains("holds a password"), "{e}");
        assert!(!e.to_string().contains("s3cret"), "{e}");
        assert!(Address::parse("caldav+ftp://h.se/").is_err());
        assert!(is_caldav("caldav+https://h"));
        assert!(!is_caldav("https://h"));
        assert_eq!(host_of("http://127.0.0.1:5232"), "127.0.0.1");
        assert_eq!(host_of("https://h.se"), "h.se");
    }
}
