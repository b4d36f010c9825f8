//! Benchmark: `krock check`, without and with a plan, on generated data in a temp dir.
//!
//! (a) 20 `.ics` sources with 100,000 VEVENTs in total (85 % single events, 15 % weekly,
//!     monthly or daily series; a few cancelled, transparent and all-day ones) over ten
//!     years: load (read + expand), then `krock::check::overlaps` (the sweep).
//! (b) a plan of 200 people, each with a calendar of ~50 events, 5 feeds of invitations
//!     matched by ATTENDEE (some declined) and 2 feeds that `block` people, and a meeting
//!     series of 20 weekly occurrences listing all 200 as ATTENDEE: `plan::load` +
//!     `World::load`, `BusyMap::build`, `check::check_plan`.
//! (c) the season of `benches/propose.rs` written as files: 15 groups of 12 (neighbours
//!     share 2 members in a ring; 150 people), each with a series of 10 fortnightly
//!     meetings (Jan–Jun 2026); every person's calendar holds ~150 events and two feeds
//!     block some of them (23,300 VEVENTs in all): `krock check --plan` as a whole process
//!     (median of 10), and its steps in process.
//!
//! Run: `cargo bench --bench check`. Not a test: nothing here asserts a time. Each step is
//! run several times and the best time printed. `KROCK_BENCH=overlaps,plan,season` picks
//! parts; `KROCK_BENCH_KEEP=DIR` writes the season's files to DIR and keeps them.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use krock::busy::BusyMap;
use krock::diag::Warnings;
use krock::events::{ReadOptions, Window};
use krock::ical::zone::Zone;
use krock::source::SourceSpec;
use krock::world::World;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// A small deterministic generator (xorshift64*), so every run sees the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const HEADER: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//krock bench//EN\r\n";

/// A working day in `[from, from + days)`.
fn workday(rng: &mut Rng, from: NaiveDate, days: u64) -> NaiveDate {
    loop {
        let d = from + Duration::days(rng.below(days) as i64);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            return d;
        }
    }
}

/// One source of part (a): `n` events between 2026 and 2035.
fn source(rng: &mut Rng, s: usize, n: usize) -> String {
    let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut out = String::from(HEADER);
    for i in 0..n {
        let day = workday(rng, from, 3650);
        let d = day.format("%Y%m%d");
        let hour = 7 + rng.below(11);
        let minute = 15 * rng.below(4);
        let length = 15 * (1 + rng.below(4)); // 15–60 minutes
        let end = hour * 60 + minute + length;
        write!(
            out,
            "BEGIN:VEVENT\r\nUID:s{s}-e{i}@bench.example.se\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Händelse {i} i källa {s}\r\n"
        )
        .unwrap();
        let kind = rng.below(100);
        if kind < 2 {
            // all-day
            let next = (day + Duration::days(1)).format("%Y%m%d");
            write!(out, "DTSTART;VALUE=DATE:{d}\r\nDTEND;VALUE=DATE:{next}\r\n").unwrap();
        } else {
            write!(
                out,
                "DTSTART;TZID=Europe/Stockholm:{d}T{hour:02}{minute:02}00\r\nDTEND;TZID=Europe/Stockholm:{d}T{:02}{:02}00\r\n",
                end / 60,
                end % 60
            )
            .unwrap();
        }
        match kind {
            5..=9 => write!(out, "RRULE:FREQ=WEEKLY;COUNT={}\r\n", 4 + rng.below(9)).unwrap(),
            10..=14 => write!(out, "RRULE:FREQ=MONTHLY;COUNT={}\r\n", 3 + rng.below(4)).unwrap(),
            15..=19 => write!(out, "RRULE:FREQ=DAILY;COUNT={}\r\n", 2 + rng.below(4)).unwrap(),
            20..=21 => out.push_str("STATUS:CANCELLED\r\n"),
            22..=24 => out.push_str("TRANSP:TRANSPARENT\r\n"),
            _ => {}
        }
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(v);
    }
    (best, last.unwrap())
}

fn overlaps_bench(dir: &Path) {
    let (sources, events) = (20, 100_000);
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let mut bytes = 0;
    for s in 0..sources {
        let text = source(&mut rng, s, events / sources);
        bytes += text.len();
        std::fs::write(dir.join(format!("source-{s:02}.ics")), text).unwrap();
    }
    let zone = Zone::iana("Europe/Stockholm").unwrap();
    let window = Window::new(
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2036, 1, 1).unwrap(),
        zone,
    );
    let opts = ReadOptions::new(window);
    let specs = [SourceSpec::Path(dir.to_path_buf())];
    let (load, occurrences) = best_of(3, || {
        let mut w = Warnings::default();
        let occ = krock::load::load(&specs, &opts, &mut w).unwrap();
        assert!(w.is_empty(), "{:?}", w.items.first());
        occ
    });
    let (sweep, found) = best_of(3, || krock::check::overlaps(&occurrences));
    println!(
        "overlaps: {sources} sources, {events} events ({:.1} MB) → {} occurrences in 2026–2035",
        bytes as f64 / 1e6,
        occurrences.len()
    );
    println!(
        "overlaps: load (read + expand) best of 3 {:.0} ms; sweep best of 3 {:.0} ms → {} overlaps between sources",
        load * 1e3,
        sweep * 1e3,
        found.len()
    );
}

fn person_email(p: usize) -> String {
    format!("p{p:03}@bench.example.se")
}

/// A calendar of `n` events between 2026-02-01 and 2026-07-01.
fn calendar(rng: &mut Rng, uid: &str, n: usize, attendees: &[usize], declined: u64) -> String {
    let from = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
    let mut out = String::from(HEADER);
    for i in 0..n {
        let d = workday(rng, from, 150).format("%Y%m%d");
        let hour = 7 + rng.below(10);
        let length = 30 * (1 + rng.below(4));
        let end = hour * 60 + length;
        write!(
            out,
            "BEGIN:VEVENT\r\nUID:{uid}-{i}@bench.example.se\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Möte {i}\r\nDTSTART;TZID=Europe/Stockholm:{d}T{hour:02}0000\r\nDTEND;TZID=Europe/Stockholm:{d}T{:02}{:02}00\r\n",
            end / 60,
            end % 60
        )
        .unwrap();
        if rng.below(10) == 0 {
            out.push_str("RRULE:FREQ=WEEKLY;COUNT=4\r\n");
        }
        match rng.below(20) {
            0 => out.push_str("STATUS:TENTATIVE\r\n"),
            1 => out.push_str("TRANSP:TRANSPARENT\r\n"),
            _ => {}
        }
        if !attendees.is_empty() {
            for _ in 0..(2 + rng.below(8)) {
                let p = attendees[rng.below(attendees.len() as u64) as usize];
                let partstat = if rng.below(100) < declined {
                    "DECLINED"
                } else {
                    "ACCEPTED"
                };
                write!(
                    out,
                    "ATTENDEE;PARTSTAT={partstat}:mailto:{}\r\n",
                    person_email(p).to_uppercase()
                )
                .unwrap();
            }
        }
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn plan_bench(dir: &Path) {
    let people = 200;
    let mut rng = Rng(0xD1B54A32D192ED03);
    std::fs::create_dir_all(dir.join("people")).unwrap();
    let everyone: Vec<usize> = (0..people).collect();
    let mut toml = String::from(
        "[plan]\nname = \"Bench\"\nfrom = \"2026-02-01\"\nto = \"2026-06-30\"\ntoday = \"2026-02-01\"\nholidays = \"SE\"\n\n",
    );
    let mut calendar_events = 0;
    for p in 0..people {
        let n = 40 + rng.below(21) as usize; // ~50
        calendar_events += n;
        let text = calendar(&mut rng, &format!("p{p}"), n, &[], 0);
        std::fs::write(dir.join(format!("people/p{p:03}.ics")), text).unwrap();
        write!(
            toml,
            "[[person]]\nid = \"p{p:03}\"\nemail = \"{}\"\ncalendar = \"people/p{p:03}.ics\"\nremote = {}\ntravel = \"{}m\"\n\n",
            person_email(p),
            p % 3 == 0,
            [0, 15, 30, 45][p % 4]
        )
        .unwrap();
    }
    let mut feed_events = 0;
    for f in 0..5 {
        let text = calendar(&mut rng, &format!("inv{f}"), 200, &everyone, 10);
        feed_events += 200;
        std::fs::write(dir.join(format!("invites-{f}.ics")), text).unwrap();
        write!(
            toml,
            "[[feed]]\nid = \"invites-{f}\"\nsource = \"invites-{f}.ics\"\nblocks = []\n\n"
        )
        .unwrap();
    }
    for f in 0..2 {
        let text = calendar(&mut rng, &format!("board{f}"), 20, &[], 0);
        feed_events += 20;
        std::fs::write(dir.join(format!("board-{f}.ics")), text).unwrap();
        let blocks: Vec<String> = (0..people)
            .filter(|p| p % 7 == f)
            .map(|p| format!("\"p{p:03}\""))
            .collect();
        write!(
            toml,
            "[[feed]]\nid = \"board-{f}\"\nsource = \"board-{f}.ics\"\nblocks = [{}]\n\n",
            blocks.join(", ")
        )
        .unwrap();
    }
    // The series: 20 Tuesdays 09:00–11:00 from 3 February, everyone an ATTENDEE.
    let mut series = String::from(HEADER);
    series.push_str("BEGIN:VEVENT\r\nUID:series@bench.example.se\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Samråd\r\nDTSTART;TZID=Europe/Stockholm:20260203T090000\r\nDTEND;TZID=Europe/Stockholm:20260203T110000\r\nRRULE:FREQ=WEEKLY;COUNT=20\r\n");
    for p in 0..people {
        writeln!(
            series,
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:{}\r",
            person_email(p)
        )
        .unwrap();
    }
    series.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
    std::fs::write(dir.join("series.ics"), series).unwrap();
    toml.push_str("[[meeting]]\nid = \"samrad\"\ntitle = \"Samråd\"\nduration = \"2h\"\nquorum = 150\nstart = [\"09:00\"]\nseries = \"series.ics\"\n");
    let plan_path = dir.join("plan.toml");
    std::fs::write(&plan_path, toml).unwrap();

    let (load, world) = best_of(5, || {
        let plan = krock::plan::load(&plan_path).unwrap();
        let mut w = Warnings::default();
        let world = World::load(plan, &mut w).unwrap();
        assert!(w.is_empty(), "{:?}", w.items.first());
        world
    });
    let (build, busy) = best_of(5, || BusyMap::build(&world));
    let (check, report) = best_of(5, || krock::check::check_plan(&world, &busy));
    let intervals: usize = world.plan.people.iter().map(|p| busy.of(&p.id).len()).sum();
    let occurrences: Vec<_> = report
        .meetings
        .iter()
        .flat_map(|m| m.occurrences.iter().flatten())
        .collect();
    let clashes: usize = occurrences.iter().map(|o| o.clashes.len()).sum();
    println!(
        "plan: {people} people ({calendar_events} calendar events), 7 feeds ({feed_events} events), a series of {} occurrences → {intervals} busy intervals, {clashes} clashes",
        occurrences.len()
    );
    println!(
        "plan: best of 5: plan + World::load {:.1} ms; BusyMap::build {:.1} ms; check_plan {:.1} ms",
        load * 1e3,
        build * 1e3,
        check * 1e3
    );
}

/// Writes the season (part c) into `dir`; returns the plan's path and the VEVENTs written.
fn write_season(dir: &Path) -> (std::path::PathBuf, usize) {
    let groups = 15;
    let people = groups * 10;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let from = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    std::fs::create_dir_all(dir.join("people")).unwrap();
    let mut toml = String::from(
        "[plan]\nname = \"Season\"\nfrom = \"2026-01-05\"\nto = \"2026-06-30\"\ntoday = \"2026-01-05\"\nholidays = \"SE\"\n\n",
    );
    let mut vevents = 0;
    for p in 0..people {
        let n = 140 + rng.below(21) as usize; // ~150: six a week
        vevents += n;
        let text = calendar(&mut rng, &format!("p{p}"), n, &[], 0);
        std::fs::write(dir.join(format!("people/p{p:03}.ics")), text).unwrap();
        write!(
            toml,
            "[[person]]\nid = \"p{p:03}\"\nemail = \"{}\"\ncalendar = \"people/p{p:03}.ics\"\nremote = {}\ntravel = \"{}m\"\n\n",
            person_email(p),
            p % 5 == 0,
            if p % 3 == 0 { 30 } else { 0 }
        )
        .unwrap();
    }
    for f in 0..2 {
        let text = calendar(&mut rng, &format!("feed{f}"), 400, &[], 0);
        vevents += 400;
        std::fs::write(dir.join(format!("feed-{f}.ics")), text).unwrap();
        let blocks: Vec<String> = (0..people)
            .filter(|p| p % 4 == f)
            .map(|p| format!("\"p{p:03}\""))
            .collect();
        write!(
            toml,
            "[[feed]]\nid = \"feed-{f}\"\nsource = \"feed-{f}.ics\"\nblocks = [{}]\n\n",
            blocks.join(", ")
        )
        .unwrap();
    }
    for g in 0..groups {
        let members: Vec<usize> = (0..12).map(|k| (g * 10 + k) % people).collect();
        // Ten fortnightly meetings from a Monday to Friday of the first fortnight.
        let first = from + Duration::days((g % 5) as i64 + 7 * (g as i64 % 2));
        let hour = if g % 2 == 0 { 9 } else { 13 };
        let mut series = String::from(HEADER);
        write!(
            series,
            "BEGIN:VEVENT\r\nUID:season-g{g}@bench.example.se\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Grupp {g}\r\nDTSTART;TZID=Europe/Stockholm:{}T{hour:02}0000\r\nDTEND;TZID=Europe/Stockholm:{}T{:02}0000\r\nRRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=10\r\n",
            first.format("%Y%m%d"),
            first.format("%Y%m%d"),
            hour + 3
        )
        .unwrap();
        for &m in &members {
            writeln!(
                series,
                "ATTENDEE;PARTSTAT=ACCEPTED:mailto:{}\r",
                person_email(m)
            )
            .unwrap();
        }
        series.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
        vevents += 1;
        std::fs::write(dir.join(format!("series-g{g}.ics")), series).unwrap();
        let ids: Vec<String> = members.iter().map(|m| format!("\"p{m:03}\"")).collect();
        write!(
            toml,
            "[[meeting]]\nid = \"g{g}\"\ntitle = \"Grupp {g}\"\nduration = \"3h\"\nattendees = [{}]\nrequired = [{}]\nquorum = 9\nstart = [\"09:00\", \"13:00\"]\nmin_gap_days = 10\nprefer_days = [\"tue\", \"thu\"]\nseries = \"series-g{g}.ics\"\n\n",
            ids.join(", "),
            ids[0]
        )
        .unwrap();
    }
    let plan_path = dir.join("season.toml");
    std::fs::write(&plan_path, toml).unwrap();
    (plan_path, vevents)
}

fn season_bench(dir: &Path) {
    let (plan_path, vevents) = write_season(dir);
    let bin = env!("CARGO_BIN_EXE_krock");
    let mut times = Vec::new();
    let mut status = None;
    for _ in 0..10 {
        let t = Instant::now();
        let out = std::process::Command::new(bin)
            .args(["check", "--plan"])
            .arg(&plan_path)
            .output()
            .expect("run krock");
        times.push(t.elapsed().as_secs_f64() * 1e3);
        status = out.status.code();
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let (load, world) = best_of(5, || {
        let plan = krock::plan::load(&plan_path).unwrap();
        let mut w = Warnings::default();
        let world = World::load(plan, &mut w).unwrap();
        assert!(w.is_empty(), "{:?}", w.items.first());
        world
    });
    let (build, busy) = best_of(5, || BusyMap::build(&world));
    let (check, report) = best_of(5, || krock::check::check_plan(&world, &busy));
    let clashes: usize = report
        .meetings
        .iter()
        .flat_map(|m| m.occurrences.iter().flatten())
        .map(|o| o.clashes.len())
        .sum();
    println!(
        "season: 150 people, 15 groups, {vevents} VEVENTs → {clashes} clashes; krock check --plan, whole process (exit status {}): median {:.0} ms, min {:.0} ms (10 runs)",
        status.unwrap_or(-1),
        times[5],
        times[0]
    );
    println!(
        "season: best of 5: plan + World::load {:.1} ms; BusyMap::build {:.1} ms; check_plan {:.1} ms",
        load * 1e3,
        build * 1e3,
        check * 1e3
    );
}

fn main() {
    let parts = std::env::var("KROCK_BENCH").unwrap_or_else(|_| "overlaps,plan,season".into());
    let dir = tempfile::tempdir().unwrap();
    if parts.contains("overlaps") {
        let a = dir.path().join("overlaps");
        std::fs::create_dir_all(&a).unwrap();
        overlaps_bench(&a);
    }
    if parts.contains("plan") {
        plan_bench(dir.path());
    }
    if parts.contains("season") {
        match std::env::var_os("KROCK_BENCH_KEEP") {
            Some(keep) => season_bench(Path::new(&keep)),
            None => season_bench(&dir.path().join("season")),
        }
    }
}
