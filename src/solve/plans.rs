/*!
The k best plans under a set of switched-on rules, and a plan's occurrences from the
candidates chosen.

The default backend searches ([`super::search`]), handing the integer program
([`super::model`]) any component of meetings it does not take; `highs` solves the
integer program throughout.
*/

use super::criterion;
use super::error::{Error, Result};
use super::model::{self, Backend, Request};
use super::proposal::{Found, Placed};
use super::rules::Rule;
use super::search::{self, Planned};
use super::verify;
use crate::candidates::Candidate;
use crate::world::World;

use std::collections::BTreeSet;
use std::time::Instant;

/// The k best plans under `rules`, best first (empty: no plan exists). The default
/// backend searches ([`search`]), handing the ILP any component it does not take;
/// `highs` solves the ILP.
pub fn solve_plans(
    world: &World,
    cands: &[Candidate],
    rules: &BTreeSet<Rule>,
    k: usize,
    backend: Backend,
    deadline: Option<Instant>,
) -> Result<Vec<Planned>> {
    let costs = criterion::costs(world, cands);
    if backend != Backend::Microlp {
        return ilp_plans(world, cands, &costs, rules, None, k, backend, deadline);
    }
    let mut lists = Vec::new();
    for comp in search::components(world, rules) {
        let list = component_plans(world, cands, &costs, rules, &comp, k, backend, deadline)?;
        if list.is_empty() {
            return Ok(Vec::new());
        }
        lists.push(list);
    }
    Ok(search::combine(cands, &lists, k))
}

/// The k best plans of some meetings alone: the exact search, or the ILP when the
/// backend is another or the search does not take the component's rules.
#[allow(clippy::too_many_arguments)]
fn component_plans(
    world: &World,
    cands: &[Candidate],
    costs: &[criterion::Cost],
    rules: &BTreeSet<Rule>,
    meetings: &[usize],
    k: usize,
    backend: Backend,
    deadline: Option<Instant>,
) -> Result<Vec<Planned>> {
    let ilp = || {
        let only = meetings.iter().copied().collect();
        ilp_plans(world, cands, costs, rules, Some(only), k, backend, deadline)
    };
    if backend != Backend::Microlp {
        return ilp();
    }
    match search::solve_component(world, cands, costs, rules, meetings, k, deadline) {
        search::Solved::Plans(list) => Ok(list),
        search::Solved::NothingInTime => Err(Error::OutOfTime),
        search::Solved::Unsupported(_) => ilp(),
    }
}

/// The costs of [`solve_meetings`]'s probes: only the first `upto` entries of each cost,
/// the later ones weighed as 0 (no time spent ordering plans by criteria a probe does not
/// ask about). Worked out once for all the probes of a solve: a probe's raised gap does
/// not change a candidate's cost.
pub fn probe_costs(world: &World, cands: &[Candidate], upto: usize) -> Vec<criterion::Cost> {
    let mut costs = criterion::costs(world, cands);
    for c in &mut costs {
        c[upto.min(criterion::COST_LEN)..].fill(0);
    }
    costs
}

/// The best plan of some meetings alone (a component: meetings that share nobody with
/// the rest), None when they have none, under `costs` ([`probe_costs`] for
/// [`super::spread`]'s probes; the plan's cost then holds only the entries they keep).
/// The ILP orders by all of them either way.
#[allow(clippy::too_many_arguments)]
pub fn solve_meetings(
    world: &World,
    cands: &[Candidate],
    costs: &[criterion::Cost],
    rules: &BTreeSet<Rule>,
    meetings: &[usize],
    backend: Backend,
    deadline: Option<Instant>,
) -> Result<Option<Planned>> {
    let list = component_plans(world, cands, costs, rules, meetings, 1, backend, deadline)?;
    Ok(list.into_iter().next())
}

/// The k best plans by the ILP, each excluding the ones before.
#[allow(clippy::too_many_arguments)]
fn ilp_plans(
    world: &World,
    cands: &[Candidate],
    costs: &[criterion::Cost],
    rules: &BTreeSet<Rule>,
    meetings: Option<BTreeSet<usize>>,
    k: usize,
    backend: Backend,
    deadline: Option<Instant>,
) -> Result<Vec<Planned>> {
    let mut out: Vec<Planned> = Vec::new();
    let mut excluded: Vec<Vec<usize>> = Vec::new();
    while out.len() < k {
        let req = Request {
            rules: rules.clone(),
            forced: Vec::new(),
            excluded: excluded.clone(),
            deadline,
            meetings: meetings.clone(),
        };
        let solved = match model::solve(world, cands, &req, backend) {
            Ok(s) => s,
            Err(_) if !out.is_empty() && deadline.is_some_and(|d| Instant::now() >= d) => break,
            Err(_) if deadline.is_some_and(|d| Instant::now() >= d) => {
                return Err(Error::OutOfTime)
            }
            Err(e) => return Err(e),
        };
        let Some(s) = solved else { break };
        excluded.push(s.chosen.clone());
        let proven = s.proven && out.last().is_none_or(|p| p.proven);
        out.push(Planned {
            cost: criterion::total(costs, &s.chosen),
            chosen: s.chosen,
            proven,
        });
    }
    Ok(out)
}

/// The slots of chosen candidates, for [`verify::verify`].
pub fn slots_of(cands: &[Candidate], chosen: &[usize]) -> Vec<verify::Slot> {
    chosen
        .iter()
        .map(|&c| verify::Slot {
            meeting: cands[c].meeting,
            start: cands[c].start,
            end: cands[c].end,
            original: cands[c].original.is_some(),
        })
        .collect()
}

/// A plan from chosen candidates. Kept originals are their own; the originals left and
/// the new dates are paired in time order so that the days between each pair, summed,
/// are fewest ([`pair`]): each moved occurrence names its nearest original, "moved from"
/// reads right, and the score's `moves`/`moved_days` count exactly those pairs. New
/// dates left over are added; originals left over are withdrawn.
pub fn found(
    world: &World,
    cands: &[Candidate],
    chosen: Vec<usize>,
    rank: usize,
    proven_optimal: bool,
) -> Found {
    let mut score = criterion::score(world, cands, &chosen);
    score.smallest_gap_days = criterion::spread_score(world, cands, &chosen);
    let (mut moves, mut moved_days) = (0, 0);
    let mut occurrences = Vec::new();
    let mut withdrawn = Vec::new();
    for m in 0..world.plan.meetings.len() {
        let mut mine: Vec<usize> = chosen
            .iter()
            .copied()
            .filter(|&c| cands[c].meeting == m)
            .collect();
        mine.sort_by_key(|&c| (cands[c].start, c));
        let open: Vec<&Candidate> = cands
            .iter()
            .filter(|c| {
                c.meeting == m
                    && c.original.is_some()
                    && !mine
                        .iter()
                        .any(|&k| cands[k].start == c.start && cands[k].original.is_some())
            })
            .collect();
        let new: Vec<usize> = mine
            .iter()
            .copied()
            .filter(|&c| cands[c].original.is_none())
            .collect();
        let days = |o: usize, n: usize| (open[o].date - cands[new[n]].date).num_days().abs();
        let pairs = pair(open.len(), new.len(), days);
        let mut paired_open = vec![false; open.len()];
        let mut original_of = vec![None; new.len()];
        for &(o, n) in &pairs {
            paired_open[o] = true;
            original_of[n] = Some(open[o].start);
            moves += 1;
            moved_days += days(o, n);
        }
        for &c in &mine {
            let cand = &cands[c];
            let original = match new.iter().position(|&k| k == c) {
                Some(n) => original_of[n],
                None => Some(cand.start),
            };
            occurrences.push(Placed {
                meeting: m,
                date: cand.date,
                start: cand.start,
                end: cand.end,
                original,
                attendance: cand.attendance.clone(),
            });
        }
        withdrawn.extend(
            open.iter()
                .zip(&paired_open)
                .filter(|(_, p)| !**p)
                .map(|(o, _)| (m, o.start)),
        );
    }
    score.moves = moves;
    score.moved_days = moved_days;
    occurrences.sort_by_key(|p| (p.start, p.meeting));
    Found {
        rank,
        score,
        occurrences,
        withdrawn,
        chosen,
        proven_optimal,
    }
}

/// Pairs `a` originals with `b` new dates, both in time order, keeping the order (the
/// i-th original paired before the j-th is paired with an earlier new date): as many
/// pairs as the shorter list has, with the fewest days between the pairs summed (ties:
/// the earliest pairing). A dynamic programme over the two lists, O(a·b).
pub fn pair(a: usize, b: usize, days: impl Fn(usize, usize) -> i64) -> Vec<(usize, usize)> {
    if a == 0 || b == 0 {
        return Vec::new();
    }
    // Pair every item of the shorter list; `d(short, long)`.
    let swap = a > b;
    let (s, l) = if swap { (b, a) } else { (a, b) };
    let d = |i: usize, j: usize| if swap { days(j, i) } else { days(i, j) };
    // f[i][j]: the least days pairing the first i short ones within the first j long ones.
    const NONE: i64 = i64::MAX / 4;
    let mut f = vec![vec![NONE; l + 1]; s + 1];
    f[0].iter_mut().for_each(|x| *x = 0);
    for i in 1..=s {
        for j in i..=l {
            let skip = f[i][j - 1];
            let take = f[i - 1][j - 1].saturating_add(d(i - 1, j - 1));
            f[i][j] = skip.min(take);
        }
    }
    let mut out = Vec::with_capacity(s);
    let (mut i, mut j) = (s, l);
    while i > 0 {
        // Prefer pairing the i-th with the earliest long item that keeps the optimum.
        if j > i && f[i][j - 1] == f[i][j] {
            j -= 1;
        } else {
            out.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        }
    }
    out.reverse();
    if swap {
        out.iter_mut().for_each(|p| *p = (p.1, p.0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pair;

    /// Originals on days 2, 23, 45 and new dates on 10, 40, 70: in time order, each to
    /// its nearest, not the first new date to whichever original is nearest first.
    #[test]
    fn pairs_in_time_order_by_fewest_days() {
        let o = [2i64, 23, 45];
        let n = [10i64, 40, 70];
        let p = pair(3, 3, |i, j| (o[i] - n[j]).abs());
        assert_eq!(p, vec![(0, 0), (1, 1), (2, 2)]);
        // Fewer new dates than originals: the nearest originals are paired.
        let n = [44i64];
        assert_eq!(pair(3, 1, |i, j| (o[i] - n[j]).abs()), vec![(2, 0)]);
        // More new dates than originals: the original goes to its nearest.
        let o = [30i64];
        let n = [10i64, 28, 60];
        assert_eq!(pair(1, 3, |i, j| (o[i] - n[j]).abs()), vec![(0, 1)]);
        assert!(pair(0, 3, |_, _| 0).is_empty());
    }
}
