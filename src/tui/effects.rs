//! Carrying out what `update` asks for: saving, exporting, opening and creating reviews.
//!
//! Saves are batched: the loop writes the review once the events already waiting are handled,
//! before the screen shows them, and only when it differs from what was last read or written,
//! so a file opened and left without a change is never rewritten.

use std::path::PathBuf;

use super::app::{App, Effect, Msg, Screen, Walk};
use super::{Filter, create, open, recent, update};
use crate::pack::Catalog;
use crate::review::{Review, Timestamp, store};

/// What the loop needs besides the app: packs, the lock, where recent reviews are kept.
pub struct Runtime {
    pub catalog: Catalog,
    pub lock: Option<store::Lock>,
    pub recent_file: Option<PathBuf>,
    pub filter: Filter,
    /// The review as last read or written; the loop saves when the review on screen differs.
    pub saved: Option<Review>,
}

/// Takes over a review that was opened or created, or says why it could not be: on the start
/// form when that is the screen up (the status line is the walk's), else on the status line.
fn started(
    app: &mut App,
    rt: &mut Runtime,
    result: anyhow::Result<(Walk, store::Lock)>,
) -> Option<Msg> {
    match result {
        Ok((walk, lock)) => {
            rt.lock = Some(lock);
            rt.saved = Some(walk.session.review().clone());
            recent::remember(
                rt.recent_file.as_deref(),
                &walk.file,
                walk.session.review(),
                Timestamp(app.now as i64),
            );
            Some(Msg::Opened(Box::new(walk)))
        }
        Err(e) => {
            let text = format!("{e:#}").replace('\n', " ");
            if let Screen::Start(form) = &mut app.screen {
                form.error = Some(text);
                None
            } else {
                Some(Msg::Done(Err(text)))
            }
        }
    }
}

/// Carries out one effect; what it reports goes back into the app as a message.
fn perform(app: &mut App, rt: &mut Runtime, effect: Effect) -> Option<Msg> {
    match effect {
        // The loop saves before it draws, whatever asked for it.
        Effect::Save => None,
        Effect::Export(path) => {
            let w = app.walk.as_ref()?;
            let s = &w.session;
            let as_of = crate::review::register::AsOf {
                day: Timestamp(app.now as i64).day(),
                review_days: app.review_days,
            };
            let register = crate::review::register::Register::of(s.review(), s.packs(), as_of);
            let mut backlog = crate::backlog::build(s.review(), s.packs()).with_register(register);
            // Where the squad's votes differed; an unreadable vote file is left out here and
            // named by `scorps votes`.
            let _ =
                crate::vote::report::annotate_from(&mut backlog, &w.file, s.review(), s.packs());
            // Never over the review, a pack or anything else this session read, nor a device.
            let written = crate::backlog::render(&backlog, crate::backlog::Format::Md)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    crate::fsutil::write_output(&path, text.as_bytes()).map_err(|e| e.to_string())
                });
            Some(Msg::Done(
                written
                    .map(|()| format!("Backlog written to {}", path.display()))
                    .map_err(|e| e.replace('\n', " ")),
            ))
        }
        Effect::Open(path) => started(app, rt, open(&path, &rt.catalog, &rt.filter)),
        Effect::Create(new) => started(app, rt, create(&new, &rt.catalog, &rt.filter)),
        Effect::Quit => {
            if let Some(e) = save_pending(app, rt) {
                // Stay open and ask: leaving now would lose what is on screen.
                return Some(Msg::CannotSave {
                    error: e.to_string(),
                    lost: lost(app, rt),
                });
            }
            // A voter's walk is not one of the facilitator's recent reviews.
            if let Some(w) = app.walk.as_ref().filter(|_| app.ballot.is_none()) {
                recent::remember(
                    rt.recent_file.as_deref(),
                    &w.file,
                    w.session.review(),
                    Timestamp(app.now as i64),
                );
            }
            app.quit = true;
            None
        }
        Effect::SaveAs(path) => {
            app.walk.as_ref()?;
            match write_walk(app, &path) {
                Ok(()) => {
                    app.quit = true;
                    app.saved_elsewhere = Some(path);
                    None
                }
                Err(e) => Some(Msg::CannotSave {
                    error: e.to_string(),
                    lost: lost(app, rt),
                }),
            }
        }
        Effect::Discard => {
            app.quit = true;
            None
        }
        Effect::ReadVotes { force } => super::vote::perform_read(app, force),
        Effect::RecordRound(recorded) => super::vote::perform_record(app, recorded),
    }
}

/// How many answers differ between the review on screen and the file as last read or written.
fn lost(app: &App, rt: &Runtime) -> usize {
    let (Some(w), Some(saved)) = (&app.walk, &rt.saved) else {
        return 0;
    };
    let now = &w.session.review().answers;
    let keys: std::collections::BTreeSet<&String> =
        now.keys().chain(saved.answers.keys()).collect();
    keys.into_iter()
        .filter(|k| now.get(*k) != saved.answers.get(*k))
        .count()
}

/// Writes the review when it differs from what was last read or written; the error when that
/// failed.
pub(crate) fn save_pending(app: &App, rt: &mut Runtime) -> Option<store::StoreError> {
    let w = app.walk.as_ref()?;
    let review = w.session.review();
    if rt.saved.as_ref() == Some(review) {
        return None;
    }
    let file = app.ballot.as_ref().map_or(&w.file, |b| &b.file);
    match write_walk(app, file) {
        Ok(()) => {
            rt.saved = Some(review.clone());
            None
        }
        Err(e) => Some(e),
    }
}

/// Writes what the walk edits to `path`: the review, or on a voter's walk that voter's votes.
pub(crate) fn write_walk(app: &App, path: &std::path::Path) -> Result<(), store::StoreError> {
    let Some(w) = &app.walk else {
        return Ok(());
    };
    match &app.ballot {
        Some(ballot) => super::ballot::save(ballot, w.session.review(), path),
        None => store::save(path, w.session.review()),
    }
}

/// Writes the review if anything changed since the last save; a failure is shown in red.
pub fn flush(app: &mut App, rt: &mut Runtime) {
    if let Some(e) = save_pending(app, rt) {
        dispatch(app, rt, Msg::Done(Err(format!("NOT SAVED: {e}"))));
    }
}

/// Sends a message through `update` and carries out the effects that follow.
pub fn dispatch(app: &mut App, rt: &mut Runtime, msg: Msg) {
    let mut next = Some(msg);
    while let Some(msg) = next.take() {
        if let Some(effect) = update::update(app, msg) {
            next = perform(app, rt, effect);
        }
    }
}
