//! Any bytes → `krock::ical::read` (the whole of `krock events` but the printing), over a
//! one-year window, and over 1990–2040 for every eighth input (chosen by a hash of the
//! input, so a crash reproduces). It must never panic; what it returns must be sane.
#![no_main]

use chrono::NaiveDate;
use krock::diag::Warnings;
use krock::events::{ReadOptions, Window};
use krock::ical::zone::Zone;
use libfuzzer_sys::fuzz_target;

/// FNV-1a: a cheap, stable choice of the inputs that get the wide window.
fn hash(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fuzz_target!(|data: &[u8]| {
    let (from, to) = if hash(data) % 8 == 0 {
        (day(1990, 1, 1), day(2040, 1, 1))
    } else {
        (day(2026, 1, 1), day(2027, 1, 1))
    };
    let zone = Zone::iana("Europe/Stockholm").unwrap();
    let opts = ReadOptions::new(Window::new(from, to, zone.clone()));
    let mut warnings = Warnings::default();
    let Ok(occurrences) = krock::ical::read("fuzz.ics", data, &opts, &mut warnings) else {
        return;
    };
    for o in &occurrences {
        assert!(o.end >= o.start, "ends before it starts: {o:?}");
        assert!(opts.window.contains(o), "outside the window: {o:?}");
    }
    for w in &warnings.items {
        assert_eq!(w.file, "fuzz.ics");
    }
    // What `krock events` prints.
    let _ = krock::report::events::json(&occurrences);
    let _ = krock::report::events::text(&occurrences, &zone);
});
