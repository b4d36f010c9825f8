//! `krock events` as a user runs it: the binary, its output and its exit status.

use assert_cmd::Command;
use std::path::Path;

fn krock() -> Command {
    let mut c = Command::cargo_bin("krock").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("NO_COLOR");
    c
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = krock().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn dst_edges_match_the_reference_byte_for_byte() {
    let (code, out, err) = run(&[
        "events",
        "tests/fixtures/dst-edges.ics",
        "--from",
        "2026-01-01",
        "--to",
        "2027-01-01",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let expected = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dst-edges.expected.jsonl"),
    )
    .unwrap();
    assert_eq!(out, expected);
}

#[test]
fn text_view_shows_week_weekday_and_local_time() {
    let (code, out, _) = run(&[
        "events",
        "tests/fixtures/dst-edges.ics",
        "--from",
        "2026-03-27",
        "--to",
        "2026-03-31",
    ]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn same_input_same_bytes() {
    let args = [
        "events",
        "tests/diff/cases",
        "--from",
        "2026-01-01",
        "--to",
        "2027-01-01",
        "--json",
    ];
    let (_, a, _) = run(&args);
    let (_, b, _) = run(&args);
    assert_eq!(a, b);
    assert!(!a.is_empty());
}

#[test]
fn stdin_is_a_source() {
    let ics =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dst-edges.ics"))
            .unwrap();
    let out = krock()
        .args([
            "events",
            "-",
            "--from",
            "2026-06-01",
            "--to",
            "2026-06-03",
            "--json",
        ])
        .write_stdin(ics)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("\"source\":\"-\""));
}

#[test]
fn a_directory_is_read_in_sorted_order_and_skips_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let ev = |uid: &str| {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:20260420T080000Z\r\nDTEND:20260420T090000Z\r\nSUMMARY:{uid}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    };
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("b.ics"), ev("b")).unwrap();
    std::fs::write(dir.path().join("sub/a.ICS"), ev("a")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a calendar").unwrap();
    let out = krock()
        .args([
            "events",
            dir.path().to_str().unwrap(),
            "--from",
            "2026-04-01",
            "--to",
            "2026-05-01",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let uids: Vec<&str> = text.lines().map(|l| &l[8..9]).collect();
    assert_eq!(uids, ["a", "b"]);
}

#[test]
fn window_is_half_open_and_read_in_the_zone() {
    // 2026-06-10T12:00Z–12:30Z is inside [06-10, 06-11) in Stockholm, outside [06-11, …).
    let (_, inside, _) = run(&[
        "events",
        "tests/fixtures/dst-edges.ics",
        "--from",
        "2026-06-10",
        "--to",
        "2026-06-11",
        "--json",
    ]);
    assert!(inside.contains("\"uid\":\"utc\""));
    let (_, outside, _) = run(&[
        "events",
        "tests/fixtures/dst-edges.ics",
        "--from",
        "2026-06-11",
        "--to",
        "2026-06-12",
        "--json",
    ]);
    assert!(!outside.contains("\"uid\":\"utc\""));
    // In Tokyo, local midnight of 06-10 is the previous evening in UTC: the event still falls on 06-10.
    let (_, tokyo, _) = run(&[
        "events",
        "tests/fixtures/dst-edges.ics",
        "--from",
        "2026-06-10",
        "--to",
        "2026-06-11",
        "--tz",
        "Asia/Tokyo",
        "--json",
    ]);
    assert!(tokyo.contains("\"uid\":\"utc\""));
}

#[test]
fn bad_arguments_exit_2_with_what_to_do() {
    let (code, _, err) = run(&[
        "events",
        "tests/fixtures/dst-edges.ics",
        "--from",
        "2026-13-01",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let (code, _, err) = run(&[
        "events",
        "tests/fixtures/dst-edges.ics",
        "--from",
        "2026-05-01",
        "--to",
        "2026-04-01",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("not after"), "{err}");
    let (code, _, err) = run(&[
        "events",
        "tests/fixtures/dst-edges.ics",
        "--tz",
        "Mars/Base",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("IANA"), "{err}");
    let (code, _, err) = run(&["events", "no/such/file.ics"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no/such/file.ics") && err.contains("no such file"),
        "{err}"
    );
}
