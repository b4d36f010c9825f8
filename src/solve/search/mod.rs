/*!
The exact search, the default way `propose` solves: the plan's meetings split into
components (meetings that share nobody never constrain each other), each component
solved by branch and bound ([`bnb`]) over one dynamic programme per meeting ([`dp`]),
and the k best plans of the whole combined from the components' k best.

It answers the same question as the ILP of [`super::model`] — the same rows, the same
lexicographic objective ([`super::criterion`]) — and a component whose rules the DP
does not take (see [`dp::Unsupported`]) is handed to the ILP instead. The property tests
check that both agree, and [`super::verify`] checks every plan either way.
*/

pub mod bnb;
pub mod dp;
pub mod kbest;
pub mod prices;

use super::criterion::{add, Cost, COST_LEN};
use super::rules::Rule;
use crate::candidates::Candidate;
use crate::world::World;
use std::collections::BTreeSet;
use std::time::Instant;

/// One plan: chosen candidate indices (sorted by start, then meeting), its cost, and
/// whether it is proven to be the best of its rank.
#[derive(Debug, Clone)]
pub struct Planned {
    pub chosen: Vec<usize>,
    pub cost: Cost,
    pub proven: bool,
}

/// The meetings of the plan grouped into components: meetings sharing someone, when
/// nobody may be in two meetings at once, are in one component.
pub fn components(world: &World, parts: &BTreeSet<Rule>) -> Vec<Vec<usize>> {
    let n = world.plan.meetings.len();
    let mut root: Vec<usize> = (0..n).collect();
    fn find(r: &mut [usize], x: usize) -> usize {
        let mut x = x;
        while r[x] != x {
            r[x] = r[r[x]];
            x = r[x];
        }
        x
    }
    if parts.contains(&Rule::OneMeetingAtATime) {
        for i in 0..n {
            for j in i + 1..n {
                if shares(world, i, j) {
                    let (a, b) = (find(&mut root, i), find(&mut root, j));
                    root[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut of_root = vec![usize::MAX; n];
    for i in 0..n {
        let r = find(&mut root, i);
        if of_root[r] == usize::MAX {
            of_root[r] = groups.len();
            groups.push(Vec::new());
        }
        groups[of_root[r]].push(i);
    }
    groups
}

fn shares(world: &World, i: usize, j: usize) -> bool {
    let (a, b) = (&world.plan.meetings[i], &world.plan.meetings[j]);
    a.attendees.iter().any(|p| b.attendees.contains(p))
}

/// What the search made of one component.
pub enum Solved {
    /// Its k best plans (none: infeasible).
    Plans(Vec<Planned>),
    /// The DP does not take one of its meetings: solve it with the ILP.
    Unsupported(String),
    /// The time ran out before any plan was found.
    NothingInTime,
}

/// The k best plans of one component of meetings.
pub fn solve_component(
    world: &World,
    cands: &[Candidate],
    costs: &[Cost],
    parts: &BTreeSet<Rule>,
    meetings: &[usize],
    k: usize,
    deadline: Option<Instant>,
) -> Solved {
    let mut ms = Vec::new();
    for &m in meetings {
        match dp::Meeting::build(world, cands, costs, parts, m) {
            Ok(x) => ms.push(x),
            Err(dp::Unsupported(why)) => return Solved::Unsupported(why),
        }
    }
    let one_at_a_time = parts.contains(&Rule::OneMeetingAtATime);
    let share: Vec<Vec<bool>> = meetings
        .iter()
        .map(|&i| {
            meetings
                .iter()
                .map(|&j| i != j && one_at_a_time && shares(world, i, j))
                .collect()
        })
        .collect();
    let Some(comp) = bnb::Component::new(ms, share) else {
        return Solved::Unsupported("the weighed costs do not fit in 128 bits".into());
    };
    match kbest::k_best(&comp, k, deadline) {
        Err(kbest::OutOfTime) => Solved::NothingInTime,
        Ok(list) => Solved::Plans(
            list.into_iter()
                .map(|r| {
                    let mut chosen: Vec<usize> = r
                        .sols
                        .iter()
                        .enumerate()
                        .flat_map(|(i, s)| {
                            let m = &comp.meetings[i];
                            s.pos.iter().map(move |&p| m.cands[p])
                        })
                        .collect();
                    sort(cands, &mut chosen);
                    Planned {
                        cost: super::criterion::total(costs, &chosen),
                        chosen,
                        proven: r.proven,
                    }
                })
                .collect(),
        ),
    }
}

/// Sorts chosen candidates by start, then meeting.
pub fn sort(cands: &[Candidate], chosen: &mut [usize]) {
    chosen.sort_by_key(|&c| (cands[c].start, cands[c].meeting, c));
}

/// The k best combinations of the components' plans (each list best first).
pub fn combine(cands: &[Candidate], lists: &[Vec<Planned>], k: usize) -> Vec<Planned> {
    let mut acc = vec![Planned {
        chosen: Vec::new(),
        cost: [0; COST_LEN],
        proven: true,
    }];
    for list in lists {
        let mut next: Vec<(Cost, usize, usize)> = Vec::new();
        for (i, a) in acc.iter().enumerate() {
            for (j, b) in list.iter().enumerate() {
                next.push((add(&a.cost, &b.cost), i, j));
            }
        }
        next.sort();
        next.truncate(k);
        acc = next
            .into_iter()
            .map(|(cost, i, j)| {
                let mut chosen = acc[i].chosen.clone();
                chosen.extend(&list[j].chosen);
                Planned {
                    chosen,
                    cost,
                    proven: acc[i].proven && list[j].proven,
                }
            })
            .collect();
    }
    for p in &mut acc {
        sort(cands, &mut p.chosen);
    }
    acc
}
