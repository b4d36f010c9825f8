/*!
The k best plans of a component: Murty's partition of the rest of the space around each
plan found (the i-th subproblem keeps the plan's first i−1 occurrences and forbids the
i-th), solved lazily — a subproblem is bounded cheaply by its meetings' optima, and
searched ([`super::bnb`]) only once that bound is the smallest left.
*/

use super::bnb::{base, best, push, relax, solve_meeting, Chain, Component, Outcome};
use super::dp::Sol;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::rc::Rc;
use std::time::Instant;

/// The meetings' optima under a chain, bounded by their sum (and, once the component has
/// prices, by its Lagrangian bound under them): cheap, for the many subproblems of the k
/// best, most of which are never opened.
fn relax_cheap(comp: &Component, chain: &Chain) -> Option<(i128, Chain)> {
    let mut total = (0..comp.meetings.len())
        .map(|k| solve_meeting(comp, k, chain, None).map(|s| s.cost))
        .sum::<Option<i128>>()?;
    if let Some((prices, _)) = comp.warm.borrow().as_ref() {
        // With the first search's prices: their Lagrangian bound, if higher.
        let priced = (0..comp.meetings.len())
            .map(|k| solve_meeting(comp, k, chain, prices.of(k)).map(|s| s.cost))
            .sum::<Option<i128>>()?;
        total = total.max(comp.round_up(priced - prices.total));
    }
    Some((total, chain.clone()))
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
                let chosen: Vec<(usize, usize)> = sols
                    .iter()
                    .enumerate()
                    .flat_map(|(m, s)| s.pos.iter().map(move |&p| (m, p)))
                    .collect();
                out.push(Ranked {
                    sols,
                    cost,
                    proven: all_proven,
                });
                if out.len() >= k {
                    break;
                }
                let mut kept = chain.clone();
                for (m, p) in chosen {
                    if !forced_in(&chain, m, p) && !comp.meetings[m].keep.contains(&p) {
                        let sub = push(&kept, m, p, false);
                        if let Some((bound, sub)) = relax_cheap(comp, &sub) {
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
