/*!
Lagrangian prices for the branch and bound ([`super::bnb`]): the clash rows
`x_a + x_b ≤ 1` between meetings that share someone, priced into the meetings' costs.
With any non-negative multipliers, every meeting solved alone under the prices, minus
the multipliers' sum, is a lower bound (weak duality), so the multipliers need only be
good, not right: subgradient steps from the root's clashes, each priced at half the
least its cheaper side must give up, with Polyak steps towards the incumbent's value.
*/

use super::bnb::{clashes, solve_meeting, Component, Node, Row};
use std::collections::HashMap;
use std::time::Instant;

/// Subgradient steps for the Lagrangian multipliers at a search's root.
const LAGRANGE_STEPS: usize = 80;

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
pub fn prices(comp: &Component, root: &Node, upper: i128, deadline: Option<Instant>) -> Prices {
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
    let mut theta = 0.25f64;
    let mut stale = 0;
    for _ in 0..LAGRANGE_STEPS {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let Some(sols) = (0..comp.meetings.len())
            .map(|k| solve_meeting(comp, k, chain, cur.of(k)))
            .collect::<Option<Vec<_>>>()
        else {
            break;
        };
        let bound = sols.iter().map(|s| s.cost).sum::<i128>() - cur.total;
        if bound > best_bound {
            best_bound = bound;
            best = cur.clone();
            stale = 0;
        } else {
            stale += 1;
            if stale >= 3 {
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
