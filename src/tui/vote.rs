//! Votes on the facilitator's screen: a round in the room, where each voter ticks the current
//! question in turn while earlier votes stay hidden, and the reveal, which shows every vote on
//! it (from the room and from the voters' own files, re-read as they arrive) and takes the
//! agreed answer into the review.
//!
//! Ticks in a round follow the review's rules of answering (the session's `toggle`); the answer
//! taken from a reveal goes in through [`crate::vote::ballot::take`], so through
//! [`Session::apply`](crate::review::session::Session::apply) like any tick. Reading and writing
//! vote files are effects the loop carries out ([`perform_read`], [`perform_record`]).

use super::app::{App, Effect, Msg, Overlay, Tone};
use crate::review::session::{Refusal, toggle};
use crate::review::{Answer, Timestamp};
use crate::vote::file::{Vote, load_room, room_path, save_room};
use crate::vote::folder::{Stamp, read_all, stamp};
use crate::vote::tally::{Tally, tally};
use crate::vote::voters::voters;
use crate::vote::{Cast, Source, Votes, ballot};

/// The votes the facilitator's screen knows, and the folder's stamp when they were read.
#[derive(Debug, Clone, Default)]
pub struct Board {
    pub votes: Votes,
    /// `None` until the folder has been read.
    pub stamp: Option<Stamp>,
}

/// What a read of the votes folder found.
#[derive(Debug, Clone)]
pub struct Read {
    pub votes: Votes,
    pub stamp: Stamp,
    /// Why the room's votes could not be written, when that failed.
    pub error: Option<String>,
}

/// A round in the room on one question.
#[derive(Debug, Clone)]
pub struct Round {
    /// The question voted on.
    pub key: String,
    pub voters: Vec<String>,
    /// Whose turn it is (an index into `voters`).
    pub turn: usize,
    /// The ticks of the voter whose turn it is.
    pub answer: Answer,
    /// The highlighted choice.
    pub choice: usize,
    /// The votes given so far: voter and choice ids (a pass gives none).
    pub given: Vec<(String, Vec<String>)>,
}

/// The votes of a round, for the loop to add to the room's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub key: String,
    pub at: Timestamp,
    pub votes: Vec<(String, Vec<String>)>,
}

fn stamp_of(now: u64) -> Timestamp {
    Timestamp(i64::try_from(now).unwrap_or(i64::MAX))
}

/// The tally of the current question, from the votes the screen knows.
pub fn current_tally(app: &App) -> Option<Tally> {
    let s = app.session()?;
    let key = s.current_key()?;
    let (_, _, q) = s.current()?;
    let casts = app.votes.votes.on(&key)?;
    tally(&key, q, casts, &voters(s.review()))
}

/// The choice keys of a list of choice ids, as the screen numbers them: `1, 2`, `0`.
pub fn keys_of(q: &crate::pack::Question, ids: &[String]) -> String {
    ids.iter()
        .filter_map(|id| q.choice_index(id))
        .map(|i| super::layout::choice_key(q, i))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `v` and `V` on the walk: a round in the room, or the votes so far.
pub(crate) fn open(app: &mut App, msg: &Msg) -> Option<Effect> {
    let session = app.session()?;
    let Some(key) = session.current_key() else {
        app.message = Some((Refusal::NoQuestion.to_string(), Tone::Error));
        return None;
    };
    if matches!(msg, Msg::ShowVotes) {
        app.overlay = Some(Overlay::Reveal { scroll: 0 });
        return Some(Effect::ReadVotes { force: true });
    }
    let people = voters(session.review());
    if people.is_empty() {
        app.message = Some((
            "Nobody to vote: the review names no participant. Add them with `scorps review FILE --participant NAME`.".into(),
            Tone::Error,
        ));
        return None;
    }
    app.overlay = Some(Overlay::Round(Box::new(Round {
        key,
        voters: people,
        turn: 0,
        answer: Answer::default(),
        choice: 0,
        given: Vec::new(),
    })));
    None
}

/// Messages while a round or the reveal is up.
pub(crate) fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    match app.overlay.take() {
        Some(Overlay::Round(round)) => round_key(app, *round, msg),
        Some(Overlay::Reveal { scroll }) => reveal_key(app, scroll, msg),
        other => {
            app.overlay = other;
            None
        }
    }
}

fn round_key(app: &mut App, mut round: Round, msg: Msg) -> Option<Effect> {
    let q = app
        .session()
        .and_then(|s| s.current())
        .map(|(_, _, q)| q.clone())?;
    let count = q.choices.len();
    let tick = |round: &mut Round, i: usize| {
        if i < count {
            round.choice = i;
            let _ = toggle(&q, &mut round.answer, i);
        }
    };
    match msg {
        Msg::Back => {
            app.message = Some(("Round stopped: no vote of it is kept.".into(), Tone::Info));
            return None;
        }
        Msg::Up => round.choice = round.choice.saturating_sub(1),
        Msg::Down => round.choice = (round.choice + 1).min(count.saturating_sub(1)),
        Msg::ToggleHighlighted => {
            let at = round.choice;
            tick(&mut round, at);
        }
        Msg::Toggle(i) => tick(&mut round, i),
        Msg::ChooseNone => {
            if let Some(i) = q.none_choice()
                && !round.answer.selected.contains(&q.choices[i].id)
            {
                tick(&mut round, i);
            }
        }
        Msg::Submit => {
            let voter = round.voters[round.turn].clone();
            let ids = std::mem::take(&mut round.answer).selected;
            round.given.push((voter, ids));
            round.turn += 1;
            round.choice = 0;
            if round.turn >= round.voters.len() {
                return finish(app, round);
            }
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Round(Box::new(round)));
    None
}

/// The last voter is done: the votes go on the board and to the room's file, and the reveal
/// opens.
fn finish(app: &mut App, round: Round) -> Option<Effect> {
    let votes: Vec<(String, Vec<String>)> = round
        .given
        .into_iter()
        .filter(|(_, ids)| !ids.is_empty())
        .collect();
    if votes.is_empty() {
        app.message = Some(("Everyone passed: no vote was given.".into(), Tone::Info));
        return None;
    }
    let at = stamp_of(app.now);
    for (voter, ids) in &votes {
        let cast = Cast {
            selected: ids.clone(),
            updated: at,
            source: Source::Room,
        };
        app.votes.votes.add(&round.key, voter, cast);
    }
    app.overlay = Some(Overlay::Reveal { scroll: 0 });
    Some(Effect::RecordRound(Recorded {
        key: round.key,
        at,
        votes,
    }))
}

fn reveal_key(app: &mut App, scroll: usize, msg: Msg) -> Option<Effect> {
    let mut scroll = scroll;
    match msg {
        Msg::Back | Msg::Quit | Msg::ShowVotes => return None,
        Msg::StartRound => return open(app, &msg),
        Msg::Up => scroll = scroll.saturating_sub(1),
        Msg::Down => scroll += 1,
        Msg::PageUp => scroll = scroll.saturating_sub(10),
        Msg::PageDown => scroll += 10,
        Msg::Submit => return take(app),
        _ => {}
    }
    app.overlay = Some(Overlay::Reveal { scroll });
    None
}

/// Takes the agreed answer into the review; the reveal closes so the facilitator can adjust it.
fn take(app: &mut App) -> Option<Effect> {
    let Some(t) = current_tally(app) else {
        app.message = Some((
            "No votes on this question yet: nothing to take.".into(),
            Tone::Error,
        ));
        return None;
    };
    let now = stamp_of(app.now);
    let result = ballot::take(app.session_mut()?, &t.agreed, now);
    let answer = match app.session().and_then(|s| s.current()) {
        Some((_, _, q)) => format!(
            "{} → {}",
            keys_of(q, &t.agreed),
            super::theme::risk_label(t.agreed_risk)
        ),
        None => return None,
    };
    match result {
        Ok(true) => {
            app.changed = true;
            app.message = Some((
                format!("Agreed answer taken: {answer}. Adjust it as the squad decides."),
                Tone::Info,
            ));
            Some(Effect::Save)
        }
        Ok(false) => {
            app.message = Some((
                format!("The review already has the agreed answer: {answer}."),
                Tone::Info,
            ));
            None
        }
        Err(Refusal::NoSuchChoice) => {
            app.message = Some((
                "No practice has a majority and the question has no \"None of these\": nothing to take.".into(),
                Tone::Error,
            ));
            app.overlay = Some(Overlay::Reveal { scroll: 0 });
            None
        }
        Err(other) => {
            app.message = Some((other.to_string(), Tone::Error));
            None
        }
    }
}

/// The clock: while the reveal is up, look at the votes folder for new votes.
pub(crate) fn poll(app: &App) -> Option<Effect> {
    matches!(app.overlay, Some(Overlay::Reveal { .. }))
        .then_some(Effect::ReadVotes { force: false })
}

/// A read of the votes folder arrived.
pub(crate) fn read(app: &mut App, read: Read) {
    if let Some(error) = read.error {
        app.message = Some((error, Tone::Error));
    }
    app.votes = Board {
        votes: read.votes,
        stamp: Some(read.stamp),
    };
}

/// Reads the votes folder when it changed since the last read (or always, when `force`).
pub(crate) fn perform_read(app: &App, force: bool) -> Option<Msg> {
    let w = app.walk.as_ref()?;
    let now = stamp(&w.file);
    if !force && app.votes.stamp.as_ref() == Some(&now) {
        return None;
    }
    let s = &w.session;
    let votes = read_all(&w.file, s.review(), s.packs());
    Some(Msg::VotesRead(Box::new(Read {
        votes,
        stamp: now,
        error: None,
    })))
}

/// Adds a round's votes to the room's file, then reads the folder again. When the file cannot
/// take them, the votes stay on the board for this sitting and the error says why.
pub(crate) fn perform_record(app: &App, recorded: Recorded) -> Option<Msg> {
    let w = app.walk.as_ref()?;
    let review = w.session.review();
    let path = room_path(&w.file);
    let written = load_room(&path, review).and_then(|mut room| {
        for (voter, ids) in &recorded.votes {
            let vote = Vote {
                selected: ids.clone(),
                updated: recorded.at,
            };
            room.entry(recorded.key.clone())
                .or_default()
                .insert(voter.clone(), vote);
        }
        save_room(&path, review, &room)
    });
    let Some(Msg::VotesRead(mut read)) = perform_read(app, true) else {
        return None;
    };
    if let Err(e) = written {
        read.error = Some(format!(
            "Votes NOT stored (shown for this sitting only): {}",
            e.to_string().replace('\n', " ")
        ));
        for (voter, ids) in recorded.votes {
            let cast = Cast {
                selected: ids,
                updated: recorded.at,
                source: Source::Room,
            };
            read.votes.add(&recorded.key, &voter, cast);
        }
    }
    Some(Msg::VotesRead(read))
}

#[cfg(test)]
#[path = "vote_tests.rs"]
mod tests;
