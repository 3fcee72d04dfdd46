//! A round in the room, drawn over the walk: the question, the ticks of the voter whose turn it
//! is (earlier votes hidden), and who comes next.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::truncate;
use super::vote::{frame_lines, names, window_width};
use crate::tui::app::App;
use crate::tui::layout::{self, CHOICE_INDENT, choice_key};
use crate::tui::theme::Theme;
use crate::tui::vote::Round;

/// One voter's turn: the question, their ticks only, whose turn it is and who comes next.
pub fn draw(app: &App, round: &Round, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some((_, _, q)) = app.session().and_then(|s| s.current()) else {
        return;
    };
    let Some(voter) = round.voters.get(round.turn) else {
        return;
    };
    let width = window_width(area).saturating_sub(4) as usize;
    let mut lines: Vec<Line> = layout::wrap(&q.title, width)
        .into_iter()
        .map(|l| Line::styled(l, theme.title()))
        .collect();
    lines.push(Line::raw(""));
    let mut highlighted = (0, 0);
    for (i, c) in q.choices.iter().enumerate() {
        let on = round.answer.selected.contains(&c.id);
        let mark = match (c.none, on) {
            (true, true) => "(•)",
            (true, false) => "( )",
            (false, true) => "[x]",
            (false, false) => "[ ]",
        };
        let here = i == round.choice;
        let start = lines.len();
        let text = layout::wrap(&c.title, width.saturating_sub(CHOICE_INDENT));
        for (n, part) in text.into_iter().enumerate() {
            let prefix = if n == 0 {
                format!(
                    "{} {mark} {} ",
                    if here { "▶" } else { " " },
                    choice_key(q, i)
                )
            } else {
                " ".repeat(CHOICE_INDENT)
            };
            let mut line = Line::from(vec![Span::styled(prefix, theme.key()), Span::raw(part)]);
            if here {
                line = line.style(theme.selected());
            }
            lines.push(line);
        }
        if here {
            highlighted = (start, lines.len());
        }
    }
    lines.push(Line::raw(""));
    let ask = format!(
        "{}: tick what the squad really has, then enter. Earlier votes are hidden.",
        truncate(voter, 24)
    );
    lines.extend(
        layout::wrap(&ask, width)
            .into_iter()
            .map(|l| Line::styled(l, theme.hint())),
    );
    let next = &round.voters[round.turn + 1..];
    lines.push(Line::styled(
        if next.is_empty() {
            "Last voter: the reveal follows.".to_string()
        } else {
            format!("Then: {}.", names(next))
        },
        theme.hint(),
    ));
    let room = area.height.saturating_sub(4) as usize;
    let offset = highlighted.1.saturating_sub(room).min(highlighted.0);
    let title = format!(
        " Vote in the room · {}'s turn ({} of {}) ",
        truncate(voter, 20),
        round.turn + 1,
        round.voters.len()
    );
    frame_lines(frame, area, title, lines, offset, theme);
}
