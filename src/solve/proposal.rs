/*!
What `propose` takes and returns: the [`Options`], and the [`Proposal`] — the plans found
(each a [`Found`] of [`Placed`] occurrences), why every other date was not taken, or,
when nothing fits, the rules that leave no date and the [`Relaxation`]s that give one.
Data only; the solver fills it in and the reports print it.
*/

use super::criterion::Score;
use super::model::Backend;
use super::reason::Rejected;
use super::rules::Rule;
use crate::candidates::Candidate;
use crate::check::Attendance;
use crate::i18n::dates::{month_year, weekday_short};
use crate::i18n::Lang;
use crate::plan::Plan;
use crate::tr;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use std::time::{Duration, Instant};

/// How to propose.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub backend: Backend,
    /// How many distinct plans to return, best first.
    pub plans: usize,
    /// Move every occurrence of a series, not only the clashing ones.
    pub replan: bool,
    /// Look for relaxations when nothing fits.
    pub relax: bool,
    /// Seconds the whole solve may take (None: no limit); then the best plan found so
    /// far is returned, marked not proven optimal.
    pub time_limit: Option<f64>,
}

impl Options {
    /// When the solve must end, counted from now.
    pub fn deadline(&self) -> Option<Instant> {
        self.time_limit
            .map(|t| Instant::now() + Duration::from_secs_f64(t.clamp(0.0, 1e9)))
    }
}

/// One occurrence of a proposed plan.
#[derive(Debug, Clone)]
pub struct Placed {
    pub meeting: usize,
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The series occurrence this one keeps or replaces.
    pub original: Option<DateTime<Utc>>,
    pub attendance: Attendance,
}

/// A proposed plan.
#[derive(Debug, Clone)]
pub struct Found {
    pub rank: usize,
    pub score: Score,
    pub occurrences: Vec<Placed>,
    /// Series occurrences in the window that the plan neither keeps nor replaces.
    pub withdrawn: Vec<(usize, DateTime<Utc>)>,
    /// Candidate indices (into `Proposal::candidates`).
    pub chosen: Vec<usize>,
    /// Whether the solver proved this plan the best of its rank (false: the time limit
    /// came first, and this is the best found by then).
    pub proven_optimal: bool,
}

/// How one occurrence of a runner-up stands to the best plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compared {
    /// The best plan has the same occurrence.
    Same,
    /// It takes the place of the best plan's occurrence at this start.
    Instead(DateTime<Utc>),
    /// The best plan has no occurrence of this meeting to pair it with.
    Added,
}

impl Found {
    /// Each occurrence against `best`, in order: the k-th occurrence of a meeting here
    /// is paired with the k-th of the same meeting there (both in date order).
    pub fn compared_to(&self, best: &Found) -> Vec<Compared> {
        let mut seen: std::collections::BTreeMap<usize, usize> = Default::default();
        self.occurrences
            .iter()
            .map(|o| {
                let k = seen.entry(o.meeting).or_default();
                let theirs = best
                    .occurrences
                    .iter()
                    .filter(|b| b.meeting == o.meeting)
                    .nth(*k);
                *k += 1;
                match theirs {
                    Some(b) if b.start == o.start => Compared::Same,
                    Some(b) => Compared::Instead(b.start),
                    None => Compared::Added,
                }
            })
            .collect()
    }
}

/// A relaxation that would give a plan: the change (as data, [`Change`]; `change` is its
/// English sentence, the JSON's) and the plan it gives.
#[derive(Debug, Clone)]
pub struct Relaxation {
    pub kind: Change,
    pub change: String,
    pub plan: Found,
}

/// One change to the plan, tried on its own. Indices: `m` into `plan.meetings`, `p`
/// into `plan.people`, `i` into `plan.rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Meeting `m` with one occurrence fewer (`count` from → to).
    Fewer { m: usize, from: u32, to: u32 },
    /// Meeting `m` (`per = "month"`) skips a month: one occurrence in each other month.
    SkipMonth {
        m: usize,
        year: i32,
        month: u32,
        n: usize,
    },
    /// A required person attends remotely.
    Remote { p: usize },
    /// A lower quorum.
    Quorum { m: usize, from: usize, to: usize },
    /// A `[[rule]]` with fewer days.
    Order { i: usize, from: u32, to: u32 },
    /// A smaller `min_gap_days`.
    Gap { m: usize, from: u32, to: u32 },
    /// One more weekday.
    AlsoDay { m: usize, day: Weekday },
    /// One more start time.
    AlsoStart { m: usize, time: NaiveTime },
    /// A later end of the window.
    Window { to: NaiveDate, weeks: i64 },
}

impl Change {
    /// The JSON `kind`.
    pub fn key(&self) -> &'static str {
        match self {
            Change::Fewer { .. } => "fewer",
            Change::SkipMonth { .. } => "skip_month",
            Change::Remote { .. } => "remote",
            Change::Quorum { .. } => "quorum",
            Change::Order { .. } => "rule",
            Change::Gap { .. } => "gap",
            Change::AlsoDay { .. } => "day",
            Change::AlsoStart { .. } => "start",
            Change::Window { .. } => "window",
        }
    }

    /// The change in words, e.g. "quorum 8 → 7 (hr)".
    pub fn text(&self, plan: &Plan, lang: Lang) -> String {
        let id = |m: usize| plan.meetings[m].id.clone();
        match *self {
            Change::Fewer { m, from, to } => {
                tr!(lang, "relax-fewer", from = from, to = to, meeting = id(m))
            }
            Change::SkipMonth { m, year, month, n } => tr!(
                lang,
                "relax-skip-month",
                month = month_year(lang, year, month),
                meeting = id(m),
                n = n
            ),
            Change::Remote { p } => tr!(lang, "relax-remote", who = &plan.people[p].name),
            Change::Quorum { m, from, to } => {
                tr!(lang, "relax-quorum", from = from, to = to, meeting = id(m))
            }
            Change::Order { i, from, to } => tr!(
                lang,
                "relax-order",
                text = &plan.rules[i].text,
                from = from,
                to = to
            ),
            Change::Gap { m, from, to } => {
                tr!(lang, "relax-gap", from = from, to = to, meeting = id(m))
            }
            Change::AlsoDay { m, day } => {
                tr!(
                    lang,
                    "relax-day",
                    day = weekday_short(lang, day),
                    meeting = id(m)
                )
            }
            Change::AlsoStart { m, time } => tr!(
                lang,
                "relax-start",
                time = time.format("%H:%M").to_string(),
                meeting = id(m)
            ),
            Change::Window { to, weeks } => {
                tr!(lang, "relax-window", to = to.to_string(), weeks = weeks)
            }
        }
    }
}

/// Who or what is behind a rule that leaves no date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Behind {
    /// A person (`person`, an id) away at `times` of the `of` times tried — all of a
    /// month's with `month` — with the reasons most often given, at most three.
    Away {
        person: String,
        times: usize,
        of: usize,
        month: Option<(i32, u32)>,
        reasons: Vec<crate::busy::Why>,
    },
    /// Times tried that fall on holidays, and the holidays' names (at most five).
    Holidays { times: usize, names: Vec<String> },
    /// A feed event an order rule needs an occurrence before or after.
    Event { summary: String, date: NaiveDate },
}

impl Behind {
    /// The line in words, e.g. "Kommundirektör, Borgholm is away at every time tried
    /// (34 of 34): Föräldraledig …". People by their plan names.
    pub fn text(&self, plan: &Plan, lang: Lang) -> String {
        match self {
            Behind::Away {
                person,
                times,
                of,
                month,
                reasons,
            } => {
                let who = plan
                    .people
                    .iter()
                    .find(|p| &p.id == person)
                    .map_or(person.as_str(), |p| p.name.as_str());
                let why = if reasons.is_empty() {
                    "—".to_string()
                } else {
                    reasons
                        .iter()
                        .map(|r| r.text(lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                match month {
                    Some((y, m)) => tr!(
                        lang,
                        "behind-away-month",
                        who = who,
                        month = month_year(lang, *y, *m),
                        n = *of,
                        why = why
                    ),
                    None if times == of => {
                        tr!(lang, "behind-away-all", who = who, n = *of, why = why)
                    }
                    None => tr!(
                        lang,
                        "behind-away-some",
                        who = who,
                        n = *times,
                        total = *of,
                        why = why
                    ),
                }
            }
            Behind::Holidays { times, names } => tr!(
                lang,
                "behind-holidays",
                n = *times,
                which = names.join(", ")
            ),
            Behind::Event { summary, date } => tr!(
                lang,
                "behind-event",
                summary = summary,
                date = date.to_string()
            ),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Infeasible {
    /// The rules that together leave no date (each needed: without any one of them a
    /// plan exists, as far as the rules that can be relaxed go), each with its English
    /// sentence (JSON).
    pub rules: Vec<(Rule, String)>,
    /// Who and what is behind each rule of `rules` (same order; empty for a rule about
    /// no one, such as the number of occurrences).
    pub behind: Vec<Vec<Behind>>,
    pub relaxations: Vec<Relaxation>,
    /// Whether all that was looked for was found: the rules shrunk to a set of which each
    /// is needed, and every relaxation tried. False when the time limit came first: the
    /// rules still leave no date together (but may not all be needed) and each
    /// relaxation still gives a plan (but others were not tried).
    pub complete: bool,
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub candidates: Vec<Candidate>,
    pub plans: Vec<Found>,
    pub rejected: Vec<Rejected>,
    pub infeasible: Option<Infeasible>,
    /// The time budget the solve had (for "best found in 30 s; not proven optimal").
    pub time_limit: Option<f64>,
}
