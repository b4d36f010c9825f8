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
use chrono::{DateTime, NaiveDate, Utc};
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

/// A relaxation that would give a plan.
#[derive(Debug, Clone)]
pub struct Relaxation {
    pub change: String,
    pub plan: Found,
}

#[derive(Debug, Clone)]
pub struct Infeasible {
    /// The rules that together leave no date (each needed: without any one of them a
    /// plan exists, as far as the rules that can be relaxed go).
    pub rules: Vec<(Rule, String)>,
    pub relaxations: Vec<Relaxation>,
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
