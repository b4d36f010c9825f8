//! `--time-limit`: when the budget runs out, the best plan found so far is returned —
//! not an error — and it is flagged not proven optimal, in JSON and in the text report.

mod common;
use common::*;
use krock::solve::{self, Backend, Options};

/// Three meetings sharing a person, all best on Monday 09:00: the search's first bound
/// has them clash and is not tight, so it has to branch; the greedy plan comes first.
fn clashing() -> krock::world::World {
    let (from, to) = (d(2026, 4, 13), d(2026, 4, 17));
    let people = vec![person("a"), person("b"), person("c"), person("d")];
    let m0 = meeting("m0", &["a", "b"]);
    let m1 = meeting("m1", &["a", "c"]);
    let m2 = meeting("m2", &["a", "d"]);
    Builder::new(from, to, people, vec![m0, m1, m2]).world()
}

fn run(world: &krock::world::World, time_limit: Option<f64>) -> solve::Proposal {
    let busy = krock::busy::BusyMap::build(world);
    let opts = Options {
        backend: Backend::Microlp,
        plans: 1,
        replan: false,
        relax: true,
        time_limit,
    };
    solve::propose(world, &busy, opts).unwrap()
}

#[test]
fn out_of_time_gives_the_best_plan_so_far_flagged_not_proven() {
    let world = clashing();
    let p = run(&world, Some(1e-9));
    let best = &p.plans[0];
    assert!(!best.proven_optimal);
    assert_eq!(best.occurrences.len(), 3);
    let json = krock::report::propose::json(&p, &world);
    assert!(json.contains("\"proven_optimal\":false"), "{json}");
    let text = krock::report::propose::text(&p, &world, krock::report::Style::plain());
    assert!(
        text.contains("best found in 0.000000001 s; not proven optimal"),
        "{text}"
    );
}

#[test]
fn with_time_the_same_plan_is_proven_optimal() {
    let world = clashing();
    let p = run(&world, Some(60.0));
    assert!(p.plans[0].proven_optimal);
    assert_eq!(
        chosen(&p),
        ["2026-04-13 09:00", "2026-04-14 09:00", "2026-04-15 09:00"]
    );
    let json = krock::report::propose::json(&p, &world);
    assert!(json.contains("\"proven_optimal\":true"), "{json}");
    let text = krock::report::propose::text(&p, &world, krock::report::Style::plain());
    assert!(!text.contains("not proven optimal"), "{text}");
}

/// The bundled scenario under the default budget: every plan proven optimal, in JSON,
/// and no "not proven" line in the text.
#[test]
fn the_bundled_plans_are_proven_optimal() {
    let plan = "calendars/familjen-helsingborg.toml";
    let (code, out, err) = krock(&["propose", "--plan", plan, "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let plans = v["plans"].as_array().unwrap();
    assert!(!plans.is_empty());
    for p in plans {
        assert_eq!(p["proven_optimal"], serde_json::json!(true), "{p}");
    }
    let (code, out, _) = krock(&["propose", "--plan", plan]);
    assert_eq!(code, 0);
    assert!(!out.contains("not proven optimal"), "{out}");
}

#[test]
fn a_time_limit_must_be_positive() {
    let plan = "calendars/familjen-helsingborg.toml";
    for bad in ["0", "-1", "inf", "NaN"] {
        let flag = format!("--time-limit={bad}");
        let (code, out, err) = krock(&["propose", "--plan", plan, &flag]);
        assert_eq!(code, 2, "--time-limit {bad}: {err}");
        assert!(out.is_empty());
        assert!(err.contains("--time-limit"), "{err}");
    }
}

/// Three meetings sharing a person, each with one possible time, the same Monday 09:00:
/// each has a plan alone, not all three together.
fn three_at_one_time() -> krock::world::World {
    let (from, to) = (d(2026, 4, 13), d(2026, 4, 17));
    let people = vec![person("a"), person("b"), person("c"), person("d")];
    let meetings = [("m0", "b"), ("m1", "c"), ("m2", "d")]
        .into_iter()
        .map(|(id, other)| {
            let mut m = meeting(id, &["a", other]);
            m.days = vec![chrono::Weekday::Mon];
            m.start = vec![t(9, 0)];
            m
        })
        .collect();
    Builder::new(from, to, people, meetings).world()
}

/// When no plan exists and the time limit comes while finding out why, `propose` still
/// answers (exit 1, never "out of time"): the rules kept so far leave no date together,
/// flagged incomplete in JSON and in both reports; with time, the same plan's answer is
/// complete, its rules each needed, with a relaxation that gives a plan.
#[test]
fn out_of_time_while_explaining_no_plan_says_what_it_knows() {
    use krock::solve::Rule;
    use std::collections::BTreeSet;
    let world = three_at_one_time();
    let busy = krock::busy::BusyMap::build(&world);
    let cands = krock::candidates::candidates(&world, &busy);
    let rules: BTreeSet<Rule> = Rule::all(&world.plan, false).into_iter().collect();
    let opts = Options {
        backend: Backend::Microlp,
        plans: 1,
        replan: false,
        relax: true,
        time_limit: Some(1e-9),
    };
    // A deadline already passed: every search in the explanation runs out of time.
    let past = std::time::Instant::now();
    let late = solve::relax::infeasible(&world, &cands, &rules, opts, Some(past)).unwrap();
    assert!(!late.complete);
    assert!(!late.rules.is_empty());
    assert!(late.relaxations.is_empty());
    // Without a limit: complete, the overlap rule among the few rules needed.
    let full = solve::relax::infeasible(&world, &cands, &rules, opts, None).unwrap();
    assert!(full.complete);
    assert!(full.rules.len() < late.rules.len(), "{:?}", full.rules);
    assert!(full
        .rules
        .iter()
        .any(|(r, _)| *r == Rule::OneMeetingAtATime));
    assert!(!full.relaxations.is_empty());
    // The reports say it when incomplete, and only then.
    let proposal = |inf| solve::Proposal {
        candidates: cands.clone(),
        plans: Vec::new(),
        rejected: Vec::new(),
        infeasible: Some(inf),
        time_limit: Some(1e-9),
    };
    let (late, full) = (proposal(late), proposal(full));
    let json = krock::report::propose::json(&late, &world);
    assert!(json.contains("\"complete\":false"), "{json}");
    let json = krock::report::propose::json(&full, &world);
    assert!(json.contains("\"complete\":true"), "{json}");
    let style = krock::report::Style::plain();
    let line = "The time limit came first";
    assert!(krock::report::propose::text(&late, &world, style).contains(line));
    assert!(!krock::report::propose::text(&full, &world, style).contains(line));
}
