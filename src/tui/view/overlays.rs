//! Small overlays that ask for text: not-applicable reason, evidence, find, export path.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::truncate;
use crate::tui::app::{App, Overlay};
use crate::tui::input::LineInput;
use crate::tui::layout::centered;
use crate::tui::theme::Theme;
use crate::tui::update::find;

/// An input line with a visible cursor, scrolled so the cursor stays in view.
pub(crate) fn input_line<'a>(input: &LineInput, width: usize, theme: &Theme) -> Line<'a> {
    let chars: Vec<char> = crate::text::clean_line(&input.text).chars().collect();
    let width = width.max(2);
    let start = input.cursor.saturating_sub(width - 1);
    let before: String = chars[start..input.cursor.min(chars.len())].iter().collect();
    let at: String = chars
        .get(input.cursor)
        .map_or(" ".into(), std::string::ToString::to_string);
    let after: String = chars
        .iter()
        .skip(input.cursor + 1)
        .take(width.saturating_sub(before.chars().count() + 1))
        .collect();
    Line::from(vec![
        Span::raw(before),
        Span::styled(at, theme.selected()),
        Span::raw(after),
    ])
}

pub fn draw(app: &App, overlay: &Overlay, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(8).min(76);
    let inner_w = width.saturating_sub(4) as usize;
    let (title, lines): (&str, Vec<Line>) = match overlay {
        Overlay::Reason(input) => (
            " Not applicable · enter to save, esc to cancel ",
            vec![
                Line::raw("Why does this question not apply to the workload?"),
                Line::raw(""),
                input_line(input, inner_w, theme),
                Line::raw(""),
                Line::styled("An empty reason clears not-applicable.", theme.hint()),
            ],
        ),
        Overlay::Unsaved { error, lost, input } => {
            let mut lines = vec![Line::styled(
                "The review could not be saved:",
                theme.error(),
            )];
            lines.extend(
                crate::tui::layout::wrap(error, inner_w)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.error())),
            );
            lines.push(Line::raw(""));
            lines.push(Line::raw(match lost {
                0 => "Nothing is lost: the file already holds every answer.".to_string(),
                1 => "1 answer on screen is not in the file yet.".to_string(),
                n => format!("{n} answers on screen are not in the file yet."),
            }));
            lines.push(Line::raw("Save them to another file:"));
            lines.push(input_line(input, inner_w, theme));
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "enter saves there and leaves · ctrl+q leaves without saving · esc stays",
                theme.hint(),
            ));
            (" Not saved ", lines)
        }
        Overlay::Flag(input) => (
            " Flag to revisit · enter to flag, esc to cancel ",
            vec![
                Line::raw("Why come back to it? (optional: it goes in the parking lot)"),
                Line::raw(""),
                input_line(input, inner_w, theme),
            ],
        ),
        Overlay::Export(input) => (
            " Export the backlog · enter to write, esc to cancel ",
            vec![
                Line::raw("Markdown backlog file:"),
                Line::raw(""),
                input_line(input, inner_w, theme),
            ],
        ),
        Overlay::Evidence { input, selected } => {
            let links: Vec<String> = app
                .session()
                .and_then(|s| s.current_answer())
                .map(|a| a.evidence.clone())
                .unwrap_or_default();
            let mut lines = Vec::new();
            // What the pack says counts as proof for the highlighted practice.
            let proof = app
                .session()
                .and_then(|s| s.current())
                .and_then(|(_, _, q)| q.choices.get(app.choice))
                .filter(|c| !c.evidence.trim().is_empty())
                .map(|c| format!("Proof that fits \"{}\": {}", c.title, c.evidence));
            if let Some(proof) = proof {
                lines.extend(
                    crate::tui::layout::wrap(&proof, inner_w)
                        .into_iter()
                        .map(|l| Line::styled(l, theme.hint())),
                );
            }
            lines.push(Line::raw(
                "Add a link or reference (ADR, dashboard, runbook):",
            ));
            lines.push(input_line(input, inner_w, theme));
            lines.push(Line::raw(""));
            if links.is_empty() {
                lines.push(Line::styled("No evidence yet.", theme.hint()));
            }
            for (i, link) in links.iter().enumerate() {
                let mut line = Line::raw(truncate(&format!("{}. {link}", i + 1), inner_w));
                if *selected == Some(i) {
                    line = line.style(theme.selected());
                }
                lines.push(line);
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "↑↓ select · delete or ctrl+d removes · esc closes",
                theme.hint(),
            ));
            (" Evidence ", lines)
        }
        Overlay::Find { input, selected } => {
            let found = find(app);
            let mut lines = vec![input_line(input, inner_w, theme), Line::raw("")];
            let room = area.height.saturating_sub(8) as usize;
            let selected = (*selected).min(found.len().saturating_sub(1));
            let offset = selected.saturating_sub(room.saturating_sub(1));
            if let Some(s) = app.session() {
                for (n, i) in found.iter().enumerate().skip(offset).take(room) {
                    let Some((pack, _, q)) = s.order().get(*i).and_then(|r| s.get(*r)) else {
                        continue;
                    };
                    let mut line = Line::raw(truncate(
                        &format!("{}/{}: {}", pack.id, q.id, q.title),
                        inner_w,
                    ));
                    if n == selected {
                        line = line.style(theme.selected());
                    }
                    lines.push(line);
                }
            }
            if found.is_empty() {
                lines.push(Line::styled("No question matches.", theme.hint()));
            }
            (" Find a question · enter jumps, esc closes ", lines)
        }
        Overlay::Help
        | Overlay::Summary { .. }
        | Overlay::Accept(_)
        | Overlay::Owner(_)
        | Overlay::PracticeNa { .. }
        | Overlay::Round(_)
        | Overlay::Reveal { .. } => return,
    };
    window(frame, area, width, title, lines, theme);
}

/// A small window of `width` columns centred in `area`, as tall as its lines, with a margin of
/// one column inside its border.
pub(crate) fn window(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    title: &str,
    lines: Vec<Line>,
    theme: &Theme,
) {
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(theme.border_type(true))
        .border_style(theme.focus_border())
        .title(title.to_string());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(2),
            inner.height,
        ),
    );
}
