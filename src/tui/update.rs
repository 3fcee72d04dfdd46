//! `update`: how each message changes the app, and what the loop must then do.
//!
//! Changes to the review are [`Edit`]s applied by the domain session, which holds the rules of
//! answering; this module decides only what is the screen's (focus, overlays, the highlighted
//! practice, the status line) and turns the session's outcome into a save and a message.

use super::app::{App, Effect, Focus, Msg, Overlay, Screen, Tone};
use super::input::LineInput;
use super::layout::{self, Hit};
use crate::pack::Risk;
use crate::review::Timestamp;
use crate::review::session::{Change, Edit, Outcome, Refusal};
use crate::review::{State, score};

/// Applies a message. Every change to the review returns [`Effect::Save`].
pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Tick(now) => {
            app.now = now;
            // While the votes are shown, new ones are looked for once a second.
            let poll = super::vote::poll(app);
            // A long discussion is counted into the review about once a minute, once the sitting
            // has changed something (an open-and-close leaves the file alone).
            if app.changed && app.uncounted() >= 60 {
                return poll.or(charge_time(app));
            }
            return poll;
        }
        Msg::VotesRead(read) => {
            super::vote::read(app, *read);
            return None;
        }
        Msg::Resize(width, height) => {
            app.size = (width, height);
            return None;
        }
        Msg::Done(result) => {
            app.message = Some(match result {
                Ok(text) => (text, Tone::Info),
                Err(text) => (text, Tone::Error),
            });
            return None;
        }
        Msg::Opened(walk) => {
            app.enter(*walk);
            return None;
        }
        Msg::CannotSave { error, lost } => {
            let stem = app
                .walk
                .as_ref()
                .map_or_else(|| "review".to_string(), |w| super::review_stem(&w.file));
            let rescue = std::env::temp_dir().join(format!("{stem}.rescued.review.toml"));
            app.overlay = Some(Overlay::Unsaved {
                error,
                lost,
                input: LineInput::new(&rescue.display().to_string()),
            });
            return None;
        }
        Msg::Paste(text) => {
            if super::register::paste(app, &text) {
                return None;
            }
            return paste(app, &text);
        }
        _ => {}
    }
    // A status message lasts until the next thing the squad does.
    if !matches!(msg, Msg::Click { .. } | Msg::Scroll { .. }) {
        app.message = None;
    }
    if let Screen::Start(form) = &mut app.screen {
        return match msg {
            Msg::Up => {
                form.move_by(-1);
                None
            }
            Msg::Down => {
                form.move_by(1);
                None
            }
            Msg::Submit => form.submit(),
            Msg::TogglePack => {
                form.toggle_pack();
                None
            }
            Msg::Complete => {
                form.complete();
                None
            }
            Msg::InputKey(key) => {
                form.type_key(key);
                None
            }
            Msg::Quit => Some(Effect::Quit),
            _ => None,
        };
    }
    if matches!(
        app.overlay,
        Some(Overlay::Round(_) | Overlay::Reveal { .. })
    ) {
        return super::vote::update(app, msg);
    }
    if app.overlay.is_some() {
        return overlay(app, msg);
    }
    if app.focus == Focus::Editing && matches!(msg, Msg::NotesKey(_) | Msg::Back) {
        return notes(app, msg);
    }
    walk(app, msg)
}

/// Pasted text goes where typing would: the notes being written, the open text input, or the
/// start form's field; elsewhere it is ignored.
fn paste(app: &mut App, text: &str) -> Option<Effect> {
    if let Screen::Start(form) = &mut app.screen {
        form.paste(text);
        return None;
    }
    match &mut app.overlay {
        Some(
            Overlay::Reason(input)
            | Overlay::Evidence { input, .. }
            | Overlay::Find { input, .. }
            | Overlay::Flag(input)
            | Overlay::Export(input)
            | Overlay::Unsaved { input, .. },
        ) => {
            input.insert_str(text);
            return None;
        }
        Some(_) => return None,
        None => {}
    }
    if app.focus != Focus::Editing {
        return None;
    }
    // One insertion for the whole paste: line breaks kept, other controls dropped.
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    let clean = crate::text::clean_block(&normalised);
    let current: usize = app.notes.lines().iter().map(|l| l.len() + 1).sum();
    if current + clean.len() > crate::review::session::MAX_NOTES {
        app.message = Some((Refusal::TooLong.to_string(), Tone::Error));
        return None;
    }
    app.notes.insert_str(&clean);
    let notes = app.notes.lines().join("\n");
    edit(app, Edit::Notes(notes))
}

/// Counts the time since it was last counted into the review, on the current question.
fn charge_time(app: &mut App) -> Option<Effect> {
    let seconds = app.uncounted();
    app.counted = app.now;
    let now = stamp(app.now);
    match app.session_mut()?.apply(Edit::Spend(seconds), now) {
        Outcome::Changed(_) => Some(Effect::Save),
        _ => None,
    }
}

fn stamp(now: u64) -> Timestamp {
    Timestamp(i64::try_from(now).unwrap_or(i64::MAX))
}

/// Moves along the walk, counting the time spent on the question left.
fn go(app: &mut App, to: Edit) -> Option<Effect> {
    let charged = charge_time(app);
    edit(app, to).or(charged)
}

/// Applies an edit to the review at the app's time, and says what happened.
pub(super) fn edit(app: &mut App, edit: Edit) -> Option<Effect> {
    let now = stamp(app.now);
    let outcome = app.session_mut()?.apply(edit, now);
    match outcome {
        Outcome::Changed(change) => {
            // Ticks show on the checklist itself; other changes are said on the status line.
            app.message = match change {
                Change::Selection | Change::Notes | Change::Time => None,
                other => Some((other.to_string(), Tone::Info)),
            };
            if change != Change::Time {
                app.changed = true;
            }
            Some(Effect::Save)
        }
        Outcome::Moved => {
            app.message = None;
            app.question_opened();
            // The position is part of the file, so that a resumed review opens here.
            Some(Effect::Save)
        }
        Outcome::Unchanged => None,
        Outcome::Refused(refusal) => {
            let text = match refusal {
                Refusal::LastQuestion => {
                    "That was the last question: press s for the summary.".to_string()
                }
                other => other.to_string(),
            };
            app.message = Some((text, Tone::Error));
            None
        }
    }
}

fn walk(app: &mut App, msg: Msg) -> Option<Effect> {
    if let Some(why) = super::ballot::refused(app, &msg) {
        app.message = Some((why.to_string(), Tone::Error));
        return None;
    }
    let session = app.session()?;
    let choices = session.current().map_or(0, |(_, _, q)| q.choices.len());
    let has_question = session.current().is_some();
    match msg {
        Msg::Up if app.focus == Focus::Navigator => return go(app, Edit::Step(-1)),
        Msg::Down if app.focus == Focus::Navigator => return go(app, Edit::Step(1)),
        Msg::Up => {
            app.choice = app.choice.saturating_sub(1);
            app.scroll = None;
        }
        Msg::Down => {
            app.choice = (app.choice + 1).min(choices.saturating_sub(1));
            app.scroll = None;
        }
        Msg::PageUp | Msg::PageDown => {
            let down = matches!(msg, Msg::PageDown);
            let (w, h) = app.size;
            let l = layout::walk(app, ratatui::layout::Rect::new(0, 0, w, h));
            let page = (l.body.height as usize).saturating_sub(1).max(1);
            app.scroll = Some(if down {
                l.offset + page
            } else {
                l.offset.saturating_sub(page)
            });
        }
        Msg::NextQuestion => {
            if app.focus == Focus::Navigator {
                app.focus = Focus::Question;
                return None;
            }
            return go(app, Edit::Step(1));
        }
        Msg::PrevQuestion => return go(app, Edit::Step(-1)),
        Msg::ToggleHighlighted => {
            app.scroll = None;
            return edit(app, Edit::Toggle(app.choice));
        }
        Msg::Toggle(i) => {
            if i < choices {
                app.choice = i;
                app.scroll = None;
            }
            return edit(app, Edit::Toggle(i));
        }
        Msg::ToggleWhy => app.why_open = !app.why_open,
        Msg::TogglePresent => {
            app.present = !app.present;
            app.focus = Focus::Question;
            app.scroll = None;
            app.message = Some((
                if app.present {
                    "Presentation mode: p again to leave."
                } else {
                    "Presentation mode off."
                }
                .to_string(),
                Tone::Info,
            ));
        }
        Msg::ChooseNone => {
            let none = session.current().and_then(|(_, _, q)| q.none_choice());
            let Some(i) = none else {
                app.message = Some((
                    "This question has no \"None of these\".".into(),
                    Tone::Error,
                ));
                return None;
            };
            // Choosing it when it is already chosen leaves it chosen.
            let chosen = session.current_answer().is_some_and(|a| {
                session
                    .current()
                    .is_some_and(|(_, _, q)| a.selected.contains(&q.choices[i].id))
            });
            app.choice = i;
            if chosen {
                return None;
            }
            return edit(app, Edit::Toggle(i));
        }
        Msg::FocusNext => {
            app.focus = match (app.focus, app.present) {
                (Focus::Navigator, _) => Focus::Question,
                (Focus::Question, false) => Focus::Notes,
                (Focus::Question, true) | (Focus::Notes | Focus::Editing, _) => Focus::Navigator,
            };
            if app.present && app.focus == Focus::Navigator {
                app.present = false;
            }
        }
        Msg::EditNotes if has_question => {
            let long = session
                .current_answer()
                .is_some_and(|a| a.notes.len() > crate::review::session::MAX_NOTES);
            if long {
                app.message = Some((
                    "These notes are longer than 64 KiB: edit them in the review file, or move them to a linked document.".into(),
                    Tone::Error,
                ));
                return None;
            }
            app.present = false;
            app.focus = Focus::Editing;
        }
        Msg::AskNotApplicable if has_question => {
            let reason = session
                .current_answer()
                .map(|a| a.reason.clone())
                .unwrap_or_default();
            app.overlay = Some(Overlay::Reason(LineInput::new(&reason)));
        }
        Msg::AskEvidence if has_question => {
            app.overlay = Some(Overlay::Evidence {
                input: LineInput::default(),
                selected: None,
            });
        }
        Msg::ToggleFlag if has_question => {
            if session.current_answer().is_some_and(|a| a.flagged) {
                return edit(
                    app,
                    Edit::Flag {
                        on: false,
                        reason: String::new(),
                    },
                );
            }
            app.overlay = Some(Overlay::Flag(LineInput::default()));
        }
        Msg::AskAccept | Msg::Confirm | Msg::AskOwner | Msg::AskPracticeNa => {
            return super::register::walk(app, msg);
        }
        Msg::EditNotes | Msg::AskNotApplicable | Msg::AskEvidence | Msg::ToggleFlag => {
            app.message = Some((Refusal::NoQuestion.to_string(), Tone::Error));
        }
        Msg::OpenFind => {
            app.overlay = Some(Overlay::Find {
                input: LineInput::default(),
                selected: 0,
            });
        }
        Msg::OpenSummary => {
            app.overlay = Some(Overlay::Summary { selected: 0 });
            // The summary names where the squad's votes differed: read them if they changed.
            if app.ballot.is_none() {
                return Some(Effect::ReadVotes { force: false });
            }
        }
        Msg::StartRound | Msg::ShowVotes => return super::vote::open(app, &msg),
        Msg::AskExport => {
            let file = &app.walk.as_ref()?.file;
            let path = super::default_export_path(file, app.export_dir.as_deref());
            app.overlay = Some(Overlay::Export(LineInput::new(&path.display().to_string())));
        }
        Msg::OpenHelp => {
            app.help_scroll = 0;
            app.overlay = Some(Overlay::Help);
        }
        Msg::Back => app.focus = Focus::Question,
        Msg::Quit => {
            // Time is worth a rewrite of the file when the sitting changed something, or lasted.
            if app.changed || app.uncounted() >= 60 {
                charge_time(app);
            }
            return Some(Effect::Quit);
        }
        Msg::Click {
            col,
            row,
            width,
            height,
        } => return click(app, col, row, width, height),
        Msg::Scroll {
            col,
            row,
            down,
            width,
            height,
        } => {
            // The wheel moves through questions over the navigator, through practices elsewhere.
            return match layout::hit(app, col, row, width, height) {
                Some(Hit::Navigator(_) | Hit::NavigatorArea) => {
                    go(app, Edit::Step(if down { 1 } else { -1 }))
                }
                Some(Hit::Question | Hit::Choice(_)) => {
                    let l = layout::walk(app, ratatui::layout::Rect::new(0, 0, width, height));
                    app.scroll = Some(if down {
                        l.offset + 3
                    } else {
                        l.offset.saturating_sub(3)
                    });
                    None
                }
                _ => None,
            };
        }
        _ => {}
    }
    None
}

fn click(app: &mut App, col: u16, row: u16, width: u16, height: u16) -> Option<Effect> {
    match layout::hit(app, col, row, width, height)? {
        Hit::Navigator(index) => {
            app.focus = Focus::Navigator;
            go(app, Edit::Go(index))
        }
        Hit::Choice(i) => {
            app.focus = Focus::Question;
            update(app, Msg::Toggle(i))
        }
        Hit::Notes => {
            app.focus = Focus::Editing;
            None
        }
        Hit::Question => {
            app.focus = Focus::Question;
            None
        }
        Hit::NavigatorArea => None,
    }
}

fn notes(app: &mut App, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Back => {
            app.focus = Focus::Question;
            None
        }
        Msg::NotesKey(key) => {
            if !app.notes.input(key) {
                return None;
            }
            let text = app.notes.lines().join("\n");
            edit(app, Edit::Notes(text))
        }
        _ => None,
    }
}

fn overlay(app: &mut App, msg: Msg) -> Option<Effect> {
    let overlay = app.overlay.as_mut()?;
    if let Msg::Back = msg {
        app.overlay = None;
        return None;
    }
    match overlay {
        Overlay::Accept(_) | Overlay::Owner(_) | Overlay::PracticeNa { .. } => {
            super::register::overlay(app, msg)
        }
        Overlay::Help => {
            match msg {
                Msg::OpenHelp | Msg::Quit | Msg::Submit => app.overlay = None,
                Msg::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
                Msg::Down => app.help_scroll += 1,
                Msg::PageUp => app.help_scroll = app.help_scroll.saturating_sub(10),
                Msg::PageDown => app.help_scroll += 10,
                _ => {}
            }
            None
        }
        Overlay::Unsaved { input, .. } => match msg {
            Msg::InputKey(key) => {
                input.key(key);
                None
            }
            Msg::Submit => {
                let path = std::path::PathBuf::from(input.text.trim());
                if path.as_os_str().is_empty() {
                    return None;
                }
                app.overlay = None;
                Some(Effect::SaveAs(path))
            }
            Msg::QuitUnsaved => Some(Effect::Discard),
            _ => None,
        },
        Overlay::Flag(input) => match msg {
            Msg::InputKey(key) => {
                input.key(key);
                None
            }
            Msg::Submit => {
                let reason = input.text.trim().to_string();
                app.overlay = None;
                edit(app, Edit::Flag { on: true, reason })
            }
            _ => None,
        },
        Overlay::Reason(input) => match msg {
            Msg::InputKey(key) => {
                input.key(key);
                None
            }
            Msg::Submit => {
                let reason = input.text.trim().to_string();
                app.overlay = None;
                let state = app.session()?.current_answer().map(|a| a.state);
                if reason.is_empty() && state == Some(State::NotApplicable) {
                    return edit(app, Edit::ClearNotApplicable);
                }
                edit(app, Edit::NotApplicable(reason))
            }
            _ => None,
        },
        Overlay::Evidence { input, selected } => match msg {
            Msg::InputKey(key) => {
                input.key(key);
                *selected = None;
                None
            }
            Msg::Up | Msg::Down => {
                let count = app
                    .session()
                    .and_then(|s| s.current_answer())
                    .map_or(0, |a| a.evidence.len());
                let Some(Overlay::Evidence { selected, .. }) = &mut app.overlay else {
                    return None;
                };
                if count > 0 {
                    let up = matches!(msg, Msg::Up);
                    *selected = Some(match *selected {
                        None => count - 1,
                        Some(i) if up => i.saturating_sub(1),
                        Some(i) => (i + 1).min(count - 1),
                    });
                }
                None
            }
            Msg::DeleteEvidence => {
                let i = selected.take()?;
                edit(app, Edit::RemoveEvidence(i))
            }
            Msg::Submit => {
                let link = input.text.trim().to_string();
                if link.is_empty() {
                    app.overlay = None;
                    return None;
                }
                let effect = edit(app, Edit::AddEvidence(link));
                if effect.is_some()
                    && let Some(Overlay::Evidence { input, .. }) = &mut app.overlay
                {
                    *input = LineInput::default();
                }
                effect
            }
            _ => None,
        },
        Overlay::Find { input, selected } => match msg {
            Msg::InputKey(key) => {
                input.key(key);
                *selected = 0;
                None
            }
            Msg::Up => {
                *selected = selected.saturating_sub(1);
                None
            }
            Msg::Down => {
                *selected += 1;
                None
            }
            Msg::Submit => {
                let found = find(app);
                let Some(Overlay::Find { selected, .. }) = &app.overlay else {
                    return None;
                };
                let target = found
                    .get((*selected).min(found.len().saturating_sub(1)))
                    .copied();
                app.overlay = None;
                app.focus = Focus::Question;
                go(app, Edit::Go(target?))
            }
            _ => None,
        },
        Overlay::Summary { selected } => match msg {
            Msg::Up => {
                *selected = selected.saturating_sub(1);
                None
            }
            Msg::Down => {
                *selected += 1;
                None
            }
            Msg::OpenSummary | Msg::Quit => {
                app.overlay = None;
                None
            }
            Msg::AskExport => {
                app.overlay = None;
                update(app, Msg::AskExport)
            }
            Msg::Submit => {
                let items = summary_items(app);
                let Some(Overlay::Summary { selected }) = &app.overlay else {
                    return None;
                };
                let target = items
                    .get((*selected).min(items.len().saturating_sub(1)))
                    .map(|i| i.key.clone());
                app.overlay = None;
                app.focus = Focus::Question;
                jump_to_key(app, &target?)
            }
            _ => None,
        },
        Overlay::Round(_) | Overlay::Reveal { .. } => None,
        Overlay::Export(input) => match msg {
            Msg::InputKey(key) => {
                input.key(key);
                None
            }
            Msg::Submit => {
                let path = std::path::PathBuf::from(input.text.trim());
                app.overlay = None;
                if path.as_os_str().is_empty() {
                    app.message = Some(("Give the backlog a file name.".into(), Tone::Error));
                    return None;
                }
                Some(Effect::Export(path))
            }
            _ => None,
        },
    }
}

/// Opens the question with this key; a question outside a narrowed walk widens it to all.
fn jump_to_key(app: &mut App, key: &str) -> Option<Effect> {
    let position = |app: &App| {
        let s = app.session()?;
        s.order()
            .iter()
            .position(|r| s.key_of(*r).as_deref() == Some(key))
    };
    let index = match position(app) {
        Some(i) => i,
        None => {
            app.session_mut()?.widen();
            app.message = Some(("Walking every question now.".into(), Tone::Info));
            position(app)?
        }
    };
    let effect = go(app, Edit::Go(index));
    if effect.is_none() {
        app.question_opened();
    }
    effect
}

/// Walk indices of the questions whose title or id contains the find text (all words).
pub fn find(app: &App) -> Vec<usize> {
    let (Some(session), Some(Overlay::Find { input, .. })) = (app.session(), &app.overlay) else {
        return Vec::new();
    };
    let words: Vec<String> = input
        .text
        .to_lowercase()
        .split_whitespace()
        .map(String::from)
        .collect();
    session
        .order()
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            session.get(**r).is_some_and(|(p, pillar, q)| {
                let hay = format!("{} {} {} {}", q.title, q.id, p.id, pillar.name).to_lowercase();
                words.iter().all(|w| hay.contains(w))
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// Why a question is listed on the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    High,
    Medium,
    Flagged,
    /// Answered long ago: due for another look.
    Stale,
}

/// A line of the summary's list: a risk to act on or a question parked for later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryItem {
    pub key: String,
    pub why: Listed,
    pub label: String,
    /// The flag's reason, for parked questions.
    pub reason: String,
    /// What the register says: the acceptance of a risk, or when a stale answer was due.
    pub register: String,
}

/// The summary's list: every high risk, every medium risk (each with its acceptance, if any),
/// the parking lot (flagged questions and their reasons), then the stale answers, in the order of
/// the review's packs. It speaks of the whole review, whatever the walk covers.
pub fn summary_items(app: &App) -> Vec<SummaryItem> {
    let Some(s) = app.session() else {
        return Vec::new();
    };
    let Some(register) = super::register::register(app) else {
        return Vec::new();
    };
    let mut items = Vec::new();
    for why in [Listed::High, Listed::Medium, Listed::Flagged, Listed::Stale] {
        for pack in s.packs() {
            for (_, q) in pack.questions() {
                let answer = s.review().answer(&pack.id, &q.id);
                let (_, risk) = score::status(s.review(), &pack.id, q);
                let listed = match why {
                    Listed::High => risk == Some(Risk::High),
                    Listed::Medium => risk == Some(Risk::Medium),
                    Listed::Flagged => answer.is_some_and(|a| a.flagged),
                    Listed::Stale => register.is_stale(&crate::review::key(&pack.id, &q.id)),
                };
                if listed {
                    let key = crate::review::key(&pack.id, &q.id);
                    let said = match why {
                        Listed::High | Listed::Medium => register
                            .acceptance(&key)
                            .map(super::register::acceptance_text)
                            .unwrap_or_default(),
                        Listed::Stale => register
                            .stale
                            .iter()
                            .find(|x| x.place.id == key)
                            .map(|x| format!("last confirmed {}, due {}", x.confirmed, x.due))
                            .unwrap_or_default(),
                        Listed::Flagged => String::new(),
                    };
                    items.push(SummaryItem {
                        key,
                        why,
                        label: q.label().to_string(),
                        reason: answer.map(|a| a.flag_reason.clone()).unwrap_or_default(),
                        register: said,
                    });
                }
            }
        }
    }
    items
}

/// The scorecard of the review as it stands.
pub fn scorecard(app: &App) -> Option<score::Scorecard> {
    let s = app.session()?;
    Some(score::score(s.review(), s.packs()))
}
