//! `scorps review` outside a terminal: every failure is reported before the screen is taken.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;
use predicates::str::contains;

fn scorps(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("scorps").unwrap();
    cmd.current_dir(dir)
        .env("SCORPS_DATA_DIR", dir.join("data"))
        .env("SCORPS_CONFIG_DIR", dir.join("config"))
        .env("SCORPS_AS_OF", "2026-12-01");
    cmd
}

const REVIEW: &str = "format = 1\nworkload = \"W\"\ncreated = 2026-11-26T10:00:00Z\nupdated = 2026-11-26T10:00:00Z\n\n[[packs]]\nid = \"payments-extra\"\nversion = \"2.0.0\"\ndigest = \"sha256:00\"\n";

#[test]
fn a_review_of_a_pack_that_is_not_loaded_says_how_to_load_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.review.toml"), REVIEW).unwrap();
    scorps(dir.path())
        .args(["review", "r.review.toml"])
        .assert()
        .code(2)
        .stderr(contains(
            "the review uses pack `payments-extra` 2.0.0, which is not loaded",
        ))
        .stderr(contains("--pack PATH"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("r.review.toml")).unwrap(),
        REVIEW
    );
    assert!(!dir.path().join("r.review.toml.lock").exists());
}

#[test]
fn without_a_terminal_no_file_is_created() {
    let dir = tempfile::tempdir().unwrap();
    scorps(dir.path())
        .args(["review", "new.review.toml", "--workload", "W"])
        .assert()
        .code(2)
        .stderr(contains("the review screen needs a terminal"));
    assert!(!dir.path().join("new.review.toml").exists());
}

#[test]
fn an_unknown_opt_in_pack_is_named() {
    let dir = tempfile::tempdir().unwrap();
    scorps(dir.path())
        .args(["review", "--with", "nope"])
        .assert()
        .code(2)
        .stderr(contains(
            "--with nope: no such pack; known packs: security, reliability",
        ));
}

#[test]
fn a_newer_review_format_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = REVIEW.replace("format = 1", "format = 7");
    std::fs::write(dir.path().join("r.review.toml"), &text).unwrap();
    scorps(dir.path())
        .args(["review", "r.review.toml"])
        .assert()
        .code(2)
        .stderr(contains("review format 7 is newer"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("r.review.toml")).unwrap(),
        text
    );
}

#[test]
fn an_unknown_pillar_exits_2_and_names_every_pillar() {
    let dir = tempfile::tempdir().unwrap();
    let text = REVIEW.replace("payments-extra", "security");
    std::fs::write(dir.path().join("r.review.toml"), &text).unwrap();
    scorps(dir.path())
        .args(["review", "r.review.toml", "--pillar", "nosuch"])
        .assert()
        .code(2)
        .stderr(contains(
            "--pillar nosuch: the review has no such pillar; its pillars are: security",
        ));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("r.review.toml")).unwrap(),
        text,
        "the review is left as it was"
    );
    assert!(!dir.path().join("r.review.toml.lock").exists());
    // A new review is checked against the packs it would start with, before anything is written.
    scorps(dir.path())
        .args(["review", "new.review.toml", "--pillar", "nosuch"])
        .assert()
        .code(2)
        .stderr(contains(
            "--pillar nosuch: the review has no such pillar; its pillars are: security, reliability, operational-excellence, performance, cost, sustainability",
        ));
    assert!(!dir.path().join("new.review.toml").exists());
}

#[test]
fn impossible_answers_are_named_when_a_review_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = REVIEW.replace("payments-extra", "security")
        + "\n[answers.\"security/identities\"]\nstate = \"answered\"\nselected = [\"central-idp\", \"none\", \"no-such-practice\"]\nupdated = 2026-11-26T10:00:00Z\n";
    std::fs::write(dir.path().join("r.review.toml"), &text).unwrap();
    scorps(dir.path())
        .args(["score", "r.review.toml"])
        .assert()
        .success()
        .stderr(contains(
            "r.review.toml: note: `answers.\"security/identities\"` selects \"None of these\" (`none`) together with `central-idp`",
        ))
        .stderr(contains("selects `no-such-practice`, which the question does not have"));
}

#[test]
fn an_error_says_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = scorps(dir.path())
        .args(["score", "/dev/zero"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text.matches("character device").count(),
        1,
        "the cause is said once:\n{text}"
    );
    assert!(text.starts_with("error: cannot read /dev/zero"), "{text}");
}
