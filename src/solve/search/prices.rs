/*!
Lagrangian prices for the branch and bound ([`super::bnb`]): the clash rows
`x_a + x_b ≤ 1` between meetings that share someone, priced into the meetings' costs.
With any non-negative multipliers, every meeting solved alone under the prices, minus
the multipliers' sum, is a lower bound (weak duality), so the multipliers need only be
good, not right: subgradient steps from the root's clashes, each priced at half the
least its cheaper side must give up, with Polyak steps towards the incumbent's value.
*/

use super::bnb::{clashes, incumbent_near, solve_meeting, Component, Node, Row};
use super::dp::Sol;
use std::rc::Rc;
use std::collections::HashMap;
use std::time::Instant;

/// Subgradient steps for the Lagrangian multipliers at a search's root.
const LAGRANGE_STEPS: usize = 3000;

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

/// Multipliers for the clash rows by subgradient steps from the root (Polyak steps
/// towards the incumbent's value): the prices whose Lagrangian bound was highest.
pub fn prices(
    comp: &Component,
    root: &Node,
    incumbent: &mut Option<(i128, Vec<Rc<Sol>>)>,
    deadline: Option<Instant>,
) -> Prices {
    let Some((mut upper, _)) = incumbent.as_ref().map(|(c, _)| (*c, ())) else {
        return Prices::none(comp);
    };
    let chain = &root.chain;
    let mut best = Prices::none(comp);
    let mut best_bound = i128::MIN;
    let mut cur = Prices::none(comp);
    let mut rows: Vec<Row> = Vec::new();
    let mut index: HashMap<Row, usize> = HashMap::new();
    let mut lam: Vec<i128> = Vec::new();
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
        let l = (w / 2).max(0);
        index.insert(row, rows.len());
        rows.push(row);
        lam.push(l);
        cur.pen[am][ap] += l;
        cur.pen[bm][bp] += l;
        cur.total += l;
    }
    let env = |k: &str, d: f64| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let mut theta = env("KROCK_LAG_THETA", 1.0);
    let stale_max = env("KROCK_LAG_STALE", 15.0) as usize;
    let min_theta = env("KROCK_LAG_MIN", 1e-4);
    let steps = env("KROCK_LAG_STEPS", LAGRANGE_STEPS as f64) as usize;
    let max_rounds = env("KROCK_LAG_ROUNDS", 8.0) as usize;
    let theta0 = theta;
    let mut stale = 0;
    let t0 = Instant::now();
    let mut best_lam = lam.clone();
    let mut round_start = i128::MIN;
    let mut rounds = 0;
    for _ in 0..steps {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        if theta < min_theta {
            // A round has settled: again from the best multipliers with full steps (now
            // scaled to the smaller gap), while rounds still raise the bound.
            rounds += 1;
            if best_bound <= round_start || rounds >= max_rounds {
                break;
            }
            round_start = best_bound;
            // A better plan, chosen under the best prices so far, makes the steps aim
            // nearer the optimum.
            if let Some((c, g)) = incumbent_near(comp, chain, &best) {
                if c < upper {
                    upper = c;
                    *incumbent = Some((c, g));
                }
            }
            theta = theta0;
            stale = 0;
            lam = best_lam.clone();
            lam.resize(rows.len(), 0);
            cur = Prices::none(comp);
            for (&((am, ap), (bm, bp)), &l) in rows.iter().zip(&lam) {
                cur.pen[am][ap] += l;
                cur.pen[bm][bp] += l;
                cur.total += l;
            }
        }
        let Some(sols) = (0..comp.meetings.len())
            .map(|k| solve_meeting(comp, k, chain, cur.of(k)))
            .collect::<Option<Vec<_>>>()
        else {
            break;
        };
        let bound = sols.iter().map(|s| s.cost).sum::<i128>() - cur.total;
        if super::bnb::trace() {
            eprintln!("TRACE step bound {bound} gap {} theta {theta} t {:?}", upper - bound, t0.elapsed());
        }
        if bound > best_bound {
            best_bound = bound;
            best = cur.clone();
            best_lam = lam.clone();
            stale = 0;
        } else {
            stale += 1;
            if stale >= stale_max {
                theta /= 2.0;
                stale = 0;
            }
        }
        if bound >= upper {
            break;
        }
        let pos: Vec<&[usize]> = sols.iter().map(|s| s.pos.as_slice()).collect();
        for row in clashes(comp, &pos) {
            index.entry(row).or_insert_with(|| {
                rows.push(row);
                lam.push(0);
                rows.len() - 1
            });
        }
        let chosen = |m: usize, p: usize| sols[m].pos.binary_search(&p).is_ok() as i128;
        let g: Vec<i128> = rows
            .iter()
            .map(|&((am, ap), (bm, bp))| chosen(am, ap) + chosen(bm, bp) - 1)
            .collect();
        let norm: i128 = g
            .iter()
            .zip(&lam)
            .filter(|(g, l)| **g > 0 || **l > 0)
            .map(|(g, _)| g * g)
            .sum();
        if norm == 0 {
            break;
        }
        let step = (theta * (upper - bound) as f64 / norm as f64).max(1.0) as i128;
        for (i, &((am, ap), (bm, bp))) in rows.iter().enumerate() {
            let new = (lam[i] + step * g[i]).max(0);
            let d = new - lam[i];
            if d != 0 {
                cur.pen[am][ap] += d;
                cur.pen[bm][bp] += d;
                cur.total += d;
                lam[i] = new;
            }
        }
    }
    best
}
