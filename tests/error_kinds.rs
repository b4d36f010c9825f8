//! Errors are data: the library's errors asserted by kind and location, and their text
//! (the same text the binary prints after `error: `).

use krock::diag::{Error, ErrorKind, FlagProblem, Limit, Location, PlanProblemKind, Warnings};
use krock::events::{ReadOptions, Window};
use krock::ical::zone::Zone;
use krock::source::SourceSpec;
use std::path::{Path, PathBuf};

fn opts() -> ReadOptions {
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 4, d).unwrap();
    ReadOptions::new(Window::new(
        day(1),
        day(30),
        Zone::iana("Europe/Stockholm").unwrap(),
    ))
}

fn load(path: &Path, opts: &ReadOptions) -> Error {
    let mut w = Warnings::default();
    krock::load::load(&[SourceSpec::Path(path.to_path_buf())], opts, &mut w).unwrap_err()
}

#[test]
fn a_missing_file_is_unreadable_at_its_name() {
    let e = load(Path::new("no/such.ics"), &opts());
    assert!(matches!(e.kind, ErrorKind::Unreadable { .. }), "{e:?}");
    assert_eq!(e.at, Some(Location::file("no/such.ics")));
    assert_eq!(
        e.to_string(),
        "no/such.ics: cannot read: no such file or directory; check the path"
    );
}

#[test]
fn the_total_limit_names_the_limit_its_value_and_the_flag() {
    let mut o = opts();
    o.limits.max_total = 0;
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("calendars/kommundirektorsmote.ics");
    let e = load(&file, &o);
    let ErrorKind::LimitExceeded { limit, value } = e.kind.clone() else {
        panic!("{e:?}")
    };
    assert_eq!((limit, value), (Limit::TotalOccurrences, 0));
    assert_eq!(limit.flag(), "--max-total-occurrences");
    assert!(e.to_string().ends_with("more than 0 occurrences in the window from all sources together; narrow the window or raise the limit with --max-total-occurrences"), "{e}");
}

#[test]
fn plan_problems_come_with_their_lines() {
    let text = "[plan]\nname = \"x\"\ncolour = \"red\"\n";
    let e = krock::plan::parse(Path::new("p.toml"), text).unwrap_err();
    assert_eq!(e.problems.len(), 1);
    let p = &e.problems[0];
    assert_eq!(p.at, Location::line("p.toml", 3));
    let PlanProblemKind::UnknownKey { key, allowed } = &p.kind else {
        panic!("{p:?}")
    };
    assert_eq!(key, "`colour`"); // as serde names it
    assert!(allowed.contains("timezone"), "{allowed}");
    assert!(e
        .to_string()
        .starts_with("p.toml:3: unknown key `colour`; the keys allowed here are "));
    // As a command's error, the same text.
    assert_eq!(Error::from(e.clone()).to_string(), e.to_string());
}

#[test]
fn a_missing_plan_is_a_plan_problem() {
    let e = krock::plan::load(Path::new("no-such-plan.toml")).unwrap_err();
    assert_eq!(
        e.problems[0].kind,
        PlanProblemKind::Unreadable {
            reason: "no such file or directory".into()
        }
    );
    assert_eq!(
        e.to_string(),
        "no-such-plan.toml: cannot read the plan: no such file or directory; check the path"
    );
}

#[test]
fn flag_errors_say_which_flag_and_value() {
    let e = Error::flag(
        "--pick",
        Some("4".into()),
        FlagProblem::PickBeyond { count: 1 },
    );
    assert_eq!(
        e.to_string(),
        "--pick 4: only 1 distinct plan meet every rule; pick 1 to 1"
    );
    let e = Error::flag(
        "--pick",
        Some("4".into()),
        FlagProblem::PickBeyond { count: 3 },
    );
    assert_eq!(
        e.to_string(),
        "--pick 4: only 3 distinct plans meet every rule; pick 1 to 3"
    );
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 4, d).unwrap();
    let mut plan = krock::plan::load(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("calendars/familjen-helsingborg.toml"),
    )
    .unwrap();
    let e = krock::today::override_window(&mut plan, Some(day(10)), Some(day(10))).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::BadFlag {
            flag: "--to".into(),
            value: Some("2026-04-10".into()),
            problem: FlagProblem::WindowEmptyInclusive {
                from: "2026-04-10".into(),
                to: "2026-04-09".into()
            }
        }
    );
    assert_eq!(e.to_string(), "the window 2026-04-10 – 2026-04-09 is empty (--to 2026-04-10 is exclusive: the last day is the one before it); give a --to after --from");
}

#[test]
fn context_keeps_the_error_below_it() {
    let e = load(Path::new("gone.ics"), &opts());
    let named = e.clone().context(krock::diag::Context::NamedIn {
        line: Some(7),
        plan: "plan.toml".into(),
    });
    assert_eq!(named.root(), &e);
    assert_eq!(named.to_string(), format!("{e}\n  (named in plan.toml:7)"));
}
