//! The solver's vocabulary, rule by rule: each [`Rule`]'s name (the JSON key of a date it
//! rejects), its label and sentences, which candidates a per-candidate rule finds unfit
//! and why; the verifier tagging each broken rule with its [`Rule`] (not a string); the
//! reasons of rejected dates carrying a `Rule` or a [`Criterion`]; the solver's errors.

mod common;
use common::*;
use krock::busy::BusyMap;
use krock::candidates::{candidates, Candidate};
use krock::solve::explain::Reason;
use krock::solve::rules::unfit;
use krock::solve::verify::{verify, Slot};
use krock::solve::{Criterion, Rule};
use krock::world::World;
use std::collections::BTreeSet;

fn week() -> (chrono::NaiveDate, chrono::NaiveDate) {
    (d(2026, 4, 13), d(2026, 4, 17)) // Mon–Fri, no holidays
}

/// One meeting `m` of a, b, c (a required, quorum 3, at least 2 days apart, after each
/// "Styrelse" in feed `f`), a second meeting `n` of a alone, and a series for `m`.
fn world() -> World {
    let (from, to) = week();
    let mut m = meeting("m", &["a", "b", "c"]);
    m.required = vec!["a".into()];
    m.min_gap_days = 2;
    let n = meeting("n", &["a"]);
    Builder::new(
        from,
        to,
        vec![person("a"), person("b"), person("c")],
        vec![m, n],
    )
    .feed("f", vec![occ("Styrelse", at(from, 8, 0), at(from, 9, 0))])
    .rule(rule("m", "Styrelse", "f", 1, false))
    .series(
        "m",
        vec![occ(
            "M",
            at(d(2026, 4, 16), 9, 0),
            at(d(2026, 4, 16), 11, 0),
        )],
    )
    .busy("a", d(2026, 4, 14), 9, 10, "Tandläkare")
    .busy("b", d(2026, 4, 15), 9, 10, "x")
    .world()
}

fn every_rule() -> Vec<Rule> {
    vec![
        Rule::Occurrences(0),
        Rule::Holidays,
        Rule::Required(0),
        Rule::Quorum(0),
        Rule::Gap(0),
        Rule::Order(0),
        Rule::OneMeetingAtATime,
        Rule::KeepSeries(0),
        Rule::Days(0),
        Rule::Start(0),
        Rule::Window,
    ]
}

#[test]
fn each_rule_has_its_json_name_and_label() {
    let named: Vec<(&str, &str)> = every_rule().iter().map(|r| (r.name(), r.label())).collect();
    assert_eq!(
        named,
        [
            ("count", "the wrong number of occurrences"),
            ("holiday", "holiday"),
            ("required", "required person busy"),
            ("quorum", "quorum not met"),
            ("gap", "too close to another occurrence"),
            ("rule", "breaks a rule"),
            ("overlap", "overlaps another meeting"),
            ("keep_series", "the series' occurrence stays"),
            ("days", "not one of the meeting's days"),
            ("start", "not an allowed start"),
            ("window", "outside the window"),
        ]
    );
    // The rank orders rejections and report groups: holidays … keep the series.
    let mut ranked = every_rule();
    ranked.sort_by_key(|r| r.rank());
    assert_eq!(
        ranked[..7].iter().map(|r| r.name()).collect::<Vec<_>>(),
        [
            "holiday",
            "required",
            "quorum",
            "rule",
            "gap",
            "overlap",
            "keep_series"
        ]
    );
}

#[test]
fn each_rule_says_itself_in_one_sentence() {
    let w = world();
    let said: Vec<String> = every_rule().iter().map(|r| r.sentence(&w.plan)).collect();
    assert_eq!(
        said,
        [
            "M (m) needs 1 occurrence on Mon/Tue/Wed/Thu/Fri at 09:00",
            "no meeting on a public holiday or de-facto day off",
            "M (m): required people present (a)",
            "M (m): quorum, at least 3 of 3 attendees present",
            "M (m): at least 2 days between occurrences",
            "m: an occurrence starting at least 1 days after each \"Styrelse\" in f",
            "nobody is in two of the plan's meetings at once",
            "M (m): occurrences of the series that do not clash stay where they are",
            "M (m): only on Mon/Tue/Wed/Thu/Fri",
            "M (m): starting at 09:00",
            "between 2026-04-13 and 2026-04-17",
        ]
    );
}

#[test]
fn the_plan_switches_on_its_rules_and_only_those_may_be_relaxed() {
    let w = world();
    let on = Rule::all(&w.plan, false);
    assert_eq!(
        on,
        [
            Rule::Occurrences(0),
            Rule::Required(0),
            Rule::Quorum(0),
            Rule::Gap(0),
            Rule::KeepSeries(0),
            Rule::Occurrences(1),
            Rule::Quorum(1),
            Rule::Holidays,
            Rule::Order(0),
            Rule::OneMeetingAtATime,
        ]
    );
    // --replan: the series may move.
    assert!(!Rule::all(&w.plan, true).contains(&Rule::KeepSeries(0)));
    let fixed: Vec<Rule> = every_rule()
        .into_iter()
        .filter(|r| !r.relaxable())
        .collect();
    assert_eq!(
        fixed,
        [
            Rule::Occurrences(0),
            Rule::Days(0),
            Rule::Start(0),
            Rule::Window
        ]
    );
    assert_eq!(Rule::Order(0).meeting(&w.plan), Some(0));
    assert_eq!(Rule::OneMeetingAtATime.meeting(&w.plan), None);
}

fn cand_on(w: &World, busy: &BusyMap, m: usize, day: chrono::NaiveDate) -> Candidate {
    candidates(w, busy)
        .into_iter()
        .find(|c| c.meeting == m && c.date == day)
        .unwrap()
}

#[test]
fn required_rejects_a_day_its_person_is_away_and_says_why() {
    let w = world();
    let busy = BusyMap::build(&w);
    let tue = cand_on(&w, &busy, 0, d(2026, 4, 14));
    let r = Rule::Required(0);
    assert!(!r.fits(&w, &tue));
    assert_eq!(
        r.unfit_text(&w, &tue),
        "Role a (required): Tandläkare 09:00–10:00"
    );
    let mon = cand_on(&w, &busy, 0, d(2026, 4, 13));
    assert!(r.fits(&w, &mon));
    assert_eq!(r.unfit_text(&w, &mon), "");
}

#[test]
fn quorum_rejects_a_thin_day_and_counts() {
    let w = world();
    let busy = BusyMap::build(&w);
    let wed = cand_on(&w, &busy, 0, d(2026, 4, 15));
    let r = Rule::Quorum(0);
    assert!(!r.fits(&w, &wed));
    // The count against the quorum, then who is absent and why.
    let text = r.unfit_text(&w, &wed);
    assert!(
        text.starts_with("2 of 3 present, quorum 3; absent: "),
        "{text}"
    );
    // Meeting n (a alone) is not thin that day.
    let n_wed = cand_on(&w, &busy, 1, d(2026, 4, 15));
    assert!(Rule::Quorum(1).fits(&w, &n_wed));
}

#[test]
fn holidays_reject_a_holiday_by_its_name() {
    let (from, to) = (d(2026, 4, 6), d(2026, 4, 7)); // Annandag påsk, then a Tuesday
    let w = Builder::new(from, to, vec![person("a")], vec![meeting("m", &["a"])]).world();
    let busy = BusyMap::build(&w);
    let mon = cand_on(&w, &busy, 0, from);
    assert!(!Rule::Holidays.fits(&w, &mon));
    assert_eq!(Rule::Holidays.unfit_text(&w, &mon), "Annandag påsk");
    assert!(Rule::Holidays.fits(&w, &cand_on(&w, &busy, 0, to)));
}

#[test]
fn rules_with_rows_find_no_candidate_unfit_on_its_own() {
    let w = world();
    let busy = BusyMap::build(&w);
    for c in candidates(&w, &busy).into_iter().filter(|c| c.meeting == 0) {
        for r in every_rule() {
            if !Rule::per_candidate(c.meeting).contains(&r) {
                assert!(r.fits(&w, &c), "{r:?}");
            }
        }
    }
}

#[test]
fn unfit_names_the_first_switched_on_rule_a_candidate_fails() {
    let w = world();
    let busy = BusyMap::build(&w);
    let tue = cand_on(&w, &busy, 0, d(2026, 4, 14)); // a away: fails required and quorum
    let all: BTreeSet<Rule> = Rule::all(&w.plan, false).into_iter().collect();
    assert_eq!(unfit(&w, &all, &tue), Some(Rule::Required(0)));
    let mut fewer = all.clone();
    fewer.remove(&Rule::Required(0));
    assert_eq!(unfit(&w, &fewer, &tue), Some(Rule::Quorum(0)));
    fewer.remove(&Rule::Quorum(0));
    assert_eq!(unfit(&w, &fewer, &tue), None);
    let mon = cand_on(&w, &busy, 0, d(2026, 4, 13));
    assert_eq!(unfit(&w, &all, &mon), None);
}

fn slot(m: usize, day: chrono::NaiveDate, h: u32) -> Slot {
    Slot {
        meeting: m,
        start: at(day, h, 0),
        end: at(day, h + 2, 0),
        original: false,
    }
}

fn broken(w: &World, slots: &[Slot]) -> Vec<Rule> {
    let busy = BusyMap::build(w);
    let mut v: Vec<Rule> = verify(w, &busy, slots)
        .into_iter()
        .map(|v| v.rule)
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn the_verifier_tags_each_broken_rule() {
    let w = world();
    let thu = d(2026, 4, 16);
    // A valid plan: m kept on its series date, n on Monday.
    assert_eq!(
        broken(&w, &[slot(0, thu, 9), slot(1, d(2026, 4, 13), 9)]),
        []
    );
    // a is away Tuesday: required (and so quorum); too few for m and n.
    assert_eq!(
        broken(&w, &[slot(0, d(2026, 4, 14), 9)]),
        [Rule::Occurrences(1), Rule::Required(0), Rule::Quorum(0)]
    );
    // m twice, a day apart; both meetings of a at once.
    let fri = d(2026, 4, 17);
    assert_eq!(
        broken(&w, &[slot(0, thu, 9), slot(0, fri, 9), slot(1, thu, 9)]),
        [Rule::Occurrences(0), Rule::Gap(0), Rule::OneMeetingAtATime]
    );
    // Saturday, at 10:00, after the window.
    let sat = d(2026, 4, 18);
    assert_eq!(
        broken(&w, &[slot(0, sat, 10), slot(1, thu, 9)]),
        [Rule::Days(0), Rule::Start(0), Rule::Window]
    );
}

#[test]
fn the_verifier_tags_an_order_rule_and_a_holiday() {
    let (from, to) = (d(2026, 4, 6), d(2026, 4, 10)); // Annandag påsk to Friday
    let w = Builder::new(from, to, vec![person("a")], vec![meeting("m", &["a"])])
        .feed("f", vec![occ("Styrelse", at(to, 8, 0), at(to, 9, 0))])
        .rule(rule("m", "Styrelse", "f", 2, true))
        .world();
    // Monday is a holiday; Thursday is not 2 days before Friday's "Styrelse".
    assert_eq!(broken(&w, &[slot(0, from, 9)]), [Rule::Holidays]);
    assert_eq!(broken(&w, &[slot(0, d(2026, 4, 9), 9)]), [Rule::Order(0)]);
}

#[test]
fn a_rejected_date_carries_its_rule_or_criterion() {
    let w = world();
    let p = propose(&w);
    let reasons: BTreeSet<(String, &str)> = p
        .rejected
        .iter()
        .map(|r| (format!("{:?}", r.reason), r.reason.key()))
        .collect();
    let expected: BTreeSet<(String, &str)> = [
        (Reason::Breaks(Rule::Required(0)), "required"),
        (Reason::Breaks(Rule::Quorum(0)), "quorum"),
        (Reason::Breaks(Rule::KeepSeries(0)), "keep_series"),
        (Reason::Breaks(Rule::OneMeetingAtATime), "overlap"),
    ]
    .into_iter()
    .map(|(r, k)| (format!("{r:?}"), k))
    .collect();
    assert!(
        expected.is_subset(&reasons),
        "{reasons:?} lacks some of {expected:?}"
    );
}

#[test]
fn criteria_and_ties_name_their_reasons() {
    let named: Vec<(&str, &str)> = Criterion::ALL
        .iter()
        .map(|c| Reason::Worse(*c))
        .chain([Reason::Tie])
        .map(|r| (r.key(), r.label()))
        .collect();
    assert_eq!(
        named,
        [
            ("fewer_present", "fewer attend"),
            ("fewer_in_person", "fewer attend in person"),
            ("bigger_move", "a bigger move"),
            ("smaller_gap", "a smaller gap between occurrences"),
            ("not_preferred_day", "not a preferred day"),
            ("later_start", "a later start"),
            ("tie", "as good (a tie)"),
        ]
    );
    // The most human first: a holiday, then fewer present (people), then the rules
    // between occurrences, then the finer criteria, ties last.
    let mut groups = vec![
        Reason::Tie.group(),
        Reason::Worse(Criterion::EarliestStart).group(),
        Reason::Breaks(Rule::OneMeetingAtATime).group(),
        Reason::Worse(Criterion::Present).group(),
        Reason::Breaks(Rule::Holidays).group(),
    ];
    groups.sort();
    assert_eq!(
        groups,
        [
            Reason::Breaks(Rule::Holidays).group(),
            Reason::Worse(Criterion::Present).group(),
            Reason::Breaks(Rule::OneMeetingAtATime).group(),
            Reason::Worse(Criterion::EarliestStart).group(),
            Reason::Tie.group(),
        ]
    );
    assert_eq!(
        Reason::Breaks(Rule::Order(0)).group(),
        Reason::Breaks(Rule::Order(1)).group()
    );
}

#[test]
fn solver_errors_are_kinds_with_todays_texts() {
    use krock::solve::Error;
    assert_eq!(
        Error::OutOfTime.to_string(),
        "the time limit ran out before any plan was found; give more time with --time-limit SECONDS"
    );
    assert_eq!(
        Error::Backend {
            backend: "microlp",
            message: "boom".into()
        }
        .to_string(),
        "the microlp solver failed: boom"
    );
    let v = krock::solve::verify::Violation {
        rule: Rule::Gap(0),
        text: "2026-04-13 and 2026-04-14 are less than 2 days apart".into(),
    };
    assert_eq!(
        Error::BrokenPlan(v).to_string(),
        "internal error: the solver's plan breaks a rule (2026-04-13 and 2026-04-14 are less than 2 days apart); please report this with the plan"
    );
    let program: krock::diag::Error = Error::OutOfTime.into();
    assert_eq!(program.to_string(), Error::OutOfTime.to_string());
}
