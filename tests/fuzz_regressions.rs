//! Every input the fuzzers (`fuzz/`) found a crash with, kept as a file in
//! `tests/fuzz_regressions/` and run again here, the way its fuzz target ran it:
//!
//! - `ics_expand-*.ics`: `krock::ical::read` over 2026 and over 1990–2040, then
//!   `krock events FILE` through the binary (exit 0 or 2, never a panic);
//! - `plan_parse-*.toml`: `krock::plan::parse`, then `krock check --plan FILE`;
//! - `invite_roundtrip-*.json`: `{"summary", "location", "name"}` written as an invite and
//!   read back unchanged.
//!
//! A file's name says which target it belongs to: `…-crash-HASH` is the fuzzer's own
//! artifact, other names are the same bug cut down by hand, and `…-pinned-…` is a hard case
//! kept without a crash (the invite round trip has had none).

use assert_cmd::Command;
use chrono::NaiveDate;
use krock::diag::Warnings;
use krock::events::{ReadOptions, Window};
use krock::ical::zone::Zone;
use krock::invite::{escape_text, quote_param, Writer};
use std::path::{Path, PathBuf};

fn files(prefix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    out.sort();
    out
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Exit status 0 or 2 and no panic.
fn runs_cleanly(args: &[&str]) {
    let out = Command::cargo_bin("krock")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    assert!(
        code == Some(0) || code == Some(2),
        "{args:?}: {code:?}\n{err}"
    );
    assert!(!err.contains("panicked"), "{args:?}: {err}");
}

#[test]
fn ics_expand_regressions() {
    let found = files("ics_expand-");
    assert!(!found.is_empty());
    let zone = Zone::iana("Europe/Stockholm").unwrap();
    for file in found {
        let bytes = std::fs::read(&file).unwrap();
        for (from, to) in [
            (day(2026, 1, 1), day(2027, 1, 1)),
            (day(1990, 1, 1), day(2040, 1, 1)),
        ] {
            let opts = ReadOptions::new(Window::new(from, to, zone.clone()));
            let mut warnings = Warnings::default();
            if let Ok(occ) = krock::ical::read("f.ics", &bytes, &opts, &mut warnings) {
                for o in &occ {
                    assert!(o.end >= o.start && opts.window.contains(o), "{file:?}");
                }
            }
        }
        let path = file.display().to_string();
        runs_cleanly(&[
            "events",
            &path,
            "--from",
            "2026-01-01",
            "--to",
            "2027-01-01",
        ]);
    }
}

#[test]
fn plan_parse_regressions() {
    for file in files("plan_parse-") {
        let bytes = std::fs::read(&file).unwrap();
        let _ = krock::plan::parse(&file, &String::from_utf8_lossy(&bytes));
        runs_cleanly(&["check", "--plan", &file.display().to_string()]);
    }
}

#[test]
fn invite_roundtrip_regressions() {
    let found = files("invite_roundtrip-");
    assert!(!found.is_empty());
    for file in found {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let field = |k: &str| v[k].as_str().unwrap().to_string();
        let (summary, location, name) = (field("summary"), field("location"), field("name"));
        let mut w = Writer::default();
        for l in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "BEGIN:VEVENT",
            "UID:u@example.se",
        ] {
            w.line(l);
        }
        w.line("DTSTART:20260315T090000Z");
        w.text_prop("SUMMARY", &summary);
        w.text_prop("LOCATION", &location);
        w.line(&format!(
            "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT:mailto:a@example.se",
            quote_param(&name)
        ));
        w.line("END:VEVENT");
        w.line("END:VCALENDAR");
        for line in w.text.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{file:?}: {line:?}");
        }
        let opts = ReadOptions::new(Window::new(
            day(2026, 1, 1),
            day(2027, 1, 1),
            Zone::iana("Europe/Stockholm").unwrap(),
        ));
        let mut warnings = Warnings::default();
        let occ = krock::ical::read("i.ics", w.text.as_bytes(), &opts, &mut warnings).unwrap();
        assert_eq!(occ.len(), 1, "{file:?}");
        let o = &occ[0];
        assert_eq!(
            o.summary.as_deref(),
            Some(&*summary.replace('\r', "")),
            "{file:?}"
        );
        assert_eq!(
            o.info.location,
            Some(location.replace('\r', "")),
            "{file:?}"
        );
        let cn: String = name
            .chars()
            .filter(|c| *c != '"' && !c.is_control())
            .collect();
        assert_eq!(o.info.attendees[0].name, Some(cn), "{file:?}");
        // The writer's escaping is what makes this hold.
        assert!(!escape_text(&summary).contains('\n'));
    }
}
