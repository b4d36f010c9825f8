/*!
An independent check of a proposed schedule, written against the busy model and the
plan — not against the solver's rows — so that it can catch the solver's mistakes.

Used three ways: the solver's answer is verified before it is shown; a rejected date is
explained by verifying the schedule with that date swapped in; and the property tests
check every proposal with it.
*/

use super::rules::Rule;
use crate::busy::BusyMap;
use crate::i18n::dates::date_time;
use crate::i18n::Lang;
use crate::plan::Holidays;
use crate::tr;
use crate::world::World;
use chrono::{DateTime, Datelike, Utc};

/// One placed occurrence: meeting index, start, end, and whether it is an existing
/// occurrence of the series kept in place (which may sit outside `days`/`start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub meeting: usize,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub original: bool,
}

/// A broken rule, and a sentence saying where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub rule: Rule,
    pub text: String,
}

fn v(rule: Rule, text: String) -> Violation {
    Violation { rule, text }
}

/// Every rule the schedule breaks (empty: it is valid). `count` rules are checked too.
pub fn verify(world: &World, busy: &BusyMap, slots: &[Slot]) -> Vec<Violation> {
    let plan = &world.plan;
    let zone = &world.zone;
    let mut out = Vec::new();
    for s in slots {
        let m = &plan.meetings[s.meeting];
        let local = zone.to_local(s.start);
        let date = local.date();
        if !s.original {
            if !m.days.contains(&date.weekday()) {
                out.push(v(
                    Rule::Days(s.meeting),
                    format!("{date} is not one of the meeting's days"),
                ));
            }
            if !m.start.contains(&local.time()) || s.end - s.start != m.duration {
                out.push(v(
                    Rule::Start(s.meeting),
                    format!("{local} is not an allowed start and length"),
                ));
            }
            if date < plan.from || date > plan.to {
                out.push(v(Rule::Window, format!("{date} is outside the window")));
            }
        }
        if plan.holidays == Holidays::Se && !world.holidays_on(date).is_empty() {
            out.push(v(Rule::Holidays, format!("{date} is a holiday")));
        }
        let mut present = 0;
        for id in &m.attendees {
            let p = plan
                .people
                .iter()
                .find(|p| &p.id == id)
                .expect("validated plan");
            // Present in person: free for the span widened by travel; remotely: free for
            // the span and allowed to join remotely. The busy model's own lookup (by
            // start, within the person's longest interval): a long window's schedule
            // costs its slots, not its slots times everyone's whole window.
            let free = |a, b| busy.overlapping(id, a, b).is_empty();
            let in_person = free(s.start - p.travel, s.end + p.travel);
            let here = in_person || (p.remote && free(s.start, s.end));
            if here {
                present += 1;
            } else if m.required.contains(id) {
                out.push(v(
                    Rule::Required(s.meeting),
                    format!("{id} is required but not free on {date}"),
                ));
            }
        }
        if present < m.quorum {
            out.push(v(
                Rule::Quorum(s.meeting),
                format!("{present} present on {date}, quorum {}", m.quorum),
            ));
        }
    }
    out.extend(schedule(world, slots, None));
    out
}

/// The rules between occurrences: counts, gaps, order rules and overlaps. With
/// `focus = Some(i)`, only what involves slot `i` (its meeting's gaps and rules, its
/// overlaps; counts are skipped) — the cheap check used to explain a swapped-in date.
pub fn schedule(world: &World, slots: &[Slot], focus: Option<usize>) -> Vec<Violation> {
    Checker::new(world).schedule(world, slots, focus)
}

/// [`schedule`] with the order rules' events read once, for checking many schedules.
pub struct Checker {
    events: Vec<Vec<(chrono::NaiveDate, chrono::NaiveDate, String)>>,
}

impl Checker {
    pub fn new(world: &World) -> Checker {
        Checker {
            events: world
                .plan
                .rules
                .iter()
                .map(|r| super::constraints::rule_events(world, r))
                .collect(),
        }
    }

    /// Whether slot `s` is the occurrence that rule `ri`'s event `k` needs: far enough
    /// before (after) it, and after (before) the event before (after) it.
    fn serves(&self, world: &World, ri: usize, k: usize, s: &Slot) -> bool {
        let r = &world.plan.rules[ri];
        let events = &self.events[ri];
        let (es, ee, _) = &events[k];
        let sd = world.zone.to_local(s.start).date();
        let ed = world.zone.to_local(s.end).date();
        if r.before {
            (*es - ed).num_days() >= r.days as i64 && (k == 0 || sd > events[k - 1].1)
        } else {
            (sd - *ee).num_days() >= r.days as i64
                && (k + 1 == events.len() || ed < events[k + 1].0)
        }
    }

    /// Rule `ri`'s event `k` left without its occurrence.
    fn unserved(&self, ri: usize, r: &crate::plan::Rule, k: usize, lang: Lang) -> Violation {
        let (es, _, summary) = &self.events[ri][k];
        let id = if r.before {
            "why-order-before"
        } else {
            "why-order-after"
        };
        v(
            Rule::Order(ri),
            tr!(
                lang,
                id,
                days = r.days,
                summary = summary,
                date = es.to_string()
            ),
        )
    }

    pub fn schedule(&self, world: &World, slots: &[Slot], focus: Option<usize>) -> Vec<Violation> {
        self.schedule_in(world, slots, focus, Lang::En)
    }

    /// [`Checker::schedule`] with the sentences in a language (the reports' reasons);
    /// dates are written with their times ("2026-10-27 Tue 13:00").
    pub fn schedule_in(
        &self,
        world: &World,
        slots: &[Slot],
        focus: Option<usize>,
        lang: Lang,
    ) -> Vec<Violation> {
        let plan = &world.plan;
        let zone = &world.zone;
        let mut out = Vec::new();
        let wanted = |mi: usize| focus.is_none_or(|f| slots[f].meeting == mi);
        // Counts and gaps per meeting.
        for (mi, m) in plan.meetings.iter().enumerate() {
            if !wanted(mi) {
                continue;
            }
            let mut starts: Vec<_> = slots
                .iter()
                .filter(|s| s.meeting == mi)
                .map(|s| zone.to_local(s.start))
                .collect();
            starts.sort();
            let dates: Vec<_> = starts.iter().map(|t| t.date()).collect();
            // A swap keeps the count: only a whole schedule's count is checked (and only
            // then worked out: for a long window it is not free).
            let need = match focus {
                Some(_) => 0,
                None => super::constraints::needed(world, mi),
            };
            if focus.is_some() {
                // A swap keeps the count.
            } else if m.per_month {
                let mut months: Vec<(i32, u32)> =
                    dates.iter().map(|d| (d.year(), d.month())).collect();
                let n = months.len();
                months.dedup();
                if months.len() != n || n != need {
                    out.push(v(
                        Rule::Occurrences(mi),
                        format!("{} needs one occurrence per month", m.id),
                    ));
                }
            } else if dates.len() != need {
                out.push(v(
                    Rule::Occurrences(mi),
                    format!("{} needs {need} occurrences, has {}", m.id, dates.len()),
                ));
            }
            if m.min_gap_days > 0 {
                for w in starts.windows(2) {
                    if (w[1].date() - w[0].date()).num_days() < m.min_gap_days as i64 {
                        out.push(v(
                            Rule::Gap(mi),
                            tr!(
                                lang,
                                "why-gap",
                                a = date_time(lang, w[0]),
                                b = date_time(lang, w[1]),
                                days = m.min_gap_days
                            ),
                        ));
                    }
                }
            }
        }
        // Order rules: each matching feed event has its own occurrence before (after) it.
        for (ri, r) in plan.rules.iter().enumerate() {
            let mi = plan
                .meetings
                .iter()
                .position(|m| m.id == r.meeting)
                .expect("validated plan");
            if !wanted(mi) {
                continue;
            }
            for k in 0..self.events[ri].len() {
                let ok = slots
                    .iter()
                    .filter(|s| s.meeting == mi)
                    .any(|s| self.serves(world, ri, k, s));
                if !ok {
                    out.push(self.unserved(ri, r, k, lang));
                }
            }
        }
        // Nobody in two meetings at once (nor a meeting overlapping itself).
        let pairs: Vec<(usize, usize)> = match focus {
            Some(f) => (0..slots.len())
                .filter(|&i| i != f)
                .map(|i| (i.min(f), i.max(f)))
                .collect(),
            None => overlapping_pairs(slots),
        };
        for (i, j) in pairs {
            out.extend(overlap(world, &slots[i], &slots[j], lang));
        }
        out
    }
}

/// Every pair (i < j) of slots whose times overlap, in order: a sweep over the slots by
/// start, so a long window's schedule costs its overlaps, not all its pairs.
fn overlapping_pairs(slots: &[Slot]) -> Vec<(usize, usize)> {
    let mut by_start: Vec<usize> = (0..slots.len()).collect();
    by_start.sort_by_key(|&i| (slots[i].start, i));
    let mut pairs = Vec::new();
    for (k, &i) in by_start.iter().enumerate() {
        for &j in &by_start[k + 1..] {
            if slots[j].start >= slots[i].end {
                break;
            }
            if slots[i].start < slots[j].end {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The overlap of slots `a` and `b` (in this order), if their meetings share someone or
/// are one.
fn overlap(world: &World, a: &Slot, b: &Slot, lang: Lang) -> Option<Violation> {
    let plan = &world.plan;
    if !(a.start < b.end && b.start < a.end) {
        return None;
    }
    let ma = &plan.meetings[a.meeting];
    let mb = &plan.meetings[b.meeting];
    if a.meeting != b.meeting && !ma.attendees.iter().any(|p| mb.attendees.contains(p)) {
        return None;
    }
    Some(v(
        Rule::OneMeetingAtATime,
        tr!(
            lang,
            "why-overlap",
            a = &ma.id,
            b = &mb.id,
            at = date_time(lang, world.zone.to_local(a.start.max(b.start)))
        ),
    ))
}

/// A valid schedule prepared for checking many swaps — one slot out, one slot in — each
/// in time that grows with what is near the slot coming in, not with the schedule:
/// explaining every rejected date of a long window checks one swap per date. What
/// [`Swaps::check`] returns is exactly what [`Checker::schedule_in`] returns on the
/// swapped schedule (the kept slots in order, the new one last, focused on it), which
/// holds because the schedule itself breaks nothing between occurrences: a swap can
/// then only break what involves the slot coming in, or an order rule's event that the
/// slot going out served alone.
pub struct Swaps<'a> {
    checker: &'a Checker,
    slots: Vec<Slot>,
    /// Per meeting: its slots' local starts and indices, sorted.
    starts: Vec<Vec<(chrono::NaiveDateTime, usize)>>,
    /// The slots' indices sorted by start, and the longest slot.
    by_start: Vec<usize>,
    longest: chrono::Duration,
    /// Per rule: the events that one slot alone serves, by that slot's index.
    alone: Vec<Vec<Vec<usize>>>,
}

impl<'a> Swaps<'a> {
    /// The schedule prepared; None when it breaks a rule between occurrences already
    /// (then only [`Checker::schedule_in`] says what a swap breaks).
    pub fn new(checker: &'a Checker, world: &World, slots: &[Slot]) -> Option<Swaps<'a>> {
        if !checker.schedule(world, slots, None).is_empty() {
            return None;
        }
        let plan = &world.plan;
        let mut starts = vec![Vec::new(); plan.meetings.len()];
        for (i, s) in slots.iter().enumerate() {
            starts[s.meeting].push((world.zone.to_local(s.start), i));
        }
        for list in &mut starts {
            list.sort();
        }
        let mut by_start: Vec<usize> = (0..slots.len()).collect();
        by_start.sort_by_key(|&i| (slots[i].start, i));
        let longest = slots
            .iter()
            .map(|s| s.end - s.start)
            .max()
            .unwrap_or_else(chrono::Duration::zero);
        let mut alone = Vec::new();
        for (ri, r) in plan.rules.iter().enumerate() {
            let mi = plan.meetings.iter().position(|m| m.id == r.meeting);
            let mut by_slot = vec![Vec::new(); slots.len()];
            for k in 0..checker.events[ri].len() {
                let servers: Vec<usize> = (0..slots.len())
                    .filter(|&i| Some(slots[i].meeting) == mi)
                    .filter(|&i| checker.serves(world, ri, k, &slots[i]))
                    .take(2)
                    .collect();
                if let [only] = servers[..] {
                    by_slot[only].push(k);
                }
            }
            alone.push(by_slot);
        }
        Some(Swaps {
            checker,
            slots: slots.to_vec(),
            starts,
            by_start,
            longest,
            alone,
        })
    }

    /// What the schedule breaks with slot `out` taken out and `add` put in, in `lang`.
    pub fn check(&self, world: &World, out: usize, add: &Slot, lang: Lang) -> Vec<Violation> {
        let plan = &world.plan;
        let zone = &world.zone;
        let mi = add.meeting;
        let m = &plan.meetings[mi];
        let mut found = Vec::new();
        // Gaps: only the new slot's neighbours (taking a slot out only widens a gap).
        if m.min_gap_days > 0 {
            let list = &self.starts[mi];
            let at = zone.to_local(add.start);
            let split = list.partition_point(|&(t, _)| t <= at);
            let before = list[..split].iter().rev().find(|&&(_, i)| i != out);
            let after = list[split..].iter().find(|&&(_, i)| i != out);
            let mut pairs = Vec::new();
            if let Some(&(t, _)) = before {
                pairs.push((t, at));
            }
            if let Some(&(t, _)) = after {
                pairs.push((at, t));
            }
            for (a, b) in pairs {
                if (b.date() - a.date()).num_days() < m.min_gap_days as i64 {
                    found.push(v(
                        Rule::Gap(mi),
                        tr!(
                            lang,
                            "why-gap",
                            a = date_time(lang, a),
                            b = date_time(lang, b),
                            days = m.min_gap_days
                        ),
                    ));
                }
            }
        }
        // Order rules: an event left without its occurrence is one the slot going out
        // served alone and the new one does not serve.
        for (ri, r) in plan.rules.iter().enumerate() {
            if r.meeting != m.id || self.slots[out].meeting != mi {
                continue;
            }
            for &k in &self.alone[ri][out] {
                if !self.checker.serves(world, ri, k, add) {
                    found.push(self.checker.unserved(ri, r, k, lang));
                }
            }
        }
        // Overlaps with the new slot, in the kept slots' order.
        let from = add.start - self.longest;
        let first = self
            .by_start
            .partition_point(|&i| self.slots[i].start <= from);
        let mut near: Vec<usize> = self.by_start[first..]
            .iter()
            .copied()
            .take_while(|&i| self.slots[i].start < add.end)
            .filter(|&i| i != out)
            .collect();
        near.sort_unstable();
        found.extend(
            near.into_iter()
                .filter_map(|i| overlap(world, &self.slots[i], add, lang)),
        );
        found
    }
}
