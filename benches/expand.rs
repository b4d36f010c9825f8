//! Benchmark: parse + expand a generated feed of 10,000 events (a third of them recurring)
//! over one year. Prints events/s, occurrences/s and peak memory (VmHWM).
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

fn main() {
    if let Some(path) = std::env::var_os("KROCK_BENCH_BIG") {
        std::fs::write(&path, big()).unwrap();
        return;
    }
    let n = 10_000;
    let text = feed(n);
    let zone = Zone::iana("Europe/Stockholm").unwrap();
    let window = Window::new(
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        zone,
    );
    let opts = ReadOptions::new(window);
    let mut best = f64::MAX;
    let mut count = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let mut w = Warnings::default();
        let occ = krock::ical::read("bench.ics", text.as_bytes(), &opts, &mut w).unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert!(w.is_empty(), "{:?}", w.items.first());
        count = occ.len();
        best = best.min(secs);
    }
    println!(
        "expand: {n} events ({} recurring, {:.1} MB of iCalendar) → {count} occurrences in 2026",
        n.div_ceil(3),
        text.len() as f64 / 1e6
    );
    println!(
        "expand: best of 5 {:.1} ms = {:.0} events/s, {:.0} occurrences/s; peak RSS {} MiB",
        best * 1e3,
        n as f64 / best,
        count as f64 / best,
        peak_rss_kib().map(|k| k / 1024).unwrap_or(0)
    );
}
