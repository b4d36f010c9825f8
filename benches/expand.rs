//! Benchmark: parse + expand a generated feed of 10,000 events (a third of them recurring)
//! over one year. Prints events/s, occurrences/s and peak memory (VmHWM).
//!
//! Run: `cargo bench --bench expand`. Not a test: nothing here asserts a time.

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
