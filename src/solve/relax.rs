/*!
When no plan exists: which rules together leave no date, who and what is behind each of
them, and the least changes that give a plan.

The rules are shrunk to a minimal set by solving without each one in turn (a deletion
filter). Behind each rule that remains, who and what ([`super::behind`]). Then the changes a
secretary would think of first are tried one at a time, each exactly — by solving the
changed plan — and each shown with the plan it gives ([`Change`]): one occurrence fewer,
skipping a month, a required person attending remotely, a later end of the window; and
a lower quorum, a shorter order rule or gap, one more weekday or start time.
*/

use super::behind::behind;
use super::error::{Error, Result};
use super::plans::{found, probe_costs, solve_meetings, solve_plans};
use super::proposal::{Change, Found, Infeasible, Options, Relaxation};
use super::rules::Rule;
use crate::busy::BusyMap;
use crate::candidates::{self, Candidate};
use crate::i18n::Lang;
use crate::world::World;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use std::collections::BTreeSet;
use std::time::Instant;

/// The longest window (in months) in which each month is tried skipped: one or two
/// solves a month; beyond two years a skipped month is not what anyone looks for.
const SKIP_MONTHS_UP_TO: usize = 24;

fn feasible(
    world: &World,
    cands: &[Candidate],
    rules: &BTreeSet<Rule>,
    opts: Options,
    deadline: Option<Instant>,
) -> Result<Option<super::search::Planned>> {
    Ok(solve_plans(world, cands, rules, 1, opts.backend, deadline)?
        .into_iter()
        .next())
}

/// The rules that together leave no date, who and what is behind them, and the
/// relaxations that give a plan.
///
/// First the meetings are tried one by one, alone and for any plan at all (every cost
/// zero, so the first valid plan ends the search): when one has no plan even alone, the
/// rules are shrunk for that meeting alone — a few fast searches instead of one of the
/// whole plan per rule — and the rules of the other meetings are not part of the
/// answer. When every meeting has a plan alone, the clash is between meetings and the
/// whole plan is searched.
///
/// When the time limit comes first, what is known is said, never an error: the rules
/// kept so far still leave no date together (each was dropped only when the rest was
/// shown to leave none), the relaxations found so far each give a plan; `complete` is
/// then false.
pub fn infeasible(
    world: &World,
    cands: &[Candidate],
    rules: &BTreeSet<Rule>,
    opts: Options,
    deadline: Option<Instant>,
) -> Result<Infeasible> {
    let plan = &world.plan;
    let mut complete = true;
    let zero = probe_costs(world, cands, 0);
    let alone = |rules: &BTreeSet<Rule>, m: usize| {
        solve_meetings(world, cands, &zero, rules, &[m], opts.backend, deadline)
            .map(|p| p.is_some())
    };
    let mut scope = None;
    for m in 0..plan.meetings.len() {
        match in_time(alone(rules, m))? {
            Some(true) => {}
            Some(false) => {
                scope = Some(m);
                break;
            }
            None => {
                complete = false;
                break;
            }
        }
    }
    let has_plan = |rules: &BTreeSet<Rule>| match scope {
        Some(m) => alone(rules, m),
        None => feasible(world, cands, rules, opts, deadline).map(|p| p.is_some()),
    };
    // The rules about the meeting with no plan alone (and the whole plan's), or all.
    let mut core: BTreeSet<Rule> = rules
        .iter()
        .filter(|r| match scope {
            Some(m) => r.meeting(plan).is_none_or(|k| k == m),
            None => true,
        })
        .copied()
        .collect();
    // Deletion filter: drop each relaxable rule in turn if the rest still leaves no date.
    if complete {
        for p in core.clone().iter().filter(|p| p.relaxable()) {
            let mut without = core.clone();
            without.remove(p);
            match in_time(has_plan(&without))? {
                Some(false) => core = without,
                Some(true) => {}
                None => {
                    complete = false;
                    break;
                }
            }
        }
    }
    let described: Vec<(Rule, String)> = core.iter().map(|p| (*p, p.sentence(plan))).collect();
    let behind = core.iter().map(|r| behind(world, cands, *r)).collect();
    let mut found = Vec::new();
    if opts.relax
        && complete
        && in_time(relaxations(world, &core, opts, deadline, &mut found))?.is_none()
    {
        complete = false;
    }
    Ok(Infeasible {
        rules: described,
        behind,
        relaxations: found,
        complete,
    })
}

/// A step's result, or None when the time limit came first (any other error is one).
fn in_time<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(t) => Ok(Some(t)),
        Err(Error::OutOfTime) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Solves a changed plan, optionally without some candidates; the plan it gives, if any.
fn try_plan(
    world: &World,
    opts: Options,
    deadline: Option<Instant>,
    drop: impl Fn(&Candidate) -> bool,
) -> Result<Option<Found>> {
    let busy = BusyMap::build(world);
    let cands: Vec<Candidate> = candidates::candidates(world, &busy)
        .into_iter()
        .filter(|c| !drop(c))
        .collect();
    let rules: BTreeSet<Rule> = Rule::all(&world.plan, opts.replan).into_iter().collect();
    Ok(feasible(world, &cands, &rules, opts, deadline)?
        .map(|p| found(world, &cands, p.chosen, 1, p.proven)))
}

fn with_plan(world: &World, edit: impl FnOnce(&mut crate::plan::Plan)) -> World {
    let mut w = world.clone();
    edit(&mut w.plan);
    w
}

/// The meetings the minimal set is about beyond their number of occurrences: where
/// fewer occurrences or a skipped month can help. All of them when a rule of the whole
/// plan (holidays, overlaps) is in the set, or when only counts are.
fn involved(world: &World, core: &BTreeSet<Rule>) -> BTreeSet<usize> {
    let plan = &world.plan;
    let others: Vec<&Rule> = core
        .iter()
        .filter(|r| !matches!(r, Rule::Occurrences(_)))
        .collect();
    if others.is_empty() || others.iter().any(|r| r.meeting(plan).is_none()) {
        return (0..plan.meetings.len()).collect();
    }
    others.iter().filter_map(|r| r.meeting(plan)).collect()
}

/// The least changes that give a plan, each with its plan; only for the rules in `core`
/// plus the window, weekdays and start times.
fn relaxations(
    world: &World,
    core: &BTreeSet<Rule>,
    opts: Options,
    deadline: Option<Instant>,
    out: &mut Vec<Relaxation>,
) -> Result<()> {
    let plan = &world.plan;
    let involved = involved(world, core);
    let mut keep = |kind: Change, found: Option<Found>| -> bool {
        let Some(plan_found) = found else {
            return false;
        };
        if !out.iter().any(|r| r.kind == kind) {
            out.push(Relaxation {
                kind,
                change: kind.text(plan, Lang::En),
                plan: plan_found,
            });
        }
        true
    };
    let none = |_: &Candidate| false;
    for part in core {
        match *part {
            Rule::Quorum(m) => {
                let q = plan.meetings[m].quorum;
                for lower in (1..q).rev() {
                    let w = with_plan(world, |p| p.meetings[m].quorum = lower);
                    let kind = Change::Quorum {
                        m,
                        from: q,
                        to: lower,
                    };
                    if keep(kind, try_plan(&w, opts, deadline, none)?) {
                        break;
                    }
                }
            }
            Rule::Required(m) => {
                for id in &plan.meetings[m].required {
                    let Some(pi) = plan.people.iter().position(|p| &p.id == id) else {
                        continue;
                    };
                    if plan.people[pi].remote {
                        continue;
                    }
                    let w = with_plan(world, |p| p.people[pi].remote = true);
                    keep(
                        Change::Remote { p: pi },
                        try_plan(&w, opts, deadline, none)?,
                    );
                }
            }
            Rule::Order(i) => {
                let d = plan.rules[i].days;
                for shorter in (0..d).rev() {
                    let w = with_plan(world, |p| p.rules[i].days = shorter);
                    let kind = Change::Order {
                        i,
                        from: d,
                        to: shorter,
                    };
                    if keep(kind, try_plan(&w, opts, deadline, none)?) {
                        break;
                    }
                }
            }
            Rule::Gap(m) => {
                let g = plan.meetings[m].min_gap_days;
                for shorter in (0..g).rev() {
                    let w = with_plan(world, |p| p.meetings[m].min_gap_days = shorter);
                    let kind = Change::Gap {
                        m,
                        from: g,
                        to: shorter,
                    };
                    if keep(kind, try_plan(&w, opts, deadline, none)?) {
                        break;
                    }
                }
            }
            Rule::Occurrences(m) => {
                if involved.contains(&m) {
                    fewer(world, m, opts, deadline, &mut keep)?;
                }
                let mt = &plan.meetings[m];
                for day in [
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                    Weekday::Sat,
                    Weekday::Sun,
                ] {
                    if mt.days.contains(&day) {
                        continue;
                    }
                    let w = with_plan(world, |p| p.meetings[m].days.push(day));
                    keep(
                        Change::AlsoDay { m, day },
                        try_plan(&w, opts, deadline, none)?,
                    );
                }
                for h in 8..=16 {
                    let Some(time) = NaiveTime::from_hms_opt(h, 0, 0) else {
                        continue;
                    };
                    let late = NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN);
                    if mt.start.contains(&time) || time + mt.duration > late {
                        continue;
                    }
                    let w = with_plan(world, |p| {
                        p.meetings[m].start.push(time);
                    });
                    if keep(
                        Change::AlsoStart { m, time },
                        try_plan(&w, opts, deadline, none)?,
                    ) {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    // A later end: one to four weeks (the sources were read that far).
    for weeks in 1..=4 {
        let w = world.with_end(plan.to + Duration::weeks(weeks));
        let kind = Change::Window {
            to: w.plan.to,
            weeks,
        };
        if keep(kind, try_plan(&w, opts, deadline, none)?) {
            break;
        }
    }
    Ok(())
}

/// One occurrence fewer for meeting `m`: `count` one lower; with `per = "month"`, each
/// month skipped in turn ([`skip_month`]).
fn fewer(
    world: &World,
    m: usize,
    opts: Options,
    deadline: Option<Instant>,
    keep: &mut impl FnMut(Change, Option<Found>) -> bool,
) -> Result<()> {
    let mt = &world.plan.meetings[m];
    if !mt.per_month {
        if let Some(c) = mt.count.filter(|c| *c >= 2) {
            let w = with_plan(world, |p| p.meetings[m].count = Some(c - 1));
            keep(
                Change::Fewer {
                    m,
                    from: c,
                    to: c - 1,
                },
                try_plan(&w, opts, deadline, |_| false)?,
            );
        }
        return Ok(());
    }
    let months = month_list(world.plan.from, world.plan.to);
    let n = months.len();
    if !(2..=SKIP_MONTHS_UP_TO).contains(&n) {
        return Ok(());
    }
    for (year, month) in months {
        if let Some((kind, found)) = skip_month(world, m, (year, month), opts, deadline)? {
            keep(kind, Some(found));
        }
    }
    Ok(())
}

/// Meeting `m` (`per = "month"`) without month `x`: one occurrence in every other month.
///
/// Exact when `m` is the plan's only meeting, with no series, no `[[rule]]` and a gap of
/// at most 28 days: then nothing ties the months before `x` to those after it (a whole
/// month lies between them), so the window is solved on each side of `x`, one
/// occurrence a month, and the two plans joined. Otherwise the plan is solved with
/// `count` one lower and `x`'s dates left out; a plan with two occurrences in one month
/// is then offered as what it is, one occurrence fewer.
fn skip_month(
    world: &World,
    m: usize,
    x: (i32, u32),
    opts: Options,
    deadline: Option<Instant>,
) -> Result<Option<(Change, Found)>> {
    let plan = &world.plan;
    let mt = &plan.meetings[m];
    let n = month_list(plan.from, plan.to).len();
    let (year, month) = x;
    let skipped = Change::SkipMonth {
        m,
        year,
        month,
        n: n - 1,
    };
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Ok(None);
    };
    let next = first + Duration::days(32);
    let Some(after) = NaiveDate::from_ymd_opt(next.year(), next.month(), 1) else {
        return Ok(None);
    };
    let separable = plan.meetings.len() == 1
        && mt.series.is_none()
        && plan.rules.is_empty()
        && mt.min_gap_days <= 28;
    if separable {
        let mut parts = Vec::new();
        for (from, to) in [(plan.from, first - Duration::days(1)), (after, plan.to)] {
            if from > to || from < plan.from || to > plan.to {
                continue;
            }
            let mut w = world.clone();
            w.plan.from = from;
            let w = w.with_end(to);
            match try_plan(&w, opts, deadline, |_| false)? {
                Some(f) => parts.push(f),
                None => return Ok(None),
            }
        }
        return Ok(join(parts).map(|f| (skipped, f)));
    }
    let w = with_plan(world, |p| {
        p.meetings[m].per_month = false;
        p.meetings[m].count = Some(n as u32 - 1);
    });
    let skip = |c: &Candidate| c.meeting == m && (c.date.year(), c.date.month()) == x;
    let Some(f) = try_plan(&w, opts, deadline, skip)? else {
        return Ok(None);
    };
    let used: BTreeSet<(i32, u32)> = f
        .occurrences
        .iter()
        .filter(|o| o.meeting == m)
        .map(|o| (o.date.year(), o.date.month()))
        .collect();
    let kind = if used.len() == n - 1 {
        skipped
    } else {
        Change::Fewer {
            m,
            from: n as u32,
            to: n as u32 - 1,
        }
    };
    Ok(Some((kind, f)))
}

/// Plans of disjoint windows as one: occurrences in date order, scores added. Its
/// `chosen` is empty (the parts' candidates are not the proposal's).
fn join(parts: Vec<Found>) -> Option<Found> {
    let mut it = parts.into_iter();
    let mut out = it.next()?;
    out.chosen.clear();
    for f in it {
        out.occurrences.extend(f.occurrences);
        out.withdrawn.extend(f.withdrawn);
        let (a, b) = (&mut out.score, &f.score);
        a.present += b.present;
        a.in_person += b.in_person;
        a.moves += b.moves;
        a.moved_days += b.moved_days;
        a.not_preferred += b.not_preferred;
        a.start_rank += b.start_rank;
        out.proven_optimal &= f.proven_optimal;
    }
    out.occurrences.sort_by_key(|p| (p.start, p.meeting));
    Some(out)
}

/// The months a window touches, in order.
fn month_list(from: NaiveDate, to: NaiveDate) -> Vec<(i32, u32)> {
    let mut v = Vec::new();
    let mut d = from;
    while d <= to {
        if v.last() != Some(&(d.year(), d.month())) {
            v.push((d.year(), d.month()));
        }
        d += Duration::days(1);
    }
    v
}
