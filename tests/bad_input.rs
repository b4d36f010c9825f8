//! Broken calendars: each gets a message naming the file, the line and what krock did,
//! keeps everything else in the file, never panics; `--strict` turns warnings into exit 2.

use assert_cmd::Command;

fn run(file: &str, strict: bool) -> (i32, String, String) {
    let mut c = Command::cargo_bin("krock").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.args([
        "events",
        file,
        "--from",
        "2026-01-01",
        "--to",
        "2027-01-01",
        "--json",
    ]);
    if strict {
        c.arg("--strict");
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs a broken file: exit 0 with the rest kept, a snapshot of the messages, and exit 2
/// under --strict with no output.
fn check(name: &str, kept: usize) {
    let file = format!("tests/fixtures/bad/{name}.ics");
    let (code, out, err) = run(&file, false);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), kept, "{out}");
    assert!(
        err.lines()
            .all(|l| l.starts_with(&format!("warning: {file}:"))),
        "{err}"
    );
    insta::assert_snapshot!(name, err);
    let (code, out, err) = run(&file, true);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("--strict"));
}

#[test]
fn truncated_file_keeps_the_complete_events() {
    check("truncated", 1);
}

#[test]
fn event_without_dtstart_is_reported_and_the_rest_kept() {
    check("no-dtstart", 1);
}

#[test]
fn malformed_dtstart_is_reported_not_silently_dropped() {
    check("bad-dtstart", 1);
}

#[test]
fn unknown_tzid_is_reported_once_and_read_in_the_zone() {
    check("unknown-tzid", 1);
}

#[test]
fn invalid_rrule_keeps_the_first_instance() {
    check("invalid-rrule", 1);
}

#[test]
fn invalid_utf8_is_replaced_and_reported() {
    check("invalid-utf8", 1);
}

#[test]
fn invalid_duration_falls_back_to_the_default_length() {
    check("bad-duration", 1);
}

#[test]
fn a_file_that_is_not_icalendar_is_an_error() {
    for name in ["not-icalendar", "html-page"] {
        let file = format!("tests/fixtures/bad/{name}.ics");
        let (code, out, err) = run(&file, false);
        assert_eq!(code, 2);
        assert!(out.is_empty());
        insta::assert_snapshot!(name, err);
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A deterministic pseudo-random walk over bytes and iCalendar fragments.
    let pieces: [&[u8]; 12] = [
        b"BEGIN:VCALENDAR\r\n",
        b"BEGIN:VEVENT\r\n",
        b"END:VEVENT\r\n",
        b"DTSTART;TZID=Europe/Stockholm:20260329T023000\r\n",
        b"RRULE:FREQ=DAILY;BYSETPOS=-1;BYDAY=MO\r\n",
        b"RECURRENCE-ID:20260330T023000\r\n",
        b"EXDATE:2026\r\n",
        b"DURATION:P99999W\r\n",
        b"\xff\xfe\x00",
        b"\r\n ",
        b"UID:x\r\n",
        b"END:VCALENDAR",
    ];
    let mut seed: u64 = 0x9E3779B97F4A7C15;
    for _ in 0..40 {
        let mut bytes = Vec::new();
        for _ in 0..30 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            bytes.extend_from_slice(pieces[(seed % 12) as usize]);
        }
        let out = Command::cargo_bin("krock")
            .unwrap()
            .args(["events", "-", "--from", "2026-01-01", "--to", "2027-01-01"])
            .write_stdin(bytes)
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        assert!(
            code == 0 || code == 2,
            "exit {code}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}
