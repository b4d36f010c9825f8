/*!
`propose`: from the plan, the best conflict-free dates, the runners-up, why every other
date was not taken, and — when nothing fits — which rules together leave no date and the
least that must give.

`model` builds and solves the integer program; `constraints` holds one function per rule;
`explain` turns rejected candidates and infeasible plans into sentences; `verify` checks
every answer independently of the solver.
*/

pub mod constraints;
pub mod explain;
pub mod model;
pub mod verify;

use crate::busy::BusyMap;
use crate::candidates::{self, Candidate};
use crate::check::Attendance;
use crate::diag::{Error, Result};
use crate::world::World;
use chrono::{DateTime, NaiveDate, Utc};
use constraints::Part;
use model::Request;
pub use model::{Backend, Score};
use std::collections::BTreeSet;

/// How to propose.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub backend: Backend,
    /// How many distinct plans to return, best first.
    pub plans: usize,
    /// Move every occurrence of a series, not only the clashing ones.
    pub replan: bool,
    /// Look for relaxations when nothing fits.
    pub relax: bool,
    /// Seconds each solver stage may take (None: no limit).
    pub time_limit: Option<f64>,
}

/// One occurrence of a proposed plan.
#[derive(Debug, Clone)]
pub struct Placed {
    pub meeting: usize,
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The series occurrence this one keeps or replaces.
    pub original: Option<DateTime<Utc>>,
    pub attendance: Attendance,
}

/// A proposed plan.
#[derive(Debug, Clone)]
pub struct Found {
    pub rank: usize,
    pub score: Score,
    pub occurrences: Vec<Placed>,
    /// Series occurrences in the window that the plan neither keeps nor replaces.
    pub withdrawn: Vec<(usize, DateTime<Utc>)>,
    /// Candidate indices (into `Proposal::candidates`).
    pub chosen: Vec<usize>,
}

/// A relaxation that would give a plan.
#[derive(Debug, Clone)]
pub struct Relaxation {
    pub change: String,
    pub plan: Found,
}

#[derive(Debug, Clone)]
pub struct Infeasible {
    /// The rules that together leave no date (each needed: without any one of them a
    /// plan exists, as far as the rules that can be relaxed go).
    pub parts: Vec<(Part, String)>,
    pub relaxations: Vec<Relaxation>,
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub candidates: Vec<Candidate>,
    pub plans: Vec<Found>,
    pub rejected: Vec<explain::Rejected>,
    pub infeasible: Option<Infeasible>,
}

/// Runs the solver over a world.
pub fn propose(world: &World, busy: &BusyMap, opts: Options) -> Result<Proposal> {
    let cands = candidates::candidates(world, busy);
    let parts: BTreeSet<Part> = Part::all(&world.plan, opts.replan).into_iter().collect();
    let mut plans = Vec::new();
    let mut excluded: Vec<Vec<usize>> = Vec::new();
    while plans.len() < opts.plans.max(1) {
        let req = Request {
            parts: parts.clone(),
            forced: Vec::new(),
            excluded: excluded.clone(),
            time_limit: opts.time_limit,
        };
        let Some(chosen) = model::solve(world, &cands, &req, opts.backend).map_err(Error::new)?
        else {
            break;
        };
        let found = found(world, &cands, chosen.clone(), plans.len() + 1);
        let slots = slots_of(&cands, &chosen);
        let broken = verify::verify(world, busy, &slots);
        if !broken.is_empty() {
            return Err(Error::new(format!(
                "internal error: the solver's plan breaks a rule ({}); please report this with the plan",
                broken[0].text
            )));
        }
        excluded.push(chosen);
        plans.push(found);
    }
    if plans.is_empty() {
        let infeasible = explain::infeasible(world, &cands, &parts, opts)?;
        return Ok(Proposal {
            candidates: cands,
            plans,
            rejected: Vec::new(),
            infeasible: Some(infeasible),
        });
    }
    let rejected = explain::rejected(world, &cands, &parts, &plans[0]);
    Ok(Proposal {
        candidates: cands,
        plans,
        rejected,
        infeasible: None,
    })
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
pub fn found(world: &World, cands: &[Candidate], chosen: Vec<usize>, rank: usize) -> Found {
    let score = model::score(world, cands, &chosen);
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
    }
}
