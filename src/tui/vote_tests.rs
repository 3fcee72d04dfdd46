//! Rounds in the room, the reveal and a voter's walk, fed message by message; their screens as
//! snapshots.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::pack::{Catalog, Origin, Pack, Source as PackSource, load_str};
use crate::review::open::bind;
use crate::review::session::Filter;
use crate::review::{Review, State};
use crate::tui::app::Walk;
use crate::tui::ballot::Ballot;
use crate::tui::update::update;
use crate::vote::file::{VoterFile, save_voter, voter_path};

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
        why: Stolen credentials are the usual way in.
        choices:
          - { id: sso, title: People sign in through one identity provider, improve: x }
          - { id: mfa, title: Multi-factor authentication for every human account, improve: x }
          - { id: none, title: None of these, none: true }
        risk:
          - none: sso && mfa
          - medium: sso
          - default: high
      - id: secrets
        title: How do you keep secrets out of code?
        choices:
          - { id: vault, title: Secrets live in a secrets manager, improve: x }
          - { id: none, title: None of these, none: true }
"#;

const NOW: u64 = 1_795_687_200;

fn pack() -> Pack {
    load_str("demo.yaml", PACK, PackSource::Builtin("demo.yaml")).unwrap()
}

fn review(participants: &[&str], facilitator: &str) -> Review {
    let mut r = Review::new(
        "Payments API",
        "Orion",
        facilitator,
        participants.iter().map(ToString::to_string).collect(),
        &[&pack()],
    );
    r.created = Timestamp(NOW as i64);
    r.updated = Timestamp(NOW as i64);
    r
}

fn walk_at(path: &Path, r: Review) -> Walk {
    let mut catalog = Catalog::default();
    catalog.add(Origin::Builtin, pack());
    let opened = bind(path, r, &catalog).unwrap();
    crate::tui::walk(opened, &Filter::default()).unwrap()
}

fn app_with(r: Review) -> App {
    App::walk(walk_at(Path::new("demo.review.toml"), r), NOW)
}

fn app() -> App {
    app_with(review(&["Ana", "Ben", "Cleo"], "Sam"))
}

fn round(app: &App) -> &Round {
    match &app.overlay {
        Some(Overlay::Round(r)) => r,
        other => panic!("no round: {other:?}"),
    }
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| super::super::view::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

/// Ana ticks 1 and 2, Ben 1, Cleo "None of these", Sam passes.
fn three_votes(app: &mut App) -> Option<Effect> {
    update(app, Msg::StartRound);
    update(app, Msg::Toggle(0));
    update(app, Msg::Toggle(1));
    update(app, Msg::Submit);
    update(app, Msg::Toggle(0));
    update(app, Msg::Submit);
    update(app, Msg::ChooseNone);
    update(app, Msg::Submit);
    update(app, Msg::Submit)
}

#[test]
fn a_round_hides_earlier_votes_and_ends_in_the_reveal() {
    let mut app = app();
    update(&mut app, Msg::StartRound);
    assert_eq!(round(&app).voters, ["Ana", "Ben", "Cleo", "Sam"]);
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::Toggle(1));
    assert_eq!(round(&app).answer.selected, ["sso", "mfa"]);
    update(&mut app, Msg::ChooseNone);
    assert_eq!(
        round(&app).answer.selected,
        ["none"],
        "the rules of answering hold"
    );
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::Toggle(1));
    update(&mut app, Msg::Submit);
    assert_eq!(round(&app).turn, 1);
    assert!(
        round(&app).answer.selected.is_empty(),
        "Ana's ticks are hidden"
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Ben's turn (2 of 4)"), "{screen}");
    assert!(!screen.contains("[x]"), "{screen}");
    assert!(screen.contains("Then: Cleo, Sam."), "{screen}");

    let mut app = app;
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::Submit);
    update(&mut app, Msg::ChooseNone);
    update(&mut app, Msg::Submit);
    let effect = update(&mut app, Msg::Submit);
    let Some(Effect::RecordRound(recorded)) = effect else {
        panic!("{effect:?}");
    };
    assert_eq!(recorded.key, "demo/identities");
    assert_eq!(recorded.at, Timestamp(NOW as i64));
    let votes: Vec<(&str, Vec<&str>)> = recorded
        .votes
        .iter()
        .map(|(v, ids)| (v.as_str(), ids.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        votes,
        [
            ("Ana", vec!["sso", "mfa"]),
            ("Ben", vec!["sso"]),
            ("Cleo", vec!["none"])
        ],
        "Sam passed"
    );
    assert!(matches!(app.overlay, Some(Overlay::Reveal { .. })));
    let t = current_tally(&app).unwrap();
    assert_eq!(t.agreed, ["sso"]);
    assert!(
        app.session().unwrap().current_answer().is_none(),
        "nothing taken yet"
    );
}

#[test]
fn enter_on_the_reveal_takes_the_agreed_answer_into_the_review() {
    let mut app = app();
    three_votes(&mut app);
    assert_eq!(update(&mut app, Msg::Submit), Some(Effect::Save));
    let a = app.session().unwrap().current_answer().unwrap();
    assert_eq!(
        (a.state, a.selected.as_slice()),
        (State::Answered, &["sso".to_string()][..])
    );
    assert!(
        app.overlay.is_none(),
        "closed, for the facilitator to adjust"
    );
    assert_eq!(
        app.message.as_ref().unwrap().0,
        "Agreed answer taken: 1 → MEDIUM. Adjust it as the squad decides."
    );
    assert!(app.changed);
    update(&mut app, Msg::ShowVotes);
    assert_eq!(update(&mut app, Msg::Submit), None);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .starts_with("The review already has")
    );
}

#[test]
fn escape_stops_a_round_and_everyone_passing_gives_no_vote() {
    let mut app = app();
    update(&mut app, Msg::StartRound);
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::Submit);
    assert_eq!(update(&mut app, Msg::Back), None);
    assert!(app.overlay.is_none());
    assert!(app.votes.votes.by_question.is_empty());
    update(&mut app, Msg::StartRound);
    for _ in 0..4 {
        assert_eq!(update(&mut app, Msg::Submit), None);
    }
    assert!(app.overlay.is_none());
    assert_eq!(
        app.message.as_ref().unwrap().0,
        "Everyone passed: no vote was given."
    );
}

#[test]
fn a_round_needs_voters() {
    let mut app = app_with(review(&[], ""));
    update(&mut app, Msg::StartRound);
    assert!(app.overlay.is_none());
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .starts_with("Nobody to vote")
    );
}

#[test]
fn the_reveal_looks_for_new_votes_on_the_clock_only_while_it_is_up() {
    let mut app = app();
    assert_eq!(update(&mut app, Msg::Tick(NOW + 1)), None);
    assert_eq!(
        update(&mut app, Msg::ShowVotes),
        Some(Effect::ReadVotes { force: true })
    );
    assert_eq!(
        update(&mut app, Msg::Tick(NOW + 2)),
        Some(Effect::ReadVotes { force: false })
    );
    update(&mut app, Msg::Back);
    assert_eq!(update(&mut app, Msg::Tick(NOW + 3)), None);
}

#[test]
fn a_vote_file_written_while_the_screen_is_open_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.review.toml");
    let r = review(&["Ana", "Ben"], "Sam");
    let mut app = App::walk(walk_at(&path, r.clone()), NOW);
    update(&mut app, Msg::ShowVotes);
    let Some(Msg::VotesRead(read)) = perform_read(&app, true) else {
        panic!("the first read always happens");
    };
    update(&mut app, Msg::VotesRead(read));
    assert!(current_tally(&app).is_none());
    assert!(perform_read(&app, false).is_none(), "nothing changed");

    let mut votes = std::collections::BTreeMap::new();
    votes.insert(
        "demo/identities".to_string(),
        crate::vote::Vote {
            selected: vec!["mfa".into()],
            updated: Timestamp(NOW as i64),
        },
    );
    let file = VoterFile {
        voter: "Ben".into(),
        position: None,
        votes,
    };
    save_voter(&voter_path(&path, "Ben"), &r, &file).unwrap();
    let Some(Msg::VotesRead(read)) = perform_read(&app, false) else {
        panic!("a new file is read");
    };
    update(&mut app, Msg::VotesRead(read));
    let t = current_tally(&app).unwrap();
    assert_eq!(t.voters[0].voter, "Ben");
    assert!(render(&app, 80, 24).contains("Not voted yet: Ana, Sam"));
}

#[test]
fn a_rounds_votes_go_to_the_room_file_and_stay_on_screen_when_it_cannot_take_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.review.toml");
    let mut app = App::walk(walk_at(&path, review(&["Ana", "Ben", "Cleo"], "Sam")), NOW);
    let Some(Effect::RecordRound(recorded)) = three_votes(&mut app) else {
        panic!("a round with votes is recorded");
    };
    let Some(Msg::VotesRead(read)) = perform_record(&app, recorded.clone()) else {
        panic!("the folder is read after recording");
    };
    assert!(read.error.is_none(), "{:?}", read.error);
    let text = std::fs::read_to_string(dir.path().join("p.votes/_room.toml")).unwrap();
    assert!(text.contains("[votes.\"demo/identities\".Cleo]"), "{text}");
    assert_eq!(read.votes.by_question["demo/identities"].len(), 3);

    // A corrupt room file is never replaced; the round's votes stay for this sitting.
    std::fs::write(dir.path().join("p.votes/_room.toml"), "garbage [").unwrap();
    let Some(Msg::VotesRead(read)) = perform_record(&app, recorded) else {
        panic!("still read");
    };
    assert!(
        read.error
            .as_deref()
            .unwrap()
            .starts_with("Votes NOT stored (shown for this sitting only): "),
        "{:?}",
        read.error
    );
    assert_eq!(read.votes.by_question["demo/identities"].len(), 3);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.votes/_room.toml")).unwrap(),
        "garbage ["
    );
}

fn voters_walk() -> App {
    let mut app = app();
    app.ballot = Some(Ballot {
        voter: "Ana".into(),
        file: "demo.votes/ana.toml".into(),
    });
    app.message = None;
    app
}

#[test]
fn a_voters_walk_ticks_and_refuses_the_rest() {
    let mut app = voters_walk();
    for msg in [
        Msg::EditNotes,
        Msg::AskEvidence,
        Msg::AskNotApplicable,
        Msg::ToggleFlag,
        Msg::AskExport,
        Msg::OpenSummary,
        Msg::StartRound,
        Msg::ShowVotes,
        Msg::AskPracticeNa,
        Msg::AskAccept,
        Msg::Confirm,
        Msg::AskOwner,
    ] {
        app.message = None;
        assert_eq!(update(&mut app, msg.clone()), None, "{msg:?}");
        assert!(app.overlay.is_none(), "{msg:?}");
        assert!(
            app.message
                .as_ref()
                .unwrap()
                .0
                .starts_with("A vote is ticks only"),
            "{msg:?}"
        );
    }
    assert_eq!(update(&mut app, Msg::Toggle(0)), Some(Effect::Save));
    let hints: Vec<&str> = crate::tui::keys::footer_of(&app)
        .into_iter()
        .map(|(_, what)| what)
        .collect();
    assert!(
        hints.contains(&"tick") && !hints.contains(&"notes") && !hints.contains(&"vote"),
        "{hints:?}"
    );
}

#[test]
fn many_voters_are_listed_by_name_with_the_counts_first() {
    let names = [
        "Annabelle",
        "Bartholomew",
        "Cleopatra",
        "Dimitrios",
        "Evangeline",
        "Fitzgerald",
        "Gwendolyn",
        "Hieronymus",
    ];
    let mut app = app_with(review(&names, ""));
    update(&mut app, Msg::StartRound);
    for n in 0..names.len() {
        update(&mut app, Msg::Toggle(usize::from(n % 3 == 0)));
        update(&mut app, Msg::Submit);
    }
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("5/8  63%  Bartholomew, Cleopatra"),
        "{screen}"
    );
    assert!(
        screen.contains("3/8  63%  Annabelle, Dimitrios, Gwendolyn"),
        "{screen}"
    );
}

macro_rules! screens {
    ($($name:ident => $make:expr;)*) => {$(
        #[test]
        fn $name() {
            for (w, h) in [(80, 24), (100, 30)] {
                let app: App = $make;
                insta::assert_snapshot!(format!("{}_{w}x{h}", stringify!($name)), render(&app, w, h));
            }
        }
    )*};
}

screens! {
    screen_round => { let mut a = app(); update(&mut a, Msg::StartRound); update(&mut a, Msg::Toggle(0)); update(&mut a, Msg::Submit); update(&mut a, Msg::Toggle(1)); a };
    screen_reveal => { let mut a = app(); three_votes(&mut a); a };
    screen_reveal_empty => { let mut a = app(); update(&mut a, Msg::ShowVotes); a };
    screen_voters_walk => { let mut a = voters_walk(); update(&mut a, Msg::Toggle(1)); a };
}

#[test]
fn the_summary_names_where_the_votes_differed_most() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.review.toml");
    let r = review(&["Ana", "Ben"], "Sam");
    for (voter, ticks) in [("Ana", vec!["sso", "mfa"]), ("Ben", vec!["sso"])] {
        let mut votes = std::collections::BTreeMap::new();
        votes.insert(
            "demo/identities".to_string(),
            crate::vote::Vote {
                selected: ticks.into_iter().map(String::from).collect(),
                updated: Timestamp(NOW as i64),
            },
        );
        let file = VoterFile {
            voter: voter.into(),
            position: None,
            votes,
        };
        save_voter(&voter_path(&path, voter), &r, &file).unwrap();
    }
    let mut app = App::walk(walk_at(&path, r), NOW);
    assert_eq!(
        update(&mut app, Msg::OpenSummary),
        Some(Effect::ReadVotes { force: false }),
        "opening the summary reads the votes"
    );
    let Some(Msg::VotesRead(read)) = perform_read(&app, false) else {
        panic!("the votes are read");
    };
    update(&mut app, Msg::VotesRead(read));
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("Widest disagreement in the votes (1 question"),
        "{screen}"
    );
    assert!(screen.contains("2 voters, agreement 75%"), "{screen}");
}
