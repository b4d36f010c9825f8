/*!
`propose`: from the plan, the best conflict-free dates, the runners-up, why every other
date was not taken, and — when nothing fits — which rules together leave no date and the
least that must give.

The house, in the order of its imports (a module imports only ones named before it):
`constraints` writes rules as ILP rows over the candidates' variables; `rules` names the
hard rules (one [`Rule`] each: its rows or its unfitness, its name and its sentences);
`criterion` names the objective's criteria and the cost of a candidate; `verify` checks
every answer independently of the solver; `error` is why a solve stopped without an
answer; `model` builds and solves the integer program (the reference, `--solver highs`,
and what the search hands on); `search` is the exact branch and bound that solves by
default; `reason` and `proposal` are what a solve returns; `plans` gives the k best plans
with either solver; `explain` says why each date not taken was not taken; `behind` who
and what is behind a rule that leaves no date; `relax` which rules leave no date and the
least changes that give a plan; `spread` settles the spread criterion (the smallest gap
of meetings with `count`) before the plans are solved, and words the dates that would
shrink it; this file runs them in turn.
*/

pub mod behind;
pub mod constraints;
pub mod criterion;
pub mod error;
pub mod explain;
pub mod model;
pub mod plans;
pub mod proposal;
pub mod reason;
pub mod relax;
pub mod rules;
pub mod search;
pub mod spread;
pub mod verify;

use crate::busy::BusyMap;
use crate::candidates;
use crate::world::World;
pub use criterion::{Criterion, Score};
pub use error::{Error, Result};
pub use model::Backend;
pub use plans::{found, slots_of, solve_plans};
pub use proposal::{
    Behind, Change, Compared, Found, Infeasible, Options, Placed, Proposal, Relaxation,
};
pub use reason::{Reason, Rejected, Why};
pub use rules::Rule;
use std::collections::BTreeSet;
use std::time::Instant;

/// The default time budget of one `propose`, in seconds (`--time-limit` changes it).
pub const DEFAULT_TIME_LIMIT: f64 = 60.0;

/// Runs the solver over a world.
pub fn propose(world: &World, busy: &BusyMap, opts: Options) -> Result<Proposal> {
    let deadline = opts.deadline();
    let cands = candidates::candidates(world, busy);
    let rules: BTreeSet<Rule> = Rule::all(&world.plan, opts.replan).into_iter().collect();
    // The spread first: the plans are solved with its gaps kept. It gets at most half of
    // the time left, so that a spread cut by the limit (its gaps settled so far kept, the
    // plan flagged not proven) still leaves the plans their time.
    let spread_deadline = deadline.map(|d| {
        let now = Instant::now();
        now + d.saturating_duration_since(now) / 2
    });
    let settled = spread::settle(world, &cands, &rules, opts.backend, spread_deadline)?;
    let (solve_world, solve_rules) = match &settled {
        Some(s) => (&s.world, &s.rules),
        None => (world, &rules),
    };
    let spread_proven = settled.as_ref().is_none_or(|s| s.proven);
    let mut plans = Vec::new();
    for p in solve_plans(
        solve_world,
        &cands,
        solve_rules,
        opts.plans.max(1),
        opts.backend,
        deadline,
    )? {
        let proven = p.proven && spread_proven;
        let found = found(world, &cands, p.chosen, plans.len() + 1, proven);
        let slots = slots_of(&cands, &found.chosen);
        if let Some(first) = verify::verify(world, busy, &slots).into_iter().next() {
            return Err(Error::BrokenPlan(first));
        }
        plans.push(found);
    }
    if plans.is_empty() {
        let infeasible = relax::infeasible(world, &cands, &rules, opts, deadline)?;
        return Ok(Proposal {
            candidates: cands,
            plans,
            rejected: Vec::new(),
            infeasible: Some(infeasible),
            time_limit: opts.time_limit,
        });
    }
    let mut rejected = explain::rejected(solve_world, &cands, solve_rules, &plans[0]);
    if let Some(s) = &settled {
        spread::reword(world, &cands, &rules, s, &plans[0], &mut rejected);
    }
    Ok(Proposal {
        candidates: cands,
        plans,
        rejected,
        infeasible: None,
        time_limit: opts.time_limit,
    })
}
