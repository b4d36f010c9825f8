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

use super::criterion::{self, Cost, Criterion};
use super::error::Result;
use super::plans::{found, slots_of, solve_plans};
use super::proposal::{Found, Infeasible, Options, Relaxation};
pub use super::reason::{Reason, Rejected};
use super::rules::{unfit, Rule};
use super::verify::{self, Slot};
use crate::busy::BusyMap;
use crate::candidates::{self, Candidate};
use crate::world::World;
use chrono::{Datelike, Duration, NaiveTime, Weekday};
use std::collections::BTreeSet;
use std::time::Instant;

fn name<'a>(world: &'a World, id: &'a str) -> &'a str {
    world.person_name(id)
}

/// Explains every candidate the best plan does not use.
pub fn rejected(
    world: &World,
    cands: &[Candidate],
    rules: &BTreeSet<Rule>,
    best: &Found,
) -> Vec<Rejected> {
    let costs = criterion::costs(world, cands);
    let chosen: BTreeSet<usize> = best.chosen.iter().copied().collect();
    let checker = verify::Checker::new(world);
    let mut out = Vec::new();
    for c in 0..cands.len() {
        if chosen.contains(&c) {
            continue;
        }
        out.push(rejected_one(world, cands, &costs, &checker, rules, best, c));
    }
    out
}

/// Why one candidate the best plan does not use was not taken.
pub fn rejected_one(
    world: &World,
    cands: &[Candidate],
    costs: &[Cost],
    checker: &verify::Checker,
    rules: &BTreeSet<Rule>,
    best: &Found,
    c: usize,
) -> Rejected {
    let cand = &cands[c];
    if let Some(rule) = unfit(world, rules, cand) {
        return Rejected {
            candidate: c,
            reason: Reason::Breaks(rule),
            text: rule.unfit_text(world, cand),
        };
    }
    swap_reason(world, cands, costs, checker, rules, best, c)
}

/// The chosen occurrence a candidate would replace: same month with `per = "month"`,
/// else the nearest in date.
pub fn replaced(world: &World, cands: &[Candidate], best: &Found, c: usize) -> Option<usize> {
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
    rules: &BTreeSet<Rule>,
    best: &Found,
    c: usize,
) -> Rejected {
    let cand = &cands[c];
    let Some(r) = replaced(world, cands, best, c) else {
        return Rejected {
            candidate: c,
            reason: Reason::Tie,
            text: "no occurrence to replace".to_string(),
        };
    };
    let other = &cands[r];
    if rules.contains(&Rule::KeepSeries(cand.meeting))
        && other.original.is_some()
        && !other.original_clashes
    {
        return Rejected {
            candidate: c,
            reason: Reason::Breaks(Rule::KeepSeries(cand.meeting)),
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
    let slots: Vec<Slot> = slots_of(cands, &alt);
    let focus = slots.len() - 1; // the swapped-in date
                                 // The swap keeps the count, so what it can break is between occurrences.
    let broken: Vec<verify::Violation> = checker.schedule(world, &slots, Some(focus));
    if let Some(first) = broken.iter().min_by_key(|v| v.rule.rank()) {
        let mut texts = vec![first.text.clone()];
        texts.extend(
            broken
                .iter()
                .filter(|v| v.text != first.text)
                .map(|v| v.text.clone()),
        );
        return Rejected {
            candidate: c,
            reason: Reason::Breaks(first.rule),
            text: texts.join("; and "),
        };
    }
    let a = criterion::total(costs, &alt);
    let b = criterion::total(costs, &best.chosen);
    let Some(worse) = criterion::first_worse(&a, &b) else {
        return Rejected {
            candidate: c,
            reason: Reason::Tie,
            text: format!(
                "as good as {}, which is earlier; see --alternatives",
                other.date
            ),
        };
    };
    let text = match worse {
        Criterion::Present => format!(
            "{} present ({}); {} has {}",
            cand.present(),
            who_is_missing(world, cand),
            other.date,
            other.present()
        ),
        Criterion::InPerson => format!(
            "{} in person; {} has {}",
            cand.in_person(),
            other.date,
            other.in_person()
        ),
        Criterion::Moves => {
            // The criterion's last entry: the days moved.
            let days = Criterion::Moves.entries().end - 1;
            let (mine, theirs) = (costs[c][days], costs[r][days]);
            format!(
                "{mine} days from the original date; {} is {theirs}",
                other.date
            )
        }
        Criterion::PreferredDays => format!("{} is not a preferred day", cand.date.weekday()),
        Criterion::EarliestStart => {
            criterion::later_start_text(world, crate::i18n::Lang::En, cand, other)
        }
        // Not a sum over candidates, so never found by the costs: [`super::spread`]
        // words a date that would shrink the spread.
        Criterion::Spread => String::new(),
    };
    Rejected {
        candidate: c,
        reason: Reason::Worse(worse),
        text,
    }
}

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

/// The rules that together leave no date, and the relaxations that give a plan.
pub fn infeasible(
    world: &World,
    cands: &[Candidate],
    rules: &BTreeSet<Rule>,
    opts: Options,
    deadline: Option<Instant>,
) -> Result<Infeasible> {
    // Deletion filter: drop each relaxable rule in turn if the rest is still infeasible.
    let mut core = rules.clone();
    for p in rules.iter().filter(|p| p.relaxable()) {
        let mut without = core.clone();
        without.remove(p);
        if feasible(world, cands, &without, opts, deadline)?.is_none() {
            core = without;
        }
    }
    let described: Vec<(Rule, String)> =
        core.iter().map(|p| (*p, p.sentence(&world.plan))).collect();
    let relaxations = if opts.relax {
        relaxations(world, &core, opts, deadline)?
    } else {
        Vec::new()
    };
    Ok(Infeasible {
        rules: described,
        relaxations,
    })
}

/// Solves a changed plan; the plan it gives, if any.
fn try_plan(world: &World, opts: Options, deadline: Option<Instant>) -> Result<Option<Found>> {
    let busy = BusyMap::build(world);
    let cands = candidates::candidates(world, &busy);
    let rules: BTreeSet<Rule> = Rule::all(&world.plan, opts.replan).into_iter().collect();
    Ok(feasible(world, &cands, &rules, opts, deadline)?
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
    core: &BTreeSet<Rule>,
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
            Rule::Quorum(m) => {
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
            Rule::Required(m) => {
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
            Rule::Order(i) => {
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
            Rule::Gap(m) => {
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
            Rule::Occurrences(m) => {
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
