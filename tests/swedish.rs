//! The bundled example in Swedish, as its plan asks (`language = "sv"`): the text reports
//! of `check` and `propose`, the HTML page and the invites, as snapshots; and the language
//! chosen as documented — `--lang` over the plan over the environment.

mod common;

use common::krock;

const PLAN: &str = "calendars/familjen-helsingborg.toml";

#[test]
fn propose_in_swedish() {
    let (code, out, err) = krock(&["propose", "--plan", PLAN]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Förslag:"), "{out}");
    assert!(out.contains("12 av 12 närvarande"), "{out}");
    assert!(out.contains("2026-04-21 v17 tis"), "{out}");
    assert!(
        out.contains("flyttat från 2026-04-24 v17 fre 08:30"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn the_html_page_in_swedish() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sida.html");
    let (code, _, err) = krock(&["propose", "--plan", PLAN, "--html", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
    for s in [
        "<h2>April 2026</h2>",
        "<th>Mån</th>",
        "<th class=\"we\">Sön</th>",
        "Teckenförklaring",
        "Vilka som kan komma på de föreslagna datumen",
        "tider i Europe/Stockholm",
        "upptagen (",
    ] {
        assert!(html.contains(s), "no {s:?} in the page");
    }
    for english in ["Legend", "Who attends", ">Mon<", "busy ("] {
        assert!(!html.contains(english), "{english:?} in the Swedish page");
    }
    // The page's own words, not the calendars': the body between <body> and </body>.
    let body = &html[html.find("<body>").unwrap()..];
    insta::assert_snapshot!(body);
}

#[test]
fn lang_overrides_the_plan_and_the_plan_the_environment() {
    // --lang en over the plan's "sv".
    let (_, out, _) = krock(&["check", "--plan", PLAN, "--lang", "en"]);
    assert!(out.contains("2 planned occurrences"), "{out}");
    // The plan's "sv" over an English environment.
    let out = assert_cmd::Command::cargo_bin("krock")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(["check", "--plan", PLAN])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.contains("2 planerade möten"), "{out}");
    // Without a plan, the environment decides: LC_ALL first.
    let holidays = |env: &[(&str, &str)]| {
        let mut cmd = assert_cmd::Command::cargo_bin("krock").unwrap();
        cmd.env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd
            .args([
                "check",
                "calendars/regionalt-rad.ics",
                "calendars/nato-ud.ics",
            ])
            .args(["--from", "2026-04-01", "--to", "2026-06-01"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(holidays(&[("LANG", "sv_SE.UTF-8")]).contains("mellan källor"));
    assert!(holidays(&[("LANG", "sv_SE.UTF-8"), ("LC_ALL", "C")]).contains("between sources"));
    assert!(holidays(&[]).contains("between sources"));
}

#[test]
fn an_unknown_language_is_refused_before_anything_is_read() {
    let (code, _, err) = krock(&["propose", "--plan", "no-such-plan.toml", "--lang", "fi"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("\"fi\" is not a language krock speaks"),
        "{err}"
    );
}

#[test]
fn holidays_and_export_in_swedish() {
    let (code, out, err) = krock(&["holidays", "--year", "2026", "--lang", "sv"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("2026-01-01 v01 tor  Nyårsdagen                   allmän helgdag\n"),
        "{out}"
    );
    assert!(out.contains("de facto ledig dag"), "{out}");
    // The holiday names are data: the same in both languages.
    let (_, en, _) = krock(&["holidays", "--year", "2026", "--lang", "en"]);
    assert!(
        en.contains("Nyårsdagen                   public holiday"),
        "{en}"
    );

    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = krock(&[
        "export",
        "--plan",
        PLAN,
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "REQUEST  kd flyttat 2026-04-24 08:30 → 2026-04-21 13:00; skicka till 12 deltagare"
        ),
        "{out}"
    );
}

#[test]
fn the_html_summary_says_the_dates_in_swedish_prose() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sida.html");
    let (code, _, err) = krock(&["propose", "--plan", PLAN, "--html", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(
        html.contains("Förslag: <b>tisdag 21 april 2026, 13.00–16.30 (vecka 17)</b> (12 av 12)"),
        "{html}"
    );
}
