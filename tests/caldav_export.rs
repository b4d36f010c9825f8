//! `krock export --caldav`: the bundled proposal written into the organizer's calendar on
//! real servers (Radicale and Xandikos on 127.0.0.1). `--dry-run` changes nothing; after
//! the export, reading the calendar back with krock (and, outside CI, with Python's
//! `caldav` package) shows the moved dates and no duplicate; a second export finds
//! nothing to do; a change made on the server while krock writes is either merged (an
//! unrelated edit of the series) or refused with the reason (the same occurrence moved by
//! someone else), and in both cases nothing on the server is lost.

mod caldav_support;

use assert_cmd::Command;
use caldav_support::{Kind, Server, PASSWORD, PASSWORD_ENV, USER};
use std::path::{Path, PathBuf};
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn krock(args: &[&str], cache: &Path, hook: Option<&Path>) -> Output {
    let mut cmd = Command::cargo_bin("krock").unwrap();
    cmd.current_dir(root())
        .env(PASSWORD_ENV, PASSWORD)
        .env("NETRC", "/nonexistent")
        .env("SOURCE_DATE_EPOCH", "1772323200")
        .args(args)
        .arg("--cache")
        .arg(cache);
    if let Some(h) = hook {
        cmd.env("KROCK_TEST_BEFORE_WRITE", h);
    }
    cmd.output().unwrap()
}

const SERIES: &str = "kommundirektorsmote";

fn series_uid() -> String {
    let file = std::fs::read_to_string(root().join("calendars/kommundirektorsmote.ics")).unwrap();
    caldav_support::split_by_uid(&file).remove(0).0
}

struct Setup {
    server: Server,
    dir: tempfile::TempDir,
    plan: String,
    target: String,
}

fn setup(kind: Kind) -> Option<Setup> {
    let server = Server::start(kind)?;
    let dir = tempfile::tempdir().unwrap();
    let (plan, _) = caldav_support::bundled_over_caldav(&server, &root(), dir.path());
    let target = server.source(SERIES);
    Some(Setup {
        server,
        dir,
        plan: plan.to_string_lossy().into_owned(),
        target,
    })
}

impl Setup {
    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }
    fn export(&self, extra: &[&str], hook: Option<&Path>) -> Output {
        let mut args = vec!["export", "--plan", &self.plan, "--caldav", &self.target];
        args.extend(extra);
        krock(&args, &self.cache(), hook)
    }
    /// The series' occurrences in April–May, as `krock events` lists them over CalDAV.
    fn occurrences(&self) -> String {
        let out = krock(
            &[
                "events",
                &self.target,
                "--from",
                "2026-04-01",
                "--to",
                "2026-06-01",
                "--password-env",
                PASSWORD_ENV,
            ],
            &self.cache(),
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
            .lines()
            .map(|l| l.split("  [").next().unwrap().trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }
    /// A script for `KROCK_TEST_BEFORE_WRITE`: Python that rewrites the stored series.
    fn hook(&self, python_edit: &str) -> PathBuf {
        let url = self.server.http(&format!(
            "{}{SERIES}/{}",
            self.server.home,
            caldav_support::object_name(&series_uid())
        ));
        let auth = if self.server.kind == Kind::Radicale {
            format!("{USER}:{PASSWORD}")
        } else {
            String::new()
        };
        let script = format!(
            r#"#!/usr/bin/env python3
import base64, urllib.request
url = {url:?}
auth = {auth:?}
def req(method, body=None):
    r = urllib.request.Request(url, data=body, method=method)
    if auth:
        r.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    r.add_header("Content-Type", "text/calendar; charset=utf-8")
    return urllib.request.urlopen(r)
text = req("GET").read().decode("utf-8")
{python_edit}
req("PUT", text.encode("utf-8"))
open(__file__ + ".ran", "w").write("ran")
"#
        );
        let path = self.dir.path().join("hook.py");
        std::fs::write(&path, script).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        path
    }
}

const BEFORE: &str = "2026-04-24 v17 Fri  08:30–12:00   Kommundirektörsmöte\n2026-05-29 v22 Fri  08:30–12:00   Kommundirektörsmöte\n2 occurrences";
const AFTER: &str = "2026-04-21 v17 Tue  13:00–16:30   Kommundirektörsmöte\n2026-05-22 v21 Fri  08:30–12:00   Kommundirektörsmöte\n2 occurrences";

fn writes_the_moves_back(kind: Kind) {
    let Some(s) = setup(kind) else { return };
    let uid = series_uid();
    assert_eq!(s.occurrences(), BEFORE);
    let (_, stored) = s.server.get(SERIES, &uid);

    let dry = s.export(&["--dry-run"], None);
    assert_eq!(dry.status.code(), Some(0), "{}", text(&dry.stderr));
    assert_eq!(
        text(&dry.stdout),
        "would write: kd moved 2026-04-24 08:30 → 2026-04-21 13:00  (series \"Kommundirektörsmöte\", SEQUENCE 2)\n\
         would write: kd moved 2026-05-29 08:30 → 2026-05-22 08:30  (series \"Kommundirektörsmöte\", SEQUENCE 2)\n"
    );
    assert_eq!(
        s.server.get(SERIES, &uid).1,
        stored,
        "--dry-run wrote nothing"
    );

    let out = s.export(&[], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "written: kd moved 2026-04-24 08:30 → 2026-04-21 13:00  (series \"Kommundirektörsmöte\", SEQUENCE 2)\n\
         written: kd moved 2026-05-29 08:30 → 2026-05-22 08:30  (series \"Kommundirektörsmöte\", SEQUENCE 2)\n"
    );
    assert_eq!(s.occurrences(), AFTER, "{kind:?}: moved, no duplicate");
    let (_, now) = s.server.get(SERIES, &uid);
    assert_eq!(
        now.matches("BEGIN:VEVENT").count(),
        4,
        "master, December's override, two new"
    );
    assert!(now.contains("RECURRENCE-ID;TZID=W. Europe Standard Time:20260424T083000"));

    // Read through the plan again: nothing clashes, nothing left to write.
    let check = krock(&["check", "--plan", &s.plan], &s.cache(), None);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let again = s.export(&[], None);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert_eq!(
        text(&again.stdout),
        "Nothing to change: every planned occurrence stays where it is.\n"
    );
    assert_eq!(s.server.get(SERIES, &uid).1, now);

    // An independent client: Python's caldav package (outside CI, where it is installed).
    if std::env::var_os("CI").is_none() {
        let script = r#"
import sys, datetime, caldav
url, user, pw = sys.argv[1], sys.argv[2] or None, sys.argv[3] or None
cal = caldav.Calendar(client=caldav.DAVClient(url, username=user, password=pw), url=url)
utc = datetime.timezone.utc
found = cal.search(start=datetime.datetime(2026, 4, 1, tzinfo=utc), end=datetime.datetime(2026, 6, 1, tzinfo=utc), event=True, expand=True)
for s in sorted(e.icalendar_component["dtstart"].dt.astimezone(utc).strftime("%Y-%m-%d %H:%M") for e in found):
    print(s)
"#;
        let has_caldav = std::process::Command::new("python3")
            .args(["-c", "import caldav"])
            .status()
            .is_ok_and(|s| s.success());
        if has_caldav {
            let url = s.server.http(&format!("{}{SERIES}/", s.server.home));
            let (user, pw) = match kind {
                Kind::Radicale => (USER, PASSWORD),
                Kind::Xandikos => ("", ""),
            };
            let out = std::process::Command::new("python3")
                .args(["-c", script, &url, user, pw])
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", text(&out.stderr));
            assert_eq!(
                text(&out.stdout),
                "2026-04-21 11:00\n2026-05-22 06:30\n",
                "{kind:?}"
            );
        } else {
            eprintln!("SKIPPED the Python caldav read-back: pip install caldav");
        }
    }
}

#[test]
fn radicale_gets_the_moves() {
    writes_the_moves_back(Kind::Radicale);
}

#[test]
fn xandikos_gets_the_moves() {
    writes_the_moves_back(Kind::Xandikos);
}

#[test]
fn an_unrelated_edit_meanwhile_is_kept_and_the_moves_applied_again() {
    let Some(s) = setup(Kind::Radicale) else {
        return;
    };
    let hook = s.hook(
        r#"text = text.replace("SUMMARY;LANGUAGE=sv:Kommundirektörsmöte\r\n", "SUMMARY;LANGUAGE=sv:Kommundirektörsmöte (ny lokal)\r\n", 1)"#,
    );
    let out = s.export(&[], Some(&hook));
    assert!(hook.with_extension("py.ran").exists(), "the hook ran");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("SEQUENCE 2"),
        "{}",
        text(&out.stdout)
    );
    let (_, now) = s.server.get(SERIES, &series_uid());
    assert!(
        now.contains("Kommundirektörsmöte (ny lokal)"),
        "the other edit is kept"
    );
    assert_eq!(now.matches("RECURRENCE-ID").count(), 3);
    let occ = s.occurrences();
    assert!(
        occ.contains("2026-04-21 v17 Tue  13:00–16:30")
            && occ.contains("2026-05-22 v21 Fri  08:30–12:00"),
        "{occ}"
    );
    assert!(
        !occ.contains("2026-04-24") && !occ.contains("2026-05-29"),
        "{occ}"
    );
}

#[test]
fn the_same_occurrence_moved_meanwhile_is_refused_and_kept() {
    let Some(s) = setup(Kind::Radicale) else {
        return;
    };
    let uid = series_uid();
    let hook = s.hook(&format!(
        r#"text = text.replace("END:VCALENDAR", "BEGIN:VEVENT\r\nUID:{uid}\r\nRECURRENCE-ID;TZID=W. Europe Standard Time:20260424T083000\r\nDTSTART;TZID=W. Europe Standard Time:20260423T130000\r\nDTEND;TZID=W. Europe Standard Time:20260423T163000\r\nSEQUENCE:2\r\nDTSTAMP:20260301T000000Z\r\nSUMMARY:Kommundirektörsmöte\r\nEND:VEVENT\r\nEND:VCALENDAR")"#
    ));
    let out = s.export(&[], Some(&hook));
    assert!(hook.with_extension("py.ran").exists(), "the hook ran");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {}: refused to change kd 2026-04-24 08:30: the occurrence was moved to 20260423T130000 on the server while krock was writing; nothing was written for it — run `krock propose` again on the calendar as it is now\n",
            krock::source::display_url(&s.target)
        )
    );
    let (_, now) = s.server.get(SERIES, &uid);
    assert!(
        now.contains("DTSTART;TZID=W. Europe Standard Time:20260423T130000"),
        "theirs kept"
    );
    assert!(!now.contains("20260421T130000"), "ours not written");
    let occ = s.occurrences();
    assert!(occ.contains("2026-04-23 v17 Thu  13:00–16:30"), "{occ}");
    assert!(occ.contains("2026-05-29"), "{occ}");
}

#[test]
fn a_calendar_without_the_series_is_refused_before_anything_is_written() {
    let Some(s) = setup(Kind::Radicale) else {
        return;
    };
    let other = s.server.source("nato-ud");
    let (_, before) = s.server.get(SERIES, &series_uid());
    let out = krock(
        &["export", "--plan", &s.plan, "--caldav", &other],
        &s.cache(),
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let e = text(&out.stderr);
    assert!(
        e.contains("is not in this calendar; give the calendar that holds the organizer's copy of the series") && e.contains("nothing was written"),
        "{e}"
    );
    assert_eq!(s.server.get(SERIES, &series_uid()).1, before);
}

#[test]
fn a_meeting_without_a_series_becomes_a_new_event_once() {
    let Some(server) = Server::start(Kind::Radicale) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (status, _, body) = server.request("MKCALENDAR", &format!("{}nytt/", server.home), &[], "");
    assert_eq!(status, 201, "{body}");
    let plan = dir.path().join("plan.toml");
    std::fs::write(
        &plan,
        format!(
            "[plan]\nname = \"Extra\"\nfrom = \"2026-04-13\"\nto = \"2026-04-17\"\ntoday = \"2026-04-01\"\npassword_env = \"{PASSWORD_ENV}\"\n\
             organizer = {{ name = \"Sekretariatet\", email = \"sekretariat@example.se\" }}\n\
             [[person]]\nid = \"a\"\nname = \"Kommundirektör, A\"\nemail = \"a@example.se\"\n\
             [[meeting]]\nid = \"extra\"\ntitle = \"Extra möte\"\nduration = \"1h\"\ndays = [\"wed\"]\nstart = [\"10:00\"]\ncount = 1\n"
        ),
    )
    .unwrap();
    let target = server.source("nytt");
    let plan = plan.to_string_lossy().into_owned();
    let cache = dir.path().join("cache");
    let export = |extra: &[&str]| {
        let mut args = vec!["export", "--plan", &plan, "--caldav", &target];
        args.extend(extra);
        let out = krock(&args, &cache, None);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    assert_eq!(
        export(&["--dry-run"]),
        "would write: extra added 2026-04-15 10:00  (a new event)\n"
    );
    assert_eq!(
        export(&[]),
        "written: extra added 2026-04-15 10:00  (a new event)\n"
    );
    assert_eq!(
        export(&[]),
        "already in the calendar: extra added 2026-04-15 10:00\n"
    );
    let out = krock(
        &[
            "events",
            &target,
            "--from",
            "2026-04-01",
            "--to",
            "2026-05-01",
            "--password-env",
            PASSWORD_ENV,
            "--json",
        ],
        &cache,
        None,
    );
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "one event, no duplicate");
    assert_eq!(lines[0]["summary"], "Extra möte");
    assert_eq!(lines[0]["start"], "2026-04-15T08:00:00Z");
}

#[test]
fn a_withdrawn_occurrence_becomes_a_cancelled_override() {
    let Some(s) = setup(Kind::Radicale) else {
        return;
    };
    // One occurrence in the window instead of the series' two: 29 May is withdrawn.
    let plan = std::fs::read_to_string(&s.plan).unwrap();
    let plan = plan.replacen("\nseries = \"caldav+", "\ncount = 1\nseries = \"caldav+", 1);
    assert!(plan.contains("count = 1\nseries"));
    std::fs::write(&s.plan, plan).unwrap();
    let out = s.export(&[], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "written: kd moved 2026-04-24 08:30 → 2026-04-21 13:00  (series \"Kommundirektörsmöte\", SEQUENCE 2)\n\
         written: kd cancelled 2026-05-29 08:30  (series \"Kommundirektörsmöte\", SEQUENCE 2)\n"
    );
    assert_eq!(
        s.occurrences(),
        "2026-04-21 v17 Tue  13:00–16:30   Kommundirektörsmöte\n\
         2026-05-29 v22 Fri  08:30–12:00   Kommundirektörsmöte (cancelled)\n\
         2 occurrences"
    );
    let (_, now) = s.server.get(SERIES, &series_uid());
    let again = s.export(&[], None);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert_eq!(
        s.server.get(SERIES, &series_uid()).1,
        now,
        "nothing written twice"
    );
}
