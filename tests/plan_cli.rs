//! Plan files as a user meets them: every validation error through the binary, with the
//! exact message (file, line, what to do), exit status 2 and nothing on stdout.
//! The expected messages are the ones listed in `tests/fixtures/plans/README.md`.

use assert_cmd::Command;

fn expected_messages(name: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/plans/README.md"
    ))
    .unwrap();
    let prefix = format!("    tests/fixtures/plans/{name}:");
    readme
        .lines()
        .filter(|l| l.starts_with(&prefix))
        .map(|l| l.trim_start().to_string())
        .collect()
}

fn bad_plans() -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/plans"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("bad-") && n.ends_with(".toml"))
            .collect();
    v.sort();
    v
}

#[test]
fn every_bad_plan_gives_its_messages_and_exit_2() {
    let plans = bad_plans();
    assert!(plans.len() >= 18, "{plans:?}");
    for name in plans {
        let want = expected_messages(&name);
        assert!(
            !want.is_empty(),
            "{name} has no expected message in the README"
        );
        for cmd in ["check", "propose"] {
            let out = Command::cargo_bin("krock")
                .unwrap()
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args([cmd, "--plan", &format!("tests/fixtures/plans/{name}")])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{cmd} {name}");
            assert!(out.stdout.is_empty(), "{cmd} {name}: output on stdout");
            let err = String::from_utf8(out.stderr).unwrap();
            let got: Vec<String> = err
                .lines()
                .map(|l| l.strip_prefix("error: ").unwrap_or(l).to_string())
                .collect();
            assert_eq!(got, want, "{cmd} {name}");
        }
    }
}

#[test]
fn validation_messages_snapshot() {
    let mut all = String::new();
    for name in bad_plans() {
        let out = Command::cargo_bin("krock")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["check", "--plan", &format!("tests/fixtures/plans/{name}")])
            .output()
            .unwrap();
        all.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    insta::assert_snapshot!(all);
}

#[test]
fn a_missing_plan_file_is_named() {
    let out = Command::cargo_bin("krock")
        .unwrap()
        .args(["propose", "--plan", "no/such/plan.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no/such/plan.toml") && err.contains("check the path"),
        "{err}"
    );
}

#[test]
fn the_minimal_plan_reads() {
    let out = Command::cargo_bin("krock")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--plan", "tests/fixtures/plans/minimal.toml"])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
