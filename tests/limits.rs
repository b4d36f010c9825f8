//! Hard limits: hostile calendars end in bounded time and memory with a message naming
//! the limit and the flag that raises it. Each case runs under `ulimit -v` (address
//! space) and `ulimit -t` (CPU seconds), so unbounded memory or time fails the test
//! instead of hanging it — no wall-clock time is asserted.

use std::io::Write;
use std::process::Command;

const MEMORY_KB: u64 = 512 * 1024;

fn run_bounded(file: &std::path::Path, extra: &[&str]) -> (i32, String, String) {
    let bin = env!("CARGO_BIN_EXE_krock");
    let mut cmd = format!(
        "ulimit -v {MEMORY_KB}; ulimit -t 60; exec '{bin}' events '{}' --from 2026-01-01 --to 2036-01-01",
        file.display()
    );
    for e in extra {
        cmd.push(' ');
        cmd.push_str(e);
    }
    let out = Command::new("sh").arg("-c").arg(&cmd).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn an_endless_secondly_rule_stops_at_max_occurrences() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "secondly.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:s\r\nDTSTART:20260101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    let (code, out, err) = run_bounded(&f, &["--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 100_000);
    assert!(
        err.contains("more than 100000 occurrences") && err.contains("--max-occurrences"),
        "{err}"
    );
    let (_, out, _) = run_bounded(&f, &["--json", "--max-occurrences", "10"]);
    assert_eq!(out.lines().count(), 10);
}

#[test]
fn a_million_exdates_are_refused_by_max_exdates() {
    let dir = tempfile::tempdir().unwrap();
    let ex: Vec<String> = (0..1_000_000)
        .map(|i| format!("2026{:02}{:02}T{:02}0000Z", 1 + i % 12, 1 + i % 28, i % 24))
        .collect();
    let f = write(&dir, "exdates.ics", &format!("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:e\r\nDTSTART:20260101T000000Z\r\nRRULE:FREQ=DAILY\r\nEXDATE:{}\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:kept\r\nDTSTART:20260301T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", ex.join(",")));
    // The line itself is over the line limit: the event is skipped, the other kept.
    let (code, out, err) = run_bounded(&f, &["--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        err.contains("--max-line-length") && err.contains("skipped the VEVENT"),
        "{err}"
    );
    // With the line limit raised, the EXDATE limit names itself.
    let (code, out, err) = run_bounded(&f, &["--json", "--max-line-length", "100000000"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        err.contains("1000000 EXDATE values") && err.contains("--max-exdates"),
        "{err}"
    );
}

#[test]
fn a_huge_file_is_refused_by_max_file_mb() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.ics");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    f.write_all(b"BEGIN:VCALENDAR\r\n").unwrap();
    let event = b"BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T000000Z\r\nSUMMARY:padding padding padding padding padding padding\r\nEND:VEVENT\r\n";
    let mut written = 0;
    while written < 200 << 20 {
        f.write_all(event).unwrap();
        written += event.len();
    }
    f.write_all(b"END:VCALENDAR\r\n").unwrap();
    drop(f);
    let (code, out, err) = run_bounded(&p, &[]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("100 MB") && err.contains("--max-file-mb"),
        "{err}"
    );
}

#[test]
fn deep_nesting_is_cut_at_max_depth() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "BEGIN:VCALENDAR\r\n{}{}BEGIN:VEVENT\r\nUID:k\r\nDTSTART:20260101T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "BEGIN:X\r\n".repeat(100_000),
        "END:X\r\n".repeat(100_000)
    );
    let f = write(&dir, "nested.ics", &text);
    let (code, out, err) = run_bounded(&f, &["--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().count(),
        1,
        "the event after the nesting is kept"
    );
    assert!(
        err.contains("nested more than 16 deep") && err.contains("--max-depth"),
        "{err}"
    );
    assert!(
        err.lines().count() < 5,
        "one message, not one per level: {err}"
    );
}

#[test]
fn total_occurrences_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "daily.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:d\r\nDTSTART:20260101T090000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    let (code, _, err) = run_bounded(&f, &["--max-total-occurrences", "100"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("more than 100 occurrences") && err.contains("--max-total-occurrences"),
        "{err}"
    );
}

#[test]
fn a_million_bad_lines_give_a_handful_of_messages() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:k\r\nDTSTART:20260101T090000Z\r\n{}END:VEVENT\r\nEND:VCALENDAR\r\n", "garbage without colon\r\n".repeat(1_000_000));
    let f = write(&dir, "garbage.ics", &text);
    let (code, out, err) = run_bounded(&f, &["--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1);
    assert!(err.lines().count() <= 11, "{}", err.lines().count());
    assert!(err.contains("999990 more lines like that"), "{err}");
}

#[test]
fn plan_commands_take_the_limit_flags_too() {
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_krock"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["check", "--plan", "calendars/familjen-helsingborg.toml"])
            .args(extra)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        (out.status.code().unwrap_or(-1), err)
    };
    let (code, err) = run(&["--max-occurrences", "2"]);
    assert!(code == 0 || code == 1, "{err}"); // checked with the cut series
    assert!(
        err.contains("more than 2 occurrences") && err.contains("--max-occurrences"),
        "{err}"
    );
    let (code, err) = run(&["--max-total-occurrences", "10"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--max-total-occurrences")
            && err.contains("named in calendars/familjen-helsingborg.toml:"),
        "{err}"
    );
}
