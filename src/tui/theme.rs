//! Named styles for a projector: body text at full contrast, meaning carried by words, glyphs and
//! modifiers as well as colour, so that `NO_COLOR` (and a washed-out projector) lose nothing.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::pack::Risk;

/// The styles the views use; without colour only bold, reverse and underline remain.
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

    /// Body text: the terminal's own foreground, never grey.
    pub fn text(&self) -> Style {
        Style::new()
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Hints and labels that help but are not read aloud: still the full foreground, in italics.
    pub fn hint(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The highlighted row: reversed and bold, and the views add a `▶` marker.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// A focused pane has a thick border as well as a coloured one.
    pub fn border_type(&self, focused: bool) -> BorderType {
        if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        }
    }

    pub fn border(&self) -> Style {
        Style::new()
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn flag(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn risk(&self, risk: Option<Risk>) -> Style {
        match risk {
            Some(Risk::High) => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Some(Risk::Medium) => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Some(Risk::None) => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            None => Style::new(),
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

/// Every mark the screens use and what it means, for the `?` legend.
pub const LEGEND: [(&str, &str); 15] = [
    ("○", "not answered yet"),
    ("✓", "answered: no risk (green)"),
    ("◑", "answered: medium risk (yellow)"),
    ("✗", "answered: high risk (red)"),
    ("⊘", "the question does not apply"),
    (
        "⚑",
        "flagged to revisit (magenta); its reason is in the parking lot",
    ),
    (
        "A",
        "a risk accepted until a day (r); after it, or if the risk rose: !",
    ),
    (
        "!",
        "an accepted risk that is open again: expired, or now higher",
    ),
    (
        "◷",
        "stale: due for another look (c confirms it still holds)",
    ),
    ("[x]", "a practice the squad has in place"),
    ("[ ]", "a practice not in place"),
    ("[-]", "a practice that does not apply (counts as in place)"),
    ("(•)", "\"None of these\" chosen"),
    (
        "▶",
        "the highlighted line; thick cyan borders mark the pane with the focus",
    ),
    ("↓ ↑", "more text below or above: PgDn and PgUp scroll"),
];
