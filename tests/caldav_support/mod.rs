//! Real CalDAV servers for the tests: Radicale and Xandikos (from PyPI), each started on
//! 127.0.0.1 with a free port in a temporary directory, stopped when dropped; and the
//! bundled example's calendars uploaded to them, one object per UID as a CalDAV client
//! stores them.
//!
//! Policy when a server is not installed: in CI (`CI` set) the test fails with the command
//! that installs it (`pip install radicale xandikos`; `.ci/run` does that); elsewhere it
//! says so on stderr and the test returns early, so `cargo test` works on a machine with
//! Rust alone.
#![allow(dead_code)]

use base64::Engine;
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const USER: &str = "sekretariat";
pub const PASSWORD: &str = "hemligt-app-lösen";
/// The environment variable the tests' plans name in `password_env`.
pub const PASSWORD_ENV: &str = "KROCK_TEST_CALDAV_PASSWORD";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Radicale,
    Xandikos,
}

pub struct Server {
    pub kind: Kind,
    pub port: u16,
    child: Child,
    pub dir: tempfile::TempDir,
    /// Where calendars live: `/sekretariat/` (Radicale) or `/user/calendars/` (Xandikos).
    pub home: &'static str,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Whether `python3` can import the server's module (`.ci/run` installs both with
/// `python3 -m pip`, so the same interpreter runs them here).
fn installed(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

impl Server {
    /// Starts the server, or `None` (outside CI) when it is not installed.
    pub fn start(kind: Kind) -> Option<Server> {
        let program = match kind {
            Kind::Radicale => "radicale",
            Kind::Xandikos => "xandikos",
        };
        if !installed(program) {
            let message = format!(
                "{program} is not installed for python3: run `python3 -m pip install radicale xandikos` (CI installs them in .ci/run)"
            );
            if std::env::var_os("CI").is_some() {
                panic!("{message}");
            }
            eprintln!("SKIPPED: {message}");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let log = std::fs::File::create(dir.path().join("server.log")).unwrap();
        let (child, home) = match kind {
            Kind::Radicale => {
                let users = dir.path().join("users");
                std::fs::write(&users, format!("{USER}:{PASSWORD}\n")).unwrap();
                let config = dir.path().join("config");
                std::fs::write(
                    &config,
                    format!(
                        "[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = htpasswd\nhtpasswd_filename = {}\nhtpasswd_encryption = plain\n[storage]\nfilesystem_folder = {}\n[logging]\nlevel = info\n",
                        users.display(),
                        dir.path().join("data").display()
                    ),
                )
                .unwrap();
                let child = Command::new("python3")
                    .args(["-m", program, "--config"])
                    .arg(&config)
                    .stdout(log.try_clone().unwrap())
                    .stderr(log)
                    .spawn()
                    .unwrap();
                (child, "/sekretariat/")
            }
            Kind::Xandikos => {
                let child = Command::new("python3")
                    .args([
                        "-m",
                        program,
                        "serve",
                        "--defaults",
                        "-l",
                        "127.0.0.1",
                        "-p",
                    ])
                    .arg(port.to_string())
                    .arg("-d")
                    .arg(dir.path().join("data"))
                    .arg("--state-dir")
                    .arg(dir.path().join("state"))
                    .stdout(log.try_clone().unwrap())
                    .stderr(log)
                    .spawn()
                    .unwrap();
                (child, "/user/calendars/")
            }
        };
        let server = Server {
            kind,
            port,
            child,
            dir,
            home,
        };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{program} did not start within 30 s; its log:\n{}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(server)
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// The http URL of a path.
    pub fn http(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The CalDAV source of the collection `name` (with the user in it for Radicale).
    pub fn source(&self, name: &str) -> String {
        match self.kind {
            Kind::Radicale => format!(
                "caldav+http://{USER}@127.0.0.1:{}{}{name}/",
                self.port, self.home
            ),
            Kind::Xandikos => format!("caldav+http://127.0.0.1:{}{}{name}/", self.port, self.home),
        }
    }

    /// Sends a request with the test user's login; returns the status, ETag and body.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, Option<String>, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .build()
            .into();
        let mut b = ureq::http::Request::builder()
            .method(ureq::http::Method::from_bytes(method.as_bytes()).unwrap())
            .uri(self.http(path));
        if self.kind == Kind::Radicale {
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
            b = b.header("Authorization", format!("Basic {token}"));
        }
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let mut resp = agent.run(b.body(body.to_string()).unwrap()).unwrap();
        let etag = resp
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut text = String::new();
        resp.body_mut()
            .as_reader()
            .read_to_string(&mut text)
            .unwrap();
        (resp.status().as_u16(), etag, text)
    }

    /// Creates the calendar collection `name` and stores every event of `file` in it, one
    /// object per UID (named `<uid>.ics`, its characters made safe).
    pub fn upload(&self, name: &str, file: &Path) {
        self.upload_as(name, file, None);
    }

    /// [`Server::upload`], the collection made with a display name and a colour.
    pub fn upload_as(&self, name: &str, file: &Path, looks: Option<(&str, &str)>) {
        let path = format!("{}{name}/", self.home);
        let body = match looks {
            Some((display, color)) => format!(
                r#"<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/"><D:set><D:prop><D:displayname>{display}</D:displayname><A:calendar-color>{color}</A:calendar-color></D:prop></D:set></C:mkcalendar>"#
            ),
            None => String::new(),
        };
        let headers: &[(&str, &str)] = if body.is_empty() {
            &[]
        } else {
            &[("Content-Type", "application/xml; charset=utf-8")]
        };
        let (status, _, body) = self.request("MKCALENDAR", &path, headers, &body);
        assert!(status == 201, "MKCALENDAR {path}: {status} {body}");
        let text = std::fs::read_to_string(file).unwrap();
        for (uid, object) in split_by_uid(&text) {
            let (status, _, body) = self.request(
                "PUT",
                &format!("{path}{}", object_name(&uid)),
                &[
                    ("Content-Type", "text/calendar; charset=utf-8"),
                    ("If-None-Match", "*"),
                ],
                &object,
            );
            assert!(
                (200..300).contains(&status),
                "PUT {uid} into {path}: {status} {body}"
            );
        }
    }

    /// The stored object `<uid>.ics` of collection `name`: (ETag, text).
    pub fn get(&self, name: &str, uid: &str) -> (Option<String>, String) {
        let (status, etag, body) = self.request(
            "GET",
            &format!("{}{name}/{}", self.home, object_name(uid)),
            &[],
            "",
        );
        assert_eq!(status, 200, "GET {uid}: {body}");
        (etag, body)
    }

    /// Replaces the stored object `<uid>.ics` of collection `name`.
    pub fn put(&self, name: &str, uid: &str, text: &str) {
        let (status, _, body) = self.request(
            "PUT",
            &format!("{}{name}/{}", self.home, object_name(uid)),
            &[("Content-Type", "text/calendar; charset=utf-8")],
            text,
        );
        assert!((200..300).contains(&status), "PUT {uid}: {status} {body}");
    }
}

pub fn object_name(uid: &str) -> String {
    let safe: String = uid
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{safe}.ics")
}

/// A calendar file as CalDAV objects: for each UID (in file order), a VCALENDAR with the
/// file's calendar properties (less METHOD), all its VTIMEZONEs and that UID's VEVENTs.
pub fn split_by_uid(text: &str) -> Vec<(String, String)> {
    let mut logical: Vec<(String, Vec<&str>)> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if (raw.starts_with(' ') || raw.starts_with('\t')) && !logical.is_empty() {
            let last = logical.last_mut().unwrap();
            last.0.push_str(&raw[1..]);
            last.1.push(raw);
        } else if !raw.is_empty() {
            logical.push((raw.to_string(), vec![raw]));
        }
    }
    let mut header = String::new();
    let mut zones = String::new();
    let mut events: Vec<(String, String)> = Vec::new();
    let mut depth = 0;
    let mut block = String::new();
    let mut block_kind = String::new();
    let mut uid = String::new();
    for (unfolded, raws) in &logical {
        let physical: String = raws.iter().map(|r| format!("{r}\r\n")).collect();
        let up = unfolded.to_ascii_uppercase();
        if let Some(kind) = up.strip_prefix("BEGIN:") {
            depth += 1;
            if depth == 2 {
                block_kind = kind.to_string();
                block.clear();
                uid.clear();
            }
        }
        if depth == 1 {
            if !up.starts_with("BEGIN:VCALENDAR")
                && !up.starts_with("END:VCALENDAR")
                && !up.starts_with("METHOD")
            {
                header.push_str(&physical);
            }
        } else {
            block.push_str(&physical);
            if depth == 2 && up.starts_with("UID:") {
                uid = unfolded[4..].trim().to_string();
            }
        }
        if up.starts_with("END:") {
            if depth == 2 {
                match block_kind.as_str() {
                    "VTIMEZONE" => zones.push_str(&block),
                    "VEVENT" | "VFREEBUSY" => match events.iter_mut().find(|(u, _)| *u == uid) {
                        Some((_, b)) => b.push_str(&block),
                        None => events.push((uid.clone(), block.clone())),
                    },
                    _ => {}
                }
            }
            depth -= 1;
        }
    }
    events
        .into_iter()
        .map(|(uid, body)| {
            (
                uid,
                format!("BEGIN:VCALENDAR\r\n{header}{zones}{body}END:VCALENDAR\r\n"),
            )
        })
        .collect()
}

/// The bundled example's calendar files and the collection each goes into:
/// `regionalt-rad.ics` → `regionalt-rad`, `people/bastad.ics` → `people-bastad`.
pub fn bundled_calendars(root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for (dir, prefix) in [("calendars", ""), ("calendars/people", "people-")] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ics"))
            .collect();
        files.sort();
        for f in files {
            let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((format!("{prefix}{stem}"), f));
        }
    }
    out
}

/// Uploads the bundled example, and writes a copy of its plan into `dir` whose every
/// source is the matching CalDAV collection. Returns the plan's path and the pairs
/// (CalDAV display name, file name as the file-based reports show it).
pub fn bundled_over_caldav(
    server: &Server,
    root: &Path,
    dir: &Path,
) -> (PathBuf, Vec<(String, String)>) {
    let mut plan =
        std::fs::read_to_string(root.join("calendars/familjen-helsingborg.toml")).unwrap();
    let mut names = Vec::new();
    for (collection, file) in bundled_calendars(root) {
        server.upload(&collection, &file);
        let rel = file
            .strip_prefix(root.join("calendars"))
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let source = server.source(&collection);
        plan = plan.replace(&format!("\"{rel}\""), &format!("\"{source}\""));
        names.push((
            krock::source::display_url(&source),
            format!("calendars/{rel}"),
        ));
    }
    if server.kind == Kind::Radicale {
        plan = plan.replace(
            "holidays = \"SE\"\n",
            &format!("holidays = \"SE\"\npassword_env = \"{PASSWORD_ENV}\"\n"),
        );
    }
    assert!(!plan.contains(".ics\""), "every source replaced:\n{plan}");
    let path = dir.join("familjen-helsingborg-caldav.toml");
    std::fs::write(&path, plan).unwrap();
    (path, names)
}

/// `text` with every CalDAV display name replaced by its file's name.
pub fn as_files(text: &str, names: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (caldav, file) in names {
        out = out.replace(caldav, file);
    }
    out
}
