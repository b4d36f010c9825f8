//! The objective as a secretary meets it (issue 12), through the binary on a generated
//! plan — an HR directors' network of 8 municipalities, 4 meetings from September to
//! 18 December, the chair required: `count` spreads the meetings over the term instead
//! of bunching them at its start; a series plus `count` pairs each moved meeting with its
//! nearest original, and the text and the JSON count the same moves; the start-time
//! preference is the plan's `start` order, and `prefer_start = false` turns it off.

use assert_cmd::Command;
use chrono::NaiveDate;
use serde_json::Value;
use std::path::Path;

/// The network's people: the chair (Kalmar) and seven HR directors.
const PEOPLE: [(&str, &str); 8] = [
    ("kalmar", "Ordförande, Kalmar"),
    ("borgholm", "HR-direktör, Borgholm"),
    ("emmaboda", "HR-direktör, Emmaboda"),
    ("nybro", "HR-direktör, Nybro"),
    ("torsas", "HR-direktör, Torsås"),
    ("morbylanga", "HR-direktör, Mörbylånga"),
    ("oskarshamn", "HR-direktör, Oskarshamn"),
    ("vastervik", "HR-direktör, Västervik"),
];

fn vevent(uid: &str, start: &str, end: &str, summary: &str) -> String {
    let (s, e) = if start.contains('T') {
        (
            format!("DTSTART;TZID=Europe/Stockholm:{start}"),
            format!("DTEND;TZID=Europe/Stockholm:{end}"),
        )
    } else {
        (
            format!("DTSTART;VALUE=DATE:{start}"),
            format!("DTEND;VALUE=DATE:{end}"),
        )
    };
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}@example.se\r\nDTSTAMP:20260801T000000Z\r\n{s}\r\n{e}\r\nSUMMARY:{summary}\r\nORGANIZER;CN=Sekretariatet:mailto:sekretariat@example.se\r\nEND:VEVENT\r\n"
    )
}

fn calendar(events: &[String]) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//hr//EN\r\n{}END:VCALENDAR\r\n",
        events.concat()
    )
}

/// Writes the network's plan and calendars into `dir`: the chair at the council on
/// Wednesday 7 October (and `chair_busy` more days, all day), Emmaboda on autumn leave
/// 26–30 October, Borgholm at a budget meeting the morning of 2 September. The meeting:
/// Wednesdays, 3 hours, `start` as given, `count = 4`, `extra` keys, and the series
/// `series` (dates at 09:00, single events) if any.
fn network(dir: &Path, start: &str, extra: &str, chair_busy: &[&str], series: &[&str]) {
    let mut chair = vec![vevent(
        "council",
        "20261007T080000",
        "20261007T170000",
        "Kommunfullmäktige",
    )];
    for (i, day) in chair_busy.iter().enumerate() {
        let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
        let next = d.succ_opt().unwrap();
        chair.push(vevent(
            &format!("chair-{i}"),
            &d.format("%Y%m%d").to_string(),
            &next.format("%Y%m%d").to_string(),
            "Regionstyrelsen",
        ));
    }
    let files = [
        ("kalmar", chair),
        (
            "emmaboda",
            vec![vevent("leave", "20261026", "20261031", "Höstlov")],
        ),
        (
            "borgholm",
            vec![vevent(
                "budget",
                "20260902T090000",
                "20260902T120000",
                "Budgetmöte",
            )],
        ),
    ];
    for (who, events) in &files {
        std::fs::write(dir.join(format!("{who}.ics")), calendar(events)).unwrap();
    }
    let mut plan = String::from(
        "[plan]\nname = \"HR-nätverket, hösten 2026\"\nfrom = \"2026-09-01\"\nto = \"2026-12-18\"\ntoday = \"2026-08-20\"\norganizer = { name = \"Sekretariatet\", email = \"sekretariat@example.se\" }\n",
    );
    for (id, name) in PEOPLE {
        plan += &format!(
            "\n[[person]]\nid = \"{id}\"\nname = \"{name}\"\nemail = \"{id}@example.se\"\n"
        );
        if files.iter().any(|(w, _)| *w == id) {
            plan += &format!("calendar = \"{id}.ics\"\n");
        }
    }
    plan += &format!(
        "\n[[meeting]]\nid = \"hr\"\ntitle = \"HR-nätverket\"\nduration = \"3h\"\nrequired = [\"kalmar\"]\nchair = \"kalmar\"\ndays = [\"wed\"]\nstart = {start}\ncount = 4\n{extra}"
    );
    if !series.is_empty() {
        let events: Vec<String> = series
            .iter()
            .map(|day| {
                let d = day.replace('-', "");
                vevent(
                    &format!("hr-{d}"),
                    &format!("{d}T090000"),
                    &format!("{d}T120000"),
                    "HR-nätverket",
                )
            })
            .collect();
        std::fs::write(dir.join("hr.ics"), calendar(&events)).unwrap();
        plan += "series = \"hr.ics\"\n";
    }
    std::fs::write(dir.join("plan.toml"), plan).unwrap();
}

fn propose(dir: &Path, extra: &[&str]) -> String {
    let out = Command::cargo_bin("krock")
        .unwrap()
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(["propose", "--plan", "plan.toml"])
        .args(extra)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

fn json(dir: &Path) -> Value {
    serde_json::from_str(&propose(dir, &["--json"])).unwrap()
}

/// The best plan's occurrences as "YYYY-MM-DD HH:MM".
fn starts(v: &Value) -> Vec<String> {
    v["plans"][0]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["start"].as_str().unwrap()[..16].replace('T', " "))
        .collect()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").unwrap()
}

#[test]
fn count_spreads_the_meetings_over_the_term() {
    let dir = tempfile::tempdir().unwrap();
    network(dir.path(), "[\"09:00\", \"13:00\"]", "", &[], &[]);
    let v = json(dir.path());
    // Not the first four free Wednesdays (9, 16, 23, 30 September): four weeks apart at
    // least, from September to December, everyone there. 35 days apart is not possible
    // (2 September + 35 is the council day; the morning of 2 September Borgholm is away).
    assert_eq!(
        starts(&v),
        [
            "2026-09-09 09:00",
            "2026-10-14 09:00",
            "2026-11-11 09:00",
            "2026-12-09 09:00"
        ]
    );
    let plan = &v["plans"][0];
    assert_eq!(plan["score_parts"]["smallest_gap_days"], 28);
    assert_eq!(plan["score_parts"]["present"], 32);
    assert_eq!(plan["score"], serde_json::json!([32, 32, 0, 0, 28, 0, 0]));
    // A date that would shrink the smallest gap says so, with both gaps in days.
    let rejected = v["rejected"].as_array().unwrap();
    let sept23 = rejected
        .iter()
        .find(|r| r["start"] == "2026-09-23T09:00:00+02:00")
        .unwrap();
    assert_eq!(sept23["reason"], "smaller_gap");
    assert_eq!(
        sept23["text"],
        "the smallest gap between two occurrences would be 21 days; the plan keeps at least 28"
    );
    // The people away come first: the council day is the chair's, not the spread's.
    let oct7 = rejected
        .iter()
        .find(|r| r["start"] == "2026-10-07T09:00:00+02:00")
        .unwrap();
    assert_eq!(oct7["reason"], "required");

    let text = propose(dir.path(), &["--lang", "en"]);
    assert!(
        text.contains("2026-09-09 v37 Wed  09:00–12:00  hr  8 of 8 present\n"),
        "{text}"
    );
    assert!(
        text.contains("hr — a smaller gap between occurrences ("),
        "{text}"
    );
    assert!(
        text.contains("2026-09-09 v37 Wed 13:00: 13:00 is the plan's second start time; 09:00 (2026-09-09 v37 Wed) the first"),
        "{text}"
    );
}

#[test]
fn the_start_order_is_the_preference_and_prefer_start_false_turns_it_off() {
    let dir = tempfile::tempdir().unwrap();
    // The afternoon first: 13:00 is preferred.
    network(dir.path(), "[\"13:00\", \"09:00\"]", "", &[], &[]);
    let v = json(dir.path());
    assert!(starts(&v).iter().all(|s| s.ends_with("13:00")), "{v}");
    let later: Vec<&Value> = v["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["reason"] == "later_start")
        .collect();
    assert!(!later.is_empty());
    assert!(later.iter().all(|r| r["text"]
        .as_str()
        .unwrap()
        .starts_with("09:00 is the plan's second start time; 13:00 (")));

    // Switched off: no start time is worse than another, and the earliest dates decide
    // (2 September in the afternoon, when Borgholm is back).
    network(
        dir.path(),
        "[\"13:00\", \"09:00\"]",
        "prefer_start = false\n",
        &[],
        &[],
    );
    let v = json(dir.path());
    assert_eq!(v["plans"][0]["score_parts"]["start_rank"], 0);
    assert!(!v["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["reason"] == "later_start"));
    assert_eq!(starts(&v)[0], "2026-09-02 13:00");
}

#[test]
fn a_series_plus_count_pairs_each_move_with_its_nearest_original() {
    let dir = tempfile::tempdir().unwrap();
    // The term as booked: bunched at the start (2 and 23 September, 14 October, 4
    // November), all at 09:00. The chair is now away on 23 September and 4 November, and
    // Borgholm the morning of 2 September.
    network(
        dir.path(),
        "[\"09:00\"]",
        "",
        &["2026-09-23", "2026-11-04"],
        &["2026-09-02", "2026-09-23", "2026-10-14", "2026-11-04"],
    );
    let v = json(dir.path());
    let plan = &v["plans"][0];
    let occ = plan["occurrences"].as_array().unwrap();
    let moved: Vec<(NaiveDate, NaiveDate)> = occ
        .iter()
        .filter(|o| o["moved"] == true)
        .map(|o| {
            (
                date(o["start"].as_str().unwrap()),
                date(o["original_start"].as_str().unwrap()),
            )
        })
        .collect();
    // The three clashing dates move a week each (14 October stays), 23 September to
    // the 30th rather than the 16th because that keeps them two weeks apart instead of
    // one (the spread, after the moves); each is paired with its own original, in time
    // order.
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    assert_eq!(
        moved,
        [
            (d(9, 9), d(9, 2)),
            (d(9, 30), d(9, 23)),
            (d(11, 11), d(11, 4))
        ],
        "{plan}"
    );
    assert_eq!(plan["score_parts"]["smallest_gap_days"], 14);
    // The JSON's moves are the moved occurrences, its days their distances.
    assert_eq!(plan["score_parts"]["moves"], moved.len());
    let days: i64 = moved.iter().map(|(n, o)| (*n - *o).num_days().abs()).sum();
    assert_eq!(plan["score_parts"]["moved_days"], days);
    // … and the text says "moved from" exactly as often.
    let text = propose(dir.path(), &["--lang", "en"]);
    assert_eq!(text.matches("moved from").count(), moved.len(), "{text}");
    assert!(
        text.contains("2026-11-11 v46 Wed  09:00–12:00  hr  8 of 8 present  moved from 2026-11-04 v45 Wed 09:00"),
        "{text}"
    );
}

#[test]
fn more_new_dates_than_originals_are_added_not_counted_as_moves() {
    let dir = tempfile::tempdir().unwrap();
    // Two originals, one clashing, and count = 4: one moves (paired with the clashing
    // original), two are new; the text's moves and the JSON's agree.
    network(
        dir.path(),
        "[\"09:00\"]",
        "",
        &["2026-10-21"],
        &["2026-09-16", "2026-10-21"],
    );
    let v = json(dir.path());
    let plan = &v["plans"][0];
    let occ = plan["occurrences"].as_array().unwrap();
    assert_eq!(occ.len(), 4);
    let moved = occ.iter().filter(|o| o["moved"] == true).count();
    let new = occ.iter().filter(|o| o["original_start"].is_null()).count();
    assert_eq!((moved, new), (1, 2), "{plan}");
    assert_eq!(plan["score_parts"]["moves"], 1);
    let text = propose(dir.path(), &["--lang", "en"]);
    assert_eq!(text.matches("moved from").count(), 1, "{text}");
}
