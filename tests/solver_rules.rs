//! The solver's rules, one purpose-built world each: the objective's order (SPEC.md: most
//! present, then in person, then fewest/smallest moves, then preferred days, then earliest
//! start), each constraint, and each infeasibility explanation and relaxation.

mod common;
use common::*;
use krock::solve::explain::Reason;
use krock::solve::Rule;

fn week() -> (chrono::NaiveDate, chrono::NaiveDate) {
    (d(2026, 4, 13), d(2026, 4, 17)) // Mon–Fri, no holidays
}

#[test]
fn most_present_outweighs_in_person() {
    let (from, to) = week();
    let mut people = vec![person("a"), person("b"), person("c")];
    for p in &mut people {
        p.remote = true;
        p.travel = chrono::Duration::minutes(30);
    }
    let mut m = meeting("m", &["a", "b", "c"]);
    m.quorum = 1;
    let mut b = Builder::new(from, to, people, vec![m]);
    // Monday: b and c are busy right before, so they can only join remotely (3 present, 1 in person).
    b = b.busy("b", from, 8, 9, "x").busy("c", from, 8, 9, "x");
    // Other days: c is busy at the meeting (2 present, both in person).
    for i in 1..5 {
        b = b.busy("c", from + chrono::Duration::days(i), 9, 11, "y");
    }
    let p = propose(&b.world());
    assert_eq!(chosen(&p), ["2026-04-13 09:00"]);
    assert_eq!(
        (p.plans[0].score.present, p.plans[0].score.in_person),
        (3, 1)
    );
}

#[test]
fn in_person_outweighs_a_smaller_move() {
    let (from, to) = week();
    let mut people = vec![person("a"), person("b")];
    people[1].remote = true;
    people[1].travel = chrono::Duration::minutes(30);
    let m = meeting("m", &["a", "b"]);
    let wed = d(2026, 4, 15);
    let b = Builder::new(from, to, people, vec![m])
        .series("m", vec![occ("M", at(wed, 9, 0), at(wed, 11, 0))])
        .busy("a", wed, 9, 10, "clash") // the original clashes
        .busy("b", d(2026, 4, 16), 8, 9, "before") // Thu: b only remote (1 day away)
        .busy("b", d(2026, 4, 14), 8, 9, "before") // Tue likewise
        .busy("a", d(2026, 4, 17), 9, 10, "x"); // Fri: a busy
    let p = propose(&b.world());
    // Monday is two days away but everyone is there in person.
    assert_eq!(chosen(&p), ["2026-04-13 09:00"]);
    assert_eq!(p.plans[0].score.moves, 1);
}

#[test]
fn a_smaller_move_outweighs_preferred_days() {
    let (from, to) = week();
    let mut m = meeting("m", &["a"]);
    m.prefer_days = vec![chrono::Weekday::Fri];
    let wed = d(2026, 4, 15);
    let b = Builder::new(from, to, vec![person("a")], vec![m])
        .series("m", vec![occ("M", at(wed, 9, 0), at(wed, 11, 0))])
        .busy("a", wed, 9, 10, "clash");
    let p = propose(&b.world());
    // Tuesday and Thursday are one day away; Thursday is not earlier, Tuesday is: the
    // move size ties, preferred days tie (neither is Friday), so the earliest date wins.
    assert_eq!(chosen(&p), ["2026-04-14 09:00"]);
    assert_eq!(p.plans[0].score.moved_days, 1);
}

#[test]
fn preferred_days_outweigh_earliest_start() {
    let (from, to) = week();
    let mut m = meeting("m", &["a"]);
    m.start = vec![t(9, 0), t(13, 0)];
    m.prefer_days = vec![chrono::Weekday::Fri];
    let fri = d(2026, 4, 17);
    let b = Builder::new(from, to, vec![person("a")], vec![m]).busy("a", fri, 9, 10, "x");
    let p = propose(&b.world());
    assert_eq!(chosen(&p), ["2026-04-17 13:00"]);
}

#[test]
fn earliest_start_outweighs_earlier_dates() {
    let (from, to) = week();
    let mut m = meeting("m", &["a"]);
    m.start = vec![t(9, 0), t(13, 0)];
    let b = Builder::new(from, to, vec![person("a")], vec![m]).busy("a", from, 9, 10, "x");
    let p = propose(&b.world());
    assert_eq!(chosen(&p), ["2026-04-14 09:00"]);
}

#[test]
fn required_people_must_be_present() {
    let (from, to) = week();
    let mut m = meeting("m", &["a", "b", "c"]);
    m.required = vec!["a".into()];
    m.quorum = 2;
    let b = Builder::new(
        from,
        to,
        vec![person("a"), person("b"), person("c")],
        vec![m],
    )
    .busy("a", from, 9, 10, "x")
    .busy("b", d(2026, 4, 14), 9, 10, "x");
    let p = propose(&b.world());
    // Monday: a (required) is busy; Tuesday has 2 of 3 — Wednesday has all three.
    assert_eq!(chosen(&p), ["2026-04-15 09:00"]);
    let mon = p
        .rejected
        .iter()
        .find(|r| p.candidates[r.candidate].date == from)
        .unwrap();
    assert_eq!(mon.reason, Reason::Breaks(Rule::Required(0)));
}

#[test]
fn quorum_rejects_thin_days() {
    let (from, to) = week();
    let mut m = meeting("m", &["a", "b", "c"]);
    m.quorum = 3;
    let mut b = Builder::new(
        from,
        to,
        vec![person("a"), person("b"), person("c")],
        vec![m],
    );
    for i in 0..4 {
        b = b.busy("b", from + chrono::Duration::days(i), 9, 10, "x");
    }
    let p = propose(&b.world());
    assert_eq!(chosen(&p), ["2026-04-17 09:00"]);
    assert!(
        p.rejected
            .iter()
            .filter(|r| r.reason == Reason::Breaks(Rule::Quorum(0)))
            .count()
            == 4
    );
}

#[test]
fn min_gap_days_spaces_occurrences() {
    let (from, to) = (d(2026, 4, 13), d(2026, 4, 24));
    let mut m = meeting("m", &["a"]);
    m.count = Some(2);
    m.min_gap_days = 7;
    let p = propose(&Builder::new(from, to, vec![person("a")], vec![m.clone()]).world());
    // The spread takes them as far apart as the window allows.
    assert_eq!(chosen(&p), ["2026-04-13 09:00", "2026-04-24 09:00"]);
    // Where attendance would put them closer, the gap still holds: b can come only
    // 14–17 April, so the best plan without the gap is two of those days; with it, one
    // of them and one at least 7 days later (then as far apart as possible).
    m.attendees = vec!["a".into(), "b".into()];
    m.quorum = 1;
    let mut b = Builder::new(from, to, vec![person("a"), person("b")], vec![m]);
    for day in [13, 20, 21, 22, 23, 24] {
        b = b.busy("b", d(2026, 4, day), 8, 17, "away");
    }
    let p = propose(&b.world());
    assert_eq!(chosen(&p), ["2026-04-14 09:00", "2026-04-24 09:00"]);
}

#[test]
fn before_rule_places_an_occurrence_ahead_of_each_event() {
    let (from, to) = week();
    let thu = d(2026, 4, 16);
    let m = meeting("m", &["a"]);
    let b = Builder::new(from, to, vec![person("a")], vec![m])
        .busy("a", from, 9, 10, "x")
        .feed(
            "board",
            vec![occ("Styrelsemöte", at(thu, 10, 0), at(thu, 12, 0))],
        )
        .rule(rule("m", "styrelse", "board", 2, true));
    let p = propose(&b.world());
    // Monday is busy; Tuesday is the last day at least 2 days before Thursday.
    assert_eq!(chosen(&p), ["2026-04-14 09:00"]);
}

#[test]
fn after_rule_places_an_occurrence_after_each_event() {
    let (from, to) = week();
    let m = meeting("m", &["a"]);
    let b = Builder::new(from, to, vec![person("a")], vec![m])
        .feed(
            "board",
            vec![occ("Board", at(from, 10, 0), at(from, 12, 0))],
        )
        .rule(rule("m", "board", "board", 2, false));
    let p = propose(&b.world());
    assert_eq!(chosen(&p), ["2026-04-15 09:00"]);
}

#[test]
fn non_clashing_series_occurrences_stay_unless_replanning() {
    let (from, to) = (d(2026, 4, 13), d(2026, 4, 24));
    let mut m = meeting("m", &["a"]);
    m.count = None; // one occurrence per series occurrence
    let (wed, wed2) = (d(2026, 4, 15), d(2026, 4, 22));
    let b = Builder::new(from, to, vec![person("a")], vec![m])
        .series(
            "m",
            vec![
                occ("M", at(wed, 9, 0), at(wed, 11, 0)),
                occ("M", at(wed2, 9, 0), at(wed2, 11, 0)),
            ],
        )
        .busy("a", wed2, 10, 11, "clash");
    let world = b.world();
    let p = propose(&world);
    // One occurrence per series occurrence: Wednesday stays, the clashing one moves a day.
    assert_eq!(chosen(&p), ["2026-04-15 09:00", "2026-04-21 09:00"]);
    let kept = &p.plans[0].occurrences[0];
    assert_eq!(kept.original, Some(kept.start));
    let busy = krock::busy::BusyMap::build(&world);
    let opts = krock::solve::Options {
        backend: krock::solve::Backend::Microlp,
        plans: 1,
        replan: true,
        relax: false,
        time_limit: None,
    };
    let replanned = krock::solve::propose(&world, &busy, opts).unwrap();
    // With --replan nothing is pinned; the same answer is still best here (fewest moves).
    assert_eq!(chosen(&replanned), ["2026-04-15 09:00", "2026-04-21 09:00"]);
}

#[test]
fn nobody_is_in_two_meetings_at_once() {
    let (from, to) = (d(2026, 4, 13), d(2026, 4, 13));
    let m1 = meeting("m1", &["a", "b"]);
    let mut m2 = meeting("m2", &["b", "c"]);
    m2.start = vec![t(9, 0), t(10, 0), t(13, 0)];
    let p = propose(
        &Builder::new(
            from,
            to,
            vec![person("a"), person("b"), person("c")],
            vec![m1, m2],
        )
        .world(),
    );
    assert_eq!(chosen(&p), ["2026-04-13 09:00", "2026-04-13 13:00"]);
}

#[test]
fn holidays_are_never_proposed() {
    // Easter Monday 2026-04-06 is the only Monday in the window.
    let (from, to) = (d(2026, 4, 6), d(2026, 4, 12));
    let mut m = meeting("m", &["a"]);
    m.days = vec![chrono::Weekday::Mon, chrono::Weekday::Tue];
    let p = propose(&Builder::new(from, to, vec![person("a")], vec![m]).world());
    assert_eq!(chosen(&p), ["2026-04-07 09:00"]);
    let r = p
        .rejected
        .iter()
        .find(|r| p.candidates[r.candidate].date == from)
        .unwrap();
    assert_eq!(r.reason, Reason::Breaks(Rule::Holidays));
    assert_eq!(r.text, "Annandag påsk");
}

// ---- infeasible plans: the rules that clash, and the least that must give ----

fn changes(p: &krock::solve::Proposal) -> Vec<String> {
    p.infeasible
        .as_ref()
        .unwrap()
        .relaxations
        .iter()
        .map(|r| r.change.clone())
        .collect()
}

fn core(p: &krock::solve::Proposal) -> Vec<Rule> {
    p.infeasible
        .as_ref()
        .unwrap()
        .rules
        .iter()
        .map(|(rule, _)| *rule)
        .collect()
}

#[test]
fn infeasible_quorum_is_named_and_lowered() {
    let (from, to) = week();
    let mut m = meeting("m", &["a", "b", "c"]);
    m.quorum = 3;
    let mut b = Builder::new(
        from,
        to,
        vec![person("a"), person("b"), person("c")],
        vec![m],
    );
    for i in 0..5 {
        b = b.busy(
            if i % 2 == 0 { "b" } else { "c" },
            from + chrono::Duration::days(i),
            9,
            10,
            "x",
        );
    }
    let p = propose(&b.world());
    assert!(p.plans.is_empty());
    assert_eq!(core(&p), [Rule::Occurrences(0), Rule::Quorum(0)]);
    assert!(
        changes(&p).contains(&"quorum 3 → 2 (m)".to_string()),
        "{:?}",
        changes(&p)
    );
    let r = &p.infeasible.as_ref().unwrap().relaxations[0];
    assert_eq!(r.plan.occurrences.len(), 1);
}

#[test]
fn infeasible_required_person_may_attend_remotely() {
    let (from, to) = week();
    let mut people = vec![person("a"), person("b")];
    people[0].travel = chrono::Duration::minutes(30);
    let mut m = meeting("m", &["a", "b"]);
    m.required = vec!["a".into()];
    m.quorum = 1;
    let mut b = Builder::new(from, to, people, vec![m]);
    for i in 0..5 {
        b = b.busy("a", from + chrono::Duration::days(i), 8, 9, "right before");
    }
    let p = propose(&b.world());
    assert_eq!(core(&p), [Rule::Occurrences(0), Rule::Required(0)]);
    assert!(
        changes(&p).contains(&"Role a (required) attends remotely".to_string()),
        "{:?}",
        changes(&p)
    );
}

#[test]
fn infeasible_window_weekday_and_start_relaxations() {
    let (from, to) = (d(2026, 4, 13), d(2026, 4, 19)); // Mon–Sun; meetings Mon–Fri
    let mut m = meeting("m", &["a"]);
    m.required = vec!["a".into()];
    let mut b = Builder::new(from, to, vec![person("a")], vec![m]);
    for i in 0..5 {
        b = b.busy("a", from + chrono::Duration::days(i), 9, 11, "x");
    }
    let p = propose(&b.world());
    let c = changes(&p);
    assert!(c.contains(&"also on Sat (m)".to_string()), "{c:?}");
    assert!(c.contains(&"also start at 11:00 (m)".to_string()), "{c:?}");
    // The window is extended on disk-less worlds too: next Monday is free.
    assert!(
        c.iter().any(|x| x.starts_with("window to 2026-04-26")),
        "{c:?}"
    );
}

#[test]
fn infeasible_rule_days_shorter() {
    let (from, to) = week();
    let tue = d(2026, 4, 14);
    let m = meeting("m", &["a"]);
    let b = Builder::new(from, to, vec![person("a")], vec![m])
        .feed("board", vec![occ("Board", at(tue, 10, 0), at(tue, 12, 0))])
        .rule(rule("m", "board", "board", 3, true));
    let p = propose(&b.world());
    assert_eq!(core(&p), [Rule::Occurrences(0), Rule::Order(0)]);
    assert!(
        changes(&p).contains(&"rule \"board\": 3 → 1 days".to_string()),
        "{:?}",
        changes(&p)
    );
}

#[test]
fn infeasible_gap_shorter() {
    let (from, to) = week();
    let mut m = meeting("m", &["a"]);
    m.count = Some(2);
    m.min_gap_days = 7;
    let p = propose(&Builder::new(from, to, vec![person("a")], vec![m]).world());
    assert_eq!(core(&p), [Rule::Occurrences(0), Rule::Gap(0)]);
    assert!(
        changes(&p).contains(&"min_gap_days 7 → 4 (m)".to_string()),
        "{:?}",
        changes(&p)
    );
}

// ---- a date ruled out by several things: the most human reason first ----

#[test]
fn someone_away_is_the_first_reason_before_the_gap_it_also_breaks() {
    let (from, to) = week();
    let mut m = meeting("m", &["a", "b"]);
    m.quorum = 1;
    m.count = Some(2);
    m.min_gap_days = 3;
    // Monday to Thursday only: the widest spread is Monday–Thursday, the gap itself.
    m.days = vec![
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
    ];
    let tue = d(2026, 4, 14);
    let b = Builder::new(from, to, vec![person("a"), person("b")], vec![m]).busy(
        "b",
        tue,
        8,
        18,
        "Autumn leave",
    );
    let p = propose(&b.world());
    // Monday and Thursday (three days apart), both with everyone.
    assert_eq!(chosen(&p), ["2026-04-13 09:00", "2026-04-16 09:00"]);
    let r = p
        .rejected
        .iter()
        .find(|r| p.candidates[r.candidate].date == tue)
        .unwrap();
    // Swapped in for Monday, Tuesday is too close to Thursday — but first, b is away.
    assert_eq!(
        r.reason,
        Reason::Worse(krock::solve::Criterion::Present),
        "{r:?}"
    );
    assert!(
        r.text
            .starts_with("1 present (absent: Role b — Autumn leave"),
        "{}",
        r.text
    );
    assert!(
        r.text.ends_with("; 2026-04-13 Mon 09:00 has 2"),
        "{}",
        r.text
    );
    assert_eq!(r.also.len(), 1, "{r:?}");
    assert_eq!(r.also[0].reason, Reason::Breaks(Rule::Gap(0)));
    assert_eq!(
        r.also[0].text,
        "2026-04-14 Tue 09:00 and 2026-04-16 Thu 09:00 are less than 3 days apart"
    );
    // A date only too close has the gap as its one reason.
    let wed = p
        .rejected
        .iter()
        .find(|r| p.candidates[r.candidate].date == d(2026, 4, 15))
        .unwrap();
    assert_eq!(wed.reason, Reason::Breaks(Rule::Gap(0)));
    assert!(wed.also.is_empty());
}

#[test]
fn one_occurrence_fewer_is_offered_when_the_count_does_not_fit() {
    let (from, to) = week();
    let mut m = meeting("m", &["a", "b"]);
    m.count = Some(3);
    m.min_gap_days = 2;
    m.quorum = 1;
    m.required = vec!["a".into()];
    // a is away Tuesday to Thursday: only Monday and Friday are left.
    let mut b = Builder::new(from, to, vec![person("a"), person("b")], vec![m]);
    for i in 1..4 {
        b = b.busy("a", from + chrono::Duration::days(i), 8, 18, "away");
    }
    let w = b.world();
    let p = propose(&w);
    assert!(p.plans.is_empty());
    let inf = p.infeasible.as_ref().unwrap();
    let fewer = inf
        .relaxations
        .iter()
        .find(|r| r.change == "one occurrence fewer: count 3 → 2 (m)")
        .unwrap_or_else(|| panic!("{:?}", changes(&p)));
    assert_eq!(fewer.kind.key(), "fewer");
    assert_eq!(fewer.plan.occurrences.len(), 2);
    // The required person's absence is behind the rule, with the times tried.
    let at = inf
        .rules
        .iter()
        .position(|(r, _)| *r == Rule::Required(0))
        .unwrap_or_else(|| panic!("{:?}", core(&p)));
    let behind: Vec<String> = inf.behind[at]
        .iter()
        .map(|b| b.text(&w.plan, krock::i18n::Lang::En))
        .collect();
    assert_eq!(behind.len(), 1, "{behind:?}");
    assert!(
        behind[0].starts_with("Role a is away at 3 of 5 times tried: away"),
        "{behind:?}"
    );
}
