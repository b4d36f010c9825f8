//! Who is busy when (SPEC.md, "Semantics"), one test per rule, through the binary:
//! `krock check --plan P --json` over the small plans in `tests/fixtures/busy/`.
//!
//! `rules.toml` gives each rule a day of its own in the series (see the table at its top),
//! so every test below looks at one clash (found by the clashing event's UID) or one day,
//! and fails when its rule is broken — whether the rule is ignored or applied too widely.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const RULES: &str = "tests/fixtures/busy/rules.toml";
/// The attendees of `rules.toml`, in plan order.
const EVERYONE: [&str; 10] = [
    "own", "x", "y", "att", "case", "dec", "tent", "rem", "far", "near",
];

struct Run {
    code: i32,
    out: String,
    json: Value,
}

fn run_in(dir: &Path, plan: &str, json: bool) -> Run {
    let mut c = Command::cargo_bin("krock").unwrap();
    c.current_dir(dir).args(["check", "--plan", plan]);
    if json {
        c.arg("--json");
    }
    let out = c.env("NO_COLOR", "1").output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{plan}: unexpected stderr:\n{stderr}");
    let json = if json {
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{plan}: not JSON ({e}):\n{stdout}"))
    } else {
        Value::Null
    };
    Run {
        code: out.status.code().unwrap_or(-1),
        out: stdout,
        json,
    }
}

fn check(plan: &str) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), plan, true)
}

fn clashes(v: &Value) -> &Vec<Value> {
    v["clashes"].as_array().expect("\"clashes\" is an array")
}

/// The clashes with the event whose UID is `uid`.
fn with_uid<'a>(v: &'a Value, uid: &str) -> Vec<&'a Value> {
    clashes(v)
        .iter()
        .filter(|c| c["with"]["uid"] == uid)
        .collect()
}

/// The one clash with `uid`, on the occurrence of `date`.
fn the_clash<'a>(v: &'a Value, uid: &str, date: &str) -> &'a Value {
    let found = with_uid(v, uid);
    assert_eq!(
        found.len(),
        1,
        "expected one clash with {uid}, got {found:#?}"
    );
    let c = found[0];
    assert!(
        c["start"].as_str().unwrap().starts_with(date),
        "{uid} clashes with the occurrence of {}, expected {date}",
        c["start"]
    );
    c
}

/// The clashes of the occurrence on `date` (YYYY-MM-DD).
fn on<'a>(v: &'a Value, date: &str) -> Vec<&'a Value> {
    clashes(v)
        .iter()
        .filter(|c| c["start"].as_str().unwrap().starts_with(date))
        .collect()
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("a list of person ids")
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

/// Whether `person` is taken away (absent) or left remote by any clash at all.
fn affected_anywhere(v: &Value, person: &str) -> Vec<String> {
    clashes(v)
        .iter()
        .filter(|c| ids(&c["people"]).contains(&person) || ids(&c["remote"]).contains(&person))
        .map(|c| {
            let start = c["start"].as_str().unwrap_or_default();
            let summary = c["with"]["summary"].as_str().unwrap_or_default();
            format!("{} {summary}", &start[..10.min(start.len())])
        })
        .collect()
}

#[test]
fn a_persons_own_calendar_blocks_them() {
    let r = check(RULES);
    let c = the_clash(&r.json, "own-dentist@krock.test", "2026-05-04");
    assert_eq!(ids(&c["people"]), ["own"]);
    assert_eq!(c["with"]["summary"], "Tandläkare");
    assert_eq!(c["with"]["start"], "2026-05-04T09:30:00+02:00");
}

#[test]
fn a_feed_blocks_the_people_it_names_and_no_one_else() {
    let r = check(RULES);
    let c = the_clash(&r.json, "board-meeting@krock.test", "2026-05-05");
    assert_eq!(ids(&c["people"]), ["x"], "blocks = [\"x\"]");
    assert!(
        affected_anywhere(&r.json, "y")
            .iter()
            .all(|s| s.contains("Personalmöte")),
        "y is named by no feed but allhands: {:?}",
        affected_anywhere(&r.json, "y")
    );
}

#[test]
fn a_feed_that_blocks_all_blocks_everyone() {
    let r = check(RULES);
    let c = the_clash(&r.json, "allhands@krock.test", "2026-05-06");
    assert_eq!(ids(&c["people"]), EVERYONE);
    assert_eq!(ids(&c["remote"]), Vec::<&str>::new());
}

#[test]
fn an_attendee_of_an_event_in_a_feed_without_blocks_is_busy() {
    let r = check(RULES);
    let c = the_clash(&r.json, "invite-lunch@krock.test", "2026-05-07");
    let people = ids(&c["people"]);
    assert!(people.contains(&"att"), "{people:?}");
    // The feed blocks nobody by itself: only its attendees are busy.
    for id in ["own", "x", "y", "tent", "near"] {
        assert!(!people.contains(&id), "{id} is not an attendee: {people:?}");
    }
}

#[test]
fn an_attendee_of_an_event_in_someone_elses_calendar_is_busy() {
    let r = check(RULES);
    // own.ics is own's calendar; its Samråd lists att as an ATTENDEE. Both are busy, each once.
    let c = the_clash(&r.json, "own-samrad@krock.test", "2026-05-08");
    assert_eq!(ids(&c["people"]), ["own", "att"]);
}

#[test]
fn email_matching_ignores_case_and_mailto() {
    let r = check(RULES);
    // The plan says Case@Krock.Test; the invitation says MAILTO:cAsE@kRoCk.TeSt.
    let c = the_clash(&r.json, "invite-lunch@krock.test", "2026-05-07");
    let people = ids(&c["people"]);
    assert!(
        people.contains(&"case"),
        "MAILTO:cAsE@kRoCk.TeSt: {people:?}"
    );
    assert!(people.contains(&"att"), "mailto:att@krock.test: {people:?}");
    assert_eq!(people, ["att", "case"]);
}

#[test]
fn a_declined_invitation_does_not_block() {
    let r = check(RULES);
    // Via ATTENDEE in a feed: dec is ATTENDEE;PARTSTAT=DECLINED:mailto:DEC@krock.test.
    let lunch = the_clash(&r.json, "invite-lunch@krock.test", "2026-05-07");
    assert!(!ids(&lunch["people"]).contains(&"dec"));
    // In dec's own calendar: the declined workshop on 11 May.
    assert!(with_uid(&r.json, "dec-workshop@krock.test").is_empty());
    assert_eq!(
        affected_anywhere(&r.json, "dec"),
        ["2026-05-06 Personalmöte"]
    );
}

#[test]
fn a_transparent_event_never_blocks() {
    let r = check(RULES);
    // In own's own calendar, and an invitation att accepted, both on 11 May.
    assert!(with_uid(&r.json, "own-reminder@krock.test").is_empty());
    assert!(with_uid(&r.json, "invite-transparent@krock.test").is_empty());
    assert!(
        on(&r.json, "2026-05-11").is_empty(),
        "{:#?}",
        on(&r.json, "2026-05-11")
    );
}

#[test]
fn a_cancelled_event_never_blocks() {
    let r = check(RULES);
    // A cancelled single event in a feed that blocks x, and a cancelled invitation.
    assert!(with_uid(&r.json, "board-extra@krock.test").is_empty());
    assert!(with_uid(&r.json, "invite-cancelled@krock.test").is_empty());
    // A weekly series whose 12 May instance is cancelled by an override: the 5 May one
    // blocks, the cancelled one does not.
    let au = with_uid(&r.json, "board-au@krock.test");
    assert_eq!(au.len(), 1, "{au:#?}");
    assert_eq!(au[0]["start"], "2026-05-05T09:00:00+02:00");
    assert_eq!(au[0]["with"]["start"], "2026-05-05T10:00:00+02:00");
    assert!(
        on(&r.json, "2026-05-12").is_empty(),
        "{:#?}",
        on(&r.json, "2026-05-12")
    );
}

#[test]
fn a_tentative_event_blocks_and_is_reported_as_tentative() {
    let r = check(RULES);
    let c = the_clash(&r.json, "invite-tentative@krock.test", "2026-05-13");
    assert_eq!(ids(&c["people"]), ["tent"]);
    assert_eq!(c["with"]["tentative"], true);
    let firm = the_clash(&r.json, "own-dentist@krock.test", "2026-05-04");
    assert_eq!(firm["with"]["tentative"], false);
    let text = run_in(Path::new(env!("CARGO_MANIFEST_DIR")), RULES, false).out;
    assert!(
        text.contains("Preliminärt möte 09:00–10:00 (tentative)"),
        "{text}"
    );
}

#[test]
fn travel_margin_leaves_remote_people_remote_and_others_absent() {
    let r = check(RULES);
    // Frukostmöte 07:30–08:30, the meeting 09:00–11:00: free for the span, not for 1h travel.
    let c = the_clash(&r.json, "invite-breakfast@krock.test", "2026-05-15");
    assert_eq!(ids(&c["remote"]), ["rem"], "remote = true, travel = 1h");
    assert_eq!(ids(&c["people"]), ["far"], "remote = false, travel = 1h");
    // near has no travel margin: the breakfast does not touch them.
    assert_eq!(
        affected_anywhere(&r.json, "near"),
        ["2026-05-06 Personalmöte"]
    );
    // rem counts as present: 10 attendees, far absent.
    assert_eq!(c["present"], 9);
}

#[test]
fn the_meetings_own_series_does_not_make_its_attendees_busy() {
    // series.ics lists every person as an ATTENDEE.
    let r = check("tests/fixtures/busy/holidays-none.toml");
    assert_eq!(clashes(&r.json).len(), 0, "{:#?}", r.json);
    // The same events as x's own calendar (the accepted invitation) and in a feed matched by
    // ATTENDEE: still not busy.
    let r = check("tests/fixtures/busy/own-series.toml");
    assert_eq!(clashes(&r.json).len(), 0, "{:#?}", r.json);
    assert_eq!(r.code, 0);
    // And in the big plan no clash is the series itself.
    let r = check(RULES);
    assert!(with_uid(&r.json, "series@krock.test").is_empty());
}

#[test]
fn holidays_clash_unless_turned_off() {
    let r = check("tests/fixtures/busy/holidays-se.toml");
    let all = clashes(&r.json);
    assert_eq!(all.len(), 1, "{all:#?}");
    let c = &all[0];
    assert_eq!(c["start"], "2026-05-14T09:00:00+02:00");
    assert_eq!(c["holiday"], true);
    assert_eq!(c["with"]["summary"], "Kristi himmelsfärdsdag");
    assert_eq!(c["with"]["start"], "2026-05-14");
    assert_eq!(c["with"]["end"], "2026-05-15");
    assert_eq!(r.code, 1);

    let r = check("tests/fixtures/busy/holidays-none.toml");
    assert!(clashes(&r.json).is_empty(), "{:#?}", r.json);
    assert_eq!(r.code, 0);
}

#[test]
fn exit_status_is_1_on_a_clash_and_0_without() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    for json in [true, false] {
        assert_eq!(run_in(dir, RULES, json).code, 1, "json: {json}");
        assert_eq!(
            run_in(dir, "tests/fixtures/busy/holidays-se.toml", json).code,
            1
        );
        let none = run_in(dir, "tests/fixtures/busy/holidays-none.toml", json);
        assert_eq!(none.code, 0, "json: {json}");
        if json {
            assert_eq!(none.out, "{\"clashes\":[]}\n");
        } else {
            // The verdict, then the month grid, which marks no clash (`!`) either.
            let (_, grid) = none.out.split_once("\nNo clashes.\n").expect(&none.out);
            assert!(grid.ends_with("wk: ISO week\n"), "{grid}");
            let weeks = grid
                .lines()
                .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()));
            assert!(!weeks.clone().any(|l| l.contains('!')), "{grid}");
            assert!(weeks.count() >= 4, "{grid}");
        }
    }
}

#[test]
fn quorum_fails_when_too_few_are_present() {
    let r = check(RULES);
    // quorum = 8 of 10. 6 May: the all-hands takes everyone away.
    let c = the_clash(&r.json, "allhands@krock.test", "2026-05-06");
    assert_eq!(c["present"], 0);
    assert_eq!(c["quorum"], 8);
    assert_eq!(c["quorum_holds"], false);
    // 7 May: two away, exactly 8 present: it holds.
    let c = the_clash(&r.json, "invite-lunch@krock.test", "2026-05-07");
    assert_eq!(c["present"], 8);
    assert_eq!(c["quorum_holds"], true);
    // 4 May: one away.
    let c = the_clash(&r.json, "own-dentist@krock.test", "2026-05-04");
    assert_eq!(c["present"], 9);
    assert_eq!(c["quorum_holds"], true);
}

#[test]
fn relative_paths_in_the_plan_resolve_against_its_directory() {
    let here = check(RULES);
    let elsewhere = tempfile::tempdir().unwrap();
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join(RULES);
    let there = run_in(elsewhere.path(), plan.to_str().unwrap(), true);
    assert_eq!(there.code, 1);
    let key = |v: &Value| -> Vec<(String, String, Vec<String>)> {
        clashes(v)
            .iter()
            .map(|c| {
                (
                    c["start"].to_string(),
                    c["with"]["uid"].to_string(),
                    ids(&c["people"]).iter().map(|s| s.to_string()).collect(),
                )
            })
            .collect()
    };
    assert_eq!(key(&there.json), key(&here.json));
    assert!(!key(&here.json).is_empty());
    // The sources are named as the plan's directory joined with the relative path.
    let source = the_clash(&there.json, "own-dentist@krock.test", "2026-05-04")["with"]["source"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        Path::new(&source),
        plan.parent().unwrap().join("own.ics"),
        "{source}"
    );
}
