/*!
Why a date was not proposed, as data: a [`Rule`] it breaks, a [`Criterion`] on which it
is worse, or a tie. The JSON key and the report's heading come from the rule or the
criterion, so no module matches on a string to tell reasons apart. [`super::explain`]
finds the reasons; the reports print them.

A date may be ruled out by several things at once (someone is away *and* it is too close
to another occurrence). Its reasons are ordered the way a reader takes them in
([`Reason::human_rank`]): a holiday, then people (a required person away, the quorum,
fewer present), then the rules between occurrences, then the finer preferences (someone
remote rather than in person among them). The first
is the date's reason (its JSON `reason`, the group the text report puts it in); the rest
follow as `also`.
*/

use super::criterion::Criterion;
use super::rules::Rule;
use crate::i18n::Lang;

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

    /// The heading the reports group such dates under, in English.
    pub fn label(&self) -> &'static str {
        match self {
            Reason::Breaks(r) => r.label(),
            Reason::Worse(c) => c.worse_label(),
            Reason::Tie => "as good (a tie)",
        }
    }

    /// [`Reason::label`] in a language (a message `label-KEY` in both message files).
    pub fn label_in(&self, lang: Lang) -> String {
        lang.t(&format!("label-{}", self.key()))
    }

    /// How soon a reader needs this reason, smaller first: a holiday; people away (a
    /// required person, the quorum, fewer present); the rules between occurrences
    /// (order rules, spacing, overlaps, the series kept); then the finer preferences
    /// (fewer in person, moves, preferred days, start times) and ties. Each reason key
    /// has its own rank.
    pub fn human_rank(&self) -> u8 {
        match self {
            Reason::Breaks(Rule::Holidays) => 0,
            Reason::Breaks(Rule::Required(_)) => 1,
            Reason::Breaks(Rule::Quorum(_)) => 2,
            Reason::Worse(Criterion::Present) => 3,
            Reason::Breaks(r) => 10 + r.rank(),
            Reason::Worse(c) => 100 + *c as u8,
            Reason::Tie => 200,
        }
    }

    /// Where the group of such dates comes in a report, smaller first: the
    /// [`Reason::human_rank`]. Reasons with the same group have the same label (two
    /// `[[rule]]`s are one group).
    pub fn group(&self) -> u8 {
        self.human_rank()
    }
}

/// One reason a date was not proposed, with its sentence.
#[derive(Debug, Clone)]
pub struct Why {
    pub reason: Reason,
    /// The sentence in English (JSON).
    pub text: String,
    /// The sentence in the world's language (the text and HTML reports).
    pub shown: String,
}

/// A date not proposed: its first reason (the most human, [`Reason::human_rank`]) and
/// any others.
#[derive(Debug, Clone)]
pub struct Rejected {
    pub candidate: usize,
    pub reason: Reason,
    /// The first reason's sentence in English (JSON `text`).
    pub text: String,
    /// The first reason's sentence in the world's language.
    pub shown: String,
    /// The other reasons, most human first.
    pub also: Vec<Why>,
}

impl Rejected {
    /// From a date's reasons, in any order: the most human first (stable for equal
    /// ranks), duplicates of a sentence dropped. None when `whys` is empty.
    pub fn from_whys(candidate: usize, mut whys: Vec<Why>) -> Option<Rejected> {
        whys.sort_by_key(|w| w.reason.human_rank());
        let mut seen = std::collections::BTreeSet::new();
        whys.retain(|w| seen.insert(w.text.clone()));
        let mut it = whys.into_iter();
        let first = it.next()?;
        Some(Rejected {
            candidate,
            reason: first.reason,
            text: first.text,
            shown: first.shown,
            also: it.collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn why(reason: Reason, text: &str) -> Why {
        Why {
            reason,
            text: text.into(),
            shown: text.into(),
        }
    }

    #[test]
    fn someone_away_comes_before_a_spacing_rule() {
        let r = Rejected::from_whys(
            7,
            vec![
                why(Reason::Breaks(Rule::Gap(0)), "too close"),
                why(Reason::Worse(Criterion::Present), "Emmaboda is away"),
            ],
        )
        .unwrap();
        assert_eq!(r.reason, Reason::Worse(Criterion::Present));
        assert_eq!(r.text, "Emmaboda is away");
        assert_eq!(r.also.len(), 1);
        assert_eq!(r.also[0].reason, Reason::Breaks(Rule::Gap(0)));
    }

    #[test]
    fn a_holiday_comes_first_then_people_then_rules_then_preferences() {
        let order = [
            Reason::Breaks(Rule::Holidays),
            Reason::Breaks(Rule::Required(0)),
            Reason::Breaks(Rule::Quorum(0)),
            Reason::Worse(Criterion::Present),
            Reason::Breaks(Rule::Order(0)),
            Reason::Breaks(Rule::Gap(0)),
            Reason::Breaks(Rule::OneMeetingAtATime),
            Reason::Breaks(Rule::KeepSeries(0)),
            Reason::Worse(Criterion::InPerson),
            Reason::Worse(Criterion::Moves),
            Reason::Worse(Criterion::PreferredDays),
            Reason::Worse(Criterion::EarliestStart),
            Reason::Tie,
        ];
        for w in order.windows(2) {
            assert!(w[0].human_rank() < w[1].human_rank(), "{w:?}");
        }
        // Shuffled in, sorted out.
        let mut whys: Vec<Why> = order.iter().rev().map(|r| why(*r, r.key())).collect();
        whys.rotate_left(5);
        let r = Rejected::from_whys(0, whys).unwrap();
        assert_eq!(r.reason, Reason::Breaks(Rule::Holidays));
        let rest: Vec<Reason> = r.also.iter().map(|w| w.reason).collect();
        assert_eq!(rest, order[1..]);
    }

    #[test]
    fn every_label_is_translated_and_english_matches() {
        let all = [
            Reason::Breaks(Rule::Occurrences(0)),
            Reason::Breaks(Rule::Holidays),
            Reason::Breaks(Rule::Required(0)),
            Reason::Breaks(Rule::Quorum(0)),
            Reason::Breaks(Rule::Gap(0)),
            Reason::Breaks(Rule::Order(0)),
            Reason::Breaks(Rule::OneMeetingAtATime),
            Reason::Breaks(Rule::KeepSeries(0)),
            Reason::Breaks(Rule::Days(0)),
            Reason::Breaks(Rule::Start(0)),
            Reason::Breaks(Rule::Window),
            Reason::Tie,
        ]
        .into_iter()
        .chain(Criterion::ALL.map(Reason::Worse));
        for r in all {
            assert_eq!(r.label_in(Lang::En), r.label(), "{r:?}");
            let sv = Lang::Sv.try_tr(&format!("label-{}", r.key()), &[]);
            assert!(
                sv.is_some_and(|s| s != r.label()),
                "{r:?} has no Swedish label"
            );
        }
    }
}
