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
use chrono::{DateTime, NaiveDate, Utc};
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
        let list = match search::solve_component(world, cands, &costs, rules, &comp, k, deadline) {
            search::Solved::Plans(list) => list,
            search::Solved::NothingInTime => return Err(Error::OutOfTime),
            search::Solved::Unsupported(_) => {
                let only = comp.iter().copied().collect();
                ilp_plans(
                    world,
                    cands,
                    &costs,
                    rules,
                    Some(only),
                    k,
                    backend,
                    deadline,
                )?
            }
        };
        if list.is_empty() {
            return Ok(Vec::new());
        }
        lists.push(list);
    }
    Ok(search::combine(cands, &lists, k))
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

/// A plan from chosen candidates: which original each keeps or replaces (kept ones are
/// their own; moved ones take the nearest clashing original left, in date order).
pub fn found(
    world: &World,
    cands: &[Candidate],
    chosen: Vec<usize>,
    rank: usize,
    proven_optimal: bool,
) -> Found {
    let score = criterion::score(world, cands, &chosen);
    let mut occurrences = Vec::new();
    let mut withdrawn = Vec::new();
    for m in 0..world.plan.meetings.len() {
        let mine: Vec<usize> = chosen
            .iter()
            .copied()
            .filter(|&c| cands[c].meeting == m)
            .collect();
        let mut open: Vec<(NaiveDate, DateTime<Utc>)> = cands
            .iter()
            .filter(|c| {
                c.meeting == m
                    && c.original.is_some()
                    && !mine
                        .iter()
                        .any(|&k| cands[k].start == c.start && cands[k].original.is_some())
            })
            .map(|c| (c.date, c.start))
            .collect();
        for &c in &mine {
            let cand = &cands[c];
            let original = if cand.original.is_some() {
                Some(cand.start)
            } else if open.is_empty() {
                None
            } else {
                let (k, _) = open
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, (d, _))| (*d - cand.date).num_days().abs())
                    .unwrap();
                Some(open.remove(k).1)
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
        withdrawn.extend(open.into_iter().map(|(_, s)| (m, s)));
    }
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
