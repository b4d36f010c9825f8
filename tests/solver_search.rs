//! The default search against two references on generated multi-group plans (2–3
//! meetings sharing people, different lengths and start times, gaps, "before" rules,
//! preferred days, a series to keep or move): its k best plans cost exactly what brute
//! force over every combination of candidates finds (checked by the independent
//! verifier), and its best plan costs what the staged ILP (microlp) finds; the same again
//! with every search under Lagrangian prices (the quick phase skipped). With
//! `--features highs`, larger generated plans are checked against HiGHS.

mod common;
use chrono::{Duration, Weekday};
use common::*;
use krock::busy::BusyMap;
use krock::candidates::{self, Candidate};
use krock::i18n::Lang;
use krock::solve::criterion::{self, Cost};
use krock::solve::explain;
use krock::solve::model::{self, Request};
use krock::solve::search::bnb::with_quick_nodes;
use krock::solve::search::Planned;
use krock::solve::verify::{self, Slot};
use krock::solve::Rule;
use krock::solve::{self, Backend};
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

/// A generated plan: `days` working days from Monday 13 April 2026, `groups` meetings
/// over `people` people (each meeting a random subset, so some share people).
fn world(seed: u64, groups: usize, n_people: usize, days: i64) -> World {
    let mut r = Rng(seed | 1);
    // Sometimes across a month's end (29 April – 4 May, 1 May a holiday), with meetings
    // once a month.
    let monthly = r.below(3) == 0;
    let from = if monthly {
        d(2026, 4, 29)
    } else {
        d(2026, 4, 13)
    };
    let to = from + Duration::days(if monthly { 5 } else { days - 1 });
    let mut people: Vec<_> = (0..n_people).map(|i| person(&format!("p{i}"))).collect();
    for p in &mut people {
        p.remote = r.below(3) == 0;
        p.travel = Duration::minutes(30 * r.below(2) as i64);
    }
    let mut meetings = Vec::new();
    for g in 0..groups {
        let mut who: Vec<String> = people
            .iter()
            .filter(|_| r.below(2) == 0)
            .map(|p| p.id.clone())
            .collect();
        if who.is_empty() {
            who.push(people[g % n_people].id.clone());
        }
        let ids: Vec<&str> = who.iter().map(|s| s.as_str()).collect();
        let mut m = meeting(&format!("m{g}"), &ids);
        m.duration = Duration::hours(1 + r.below(3) as i64);
        m.start = [t(9, 0), t(10, 0), t(13, 0)]
            .into_iter()
            .filter(|_| r.below(3) != 0)
            .collect();
        if m.start.is_empty() {
            m.start.push(t(9, 0));
        }
        m.quorum = (ids.len() - r.below(ids.len() as u64).min(2) as usize).max(1);
        if r.below(3) == 0 {
            m.required = vec![ids[0].to_string()];
        }
        m.count = Some(1 + r.below(2) as u32);
        if monthly && r.below(2) == 0 {
            m.count = None;
            m.per_month = true;
        }
        m.min_gap_days = r.below(3) as u32;
        if r.below(2) == 0 {
            m.prefer_days = vec![Weekday::Tue, Weekday::Thu];
        }
        meetings.push(m);
    }
    let mut b = Builder::new(from, to, people.clone(), meetings);
    for p in &people {
        for _ in 0..(1 + r.below(5)) {
            let day = from + Duration::days(r.below(days as u64) as i64);
            let h = 8 + r.below(8) as u32;
            b = b.busy(&p.id, day, h, h + 1 + r.below(2) as u32, "busy");
        }
    }
    if r.below(3) == 0 {
        let day = from + Duration::days(2 + r.below(days as u64 - 2) as i64);
        b = b
            .feed("board", vec![occ("Board", at(day, 10, 0), at(day, 12, 0))])
            .rule(rule("m0", "board", "board", r.below(2) as u32, true));
    }
    if r.below(4) == 0 {
        // m0 has a series: its occurrence on a random day at 09:00 (kept unless it clashes).
        let day = from + Duration::days(r.below(days as u64) as i64);
        let len = b.plan.meetings[0].duration;
        let n = b.plan.meetings[0].count.unwrap_or(2) as usize;
        let series = (0..n)
            .map(|k| {
                let day = day + Duration::days(k as i64 * 2);
                occ("M0", at(day, 9, 0), at(day, 9, 0) + len)
            })
            .filter(|o| o.start < at(to, 23, 0))
            .collect();
        b = b.series("m0", series);
        b.plan.meetings[0].count = None;
        b.plan.meetings[0].per_month = false;
    }
    b.world()
}

/// Every plan that passes the independent verifier, by brute force: its cost.
fn brute_force(world: &World, busy: &BusyMap, cands: &[Candidate], costs: &[Cost]) -> Vec<Cost> {
    let rules: BTreeSet<Rule> = Rule::all(&world.plan, false).into_iter().collect();
    let slot = |c: usize| Slot {
        meeting: cands[c].meeting,
        start: cands[c].start,
        end: cands[c].end,
        original: cands[c].original.is_some(),
    };
    // Per meeting: each set of `needed` candidates that verify alone (required, quorum,
    // holidays, days, starts) and keep the series' occurrences that do not clash.
    let mut per_meeting: Vec<Vec<Vec<usize>>> = Vec::new();
    for m in 0..world.plan.meetings.len() {
        let ok: Vec<usize> = (0..cands.len())
            .filter(|&c| cands[c].meeting == m)
            .filter(|&c| {
                verify::verify(world, busy, &[slot(c)])
                    .iter()
                    .all(|v| matches!(v.rule, Rule::Occurrences(_) | Rule::Order(_)))
            })
            .collect();
        let need = solve::constraints::needed(world, m);
        let keep: Vec<usize> = (0..cands.len())
            .filter(|&c| {
                cands[c].meeting == m && cands[c].original.is_some() && !cands[c].original_clashes
            })
            .filter(|c| ok.contains(c))
            .collect();
        let mut sets = Vec::new();
        subsets(&ok, need, 0, &mut Vec::new(), &mut sets);
        if rules.contains(&Rule::KeepSeries(m)) {
            sets.retain(|s| keep.iter().all(|k| s.contains(k)));
        }
        per_meeting.push(sets);
    }
    let mut out = Vec::new();
    let mut pick = vec![0usize; per_meeting.len()];
    if per_meeting.iter().any(|s| s.is_empty()) {
        return out;
    }
    loop {
        let chosen: Vec<usize> = pick
            .iter()
            .enumerate()
            .flat_map(|(m, &i)| per_meeting[m][i].clone())
            .collect();
        let slots: Vec<Slot> = chosen.iter().map(|&c| slot(c)).collect();
        if verify::schedule(world, &slots, None).is_empty() {
            out.push(criterion::total(costs, &chosen));
        }
        let mut m = 0;
        loop {
            if m == pick.len() {
                out.sort();
                return out;
            }
            pick[m] += 1;
            if pick[m] < per_meeting[m].len() {
                break;
            }
            pick[m] = 0;
            m += 1;
        }
    }
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

fn search(world: &World, cands: &[Candidate], k: usize) -> Vec<Planned> {
    let rules: BTreeSet<Rule> = Rule::all(&world.plan, false).into_iter().collect();
    solve::solve_plans(world, cands, &rules, k, Backend::Microlp, None).unwrap()
}

fn ilp(world: &World, cands: &[Candidate], costs: &[Cost], backend: Backend) -> Option<Cost> {
    let req = Request {
        rules: Rule::all(&world.plan, false).into_iter().collect(),
        ..Request::default()
    };
    model::solve(world, cands, &req, backend)
        .unwrap()
        .map(|s| criterion::total(costs, &s.chosen))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn search_equals_brute_force_and_the_ilp(seed in any::<u64>(), groups in 2usize..4) {
        let world = world(seed, groups, 4, 4);
        let busy = BusyMap::build(&world);
        let cands = candidates::candidates(&world, &busy);
        let costs = criterion::costs(&world, &cands);
        let all = brute_force(&world, &busy, &cands, &costs);
        let found = search(&world, &cands, 3);
        let got: Vec<Cost> = found.iter().map(|p| p.cost).collect();
        let want: Vec<Cost> = all.iter().take(3).copied().collect();
        prop_assert_eq!(&got, &want, "the k best plans' costs");
        for p in &found {
            prop_assert!(p.proven);
            prop_assert_eq!(criterion::total(&costs, &p.chosen), p.cost);
            let slots = solve::slots_of(&cands, &p.chosen);
            prop_assert!(verify::verify(&world, &busy, &slots).is_empty());
        }
        prop_assert_eq!(ilp(&world, &cands, &costs, Backend::Microlp), want.first().copied());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// The same with the search's quick phase skipped: every search (the first plan's and
    /// each k-best subproblem's) goes straight to the Lagrangian prices, the priced greedy
    /// incumbents and the branching on the priced plans' clashes.
    #[test]
    fn priced_search_equals_brute_force(seed in any::<u64>(), groups in 2usize..4) {
        let world = world(seed, groups, 4, 4);
        let busy = BusyMap::build(&world);
        let cands = candidates::candidates(&world, &busy);
        let costs = criterion::costs(&world, &cands);
        let all = brute_force(&world, &busy, &cands, &costs);
        let found = with_quick_nodes(0, || search(&world, &cands, 3));
        let got: Vec<Cost> = found.iter().map(|p| p.cost).collect();
        let want: Vec<Cost> = all.iter().take(3).copied().collect();
        prop_assert_eq!(&got, &want, "the k best plans' costs");
        for p in &found {
            prop_assert!(p.proven);
            prop_assert_eq!(criterion::total(&costs, &p.chosen), p.cost);
            let slots = solve::slots_of(&cands, &p.chosen);
            prop_assert!(verify::verify(&world, &busy, &slots).is_empty());
        }
    }
}

/// On plans too large for brute force (4–6 meetings over two weeks), the priced search
/// and the quick one (each exact, by different bounds and branching) find k best plans
/// of the same costs, all proven and all passing the verifier.
#[test]
fn priced_and_quick_search_agree_on_larger_plans() {
    let mut two = 0;
    for seed in 1..25u64 {
        let world = world(
            seed.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            4 + seed as usize % 3,
            8,
            10,
        );
        let busy = BusyMap::build(&world);
        let cands = candidates::candidates(&world, &busy);
        let quick = search(&world, &cands, 2);
        let priced = with_quick_nodes(0, || search(&world, &cands, 2));
        let costs = |ps: &[Planned]| ps.iter().map(|p| p.cost).collect::<Vec<_>>();
        assert_eq!(costs(&quick), costs(&priced), "seed {seed}");
        for p in quick.iter().chain(&priced) {
            assert!(p.proven, "seed {seed}");
            let slots = solve::slots_of(&cands, &p.chosen);
            assert!(
                verify::verify(&world, &busy, &slots).is_empty(),
                "seed {seed}"
            );
        }
        two += usize::from(quick.len() == 2);
    }
    assert!(two >= 5, "only {two} plans with two alternatives");
}

/// The generator makes interesting plans: some infeasible, some with clashes between
/// meetings that the search must resolve, some with several plans.
#[test]
fn generated_plans_are_not_all_easy() {
    let (mut none, mut some) = (0, 0);
    for seed in 1..80u64 {
        let world = world(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15), 3, 4, 4);
        let busy = BusyMap::build(&world);
        let cands = candidates::candidates(&world, &busy);
        if search(&world, &cands, 1).is_empty() {
            none += 1
        } else {
            some += 1
        }
    }
    assert!(
        none >= 5 && some >= 20,
        "{none} infeasible, {some} feasible"
    );
}

/// With the `highs` feature: on larger generated plans (3–5 meetings, two weeks), the
/// search's best plan costs what HiGHS's does.
#[cfg(feature = "highs")]
#[test]
fn search_agrees_with_highs_on_larger_plans() {
    for seed in 1..40u64 {
        let world = world(
            seed.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            3 + seed as usize % 3,
            8,
            12,
        );
        let busy = BusyMap::build(&world);
        let cands = candidates::candidates(&world, &busy);
        let costs = criterion::costs(&world, &cands);
        let found = search(&world, &cands, 1).first().map(|p| p.cost);
        assert_eq!(
            found,
            ilp(&world, &cands, &costs, Backend::Highs),
            "seed {seed}"
        );
    }
}

/// The chosen occurrence candidate `c` would replace, by a plain scan: same month with
/// `per = "month"`, else the nearest in date, then the earliest start, then the first in
/// the plan.
fn replaced_by_scan(
    world: &World,
    cands: &[Candidate],
    chosen: &[usize],
    c: usize,
) -> Option<usize> {
    use chrono::Datelike;
    let cand = &cands[c];
    let per_month = world.plan.meetings[cand.meeting].per_month;
    chosen
        .iter()
        .copied()
        .filter(|&k| cands[k].meeting == cand.meeting)
        .filter(|&k| {
            !per_month
                || (cands[k].date.year(), cands[k].date.month())
                    == (cand.date.year(), cand.date.month())
        })
        .min_by_key(|&k| ((cands[k].date - cand.date).num_days().abs(), cands[k].start))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Explaining a rejected date checks the best plan with the date swapped in for one
    /// it would replace. The fast check ([`verify::Swaps`], which looks only at what is
    /// near the date coming in) says exactly what checking the whole swapped schedule
    /// says, in English and in Swedish, for every unused date swapped for every chosen
    /// one of its meeting; and the explainer's binary search finds the same replaced
    /// date as the plain scan. Plans get a second rule feed with several events (an
    /// "after" rule on the last meeting), so that some events are served by one
    /// occurrence alone and some by several.
    #[test]
    fn fast_swap_checks_equal_whole_checks(seed in any::<u64>(), groups in 2usize..4, events in 0usize..4) {
        let mut world = world(seed, groups, 4, 8);
        if events > 0 {
            let last = format!("m{}", groups - 1);
            let from = world.plan.from;
            let list = (0..events)
                .map(|k| {
                    let day = from + Duration::days(1 + 2 * k as i64);
                    occ("Council", at(day, 8, 0), at(day, 8, 30))
                })
                .collect();
            world.feeds.insert("council".to_string(), list);
            world.plan.feeds.push(krock::plan::Feed {
                id: "council".to_string(),
                source: "council.ics".to_string(),
                blocks: vec![],
                line: 0,
            });
            world.plan.rules.push(rule(&last, "council", "council", (seed % 2) as u32, false));
        }
        let busy = BusyMap::build(&world);
        let cands = candidates::candidates(&world, &busy);
        let rules: BTreeSet<Rule> = Rule::all(&world.plan, false).into_iter().collect();
        let found = search(&world, &cands, 1);
        let Some(p) = found.first() else { return Ok(()) };
        let best = solve::found(&world, &cands, p.chosen.clone(), 1, p.proven);
        let slots = solve::slots_of(&cands, &best.chosen);
        let checker = verify::Checker::new(&world);
        let swaps = verify::Swaps::new(&checker, &world, &slots);
        prop_assert!(swaps.is_some(), "a verified plan breaks nothing between occurrences");
        let swaps = swaps.unwrap();
        let explainer = explain::Explainer::new(&world, &cands, &checker, &rules, &best);
        for c in 0..cands.len() {
            if best.chosen.contains(&c) {
                continue;
            }
            prop_assert_eq!(explainer.replaced(c), replaced_by_scan(&world, &cands, &best.chosen, c), "candidate {}", c);
            let add = solve::slots_of(&cands, &[c])[0];
            for (pos, &r) in best.chosen.iter().enumerate() {
                if cands[r].meeting != cands[c].meeting {
                    continue;
                }
                let alt: Vec<usize> = best.chosen.iter().copied().filter(|&k| k != r).chain([c]).collect();
                let swapped: Vec<Slot> = solve::slots_of(&cands, &alt);
                let focus = Some(swapped.len() - 1);
                for lang in [Lang::En, Lang::Sv] {
                    prop_assert_eq!(
                        swaps.check(&world, pos, &add, lang),
                        checker.schedule_in(&world, &swapped, focus, lang),
                        "candidate {} for {}", c, r
                    );
                }
            }
        }
    }
}
