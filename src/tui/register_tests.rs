//! The register's keys on the review screen, fed as key presses: accept (`r`), confirm (`c`),
//! owner (`o`), a practice that does not apply (`A`); and the walk and summary that show it.

use ratatui::crossterm::event::KeyCode;

use super::app::{App, Effect, Msg, Overlay, Tone};
use super::tests::{NOW, answer, app, demo_review, press, render, walk_of};
use super::update::update;
use crate::pack::Risk;
use crate::review::model::{Acceptance, NaReason};
use crate::review::session::Filter;
use crate::review::{Answer, State, Timestamp};

const DAY: u64 = 86_400;

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

#[test]
fn r_accepts_the_risk_with_the_config_s_default_day() {
    let mut app = app();
    press(&mut app, KeyCode::Char('r'));
    assert!(app.overlay.is_none(), "nothing to accept yet");
    assert_eq!(
        app.message,
        Some((
            "Only a question at high or medium risk has a risk to accept; nothing changed.".into(),
            Tone::Error
        ))
    );
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('r'));
    let Some(Overlay::Accept(form)) = &app.overlay else {
        panic!("the accept overlay is up")
    };
    // NOW is 2026-11-26; 90 days later.
    assert_eq!(form.until.text, "2027-02-24");
    typed(&mut app, "Ana");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "IdP migration first");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert!(app.overlay.is_none());
    assert_eq!(message(&app), "Risk accepted.");
    let a = answer(&app, "demo/identities").accepted.unwrap();
    assert_eq!(
        (
            a.owner.as_str(),
            a.until.to_string(),
            a.risk,
            a.reason.as_str()
        ),
        (
            "Ana",
            "2027-02-24".into(),
            Risk::Medium,
            "IdP migration first"
        )
    );
    // The risk line says so.
    assert_eq!(
        super::register::note(&app),
        "accepted until 2027-02-24 (Ana)"
    );
}

#[test]
fn a_refused_acceptance_keeps_the_overlay_and_what_was_typed() {
    let mut app = app();
    press(&mut app, KeyCode::Char('0'));
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Tab);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "soon");
    assert_eq!(press(&mut app, KeyCode::Enter), None);
    let Some(Overlay::Accept(form)) = &app.overlay else {
        panic!("still open")
    };
    assert_eq!(
        form.error.as_deref(),
        Some("`soon` is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31")
    );
    assert_eq!(form.field, 1);
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-11-25");
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Accept(form)) = &app.overlay else {
        panic!("still open")
    };
    assert_eq!(form.field, 0, "the owner is missing first");
    assert_eq!(
        form.error.as_deref(),
        Some("An accepted risk needs an owner; nothing changed.")
    );
    typed(&mut app, "Ana");
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Accept(form)) = &app.overlay else {
        panic!("still open")
    };
    assert_eq!(
        form.error.as_deref(),
        Some("An accepted risk needs a reason; nothing changed.")
    );
    assert_eq!(
        (form.owner.text.as_str(), form.field),
        ("Ana", 2),
        "nothing typed is lost; the cursor is on the reason"
    );
    typed(&mut app, "later");
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Accept(form)) = &app.overlay else {
        panic!("still open")
    };
    assert_eq!(
        form.error.as_deref(),
        Some("That day has passed: accept until today or a later day (YYYY-MM-DD).")
    );
    assert!(answer(&app, "demo/identities").accepted.is_none());
    // esc leaves without a change.
    assert_eq!(press(&mut app, KeyCode::Esc), None);
    assert!(app.overlay.is_none());
}

#[test]
fn an_empty_owner_removes_the_acceptance() {
    let mut app = app();
    press(&mut app, KeyCode::Char('0'));
    press(&mut app, KeyCode::Char('r'));
    typed(&mut app, "Ana");
    press(&mut app, KeyCode::Up);
    typed(&mut app, "cheap to live with");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        answer(&app, "demo/identities").accepted.unwrap().risk,
        Risk::High
    );
    press(&mut app, KeyCode::Char('r'));
    let Some(Overlay::Accept(form)) = &app.overlay else {
        panic!("the overlay shows the acceptance")
    };
    assert_eq!(
        (form.owner.text.as_str(), form.reason.text.as_str()),
        ("Ana", "cheap to live with")
    );
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(message(&app), "Acceptance removed: the risk is open.");
    assert!(answer(&app, "demo/identities").accepted.is_none());
}

#[test]
fn c_confirms_a_stale_answer_and_its_mark_goes() {
    let mut app = app();
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(
        message(&app),
        "Answer the question first: an unanswered question has nothing to confirm."
    );
    press(&mut app, KeyCode::Char('1'));
    // 200 days later the answer is past its 180 days.
    update(&mut app, Msg::Tick(NOW + 200 * DAY));
    assert_eq!(
        super::register::note(&app),
        "stale since 2027-05-25: c confirms"
    );
    let screen = render(&app, 100, 30);
    assert!(screen.contains("▶✗◷ identities"), "{screen}");
    assert_eq!(press(&mut app, KeyCode::Char('c')), Some(Effect::Save));
    assert_eq!(message(&app), "Confirmed: the answer still holds.");
    let a = answer(&app, "demo/identities");
    assert_eq!(a.confirmed, Some(Timestamp((NOW + 200 * DAY) as i64)));
    assert_eq!(a.updated, Timestamp(NOW as i64), "the last change stays");
    let screen = render(&app, 100, 30);
    assert!(!screen.contains("stale since"), "{screen}");
    assert!(!screen.contains('◷'), "{screen}");
}

#[test]
fn o_names_the_owner_of_the_backlog_item() {
    let mut app = app();
    press(&mut app, KeyCode::Char('o'));
    typed(&mut app, "Ben");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(message(&app), "Owner set.");
    assert_eq!(answer(&app, "demo/identities").owner, "Ben");
    assert!(render(&app, 100, 30).contains("owner Ben"));
    press(&mut app, KeyCode::Char('o'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(message(&app), "Owner removed.");
    assert!(app.session().unwrap().current_answer().is_none());
}

#[test]
fn shift_a_marks_the_highlighted_practice_not_applicable_and_again_clears_it() {
    let mut app = app();
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('A'));
    assert!(matches!(
        app.overlay,
        Some(Overlay::PracticeNa { choice: 2, .. })
    ));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    typed(&mut app, "no workloads of ours");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    let a = answer(&app, "demo/identities");
    let na = &a.not_applicable["short-lived"];
    assert_eq!(
        (na.reason, na.note.as_str(), a.state),
        (
            NaReason::ArchitectureConstraints,
            "no workloads of ours",
            State::Answered
        )
    );
    assert!(render(&app, 100, 30).contains("[-]"));
    assert_eq!(press(&mut app, KeyCode::Char('A')), Some(Effect::Save));
    assert_eq!(message(&app), "The practice applies again.");
    assert!(app.session().unwrap().current_answer().is_none());
    // "None of these" is no practice.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('A'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        message(&app),
        "\"None of these\" is not a practice; mark the question not applicable instead."
    );
}

#[test]
fn the_register_keys_are_in_the_help() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    let screen = render(&app, 120, 40);
    for line in [
        "A            the highlighted practice does not apply",
        "r            accept the risk for a while",
        "c            confirm the answer still holds",
        "o            owner of the question's backlog item",
    ] {
        assert!(screen.contains(line), "{line}\n{screen}");
    }
}

/// A review with an expired acceptance (identities, high), one that holds (secrets, medium) and
/// every answer last changed on 2026-11-26, seen on 2027-06-01: all three are stale.
fn registered() -> App {
    let mut review = demo_review();
    let at = Timestamp(NOW as i64);
    let accepted = |owner: &str, until: &str, risk| Acceptance {
        owner: owner.into(),
        until: until.parse().unwrap(),
        risk,
        reason: "agreed with the product lead".into(),
        on: at,
    };
    let answered = |selected: &[&str]| Answer {
        state: State::Answered,
        selected: selected.iter().map(ToString::to_string).collect(),
        updated: at,
        ..Answer::default()
    };
    review.answers.insert(
        "demo/identities".into(),
        Answer {
            accepted: Some(accepted("Ana", "2026-12-31", Risk::High)),
            ..answered(&["none"])
        },
    );
    review.answers.insert(
        "demo/secrets".into(),
        Answer {
            accepted: Some(accepted("Ben", "2027-06-30", Risk::Medium)),
            owner: "Ben".into(),
            ..answered(&["vault"])
        },
    );
    review.answers.insert(
        "demo/backups".into(),
        answered(&["automated", "restore-tested"]),
    );
    let mut app = App::walk(walk_of(review, &Filter::default()), NOW + 187 * DAY);
    app.message = None;
    app
}

#[test]
fn the_walk_marks_accepted_lapsed_and_stale_questions() {
    let app = registered();
    let screen = render(&app, 100, 30);
    assert!(screen.contains("▶✗! identities"), "{screen}");
    assert!(screen.contains(" ◑A secrets"), "{screen}");
    assert!(screen.contains(" ✓◷ backups"), "{screen}");
    assert_eq!(
        super::register::note(&app),
        "acceptance expired after 2026-12-31 (Ana) · stale since 2027-05-25: c confirms"
    );
}

#[test]
fn summary_with_accepted_expired_and_stale_items() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut app = registered();
        press(&mut app, KeyCode::Char('s'));
        insta::assert_snapshot!(format!("summary_register_{w}x{h}"), render(&app, w, h));
    }
}

#[test]
fn the_register_overlays_fit_at_80x24() {
    let mut app = app();
    press(&mut app, KeyCode::Char('0'));
    press(&mut app, KeyCode::Char('r'));
    typed(&mut app, "Ana");
    insta::assert_snapshot!("accept_overlay_80x24", render(&app, 80, 24));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char('A'));
    press(&mut app, KeyCode::Down);
    insta::assert_snapshot!("practice_na_overlay_80x24", render(&app, 80, 24));
}
