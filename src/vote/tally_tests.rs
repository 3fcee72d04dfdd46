//! Agreement, majority and risk spread on crafted votes.

use std::collections::BTreeMap;

use super::*;
use crate::pack::{Pack, Source as PackSource, load_str};

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
          - { id: short, title: Short-lived, improve: x }
          - { id: none, title: None of these, none: true }
        risk:
          - none: sso && mfa && short
          - medium: sso && mfa
          - default: high
      - id: plain
        title: No none choice?
        choices:
          - { id: a, title: A, improve: x }
          - { id: b, title: B, improve: x }
"#;

fn pack() -> Pack {
    load_str("t.yaml", PACK, PackSource::Builtin("t.yaml")).unwrap()
}

fn q<'a>(pack: &'a Pack, id: &str) -> &'a Question {
    pack.question(id).unwrap().1
}

fn casts(votes: &[(&str, &[&str])]) -> BTreeMap<String, Cast> {
    votes
        .iter()
        .enumerate()
        .map(|(i, (voter, ids))| {
            (
                voter.to_string(),
                Cast {
                    selected: ids.iter().map(ToString::to_string).collect(),
                    updated: Timestamp(i as i64),
                    source: Source::Own,
                },
            )
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn order() -> Vec<String> {
    ["Cleo", "Ana", "Ben"].map(String::from).to_vec()
}

#[test]
fn unanimous_votes_agree_fully_and_give_their_answer() {
    let p = pack();
    let c = casts(&[("Ana", &["sso", "mfa"]), ("Ben", &["mfa", "sso"])]);
    let t = tally("t/identities", q(&p, "identities"), &c, &order()).unwrap();
    assert!(close(t.agreement, 1.0));
    assert_eq!(t.spread(), 0);
    assert_eq!(t.agreed, ["sso", "mfa"], "the pack's order");
    assert_eq!(t.agreed_risk, Some(Risk::Medium));
    assert!(!t.disagrees());
    assert!(t.splits.iter().all(|s| !s.widest));
}

#[test]
fn three_voters_split_two_to_one_on_two_practices() {
    let p = pack();
    let c = casts(&[
        ("Ana", &["sso", "mfa"]),
        ("Ben", &["sso"]),
        ("Cleo", &["none"]),
    ]);
    let t = tally("t/identities", q(&p, "identities"), &c, &order()).unwrap();
    let names: Vec<&str> = t.voters.iter().map(|v| v.voter.as_str()).collect();
    assert_eq!(names, ["Cleo", "Ana", "Ben"], "the review's order");
    // sso 2 of 3, mfa 1 of 3 (2 on the larger side), short 0 of 3 (all agree).
    assert!(close(t.splits[0].agreement, 2.0 / 3.0));
    assert!(close(t.splits[1].agreement, 2.0 / 3.0));
    assert!(close(t.splits[2].agreement, 1.0));
    assert!(close(t.agreement, 7.0 / 9.0));
    assert_eq!(t.splits[0].ticked_by, [1, 2], "Ana and Ben");
    assert_eq!(t.splits[3].ticked_by, [0], "Cleo chose none");
    let widest: Vec<bool> = t.splits.iter().map(|s| s.widest).collect();
    assert_eq!(widest, [true, true, false, false]);
    assert_eq!(t.agreed, ["sso"]);
    assert_eq!(t.agreed_risk, Some(Risk::High));
    let risks: Vec<Option<Risk>> = t.voters.iter().map(|v| v.risk).collect();
    assert_eq!(
        risks,
        [Some(Risk::High), Some(Risk::Medium), Some(Risk::High)]
    );
    assert_eq!(
        (t.low, t.high, t.spread()),
        (Some(Risk::Medium), Some(Risk::High), 1)
    );
    assert!(t.disagrees());
}

#[test]
fn a_tie_is_not_ticked() {
    let p = pack();
    let c = casts(&[("Ana", &["sso", "mfa"]), ("Ben", &["sso"])]);
    let t = tally("t/identities", q(&p, "identities"), &c, &order()).unwrap();
    assert!(t.splits[1].tie && !t.splits[1].agreed);
    assert!(close(t.splits[1].agreement, 0.5));
    assert_eq!(t.agreed, ["sso"]);
    assert!(t.splits[1].widest && !t.splits[0].widest);
}

#[test]
fn with_no_practice_agreed_the_answer_is_none_of_these_when_there_is_one() {
    let p = pack();
    let c = casts(&[("Ana", &["sso"]), ("Ben", &["mfa"]), ("Cleo", &["none"])]);
    let t = tally("t/identities", q(&p, "identities"), &c, &order()).unwrap();
    assert_eq!(t.agreed, ["none"]);
    assert!(t.splits[3].agreed, "the none row says so");
    assert_eq!(t.agreed_risk, Some(Risk::High));

    let c = casts(&[("Ana", &["a"]), ("Ben", &["b"])]);
    let t = tally("t/plain", q(&p, "plain"), &c, &order()).unwrap();
    assert!(t.agreed.is_empty(), "{:?}", t.agreed);
    assert_eq!(t.agreed_risk, None);
}

#[test]
fn risks_from_none_to_high_are_two_steps_apart() {
    let p = pack();
    let c = casts(&[("Ana", &["sso", "mfa", "short"]), ("Ben", &["none"])]);
    let t = tally("t/identities", q(&p, "identities"), &c, &order()).unwrap();
    assert_eq!(
        (t.low, t.high, t.spread()),
        (Some(Risk::None), Some(Risk::High), 2)
    );
    assert_eq!(risk_range(&t), "none to high");
    assert_eq!(percent(t.agreement), "50%");
}

#[test]
fn none_of_these_ticked_with_a_practice_counts_as_the_practice() {
    let p = pack();
    let c = casts(&[("Ana", &["sso", "none"]), ("Ben", &["sso"])]);
    let t = tally("t/identities", q(&p, "identities"), &c, &order()).unwrap();
    assert!(t.splits[3].ticked_by.is_empty());
    assert!(close(t.agreement, 1.0));
}

#[test]
fn empty_votes_are_no_votes() {
    let p = pack();
    let c = casts(&[("Ana", &[])]);
    assert!(tally("t/identities", q(&p, "identities"), &c, &order()).is_none());
}

#[test]
fn voters_the_review_does_not_list_go_last_by_name() {
    let p = pack();
    let c = casts(&[("Zoe", &["a"]), ("Ana", &["a"]), ("Yan", &["a"])]);
    let t = tally("t/plain", q(&p, "plain"), &c, &order()).unwrap();
    let names: Vec<&str> = t.voters.iter().map(|v| v.voter.as_str()).collect();
    assert_eq!(names, ["Ana", "Yan", "Zoe"]);
}

#[test]
fn disagreement_ranks_risk_spread_before_agreement() {
    let p = pack();
    let id = q(&p, "identities");
    // Agreement 5/6, but the risks differ (none and medium).
    let wide = tally(
        "wide",
        id,
        &casts(&[("Ana", &["sso", "mfa", "short"]), ("Ben", &["sso", "mfa"])]),
        &order(),
    )
    .unwrap();
    // Agreement 1/2 on everything but the same risk.
    let split = tally(
        "split",
        q(&p, "plain"),
        &casts(&[("Ana", &["a"]), ("Ben", &["b"])]),
        &order(),
    )
    .unwrap();
    let same = tally(
        "same",
        id,
        &casts(&[("Ana", &["sso"]), ("Ben", &["sso"])]),
        &order(),
    )
    .unwrap();
    let ranked: Vec<&str> = widest([&split, &same, &wide])
        .iter()
        .map(|t| t.key.as_str())
        .collect();
    assert_eq!(ranked, ["wide", "split"], "no disagreement, not listed");
}
