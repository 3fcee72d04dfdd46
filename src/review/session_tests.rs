//! The rules of answering, one test each, then the same rules as properties over random edits
//! on random walks.

use proptest::prelude::*;

use super::*;
use crate::pack::Risk;
use crate::pack::{Source, load_str};
use crate::review::{score, store};

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
  - id: reliability
    name: Reliability
    questions:
      - id: backups
        title: Backups?
        choices:
          - { id: auto, title: Automated, improve: x }
          - { id: tested, title: Restores tested, improve: x }
          - { id: none, title: None of these, none: true }
";

const T0: Timestamp = Timestamp(1_795_687_200);

fn pack() -> Pack {
    load_str("demo.yaml", PACK, Source::Builtin("demo.yaml")).unwrap()
}

fn session_with(filter: Filter) -> Result<Session, FilterError> {
    let pack = pack();
    let mut review = Review::new("W", "T", "F", vec![], &[&pack]);
    review.created = T0;
    review.updated = T0;
    Session::new(review, vec![pack], filter)
}

fn session() -> Session {
    session_with(Filter::default()).unwrap()
}

fn selected(s: &Session) -> Vec<String> {
    s.current_answer()
        .map(|a| a.selected.clone())
        .unwrap_or_default()
}

#[test]
fn ticking_answers_and_unticking_the_last_leaves_it_unanswered() {
    let mut s = session();
    let later = Timestamp(T0.0 + 60);
    assert_eq!(
        s.apply(Edit::Toggle(1), later),
        Outcome::Changed(Change::Selection)
    );
    assert_eq!(s.current_answer().unwrap().state, State::Answered);
    assert_eq!(s.current_answer().unwrap().updated, later);
    assert_eq!(s.review().updated, later);
    assert_eq!(
        s.apply(Edit::Toggle(0), T0),
        Outcome::Changed(Change::Selection)
    );
    assert_eq!(selected(&s), ["idp", "mfa"], "kept in the pack's order");
    s.apply(Edit::Toggle(0), T0);
    s.apply(Edit::Toggle(1), T0);
    assert!(
        s.current_answer().is_none(),
        "an answer with nothing in it leaves the file"
    );
}

#[test]
fn none_of_these_is_exclusive_both_ways() {
    let mut s = session();
    s.apply(Edit::Toggle(0), T0);
    s.apply(Edit::Toggle(2), T0);
    assert_eq!(selected(&s), ["none"]);
    s.apply(Edit::Toggle(1), T0);
    assert_eq!(selected(&s), ["mfa"]);
}

#[test]
fn a_choice_past_the_list_is_refused() {
    let mut s = session();
    assert_eq!(
        s.apply(Edit::Toggle(3), T0),
        Outcome::Refused(Refusal::NoSuchChoice)
    );
    assert!(s.review().answers.is_empty());
}

#[test]
fn not_applicable_needs_a_reason_and_clearing_it_brings_the_answer_back() {
    let mut s = session();
    s.apply(Edit::Toggle(0), T0);
    s.apply(Edit::Toggle(1), T0);
    assert_eq!(
        s.apply(Edit::NotApplicable("   ".into()), T0),
        Outcome::Refused(Refusal::ReasonRequired)
    );
    assert_eq!(
        s.apply(Edit::NotApplicable(" No people sign in ".into()), T0),
        Outcome::Changed(Change::NotApplicable)
    );
    let a = s.current_answer().unwrap();
    assert_eq!(
        (a.state, a.reason.as_str()),
        (State::NotApplicable, "No people sign in")
    );
    assert_eq!(
        s.status(s.current_ref().unwrap()),
        (State::NotApplicable, None)
    );
    assert_eq!(
        s.apply(Edit::ClearNotApplicable, T0),
        Outcome::Changed(Change::NotApplicableCleared)
    );
    let a = s.current_answer().unwrap();
    assert_eq!(a.state, State::Answered);
    assert_eq!(a.selected, ["idp", "mfa"], "the squad's ticks are back");
    assert!(a.reason.is_empty());
    assert_eq!(s.apply(Edit::ClearNotApplicable, T0), Outcome::Unchanged);
}

#[test]
fn ticking_a_not_applicable_question_answers_it() {
    let mut s = session();
    s.apply(Edit::NotApplicable("no users".into()), T0);
    s.apply(Edit::Toggle(1), T0);
    let a = s.current_answer().unwrap();
    assert_eq!((a.state, a.reason.as_str()), (State::Answered, ""));
    assert_eq!(a.selected, ["mfa"]);
}

#[test]
fn a_practice_not_applicable_counts_as_in_place() {
    let mut s = session();
    s.apply(Edit::Toggle(0), T0);
    assert_eq!(s.status(s.current_ref().unwrap()).1, Some(Risk::Medium));
    let na = |choice| Edit::PracticeNotApplicable {
        choice,
        reason: NaReason::ArchitectureConstraints,
        note: " service accounts only ".into(),
    };
    assert_eq!(
        s.apply(na(1), T0),
        Outcome::Changed(Change::PracticeNotApplicable)
    );
    assert_eq!(
        s.status(s.current_ref().unwrap()),
        (State::Answered, Some(Risk::None))
    );
    let a = s.current_answer().unwrap();
    assert_eq!(a.not_applicable["mfa"].note, "service accounts only");
    assert_eq!(
        s.apply(na(2), T0),
        Outcome::Refused(Refusal::NotAPractice),
        "None of these is not a practice"
    );
    // Ticking it undoes not applicable, and the other way round.
    s.apply(Edit::Toggle(1), T0);
    let a = s.current_answer().unwrap();
    assert!(a.not_applicable.is_empty());
    assert_eq!(a.selected, ["idp", "mfa"]);
    s.apply(na(1), T0);
    assert_eq!(s.current_answer().unwrap().selected, ["idp"]);
    // Not applicable alone answers the question.
    s.apply(Edit::Toggle(0), T0);
    assert_eq!(s.status(s.current_ref().unwrap()).0, State::Answered);
    assert_eq!(
        s.apply(Edit::ClearPracticeNotApplicable(1), T0),
        Outcome::Changed(Change::PracticeNotApplicableCleared)
    );
    assert!(
        s.current_answer().is_none(),
        "nothing left: the answer leaves the file"
    );
}

#[test]
fn notes_evidence_and_flags() {
    let mut s = session();
    assert_eq!(
        s.apply(Edit::Notes("MFA for admins".into()), T0),
        Outcome::Changed(Change::Notes)
    );
    assert_eq!(
        s.apply(Edit::Notes("MFA for admins".into()), T0),
        Outcome::Unchanged
    );
    assert_eq!(
        s.apply(Edit::AddEvidence("  ".into()), T0),
        Outcome::Refused(Refusal::EmptyEvidence)
    );
    s.apply(Edit::AddEvidence(" https://wiki/adr-12 ".into()), T0);
    assert_eq!(
        s.apply(Edit::AddEvidence("https://wiki/adr-12".into()), T0),
        Outcome::Refused(Refusal::DuplicateEvidence)
    );
    assert_eq!(
        s.apply(Edit::RemoveEvidence(1), T0),
        Outcome::Refused(Refusal::NoSuchEvidence)
    );
    assert_eq!(
        s.apply(
            Edit::Flag {
                on: true,
                reason: " ask the DBA ".into()
            },
            T0
        ),
        Outcome::Changed(Change::Flagged)
    );
    let a = s.current_answer().unwrap();
    assert_eq!(a.state, State::Unanswered, "notes do not answer a question");
    assert_eq!(a.evidence, ["https://wiki/adr-12"]);
    assert!(a.flagged);
    assert_eq!(a.flag_reason, "ask the DBA");
    s.apply(
        Edit::Flag {
            on: false,
            reason: String::new(),
        },
        T0,
    );
    assert!(s.current_answer().unwrap().flag_reason.is_empty());
}

#[test]
fn time_adds_up_per_question_and_review_without_touching_updated() {
    let mut s = session();
    assert_eq!(s.apply(Edit::Spend(0), T0), Outcome::Unchanged);
    assert_eq!(
        s.apply(Edit::Spend(30), Timestamp(T0.0 + 30)),
        Outcome::Changed(Change::Time)
    );
    s.apply(Edit::Step(2), T0);
    s.apply(Edit::Spend(12), T0);
    s.apply(Edit::Spend(3), T0);
    assert_eq!(s.review().seconds, 45);
    assert_eq!(s.review().updated, T0, "time is not an answer");
    assert_eq!(s.review().answers["demo/identities"].seconds, 30);
    assert_eq!(s.pillar_seconds("security"), 30);
    assert_eq!(s.pillar_seconds("reliability"), 15);
    assert_eq!(
        s.current_answer().unwrap().state,
        State::Unanswered,
        "time alone does not answer"
    );
}

#[test]
fn moving_changes_the_position_but_not_updated() {
    let mut s = session();
    assert_eq!(s.cursor(), Some(0));
    assert_eq!(
        s.apply(Edit::Step(-1), T0),
        Outcome::Refused(Refusal::FirstQuestion)
    );
    assert_eq!(s.apply(Edit::Step(1), Timestamp(T0.0 + 9)), Outcome::Moved);
    assert_eq!(s.review().position.as_deref(), Some("demo/secrets"));
    assert_eq!(s.review().updated, T0);
    assert_eq!(s.apply(Edit::Step(5), T0), Outcome::Moved);
    assert_eq!(s.current_key().as_deref(), Some("demo/backups"));
    assert_eq!(
        s.apply(Edit::Step(1), T0),
        Outcome::Refused(Refusal::LastQuestion)
    );
    assert_eq!(s.apply(Edit::Go(2), T0), Outcome::Unchanged);
    assert_eq!(
        s.apply(Edit::Go(3), T0),
        Outcome::Refused(Refusal::NoQuestion)
    );
}

#[test]
fn a_session_resumes_where_it_was_left_else_at_the_first_unanswered() {
    let mut s = session();
    s.apply(Edit::Toggle(0), T0);
    let review = s.review().clone();
    let mut fresh = review.clone();
    fresh.position = None;
    let s = Session::new(fresh, vec![pack()], Filter::default()).unwrap();
    assert_eq!(s.current_key().as_deref(), Some("demo/secrets"));
    let mut left = review;
    left.position = Some("demo/backups".into());
    let s = Session::new(left, vec![pack()], Filter::default()).unwrap();
    assert_eq!(s.current_key().as_deref(), Some("demo/backups"));
}

#[test]
fn filters_walk_a_pillar_or_the_flagged_questions() {
    let s = session_with(Filter {
        pillars: vec!["reliability".into()],
        ..Filter::default()
    })
    .unwrap();
    assert_eq!(s.order().len(), 1);
    assert_eq!(s.current_key().as_deref(), Some("demo/backups"));

    let err = session_with(Filter {
        pillars: vec!["nosuch".into()],
        ..Filter::default()
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "--pillar nosuch: the review has no such pillar; its pillars are: security, reliability"
    );
    let err = session_with(Filter {
        questions: vec!["demo/nosuch".into()],
        ..Filter::default()
    })
    .unwrap_err();
    assert!(
        err.to_string().starts_with("no question `demo/nosuch`"),
        "{err}"
    );
}

#[test]
fn an_empty_walk_refuses_every_edit_without_panicking() {
    let mut s = session_with(Filter {
        flagged: true,
        ..Filter::default()
    })
    .unwrap();
    assert_eq!((s.order().len(), s.cursor()), (0, None));
    assert_eq!(s.progress(), (0, 0));
    for edit in [
        Edit::Toggle(0),
        Edit::NotApplicable("why".into()),
        Edit::ClearNotApplicable,
        Edit::Notes("x".into()),
        Edit::AddEvidence("x".into()),
        Edit::RemoveEvidence(0),
        Edit::Flag {
            on: true,
            reason: String::new(),
        },
        Edit::Step(1),
        Edit::Step(-1),
        Edit::Go(0),
    ] {
        assert_eq!(
            s.apply(edit.clone(), T0),
            Outcome::Refused(Refusal::NoQuestion),
            "{edit:?}"
        );
    }
    assert!(s.review().answers.is_empty());
    s.widen();
    assert_eq!((s.order().len(), s.cursor()), (3, Some(0)));
}

#[test]
fn widening_keeps_the_current_question() {
    let mut s = session_with(Filter {
        pillars: vec!["reliability".into()],
        ..Filter::default()
    })
    .unwrap();
    s.widen();
    assert_eq!(s.current_key().as_deref(), Some("demo/backups"));
    assert_eq!(s.cursor(), Some(2));
}

// Properties.

fn arb_edit() -> impl Strategy<Value = Edit> {
    let text = prop_oneof![
        Just(String::new()),
        Just("   ".to_string()),
        "[a-z ]{1,12}",
        "\\PC{0,8}",
    ];
    prop_oneof![
        4 => (0usize..5).prop_map(Edit::Toggle),
        1 => text.clone().prop_map(Edit::NotApplicable),
        1 => Just(Edit::ClearNotApplicable),
        1 => text.clone().prop_map(Edit::Notes),
        1 => text.clone().prop_map(Edit::AddEvidence),
        1 => (0usize..3).prop_map(Edit::RemoveEvidence),
        1 => (any::<bool>(), "[a-z ]{0,6}").prop_map(|(on, reason)| Edit::Flag { on, reason }),
        1 => (0u64..100).prop_map(Edit::Spend),
        1 => (0usize..4, 0usize..4, "[a-z ]{0,6}").prop_map(|(choice, r, note)| {
            Edit::PracticeNotApplicable { choice, reason: NaReason::ALL[r], note }
        }),
        1 => (0usize..4).prop_map(Edit::ClearPracticeNotApplicable),
        1 => (text.clone(), -2i64..5, text.clone()).prop_map(|(owner, days, reason)| {
            Edit::Accept { owner, until: T0.day().plus(days), reason }
        }),
        1 => Just(Edit::ClearAcceptance),
        1 => Just(Edit::Confirm),
        1 => text.clone().prop_map(Edit::Owner),
        2 => (-3isize..4).prop_map(Edit::Step),
        1 => (0usize..5).prop_map(Edit::Go),
    ]
}

fn arb_filter() -> impl Strategy<Value = (Filter, Vec<bool>)> {
    let pillars = proptest::sample::subsequence(vec!["security", "reliability"], 0..=2);
    let questions = proptest::sample::subsequence(
        vec!["demo/identities", "demo/secrets", "demo/backups"],
        0..=3,
    );
    (
        pillars,
        any::<bool>(),
        questions,
        proptest::collection::vec(any::<bool>(), 3),
    )
        .prop_map(|(pillars, flagged, questions, flags)| {
            (
                Filter {
                    pillars: pillars.into_iter().map(String::from).collect(),
                    flagged,
                    questions: questions.into_iter().map(String::from).collect(),
                },
                flags,
            )
        })
}

proptest! {
    #[test]
    fn the_rules_hold_after_any_edits(
        (filter, flags) in arb_filter(),
        edits in proptest::collection::vec(arb_edit(), 0..40),
    ) {
        let pack = pack();
        let mut review = Review::new("W", "T", "F", vec![], &[&pack]);
        for (flag, q) in flags.iter().zip(["identities", "secrets", "backups"]) {
            if *flag {
                review.answers.insert(key("demo", q), Answer { flagged: true, ..Answer::default() });
            }
        }
        let packs = vec![pack];
        let mut s = Session::new(review, packs.clone(), filter).unwrap();
        for (n, edit) in edits.into_iter().enumerate() {
            s.apply(edit, Timestamp(T0.0 + n as i64));
            prop_assert_eq!(s.cursor().is_none(), s.order().is_empty());
        }
        for (k, a) in &s.review().answers {
            let (_, q) = packs[0].question(k.split_once('/').unwrap().1).unwrap();
            let nones = a.selected.iter().filter(|c| q.choice_index(c).is_some_and(|i| q.choices[i].none)).count();
            prop_assert!(nones == 0 || a.selected.len() == 1, "{k}: {:?}", a.selected);
            if a.state == State::NotApplicable {
                prop_assert!(!a.reason.trim().is_empty(), "{k}: n/a without a reason");
            } else {
                prop_assert!(a.reason.is_empty(), "{k}: a reason without n/a");
            }
            prop_assert_eq!(
                a.state == State::Answered,
                a.state != State::NotApplicable && !(a.selected.is_empty() && a.not_applicable.is_empty())
            );
            for id in a.not_applicable.keys() {
                prop_assert!(!a.selected.contains(id), "{k}: {id} both ticked and not applicable");
                prop_assert!(q.choice_index(id).is_some_and(|i| !q.choices[i].none), "{k}: {id}");
            }
            prop_assert!(!a.is_blank(), "{k}: a blank answer stayed in the file");
            if let Some(acc) = &a.accepted {
                prop_assert!(matches!(acc.risk, Risk::High | Risk::Medium), "{k}: accepted at {:?}", acc.risk);
                prop_assert!(!acc.owner.is_empty() && acc.owner.trim() == acc.owner, "{k}: owner {:?}", acc.owner);
                prop_assert!(!acc.reason.is_empty() && acc.reason.trim() == acc.reason, "{k}: reason");
                prop_assert!(acc.until >= acc.on.day(), "{k}: accepted until a day already past");
            }
            prop_assert_eq!(a.owner.trim(), a.owner.as_str());
            if let Some(c) = a.confirmed {
                prop_assert!(c <= s.review().updated, "{k}: confirmed after the review's last change");
            }
        }
        let text = store::to_toml(s.review()).unwrap();
        let mut back = store::parse("x", &text).unwrap();
        prop_assert_eq!(back.format, s.review().format_needed());
        back.format = s.review().format;
        prop_assert_eq!(&back, s.review());
        prop_assert_eq!(score::score(&back, &packs), score::score(s.review(), &packs));
    }
}

#[test]
fn overlong_text_is_refused_and_long_notes_can_only_shrink() {
    let mut s = session();
    let long = "x".repeat(MAX_NOTES + 1);
    assert_eq!(
        s.apply(Edit::Notes(long.clone()), T0),
        Outcome::Refused(Refusal::TooLong)
    );
    assert_eq!(
        s.apply(Edit::AddEvidence("y".repeat(MAX_LINE + 1)), T0),
        Outcome::Refused(Refusal::TooLong)
    );
    assert_eq!(
        s.apply(Edit::NotApplicable("r".repeat(MAX_LINE + 1)), T0),
        Outcome::Refused(Refusal::TooLong)
    );
    // Notes already longer (from the file) are kept and may be shortened.
    let mut review = s.review().clone();
    review.answers.insert(
        key("demo", "identities"),
        Answer {
            notes: long.clone(),
            ..Answer::default()
        },
    );
    let mut s = Session::new(review, vec![pack()], Filter::default()).unwrap();
    assert_eq!(
        s.apply(Edit::Notes(long[1..].to_string()), T0),
        Outcome::Changed(Change::Notes)
    );
}

// The register's edits.

/// A session on `demo/identities` answered with `ticks` (choice indices).
fn answered(ticks: &[usize]) -> Session {
    let mut s = session();
    for i in ticks {
        s.apply(Edit::Toggle(*i), T0);
    }
    s
}

fn accept(owner: &str, until: &str, reason: &str) -> Edit {
    Edit::Accept {
        owner: owner.into(),
        until: until.parse().unwrap(),
        reason: reason.into(),
    }
}

#[test]
fn a_risk_is_accepted_with_an_owner_a_reason_and_a_day_not_yet_past() {
    // T0 is 2026-11-26T10:00:00Z.
    let mut s = answered(&[0]);
    assert_eq!(
        s.apply(accept(" Ana ", "2027-03-31", " migration first "), T0),
        Outcome::Changed(Change::Accepted)
    );
    let a = s.current_answer().unwrap().accepted.clone().unwrap();
    assert_eq!(
        (
            a.owner.as_str(),
            a.until.to_string(),
            a.risk,
            a.reason.as_str(),
            a.on
        ),
        (
            "Ana",
            "2027-03-31".into(),
            Risk::Medium,
            "migration first",
            T0
        )
    );
    // Today (UTC) is the earliest day an acceptance may end on.
    assert_eq!(
        s.apply(accept("Ana", "2026-11-26", "r"), T0),
        Outcome::Changed(Change::Accepted)
    );
    assert_eq!(
        s.apply(accept("Ana", "2026-11-25", "r"), T0),
        Outcome::Refused(Refusal::UntilPassed)
    );
    assert_eq!(
        s.apply(accept("  ", "2027-03-31", "r"), T0),
        Outcome::Refused(Refusal::OwnerRequired)
    );
    assert_eq!(
        s.apply(accept("Ana", "2027-03-31", " "), T0),
        Outcome::Refused(Refusal::AcceptReasonRequired)
    );
    assert_eq!(
        s.apply(accept(&"o".repeat(MAX_LINE + 1), "2027-03-31", "r"), T0),
        Outcome::Refused(Refusal::TooLong)
    );
    assert_eq!(
        Refusal::UntilPassed.to_string(),
        "That day has passed: accept until today or a later day (YYYY-MM-DD)."
    );
    assert_eq!(
        s.apply(Edit::ClearAcceptance, T0),
        Outcome::Changed(Change::AcceptanceCleared)
    );
    assert_eq!(s.apply(Edit::ClearAcceptance, T0), Outcome::Unchanged);
}

#[test]
fn only_a_question_at_high_or_medium_risk_has_a_risk_to_accept() {
    let edit = || accept("Ana", "2027-03-31", "r");
    let mut s = session();
    assert_eq!(s.apply(edit(), T0), Outcome::Refused(Refusal::NotAtRisk));
    let mut s = answered(&[0, 1]);
    assert_eq!(
        s.apply(edit(), T0),
        Outcome::Refused(Refusal::NotAtRisk),
        "risk none"
    );
    s.apply(Edit::NotApplicable("no users".into()), T0);
    assert_eq!(
        s.apply(edit(), T0),
        Outcome::Refused(Refusal::NotAtRisk),
        "n/a"
    );
    let mut s = answered(&[2]);
    assert_eq!(s.apply(edit(), T0), Outcome::Changed(Change::Accepted));
    assert_eq!(
        s.current_answer().unwrap().accepted.as_ref().unwrap().risk,
        Risk::High
    );
    assert_eq!(
        Refusal::NotAtRisk.to_string(),
        "Only a question at high or medium risk has a risk to accept; nothing changed."
    );
}

fn risk_now(s: &Session) -> Option<Risk> {
    let (_, _, q) = s.current()?;
    crate::review::register::risk_of(q, s.current_answer()?)
}

#[test]
fn an_acceptance_stays_when_the_answer_changes_and_covers_only_its_level_or_lower() {
    use crate::review::register::{Standing, standing};
    let day: Day = "2027-01-01".parse().unwrap();
    let mut s = answered(&[0]);
    s.apply(accept("Ana", "2027-03-31", "r"), T0);
    let acc = s.current_answer().unwrap().accepted.clone().unwrap();
    // Medium accepted; the risk rises to high: the acceptance no longer covers it.
    s.apply(Edit::Toggle(0), T0);
    s.apply(Edit::Toggle(2), T0);
    assert_eq!(risk_now(&s), Some(Risk::High));
    assert_eq!(s.current_answer().unwrap().accepted, Some(acc.clone()));
    assert_eq!(standing(&acc, risk_now(&s), day), Standing::Outgrown);
    // Both practices in place: no risk, nothing to accept.
    s.apply(Edit::Toggle(0), T0);
    s.apply(Edit::Toggle(1), T0);
    assert_eq!(risk_now(&s), Some(Risk::None));
    assert_eq!(standing(&acc, risk_now(&s), day), Standing::Moot);
    // Back to medium: covered again.
    s.apply(Edit::Toggle(1), T0);
    assert_eq!(risk_now(&s), Some(Risk::Medium));
    assert_eq!(standing(&acc, risk_now(&s), day), Standing::Holds);
}

#[test]
fn confirming_records_the_time_and_leaves_the_last_change_alone() {
    let mut s = session();
    assert_eq!(
        s.apply(Edit::Confirm, T0),
        Outcome::Refused(Refusal::NothingToConfirm)
    );
    s.apply(Edit::Toggle(0), T0);
    let later = Timestamp(T0.0 + 86_400 * 200);
    assert_eq!(
        s.apply(Edit::Confirm, later),
        Outcome::Changed(Change::Confirmed)
    );
    let a = s.current_answer().unwrap();
    assert_eq!((a.updated, a.confirmed), (T0, Some(later)));
    assert_eq!(a.last_confirmed(), later);
    assert_eq!(s.review().updated, later, "the file changed");
    assert_eq!(s.apply(Edit::Confirm, later), Outcome::Unchanged);
    // A not-applicable question can be confirmed too.
    s.apply(Edit::NotApplicable("batch only".into()), T0);
    assert_eq!(
        s.apply(Edit::Confirm, Timestamp(later.0 + 1)),
        Outcome::Changed(Change::Confirmed)
    );
}

#[test]
fn an_owner_is_a_trimmed_name_kept_in_any_state() {
    let mut s = session();
    assert_eq!(
        s.apply(Edit::Owner(" Ana ".into()), T0),
        Outcome::Changed(Change::Owner)
    );
    let a = s.current_answer().unwrap();
    assert_eq!((a.owner.as_str(), a.state), ("Ana", State::Unanswered));
    assert_eq!(s.apply(Edit::Owner("Ana".into()), T0), Outcome::Unchanged);
    assert_eq!(
        s.apply(Edit::Owner("  ".into()), T0),
        Outcome::Changed(Change::OwnerCleared)
    );
    assert!(
        s.current_answer().is_none(),
        "nothing left: the entry left the file"
    );
}

#[test]
fn the_register_raises_the_file_format_only_when_it_is_used() {
    let mut s = answered(&[0]);
    let text = store::to_toml(s.review()).unwrap();
    assert!(text.starts_with("format = 1\n"), "{text}");
    s.apply(
        accept("Ana", "2027-03-31", "waiting for the IdP migration"),
        T0,
    );
    let text = store::to_toml(s.review()).unwrap();
    assert!(text.starts_with("format = 2\n"), "{text}");
    assert!(
        text.contains(
            "[answers.\"demo/identities\".accepted]\nowner = \"Ana\"\nuntil = 2027-03-31\nrisk = \"medium\"\nreason = \"waiting for the IdP migration\"\non = 2026-11-26T10:00:00Z\n"
        ),
        "{text}"
    );
    s.apply(Edit::ClearAcceptance, T0);
    assert!(
        store::to_toml(s.review())
            .unwrap()
            .starts_with("format = 1\n")
    );
}
