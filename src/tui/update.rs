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
        _ => {}
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
            Msg::InputKey(key) => {
                form.type_key(key);
                None
            }
            Msg::Quit => Some(Effect::Quit),
            _ => None,
        };
    }
    if app.overlay.is_some() {
        return overlay(app, msg);
    }
    if app.focus == Focus::Notes && matches!(msg, Msg::NotesKey(_) | Msg::Back) {
        return notes(app, msg);
    }
    walk(app, msg)
}

/// Applies an edit to the review at the app's time, and says what happened.
fn edit(app: &mut App, edit: Edit) -> Option<Effect> {
    let now = Timestamp(i64::try_from(app.now).unwrap_or(i64::MAX));
    let outcome = app.session_mut()?.apply(edit, now);
    match outcome {
        Outcome::Changed(change) => {
            // Ticks show on the checklist itself; other changes are said on the status line.
            app.message = match change {
                Change::Selection | Change::Notes => None,
                other => Some((other.to_string(), Tone::Info)),
            };
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
    let session = app.session()?;
    let choices = session.current().map_or(0, |(_, _, q)| q.choices.len());
    let has_question = session.current().is_some();
    match msg {
        Msg::Up if app.focus == Focus::Navigator => return edit(app, Edit::Step(-1)),
        Msg::Down if app.focus == Focus::Navigator => return edit(app, Edit::Step(1)),
        Msg::Up => app.choice = app.choice.saturating_sub(1),
        Msg::Down => app.choice = (app.choice + 1).min(choices.saturating_sub(1)),
        Msg::NextQuestion => {
            if app.focus == Focus::Navigator {
                app.focus = Focus::Question;
                return None;
            }
            return edit(app, Edit::Step(1));
        }
        Msg::PrevQuestion => return edit(app, Edit::Step(-1)),
        Msg::ToggleHighlighted => return edit(app, Edit::Toggle(app.choice)),
        Msg::Toggle(i) => {
            if i < choices {
                app.choice = i;
            }
            return edit(app, Edit::Toggle(i));
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
            app.focus = match app.focus {
                Focus::Navigator => Focus::Question,
                Focus::Question => Focus::Notes,
                Focus::Notes => Focus::Navigator,
            }
        }
        Msg::EditNotes if has_question => app.focus = Focus::Notes,
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
        Msg::ToggleFlag => {
            let flagged = session.current_answer().is_some_and(|a| a.flagged);
            return edit(
                app,
                Edit::Flag {
                    on: !flagged,
                    reason: String::new(),
                },
            );
        }
        Msg::EditNotes | Msg::AskNotApplicable | Msg::AskEvidence => {
            app.message = Some((Refusal::NoQuestion.to_string(), Tone::Error));
        }
        Msg::OpenFind => {
            app.overlay = Some(Overlay::Find {
                input: LineInput::default(),
                selected: 0,
            });
        }
        Msg::OpenSummary => app.overlay = Some(Overlay::Summary { selected: 0 }),
        Msg::AskExport => {
            let file = &app.walk.as_ref()?.file;
            let path = super::default_export_path(file, app.export_dir.as_deref());
            app.overlay = Some(Overlay::Export(LineInput::new(&path.display().to_string())));
        }
        Msg::OpenHelp => app.overlay = Some(Overlay::Help),
        Msg::Back => app.focus = Focus::Question,
        Msg::Quit => return Some(Effect::Quit),
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
                    edit(app, Edit::Step(if down { 1 } else { -1 }))
                }
                _ => update(app, if down { Msg::Down } else { Msg::Up }),
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
            edit(app, Edit::Go(index))
        }
        Hit::Choice(i) => {
            app.focus = Focus::Question;
            update(app, Msg::Toggle(i))
        }
        Hit::Notes => {
            app.focus = Focus::Notes;
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
        Overlay::Help => {
            if matches!(msg, Msg::OpenHelp | Msg::Quit | Msg::Submit) {
                app.overlay = None;
            }
            None
        }
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
                edit(app, Edit::Go(target?))
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
                let high = high_risks(app);
                let Some(Overlay::Summary { selected }) = &app.overlay else {
                    return None;
                };
                let target = high
                    .get((*selected).min(high.len().saturating_sub(1)))
                    .cloned();
                app.overlay = None;
                app.focus = Focus::Question;
                jump_to_key(app, &target?)
            }
            _ => None,
        },
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
    let effect = edit(app, Edit::Go(index));
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

/// The keys of the review's high-risk questions, in the order of its packs: the summary speaks
/// of the whole review, whatever the walk covers.
pub fn high_risks(app: &App) -> Vec<String> {
    scorecard(app)
        .map(|card| {
            card.questions
                .into_iter()
                .filter(|q| q.risk == Some(Risk::High))
                .map(|q| crate::review::key(&q.pack, &q.question))
                .collect()
        })
        .unwrap_or_default()
}

/// The scorecard of the review as it stands.
pub fn scorecard(app: &App) -> Option<score::Scorecard> {
    let s = app.session()?;
    Some(score::score(s.review(), s.packs()))
}
