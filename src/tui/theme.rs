//! Named styles, with a plain variant for `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

use crate::pack::Risk;

/// The styles the views use; `plain` keeps only bold/reverse/dim so `NO_COLOR` still reads.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn flag(&self) -> Style {
        self.fg(Color::Magenta)
    }

    pub fn risk(&self, risk: Option<Risk>) -> Style {
        match risk {
            Some(Risk::High) => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Some(Risk::Medium) => self.fg(Color::Yellow),
            Some(Risk::None) => self.fg(Color::Green),
            None => self.dim(),
        }
    }
}

/// The glyph of a question's state in the navigator: distinct without colour.
pub fn state_glyph(state: crate::review::State, risk: Option<Risk>) -> &'static str {
    use crate::review::State;
    match (state, risk) {
        (State::NotApplicable, _) => "⊘",
        (State::Answered, Some(Risk::None)) => "✓",
        (State::Answered, Some(Risk::Medium)) => "◑",
        (State::Answered, Some(Risk::High)) => "✗",
        _ => "○",
    }
}

pub fn risk_label(risk: Option<Risk>) -> &'static str {
    match risk {
        Some(Risk::High) => "HIGH",
        Some(Risk::Medium) => "MEDIUM",
        Some(Risk::None) => "NONE",
        None => "—",
    }
}
