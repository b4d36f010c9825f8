//! From a secretary's own plan to invites that land right (issue 12), through the binary:
//! today and past windows, `--from`/`--to` over the plan's window, `--tz` with a plan,
//! `--skip-unreadable`, invite roles, a term booked as single events moved and cancelled
//! under its own UIDs, a re-run export left "unchanged", a stale saved proposal refused,
//! `--pick`, and `krock init` then `krock check`.

mod common;
use common::copy_dir;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const PLAN: &str = "calendars/familjen-helsingborg.toml";
const SINGLE: &str = "tests/fixtures/single/plan.toml";
const EPOCH: &str = "1780000000";

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn krock_in(dir: &Path, args: &[&str], epoch: &str) -> Run {
    let out = Command::cargo_bin("krock")
        .unwrap()
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", epoch)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8(out.stdout).unwrap(),
        err: String::from_utf8(out.stderr).unwrap(),
    }
}

fn krock(args: &[&str]) -> Run {
    krock_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, EPOCH)
}

/// `$ krock …`, the exit status and both streams, for a snapshot.
fn shown(args: &[&str], r: &Run) -> String {
    format!(
        "$ krock {}\nexit status {}\n--- stderr\n{}--- stdout\n{}",
        args.join(" "),
        r.code,
        r.err,
        r.out
    )
}

fn unfold(text: &str) -> Vec<String> {
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

// ---- today and the window --------------------------------------------------------------

#[test]
fn a_window_wholly_in_the_past_is_an_error_that_says_so() {
    let args = ["check", "--plan", PLAN, "--today", "2026-12-01"];
    let r = krock(&args);
    assert_eq!(r.code, 2);
    assert!(r.out.is_empty());
    insta::assert_snapshot!(shown(&args, &r));
    for cmd in ["propose", "export"] {
        let mut args = vec![cmd, "--plan", PLAN, "--today", "2026-06-01"];
        if cmd == "export" {
            args.push("--stdout");
        }
        let r = krock(&args);
        assert_eq!(r.code, 2, "{cmd}");
        assert!(
            r.err.contains("is wholly before --today 2026-06-01"),
            "{cmd}: {}",
            r.err
        );
        assert!(r.out.is_empty(), "{cmd}");
    }
}

#[test]
fn the_plans_own_today_keeps_the_bundled_example_reproducible() {
    // No --today: the plan's today = "2026-02-27" decides, whatever the clock says.
    let r = krock(&["propose", "--plan", PLAN, "--json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.is_empty(), "{}", r.err);
    let v = json(&r.out);
    assert!(v.get("notes").is_none());
    let starts: Vec<&str> = v["plans"][0]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        ["2026-04-21T13:00:00+02:00", "2026-05-22T08:30:00+02:00"]
    );
}

#[test]
fn a_window_partly_past_is_cut_to_today_with_a_note() {
    let args = ["propose", "--plan", PLAN, "--today", "2026-05-04", "--json"];
    let r = krock(&args);
    assert_eq!(r.code, 0, "{}", r.err);
    let note = "the window 2026-04-01 – 2026-05-31 starts before --today 2026-05-04: only 2026-05-04 – 2026-05-31 is looked at";
    assert!(r.err.contains(&format!("note: {note}")), "{}", r.err);
    let v = json(&r.out);
    assert!(v["notes"][0].as_str().unwrap().starts_with(note), "{v}");
    for plan in v["plans"].as_array().unwrap() {
        for o in plan["occurrences"].as_array().unwrap() {
            let start = o["start"].as_str().unwrap();
            assert!(start >= "2026-05-04", "proposed {start}, before today");
        }
    }
    for r in v["rejected"].as_array().unwrap() {
        assert!(r["start"].as_str().unwrap() >= "2026-05-04", "{r}");
    }
    // The text report opens with the same note; the April occurrence is not looked at.
    let r = krock(&[
        "check",
        "--plan",
        PLAN,
        "--today",
        "2026-05-04",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.out.starts_with(&format!("Note: {note}")), "{}", r.out);
    assert!(!r.out.contains("2026-04-24"), "{}", r.out);
    assert!(r.out.contains("2026-05-29 v22 Fri"), "{}", r.out);
}

#[test]
fn from_and_to_replace_the_plans_window_to_exclusive() {
    let r = krock(&[
        "check",
        "--plan",
        PLAN,
        "--from",
        "2026-05-01",
        "--to",
        "2026-06-01",
        "--json",
    ]);
    assert_eq!(r.code, 1, "{}", r.err);
    let v = json(&r.out);
    let starts: Vec<&str> = v["clashes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["start"].as_str().unwrap())
        .collect();
    assert!(
        starts.iter().all(|s| s.starts_with("2026-05-29")),
        "{starts:?}"
    );
    // --to is exclusive: ending on 29 May leaves that day out.
    let r = krock(&[
        "check",
        "--plan",
        PLAN,
        "--from",
        "2026-05-01",
        "--to",
        "2026-05-29",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(
        r.out
            .contains("0 planned occurrences in 2026-05-01 – 2026-05-28"),
        "{}",
        r.out
    );
    // propose takes them too, and keeps to them.
    let r = krock(&[
        "propose",
        "--plan",
        PLAN,
        "--from",
        "2026-05-01",
        "--to",
        "2026-06-01",
        "--json",
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    for o in json(&r.out)["plans"][0]["occurrences"].as_array().unwrap() {
        assert!(o["start"].as_str().unwrap().starts_with("2026-05"), "{o}");
    }
    let args = [
        "propose",
        "--plan",
        PLAN,
        "--from",
        "2026-05-10",
        "--to",
        "2026-05-10",
    ];
    let r = krock(&args);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(shown(&args, &r));
}

#[test]
fn tz_with_a_plan_is_an_error_before_the_plan_is_read() {
    let args = ["propose", "--plan", PLAN, "--tz", "Europe/London"];
    let r = krock(&args);
    assert_eq!(r.code, 2);
    assert!(r.out.is_empty());
    insta::assert_snapshot!(shown(&args, &r));
    // Checked with the flags: a plan that does not exist is not even looked at.
    let args = [
        "check",
        "--plan",
        "no-such-plan.toml",
        "--tz",
        "Europe/London",
    ];
    let r = krock(&args);
    assert_eq!(r.code, 2);
    assert!(
        r.err
            .contains("--tz Europe/London cannot be used with --plan"),
        "{}",
        r.err
    );
}

#[test]
fn bad_flags_are_errors_before_any_file_is_read() {
    // The plan does not exist: each flag is refused before krock looks for it.
    for (args, says) in [
        (
            &[
                "export",
                "--plan",
                "missing.toml",
                "--proposal",
                "p.json",
                "--solver",
                "bogus",
                "--stdout",
            ][..],
            "--solver bogus: unknown solver",
        ),
        (
            &[
                "export",
                "--plan",
                "missing.toml",
                "--proposal",
                "p.json",
                "--time-limit",
                "0",
                "--stdout",
            ][..],
            "--time-limit: give a positive number",
        ),
        (
            &["propose", "--plan", "missing.toml", "--timeout", "0"][..],
            "--timeout 0: give a number of seconds",
        ),
        (
            &["check", "--plan", "missing.toml", "--today", "someday"][..],
            "--today someday: not a date",
        ),
        (
            &["events", "missing.ics", "--tz", "Mars/Olympus"][..],
            "--tz Mars/Olympus: not a known IANA time zone",
        ),
    ] {
        let r = krock(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.out.is_empty());
        assert!(r.err.contains(says), "{args:?}: {}", r.err);
        assert!(
            !r.err.contains("missing"),
            "{args:?} read a file: {}",
            r.err
        );
    }
}

// ---- unreadable calendars ----------------------------------------------------------------

#[test]
fn an_unreadable_calendar_stops_the_run_unless_skip_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"),
        dir.path(),
    );
    std::fs::remove_file(dir.path().join("people/helsingborg.ics")).unwrap();
    let plan = "familjen-helsingborg.toml";
    let r = krock_in(dir.path(), &["check", "--plan", plan], EPOCH);
    assert_eq!(r.code, 2);
    assert!(r.out.is_empty());
    assert!(r.err.contains("people/helsingborg.ics"), "{}", r.err);

    let skipped = "skipped helsingborg's calendar (--skip-unreadable)";
    let r = krock_in(
        dir.path(),
        &["check", "--plan", plan, "--skip-unreadable", "--lang", "en"],
        EPOCH,
    );
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(r.err.contains(&format!("note: {skipped}")), "{}", r.err);
    assert!(r.out.starts_with(&format!("Note: {skipped}")), "{}", r.out);
    assert!(r.out.contains("taken as free"), "{}", r.out);
    // In the plan's Swedish the report says the same.
    let r = krock_in(
        dir.path(),
        &["check", "--plan", plan, "--skip-unreadable"],
        EPOCH,
    );
    assert!(
        r.out
            .starts_with("Obs: hoppade över kalendern för helsingborg (--skip-unreadable)"),
        "{}",
        r.out
    );
    let r = krock_in(
        dir.path(),
        &["check", "--plan", plan, "--skip-unreadable", "--json"],
        EPOCH,
    );
    assert!(json(&r.out)["notes"][0]
        .as_str()
        .unwrap()
        .starts_with(skipped));
    let r = krock_in(
        dir.path(),
        &[
            "propose",
            "--plan",
            plan,
            "--skip-unreadable",
            "--lang",
            "en",
        ],
        EPOCH,
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.starts_with(&format!("Note: {skipped}")), "{}", r.out);
    let html = dir.path().join("p.html");
    let args = [
        "propose",
        "--plan",
        plan,
        "--skip-unreadable",
        "--lang",
        "en",
        "--html",
        html.to_str().unwrap(),
    ];
    krock_in(dir.path(), &args, EPOCH);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("<section class=\"notes\">"),
        "no notes on the page"
    );
    assert!(
        page.contains(&skipped.replace('\'', "&#39;")),
        "the note is not on the page"
    );
    let r = krock_in(
        dir.path(),
        &[
            "export",
            "--plan",
            plan,
            "--skip-unreadable",
            "--lang",
            "en",
            "--out",
            "inv",
        ],
        EPOCH,
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.starts_with(&format!("Note: {skipped}")), "{}", r.out);
}

#[test]
fn a_series_that_cannot_be_read_is_never_skipped() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"),
        dir.path(),
    );
    std::fs::remove_file(dir.path().join("kommundirektorsmote.ics")).unwrap();
    let args = [
        "check",
        "--plan",
        "familjen-helsingborg.toml",
        "--skip-unreadable",
    ];
    let r = krock_in(dir.path(), &args, EPOCH);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("never a meeting's series"), "{}", r.err);
}

// ---- invites ---------------------------------------------------------------------------

fn export_single(dir: &Path, epoch: &str, extra: &[&str]) -> Run {
    let out = dir.to_str().unwrap();
    let mut args = vec!["export", "--plan", SINGLE, "--out", out];
    args.extend_from_slice(extra);
    krock_in(Path::new(env!("CARGO_MANIFEST_DIR")), &args, epoch)
}

#[test]
fn a_term_of_single_events_is_moved_and_cancelled_under_its_own_uids() {
    let dir = tempfile::tempdir().unwrap();
    let r = export_single(dir.path(), EPOCH, &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    let names: Vec<String> = files(dir.path())
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let moved = &files(dir.path())[0];
    let cancel = dir.path().join("b-2026-09-17-cancel.ics");
    assert!(moved
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("a-2026-09-"));

    // The moved date keeps its own UID, with SEQUENCE one above the event's own (1), and
    // no RECURRENCE-ID or RRULE: the calendar moves the entry.
    let lines = unfold(&std::fs::read_to_string(moved).unwrap());
    assert!(lines.contains(&"METHOD:REQUEST".to_string()));
    assert!(
        lines.contains(&"UID:a-0917@example.se".to_string()),
        "{lines:?}"
    );
    assert!(lines.contains(&"SEQUENCE:2".to_string()));
    assert!(!lines
        .iter()
        .any(|l| l.starts_with("RECURRENCE-ID") || l.starts_with("RRULE")));
    // The withdrawn date is cancelled under its own UID.
    let lines = unfold(&std::fs::read_to_string(&cancel).unwrap());
    for want in [
        "METHOD:CANCEL",
        "UID:b-0917@example.se",
        "SEQUENCE:3",
        "STATUS:CANCELLED",
    ] {
        assert!(lines.contains(&want.to_string()), "no {want}: {lines:?}");
    }
    // Never a new UID for a meeting that is already booked.
    for f in files(dir.path()) {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(!text.contains("UID:krock-"), "{}: a new UID", f.display());
    }

    // Applied to the organizer's calendar (the series with the update in the same file),
    // the term still has two dates of `a`: the moved one replaced the old.
    let series = std::fs::read_to_string("tests/fixtures/single/a.ics").unwrap();
    let invite = std::fs::read_to_string(moved).unwrap();
    let body = |t: &str| {
        let s = t
            .find("BEGIN:VTIMEZONE")
            .or_else(|| t.find("BEGIN:VEVENT"))
            .unwrap();
        let e = t.rfind("END:VCALENDAR").unwrap();
        t[s..e].to_string()
    };
    let merged = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{}{}END:VCALENDAR\r\n",
        body(&series),
        body(&invite).replace("METHOD:REQUEST\r\n", "")
    );
    let file = dir.path().join("merged.ics");
    std::fs::write(&file, merged).unwrap();
    let r = krock(&[
        "events",
        file.to_str().unwrap(),
        "--from",
        "2026-09-01",
        "--to",
        "2026-10-01",
        "--json",
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    let starts: Vec<String> = r
        .out
        .lines()
        .map(|l| json(l)["start"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(starts.len(), 2, "{starts:?}");
    assert!(starts[0].starts_with("2026-09-03"));
    assert!(
        !starts.iter().any(|s| s.starts_with("2026-09-17")),
        "{starts:?}"
    );
}

#[test]
fn roles_every_attendee_required_optional_and_chair() {
    let dir = tempfile::tempdir().unwrap();
    export_single(dir.path(), EPOCH, &[]);
    let lines = unfold(&std::fs::read_to_string(&files(dir.path())[0]).unwrap());
    let attendees: Vec<&String> = lines.iter().filter(|l| l.starts_with("ATTENDEE")).collect();
    insta::assert_snapshot!(attendees
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("\n"));
    // The bundled example: twelve attendees, one of them required by the plan, all of
    // them REQ-PARTICIPANT.
    let r = krock(&["export", "--plan", PLAN, "--stdout"]);
    let all = unfold(&r.out);
    let roles: Vec<&String> = all.iter().filter(|l| l.starts_with("ATTENDEE")).collect();
    assert_eq!(roles.len(), 24);
    assert!(roles.iter().all(|l| l.contains(";ROLE=REQ-PARTICIPANT;")));
}

#[test]
fn optional_people_are_invited_but_never_counted() {
    let r = krock(&["propose", "--plan", SINGLE, "--json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    for o in json(&r.out)["plans"][0]["occurrences"].as_array().unwrap() {
        let everyone = format!("{}{}{}", o["present"], o["remote"], o["absent"]);
        assert!(!everyone.contains("guest"), "{o}");
    }
}

#[test]
fn exporting_again_leaves_files_that_differ_only_in_dtstamp_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let first = export_single(dir.path(), EPOCH, &[]);
    assert_eq!(first.code, 0, "{}", first.err);
    let before: Vec<Vec<u8>> = files(dir.path())
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    // A day later: another DTSTAMP, nothing else.
    let again = export_single(dir.path(), "1780086400", &[]);
    assert_eq!(again.code, 0, "{}", again.err);
    let after: Vec<Vec<u8>> = files(dir.path())
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    assert_eq!(before, after, "the files were rewritten");
    assert_eq!(again.out.matches("(unchanged)").count(), 2, "{}", again.out);
    // A file that differs in more than DTSTAMP is not replaced without --force, as before.
    let first_file = &files(dir.path())[0];
    let text = std::fs::read_to_string(first_file).unwrap();
    std::fs::write(first_file, text.replace("SEQUENCE:2", "SEQUENCE:7")).unwrap();
    let changed = export_single(dir.path(), EPOCH, &[]);
    assert_eq!(changed.code, 2, "{}", changed.out);
    assert!(
        changed.err.contains("exists with other content"),
        "{}",
        changed.err
    );
}

#[test]
fn pick_exports_a_runner_up() {
    let best = krock(&["export", "--plan", SINGLE, "--stdout"]);
    let second = krock(&["export", "--plan", SINGLE, "--stdout", "--pick", "2"]);
    assert_eq!(
        (best.code, second.code),
        (0, 0),
        "{}{}",
        best.err,
        second.err
    );
    assert_ne!(best.out, second.out);
    // The same as plan 2 of propose.
    let p = json(&krock(&["propose", "--plan", SINGLE, "--json"]).out);
    let moved = p["plans"][1]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["moved"] == true)
        .unwrap()["start"]
        .as_str()
        .unwrap()
        .to_string();
    let stamp = moved[..19].replace(['-', ':'], "");
    assert!(
        second
            .out
            .contains(&format!("DTSTART;TZID=Europe/Stockholm:{stamp}")),
        "{moved}"
    );
    let args = ["export", "--plan", SINGLE, "--stdout", "--pick", "99"];
    let r = krock(&args);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("--pick 99: only"), "{}", r.err);
}

#[test]
fn a_saved_proposal_is_checked_again_and_refused_when_it_no_longer_holds() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/single"),
        dir.path(),
    );
    let at = |args: &[&str]| krock_in(dir.path(), args, EPOCH);
    let saved = at(&["propose", "--plan", "plan.toml", "--json"]);
    assert_eq!(saved.code, 0, "{}", saved.err);
    std::fs::write(dir.path().join("proposal.json"), &saved.out).unwrap();

    // As saved, it holds: exported, plan 2 too.
    let r = at(&[
        "export",
        "--plan",
        "plan.toml",
        "--proposal",
        "proposal.json",
        "--stdout",
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.out, krock(&["export", "--plan", SINGLE, "--stdout"]).out);
    let r = at(&[
        "export",
        "--plan",
        "plan.toml",
        "--proposal",
        "proposal.json",
        "--pick",
        "2",
        "--stdout",
    ]);
    assert_eq!(r.code, 0, "{}", r.err);

    // The chair's council books the day the saved plan moved the meeting to.
    let moved = json(&saved.out)["plans"][0]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["moved"] == true)
        .unwrap()["start"]
        .as_str()
        .unwrap()[..10]
        .replace('-', "");
    let council = std::fs::read_to_string(dir.path().join("council.ics")).unwrap().replace(
        "END:VCALENDAR",
        &format!("BEGIN:VEVENT\nUID:extra@example.se\nDTSTAMP:20260801T000000Z\nDTSTART;TZID=Europe/Stockholm:{moved}T080000\nDTEND;TZID=Europe/Stockholm:{moved}T170000\nSUMMARY:Extra fullmäktige\nEND:VEVENT\nEND:VCALENDAR"),
    );
    std::fs::write(dir.path().join("council.ics"), council).unwrap();
    let args = [
        "export",
        "--plan",
        "plan.toml",
        "--proposal",
        "proposal.json",
        "--out",
        "inv",
    ];
    let r = at(&args);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.out.is_empty());
    assert!(!dir.path().join("inv").exists(), "something was written");
    // (The date the solver chose is not part of the snapshot.)
    let dashed = format!("{}-{}-{}", &moved[..4], &moved[4..6], &moved[6..]);
    insta::assert_snapshot!(shown(&args, &r).replace(&dashed, "MOVED-TO"));

    // Days later, the saved dates are in the past.
    let r = at(&[
        "export",
        "--plan",
        "plan.toml",
        "--proposal",
        "proposal.json",
        "--stdout",
        "--today",
        "2026-09-10",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("(it is in the past)"), "{}", r.err);
    // The plan was edited: the guest became an attendee, quorum 3, and the guest is away
    // on the date the saved plan keeps; the council's extra meeting is gone again.
    let original = |f: &str| {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/single")
                .join(f),
        )
        .unwrap()
    };
    std::fs::write(dir.path().join("council.ics"), original("council.ics")).unwrap();
    let away = original("council.ics")
        .replace("council-0917@example.se", "away@example.se")
        .replace("20260917T", "20260903T")
        .replace("Kommunfullmäktige", "Away");
    std::fs::write(dir.path().join("guest.ics"), away).unwrap();
    let plan = original("plan.toml")
        .replace(
            "email = \"guest@region.example.se\"\n",
            "email = \"guest@region.example.se\"\ncalendar = \"guest.ics\"\n",
        )
        .replace(
            "attendees = [\"chair\", \"member\"]\noptional = [\"guest\"]",
            "attendees = [\"chair\", \"member\", \"guest\"]\nquorum = 3",
        );
    assert!(plan.contains("quorum = 3"), "the fixture changed");
    std::fs::write(dir.path().join("plan.toml"), plan).unwrap();
    let r = at(&[
        "export",
        "--plan",
        "plan.toml",
        "--proposal",
        "proposal.json",
        "--stdout",
    ]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(
        r.err.contains("2 present on 2026-09-03, quorum 3"),
        "{}",
        r.err
    );
}

// ---- init ------------------------------------------------------------------------------

#[test]
fn init_writes_a_blank_plan_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let r = krock_in(
        dir.path(),
        &["init", "--today", "2026-12-01", "--out", "plan.toml"],
        EPOCH,
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("krock check --plan plan.toml"), "{}", r.err);
    let text = std::fs::read_to_string(dir.path().join("plan.toml")).unwrap();
    insta::assert_snapshot!(text);
    let r = krock_in(
        dir.path(),
        &["check", "--plan", "plan.toml", "--today", "2026-12-01"],
        EPOCH,
    );
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    let r = krock_in(
        dir.path(),
        &["propose", "--plan", "plan.toml", "--today", "2026-12-01"],
        EPOCH,
    );
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    // Never over an existing file.
    let r = krock_in(dir.path(), &["init", "--out", "plan.toml"], EPOCH);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("plan.toml: exists"), "{}", r.err);
}

#[test]
fn init_from_a_series_makes_its_people_organizer_window_and_meeting() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/single"),
        dir.path(),
    );
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    let args = [
        "init",
        "--series",
        "a.ics",
        "--today",
        "2026-08-20",
        "--out",
        "plans/new.toml",
    ];
    let r = krock_in(dir.path(), &args, EPOCH);
    assert_eq!(r.code, 0, "{}", r.err);
    let text = std::fs::read_to_string(dir.path().join("plans/new.toml")).unwrap();
    // The series' path is relative to the plan file.
    assert!(text.contains("series = \"../a.ics\""), "{text}");
    insta::assert_snapshot!(text);
    let plan = krock::plan::load(&dir.path().join("plans/new.toml")).unwrap();
    assert_eq!(plan.people.len(), 2);
    assert_eq!(
        plan.people[0].email.as_deref(),
        Some("chair@kalmar.example.se")
    );
    assert_eq!(plan.organizer.unwrap().email, "secretariat@example.se");
    assert_eq!(
        (plan.from.to_string(), plan.to.to_string()),
        ("2026-09-03".into(), "2026-09-17".into())
    );
    let m = &plan.meetings[0];
    assert_eq!(
        (m.title.as_str(), m.duration.num_minutes()),
        ("HR-nätverket", 120)
    );
    // check accepts it as it stands.
    let r = krock_in(
        dir.path(),
        &["check", "--plan", "plans/new.toml", "--today", "2026-08-20"],
        EPOCH,
    );
    assert!(r.code == 0 || r.code == 1, "{}{}", r.out, r.err);
    assert!(r.out.contains("2 planned occurrences"), "{}", r.out);
    // The bundled series, on stdout.
    let r = krock(&[
        "init",
        "--series",
        "calendars/kommundirektorsmote.ics",
        "--today",
        "2026-02-27",
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("id = \"perstorp\""), "{}", r.out);
    assert!(r.out.contains("duration = \"3h30m\""));
    // A series with nothing from today on.
    let r = krock(&[
        "init",
        "--series",
        "calendars/kommundirektorsmote.ics",
        "--today",
        "2030-01-01",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("no occurrence from 2030-01-01"), "{}", r.err);
}

#[test]
fn with_the_clock_a_slot_of_today_that_has_begun_is_not_proposed() {
    use chrono::{Duration, Utc};
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .date_naive();
    let dir = tempfile::tempdir().unwrap();
    let plan = format!(
        "[plan]\nfrom = \"{today}\"\nto = \"{}\"\nholidays = \"none\"\n\n[[person]]\nid = \"a\"\n\n\
         [[meeting]]\nid = \"m\"\nduration = \"1h\"\nstart = [\"00:00\"]\n\
         days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\ncount = 1\n",
        today + Duration::days(2)
    );
    std::fs::write(dir.path().join("plan.toml"), plan).unwrap();
    let r = krock_in(
        dir.path(),
        &["propose", "--plan", "plan.toml", "--json"],
        EPOCH,
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let v = json(&r.out);
    let start = v["plans"][0]["occurrences"][0]["start"].as_str().unwrap();
    assert!(
        !start.starts_with(&today.to_string()),
        "proposed {start}: today at 00:00 has begun"
    );
    // With --today the whole day counts.
    let args = [
        "propose",
        "--plan",
        "plan.toml",
        "--json",
        "--today",
        &today.to_string(),
    ];
    let r = krock_in(dir.path(), &args, EPOCH);
    let v = json(&r.out);
    let start = v["plans"][0]["occurrences"][0]["start"].as_str().unwrap();
    assert!(start.starts_with(&today.to_string()), "{start}");
}
