//! Drawing: pure functions of `&App`, one file per screen or overlay.

mod help;
mod overlays;
mod register;
mod round;
mod start;
mod summary;
mod vote;
mod walk;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::{App, Overlay, Screen};
use super::layout::{MIN_HEIGHT, MIN_WIDTH, too_small};
use super::theme::Theme;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme { color: app.color };
    if too_small(area.width, area.height) {
        draw_too_small(frame, area);
        return;
    }
    match &app.screen {
        Screen::Start(form) => start::draw(form, &theme, frame, area),
        Screen::Walk => {
            walk::draw(app, &theme, frame, area);
            match &app.overlay {
                None => {}
                Some(Overlay::Help) => help::draw(app.help_scroll, &theme, frame, area),
                Some(Overlay::Summary { selected }) => {
                    summary::draw(app, *selected, &theme, frame, area);
                }
                Some(Overlay::Round(r)) => round::draw(app, r, &theme, frame, area),
                Some(Overlay::Reveal { scroll }) => vote::reveal(app, *scroll, &theme, frame, area),
                Some(
                    other @ (Overlay::Accept(_) | Overlay::Owner(_) | Overlay::PracticeNa { .. }),
                ) => register::draw(app, other, &theme, frame, area),
                Some(other) => overlays::draw(app, other, &theme, frame, area),
            }
        }
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    let lines = [
        "Make the window bigger".to_string(),
        format!(
            "scorps needs {MIN_WIDTH}×{MIN_HEIGHT}; this is {}×{}.",
            area.width, area.height
        ),
        "Your review is saved.".to_string(),
    ];
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let text: Vec<Line> = lines.into_iter().map(Line::from).collect();
    let rect = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(Paragraph::new(text).centered(), rect);
}

/// `text` cut to `width` columns with an ellipsis.
pub(crate) fn truncate(text: &str, width: usize) -> String {
    let text = crate::text::clean_line(text);
    if text.chars().count() <= width {
        return text.into_owned();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `mm:ss`, or `h:mm:ss` past an hour.
pub(crate) fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}
