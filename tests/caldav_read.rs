//! Reading calendars over CalDAV from real servers (Radicale and Xandikos, started here on
//! 127.0.0.1): the bundled example over CalDAV gives exactly the reports it gives from its
//! files; an edit on the server is seen on the next run (ETag / sync-collection path) and
//! an unchanged calendar costs one request; free-busy-query blocks the same intervals;
//! `krock calendars` lists what is there; a wrong password, a missing collection and a
//! server that is down each give their message, and nothing on stdout.

mod caldav_support;

use assert_cmd::Command;
use caldav_support::{Kind, Server, PASSWORD, PASSWORD_ENV, USER};
use std::path::{Path, PathBuf};
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn krock(args: &[&str], cache: &Path) -> Output {
    let mut cmd = Command::cargo_bin("krock").unwrap();
    cmd.current_dir(root())
        .env(PASSWORD_ENV, PASSWORD)
        .env("NETRC", "/nonexistent")
        .env_remove("NO_COLOR")
        .args(args)
        .arg("--cache")
        .arg(cache);
    cmd.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `check --plan` and `propose --plan` (text and JSON) over CalDAV equal the same over the
/// files, once the sources' names are mapped back.
fn same_reports_as_files(kind: Kind) {
    let Some(server) = Server::start(kind) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (plan, names) = caldav_support::bundled_over_caldav(&server, &root(), dir.path());
    let plan = plan.to_string_lossy().into_owned();
    let cache = dir.path().join("cache");
    let files_plan = "calendars/familjen-helsingborg.toml";
    for args in [
        vec!["check", "--plan"],
        vec!["check", "--json", "--plan"],
        vec!["propose", "--plan"],
        vec!["propose", "--json", "--plan"],
    ] {
        let mut over_files = args.clone();
        over_files.push(files_plan);
        let mut over_caldav = args.clone();
        over_caldav.push(&plan);
        let a = krock(&over_files, &cache);
        // Twice: the first run fills the cache, the second reads through it.
        for _ in 0..2 {
            let b = krock(&over_caldav, &cache);
            assert_eq!(
                text(&b.stderr),
                "",
                "{kind:?} {args:?}: no warnings expected"
            );
            assert_eq!(a.status.code(), b.status.code(), "{kind:?} {args:?}");
            let b_out = caldav_support::as_files(&text(&b.stdout), &names);
            assert_eq!(
                text(&a.stdout),
                b_out.replace(&plan, files_plan),
                "{kind:?} {args:?}: CalDAV and files differ"
            );
        }
        assert!(!text(&a.stdout).is_empty());
    }
    assert!(!text(&krock(&["check", "--plan", &plan], &cache).stdout).contains(PASSWORD));
}

#[test]
fn radicale_gives_the_same_reports_as_the_files() {
    same_reports_as_files(Kind::Radicale);
}

#[test]
fn xandikos_gives_the_same_reports_as_the_files() {
    same_reports_as_files(Kind::Xandikos);
}

fn events(source: &str, cache: &Path) -> Output {
    krock(
        &[
            "events",
            source,
            "--from",
            "2026-04-01",
            "--to",
            "2026-06-01",
            "--password-env",
            PASSWORD_ENV,
        ],
        cache,
    )
}

/// Requests the server logged since the last call (Radicale logs one line per request).
fn requests(server: &Server, seen: &mut usize) -> Vec<String> {
    let log = server.log();
    let lines: Vec<String> = log
        .lines()
        .filter(|l| l.contains(" request for "))
        .map(|l| l.split("] ").last().unwrap_or(l).to_string())
        .collect();
    let new = lines[*seen..].to_vec();
    *seen = lines.len();
    new
}

#[test]
fn an_edit_on_the_server_is_seen_on_the_next_run() {
    for kind in [Kind::Radicale, Kind::Xandikos] {
        let Some(server) = Server::start(kind) else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        server.upload("regionalt-rad", &root().join("calendars/regionalt-rad.ics"));
        let source = server.source("regionalt-rad");
        let first = events(&source, &cache);
        assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
        assert!(text(&first.stdout).contains("2026-04-24 v17 Fri  09:00–12:00   Regionalt råd  ["));
        let mut seen = 0;
        requests(&server, &mut seen);

        // Unchanged: one PROPFIND (its sync-token / ctag is the cached one), no object read.
        let again = events(&source, &cache);
        assert_eq!(text(&again.stdout), text(&first.stdout));
        if kind == Kind::Radicale {
            let r = requests(&server, &mut seen);
            assert_eq!(r.len(), 1, "{r:?}");
            assert!(r[0].starts_with("PROPFIND"), "{r:?}");
        }

        // Someone moves the April council on the server.
        let uids = caldav_support::split_by_uid(
            &std::fs::read_to_string(root().join("calendars/regionalt-rad.ics")).unwrap(),
        );
        let (uid, _) = uids
            .iter()
            .find(|(_, o)| o.contains("20260424T070000Z"))
            .expect("the April council");
        let (_, stored) = server.get("regionalt-rad", uid);
        let moved = stored
            .replace("20260424T070000Z", "20260423T070000Z")
            .replace("20260424T100000Z", "20260423T100000Z")
            .replace(
                "SUMMARY:Regionalt råd\r\n",
                "SUMMARY:Regionalt råd (flyttat)\r\n",
            );
        assert_ne!(moved, stored);
        server.put("regionalt-rad", uid, &moved);
        if kind == Kind::Radicale {
            requests(&server, &mut seen);
        }

        let after = events(&source, &cache);
        assert_eq!(after.status.code(), Some(0), "{}", text(&after.stderr));
        let out = text(&after.stdout);
        assert!(
            out.contains("2026-04-23 v17 Thu  09:00–12:00   Regionalt råd (flyttat)  ["),
            "{kind:?}: {out}"
        );
        assert!(!out.contains("2026-04-24"), "{kind:?}: {out}");
        if kind == Kind::Radicale {
            // PROPFIND, then sync-collection and a multiget of the one changed object:
            // never a listing of the whole calendar with its data.
            let r = requests(&server, &mut seen);
            assert_eq!(r.len(), 3, "{r:?}");
        }
        // And the cache holds the new version for --offline.
        let offline = krock(
            &[
                "events",
                &source,
                "--from",
                "2026-04-01",
                "--to",
                "2026-06-01",
                "--offline",
            ],
            &cache,
        );
        assert_eq!(text(&offline.stdout), out, "{}", text(&offline.stderr));
        // The cache holds neither the address nor the password.
        for f in std::fs::read_dir(&cache).unwrap() {
            let body = std::fs::read(f.unwrap().path()).unwrap();
            let body = text(&body);
            assert!(
                !body.contains(PASSWORD) && !body.contains(&format!("127.0.0.1:{}", server.port))
            );
        }
    }
}

#[test]
fn free_busy_query_blocks_the_same_intervals() {
    use krock::events::{ReadOptions, Window};
    use krock::load::load;
    use krock::source::{FetchOptions, SourceSpec};
    for kind in [Kind::Radicale, Kind::Xandikos] {
        let Some(server) = Server::start(kind) else {
            return;
        };
        let zone = krock::ical::zone::Zone::iana("Europe/Stockholm").unwrap();
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut opts = ReadOptions::new(Window::new(day("2026-03-29"), day("2026-07-02"), zone));
        opts.fetch = FetchOptions {
            cache_dir: None,
            ..FetchOptions::default()
        };
        if kind == Kind::Radicale {
            std::env::set_var(PASSWORD_ENV, PASSWORD);
            opts.fetch.caldav.password_env = Some(PASSWORD_ENV.to_string());
        }
        for (collection, file) in caldav_support::bundled_calendars(&root()) {
            if !collection.starts_with("people-") {
                continue;
            }
            server.upload(&collection, &file);
            let mut w = krock::diag::Warnings::default();
            let from_file = load(&[SourceSpec::Path(file.clone())], &opts, &mut w).unwrap();
            let fb = load(
                &[SourceSpec::parse_freebusy(&server.source(&collection))],
                &opts,
                &mut w,
            )
            .unwrap();
            assert!(w.is_empty(), "{:?}", w.items);
            // The busy model's blocking events, merged where they touch or overlap, as a
            // server merges them into FREEBUSY periods. An all-day event is a floating
            // date: without a calendar-timezone on the collection the server reads it in
            // UTC (RFC 4791 9.9), so its period is the UTC day.
            let merge = |mut v: Vec<(i64, i64)>| {
                v.sort();
                let mut out: Vec<(i64, i64)> = Vec::new();
                for (s, e) in v {
                    match out.last_mut() {
                        Some(last) if s <= last.1 => last.1 = last.1.max(e),
                        _ => out.push((s, e)),
                    }
                }
                out
            };
            let busy = merge(
                from_file
                    .iter()
                    .filter(|o| !o.is_cancelled() && !o.is_transparent() && o.start < o.end)
                    .map(|o| match o.all_day {
                        Some((s, e)) => (
                            s.and_time(chrono::NaiveTime::MIN).and_utc().timestamp(),
                            e.and_time(chrono::NaiveTime::MIN).and_utc().timestamp(),
                        ),
                        None => (o.start.timestamp(), o.end.timestamp()),
                    })
                    .collect(),
            );
            let got = merge(
                fb.iter()
                    .map(|o| (o.start.timestamp(), o.end.timestamp()))
                    .collect(),
            );
            assert!(!busy.is_empty(), "{collection}");
            assert_eq!(got, busy, "{kind:?} {collection}");
            assert!(fb.iter().all(|o| o.summary.as_deref() == Some("Busy")
                || o.summary.as_deref() == Some("Unavailable")));
        }
    }
}

#[test]
fn calendars_lists_name_path_colour_and_components() {
    for kind in [Kind::Radicale, Kind::Xandikos] {
        let Some(server) = Server::start(kind) else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        server.upload("regionalt-rad", &root().join("calendars/regionalt-rad.ics"));
        server.upload_as(
            "nato-ud",
            &root().join("calendars/nato-ud.ics"),
            Some(("Lunch med NATO/UD", "#E9322D")),
        );
        let home = format!(
            "{}/",
            server
                .source("x")
                .trim_end_matches("x/")
                .trim_end_matches('/')
        );
        let root_source = match kind {
            Kind::Radicale => format!("caldav+http://{USER}@127.0.0.1:{}/", server.port),
            Kind::Xandikos => format!("caldav+http://127.0.0.1:{}/", server.port),
        };
        for address in [root_source, home] {
            let mut args = vec!["calendars", &address];
            if kind == Kind::Radicale {
                args.extend(["--password-env", PASSWORD_ENV]);
            }
            let mut json_args = args.clone();
            json_args.push("--json");
            let out = krock(&json_args, &dir.path().join("c"));
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            let lines: Vec<serde_json::Value> = text(&out.stdout)
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            let paths: Vec<&str> = lines.iter().map(|l| l["path"].as_str().unwrap()).collect();
            assert!(
                paths.contains(&format!("{}nato-ud/", server.home).as_str()),
                "{paths:?}"
            );
            assert!(
                paths.contains(&format!("{}regionalt-rad/", server.home).as_str()),
                "{paths:?}"
            );
            let nato = lines
                .iter()
                .find(|l| l["path"].as_str().unwrap().ends_with("/nato-ud/"))
                .unwrap();
            assert_eq!(nato["name"], "Lunch med NATO/UD", "{kind:?}");
            assert!(
                nato["color"]
                    .as_str()
                    .is_some_and(|c| c.to_ascii_uppercase().starts_with("#E9322D")),
                "{kind:?} {nato}"
            );
            let plain = krock(&args, &dir.path().join("c"));
            let nato_line = format!(
                "{:<24} {:<40} {:<9} ",
                "Lunch med NATO/UD",
                format!("{}nato-ud/", server.home),
                nato["color"].as_str().unwrap()
            );
            assert!(
                text(&plain.stdout)
                    .lines()
                    .any(|l| l.starts_with(&nato_line) && l.contains("VEVENT")),
                "{kind:?}: {}",
                text(&plain.stdout)
            );
            for l in &lines {
                assert!(l["components"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c == "VEVENT"));
            }
        }
    }
}

#[test]
fn wrong_password_missing_collection_and_server_down_say_what_to_do() {
    let Some(server) = Server::start(Kind::Radicale) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    server.upload("regionalt-rad", &root().join("calendars/regionalt-rad.ics"));
    let source = server.source("regionalt-rad");
    assert_eq!(events(&source, &cache).status.code(), Some(0));

    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = Command::cargo_bin("krock").unwrap();
        cmd.current_dir(root())
            .env("NETRC", "/nonexistent")
            .args(args)
            .args(["--from", "2026-04-01", "--to", "2026-06-01", "--cache"])
            .arg(&cache);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stdout), "", "nothing on stdout");
        text(&out.stderr)
    };
    let name = krock::source::display_url(&source);

    let e = run(
        &["events", &source, "--password-env", "PW"],
        &[("PW", "fel-lösen")],
    );
    assert_eq!(
        e,
        format!("error: {name}: finding the calendars: HTTP 401 Unauthorized; the server refused the login of user \"sekretariat\": check the user name and the password (from $PW); Nextcloud, Fastmail, iCloud and Google want an app password here, not the account's own (a copy is cached: --offline uses it)\n")
    );
    assert!(!e.contains("fel-lösen"));

    let e = run(&["events", &source], &[]);
    assert!(
        e.contains("HTTP 401") && e.contains("the server wants a login and none was given"),
        "{e}"
    );

    // The password from ~/.netrc works too.
    let netrc = dir.path().join("netrc");
    std::fs::write(
        &netrc,
        format!("machine 127.0.0.1 login {USER} password {PASSWORD}\n"),
    )
    .unwrap();
    let mut cmd = Command::cargo_bin("krock").unwrap();
    let out = cmd
        .current_dir(root())
        .env("NETRC", &netrc)
        .args([
            "events",
            &source,
            "--from",
            "2026-04-01",
            "--to",
            "2026-06-01",
            "--cache",
        ])
        .arg(&cache)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // The user from --user when the address has none.
    let no_user = source.replace(&format!("{USER}@"), "");
    let mut cmd = Command::cargo_bin("krock").unwrap();
    let out = cmd
        .current_dir(root())
        .env("NETRC", "/nonexistent")
        .env("PW", PASSWORD)
        .args(["events", &no_user, "--user", USER, "--password-env", "PW"])
        .args(["--from", "2026-04-01", "--to", "2026-06-01", "--cache"])
        .arg(&cache)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Regionalt råd"));

    let missing = server.source("finns-inte");
    let e = run(
        &["events", &missing, "--password-env", "PW"],
        &[("PW", PASSWORD)],
    );
    assert_eq!(
        e,
        format!("error: {}: finding the calendars: HTTP 404 Not Found; there is no calendar at this address: check the path, or list the calendars with `krock calendars caldav+https://host/`\n", krock::source::display_url(&missing))
    );

    let port = caldav_support::free_port();
    let down = format!("caldav+http://{USER}@127.0.0.1:{port}/sekretariat/regionalt-rad/");
    let e = run(
        &["events", &down, "--password-env", "PW"],
        &[("PW", PASSWORD)],
    );
    assert_eq!(
        e,
        format!("error: {}: connection refused by 127.0.0.1:{port}: nothing answers at that address and port; check the address, or try again later\n", krock::source::display_url(&down))
    );

    // A password in the address is refused, and not repeated.
    let e = run(
        &[
            "events",
            &format!(
                "caldav+http://{USER}:{PASSWORD}@127.0.0.1:{}/x/",
                server.port
            ),
        ],
        &[],
    );
    assert!(
        e.contains("the address holds a password") && !e.contains(PASSWORD),
        "{e}"
    );
}

#[test]
fn free_busy_files_block_busy_tentative_and_unavailable_but_not_free() {
    let dir = tempfile::tempdir().unwrap();
    let out = krock(
        &[
            "events",
            "tests/fixtures/freebusy/helsingborg.vfb",
            "--from",
            "2026-04-01",
            "--to",
            "2026-06-01",
        ],
        dir.path(),
    );
    assert_eq!(
        text(&out.stdout),
        "2026-04-17 v16 Fri  08:30–12:00   Busy  [tests/fixtures/freebusy/helsingborg.vfb]\n\
         2026-04-24 v17 Fri  08:30–12:00   Busy (tentative)  [tests/fixtures/freebusy/helsingborg.vfb]\n\
         2026-05-08 v19 Fri  08:00–17:00   Unavailable  [tests/fixtures/freebusy/helsingborg.vfb]\n\
         3 occurrences\n"
    );
    // person.freebusy: the only Friday left is the FREE one.
    let out = krock(
        &["propose", "--plan", "tests/fixtures/freebusy/plan.toml"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(
        t.contains("Proposed:\n  2026-05-01 v18 Fri  08:30–12:00  kd  2 of 2 present\n"),
        "{t}"
    );
    for reason in [
        "2026-04-17 v16 Fri 08:30: helsingborg (required): Busy 08:30–12:00\n",
        "2026-04-24 v17 Fri 08:30: helsingborg (required): Busy 08:30–12:00 (tentative)\n",
        "2026-05-08 v19 Fri 08:30: helsingborg (required): Unavailable 08:00–17:00\n",
    ] {
        assert!(t.contains(reason), "{reason} in {t}");
    }
}

#[test]
fn plans_never_hold_a_password() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::write(
        &plan,
        "[plan]\nfrom = \"2026-04-01\"\nto = \"2026-04-30\"\npassword_env = \"hemligt lösen\"\n\
         [[person]]\nid = \"a\"\ncalendar = \"caldav+https://anna:s3cret@cal.example.se/dav/\"\n\
         [[meeting]]\nid = \"m\"\nduration = \"1h\"\nstart = [\"09:00\"]\ncount = 1\n",
    )
    .unwrap();
    let out = krock(&["check", "--plan", plan.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let e = text(&out.stderr);
    let p = plan.display();
    assert!(e.contains(&format!("{p}:4: password_env is not the name of an environment variable; write the name of an environment variable, like \"KROCK_CALDAV_PASSWORD\"")), "{e}");
    assert!(
        e.contains(&format!("{p}:7: caldav+https://cal.example.se/…#"))
            && e.contains("the address holds a password; take it out"),
        "{e}"
    );
    assert!(!e.contains("s3cret") && !e.contains("hemligt"), "{e}");
}
