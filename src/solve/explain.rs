/*!
Explanations: why each date not taken was not taken, and — when no plan exists — which
rules together leave no date, and the least change that gives one.

A rejected date is explained by trying it: swap it into the best plan for the occurrence
it would replace and check the result with the independent verifier; the first rule it
breaks is the reason, and if it breaks none, the first criterion of the objective on
which it is worse. An infeasible plan is shrunk to a minimal set of rules by solving
without each one in turn (a deletion filter); then relaxations are tried one at a time,
each reported with the plan it gives.
*/

use super::constraints::Part;
use super::criterion::{self, Cost, Criterion};
use super::model;
use super::verify::{self, Slot};
use super::{found, Found, Infeasible, Options, Relaxation};
use crate::busy::BusyMap;
use crate::candidates::{self, unfit, Candidate, Unfit};
use crate::diag::Result;
use crate::world::World;
use chrono::{Datelike, Duration, NaiveTime, Weekday};
use std::collections::BTreeSet;
use std::time::Instant;

/// Why a date was not proposed, grouped by kind in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Holiday,
    Required,
    Quorum,
    Rule,
    Gap,
    Overlap,
    KeepSeries,
    Fewer,
    FewerInPerson,
    Further,
    NotPreferred,
    Later,
    Tie,
}

impl Kind {
    pub fn label(&self) -> &'static str {
        match self {
            Kind::Holiday => "holiday",
            Kind::Required => "required person busy",
            Kind::Quorum => "quorum not met",
            Kind::Rule => "breaks a rule",
            Kind::Gap => "too close to another occurrence",
            Kind::Overlap => "overlaps another meeting",
            Kind::KeepSeries => "the series' occurrence stays",
            Kind::Fewer => "fewer attend",
            Kind::FewerInPerson => "fewer attend in person",
            Kind::Further => "a bigger move",
            Kind::NotPreferred => "not a preferred day",
            Kind::Later => "a later start",
            Kind::Tie => "as good (a tie)",
        }
    }
    pub fn key(&self) -> &'static str {
        match self {
            Kind::Holiday => "holiday",
            Kind::Required => "required",
            Kind::Quorum => "quorum",
            Kind::Rule => "rule",
            Kind::Gap => "gap",
            Kind::Overlap => "overlap",
            Kind::KeepSeries => "keep_series",
            Kind::Fewer => "fewer_present",
            Kind::FewerInPerson => "fewer_in_person",
            Kind::Further => "bigger_move",
            Kind::NotPreferred => "not_preferred_day",
            Kind::Later => "later_start",
            Kind::Tie => "tie",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Rejected {
    pub candidate: usize,
    pub kind: Kind,
    pub text: String,
}

fn name<'a>(world: &'a World, id: &'a str) -> &'a str {
    world.person_name(id)
}

/// Explains every candidate the best plan does not use.
pub fn rejected(
    world: &World,
    cands: &[Candidate],
    parts: &BTreeSet<Part>,
    best: &Found,
) -> Vec<Rejected> {
    let costs = criterion::costs(world, cands);
    let chosen: BTreeSet<usize> = best.chosen.iter().copied().collect();
    let checker = verify::Checker::new(world);
    let mut out = Vec::new();
    for (c, cand) in cands.iter().enumerate() {
        if chosen.contains(&c) {
            continue;
        }
        let m = &world.plan.meetings[cand.meeting];
        if let Some(u) = unfit(cand, m, model::filters(parts, cand.meeting)) {
            let (kind, text) = match u {
                Unfit::Holiday(h) => (Kind::Holiday, h),
                Unfit::RequiredAbsent(list) => (
                    Kind::Required,
                    list.iter()
                        .map(|(id, why)| {
                            format!("{} (required): {}", name(world, id), why.join("; "))
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                Unfit::Quorum(p, q) => (
                    Kind::Quorum,
                    format!("{p} of {} present, quorum {q}", m.attendees.len()),
                ),
            };
            out.push(Rejected {
                candidate: c,
                kind,
                text,
            });
            continue;
        }
        out.push(swap_reason(world, cands, &costs, &checker, parts, best, c));
    }
    out
}

/// The chosen occurrence a candidate would replace: same month with `per = "month"`,
/// else the nearest in date.
fn replaced(world: &World, cands: &[Candidate], best: &Found, c: usize) -> Option<usize> {
    let cand = &cands[c];
    let m = &world.plan.meetings[cand.meeting];
    best.chosen
        .iter()
        .copied()
        .filter(|&k| cands[k].meeting == cand.meeting)
        .filter(|&k| {
            !m.per_month
                || (cands[k].date.year(), cands[k].date.month())
                    == (cand.date.year(), cand.date.month())
        })
        .min_by_key(|&k| ((cands[k].date - cand.date).num_days().abs(), cands[k].start))
}

/// "absent: Kommundirektör, Båstad — Påsklov all day; …" (at most three people).
fn who_is_missing(world: &World, c: &Candidate) -> String {
    let mut parts: Vec<String> = c
        .attendance
        .absent
        .iter()
        .take(3)
        .map(|a| match a.reasons.first() {
            Some(r) => format!("{} — {r}", name(world, &a.id)),
            None => name(world, &a.id).to_string(),
        })
        .collect();
    if c.attendance.absent.len() > 3 {
        parts.push(format!("{} more", c.attendance.absent.len() - 3));
    }
    format!("absent: {}", parts.join("; "))
}

fn swap_reason(
    world: &World,
    cands: &[Candidate],
    costs: &[Cost],
    checker: &verify::Checker,
    parts: &BTreeSet<Part>,
    best: &Found,
    c: usize,
) -> Rejected {
    let cand = &cands[c];
    let Some(r) = replaced(world, cands, best, c) else {
        return Rejected {
            candidate: c,
            kind: Kind::Tie,
            text: "no occurrence to replace".to_string(),
        };
    };
    let other = &cands[r];
    if parts.contains(&Part::KeepSeries(cand.meeting))
        && other.original.is_some()
        && !other.original_clashes
    {
        return Rejected {
            candidate: c,
            kind: Kind::KeepSeries,
            text: format!(
                "the series' occurrence on {} has no clash and stays",
                other.date
            ),
        };
    }
    let alt: Vec<usize> = best
        .chosen
        .iter()
        .copied()
        .filter(|&k| k != r)
        .chain([c])
        .collect();
    let slots: Vec<Slot> = super::slots_of(cands, &alt);
    let focus = slots.len() - 1; // the swapped-in date
    let broken: Vec<verify::Violation> = checker
        .schedule(world, &slots, Some(focus))
        .into_iter()
        .filter(|v| matches!(v.kind, "rule" | "gap" | "overlap"))
        .collect();
    let rank = |v: &verify::Violation| ["rule", "gap", "overlap"].iter().position(|k| *k == v.kind);
    if let Some(first) = broken.iter().min_by_key(|v| rank(v)) {
        let kind = match first.kind {
            "rule" => Kind::Rule,
            "gap" => Kind::Gap,
            _ => Kind::Overlap,
        };
        let mut texts = vec![first.text.clone()];
        texts.extend(
            broken
                .iter()
                .filter(|v| v.text != first.text)
                .map(|v| v.text.clone()),
        );
        return Rejected {
            candidate: c,
            kind,
            text: texts.join("; and "),
        };
    }
    let a = criterion::total(costs, &alt);
    let b = criterion::total(costs, &best.chosen);
    let (kind, text) = match criterion::first_worse(&a, &b) {
        Some(Criterion::Present) => (
            Kind::Fewer,
            format!(
                "{} present ({}); {} has {}",
                cand.present(),
                who_is_missing(world, cand),
                other.date,
                other.present()
            ),
        ),
        Some(Criterion::InPerson) => (
            Kind::FewerInPerson,
            format!(
                "{} in person; {} has {}",
                cand.in_person(),
                other.date,
                other.in_person()
            ),
        ),
        Some(Criterion::Moves) => (Kind::Further, {
            let (mine, theirs) = (costs[c][3], costs[r][3]);
            format!(
                "{mine} days from the original date; {} is {theirs}",
                other.date
            )
        }),
        Some(Criterion::PreferredDays) => (
            Kind::NotPreferred,
            format!("{} is not a preferred day", cand.date.weekday()),
        ),
        Some(Criterion::EarliestStart) => (
            Kind::Later,
            format!(
                "starts later than {} {}",
                other.date,
                world.zone.to_local(other.start).format("%H:%M")
            ),
        ),
        None => (
            Kind::Tie,
            format!(
                "as good as {}, which is earlier; see --alternatives",
                other.date
            ),
        ),
    };
    Rejected {
        candidate: c,
        kind,
        text,
    }
}

fn feasible(
    world: &World,
    cands: &[Candidate],
    parts: &BTreeSet<Part>,
    opts: Options,
    deadline: Option<Instant>,
) -> Result<Option<super::search::Planned>> {
    Ok(
        super::solve_plans(world, cands, parts, 1, opts.backend, deadline)?
            .into_iter()
            .next(),
    )
}

/// The rules that together leave no date, and the relaxations that give a plan.
pub fn infeasible(
    world: &World,
    cands: &[Candidate],
    parts: &BTreeSet<Part>,
    opts: Options,
    deadline: Option<Instant>,
) -> Result<Infeasible> {
    // Deletion filter: drop each relaxable rule in turn if the rest is still infeasible.
    let mut core = parts.clone();
    for p in parts.iter().filter(|p| p.relaxable()) {
        let mut without = core.clone();
        without.remove(p);
        if feasible(world, cands, &without, opts, deadline)?.is_none() {
            core = without;
        }
    }
    let described: Vec<(Part, String)> =
        core.iter().map(|p| (*p, p.sentence(&world.plan))).collect();
    let relaxations = if opts.relax {
        relaxations(world, &core, opts, deadline)?
    } else {
        Vec::new()
    };
    Ok(Infeasible {
        parts: described,
        relaxations,
    })
}

/// Solves a changed plan; the plan it gives, if any.
fn try_plan(world: &World, opts: Options, deadline: Option<Instant>) -> Result<Option<Found>> {
    let busy = BusyMap::build(world);
    let cands = candidates::candidates(world, &busy);
    let parts: BTreeSet<Part> = Part::all(&world.plan, opts.replan).into_iter().collect();
    Ok(feasible(world, &cands, &parts, opts, deadline)?
        .map(|p| found(world, &cands, p.chosen, 1, p.proven)))
}

fn with_plan(world: &World, edit: impl FnOnce(&mut crate::plan::Plan)) -> World {
    let mut w = world.clone();
    edit(&mut w.plan);
    w
}

/// The least changes that give a plan, each with its plan; only for the rules in `core`
/// plus the window, weekdays and start times.
fn relaxations(
    world: &World,
    core: &BTreeSet<Part>,
    opts: Options,
    deadline: Option<Instant>,
) -> Result<Vec<Relaxation>> {
    let plan = &world.plan;
    let mut out = Vec::new();
    let mut push = |change: String, w: &World| -> Result<bool> {
        if let Some(found) = try_plan(w, opts, deadline)? {
            out.push(Relaxation {
                change,
                plan: found,
            });
            return Ok(true);
        }
        Ok(false)
    };
    for part in core {
        match *part {
            Part::Quorum(m) => {
                let q = plan.meetings[m].quorum;
                for lower in (1..q).rev() {
                    let w = with_plan(world, |p| p.meetings[m].quorum = lower);
                    if push(
                        format!("quorum {q} → {lower} ({})", plan.meetings[m].id),
                        &w,
                    )? {
                        break;
                    }
                }
            }
            Part::Required(m) => {
                for id in &plan.meetings[m].required {
                    let pi = plan.people.iter().position(|p| &p.id == id).unwrap();
                    if plan.people[pi].remote {
                        continue;
                    }
                    let w = with_plan(world, |p| p.people[pi].remote = true);
                    push(
                        format!("{} (required) attends remotely", plan.people[pi].name),
                        &w,
                    )?;
                }
            }
            Part::Order(i) => {
                let d = plan.rules[i].days;
                for shorter in (0..d).rev() {
                    let w = with_plan(world, |p| p.rules[i].days = shorter);
                    if push(
                        format!("rule \"{}\": {d} → {shorter} days", plan.rules[i].text),
                        &w,
                    )? {
                        break;
                    }
                }
            }
            Part::Gap(m) => {
                let g = plan.meetings[m].min_gap_days;
                for shorter in (0..g).rev() {
                    let w = with_plan(world, |p| p.meetings[m].min_gap_days = shorter);
                    if push(
                        format!("min_gap_days {g} → {shorter} ({})", plan.meetings[m].id),
                        &w,
                    )? {
                        break;
                    }
                }
            }
            Part::Occurrences(m) => {
                let mt = &plan.meetings[m];
                for wd in [
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                    Weekday::Sat,
                    Weekday::Sun,
                ] {
                    if mt.days.contains(&wd) {
                        continue;
                    }
                    let w = with_plan(world, |p| p.meetings[m].days.push(wd));
                    push(format!("also on {wd} ({})", mt.id), &w)?;
                }
                for h in 8..=16 {
                    let t = NaiveTime::from_hms_opt(h, 0, 0).unwrap();
                    if mt.start.contains(&t)
                        || t + mt.duration > NaiveTime::from_hms_opt(18, 0, 0).unwrap()
                    {
                        continue;
                    }
                    let w = with_plan(world, |p| {
                        p.meetings[m].start.push(t);
                        p.meetings[m].start.sort();
                    });
                    if push(
                        format!("also start at {} ({})", t.format("%H:%M"), mt.id),
                        &w,
                    )? {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    // A wider window: one to four weeks later end (the sources were read that far).
    for weeks in 1..=4 {
        let w = world.with_end(plan.to + Duration::weeks(weeks));
        let change = format!(
            "window to {} (+{weeks} week{})",
            w.plan.to,
            if weeks == 1 { "" } else { "s" }
        );
        if push(change, &w)? {
            break;
        }
    }
    Ok(out)
}
