//! Benchmark: `krock propose`.
//!
//! (a) The bundled scenario end to end, as a whole process (`krock propose --plan
//!     calendars/familjen-helsingborg.toml`), median of 20 runs.
//! (b) A season for a network of groups: G groups of 12 (neighbouring groups share 2
//!     members, in a ring; 150 people at G = 15), each meeting 10 times over six months (Mon–Fri,
//!     09:00 or 13:00, 3 h, at least 10 days apart, quorum 9, the chair required), every
//!     person busy about twice a week. Built in memory; `solve::propose` for one plan.
//!     Sizes grow until a backend takes longer than the cap; both backends when built with
//!     `--features highs`.
//!
//! (c) A long window: two monthly groups over 5 and 20 years (time and peak memory;
//!     `KROCK_BENCH_YEARS=5,20,100` picks the lengths).
//!
//! Run: `cargo bench --bench propose` (add `--features highs` for HiGHS). Not a test.
//! `KROCK_BENCH=scenario,microlp,window,highs` picks parts, `KROCK_BENCH_GROUPS=1,3,15`
//! the season's sizes, `KROCK_BENCH_CAP` the time limit in seconds (default 60).

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use krock::busy::BusyMap;
use krock::events::{EventInfo, Occurrence};
use krock::plan::{Holidays, Meeting, Person, Plan};
use krock::solve::{self, Backend, Options};
use krock::world::World;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn scenario_end_to_end() {
    let bin = env!("CARGO_BIN_EXE_krock");
    let root = env!("CARGO_MANIFEST_DIR");
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let out = std::process::Command::new(bin)
            .current_dir(root)
            .args(["propose", "--plan", "calendars/familjen-helsingborg.toml"])
            .output()
            .expect("run krock");
        assert!(out.status.success());
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "scenario: krock propose --plan calendars/familjen-helsingborg.toml, whole process: median {:.1} ms, min {:.1} ms (20 runs)",
        times[10], times[0]
    );
}

fn network(groups: usize) -> World {
    network_over(
        groups,
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        false,
    )
}

/// The network's groups over `[from, to]`; `monthly`: one meeting a month instead of ten.
fn network_over(groups: usize, from: NaiveDate, to: NaiveDate, monthly: bool) -> World {
    let tz = chrono_tz::Europe::Stockholm;
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let n_people = (groups * 10).max(12);
    let people: Vec<Person> = (0..n_people)
        .map(|i| Person {
            id: format!("p{i}"),
            name: format!("Member {i}"),
            email: Some(format!("p{i}@example.se")),
            calendar: None,
            freebusy: None,
            remote: i % 5 == 0,
            travel: Duration::minutes(if i % 3 == 0 { 30 } else { 0 }),
            line: 0,
        })
        .collect();
    let mut calendars = BTreeMap::new();
    let days = (to - from).num_days() as u64;
    for p in &people {
        let mut list = Vec::new();
        for k in 0..(days / 7 * 2) {
            let day = from + Duration::days(r.below(days) as i64);
            let start = tz
                .from_local_datetime(
                    &day.and_time(NaiveTime::from_hms_opt(8 + r.below(9) as u32, 0, 0).unwrap()),
                )
                .unwrap()
                .with_timezone(&Utc);
            list.push(Occurrence {
                uid: Some(format!("{}-{k}", p.id).into()),
                summary: Some("Upptagen".into()),
                start,
                end: start + Duration::hours(1 + r.below(3) as i64),
                all_day: None,
                status: None,
                transp: "OPAQUE".into(),
                source: Arc::from("generated.ics"),
                recurrence_id: None,
                info: Arc::new(EventInfo::default()),
            });
        }
        calendars.insert(p.id.clone(), list);
    }
    let meetings: Vec<Meeting> = (0..groups)
        .map(|g| {
            let attendees: Vec<String> = (0..12)
                .map(|k| format!("p{}", (g * 10 + k) % n_people))
                .collect();
            Meeting {
                id: format!("g{g}"),
                title: format!("Group {g}"),
                location: None,
                duration: Duration::hours(3),
                required: vec![attendees[0].clone()],
                optional: vec![],
                chair: None,
                attendees,
                quorum: 9,
                days: vec![
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                ],
                start: vec![
                    NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                    NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
                ],
                count: if monthly { None } else { Some(10) },
                per_month: monthly,
                min_gap_days: 10,
                prefer_days: vec![Weekday::Tue, Weekday::Thu],
                prefer_start: true,
                series: None,
                line: 0,
            }
        })
        .collect();
    let plan = Plan {
        file: "network.toml".into(),
        name: "network".to_string(),
        timezone: tz,
        from,
        to,
        holidays: Holidays::Se,
        today: None,
        show_titles: false,
        language: None,
        organizer: None,
        password_env: None,
        people,
        feeds: vec![],
        meetings,
        rules: vec![],
    };
    World {
        notes: vec![],
        not_before: None,
        lang: Default::default(),
        holidays: krock::holidays::swedish_holidays_between(from, to),
        zone: krock::ical::zone::Zone::Iana(tz),
        plan,
        calendars,
        feeds: BTreeMap::new(),
        series: BTreeMap::new(),
    }
}

fn season(backend: Backend, cap: f64) {
    let sizes: Vec<usize> = std::env::var("KROCK_BENCH_GROUPS")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 3, 5, 10, 15, 30]);
    for groups in sizes {
        let world = network(groups);
        let busy = BusyMap::build(&world);
        let opts = Options {
            backend,
            plans: 1,
            replan: false,
            relax: false,
            time_limit: Some(cap),
        };
        let t = Instant::now();
        let p = match solve::propose(&world, &busy, opts) {
            Ok(p) => p,
            Err(e) => {
                println!(
                    "season {:>8}: {groups:>2} groups, {:>3} people: stops here after {:.0} s ({e})",
                    backend.name(),
                    world.plan.people.len(),
                    t.elapsed().as_secs_f64()
                );
                break;
            }
        };
        let secs = t.elapsed().as_secs_f64();
        let hit = secs >= cap;
        println!(
            "season {:>8}: {groups:>2} groups, {:>3} people, {:>4} candidates, {:>3} occurrences: {:>8.2} s, proven optimal: {}, score {:?}{}{}",
            backend.name(),
            world.plan.people.len(),
            p.candidates.len(),
            p.plans.first().map(|f| f.occurrences.len()).unwrap_or(0),
            secs,
            p.plans.first().is_some_and(|f| f.proven_optimal),
            p.plans.first().map(|f| f.score.signed()),
            if p.plans.is_empty() { " (no plan)" } else { "" },
            if hit { " (a stage reached the time limit: stops here)" } else { "" }
        );
        if hit {
            break;
        }
    }
}

/// Peak resident memory of this process so far, in MiB (Linux; 0 elsewhere).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// (c) A long window: two groups sharing two members, one meeting a month, over 5 and
///     20 years (`KROCK_BENCH_YEARS=5,20,100` picks); `propose` with 3 plans and every
///     rejected date explained.
fn long_window(backend: Backend) {
    let years: Vec<i32> = std::env::var("KROCK_BENCH_YEARS")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![5, 20]);
    for years in years {
        let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026 + years, 1, 1).unwrap() - Duration::days(1);
        let world = network_over(2, from, to, true);
        let busy = BusyMap::build(&world);
        let opts = Options {
            backend,
            plans: 3,
            replan: false,
            relax: true,
            time_limit: Some(600.0),
        };
        let t = Instant::now();
        let p = solve::propose(&world, &busy, opts).expect("propose");
        println!(
            "window {:>8}: {years:>2} years, 2 monthly groups, {:>5} candidates, {:>3} occurrences: {:>7.2} s, proven optimal: {}, {} dates explained, peak RSS so far {:.0} MiB",
            backend.name(),
            p.candidates.len(),
            p.plans.first().map(|f| f.occurrences.len()).unwrap_or(0),
            t.elapsed().as_secs_f64(),
            p.plans.iter().all(|f| f.proven_optimal),
            p.rejected.len(),
            peak_mib()
        );
    }
}

fn main() {
    // KROCK_BENCH=scenario,microlp,window,highs picks the parts (default: all that are built).
    let parts =
        std::env::var("KROCK_BENCH").unwrap_or_else(|_| "scenario,microlp,window,highs".into());
    let cap: f64 = std::env::var("KROCK_BENCH_CAP")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60.0);
    if parts.contains("scenario") {
        scenario_end_to_end();
    }
    if parts.contains("microlp") {
        season(Backend::Microlp, cap);
    }
    if parts.contains("window") {
        long_window(Backend::Microlp);
    }
    #[cfg(feature = "highs")]
    if parts.contains("highs") {
        season(Backend::Highs, cap);
    }
}
