//! Feeds by URL, through the binary, against a tiny HTTP/1.1 server on 127.0.0.1 that each
//! test starts for itself (hand-written responses, `Connection: close`). A server thread
//! stops by itself after the requests it expects, or after 20 seconds; every command runs
//! with a 30-second limit. Nothing here reaches beyond the loopback address: proxy
//! variables are removed from the command's environment.

use assert_cmd::Command;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//krock tests//EN\r\n\
BEGIN:VEVENT\r\nUID:rr-1@test\r\nDTSTAMP:20260101T000000Z\r\n\
DTSTART:20260424T070000Z\r\nDTEND:20260424T100000Z\r\nSUMMARY:Regionalt råd\r\n\
END:VEVENT\r\nEND:VCALENDAR\r\n";

/// Another feed whose event overlaps the one of [`ICS`], and an event without DTSTART
/// (a warning that names the feed).
const OTHER_ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//krock tests//EN\r\n\
BEGIN:VEVENT\r\nUID:nato-1@test\r\nDTSTAMP:20260101T000000Z\r\n\
DTSTART:20260424T080000Z\r\nDTEND:20260424T093000Z\r\nSUMMARY:Lunch NATO/UD\r\n\
END:VEVENT\r\nBEGIN:VEVENT\r\nUID:broken@test\r\nSUMMARY:No start\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

/// The existing series of the plan's meeting: clashes with [`ICS`].
const SERIES_ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//krock tests//EN\r\n\
BEGIN:VEVENT\r\nUID:kd-series@test\r\nDTSTAMP:20260101T000000Z\r\n\
DTSTART;TZID=Europe/Stockholm:20260424T083000\r\nDTEND;TZID=Europe/Stockholm:20260424T120000\r\n\
SUMMARY:KD\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

const LOGIN_PAGE: &str =
    "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form>Password</form></body></html>\n";

// ---------------------------------------------------------------------------------------
// The server

#[derive(Clone, Debug)]
struct Seen {
    /// Path and query as requested.
    target: String,
    /// Header names in lower case.
    headers: Vec<(String, String)>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn path(&self) -> &str {
        self.target.split('?').next().unwrap()
    }
}

enum Reply {
    /// Bytes written at once.
    Now(Vec<u8>),
    /// A head, then one body byte every `interval`, `bytes` times (a server that stalls).
    Slow {
        head: Vec<u8>,
        interval: Duration,
        bytes: usize,
    },
}

fn reply(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (n, v) in headers {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    Reply::Now(bytes)
}

fn ics(body: &str) -> Reply {
    reply(
        "200 OK",
        &[("Content-Type", "text/calendar; charset=utf-8")],
        body.as_bytes(),
    )
}

struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
    fn url(&self, target: &str) -> String {
        format!("{}{target}", self.base)
    }
}

/// Serves at most `max` connections (one request each), for at most 20 seconds.
fn serve(max: usize, handler: impl Fn(&Seen) -> Reply + Send + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    listener.set_nonblocking(true).unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut served = 0;
        while served < max && Instant::now() < deadline {
            match listener.accept() {
                Ok((stream, _)) => {
                    served += 1;
                    handle(stream, &handler, &log);
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                Err(_) => break,
            }
        }
    });
    Server { base, seen }
}

fn handle(mut stream: TcpStream, handler: &impl Fn(&Seen) -> Reply, log: &Mutex<Vec<Seen>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if buf.len() > 65536 {
            return;
        }
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = text.split("\r\n");
    let target = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .unwrap_or("")
        .to_string();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let seen = Seen { target, headers };
    log.lock().unwrap().push(seen.clone());
    match handler(&seen) {
        Reply::Now(bytes) => {
            let _ = stream.write_all(&bytes);
        }
        Reply::Slow {
            head,
            interval,
            bytes,
        } => {
            if stream.write_all(&head).is_err() {
                return;
            }
            for _ in 0..bytes {
                std::thread::sleep(interval);
                if stream.write_all(b"X").and_then(|_| stream.flush()).is_err() {
                    return;
                }
            }
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

// ---------------------------------------------------------------------------------------
// Running krock

fn krock(args: &[&str], cache: &Path) -> Output {
    let mut cmd = Command::cargo_bin("krock").unwrap();
    cmd.args(args).arg("--cache").arg(cache);
    for var in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd.timeout(Duration::from_secs(30)).output().unwrap()
}

fn events(url: &str, cache: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["events", url, "--from", "2026-04-01", "--to", "2026-06-01"];
    args.extend_from_slice(extra);
    krock(&args, cache)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit status 2, nothing on stdout, an `error:` naming the feed (redacted) and `what`.
fn assert_fails(o: &Output, server: &Server, what: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(o.stdout.is_empty(), "stdout: {}", stdout(o));
    assert!(
        err.starts_with(&format!("error: {}/…#", server.base)),
        "{err}"
    );
    assert!(err.contains(what), "wanted {what:?} in: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

// ---------------------------------------------------------------------------------------
// The tests

#[test]
fn reads_a_feed_over_http() {
    let cache = tempfile::tempdir().unwrap();
    let server = serve(1, |_| ics(ICS));
    let o = events(&server.url("/cal/basic.ics"), cache.path(), &["--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\"summary\":\"Regionalt råd\""), "{out}");
    assert!(
        out.contains(&format!("\"source\":\"{}/…#", server.base)),
        "{out}"
    );
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].target, "/cal/basic.ics");
    assert!(seen[0].header("accept-encoding").unwrap().contains("gzip"));
    assert_eq!(seen[0].header("if-none-match"), None);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn revalidates_with_etag_and_uses_the_cache_on_304() {
    let cache = tempfile::tempdir().unwrap();
    let server = serve(2, |req| {
        if req.header("if-none-match") == Some("\"v1\"") {
            Reply::Now(
                b"HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n".to_vec(),
            )
        } else {
            reply(
                "200 OK",
                &[
                    ("Content-Type", "text/calendar"),
                    ("ETag", "\"v1\""),
                    ("Last-Modified", "Wed, 01 Apr 2026 10:00:00 GMT"),
                ],
                ICS.as_bytes(),
            )
        }
    });
    let url = server.url("/cal/basic.ics");
    let first = events(&url, cache.path(), &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let second = events(&url, cache.path(), &[]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert_eq!(stdout(&first), stdout(&second));
    assert!(stdout(&second).contains("Regionalt råd"));
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].header("if-none-match"), None);
    assert_eq!(seen[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(
        seen[1].header("if-modified-since"),
        Some("Wed, 01 Apr 2026 10:00:00 GMT")
    );
    // The cache holds one file, named by a hash: no part of the URL.
    let names: Vec<String> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(!names[0].contains("basic") && !names[0].contains("127.0.0.1"));
}

#[test]
fn follows_redirects() {
    let cache = tempfile::tempdir().unwrap();
    let server = serve(3, |req| match req.path() {
        "/old" => reply("301 Moved Permanently", &[("Location", "/middle")], b""),
        "/middle" => reply(
            "307 Temporary Redirect",
            &[("Location", "feeds/new.ics")],
            b"",
        ),
        "/feeds/new.ics" => ics(ICS),
        _ => reply("404 Not Found", &[], b""),
    });
    let o = events(&server.url("/old"), cache.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Regionalt råd"));
    let paths: Vec<String> = server.seen().iter().map(|s| s.target.clone()).collect();
    assert_eq!(paths, ["/old", "/middle", "/feeds/new.ics"]);
}

#[test]
fn a_redirect_loop_is_an_error_after_five_redirects() {
    let cache = tempfile::tempdir().unwrap();
    let server = serve(10, |_| reply("302 Found", &[("Location", "/loop")], b""));
    let o = events(&server.url("/loop"), cache.path(), &[]);
    assert_fails(&o, &server, "more than 5 redirects");
    assert_eq!(
        server.seen().len(),
        6,
        "the first request and five redirects"
    );
}

#[test]
fn a_redirect_to_another_scheme_is_refused() {
    let cache = tempfile::tempdir().unwrap();
    let server = serve(1, |_| {
        reply("302 Found", &[("Location", "file:///etc/passwd")], b"")
    });
    let o = events(&server.url("/feed"), cache.path(), &[]);
    assert_fails(&o, &server, "follows only http and https");
}

#[test]
fn http_404_is_an_error_that_says_what_to_do() {
    let cache = tempfile::tempdir().unwrap();
    let server = serve(1, |_| reply("404 Not Found", &[], b"no such feed"));
    let o = events(&server.url("/cal/missing.ics"), cache.path(), &[]);
    assert_fails(&o, &server, ": HTTP 404 Not Found; check the feed address");
}

#[test]
fn a_slow_server_times_out() {
    let cache = tempfile::tempdir().unwrap();
    // Headers at once, then one byte every 200 ms: no single read waits long, the whole
    // download does.
    let server = serve(1, |_| {
        Reply::Slow {
        head: b"HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nContent-Length: 1000\r\nConnection: close\r\n\r\nBEGIN:VCALENDAR\r\n".to_vec(),
        interval: Duration::from_millis(200),
        bytes: 25,
    }
    });
    let started = Instant::now();
    let o = events(&server.url("/slow.ics"), cache.path(), &["--timeout", "1"]);
    let took = started.elapsed();
    assert_fails(&o, &server, "no complete answer within 1 s (--timeout)");
    assert!(took < Duration::from_secs(4), "took {took:?}");
}

#[test]
fn an_oversized_body_is_refused_also_when_gzip_compressed() {
    let cache = tempfile::tempdir().unwrap();
    let mut big = ICS.replace("END:VCALENDAR\r\n", "");
    while big.len() < 3 * 512 * 1024 {
        big.push_str("X-PADDING:0123456789012345678901234567890123456789012345678901234567\r\n");
    }
    big.push_str("END:VCALENDAR\r\n");
    let gz = gzip(big.as_bytes());
    assert!(gz.len() < 100 * 1024, "compresses well: {}", gz.len());
    let server = serve(2, move |req| match req.path() {
        "/big.ics" => ics(&big),
        _ => reply(
            "200 OK",
            &[
                ("Content-Type", "text/calendar"),
                ("Content-Encoding", "gzip"),
            ],
            &gz,
        ),
    });
    for path in ["/big.ics", "/bomb.ics"] {
        let o = events(&server.url(path), cache.path(), &["--max-download-mb", "1"]);
        assert_fails(&o, &server, "larger than 1 MB (--max-download-mb)");
    }
}

#[test]
fn an_html_page_instead_of_icalendar_is_named_as_such() {
    let cache = tempfile::tempdir().unwrap();
    let server = serve(1, |_| {
        reply(
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            LOGIN_PAGE.as_bytes(),
        )
    });
    let o = events(&server.url("/calendar/view"), cache.path(), &[]);
    assert_fails(&o, &server, "web page (HTML), not an iCalendar feed");
    assert!(stderr(&o).contains("login page"));
    assert_eq!(
        std::fs::read_dir(cache.path()).unwrap().count(),
        0,
        "not cached"
    );
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn decodes_a_gzip_encoded_body() {
    let cache = tempfile::tempdir().unwrap();
    let body = gzip(ICS.as_bytes());
    let server = serve(1, move |req| {
        assert!(req.header("accept-encoding").unwrap_or("").contains("gzip"));
        reply(
            "200 OK",
            &[
                ("Content-Type", "text/calendar"),
                ("Content-Encoding", "gzip"),
            ],
            &body,
        )
    });
    let o = events(&server.url("/cal.ics"), cache.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Regionalt råd"), "{}", stdout(&o));
}

#[test]
fn offline_reads_the_cache_only() {
    let cache = tempfile::tempdir().unwrap();
    let server = serve(1, |_| ics(ICS));
    let url = server.url("/cal.ics");

    // Not cached yet: an error, and no request.
    let o = events(&url, cache.path(), &["--offline"]);
    assert_fails(&o, &server, "not in the cache");
    assert!(stderr(&o).contains("without --offline"), "{}", stderr(&o));
    assert!(server.seen().is_empty());

    let online = events(&url, cache.path(), &[]);
    assert_eq!(online.status.code(), Some(0), "{}", stderr(&online));
    let offline = events(&url, cache.path(), &["--offline"]);
    assert_eq!(offline.status.code(), Some(0), "{}", stderr(&offline));
    assert_eq!(stdout(&online), stdout(&offline));
    assert_eq!(server.seen().len(), 1, "offline made no request");
}

#[test]
fn connection_refused_is_a_clear_error() {
    let cache = tempfile::tempdir().unwrap();
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/private/SECRET1/cal.ics");
    let o = events(&url, cache.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("connection refused by 127.0.0.1:"), "{err}");
    assert!(!err.contains("SECRET1"), "{err}");
}

#[test]
fn tls_failure_is_a_clear_error() {
    let cache = tempfile::tempdir().unwrap();
    // A plain-HTTP server answering an https request.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok((mut s, _)) = listener.accept() {
                let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    });
    let url = format!("https://{addr}/private/SECRET2/cal.ics");
    let o = events(&url, cache.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("secure (https/TLS) connection"), "{err}");
    assert!(!err.contains("SECRET2"), "{err}");
}

#[test]
fn a_token_in_the_url_is_never_printed() {
    let cache = tempfile::tempdir().unwrap();
    let server = serve(200, |req| match req.target.as_str() {
        "/private/SECRET123/basic.ics?token=SECRET456" => ics(ICS),
        "/private/SECRET789/other.ics?token=SECRET000" => ics(OTHER_ICS),
        "/private/SECRETS1/series.ics?token=SECRETS2" => ics(SERIES_ICS),
        "/private/SECRETAAA/login?token=SECRETBBB" => reply(
            "200 OK",
            &[("Content-Type", "text/html")],
            LOGIN_PAGE.as_bytes(),
        ),
        "/private/SECRETCCC/moved?token=SECRETDDD" => reply(
            "302 Found",
            &[("Location", "/private/SECRETEEE/loop?token=SECRETFFF")],
            b"",
        ),
        "/private/SECRETEEE/loop?token=SECRETFFF" => reply(
            "302 Found",
            &[("Location", "/private/SECRETCCC/moved?token=SECRETDDD")],
            b"",
        ),
        _ => reply("404 Not Found", &[], b""),
    });
    let feed = server.url("/private/SECRET123/basic.ics?token=SECRET456");
    let other = server.url("/private/SECRET789/other.ics?token=SECRET000");
    let series = server.url("/private/SECRETS1/series.ics?token=SECRETS2");
    let missing = server.url("/private/SECRET404/gone.ics?token=SECRET405");
    let login = server.url("/private/SECRETAAA/login?token=SECRETBBB");
    let looping = server.url("/private/SECRETCCC/moved?token=SECRETDDD");
    let window = ["--from", "2026-04-01", "--to", "2026-06-01"];

    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    let write_plan = |feed: &str| {
        std::fs::write(
            &plan,
            format!(
                "[plan]\nfrom = \"2026-04-01\"\nto = \"2026-05-31\"\ntoday = \"2026-04-01\"\nholidays = \"none\"\n\n\
                 [[person]]\nid = \"chair\"\nemail = \"chair@example.se\"\ncalendar = \"{other}\"\n\n\
                 [[person]]\nid = \"clerk\"\n\n\
                 [[feed]]\nid = \"rr\"\nsource = \"{feed}\"\nblocks = \"all\"\n\n\
                 [[meeting]]\nid = \"kd\"\ntitle = \"KD\"\nduration = \"3h30m\"\nstart = [\"08:30\", \"13:00\"]\n\
                 series = \"{series}\"\n"
            ),
        )
        .unwrap();
    };
    write_plan(&feed);
    let plan_arg = plan.to_str().unwrap().to_string();

    let mut runs: Vec<(String, Output)> = Vec::new();
    let mut run = |label: &str, args: Vec<&str>| {
        let o = krock(&args, cache.path());
        runs.push((label.to_string(), o));
    };
    let with_window = |mut args: Vec<&'static str>, urls: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = args.drain(..1).map(String::from).collect();
        v.extend(urls.iter().map(|u| u.to_string()));
        v.extend(args.iter().map(|a| a.to_string()));
        v.extend(window.iter().map(|a| a.to_string()));
        v
    };
    let cases: Vec<(&str, Vec<String>)> = vec![
        ("events", with_window(vec!["events"], &[&feed])),
        (
            "events --json",
            with_window(vec!["events", "--json"], &[&feed, &other]),
        ),
        ("check", with_window(vec!["check"], &[&feed, &other])),
        (
            "check --json",
            with_window(vec!["check", "--json"], &[&feed, &other]),
        ),
        ("events 404", with_window(vec!["events"], &[&missing])),
        ("events html", with_window(vec!["events"], &[&login])),
        ("events loop", with_window(vec!["events"], &[&looping])),
        (
            "events --offline",
            with_window(vec!["events", "--offline"], &[&missing]),
        ),
    ];
    for (label, args) in &cases {
        run(label, args.iter().map(String::as_str).collect());
    }
    run("check --plan", vec!["check", "--plan", &plan_arg]);
    run(
        "check --plan --json",
        vec!["check", "--plan", &plan_arg, "--json"],
    );
    run(
        "propose --plan --json",
        vec![
            "propose",
            "--plan",
            &plan_arg,
            "--json",
            "--alternatives",
            "1",
        ],
    );
    write_plan(&missing);
    run("check --plan, feed 404", vec!["check", "--plan", &plan_arg]);

    let expect = [0, 0, 1, 1, 2, 2, 2, 2, 1, 1, 0, 2];
    assert_eq!(runs.len(), expect.len());
    for ((label, o), code) in runs.iter().zip(expect) {
        let (out, err) = (stdout(o), stderr(o));
        assert_eq!(o.status.code(), Some(code), "{label}: {err}");
        for text in [&out, &err] {
            assert!(
                !text.contains("SECRET") && !text.contains("token="),
                "{label} printed a secret:\n{text}"
            );
        }
    }
    let text = |label: &str| {
        let (_, o) = runs.iter().find(|(l, _)| l == label).unwrap();
        format!("{}{}", stdout(o), stderr(o))
    };
    // The reports name the feeds, redacted, and the two feeds on one host stay apart.
    let json = text("events --json");
    let sources: std::collections::BTreeSet<&str> = json
        .lines()
        .filter_map(|l| l.split("\"source\":\"").nth(1))
        .map(|s| s.trim_end_matches("\"}"))
        .collect();
    assert_eq!(sources.len(), 2, "{json}");
    for s in &sources {
        assert!(s.starts_with(&format!("{}/…#", server.base)), "{s}");
    }
    assert!(
        text("events --json").contains("warning: "),
        "the DTSTART warning names the feed"
    );
    assert!(text("check").contains(&format!("{}/…#", server.base)));
    assert!(
        text("check --plan").contains("Regionalt råd"),
        "{}",
        text("check --plan")
    );
    assert!(text("check --plan --json").contains(&format!("\"source\":\"{}/…#", server.base)));
    assert!(text("events 404").contains("HTTP 404 Not Found"));
    assert!(text("events html").contains("web page (HTML)"));
    assert!(text("events loop").contains("redirects"));
    assert!(text("check --plan, feed 404").contains("HTTP 404 Not Found"));
}

#[test]
fn init_from_a_url_series_writes_its_address_only_into_a_private_file() {
    let series = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/single/a.ics"
    ))
    .unwrap();
    let server = serve(2, move |_| ics(&series));
    let token = "s3cr3t-t0ken";
    let url = server.url(&format!("/private/{token}/basic.ics"));
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    // Printing the plan would print the address: refused, without a download.
    let o = krock(&["init", "--series", &url, "--today", "2026-08-20"], &cache);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(!stderr(&o).contains(token), "{}", stderr(&o));
    assert!(stderr(&o).contains("give --out FILE"), "{}", stderr(&o));
    assert!(server.seen().is_empty());

    let plan = dir.path().join("plan.toml");
    let args = [
        "init",
        "--series",
        &url,
        "--today",
        "2026-08-20",
        "--out",
        plan.to_str().unwrap(),
    ];
    let o = krock(&args, &cache);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains(token) && !stderr(&o).contains(token));
    let text = std::fs::read_to_string(&plan).unwrap();
    assert_eq!(text.matches(token).count(), 1, "{text}"); // the series key, not the comment
    assert!(text.contains(&format!("series = \"{url}\"")), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&plan).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by others: {mode:o}");
    }
    // The plan works as it stands, from the cache.
    let o = krock(
        &[
            "check",
            "--plan",
            plan.to_str().unwrap(),
            "--today",
            "2026-08-20",
            "--offline",
        ],
        &cache,
    );
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("2 planned occurrences"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains(token) && !stderr(&o).contains(token));
}
