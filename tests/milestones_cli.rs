//! `milestone`, `milestones`, `diff FILE@NAME`, `trend` and `check --below-target` driven through
//! the real binary, on copies of the fixture reviews in a temporary folder (milestones are written
//! beside the review) with the fixture pack `tests/fixtures/packs/backlog-demo.yaml`.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const DEMO: &str = "tests/fixtures/packs/backlog-demo.yaml";
const PAYMENTS: &str = "tests/fixtures/reviews/payments.review.toml";
const PAYMENTS_Q3: &str = "tests/fixtures/reviews/payments-q3.review.toml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the repository root with no user config or packs.
fn scorps() -> Command {
    let mut cmd = Command::cargo_bin("scorps").unwrap();
    cmd.current_dir(root())
        .env(
            "SCORPS_CONFIG_DIR",
            root().join("tests/fixtures/no-such-dir"),
        )
        .env("SCORPS_DATA_DIR", root().join("tests/fixtures/no-such-dir"))
        .env("SCORPS_AS_OF", "2026-12-01")
        .env("NO_COLOR", "1");
    cmd
}

/// Runs with the demo pack; returns stdout, stderr and the exit code.
fn run(args: &[&str]) -> (String, String, i32) {
    run_with(scorps(), args)
}

fn run_with(mut cmd: Command, args: &[&str]) -> (String, String, i32) {
    let out = cmd.arg("--pack").arg(DEMO).args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// A review that evolved: it was `payments-q3` on 2026-08-14 (milestone `2026-q3`) and is now
/// `payments` (milestone `2026-q4` taken on 2026-11-26). Returns the folder and the review's path.
fn evolved() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("payments.review.toml");
    std::fs::copy(root().join(PAYMENTS_Q3), &review).unwrap();
    let file = review.display().to_string();
    let (stdout, stderr, code) = run(&["milestone", &file, "2026-q3", "--date", "2026-08-14"]);
    assert_eq!((stdout.as_str(), code), ("", 0), "{stderr}");
    assert_eq!(
        stderr.replace(&dir.path().display().to_string(), "[DIR]"),
        "milestone `2026-q3` of [DIR]/payments.review.toml: overall 37.5, completion 67%; saved in [DIR]/payments.milestones.toml\n"
    );
    std::fs::copy(root().join(PAYMENTS), &review).unwrap();
    let (_, stderr, code) = run(&[
        "milestone",
        &file,
        "2026-q4",
        "--date",
        "2026-11-26T12:00:00Z",
    ]);
    assert_eq!(code, 0, "{stderr}");
    (dir, review)
}

fn hide(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "[DIR]")
}

#[test]
fn milestones_are_listed_oldest_first() {
    let (dir, review) = evolved();
    let file = review.display().to_string();
    let (stdout, stderr, code) = run(&["milestones", &file]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    insta::assert_snapshot!("milestones_text", hide(&stdout, dir.path()));
    let (stdout, _, code) = run(&["milestones", &file, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let names: Vec<&str> = v["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["2026-q3", "2026-q4"]);
    assert_eq!(v["milestones"][0]["overall"], 37.5);
    assert_eq!(v["milestones"][1]["date"], "2026-11-26T12:00:00Z");
    assert_eq!(v["milestones"][1]["packs"][0]["version"], "1.0.0");
    let text = std::fs::read_to_string(dir.path().join("payments.milestones.toml")).unwrap();
    assert!(
        text.starts_with("# Milestones of a review, written by `scorps milestone`"),
        "{text}"
    );
    assert!(
        text.contains("[milestone.answers.\"backlog-demo/secrets\"]"),
        "{text}"
    );
}

#[test]
fn a_duplicate_name_and_a_bad_name_are_refused() {
    let (dir, review) = evolved();
    let file = review.display().to_string();
    let before = std::fs::read(dir.path().join("payments.milestones.toml")).unwrap();
    let (stdout, stderr, code) = run(&["milestone", &file, "2026-q3"]);
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert_eq!(
        hide(&stderr, dir.path()),
        "error: [DIR]/payments.milestones.toml already has a milestone named `2026-q3` (taken 2026-08-14)\n  help: pick another name; `scorps milestones [DIR]/payments.review.toml` lists them\n"
    );
    let (_, stderr, code) = run(&["milestone", &file, "q3@home"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: milestone name `q3@home`: `@` cannot be in a milestone name; use letters, digits, `.`, `_` and `-` (e.g. 2026-q3)\n"
    );
    let (_, stderr, code) = run(&["milestone", &file, "q5", "--date", "last week"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: --date `last week`: expected a date such as 2026-08-14 or 2026-08-14T09:00:00Z\n"
    );
    assert_eq!(
        std::fs::read(dir.path().join("payments.milestones.toml")).unwrap(),
        before,
        "nothing written"
    );
}

#[test]
fn a_milestone_diffs_like_the_review_it_froze() {
    let (dir, review) = evolved();
    let file = review.display().to_string();
    let (expected, _, _) = run(&["diff", PAYMENTS_Q3, PAYMENTS]);
    let at = |name: &str| format!("{file}@{name}");
    for (old, new) in [
        (at("2026-q3"), file.clone()),
        (at("2026-q3"), at("2026-q4")),
    ] {
        let (stdout, stderr, code) = run(&["diff", &old, &new]);
        assert_eq!((stderr.as_str(), code), ("", 0), "{old} {new}");
        assert_eq!(
            stdout, expected,
            "frozen answers give the same diff: {old} {new}"
        );
    }
    let (stdout, stderr, code) = run(&["diff", &at("2026-q4"), &file, "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["overall"]["change"], 0.0);

    let (_, stderr, code) = run(&["diff", &at("2025-q1"), &file]);
    assert_eq!(code, 2);
    assert_eq!(
        hide(&stderr, dir.path()),
        "error: [DIR]/payments.review.toml@2025-q1: no milestone named `2025-q1` in [DIR]/payments.milestones.toml (it has 2026-q3, 2026-q4)\n  help: `scorps milestones [DIR]/payments.review.toml` lists them\n"
    );
    let (_, stderr, code) = run(&["diff", &format!("{PAYMENTS}@q3"), PAYMENTS]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        format!(
            "error: {PAYMENTS}@q3: no milestone named `q3` in tests/fixtures/reviews/payments.milestones.toml (it has none)\n  help: `scorps milestones {PAYMENTS}` lists them\n"
        )
    );
}

#[test]
fn a_path_with_an_at_sign_that_exists_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("team@2026.review.toml");
    std::fs::copy(root().join(PAYMENTS), &odd).unwrap();
    let file = odd.display().to_string();
    let (stdout, stderr, code) = run(&["diff", PAYMENTS, &file]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    assert!(stdout.contains("Unchanged: 6 questions."), "{stdout}");
    let (_, stderr, code) = run(&["diff", &format!("{}/nope@x", dir.path().display()), &file]);
    assert_eq!(code, 2);
    assert!(
        hide(&stderr, dir.path()).starts_with("error: cannot read [DIR]/nope: No such file"),
        "{stderr}"
    );
}

#[test]
fn trend_across_milestones_with_targets() {
    let (dir, review) = evolved();
    let file = review.display().to_string();
    let mut text = std::fs::read_to_string(&review).unwrap();
    text.push_str("\n[targets]\nsecurity = 80\nreliability = 50\n");
    std::fs::write(&review, text).unwrap();
    let (stdout, stderr, code) = run(&["trend", &file]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    insta::assert_snapshot!("trend_text", stdout);
    let (md, _, _) = run(&["trend", &file, "--format", "md"]);
    insta::assert_snapshot!("trend_md", md);
    let (json, _, _) = run(&["trend", &file, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = v["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["2026-q3", "2026-q4", "now"]);
    assert_eq!(v["pillars"][0]["target"], 80.0);
    drop(dir);
}

#[test]
fn trend_without_milestones_says_how_to_take_one() {
    let (stdout, stderr, code) = run(&["trend", PAYMENTS]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("Payments API: 0 milestones and now\n"),
        "{stdout}"
    );
    assert_eq!(
        stderr,
        format!(
            "note: {PAYMENTS} has no milestones yet; `scorps milestone {PAYMENTS} NAME` takes one\n"
        )
    );
}

/// A copy of the payments review with a `[targets]` table.
fn with_targets(dir: &Path, targets: &str) -> String {
    let review = dir.join("payments.review.toml");
    let mut text = std::fs::read_to_string(root().join(PAYMENTS)).unwrap();
    text.push_str(&format!("\n[targets]\n{targets}"));
    std::fs::write(&review, text).unwrap();
    review.display().to_string()
}

#[test]
fn check_below_target_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    // Security and reliability both score 50.0.
    let file = with_targets(dir.path(), "security = 50\nreliability = 60\n");
    let (stdout, _, code) = run(&["check", &file, "--below-target"]);
    assert_eq!(code, 1);
    assert_eq!(
        hide(&stdout, dir.path()),
        "failed: [DIR]/payments.review.toml: Reliability scores 50.0, below its target of 60 (set in the review)\n"
    );
    let file = with_targets(dir.path(), "security = 50\n");
    let (stdout, stderr, code) = run(&["check", &file, "--below-target", "--max-high", "1"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        hide(&stdout, dir.path()),
        "ok: [DIR]/payments.review.toml: 1 high-risk (at most 1), 2 medium-risk, 1 unanswered, every pillar at or above its target\n"
    );
    // The config's targets apply where the review sets none; the review's win.
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("config.toml"),
        "[targets]\nsecurity = 90\nreliability = 40\ncost = 70\n",
    )
    .unwrap();
    let mut cmd = scorps();
    cmd.env("SCORPS_CONFIG_DIR", config.path());
    let (stdout, stderr, code) = run_with(cmd, &["check", PAYMENTS, "--below-target"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "failed: {PAYMENTS}: Security scores 50.0, below its target of 90 (set in config.toml)\n"
        )
    );
    assert_eq!(
        stderr,
        format!(
            "note: {PAYMENTS}: the target for `cost` names no pillar of this review; it is not checked\n"
        )
    );
}

#[test]
fn check_below_target_bad_input_exits_2() {
    let (stdout, stderr, code) = run(&["check", PAYMENTS, "--below-target"]);
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert_eq!(
        stderr,
        format!(
            "error: {PAYMENTS}: --below-target, but no target is set\n  help: add a [targets] table (e.g. security = 80) to the review or to config.toml\n"
        )
    );
    let dir = tempfile::tempdir().unwrap();
    let file = with_targets(dir.path(), "security = 120\n");
    let (_, stderr, code) = run(&["check", &file, "--below-target"]);
    assert_eq!(code, 2);
    assert_eq!(
        hide(&stderr, dir.path()),
        "error: [DIR]/payments.review.toml: targets.security = 120: a target is a score from 0 to 100\n  help: e.g. security = 80\n"
    );
    let file = with_targets(dir.path(), "security = \"high\"\n");
    let (_, stderr, code) = run(&["check", &file, "--below-target"]);
    assert_eq!(code, 2);
    assert!(
        hide(&stderr, dir.path()).starts_with(
            "error: [DIR]/payments.review.toml:53:12: invalid type: string \"high\", expected f64"
        ),
        "{stderr}"
    );
}

#[test]
fn a_pillar_with_no_score_misses_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("q.review.toml");
    let text = std::fs::read_to_string(root().join(PAYMENTS)).unwrap();
    // Leave only the security answers: reliability has nothing answered.
    let security: String = text
        .split("\n[answers.")
        .filter(|part| {
            !part.contains("backlog-demo/backups")
                && !part.contains("backlog-demo/alerts")
                && !part.contains("backlog-demo/capacity")
        })
        .collect::<Vec<_>>()
        .join("\n[answers.");
    std::fs::write(
        &review,
        format!("{security}\n[targets]\nreliability = 10\n"),
    )
    .unwrap();
    let (stdout, _, code) = run(&["check", &review.display().to_string(), "--below-target"]);
    assert_eq!(code, 1);
    assert!(
        stdout.ends_with("Reliability has no score (no question answered), below its target of 10 (set in the review)\n"),
        "{stdout}"
    );
}
