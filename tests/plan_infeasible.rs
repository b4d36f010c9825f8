//! A secretary's plan for an HR directors' network (eight municipalities, a chair who
//! must attend, one director on parental leave all autumn) as `propose` explains it, in
//! English and Swedish: when nothing fits, who and what is behind every blocking rule and
//! the relaxations a secretary would try first, each with the plan it gives; when a plan
//! exists, each rejected date's most human reason first and the runners-up occurrence by
//! occurrence. Fixtures: tests/fixtures/hr/.

mod common;

use common::krock;
use serde_json::Value;

const QUORUM: &str = "tests/fixtures/hr/hr-quorum.toml";
const CHAIR: &str = "tests/fixtures/hr/hr-chair.toml";
const AUTUMN: &str = "tests/fixtures/hr/hr-autumn.toml";

fn json(plan: &str) -> Value {
    let (code, out, err) = krock(&["propose", "--plan", plan, "--json"]);
    assert!(code == 0 || code == 1, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// The text report without the month grid (a plain calendar, covered elsewhere).
fn text(plan: &str, lang: &str) -> String {
    let (code, out, err) = krock(&["propose", "--plan", plan, "--lang", lang]);
    assert!(code == 0 || code == 1, "{err}");
    let cut = out.find("\n        September").unwrap_or(out.len());
    out[..cut].to_string()
}

#[test]
fn quorum_of_everyone_names_who_is_on_leave_and_offers_a_lower_quorum() {
    let (code, _, _) = krock(&["propose", "--plan", QUORUM]);
    assert_eq!(code, 1);
    let en = text(QUORUM, "en");
    assert!(
        en.contains("quorum, at least 8 of 8 attendees present"),
        "{en}"
    );
    assert!(
        en.contains("HR-chef, Borgholm is away at every time tried (96 of 96): Föräldraledig 2026-08-17–2027-01-10"),
        "{en}"
    );
    assert!(en.contains("* quorum 8 → 7 (hr)"), "{en}");
    // The relaxed plan says who is missing at each occurrence.
    assert!(
        en.contains("7 of 8 present\n      absent: HR-chef, Borgholm — Föräldraledig"),
        "{en}"
    );
    assert!(!en.contains("No single relaxation"), "{en}");
    insta::assert_snapshot!("hr_quorum_en", en);
    let sv = text(QUORUM, "sv");
    assert!(
        sv.contains("HR-chef, Borgholm är borta vid alla prövade tider (96 av 96)"),
        "{sv}"
    );
    assert!(sv.contains("* beslutsmässighet 8 → 7 (hr)"), "{sv}");
    for english in ["quorum, at least", "is away", "present"] {
        assert!(!sv.contains(english), "{english:?} in Swedish:\n{sv}");
    }
    insta::assert_snapshot!("hr_quorum_sv", sv);
}

#[test]
fn the_json_names_the_people_behind_each_blocking_rule_in_english() {
    let v = json(QUORUM);
    assert_eq!(v["feasible"], false);
    let blocking = v["infeasible"]["blocking"].as_array().unwrap();
    let quorum = blocking.iter().find(|b| b["rule"] == "quorum").unwrap();
    assert_eq!(quorum["meeting"], "hr");
    let first = &quorum["behind"][0];
    assert_eq!(first["kind"], "away");
    assert_eq!(first["person"], "borgholm");
    assert_eq!(first["times"], first["of"]);
    assert_eq!(first["month"], Value::Null);
    assert_eq!(first["reasons"][0], "Föräldraledig 2026-08-17–2027-01-10");
    // The old list stays, in the same order.
    let constraints = v["infeasible"]["constraints"].as_array().unwrap();
    assert_eq!(constraints.len(), blocking.len());
    for (c, b) in constraints.iter().zip(blocking) {
        assert_eq!(c, &b["constraint"]);
    }
    let r = &v["infeasible"]["relaxations"][0];
    assert_eq!(r["kind"], "quorum");
    assert_eq!(r["change"], "quorum 8 → 7 (hr)");
    // JSON is the same whatever the language.
    let (_, sv, _) = krock(&["propose", "--plan", QUORUM, "--json", "--lang", "sv"]);
    assert_eq!(serde_json::from_str::<Value>(&sv).unwrap(), v);
}

#[test]
fn a_chair_away_all_november_is_named_with_the_month_and_november_is_skipped() {
    let en = text(CHAIR, "en");
    assert!(en.contains("required people present (kalmar)"), "{en}");
    assert!(
        en.contains("HR-chef, Kalmar (ordförande) is away at every time tried in November 2026 (24 of 24): Tjänstledig 2026-11-01–2026-11-30"),
        "{en}"
    );
    assert!(
        en.contains("* skip November 2026 (hr): 3 occurrences, one in each other month"),
        "{en}"
    );
    insta::assert_snapshot!("hr_chair_en", en);
    let sv = text(CHAIR, "sv");
    assert!(
        sv.contains("i november 2026 (24 av 24): Tjänstledig"),
        "{sv}"
    );
    assert!(sv.contains("* hoppa över november 2026 (hr)"), "{sv}");
    insta::assert_snapshot!("hr_chair_sv", sv);

    let v = json(CHAIR);
    let required = v["infeasible"]["blocking"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["rule"] == "required")
        .unwrap()
        .clone();
    assert_eq!(required["behind"][0]["person"], "kalmar");
    assert_eq!(required["behind"][0]["month"], "2026-11");
    let skip = v["infeasible"]["relaxations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "skip_month")
        .unwrap()
        .clone();
    let months: Vec<String> = skip["plan"]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["start"].as_str().unwrap()[..7].to_string())
        .collect();
    assert_eq!(months, ["2026-09", "2026-10", "2026-12"]);
}

#[test]
fn the_html_page_names_the_people_behind_a_rule_without_private_titles() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.html");
    let (code, _, err) = krock(&[
        "propose",
        "--plan",
        CHAIR,
        "--lang",
        "en",
        "--html",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(
        html.contains("<li>HR-chef, Kalmar (ordförande) is away at every time tried in November 2026 (24 of 24): busy (calendar of HR-chef, Kalmar (ordförande)) 2026-11-01–2026-11-30</li>"),
        "{html}"
    );
    assert!(
        html.contains("<h4>skip November 2026 (hr): 3 occurrences, one in each other month</h4>")
    );
    assert!(!html.contains("Tjänstledig"), "a private title on the page");
}

#[test]
fn someone_on_autumn_leave_is_said_before_too_close_to_another_occurrence() {
    let en = text(AUTUMN, "en");
    let line = en
        .lines()
        .find(|l| l.contains("2026-10-27 v44 Tue 09:00:"))
        .unwrap_or_else(|| panic!("{en}"));
    assert!(
        line.contains("6 present (absent: HR-chef, Emmaboda — Höstlov – ledig 2026-10-26–2026-10-30; HR-chef, Borgholm"),
        "{line}"
    );
    // Date and time on both sides, the rule it also breaks after.
    assert!(
        line.ends_with("2026-10-01 Thu 09:00 has 7 (also: too close to another occurrence)"),
        "{line}"
    );
    // It is grouped under its first reason.
    let group = en[..en.find(line).unwrap()].rfind("  hr — ").unwrap();
    assert!(en[group..].starts_with("  hr — fewer attend ("), "{en}");
    let v = json(AUTUMN);
    let r = v["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["start"] == "2026-10-27T09:00:00+01:00")
        .unwrap()
        .clone();
    assert_eq!(r["reason"], "fewer_present");
    assert_eq!(r["also"][0]["reason"], "gap");
    // The JSON's sentences are English whatever the report's language.
    let (_, sv_json, _) = krock(&["propose", "--plan", AUTUMN, "--json", "--lang", "sv"]);
    assert_eq!(serde_json::from_str::<Value>(&sv_json).unwrap(), v);
    assert_eq!(
        r["also"][0]["text"],
        "2026-10-27 Tue 09:00 and 2026-11-03 Tue 09:00 are less than 14 days apart"
    );
    insta::assert_snapshot!("hr_autumn_en", en);
    let sv = text(AUTUMN, "sv");
    assert!(
        sv.contains("(dessutom: för nära ett annat tillfälle)"),
        "{sv}"
    );
    insta::assert_snapshot!("hr_autumn_sv", sv);
}

#[test]
fn runners_up_are_shown_occurrence_by_occurrence() {
    let en = text(AUTUMN, "en");
    assert!(
        en.contains("  2. 27 present (27 in person); 1 occurrence differs from the proposal\n       2026-09-02 v36 Wed  09:00–12:00  hr  7 of 8 present  instead of 2026-09-01 Tue 09:00\n       2026-10-01 v40 Thu  09:00–12:00  hr  7 of 8 present  as proposed\n"),
        "{en}"
    );
    assert!(!en.contains("— 27 present"), "{en}");
}
