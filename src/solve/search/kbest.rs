/*!
The k best plans of a component: Murty's partition of the rest of the space around each
plan found (the i-th subproblem keeps the plan's first i−1 occurrences and forbids the
i-th), solved lazily — a subproblem is bounded cheaply ([`Bounds`]: its meetings'
optima, worked out once per plan for all its subproblems), and searched
([`super::bnb`]) only once that bound is the smallest left.
*/

use super::bnb::{base, best, chained, push, relax, solve_meeting, Chain, Component, Outcome};
use super::dp::{suffix, Sol, Suffix};
use super::prices::Prices;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::rc::Rc;
use std::time::Instant;

/// The bounds of one plan's Murty subproblems, worked out once for all of them. The
/// subproblem that leaves out the j-th chosen position of meeting m keeps the plan of
/// every meeting before m whole (its cost is known), leaves every meeting after m as
/// the plan's chain has it (its optimum, solved once), and keeps m's first j−1
/// positions: for a meeting held once a month, a [`Suffix`] bounds that from one
/// backward pass, so that a plan's hundreds of subproblems on a long window cost one
/// pass each, not one DP each; other meetings (counted ones: few positions) are solved.
/// Unpriced and, once the component has prices, under them (their Lagrangian bound).
struct Bounds<'a> {
    comp: &'a Component,
    sides: Vec<Side<'a>>,
    /// The plan's own cost when proven the best of its chain: no subproblem (a part of
    /// that chain's space) costs less.
    floor: Option<i128>,
}

/// One way of counting costs: plain, or under prices (`total` is then the prices' sum).
struct Side<'a> {
    pen: Option<&'a Prices>,
    /// Each meeting's plan cost (kept whole by the subproblems of later meetings).
    kept: Vec<i128>,
    /// Each meeting's optimum under the plan's chain.
    opt: Vec<Option<i128>>,
    suffix: Vec<Option<Suffix>>,
}

impl<'a> Bounds<'a> {
    fn new(
        comp: &'a Component,
        chain: &Chain,
        sols: &[Rc<Sol>],
        floor: Option<i128>,
        prices: Option<&'a Prices>,
    ) -> Bounds<'a> {
        let side = |pen: Option<&'a Prices>| {
            let of = |k: usize| pen.and_then(|p| p.of(k));
            let len = comp.meetings.len();
            Side {
                pen,
                kept: (0..len)
                    .map(|k| {
                        let m = &comp.meetings[k];
                        let pen = of(k);
                        sols[k]
                            .pos
                            .iter()
                            .map(|&p| m.value[p] + pen.map_or(0, |x| x[p]))
                            .sum()
                    })
                    .collect(),
                opt: (0..len)
                    .map(|k| solve_meeting(comp, k, chain, of(k)).map(|s| s.cost))
                    .collect(),
                suffix: (0..len)
                    .map(|k| {
                        let (banned, forced) = chained(comp, k, chain);
                        suffix(&comp.meetings[k], &banned, &forced, of(k))
                    })
                    .collect(),
            }
        };
        let mut sides = vec![side(None)];
        if let Some(p) = prices.filter(|p| p.total != 0) {
            sides.push(side(Some(p)));
        }
        Bounds { comp, sides, floor }
    }

    /// The bound of the subproblem `sub` that keeps `pos[..j]` of meeting `m` and
    /// leaves out `pos[j]` (None: it has no plan).
    fn of(&self, m: usize, pos: &[usize], j: usize, sub: &Chain) -> Option<i128> {
        let mut bound = self.floor.unwrap_or(i128::MIN);
        for side in &self.sides {
            let before: i128 = side.kept[..m].iter().sum();
            let after = side.opt[m + 1..].iter().copied().sum::<Option<i128>>()?;
            let own = match &side.suffix[m] {
                Some(s) => s.bound_after(&self.comp.meetings[m], &pos[..j], pos[j])?,
                None => {
                    let pen = side.pen.and_then(|p| p.of(m));
                    solve_meeting(self.comp, m, sub, pen)?.cost
                }
            };
            let total = before + own + after;
            bound = bound.max(match side.pen {
                Some(p) => self.comp.round_up(total - p.total),
                None => total,
            });
        }
        Some(bound)
    }
}

/// One of the k best plans of a component.
pub struct Ranked {
    pub sols: Vec<Rc<Sol>>,
    pub cost: i128,
    pub proven: bool,
}

/// The time ran out before any plan was found.
#[derive(Debug, Clone, Copy)]
pub struct OutOfTime;

/// The k best plans of a component, best first (fewer if fewer exist).
pub fn k_best(
    comp: &Component,
    k: usize,
    deadline: Option<Instant>,
) -> Result<Vec<Ranked>, OutOfTime> {
    enum Entry {
        Exact(Vec<Rc<Sol>>, Chain, bool),
        Bound(Chain),
    }
    let mut out: Vec<Ranked> = Vec::new();
    let mut heap: BinaryHeap<Reverse<(i128, u64)>> = BinaryHeap::new();
    let mut entries: Vec<Option<Entry>> = Vec::new();
    let mut all_proven = true;
    match best(comp, relax(comp, &None), deadline) {
        Outcome::Optimal(s) => {
            heap.push(Reverse((base(&s), 0)));
            entries.push(Some(Entry::Exact(s, None, true)));
        }
        Outcome::Best(s) => {
            heap.push(Reverse((base(&s), 0)));
            entries.push(Some(Entry::Exact(s, None, false)));
        }
        Outcome::Infeasible => return Ok(Vec::new()),
        Outcome::NothingInTime => return Err(OutOfTime),
    }
    while let Some(Reverse((cost, id))) = heap.pop() {
        if out.len() >= k {
            break;
        }
        match entries[id as usize].take().expect("popped once") {
            Entry::Exact(sols, chain, proven) => {
                all_proven &= proven;
                // Murty: the i-th subproblem keeps the first i-1 chosen, drops the i-th.
                let chosen: Vec<(usize, usize, usize)> = sols
                    .iter()
                    .enumerate()
                    .flat_map(|(m, s)| s.pos.iter().enumerate().map(move |(j, &p)| (m, j, p)))
                    .collect();
                out.push(Ranked {
                    sols,
                    cost,
                    proven: all_proven,
                });
                if out.len() >= k {
                    break;
                }
                let warm = comp.warm.borrow();
                let prices = warm.as_ref().map(|(p, _)| p);
                let last = out.last().expect("just pushed");
                let floor = proven.then_some(cost);
                let bounds = Bounds::new(comp, &chain, &last.sols, floor, prices);
                let mut kept = chain.clone();
                for (m, j, p) in chosen {
                    let pos = &last.sols[m].pos;
                    if !forced_in(&chain, m, p) && !comp.meetings[m].keep.contains(&p) {
                        let sub = push(&kept, m, p, false);
                        if let Some(bound) = bounds.of(m, pos, j, &sub) {
                            heap.push(Reverse((bound, entries.len() as u64)));
                            entries.push(Some(Entry::Bound(sub)));
                        }
                    }
                    kept = push(&kept, m, p, true);
                }
            }
            Entry::Bound(chain) => {
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    all_proven = false;
                }
                let (sols, proven) = match best(comp, relax(comp, &chain), deadline) {
                    Outcome::Optimal(s) => (s, true),
                    Outcome::Best(s) => (s, false),
                    Outcome::Infeasible => continue,
                    Outcome::NothingInTime => {
                        all_proven = false;
                        continue;
                    }
                };
                heap.push(Reverse((base(&sols), entries.len() as u64)));
                entries.push(Some(Entry::Exact(sols, chain, proven)));
            }
        }
    }
    Ok(out)
}

fn forced_in(chain: &Chain, m: usize, p: usize) -> bool {
    let mut c = chain.as_deref();
    while let Some(x) = c {
        if x.forced && x.meeting == m && x.pos == p {
            return true;
        }
        c = x.parent.as_deref();
    }
    false
}
