/*!
The rows of the integer program, one function per [`super::rules::Rule`] that has rows,
over the candidates' 0/1 variables `x` held by [`Ctx`]; and the facts those rows and the
other solvers share (`needed`, `rule_events`, `serves`).

Which rule calls which function, its name and its sentences are in [`super::rules`];
this file knows only how to write a rule as rows.
*/

use crate::candidates::Candidate;
use crate::plan::Rule;
use crate::world::World;
use chrono::{Datelike, Duration, NaiveDate};
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables, Variable};
use std::collections::BTreeSet;

/// The model under construction: the candidates and their variables. Beside the row
/// functions that read it; [`super::model`] makes it and solves what they give.
pub struct Ctx<'a> {
    pub world: &'a World,
    pub cands: &'a [Candidate],
    pub(super) xs: Vec<Option<Variable>>,
    pub(super) vars: ProblemVariables,
}

impl Ctx<'_> {
    /// The variable of candidate `c`, if it passed the per-candidate rules.
    pub fn x(&self, c: usize) -> Option<Variable> {
        self.xs[c]
    }
    pub fn of_meeting(&self, m: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.cands.len()).filter(move |&c| self.cands[c].meeting == m)
    }
    pub fn continuous(&mut self) -> Variable {
        self.vars.add(variable().min(0.0))
    }
}

fn sum(ctx: &Ctx, cands: impl Iterator<Item = usize>) -> Expression {
    let mut e = Expression::from(0.0);
    for c in cands {
        if let Some(x) = ctx.x(c) {
            e += x;
        }
    }
    e
}

/// The months (year, month) a window touches.
fn months(from: NaiveDate, to: NaiveDate) -> Vec<(i32, u32)> {
    let mut v: Vec<(i32, u32)> = Vec::new();
    if from > to {
        return v;
    }
    // Month by month, not day by day: a 100-year window is 1,200 steps.
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        v.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    v
}

/// How many occurrences a meeting needs (per month: one per month of the window).
pub fn needed(world: &World, m: usize) -> usize {
    let mt = &world.plan.meetings[m];
    if mt.per_month {
        months(world.plan.from, world.plan.to).len()
    } else if let Some(c) = mt.count {
        c as usize
    } else {
        world
            .series
            .get(&mt.id)
            .map(|s| crate::check::planned(s, world).count())
            .unwrap_or(0)
    }
}

/// Exactly the needed number of occurrences (one per month with `per = "month"`), and
/// never two of the same meeting at overlapping times.
pub fn occurrences(ctx: &Ctx, m: usize) -> Vec<Constraint> {
    let mt = &ctx.world.plan.meetings[m];
    let mine: Vec<usize> = ctx.of_meeting(m).collect();
    let mut rows = Vec::new();
    if mt.per_month {
        for (y, mo) in months(ctx.world.plan.from, ctx.world.plan.to) {
            let e = sum(
                ctx,
                mine.iter()
                    .copied()
                    .filter(|&c| ctx.cands[c].date.year() == y && ctx.cands[c].date.month() == mo),
            );
            rows.push(constraint!(e == 1.0));
        }
    } else {
        let n = needed(ctx.world, m) as f64;
        rows.push(constraint!(sum(ctx, mine.iter().copied()) == n));
    }
    rows.extend(overlap_cliques(ctx, &mine));
    rows
}

/// At most one of a set of candidates at each moment: the candidates running at each
/// candidate's start form a clique of the interval graph. A sweep in start order, so the
/// work grows with the candidates times how many run at once, not with their square.
fn overlap_cliques(ctx: &Ctx, set: &[usize]) -> Vec<Constraint> {
    let mut seen: BTreeSet<Vec<usize>> = BTreeSet::new();
    let mut rows = Vec::new();
    let mut live: Vec<usize> = set
        .iter()
        .copied()
        .filter(|&c| ctx.x(c).is_some())
        .collect();
    live.sort_by_key(|&c| (ctx.cands[c].start, c));
    let longest = live
        .iter()
        .map(|&c| ctx.cands[c].end - ctx.cands[c].start)
        .max()
        .unwrap_or_default();
    for (i, &c) in live.iter().enumerate() {
        let t = ctx.cands[c].start;
        // Every candidate starting at t or before, back to the longest length.
        let upto = i + live[i..]
            .iter()
            .take_while(|&&o| ctx.cands[o].start <= t)
            .count();
        let mut group: Vec<usize> = live[..upto]
            .iter()
            .rev()
            .take_while(|&&o| ctx.cands[o].start + longest > t)
            .copied()
            .filter(|&o| ctx.cands[o].start <= t && t < ctx.cands[o].end)
            .collect();
        group.sort_unstable();
        if group.len() >= 2 && seen.insert(group.clone()) {
            rows.push(constraint!(sum(ctx, group.into_iter()) <= 1.0));
        }
    }
    rows
}

/// `min_gap_days` with cumulative variables: `P[t]` counts the meeting's occurrences up
/// to day `t`, and any `gap` consecutive days hold at most one (`P[t] − P[t−gap] ≤ 1`).
pub fn gap(ctx: &mut Ctx, m: usize) -> Vec<Constraint> {
    let g = ctx.world.plan.meetings[m].min_gap_days as i64;
    let mine: Vec<usize> = ctx.of_meeting(m).collect();
    if g < 1 || mine.is_empty() {
        return Vec::new();
    }
    let first = mine.iter().map(|&c| ctx.cands[c].date).min().unwrap();
    let last = mine.iter().map(|&c| ctx.cands[c].date).max().unwrap();
    let days = (last - first).num_days() as usize + 1;
    let mut per_day: Vec<Expression> = vec![Expression::from(0.0); days];
    for &c in &mine {
        if let Some(x) = ctx.x(c) {
            per_day[(ctx.cands[c].date - first).num_days() as usize] += x;
        }
    }
    let mut rows = Vec::new();
    let mut prefix = Vec::with_capacity(days);
    for (t, today) in per_day.into_iter().enumerate() {
        let p = ctx.continuous();
        let prev: Expression = if t == 0 {
            Expression::from(0.0)
        } else {
            Expression::from(prefix[t - 1])
        };
        rows.push(constraint!(p == prev + today));
        prefix.push(p);
        let back: Expression = if t as i64 >= g {
            Expression::from(prefix[t - g as usize])
        } else {
            Expression::from(0.0)
        };
        rows.push(constraint!(p - back <= 1.0));
    }
    rows
}

/// The feed events a rule orders the meeting against: inside the plan's window, not
/// cancelled, SUMMARY containing the text (case-insensitive); (start date, end date),
/// sorted.
pub fn rule_events(world: &World, r: &Rule) -> Vec<(NaiveDate, NaiveDate, String)> {
    let needle = r.text.to_lowercase();
    let zone = &world.zone;
    let (from, to) = (world.window_start(), world.window_end());
    let mut v: Vec<(NaiveDate, NaiveDate, String)> = world
        .feeds
        .get(&r.feed)
        .into_iter()
        .flatten()
        .filter(|o| !o.is_cancelled() && o.start < to && o.end > from)
        .filter(|o| {
            o.summary
                .as_deref()
                .is_some_and(|s| s.to_lowercase().contains(&needle))
        })
        .map(|o| {
            let (s, e) = match o.all_day {
                Some((s, e)) => (s, e - Duration::days(1)),
                None => (zone.to_local(o.start).date(), zone.to_local(o.end).date()),
            };
            (s, e, o.summary.as_deref().unwrap_or_default().to_string())
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Whether a candidate serves a rule's event `k`: before it by `days` calendar days (and
/// after the previous such event), or after it likewise (and before the next).
pub fn serves(
    c: &Candidate,
    world: &World,
    r: &Rule,
    events: &[(NaiveDate, NaiveDate, String)],
    k: usize,
) -> bool {
    let zone = &world.zone;
    let c_start = zone.to_local(c.start).date();
    let c_end = zone.to_local(c.end).date();
    let (e_start, e_end, _) = &events[k];
    if r.before {
        let prev_ok = k == 0 || c_start > events[k - 1].1;
        (*e_start - c_end).num_days() >= r.days as i64 && prev_ok
    } else {
        let next_ok = k + 1 >= events.len() || c_end < events[k + 1].0;
        (c_start - *e_end).num_days() >= r.days as i64 && next_ok
    }
}

/// `[[rule]]`: each matching event gets its own preceding (or following) occurrence.
pub fn order(ctx: &Ctx, i: usize) -> Vec<Constraint> {
    let world = ctx.world;
    let r = &world.plan.rules[i];
    let Some(m) = world.plan.meetings.iter().position(|m| m.id == r.meeting) else {
        return Vec::new();
    };
    let events = rule_events(world, r);
    let mine: Vec<usize> = ctx.of_meeting(m).collect();
    (0..events.len())
        .map(|k| {
            let e = sum(
                ctx,
                mine.iter()
                    .copied()
                    .filter(|&c| serves(&ctx.cands[c], world, r, &events, k)),
            );
            constraint!(e >= 1.0)
        })
        .collect()
}

/// Nobody invited to two meetings of the plan is in both at once.
pub fn one_meeting_at_a_time(ctx: &Ctx) -> Vec<Constraint> {
    let plan = &ctx.world.plan;
    let mut rows = Vec::new();
    for p in &plan.people {
        let mine: Vec<usize> = (0..ctx.cands.len())
            .filter(|&c| ctx.x(c).is_some())
            .filter(|&c| {
                plan.meetings[ctx.cands[c].meeting]
                    .attendees
                    .contains(&p.id)
            })
            .collect();
        let meetings: BTreeSet<usize> = mine.iter().map(|&c| ctx.cands[c].meeting).collect();
        if meetings.len() >= 2 {
            rows.extend(overlap_cliques(ctx, &mine));
        }
    }
    rows
}

/// Occurrences of the series that do not clash are kept.
pub fn keep_series(ctx: &Ctx, m: usize) -> Vec<Constraint> {
    ctx.of_meeting(m)
        .filter(|&c| ctx.cands[c].original.is_some() && !ctx.cands[c].original_clashes)
        .filter_map(|c| ctx.x(c).map(|x| constraint!(x == 1.0)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::months;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_of_a_window_inclusive_across_years() {
        assert_eq!(
            months(d(2026, 11, 30), d(2027, 2, 1)),
            [(2026, 11), (2026, 12), (2027, 1), (2027, 2)]
        );
        assert_eq!(months(d(2026, 4, 1), d(2026, 4, 30)), [(2026, 4)]);
        assert!(months(d(2026, 5, 1), d(2026, 4, 30)).is_empty());
        assert_eq!(months(d(2000, 1, 1), d(2099, 12, 31)).len(), 1200);
    }
}
