//! Keys and mouse events to messages, depending on what has the focus.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::app::{App, Focus, Msg, Overlay, Screen};
use super::update::is_interrupt;

/// The message for a terminal event, if any; `size` is the terminal's width and height.
pub fn to_msg(app: &App, event: &Event, size: (u16, u16)) -> Option<Msg> {
    let (width, height) = size;
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_msg(app, *key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                col: m.column,
                row: m.row,
                width,
                height,
            }),
            MouseEventKind::ScrollDown => Some(Msg::Scroll {
                col: m.column,
                row: m.row,
                down: true,
                width,
                height,
            }),
            MouseEventKind::ScrollUp => Some(Msg::Scroll {
                col: m.column,
                row: m.row,
                down: false,
                width,
                height,
            }),
            _ => None,
        },
        _ => None,
    }
}

fn key_msg(app: &App, key: KeyEvent) -> Option<Msg> {
    if is_interrupt(&key) {
        return Some(Msg::Quit);
    }
    if matches!(app.screen, Screen::Start(_)) {
        return Some(Msg::InputKey(key));
    }
    if let Some(overlay) = &app.overlay {
        return overlay_key(overlay, key);
    }
    if app.focus == Focus::Notes {
        return Some(match key.code {
            KeyCode::Esc => Msg::Back,
            KeyCode::Tab => Msg::FocusNext,
            _ => Msg::NotesKey(key),
        });
    }
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') => Msg::Up,
        KeyCode::Down | KeyCode::Char('j') => Msg::Down,
        KeyCode::Char(' ') => Msg::ToggleHighlighted,
        KeyCode::Char(c @ '1'..='9') => Msg::Toggle(c as usize - '1' as usize),
        KeyCode::Right | KeyCode::Char('l') | KeyCode::Enter => Msg::NextQuestion,
        KeyCode::Left | KeyCode::Char('h') => Msg::PrevQuestion,
        KeyCode::Tab => Msg::FocusNext,
        KeyCode::Char('n') => Msg::EditNotes,
        KeyCode::Char('e') => Msg::AskEvidence,
        KeyCode::Char('a') => Msg::AskNotApplicable,
        KeyCode::Char('f') => Msg::ToggleFlag,
        KeyCode::Char('/') => Msg::OpenFind,
        KeyCode::Char('s') => Msg::OpenSummary,
        KeyCode::Char('x') => Msg::AskExport,
        KeyCode::Char('?') => Msg::OpenHelp,
        KeyCode::Char('q') => Msg::Quit,
        KeyCode::Esc => Msg::Back,
        _ => return None,
    })
}

fn overlay_key(overlay: &Overlay, key: KeyEvent) -> Option<Msg> {
    match (overlay, key.code) {
        (_, KeyCode::Esc) => Some(Msg::Back),
        (_, KeyCode::Enter) => Some(Msg::Submit),
        (Overlay::Help, KeyCode::Char('?')) => Some(Msg::OpenHelp),
        (Overlay::Help, KeyCode::Char('q')) => Some(Msg::Back),
        (Overlay::Help, _) => None,
        (Overlay::Summary { .. }, KeyCode::Up | KeyCode::Char('k')) => Some(Msg::Up),
        (Overlay::Summary { .. }, KeyCode::Down | KeyCode::Char('j')) => Some(Msg::Down),
        (Overlay::Summary { .. }, KeyCode::Char('s' | 'q')) => Some(Msg::Back),
        (Overlay::Summary { .. }, KeyCode::Char('x')) => Some(Msg::AskExport),
        (Overlay::Summary { .. }, _) => None,
        (Overlay::Find { .. } | Overlay::Evidence { .. }, KeyCode::Up) => Some(Msg::Up),
        (Overlay::Find { .. } | Overlay::Evidence { .. }, KeyCode::Down) => Some(Msg::Down),
        (
            Overlay::Evidence {
                selected: Some(_), ..
            },
            KeyCode::Delete,
        ) => Some(Msg::DeleteEvidence),
        (Overlay::Evidence { .. }, KeyCode::Char('d'))
            if key.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            Some(Msg::DeleteEvidence)
        }
        _ => Some(Msg::InputKey(key)),
    }
}
