//! A ballot walks like a review; the agreed answer goes into the review by the rules.

use super::*;
use crate::pack::{Source, load_str};

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
      - id: secrets
        title: Secrets?
        choices:
          - { id: vault, title: Vault, improve: x }
          - { id: none, title: None of these, none: true }
  - id: reliability
    name: Reliability
    questions:
      - id: backups
        title: Backups?
        choices:
          - { id: auto, title: Automated, improve: x }
          - { id: none, title: None of these, none: true }
"#;

fn pack() -> Pack {
    load_str("t.yaml", PACK, Source::Builtin("t.yaml")).unwrap()
}

fn review() -> Review {
    let mut r = Review::new("W", "", "Sam", vec!["Ana".into()], &[&pack()]);
    r.answers.insert(
        "t/secrets".into(),
        Answer {
            state: State::Answered,
            selected: vec!["vault".into()],
            notes: "the squad's notes".into(),
            flagged: true,
            ..Answer::default()
        },
    );
    r
}

fn vote(ids: &[&str]) -> Vote {
    Vote {
        selected: ids.iter().map(ToString::to_string).collect(),
        updated: Timestamp(7),
    }
}

#[test]
fn a_ballot_holds_only_the_voters_ticks_and_gives_them_back() {
    let mut votes = BTreeMap::new();
    votes.insert("t/identities".to_string(), vote(&["mfa"]));
    votes.insert("t/gone".to_string(), vote(&["x"]));
    let file = VoterFile {
        voter: "Ana".into(),
        position: Some("t/identities".into()),
        votes: votes.clone(),
    };
    let ballot = as_review(&review(), &file);
    assert!(!ballot.answers.contains_key("t/secrets"), "not the squad's");
    assert_eq!(ballot.position.as_deref(), Some("t/identities"));
    assert_eq!(ballot.workload, "W");
    assert_eq!(
        votes_of(&ballot),
        votes,
        "a vote on a removed question is kept"
    );
}

#[test]
fn a_ballot_walk_keeps_none_of_these_exclusive() {
    let file = VoterFile {
        voter: "Ana".into(),
        position: None,
        votes: BTreeMap::new(),
    };
    let mut s = Session::new(as_review(&review(), &file), vec![pack()], Filter::default()).unwrap();
    s.apply(Edit::Toggle(0), Timestamp(9));
    s.apply(Edit::Toggle(2), Timestamp(9));
    let votes = votes_of(s.review());
    assert_eq!(votes["t/identities"].selected, ["none"]);
    assert_eq!(votes["t/identities"].updated, Timestamp(9));
    s.apply(Edit::Toggle(2), Timestamp(10));
    assert!(votes_of(s.review()).is_empty(), "nothing ticked is no vote");
}

#[test]
fn flagged_means_the_questions_flagged_in_the_review() {
    let r = review();
    let f = filter(&r, &[pack()], vec![], true, vec![]).unwrap();
    assert_eq!(f.questions, ["t/secrets"]);
    assert!(!f.flagged);
    let err = filter(&r, &[pack()], vec![], true, vec!["t/backups".into()]).unwrap_err();
    assert!(
        err.starts_with("--flagged: none of the --questions is flagged"),
        "{err}"
    );
    let mut unflagged = r.clone();
    unflagged.answers.clear();
    let err = filter(&unflagged, &[pack()], vec![], true, vec![]).unwrap_err();
    assert!(
        err.starts_with("--flagged: no question of the review is flagged"),
        "{err}"
    );
    let err = filter(&r, &[pack()], vec![], false, vec!["t/nope".into()]).unwrap_err();
    assert!(err.contains("no question `t/nope`"), "{err}");
}

fn session_at(r: Review, key: &str) -> Session {
    let mut r = r;
    r.position = Some(key.into());
    Session::new(r, vec![pack()], Filter::default()).unwrap()
}

#[test]
fn taking_the_agreed_answer_replaces_the_selection_by_the_rules() {
    let mut s = session_at(review(), "t/identities");
    assert_eq!(
        take(&mut s, &["sso".into(), "mfa".into()], Timestamp(5)),
        Ok(true)
    );
    assert_eq!(s.current_answer().unwrap().selected, ["sso", "mfa"]);
    assert_eq!(take(&mut s, &["none".into()], Timestamp(6)), Ok(true));
    assert_eq!(s.current_answer().unwrap().selected, ["none"]);
    assert_eq!(take(&mut s, &["mfa".into()], Timestamp(7)), Ok(true));
    assert_eq!(s.current_answer().unwrap().selected, ["mfa"]);
    assert_eq!(take(&mut s, &["mfa".into()], Timestamp(8)), Ok(false));
    assert_eq!(
        s.review().updated,
        Timestamp(7),
        "nothing to change, nothing stamped"
    );
    assert_eq!(take(&mut s, &[], Timestamp(9)), Err(Refusal::NoSuchChoice));
}

#[test]
fn taking_an_answer_makes_a_not_applicable_question_apply_and_keeps_its_notes() {
    let mut r = review();
    let a = r.answers.get_mut("t/secrets").unwrap();
    a.state = State::NotApplicable;
    a.reason = "no secrets".into();
    let mut s = session_at(r, "t/secrets");
    assert_eq!(take(&mut s, &["vault".into()], Timestamp(5)), Ok(true));
    let a = s.current_answer().unwrap();
    assert_eq!(
        (a.state, a.selected.as_slice()),
        (State::Answered, &["vault".to_string()][..])
    );
    assert_eq!(a.notes, "the squad's notes");
    assert!(a.reason.is_empty());
}
