//! `scorps votes`, `scorps vote` outside a terminal, `review --participant` and the exports'
//! notes of disagreement, driven through the real binary on a copy of the fixture review
//! `tests/fixtures/reviews/payments.review.toml` with the votes of `tests/fixtures/votes/`.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const DEMO: &str = "tests/fixtures/packs/backlog-demo.yaml";
const PAYMENTS: &str = "tests/fixtures/reviews/payments.review.toml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scorps() -> Command {
    let mut cmd = Command::cargo_bin("scorps").unwrap();
    cmd.current_dir(root())
        .env(
            "SCORPS_CONFIG_DIR",
            root().join("tests/fixtures/no-such-dir"),
        )
        .env("SCORPS_DATA_DIR", root().join("tests/fixtures/no-such-dir"))
        .env("NO_COLOR", "1");
    cmd
}

/// Runs with the demo pack; stdout, stderr (the temporary folder shown as `[DIR]`) and the code.
fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = scorps()
        .arg("--pack")
        .arg(DEMO)
        .args(args)
        .output()
        .unwrap();
    let hide = |b: Vec<u8>| {
        String::from_utf8(b)
            .unwrap()
            .replace(&dir.display().to_string(), "[DIR]")
    };
    (
        hide(out.stdout),
        hide(out.stderr),
        out.status.code().unwrap_or(-1),
    )
}

/// A copy of the payments review with the given vote fixtures in its votes folder, each
/// installed under a name: `(fixture, name)`.
fn review_with(votes: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("payments.review.toml");
    std::fs::copy(root().join(PAYMENTS), &review).unwrap();
    if !votes.is_empty() {
        std::fs::create_dir(dir.path().join("payments.votes")).unwrap();
    }
    for (fixture, name) in votes {
        std::fs::copy(
            root().join("tests/fixtures/votes").join(fixture),
            dir.path().join("payments.votes").join(name),
        )
        .unwrap();
    }
    (dir, review)
}

const GOOD: &[(&str, &str)] = &[
    ("ana.toml", "ana.toml"),
    ("ben.toml", "ben.toml"),
    ("_room.toml", "_room.toml"),
];

/// Every file under `dir` with its bytes, to show nothing was changed.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(contents(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn votes_print_the_trail_as_text_markdown_and_json() {
    let (dir, review) = review_with(GOOD);
    let file = review.display().to_string();
    for (format, name) in [
        ("text", "votes_text"),
        ("md", "votes_md"),
        ("json", "votes_json"),
    ] {
        let (stdout, stderr, code) = run(dir.path(), &["votes", &file, "--format", format]);
        assert_eq!((stderr.as_str(), code), ("", 0));
        insta::assert_snapshot!(name, stdout);
    }
    let (stdout, _, _) = run(dir.path(), &["votes", &file, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        v["widest"],
        serde_json::json!(["backlog-demo/backups", "backlog-demo/secrets"]),
        "equal spreads: the lower agreement first"
    );
    let access = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["key"] == "backlog-demo/access")
        .unwrap();
    assert_eq!(access["agreement"], 1.0, "Ben's later room vote counts");
    assert_eq!(access["votes"][1]["source"], "room");
}

#[test]
fn with_no_votes_yet_it_says_how_to_vote() {
    let (dir, review) = review_with(&[]);
    let (stdout, stderr, code) = run(dir.path(), &["votes", &review.display().to_string()]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    assert_eq!(
        stdout,
        "Votes on Payments API: no votes yet\nParticipants vote with `scorps vote FILE --as NAME`, or in a round on the facilitator's screen (v).\n"
    );
}

/// Each bad vote file, the name it is installed under, and the message that names it.
const BAD: &[(&str, &str, &str)] = &[
    (
        "other-review.toml",
        "ana.toml",
        "[DIR]/payments.votes/ana.toml:2:12: these votes are on the review of `Billing` created 2026-11-26T10:00:00Z, not on this one (`Payments API`, created 2026-11-26T10:00:00Z)\n  help: move the file to that review's votes folder, or delete it",
    ),
    (
        "unknown-voter.toml",
        "zed.toml",
        "[DIR]/payments.votes/zed.toml:4:9: `Zed` is not a voter of this review; its voters are: Ana, Ben, Sam\n  help: the facilitator adds a participant with `scorps review REVIEW --participant NAME`",
    ),
    (
        "room-unknown-voter.toml",
        "_room.toml",
        "[DIR]/payments.votes/_room.toml:5:31: `Zed` is not a voter of this review; its voters are: Ana, Ben, Sam\n  help: the facilitator adds a participant with `scorps review REVIEW --participant NAME`",
    ),
    (
        "wrong-file.toml",
        "ana.toml",
        "[DIR]/payments.votes/ana.toml:4:9: the votes of `Ben` belong in ben.toml, not in this file\n  help: rename the file to ben.toml, or delete it and vote again",
    ),
    (
        "corrupt.toml",
        "ana.toml",
        "[DIR]/payments.votes/ana.toml:7:20: unclosed array, expected `]`\n  help: the vote file is left untouched and its votes left out; fix it by hand, restore it from git, or delete it and vote again",
    ),
    (
        "newer.toml",
        "ana.toml",
        "[DIR]/payments.votes/ana.toml: vote file format 2 is newer than this scorps reads (1)\n  help: upgrade scorps",
    ),
];

#[test]
fn a_bad_vote_file_is_named_and_nothing_is_changed() {
    for (fixture, name, message) in BAD {
        let mut votes: Vec<(&str, &str)> =
            GOOD.iter().filter(|(_, n)| n != name).copied().collect();
        let fixture = format!("bad/{fixture}");
        votes.push((&fixture, name));
        let (dir, review) = review_with(&votes);
        let before = contents(dir.path());
        let (stdout, stderr, code) = run(dir.path(), &["votes", &review.display().to_string()]);
        assert_eq!((stdout.as_str(), code), ("", 2), "{fixture}: {stderr}");
        assert_eq!(
            stderr,
            format!(
                "error: 1 vote file cannot be read; the review and the other vote files are untouched:\n{message}\n"
            ),
            "{fixture}"
        );
        assert_eq!(contents(dir.path()), before, "{fixture}");
    }
}

#[test]
fn every_bad_fixture_has_its_expected_message() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/votes/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = BAD.iter().map(|(f, _, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

#[test]
fn an_oversized_vote_file_is_refused_unread() {
    let (dir, review) = review_with(GOOD);
    let big = dir.path().join("payments.votes/ben.toml");
    std::fs::write(&big, "#".repeat(1024 * 1024 + 1)).unwrap();
    let (_, stderr, code) = run(dir.path(), &["votes", &review.display().to_string()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("[DIR]/payments.votes/ben.toml: the file is larger than 1024 KiB, so it is not a vote file; it is left out\n  help: move it out of the votes folder"),
        "{stderr}"
    );
}

#[test]
fn votes_on_removed_questions_and_choices_are_noted_and_left_out() {
    let (dir, review) = review_with(&[("orphans.toml", "ana.toml")]);
    let before = contents(dir.path());
    let (stdout, stderr, code) = run(dir.path(), &["votes", &review.display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "note: [DIR]/payments.votes/ana.toml:6:8: a vote on `backlog-demo/removed-question`, a question none of the review's packs has (removed from the pack?); kept in the file and left out\nnote: [DIR]/payments.votes/ana.toml:10:8: `retired-practice` is not a choice of `backlog-demo/secrets`; left out of Ana's vote\n"
    );
    assert!(
        stdout.contains("backlog-demo/secrets · How are secrets stored"),
        "{stdout}"
    );
    assert_eq!(contents(dir.path()), before);
}

#[test]
fn vote_refuses_an_unknown_name_with_the_known_ones() {
    let (dir, review) = review_with(&[]);
    let file = review.display().to_string();
    let (_, stderr, code) = run(dir.path(), &["vote", &file, "--as", "Zed"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: [DIR]/payments.review.toml: `Zed` is not a voter of this review; its voters are: Ana, Ben, Sam\n  help: vote under one of those names; the facilitator adds a participant with `scorps review [DIR]/payments.review.toml --participant NAME`\n"
    );
    assert!(!dir.path().join("payments.votes").exists());
}

#[test]
fn vote_outside_a_terminal_leaves_nothing_behind() {
    let (dir, review) = review_with(&[]);
    let before = contents(dir.path());
    let file = review.display().to_string();
    let (_, stderr, code) = run(dir.path(), &["vote", &file, "--as", "ana"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: voting needs a terminal; `scorps votes [DIR]/payments.review.toml` prints the votes\n"
    );
    assert_eq!(contents(dir.path()), before);
    assert!(!dir.path().join("payments.votes").exists());
}

#[test]
fn vote_refuses_a_corrupt_own_file_and_leaves_it() {
    let (dir, review) = review_with(&[("bad/corrupt.toml", "ana.toml")]);
    let before = contents(dir.path());
    let (_, stderr, code) = run(
        dir.path(),
        &["vote", &review.display().to_string(), "--as", "Ana"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: [DIR]/payments.votes/ana.toml:7:20: unclosed array"),
        "{stderr}"
    );
    assert_eq!(contents(dir.path()), before);
}

#[test]
fn vote_narrows_to_flagged_questions_and_says_when_none_is() {
    let (dir, review) = review_with(&[]);
    let file = review.display().to_string();
    let (_, stderr, code) = run(
        dir.path(),
        &[
            "vote",
            &file,
            "--as",
            "Ana",
            "--flagged",
            "--questions",
            "backlog-demo/secrets,backlog-demo/backups",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: --flagged: none of the --questions is flagged in the review\n  help: drop --flagged to vote on them\n"
    );
    let (_, stderr, code) = run(
        dir.path(),
        &[
            "vote",
            &file,
            "--as",
            "Ana",
            "--questions",
            "backlog-demo/nope",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no question `backlog-demo/nope`"),
        "{stderr}"
    );
    let (_, stderr, code) = run(
        dir.path(),
        &[
            "vote",
            &file,
            "--as",
            "Ana",
            "--pillar",
            "reliability",
            "--questions",
            "backlog-demo/secrets",
        ],
    );
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: nothing to vote on"), "{stderr}");
}

#[test]
fn review_with_participant_adds_a_voter_to_an_existing_review() {
    let (dir, review) = review_with(&[]);
    let file = review.display().to_string();
    // The review screen remembers recent reviews: in the temporary folder, not the fixtures.
    let out = scorps()
        .env("SCORPS_DATA_DIR", dir.path().join("data"))
        .args(["--pack", DEMO, "review", &file, "--participant", "Cleo"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr)
        .unwrap()
        .replace(&dir.path().display().to_string(), "[DIR]");
    assert!(
        stderr.starts_with("[DIR]/payments.review.toml: added participant Cleo\n"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&review).unwrap();
    assert!(
        text.contains("participants = [\n    \"Ana\",\n    \"Ben\",\n    \"Cleo\",\n]")
            || text.contains("participants = [\"Ana\", \"Ben\", \"Cleo\"]"),
        "{text}"
    );
    let (_, stderr, _) = run(dir.path(), &["vote", &file, "--as", "cleo"]);
    assert!(
        stderr.contains("voting needs a terminal"),
        "Cleo may vote now: {stderr}"
    );
}

#[test]
fn exports_note_where_the_squad_disagreed() {
    let (dir, review) = review_with(GOOD);
    let file = review.display().to_string();
    let (md, stderr, code) = run(dir.path(), &["export", &file]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    assert!(md.contains("## Where the squad disagreed\n"), "{md}");
    assert!(
        md.contains("| `backlog-demo/secrets` How are secrets stored and rotated? | 3 | 78% | medium to high | `vault` |"),
        "{md}"
    );
    assert!(
        md.contains("**Votes differed:** 3 voters, agreement 78%, risks medium to high"),
        "{md}"
    );
    assert!(
        !md.contains("backlog-demo/access` Who can"),
        "the squad agreed on access"
    );
    let (json, _, _) = run(dir.path(), &["export", &file, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["disagreements"][1]["id"], "backlog-demo/secrets");
    let (csv, _, _) = run(dir.path(), &["export", &file, "--format", "csv"]);
    let row = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "backlog-demo/secrets")
        .unwrap();
    assert!(row[6].ends_with(",disagreed"), "{:?}", &row[6]);
    assert!(
        row[5].contains("Votes differed: 3 voters, agreement 78%"),
        "{:?}",
        &row[5]
    );

    // A bad vote file does not stop an export: it is named and left out.
    std::fs::copy(
        root().join("tests/fixtures/votes/bad/corrupt.toml"),
        dir.path().join("payments.votes/ana.toml"),
    )
    .unwrap();
    let (_, stderr, code) = run(dir.path(), &["export", &file]);
    assert_eq!(code, 0);
    assert!(
        stderr.starts_with(
            "note: left out of the votes: [DIR]/payments.votes/ana.toml:7:20: unclosed array"
        ),
        "{stderr}"
    );
}
