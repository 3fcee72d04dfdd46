//! The `?` overlay: every key of the walk, from the key table, and what every mark and colour
//! means. It scrolls when the screen is short.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::keys::help_sections;
use crate::tui::layout::{centered, wrap};
use crate::tui::theme::{LEGEND, Theme};

/// Columns before the text of an entry.
const INDENT: usize = 16;

/// An entry: the key (or mark) and its meaning, wrapped under itself.
fn entry(lines: &mut Vec<Line<'static>>, key: &str, text: &str, width: usize, theme: &Theme) {
    for (n, part) in wrap(text, width.saturating_sub(INDENT))
        .into_iter()
        .enumerate()
    {
        let head = if n == 0 {
            format!("   {key:<13}")
        } else {
            " ".repeat(INDENT)
        };
        lines.push(Line::from(vec![
            Span::styled(head, theme.key()),
            Span::raw(part),
        ]));
    }
}

/// Every line of the help, wrapped to `width`.
pub(crate) fn lines(theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (heading, bindings) in help_sections() {
        lines.push(Line::styled(format!(" {heading}"), theme.title()));
        for b in bindings {
            entry(&mut lines, b.keys, b.help, width, theme);
        }
    }
    lines.push(Line::styled(" Marks and colours", theme.title()));
    for (mark, meaning) in LEGEND {
        entry(&mut lines, mark, meaning, width, theme);
    }
    lines.push(Line::raw(
        " Every change is saved to the review file at once.",
    ));
    lines
}

pub fn draw(scroll: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.min(92);
    let all = lines(theme, width.saturating_sub(5) as usize);
    let rect = centered(area, width, all.len() as u16 + 2);
    let room = rect.height.saturating_sub(2) as usize;
    let offset = scroll.min(all.len().saturating_sub(room));
    let mut block = Block::bordered()
        .border_type(theme.border_type(true))
        .border_style(theme.focus_border())
        .title(" Keys and marks · esc or ? to close ");
    if offset + room < all.len() {
        block = block.title_bottom(Line::from(" ↓ more: ↓ or PgDn ").alignment(Alignment::Right));
    }
    if offset > 0 {
        block = block.title(Line::from(" ↑ more ").alignment(Alignment::Right));
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(all.into_iter().skip(offset).take(room).collect::<Vec<_>>()).block(block),
        rect,
    );
}
