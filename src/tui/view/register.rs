//! The register's overlays: accepting a risk, naming an owner, a practice that does not apply.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::overlays::{input_line, window};
use super::truncate;
use crate::review::model::NaReason;
use crate::tui::app::{App, Overlay};
use crate::tui::register::AcceptForm;
use crate::tui::theme::Theme;

pub fn draw(app: &App, overlay: &Overlay, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(8).min(76);
    let inner_w = width.saturating_sub(4) as usize;
    let question = app
        .session()
        .and_then(|s| s.current())
        .map(|(p, _, q)| format!("{}/{}", p.id, q.id))
        .unwrap_or_default();
    let (title, lines): (&str, Vec<Line>) = match overlay {
        Overlay::Accept(form) => (
            " Accept the risk · tab moves, enter accepts, esc cancels ",
            accept_lines(form, &question, inner_w, theme),
        ),
        Overlay::Owner(input) => (
            " Owner · enter to save, esc to cancel ",
            vec![
                Line::raw(truncate(
                    &format!("Who owns the backlog item of {question}?"),
                    inner_w,
                )),
                Line::raw(""),
                input_line(input, inner_w, theme),
                Line::raw(""),
                Line::styled(
                    "An empty name removes the owner. Exports write it on the item.",
                    theme.hint(),
                ),
            ],
        ),
        Overlay::PracticeNa {
            choice,
            reason,
            note,
        } => {
            let practice = app
                .session()
                .and_then(|s| s.current())
                .and_then(|(_, _, q)| q.choices.get(*choice))
                .map(|c| c.title.clone())
                .unwrap_or_default();
            let mut lines = vec![
                Line::raw(truncate(&format!("Does not apply: {practice}"), inner_w)),
                Line::raw(""),
            ];
            for (i, r) in NaReason::ALL.iter().enumerate() {
                let on = i == *reason;
                let line = Line::raw(format!("{} {}", if on { "(•)" } else { "( )" }, r.label()));
                lines.push(if on {
                    line.style(theme.selected())
                } else {
                    line
                });
            }
            lines.push(Line::raw(""));
            lines.push(Line::raw("In your words (optional):"));
            lines.push(input_line(note, inner_w, theme));
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "It counts as in place, and the backlog lists it.",
                theme.hint(),
            ));
            (
                " A practice that does not apply · ↑↓ reason, enter saves ",
                lines,
            )
        }
        _ => return,
    };
    window(frame, area, width, title, lines, theme);
}

fn accept_lines<'a>(
    form: &AcceptForm,
    question: &str,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut lines = vec![
        Line::raw(truncate(
            &format!("Live with the risk of {question} until a day:"),
            width,
        )),
        Line::raw(""),
    ];
    for (i, label) in AcceptForm::LABELS.iter().enumerate() {
        let on = i == form.field;
        let marker = if on { "▶ " } else { "  " };
        let head = Span::styled(format!("{marker}{label:<8}"), theme.title());
        let value = if on {
            input_line(form.input(i), width.saturating_sub(11), theme)
        } else {
            Line::raw(truncate(&form.input(i).text, width.saturating_sub(11)))
        };
        lines.push(Line::from([vec![head], value.spans].concat()));
    }
    lines.push(Line::raw(""));
    lines.push(match &form.error {
        Some(e) => Line::styled(truncate(e, width), theme.error()),
        None => Line::styled(
            "Until: the last day it holds (UTC). No owner: no acceptance.",
            theme.hint(),
        ),
    });
    lines
}
