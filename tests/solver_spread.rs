//! The spread criterion on generated plans (2 meetings sharing people, `count` 1–3 over
//! two working weeks, gaps, preferred days, start-time preference on or off): the default
//! search's best plan, the ILP's (the spread settled by the ILP too, through
//! `spread::settle_with`) and brute force over every combination of candidates (checked
//! by the independent verifier) agree on the whole objective — present, in person, moves,
//! then each spread meeting's smallest gap in plan order, then preferred days, start
//! times and the tie-break.

mod common;
use chrono::{Duration, Weekday};
use common::*;
use krock::busy::BusyMap;
use krock::candidates::{self, Candidate};
use krock::solve::criterion::{self, Cost};
use krock::solve::model::{self, Request};
use krock::solve::search::Planned;
use krock::solve::verify::{self, Slot};
use krock::solve::{self, spread, Backend, Options, Rule};
use krock::world::World;
use proptest::prelude::*;
use std::collections::BTreeSet;

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Two meetings over 3–4 people, Monday 13 to Friday 24 April 2026.
fn world(seed: u64) -> World {
    let mut r = Rng(seed | 1);
    let (from, to) = (d(2026, 4, 13), d(2026, 4, 24));
    let n_people = 3 + r.below(2) as usize;
    let people: Vec<_> = (0..n_people).map(|i| person(&format!("p{i}"))).collect();
    let mut meetings = Vec::new();
    for g in 0..2 {
        let mut who: Vec<String> = people
            .iter()
            .filter(|_| r.below(3) != 0)
            .map(|p| p.id.clone())
            .collect();
        if who.is_empty() {
            who.push(people[g].id.clone());
        }
        let ids: Vec<&str> = who.iter().map(|s| s.as_str()).collect();
        let mut m = meeting(&format!("m{g}"), &ids);
        m.duration = Duration::hours(1 + r.below(2) as i64);
        m.count = Some(1 + r.below(3) as u32);
        m.start = if m.count == Some(3) || r.below(2) == 0 {
            vec![t(9, 0)]
        } else {
            vec![t(13, 0), t(9, 0)]
        };
        m.quorum = (ids.len() - r.below(2) as usize).max(1);
        m.min_gap_days = r.below(3) as u32;
        if r.below(2) == 0 {
            m.prefer_days = vec![Weekday::Tue, Weekday::Thu];
        }
        m.prefer_start = r.below(3) != 0;
        meetings.push(m);
    }
    let mut b = Builder::new(from, to, people.clone(), meetings);
    for p in &people {
        for _ in 0..(1 + r.below(6)) {
            let day = from + Duration::days(r.below(12) as i64);
            let h = 8 + r.below(8) as u32;
            b = b.busy(&p.id, day, h, h + 1 + r.below(3) as u32, "busy");
        }
    }
    b.world()
}

/// The whole objective as one key, smaller is better: the criteria before the spread,
/// each spread meeting's smallest gap (negated), the rest of the cost.
type Key = (Vec<i64>, Vec<i64>, Vec<i64>);

fn key(world: &World, cands: &[Candidate], costs: &[Cost], chosen: &[usize]) -> Key {
    let cost = criterion::total(costs, chosen);
    let cut = solve::Criterion::Spread.entries().start;
    let gaps = criterion::spread_meetings(&world.plan)
        .into_iter()
        .map(|m| -criterion::smallest_gap(cands, chosen, m).unwrap_or(0))
        .collect();
    (cost[..cut].to_vec(), gaps, cost[cut..].to_vec())
}

/// The best key over every plan that passes the independent verifier.
fn brute_force(world: &World, busy: &BusyMap, cands: &[Candidate], costs: &[Cost]) -> Option<Key> {
    let slot = |c: usize| Slot {
        meeting: cands[c].meeting,
        start: cands[c].start,
        end: cands[c].end,
        original: cands[c].original.is_some(),
    };
    let mut per_meeting: Vec<Vec<Vec<usize>>> = Vec::new();
    for m in 0..world.plan.meetings.len() {
        let ok: Vec<usize> = (0..cands.len())
            .filter(|&c| cands[c].meeting == m)
            .filter(|&c| {
                verify::verify(world, busy, &[slot(c)])
                    .iter()
                    .all(|v| matches!(v.rule, Rule::Occurrences(_)))
            })
            .collect();
        let mut sets = Vec::new();
        subsets(
            &ok,
            solve::constraints::needed(world, m),
            0,
            &mut Vec::new(),
            &mut sets,
        );
        per_meeting.push(sets);
    }
    let mut best: Option<Key> = None;
    for a in &per_meeting[0] {
        for b in &per_meeting[1] {
            let chosen: Vec<usize> = a.iter().chain(b).copied().collect();
            let slots: Vec<Slot> = chosen.iter().map(|&c| slot(c)).collect();
            if !verify::schedule(world, &slots, None).is_empty() {
                continue;
            }
            let k = key(world, cands, costs, &chosen);
            if best.as_ref().is_none_or(|b| k < *b) {
                best = Some(k);
            }
        }
    }
    best
}

fn subsets(from: &[usize], k: usize, at: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    if cur.len() == k {
        out.push(cur.clone());
        return;
    }
    for i in at..from.len() {
        cur.push(from[i]);
        subsets(from, k, i + 1, cur, out);
        cur.pop();
    }
}

/// The ILP alone (microlp), the spread settled by the ILP as well.
fn ilp(world: &World, cands: &[Candidate], costs: &[Cost]) -> Option<Vec<usize>> {
    let rules: BTreeSet<Rule> = Rule::all(&world.plan, false).into_iter().collect();
    let solve = |w: &World, r: &BTreeSet<Rule>, comp: &[usize]| {
        let req = Request {
            rules: r.clone(),
            meetings: Some(comp.iter().copied().collect()),
            ..Request::default()
        };
        Ok(
            model::solve(w, cands, &req, Backend::Microlp)?.map(|s| Planned {
                cost: criterion::total(costs, &s.chosen),
                chosen: s.chosen,
                proven: s.proven,
            }),
        )
    };
    let settled = spread::settle_with(world, cands, &rules, None, solve).unwrap();
    let (w, r) = match &settled {
        Some(s) => (&s.world, s.rules.clone()),
        None => (world, rules),
    };
    let req = Request {
        rules: r,
        ..Request::default()
    };
    model::solve(w, cands, &req, Backend::Microlp)
        .unwrap()
        .map(|s| s.chosen)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn search_ilp_and_brute_force_agree_with_the_spread(seed in any::<u64>()) {
        let world = world(seed);
        let busy = BusyMap::build(&world);
        let cands = candidates::candidates(&world, &busy);
        let costs = criterion::costs(&world, &cands);
        let want = brute_force(&world, &busy, &cands, &costs);
        let opts = Options { backend: Backend::Microlp, plans: 2, replan: false, relax: false, time_limit: None };
        let p = solve::propose(&world, &busy, opts).unwrap();
        let got = p.plans.first().map(|f| key(&world, &cands, &costs, &f.chosen));
        prop_assert_eq!(&got, &want, "the search's best plan");
        let by_ilp = ilp(&world, &cands, &costs).map(|c| key(&world, &cands, &costs, &c));
        prop_assert_eq!(&by_ilp, &want, "the ILP's best plan");
        if let Some(f) = p.plans.first() {
            prop_assert!(f.proven_optimal);
            // The score shows the spread: each spread meeting's smallest gap, summed.
            let gaps: i64 = want.as_ref().unwrap().1.iter().map(|g| -g).sum();
            prop_assert_eq!(f.score.smallest_gap_days, gaps);
        }
    }
}

/// The generator makes plans where the spread decides: two occurrences of a meeting that
/// the earliest dates would put side by side.
#[test]
fn generated_plans_exercise_the_spread() {
    let mut spread_wider = 0;
    for seed in 1..60u64 {
        let world = world(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let busy = BusyMap::build(&world);
        let opts = Options {
            backend: Backend::Microlp,
            plans: 1,
            replan: false,
            relax: false,
            time_limit: None,
        };
        let p = solve::propose(&world, &busy, opts).unwrap();
        if p.plans
            .first()
            .is_some_and(|f| f.score.smallest_gap_days >= 7)
        {
            spread_wider += 1;
        }
    }
    assert!(spread_wider >= 10, "{spread_wider}");
}

/// The objective's new sentences, in both languages: a date that would shrink the
/// spread, and a start time later in the plan's `start` list (or the series' own).
#[test]
fn the_spread_and_start_sentences_in_both_languages() {
    use krock::i18n::Lang;
    assert_eq!(
        spread::smaller_gap_text(Lang::En, 21, 28),
        "the smallest gap between two occurrences would be 21 days; the plan keeps at least 28"
    );
    assert_eq!(
        spread::smaller_gap_text(Lang::En, 1, 7),
        "the smallest gap between two occurrences would be 1 day; the plan keeps at least 7"
    );
    assert_eq!(
        spread::smaller_gap_text(Lang::Sv, 21, 28),
        "det kortaste avståndet mellan två möten skulle bli 21 dagar; förslaget håller minst 28"
    );
    assert_eq!(
        spread::smaller_gap_text(Lang::Sv, 1, 7),
        "det kortaste avståndet mellan två möten skulle bli 1 dag; förslaget håller minst 7"
    );

    let mut m = meeting("m", &["a"]);
    m.start = vec![t(9, 0), t(13, 0), t(15, 0)];
    let (from, to) = (d(2026, 9, 1), d(2026, 9, 2));
    let world = Builder::new(from, to, vec![person("a")], vec![m]).world();
    let busy = BusyMap::build(&world);
    let cands = candidates::candidates(&world, &busy);
    let at = |day, h| {
        cands
            .iter()
            .find(|c| c.date == d(2026, 9, day) && c.start == common::at(c.date, h, 0))
            .unwrap()
    };
    let (late, early) = (at(1, 13), at(2, 9));
    assert_eq!(
        criterion::later_start_text(&world, Lang::En, late, early),
        "13:00 is the plan's second start time; 09:00 (2026-09-02 v36 Wed) the first"
    );
    assert_eq!(
        criterion::later_start_text(&world, Lang::Sv, at(2, 15), early),
        "15:00 är planens tredje starttid; 09:00 (2026-09-02 v36 ons) den första"
    );
    // A series' own time, not in the list.
    let mut own = late.clone();
    own.start_index = 3;
    assert_eq!(
        criterion::later_start_text(&world, Lang::En, &own, early),
        "13:00 is the series' own time, not one of the plan's start times; 09:00 (2026-09-02 v36 Wed) is the plan's first"
    );
    assert_eq!(
        criterion::later_start_text(&world, Lang::Sv, &own, early),
        "13:00 är seriens egen tid, inte en av planens starttider; 09:00 (2026-09-02 v36 ons) är planens första"
    );
}

/// `--time-limit` holds through the spread: a solver out of time at the spread's first
/// probe, or at any later one, leaves the gaps settled so far and the spread flagged not
/// proven — never an error — so the plans are still solved.
#[test]
fn a_spread_cut_by_the_time_limit_is_flagged_not_proven() {
    let mut cut = 0;
    for seed in 1..40u64 {
        let world = world(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let busy = BusyMap::build(&world);
        let cands = candidates::candidates(&world, &busy);
        let rules: BTreeSet<Rule> = Rule::all(&world.plan, false).into_iter().collect();
        let costs = criterion::costs(&world, &cands);
        let all = |limit: usize| {
            let mut calls = 0;
            spread::settle_with(&world, &cands, &rules, None, |w, r, m| {
                calls += 1;
                if calls > limit {
                    return Err(solve::Error::OutOfTime);
                }
                solve::plans::solve_meetings(w, &cands, &costs, r, m, Backend::Microlp, None)
            })
            .unwrap()
        };
        let Some(full) = all(usize::MAX) else {
            continue;
        };
        assert!(full.proven, "seed {seed}");
        // The best plan's criteria before the spread, with no gap raised.
        let spread_at = solve::Criterion::Spread.entries().start;
        let before = |w: &World, r: &BTreeSet<Rule>| {
            solve::solve_plans(w, &cands, r, 1, Backend::Microlp, None)
                .unwrap()
                .first()
                .map(|p| p.cost[..spread_at].to_vec())
        };
        let target = before(&world, &rules);
        for limit in 0..4 {
            let Some(s) = all(limit) else { continue };
            // The gaps settled before the cut still keep the best plan's criteria before
            // the spread: the plans solved under them lose nothing they had.
            assert_eq!(
                before(&s.world, &s.rules),
                target,
                "seed {seed}, cut after {limit}"
            );
            if !s.proven {
                cut += 1;
            }
        }
    }
    assert!(cut >= 10, "only {cut} cut settlings");
}
