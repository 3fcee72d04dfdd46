//! The `?` overlay: every key of the walk, from the key table, and what the marks mean.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::keys::help_sections;
use crate::tui::layout::centered;
use crate::tui::theme::Theme;

pub fn draw(theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    for (heading, bindings) in help_sections() {
        lines.push(Line::styled(format!(" {heading}"), theme.title()));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("   {:<11}", b.keys), theme.key()),
                Span::raw(b.help),
            ]));
        }
    }
    lines.push(Line::raw(
        " Every change is saved to the review file at once.",
    ));
    let rect = centered(area, 76, lines.len() as u16 + 2);
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
