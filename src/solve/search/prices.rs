/*!
Lagrangian prices for the branch and bound ([`super::bnb`]): the clash rows
`x_a + x_b ≤ 1` between meetings that share someone, priced into the meetings' costs.
With any non-negative multipliers, every meeting solved alone under the prices, minus
the multipliers' sum, is a lower bound (weak duality), so the multipliers need only be
good, not right. They are found by subgradient ascent: from the root's clashes, each
priced at half the least its cheaper side must give up, Polyak steps towards the
incumbent's value, the step factor halved after 15 steps without a better bound. When a
round settles, a greedy plan under the best prices so far may improve the incumbent (so
the steps aim nearer the optimum), and a new round starts from the best multipliers with
full steps — now scaled to the smaller gap, so the bound converges criterion by
criterion down to the last unit.
*/

use super::bnb::{clashes, incumbent_near, solve_meeting, Chain, Component, Incumbent, Node, Row};
use std::collections::HashMap;
use std::time::Instant;

/// Most subgradient steps for the Lagrangian multipliers at a search's root.
const LAGRANGE_STEPS: usize = 3000;
/// Most subgradient steps for a later search of the same component.
const WARM_STEPS: usize = 300;
/// Subgradient steps at a node whose bound alone does not prune it.
const NODE_STEPS: usize = 12;
/// Steps without a better bound before the step factor halves.
const STALE_STEPS: usize = 15;

/// Lagrangian prices: per meeting and position, the sum of the multipliers of the clash
/// rows it is in; `total` the sum of all multipliers.
#[derive(Clone)]
pub struct Prices {
    pub pen: Vec<Vec<i128>>,
    pub total: i128,
}

impl Prices {
    pub fn none(comp: &Component) -> Prices {
        Prices {
            pen: comp.meetings.iter().map(|m| vec![0; m.len()]).collect(),
            total: 0,
        }
    }
    pub fn of(&self, k: usize) -> Option<&[i128]> {
        (self.total != 0).then(|| self.pen[k].as_slice())
    }
}

/// The clash rows priced so far and their multipliers.
#[derive(Clone, Default)]
pub struct Multipliers {
    rows: Vec<Row>,
    index: HashMap<Row, usize>,
    lam: Vec<i128>,
}

impl Multipliers {
    fn add(&mut self, row: Row, l: i128) -> usize {
        let (rows, lam) = (&mut self.rows, &mut self.lam);
        *self.index.entry(row).or_insert_with(|| {
            rows.push(row);
            lam.push(l);
            rows.len() - 1
        })
    }

    fn prices(&self, comp: &Component) -> Prices {
        let mut p = Prices::none(comp);
        for (&((am, ap), (bm, bp)), &l) in self.rows.iter().zip(&self.lam) {
            p.pen[am][ap] += l;
            p.pen[bm][bp] += l;
            p.total += l;
        }
        p
    }
}

/// How long a subgradient ascent runs.
struct Schedule {
    steps: usize,
    /// A round ends when the step factor falls below this; rounds restart from the best
    /// multipliers with the factor at 1, while they raise the bound.
    min_theta: f64,
    rounds: usize,
}

/// Multipliers for the clash rows by subgradient steps from the root (Polyak steps
/// towards the incumbent's value, which rounds of the ascent improve by greedy plans
/// under the prices found): the prices whose Lagrangian bound was highest, and their
/// multipliers (for [`reprice`] at nodes).
pub fn prices(
    comp: &Component,
    root: &Node,
    incumbent: &mut Incumbent,
    deadline: Option<Instant>,
) -> (Prices, Multipliers) {
    let mut mult = Multipliers::default();
    let Some(mut upper) = incumbent.as_ref().map(|(c, _)| *c) else {
        return (Prices::none(comp), mult);
    };
    // Start from the root's clashes, each priced at half the least its cheaper side
    // must give up.
    let pos: Vec<&[usize]> = root.sols.iter().map(|s| s.pos.as_slice()).collect();
    for row in clashes(comp, &pos) {
        let ((am, ap), (bm, bp)) = row;
        let give = |m: usize, p: usize| {
            root.without[m]
                .borrow()
                .get(&p)
                .copied()
                .flatten()
                .map(|c| c - root.sols[m].cost)
        };
        let w = match (give(am, ap), give(bm, bp)) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => 0,
        };
        mult.add(row, (w / 2).max(0));
    }
    let schedule = Schedule {
        steps: LAGRANGE_STEPS,
        min_theta: 1e-4,
        rounds: 8,
    };
    let (prices, _) = ascend(
        comp,
        &root.chain,
        &mut mult,
        &mut upper,
        Some(incumbent),
        &schedule,
        deadline,
    );
    (prices, mult)
}

/// Prices for a later search of the component (a k-best subproblem): a short ascent
/// from the first search's multipliers.
pub fn warm(
    comp: &Component,
    chain: &Chain,
    from: &Multipliers,
    incumbent: &mut Incumbent,
    deadline: Option<Instant>,
) -> (Prices, Multipliers) {
    let mut mult = from.clone();
    let Some(mut upper) = incumbent.as_ref().map(|(c, _)| *c) else {
        return (mult.prices(comp), mult);
    };
    let schedule = Schedule {
        steps: WARM_STEPS,
        min_theta: 1e-3,
        rounds: 3,
    };
    let (prices, _) = ascend(
        comp,
        chain,
        &mut mult,
        &mut upper,
        Some(incumbent),
        &schedule,
        deadline,
    );
    (prices, mult)
}

/// The Lagrangian bound at a node after a few subgradient steps from the root's
/// multipliers (the node's forced and forbidden candidates change which are dear).
pub fn reprice(comp: &Component, chain: &Chain, root: &Multipliers, upper: i128) -> i128 {
    let mut mult = root.clone();
    let mut upper = upper;
    let schedule = Schedule {
        steps: NODE_STEPS,
        min_theta: 0.05,
        rounds: 1,
    };
    ascend(comp, chain, &mut mult, &mut upper, None, &schedule, None).1
}

/// Subgradient ascent from `mult` under `chain`: the best prices met and their bound;
/// `mult` ends as the best multipliers. With `incumbent`, each round's end looks for a
/// better plan under the best prices.
fn ascend(
    comp: &Component,
    chain: &Chain,
    mult: &mut Multipliers,
    upper: &mut i128,
    mut incumbent: Option<&mut Incumbent>,
    schedule: &Schedule,
    deadline: Option<Instant>,
) -> (Prices, i128) {
    let mut cur = mult.prices(comp);
    let mut best = cur.clone();
    let mut best_lam = mult.lam.clone();
    let mut best_bound = i128::MIN;
    let mut best_raw = i128::MIN;
    let mut theta = 1.0f64;
    let mut stale = 0;
    let mut round_start = i128::MIN;
    let mut rounds = 0;
    for _ in 0..schedule.steps {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        if theta < schedule.min_theta {
            // A round has settled: again from the best multipliers with full steps (now
            // scaled to the smaller gap), while rounds still raise the bound.
            rounds += 1;
            if best_raw <= round_start || rounds >= schedule.rounds {
                break;
            }
            round_start = best_raw;
            // A better plan, chosen under the best prices so far, makes the steps aim
            // nearer the optimum.
            if let Some(inc) = incumbent.as_deref_mut() {
                if let Some((c, g)) = incumbent_near(comp, chain, &best) {
                    if c < *upper {
                        *upper = c;
                        *inc = Some((c, g));
                    }
                }
            }
            theta = 1.0;
            stale = 0;
            mult.lam = best_lam.clone();
            mult.lam.resize(mult.rows.len(), 0);
            cur = mult.prices(comp);
        }
        let Some(sols) = (0..comp.meetings.len())
            .map(|k| solve_meeting(comp, k, chain, cur.of(k)))
            .collect::<Option<Vec<_>>>()
        else {
            break;
        };
        let raw = sols.iter().map(|s| s.cost).sum::<i128>() - cur.total;
        let bound = comp.round_up(raw);
        if raw > best_raw {
            best_raw = raw;
            best_bound = bound;
            best = cur.clone();
            best_lam = mult.lam.clone();
            stale = 0;
        } else {
            stale += 1;
            if stale >= STALE_STEPS {
                theta /= 2.0;
                stale = 0;
            }
        }
        if bound >= *upper {
            break;
        }
        let pos: Vec<&[usize]> = sols.iter().map(|s| s.pos.as_slice()).collect();
        for row in clashes(comp, &pos) {
            mult.add(row, 0);
        }
        let chosen = |m: usize, p: usize| sols[m].pos.binary_search(&p).is_ok() as i128;
        let g: Vec<i128> = mult
            .rows
            .iter()
            .map(|&((am, ap), (bm, bp))| chosen(am, ap) + chosen(bm, bp) - 1)
            .collect();
        let norm: i128 = g
            .iter()
            .zip(&mult.lam)
            .filter(|(g, l)| **g > 0 || **l > 0)
            .map(|(g, _)| g * g)
            .sum();
        if norm == 0 {
            break;
        }
        let step = (theta * (*upper - raw) as f64 / norm as f64).max(1.0) as i128;
        for (i, &((am, ap), (bm, bp))) in mult.rows.iter().enumerate() {
            let new = (mult.lam[i] + step * g[i]).max(0);
            let d = new - mult.lam[i];
            if d != 0 {
                cur.pen[am][ap] += d;
                cur.pen[bm][bp] += d;
                cur.total += d;
                mult.lam[i] = new;
            }
        }
    }
    mult.lam = best_lam;
    mult.lam.resize(mult.rows.len(), 0);
    (best, best_bound)
}
