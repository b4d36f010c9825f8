//! `krock check` and `krock holidays` as a user runs them: the bundled scenario of
//! `calendars/` (the minutes' clashes), overlaps between sources without a plan, and the
//! holiday list.

use assert_cmd::Command;
use serde_json::Value;

const PLAN: &str = "calendars/familjen-helsingborg.toml";

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("krock")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn bundled_plan_text() {
    let (code, out, err) = run(&["check", "--plan", PLAN, "--lang", "en"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(!out.contains('\x1b'), "no colour with NO_COLOR and a pipe");
    insta::assert_snapshot!(out);
}

/// The bundled plan says `language = "sv"`: without `--lang` the report is Swedish.
#[test]
fn bundled_plan_text_in_swedish() {
    let (code, out, err) = run(&["check", "--plan", PLAN]);
    assert_eq!(code, 1, "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(out.contains("2026-04-24 v17 fre"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn bundled_plan_json() {
    let (code, out, err) = run(&["check", "--plan", PLAN, "--json"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(out.ends_with("}\n") && out.lines().count() == 1);
    insta::assert_snapshot!(serde_json::to_string_pretty(&json(&out)).unwrap());
}

/// Protokoll 2026-02-27, § 11: the April and May dates clash with the regional council,
/// a lunch with NATO/UD and the Skåne-wide directors' meeting.
#[test]
fn bundled_plan_finds_what_the_minutes_say() {
    let (code, out, _) = run(&["check", "--plan", PLAN, "--json"]);
    assert_eq!(code, 1);
    let v = json(&out);
    let clashes = v["clashes"].as_array().unwrap();
    let found: Vec<(&str, &str)> = clashes
        .iter()
        .map(|c| {
            (
                &c["start"].as_str().unwrap()[..10],
                c["with"]["summary"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("2026-04-24", "Regionalt råd"),
            ("2026-05-29", "Skånes kommundirektörsmöte"),
            ("2026-05-29", "Lunch med NATO/UD"),
        ]
    );
    for c in clashes {
        assert_eq!(c["meeting"], "kd");
        assert_eq!(c["holiday"], false);
    }
    // April: the council takes away the two directors the plan says attend it; quorum holds.
    let april = &clashes[0];
    assert_eq!(april["start"], "2026-04-24T08:30:00+02:00");
    assert_eq!(april["end"], "2026-04-24T12:00:00+02:00");
    assert_eq!(strs(&april["people"]), ["helsingborg", "landskrona"]);
    assert_eq!(april["quorum_holds"], true);
    // May: all eleven directors are in Lund; only the secretariat is left.
    let skane = &clashes[1];
    assert_eq!(skane["people"].as_array().unwrap().len(), 11);
    assert!(!strs(&skane["people"]).contains(&"sekretariat"));
    assert_eq!(skane["present"], 1);
    assert_eq!(skane["quorum_holds"], false);
    // The lunch: its accepted and invited attendees; Klippan declined, Båstad's was cancelled.
    let lunch = &clashes[2];
    assert_eq!(
        strs(&lunch["people"]),
        ["angelholm", "helsingborg", "hoganas", "landskrona"]
    );
}

#[test]
fn overlaps_between_sources_without_a_plan() {
    let window = ["--from", "2026-04-01", "--to", "2026-06-01"];
    let a = "tests/fixtures/overlap/a.ics";
    let b = "tests/fixtures/overlap/b.ics";
    let (code, out, err) = run(&[&["check", a, b, "--json"][..], &window].concat());
    assert_eq!(code, 1, "{err}");
    let v = json(&out);
    let pairs: Vec<(String, &str, &str)> = v["overlaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let e = o["events"].as_array().unwrap();
            (
                format!(
                    "{} – {}",
                    o["start"].as_str().unwrap(),
                    o["end"].as_str().unwrap()
                ),
                e[0]["uid"].as_str().unwrap(),
                e[1]["uid"].as_str().unwrap(),
            )
        })
        .collect();
    // Not Planeringsdag × Telefonmöte (same source), not the event that only touches, not
    // the cancelled or transparent ones.
    assert_eq!(
        pairs,
        [
            (
                "2026-04-20T11:00:00+02:00 – 2026-04-20T12:00:00+02:00".to_string(),
                "a-planning@krock.test",
                "b-seminar@krock.test"
            ),
            (
                "2026-05-05T13:30:00+02:00 – 2026-05-05T14:00:00+02:00".to_string(),
                "a-weekly@krock.test",
                "b-workshop@krock.test"
            ),
        ]
    );

    let (code, out, _) = run(&[&["check", a, b][..], &window].concat());
    assert_eq!(code, 1);
    assert!(out.ends_with("2 overlaps between sources\n"), "{out}");
    assert!(out.contains("Planeringsdag 09:00–12:00  [tests/fixtures/overlap/a.ics]"));

    // Within one source nothing is reported, although a.ics overlaps itself.
    let (code, out, _) = run(&[&["check", a, "--json"][..], &window].concat());
    assert_eq!(code, 0);
    assert_eq!(out, "{\"overlaps\":[]}\n");
    let (code, out, _) = run(&[&["check", a][..], &window].concat());
    assert_eq!(code, 0);
    assert_eq!(out, "0 overlaps between sources\n");

    // A window without the overlaps: exit 0.
    let (code, _, _) = run(&["check", a, b, "--from", "2026-04-21", "--to", "2026-05-05"]);
    assert_eq!(code, 0);
}

#[test]
fn holidays_2026() {
    let (code, out, err) = run(&["holidays", "--year", "2026"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!(out);
}

#[test]
fn holidays_outside_the_modelled_years_are_an_error() {
    let (code, out, err) = run(&["holidays", "--year", "1899"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("1899") && err.contains("1900–2200"), "{err}");
}
