/*!
`propose`: from the plan, the best conflict-free dates, the runners-up, why every other
date was not taken, and — when nothing fits — which rules together leave no date and the
least that must give.

`rules` names the hard rules (one [`Rule`] each: its rows or its unfitness, its name and
its sentences); `criterion` names the objective's criteria and the cost of a candidate;
`constraints` writes each rule with rows as ILP rows; `search` is the exact branch and
bound that solves by default; `model` builds and solves the integer program (the
reference, `--solver highs`, and what the search hands on); `explain` turns rejected
candidates and infeasible plans into reasons; `verify` checks every answer independently
of the solver; `error` is why a solve stopped without an answer.
*/

pub mod constraints;
pub mod criterion;
pub mod error;
pub mod explain;
pub mod model;
pub mod rules;
pub mod search;
pub mod verify;

use crate::busy::BusyMap;
use crate::candidates::{self, Candidate};
use crate::check::Attendance;
use crate::world::World;
use chrono::{DateTime, NaiveDate, Utc};
pub use criterion::{Criterion, Score};
pub use error::Error;
pub use model::Backend;
use model::Request;
pub use rules::Rule;
use search::Planned;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// What the solver returns.
pub type Result<T> = std::result::Result<T, Error>;

/// The default time budget of one `propose`, in seconds (`--time-limit` changes it).
pub const DEFAULT_TIME_LIMIT: f64 = 60.0;

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
    /// Seconds the whole solve may take (None: no limit); then the best plan found so
    /// far is returned, marked not proven optimal.
    pub time_limit: Option<f64>,
}

impl Options {
    /// When the solve must end, counted from now.
    pub fn deadline(&self) -> Option<Instant> {
        self.time_limit
            .map(|t| Instant::now() + Duration::from_secs_f64(t.clamp(0.0, 1e9)))
    }
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
    /// Whether the solver proved this plan the best of its rank (false: the time limit
    /// came first, and this is the best found by then).
    pub proven_optimal: bool,
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
    pub rules: Vec<(Rule, String)>,
    pub relaxations: Vec<Relaxation>,
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub candidates: Vec<Candidate>,
    pub plans: Vec<Found>,
    pub rejected: Vec<explain::Rejected>,
    pub infeasible: Option<Infeasible>,
    /// The time budget the solve had (for "best found in 30 s; not proven optimal").
    pub time_limit: Option<f64>,
}

/// Runs the solver over a world.
pub fn propose(world: &World, busy: &BusyMap, opts: Options) -> Result<Proposal> {
    let deadline = opts.deadline();
    let cands = candidates::candidates(world, busy);
    let rules: BTreeSet<Rule> = Rule::all(&world.plan, opts.replan).into_iter().collect();
    let mut plans = Vec::new();
    for p in solve_plans(
        world,
        &cands,
        &rules,
        opts.plans.max(1),
        opts.backend,
        deadline,
    )? {
        let found = found(world, &cands, p.chosen, plans.len() + 1, p.proven);
        let slots = slots_of(&cands, &found.chosen);
        if let Some(first) = verify::verify(world, busy, &slots).into_iter().next() {
            return Err(Error::BrokenPlan(first));
        }
        plans.push(found);
    }
    if plans.is_empty() {
        let infeasible = explain::infeasible(world, &cands, &rules, opts, deadline)?;
        return Ok(Proposal {
            candidates: cands,
            plans,
            rejected: Vec::new(),
            infeasible: Some(infeasible),
            time_limit: opts.time_limit,
        });
    }
    let rejected = explain::rejected(world, &cands, &rules, &plans[0]);
    Ok(Proposal {
        candidates: cands,
        plans,
        rejected,
        infeasible: None,
        time_limit: opts.time_limit,
    })
}

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
