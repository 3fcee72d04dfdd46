//! The register's rules at their edges: the last day of an acceptance and the first day after it,
//! the due day of an answer with and without `review_by`, instants written in other time zones.

use super::*;
use crate::pack::{Source, load_str};
use crate::review::store;

const PACK: &str = "schema: 1\nid: demo\nname: Demo\nversion: 1.0.0\npillars:
  - id: security
    name: Security
    questions:
      - id: identities
        title: Identities?
        choices:
          - { id: idp, title: One identity provider, improve: x }
          - { id: mfa, title: MFA everywhere, improve: x }
          - { id: none, title: None of these, none: true }
        risk:
          - none: idp && mfa
          - medium: idp || mfa
          - default: high
      - id: secrets
        title: Secrets?
        choices:
          - { id: vault, title: A secrets manager, improve: x }
          - { id: scan, title: Secret scanning, improve: x }
          - { id: none, title: None of these, none: true }
";

fn pack() -> Pack {
    load_str("demo.yaml", PACK, Source::Builtin("demo.yaml")).unwrap()
}

fn day(s: &str) -> Day {
    s.parse().unwrap()
}

/// A review file: a high risk on `identities` accepted until 2027-03-31 by Ana, and `secrets`
/// answered with one practice ticked and the other not applicable.
fn review(extra: &str) -> Review {
    let text = format!(
        r#"format = 2
workload = "W"
created = 2026-11-26T10:00:00Z
updated = 2026-11-26T10:00:00Z
{extra}
[answers."demo/identities"]
state = "answered"
selected = ["none"]
updated = 2026-11-26T10:00:00Z

[answers."demo/identities".accepted]
owner = "Ana"
until = 2027-03-31
risk = "high"
reason = "The IdP migration lands in April."
on = 2026-11-26T10:00:00Z

[answers."demo/secrets"]
state = "answered"
selected = ["vault"]
updated = 2026-11-26T10:00:00Z

[answers."demo/secrets".not_applicable.scan]
reason = "architecture-constraints"
note = "No repository of ours holds code."
"#
    );
    store::parse("r.review.toml", &text).unwrap()
}

fn register(r: &Review, as_of: &str) -> Register {
    Register::of(r, &[pack()], AsOf::new(day(as_of)))
}

#[test]
fn an_acceptance_holds_through_its_last_day_and_expires_the_day_after() {
    let r = review("");
    for (as_of, expected) in [
        ("2026-11-26", Standing::Holds),
        ("2027-03-30", Standing::Holds),
        ("2027-03-31", Standing::Holds),
        ("2027-04-01", Standing::Expired),
        ("2028-01-01", Standing::Expired),
    ] {
        let reg = register(&r, as_of);
        assert_eq!(reg.accepted[0].standing, expected, "as of {as_of}");
        assert_eq!(reg.holds("demo/identities"), expected == Standing::Holds);
    }
    let reg = register(&r, "2027-04-01");
    let a = &reg.accepted[0];
    assert_eq!(
        (a.place.id.as_str(), a.owner.as_str(), a.until.as_str()),
        ("demo/identities", "Ana", "2027-03-31")
    );
    assert_eq!(reg.with(Standing::Expired).count(), 1);
    assert_eq!(reg.with(Standing::Holds).count(), 0);
}

#[test]
fn the_day_is_the_utc_day_whatever_zone_the_acceptance_was_written_in() {
    // Accepted at 23:30 on 31 March in Los Angeles: already 1 April in UTC. The acceptance still
    // ends with 31 March (UTC): its `until` is a day, not an instant.
    let r = review("").clone();
    let text = store::to_toml(&r).unwrap().replace(
        "on = 2026-11-26T10:00:00Z",
        "on = 2027-03-31T23:30:00-07:00",
    );
    let r = store::parse("r", &text).unwrap();
    let on = r.answers["demo/identities"].accepted.as_ref().unwrap().on;
    assert_eq!(on.to_string(), "2027-04-01T06:30:00Z");
    assert_eq!(on.day(), day("2027-04-01"));
    assert_eq!(
        register(&r, "2027-03-31").accepted[0].standing,
        Standing::Holds
    );
    assert_eq!(
        register(&r, "2027-04-01").accepted[0].standing,
        Standing::Expired
    );
}

#[test]
fn an_answer_is_stale_the_day_after_it_is_due() {
    let r = review("");
    // Last confirmed 2026-11-26; due 180 days later, on 2027-05-25.
    assert_eq!(
        due(&r, &r.answers["demo/secrets"], REVIEW_DAYS),
        day("2027-05-25")
    );
    assert!(register(&r, "2027-05-25").stale.is_empty());
    let reg = register(&r, "2027-05-26");
    let ids: Vec<&str> = reg.stale.iter().map(|s| s.place.id.as_str()).collect();
    assert_eq!(ids, ["demo/identities", "demo/secrets"]);
    assert_eq!(
        (reg.stale[0].confirmed.as_str(), reg.stale[0].due.as_str()),
        ("2026-11-26", "2027-05-25")
    );
    // A shorter period from the config.
    let short = Register::of(
        &r,
        &[pack()],
        AsOf {
            day: day("2026-12-27"),
            review_days: 30,
        },
    );
    assert_eq!(short.stale.len(), 2);
}

#[test]
fn a_confirmation_or_a_change_restarts_the_period() {
    let mut r = review("");
    let a = r.answers.get_mut("demo/secrets").unwrap();
    // Confirmed at 20:00 on 1 March in New York: 01:00 on 2 March in UTC.
    let text = "t = 2027-03-01T20:00:00-05:00";
    #[derive(serde::Deserialize)]
    struct T {
        t: crate::review::Timestamp,
    }
    a.confirmed = Some(toml::from_str::<T>(text).unwrap().t);
    assert_eq!(a.last_confirmed().date(), "2027-03-02");
    let reg = register(&r, "2027-06-01");
    let ids: Vec<&str> = reg.stale.iter().map(|s| s.place.id.as_str()).collect();
    assert_eq!(ids, ["demo/identities"], "secrets was confirmed in March");
    // A confirmation older than the last change does not move it back.
    let a = r.answers.get_mut("demo/secrets").unwrap();
    a.updated = a.confirmed.unwrap();
    a.confirmed = Some(crate::review::Timestamp(0));
    assert_eq!(a.last_confirmed().date(), "2027-03-02");
}

#[test]
fn review_by_is_the_due_day_of_every_answer_confirmed_before_it() {
    let r = review("review_by = 2027-01-15\n");
    assert_eq!(r.review_by, Some(day("2027-01-15")));
    assert!(register(&r, "2027-01-15").stale.is_empty());
    assert_eq!(register(&r, "2027-01-16").stale.len(), 2);
    // An answer confirmed after that day is due again a period after its confirmation.
    let mut r = r;
    r.answers.get_mut("demo/secrets").unwrap().confirmed =
        Some(crate::review::Timestamp(1_800_000_000)); // 2027-01-15T08:00:00Z
    let reg = register(&r, "2027-02-01");
    assert_eq!(
        reg.stale.len(),
        2,
        "confirmed on the day itself: still due then"
    );
    r.answers.get_mut("demo/secrets").unwrap().confirmed =
        Some(crate::review::Timestamp(1_800_000_000 + 86_400));
    let reg = register(&r, "2027-02-01");
    assert_eq!(reg.stale.len(), 1);
    assert_eq!(due(&r, &r.answers["demo/secrets"], 180), day("2027-07-15"));
}

#[test]
fn unanswered_questions_are_never_stale() {
    let mut r = review("");
    r.answers.get_mut("demo/secrets").unwrap().state = State::Unanswered;
    r.answers.get_mut("demo/secrets").unwrap().selected.clear();
    let reg = register(&r, "2030-01-01");
    let ids: Vec<&str> = reg.stale.iter().map(|s| s.place.id.as_str()).collect();
    assert_eq!(ids, ["demo/identities"]);
}

#[test]
fn practices_not_applicable_are_listed_with_their_reason() {
    let reg = register(&review(""), "2026-12-01");
    let na = &reg.practices_not_applicable[0];
    assert_eq!(
        (
            na.place.id.as_str(),
            na.practice.as_str(),
            na.practice_title.as_str(),
            na.reason,
            na.note.as_str()
        ),
        (
            "demo/secrets",
            "scan",
            "Secret scanning",
            NaReason::ArchitectureConstraints,
            "No repository of ours holds code."
        )
    );
    // Not applicable counts as in place: vault ticked and scan n/a is no risk.
    let r = review("");
    let (_, q) = pack()
        .question("secrets")
        .map(|(p, q)| (p.id.clone(), q.clone()))
        .unwrap();
    assert_eq!(risk_of(&q, &r.answers["demo/secrets"]), Some(Risk::None));
}

#[test]
fn standing_goes_moot_then_expired_then_outgrown_then_holds() {
    let acc = Acceptance {
        owner: "Ana".into(),
        until: day("2027-03-31"),
        risk: Risk::Medium,
        reason: "r".into(),
        on: crate::review::Timestamp(0),
    };
    let (before, after) = (day("2027-03-31"), day("2027-04-01"));
    assert_eq!(standing(&acc, None, after), Standing::Moot);
    assert_eq!(standing(&acc, Some(Risk::None), after), Standing::Moot);
    assert_eq!(standing(&acc, Some(Risk::High), after), Standing::Expired);
    assert_eq!(standing(&acc, Some(Risk::High), before), Standing::Outgrown);
    assert_eq!(standing(&acc, Some(Risk::Medium), before), Standing::Holds);
    let high = Acceptance {
        risk: Risk::High,
        ..acc
    };
    assert_eq!(
        standing(&high, Some(Risk::Medium), before),
        Standing::Holds,
        "an acceptance covers a lower risk"
    );
}

#[test]
fn control_characters_never_reach_the_register() {
    let mut r = review("");
    let a = r.answers.get_mut("demo/identities").unwrap();
    a.accepted.as_mut().unwrap().owner = "A\u{1b}[31mna".into();
    let reg = register(&r, "2026-12-01");
    assert_eq!(reg.accepted[0].owner, "Ana");
}

#[test]
fn a_file_without_the_register_reads_as_before() {
    let text = "format = 1\nworkload = \"W\"\ncreated = 2026-11-26T10:00:00Z\nupdated = 2026-11-26T10:00:00Z\n";
    let r = store::parse("r", text).unwrap();
    assert_eq!(r.format_needed(), 1);
    assert_eq!(store::to_toml(&r).unwrap(), text);
    assert!(register(&r, "2030-01-01").is_empty());
}
