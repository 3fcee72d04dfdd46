//! Crash safety as a property: the real TUI, driven in a pseudo-terminal through a random script
//! of ticks, notes, flags and moves, is killed with SIGKILL at random moments, again and again,
//! each time reopening the same review (so the stale lock is taken over every time).
//!
//! After every kill the file must parse, and must equal the state after some prefix of the keys
//! sent that includes every change already confirmed saved: nothing half-written, nothing saved
//! ever lost, nothing reordered. The script comes from a seeded generator (a small LCG), so a
//! failure names its seed and reproduces with `SCORPS_CRASH_SEED=<seed>`.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::Expect;
use expectrl::process::unix::Signal;
use expectrl::session::OsSession as Session;

/// The pty-demo pack's questions and their choices, in order; the third is "None of these".
const QUESTIONS: [(&str, [&str; 3]); 3] = [
    ("pty-demo/identities", ["sso", "mfa", "none"]),
    ("pty-demo/secrets", ["vault", "scanning", "none"]),
    ("pty-demo/backups", ["automated", "restore-tested", "none"]),
];

/// What the file says about one question: selected choices, flag, the words of the notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Q {
    selected: BTreeSet<String>,
    flagged: bool,
    notes: BTreeSet<String>,
}

type Model = BTreeMap<&'static str, Q>;

/// A tiny LCG (Knuth's MMIX constants): enough to vary scripts, and stable across platforms.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

enum Action {
    Toggle(usize),
    Flag,
    Move(bool),
    Note(String),
}

fn apply(model: &mut Model, at: usize, action: &Action) -> usize {
    let (key, choices) = QUESTIONS[at];
    let q = model.entry(key).or_default();
    match action {
        Action::Toggle(i) => {
            let id = choices[*i].to_string();
            if !q.selected.remove(&id) {
                if *i == 2 {
                    q.selected.clear();
                } else {
                    q.selected.remove("none");
                }
                q.selected.insert(id);
            }
        }
        Action::Flag => q.flagged = !q.flagged,
        Action::Note(word) => {
            q.notes.insert(word.clone());
        }
        Action::Move(right) => return if *right { at + 1 } else { at - 1 },
    }
    at
}

/// The model as the file holds it; `None` while the file does not parse.
fn on_disk(path: &Path) -> Option<Model> {
    let review = scorps::review::store::load(path).ok()?;
    let mut model = Model::new();
    for (key, _) in QUESTIONS {
        let q = review.answers.get(key).map_or_else(Q::default, |a| Q {
            selected: a.selected.iter().cloned().collect(),
            flagged: a.flagged,
            notes: a.notes.split_whitespace().map(String::from).collect(),
        });
        model.insert(key, q);
    }
    Some(model)
}

fn normalised(model: &Model) -> Model {
    QUESTIONS
        .iter()
        .map(|(key, _)| (*key, model.get(key).cloned().unwrap_or_default()))
        .collect()
}

fn spawn(dir: &Path, args: &[&str]) -> Session {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_scorps"));
    cmd.arg("--pack")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/pty-demo.yaml"))
        .args(args)
        .current_dir(dir)
        .env("SCORPS_DATA_DIR", dir.join("data"))
        .env("SCORPS_CONFIG_DIR", dir.join("config"))
        .env("TERM", "xterm-256color");
    let mut s = expectrl::Session::spawn(cmd).expect("spawn scorps in a pty");
    s.get_process_mut().set_window_size(100, 30).unwrap();
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    s
}

fn drain(s: &mut Session) {
    let mut buf = [0u8; 8192];
    while let Ok(n) = s.try_read(&mut buf) {
        if n == 0 {
            break;
        }
    }
}

/// Sends an action's keys; `flagged` is whether the current question is flagged before it.
fn send(s: &mut Session, action: &Action, flagged: bool) {
    let pause = |ms| std::thread::sleep(Duration::from_millis(ms));
    match action {
        Action::Toggle(i) => s.send((i + 1).to_string()).unwrap(),
        // Flagging asks for a reason (enter leaves it empty); unflagging does not.
        Action::Flag if flagged => s.send("f").unwrap(),
        Action::Flag => {
            s.send("f").unwrap();
            pause(40);
            s.send("\r").unwrap();
        }
        Action::Move(true) => s.send("\x1b[C").unwrap(),
        Action::Move(false) => s.send("\x1b[D").unwrap(),
        Action::Note(word) => {
            s.send("n").unwrap();
            pause(40);
            s.send(format!(" {word} ")).unwrap();
            pause(40);
            s.send("\x1b").unwrap();
            // A lone ESC must not merge with the next key into alt+key.
            pause(120);
        }
    }
    pause(15);
}

fn script(rng: &mut Lcg, at: &mut usize, n: usize, words: &mut u32) -> Vec<Action> {
    (0..n)
        .map(|_| {
            let action = match rng.below(8) {
                0..=3 => Action::Toggle(rng.below(3) as usize),
                4 => Action::Flag,
                5 => {
                    *words += 1;
                    Action::Note(format!("w{words}"))
                }
                _ if *at == 0 => Action::Move(true),
                _ if *at == 2 => Action::Move(false),
                _ => Action::Move(rng.below(2) == 0),
            };
            if let Action::Move(right) = action {
                *at = if right { *at + 1 } else { *at - 1 };
            }
            action
        })
        .collect()
}

#[test]
fn sigkill_at_random_moments_never_loses_a_saved_change() {
    let seed: u64 = std::env::var("SCORPS_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_126);
    let mut rng = Lcg(seed);
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("k.review.toml");
    let mut model = Model::new();
    let mut at = 0;
    let mut words = 0;
    for trial in 0..25 {
        let ctx = format!("seed {seed}, trial {trial}");
        let mut s = if trial == 0 {
            spawn(dir.path(), &["review", "k.review.toml", "--workload", "W"])
        } else {
            spawn(dir.path(), &["review", "k.review.toml"])
        };
        s.expect("Risk").unwrap();
        // A reopened review opens where it was left.
        let start = at;
        let n = 3 + rng.below(8) as usize;
        let mut actions = script(&mut rng, &mut at, n, &mut words);
        // Confirm the first `confirmed` actions saved one by one, then send the rest and kill
        // after a random pause, which may land in the middle of handling a key or of a save.
        // (Half a word of notes is a state no action leads to, so the unconfirmed rest flags.)
        let confirmed = rng.below(actions.len() as u64 + 1) as usize;
        for action in &mut actions[confirmed..] {
            if matches!(action, Action::Note(_)) {
                *action = Action::Flag;
            }
        }
        let mut states = vec![normalised(&model)];
        let mut pos = start;
        let mut flagged = Vec::new();
        for action in &actions {
            flagged.push(model.get(QUESTIONS[pos].0).is_some_and(|q| q.flagged));
            pos = apply(&mut model, pos, action);
            states.push(normalised(&model));
        }
        for (i, action) in actions.iter().enumerate() {
            send(&mut s, action, flagged[i]);
            if i < confirmed {
                let deadline = Instant::now() + Duration::from_secs(30);
                while on_disk(&file).as_ref() != Some(&states[i + 1]) {
                    drain(&mut s);
                    assert!(
                        Instant::now() < deadline,
                        "{ctx}: action {i} never saved; want {:?}, file:\n{}",
                        states[i + 1],
                        std::fs::read_to_string(&file).unwrap_or_default()
                    );
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
        }
        std::thread::sleep(Duration::from_millis(rng.below(40)));
        s.get_process_mut().kill(Signal::SIGKILL).unwrap();
        let _ = s.get_process().wait();
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let found =
            on_disk(&file).unwrap_or_else(|| panic!("{ctx}: the file does not parse:\n{text}"));
        states[confirmed..]
            .iter()
            .position(|st| *st == found)
            .unwrap_or_else(|| {
                panic!("{ctx}: the file is no state at or after the {confirmed} confirmed actions:\n{text}\nstates: {states:?}")
            });
        // Carry on from what the file holds: the keys after it were lost with the process. The
        // review reopens at the position saved with the last change (or the first question when
        // nothing was saved: every question is still unanswered then).
        model = found;
        at = position_in(&file).unwrap_or(0);
    }
    let mut s = spawn(dir.path(), &["review", "k.review.toml"]);
    s.expect("Risk").unwrap();
    s.send("q").unwrap();
    drain(&mut s);
    let _ = s.get_process().wait();
    assert_eq!(
        on_disk(&file).map(|m| normalised(&m)),
        Some(normalised(&model))
    );
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["data", "k.review.toml"],
        "no lock or temporary file of a killed process is left"
    );
}

/// The question the file says the session was on, as an index into [`QUESTIONS`].
fn position_in(path: &Path) -> Option<usize> {
    let review = scorps::review::store::load(path).ok()?;
    let position = review.position?;
    QUESTIONS.iter().position(|(key, _)| *key == position)
}
