//! `--html FILE` on `krock check --plan` and `krock propose --plan`, read from the file
//! itself: the bundled scenario's occurrences, clashes, proposals with attendance,
//! holidays and ISO weeks; a page that fetches nothing and runs nothing; text from the
//! feeds and the plan escaped; the file written whole or not at all.

mod common;
use common::{copy_dir, krock};

use std::path::Path;

const PLAN: &str = "calendars/familjen-helsingborg.toml";

/// Runs `command --plan plan --html FILE` and returns the exit status and the page.
/// The page of `command`, with the busy events' titles shown (`--show-titles`).
fn page(command: &str, plan: &str) -> (i32, String) {
    page_with(command, plan, &["--show-titles"])
}

fn page_with(command: &str, plan: &str, extra: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let mut args = vec![command, "--plan", plan, "--html", file.to_str().unwrap()];
    if !extra.contains(&"--lang") {
        args.extend_from_slice(&["--lang", "en"]);
    }
    args.extend_from_slice(extra);
    let (code, _, err) = krock(&args);
    assert!(err.is_empty(), "{err}");
    (code, std::fs::read_to_string(&file).unwrap())
}

/// Every title of a busy event in the bundled example's calendars.
fn busy_titles() -> Vec<String> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_krock"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "events",
            "calendars/",
            "--from",
            "2026-03-01",
            "--to",
            "2026-07-01",
            "--json",
        ])
        .output()
        .unwrap();
    let mut titles: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["summary"].as_str().map(str::to_string))
        .filter(|t| !t.starts_with("Kommundirektörsmöte")) // the plan's own meeting
        .collect();
    titles.sort();
    titles.dedup();
    titles
}

#[test]
fn without_show_titles_the_page_shows_busy_and_the_source_never_a_title() {
    let titles = busy_titles();
    assert!(titles.iter().any(|t| t == "Regionalt råd"), "{titles:?}");
    for command in ["check", "propose"] {
        let (_, html) = page_with(command, PLAN, &[]);
        for t in &titles {
            let escaped = t
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;");
            assert!(
                !html.contains(&escaped),
                "{command}: the title {t:?} is on the page"
            );
        }
        assert!(
            cell(&html, "2026-04-24").contains("busy (feed regionalt-rad)"),
            "{command}"
        );
        assert!(
            html.contains("Titles of people&#39;s events are not shown"),
            "{command}"
        );
    }
    let (_, html) = page_with("check", PLAN, &[]);
    assert!(cell(&html, "2026-04-24").contains("clash: busy (feed regionalt-rad) 09:00–12:00"));
    // Each event in the calendar names its own source, even when another calendar has an
    // event of the same title: every <li> of a person's calendar file says that person.
    for li in html.split("<li class=\"ev ").skip(1) {
        let li = &li[..li.find("</li>").unwrap()];
        for (file, name) in [
            ("people/bastad.ics", "Kommundirektör, Båstad"),
            ("people/hoganas.ics", "Kommundirektör, Höganäs"),
            ("people/perstorp.ics", "Kommundirektör, Perstorp"),
        ] {
            if li.contains(file) {
                assert!(li.contains(&format!("calendar of {name})")), "{li}");
            }
        }
    }
    // The plan may allow them.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"),
        dir.path(),
    );
    let plan = dir.path().join("familjen-helsingborg.toml");
    let toml = std::fs::read_to_string(&plan).unwrap().replace(
        "holidays = \"SE\"\n",
        "holidays = \"SE\"\nshow_titles = true\n",
    );
    std::fs::write(&plan, toml).unwrap();
    let (_, html) = page_with("check", plan.to_str().unwrap(), &[]);
    assert!(cell(&html, "2026-04-24").contains("clash: Regionalt råd 09:00–12:00"));
    assert!(!html.contains("are not shown"));
}

/// The calendar cell of a date: from its `<td … data-date="…">` to its `</td>`.
fn cell<'a>(html: &'a str, date: &str) -> &'a str {
    let at = html
        .find(&format!("data-date=\"{date}\""))
        .unwrap_or_else(|| panic!("no cell for {date}"));
    let start = html[..at].rfind("<td").unwrap();
    let end = at + html[at..].find("</td>").unwrap();
    &html[start..end]
}

/// Self-contained: no scripts, no references to fetch, styles inline, prints on A4.
fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.ends_with("</html>\n"));
    for bad in [
        "http://", "https://", "<script", "<link", "<img", "<iframe", "@import", "url(", "src=",
    ] {
        assert!(!lower.contains(bad), "the page contains {bad}");
    }
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains(".month { break-inside: avoid;"));
}

fn assert_months_and_weeks(html: &str) {
    assert!(html.contains("<h2>April 2026</h2>") && html.contains("<h2>May 2026</h2>"));
    let april = html.find("<h2>April 2026</h2>").unwrap();
    let may = html.find("<h2>May 2026</h2>").unwrap();
    // ISO weeks 14–18 in April, 18–22 in May, in a Monday-first grid.
    for w in 14..=22 {
        assert!(html.contains(&format!("<th class=\"wk\" scope=\"row\">{w}</th>")));
    }
    assert!(html[april..may].contains("<th>Mon</th><th>Tue</th>"));
    // 1 April 2026 is a Wednesday: two empty cells open the first week.
    let first_week = &html[html[april..].find("scope=\"row\">14<").unwrap() + april..];
    assert!(first_week.starts_with(
        "scope=\"row\">14</th><td class=\"none\"></td><td class=\"none\"></td><td class=\"day\" data-date=\"2026-04-01\">"
    ));
    // Holidays: shaded and named (the names keep their language).
    let ascension = cell(html, "2026-05-14");
    assert!(ascension.contains("holiday"), "{ascension}");
    assert!(ascension.contains("<div class=\"hol\">Kristi himmelsfärdsdag</div>"));
    assert!(cell(html, "2026-04-03").contains("Långfredagen"));
    assert!(cell(html, "2026-05-01").contains("Första maj"));
}

#[test]
fn check_page_shows_the_planned_dates_and_their_clashes() {
    let (code, html) = page("check", PLAN);
    assert_eq!(code, 1, "clashes found: exit 1 as without --html");
    assert_self_contained(&html);
    assert_months_and_weeks(&html);

    let april = cell(&html, "2026-04-24");
    assert!(april.contains("m-clash"));
    assert!(april.contains("08:30–12:00 Kommundirektörsmöte"), "{april}");
    assert!(
        april.contains("clash: Regionalt råd 09:00–12:00"),
        "{april}"
    );
    assert!(april.contains("10 of 12 · quorum 9 holds"), "{april}");
    let may = cell(&html, "2026-05-29");
    assert!(
        may.contains("clash: Skånes kommundirektörsmöte 09:00–11:30"),
        "{may}"
    );
    assert!(
        may.contains("clash: Lunch med NATO/UD 11:30–13:00"),
        "{may}"
    );
    assert!(may.contains("1 of 12 · quorum 9 broken"), "{may}");

    // The tables below the months: each clash, and who attends.
    for text in [
        "2026-04-24 v17 Fri 08:30–12:00",
        "2026-05-29 v22 Fri 08:30–12:00",
        "<b>Regionalt råd</b>",
        "<b>Skånes kommundirektörsmöte</b>",
        "<b>Lunch med NATO/UD</b>",
        "11 of 12 attendees: all but Sekretariatet",
        "<b>Kommundirektör, Helsingborg</b>: Regionalt råd 09:00–12:00",
        "<span class=\"bad\">quorum 9 broken</span>",
    ] {
        assert!(html.contains(text), "missing {text}");
    }
    // Busy events of the feeds and calendars, coloured by source, with a legend.
    assert!(
        html.contains("feed regionalt-rad <span class=\"path\">calendars/regionalt-rad.ics</span>")
    );
    assert!(html.contains("calendar of Kommundirektör, Perstorp"));
    assert!(cell(&html, "2026-04-29").contains("Styrelsemöte Familjen Helsingborg"));
    // The busy events only: a TRANSPARENT reminder, a declined invitation and a cancelled
    // lunch block nobody and are not shown; a tentative event is, marked tentative.
    let tuesday = cell(&html, "2026-04-21");
    assert!(!tuesday.contains("Påminnelse: delårsrapport"), "{tuesday}");
    assert!(
        !tuesday.contains("Workshop: digital samverkan"),
        "{tuesday}"
    );
    assert!(tuesday.contains("Dialog med Region Skåne"), "{tuesday}");
    assert!(tuesday.contains("(tentative)"), "{tuesday}");
    assert!(!cell(&html, "2026-04-24").contains("Arbetar på distans"));
}

#[test]
fn propose_page_shows_the_rank_1_plan_with_attendance() {
    let (code, html) = page("propose", PLAN);
    assert_eq!(code, 0);
    assert_self_contained(&html);
    assert_months_and_weeks(&html);

    let april = cell(&html, "2026-04-21");
    assert!(april.contains("m-proposed"));
    assert!(april.contains("13:00–16:30 Kommundirektörsmöte"), "{april}");
    assert!(april.contains("proposed · 12 of 12"), "{april}");
    assert!(april.contains("moved from 2026-04-24 08:30"), "{april}");
    let may = cell(&html, "2026-05-22");
    assert!(may.contains("08:30–12:00 Kommundirektörsmöte"), "{may}");
    assert!(may.contains("proposed · 12 of 12"), "{may}");
    assert!(cell(&html, "2026-04-24").contains("moves to 2026-04-21 13:00"));
    assert!(cell(&html, "2026-05-29").contains("moves to 2026-05-22 08:30"));

    for text in [
        "Proposed: <b>Tuesday 21 April 2026, 13:00–16:30 (week 17)</b> (12 of 12), <b>Friday 22 May 2026, 08:30–12:00 (week 21)</b> (12 of 12).",
        "<h2>Who attends the proposed dates</h2>",
        "moved from 2026-05-29 v22 Fri 08:30",
        "<h2>Runners-up</h2>",
        "<h2>Dates not proposed, and why</h2>",
        "<td>2026-05-14 v20 Thu 08:30–12:00</td><td>holiday</td><td>Kristi himmelsfärdsdag</td>",
        "no occurrence 7 days before &quot;Styrelsemöte Familjen Helsingborg&quot; on 2026-04-29",
        "<td>quorum not met</td><td>1 of 12 present, quorum 9; absent: ",
    ] {
        assert!(html.contains(text), "missing {text}");
    }
}

#[test]
fn the_text_on_stdout_is_the_same_with_html() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.html");
    for command in ["check", "propose"] {
        let plain = krock(&[command, "--plan", PLAN]);
        let with = krock(&[command, "--plan", PLAN, "--html", file.to_str().unwrap()]);
        assert_eq!(plain, with, "{command}");
    }
    // JSON stays pure JSON.
    let (_, json, _) = krock(&[
        "propose",
        "--plan",
        PLAN,
        "--json",
        "--html",
        file.to_str().unwrap(),
    ]);
    assert!(json.starts_with('{') && json.lines().count() == 1);
}

#[test]
fn text_from_feeds_and_plan_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"),
        dir.path(),
    );
    let feed = dir.path().join("regionalt-rad.ics");
    let text = std::fs::read_to_string(&feed).unwrap().replace(
        "SUMMARY:Regionalt råd\r\n",
        "SUMMARY:<script>alert(1)</script> & \"quote\"\r\n",
    );
    assert!(text.contains("<script>"), "the fixture changed");
    std::fs::write(&feed, text).unwrap();
    let plan = dir.path().join("familjen-helsingborg.toml");
    let toml = std::fs::read_to_string(&plan).unwrap().replace(
        "name = \"Kommundirektörsmöte, våren 2026\"",
        "name = \"Möte <b>'vår'</b> & \\\"höst\\\"\"",
    );
    std::fs::write(&plan, toml).unwrap();

    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quote&quot;";
    for command in ["check", "propose"] {
        let (_, html) = page(command, plan.to_str().unwrap());
        assert!(!html.to_lowercase().contains("<script"), "{command}");
        assert!(!html.contains("<b>'vår'</b>"), "{command}");
        assert!(
            html.contains("<h1>Möte &lt;b&gt;&#39;vår&#39;&lt;/b&gt; &amp; &quot;höst&quot;</h1>"),
            "{command}"
        );
        // In the calendar (and, for check, the clash on 24 April).
        assert!(cell(&html, "2026-04-24").contains(escaped), "{command}");
        assert!(
            html.contains(&format!("title=\"{escaped} 09:00–12:00 — ")),
            "{command}"
        );
    }
    let (_, html) = page("check", plan.to_str().unwrap());
    assert!(html.contains(&format!("clash: {escaped} 09:00–12:00")));
    assert!(html.contains(&format!("<td><b>{escaped}</b></td>")));
}

#[test]
fn the_file_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that does not exist: exit 2, a message naming the file, nothing written.
    let missing = dir.path().join("no-such-folder/report.html");
    let (code, out, err) = krock(&[
        "propose",
        "--plan",
        PLAN,
        "--html",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("no-such-folder/report.html") && err.contains("cannot write"),
        "{err}"
    );
    assert!(!missing.parent().unwrap().exists());

    // An existing file is replaced, and no temporary file is left beside it.
    let file = dir.path().join("report.html");
    std::fs::write(&file, "old").unwrap();
    let (code, _, _) = krock(&["check", "--plan", PLAN, "--html", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report.html"]);
}

#[test]
fn html_needs_a_plan() {
    let (code, _, err) = krock(&["check", "calendars/regionalt-rad.ics", "--html", "x.html"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with '--html <FILE>'"), "{err}");
    let (code, _, err) = krock(&["check", "--html", "x.html"]);
    assert_eq!(code, 2);
    assert!(err.contains("--plan <PLAN>"), "{err}");
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("x.html")
        .exists());
}

#[test]
fn an_infeasible_proposal_shows_the_rules_and_the_relaxations() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"),
        dir.path(),
    );
    let plan = dir.path().join("infeasible.toml");
    let text = std::fs::read_to_string(dir.path().join("familjen-helsingborg.toml"))
        .unwrap()
        .replace("quorum = 9", "quorum = 12")
        .replace("min_gap_days = 14", "min_gap_days = 55");
    std::fs::write(&plan, text).unwrap();
    let (code, html) = page("propose", plan.to_str().unwrap());
    assert_eq!(code, 1);
    assert_self_contained(&html);
    assert!(html.contains("<p class=\"summary bad\">No plan meets every rule.</p>"));
    assert!(html.contains("<h2>No plan meets every rule</h2>"));
    assert!(
        html.contains("55 days"),
        "the gap rule is among those that clash"
    );
    assert!(html.contains("<h4>quorum 12 → 11 (kd)</h4>"));
    // Each relaxation with its plan's occurrences and attendance.
    let relaxed = &html[html.find("<h4>quorum 12 → 11 (kd)</h4>").unwrap()..];
    assert!(
        relaxed.contains("<td class=\"n\">11 of 12")
            || relaxed.contains("<td class=\"n\">12 of 12")
    );
    // Nothing proposed is marked in the calendar; holidays still are.
    assert!(!html.contains("m-proposed"));
    assert!(cell(&html, "2026-05-14").contains("Kristi himmelsfärdsdag"));
}
