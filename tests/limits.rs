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

// ---------------------------------------------------------------------------------------
// Hostile input, round two (issue #11): one test per row.

/// Runs `krock ARGS` in the crate root under the memory and CPU bounds and a wall-clock
/// bound (`timeout`, for what would block without using CPU: a FIFO), with `stdin` as
/// the shell's standard input command (e.g. `head -c … /dev/zero |`).
fn run_sh(stdin: &str, args: &[&str]) -> (i32, String, String) {
    let bin = env!("CARGO_BIN_EXE_krock");
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let cmd = format!(
        "ulimit -v {MEMORY_KB}; ulimit -t 60; {stdin} timeout 60 '{bin}' {}",
        quoted.join(" ")
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(&cmd)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The example plan copied into `dir`, with `edit` applied to its text.
fn example_plan(dir: &std::path::Path, edit: impl Fn(String) -> String) -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir).unwrap();
    for e in std::fs::read_dir(root.join("calendars")).unwrap() {
        let e = e.unwrap();
        let to = dir.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
            for f in std::fs::read_dir(e.path()).unwrap() {
                let f = f.unwrap();
                std::fs::copy(f.path(), to.join(f.file_name())).unwrap();
            }
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    let plan = dir.join("familjen-helsingborg.toml");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, edit(text)).unwrap();
    plan
}

/// Row 1: a feed URL's secret never reaches the HTML page (the legend shows it redacted).
#[test]
fn row1_the_html_legend_shows_a_feed_url_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let url = "https://cal.example.se/private/abc123/basic.ics?token=S3CRET";
    let body = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars/regionalt-rad.ics"),
    )
    .unwrap();
    let cache = krock::source::cache::Cache::new(dir.path().join("cache"));
    let entry = krock::source::cache::Entry {
        body,
        etag: None,
        last_modified: None,
        fetched: 1_775_000_000,
    };
    cache.put(url, &entry).unwrap();
    let plan = example_plan(&dir.path().join("p"), |t| {
        t.replace(
            "source = \"regionalt-rad.ics\"",
            &format!("source = \"{url}\""),
        )
    });
    let html = dir.path().join("report.html");
    let cache_dir = dir.path().join("cache");
    for cmd in ["check", "propose"] {
        let (code, out, err) = run_sh(
            "",
            &[
                cmd,
                "--plan",
                plan.to_str().unwrap(),
                "--offline",
                "--cache",
                cache_dir.to_str().unwrap(),
                "--html",
                html.to_str().unwrap(),
            ],
        );
        assert!(code == 0 || code == 1, "{cmd}: {err}");
        let page = std::fs::read_to_string(&html).unwrap();
        for text in [&page, &out, &err] {
            assert!(
                !text.contains("S3CRET") && !text.contains("abc123"),
                "{cmd}"
            );
        }
        assert!(page.contains("https://cal.example.se/…#"), "{cmd}");
    }
}

/// Row 2: `--max-file-mb` bounds the read itself: devices are refused, standard input
/// stops at the limit, and a plan naming `/dev/zero` ends with an error.
#[test]
fn row2_endless_inputs_end_at_the_file_limit() {
    let (code, _, err) = run_sh("", &["events", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(err.contains("/dev/zero: is a device"), "{err}");
    let (code, _, err) = run_sh("cat /dev/zero |", &["events", "-"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("-: more than the 100 MB") && err.contains("--max-file-mb"),
        "{err}"
    );
    let (code, _, err) = run_sh(
        "head -c 3000000 /dev/zero |",
        &["events", "-", "--max-file-mb", "2"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("more than the 2 MB"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let plan = example_plan(dir.path(), |t| {
        t.replace(
            "calendar = \"people/bastad.ics\"",
            "calendar = \"/dev/zero\"",
        )
    });
    let (code, _, err) = run_sh("", &["check", "--plan", plan.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("/dev/zero: is a device"), "{err}");
}

/// The plan file itself is read like a calendar: only a regular file, and at most
/// `plan::MAX_PLAN_BYTES` (a FIFO never blocks, `/dev/zero` never grows).
#[test]
fn row2_the_plan_file_itself_is_bounded() {
    let (code, _, err) = run_sh("", &["check", "--plan", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("/dev/zero: is a device, not a plan file"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("head -c 17000000 /dev/zero > '{}'", big.display()))
        .status()
        .unwrap();
    assert!(status.success());
    let (code, _, err) = run_sh("", &["propose", "--plan", big.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("more than the 16 MB a plan file may have"),
        "{err}"
    );
    #[cfg(unix)]
    {
        let fifo = dir.path().join("plan.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let (code, _, err) = run_sh("", &["check", "--plan", fifo.to_str().unwrap()]);
        assert_eq!(code, 2);
        assert!(
            err.contains("is a FIFO (named pipe), not a plan file"),
            "{err}"
        );
    }
}

fn daily_observances(n: usize) -> String {
    (0..n)
        .map(|i| format!("BEGIN:STANDARD\r\nDTSTART:20000101T0{}0000\r\nTZOFFSETFROM:+0{}00\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=DAILY\r\nEND:STANDARD\r\n", i % 10, i % 9))
        .collect()
}

/// Row 3: VTIMEZONE work is bounded: observances per VTIMEZONE and onsets per file.
#[test]
fn row3_vtimezone_observances_and_onsets_are_limited() {
    let dir = tempfile::tempdir().unwrap();
    let event = "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=X:20260401T090000\r\nEND:VEVENT\r\n";
    let f = write(&dir, "observances.ics", &format!("BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:X\r\n{}END:VTIMEZONE\r\n{event}END:VCALENDAR\r\n", daily_observances(10_000)));
    let (code, out, err) = run_bounded(&f, &["--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1);
    assert!(
        err.contains("10000 STANDARD/DAYLIGHT parts, more than 1000")
            && err.contains("--max-tz-observances"),
        "{err}"
    );
    // 1,000 VTIMEZONEs of 10 daily observances: 10⁸ onsets without the limit.
    let zones: String = (0..1000)
        .map(|j| {
            format!(
                "BEGIN:VTIMEZONE\r\nTZID:Z{j}\r\n{}END:VTIMEZONE\r\n",
                daily_observances(10)
            )
        })
        .collect();
    let f = write(
        &dir,
        "onsets.ics",
        &format!(
            "BEGIN:VCALENDAR\r\n{zones}{}END:VCALENDAR\r\n",
            event.replace("TZID=X", "TZID=Z0")
        ),
    );
    let (code, out, err) = run_bounded(&f, &["--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1);
    assert!(
        err.contains("more than 100000 time-zone changes") && err.contains("--max-tz-onsets"),
        "{err}"
    );
    assert!(err.lines().count() < 5, "{err}");
}

/// Row 4: overlaps come in clusters, so two files of 1,000 events at one instant give one
/// cluster of 2,000 events, not 1,000,000 pairs.
#[test]
fn row4_check_output_grows_with_the_input_not_its_square() {
    let dir = tempfile::tempdir().unwrap();
    let events = |tag: &str| -> String {
        let e: String = (0..1000)
            .map(|i| format!("BEGIN:VEVENT\r\nUID:{tag}{i}\r\nSUMMARY:{tag}\r\nDTSTART:20260401T090000Z\r\nDTEND:20260401T100000Z\r\nEND:VEVENT\r\n"))
            .collect();
        format!("BEGIN:VCALENDAR\r\n{e}END:VCALENDAR\r\n")
    };
    let a = write(&dir, "a.ics", &events("a"));
    let b = write(&dir, "b.ics", &events("b"));
    let window = ["--from", "2026-04-01", "--to", "2026-04-02"];
    let (code, out, err) = run_sh(
        "",
        &[
            &["check", a.to_str().unwrap(), b.to_str().unwrap(), "--json"][..],
            &window,
        ]
        .concat(),
    );
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let clusters = v["overlaps"].as_array().unwrap();
    assert_eq!(clusters.len(), 1);
    assert_eq!(clusters[0]["events"].as_array().unwrap().len(), 2000);
    assert_eq!(clusters[0]["sources"].as_array().unwrap().len(), 2);
    assert!(out.len() < 400_000, "{} bytes", out.len());
}

/// Row 5: occurrences are counted while they are made: 1,000 endless MINUTELY events end
/// at --max-total-occurrences inside 512 MB, not at the allocator.
#[test]
fn row5_the_total_limit_fires_before_memory_grows() {
    let dir = tempfile::tempdir().unwrap();
    let ev: String = (0..1000)
        .map(|i| format!("BEGIN:VEVENT\r\nUID:m{i}\r\nDTSTART:20260101T000000Z\r\nRRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\n"))
        .collect();
    let f = write(
        &dir,
        "minutely.ics",
        &format!("BEGIN:VCALENDAR\r\n{ev}END:VCALENDAR\r\n"),
    );
    let (code, out, err) = run_bounded(&f, &["--json"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("more than 1000000 occurrences") && err.contains("--max-total-occurrences"),
        "{err}"
    );
}

/// Row 7: an existing invite krock cannot read (here: too large to be one of its invites;
/// or a directory) stops the export; nothing is written.
#[test]
fn row7_an_unreadable_existing_invite_is_not_taken_as_absent() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_plan(&dir.path().join("p"), |t| t);
    let out_dir = dir.path().join("invites");
    let args = [
        "export",
        "--plan",
        plan.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ];
    let (code, first, err) = run_sh("", &args);
    assert_eq!(code, 0, "{err}");
    let name = first
        .lines()
        .next()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    let victim = std::path::PathBuf::from(&name);
    let written: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for p in &written {
        std::fs::remove_file(p).unwrap();
    }
    std::fs::write(&victim, vec![b'x'; 5 << 20]).unwrap();
    for force in [false, true] {
        let mut a = args.to_vec();
        if force {
            a.push("--force");
        }
        let (code, _, err) = run_sh("", &a);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("larger than") && err.contains("nothing was written"),
            "{err}"
        );
        assert_eq!(std::fs::metadata(&victim).unwrap().len(), 5 << 20);
        assert_eq!(
            std::fs::read_dir(&out_dir).unwrap().count(),
            1,
            "nothing else written"
        );
    }
    std::fs::remove_file(&victim).unwrap();
    std::fs::create_dir(&victim).unwrap();
    let (code, _, err) = run_sh("", &args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a directory"), "{err}");
}

/// Row 8: `--html` never replaces a device, the plan file or a calendar the plan reads.
#[test]
fn row8_html_refuses_devices_the_plan_and_its_calendars() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_plan(dir.path(), |t| t);
    let calendar = dir.path().join("people/bastad.ics");
    let before = std::fs::read(&calendar).unwrap();
    let plan_text = std::fs::read(&plan).unwrap();
    for (target, why) in [
        ("/dev/null".to_string(), "is a device"),
        (plan.display().to_string(), "is the plan file"),
        (
            calendar.display().to_string(),
            "is a calendar the plan reads",
        ),
    ] {
        let (code, out, err) = run_sh(
            "",
            &["check", "--plan", plan.to_str().unwrap(), "--html", &target],
        );
        assert_eq!(code, 2, "{target}: {err}");
        assert!(out.is_empty());
        assert!(
            err.contains(why) && err.contains("nothing was written"),
            "{err}"
        );
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    assert_eq!(std::fs::read(&calendar).unwrap(), before);
    assert_eq!(std::fs::read(&plan).unwrap(), plan_text);
}

/// Row 9: temporary files are created O_EXCL under random names (a planted symlink is not
/// followed), and two concurrent exports of different plans into one folder never lose
/// either's files silently: each file holds the content of the run that reported it.
#[test]
fn row9_concurrent_exports_never_overwrite_each_other_silently() {
    let dir = tempfile::tempdir().unwrap();
    let a = example_plan(&dir.path().join("a"), |t| t);
    let b = example_plan(&dir.path().join("b"), |t| {
        t.replacen("title = \"", "title = \"Ändrat: ", 1)
    });
    for round in 0..8 {
        let out_dir = dir.path().join(format!("out{round}"));
        std::fs::create_dir_all(&out_dir).unwrap();
        // Symlinks planted at the old predictable temporary names point at a victim.
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let spawn = |plan: &std::path::Path| {
            Command::new(env!("CARGO_BIN_EXE_krock"))
                .args([
                    "export",
                    "--plan",
                    plan.to_str().unwrap(),
                    "--out",
                    out_dir.to_str().unwrap(),
                ])
                .env("SOURCE_DATE_EPOCH", "1775000000")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (pa, pb) = (spawn(&a), spawn(&b));
        let (oa, ob) = (
            pa.wait_with_output().unwrap(),
            pb.wait_with_output().unwrap(),
        );
        let ok: Vec<&std::process::Output> = [&oa, &ob]
            .into_iter()
            .filter(|o| o.status.success())
            .collect();
        // Their invites share names but not content: exactly one run may win.
        assert_eq!(
            ok.len(),
            1,
            "round {round}: both or neither reported success"
        );
        for o in [&oa, &ob] {
            let err = String::from_utf8_lossy(&o.stderr);
            if !o.status.success() {
                assert!(
                    err.contains("nothing was written")
                        || err.contains("exists with other content"),
                    "{err}"
                );
            }
        }
        let texts: Vec<String> = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert!(!texts.is_empty());
        // Every file in the folder comes from one run that succeeded, whole.
        let changed = texts.iter().filter(|t| t.contains("Ändrat")).count();
        let winner_is_b = ob.status.success();
        assert_eq!(
            changed,
            if winner_is_b { texts.len() } else { 0 },
            "round {round}"
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(
            std::fs::read_dir(&out_dir).unwrap().all(|e| !e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('.')),
            "no temporary file left"
        );
    }
}

/// Row 11: a FIFO as a calendar, inside a calendar directory or at an invite's name never
/// blocks: refused, skipped with a warning, refused.
#[test]
fn row11_fifos_never_block() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("feed.ics");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let (code, _, err) = run_sh("", &["events", fifo.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a FIFO (named pipe)"), "{err}");
    std::fs::write(
        dir.path().join("real.ics"),
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTART:20260401T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let (code, out, err) = run_sh(
        "",
        &[
            "events",
            dir.path().to_str().unwrap(),
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-02",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1);
    assert!(
        err.contains("feed.ics: is a FIFO (named pipe), not a calendar file; skipped"),
        "{err}"
    );
    // At an invite's name.
    let plan = example_plan(&dir.path().join("p"), |t| t);
    let out_dir = dir.path().join("invites");
    let args = [
        "export",
        "--plan",
        plan.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ];
    let (code, first, err) = run_sh("", &args);
    assert_eq!(code, 0, "{err}");
    let name = first
        .lines()
        .next()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    for e in std::fs::read_dir(&out_dir).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    assert!(Command::new("mkfifo")
        .arg(&name)
        .status()
        .unwrap()
        .success());
    let (code, _, err) = run_sh("", &args);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is a FIFO (named pipe), not a regular file"),
        "{err}"
    );
}
