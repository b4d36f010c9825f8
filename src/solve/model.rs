/*!
The integer program: one 0/1 variable per candidate that passes the per-candidate rules,
the rows of the switched-on [`Part`]s, and a lexicographic objective solved in stages.

Stages (SPEC.md's order; an earlier criterion always outweighs all later ones together):
1. most attendees present (in person and remote alike);
2. most present in person;
3. fewest moves from the current plan, then smallest (in days);
4. fewest occurrences off the preferred days, then the earliest allowed start times;
5. (a tie-break outside SPEC.md's list, for stable answers) the earliest dates.

Each stage maximises or minimises its criterion with the previous stages' optima fixed
as constraints. Stage 3 combines its two counts with the weight `moves × (D·N + 1)`,
stage 4 likewise, so each stage's objective is exact in integers. A stage whose
criterion is the same for every candidate is skipped.
*/

use super::constraints::{self, Part};
use crate::candidates::{unfit, Candidate, Filters};
use crate::world::World;
use good_lp::{
    constraint, variable, Constraint, Expression, ProblemVariables, ResolutionError, Solution,
    SolverModel, Variable, WithTimeLimit,
};
use std::collections::BTreeSet;

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

/// The model under construction: the candidates and their variables.
pub struct Ctx<'a> {
    pub world: &'a World,
    pub cands: &'a [Candidate],
    xs: Vec<Option<Variable>>,
    vars: ProblemVariables,
}

impl Ctx<'_> {
    /// The variable of candidate `c`, if it passed the per-candidate rules.
    pub fn x(&self, c: usize) -> Option<Variable> {
        self.xs[c]
    }
    pub fn of_meeting(&self, m: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.cands.len()).filter(move |&c| self.cands[c].meeting == m)
    }
    pub fn continuous(&mut self) -> Variable {
        self.vars.add(variable().min(0.0))
    }
}

/// What to solve: which rules are on, candidates that must be in, plans to avoid.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub parts: BTreeSet<Part>,
    pub forced: Vec<usize>,
    pub excluded: Vec<Vec<usize>>,
    /// Seconds each solver stage may take; the best plan found by then is used (it may
    /// not be optimal).
    pub time_limit: Option<f64>,
}

/// The per-candidate rules of meeting `m` under `parts`.
pub fn filters(parts: &BTreeSet<Part>, m: usize) -> Filters {
    Filters {
        holidays: parts.contains(&Part::Holidays),
        required: parts.contains(&Part::Required(m)),
        quorum: parts.contains(&Part::Quorum(m)),
    }
}

/// The criteria of one solution, in SPEC.md's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Score {
    pub present: i64,
    pub in_person: i64,
    pub moves: i64,
    pub moved_days: i64,
    pub not_preferred: i64,
    pub start_rank: i64,
}

impl Score {
    /// Better first: larger present, larger in person, fewer moves … earlier starts.
    pub fn key(&self) -> (i64, i64, i64, i64, i64, i64) {
        (
            -self.present,
            -self.in_person,
            self.moves,
            self.moved_days,
            self.not_preferred,
            self.start_rank,
        )
    }
}

/// Days from a candidate to the nearest clashing original of its meeting (0 if it is an
/// original), and whether choosing it is a move.
pub fn move_of(cands: &[Candidate], c: usize) -> (i64, i64) {
    let cand = &cands[c];
    if cand.original.is_some() {
        return (0, 0);
    }
    let nearest = cands
        .iter()
        .filter(|o| o.meeting == cand.meeting && o.original.is_some() && o.original_clashes)
        .map(|o| (o.date - cand.date).num_days().abs())
        .min();
    match nearest {
        Some(d) => (1, d),
        None => {
            let any_series = cands
                .iter()
                .any(|o| o.meeting == cand.meeting && o.original.is_some());
            (if any_series { 1 } else { 0 }, 0)
        }
    }
}

/// The score of a set of chosen candidates.
pub fn score(world: &World, cands: &[Candidate], chosen: &[usize]) -> Score {
    let mut s = Score::default();
    for &c in chosen {
        let cand = &cands[c];
        let m = &world.plan.meetings[cand.meeting];
        s.present += cand.present() as i64;
        s.in_person += cand.in_person() as i64;
        let (mv, d) = move_of(cands, c);
        s.moves += mv;
        s.moved_days += d;
        if !m.prefer_days.is_empty()
            && !m
                .prefer_days
                .contains(&chrono::Datelike::weekday(&cand.date))
        {
            s.not_preferred += 1;
        }
        s.start_rank += cand.start_index as i64;
    }
    s
}

fn run<M: SolverModel<Error = ResolutionError> + WithTimeLimit>(
    model: M,
    rows: &[Constraint],
    xs: &[Option<Variable>],
    time_limit: Option<f64>,
) -> Result<Vec<usize>, ResolutionError> {
    let model = match time_limit {
        Some(t) => model.with_time_limit(t),
        None => model,
    };
    let model = rows.iter().cloned().fold(model, |m, r| m.with(r));
    let sol = model.solve()?;
    Ok(xs
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.map(|x| (i, sol.value(x))))
        .filter(|(_, v)| *v > 0.5)
        .map(|(i, _)| i)
        .collect())
}

fn solve_stage(
    backend: Backend,
    vars: ProblemVariables,
    objective: Expression,
    maximise: bool,
    rows: &[Constraint],
    xs: &[Option<Variable>],
    time_limit: Option<f64>,
) -> Result<Vec<usize>, ResolutionError> {
    let problem = if maximise {
        vars.maximise(objective)
    } else {
        vars.minimise(objective)
    };
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
            let m = &world.plan.meetings[c.meeting];
            match unfit(c, m, filters(&req.parts, c.meeting)) {
                None => Some(vars.add(variable().binary())),
                Some(_) => None,
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
    for part in &req.parts {
        let more = match *part {
            Part::Occurrences(m) => constraints::occurrences(&ctx, m),
            Part::Gap(m) => constraints::gap(&mut ctx, m),
            Part::Order(i) => constraints::order(&ctx, i),
            Part::OneMeetingAtATime => constraints::one_meeting_at_a_time(&ctx),
            Part::KeepSeries(m) => constraints::keep_series(&ctx, m),
            Part::Holidays | Part::Required(_) | Part::Quorum(_) => Vec::new(),
        };
        rows.extend(more);
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

fn weighted(cands: &[Candidate], xs: &[Option<Variable>], f: impl Fn(usize) -> f64) -> Expression {
    let mut e = Expression::from(0.0);
    for (c, x) in xs.iter().enumerate() {
        if let Some(x) = x {
            let w = f(c);
            if w != 0.0 {
                e += w * *x;
            }
        }
    }
    let _ = cands;
    e
}

/// Solves a request: the chosen candidates (sorted), or None when infeasible.
pub fn solve(
    world: &World,
    cands: &[Candidate],
    req: &Request,
    backend: Backend,
) -> Result<Option<Vec<usize>>, String> {
    let (vars, mut rows, xs) = build(world, cands, req);
    if xs.iter().all(Option::is_none) {
        // No candidate is fit at all (some solvers refuse an empty model): a plan exists
        // only if nothing is needed.
        let nothing_needed =
            (0..world.plan.meetings.len()).all(|m| constraints::needed(world, m) == 0);
        return Ok(nothing_needed.then(Vec::new));
    }
    let n: f64 = (0..world.plan.meetings.len())
        .map(|m| constraints::needed(world, m) as f64)
        .sum();
    let live: Vec<usize> = (0..cands.len()).filter(|&c| xs[c].is_some()).collect();
    let distinct =
        |f: &dyn Fn(usize) -> i64| live.iter().map(|&c| f(c)).collect::<BTreeSet<i64>>().len() > 1;

    // Each stage: (objective per candidate, maximise?)
    let present = |c: usize| cands[c].present() as i64;
    let in_person = |c: usize| cands[c].in_person() as i64;
    let max_days = cands
        .iter()
        .enumerate()
        .map(|(c, _)| move_of(cands, c).1)
        .max()
        .unwrap_or(0);
    let moves = |c: usize| {
        let (mv, d) = move_of(cands, c);
        mv * ((max_days + 1) * n as i64 + 1) + d
    };
    let max_start = cands
        .iter()
        .map(|c| c.start_index as i64)
        .max()
        .unwrap_or(0);
    let pref = |c: usize| {
        let cand = &cands[c];
        let m = &world.plan.meetings[cand.meeting];
        let off = !m.prefer_days.is_empty()
            && !m
                .prefer_days
                .contains(&chrono::Datelike::weekday(&cand.date));
        (off as i64) * ((max_start + 1) * n as i64 + 1) + cand.start_index as i64
    };
    // A last tie-break, so equal plans come out the same way every time: earlier dates.
    let earliest = |c: usize| (cands[c].date - world.plan.from).num_days();
    let stages: [(&dyn Fn(usize) -> i64, bool); 5] = [
        (&present, true),
        (&in_person, true),
        (&moves, false),
        (&pref, false),
        (&earliest, false),
    ];

    let mut chosen: Option<Vec<usize>> = None;
    let mut first = true;
    for (f, maximise) in stages {
        if !first && !distinct(f) {
            continue;
        }
        first = false;
        let obj = weighted(cands, &xs, |c| f(c) as f64);
        match solve_stage(
            backend,
            vars.clone(),
            obj,
            maximise,
            &rows,
            &xs,
            req.time_limit,
        ) {
            Ok(sol) => {
                let value: i64 = sol.iter().map(|&c| f(c)).sum();
                let fix = weighted(cands, &xs, |c| f(c) as f64);
                rows.push(if maximise {
                    constraint!(fix >= value as f64 - 0.5)
                } else {
                    constraint!(fix <= value as f64 + 0.5)
                });
                chosen = Some(sol);
            }
            Err(ResolutionError::Infeasible) => return Ok(None),
            Err(e) => return Err(format!("the {} solver failed: {e}", backend.name())),
        }
    }
    Ok(chosen.map(|mut v| {
        v.sort_by_key(|&c| (cands[c].start, cands[c].meeting));
        v
    }))
}
