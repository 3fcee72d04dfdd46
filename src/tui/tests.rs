//! The TUI without a terminal: messages in, state and effects out; whole screens as snapshots.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect, Focus, Msg, Overlay, Tone, Walk};
use super::input::LineInput;
use super::recent::Recent;
use super::start::{Field, PackChoice, StartForm};
use super::update::update;
use super::view;
use crate::pack::{Risk, Source, load_str};
use crate::review::open::bind;
use crate::review::session::{Edit, Filter};
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

pub(super) const NOW: u64 = 1_795_687_200;

pub(super) fn demo_pack() -> crate::pack::Pack {
    load_str("demo.yaml", PACK, Source::Builtin("demo.yaml")).unwrap()
}

fn catalog_of(pack: crate::pack::Pack) -> crate::pack::Catalog {
    let mut catalog = crate::pack::Catalog::default();
    catalog.add(crate::pack::Origin::Builtin, pack);
    catalog
}

/// A walk over `review` (answered against the demo pack) with a filter.
pub(super) fn walk_of(review: Review, filter: &Filter) -> Walk {
    let opened = bind(
        "demo.review.toml".as_ref(),
        review,
        &catalog_of(demo_pack()),
    )
    .unwrap();
    super::walk(opened, filter).unwrap()
}

pub(super) fn demo_review() -> Review {
    let mut review = Review::new(
        "Payments API",
        "Orion",
        "Sam",
        vec!["Ana".into()],
        &[&demo_pack()],
    );
    review.created = Timestamp(NOW as i64);
    review.updated = Timestamp(NOW as i64);
    review
}

fn demo_session() -> Walk {
    walk_of(demo_review(), &Filter::default())
}

pub(super) fn app() -> App {
    App::walk(demo_session(), NOW)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn selected(app: &App) -> Vec<String> {
    app.session()
        .unwrap()
        .current_answer()
        .map(|a| a.selected.clone())
        .unwrap_or_default()
}

fn current_id(app: &App) -> String {
    app.session().unwrap().current_key().unwrap()
}

pub(super) fn answer(app: &App, key: &str) -> crate::review::Answer {
    app.session().unwrap().review().answers[key].clone()
}

#[test]
fn opens_at_the_first_practice_of_the_first_unanswered_question() {
    let mut r = demo_review();
    r.answers.insert(
        "demo/identities".into(),
        crate::review::Answer {
            state: State::Answered,
            selected: vec!["mfa".into()],
            ..Default::default()
        },
    );
    let app = App::walk(walk_of(r, &Filter::default()), NOW);
    assert_eq!(current_id(&app), "demo/secrets");
    assert_eq!(app.choice, 0);
}

#[test]
fn a_resumed_review_opens_where_it_was_left() {
    let mut r = demo_review();
    r.position = Some("demo/backups".into());
    let app = App::walk(walk_of(r, &Filter::default()), NOW);
    assert_eq!(current_id(&app), "demo/backups");
}

#[test]
fn space_and_numbers_toggle_and_every_change_saves() {
    let mut app = app();
    assert_eq!(update(&mut app, Msg::ToggleHighlighted), Some(Effect::Save));
    assert_eq!(update(&mut app, Msg::Toggle(1)), Some(Effect::Save));
    assert_eq!(selected(&app), ["central-idp", "mfa"]);
    let s = app.session().unwrap();
    assert_eq!(
        s.status(s.order()[0]),
        (State::Answered, Some(Risk::Medium))
    );
    // Untick both: back to unanswered, and the empty answer leaves the file.
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::Toggle(1));
    assert!(app.session().unwrap().review().answers.is_empty());
}

#[test]
fn none_of_these_is_exclusive_both_ways() {
    let mut app = app();
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::Toggle(3));
    assert_eq!(selected(&app), ["none"]);
    let s = app.session().unwrap();
    assert_eq!(s.status(s.order()[0]).1, Some(Risk::High));
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
    assert_eq!(app.choice, 2);
    assert_eq!(update(&mut app, Msg::NextQuestion), Some(Effect::Save));
    assert_eq!(current_id(&app), "demo/secrets");
    assert_eq!(app.choice, 0);
    assert_eq!(
        app.session().unwrap().review().position.as_deref(),
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
    let a = answer(&app, "demo/identities");
    assert_eq!(
        (a.state, a.reason.as_str(), a.selected.len()),
        (State::NotApplicable, "No humans", 1),
        "the tick is kept, to come back when n/a is cleared"
    );
    update(&mut app, Msg::AskNotApplicable);
    update(
        &mut app,
        Msg::InputKey(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    assert_eq!(update(&mut app, Msg::Submit), Some(Effect::Save));
    let a = answer(&app, "demo/identities");
    assert_eq!(
        (a.state, a.selected.as_slice()),
        (State::Answered, ["central-idp".to_string()].as_slice()),
        "clearing n/a brings the earlier answer back"
    );
}

#[test]
fn ticking_a_practice_on_a_not_applicable_question_answers_it() {
    let mut app = app();
    update(&mut app, Msg::AskNotApplicable);
    app.overlay = Some(Overlay::Reason(LineInput::new("later")));
    update(&mut app, Msg::Submit);
    update(&mut app, Msg::Toggle(1));
    let a = answer(&app, "demo/identities");
    assert_eq!((a.state, a.reason.as_str()), (State::Answered, ""));
}

#[test]
fn notes_are_typed_saved_and_kept_per_question() {
    let mut app = app();
    update(&mut app, Msg::EditNotes);
    assert_eq!(app.focus, Focus::Editing);
    for c in "MFA".chars() {
        assert_eq!(
            update(&mut app, Msg::NotesKey(key(KeyCode::Char(c)))),
            Some(Effect::Save)
        );
    }
    update(&mut app, Msg::NotesKey(key(KeyCode::Enter)));
    update(&mut app, Msg::NotesKey(key(KeyCode::Char('x'))));
    assert_eq!(answer(&app, "demo/identities").notes, "MFA\nx");
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
    assert_eq!(answer(&app, "demo/identities").evidence, ["runbook"]);
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
    assert_eq!(update(&mut app, Msg::ToggleFlag), None, "asks why first");
    for c in "ask the DBA".chars() {
        update(&mut app, Msg::InputKey(key(KeyCode::Char(c))));
    }
    assert_eq!(update(&mut app, Msg::Submit), Some(Effect::Save));
    let a = answer(&app, "demo/identities");
    assert!(a.flagged);
    assert_eq!(a.flag_reason, "ask the DBA");
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
        app.session().unwrap().review().position.as_deref(),
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
    let line = l
        .visible()
        .iter()
        .position(|d| {
            d.part
                == super::layout::Part::Choice {
                    index: 1,
                    first: true,
                }
        })
        .unwrap();
    let (col, row) = (l.body.x + 12, l.body.y + line as u16);
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
    let mut review = demo_review();
    review.answers.insert(
        "demo/secrets".into(),
        crate::review::Answer {
            flagged: true,
            ..Default::default()
        },
    );
    let w = walk_of(
        review.clone(),
        &Filter {
            pillars: vec!["reliability".into()],
            ..Filter::default()
        },
    );
    assert_eq!(w.session.order().len(), 1);
    let app = App::walk(
        walk_of(
            review,
            &Filter {
                flagged: true,
                ..Filter::default()
            },
        ),
        NOW,
    );
    assert_eq!(
        (app.session().unwrap().order().len(), app.scope().as_str()),
        (1, "Flagged questions")
    );
}

// Screens.

pub(super) fn render(app: &App, w: u16, h: u16) -> String {
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
    App::start(StartForm::new(recent, packs, "Orion", "Sam", None), NOW)
}

fn walked() -> App {
    let mut app = app();
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::Toggle(1));
    app.session_mut().unwrap().apply(
        Edit::Notes("MFA for admins only".into()),
        Timestamp(NOW as i64),
    );
    app.question_opened();
    update(&mut app, Msg::ToggleFlag);
    app.overlay = Some(Overlay::Flag(LineInput::new("check with the IdP team")));
    update(&mut app, Msg::Submit);
    update(&mut app, Msg::NextQuestion);
    update(&mut app, Msg::PrevQuestion);
    app.message = None;
    app
}

macro_rules! screens {
    ($($name:ident => $make:expr;)*) => {$(
        #[test]
        fn $name() {
            for (w, h) in [(80, 24), (100, 30), (120, 40)] {
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
    screen_help_scrolled => { let mut a = walked(); update(&mut a, Msg::OpenHelp); for _ in 0..40 { update(&mut a, Msg::Down); } a };
    screen_present => { let mut a = walked(); update(&mut a, Msg::TogglePresent); a.message = None; a };
    screen_why_open => { let mut a = walked(); update(&mut a, Msg::ToggleWhy); a };
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
    let mut r = demo_review();
    r.workload = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J".into();
    r.answers.insert(
        "demo/identities".into(),
        crate::review::Answer {
            notes: "a\u{1b}[31mred".into(),
            ..Default::default()
        },
    );
    let app = App::walk(walk_of(r, &Filter::default()), NOW);
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

/// Presses a key as the terminal would deliver it: through the key table, then `update`.
pub(super) fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
    let event = ratatui::crossterm::event::Event::Key(key(code));
    let msg = super::keys::to_msg(app, &event, (100, 30))?;
    update(app, msg)
}

fn form(app: &App) -> &StartForm {
    let super::app::Screen::Start(form) = &app.screen else {
        panic!("the start screen is up")
    };
    form
}

#[test]
fn start_screen_keys_fill_the_form() {
    let mut app = start_app();
    // Past the recent review and the open row, to the workload.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    for c in "Checkout".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    assert_eq!(form(&app).field(Field::File).text, "checkout.review.toml");
    assert_eq!(form(&app).field(Field::Workload).text, "Checkout");
    assert_eq!(press(&mut app, KeyCode::Esc), Some(Effect::Quit));
}

#[test]
fn enter_on_a_pack_row_moves_on_and_space_ticks() {
    let mut app = start_app();
    // The recent review, the open row, ten fields, then the first pack.
    for _ in 0..12 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(form(&app).row, super::start::Row::Pack(0));
    assert!(form(&app).packs[0].selected);
    press(&mut app, KeyCode::Enter);
    assert!(form(&app).packs[0].selected, "enter never unticks a pack");
    assert_eq!(form(&app).row, super::start::Row::Pack(1));
    press(&mut app, KeyCode::Char(' '));
    assert!(!form(&app).packs[1].selected, "space does");
    assert_eq!(
        press(&mut app, KeyCode::Char('q')),
        Some(Effect::Quit),
        "q quits outside a text field"
    );
}

#[test]
fn answers_to_removed_questions_are_listed_and_kept() {
    let mut review = demo_review();
    review.answers.insert(
        "demo/retired-question".into(),
        crate::review::Answer {
            state: State::Answered,
            selected: vec!["x".into()],
            ..Default::default()
        },
    );
    let w = walk_of(review, &Filter::default());
    assert!(
        w.notices
            .iter()
            .any(|n| n.contains("demo/retired-question")),
        "{:?}",
        w.notices
    );
    let mut app = App::walk(w, NOW);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .contains("names a question none of its packs has")
    );
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::NextQuestion);
    assert!(
        app.session()
            .unwrap()
            .review()
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
        screen.contains("question 05:01 of 5m") && screen.contains("time to decide?"),
        "{screen}"
    );
}

/// The text of the screen's rows between `top` and `bottom` (exclusive), columns `left..right`,
/// joined with spaces and with runs of spaces collapsed.
fn pane_text(screen: &ratatui::buffer::Buffer, rect: ratatui::layout::Rect) -> String {
    let mut rows = Vec::new();
    for y in rect.y..rect.y + rect.height {
        let row: String = (rect.x..rect.x + rect.width)
            .map(|x| screen[(x, y)].symbol().to_string())
            .collect();
        rows.push(row);
    }
    rows.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_built_in_practice_title_can_be_read_in_full_at_80x24_and_100x30() {
    let catalog = crate::pack::Catalog::builtins();
    let packs: Vec<_> = catalog.packs().collect();
    let review = Review::new("W", "", "", vec![], &packs);
    let opened = bind("x".as_ref(), review, &catalog).unwrap();
    let mut app = App::walk(super::walk(opened, &Filter::default()).unwrap(), NOW);
    let total = app.session().unwrap().order().len();
    let mut checked = 0;
    for (w, h) in [(80, 24), (100, 30)] {
        for i in 0..total {
            app.session_mut().unwrap().apply(Edit::Go(i), Timestamp(0));
            app.question_opened();
            let count = app.session().unwrap().current().unwrap().2.choices.len();
            for c in 0..count {
                app.choice = c;
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal.draw(|f| view::draw(&app, f)).unwrap();
                let l = super::layout::walk(&app, ratatui::layout::Rect::new(0, 0, w, h));
                let shown = pane_text(terminal.backend().buffer(), l.body);
                let (_, _, q) = app.session().unwrap().current().unwrap();
                let title: String = q.choices[c]
                    .title
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(
                    shown.contains(&title),
                    "{w}x{h} {}/{}: {title:?} not whole in:\n{shown}",
                    q.id,
                    q.choices[c].id
                );
                assert!(
                    !shown.contains('…') || shown.contains("… w more"),
                    "{shown}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 700, "{checked}");
}

#[test]
fn a_recent_review_that_cannot_be_opened_says_why_on_the_start_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("held.review.toml");
    let pack = demo_pack();
    crate::review::store::save(&path, &Review::new("W", "", "", vec![], &[&pack])).unwrap();
    let _other_editor = crate::review::store::Lock::acquire(&path).unwrap();
    let catalog = catalog_of(pack);
    let recent = vec![Recent {
        path: path.clone(),
        workload: "W".into(),
        team: String::new(),
        opened: String::new(),
    }];
    let mut app = App::start(StartForm::new(recent, vec![], "", "", None), NOW);
    let mut rt = super::Runtime {
        catalog,
        lock: None,
        recent_file: None,
        filter: Filter::default(),
        saved: None,
    };
    super::dispatch(&mut app, &mut rt, Msg::Submit);
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

#[test]
fn an_empty_walk_takes_every_key_without_panicking() {
    // `--flagged` with nothing flagged: nothing to walk.
    let w = walk_of(
        demo_review(),
        &Filter {
            flagged: true,
            ..Filter::default()
        },
    );
    assert!(
        w.notices
            .iter()
            .any(|n| n.contains("no question is flagged"))
    );
    let mut app = App::walk(w, NOW);
    let codes = [
        KeyCode::Char('a'),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('e'),
        KeyCode::Char('x'),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('n'),
        KeyCode::Char('f'),
        KeyCode::Char(' '),
        KeyCode::Char('1'),
        KeyCode::Char('0'),
        KeyCode::Down,
        KeyCode::Up,
        KeyCode::Right,
        KeyCode::Left,
        KeyCode::Tab,
        KeyCode::Down,
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Char('/'),
        KeyCode::Char('z'),
        KeyCode::Enter,
        KeyCode::Char('s'),
        KeyCode::Enter,
        KeyCode::Char('s'),
        KeyCode::Char('?'),
        KeyCode::Esc,
    ];
    for code in codes {
        press(&mut app, code);
        for (w, h) in [(80, 24), (100, 30)] {
            render(&app, w, h);
        }
    }
    assert!(app.session().unwrap().review().answers.is_empty());
    assert_eq!(press(&mut app, KeyCode::Char('q')), Some(Effect::Quit));
}

#[test]
fn a_narrowed_walk_summarises_the_whole_review() {
    let mut review = demo_review();
    // A high risk in security, then walk only reliability.
    review.answers.insert(
        "demo/identities".into(),
        crate::review::Answer {
            state: State::Answered,
            selected: vec!["none".into()],
            ..Default::default()
        },
    );
    let mut app = App::walk(
        walk_of(
            review,
            &Filter {
                pillars: vec!["reliability".into()],
                ..Filter::default()
            },
        ),
        NOW,
    );
    press(&mut app, KeyCode::Char('s'));
    let screen = render(&app, 100, 30);
    assert!(screen.contains("1 high, 0 medium"), "{screen}");
    assert!(screen.contains("To act on: 1 high"), "{screen}");
    assert!(screen.contains("HIGH   identities"), "{screen}");
    // Opening it widens the walk to every question.
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_id(&app), "demo/identities");
    assert_eq!(app.scope(), "Questions");
}

#[test]
fn the_header_and_the_scorecard_agree_on_completion() {
    let mut app = app();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('1'));
    let card = super::update::scorecard(&app).unwrap();
    let pct = crate::review::score::percent(card.completion);
    assert_eq!(pct, 67, "2 of 3 rounds to 67, not 66");
    assert!(render(&app, 100, 30).contains("2/3 answered (67%)"));
}

#[test]
fn keys_doc_matches_the_key_table() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/review-screen.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- keys:start -->\n", "<!-- keys:end -->");
    let a = doc.find(start).expect("the keys:start marker") + start.len();
    let b = doc.find(end).expect("the keys:end marker");
    let table = super::keys::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, format!("{}{table}{}", &doc[..a], &doc[b..])).unwrap();
        return;
    }
    assert_eq!(
        &doc[a..b],
        table,
        "docs/review-screen.md differs from the key table: run UPDATE_DOCS=1 cargo test keys_doc"
    );
}

#[test]
fn the_summary_shows_the_last_milestone_and_the_targets() {
    let mut app = walked();
    let s = app.session().unwrap();
    let card = crate::review::score(s.review(), s.packs());
    let milestone = crate::review::milestone::Milestone::freeze(
        "q3",
        Timestamp(NOW as i64),
        s.review(),
        &s.review().packs,
        &card,
    );
    app.walk.as_mut().unwrap().milestone = Some(milestone);
    app.config_targets.insert("security".into(), 80.0);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('s'));
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("Milestone q3 (2026-11-26): score 50"),
        "{screen}"
    );
    assert!(screen.contains("was 50"), "{screen}");
    let bars = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(&format!(" {name} ")) && l.contains('░'))
            .map_or(0, |l| l.matches('┃').count())
    };
    assert_eq!(
        bars("Security"),
        bars("Reliability") + 1,
        "the security bar marks its target:\n{screen}"
    );
}

#[test]
fn a_paste_is_one_edit_in_the_notes_and_one_line_in_an_input() {
    let mut app = app();
    update(&mut app, Msg::EditNotes);
    let pasted = "first line\r\nsecond\u{1b}[31m line\tend";
    assert_eq!(
        update(&mut app, Msg::Paste(pasted.into())),
        Some(Effect::Save)
    );
    assert_eq!(
        answer(&app, "demo/identities").notes,
        "first line\nsecond line end"
    );
    update(&mut app, Msg::Back);
    update(&mut app, Msg::AskEvidence);
    update(&mut app, Msg::Paste("https://wiki/a\nb".into()));
    let Some(Overlay::Evidence { input, .. }) = &app.overlay else {
        panic!("the evidence input is open")
    };
    assert_eq!(input.text, "https://wiki/a b");
    // Too much for a note is refused whole, and said.
    update(&mut app, Msg::Back);
    update(&mut app, Msg::EditNotes);
    update(&mut app, Msg::Paste("x".repeat(70 * 1024)));
    assert!(answer(&app, "demo/identities").notes.len() < 100);
    assert!(app.message.as_ref().unwrap().0.contains("64 KiB"));
}

#[test]
fn notes_over_the_limit_are_shown_not_edited() {
    let mut r = demo_review();
    let huge = "word ".repeat(400_000);
    r.answers.insert(
        "demo/identities".into(),
        crate::review::Answer {
            notes: huge.clone(),
            ..Default::default()
        },
    );
    let mut app = App::walk(walk_of(r, &Filter::default()), NOW);
    assert_eq!(app.notes.lines(), [""], "not loaded into the editor");
    update(&mut app, Msg::EditNotes);
    assert_ne!(app.focus, Focus::Editing);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .contains("longer than 64 KiB")
    );
    let screen = render(&app, 100, 30);
    assert!(screen.contains("word word"), "{screen}");
    assert_eq!(answer(&app, "demo/identities").notes, huge);
}

#[test]
fn a_quit_that_cannot_save_offers_another_file_or_leaving_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = demo_session();
    // A file in a folder that does not exist cannot be written.
    w.file = dir.path().join("gone/demo.review.toml");
    let saved = w.session.review().clone();
    let mut app = App::walk(w, NOW);
    let mut rt = super::Runtime {
        catalog: catalog_of(demo_pack()),
        lock: None,
        recent_file: None,
        filter: Filter::default(),
        saved: Some(saved),
    };
    super::dispatch(&mut app, &mut rt, Msg::Toggle(0));
    super::dispatch(&mut app, &mut rt, Msg::Quit);
    assert!(!app.quit, "never leaves silently");
    let Some(Overlay::Unsaved { lost, input, .. }) = &app.overlay else {
        panic!("asks what to do")
    };
    assert_eq!(*lost, 1);
    assert!(
        input.text.ends_with("demo.rescued.review.toml"),
        "{}",
        input.text
    );
    assert!(render(&app, 80, 24).contains("1 answer on screen is not in the file yet"));
    // Esc stays; then save elsewhere.
    super::dispatch(&mut app, &mut rt, Msg::Back);
    assert!(!app.quit && app.overlay.is_none());
    super::dispatch(&mut app, &mut rt, Msg::Quit);
    let elsewhere = dir.path().join("rescue.review.toml");
    app.overlay = Some(Overlay::Unsaved {
        error: String::new(),
        lost: 1,
        input: LineInput::new(&elsewhere.display().to_string()),
    });
    super::dispatch(&mut app, &mut rt, Msg::Submit);
    assert!(app.quit);
    let text = std::fs::read_to_string(&elsewhere).unwrap();
    assert!(text.contains("central-idp"), "{text}");
    assert_eq!(app.saved_elsewhere.as_deref(), Some(elsewhere.as_path()));
}

#[test]
fn leaving_unsaved_is_a_choice_made_knowingly() {
    let mut w = demo_session();
    w.file = "/nonexistent-folder/demo.review.toml".into();
    let saved = w.session.review().clone();
    let mut app = App::walk(w, NOW);
    let mut rt = super::Runtime {
        catalog: catalog_of(demo_pack()),
        lock: None,
        recent_file: None,
        filter: Filter::default(),
        saved: Some(saved),
    };
    super::dispatch(&mut app, &mut rt, Msg::Toggle(0));
    super::dispatch(&mut app, &mut rt, Msg::Quit);
    let event = ratatui::crossterm::event::Event::Key(KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::CONTROL,
    ));
    let msg = super::keys::to_msg(&app, &event, (80, 24)).unwrap();
    super::dispatch(&mut app, &mut rt, msg);
    assert!(app.quit);
}

/// The walk on the built-in security pack as the README and docs/review-screen.md show it: a
/// snapshot, and the two documents hold the same text between their `walk` markers.
#[test]
fn the_documented_walk_is_the_real_one() {
    let catalog = crate::pack::Catalog::builtins();
    let packs = catalog.default_review_packs();
    let mut review = Review::new("Payments API", "Orion", "Sam", vec![], &packs);
    review.created = Timestamp(NOW as i64);
    review.updated = Timestamp(NOW as i64);
    let opened = bind("payments.review.toml".as_ref(), review, &catalog).unwrap();
    let mut app = App::walk(super::walk(opened, &Filter::default()).unwrap(), NOW);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Down);
    let screen = render(&app, 100, 30);
    insta::assert_snapshot!("documented_walk_100x30", screen);
    let capture: String = screen
        .lines()
        .map(|l| format!("{}\n", l.trim_matches('"').trim_end()))
        .collect();
    let block = format!("```\n{capture}```\n");
    for doc in ["README.md", "docs/review-screen.md"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
        let text = std::fs::read_to_string(&path).unwrap();
        let (start, end) = ("<!-- walk:start -->\n", "<!-- walk:end -->");
        let a = text.find(start).expect("the walk:start marker") + start.len();
        let b = text.find(end).expect("the walk:end marker");
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, format!("{}{block}{}", &text[..a], &text[b..])).unwrap();
            continue;
        }
        assert_eq!(
            &text[a..b],
            block,
            "{doc} shows another walk: run UPDATE_DOCS=1 cargo test documented_walk"
        );
    }
}

#[test]
fn adding_evidence_shows_what_proof_the_pack_asks_for() {
    let catalog = crate::pack::Catalog::builtins();
    let packs = catalog.default_review_packs();
    let review = Review::new("W", "", "", vec![], &packs);
    let opened = bind("x.review.toml".as_ref(), review, &catalog).unwrap();
    let mut app = App::walk(super::walk(opened, &Filter::default()).unwrap(), NOW);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('e'));
    let (_, _, q) = app.session().unwrap().current().unwrap();
    let evidence: String = q.choices[1]
        .evidence
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let screen = render(&app, 100, 30);
    assert!(screen.contains("Proof that fits"), "{screen}");
    assert!(screen.contains(&evidence), "{evidence:?} in\n{screen}");
}
