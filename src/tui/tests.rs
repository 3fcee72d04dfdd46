//! The TUI without a terminal: messages in, state and effects out; whole screens as snapshots.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect, Focus, LineInput, Msg, Overlay, Tone};
use super::start::{PackChoice, Recent, StartForm};
use super::update::update;
use super::{Filter, session, view};
use crate::pack::{Risk, Source, load_str};
use crate::review::resolve::Resolved;
use crate::review::{Review, State, Timestamp};

const PACK: &str = r#"schema: 1
id: demo
name: Demo
version: 1.0.0
pillars:
  - id: security
    name: Security
    questions:
      - id: identities
        title: How do you manage identities for people and workloads?
        why: Stolen credentials are the usual way in. One identity per person and service lets you see who did what and switch one off.
        choices:
          - { id: central-idp, title: People sign in through one identity provider, help: Every tool uses the company login., improve: Move every tool to single sign-on. }
          - { id: mfa, title: Multi-factor authentication for every human account, help: No password-only sign-in., improve: Enforce MFA. }
          - { id: short-lived, title: Workloads use short-lived credentials, help: No static keys in config., improve: Replace static keys. }
          - { id: none, title: None of these, none: true }
        risk:
          - none: central-idp && mfa && short-lived
          - medium: central-idp && mfa
          - default: high
      - id: secrets
        title: How do you keep secrets out of code?
        why: Secrets in repositories leak.
        choices:
          - { id: vault, title: Secrets live in a secrets manager, help: Not in env files., improve: Adopt a secrets manager. }
          - { id: scanning, title: Commits are scanned for secrets, help: A hook or CI job., improve: Turn on secret scanning. }
          - { id: none, title: None of these, none: true }
  - id: reliability
    name: Reliability
    questions:
      - id: backups
        title: How do you back up data and prove you can restore it?
        why: A backup nobody restored is a hope, not a plan.
        choices:
          - { id: automated, title: Backups run automatically, help: Scheduled., improve: Automate backups. }
          - { id: restore-tested, title: Restores are tested every quarter, help: A real restore., improve: Schedule a restore test. }
          - { id: none, title: None of these, none: true }
        risk:
          - none: automated && restore-tested
          - medium: automated
          - default: high
"#;

const NOW: u64 = 1_795_687_200;

fn demo_session() -> super::app::Session {
    let pack = load_str("demo.yaml", PACK, Source::Builtin("demo.yaml")).unwrap();
    let mut review = Review::new("Payments API", "Orion", "Sam", vec!["Ana".into()], &[&pack]);
    review.created = Timestamp(NOW as i64);
    review.updated = Timestamp(NOW as i64);
    let resolved = Resolved {
        packs: vec![pack],
        changes: vec![],
        orphans: vec![],
    };
    session(
        "demo.review.toml".into(),
        review,
        resolved,
        &Filter::default(),
    )
}

fn app() -> App {
    App::walk(demo_session(), NOW)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn selected(app: &App) -> Vec<String> {
    let s = app.session.as_ref().unwrap();
    s.answer_of(s.order[s.cursor])
        .map(|a| a.selected.clone())
        .unwrap_or_default()
}

fn current_id(app: &App) -> String {
    app.session.as_ref().unwrap().current_key().unwrap()
}

#[test]
fn opens_at_the_first_practice_of_the_first_unanswered_question() {
    let mut s = demo_session();
    s.review.answers.insert(
        "demo/identities".into(),
        crate::review::Answer {
            state: State::Answered,
            selected: vec!["mfa".into()],
            ..Default::default()
        },
    );
    let app = App::walk(s, NOW);
    assert_eq!(current_id(&app), "demo/secrets");
    assert_eq!(app.session.as_ref().unwrap().choice, 0);
}

#[test]
fn a_resumed_review_opens_where_it_was_left() {
    let mut s = demo_session();
    s.review.position = Some("demo/backups".into());
    assert_eq!(current_id(&App::walk(s, NOW)), "demo/backups");
}

#[test]
fn space_and_numbers_toggle_and_every_change_saves() {
    let mut app = app();
    assert_eq!(update(&mut app, Msg::ToggleHighlighted), Some(Effect::Save));
    assert_eq!(update(&mut app, Msg::Toggle(1)), Some(Effect::Save));
    assert_eq!(selected(&app), ["central-idp", "mfa"]);
    let s = app.session.as_ref().unwrap();
    assert_eq!(
        s.state_of(s.order[0]),
        (State::Answered, Some(Risk::Medium), false)
    );
    // Untick both: back to unanswered, and the empty answer leaves the file.
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::Toggle(1));
    assert!(app.session.as_ref().unwrap().review.answers.is_empty());
}

#[test]
fn none_of_these_is_exclusive_both_ways() {
    let mut app = app();
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::Toggle(3));
    assert_eq!(selected(&app), ["none"]);
    let s = app.session.as_ref().unwrap();
    assert_eq!(s.state_of(s.order[0]).1, Some(Risk::High));
    update(&mut app, Msg::Toggle(2));
    assert_eq!(selected(&app), ["short-lived"]);
}

#[test]
fn a_number_past_the_choices_does_nothing() {
    let mut app = app();
    assert_eq!(update(&mut app, Msg::Toggle(8)), None);
    assert!(selected(&app).is_empty());
}

#[test]
fn moving_between_questions_resets_the_highlight_and_saves_the_position() {
    let mut app = app();
    update(&mut app, Msg::Down);
    update(&mut app, Msg::Down);
    assert_eq!(app.session.as_ref().unwrap().choice, 2);
    assert_eq!(update(&mut app, Msg::NextQuestion), Some(Effect::Save));
    assert_eq!(current_id(&app), "demo/secrets");
    assert_eq!(app.session.as_ref().unwrap().choice, 0);
    assert_eq!(
        app.session.as_ref().unwrap().review.position.as_deref(),
        Some("demo/secrets")
    );
    update(&mut app, Msg::NextQuestion);
    assert_eq!(
        update(&mut app, Msg::NextQuestion),
        None,
        "no question after the last"
    );
    assert!(app.message.as_ref().unwrap().0.contains("last question"));
    update(&mut app, Msg::PrevQuestion);
    assert_eq!(current_id(&app), "demo/secrets");
}

#[test]
fn not_applicable_needs_a_reason_and_an_empty_one_clears_it() {
    let mut app = app();
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::AskNotApplicable);
    assert_eq!(update(&mut app, Msg::Submit), None);
    assert_eq!(
        app.message.as_ref().unwrap(),
        &(
            "Not applicable needs a reason; nothing changed.".to_string(),
            Tone::Error
        )
    );
    update(&mut app, Msg::AskNotApplicable);
    for c in "No humans".chars() {
        update(&mut app, Msg::InputKey(key(KeyCode::Char(c))));
    }
    assert_eq!(update(&mut app, Msg::Submit), Some(Effect::Save));
    let a = app.session.as_ref().unwrap().review.answers["demo/identities"].clone();
    assert_eq!(
        (a.state, a.reason.as_str(), a.selected.len()),
        (State::NotApplicable, "No humans", 0)
    );
    update(&mut app, Msg::AskNotApplicable);
    update(
        &mut app,
        Msg::InputKey(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    assert_eq!(update(&mut app, Msg::Submit), Some(Effect::Save));
    assert!(
        !app.session
            .as_ref()
            .unwrap()
            .review
            .answers
            .contains_key("demo/identities")
    );
}

#[test]
fn ticking_a_practice_on_a_not_applicable_question_answers_it() {
    let mut app = app();
    update(&mut app, Msg::AskNotApplicable);
    app.overlay = Some(Overlay::Reason(LineInput::new("later")));
    update(&mut app, Msg::Submit);
    update(&mut app, Msg::Toggle(1));
    let a = &app.session.as_ref().unwrap().review.answers["demo/identities"];
    assert_eq!((a.state, a.reason.as_str()), (State::Answered, ""));
}

#[test]
fn notes_are_typed_saved_and_kept_per_question() {
    let mut app = app();
    update(&mut app, Msg::EditNotes);
    assert_eq!(app.focus, Focus::Notes);
    for c in "MFA".chars() {
        assert_eq!(
            update(&mut app, Msg::NotesKey(key(KeyCode::Char(c)))),
            Some(Effect::Save)
        );
    }
    update(&mut app, Msg::NotesKey(key(KeyCode::Enter)));
    update(&mut app, Msg::NotesKey(key(KeyCode::Char('x'))));
    assert_eq!(
        app.session.as_ref().unwrap().review.answers["demo/identities"].notes,
        "MFA\nx"
    );
    update(&mut app, Msg::Back);
    assert_eq!(app.focus, Focus::Question);
    update(&mut app, Msg::NextQuestion);
    assert_eq!(app.notes.lines(), [""]);
    update(&mut app, Msg::PrevQuestion);
    assert_eq!(app.notes.lines(), ["MFA", "x"]);
}

#[test]
fn evidence_is_added_and_removed() {
    let mut app = app();
    update(&mut app, Msg::AskEvidence);
    for link in ["https://wiki/adr-12", "runbook"] {
        for c in link.chars() {
            update(&mut app, Msg::InputKey(key(KeyCode::Char(c))));
        }
        assert_eq!(update(&mut app, Msg::Submit), Some(Effect::Save));
    }
    update(&mut app, Msg::Up);
    update(&mut app, Msg::Up);
    assert_eq!(update(&mut app, Msg::DeleteEvidence), Some(Effect::Save));
    assert_eq!(
        app.session.as_ref().unwrap().review.answers["demo/identities"].evidence,
        ["runbook"]
    );
    assert_eq!(
        update(&mut app, Msg::Submit),
        None,
        "enter on an empty line closes"
    );
    assert!(app.overlay.is_none());
}

#[test]
fn flag_find_and_summary_jump() {
    let mut app = app();
    assert_eq!(update(&mut app, Msg::ToggleFlag), Some(Effect::Save));
    assert!(app.session.as_ref().unwrap().review.answers["demo/identities"].flagged);
    update(&mut app, Msg::OpenFind);
    for c in "restore".chars() {
        update(&mut app, Msg::InputKey(key(KeyCode::Char(c))));
    }
    update(&mut app, Msg::Submit);
    assert_eq!(current_id(&app), "demo/backups");
    update(&mut app, Msg::Toggle(2));
    update(&mut app, Msg::PrevQuestion);
    update(&mut app, Msg::OpenSummary);
    update(&mut app, Msg::Submit);
    assert_eq!(
        current_id(&app),
        "demo/backups",
        "enter on the summary jumps to the high risk"
    );
}

#[test]
fn quit_records_the_position_and_asks_the_loop_to_leave() {
    let mut app = app();
    update(&mut app, Msg::NextQuestion);
    assert_eq!(update(&mut app, Msg::Quit), Some(Effect::Quit));
    assert_eq!(
        app.session.as_ref().unwrap().review.position.as_deref(),
        Some("demo/secrets")
    );
}

#[test]
fn export_offers_a_path_beside_the_review() {
    let mut app = app();
    update(&mut app, Msg::AskExport);
    let Some(Overlay::Export(input)) = &app.overlay else {
        panic!("export prompt expected")
    };
    assert_eq!(input.text, "demo.backlog.md");
    assert_eq!(
        update(&mut app, Msg::Submit),
        Some(Effect::Export("demo.backlog.md".into()))
    );
}

#[test]
fn mouse_clicks_tick_practices_and_open_questions() {
    let mut app = app();
    let l = super::layout::walk(&app, ratatui::layout::Rect::new(0, 0, 100, 30));
    let (col, row) = (l.choices.x + 2, l.choices.y + 1);
    assert_eq!(
        update(
            &mut app,
            Msg::Click {
                col,
                row,
                width: 100,
                height: 30
            }
        ),
        Some(Effect::Save)
    );
    assert_eq!(selected(&app), ["mfa"]);
    // The navigator: line 0 is the pillar, 1-2 its questions, 3 the next pillar, 4 its question.
    update(
        &mut app,
        Msg::Click {
            col: 3,
            row: l.nav.y + 1 + 4,
            width: 100,
            height: 30,
        },
    );
    assert_eq!(current_id(&app), "demo/backups");
}

#[test]
fn tick_moves_the_clocks() {
    let mut app = app();
    update(&mut app, Msg::Tick(NOW + 400));
    assert_eq!(app.now - app.question_started, 400);
}

#[test]
fn the_filter_walks_a_pillar_or_the_flagged_questions() {
    let pack = load_str("demo.yaml", PACK, Source::Builtin("demo.yaml")).unwrap();
    let mut review = Review::new("W", "", "", vec![], &[&pack]);
    review.answers.insert(
        "demo/secrets".into(),
        crate::review::Answer {
            flagged: true,
            ..Default::default()
        },
    );
    let resolved = || Resolved {
        packs: vec![pack.clone()],
        changes: vec![],
        orphans: vec![],
    };
    let s = session(
        "x".into(),
        review.clone(),
        resolved(),
        &Filter {
            pillars: vec!["reliability".into()],
            flagged: false,
        },
    );
    assert_eq!(s.order.len(), 1);
    let s = session(
        "x".into(),
        review,
        resolved(),
        &Filter {
            pillars: vec![],
            flagged: true,
        },
    );
    assert_eq!((s.order.len(), s.scope.as_str()), (1, "Flagged questions"));
}

// Screens.

fn render(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

fn start_app() -> App {
    let recent = vec![Recent {
        path: "/reviews/payments.review.toml".into(),
        workload: "Payments API".into(),
        team: "Orion".into(),
        opened: "2026-11-20 14:02".into(),
    }];
    let packs = [
        "Security",
        "Reliability",
        "Operational excellence",
        "Performance efficiency",
        "Cost optimisation",
        "Sustainability",
        "Engineering excellence",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| PackChoice {
        id: name.to_lowercase().replace(' ', "-"),
        name: name.to_string(),
        questions: 10,
        selected: i < 6,
    })
    .collect();
    App::start(StartForm::new(recent, packs, "Orion", "Sam"), NOW)
}

fn walked() -> App {
    let mut app = app();
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::Toggle(1));
    app.notes = ratatui_textarea::TextArea::new(vec!["MFA for admins only".into()]);
    app.session
        .as_mut()
        .unwrap()
        .review
        .answers
        .get_mut("demo/identities")
        .unwrap()
        .notes = "MFA for admins only".into();
    update(&mut app, Msg::ToggleFlag);
    update(&mut app, Msg::NextQuestion);
    update(&mut app, Msg::PrevQuestion);
    app.message = None;
    app
}

macro_rules! screens {
    ($($name:ident => $make:expr;)*) => {$(
        #[test]
        fn $name() {
            for (w, h) in [(80, 24), (120, 40)] {
                let app: App = $make;
                insta::assert_snapshot!(format!("{}_{w}x{h}", stringify!($name)), render(&app, w, h));
            }
        }
    )*};
}

screens! {
    screen_start => start_app();
    screen_walk => walked();
    screen_notes_editing => { let mut a = walked(); update(&mut a, Msg::EditNotes); a };
    screen_not_applicable => { let mut a = walked(); update(&mut a, Msg::AskNotApplicable); a.overlay = Some(Overlay::Reason(LineInput::new("No people sign in"))); a };
    screen_summary => { let mut a = walked(); update(&mut a, Msg::NextQuestion); update(&mut a, Msg::NextQuestion); update(&mut a, Msg::Toggle(2)); update(&mut a, Msg::OpenSummary); a };
    screen_help => { let mut a = walked(); update(&mut a, Msg::OpenHelp); a };
}

#[test]
fn no_colour_keeps_states_apart_by_glyph() {
    let mut app = walked();
    app.color = false;
    let screen = render(&app, 80, 24);
    assert!(screen.contains("◑⚑"), "{screen}");
}

#[test]
fn hostile_text_never_reaches_the_screen() {
    let mut s = demo_session();
    s.review.workload = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J".into();
    s.review.answers.insert(
        "demo/identities".into(),
        crate::review::Answer {
            notes: "a\u{1b}[31mred".into(),
            ..Default::default()
        },
    );
    let app = App::walk(s, NOW);
    let screen = render(&app, 100, 30);
    assert!(
        !screen.contains('\u{1b}') && !screen.contains("pwned") && screen.contains("Evil"),
        "{screen}"
    );
    assert!(screen.contains("ared"), "{screen}");
}

#[test]
fn no_size_panics_and_small_ones_ask_for_room() {
    for app in [
        walked(),
        start_app(),
        {
            let mut a = walked();
            update(&mut a, Msg::OpenSummary);
            a
        },
        {
            let mut a = walked();
            update(&mut a, Msg::OpenHelp);
            a
        },
    ] {
        for w in [1, 2, 5, 20, 59, 60, 61, 79, 80, 200] {
            for h in [1, 2, 3, 15, 16, 17, 24, 60] {
                let screen = render(&app, w, h);
                if w < 60 || h < 16 {
                    assert!(
                        w < 10 || h < 3 || screen.contains("Make the"),
                        "{w}x{h}:\n{screen}"
                    );
                }
            }
        }
    }
}

#[test]
fn start_screen_keys_fill_the_form() {
    let mut app = start_app();
    update(&mut app, Msg::InputKey(key(KeyCode::Down)));
    for c in "Checkout".chars() {
        update(&mut app, Msg::InputKey(key(KeyCode::Char(c))));
    }
    let super::app::Screen::Start(form) = &app.screen else {
        panic!()
    };
    assert_eq!(form.fields[4].text, "checkout.review.toml");
    assert_eq!(
        update(&mut app, Msg::InputKey(key(KeyCode::Esc))),
        Some(Effect::Quit)
    );
}

#[test]
fn answers_to_removed_questions_are_listed_and_kept() {
    let pack = load_str("demo.yaml", PACK, Source::Builtin("demo.yaml")).unwrap();
    let mut review = Review::new("W", "", "", vec![], &[&pack]);
    review.answers.insert(
        "demo/retired-question".into(),
        crate::review::Answer {
            state: State::Answered,
            selected: vec!["x".into()],
            ..Default::default()
        },
    );
    let orphans = crate::review::resolve::orphans(&review, std::slice::from_ref(&pack));
    assert_eq!(orphans, ["demo/retired-question"]);
    let s = session(
        "x".into(),
        review,
        Resolved {
            packs: vec![pack],
            changes: vec![],
            orphans,
        },
        &Filter::default(),
    );
    assert!(
        s.notices
            .iter()
            .any(|n| n.contains("demo/retired-question")),
        "{:?}",
        s.notices
    );
    let mut app = App::walk(s, NOW);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .contains("no longer in the packs")
    );
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::NextQuestion);
    assert!(
        app.session
            .as_ref()
            .unwrap()
            .review
            .answers
            .contains_key("demo/retired-question")
    );
}

#[test]
fn the_clock_cues_when_a_question_runs_past_the_timebox() {
    let mut app = walked();
    app.timebox_minutes = 5;
    update(&mut app, Msg::Tick(NOW + 4 * 60));
    assert!(!render(&app, 100, 30).contains("time to decide?"));
    update(&mut app, Msg::Tick(NOW + 5 * 60 + 1));
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("question 05:01 / 5m") && screen.contains("time to decide?"),
        "{screen}"
    );
}

#[test]
fn at_80x24_every_built_in_question_shows_all_its_choices() {
    let catalog = crate::pack::Catalog::builtins();
    let packs: Vec<_> = catalog.packs().collect();
    let review = Review::new("W", "", "", vec![], &packs);
    let resolved = crate::review::resolve(&review, &catalog).unwrap();
    let mut app = App::walk(
        session("x".into(), review, resolved, &Filter::default()),
        NOW,
    );
    let total = app.session.as_ref().unwrap().order.len();
    for i in 0..total {
        super::update::jump(&mut app, i);
        let s = app.session.as_ref().unwrap();
        let (_, _, q) = s.current().unwrap();
        let l = super::layout::walk(&app, ratatui::layout::Rect::new(0, 0, 80, 24));
        assert_eq!(
            l.choices.height as usize,
            q.choices.len(),
            "{}",
            s.current_key().unwrap()
        );
        assert!(
            l.why_lines >= 1,
            "{}: no room for why",
            s.current_key().unwrap()
        );
    }
}

#[test]
fn a_recent_review_that_cannot_be_opened_says_why_on_the_start_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("held.review.toml");
    let pack = load_str("demo.yaml", PACK, Source::Builtin("demo.yaml")).unwrap();
    crate::review::store::save(&path, &Review::new("W", "", "", vec![], &[&pack])).unwrap();
    let _other_editor = crate::review::store::Lock::acquire(&path).unwrap();
    let mut catalog = crate::pack::Catalog::default();
    catalog.add(crate::pack::Origin::Builtin, pack);
    let recent = vec![Recent {
        path: path.clone(),
        workload: "W".into(),
        team: String::new(),
        opened: String::new(),
    }];
    let mut app = App::start(StartForm::new(recent, vec![], "", ""), NOW);
    let mut rt = super::Runtime {
        catalog,
        lock: None,
        recent_file: None,
        filter: Filter::default(),
        unsaved: false,
    };
    super::dispatch(&mut app, &mut rt, Msg::InputKey(key(KeyCode::Enter)));
    let super::app::Screen::Start(form) = &app.screen else {
        panic!("still on the start screen")
    };
    let error = form.error.as_deref().unwrap_or_default();
    assert!(
        error.contains("held.review.toml is being edited by"),
        "{error:?}"
    );
    assert!(render(&app, 100, 30).contains("is being edited by"));
}

#[test]
fn review_names_drop_their_ending() {
    assert_eq!(
        super::review_stem(std::path::Path::new("q4/payments.review.toml")),
        "payments"
    );
    assert_eq!(super::review_stem(std::path::Path::new("old.toml")), "old");
    assert_eq!(
        super::review_stem(std::path::Path::new(".review.toml")),
        "review"
    );
}
