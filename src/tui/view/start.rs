//! The start screen: recent reviews to resume, and the form for a new one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::overlays::input_line;
use super::truncate;
use crate::tui::keys::{self, Context};
use crate::tui::start::{Field, Row, StartForm};
use crate::tui::theme::Theme;

pub fn draw(form: &StartForm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4) as usize;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" scorps ", theme.key()),
            Span::styled("Well-Architected review", theme.title()),
            Span::styled(
                " · security · cost · operations · reliability · performance · sustainability",
                theme.dim(),
            ),
        ])),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let form_h = (Field::ALL.len() + form.packs.len() + 4) as u16;
    let recent_room = area.height.saturating_sub(form_h + 3).max(3);
    let recent_h = (form.recent.len().max(1) as u16 + 2).min(recent_room);
    let recent_area = Rect::new(area.x, area.y + 1, area.width, recent_h);
    let form_area = Rect::new(
        area.x,
        area.y + 1 + recent_h,
        area.width,
        (area.height - 2 - recent_h).min(form_h),
    );

    let mut lines = Vec::new();
    if form.recent.is_empty() {
        lines.push(Line::styled(
            " No recent reviews: start one below.",
            theme.dim(),
        ));
    }
    let visible = recent_h.saturating_sub(2) as usize;
    let at = if let Row::Recent(i) = form.row { i } else { 0 };
    let offset = at.saturating_sub(visible.saturating_sub(1));
    for (i, r) in form.recent.iter().enumerate().skip(offset).take(visible) {
        let text = format!(
            " {} · {} · {} · {}",
            r.workload,
            r.team,
            r.opened,
            r.path.display()
        );
        let mut line = Line::raw(truncate(&text, width));
        if form.row == Row::Recent(i) {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    let recent_focus = matches!(form.row, Row::Recent(_));
    let border = if recent_focus {
        theme.focus_border()
    } else {
        theme.border()
    };
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(border)
                .title(" Resume a review · enter opens "),
        ),
        recent_area,
    );

    let mut lines = Vec::new();
    for f in Field::ALL {
        let label = Span::styled(format!(" {:<13}", f.label()), theme.title());
        let input = form.field(f);
        let value = if form.row == Row::Field(f) {
            input_line(input, width.saturating_sub(15), theme)
        } else {
            Line::raw(truncate(&input.text, width.saturating_sub(15)))
        };
        let hint = if f == Field::Participants && input.text.is_empty() && form.row != Row::Field(f)
        {
            "comma-separated names"
        } else {
            ""
        };
        lines.push(Line::from(
            [
                vec![label],
                value.spans,
                vec![Span::styled(hint, theme.dim())],
            ]
            .concat(),
        ));
    }
    for (i, p) in form.packs.iter().enumerate() {
        let mark = if p.selected { "[x]" } else { "[ ]" };
        let mut line = Line::raw(truncate(
            &format!(" {mark} {} ({}, {} questions)", p.name, p.id, p.questions),
            width,
        ));
        if form.row == Row::Pack(i) {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    let mut start = Line::styled("   ▶ Start the review", theme.key());
    if form.row == Row::Start {
        start = start.style(theme.selected());
    }
    lines.push(start);
    let new_focus = !recent_focus;
    let border = if new_focus {
        theme.focus_border()
    } else {
        theme.border()
    };
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_style(border).title(" New review ")),
        form_area,
    );

    let footer = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    let text = match &form.error {
        Some(e) => Line::styled(format!(" {e}"), theme.error()),
        None => {
            let context = if matches!(form.row, Row::Field(_)) {
                Context::Start
            } else {
                Context::StartList
            };
            let mut spans = vec![Span::raw(" ")];
            for (k, what) in keys::footer(context) {
                spans.push(Span::styled(k, theme.key()));
                spans.push(Span::styled(format!(" {what}  "), theme.dim()));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(text), footer);
}
