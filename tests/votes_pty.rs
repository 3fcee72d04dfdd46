//! Votes through the real binary in pseudo-terminals: a voter's own walk, a round in the room
//! with three participants, and a vote arriving while the facilitator's reveal is open.
//!
//! ratatui moves the cursor over blanks instead of writing them, so screen text is matched a
//! word at a time (`Ana's` for "Ana's turn"), and only text that newly appears.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use common::{drain, root, send_slowly, wait_exit, wait_for_file};
use expectrl::Expect;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;

/// A folder with the payments review for three participants (Ana, Ben, Cleo; no facilitator),
/// open at the secrets question.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        let text =
            std::fs::read_to_string(root().join("tests/fixtures/reviews/payments.review.toml"))
                .unwrap()
                .replace("facilitator = \"Sam\"", "facilitator = \"\"")
                .replace(
                    "participants = [\"Ana\", \"Ben\"]",
                    "participants = [\"Ana\", \"Ben\", \"Cleo\"]",
                )
                // The review's own `updated`, not an answer's of the same time.
                .replacen(
                    "updated = 2026-11-26T11:02:13Z\n",
                    "updated = 2026-11-26T11:02:13Z\nposition = \"backlog-demo/secrets\"\n",
                    1,
                );
        assert!(
            text.contains("\"Cleo\"") && text.contains("position"),
            "{text}"
        );
        std::fs::write(dir.path().join("p.review.toml"), text).unwrap();
        Env { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, args: &[&str]) -> Command {
        common::command(
            self.dir.path(),
            &root().join("tests/fixtures/packs/backlog-demo.yaml"),
            args,
        )
    }

    fn spawn(&self, args: &[&str]) -> Session {
        common::spawn(self.command(args))
    }
}

fn settle(session: &mut Session) {
    std::thread::sleep(Duration::from_millis(300));
    drain(session);
}

fn exited_ok(session: &mut Session) {
    let status = wait_exit(session);
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}

#[test]
fn a_voter_votes_from_their_own_terminal_and_the_review_is_not_touched() {
    let env = Env::new();
    let review = env.path("p.review.toml");
    let before = std::fs::read(&review).unwrap();
    let mut s = env.spawn(&["vote", "p.review.toml", "--as", "ana"]);
    s.expect("Ana's vote").unwrap();
    assert!(
        !env.path("p.review.toml.lock").exists(),
        "a voter never takes the review's lock"
    );
    // Only Ana's ticks show: the squad's answer to secrets ("None of these") is not hers.
    send_slowly(&mut s, &["1", "2", "n"]);
    s.expect("facilitator's.").unwrap();
    let vote = env.path("p.votes/ana.toml");
    let text = wait_for_file(&mut s, &vote, "\"rotation\"");
    assert!(
        text.contains("voter = \"Ana\"") && text.contains("\"vault\""),
        "{text}"
    );
    // A second terminal of the same voter is refused while the first is open.
    let out = env
        .command(&["vote", "p.review.toml", "--as", "Ana"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("ana.toml is being edited by"), "{stderr}");
    send_slowly(&mut s, &["q"]);
    exited_ok(&mut s);
    assert_eq!(
        std::fs::read(&review).unwrap(),
        before,
        "the review is untouched"
    );
    assert!(!env.path("p.votes/ana.toml.lock").exists());
}

#[test]
fn a_round_in_the_room_with_three_participants() {
    let env = Env::new();
    let mut s = env.spawn(&["review", "p.review.toml"]);
    s.expect("Risk").unwrap();
    send_slowly(&mut s, &["v"]);
    s.expect("Ana's").unwrap();
    settle(&mut s);
    send_slowly(&mut s, &["1", "2", "\r"]);
    s.expect("Ben").unwrap();
    settle(&mut s);
    send_slowly(&mut s, &["1", "\r"]);
    s.expect("Cleo").unwrap();
    settle(&mut s);
    send_slowly(&mut s, &["0", "\r"]);
    s.expect("voters").unwrap();
    s.expect("agreed").unwrap();
    let room = wait_for_file(&mut s, &env.path("p.votes/_room.toml"), "Cleo]");
    for voter in ["Ana", "Ben", "Cleo"] {
        assert!(
            room.contains(&format!("[votes.\"backlog-demo/secrets\".{voter}]")),
            "{room}"
        );
    }
    // Enter takes the majority (vault, 2 of 3) into the review.
    send_slowly(&mut s, &["\r"]);
    s.expect("taken:").unwrap();
    let text = wait_for_file(&mut s, &env.path("p.review.toml"), "selected = [\"vault\"]");
    assert!(
        text.contains("[answers.\"backlog-demo/secrets\"]"),
        "{text}"
    );
    send_slowly(&mut s, &["q"]);
    exited_ok(&mut s);
    let out = env.command(&["votes", "p.review.toml"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("voters      Ana (room), Ben (room), Cleo (room)"),
        "{stdout}"
    );
}

#[test]
fn a_vote_written_while_the_facilitators_screen_is_open_appears_in_its_reveal() {
    let env = Env::new();
    let mut facilitator = env.spawn(&["review", "p.review.toml"]);
    facilitator.expect("Risk").unwrap();
    send_slowly(&mut facilitator, &["V"]);
    facilitator.expect("yet.").unwrap();

    let mut ben = env.spawn(&["vote", "p.review.toml", "--as", "Ben"]);
    ben.expect("Ben's vote").unwrap();
    send_slowly(&mut ben, &["3"]);
    wait_for_file(&mut ben, &env.path("p.votes/ben.toml"), "scanning");
    send_slowly(&mut ben, &["q"]);
    exited_ok(&mut ben);

    // The reveal looks at the folder once a second while it is up.
    facilitator.expect("agreement").unwrap();
    send_slowly(&mut facilitator, &["\x1b"]);
    std::thread::sleep(Duration::from_millis(200));
    send_slowly(&mut facilitator, &["q"]);
    exited_ok(&mut facilitator);
}
