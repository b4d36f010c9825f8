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
    let checker = verify::Checker::new(world);
    let explainer = Explainer::new(world, cands, &checker, rules, best);
    let chosen: BTreeSet<usize> = best.chosen.iter().copied().collect();
    (0..cands.len())
        .filter(|c| !chosen.contains(c))
        .filter_map(|c| explainer.rejected_one(c))
        .collect()
}

/// The best plan prepared for explaining many dates it does not use, each in time that
/// grows with what is near the date, not with the plan: its costs and total worked out
/// once, its occurrences per meeting in date order (for the one a date would replace),
/// and its schedule ready for checking swaps ([`verify::Swaps`]) — a long window has
/// a hundred thousand dates to explain.
pub struct Explainer<'a> {
    world: &'a World,
    cands: &'a [Candidate],
    rules: &'a BTreeSet<Rule>,
    best: &'a Found,
    checker: &'a verify::Checker,
    costs: Vec<Cost>,
    /// The best plan's total cost.
    total: Cost,
    /// Per meeting: its chosen candidates as (date, start, position in `best.chosen`,
    /// candidate), sorted.
    by_meeting: Vec<Vec<Chosen>>,
    /// The best plan's schedule, when it breaks nothing between occurrences (else each
    /// swap is checked whole).
    swaps: Option<verify::Swaps<'a>>,
}

/// A chosen candidate as [`Explainer`] finds it: (date, start, position in
/// `best.chosen`, candidate).
type Chosen = (
    chrono::NaiveDate,
    chrono::DateTime<chrono::Utc>,
    usize,
    usize,
);

impl<'a> Explainer<'a> {
    pub fn new(
        world: &'a World,
        cands: &'a [Candidate],
        checker: &'a verify::Checker,
        rules: &'a BTreeSet<Rule>,
        best: &'a Found,
    ) -> Explainer<'a> {
        let costs = criterion::costs(world, cands);
        let total = criterion::total(&costs, &best.chosen);
        let mut by_meeting = vec![Vec::new(); world.plan.meetings.len()];
        for (pos, &k) in best.chosen.iter().enumerate() {
            let ck = &cands[k];
            by_meeting[ck.meeting].push((ck.date, ck.start, pos, k));
        }
        for list in &mut by_meeting {
            list.sort_unstable();
        }
        let swaps = verify::Swaps::new(checker, world, &slots_of(cands, &best.chosen));
        Explainer {
            world,
            cands,
            rules,
            best,
            checker,
            costs,
            total,
            by_meeting,
            swaps,
        }
    }

    /// Why one candidate the best plan does not use was not taken, its reasons most
    /// human first (None: nothing to say).
    pub fn rejected_one(&self, c: usize) -> Option<Rejected> {
        let world = self.world;
        let cand = &self.cands[c];
        let whys = if let Some(r) = unfit(world, self.rules, cand) {
            // The first per-candidate rule it fails on its own, in the most human order
            // already (a holiday, a required person, the quorum); the quorum that a
            // required person's absence also breaks would only repeat it.
            vec![why(world, Reason::Breaks(r), |l| {
                r.unfit_text_in(world, cand, l)
            })]
        } else {
            self.swap_reasons(c)
        };
        Rejected::from_whys(c, whys)
    }

    /// The chosen occurrence a candidate would replace: same month with `per = "month"`,
    /// else the nearest in date (then the earliest start, then the first in the plan);
    /// found by binary search in the meeting's chosen dates.
    pub fn replaced(&self, c: usize) -> Option<usize> {
        self.replaced_at(c).map(|(k, _)| k)
    }

    /// [`Explainer::replaced`] with its position in `best.chosen`.
    fn replaced_at(&self, c: usize) -> Option<(usize, usize)> {
        let cand = &self.cands[c];
        let m = &self.world.plan.meetings[cand.meeting];
        let list = &self.by_meeting[cand.meeting];
        let (lo, hi) = if m.per_month {
            let month = (cand.date.year(), cand.date.month());
            let lo = list.partition_point(|e| (e.0.year(), e.0.month()) < month);
            let hi = list.partition_point(|e| (e.0.year(), e.0.month()) <= month);
            (lo, hi)
        } else {
            (0, list.len())
        };
        let list = &list[lo..hi];
        // The nearest dates are the last one before the candidate's and the first one
        // on or after it; every chosen candidate on either is a contender.
        let split = list.partition_point(|e| e.0 < cand.date);
        let mut near: Vec<&Chosen> = Vec::new();
        if let Some(before) = split.checked_sub(1).map(|i| list[i].0) {
            near.extend(list[..split].iter().rev().take_while(|e| e.0 == before));
        }
        if let Some(after) = list.get(split).map(|e| e.0) {
            near.extend(list[split..].iter().take_while(|e| e.0 == after));
        }
        // Nearest in days, then earliest start, then first in the plan.
        near.into_iter()
            .min_by_key(|e| ((e.0 - cand.date).num_days().abs(), e.1, e.2))
            .map(|e| (e.3, e.2))
    }

    /// Why a candidate that fits on its own was not taken: swapped in for the
    /// occurrence it would replace, the rules the plan then breaks — and, when someone
    /// is away on it, that too, since a reader wants to know who before the rule — or
    /// else the first criterion on which the plan gets worse.
    fn swap_reasons(&self, c: usize) -> Vec<Why> {
        let (world, cands, costs) = (self.world, self.cands, &self.costs[..]);
        let cand = &cands[c];
        let zone = &world.zone;
        let Some((r, pos)) = self.replaced_at(c) else {
            return vec![why(world, Reason::Tie, |l| l.t("why-no-replace"))];
        };
        let other = &cands[r];
        let other_at = |l: Lang| date_time(l, zone.to_local(other.start));
        if self.rules.contains(&Rule::KeepSeries(cand.meeting))
            && other.original.is_some()
            && !other.original_clashes
        {
            return vec![why(
                world,
                Reason::Breaks(Rule::KeepSeries(cand.meeting)),
                |l| tr!(l, "why-keep-series", other = other_at(l)),
            )];
        }
        let (broken, shown) = self.swap_breaks(r, pos, c);
        let mut whys: Vec<Why> = broken
            .iter()
            .zip(&shown)
            .map(|(en, local)| Why {
                reason: Reason::Breaks(en.rule),
                text: en.text.clone(),
                shown: local.text.clone(),
            })
            .collect();
        // The swap's total: the plan's, less the date going out, plus the one coming in.
        let mut a = self.total;
        for ((x, out), add) in a.iter_mut().zip(&costs[r]).zip(&costs[c]) {
            *x += add - out;
        }
        let worse = criterion::first_worse(&a, &self.total);
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

    /// What the plan breaks between occurrences with candidate `r` (at `pos` in
    /// `best.chosen`) taken out and `c` put in, in English and in the world's language:
    /// by [`verify::Swaps`] when the plan is ready for it, else by checking the swapped
    /// schedule whole.
    fn swap_breaks(
        &self,
        r: usize,
        pos: usize,
        c: usize,
    ) -> (Vec<verify::Violation>, Vec<verify::Violation>) {
        let world = self.world;
        let lang = world.lang;
        let add = slots_of(self.cands, &[c])[0];
        if let Some(swaps) = &self.swaps {
            let broken = swaps.check(world, pos, &add, Lang::En);
            let shown = if lang == Lang::En || broken.is_empty() {
                broken.clone()
            } else {
                swaps.check(world, pos, &add, lang)
            };
            return (broken, shown);
        }
        let alt: Vec<usize> = self
            .best
            .chosen
            .iter()
            .copied()
            .filter(|&k| k != r)
            .chain([c])
            .collect();
        let slots: Vec<Slot> = slots_of(self.cands, &alt);
        let focus = slots.len() - 1; // the swapped-in date
                                     // The swap keeps the count, so what it can break is between occurrences.
        let broken = self.checker.schedule(world, &slots, Some(focus));
        let shown = if lang == Lang::En || broken.is_empty() {
            broken.clone()
        } else {
            self.checker.schedule_in(world, &slots, Some(focus), lang)
        };
        (broken, shown)
    }
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
