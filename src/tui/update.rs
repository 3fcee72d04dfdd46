//! `update`: how each message changes the app, and what the loop must then do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect, Focus, LineInput, Msg, Overlay, Screen, Tone};
use super::layout::{self, Hit};
use crate::review::{State, Timestamp, score};

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
        Msg::Opened(session) => {
            app.enter_session(*session);
            return None;
        }
        _ => {}
    }
    if let Screen::Start(form) = &mut app.screen {
        return match msg {
            Msg::InputKey(key) => form.key(key),
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

fn walk(app: &mut App, msg: Msg) -> Option<Effect> {
    let session = app.session.as_mut()?;
    let choices = session.current().map_or(0, |(_, _, q)| q.choices.len());
    match msg {
        Msg::Up if app.focus == Focus::Navigator => return go_to(app, -1),
        Msg::Down if app.focus == Focus::Navigator => return go_to(app, 1),
        Msg::Up => session.choice = session.choice.saturating_sub(1),
        Msg::Down => session.choice = (session.choice + 1).min(choices.saturating_sub(1)),
        Msg::NextQuestion => {
            if app.focus == Focus::Navigator {
                app.focus = Focus::Question;
                return None;
            }
            return go_to(app, 1);
        }
        Msg::PrevQuestion => return go_to(app, -1),
        Msg::ToggleHighlighted => {
            let i = session.choice;
            return toggle(app, i);
        }
        Msg::Toggle(i) if i < choices => {
            session.choice = i;
            return toggle(app, i);
        }
        Msg::FocusNext => {
            app.focus = match app.focus {
                Focus::Navigator => Focus::Question,
                Focus::Question => Focus::Notes,
                Focus::Notes => Focus::Navigator,
            }
        }
        Msg::EditNotes => app.focus = Focus::Notes,
        Msg::AskNotApplicable => {
            let reason = session
                .answer_of(session.order[session.cursor])
                .map(|a| a.reason.clone())
                .unwrap_or_default();
            app.overlay = Some(Overlay::Reason(LineInput::new(&reason)));
        }
        Msg::AskEvidence => {
            app.overlay = Some(Overlay::Evidence {
                input: LineInput::default(),
                selected: None,
            })
        }
        Msg::ToggleFlag => {
            let a = session.answer_mut()?;
            a.flagged = !a.flagged;
            let text = if a.flagged {
                "Flagged to revisit."
            } else {
                "Flag removed."
            };
            return changed(app, text);
        }
        Msg::OpenFind => {
            app.overlay = Some(Overlay::Find {
                input: LineInput::default(),
                selected: 0,
            })
        }
        Msg::OpenSummary => app.overlay = Some(Overlay::Summary { selected: 0 }),
        Msg::AskExport => {
            let path = super::default_export_path(&session.path, app.export_dir.as_deref());
            app.overlay = Some(Overlay::Export(LineInput::new(&path.display().to_string())));
        }
        Msg::OpenHelp => app.overlay = Some(Overlay::Help),
        Msg::Back => app.focus = Focus::Question,
        Msg::Quit => {
            session.review.position = session.current_key();
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
                    go_to(app, if down { 1 } else { -1 })
                }
                _ => update(app, if down { Msg::Down } else { Msg::Up }),
            };
        }
        _ => {}
    }
    None
}

/// Marks the review changed, says so, and asks for a save.
fn changed(app: &mut App, text: &str) -> Option<Effect> {
    let session = app.session.as_mut()?;
    let now = Timestamp::now();
    session.review.updated = now;
    session.review.position = session.current_key();
    if let Some(k) = session.current_key()
        && let Some(a) = session.review.answers.get_mut(&k)
    {
        a.updated = now;
        if a.is_blank() {
            session.review.answers.remove(&k);
        }
    }
    if !text.is_empty() {
        app.message = Some((text.to_string(), Tone::Info));
    }
    Some(Effect::Save)
}

/// Moves `delta` questions along the walk and puts the first practice under the cursor.
fn go_to(app: &mut App, delta: isize) -> Option<Effect> {
    let session = app.session.as_mut()?;
    let last = session.order.len().checked_sub(1)?;
    let next = (session.cursor as isize + delta).clamp(0, last as isize) as usize;
    if next == session.cursor {
        if delta > 0 && app.focus != Focus::Navigator {
            app.message = Some((
                "That was the last question: press s for the summary.".into(),
                Tone::Info,
            ));
        }
        return None;
    }
    jump(app, next)
}

/// Opens the question at `index` of the walk.
pub(crate) fn jump(app: &mut App, index: usize) -> Option<Effect> {
    let session = app.session.as_mut()?;
    if index >= session.order.len() {
        return None;
    }
    session.cursor = index;
    session.choice = 0;
    session.review.position = session.current_key();
    app.load_notes();
    // The position is part of the file, so that a resumed review opens here.
    Some(Effect::Save)
}

fn toggle(app: &mut App, i: usize) -> Option<Effect> {
    let session = app.session.as_mut()?;
    let (_, _, q) = session.current()?;
    let choice = q.choices.get(i)?;
    let (id, none) = (choice.id.clone(), choice.none);
    let order: Vec<String> = q.choices.iter().map(|c| c.id.clone()).collect();
    let none_ids: Vec<String> = q
        .choices
        .iter()
        .filter(|c| c.none)
        .map(|c| c.id.clone())
        .collect();
    let a = session.answer_mut()?;
    if a.selected.contains(&id) {
        a.selected.retain(|s| *s != id);
    } else if none {
        // "None of these" is exclusive: it clears every practice.
        a.selected = vec![id];
    } else {
        a.selected.retain(|s| !none_ids.contains(s));
        a.selected.push(id);
        a.selected
            .sort_by_key(|s| order.iter().position(|o| o == s));
    }
    if a.selected.is_empty() {
        a.state = State::Unanswered;
    } else {
        a.state = State::Answered;
        a.reason.clear();
    }
    changed(app, "")
}

fn click(app: &mut App, col: u16, row: u16, width: u16, height: u16) -> Option<Effect> {
    match layout::hit(app, col, row, width, height)? {
        Hit::Navigator(index) => {
            app.focus = Focus::Navigator;
            jump(app, index)
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
            let a = app.session.as_mut()?.answer_mut()?;
            if a.notes == text {
                return None;
            }
            a.notes = text;
            changed(app, "")
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
                let a = app.session.as_mut()?.answer_mut()?;
                if reason.is_empty() {
                    if a.state != State::NotApplicable {
                        app.message = Some((
                            "Not applicable needs a reason; nothing changed.".into(),
                            Tone::Error,
                        ));
                        return None;
                    }
                    a.state = if a.selected.is_empty() {
                        State::Unanswered
                    } else {
                        State::Answered
                    };
                    a.reason.clear();
                    return changed(app, "Not applicable cleared.");
                }
                a.state = State::NotApplicable;
                a.reason = reason;
                a.selected.clear();
                changed(app, "Marked not applicable.")
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
                    .session
                    .as_ref()
                    .and_then(|s| s.answer_of(s.order[s.cursor]))
                    .map_or(0, |a| a.evidence.len());
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
                let a = app.session.as_mut()?.answer_mut()?;
                if i < a.evidence.len() {
                    a.evidence.remove(i);
                    return changed(app, "Evidence link removed.");
                }
                None
            }
            Msg::Submit => {
                let link = input.text.trim().to_string();
                if link.is_empty() {
                    app.overlay = None;
                    return None;
                }
                *input = LineInput::default();
                let a = app.session.as_mut()?.answer_mut()?;
                a.evidence.push(link);
                changed(app, "Evidence added.")
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
                jump(app, target?)
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
                    .copied();
                app.overlay = None;
                app.focus = Focus::Question;
                jump(app, target?)
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

/// Walk indices of the questions whose title or id contains the find text (all words).
pub fn find(app: &App) -> Vec<usize> {
    let (Some(session), Some(Overlay::Find { input, .. })) = (&app.session, &app.overlay) else {
        return Vec::new();
    };
    let words: Vec<String> = input
        .text
        .to_lowercase()
        .split_whitespace()
        .map(String::from)
        .collect();
    session
        .order
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

/// Walk indices of the high-risk questions, in walk order.
pub fn high_risks(app: &App) -> Vec<usize> {
    let Some(session) = &app.session else {
        return Vec::new();
    };
    session
        .order
        .iter()
        .enumerate()
        .filter(|(_, r)| session.state_of(**r).1 == Some(crate::pack::Risk::High))
        .map(|(i, _)| i)
        .collect()
}

/// The scorecard of the review as it stands.
pub fn scorecard(app: &App) -> Option<score::Scorecard> {
    let s = app.session.as_ref()?;
    Some(score::score(&s.review, &s.packs))
}

/// Whether a key press is ctrl+c (always leaves, saving first).
pub fn is_interrupt(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c')
}
