/*!
Branch and bound over meetings that share people, and the k best plans.

The relaxation of a node is every meeting at its own optimum ([`super::dp`]), which is
a lower bound because the only rows between meetings are "nobody in two meetings at
once". A node whose meetings' plans do not clash is optimal for its subtree. Otherwise
the earliest clash (occurrence `a` of meeting A overlaps `b` of meeting B, and A and B
share someone) splits the node in two disjoint halves: A without `a`; A with `a` forced
and every candidate overlapping `a` taken from each meeting sharing someone with A.
Nodes are explored best bound first, so the first clash-free node is an optimum; a
greedy plan (meetings one after another, each avoiding the earlier ones) is the first
incumbent, which prunes nodes that cannot beat it and is the answer when time runs out.

The k best plans come from Murty's partition of the rest of the space around each plan
found (the i-th subproblem keeps the plan's first i−1 occurrences and forbids the i-th),
solved lazily: a subproblem is solved exactly only once its bound is the smallest left.
*/

use super::dp::{self, Meeting, Sol};
use super::super::criterion::{add, Cost, COST_LEN};
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::rc::Rc;
use std::time::Instant;

/// Most open nodes of one search (then it stops with the best plan found so far).
pub const MAX_NODES: usize = 2_000_000;

/// Meetings linked by shared people, with what the search needs of them.
pub struct Component {
    pub meetings: Vec<Meeting>,
    /// `share[i][j]`: meetings i and j have someone in common (and may not overlap).
    pub share: Vec<Vec<bool>>,
    /// The longest candidate of each meeting, in seconds.
    longest: Vec<i64>,
}

impl Component {
    pub fn new(meetings: Vec<Meeting>, share: Vec<Vec<bool>>) -> Component {
        let longest = meetings
            .iter()
            .map(|m| {
                m.end
                    .iter()
                    .zip(&m.start)
                    .map(|(e, s)| e - s)
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        Component {
            meetings,
            share,
            longest,
        }
    }

    /// Positions of meeting `k` overlapping the interval `[s, e)`.
    fn overlapping(&self, k: usize, s: i64, e: i64) -> Vec<usize> {
        let m = &self.meetings[k];
        let upto = m.start.partition_point(|&x| x < e);
        (0..upto)
            .rev()
            .take_while(|&p| m.start[p] > s - self.longest[k] - 1)
            .filter(|&p| m.end[p] > s)
            .collect()
    }
}

/// A forced or forbidden candidate, on top of its parent's.
struct Cons {
    meeting: usize,
    pos: usize,
    forced: bool,
    parent: Option<Rc<Cons>>,
}

type Chain = Option<Rc<Cons>>;

fn push(chain: &Chain, meeting: usize, pos: usize, forced: bool) -> Chain {
    Some(Rc::new(Cons {
        meeting,
        pos,
        forced,
        parent: chain.clone(),
    }))
}

fn solve_meeting(comp: &Component, k: usize, chain: &Chain) -> Option<Sol> {
    let n = comp.meetings[k].len();
    let (mut banned, mut forced) = (vec![false; n], vec![false; n]);
    let mut c = chain.as_deref();
    while let Some(x) = c {
        if x.meeting == k {
            if x.forced {
                forced[x.pos] = true;
            } else {
                banned[x.pos] = true;
            }
        }
        c = x.parent.as_deref();
    }
    dp::solve(&comp.meetings[k], &banned, &forced)
}

/// Per meeting: its best cost with one more candidate forbidden, by position (None: no
/// plan then). Shared between nodes whose constraints on that meeting are the same.
type Without = Rc<RefCell<HashMap<usize, Option<Cost>>>>;

/// A node: its constraints, every meeting's optimum under them, and its bound.
#[derive(Clone)]
struct Node {
    /// The sum of the meetings' optima plus, for a set of clashes between disjoint pairs
    /// of meetings, the least either side must give up to resolve each.
    bound: Cost,
    sols: Vec<Rc<Sol>>,
    chain: Chain,
    without: Vec<Without>,
    /// The clash to branch on (None: the meetings' plans do not clash).
    clash: Option<((usize, usize), (usize, usize))>,
}

fn base(sols: &[Rc<Sol>]) -> Cost {
    sols.iter().fold([0; COST_LEN], |a, s| add(&a, &s.cost))
}

fn sub(a: &Cost, b: &Cost) -> Cost {
    let mut d = *a;
    for (x, y) in d.iter_mut().zip(b) {
        *x -= y;
    }
    d
}

/// A node from its meetings' optima: finds the clashes and bounds what resolving them
/// costs (None: some clash cannot be resolved at all).
fn node(comp: &Component, sols: Vec<Rc<Sol>>, chain: Chain, without: Vec<Without>) -> Option<Node> {
    let clashes = clashes(comp, &sols);
    let mut weighed: Vec<(Cost, usize)> = Vec::new();
    for (i, &((am, ap), (bm, bp))) in clashes.iter().enumerate() {
        let give = |m: usize, p: usize| -> Option<Cost> {
            let known = without[m].borrow().get(&p).copied();
            let c = match known {
                Some(c) => c,
                None => {
                    let c = solve_meeting(comp, m, &push(&chain, m, p, false)).map(|s| s.cost);
                    without[m].borrow_mut().insert(p, c);
                    c
                }
            };
            c.map(|c| sub(&c, &sols[m].cost))
        };
        let w = match (give(am, ap), give(bm, bp)) {
            (None, None) => return None,
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (Some(a), Some(b)) => a.min(b),
        };
        weighed.push((w, i));
    }
    // The most expensive clashes first, each pair of meetings used once.
    weighed.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut used = vec![false; comp.meetings.len()];
    let mut bound = base(&sols);
    for &(w, i) in &weighed {
        let ((am, _), (bm, _)) = clashes[i];
        if !used[am] && !used[bm] {
            used[am] = true;
            used[bm] = true;
            bound = add(&bound, &w);
        }
    }
    Some(Node {
        bound,
        clash: weighed.first().map(|&(_, i)| clashes[i]),
        sols,
        chain,
        without,
    })
}

fn fresh(n: usize) -> Vec<Without> {
    (0..n).map(|_| Rc::new(RefCell::new(HashMap::new()))).collect()
}

fn relax(comp: &Component, chain: &Chain) -> Option<Node> {
    let sols = (0..comp.meetings.len())
        .map(|k| solve_meeting(comp, k, chain).map(Rc::new))
        .collect::<Option<Vec<_>>>()?;
    node(comp, sols, chain.clone(), fresh(comp.meetings.len()))
}

/// Every clash between two meetings' chosen candidates: ((A, a), (B, b)), earliest first.
fn clashes(comp: &Component, sols: &[Rc<Sol>]) -> Vec<((usize, usize), (usize, usize))> {
    let mut all: Vec<(i64, i64, usize, usize)> = Vec::new();
    for (k, s) in sols.iter().enumerate() {
        let m = &comp.meetings[k];
        all.extend(s.pos.iter().map(|&p| (m.start[p], m.end[p], k, p)));
    }
    all.sort_unstable();
    let mut out = Vec::new();
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            if b.0 >= a.1 {
                break;
            }
            if a.2 != b.2 && comp.share[a.2][b.2] {
                out.push(((a.2, a.3), (b.2, b.3)));
            }
        }
    }
    out
}

/// Meetings one after another, each avoiding the candidates of the earlier ones that
/// would clash: a plan, if this order finds one.
fn greedy(comp: &Component, chain: &Chain) -> Option<Vec<Rc<Sol>>> {
    let mut chain = chain.clone();
    let mut sols = Vec::new();
    for k in 0..comp.meetings.len() {
        let s = solve_meeting(comp, k, &chain)?;
        let m = &comp.meetings[k];
        for &p in &s.pos {
            for j in (k + 1)..comp.meetings.len() {
                if comp.share[k][j] {
                    for q in comp.overlapping(j, m.start[p], m.end[p]) {
                        chain = push(&chain, j, q, false);
                    }
                }
            }
        }
        sols.push(Rc::new(s));
    }
    Some(sols)
}

/// How a search ended.
pub enum Outcome {
    /// The best plan, proven.
    Optimal(Vec<Rc<Sol>>),
    /// The best plan found before the time or node limit (not proven optimal).
    Best(Vec<Rc<Sol>>),
    /// No plan exists.
    Infeasible,
    /// The limit came before any plan was found.
    NothingInTime,
}

/// The heap's key: the bound, then the newest node first (deeper, nearer a plan).
type Key = Reverse<(Cost, Reverse<u64>)>;

/// The best plan under a chain of constraints, from its relaxed node (None: infeasible).
fn best(comp: &Component, root: Option<Node>, deadline: Option<Instant>) -> Outcome {
    let Some(root) = root else {
        return Outcome::Infeasible;
    };
    let mut incumbent: Option<(Cost, Vec<Rc<Sol>>)> = None;
    if root.clash.is_some() {
        incumbent = greedy(comp, &root.chain).map(|s| (base(&s), s));
    }
    let mut heap: BinaryHeap<Key> = BinaryHeap::new();
    let mut nodes: Vec<Option<Node>> = Vec::new();
    fn open(heap: &mut BinaryHeap<Key>, nodes: &mut Vec<Option<Node>>, node: Node) {
        heap.push(Reverse((node.bound, Reverse(nodes.len() as u64))));
        nodes.push(Some(node));
    }
    open(&mut heap, &mut nodes, root);
    while let Some(Reverse((b, Reverse(id)))) = heap.pop() {
        if incumbent.as_ref().is_some_and(|(c, _)| *c <= b) {
            // Nothing open can beat the incumbent.
            return Outcome::Optimal(incumbent.unwrap().1);
        }
        let node = nodes[id as usize].take().expect("each node is popped once");
        if deadline.is_some_and(|d| Instant::now() >= d) || heap.len() > MAX_NODES {
            return match incumbent {
                Some((_, s)) => Outcome::Best(s),
                None => Outcome::NothingInTime,
            };
        }
        let Some(((a_m, a_p), _)) = node.clash else {
            return Outcome::Optimal(node.sols);
        };
        let mut children = Vec::new();
        // Without a.
        let chain = push(&node.chain, a_m, a_p, false);
        if let Some(s) = solve_meeting(comp, a_m, &chain) {
            let mut sols = node.sols.clone();
            sols[a_m] = Rc::new(s);
            let mut without = node.without.clone();
            without[a_m] = Rc::new(RefCell::new(HashMap::new()));
            children.extend(self::node(comp, sols, chain, without));
        }
        // With a, and nothing overlapping it in the meetings that share someone.
        let ma = &comp.meetings[a_m];
        let (s, e) = (ma.start[a_p], ma.end[a_p]);
        let mut chain = push(&node.chain, a_m, a_p, true);
        let mut without = node.without.clone();
        without[a_m] = Rc::new(RefCell::new(HashMap::new()));
        let mut touched = Vec::new();
        for k in 0..comp.meetings.len() {
            if k == a_m || !comp.share[a_m][k] {
                continue;
            }
            let gone = comp.overlapping(k, s, e);
            if gone.is_empty() {
                continue;
            }
            if gone.iter().any(|p| node.sols[k].pos.contains(p)) {
                touched.push(k);
            }
            without[k] = Rc::new(RefCell::new(HashMap::new()));
            for p in gone {
                chain = push(&chain, k, p, false);
            }
        }
        let mut sols = node.sols.clone();
        let ok = touched.into_iter().all(|k| match solve_meeting(comp, k, &chain) {
            Some(s) => {
                sols[k] = Rc::new(s);
                true
            }
            None => false,
        });
        if ok {
            children.extend(self::node(comp, sols, chain, without));
        }
        for child in children {
            if child.clash.is_none() && incumbent.as_ref().is_none_or(|(c, _)| child.bound < *c) {
                // A plan: the best so far.
                incumbent = Some((child.bound, child.sols.clone()));
            }
            if incumbent.as_ref().is_none_or(|(c, _)| child.bound < *c) {
                open(&mut heap, &mut nodes, child);
            }
        }
    }
    match incumbent {
        Some((_, s)) => Outcome::Optimal(s),
        None => Outcome::Infeasible,
    }
}

/// One of the k best plans of a component.
pub struct Ranked {
    pub sols: Vec<Rc<Sol>>,
    pub cost: Cost,
    pub proven: bool,
}

/// The k best plans of a component, best first (fewer if fewer exist). `Err(())`: the
/// time ran out before the first plan was found.
pub fn k_best(comp: &Component, k: usize, deadline: Option<Instant>) -> Result<Vec<Ranked>, ()> {
    enum Entry {
        Exact(Vec<Rc<Sol>>, Chain, bool),
        Bound(Node),
    }
    let mut out: Vec<Ranked> = Vec::new();
    let mut heap: BinaryHeap<Reverse<(Cost, u64)>> = BinaryHeap::new();
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
        Outcome::NothingInTime => return Err(()),
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
                        if let Some(node) = relax(comp, &sub) {
                            heap.push(Reverse((node.bound, entries.len() as u64)));
                            entries.push(Some(Entry::Bound(node)));
                        }
                    }
                    kept = push(&kept, m, p, true);
                }
            }
            Entry::Bound(node) => {
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    all_proven = false;
                }
                let chain = node.chain.clone();
                let (sols, proven) = match best(comp, Some(node), deadline) {
                    Outcome::Optimal(s) => (s, true),
                    Outcome::Best(s) => (s, false),
                    Outcome::Infeasible | Outcome::NothingInTime => continue,
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
