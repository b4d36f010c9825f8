/*!
Who and what is behind a rule that leaves no date ([`Behind`]): the people away at the
times tried — at every one, or at all of a month's with `per = "month"` — with what their
calendars say; the holidays among the times tried; the feed events an order rule needs
room around. Read from the candidates the solver tried, so it names exactly what made
them unfit.
*/

use super::constraints::rule_events;
use super::proposal::Behind;
use super::rules::Rule;
use crate::candidates::Candidate;
use crate::world::World;
use chrono::Datelike;
use std::collections::BTreeMap;

/// How many people a quorum names at least (more when more are away half the time).
const QUORUM_PEOPLE: usize = 3;
/// How many reasons, holidays or events one line of "behind" names at most.
const BEHIND_LIST: usize = 3;

/// Who and what is behind one rule of the minimal set.
pub fn behind(world: &World, cands: &[Candidate], rule: Rule) -> Vec<Behind> {
    let plan = &world.plan;
    let of = |m: usize| -> Vec<&Candidate> { cands.iter().filter(|c| c.meeting == m).collect() };
    match rule {
        Rule::Required(m) => {
            let (mine, mt) = (of(m), &plan.meetings[m]);
            mt.required
                .iter()
                .flat_map(|id| away(&mine, id, mt.per_month))
                .collect()
        }
        Rule::Quorum(m) => {
            let (mine, mt) = (of(m), &plan.meetings[m]);
            let mut v: Vec<Behind> = mt
                .attendees
                .iter()
                .flat_map(|id| away(&mine, id, mt.per_month))
                .collect();
            let share = |b: &Behind| match b {
                Behind::Away { times, of, .. } => (*times as u64 * 1000) / (*of).max(1) as u64,
                _ => 0,
            };
            // Most away first (stable: plan order among equals); those away at least
            // half the times tried, and at least the first few.
            v.sort_by_key(|b| std::cmp::Reverse(share(b)));
            let mut k = 0;
            v.retain(|b| {
                k += 1;
                k <= QUORUM_PEOPLE || share(b) >= 500
            });
            v
        }
        Rule::Holidays => {
            let on: Vec<&Candidate> = cands.iter().filter(|c| c.holiday.is_some()).collect();
            if on.is_empty() {
                return Vec::new();
            }
            let mut names: Vec<String> = Vec::new();
            for c in &on {
                let n = c.holiday.clone().unwrap_or_default();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            names.truncate(BEHIND_LIST + 2);
            vec![Behind::Holidays {
                times: on.len(),
                names,
            }]
        }
        Rule::Order(i) => rule_events(world, &plan.rules[i])
            .into_iter()
            .take(BEHIND_LIST + 2)
            .map(|(date, _, summary)| Behind::Event { summary, date })
            .collect(),
        _ => Vec::new(),
    }
}

/// Person `id` away at the times tried: at every one, or (with `per_month`) at every
/// one of some months, one line each; else at some of them. Nothing when never away.
fn away(mine: &[&Candidate], id: &str, per_month: bool) -> Vec<Behind> {
    let is_away = |c: &Candidate| c.attendance.absent.iter().any(|a| a.id == id);
    let line = |set: &[&Candidate], month: Option<(i32, u32)>| -> Behind {
        let gone: Vec<&&Candidate> = set.iter().filter(|c| is_away(c)).collect();
        // The reasons most often given, first seen first among equals.
        let mut count: Vec<(crate::busy::Why, usize)> = Vec::new();
        for c in &gone {
            for a in c.attendance.absent.iter().filter(|a| a.id == id) {
                for r in &a.why {
                    match count.iter_mut().find(|(x, _)| x == r) {
                        Some((_, n)) => *n += 1,
                        None => count.push((r.clone(), 1)),
                    }
                }
            }
        }
        count.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        Behind::Away {
            person: id.to_string(),
            times: gone.len(),
            of: set.len(),
            month,
            reasons: count
                .into_iter()
                .take(BEHIND_LIST)
                .map(|(r, _)| r)
                .collect(),
        }
    };
    let times = mine.iter().filter(|c| is_away(c)).count();
    if times == 0 {
        return Vec::new();
    }
    if times == mine.len() || !per_month {
        return vec![line(mine, None)];
    }
    let mut months: BTreeMap<(i32, u32), Vec<&Candidate>> = BTreeMap::new();
    for c in mine {
        months
            .entry((c.date.year(), c.date.month()))
            .or_default()
            .push(c);
    }
    let whole: Vec<Behind> = months
        .iter()
        .filter(|(_, set)| set.iter().all(|c| is_away(c)))
        .map(|(ym, set)| line(set, Some(*ym)))
        .collect();
    if whole.is_empty() {
        vec![line(mine, None)]
    } else {
        whole
    }
}
