/*!
Explanations: why each date not taken was not taken (when no plan exists, [`super::relax`]
says which rules leave no date and the least change that gives one).

A rejected date is explained by trying it: a per-candidate rule it fails on its own (a
holiday, a required person away, the quorum) is its reason; otherwise it is swapped into
the best plan for the occurrence it would replace and the result checked with the
independent verifier: the rules it breaks are its reasons — with, when fewer attend, who
is away, which a reader wants first — and if it breaks none, the first criterion of the
objective on which it is worse. Every reason is said in English (JSON) and in the world's
language, with date and time on both sides of a comparison.
*/

use super::criterion::{self, Cost, Criterion};
use super::plans::slots_of;
use super::proposal::Found;
pub use super::reason::{Reason, Rejected, Why};
use super::rules::{unfit, who_is_missing_beside, Rule};
use super::verify::{self, Slot};
use crate::candidates::Candidate;
use crate::i18n::dates::{date_time, weekday};
use crate::i18n::Lang;
use crate::tr;
use crate::world::World;
use chrono::Datelike;
use std::collections::BTreeSet;

/// A reason's sentence in English and in the world's language.
fn why(world: &World, reason: Reason, say: impl Fn(Lang) -> String) -> Why {
    let text = say(Lang::En);
    let shown = if world.lang == Lang::En {
        text.clone()
    } else {
        say(world.lang)
    };
    Why {
        reason,
        text,
        shown,
    }
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
        out.extend(rejected_one(world, cands, &costs, &checker, rules, best, c));
    }
    out
}

/// Why one candidate the best plan does not use was not taken, its reasons most human
/// first (None: nothing to say).
pub fn rejected_one(
    world: &World,
    cands: &[Candidate],
    costs: &[Cost],
    checker: &verify::Checker,
    rules: &BTreeSet<Rule>,
    best: &Found,
    c: usize,
) -> Option<Rejected> {
    let cand = &cands[c];
    let whys = if let Some(r) = unfit(world, rules, cand) {
        // The first per-candidate rule it fails on its own, in the most human order
        // already (a holiday, a required person, the quorum); the quorum that a
        // required person's absence also breaks would only repeat it.
        vec![why(world, Reason::Breaks(r), |l| {
            r.unfit_text_in(world, cand, l)
        })]
    } else {
        swap_reasons(world, cands, costs, checker, rules, best, c)
    };
    Rejected::from_whys(c, whys)
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

/// Why a candidate that fits on its own was not taken: swapped in for the occurrence it
/// would replace, the rules the plan then breaks — and, when someone is away on it, that
/// too, since a reader wants to know who before the rule — or else the first criterion
/// on which the plan gets worse.
fn swap_reasons(
    world: &World,
    cands: &[Candidate],
    costs: &[Cost],
    checker: &verify::Checker,
    rules: &BTreeSet<Rule>,
    best: &Found,
    c: usize,
) -> Vec<Why> {
    let cand = &cands[c];
    let zone = &world.zone;
    let Some(r) = replaced(world, cands, best, c) else {
        return vec![why(world, Reason::Tie, |l| l.t("why-no-replace"))];
    };
    let other = &cands[r];
    let other_at = |l: Lang| date_time(l, zone.to_local(other.start));
    if rules.contains(&Rule::KeepSeries(cand.meeting))
        && other.original.is_some()
        && !other.original_clashes
    {
        return vec![why(
            world,
            Reason::Breaks(Rule::KeepSeries(cand.meeting)),
            |l| tr!(l, "why-keep-series", other = other_at(l)),
        )];
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
    let broken = checker.schedule(world, &slots, Some(focus));
    let shown = if world.lang == Lang::En || broken.is_empty() {
        broken.clone()
    } else {
        checker.schedule_in(world, &slots, Some(focus), world.lang)
    };
    let mut whys: Vec<Why> = broken
        .iter()
        .zip(&shown)
        .map(|(en, local)| Why {
            reason: Reason::Breaks(en.rule),
            text: en.text.clone(),
            shown: local.text.clone(),
        })
        .collect();
    let a = criterion::total(costs, &alt);
    let b = criterion::total(costs, &best.chosen);
    let worse = criterion::first_worse(&a, &b);
    if !whys.is_empty() {
        // A rule decides; who is away is said first all the same.
        if worse == Some(Criterion::Present) {
            whys.push(worse_why(
                world,
                costs,
                cand,
                other,
                c,
                r,
                Criterion::Present,
            ));
        }
        return whys;
    }
    let Some(worse) = worse else {
        return vec![why(world, Reason::Tie, |l| {
            tr!(l, "why-tie", other = other_at(l))
        })];
    };
    vec![worse_why(world, costs, cand, other, c, r, worse)]
}

/// Why `cand` (index `c`) is worse than `other` (index `r`) on a criterion, with date
/// and time on both sides.
fn worse_why(
    world: &World,
    costs: &[Cost],
    cand: &Candidate,
    other: &Candidate,
    c: usize,
    r: usize,
    worse: Criterion,
) -> Why {
    let zone = &world.zone;
    let other_at = |l: Lang| date_time(l, zone.to_local(other.start));
    why(world, Reason::Worse(worse), |l| match worse {
        Criterion::Present => tr!(
            l,
            "why-fewer-present",
            present = cand.present(),
            absent = who_is_missing_beside(world, cand, Some(other), l),
            other = other_at(l),
            other_present = other.present()
        ),
        Criterion::InPerson => tr!(
            l,
            "why-fewer-in-person",
            in_person = cand.in_person(),
            other = other_at(l),
            other_in_person = other.in_person()
        ),
        Criterion::Moves => {
            // The criterion's last entry: the days moved.
            let days = Criterion::Moves.entries().end - 1;
            tr!(
                l,
                "why-bigger-move",
                days = costs[c][days],
                other = other_at(l),
                other_days = costs[r][days]
            )
        }
        Criterion::PreferredDays => tr!(
            l,
            "why-not-preferred",
            day = weekday(l, cand.date.weekday()),
            other = other_at(l)
        ),
        Criterion::EarliestStart => criterion::later_start_text(world, l, cand, other),
        // Not a sum over candidates, so never found by the costs: [`super::spread`]
        // words a date that would shrink the spread.
        Criterion::Spread => String::new(),
    })
}
