/*!
Why a date was not proposed, as data: a [`Rule`] it breaks, a [`Criterion`] on which it
is worse, or a tie. The JSON key and the report's heading come from the rule or the
criterion, so no module matches on a string to tell reasons apart. [`super::explain`]
finds the reason; the reports print it.
*/

use super::criterion::Criterion;
use super::rules::Rule;

/// Why a date was not proposed: a rule it breaks, a criterion on which it is worse, or
/// neither (a tie, broken by the earliest date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Breaks(Rule),
    Worse(Criterion),
    Tie,
}

impl Reason {
    /// The JSON key (`"reason"`).
    pub fn key(&self) -> &'static str {
        match self {
            Reason::Breaks(r) => r.name(),
            Reason::Worse(c) => c.worse_key(),
            Reason::Tie => "tie",
        }
    }

    /// The heading the reports group such dates under.
    pub fn label(&self) -> &'static str {
        match self {
            Reason::Breaks(r) => r.label(),
            Reason::Worse(c) => c.worse_label(),
            Reason::Tie => "as good (a tie)",
        }
    }

    /// Where the group of such dates comes in a report, smaller first: rules (by
    /// [`Rule::rank`]), then criteria in the objective's order, then ties. Reasons with
    /// the same group have the same label (two `[[rule]]`s are one group).
    pub fn group(&self) -> u8 {
        match self {
            Reason::Breaks(r) => r.rank(),
            Reason::Worse(c) => 100 + *c as u8,
            Reason::Tie => 200,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Rejected {
    pub candidate: usize,
    pub reason: Reason,
    pub text: String,
}
