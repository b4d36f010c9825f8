//! Benchmark: parse + expand a generated feed of 10,000 events (a third of them recurring)
//! over one year. Prints events/s, occurrences/s and peak memory (VmHWM); then, for that
//! feed and for the README's `big.ics`, each stage on its own: parsing (text → typed
//! VEVENTs, in MB/s of iCalendar), expansion (typed VEVENTs → the window's occurrences,
//! sorted, in occurrences/s) and writing those occurrences as JSON lines (occurrences/s).
//!
//! Run: `cargo bench --bench expand`. Not a test: nothing here asserts a time.
//! `KROCK_BENCH_BIG=FILE cargo bench --bench expand` only writes the README's whole-process
//! file (`big.ics`, 4.7 MB: 10,000 VEVENTs, a third weekly with COUNT=20, folded
//! DESCRIPTIONs, alarms, some all-day) to FILE, for `krock events FILE --json`.

use chrono::NaiveDate;
use krock::diag::Warnings;
use krock::events::{ReadOptions, Window};
use krock::ical::zone::Zone;
use std::fmt::Write;
use std::time::Instant;

fn feed(n: usize) -> String {
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//krock bench//EN\r\n");
    let zones = [
        "Europe/Stockholm",
        "W. Europe Standard Time",
        "America/New_York",
    ];
    for i in 0..n {
        let day = 1 + (i * 7) % 360;
        let date = NaiveDate::from_yo_opt(2026, day as u32).unwrap();
        let hour = 7 + i % 10;
        let zone = zones[i % 3];
        write!(
            s,
            "BEGIN:VEVENT\r\nUID:ev-{i}@bench.example.se\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID={zone}:{}T{hour:02}0000\r\nDTEND;TZID={zone}:{}T{:02}3000\r\nSUMMARY:Möte {i}\r\nLOCATION:Rum {}\r\nATTENDEE;PARTSTAT=ACCEPTED;CN=Person {}:mailto:p{}@example.se\r\n",
            date.format("%Y%m%d"),
            date.format("%Y%m%d"),
            hour + 1,
            i % 40,
            i % 200,
            i % 200
        )
        .unwrap();
        if i % 3 == 0 {
            match i % 4 {
                0 => s.push_str("RRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\n"),
                1 => s.push_str("RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=12\r\n"),
                2 => s.push_str("RRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20261231T000000Z\r\n"),
                _ => s.push_str("RRULE:FREQ=WEEKLY;INTERVAL=2\r\nEXDATE:20260601T080000Z\r\n"),
            }
        }
        s.push_str("END:VEVENT\r\n");
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

/// The README's `big.ics`.
fn big() -> String {
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gen//EN\r\n");
    let zones = [
        "Europe/Stockholm",
        "W. Europe Standard Time",
        "America/New_York",
    ];
    let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for i in 0..10_000usize {
        let d = base + chrono::Duration::days(((i * 7) % 360) as i64);
        let h = 7 + i % 10;
        let z = zones[i % 3];
        let ds = d.format("%Y%m%d");
        write!(
            s,
            "BEGIN:VEVENT\r\nUID:ev-{i}@gen.example.se\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID={z}:{ds}T{h:02}0000\r\nDTEND;TZID={z}:{ds}T{:02}3000\r\nSUMMARY:Möte nummer {i} om \"budget\", plan\\, och annat\r\nLOCATION:Rum {}\r\nDESCRIPTION:En lång beskrivning av mötet som går över flera rader och som vik\r\n ts för att testa unfolding av rader i filen {i}\r\nATTENDEE;PARTSTAT=ACCEPTED;CN=Person {}:mailto:p{}@example.se\r\n",
            h + 1,
            i % 40,
            i % 200,
            i % 200
        )
        .unwrap();
        if i % 3 == 0 {
            s.push_str("RRULE:FREQ=WEEKLY;COUNT=20\r\n");
        }
        if i % 17 == 0 {
            s.push_str("STATUS:TENTATIVE\r\nTRANSP:TRANSPARENT\r\n");
        }
        if i % 23 == 0 {
            s.push_str("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n");
        }
        s.push_str("END:VEVENT\r\n");
        if i % 50 == 0 {
            write!(
                s,
                "BEGIN:VEVENT\r\nUID:ad-{i}@gen.example.se\r\nDTSTART;VALUE=DATE:{ds}\r\nDTEND;VALUE=DATE:{}\r\nSUMMARY:Heldag {i}\r\nEND:VEVENT\r\n",
                (d + chrono::Duration::days(2)).format("%Y%m%d")
            )
            .unwrap();
        }
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// The best of `runs` timings of `f` in seconds, and its last result.
fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(v);
    }
    (best, last.expect("at least one run"))
}

/// Times the three stages of reading one file, each on its own (best of `runs`):
/// parsing (text → typed VEVENTs: unfolding, splitting, the component tree, times and
/// zones, RRULE texts), expansion (typed VEVENTs → the window's occurrences, in the
/// contract's order) and writing them as JSON lines (into memory).
fn stages(name: &str, text: &str, window: Window, runs: usize) {
    let opts = ReadOptions::new(window);
    let (parse, typed) = best_of(runs, || {
        let mut w = Warnings::default();
        let typed = krock::ical::parse(name, text.as_bytes(), &opts, &mut w).unwrap();
        assert!(w.is_empty(), "{:?}", w.items.first());
        typed
    });
    let events = typed.events.len();
    let (expand, occurrences) = best_of(runs, || {
        let mut w = Warnings::default();
        let mut occ = krock::ical::expand(typed.clone(), name, &opts, usize::MAX, &mut w);
        krock::events::sort(&mut occ);
        occ
    });
    // The clone handed to each expansion run, timed alone and taken off.
    let (clone, _) = best_of(runs, || typed.clone());
    let expand = (expand - clone).max(1e-9);
    let mut out: Vec<u8> = Vec::with_capacity(occurrences.len() * 200);
    let (json, _) = best_of(runs, || {
        out.clear();
        krock::report::events::write_json(&occurrences, &mut out).unwrap();
    });
    let n = occurrences.len() as f64;
    println!(
        "{name}: {:.1} MB, {events} VEVENTs → {} occurrences; best of {runs}:",
        text.len() as f64 / 1e6,
        occurrences.len()
    );
    println!(
        "  parsing   {:7.1} ms = {:6.0} MB/s ({:.0} VEVENTs/s)",
        parse * 1e3,
        text.len() as f64 / parse / 1e6,
        events as f64 / parse
    );
    println!(
        "  expansion {:7.1} ms = {:9.0} occurrences/s (sorted)",
        expand * 1e3,
        n / expand
    );
    println!(
        "  JSON      {:7.1} ms = {:9.0} occurrences/s written ({:.0} MB/s out)",
        json * 1e3,
        n / json,
        out.len() as f64 / json / 1e6
    );
    let total = parse + expand + json;
    println!(
        "  together  {:7.1} ms = {:6.0} MB/s in, {:9.0} occurrences/s out",
        total * 1e3,
        text.len() as f64 / total / 1e6,
        n / total
    );
}

fn main() {
    if let Some(path) = std::env::var_os("KROCK_BENCH_BIG") {
        std::fs::write(&path, big()).unwrap();
        return;
    }
    let zone = Zone::iana("Europe/Stockholm").unwrap();
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let n = 10_000;
    let text = feed(n);
    let window = Window::new(date(2026, 1, 1), date(2027, 1, 1), zone.clone());
    let opts = ReadOptions::new(window.clone());
    let (best, count) = best_of(5, || {
        let mut w = Warnings::default();
        let occ = krock::ical::read("bench.ics", text.as_bytes(), &opts, &mut w).unwrap();
        assert!(w.is_empty(), "{:?}", w.items.first());
        occ.len()
    });
    println!(
        "expand: {n} events ({} recurring, {:.1} MB of iCalendar) → {count} occurrences in 2026",
        n.div_ceil(3),
        text.len() as f64 / 1e6
    );
    println!(
        "expand: best of 5 {:.1} ms = {:.0} events/s, {:.0} occurrences/s (parse + expand, unsorted)",
        best * 1e3,
        n as f64 / best,
        count as f64 / best,
    );
    stages("bench.ics", &text, window, 5);
    // The README's whole-process file, over its window.
    let big = big();
    let window = Window::new(date(2026, 1, 1), date(2027, 6, 1), zone);
    stages("big.ics", &big, window, 5);
    println!(
        "peak RSS {} MiB",
        peak_rss_kib().map(|k| k / 1024).unwrap_or(0)
    );
}
