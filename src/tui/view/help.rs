//! The `?` overlay: every key.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::layout::centered;
use crate::tui::theme::Theme;

/// Every key of the walk, as the help overlay lists it.
pub const KEYS: [(&str, &str); 20] = [
    (
        "↑ ↓  j k",
        "move between practices (or questions in the navigator)",
    ),
    ("space", "tick or untick the highlighted practice"),
    ("1-9", "tick or untick practice 1-9"),
    ("→ l enter", "next question"),
    ("← h", "previous question"),
    ("tab", "switch focus: navigator / question / notes"),
    ("n", "write notes (esc when done)"),
    ("e", "evidence links: add, or select and delete"),
    (
        "a",
        "not applicable, with a reason (empty reason clears it)",
    ),
    ("f", "flag the question to revisit"),
    ("/", "find a question"),
    ("s", "summary: scores and high risks"),
    ("x", "export the markdown backlog"),
    ("?", "this help"),
    ("q", "save and quit"),
    ("esc", "leave an editor or overlay"),
    ("ctrl+c", "save and quit, from anywhere"),
    (
        "mouse",
        "click a practice to tick it, a question to open it",
    ),
    ("wheel", "scroll practices or questions"),
    ("", "Every change is saved to the review file at once."),
];

pub fn draw(theme: &Theme, frame: &mut Frame, area: Rect) {
    let rect = centered(area, 72, KEYS.len() as u16 + 4);
    let mut lines = vec![Line::raw("")];
    for (key, what) in KEYS {
        lines.push(Line::from(vec![
            Span::styled(format!(" {key:<11}"), theme.key()),
            Span::raw(what),
        ]));
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(theme.focus_border())
                .title(" Keys · esc or ? to close "),
        ),
        rect,
    );
}
