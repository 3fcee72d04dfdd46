//! The start screen: recent reviews to resume, a review to open by its path, and the form for a
//! new one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::overlays::input_line;
use super::truncate;
use crate::tui::keys;
use crate::tui::start::{Field, Row, StartForm};
use crate::tui::theme::Theme;

/// A row's line, marked and reversed when the cursor is on it.
fn mark<'a>(line: Line<'a>, on: bool, theme: &Theme) -> Line<'a> {
    let marker = Span::raw(if on { "▶" } else { " " });
    let line = Line::from([vec![marker], line.spans].concat());
    if on {
        line.style(theme.selected())
    } else {
        line
    }
}

fn pane<'a>(title: &'a str, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(theme.border_type(focused))
        .border_style(if focused {
            theme.focus_border()
        } else {
            theme.border()
        })
        .title(title)
}

pub fn draw(form: &StartForm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4) as usize;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" scorps ", theme.key()),
            Span::styled("Well-Architected review", theme.title()),
            Span::raw(
                " · security · cost · operations · reliability · performance · sustainability",
            ),
        ])),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let form_h = (Field::ALL.len() + form.packs.len() + 4) as u16;
    let recent_room = area.height.saturating_sub(form_h + 2).max(4);
    let recent_h = (form.recent.len().max(1) as u16 + 3).min(recent_room);
    let recent_area = Rect::new(area.x, area.y + 1, area.width, recent_h);
    let form_area = Rect::new(
        area.x,
        area.y + 1 + recent_h,
        area.width,
        area.height.saturating_sub(2 + recent_h).min(form_h),
    );

    let mut lines = Vec::new();
    let visible = recent_h.saturating_sub(3) as usize;
    if form.recent.is_empty() {
        lines.push(Line::raw(
            " No recent reviews: open one by its path, or start one below.",
        ));
    }
    let at = if let Row::Recent(i) = form.row { i } else { 0 };
    let offset = at.saturating_sub(visible.saturating_sub(1));
    for (i, r) in form.recent.iter().enumerate().skip(offset).take(visible) {
        let text = format!(
            "{} · {} · {} · {}",
            r.workload,
            r.team,
            r.opened,
            r.path.display()
        );
        lines.push(mark(
            Line::raw(truncate(&text, width.saturating_sub(1))),
            form.row == Row::Recent(i),
            theme,
        ));
    }
    let open_on = form.row == Row::Open;
    let label = Span::styled("Open a file  ", theme.title());
    let value = if open_on {
        input_line(&form.open, width.saturating_sub(14), theme)
    } else if form.open.text.is_empty() {
        Line::styled("type or paste a path; tab completes", theme.hint())
    } else {
        Line::raw(truncate(&form.open.text, width.saturating_sub(14)))
    };
    lines.push(mark(
        Line::from([vec![label], value.spans].concat()),
        open_on,
        theme,
    ));
    let recent_focus = matches!(form.row, Row::Recent(_) | Row::Open);
    frame.render_widget(
        Paragraph::new(lines).block(pane(" Resume a review · enter opens ", recent_focus, theme)),
        recent_area,
    );

    let mut lines = Vec::new();
    for f in Field::ALL {
        let on = form.row == Row::Field(f);
        let label = Span::styled(format!("{:<13}", f.label()), theme.title());
        let input = form.field(f);
        let value = if on {
            input_line(input, width.saturating_sub(15), theme)
        } else {
            Line::raw(truncate(&input.text, width.saturating_sub(15)))
        };
        let hint = match f {
            Field::Participants if input.text.is_empty() && !on => "comma-separated names",
            Field::PillarMinutes if input.text.is_empty() && !on => "empty: no pillar timebox",
            Field::Description if input.text.is_empty() && !on => "what the workload is and does",
            Field::Environment if input.text.is_empty() && !on => "e.g. production, eu-west",
            Field::Architecture if input.text.is_empty() && !on => "a link: diagram, ADRs, wiki",
            Field::Owner if input.text.is_empty() && !on => "who follows up between reviews",
            _ => "",
        };
        lines.push(mark(
            Line::from(
                [
                    vec![label],
                    value.spans,
                    vec![Span::styled(hint, theme.hint())],
                ]
                .concat(),
            ),
            on,
            theme,
        ));
    }
    for (i, p) in form.packs.iter().enumerate() {
        let check = if p.selected { "[x]" } else { "[ ]" };
        let text = format!("{check} {} ({}, {} questions)", p.name, p.id, p.questions);
        lines.push(mark(
            Line::raw(truncate(&text, width.saturating_sub(1))),
            form.row == Row::Pack(i),
            theme,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(mark(
        Line::styled("  Start the review", theme.key()),
        form.row == Row::Start,
        theme,
    ));
    // When the form is taller than its pane, it scrolls to keep the cursor's row in sight.
    let room = form_area.height.saturating_sub(2) as usize;
    let at = match form.row {
        Row::Field(f) => Field::ALL.iter().position(|x| *x == f).unwrap_or(0),
        Row::Pack(i) => Field::ALL.len() + i,
        Row::Start => lines.len().saturating_sub(1),
        Row::Recent(_) | Row::Open => 0,
    };
    let offset = (at + 1).saturating_sub(room);
    let below = lines.len().saturating_sub(offset + room);
    let mut block = pane(" New review ", !recent_focus, theme);
    if below > 0 {
        block = block.title_bottom(format!(" ↓ {below} more "));
    }
    if offset > 0 {
        block = block.title(format!(" ↑ {offset} more "));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(offset).unwrap_or(u16::MAX), 0)),
        form_area,
    );

    let footer = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    let text = match &form.error {
        Some(e) => Line::styled(format!(" {}", truncate(e, width + 2)), theme.error()),
        None => {
            let mut spans = vec![Span::raw(" ")];
            for (k, what) in keys::footer(keys::start_context(form)) {
                spans.push(Span::styled(k, theme.key()));
                spans.push(Span::raw(format!(" {what}  ")));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(text), footer);
}
