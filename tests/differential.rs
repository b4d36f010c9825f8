//! Differential tests: `krock events --json` against the reference expander's output
//! (`../shared/oracle`, recurring-ical-events), stored beside the calendars in
//! `tests/diff/` (see its README for how they were made and how to regenerate them).
//!
//! Compared as multisets over uid, summary, start, end, all_day, status and transp.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const KEYS: [&str; 7] = [
    "uid", "summary", "start", "end", "all_day", "status", "transp",
];

fn project(jsonl: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("JSON line");
        let key: Vec<String> = KEYS.iter().map(|k| v[*k].to_string()).collect();
        *out.entry(key.join(" | ")).or_insert(0) += 1;
    }
    out
}

fn krock_json(file: &Path, from: &str, to: &str) -> String {
    let out = Command::cargo_bin("krock")
        .unwrap()
        .args([
            "events",
            file.to_str().unwrap(),
            "--from",
            from,
            "--to",
            to,
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// (missing from krock, extra in krock)
fn diff(
    expected: &BTreeMap<String, usize>,
    got: &BTreeMap<String, usize>,
) -> (Vec<String>, Vec<String>) {
    let mut missing = Vec::new();
    let mut extra = Vec::new();
    for (k, n) in expected {
        let m = got.get(k).copied().unwrap_or(0);
        for _ in m..*n {
            missing.push(k.clone());
        }
    }
    for (k, n) in got {
        let m = expected.get(k).copied().unwrap_or(0);
        for _ in m..*n {
            extra.push(k.clone());
        }
    }
    (missing, extra)
}

fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/diff")
        .join(sub)
}

fn expected_files(sub: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir(sub))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.jsonl"))
        .collect();
    v.sort();
    v
}

#[test]
fn generated_cases_match_the_reference() {
    let files = expected_files("cases");
    assert!(files.len() >= 40);
    let mut failures = Vec::new();
    for exp in &files {
        let ics = PathBuf::from(exp.to_string_lossy().replace(".expected.jsonl", ".ics"));
        let got = project(&krock_json(&ics, "2026-01-01", "2027-01-01"));
        let want = project(&std::fs::read_to_string(exp).unwrap());
        let (missing, extra) = diff(&want, &got);
        if !missing.is_empty() || !extra.is_empty() {
            failures.push(format!(
                "{}:\n  missing {missing:?}\n  extra {extra:?}",
                ics.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where krock reads a series the reference refuses (and skips), or free/busy the reference
/// does not read, krock shows more. Each entry: file, how many extra occurrences, and why
/// that is right.
const READ_MORE_THAN_REFERENCE: [(&str, usize, &str); 3] = [
    (
        "icalendar__issue_165_missing_event.ics",
        14,
        "RRULE has 'BYDAY=MO, TU, WE, TH, FR' with spaces; the reference rejects the series, krock reads it",
    ),
    (
        "libical__2445.ics",
        9,
        "RFC 2445's VFREEBUSY examples: krock reads FREEBUSY periods as busy time (\"Busy\"), the reference expands VEVENTs only",
    ),
    (
        "icaljs__google_birthday.ics",
        3,
        "RDATE values '20131210Z' (a date with a stray Z); the reference drops the series, krock reads the dates",
    ),
];

#[test]
fn real_world_corpus_matches_the_reference() {
    let files = expected_files("corpus");
    assert!(files.len() >= 30);
    let mut failures = Vec::new();
    for exp in &files {
        let base = exp
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".expected.jsonl", "");
        let ics = dir("corpus").join(&base);
        let got = project(&krock_json(&ics, "1995-01-01", "2030-01-01"));
        let want = project(&std::fs::read_to_string(exp).unwrap());
        let (missing, extra) = diff(&want, &got);
        let allowed = READ_MORE_THAN_REFERENCE
            .iter()
            .find(|(f, _, _)| *f == base)
            .map(|(_, n, _)| *n)
            .unwrap_or(0);
        if !missing.is_empty() || extra.len() != allowed {
            failures.push(format!("{base}:\n  missing {missing:?}\n  extra {extra:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_corpus_file_loads_without_panic() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ics"))
        .collect();
    files.sort();
    assert!(files.len() >= 39);
    for f in files {
        let out = Command::cargo_bin("krock")
            .unwrap()
            .args([
                "events",
                f.to_str().unwrap(),
                "--from",
                "1900-01-01",
                "--to",
                "2100-01-01",
                "--json",
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{}: {stderr}", f.display());
        assert!(!stderr.contains("panicked"), "{}: {stderr}", f.display());
    }
}
