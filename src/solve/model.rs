/*!
The integer program: one 0/1 variable per candidate that passes the per-candidate rules,
the rows of the switched-on [`Rule`]s, and a lexicographic objective solved in stages.

The reference model: `--solver highs` solves it, and the default search
([`super::search`]) hands it any component of meetings it does not take.

Stages: one per [`Criterion`] in SPEC.md's order, then the tie-break (the earliest
dates). Each stage minimises its criterion's entries of the candidates' [`Cost`]s with
the previous stages' optima fixed as constraints; a criterion of two entries (moves and
moved days) weighs the first by `(max·N + 1)`, so each stage's objective is exact in
integers. A stage whose criterion is the same for every candidate is skipped. The
status of every stage is read from the solver: a stage stopped by the time limit keeps
the best plan found by then (or the previous stage's) and the plan is not proven.
*/

use super::constraints::{self, Ctx};
use super::criterion::{self, Cost, Criterion, TIE_BREAK};
use super::error::Error;
use super::rules::{unfit, Rule};
use crate::candidates::Candidate;
use crate::world::World;
use good_lp::{
    constraint, variable, Constraint, Expression, ProblemVariables, ResolutionError, Solution,
    SolutionStatus, SolverModel, Variable, WithTimeLimit,
};
use std::collections::BTreeSet;
use std::time::Instant;

/// The solver backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Pure Rust (good_lp's `microlp`), the default.
    Microlp,
    /// HiGHS (cargo feature `highs`).
    #[cfg(feature = "highs")]
    Highs,
}

impl Backend {
    pub fn name(&self) -> &'static str {
        match self {
            Backend::Microlp => "microlp",
            #[cfg(feature = "highs")]
            Backend::Highs => "highs",
        }
    }
}

/// What to solve: which rules are on, candidates that must be in, plans to avoid.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub rules: BTreeSet<Rule>,
    pub forced: Vec<usize>,
    pub excluded: Vec<Vec<usize>>,
    /// When the solve must end; the best plan found by then is used (not proven).
    pub deadline: Option<Instant>,
    /// Only these meetings (None: all); the others' candidates are left out.
    pub meetings: Option<BTreeSet<usize>>,
}

impl Request {
    fn wants(&self, m: usize) -> bool {
        self.meetings.as_ref().is_none_or(|s| s.contains(&m))
    }
}

/// A stage's answer: the chosen candidates and whether the solver proved them optimal.
type Staged = Result<(Vec<usize>, bool), ResolutionError>;

fn run<M: SolverModel<Error = ResolutionError> + WithTimeLimit>(
    model: M,
    rows: &[Constraint],
    xs: &[Option<Variable>],
    time_limit: Option<f64>,
) -> Staged {
    let model = match time_limit {
        Some(t) => model.with_time_limit(t),
        None => model,
    };
    let model = rows.iter().cloned().fold(model, |m, r| m.with(r));
    let sol = model.solve()?;
    let proven = matches!(sol.status(), SolutionStatus::Optimal);
    Ok((
        xs.iter()
            .enumerate()
            .filter_map(|(i, x)| x.map(|x| (i, sol.value(x))))
            .filter(|(_, v)| *v > 0.5)
            .map(|(i, _)| i)
            .collect(),
        proven,
    ))
}

fn solve_stage(
    backend: Backend,
    vars: ProblemVariables,
    objective: Expression,
    rows: &[Constraint],
    xs: &[Option<Variable>],
    time_limit: Option<f64>,
) -> Staged {
    let problem = vars.minimise(objective);
    match backend {
        Backend::Microlp => run(problem.using(good_lp::microlp), rows, xs, time_limit),
        #[cfg(feature = "highs")]
        Backend::Highs => run(problem.using(good_lp::highs), rows, xs, time_limit),
    }
}

/// Builds the rows of a request. Returns the variables, rows and candidate variables.
fn build(
    world: &World,
    cands: &[Candidate],
    req: &Request,
) -> (ProblemVariables, Vec<Constraint>, Vec<Option<Variable>>) {
    let mut vars = ProblemVariables::new();
    let xs: Vec<Option<Variable>> = cands
        .iter()
        .map(|c| {
            if req.wants(c.meeting) && unfit(world, &req.rules, c).is_none() {
                Some(vars.add(variable().binary()))
            } else {
                None
            }
        })
        .collect();
    let mut ctx = Ctx {
        world,
        cands,
        xs,
        vars,
    };
    let mut rows: Vec<Constraint> = Vec::new();
    for rule in &req.rules {
        // A rule about a meeting left out is left out with it.
        if rule.meeting(&world.plan).is_none_or(|m| req.wants(m)) {
            rows.extend(rule.rows(&mut ctx));
        }
    }
    for &c in &req.forced {
        match ctx.x(c) {
            Some(x) => rows.push(constraint!(x == 1.0)),
            // A forced candidate that is unfit: nothing can include it.
            None => rows.push(constraint!(Expression::from(0.0) == 1.0)),
        }
    }
    for plan in &req.excluded {
        let mut e = Expression::from(0.0);
        for &c in plan {
            if let Some(x) = ctx.x(c) {
                e += x;
            }
        }
        rows.push(constraint!(e <= plan.len() as f64 - 1.0));
    }
    (ctx.vars, rows, ctx.xs)
}

fn weighted(xs: &[Option<Variable>], f: impl Fn(usize) -> i64) -> Expression {
    let mut e = Expression::from(0.0);
    for (c, x) in xs.iter().enumerate() {
        if let Some(x) = x {
            let w = f(c);
            if w != 0 {
                e += (w as f64) * *x;
            }
        }
    }
    e
}

/// What the ILP answered: the chosen candidates (sorted) and whether every stage was
/// proven optimal.
#[derive(Debug, Clone)]
pub struct Solved {
    pub chosen: Vec<usize>,
    pub proven: bool,
}

/// One stage's objective per candidate: the entries of a criterion (or the tie-break),
/// the more significant weighted above all the less significant ones together.
fn stage_weights(
    costs: &[Cost],
    live: &[usize],
    entries: std::ops::Range<usize>,
    n: i64,
) -> Vec<i64> {
    let mut w = vec![0i64; costs.len()];
    let mut scale = 1i64;
    for e in entries.rev() {
        let lo = live.iter().map(|&c| costs[c][e]).min().unwrap_or(0);
        let hi = live.iter().map(|&c| costs[c][e]).max().unwrap_or(0);
        for &c in live {
            w[c] += (costs[c][e] - lo) * scale;
        }
        scale = scale.saturating_mul((hi - lo) * n + 1);
    }
    w
}

/// Solves a request: the chosen candidates, or None when infeasible. `Err`: the solver
/// failed, or the time ran out before it found any plan.
pub fn solve(
    world: &World,
    cands: &[Candidate],
    req: &Request,
    backend: Backend,
) -> Result<Option<Solved>, Error> {
    let (vars, mut rows, xs) = build(world, cands, req);
    let wanted: Vec<usize> = (0..world.plan.meetings.len())
        .filter(|&m| req.wants(m))
        .collect();
    if xs.iter().all(Option::is_none) {
        // No candidate is fit at all (some solvers refuse an empty model): a plan exists
        // only if nothing is needed.
        let nothing_needed = wanted.iter().all(|&m| constraints::needed(world, m) == 0);
        return Ok(nothing_needed.then(|| Solved {
            chosen: Vec::new(),
            proven: true,
        }));
    }
    let n: i64 = wanted
        .iter()
        .map(|&m| constraints::needed(world, m) as i64)
        .sum();
    let costs = criterion::costs(world, cands);
    let live: Vec<usize> = (0..cands.len()).filter(|&c| xs[c].is_some()).collect();
    let stages = Criterion::ALL
        .iter()
        .map(|c| c.entries())
        .chain([TIE_BREAK]);

    let mut chosen: Option<Vec<usize>> = None;
    let mut proven = true;
    let mut first = true;
    for entries in stages {
        let w = stage_weights(&costs, &live, entries, n.max(1));
        if !first && live.iter().all(|&c| w[c] == w[live[0]]) {
            continue;
        }
        first = false;
        let time_limit = match req.deadline {
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now()).as_secs_f64();
                if left <= 0.0 && chosen.is_some() {
                    proven = false;
                    break;
                }
                Some(left.max(0.001))
            }
            None => None,
        };
        let obj = weighted(&xs, |c| w[c]);
        match solve_stage(backend, vars.clone(), obj, &rows, &xs, time_limit) {
            Ok((sol, optimal)) => {
                let value: i64 = sol.iter().map(|&c| w[c]).sum();
                let fix = weighted(&xs, |c| w[c]);
                rows.push(constraint!(fix <= value as f64 + 0.5));
                chosen = Some(sol);
                if !optimal {
                    // The later stages would only be as good as this one's plan allows.
                    proven = false;
                    break;
                }
            }
            Err(ResolutionError::Infeasible) => return Ok(None),
            Err(e) if chosen.is_some() && req.deadline.is_some() => {
                // Out of time in a later stage: the previous stage's plan stands.
                let _ = e;
                proven = false;
                break;
            }
            Err(e) => {
                return Err(Error::Backend {
                    backend: backend.name(),
                    message: e.to_string(),
                })
            }
        }
    }
    Ok(chosen.map(|mut v| {
        v.sort_by_key(|&c| (cands[c].start, cands[c].meeting, c));
        Solved { chosen: v, proven }
    }))
}
