//! The reference in `docs/` keeps up with the code: every key the plan parser accepts is
//! documented in `docs/plan.md` (the key lists come from the parser itself, so a new key
//! without documentation fails here), and no help text or README points outside the
//! repository.

mod common;

use assert_cmd::Command;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The keys the parser accepts in one table, from its own "unknown key" message.
fn accepted_keys(plan_text: &str) -> Vec<String> {
    let Err(err) = krock::plan::parse(Path::new("p.toml"), plan_text) else {
        panic!("an unknown key is not an error: {plan_text}");
    };
    let message = &err.messages()[0];
    let list = message
        .split("the keys allowed here are ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .unwrap_or_else(|| panic!("no key list in {message}"));
    // serde writes two keys as "a or b", more as "a, b, c".
    list.split(", ")
        .flat_map(|k| k.split(" or "))
        .map(str::to_string)
        .collect()
}

/// The text of `docs/plan.md` from the heading that names `table` to the next heading
/// of the same or a higher level.
fn section<'a>(doc: &'a str, table: &str) -> &'a str {
    let heading = doc
        .lines()
        .find(|l| l.starts_with('#') && l.contains(&format!("`{table}`")))
        .unwrap_or_else(|| panic!("docs/plan.md has no heading for `{table}`"));
    let level = heading.chars().take_while(|c| *c == '#').count();
    let start = doc.find(heading).unwrap() + heading.len();
    let rest = &doc[start..];
    let end = rest
        .lines()
        .filter(|l| {
            let n = l.chars().take_while(|c| *c == '#').count();
            n > 0 && n <= level
        })
        .map(|l| rest.find(l).unwrap())
        .next()
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn every_plan_key_is_documented_in_docs_plan_md() {
    let doc = std::fs::read_to_string(root().join("docs/plan.md")).unwrap();
    let tables = accepted_keys("zzz_not_a_key = 1\n");
    assert_eq!(tables, ["plan", "person", "feed", "meeting", "rule"]);
    let cases = [
        ("[plan]", "[plan]\nzzz_not_a_key = 1\n"),
        ("organizer", "[plan]\norganizer = { zzz_not_a_key = 1 }\n"),
        ("[[person]]", "[[person]]\nzzz_not_a_key = 1\n"),
        ("[[feed]]", "[[feed]]\nzzz_not_a_key = 1\n"),
        ("[[meeting]]", "[[meeting]]\nzzz_not_a_key = 1\n"),
        ("[[rule]]", "[[rule]]\nzzz_not_a_key = 1\n"),
    ];
    let mut missing = Vec::new();
    let mut total = 0;
    for (table, text) in cases {
        let body = section(&doc, table);
        for key in accepted_keys(text) {
            total += 1;
            if !body.contains(&format!("| `{key}` |")) {
                missing.push(format!("{table} {key}"));
            }
        }
    }
    assert!(
        total >= 40,
        "only {total} keys found: the parser's list changed shape?"
    );
    assert!(
        missing.is_empty(),
        "keys the parser accepts but docs/plan.md does not describe in a table row: {missing:?}"
    );
}

#[test]
fn a_key_without_docs_would_be_caught() {
    // The check above is only as good as its section finder: a key that is not in the
    // section is not found there, even when it appears elsewhere in the file.
    let doc = std::fs::read_to_string(root().join("docs/plan.md")).unwrap();
    assert!(section(&doc, "[[rule]]").contains("| `before` |"));
    assert!(!section(&doc, "[[rule]]").contains("| `quorum` |"));
    assert!(!section(&doc, "[[person]]").contains("| `source` |"));
}

#[test]
fn the_example_at_the_top_of_docs_plan_md_is_a_valid_plan() {
    let doc = std::fs::read_to_string(root().join("docs/plan.md")).unwrap();
    let start = doc.find("```toml\n").expect("an example") + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let plan = krock::plan::parse(Path::new("docs/plan.toml"), &doc[start..end])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.meetings[0].chair.as_deref(), Some("sekretariat"));
}

#[test]
fn docs_index_links_every_page_in_docs() {
    let index = std::fs::read_to_string(root().join("docs/README.md")).unwrap();
    for entry in std::fs::read_dir(root().join("docs")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && name != "README.md" {
            assert!(
                index.contains(&format!("]({name})")),
                "docs/README.md does not link {name}"
            );
        }
    }
}

#[test]
fn readme_and_help_point_to_docs_never_outside_the_repository() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        !readme.contains("../shared"),
        "README.md points to ../shared"
    );
    assert!(
        readme.contains("docs/README.md"),
        "README.md does not point to docs/"
    );
    for cmd in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["events", "--help"],
        vec!["check", "--help"],
        vec!["propose", "--help"],
        vec!["export", "--help"],
        vec!["holidays", "--help"],
    ] {
        let out = Command::cargo_bin("krock")
            .unwrap()
            .args(&cmd)
            .output()
            .unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(!help.contains("../shared"), "{cmd:?} points to ../shared");
        assert!(!help.contains("SPEC.md"), "{cmd:?} points to SPEC.md");
        assert!(
            help.contains("docs/README.md"),
            "{cmd:?} does not point to docs/"
        );
    }
}

/// Every object key in `v`, recursively.
fn keys(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, x) in map {
                out.insert(k.clone());
                keys(x, out);
            }
        }
        serde_json::Value::Array(list) => list.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

fn json_keys(dir: &Path, args: &[&str]) -> std::collections::BTreeSet<String> {
    let out = Command::cargo_bin("krock")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.trim().is_empty(), "{args:?}: no output");
    let mut set = std::collections::BTreeSet::new();
    for line in text.lines() {
        keys(&serde_json::from_str(line).unwrap(), &mut set);
    }
    set
}

#[test]
fn every_key_of_every_json_output_is_in_docs_json_md() {
    let doc = std::fs::read_to_string(root().join("docs/json.md")).unwrap();
    let plan = "calendars/familjen-helsingborg.toml";
    let mut all = std::collections::BTreeSet::new();
    for args in [
        vec![
            "events",
            "calendars/",
            "--from",
            "2026-04-01",
            "--to",
            "2026-06-01",
            "--json",
        ],
        vec!["check", "--plan", plan, "--json"],
        vec!["check", "--plan", plan, "--json", "--today", "2026-05-01"], // with notes
        vec![
            "check",
            "calendars/regionalt-rad.ics",
            "calendars/nato-ud.ics",
            "calendars/people/helsingborg.ics",
            "--from",
            "2026-04-01",
            "--to",
            "2026-06-01",
            "--json",
        ],
        vec!["propose", "--plan", plan, "--json"],
        vec!["holidays", "--year", "2026", "--json"],
    ] {
        all.extend(json_keys(root(), &args));
    }
    // No plan at all: a required person away the whole window.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("away.ics"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:away@example.se\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260901\r\nDTEND;VALUE=DATE:20261001\r\nSUMMARY:Away\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("plan.toml"),
        "[plan]\nfrom = \"2026-09-01\"\nto = \"2026-09-30\"\ntoday = \"2026-08-01\"\n\n[[person]]\nid = \"a\"\ncalendar = \"away.ics\"\n\n[[person]]\nid = \"b\"\n\n[[meeting]]\nid = \"m\"\nduration = \"1h\"\nstart = [\"09:00\"]\ncount = 1\nrequired = [\"a\"]\n",
    )
    .unwrap();
    let infeasible = json_keys(dir.path(), &["propose", "--plan", "plan.toml", "--json"]);
    assert!(
        infeasible.contains("infeasible") && infeasible.contains("change"),
        "{infeasible:?}"
    );
    all.extend(infeasible);
    // Documented as `key`, or as the last part of a path: `plans[].rank`.
    let documented =
        |k: &String| doc.contains(&format!("`{k}`")) || doc.contains(&format!(".{k}`"));
    let missing: Vec<&String> = all.iter().filter(|k| !documented(k)).collect();
    assert!(
        missing.is_empty(),
        "keys not described in docs/json.md: {missing:?}"
    );
}

/// The README's walk-through shows real output: every ```text block that starts with
/// `$ krock …` is run (in a copy of `calendars/`, so that files it writes go nowhere) and
/// must print exactly the rest of the block.
#[test]
fn the_readme_walk_through_shows_the_real_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("calendars")).unwrap();
    common::copy_dir(&root().join("calendars"), &dir.path().join("calendars"));
    let mut ran = 0;
    for block in readme.split("```text\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let Some(command) = block
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("$ krock "))
        else {
            continue;
        };
        let expected: String = block.lines().skip(1).map(|l| format!("{l}\n")).collect();
        let args: Vec<&str> = command.split_whitespace().collect();
        let out = Command::cargo_bin("krock")
            .unwrap()
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        let got = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
        assert_eq!(got, expected, "README: $ krock {command}");
        ran += 1;
    }
    assert!(ran >= 2, "only {ran} commands in the README's walk-through");
}
