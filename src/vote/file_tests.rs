//! Vote files: the round trip, every kind of bad file with its message, and reading a folder.

use super::*;
use crate::pack::{Source as PackSource, load_str};
use crate::vote::folder::{read_all, stamp};

const PACK: &str = r#"schema: 1
id: t
name: T
version: 1.0.0
pillars:
  - id: security
    name: Security
    questions:
      - id: identities
        title: Identities?
        choices:
          - { id: sso, title: SSO, improve: x }
          - { id: mfa, title: MFA, improve: x }
          - { id: none, title: None of these, none: true }
"#;

fn packs() -> Vec<Pack> {
    vec![load_str("t.yaml", PACK, PackSource::Builtin("t.yaml")).unwrap()]
}

fn review() -> Review {
    let mut r = Review::new(
        "Payments API",
        "",
        "Sam",
        vec!["Ana".into(), "Ben".into()],
        &[],
    );
    r.created = Timestamp(1_795_687_200);
    r
}

fn file(voter: &str, votes: &[(&str, &[&str], i64)]) -> VoterFile {
    VoterFile {
        voter: voter.into(),
        position: None,
        votes: votes
            .iter()
            .map(|(k, ids, t)| {
                let vote = Vote {
                    selected: ids.iter().map(ToString::to_string).collect(),
                    updated: Timestamp(*t),
                };
                (k.to_string(), vote)
            })
            .collect(),
    }
}

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn review(&self) -> PathBuf {
        self.dir.path().join("payments.review.toml")
    }
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = dir_for(&self.review()).join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

#[test]
fn paths_sit_beside_the_review() {
    let r = Path::new("reviews/payments.review.toml");
    assert_eq!(dir_for(r), Path::new("reviews/payments.votes"));
    assert_eq!(
        voter_path(r, "Ana María"),
        Path::new("reviews/payments.votes/ana-maría.toml")
    );
    assert_eq!(room_path(r), Path::new("reviews/payments.votes/_room.toml"));
}

#[test]
fn a_voter_file_round_trips_and_reads_like_the_docs() {
    let d = Dir::new();
    let path = voter_path(&d.review(), "Ana");
    let mut f = file("Ana", &[("t/identities", &["sso", "mfa"], 1_795_688_000)]);
    f.position = Some("t/identities".into());
    save_voter(&path, &review(), &f).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    insta::assert_snapshot!(text);
    assert_eq!(load_voter(&path, &review()).unwrap(), Some(f));
    assert_eq!(
        load_voter(&d.review().with_file_name("none.toml"), &review()),
        Ok(None)
    );
}

#[test]
fn a_room_file_round_trips() {
    let d = Dir::new();
    let path = room_path(&d.review());
    let mut votes: BTreeMap<String, BTreeMap<String, Vote>> = BTreeMap::new();
    for (voter, ids) in [("Ana", vec!["sso"]), ("Sam", vec!["none"])] {
        votes.entry("t/identities".into()).or_default().insert(
            voter.into(),
            Vote {
                selected: ids.into_iter().map(String::from).collect(),
                updated: Timestamp(1_795_688_000),
            },
        );
    }
    save_room(&path, &review(), &votes).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("[votes.\"t/identities\".Ana]"), "{text}");
    assert_eq!(load_room(&path, &review()).unwrap(), votes);
}

/// The error of a file that cannot be used, as people read it.
fn error(d: &Dir, name: &str, text: &str) -> String {
    let path = d.write(name, text);
    let err = load_voter(&path, &review()).unwrap_err().to_string();
    err.replace(&d.dir.path().display().to_string(), "DIR")
}

const HEAD: &str =
    "format = 1\nworkload = \"Payments API\"\nreview_created = 2026-11-26T10:00:00Z\n";

#[test]
fn a_file_of_another_review_is_named_with_both_reviews() {
    let d = Dir::new();
    let text = "format = 1\nworkload = \"Billing\"\nreview_created = 2026-11-26T10:00:00Z\nvoter = \"Ana\"\n";
    assert_eq!(
        error(&d, "ana.toml", text),
        "DIR/payments.votes/ana.toml:2:12: these votes are on the review of `Billing` created 2026-11-26T10:00:00Z, not on this one (`Payments API`, created 2026-11-26T10:00:00Z)\n  help: move the file to that review's votes folder, or delete it"
    );
    let text = "format = 1\nworkload = \"Payments API\"\nreview_created = 2025-01-01T00:00:00Z\nvoter = \"Ana\"\n";
    assert!(
        error(&d, "ana.toml", text).starts_with("DIR/payments.votes/ana.toml:3:18: these votes are on the review of `Payments API` created 2025-01-01T00:00:00Z")
    );
}

#[test]
fn an_unknown_voter_is_named_with_the_known_ones() {
    let d = Dir::new();
    let text = format!("{HEAD}voter = \"Zed\\u001b[2J\"\n");
    assert_eq!(
        error(&d, "zed.toml", &text),
        "DIR/payments.votes/zed.toml:4:9: `Zed` is not a voter of this review; its voters are: Ana, Ben, Sam\n  help: the facilitator adds a participant with `scorps review REVIEW --participant NAME`"
    );
}

#[test]
fn votes_in_another_voters_file_are_refused() {
    let d = Dir::new();
    let text = format!("{HEAD}voter = \"ben\"\n");
    assert_eq!(
        error(&d, "ana.toml", &text),
        "DIR/payments.votes/ana.toml:4:9: the votes of `Ben` belong in ben.toml, not in this file\n  help: rename the file to ben.toml, or delete it and vote again"
    );
}

#[test]
fn a_hostile_file_name_reaches_no_terminal() {
    let d = Dir::new();
    let text = format!("{HEAD}voter = \"Ana\"\n");
    let err = error(&d, "\u{1b}]0;owned\u{7}ana.toml", &text);
    assert!(
        err.starts_with("DIR/payments.votes/ana.toml:4:9: the votes of `Ana` belong in ana.toml"),
        "{err}"
    );
}

#[test]
fn corrupt_newer_and_oversized_files_are_named() {
    let d = Dir::new();
    let err = error(
        &d,
        "ana.toml",
        &format!("{HEAD}voter = \"Ana\"\n[votes.\"t/identities\"]\nselected = [\"sso\"\n"),
    );
    assert!(
        err.starts_with("DIR/payments.votes/ana.toml:6:18: unclosed array"),
        "{err}"
    );
    assert!(
        err.contains("left untouched and its votes left out"),
        "{err}"
    );
    let err = error(
        &d,
        "ana.toml",
        &format!("{HEAD}voter = \"Ana\"\nextra = 1\n"),
    );
    assert!(
        err.starts_with("DIR/payments.votes/ana.toml:5:1: unknown field `extra`"),
        "{err}"
    );
    assert_eq!(
        error(&d, "ana.toml", "format = 2\nanything = \"new\"\n"),
        "DIR/payments.votes/ana.toml: vote file format 2 is newer than this scorps reads (1)\n  help: upgrade scorps"
    );
    let big = format!(
        "{HEAD}voter = \"Ana\"\n#{}\n",
        "x".repeat(MAX_BYTES as usize)
    );
    assert_eq!(
        error(&d, "ana.toml", &big),
        "DIR/payments.votes/ana.toml: the file is larger than 1024 KiB, so it is not a vote file; it is left out\n  help: move it out of the votes folder"
    );
    let path = d.write("ana.toml", "");
    std::fs::write(&path, [0xff, 0xfe]).unwrap();
    let err = load_voter(&path, &review()).unwrap_err().to_string();
    assert!(err.ends_with("ana.toml:1:1: it is not UTF-8 text (byte 1 is not)\n  help: the vote file is left untouched and its votes left out; fix it by hand, restore it from git, or delete it and vote again"), "{err}");
}

#[test]
fn a_folder_is_read_whole_bad_files_named_and_the_latest_vote_counts() {
    let d = Dir::new();
    let r = review();
    save_voter(
        &voter_path(&d.review(), "Ana"),
        &r,
        &file(
            "Ana",
            &[
                ("t/identities", &["sso", "nope"], 10),
                ("t/removed", &["x"], 10),
            ],
        ),
    )
    .unwrap();
    save_voter(
        &voter_path(&d.review(), "Ben"),
        &r,
        &file("Ben", &[("t/identities", &["mfa"], 30)]),
    )
    .unwrap();
    let mut room: BTreeMap<String, BTreeMap<String, Vote>> = BTreeMap::new();
    room.entry("t/identities".into()).or_default().extend([
        (
            "Ana".to_string(),
            file("Ana", &[("k", &["none"], 20)]).votes["k"].clone(),
        ),
        (
            "Ben".to_string(),
            file("Ben", &[("k", &["sso"], 20)]).votes["k"].clone(),
        ),
    ]);
    save_room(&room_path(&d.review()), &r, &room).unwrap();
    d.write("cleo.toml", "not toml at all [");
    d.write(".ana.toml.123.tmp", "ignored");
    d.write("ana.toml.lock", "ignored");
    d.write("README.md", "ignored");

    let votes = read_all(&d.review(), &r, &packs());
    let on = &votes.by_question["t/identities"];
    assert_eq!(
        on["Ana"].selected,
        ["none"],
        "the room's vote is later than Ana's file"
    );
    assert_eq!(on["Ana"].source, Source::Room);
    assert_eq!(
        on["Ben"].selected,
        ["mfa"],
        "Ben's file is later than the room"
    );
    assert!(!votes.by_question.contains_key("t/removed"));
    let notes: Vec<String> = votes
        .notes
        .iter()
        .map(|n| n.replace(&d.dir.path().display().to_string(), "DIR"))
        .collect();
    assert_eq!(
        notes,
        [
            "DIR/payments.votes/ana.toml:7:8: `nope` is not a choice of `t/identities`; left out of Ana's vote",
            "DIR/payments.votes/ana.toml:14:8: a vote on `t/removed`, a question none of the review's packs has (removed from the pack?); kept in the file and left out",
        ]
    );
    assert_eq!(votes.errors.len(), 1, "{:?}", votes.errors);
    assert!(
        votes.errors[0].to_string().contains("cleo.toml:1:"),
        "{}",
        votes.errors[0]
    );
}

#[test]
fn the_stamp_changes_when_a_vote_file_does() {
    let d = Dir::new();
    let before = stamp(&d.review());
    assert_eq!(before, stamp(&d.review()));
    save_voter(
        &voter_path(&d.review(), "Ana"),
        &review(),
        &file("Ana", &[("t/identities", &["sso"], 1)]),
    )
    .unwrap();
    let one = stamp(&d.review());
    assert_ne!(before, one);
    save_voter(
        &voter_path(&d.review(), "Ana"),
        &review(),
        &file("Ana", &[("t/identities", &["sso", "mfa"], 2)]),
    )
    .unwrap();
    assert_ne!(one, stamp(&d.review()), "the size differs");
}
