//! `tests/bad/`: broken calendars and plans (truncated, bad dates, times, durations, zones,
//! rules, RDATE/EXDATE/PERIOD, RECURRENCE-IDs, encodings, line endings, duplicate UIDs,
//! plans with wrong types, unknown keys, missing tables, bad emails …; `tests/bad/README.md`
//! lists them). Each is run through the binary — `krock events FILE --from 2026-01-01 --to
//! 2027-01-01` for a `.ics`, `krock check --plan FILE --today 2026-04-01` for a `.toml` — and its exit status,
//! messages and output are a snapshot named after the file. Every run exits 0 (what could
//! be read, with warnings) or 2 (an error), never panics, and every message names the file.

use std::path::Path;
use std::process::Command;

#[test]
fn every_bad_input_gets_a_message_naming_file_line_and_fix() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(root.join("tests/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ics") || n.ends_with(".toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 40, "only {} bad inputs", names.len());
    for name in names {
        let file = format!("tests/bad/{name}");
        let args: Vec<&str> = if name.ends_with(".ics") {
            vec![
                "events",
                &file,
                "--from",
                "2026-01-01",
                "--to",
                "2027-01-01",
            ]
        } else {
            // The plans' window is April 2026: plan as on its first day.
            vec!["check", "--plan", &file, "--today", "2026-04-01"]
        };
        let out = Command::new(env!("CARGO_BIN_EXE_krock"))
            .current_dir(root)
            .args(&args)
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        let err = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!err.contains("panicked"), "{name}: {err}");
        match code {
            0 => assert!(
                err.lines().all(|l| l.starts_with("warning: ")),
                "{name}: {err}"
            ),
            2 => {
                assert!(err.starts_with("error: "), "{name}: {err}");
                assert!(stdout.is_empty(), "{name}: {stdout}");
            }
            _ => panic!("{name}: exit status {code}\n{err}"),
        }
        for line in err
            .lines()
            .filter(|l| l.starts_with("warning: ") || l.starts_with("error: "))
        {
            assert!(line.contains("tests/bad/"), "{name}: names no file: {line}");
        }
        let run = format!(
            "$ krock {}\nexit status {code}\n--- stderr\n{err}--- stdout\n{stdout}",
            args.join(" ")
        );
        insta::assert_snapshot!(name.as_str(), run);
    }
}
