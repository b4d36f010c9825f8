//! Nothing lost: `krock export --out DIR` killed (SIGKILL) at any moment leaves every
//! invite in DIR either absent or complete — byte for byte the file a full run writes — and
//! no half-written file under a name a user would take for an invite (temporary files start
//! with '.'). Runs with SOURCE_DATE_EPOCH give the same bytes, and a run after a killed one
//! completes normally.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PLAN: &str = "calendars/familjen-helsingborg.toml";
const EPOCH: &str = "1780000000";

fn krock(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_krock"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn export_args<'a>(dir: &'a str, proposal: Option<&'a str>) -> Vec<&'a str> {
    let mut args = vec!["export", "--plan", PLAN, "--out", dir];
    if let Some(p) = proposal {
        args.extend(["--proposal", p]);
    }
    args
}

/// The files of `dir`, sorted by name, with their bytes.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| {
                let e = e.unwrap();
                let name = e.file_name().to_string_lossy().into_owned();
                (name, std::fs::read(e.path()).unwrap())
            })
            .collect(),
        Err(_) => Vec::new(), // killed before it made the directory
    };
    out.sort();
    out
}

fn complete_run(dir: &Path, proposal: Option<&str>) -> (Vec<(String, Vec<u8>)>, Duration) {
    let t = Instant::now();
    let status = krock(&export_args(dir.to_str().unwrap(), proposal))
        .status()
        .unwrap();
    assert!(status.success());
    (contents(dir), t.elapsed())
}

/// xorshift64: the kill delays, reproducible from the seed printed on failure.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn export_killed_at_any_moment_leaves_whole_invites_or_none() {
    let tmp = tempfile::tempdir().unwrap();
    let proposal = tmp.path().join("proposal.json");
    let out = krock(&["propose", "--plan", PLAN, "--json"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    std::fs::write(&proposal, &out.stdout).unwrap();
    let proposal = proposal.to_str().unwrap().to_string();

    // Two complete runs: the same bytes; those are the expected files.
    let (expected, slow) = complete_run(&tmp.path().join("full-1"), None);
    let (again, fast) = complete_run(&tmp.path().join("full-2"), Some(&proposal));
    assert_eq!(expected, again, "two runs gave different bytes");
    let names: Vec<&str> = expected.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["kd-2026-04-21.ics", "kd-2026-05-22.ics"]);

    let mut seed: u64 = std::env::var("KROCK_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_CAFE_F00D_1234);
    let first_seed = seed;
    let (mut killed, mut partial, mut finished) = (0, 0, 0);
    for i in 0..60 {
        // Half the runs propose first (slow), half read the saved proposal (mostly the
        // writing); then kill it at a random moment.
        let (with, full) = if i % 2 == 0 {
            (None, slow)
        } else {
            (Some(proposal.as_str()), fast)
        };
        // Kill after 0–20 ms; anywhere in a whole run; or 0–3 ms after DIR appears (it
        // is made just before the files are written), to land among the writes.
        let r = next(&mut seed);
        let full_us = full.as_micros() as u64;
        let dir: PathBuf = tmp.path().join(format!("run-{i}"));
        let mut child = krock(&export_args(dir.to_str().unwrap(), with))
            .spawn()
            .unwrap();
        let delay = match i % 3 {
            0 => Duration::from_micros(r % 20_000),
            1 => Duration::from_micros(r % (full_us * 12 / 10).max(1)),
            _ => {
                let t = Instant::now();
                while !dir.exists() && t.elapsed() < full * 3 {
                    std::thread::sleep(Duration::from_micros(20));
                }
                Duration::from_micros(r % 3_000)
            }
        };
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; an error means it had already exited
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
        } else {
            killed += 1;
        }
        let found = contents(&dir);
        let invites = found.iter().filter(|(n, _)| !n.starts_with('.')).count();
        if invites > 0 && invites < expected.len() || found.iter().any(|(n, _)| n.starts_with('.'))
        {
            partial += 1;
        }
        for (name, bytes) in &found {
            if name.starts_with('.') {
                continue; // a temporary file: hidden, and never taken for an invite
            }
            let want = expected.iter().find(|(n, _)| n == name);
            let Some((_, want)) = want else {
                panic!("run {i} (seed {first_seed}): unexpected file {name}");
            };
            assert_eq!(
                bytes, want,
                "run {i} (seed {first_seed}, killed after {delay:?}): {name} is not the complete invite"
            );
        }
        // A run after the killed one completes and gives the whole set.
        if i % 10 == 9 {
            let status = krock(&export_args(dir.to_str().unwrap(), with)).status();
            assert!(status.unwrap().success());
            let after: Vec<_> = contents(&dir)
                .into_iter()
                .filter(|(n, _)| !n.starts_with('.'))
                .collect();
            assert_eq!(
                after, expected,
                "run {i}: the re-run did not complete the set"
            );
        }
    }
    eprintln!("{killed} runs killed, {finished} finished, {partial} left part of the set");
    assert!(
        killed >= 20,
        "only {killed} runs were killed: the delays are too long"
    );
}
