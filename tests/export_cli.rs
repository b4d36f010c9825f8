//! `krock export`: the invites of the bundled scenario, checked on their bytes (RFC 5545
//! folding, escaping, CRLF, required properties, VTIMEZONE offsets), read back by
//! `krock events` (round trip), and applied onto the original series (no duplicate).

mod common;
use common::copy_dir;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const PLAN: &str = "calendars/familjen-helsingborg.toml";
const EPOCH: &str = "1780000000"; // 2026-05-28T20:26:40Z

fn krock(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("krock")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn export_to(dir: &Path, extra: &[&str]) -> Vec<PathBuf> {
    let mut args = vec!["export", "--plan", PLAN, "--out", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (code, _, err) = krock(&args);
    assert_eq!(code, 0, "{err}");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn unfold(text: &str) -> Vec<String> {
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn scenario_invites_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let files = export_to(dir.path(), &[]);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["kd-2026-04-21.ics", "kd-2026-05-22.ics"]);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        insta::assert_snapshot!(
            f.file_name().unwrap().to_string_lossy().into_owned(),
            text.replace("\r\n", "⏎\n")
        );
    }
}

/// The invites' human text follows the language: the bundled plan says `language = "sv"`;
/// `--lang en` gives English; everything but DESCRIPTION is the same bytes.
#[test]
fn the_description_is_in_the_plans_language_or_lang() {
    let sv_dir = tempfile::tempdir().unwrap();
    let en_dir = tempfile::tempdir().unwrap();
    let sv = std::fs::read_to_string(&export_to(sv_dir.path(), &[])[0]).unwrap();
    let en_files = export_to(en_dir.path(), &["--lang", "en"]);
    let en = std::fs::read_to_string(&en_files[0]).unwrap();
    let description = |t: &str| {
        unfold(t)
            .into_iter()
            .find(|l| l.starts_with("DESCRIPTION"))
            .unwrap()
    };
    assert_eq!(
        description(&sv),
        "DESCRIPTION:Flyttat från fredag 24 april 08.30."
    );
    assert_eq!(
        description(&en),
        "DESCRIPTION:Moved from Friday 24 April 08:30."
    );
    let rest = |t: &str| -> Vec<String> {
        unfold(t)
            .into_iter()
            .filter(|l| !l.starts_with("DESCRIPTION") && !l.starts_with("DTSTAMP"))
            .collect()
    };
    assert_eq!(rest(&sv), rest(&en));
    insta::assert_snapshot!("kd-2026-04-21.en.ics", en.replace("\r\n", "⏎\n"));
}

#[test]
fn invites_follow_rfc_5545_on_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    for f in export_to(dir.path(), &[]) {
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        // CRLF everywhere, no bare LF; every physical line at most 75 octets.
        assert!(text.ends_with("\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let lines = unfold(&text);
        let has = |p: &str| lines.iter().any(|l| l.starts_with(p));
        for p in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:",
            "METHOD:REQUEST",
            "BEGIN:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:",
            "DTSTAMP:20260528T202640Z",
            "DTSTART;TZID=Europe/Stockholm:",
            "DTEND;TZID=Europe/Stockholm:",
            "SEQUENCE:1",
            "RECURRENCE-ID;TZID=W. Europe Standard Time:",
            "ORGANIZER;CN=\"Sekretariatet\":mailto:",
            "SUMMARY:Kommundirektörsmöte",
            "LOCATION:Mindpark\\, Helsingborg",
            "END:VEVENT",
            "END:VCALENDAR",
        ] {
            assert!(has(p), "{} lacks {p}", f.display());
        }
        // One ATTENDEE per attendee, quoted CN, role, needs-action, RSVP.
        let attendees: Vec<&String> = lines
            .iter()
            .filter(|l| l.starts_with("ATTENDEE;"))
            .collect();
        assert_eq!(attendees.len(), 12);
        for a in &attendees {
            assert!(a.starts_with("ATTENDEE;CN=\""), "{a}");
            assert!(
                a.contains(";PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:"),
                "{a}"
            );
            // Every attendee is invited as a member: the plan names no chair and no
            // optional people.
            assert!(a.contains(";ROLE=REQ-PARTICIPANT;"), "{a}");
        }
        // Every TZID used has its VTIMEZONE, with the offsets of both sides of each change.
        for tzid in ["Europe/Stockholm", "W. Europe Standard Time"] {
            assert!(
                lines.contains(&format!("TZID:{tzid}")),
                "no VTIMEZONE for {tzid}"
            );
        }
        let joined = lines.join("\n");
        assert!(joined.contains(
            "BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200"
        ));
        assert!(joined.contains(
            "BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100"
        ));
    }
}

#[test]
fn round_trip_gives_exactly_the_chosen_occurrences() {
    let dir = tempfile::tempdir().unwrap();
    export_to(dir.path(), &[]);
    let (code, events, err) = krock(&[
        "events",
        dir.path().to_str().unwrap(),
        "--from",
        "2026-04-01",
        "--to",
        "2026-06-01",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    let (_, proposal, _) = krock(&["propose", "--plan", PLAN, "--json", "--alternatives", "1"]);
    let p: serde_json::Value = serde_json::from_str(&proposal).unwrap();
    let chosen: Vec<(String, String)> = p["plans"][0]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let s = chrono::DateTime::parse_from_rfc3339(o["start"].as_str().unwrap())
                .unwrap()
                .with_timezone(&chrono::Utc);
            let e = chrono::DateTime::parse_from_rfc3339(o["end"].as_str().unwrap())
                .unwrap()
                .with_timezone(&chrono::Utc);
            (
                s.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                e.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            )
        })
        .collect();
    let got: Vec<(String, String)> = events
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["start"].as_str().unwrap().to_string(),
                v["end"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, chosen);
}

#[test]
fn a_moved_occurrence_applied_to_the_series_moves_it_without_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let files = export_to(dir.path(), &[]);
    let series = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars/kommundirektorsmote.ics"),
    )
    .unwrap();
    // What a client does with the REQUEST: add its VEVENT (an override, by UID and
    // RECURRENCE-ID) and its VTIMEZONEs to the calendar holding the series.
    let mut merged = series
        .trim_end()
        .strip_suffix("END:VCALENDAR")
        .unwrap()
        .to_string();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let start = text.find("BEGIN:VEVENT").unwrap();
        let end = text.find("END:VCALENDAR").unwrap();
        merged.push_str(&text[start..end]);
    }
    merged.push_str("END:VCALENDAR\r\n");
    let path = dir.path().join("merged.ics");
    std::fs::write(&path, merged).unwrap();
    let (code, out, err) = krock(&[
        "events",
        path.to_str().unwrap(),
        "--from",
        "2026-04-01",
        "--to",
        "2026-06-01",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let starts: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["start"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(starts, ["2026-04-21T11:00:00Z", "2026-05-22T06:30:00Z"]);
}

#[test]
fn same_input_same_bytes_and_no_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let files = export_to(dir.path(), &[]);
    let first: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let (code, out, _) = krock(&[
        "export",
        "--plan",
        PLAN,
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    // The plan's language, Swedish: "(oförändrad)" for "(unchanged)".
    assert!(out.contains("(oförändrad)"), "{out}");
    let again: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert_eq!(first, again);
    // A different file in the way: nothing is written, exit 2; --force replaces.
    std::fs::write(&files[1], "someone else's file").unwrap();
    let other = std::fs::read(&files[0]).unwrap();
    std::fs::remove_file(&files[0]).unwrap();
    let (code, _, err) = krock(&[
        "export",
        "--plan",
        PLAN,
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
    assert!(
        !files[0].exists(),
        "a file was written despite the conflict"
    );
    let (code, _, _) = krock(&[
        "export",
        "--plan",
        PLAN,
        "--out",
        dir.path().to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read(&files[0]).unwrap(), other);
    assert_eq!(std::fs::read(&files[1]).unwrap(), first[1]);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('.')
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn a_saved_proposal_exports_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, json, _) = krock(&["propose", "--plan", PLAN, "--json"]);
    let saved = dir.path().join("proposal.json");
    std::fs::write(&saved, json).unwrap();
    let (code, from_file, err) = krock(&[
        "export",
        "--plan",
        PLAN,
        "--proposal",
        saved.to_str().unwrap(),
        "--stdout",
    ]);
    assert_eq!(code, 0, "{err}");
    let (_, direct, _) = krock(&["export", "--plan", PLAN, "--stdout"]);
    assert_eq!(from_file, direct);
    assert_eq!(direct.matches("BEGIN:VCALENDAR").count(), 2);
    std::fs::write(&saved, "{\"feasible\":false,\"plans\":[]}").unwrap();
    let (code, _, err) = krock(&[
        "export",
        "--plan",
        PLAN,
        "--proposal",
        saved.to_str().unwrap(),
        "--stdout",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no feasible plan"), "{err}");
}

#[test]
fn a_withdrawn_occurrence_is_cancelled() {
    // The same world, but only one meeting wanted: one of the two clashing dates is
    // withdrawn with METHOD:CANCEL.
    let dir = tempfile::tempdir().unwrap();
    let cal = dir.path().join("calendars");
    std::fs::create_dir(&cal).unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"),
        &cal,
    );
    let text = std::fs::read_to_string(cal.join("familjen-helsingborg.toml")).unwrap();
    let text = text.replace("min_gap_days = 14", "min_gap_days = 14\ncount = 1");
    std::fs::write(cal.join("one.toml"), text).unwrap();
    let out_dir = dir.path().join("out");
    let (code, out, err) = krock(&[
        "export",
        "--plan",
        cal.join("one.toml").to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("CANCEL"), "{out}");
    let cancel: Vec<PathBuf> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-cancel.ics"))
        .collect();
    assert_eq!(cancel.len(), 1);
    let lines = unfold(&std::fs::read_to_string(&cancel[0]).unwrap());
    for p in [
        "METHOD:CANCEL",
        "STATUS:CANCELLED",
        "RECURRENCE-ID;TZID=W. Europe Standard Time:",
        "SEQUENCE:1",
    ] {
        assert!(lines.iter().any(|l| l.starts_with(p)), "lacks {p}");
    }
}

#[test]
fn the_proposal_type_reads_back_what_propose_wrote() {
    // propose --json → krock::proposal::Saved → the same bytes: the type is the format.
    let (code, json, err) = krock(&["propose", "--plan", PLAN, "--json", "--alternatives", "3"]);
    assert_eq!(code, 0, "{err}");
    let saved: krock::proposal::Saved = serde_json::from_str(&json).unwrap();
    assert!(saved.feasible);
    assert!(saved.plans.len() >= 2, "{json}");
    assert_eq!(serde_json::to_string(&saved).unwrap() + "\n", json);
    // And the plan it holds is the plan a live solve exports, for each --pick.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("proposal.json");
    std::fs::write(&file, &json).unwrap();
    for pick in ["1", "2"] {
        let (code, from_file, err) = krock(&[
            "export",
            "--plan",
            PLAN,
            "--proposal",
            file.to_str().unwrap(),
            "--pick",
            pick,
            "--stdout",
        ]);
        assert_eq!(code, 0, "--pick {pick}: {err}");
        let (_, live, _) = krock(&["export", "--plan", PLAN, "--pick", pick, "--stdout"]);
        assert_eq!(from_file, live, "--pick {pick}");
    }
}

#[test]
fn a_proposal_that_is_not_one_krock_wrote_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("proposal.json");
    std::fs::write(
        &file,
        r#"{"feasible":true,"plans":[{"occurrences":[{"meeting":"kd"}]}]}"#,
    )
    .unwrap();
    let (code, out, err) = krock(&[
        "export",
        "--plan",
        PLAN,
        "--proposal",
        file.to_str().unwrap(),
        "--stdout",
    ]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("not a proposal of krock propose --json"),
        "{err}"
    );
    assert!(err.contains("missing field `"), "{err}");
}
