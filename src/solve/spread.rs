/*!
The spread criterion, settled: with `count` and no `per`, a meeting's occurrences spread
over the window. After attendance and moves, the plan maximises the smallest gap (in
days) between consecutive occurrences of each such meeting, in plan order; the later
criteria (preferred days, start times) then decide among the plans that keep it.

Exact by thresholds, with either solver. A plan whose gaps are all at least g has them
all at least g − 1, so "some plan has every gap of meeting m ≥ g and keeps the optimum of
the criteria before the spread" is true for every g up to some G and false above it: a
binary search over g finds G. Each probe is an ordinary solve with m's `min_gap_days`
raised to g — a rule the search and the ILP both take — of m's component of meetings
only (meetings that share nobody with it cannot change its answer). Meetings are settled
in plan order, each keeping the gaps of the ones before. The result is the plan's world
with those gaps raised; the plans, runners-up and explanations are solved in it, and
[`reword`] then says of a date that would shrink a spread gap just that, in days.
*/

use super::criterion::{self, Cost, Criterion};
use super::error::{Error, Result};
use super::explain::Explainer;
use super::model::Backend;
use super::plans::{probe_costs, solve_meetings};
use super::proposal::Found;
use super::reason::{Reason, Rejected};
use super::rules::Rule;
use super::search;
use super::verify;
use crate::candidates::Candidate;
use crate::i18n::Lang;
use crate::world::World;
use std::collections::BTreeSet;
use std::time::Instant;

/// The plan's world with the spread settled.
#[derive(Debug, Clone)]
pub struct Settled {
    /// The world with each spread meeting's `min_gap_days` raised to its spread.
    pub world: World,
    /// The rules, with the gap rule of every raised meeting on.
    pub rules: BTreeSet<Rule>,
    /// Each meeting whose gap was raised, and the smallest gap the plan keeps, in days.
    pub gaps: Vec<(usize, i64)>,
    /// False when a probe was cut by the time limit or not proven (a larger spread may
    /// exist).
    pub proven: bool,
}

/// The criteria before the spread: the entries of a [`Cost`] a probe must keep.
fn before(cost: &Cost) -> &[i64] {
    &cost[..Criterion::Spread.entries().start]
}

/// Settles the spread of every meeting that has one (None: no meeting is spread, or the
/// plan has no plan at all, which the ordinary solve then explains).
pub fn settle(
    world: &World,
    cands: &[Candidate],
    rules: &BTreeSet<Rule>,
    backend: Backend,
    deadline: Option<Instant>,
) -> Result<Option<Settled>> {
    let costs = probe_costs(world, cands, Criterion::Spread.entries().start);
    settle_with(world, cands, rules, deadline, |w, r, comp| {
        solve_meetings(w, cands, &costs, r, comp, backend, deadline)
    })
}

/// [`settle`] with the solver of one component given: `solve(world, rules, meetings)` is
/// the best plan of those meetings alone (the tests pass the ILP here, to check that
/// the search and the ILP settle the same spread).
pub fn settle_with(
    world: &World,
    cands: &[Candidate],
    rules: &BTreeSet<Rule>,
    deadline: Option<Instant>,
    mut solve: impl FnMut(&World, &BTreeSet<Rule>, &[usize]) -> Result<Option<search::Planned>>,
) -> Result<Option<Settled>> {
    let spread = criterion::spread_meetings(&world.plan);
    if spread.is_empty() {
        return Ok(None);
    }
    let mut out = Settled {
        world: world.clone(),
        rules: rules.clone(),
        gaps: Vec::new(),
        proven: true,
    };
    for comp in search::components(world, rules) {
        let mine: Vec<usize> = comp
            .iter()
            .copied()
            .filter(|m| spread.contains(m))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let mut best = match probe(&mut out, &comp, &mut solve) {
            Ok(Some(p)) => p,
            Ok(None) => return Ok(None),
            // Out of time before the component's first plan: its meetings keep their
            // gaps, and the plan cannot be called optimal.
            Err(Error::OutOfTime) => {
                out.proven = false;
                break;
            }
            Err(e) => return Err(e),
        };
        let target: Vec<i64> = before(&best.cost).to_vec();
        // Each meeting's own best alone. When they add up to the component's best, every
        // plan that keeps the component's best keeps each meeting's own (each is at least
        // its own best, lexicographically, and the sums are equal), so a gap at which a
        // meeting alone loses its own best is a gap no plan of the component keeps: a
        // bound found with cheap one-meeting solves before the component's probes.
        let alone = own_bests(&mut out, &comp, &mut solve)?;
        let bounded = alone.as_ref().is_some_and(|a| {
            let mut sum = vec![0i64; target.len()];
            for own in a.iter().map(|(_, o)| o) {
                for (s, x) in sum.iter_mut().zip(own) {
                    *s += x;
                }
            }
            sum == target
        });
        for m in mine {
            let Some(mut lo) = criterion::smallest_gap(cands, &best.chosen, m) else {
                continue;
            };
            let hi_dates: Vec<_> = cands
                .iter()
                .filter(|c| c.meeting == m)
                .map(|c| c.date)
                .collect();
            let (Some(first), Some(last)) = (hi_dates.iter().min(), hi_dates.iter().max()) else {
                continue;
            };
            let need = i64::from(world.plan.meetings[m].count.unwrap_or(2).max(2));
            let mut hi = (*last - *first).num_days() / (need - 1);
            // The world is probed in place (it holds every calendar: no copy per probe),
            // its gap put back after each probe.
            let (gap_before, rule_before) = (
                out.world.plan.meetings[m].min_gap_days,
                out.rules.contains(&Rule::Gap(m)),
            );
            let restore = |out: &mut Settled| {
                out.world.plan.meetings[m].min_gap_days = gap_before;
                if !rule_before {
                    out.rules.remove(&Rule::Gap(m));
                }
            };
            if let (true, Some(own)) = (
                bounded,
                alone
                    .as_ref()
                    .and_then(|a| a.iter().find(|(k, _)| *k == m))
                    .map(|(_, o)| o.clone()),
            ) {
                // The largest gap at which m alone keeps its own best bounds `hi`.
                let (mut a, mut b) = (lo, hi);
                while a < b {
                    let mid = a + (b - a + 1) / 2;
                    raise(&mut out, m, mid);
                    let p = solve(&out.world, &out.rules, &[m]);
                    restore(&mut out);
                    match p {
                        Ok(Some(p)) if !p.proven => break,
                        Ok(Some(p)) if before(&p.cost) == own.as_slice() => a = mid,
                        Ok(_) => b = mid - 1,
                        Err(Error::OutOfTime) => break,
                        Err(e) => return Err(e),
                    }
                }
                if a == b {
                    hi = a;
                }
                // The bound first: the component often keeps it, and then one probe
                // settles the meeting.
                if lo < hi {
                    raise(&mut out, m, hi);
                    let probed = probe(&mut out, &comp, &mut solve);
                    restore(&mut out);
                    match probed {
                        Err(Error::OutOfTime) => out.proven = false,
                        Err(e) => return Err(e),
                        Ok(Some(p)) if before(&p.cost) == target.as_slice() => {
                            lo = hi;
                            best = p;
                        }
                        Ok(_) => hi -= 1,
                    }
                }
            }
            while lo < hi {
                let mid = lo + (hi - lo + 1) / 2;
                raise(&mut out, m, mid);
                let probed = probe(&mut out, &comp, &mut solve);
                out.world.plan.meetings[m].min_gap_days = gap_before;
                if !rule_before {
                    out.rules.remove(&Rule::Gap(m));
                }
                match probed {
                    Err(Error::OutOfTime) => {
                        out.proven = false;
                        break;
                    }
                    Err(e) => return Err(e),
                    Ok(Some(p)) if before(&p.cost) == target.as_slice() => {
                        lo = criterion::smallest_gap(cands, &p.chosen, m)
                            .unwrap_or(mid)
                            .max(mid);
                        best = p;
                    }
                    // None, or worse before the spread: no plan keeps gaps of `mid` (a
                    // probe cut by the time limit was noted as not proven).
                    Ok(_) => hi = mid - 1,
                }
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    out.proven = false;
                    break;
                }
            }
            if lo > i64::from(world.plan.meetings[m].min_gap_days) {
                raise(&mut out, m, lo);
                out.gaps.push((m, lo));
            }
        }
    }
    Ok(Some(out))
}

/// The best plan of one component in the settled world so far; notes an unproven one
/// (a probe cut by the time limit may have missed a plan, or a larger gap).
fn probe(
    s: &mut Settled,
    comp: &[usize],
    solve: &mut impl FnMut(&World, &BTreeSet<Rule>, &[usize]) -> Result<Option<search::Planned>>,
) -> Result<Option<search::Planned>> {
    let p = solve(&s.world, &s.rules, comp)?;
    if p.as_ref().is_some_and(|p| !p.proven) {
        s.proven = false;
    }
    Ok(p)
}

/// Each meeting and its own best alone: the criteria before the spread.
type OwnBests = Vec<(usize, Vec<i64>)>;

/// Each meeting of `comp`'s best plan alone, the criteria before the spread; None when
/// one has no plan alone or is not proven (then no bound is taken from them).
fn own_bests(
    s: &mut Settled,
    comp: &[usize],
    solve: &mut impl FnMut(&World, &BTreeSet<Rule>, &[usize]) -> Result<Option<search::Planned>>,
) -> Result<Option<OwnBests>> {
    let mut out = Vec::new();
    for &m in comp {
        match solve(&s.world, &s.rules, &[m]) {
            Ok(Some(p)) if p.proven => out.push((m, before(&p.cost).to_vec())),
            Ok(_) | Err(Error::OutOfTime) => return Ok(None),
            Err(e) => return Err(e),
        }
    }
    Ok(Some(out))
}

/// Raises meeting `m`'s gap rule to `days`.
fn raise(s: &mut Settled, m: usize, days: i64) {
    s.world.plan.meetings[m].min_gap_days = u32::try_from(days).unwrap_or(u32::MAX);
    s.rules.insert(Rule::Gap(m));
}

/// The spread meeting `m` was raised to, if any.
pub fn raised(settled: Option<&Settled>, m: usize) -> Option<i64> {
    settled?.gaps.iter().find(|(k, _)| *k == m).map(|(_, g)| *g)
}

/// Rewords the dates the raised gaps rejected: each is explained again under the plan's
/// own rules; if that finds a rule it breaks or an earlier criterion on which it is
/// worse, that is the reason, else it is the spread — "the smallest gap between two
/// occurrences would be 12 days; the plan keeps at least 26".
pub fn reword(
    world: &World,
    cands: &[Candidate],
    rules: &BTreeSet<Rule>,
    settled: &Settled,
    best: &Found,
    rejected: &mut [Rejected],
) {
    let checker = verify::Checker::new(world);
    let explainer = Explainer::new(world, cands, &checker, rules, best);
    for r in rejected.iter_mut() {
        let Reason::Breaks(Rule::Gap(m)) = r.reason else {
            continue;
        };
        let Some(kept) = raised(Some(settled), m) else {
            continue;
        };
        let Some(again) = explainer.rejected_one(r.candidate) else {
            continue;
        };
        let earlier = match again.reason {
            Reason::Breaks(_) => true,
            Reason::Worse(c) => c < Criterion::Spread,
            Reason::Tie => false,
        };
        if earlier {
            *r = again;
            continue;
        }
        // The settled world differs only in its gaps: the same date goes out.
        let gone = explainer.replaced(r.candidate);
        let mut dates: Vec<_> = best
            .chosen
            .iter()
            .copied()
            .filter(|&k| cands[k].meeting == m && Some(k) != gone)
            .map(|k| cands[k].date)
            .chain([cands[r.candidate].date])
            .collect();
        let gap = criterion::smallest_gap_of(&mut dates).unwrap_or(0);
        *r = Rejected {
            candidate: r.candidate,
            reason: Reason::Worse(Criterion::Spread),
            text: smaller_gap_text(Lang::En, gap, kept),
            shown: smaller_gap_text(world.lang, gap, kept),
            also: std::mem::take(&mut r.also),
        };
    }
}

/// "the smallest gap between two occurrences would be 12 days; the plan keeps at least
/// 26", in `lang` (a rejected date's `text` is English, like the JSON it goes into).
pub fn smaller_gap_text(lang: Lang, gap: i64, kept: i64) -> String {
    crate::tr!(lang, "reason-smaller-gap", gap = gap, kept = kept)
}
