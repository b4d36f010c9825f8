/*!
One meeting alone, solved exactly by dynamic programming over its candidates in time
order.

Every rule that concerns one meeting only is an order on its chosen candidates, so a
plan for one meeting is a path through its candidates sorted by start: the count (or
one per month), the minimum gap and not overlapping itself are conditions between
consecutive chosen candidates; "an occurrence before (after) each board event" is a
covering condition on disjoint, ordered zones of candidates (checked when the problem is
built — if the zones are not ordered the search does not take the meeting and the ILP
does); series occurrences that must stay, and candidates the branch and bound forces in,
are zones of one. The state is (how many chosen, the last chosen, whether the last
chosen one's zone of each rule is served), the value the smallest cost — the
lexicographic [`Cost`] weighed into one integer ([`super::bnb::Component::new`] picks
weights under which the order of plans is the lexicographic one), plus any Lagrangian
penalties the branch and bound adds.

The rows are those of [`super::super::constraints`], read from the same functions
(`serves`, `rule_events`, `needed`, `unfit`), so the DP's plans are the ILP's.
*/

use super::super::constraints;
use super::super::criterion::Cost;
use super::super::rules::{unfit, Rule};
use crate::candidates::Candidate;
use crate::world::World;
use chrono::Datelike;
use std::collections::BTreeSet;

/// Most rules on one meeting the DP takes (each doubles the states).
const MAX_RULES: usize = 4;
/// Most DP states of one meeting (count × candidates × rule bits) the search takes.
pub const MAX_STATES: usize = 20_000_000;

/// The zones of one order rule over a meeting's fit candidates.
#[derive(Debug, Clone)]
struct Zones {
    /// Zone (event index) of each position, if inside one.
    zone: Vec<Option<u32>>,
    /// Whether the position serves its zone's event.
    member: Vec<bool>,
    lo: Vec<usize>,
    hi: Vec<usize>,
    /// First zone starting after each position (len: none).
    next_after: Vec<usize>,
}

/// One meeting's problem: its fit candidates in start order and their rules.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub index: usize,
    /// Candidate indices (into the proposal's candidates), in start order.
    pub cands: Vec<usize>,
    pub cost: Vec<Cost>,
    /// Each position's cost weighed into one integer (set by the component).
    pub value: Vec<i128>,
    pub start: Vec<i64>,
    pub end: Vec<i64>,
    day: Vec<i64>,
    /// Per month: each position's month index in the window.
    month: Option<Vec<usize>>,
    pub need: usize,
    gap: i64,
    rules: Vec<Zones>,
    /// Positions that must be chosen (series occurrences that stay).
    pub keep: Vec<usize>,
    /// Some rule's event has no candidate that serves it.
    impossible: bool,
}

/// Why the search leaves a meeting to the ILP.
#[derive(Debug, Clone)]
pub struct Unsupported(pub String);

fn months(world: &World) -> Vec<(i32, u32)> {
    let mut v: Vec<(i32, u32)> = Vec::new();
    let mut d = world.plan.from;
    while d <= world.plan.to {
        if v.last() != Some(&(d.year(), d.month())) {
            v.push((d.year(), d.month()));
        }
        d = d.succ_opt().expect("a date in range");
    }
    v
}

impl Meeting {
    /// Builds meeting `m`'s problem under the switched-on rules.
    pub fn build(
        world: &World,
        cands: &[Candidate],
        costs: &[Cost],
        parts: &BTreeSet<Rule>,
        m: usize,
    ) -> Result<Meeting, Unsupported> {
        let mt = &world.plan.meetings[m];
        let mine: Vec<usize> = (0..cands.len())
            .filter(|&c| cands[c].meeting == m && unfit(world, parts, &cands[c]).is_none())
            .collect();
        let on = |p: Rule| parts.contains(&p);
        let need = if on(Rule::Occurrences(m)) {
            constraints::needed(world, m)
        } else {
            return Err(Unsupported("no occurrence count".into()));
        };
        let month = if mt.per_month {
            let ms = months(world);
            Some(
                mine.iter()
                    .map(|&c| {
                        let d = cands[c].date;
                        ms.iter()
                            .position(|x| *x == (d.year(), d.month()))
                            .unwrap_or(usize::MAX)
                    })
                    .collect::<Vec<_>>(),
            )
        } else {
            None
        };
        // Candidates outside the window's months can never be chosen with per = "month".
        let keep_pos: Vec<usize> = match &month {
            Some(mo) => (0..mine.len()).filter(|&i| mo[i] != usize::MAX).collect(),
            None => (0..mine.len()).collect(),
        };
        let mine: Vec<usize> = keep_pos.iter().map(|&i| mine[i]).collect();
        let month = month.map(|mo| keep_pos.iter().map(|&i| mo[i]).collect::<Vec<_>>());
        let n = mine.len();
        let mut rules = Vec::new();
        let mut impossible = false;
        for (i, r) in world.plan.rules.iter().enumerate() {
            if r.meeting != mt.id || !on(Rule::Order(i)) {
                continue;
            }
            let events = constraints::rule_events(world, r);
            let mut zone = vec![None; n];
            let mut member = vec![false; n];
            let (mut lo, mut hi) = (Vec::new(), Vec::new());
            for k in 0..events.len() {
                let members: Vec<usize> = (0..n)
                    .filter(|&p| constraints::serves(&cands[mine[p]], world, r, &events, k))
                    .collect();
                let (Some(&a), Some(&b)) = (members.first(), members.last()) else {
                    impossible = true;
                    break;
                };
                if hi.last().is_some_and(|&h| h >= a) {
                    return Err(Unsupported(format!("rule {i}: zones overlap")));
                }
                for p in members {
                    member[p] = true;
                }
                for z in zone.iter_mut().take(b + 1).skip(a) {
                    *z = Some(k as u32);
                }
                lo.push(a);
                hi.push(b);
            }
            if impossible {
                break;
            }
            let mut next_after = vec![lo.len(); n];
            let mut z = lo.len();
            for p in (0..n).rev() {
                while z > 0 && lo[z - 1] > p {
                    z -= 1;
                }
                next_after[p] = z;
            }
            rules.push(Zones {
                zone,
                member,
                lo,
                hi,
                next_after,
            });
        }
        if rules.len() > MAX_RULES {
            return Err(Unsupported(format!("{} rules on one meeting", rules.len())));
        }
        let states = need
            .max(1)
            .saturating_mul(n)
            .saturating_mul(1 << rules.len());
        if month.is_none() && states > MAX_STATES {
            return Err(Unsupported(format!("{states} states")));
        }
        let keep = if on(Rule::KeepSeries(m)) {
            (0..n)
                .filter(|&p| {
                    let c = &cands[mine[p]];
                    c.original.is_some() && !c.original_clashes
                })
                .collect()
        } else {
            Vec::new()
        };
        let zone = &world.zone;
        Ok(Meeting {
            index: m,
            cost: mine.iter().map(|&c| costs[c]).collect(),
            value: Vec::new(),
            start: mine.iter().map(|&c| cands[c].start.timestamp()).collect(),
            end: mine.iter().map(|&c| cands[c].end.timestamp()).collect(),
            day: mine
                .iter()
                .map(|&c| {
                    zone.to_local(cands[c].start)
                        .date()
                        .num_days_from_ce()
                        .into()
                })
                .collect(),
            month,
            need,
            gap: if on(Rule::Gap(m)) {
                mt.min_gap_days as i64
            } else {
                0
            },
            rules,
            keep,
            impossible,
            cands: mine,
        })
    }

    pub fn len(&self) -> usize {
        self.cands.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cands.is_empty()
    }
}

/// A meeting's best plan: chosen positions (in start order) and their cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sol {
    pub pos: Vec<usize>,
    pub cost: i128,
}

const NONE: u32 = u32::MAX;

/// The best plan of one meeting with positions `banned` left out and `forced` in; each
/// position costs its value plus its penalty, if any.
pub fn solve(m: &Meeting, banned: &[bool], forced: &[bool], pen: Option<&[i128]>) -> Option<Sol> {
    let n = m.len();
    let val: Vec<i128> = match pen {
        Some(pen) => m.value.iter().zip(pen).map(|(v, p)| v + p).collect(),
        None => m.value.clone(),
    };
    if m.impossible {
        return None;
    }
    let mut must = forced.to_vec();
    for &p in &m.keep {
        must[p] = true;
    }
    if (0..n).any(|p| must[p] && banned[p]) {
        return None;
    }
    let need = m.need;
    if need == 0 {
        return if must.iter().any(|&x| x) || m.rules.iter().any(|z| !z.lo.is_empty()) {
            None
        } else {
            Some(Sol {
                pos: Vec::new(),
                cost: 0,
            })
        };
    }
    // next_must[p]: the first must position after p (n: none); prev_must[q]: the last
    // one before q (a predecessor of q may not lie before it).
    let mut next_must = vec![n; n + 1];
    for p in (0..n.saturating_sub(1)).rev() {
        next_must[p] = if must[p + 1] { p + 1 } else { next_must[p + 1] };
    }
    let mut prev_must = vec![None; n];
    for q in 1..n {
        prev_must[q] = if must[q - 1] {
            Some(q - 1)
        } else {
            prev_must[q - 1]
        };
    }
    let first_must = (0..n).find(|&p| must[p]).unwrap_or(n);
    let r = m.rules.len();
    let bits = 1usize << r;
    // The range of positions of each layer (with per = "month": that month's).
    let ranges: Vec<(usize, usize)> = match &m.month {
        Some(mo) => {
            let mut v = vec![(n, 0); need];
            for (p, &k) in mo.iter().enumerate() {
                if k < need {
                    v[k].0 = v[k].0.min(p);
                    v[k].1 = v[k].1.max(p + 1);
                }
            }
            v
        }
        None => (0..need).map(|k| (k, n)).collect(),
    };
    if ranges.iter().any(|&(a, b)| a >= b) {
        return None;
    }
    // Without rules, and with candidates all as long: the predecessors compatible with q
    // in time and gap are a prefix (of the previous month's, per month), so the best of
    // them is a running minimum.
    let uniform = r == 0 && {
        let d = m.end[0] - m.start[0];
        m.end.iter().zip(&m.start).all(|(e, s)| e - s == d)
    };
    let timely = |p: usize, q: usize| m.timely(p, q);
    // Values of a layer, for its range of positions only (so per month, the work and
    // memory grow with the candidates, not with months × candidates).
    let idx = |p: usize, base: usize, b: usize| (p - base) * bits + b;
    let mut prev: Vec<Option<i128>> = vec![None; (ranges[0].1 - ranges[0].0) * bits];
    let mut preds: Vec<Vec<u32>> = Vec::with_capacity(need);
    {
        let (a, b) = ranges[0];
        for q in a..b {
            if banned[q] || first_must < q {
                continue;
            }
            let mut nb = 0;
            let ok = m.rules.iter().enumerate().all(|(i, z)| {
                if z.zone[q].is_some() && z.member[q] {
                    nb |= 1 << i;
                }
                z.hi.is_empty() || z.hi[0] >= q
            });
            if ok {
                prev[idx(q, a, nb)] = Some(val[q]);
            }
        }
        preds.push(Vec::new());
    }
    for k in 1..need {
        let (a, b) = ranges[k];
        let (pa, pb) = ranges[k - 1];
        let mut cur: Vec<Option<i128>> = vec![None; (b - a) * bits];
        let mut pred = vec![NONE; (b - a) * bits];
        // The uniform case: the best predecessor is a running minimum over the timely
        // positions at or after the last forced one before q.
        let mut best_prefix: Option<(i128, usize)> = None;
        let mut scanned = pa;
        let mut left = pa;
        for q in a..b {
            if uniform {
                let l = prev_must[q].unwrap_or(pa).max(pa);
                if l != left {
                    left = l;
                    best_prefix = None;
                    for p in left..scanned {
                        if let Some(c) = prev[idx(p, pa, 0)] {
                            if best_prefix.is_none_or(|(bc, _)| c < bc) {
                                best_prefix = Some((c, p));
                            }
                        }
                    }
                }
                while scanned < q.min(pb) && timely(scanned, q) {
                    if scanned >= left {
                        if let Some(c) = prev[idx(scanned, pa, 0)] {
                            if best_prefix.is_none_or(|(bc, _)| c < bc) {
                                best_prefix = Some((c, scanned));
                            }
                        }
                    }
                    scanned += 1;
                }
            }
            if banned[q] {
                continue;
            }
            if uniform {
                if let Some((c, p)) = best_prefix {
                    cur[idx(q, a, 0)] = Some(c + val[q]);
                    pred[q - a] = p as u32;
                }
                continue;
            }
            let hi = q.min(pb);
            let lo = prev_must[q].unwrap_or(0).max(pa);
            for p in (lo..hi).rev() {
                if banned[p] || !timely(p, q) || next_must[p] < q {
                    continue;
                }
                for bp in 0..bits {
                    let Some(c) = prev[idx(p, pa, bp)] else {
                        continue;
                    };
                    let Some(nb) = step(m, p, q, bp) else {
                        continue;
                    };
                    let total = c + val[q];
                    let slot = &mut cur[idx(q, a, nb)];
                    if slot.is_none_or(|s| total < s) {
                        *slot = Some(total);
                        pred[(q - a) * bits + nb] = (p * bits + bp) as u32;
                    }
                }
            }
        }
        preds.push(pred);
        prev = cur;
    }
    // The last chosen: nothing forced after it, its zones served, no zone after it.
    let (a, b) = ranges[need - 1];
    let mut best: Option<(i128, usize, usize)> = None;
    for q in a..b {
        if next_must[q] < n {
            continue;
        }
        for bq in 0..bits {
            let Some(c) = prev[idx(q, a, bq)] else {
                continue;
            };
            let ok = m.rules.iter().enumerate().all(|(i, z)| {
                (z.zone[q].is_none() || bq >> i & 1 == 1) && z.next_after[q] >= z.lo.len()
            });
            if ok && best.is_none_or(|(bc, _, _)| c < bc) {
                best = Some((c, q, bq));
            }
        }
    }
    let (cost, mut q, mut bq) = best?;
    let mut pos = vec![0; need];
    for k in (0..need).rev() {
        pos[k] = q;
        if k == 0 {
            break;
        }
        let pr = preds[k][(q - ranges[k].0) * bits + bq] as usize;
        q = pr / bits;
        bq = pr % bits;
    }
    Some(Sol { pos, cost })
}

/// The rule bits after choosing `q` right after `p` (whose bits are `bp`), or None when
/// that leaves an event unserved: `p`'s zone left unserved, or a whole zone skipped.
fn step(m: &Meeting, p: usize, q: usize, bp: usize) -> Option<usize> {
    let mut nb = 0;
    for (i, z) in m.rules.iter().enumerate() {
        let (zp, zq) = (z.zone[p], z.zone[q]);
        let covered = bp >> i & 1 == 1;
        if zp.is_some() && zp == zq {
            if covered || z.member[q] {
                nb |= 1 << i;
            }
            continue;
        }
        if zp.is_some() && !covered {
            return None;
        }
        let fz = z.next_after[p];
        if fz < z.lo.len() && z.hi[fz] < q {
            return None;
        }
        if zq.is_some() && z.member[q] {
            nb |= 1 << i;
        }
    }
    Some(nb)
}

/// For a meeting held once a month: the cheapest way to finish its plan from each
/// position — the position in its month, then one candidate in each later month —
/// under `banned` and `forced` positions, with the order rules left out. Leaving rules
/// out can only make a plan cheaper, so what it gives is a lower bound: all that the k
/// best's subproblems need to be ordered (each is searched exactly when it is opened).
/// One backward pass over the months, linear in the window, where solving each
/// subproblem's DP again would be linear per subproblem.
pub struct Suffix {
    /// Best cost from each position to the end (None: no way to finish from it).
    best: Vec<Option<i128>>,
    val: Vec<i128>,
    /// The first position that must be chosen after each position (len: none).
    next_must: Vec<usize>,
    first_must: usize,
    banned: Vec<bool>,
}

/// The [`Suffix`] of a meeting held once a month; None for a meeting counted otherwise,
/// or one that cannot be planned at all.
pub fn suffix(
    m: &Meeting,
    banned: &[bool],
    forced: &[bool],
    pen: Option<&[i128]>,
) -> Option<Suffix> {
    let month = m.month.as_ref()?;
    let n = m.len();
    if m.impossible || m.need == 0 {
        return None;
    }
    let val: Vec<i128> = match pen {
        Some(pen) => m.value.iter().zip(pen).map(|(v, p)| v + p).collect(),
        None => m.value.clone(),
    };
    let mut must = forced.to_vec();
    for &p in &m.keep {
        must[p] = true;
    }
    let mut next_must = vec![n; n];
    for p in (0..n.saturating_sub(1)).rev() {
        next_must[p] = if must[p + 1] { p + 1 } else { next_must[p + 1] };
    }
    let first_must = (0..n).find(|&p| must[p]).unwrap_or(n);
    let mut ranges = vec![(n, 0); m.need];
    for (p, &k) in month.iter().enumerate() {
        if k < m.need {
            ranges[k].0 = ranges[k].0.min(p);
            ranges[k].1 = ranges[k].1.max(p + 1);
        }
    }
    let mut best: Vec<Option<i128>> = vec![None; n];
    for k in (0..m.need).rev() {
        let (a, b) = ranges[k];
        for q in a..b {
            if banned[q] {
                continue;
            }
            best[q] = if k + 1 == m.need {
                (next_must[q] == n).then_some(val[q])
            } else {
                let (na, nb) = ranges[k + 1];
                (na..nb)
                    .filter(|&r| next_must[q] >= r && m.timely(q, r))
                    .filter_map(|r| best[r])
                    .min()
                    .map(|c| c + val[q])
            };
        }
    }
    Some(Suffix {
        best,
        val,
        next_must,
        first_must,
        banned: banned.to_vec(),
    })
}

impl Suffix {
    /// A lower bound on the meeting's best plan that keeps `prefix` (its plan's first
    /// positions, one a month from the first month) and leaves out `not` (its plan's next
    /// position); None when no such plan exists even with the order rules left out.
    pub fn bound_after(&self, m: &Meeting, prefix: &[usize], not: usize) -> Option<i128> {
        let month = m.month.as_ref()?;
        let kept: i128 = prefix.iter().map(|&p| self.val[p]).sum();
        let layer = month[not];
        let (lo, ok_after): (usize, Box<dyn Fn(usize) -> bool>) = match prefix.last() {
            Some(&p) => (
                p + 1,
                Box::new(move |q| self.next_must[p] >= q && m.timely(p, q)),
            ),
            None => (0, Box::new(|q| self.first_must >= q)),
        };
        (lo..m.len())
            .skip_while(|&q| month[q] < layer)
            .take_while(|&q| month[q] == layer)
            .filter(|&q| q != not && !self.banned[q] && ok_after(q))
            .filter_map(|q| self.best[q])
            .min()
            .map(|c| c + kept)
    }
}

impl Meeting {
    /// Whether `q` may follow `p` in one plan: after its end, and at least the minimum
    /// gap of days later.
    fn timely(&self, p: usize, q: usize) -> bool {
        self.start[q] >= self.end[p] && (self.gap == 0 || self.day[q] - self.day[p] >= self.gap)
    }
}
