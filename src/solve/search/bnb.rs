/*!
Branch and bound over meetings that share people, and the k best plans.

Costs are the lexicographic costs ([`super::super::criterion::Cost`]) weighed into one
integer each (weights large enough that the order of plans is the lexicographic one,
checked for overflow; the last entry weighs [`UNIT`], so every plan costs a multiple of
it and every bound rounds up to one).

The relaxation of a node is every meeting at its own optimum ([`super::dp`]): a lower
bound, because the only rows between meetings are "nobody in two meetings at once". A
node whose meetings' plans do not clash is a plan. Otherwise a clash (occurrence `a` of
meeting A overlaps `b` of meeting B, and A and B share someone) splits the node in two
disjoint halves: A without `a`; A with `a` forced and every candidate overlapping `a`
taken from each meeting sharing someone with A. Nodes are explored best bound first.

A search runs in two phases. First a quick one (at most 500 nodes, fewer on large
components), bounded by the least that each clash between disjoint pairs of meetings
must cost one side to resolve, branching on the dearest clash: most plans end here.
Then again from the root under Lagrangian prices ([`super::prices`]): the clash rows
`x_a + x_b ≤ 1` priced into the meetings' costs (weak duality makes any non-negative
multipliers a valid bound); a node branches on a clash of its priced plans (where the
bound is not tight), and a node the root's prices do not prune gets a few subgradient
steps of its own. Incumbents — which prune, and are the answer when time runs out — are
greedy plans (meetings one after another, each avoiding the earlier ones; under the
prices too, which say which side of a clash should give way) improved by a local search,
and priced plans that happen not to clash. Later searches of the same component (the k
best's subproblems) start from the first one's prices.

The k best plans are [`super::kbest`]'s.
*/

use super::super::criterion::COST_LEN;
use super::dp::{self, Meeting, Sol};
use super::prices::{self, Multipliers, Prices};
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::rc::Rc;
use std::time::Instant;

/// Most open nodes of one search (then it stops with the best plan found so far).
pub const MAX_NODES: usize = 2_000_000;
/// Every this many nodes, a greedy plan from the node looks for a better incumbent.
const GREEDY_EVERY: u64 = 16;
/// Most clashes of a node weighed for its bound and branching.
const MAX_WEIGHED: usize = 64;
/// Nodes explored before the search starts again with Lagrangian prices: at most 500,
/// and at most [`QUICK_PASSES`] times the component's candidates visited by DPs (each
/// node weighs up to [`MAX_WEIGHED`] clashes with two DPs; on a long window the clashes
/// are many and the unpriced bound, one clash per pair of meetings, cannot close them,
/// so the quick phase's work is held to a constant number of passes — linear in the
/// window — before the prices take over).
const QUICK_NODES: u64 = 500;
const QUICK_PASSES: u64 = 200;
/// Most passes of the local search over an incumbent's meetings.
const IMPROVE_ROUNDS: usize = 20;

thread_local! {
    /// The quick phase's node limit when set ([`with_quick_nodes`]).
    static QUICK_OVERRIDE: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with every search's quick phase (before the Lagrangian prices) limited to
/// `nodes` nodes — 0: straight to the prices — so that tests exercise the priced search
/// on plans small enough for brute force.
pub fn with_quick_nodes<R>(nodes: u64, f: impl FnOnce() -> R) -> R {
    let before = QUICK_OVERRIDE.with(|q| q.replace(Some(nodes)));
    let out = f();
    QUICK_OVERRIDE.with(|q| q.set(before));
    out
}

/// The weight of the last cost entry: every plan's weighed cost is a multiple of it, so
/// Lagrangian multipliers can be fractions of a unit (the clash rows' best ones are often
/// halves) and every bound rounds up to a whole unit ([`Component::round_up`]).
pub const UNIT: i128 = 64;

/// Meetings linked by shared people, with what the search needs of them.
pub struct Component {
    pub meetings: Vec<Meeting>,
    /// `share[i][j]`: meetings i and j have someone in common (and may not overlap).
    pub share: Vec<Vec<bool>>,
    /// The longest candidate of each meeting, in seconds.
    longest: Vec<i64>,
    /// The prices (and their multipliers) of the first search that needed them: the
    /// start for every later search of this component (the k best's subproblems).
    pub warm: RefCell<Option<(Prices, Multipliers)>>,
    /// Candidates visited by the DPs so far (the measure of a search's work).
    work: std::cell::Cell<u64>,
}

impl Component {
    /// The component, with each candidate's cost weighed into one integer; None when the
    /// weights would not fit in 128 bits.
    pub fn new(mut meetings: Vec<Meeting>, share: Vec<Vec<bool>>) -> Option<Component> {
        let n: i128 = meetings.iter().map(|m| m.need as i128).sum::<i128>().max(1);
        let mut weights = [0i128; COST_LEN];
        let mut scale: i128 = UNIT;
        for j in (0..COST_LEN).rev() {
            weights[j] = scale;
            let most = meetings
                .iter()
                .flat_map(|m| m.cost.iter().map(move |c| c[j].unsigned_abs() as i128))
                .max()
                .unwrap_or(0);
            // Room for sums of n costs and their differences, with margin.
            scale = scale.checked_mul(most.checked_mul(4 * n)?.checked_add(1)?)?;
        }
        for m in &mut meetings {
            m.value = m
                .cost
                .iter()
                .map(|c| c.iter().zip(&weights).map(|(&x, &w)| x as i128 * w).sum())
                .collect();
        }
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
        Some(Component {
            meetings,
            share,
            longest,
            warm: RefCell::new(None),
            work: std::cell::Cell::new(0),
        })
    }

    /// A lower bound raised to the next whole unit: no plan costs less (every plan's cost
    /// is a multiple of [`UNIT`]).
    pub fn round_up(&self, bound: i128) -> i128 {
        bound.div_euclid(UNIT) * UNIT + if bound.rem_euclid(UNIT) == 0 { 0 } else { UNIT }
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

/// The best plan found so far: its weighed cost and every meeting's plan.
pub type Incumbent = Option<(i128, Vec<Rc<Sol>>)>;

/// A forced or forbidden candidate, on top of its parent's.
pub struct Cons {
    pub meeting: usize,
    pub pos: usize,
    pub forced: bool,
    pub parent: Option<Rc<Cons>>,
}

pub type Chain = Option<Rc<Cons>>;

/// A clash row: (meeting, position) of each side.
pub type Row = ((usize, usize), (usize, usize));

pub fn push(chain: &Chain, meeting: usize, pos: usize, forced: bool) -> Chain {
    Some(Rc::new(Cons {
        meeting,
        pos,
        forced,
        parent: chain.clone(),
    }))
}

pub fn solve_meeting(
    comp: &Component,
    k: usize,
    chain: &Chain,
    pen: Option<&[i128]>,
) -> Option<Sol> {
    let n = comp.meetings[k].len();
    let (banned, forced) = (vec![false; n], vec![false; n]);
    solve_meeting_with(comp, k, chain, pen, banned, forced)
}

/// Meeting `k`'s positions the chain forbids and forces: (banned, forced).
pub fn chained(comp: &Component, k: usize, chain: &Chain) -> (Vec<bool>, Vec<bool>) {
    let n = comp.meetings[k].len();
    let (mut banned, mut forced) = (vec![false; n], vec![false; n]);
    mark(k, chain, &mut banned, &mut forced);
    (banned, forced)
}

fn mark(k: usize, chain: &Chain, banned: &mut [bool], forced: &mut [bool]) {
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
}

/// Meeting `k`'s optimum under the chain, with `banned` and `forced` positions besides.
fn solve_meeting_with(
    comp: &Component,
    k: usize,
    chain: &Chain,
    pen: Option<&[i128]>,
    mut banned: Vec<bool>,
    mut forced: Vec<bool>,
) -> Option<Sol> {
    mark(k, chain, &mut banned, &mut forced);
    comp.work
        .set(comp.work.get() + comp.meetings[k].len() as u64);
    dp::solve(&comp.meetings[k], &banned, &forced, pen)
}

/// Per meeting: its best value with one more candidate forbidden, by position (None: no
/// plan then). Shared between nodes whose constraints on that meeting are the same.
pub type Without = Rc<RefCell<HashMap<usize, Option<i128>>>>;

/// A node: its constraints, every meeting's optimum under them, and its bound.
#[derive(Clone)]
pub struct Node {
    pub bound: i128,
    pub sols: Vec<Rc<Sol>>,
    /// Every meeting's optimum under the Lagrangian prices (its cost: the priced one).
    pub lag: Vec<Rc<Sol>>,
    /// The priced optima do not clash: together they are a plan (under prices only).
    pub priced_plan: bool,
    pub chain: Chain,
    pub without: Vec<Without>,
    /// The clash to branch on (None: the meetings' plans do not clash).
    pub clash: Option<Row>,
}

pub fn base(sols: &[Rc<Sol>]) -> i128 {
    sols.iter().map(|s| s.cost).sum()
}

/// A node from its meetings' optima: finds the clashes and bounds what resolving them
/// costs (None: some clash cannot be resolved at all).
fn node(
    comp: &Component,
    prices: &Prices,
    sols: Vec<Rc<Sol>>,
    lag: Vec<Rc<Sol>>,
    chain: Chain,
    without: Vec<Without>,
) -> Option<Node> {
    let pos: Vec<&[usize]> = sols.iter().map(|s| s.pos.as_slice()).collect();
    let mut clashes = clashes(comp, &pos);
    let lagrangian = comp.round_up(lag.iter().map(|s| s.cost).sum::<i128>() - prices.total);
    if prices.total != 0 {
        // Under prices the Lagrangian bound does the bounding: no clash is weighed, and
        // the branch is on a clash of the priced plans (where the bound is not tight),
        // else on the earliest clash of the meetings' own plans.
        let priced: Vec<&[usize]> = lag.iter().map(|s| s.pos.as_slice()).collect();
        let priced = self::clashes(comp, &priced);
        let clash = clashes
            .first()
            .map(|&first| priced.first().copied().unwrap_or(first));
        return Some(Node {
            bound: base(&sols).max(lagrangian),
            clash,
            priced_plan: priced.is_empty(),
            sols,
            lag,
            chain,
            without,
        });
    }
    // Weighing a clash costs two DPs: the earliest ones only (a valid bound all the same).
    clashes.truncate(MAX_WEIGHED);
    let mut weighed: Vec<(i128, usize)> = Vec::new();
    for (i, &((am, ap), (bm, bp))) in clashes.iter().enumerate() {
        let give = |m: usize, p: usize| -> Option<i128> {
            let known = without[m].borrow().get(&p).copied();
            let c = match known {
                Some(c) => c,
                None => {
                    let c =
                        solve_meeting(comp, m, &push(&chain, m, p, false), None).map(|s| s.cost);
                    without[m].borrow_mut().insert(p, c);
                    c
                }
            };
            c.map(|c| c - sols[m].cost)
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
            bound += w;
        }
    }
    Some(Node {
        bound: bound.max(lagrangian),
        clash: weighed.first().map(|&(_, i)| clashes[i]),
        priced_plan: false,
        sols,
        lag,
        chain,
        without,
    })
}

fn fresh(n: usize) -> Vec<Without> {
    (0..n)
        .map(|_| Rc::new(RefCell::new(HashMap::new())))
        .collect()
}

pub fn relax(comp: &Component, chain: &Chain) -> Option<Node> {
    let sols = (0..comp.meetings.len())
        .map(|k| solve_meeting(comp, k, chain, None).map(Rc::new))
        .collect::<Option<Vec<_>>>()?;
    if let Some((prices, _)) = comp.warm.borrow().as_ref() {
        // Prices from an earlier search: bounded by them, no clash weighed.
        let lag = (0..comp.meetings.len())
            .map(|k| solve_meeting(comp, k, chain, prices.of(k)).map(Rc::new))
            .collect::<Option<Vec<_>>>()?;
        return node(
            comp,
            prices,
            sols,
            lag,
            chain.clone(),
            fresh(comp.meetings.len()),
        );
    }
    let lag = sols.clone();
    node(
        comp,
        &Prices::none(comp),
        sols,
        lag,
        chain.clone(),
        fresh(comp.meetings.len()),
    )
}

/// Every clash between two meetings' chosen positions: ((A, a), (B, b)), earliest first.
pub fn clashes(comp: &Component, pos: &[&[usize]]) -> Vec<Row> {
    let mut all: Vec<(i64, i64, usize, usize)> = Vec::new();
    for (k, s) in pos.iter().enumerate() {
        let m = &comp.meetings[k];
        all.extend(s.iter().map(|&p| (m.start[p], m.end[p], k, p)));
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

/// Meetings one after another (in `order`), each avoiding the candidates of the earlier
/// ones that would clash: a plan, if this order finds one. With prices, each meeting picks
/// its plan under them (the Lagrangian prices say which side of a clash should give way);
/// the plans' costs are their own either way.
fn greedy(
    comp: &Component,
    chain: &Chain,
    prices: &Prices,
    order: &[usize],
) -> Option<Vec<Rc<Sol>>> {
    let mut chain = chain.clone();
    let mut sols: Vec<Option<Rc<Sol>>> = vec![None; comp.meetings.len()];
    for (i, &k) in order.iter().enumerate() {
        let mut s = solve_meeting(comp, k, &chain, prices.of(k))?;
        let m = &comp.meetings[k];
        if prices.total != 0 {
            s.cost = s.pos.iter().map(|&p| m.value[p]).sum();
        }
        for &p in &s.pos {
            for &j in &order[i + 1..] {
                if comp.share[k][j] {
                    for q in comp.overlapping(j, m.start[p], m.end[p]) {
                        chain = push(&chain, j, q, false);
                    }
                }
            }
        }
        sols[k] = Some(Rc::new(s));
    }
    sols.into_iter().collect()
}

/// The best of the greedy plans (meetings in order and in reverse; under the prices
/// too, when there are any), each improved by [`improve`].
pub fn incumbent_near(comp: &Component, chain: &Chain, prices: &Prices) -> Incumbent {
    let forward: Vec<usize> = (0..comp.meetings.len()).collect();
    let backward: Vec<usize> = forward.iter().rev().copied().collect();
    let none = Prices::none(comp);
    let mut tries: Vec<(&Prices, &[usize])> = vec![(&none, &forward)];
    if prices.total != 0 {
        tries.push((prices, &forward));
        tries.push((prices, &backward));
    }
    let mut best: Incumbent = None;
    for (p, order) in tries {
        if let Some(g) = greedy(comp, chain, p, order) {
            let g = improve(comp, chain, g);
            let c = base(&g);
            if best.as_ref().is_none_or(|(bc, _)| c < *bc) {
                best = Some((c, g));
            }
        }
    }
    best
}

/// Plans chosen under prices, each with its own (unpriced) cost.
fn own_costs(comp: &Component, sols: &[Rc<Sol>]) -> Vec<Rc<Sol>> {
    sols.iter()
        .enumerate()
        .map(|(k, s)| {
            let m = &comp.meetings[k];
            Rc::new(Sol {
                pos: s.pos.clone(),
                cost: s.pos.iter().map(|&p| m.value[p]).sum(),
            })
        })
        .collect()
}

/// A plan made better one meeting at a time: each meeting in turn re-planned at its
/// optimum among the candidates that clash with no other meeting's plan, until no
/// meeting improves (a local search for incumbents; every step keeps a plan).
fn improve(comp: &Component, chain: &Chain, mut sols: Vec<Rc<Sol>>) -> Vec<Rc<Sol>> {
    let n = comp.meetings.len();
    for _ in 0..IMPROVE_ROUNDS {
        let mut better = false;
        for k in 0..n {
            let mut banned = vec![false; comp.meetings[k].len()];
            for j in (0..n).filter(|&j| comp.share[k][j]) {
                let mj = &comp.meetings[j];
                for &p in &sols[j].pos {
                    for q in comp.overlapping(k, mj.start[p], mj.end[p]) {
                        banned[q] = true;
                    }
                }
            }
            let forced = vec![false; banned.len()];
            if let Some(s) = solve_meeting_with(comp, k, chain, None, banned, forced) {
                if s.cost < sols[k].cost {
                    sols[k] = Rc::new(s);
                    better = true;
                }
            }
        }
        if !better {
            break;
        }
    }
    sols
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
type Key = Reverse<(i128, Reverse<u64>)>;

/// The best plan under a chain of constraints, from its relaxed node (None: infeasible).
pub fn best(comp: &Component, root: Option<Node>, deadline: Option<Instant>) -> Outcome {
    let Some(mut root) = root else {
        return Outcome::Infeasible;
    };
    let mut incumbent: Incumbent = None;
    let warm = comp.warm.borrow().clone();
    let none = Prices::none(comp);
    let (prices, mult) = if let Some((wp, wm)) = warm {
        // A later search of a component already priced: straight to the prices, from
        // the earlier ones.
        if root.clash.is_none() {
            return Outcome::Optimal(root.sols);
        }
        incumbent = incumbent_near(comp, &root.chain, &wp);
        prices::warm(comp, &root.chain, &wm, &mut incumbent, deadline)
    } else {
        if root.clash.is_some() {
            incumbent = incumbent_near(comp, &root.chain, &none);
        }
        // First without prices: most searches end within a few nodes.
        let size: u64 = comp.meetings.iter().map(|m| m.len() as u64).sum();
        let limit = match QUICK_OVERRIDE.with(|q| q.get()) {
            Some(nodes) => Limit {
                nodes,
                work: u64::MAX,
            },
            None => Limit {
                nodes: QUICK_NODES,
                work: QUICK_PASSES * size.max(1),
            },
        };
        let quick = search(
            comp,
            root.clone(),
            (&none, None),
            &mut incumbent,
            deadline,
            limit,
        );
        if let Some(outcome) = quick {
            return outcome;
        }
        // Then again from the root, with the Lagrangian bound.
        if incumbent.is_some() {
            let (p, m) = prices::prices(comp, &root, &mut incumbent, deadline);
            if p.total != 0 {
                *comp.warm.borrow_mut() = Some((p.clone(), m.clone()));
            }
            (p, m)
        } else {
            (none, Multipliers::default())
        }
    };
    if prices.total != 0 {
        let lag: Option<Vec<Rc<Sol>>> = (0..comp.meetings.len())
            .map(|k| solve_meeting(comp, k, &root.chain, prices.of(k)).map(Rc::new))
            .collect();
        let Some(lag) = lag else {
            return Outcome::Infeasible;
        };
        let Some(r) = node(
            comp,
            &prices,
            root.sols.clone(),
            lag,
            root.chain.clone(),
            root.without.clone(),
        ) else {
            return Outcome::Infeasible;
        };
        root = Node {
            bound: root.bound.max(r.bound),
            ..r
        };
        if let Some((c, g)) = incumbent_near(comp, &root.chain, &prices) {
            if incumbent.as_ref().is_none_or(|(ic, _)| c < *ic) {
                incumbent = Some((c, g));
            }
        }
    }
    search(
        comp,
        root,
        (&prices, Some(&mult)),
        &mut incumbent,
        deadline,
        Limit {
            nodes: u64::MAX,
            work: u64::MAX,
        },
    )
    .expect("no node limit but the time")
}

/// How far a search may go before it gives up (the quick phase's limits).
#[derive(Debug, Clone, Copy)]
struct Limit {
    /// Nodes explored.
    nodes: u64,
    /// Candidates visited by the DPs.
    work: u64,
}

/// Best-first branch and bound from `root` under fixed prices; None when the limit was
/// reached without an answer.
fn search(
    comp: &Component,
    root: Node,
    (prices, mult): (&Prices, Option<&Multipliers>),
    incumbent: &mut Incumbent,
    deadline: Option<Instant>,
    limit: Limit,
) -> Option<Outcome> {
    let start_work = comp.work.get();
    let mut heap: BinaryHeap<Key> = BinaryHeap::new();
    let mut nodes: Vec<Option<Node>> = Vec::new();
    fn open(heap: &mut BinaryHeap<Key>, nodes: &mut Vec<Option<Node>>, node: Node) {
        heap.push(Reverse((node.bound, Reverse(nodes.len() as u64))));
        nodes.push(Some(node));
    }
    open(&mut heap, &mut nodes, root);
    let mut popped = 0u64;
    while let Some(Reverse((b, Reverse(id)))) = heap.pop() {
        popped += 1;
        if let Some((c, s)) = incumbent.as_ref() {
            if *c <= b {
                // Nothing open can beat the incumbent.
                return Some(Outcome::Optimal(s.clone()));
            }
        }
        if popped > limit.nodes || comp.work.get() - start_work > limit.work {
            return None;
        }
        let node = nodes[id as usize].take().expect("each node is popped once");
        if deadline.is_some_and(|d| Instant::now() >= d) || heap.len() > MAX_NODES {
            return Some(match incumbent.clone() {
                Some((_, s)) => Outcome::Best(s),
                None => Outcome::NothingInTime,
            });
        }
        let Some(((a_m, a_p), _)) = node.clash else {
            return Some(Outcome::Optimal(node.sols));
        };
        if let (Some(mult), Some((c, _))) = (mult, incumbent.as_ref()) {
            // Prices re-optimised for this node may prune it.
            if prices.total != 0 && prices::reprice(comp, &node.chain, mult, *c) >= *c {
                continue;
            }
        }
        if popped % GREEDY_EVERY == 0 {
            // A plan near this node, to prune with.
            if let Some((c, g)) = incumbent_near(comp, &node.chain, prices) {
                if incumbent.as_ref().is_none_or(|(ic, _)| c < *ic) {
                    *incumbent = Some((c, g));
                }
            }
        }
        let mut children = Vec::new();
        // Without a.
        let chain = push(&node.chain, a_m, a_p, false);
        if let Some(s) = solve_meeting(comp, a_m, &chain, None) {
            let mut sols = node.sols.clone();
            sols[a_m] = Rc::new(s);
            let mut lag = node.lag.clone();
            let mut ok = true;
            if prices.total != 0 {
                match solve_meeting(comp, a_m, &chain, prices.of(a_m)) {
                    Some(s) => lag[a_m] = Rc::new(s),
                    None => ok = false,
                }
            } else {
                lag[a_m] = sols[a_m].clone();
            }
            let mut without = node.without.clone();
            without[a_m] = Rc::new(RefCell::new(HashMap::new()));
            if ok {
                children.extend(self::node(comp, prices, sols, lag, chain, without));
            }
        }
        // With a, and nothing overlapping it in the meetings that share someone.
        let ma = &comp.meetings[a_m];
        let (s, e) = (ma.start[a_p], ma.end[a_p]);
        let mut chain = push(&node.chain, a_m, a_p, true);
        let mut without = node.without.clone();
        without[a_m] = Rc::new(RefCell::new(HashMap::new()));
        let mut changed = vec![a_m];
        let losing: Vec<(usize, Vec<usize>)> = (0..comp.meetings.len())
            .filter(|&k| k != a_m && comp.share[a_m][k])
            .map(|k| (k, comp.overlapping(k, s, e)))
            .filter(|(_, gone)| !gone.is_empty())
            .collect();
        for (k, gone) in losing {
            changed.push(k);
            without[k] = Rc::new(RefCell::new(HashMap::new()));
            for p in gone {
                chain = push(&chain, k, p, false);
            }
        }
        let mut sols = node.sols.clone();
        let mut lag = node.lag.clone();
        let ok = changed.into_iter().all(|k| {
            // Only meetings whose plan lost a candidate need solving again.
            match solve_meeting(comp, k, &chain, None) {
                Some(s) => sols[k] = Rc::new(s),
                None => return false,
            }
            if prices.total != 0 {
                match solve_meeting(comp, k, &chain, prices.of(k)) {
                    Some(s) => lag[k] = Rc::new(s),
                    None => return false,
                }
            } else {
                lag[k] = sols[k].clone();
            }
            true
        });
        if ok {
            children.extend(self::node(comp, prices, sols, lag, chain, without));
        }
        for mut child in children {
            // A child's plans are the parent's with more rules: never better.
            child.bound = child.bound.max(node.bound);
            if child.clash.is_none() {
                // A plan: the best so far, if it beats the incumbent.
                let c = base(&child.sols);
                if incumbent.as_ref().is_none_or(|(ic, _)| c < *ic) {
                    *incumbent = Some((c, child.sols.clone()));
                }
            } else if child.priced_plan {
                // The priced optima do not clash: a plan, at its own costs.
                let plan = own_costs(comp, &child.lag);
                let c = base(&plan);
                if incumbent.as_ref().is_none_or(|(ic, _)| c < *ic) {
                    *incumbent = Some((c, plan));
                }
            }
            if incumbent.as_ref().is_none_or(|(c, _)| child.bound < *c) {
                open(&mut heap, &mut nodes, child);
            }
        }
    }
    Some(match incumbent.clone() {
        Some((_, s)) => Outcome::Optimal(s),
        None => Outcome::Infeasible,
    })
}
