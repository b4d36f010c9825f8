/*!
Downloading URL sources: `http://`, `https://`, and `webcal://` (fetched as `https://`).

Each feed is fetched with [`ureq`] over rustls (no system TLS library), with a connect
timeout and a budget for the whole download, redirects and body included (`--timeout`).
Redirects are followed here, not by ureq, so that each hop can be checked: at most
[`MAX_REDIRECTS`], never to a scheme other than http or https. Bodies may come
gzip-encoded (`Accept-Encoding: gzip` is sent and the body decoded); the decoded body is
capped (`--max-download-mb`). What comes back must be iCalendar: an HTML page (typically a
login page, or the web view of a calendar instead of its feed) is refused and said to be
one.

With a cache ([`super::cache`]) the previous copy's ETag and Last-Modified are sent as
`If-None-Match` and `If-Modified-Since`; `304 Not Modified` reuses the copy. `--offline`
reads the cache alone.

Secrets: a feed address often carries a token in its path or query. Every message names the
feed by [`super::display_url`] only, and any text that comes from the HTTP or TLS library
is scrubbed of the path and query of every address visited before it is shown.

Several feeds are downloaded in parallel (at most [`PARALLEL`] at a time), with a progress
bar on stderr when asked for ([`super::FetchOptions::progress`], set by the binary only
when stderr is a terminal).
*/

use super::cache::{Cache, Entry};
use super::{display_url, FetchOptions, Loaded};
use crate::diag::{Error, ErrorKind, Result, Warnings};
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The most redirects followed for one feed.
pub const MAX_REDIRECTS: usize = 5;
/// The most feeds downloaded at once.
pub const PARALLEL: usize = 4;
/// The connect timeout (or `--timeout`, when that is shorter).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// One downloaded (or cached) feed, and what went wrong on the side (cache not writable).
#[derive(Debug, Clone)]
pub struct Fetched {
    pub loaded: Loaded,
    pub warnings: Warnings,
}

/// The address actually requested: `webcal://` and `webcals://` become `https://`
/// (calendar apps register `webcal` for subscriptions; the servers speak https).
pub fn request_url(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    for prefix in ["webcals://", "webcal://"] {
        if lower.starts_with(prefix) {
            return format!("https://{}", &url[prefix.len()..]);
        }
    }
    url.to_string()
}

/// Downloads every URL (duplicates once), at most [`PARALLEL`] at a time; one result per
/// URL, in order.
pub fn fetch_all(urls: &[&str], opts: &FetchOptions) -> Vec<Result<Fetched>> {
    let mut unique: Vec<&str> = Vec::new();
    for u in urls {
        if !unique.contains(u) {
            unique.push(u);
        }
    }
    if unique.is_empty() {
        return Vec::new();
    }
    let agent = agent(opts);
    let cache = opts.cache_dir.as_ref().map(Cache::new);
    let bar = progress_bar(unique.len(), opts);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Fetched>>>> = Mutex::new(vec![None; unique.len()]);
    std::thread::scope(|scope| {
        for _ in 0..unique.len().min(PARALLEL) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(url) = unique.get(i) else { break };
                if let Some(bar) = &bar {
                    bar.set_message(crate::safe_text::clean(&display_url(url)).into_owned());
                }
                let r = fetch_one(url, &agent, cache.as_ref(), opts);
                if let Some(bar) = &bar {
                    bar.inc(1);
                }
                results.lock().expect("no thread panics holding it")[i] = Some(r);
            });
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let results = results.into_inner().expect("no thread panics holding it");
    urls.iter()
        .map(|u| {
            let i = unique.iter().position(|x| x == u).expect("listed");
            results[i].clone().expect("every URL was fetched")
        })
        .collect()
}

fn progress_bar(n: usize, opts: &FetchOptions) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !opts.progress || opts.offline || n < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(n as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} downloading feeds {pos}/{len} {wide_msg}",
    ) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    Some(bar)
}

pub(crate) fn agent(opts: &FetchOptions) -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_connect(Some(opts.timeout.min(CONNECT_TIMEOUT)))
        .user_agent(concat!("krock/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn when(fetched: i64) -> String {
    chrono::DateTime::from_timestamp(fetched, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "an unknown date".to_string())
}

fn fetch_one(
    url: &str,
    agent: &ureq::Agent,
    cache: Option<&Cache>,
    opts: &FetchOptions,
) -> Result<Fetched> {
    let name = display_url(url);
    let cached = cache.and_then(|c| c.get(url, opts.max_bytes));
    let mut warnings = Warnings::default();
    let done = |bytes: Vec<u8>, warnings: Warnings| Fetched {
        loaded: Loaded {
            name: name.clone(),
            bytes,
        },
        warnings,
    };
    if opts.offline {
        return match (cached, cache) {
            (Some(entry), _) => Ok(done(entry.body, warnings)),
            (None, Some(c)) => Err(Error::at(
                &name,
                ErrorKind::NotCached {
                    detail: format!(
                        "not in the cache ({}) and --offline is set; run once without --offline to download it, or give the --cache DIR it was downloaded into",
                        c.dir().display(),
                    ),
                },
            )),
            (None, None) => Err(Error::at(
                &name,
                ErrorKind::NotCached {
                    detail: "--offline reads the cache, and there is no cache directory (no home directory?); give --cache DIR".to_string(),
                },
            )),
        };
    }
    let mut visited = vec![request_url(url)];
    let answer = get(agent, opts, cached.as_ref(), &mut visited).map_err(|message| {
        let hint = match &cached {
            Some(e) => format!(
                " (a copy from {} is cached: --offline uses it)",
                when(e.fetched)
            ),
            None => String::new(),
        };
        Error::at(
            &name,
            ErrorKind::Network {
                detail: format!("{message}{hint}"),
            },
        )
    })?;
    let store = |entry: &Entry, warnings: &mut Warnings| {
        if let Some(c) = cache {
            if let Err(e) = c.put(url, entry) {
                warnings.push(
                    &name,
                    None,
                    format!(
                        "cannot write the cache in {}: {e}; the feed was read, but will be downloaded in full next time (give --cache DIR elsewhere?)",
                        c.dir().display()
                    ),
                );
            }
        }
    };
    match answer {
        Answer::NotModified { etag } => match cached {
            Some(mut entry) => {
                entry.fetched = now();
                if etag.is_some() {
                    entry.etag = etag;
                }
                store(&entry, &mut warnings);
                Ok(done(entry.body, warnings))
            }
            None => Err(Error::at(
                &name,
                ErrorKind::Network {
                    detail: "the server answered 304 Not Modified, but there is no cached copy; check the feed address".to_string(),
                },
            )),
        },
        Answer::Body {
            body,
            etag,
            last_modified,
            content_type,
        } => {
            check_icalendar(&name, &body, content_type.as_deref())?;
            let entry = Entry {
                body,
                etag,
                last_modified,
                fetched: now(),
            };
            store(&entry, &mut warnings);
            Ok(done(entry.body, warnings))
        }
    }
}

enum Answer {
    NotModified {
        etag: Option<String>,
    },
    Body {
        body: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
        content_type: Option<String>,
    },
}

fn header(resp: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// One download, following redirects; `visited` collects every address requested. The
/// error is a message without the feed's name.
fn get(
    agent: &ureq::Agent,
    opts: &FetchOptions,
    cached: Option<&Entry>,
    visited: &mut Vec<String>,
) -> std::result::Result<Answer, String> {
    let start = Instant::now();
    let mut redirects = 0;
    loop {
        let current = visited
            .last()
            .expect("starts with the feed's address")
            .clone();
        let remaining = opts
            .timeout
            .checked_sub(start.elapsed())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| timeout_message(opts))?;
        let mut req = agent
            .get(&current)
            .header("Accept", "text/calendar, text/plain;q=0.5, */*;q=0.1");
        if let Some(entry) = cached {
            if let Some(etag) = &entry.etag {
                req = req.header("If-None-Match", etag);
            }
            if let Some(lm) = &entry.last_modified {
                req = req.header("If-Modified-Since", lm);
            }
        }
        let mut resp = req
            .config()
            .timeout_global(Some(remaining))
            .build()
            .call()
            .map_err(|e| describe(&e, &current, opts, visited))?;
        let status = resp.status();
        let code = status.as_u16();
        if code == 304 {
            return Ok(Answer::NotModified {
                etag: header(&resp, "etag"),
            });
        }
        if status.is_redirection() {
            let Some(location) = header(&resp, "location") else {
                return Err(format!(
                    "{} without an address to go on to (no Location); check the feed address",
                    status_line(status)
                ));
            };
            if redirects == MAX_REDIRECTS {
                return Err(format!(
                    "more than {MAX_REDIRECTS} redirects (a redirect loop?); open the address in a browser to see where it leads, and use the address it ends at"
                ));
            }
            redirects += 1;
            visited.push(resolve(&current, &location)?);
            continue;
        }
        if !status.is_success() {
            return Err(status_message(status));
        }
        let too_large = || {
            format!(
                "the feed is larger than {} (--max-download-mb); if it really is this big, raise --max-download-mb",
                size_text(opts.max_bytes)
            )
        };
        let encoded = header(&resp, "content-encoding").is_some();
        if let Some(len) = header(&resp, "content-length").and_then(|l| l.parse::<u64>().ok()) {
            if !encoded && len > opts.max_bytes {
                return Err(too_large());
            }
        }
        let etag = header(&resp, "etag");
        let last_modified = header(&resp, "last-modified");
        let content_type = header(&resp, "content-type");
        let mut body = Vec::new();
        resp.body_mut()
            .as_reader()
            .take(opts.max_bytes.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|e| describe(&ureq::Error::from(e), &current, opts, visited))?;
        if body.len() as u64 > opts.max_bytes {
            return Err(too_large());
        }
        return Ok(Answer::Body {
            body,
            etag,
            last_modified,
            content_type,
        });
    }
}

fn size_text(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 1.0 && mb.fract() == 0.0 {
        format!("{mb} MB")
    } else {
        format!("{mb:.2} MB")
    }
}

pub(crate) fn status_line(status: ureq::http::StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

fn status_message(status: ureq::http::StatusCode) -> String {
    let hint = match status.as_u16() {
        401 | 403 => "the feed needs a login, or its secret address is no longer valid; copy the feed's address again from the calendar's sharing settings",
        408 | 429 => "the server is busy; try again later",
        500..=599 => "the server failed; try again later, or tell whoever runs the calendar",
        _ => "check the feed address",
    };
    format!("{}; {hint}", status_line(status))
}

fn timeout_message(opts: &FetchOptions) -> String {
    format!(
        "no complete answer within {} s (--timeout); the server is slow or unreachable: try again later, or raise --timeout",
        opts.timeout.as_secs_f64()
    )
}

/// The host (and port) of an address, for messages.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    host.rsplit('@').next().unwrap_or(host)
}

/// Explains a failed request in words a user can act on. Text taken from the library is
/// scrubbed of every visited address's secret parts.
pub(crate) fn describe(
    e: &ureq::Error,
    current: &str,
    opts: &FetchOptions,
    visited: &[String],
) -> String {
    use ureq::Error as E;
    let host = host_of(current);
    let detail = |d: &dyn std::fmt::Display| scrub(&d.to_string(), visited);
    let tls = |d: String| {
        format!(
            "the secure (https/TLS) connection to {host} failed: {d}; check the address (http or https?), the computer's clock, or a proxy or firewall that intercepts https"
        )
    };
    match e {
        E::HostNotFound => format!(
            "cannot find the server {host} (DNS lookup failed); check the address and the network connection"
        ),
        E::Timeout(_) => timeout_message(opts),
        E::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => format!(
                "connection refused by {host}: nothing answers at that address and port; check the address, or try again later"
            ),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                timeout_message(opts)
            }
            // rustls reports through the stream as invalid data.
            std::io::ErrorKind::InvalidData if current.starts_with("https:") => {
                tls(detail(io))
            }
            _ => format!("network error talking to {host}: {}", detail(io)),
        },
        E::ConnectionFailed => format!(
            "cannot connect to {host}; check the address and the network connection"
        ),
        E::Tls(m) => tls(detail(m)),
        E::Rustls(r) => tls(detail(r)),
        E::Pem(_) | E::TlsRequired => tls("bad certificate data".to_string()),
        E::BadUri(_) | E::Http(_) => {
            "not a valid web address (a character that is not allowed?); check the feed address".to_string()
        }
        E::Protocol(_) | E::BodyStalled => format!(
            "the answer from {host} is not valid HTTP; check the address (the right port? http or https?)"
        ),
        E::TooManyRedirects | E::RedirectFailed => format!(
            "more than {MAX_REDIRECTS} redirects (a redirect loop?); open the address in a browser to see where it leads, and use the address it ends at"
        ),
        E::InvalidProxyUrl => "the proxy setting (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY) is not a valid URL; fix or unset it".to_string(),
        E::ConnectProxyFailed(m) => format!("the proxy did not connect: {}", detail(m)),
        E::LargeResponseHeader(..) => {
            format!("the response headers from {host} are too large; check the feed address")
        }
        E::Decompress(_, io) => format!(
            "the gzip-compressed answer cannot be decoded: {}",
            detail(io)
        ),
        E::BodyExceedsLimit(_) => format!(
            "the feed is larger than {} (--max-download-mb); if it really is this big, raise --max-download-mb",
            size_text(opts.max_bytes)
        ),
        other => format!("download failed: {}", detail(other)),
    }
}

/// Replaces every secret part (anything after the host, the user info, and each piece of
/// the path and query of four characters or more) of the given addresses in `text` by `…`.
fn scrub(text: &str, urls: &[String]) -> String {
    let mut secrets: Vec<&str> = Vec::new();
    for url in urls {
        secrets.push(url);
        let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
        let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(host_end);
        if let Some((userinfo, _)) = authority.rsplit_once('@') {
            secrets.push(userinfo);
            secrets.extend(userinfo.split(':').filter(|p| p.len() >= 4));
        }
        if !tail.is_empty() {
            secrets.push(tail);
            secrets.extend(
                tail.split(['/', '?', '&', '=', '#', ';'])
                    .filter(|p| p.len() >= 4),
            );
        }
    }
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut out = text.to_string();
    for s in secrets {
        out = out.replace(s, "…");
    }
    out
}

/// The address a redirect leads to, relative references resolved against `base`
/// (RFC 3986 5.2, without removing dot segments: the server does that). Only http and
/// https are followed.
pub(crate) fn resolve(base: &str, location: &str) -> std::result::Result<String, String> {
    let location = location.trim();
    if let Some(scheme) = scheme_of(location) {
        let scheme = scheme.to_ascii_lowercase();
        if scheme == "http" || scheme == "https" {
            return Ok(location.to_string());
        }
        return Err(format!(
            "the server redirects to a {scheme}: address, and krock follows only http and https; check the feed address"
        ));
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    let path_and_query = rest[host_end..].split('#').next().unwrap_or("");
    let path = path_and_query.split('?').next().unwrap_or("");
    Ok(if location.is_empty() {
        format!("{origin}{path_and_query}")
    } else if location.starts_with("//") {
        format!("{scheme}:{location}")
    } else if location.starts_with('/') {
        format!("{origin}{location}")
    } else if location.starts_with('?') {
        format!("{origin}{path}{location}")
    } else if location.starts_with('#') {
        format!("{origin}{path_and_query}")
    } else {
        let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
        format!("{origin}{dir}{location}")
    })
}

/// The scheme of an absolute reference (`ftp` in `ftp://…`), if it has one.
fn scheme_of(s: &str) -> Option<&str> {
    let colon = s.find(':')?;
    let scheme = &s[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(scheme)
}

/// Refuses what is not iCalendar: an HTML page (say so), an empty answer, anything else.
fn check_icalendar(name: &str, body: &[u8], content_type: Option<&str>) -> Result<()> {
    let text = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let text = &text[start..];
    if text.len() >= 15 && text[..15].eq_ignore_ascii_case(b"BEGIN:VCALENDAR") {
        return Ok(());
    }
    let head = String::from_utf8_lossy(&text[..text.len().min(1024)]).to_ascii_lowercase();
    let html = content_type.is_some_and(|c| c.to_ascii_lowercase().contains("html"))
        || (head.starts_with('<')
            && ["<html", "<!doctype html", "<head", "<body"]
                .iter()
                .any(|t| head.contains(t)));
    let message = if html {
        "the server sent a web page (HTML), not an iCalendar feed: often a login page, or the page that shows the calendar instead of its feed; use the calendar's iCal (.ics) address, e.g. the \"secret address in iCal format\" from its sharing settings".to_string()
    } else if text.is_empty() {
        "the server sent an empty answer, not an iCalendar feed; check the feed address".to_string()
    } else {
        let ct = content_type
            .map(|c| {
                let c: String = c.chars().filter(|c| !c.is_control()).take(60).collect();
                format!(", Content-Type {c}")
            })
            .unwrap_or_default();
        format!(
            "the answer is not iCalendar (it does not begin with BEGIN:VCALENDAR{ct}); check the feed address"
        )
    };
    Err(Error::at(
        name,
        ErrorKind::Network {
            detail: message.to_string(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webcal_is_fetched_as_https() {
        assert_eq!(
            request_url("webcal://cal.example.se/feed.ics?t=1"),
            "https://cal.example.se/feed.ics?t=1"
        );
        assert_eq!(
            request_url("WEBCAL://cal.example.se/a"),
            "https://cal.example.se/a"
        );
        assert_eq!(
            request_url("webcals://cal.example.se/a"),
            "https://cal.example.se/a"
        );
        assert_eq!(request_url("http://h/a"), "http://h/a");
        assert_eq!(request_url("https://h/a"), "https://h/a");
    }

    #[test]
    fn redirects_resolve_and_stay_on_http() {
        let base = "https://h.se:8443/dir/feed.ics?token=x";
        assert_eq!(resolve(base, "http://o.se/a").unwrap(), "http://o.se/a");
        assert_eq!(resolve(base, "//o.se/a").unwrap(), "https://o.se/a");
        assert_eq!(resolve(base, "/b.ics").unwrap(), "https://h.se:8443/b.ics");
        assert_eq!(
            resolve(base, "c.ics?t=2").unwrap(),
            "https://h.se:8443/dir/c.ics?t=2"
        );
        assert_eq!(
            resolve(base, "?t=3").unwrap(),
            "https://h.se:8443/dir/feed.ics?t=3"
        );
        assert_eq!(resolve("http://h.se", "x").unwrap(), "http://h.se/x");
        for bad in ["ftp://o.se/a", "file:///etc/passwd", "javascript:alert(1)"] {
            let e = resolve(base, bad).unwrap_err();
            assert!(e.contains("only http and https"), "{e}");
        }
    }

    #[test]
    fn scrubs_secret_parts_from_library_text() {
        let urls =
            vec!["https://u:pw12@h.se/private/SECRET123/basic.ics?token=SECRET456".to_string()];
        let text = "bad uri: https://u:pw12@h.se/private/SECRET123/basic.ics?token=SECRET456 and SECRET123 and token=SECRET456 pw12";
        let s = scrub(text, &urls);
        for secret in ["SECRET123", "SECRET456", "pw12"] {
            assert!(!s.contains(secret), "{s}");
        }
    }

    #[test]
    fn refuses_what_is_not_icalendar() {
        assert!(check_icalendar("f", b"\xEF\xBB\xBF\r\nbegin:vcalendar\r\n", None).is_ok());
        let e = check_icalendar(
            "f",
            b"<!DOCTYPE html><html><body>Log in</body></html>",
            Some("text/html; charset=utf-8"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("web page (HTML)"), "{e}");
        let e = check_icalendar("f", b"", None).unwrap_err();
        assert!(e.to_string().contains("empty"), "{e}");
        let e = check_icalendar("f", b"{\"a\":1}", Some("application/json")).unwrap_err();
        assert!(e.to_string().contains("not iCalendar"), "{e}");
    }

    #[test]
    fn describes_library_errors_without_the_address() {
        let url = "https://h.se/private/SECRET123/x.ics".to_string();
        let opts = FetchOptions::default();
        let visited = [url.clone()];
        let m = describe(&ureq::Error::HostNotFound, &url, &opts, &visited);
        assert!(
            m.contains("DNS") && m.contains("h.se") && !m.contains("SECRET"),
            "{m}"
        );
        let m = describe(&ureq::Error::BadUri(url.clone()), &url, &opts, &visited);
        assert!(!m.contains("SECRET"), "{m}");
        let m = describe(&ureq::Error::Tls("bad cert"), &url, &opts, &visited);
        assert!(m.contains("TLS") && m.contains("bad cert"), "{m}");
    }
}
