//! The real binary in a pseudo-terminal: what a facilitator's terminal sees and what lands on disk.
//!
//! ratatui moves the cursor over blanks instead of writing them, so screen text is matched a
//! word at a time, and only text that newly appears (unchanged cells are not rewritten).

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{drain, send_slowly, wait_exit, wait_for_file};
use expectrl::Expect;
use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::session::OsSession as Session;

const RIGHT: &str = "\x1b[C";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        Env { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn pack() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/pty-demo.yaml")
    }

    fn command(&self, args: &[&str]) -> Command {
        common::command(self.dir.path(), &Env::pack(), args)
    }

    fn spawn(&self, args: &[&str]) -> Session {
        common::spawn(self.command(args))
    }
}

#[test]
fn create_tick_move_and_quit() {
    let env = Env::new();
    let mut s = env.spawn(&[
        "review",
        "w.review.toml",
        "--workload",
        "Payments API",
        "--team",
        "Orion",
    ]);
    s.expect("Risk").unwrap();
    send_slowly(&mut s, &[" ", "2"]);
    s.expect("NONE").unwrap();
    send_slowly(&mut s, &[RIGHT, "1"]);
    s.expect("MEDIUM").unwrap();
    send_slowly(&mut s, &["q"]);
    assert_eq!(
        wait_exit(&mut s),
        WaitStatus::Exited(s.get_process().pid(), 0)
    );
    let text = std::fs::read_to_string(env.path("w.review.toml")).unwrap();
    let review: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(review["workload"].as_str(), Some("Payments API"));
    assert_eq!(review["position"].as_str(), Some("pty-demo/secrets"));
    let answers = review["answers"].as_table().unwrap();
    assert_eq!(
        answers["pty-demo/identities"]["selected"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        answers["pty-demo/secrets"]["selected"][0].as_str(),
        Some("vault")
    );
    assert!(
        !env.path("w.review.toml.lock").exists(),
        "the lock is released on quit"
    );
}

#[test]
fn kill_9_after_a_change_loses_nothing_and_the_stale_lock_is_taken_over() {
    let env = Env::new();
    let file = env.path("k.review.toml");
    let mut s = env.spawn(&["review", "k.review.toml", "--workload", "W"]);
    s.expect("Risk").unwrap();
    send_slowly(&mut s, &["2", "n"]);
    s.send("kept notes").unwrap();
    wait_for_file(&mut s, &file, "notes = \"kept notes\"");
    s.get_process_mut().kill(Signal::SIGKILL).unwrap();
    let _ = s.get_process().wait();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"mfa\""), "{text}");
    assert!(
        env.path("k.review.toml.lock").exists(),
        "a killed process leaves its lock"
    );

    let mut again = env.spawn(&["review", "k.review.toml"]);
    again.expect("kept").unwrap();
    send_slowly(&mut again, &["q"]);
    assert!(matches!(wait_exit(&mut again), WaitStatus::Exited(_, 0)));
}

#[test]
fn a_second_editor_is_refused_and_told_who_holds_the_review() {
    let env = Env::new();
    let mut first = env.spawn(&["review", "s.review.toml", "--workload", "W"]);
    first.expect("Risk").unwrap();
    let out = env.command(&["review", "s.review.toml"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("s.review.toml is being edited by") && stderr.contains("process"),
        "{stderr}"
    );
    send_slowly(&mut first, &["q"]);
    assert!(matches!(wait_exit(&mut first), WaitStatus::Exited(_, 0)));
}

#[test]
fn a_corrupt_review_is_reported_and_left_untouched() {
    let env = Env::new();
    let file = env.path("c.review.toml");
    let garbage = "format = 1\nworkload = \"W\"\ncreated = [oops\n";
    std::fs::write(&file, garbage).unwrap();
    let mut s = env.spawn(&["review", "c.review.toml"]);
    s.expect("c.review.toml:3:").unwrap();
    let status = wait_exit(&mut s);
    assert!(matches!(status, WaitStatus::Exited(_, 2)), "{status:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), garbage);
    assert!(!env.path("c.review.toml.lock").exists());
}

#[test]
fn tiny_and_changing_sizes_do_not_crash() {
    let env = Env::new();
    let mut s = env.spawn(&["review", "t.review.toml", "--workload", "W"]);
    s.expect("Risk").unwrap();
    s.get_process_mut().set_window_size(30, 10).unwrap();
    s.expect("bigger").unwrap();
    for (w, h) in [(1, 1), (2, 40), (200, 2), (59, 16), (60, 16)] {
        s.get_process_mut().set_window_size(w, h).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        drain(&mut s);
        assert!(s.get_process().is_alive().unwrap(), "died at {w}x{h}");
    }
    s.get_process_mut().set_window_size(100, 30).unwrap();
    // Wait for the redraw at the new size before typing: crossterm 0.29 can hold back a key that
    // arrives in the same instant as a resize until the next key (its edge-triggered poll returns
    // the resize and drops the keyboard's readiness), which no person can hit but a test can.
    s.expect("Risk").unwrap();
    s.send(" ").unwrap();
    s.expect("MEDIUM").unwrap();
    send_slowly(&mut s, &["q"]);
    assert!(matches!(wait_exit(&mut s), WaitStatus::Exited(_, 0)));
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    let env = Env::new();
    let file = env.path("g.review.toml");
    let mut s = env.spawn(&["review", "g.review.toml", "--workload", "W"]);
    s.expect("Risk").unwrap();
    send_slowly(&mut s, &[RIGHT, "f", "\r"]);
    wait_for_file(&mut s, &file, "flagged = true");
    s.get_process_mut().signal(Signal::SIGTERM).unwrap();
    // Leaving the alternate screen is the terminal being restored.
    s.expect("\x1b[?1049l").unwrap();
    assert!(matches!(wait_exit(&mut s), WaitStatus::Exited(_, 0)));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("position = \"pty-demo/secrets\""), "{text}");
    assert!(!env.path("g.review.toml.lock").exists());
}

#[test]
fn the_start_screen_creates_a_review() {
    let env = Env::new();
    let mut s = env.spawn(&[]);
    s.expect("Workload").unwrap();
    // Only changed cells are redrawn, so the file name that follows the typing is checked on disk.
    send_slowly(&mut s, &["Checkout"]);
    // Down past team, facilitator, participants and description to the environment.
    send_slowly(&mut s, &["\x1b[B"; 5]);
    send_slowly(&mut s, &["production"]);
    // Down past architecture, review owner, minutes per pillar, file and the eight packs (seven
    // built-in and the fixture, which alone is ticked because it came with --pack), to Start.
    send_slowly(&mut s, &["\x1b[B"; 13]);
    send_slowly(&mut s, &["\r"]);
    s.expect("Risk").unwrap();
    send_slowly(&mut s, &["q"]);
    assert!(matches!(wait_exit(&mut s), WaitStatus::Exited(_, 0)));
    let text = std::fs::read_to_string(env.path("checkout.review.toml")).unwrap();
    assert!(
        text.contains("workload = \"Checkout\"") && text.contains("id = \"pty-demo\""),
        "{text}"
    );
    assert!(
        text.starts_with("format = 2\n") && text.contains("environment = \"production\"\n"),
        "{text}"
    );
    let recent = std::fs::read_to_string(env.path("data/recent.toml")).unwrap();
    assert!(recent.contains("Checkout"), "{recent}");
}

#[test]
fn a_changed_pack_is_reported_once_and_then_recorded() {
    let env = Env::new();
    let file = env.path("p.review.toml");
    let mut s = env.spawn(&["review", "p.review.toml", "--workload", "W"]);
    s.expect("Risk").unwrap();
    send_slowly(&mut s, &["q"]);
    assert!(matches!(wait_exit(&mut s), WaitStatus::Exited(_, 0)));
    let text = std::fs::read_to_string(&file).unwrap();
    let old_digest = text
        .lines()
        .find(|l| l.starts_with("digest"))
        .unwrap()
        .to_string();
    std::fs::write(&file, text.replace(&old_digest, "digest = \"sha256:0000\"")).unwrap();

    let mut s = env.spawn(&["review", "p.review.toml"]);
    s.expect("changed since the review").unwrap();
    send_slowly(&mut s, &[" ", "q"]);
    assert!(matches!(wait_exit(&mut s), WaitStatus::Exited(_, 0)));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(&old_digest),
        "the current digest is recorded:\n{text}"
    );
    let out = env.command(&["score", "p.review.toml"]).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("changed"),
        "reported once"
    );
}

#[test]
fn a_large_paste_into_the_notes_is_saved_whole() {
    let env = Env::new();
    let file = env.path("n.review.toml");
    let mut s = env.spawn(&["review", "n.review.toml", "--workload", "W"]);
    s.expect("Risk").unwrap();
    send_slowly(&mut s, &["n"]);
    let pasted: String = (0..150).map(|i| format!("w{i} ")).collect();
    s.send(&pasted).unwrap();
    s.send("END").unwrap();
    let text = wait_for_file(&mut s, &file, "END\"");
    assert!(text.contains(&format!("notes = \"{pasted}END\"")), "{text}");
    s.get_process_mut().signal(Signal::SIGTERM).unwrap();
    assert!(matches!(wait_exit(&mut s), WaitStatus::Exited(_, 0)));
}

#[test]
fn sigint_from_outside_saves_restores_the_terminal_and_releases_the_lock() {
    let env = Env::new();
    let file = env.path("i.review.toml");
    let mut s = env.spawn(&["review", "i.review.toml", "--workload", "W"]);
    s.expect("Risk").unwrap();
    send_slowly(&mut s, &[" "]);
    wait_for_file(&mut s, &file, "selected");
    s.get_process_mut().signal(Signal::SIGINT).unwrap();
    s.expect("\x1b[?1049l").unwrap();
    let status = wait_exit(&mut s);
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    assert!(
        !env.path("i.review.toml.lock").exists(),
        "the lock is released"
    );
    assert!(std::fs::read_to_string(&file).unwrap().contains("selected"));
}

#[test]
fn a_bracketed_paste_is_saved_whole_before_a_hangup_and_esc_still_works() {
    let env = Env::new();
    let file = env.path("p.review.toml");
    let mut s = env.spawn(&["review", "p.review.toml", "--workload", "W"]);
    s.expect("Risk").unwrap();
    send_slowly(&mut s, &["n"]);
    let pasted: String = (0..700).map(|i| format!("w{i:03} ")).collect();
    assert!(pasted.len() > 3000);
    s.send(format!("\x1b[200~{pasted}\x1b[201~")).unwrap();
    // Esc right after the paste leaves the notes: the q that follows quits instead of being typed.
    send_slowly(&mut s, &["\x1b", "q"]);
    let status = wait_exit(&mut s);
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(&format!("notes = \"{}\"", pasted.trim_end())) || text.contains(&pasted),
        "{text}"
    );

    // A hangup right after a paste: the paste is on disk whole.
    let mut s = env.spawn(&["review", "p.review.toml"]);
    s.expect("Risk").unwrap();
    send_slowly(&mut s, &[RIGHT, "n"]);
    let second: String = (0..700).map(|i| format!("h{i:03} ")).collect();
    s.send(format!("\x1b[200~{second}\x1b[201~")).unwrap();
    wait_for_file(&mut s, &file, "h699");
    s.get_process_mut().signal(Signal::SIGHUP).unwrap();
    assert!(matches!(wait_exit(&mut s), WaitStatus::Exited(_, 0)));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(&second), "{text}");
}

#[test]
fn register_keys_accept_own_confirm_and_mark_a_practice_not_applicable() {
    let env = Env::new();
    let file = env.path("r.review.toml");
    let mut s = env.spawn(&["review", "r.review.toml", "--workload", "W"]);
    s.expect("Risk").unwrap();
    // None of these: a high risk; r accepts it (owner, the offered day, a reason).
    send_slowly(&mut s, &["0", "r"]);
    s.expect("Owner").unwrap();
    send_slowly(&mut s, &["Ana", "\t", "\t", "IdP first", "\r"]);
    s.expect("accepted").unwrap();
    let text = wait_for_file(&mut s, &file, "owner = \"Ana\"");
    assert!(
        text.contains("risk = \"high\"\nreason = \"IdP first\""),
        "{text}"
    );
    // o names the item's owner; c confirms the answer.
    send_slowly(&mut s, &["o"]);
    s.expect("owns").unwrap();
    send_slowly(&mut s, &["Ben", "\r"]);
    wait_for_file(&mut s, &file, "owner = \"Ben\"");
    send_slowly(&mut s, &["c"]);
    wait_for_file(&mut s, &file, "confirmed = ");
    // On the next question, A marks the highlighted practice not applicable.
    send_slowly(&mut s, &[RIGHT, "A"]);
    s.expect("scope").unwrap();
    send_slowly(&mut s, &["\x1b[B", "no code of ours", "\r"]);
    let text = wait_for_file(&mut s, &file, "not_applicable.vault]");
    assert!(
        text.contains("reason = \"business-priorities\"\nnote = \"no code of ours\""),
        "{text}"
    );
    send_slowly(&mut s, &["q"]);
    assert!(matches!(wait_exit(&mut s), WaitStatus::Exited(_, 0)));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("format = 2\n"), "{text}");
}
