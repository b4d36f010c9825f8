//! Property tests of the solver on generated small plans: every proposal passes a check
//! written here against the busy model (not the solver's rows), and its attendance equals
//! the best found by brute force over all combinations of candidates.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use krock::busy::BusyMap;
use krock::events::{EventInfo, Occurrence};
use krock::plan::{Feed, Holidays, Meeting, Person, Plan, Rule};
use krock::solve::{self, Backend, Options};
use krock::world::World;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn occ(summary: &str, start: chrono::DateTime<Utc>, end: chrono::DateTime<Utc>) -> Occurrence {
    Occurrence {
        uid: Some(format!("{summary}-{}", start.timestamp()).into()),
        summary: Some(summary.into()),
        start,
        end,
        all_day: None,
        status: None,
        transp: "OPAQUE".into(),
        source: Arc::from("generated.ics"),
        recurrence_id: None,
        info: Arc::new(EventInfo::default()),
    }
}

/// A generated world: one week in April 2026 (Easter Monday, then four working days), 3–5 people with random
/// busy times, one meeting of 1–2 occurrences, sometimes a gap and a "before" rule.
fn world(seed: u64) -> World {
    let mut r = Rng(seed | 1);
    let tz = chrono_tz::Europe::Stockholm;
    let from = NaiveDate::from_ymd_opt(2026, 4, 6).unwrap(); // Annandag påsk
    let to = NaiveDate::from_ymd_opt(2026, 4, 12).unwrap();
    let n = 3 + r.below(3) as usize;
    let people: Vec<Person> = (0..n)
        .map(|i| Person {
            id: format!("p{i}"),
            name: format!("Role {i}"),
            email: Some(format!("p{i}@example.se")),
            calendar: None,
            freebusy: None,
            remote: r.below(3) == 0,
            travel: Duration::minutes(30 * r.below(2) as i64),
            line: 0,
        })
        .collect();
    let mut calendars = BTreeMap::new();
    for p in &people {
        let mut list = Vec::new();
        for _ in 0..(2 + r.below(8)) {
            let day = from + Duration::days(1 + r.below(4) as i64);
            let h = 8 + r.below(8) as u32;
            let start = tz
                .from_local_datetime(&day.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap()))
                .unwrap()
                .with_timezone(&Utc);
            list.push(occ(
                "busy",
                start,
                start + Duration::minutes(30 + 30 * r.below(8) as i64),
            ));
        }
        calendars.insert(p.id.clone(), list);
    }
    let attendees: Vec<String> = people.iter().map(|p| p.id.clone()).collect();
    let required = if r.below(2) == 0 {
        vec![attendees[0].clone()]
    } else {
        vec![]
    };
    let quorum = n - r.below(3) as usize;
    let count = 1 + r.below(2) as u32;
    let meeting = Meeting {
        id: "m".to_string(),
        title: "M".to_string(),
        location: None,
        duration: Duration::hours(2),
        attendees,
        required,
        optional: vec![],
        chair: None,
        quorum,
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
        count: Some(count),
        per_month: false,
        min_gap_days: r.below(4) as u32,
        prefer_start: r.below(3) != 0,
        prefer_days: if r.below(2) == 0 {
            vec![Weekday::Fri]
        } else {
            vec![]
        },
        series: None,
        line: 0,
    };
    let mut feeds = BTreeMap::new();
    let mut plan_feeds = Vec::new();
    let mut rules = Vec::new();
    if r.below(2) == 0 {
        let day = from + Duration::days(2 + r.below(5) as i64);
        let start = tz
            .from_local_datetime(&day.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap()))
            .unwrap()
            .with_timezone(&Utc);
        feeds.insert(
            "board".to_string(),
            vec![occ("Board", start, start + Duration::hours(2))],
        );
        plan_feeds.push(Feed {
            id: "board".to_string(),
            source: "board.ics".to_string(),
            blocks: vec![],
            line: 0,
        });
        rules.push(Rule {
            meeting: "m".to_string(),
            text: "board".to_string(),
            before: true,
            feed: "board".to_string(),
            days: r.below(3) as u32,
            line: 0,
        });
    }
    let plan = Plan {
        file: "generated.toml".into(),
        name: "generated".to_string(),
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
        feeds: plan_feeds,
        meetings: vec![meeting],
        rules,
    };
    World {
        notes: vec![],
        not_before: None,
        lang: Default::default(),
        holidays: krock::holidays::swedish_holidays_between(from, to),
        zone: krock::ical::zone::Zone::Iana(tz),
        plan,
        calendars,
        feeds,
        series: BTreeMap::new(),
    }
}

/// Written here, against the busy intervals: (present, in person) of one slot, or None
/// when the slot itself is not allowed (holiday, required absent, quorum).
fn slot_ok(
    world: &World,
    busy: &BusyMap,
    start: chrono::DateTime<Utc>,
    end: chrono::DateTime<Utc>,
) -> Option<(i64, i64)> {
    let m = &world.plan.meetings[0];
    let date = start.with_timezone(&world.plan.timezone).date_naive();
    if world.holidays.iter().any(|h| h.date == date) {
        return None;
    }
    let free = |id: &str, a, b| busy.of(id).iter().all(|x| !(x.start < b && x.end > a));
    let (mut present, mut in_person) = (0, 0);
    for p in &world.plan.people {
        let ip = free(&p.id, start - p.travel, end + p.travel);
        let here = ip || (p.remote && free(&p.id, start, end));
        if ip {
            in_person += 1;
        }
        if here {
            present += 1;
        } else if m.required.contains(&p.id) {
            return None;
        }
    }
    (present >= m.quorum as i64).then_some((present, in_person))
}

fn plan_ok(world: &World, days: &[NaiveDate]) -> bool {
    let m = &world.plan.meetings[0];
    let mut d = days.to_vec();
    d.sort();
    if d.windows(2)
        .any(|w| (w[1] - w[0]).num_days() < m.min_gap_days.max(1) as i64 && m.min_gap_days > 0)
    {
        return false;
    }
    for r in &world.plan.rules {
        for e in world.feeds[&r.feed].iter() {
            let ed = e.start.with_timezone(&world.plan.timezone).date_naive();
            if !d.iter().any(|x| (ed - *x).num_days() >= r.days as i64) {
                return false;
            }
        }
    }
    true
}

/// Brute force: the best (present, in person) over every set of `count` slots.
fn brute_force(world: &World, busy: &BusyMap) -> Option<(i64, i64)> {
    let m = &world.plan.meetings[0];
    let tz = world.plan.timezone;
    let mut slots = Vec::new();
    let mut day = world.plan.from;
    while day <= world.plan.to {
        if m.days.contains(&chrono::Datelike::weekday(&day)) {
            for t in &m.start {
                let s = tz
                    .from_local_datetime(&day.and_time(*t))
                    .unwrap()
                    .with_timezone(&Utc);
                if let Some(v) = slot_ok(world, busy, s, s + m.duration) {
                    slots.push((day, s, v));
                }
            }
        }
        day += Duration::days(1);
    }
    let count = m.count.unwrap() as usize;
    let mut best: Option<(i64, i64)> = None;
    let mut consider = |chosen: &[&(NaiveDate, chrono::DateTime<Utc>, (i64, i64))]| {
        let days: Vec<NaiveDate> = chosen.iter().map(|c| c.0).collect();
        // Two occurrences on one day would overlap or need min_gap 0 and distinct starts.
        if chosen.len() == 2
            && chosen[0].1 + m.duration > chosen[1].1
            && chosen[1].1 + m.duration > chosen[0].1
        {
            return;
        }
        if !plan_ok(world, &days) {
            return;
        }
        let v = chosen
            .iter()
            .fold((0, 0), |a, c| (a.0 + c.2 .0, a.1 + c.2 .1));
        if best.is_none_or(|b| v > b) {
            best = Some(v);
        }
    };
    if count == 1 {
        for a in &slots {
            consider(&[a]);
        }
    } else {
        for i in 0..slots.len() {
            for j in i + 1..slots.len() {
                consider(&[&slots[i], &slots[j]]);
            }
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn proposals_are_valid_and_as_good_as_brute_force(seed in any::<u64>()) {
        let world = world(seed);
        let busy = BusyMap::build(&world);
        let opts = Options { backend: Backend::Microlp, plans: 1, replan: false, relax: false, time_limit: None };
        let proposal = solve::propose(&world, &busy, opts).unwrap();
        let best = brute_force(&world, &busy);
        match (proposal.plans.first(), best) {
            (None, None) => prop_assert!(proposal.infeasible.is_some()),
            (Some(p), Some(b)) => {
                let m = &world.plan.meetings[0];
                let mut days = Vec::new();
                let mut total = (0, 0);
                for o in &p.occurrences {
                    let v = slot_ok(&world, &busy, o.start, o.end);
                    prop_assert!(v.is_some(), "proposed {} fails the independent check", o.start);
                    let v = v.unwrap();
                    total = (total.0 + v.0, total.1 + v.1);
                    prop_assert_eq!(o.end - o.start, m.duration);
                    prop_assert!(m.days.contains(&chrono::Datelike::weekday(&o.date)));
                    days.push(o.date);
                }
                prop_assert_eq!(days.len(), m.count.unwrap() as usize);
                prop_assert!(plan_ok(&world, &days), "gap or rule broken: {:?}", days);
                prop_assert_eq!(total, b, "solver attendance differs from brute force");
                prop_assert_eq!((p.score.present, p.score.in_person), b);
            }
            (got, want) => prop_assert!(false, "solver found {:?}, brute force {:?}", got.map(|p| p.score), want),
        }
    }
}

/// The generator must make hard cases: some infeasible, some where not everyone can come.
#[test]
fn generated_worlds_are_not_all_easy() {
    let (mut infeasible, mut partial, mut full) = (0, 0, 0);
    for seed in 1..200u64 {
        let world = world(seed.wrapping_mul(0x9E3779B97F4A7C15));
        let busy = BusyMap::build(&world);
        match brute_force(&world, &busy) {
            None => infeasible += 1,
            Some((present, _)) => {
                let most =
                    (world.plan.people.len() as i64) * world.plan.meetings[0].count.unwrap() as i64;
                if present < most {
                    partial += 1
                } else {
                    full += 1
                }
            }
        }
    }
    assert!(
        infeasible >= 10 && partial >= 10 && full >= 10,
        "{infeasible} {partial} {full}"
    );
}

/// With the `highs` feature: HiGHS and microlp agree on the score of every generated plan
/// (the plans themselves may differ only among equally good ones).
#[cfg(feature = "highs")]
#[test]
fn highs_and_microlp_agree() {
    for seed in 1..60u64 {
        let world = world(seed.wrapping_mul(0x9E3779B97F4A7C15));
        let busy = BusyMap::build(&world);
        let run = |backend| {
            let opts = Options {
                backend,
                plans: 1,
                replan: false,
                relax: false,
                time_limit: None,
            };
            solve::propose(&world, &busy, opts)
                .unwrap()
                .plans
                .first()
                .map(|p| p.score)
        };
        assert_eq!(run(Backend::Microlp), run(Backend::Highs), "seed {seed}");
    }
}
