//! `krock propose` on the bundled scenario, as the secretariat runs it: the answer, its
//! reasons, the JSON of SPEC.md, and exit statuses.

mod common;
use common::{copy_dir, krock};

use serde_json::Value;

const PLAN: &str = "calendars/familjen-helsingborg.toml";

#[test]
fn the_secretariats_answer() {
    let (code, out, err) = krock(&["propose", "--plan", PLAN, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    insta::assert_snapshot!(out);
}

#[test]
fn json_has_the_shape_of_the_contract() {
    let (code, out, _) = krock(&["propose", "--plan", PLAN, "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["feasible"], true);
    let plans = v["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 3);
    let best = &plans[0];
    assert_eq!(best["rank"], 1);
    let occ = best["occurrences"].as_array().unwrap();
    assert_eq!(occ.len(), 2);
    assert_eq!(occ[0]["meeting"], "kd");
    assert_eq!(occ[0]["start"], "2026-04-21T13:00:00+02:00");
    assert_eq!(occ[0]["end"], "2026-04-21T16:30:00+02:00");
    assert_eq!(occ[0]["original_start"], "2026-04-24T08:30:00+02:00");
    assert_eq!(occ[1]["start"], "2026-05-22T08:30:00+02:00");
    assert_eq!(occ[1]["original_start"], "2026-05-29T08:30:00+02:00");
    // present, remote and absent are disjoint and together the attendees.
    for o in occ {
        let mut all: Vec<String> = Vec::new();
        for k in ["present", "remote"] {
            all.extend(
                o[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap().to_string()),
            );
        }
        all.extend(
            o["absent"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["id"].as_str().unwrap().to_string()),
        );
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
        assert_eq!(n, 12);
    }
    // Plans are distinct and best first.
    let dates: Vec<String> = plans.iter().map(|p| p["occurrences"].to_string()).collect();
    assert!(dates[0] != dates[1] && dates[1] != dates[2]);
    let scores: Vec<Vec<i64>> = plans
        .iter()
        .map(|p| {
            p["score"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_i64().unwrap())
                .collect()
        })
        .collect();
    assert!(
        scores[0] >= scores[1] && scores[1] >= scores[2],
        "{scores:?}"
    );
    // Every date not taken has a reason.
    let rejected = v["rejected"].as_array().unwrap();
    assert!(rejected.iter().any(
        |r| r["reason"] == "holiday" && r["start"].as_str().unwrap().starts_with("2026-05-14")
    ));
    assert!(rejected
        .iter()
        .any(|r| r["reason"] == "rule" && r["start"].as_str().unwrap().starts_with("2026-04-23")));
    assert!(rejected
        .iter()
        .any(|r| r["reason"] == "quorum"
            && r["start"].as_str().unwrap().starts_with("2026-05-29T08:30")));
}

#[test]
fn same_input_same_bytes() {
    let a = krock(&["propose", "--plan", PLAN, "--json"]).1;
    let b = krock(&["propose", "--plan", PLAN, "--json"]).1;
    assert_eq!(a, b);
}

#[test]
fn an_infeasible_plan_exits_1_with_the_rules_and_relaxations() {
    // A copy of the bundled calendars with a plan that asks too much.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/calendars")),
        dir.path(),
    );
    let text = std::fs::read_to_string(dir.path().join("familjen-helsingborg.toml"))
        .unwrap()
        .replace("quorum = 9", "quorum = 12")
        .replace("min_gap_days = 14", "min_gap_days = 55");
    let plan = dir.path().join("infeasible.toml");
    std::fs::write(&plan, text).unwrap();
    let (code, out, _) = krock(&["propose", "--plan", plan.to_str().unwrap(), "--json"]);
    let (tcode, tout, _) = krock(&["propose", "--plan", plan.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code, 1);
    assert_eq!(tcode, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["feasible"], false);
    assert_eq!(v["plans"].as_array().unwrap().len(), 0);
    let constraints: Vec<&str> = v["infeasible"]["constraints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        constraints.iter().any(|c| c.contains("quorum")),
        "{constraints:?}"
    );
    assert!(
        constraints.iter().any(|c| c.contains("55 days")),
        "{constraints:?}"
    );
    let changes: Vec<&str> = v["infeasible"]["relaxations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["change"].as_str().unwrap())
        .collect();
    assert!(changes.contains(&"quorum 12 → 11 (kd)"), "{changes:?}");
    for r in v["infeasible"]["relaxations"].as_array().unwrap() {
        assert!(!r["plan"]["occurrences"].as_array().unwrap().is_empty());
    }
    assert!(tout.contains("No plan meets every rule"), "{tout}");
}

#[test]
fn bad_solver_and_alternatives_are_errors() {
    let (code, _, err) = krock(&["propose", "--plan", PLAN, "--solver", "cplex"]);
    assert_eq!(code, 2);
    assert!(err.contains("microlp"), "{err}");
    let (code, _, _) = krock(&["propose", "--plan", PLAN, "--alternatives", "0"]);
    assert_eq!(code, 2);
}

/// Under the text, the month grid: the proposed dates (`*`), the planned dates they
/// replace (`x`), holidays (`h`), ISO weeks first; plain markers when not on a terminal.
#[test]
fn the_month_grid_marks_the_answer() {
    let (_, out, _) = krock(&["propose", "--plan", PLAN, "--lang", "en"]);
    let grid = &out[out.find("April 2026").expect("a month grid")..];
    assert!(
        grid.contains("\n17  20 *21  22  23 x24  25  26    21  18  19  20  21 *22  23 h24\n"),
        "{grid}"
    );
    assert!(grid.contains(" h14 "), "{grid}");
    assert!(!grid.contains('\x1b'));
    assert!(grid.ends_with("\n* proposed date; x planned date given up; h holiday; wk: ISO week\n"));
}
