/*!
The rules of a schedule, each named once: [`Rule`].

A rule is a hard requirement on the chosen dates (the soft ones, what the objective
prefers, are [`super::criterion::Criterion`]). Every part of the solver speaks of rules
through this enum: the integer program takes each switched-on rule's rows
([`Rule::rows`]); a per-candidate rule removes the candidates it finds unfit
([`Rule::fits`], read by [`unfit`]); the verifier tags each violation with the rule it
breaks; a rejected date carries the rule that rejects it; an infeasible plan lists the
rules that together leave no date ([`Rule::sentence`]). The name ([`Rule::name`]) is the
JSON key of a rejection (`"reason"`), the label ([`Rule::label`]) the heading a report
groups those dates under. The words are messages of `src/i18n/en.ftl` and `sv.ftl`
(`label-NAME`, `rule-*`, `why-*`): the reports say them in the world's language
([`Rule::label_in`], [`Rule::sentence_in`], [`Rule::unfit_text_in`]); the JSON keeps the
English ([`Rule::label`], [`Rule::sentence`], [`Rule::unfit_text`]).

Three kinds of rule:
- rules with rows (occurrences, gap, order, one meeting at a time, keep the series): a
  function in [`super::constraints`] each;
- per-candidate rules (holidays, required people, quorum): a test on one candidate
  ([`Rule::fits`]) and the sentence saying why it fails ([`Rule::unfit_text`]);
- rules met by construction (days, start, window): the candidates are made only on the
  meeting's days, at its start times, inside the window, so these have no rows and are
  never switched off; only the verifier checks them (it checks the solver).

## Adding a rule

1. A variant of [`Rule`] (at the end: the order of the variants is the order rules are
   dropped while explaining an infeasible plan). Its doc comment says the rule.
2. The compiler then asks for its arm in every `match` below, all in this file: its
   name, label, rank, sentence, meeting, rows (or `Vec::new()`) and `fits` (or `true`).
   Its words go into both message files: `label-NAME` and its sentence's `rule-*`
   (tests/i18n.rs checks the two files agree; `reason.rs` tests every label).
3. Rows: one function in [`super::constraints`]. Per-candidate: its test in
   [`Rule::fits`], its sentence in [`Rule::unfit_text`] and the rule in
   [`Rule::per_candidate`].
4. When the plan turns it on: [`Rule::all`] (and the plan parser, `src/plan.rs`, for a
   new plan key).
5. The verifier (`verify.rs`) checks it independently of its rows, and tags what it
   finds with the new variant. The exact search (`search/`) honours a per-candidate
   rule with no change (it asks [`unfit`]); for a rule with rows it must either honour
   it or answer `Unsupported`, so that the ILP takes the component.

Nothing else names a rule: a date it rejects gets its name and label through
`explain::Reason`, and an infeasible plan lists its sentence.
*/

use super::constraints::{self, Ctx};
use crate::candidates::Candidate;
use crate::i18n::Lang;
use crate::plan::{self, Plan};
use crate::tr;
use crate::world::World;
use good_lp::Constraint;
use std::collections::BTreeSet;

/// One rule of the schedule. Fields are indices: `m` into `plan.meetings`, `i` into
/// `plan.rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Meeting `m` gets exactly its number of occurrences, never overlapping itself.
    Occurrences(usize),
    /// No meeting on a public holiday or de-facto day off.
    Holidays,
    /// Meeting `m`'s required people are present.
    Required(usize),
    /// Meeting `m` has at least its quorum present.
    Quorum(usize),
    /// Meeting `m`'s occurrences are at least `min_gap_days` apart.
    Gap(usize),
    /// `[[rule]]` number `i`: an occurrence before (after) each matching feed event.
    Order(usize),
    /// Nobody is in two of the plan's meetings at once. The verifier also reports a
    /// meeting overlapping itself under this rule (JSON `"overlap"`, as before); the
    /// rows against that belong to [`Rule::Occurrences`], so they stay when this rule
    /// is relaxed.
    OneMeetingAtATime,
    /// Occurrences of meeting `m`'s series that do not clash stay where they are.
    KeepSeries(usize),
    /// Meeting `m` is moved only to one of its `days` (met by construction).
    Days(usize),
    /// Meeting `m` is moved only to one of its `start` times, lasting its `duration`
    /// (met by construction).
    Start(usize),
    /// Moved occurrences lie inside the plan's window (met by construction).
    Window,
}

impl Rule {
    /// Every rule the plan switches on, in a stable order.
    pub fn all(plan: &Plan, replan: bool) -> Vec<Rule> {
        let mut v = Vec::new();
        for (i, m) in plan.meetings.iter().enumerate() {
            v.push(Rule::Occurrences(i));
            if !m.required.is_empty() {
                v.push(Rule::Required(i));
            }
            v.push(Rule::Quorum(i));
            if m.min_gap_days > 0 {
                v.push(Rule::Gap(i));
            }
            if m.series.is_some() && !replan {
                v.push(Rule::KeepSeries(i));
            }
        }
        if plan.holidays == plan::Holidays::Se {
            v.push(Rule::Holidays);
        }
        for i in 0..plan.rules.len() {
            v.push(Rule::Order(i));
        }
        if plan.meetings.len() > 1 {
            v.push(Rule::OneMeetingAtATime);
        }
        v
    }

    /// Whether the rule may be dropped while looking for what makes a plan infeasible.
    pub fn relaxable(&self) -> bool {
        !matches!(
            self,
            Rule::Occurrences(_) | Rule::Days(_) | Rule::Start(_) | Rule::Window
        )
    }

    /// The short name: the JSON key of a date it rejects (`"reason"`).
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Occurrences(_) => "count",
            Rule::Holidays => "holiday",
            Rule::Required(_) => "required",
            Rule::Quorum(_) => "quorum",
            Rule::Gap(_) => "gap",
            Rule::Order(_) => "rule",
            Rule::OneMeetingAtATime => "overlap",
            Rule::KeepSeries(_) => "keep_series",
            Rule::Days(_) => "days",
            Rule::Start(_) => "start",
            Rule::Window => "window",
        }
    }

    /// What a date it rejects is, as the reports head the group of such dates.
    pub fn label(&self) -> &'static str {
        match self {
            Rule::Occurrences(_) => "the wrong number of occurrences",
            Rule::Holidays => "holiday",
            Rule::Required(_) => "required person busy",
            Rule::Quorum(_) => "quorum not met",
            Rule::Gap(_) => "too close to another occurrence",
            Rule::Order(_) => "breaks a rule",
            Rule::OneMeetingAtATime => "overlaps another meeting",
            Rule::KeepSeries(_) => "the series' occurrence stays",
            Rule::Days(_) => "not one of the meeting's days",
            Rule::Start(_) => "not an allowed start",
            Rule::Window => "outside the window",
        }
    }

    /// The order in which a rejection names the rules a date breaks, and the reports
    /// group rejected dates: smaller first.
    pub fn rank(&self) -> u8 {
        match self {
            Rule::Holidays => 0,
            Rule::Required(_) => 1,
            Rule::Quorum(_) => 2,
            Rule::Order(_) => 3,
            Rule::Gap(_) => 4,
            Rule::OneMeetingAtATime => 5,
            Rule::KeepSeries(_) => 6,
            Rule::Occurrences(_) => 7,
            Rule::Days(_) => 8,
            Rule::Start(_) => 9,
            Rule::Window => 10,
        }
    }

    /// The meeting the rule is about (None: the whole plan, or an order rule whose
    /// meeting is not in the plan).
    pub fn meeting(&self, plan: &Plan) -> Option<usize> {
        match *self {
            Rule::Occurrences(m)
            | Rule::Required(m)
            | Rule::Quorum(m)
            | Rule::Gap(m)
            | Rule::KeepSeries(m)
            | Rule::Days(m)
            | Rule::Start(m) => Some(m),
            Rule::Order(i) => {
                let id = &plan.rules[i].meeting;
                plan.meetings.iter().position(|m| &m.id == id)
            }
            Rule::Holidays | Rule::OneMeetingAtATime | Rule::Window => None,
        }
    }

    /// The rule in words, e.g. "… quorum, at least 9 of 12 attendees present" (the
    /// rules that together leave no date are listed so), in English (JSON).
    pub fn sentence(&self, plan: &Plan) -> String {
        self.sentence_in(plan, Lang::En)
    }

    /// The label in a language (the reports' group headings); English is [`Rule::label`].
    pub fn label_in(&self, lang: Lang) -> String {
        lang.t(&format!("label-{}", self.name()))
    }

    /// [`Rule::sentence`] in a language (the text and HTML reports).
    pub fn sentence_in(&self, plan: &Plan, lang: Lang) -> String {
        let m = |i: usize| &plan.meetings[i];
        let meeting = |i: usize| format!("{} ({})", m(i).title, m(i).id);
        match *self {
            Rule::Occurrences(i) => {
                let mt = m(i);
                let days = days_text(&mt.days, lang);
                let starts = starts_text(&mt.start, lang);
                if mt.per_month {
                    tr!(
                        lang,
                        "rule-count-per-month",
                        meeting = meeting(i),
                        days = days,
                        starts = starts
                    )
                } else if let Some(c) = mt.count {
                    tr!(
                        lang,
                        "rule-count-n",
                        meeting = meeting(i),
                        n = c,
                        days = days,
                        starts = starts
                    )
                } else {
                    tr!(
                        lang,
                        "rule-count-series",
                        meeting = meeting(i),
                        days = days,
                        starts = starts
                    )
                }
            }
            Rule::Holidays => lang.t("rule-holidays"),
            Rule::Required(i) => tr!(
                lang,
                "rule-required",
                meeting = meeting(i),
                who = m(i).required.join(", ")
            ),
            Rule::Quorum(i) => tr!(
                lang,
                "rule-quorum",
                meeting = meeting(i),
                quorum = m(i).quorum,
                total = m(i).attendees.len()
            ),
            Rule::Gap(i) => tr!(
                lang,
                "rule-gap",
                meeting = meeting(i),
                days = m(i).min_gap_days
            ),
            Rule::Order(i) => order_sentence(&plan.rules[i], lang),
            Rule::OneMeetingAtATime => lang.t("rule-overlap"),
            Rule::KeepSeries(i) => tr!(lang, "rule-keep-series", meeting = meeting(i)),
            Rule::Days(i) => tr!(
                lang,
                "rule-days",
                meeting = meeting(i),
                days = days_text(&m(i).days, lang)
            ),
            Rule::Start(i) => tr!(
                lang,
                "rule-start",
                meeting = meeting(i),
                starts = starts_text(&m(i).start, lang)
            ),
            Rule::Window => tr!(
                lang,
                "rule-window",
                from = plan.from.to_string(),
                to = plan.to.to_string()
            ),
        }
    }

    /// The rule's rows in the integer program (empty for the per-candidate rules, which
    /// act by leaving unfit candidates without a variable, and for those met by
    /// construction).
    pub fn rows(&self, ctx: &mut Ctx) -> Vec<Constraint> {
        match *self {
            Rule::Occurrences(m) => constraints::occurrences(ctx, m),
            Rule::Gap(m) => constraints::gap(ctx, m),
            Rule::Order(i) => constraints::order(ctx, i),
            Rule::OneMeetingAtATime => constraints::one_meeting_at_a_time(ctx),
            Rule::KeepSeries(m) => constraints::keep_series(ctx, m),
            Rule::Holidays | Rule::Required(_) | Rule::Quorum(_) => Vec::new(),
            Rule::Days(_) | Rule::Start(_) | Rule::Window => Vec::new(),
        }
    }

    /// The per-candidate rules of meeting `m`, in the order [`unfit`] tries them.
    pub fn per_candidate(m: usize) -> [Rule; 3] {
        [Rule::Holidays, Rule::Required(m), Rule::Quorum(m)]
    }

    /// Whether a candidate (of the rule's meeting) passes the rule on its own, whatever
    /// the other occurrences. True for every rule that is not per-candidate.
    pub fn fits(&self, world: &World, c: &Candidate) -> bool {
        match *self {
            Rule::Holidays => c.holiday.is_none(),
            Rule::Required(m) => {
                let required = &world.plan.meetings[m].required;
                !c.attendance.absent.iter().any(|a| required.contains(&a.id))
            }
            Rule::Quorum(m) => c.present() >= world.plan.meetings[m].quorum,
            Rule::Occurrences(_)
            | Rule::Gap(_)
            | Rule::Order(_)
            | Rule::OneMeetingAtATime
            | Rule::KeepSeries(_)
            | Rule::Days(_)
            | Rule::Start(_)
            | Rule::Window => true,
        }
    }

    /// Why a candidate fails this per-candidate rule, for the user: the holiday's name,
    /// who is required and why they are away, or how many are present against the
    /// quorum and who is absent. Empty for a rule the candidate [fits](Rule::fits).
    /// In English (JSON); [`Rule::unfit_text_in`] in a language.
    pub fn unfit_text(&self, world: &World, c: &Candidate) -> String {
        self.unfit_text_in(world, c, Lang::En)
    }

    /// [`Rule::unfit_text`] in a language.
    pub fn unfit_text_in(&self, world: &World, c: &Candidate, lang: Lang) -> String {
        if self.fits(world, c) {
            return String::new();
        }
        match *self {
            Rule::Holidays => c.holiday.clone().unwrap_or_default(),
            Rule::Required(m) => {
                let required = &world.plan.meetings[m].required;
                c.attendance
                    .absent
                    .iter()
                    .filter(|a| required.contains(&a.id))
                    .map(|a| {
                        tr!(
                            lang,
                            "why-required",
                            who = world.person_name(&a.id),
                            why = a.reasons_in(lang)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            }
            Rule::Quorum(m) => {
                let mt = &world.plan.meetings[m];
                if c.attendance.absent.is_empty() {
                    tr!(
                        lang,
                        "why-quorum",
                        present = c.present(),
                        total = mt.attendees.len(),
                        quorum = mt.quorum
                    )
                } else {
                    tr!(
                        lang,
                        "why-quorum-absent",
                        present = c.present(),
                        total = mt.attendees.len(),
                        quorum = mt.quorum,
                        absent = who_is_missing(world, c, lang)
                    )
                }
            }
            _ => String::new(),
        }
    }
}

/// "absent: Kommundirektör, Båstad — Påsklov all day; …" (at most three people, then
/// how many more).
pub fn who_is_missing(world: &World, c: &Candidate, lang: Lang) -> String {
    who_is_missing_beside(world, c, None, lang)
}

/// [`who_is_missing`], those who are there at `other` first: the people who make the
/// difference between two dates come before those away on both.
pub fn who_is_missing_beside(
    world: &World,
    c: &Candidate,
    other: Option<&Candidate>,
    lang: Lang,
) -> String {
    let away_there =
        |id: &str| other.is_some_and(|o| o.attendance.absent.iter().any(|a| a.id == id));
    let mut absent: Vec<_> = c.attendance.absent.iter().collect();
    absent.sort_by_key(|a| away_there(&a.id));
    let mut parts: Vec<String> = absent
        .iter()
        .take(3)
        .map(|a| match a.why.first() {
            Some(r) => format!("{} — {}", world.person_name(&a.id), r.text(lang)),
            None => world.person_name(&a.id).to_string(),
        })
        .collect();
    if c.attendance.absent.len() > 3 {
        parts.push(tr!(lang, "why-n-more", n = c.attendance.absent.len() - 3));
    }
    tr!(lang, "why-absent", who = parts.join("; "))
}

/// The first switched-on per-candidate rule a candidate fails on its own, if any.
pub fn unfit(world: &World, rules: &BTreeSet<Rule>, c: &Candidate) -> Option<Rule> {
    Rule::per_candidate(c.meeting)
        .into_iter()
        .find(|r| rules.contains(r) && !r.fits(world, c))
}

fn days_text(days: &[chrono::Weekday], lang: Lang) -> String {
    days.iter()
        .map(|d| crate::i18n::dates::weekday_short(lang, *d))
        .collect::<Vec<_>>()
        .join("/")
}

fn starts_text(starts: &[chrono::NaiveTime], lang: Lang) -> String {
    starts
        .iter()
        .map(|t| t.format("%H:%M").to_string())
        .collect::<Vec<_>>()
        .join(&lang.t("or-sep"))
}

/// A `[[rule]]` in words.
fn order_sentence(r: &plan::Rule, lang: Lang) -> String {
    let id = if r.before {
        "rule-order-before"
    } else {
        "rule-order-after"
    };
    tr!(
        lang,
        id,
        meeting = &r.meeting,
        days = r.days,
        text = &r.text,
        feed = &r.feed
    )
}
