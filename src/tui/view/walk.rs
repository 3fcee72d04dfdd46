//! The walk: header, navigator, the question with its practices, notes, status and key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{clock, truncate};
use crate::pack::RiskRules;
use crate::review::State;
use crate::tui::app::{App, Focus, Tone};
use crate::tui::layout::{self, NavLine, wrap};
use crate::tui::theme::{Theme, risk_label, state_glyph};

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let l = layout::walk(app, area);
    header(app, theme, frame, l.header);
    navigator(app, theme, frame, l.nav);
    question(app, theme, frame, &l);
    notes(app, theme, frame, l.notes);
    status(app, theme, frame, l.status);
    footer(app, theme, frame, l.footer);
}

fn block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    let style = if focused {
        theme.focus_border()
    } else {
        theme.border()
    };
    Block::bordered().border_style(style).title(title)
}

fn header(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = app.session() else { return };
    let (done, total) = s.progress();
    let pct = crate::review::score::percent(crate::review::score::share(done, total));
    let elapsed = app.now.saturating_sub(app.session_started);
    let on_q = app.now.saturating_sub(app.question_started);
    let mut spans = vec![
        Span::styled(" scorps ", theme.key()),
        Span::styled(truncate(&s.review().workload, 28), theme.title()),
    ];
    if !s.review().team.is_empty() {
        spans.push(Span::raw(format!(" · {}", truncate(&s.review().team, 16))));
    }
    spans.push(Span::raw(format!(
        " · {done}/{total} ({pct}%) · session {}",
        clock(elapsed)
    )));
    let over = app.timebox_minutes > 0 && on_q > u64::from(app.timebox_minutes) * 60;
    let q_clock = if app.timebox_minutes > 0 {
        format!(" · question {} / {}m", clock(on_q), app.timebox_minutes)
    } else {
        format!(" · question {}", clock(on_q))
    };
    spans.push(Span::styled(
        q_clock,
        if over { theme.warn() } else { Style::new() },
    ));
    if over {
        spans.push(Span::styled(" · time to decide?", theme.warn()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn navigator(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = app.session() else { return };
    let inner_h = area.height.saturating_sub(2) as usize;
    let width = area.width.saturating_sub(2) as usize;
    let (lines, offset) = layout::navigator(app, inner_h);
    let mut out = Vec::new();
    for line in lines.iter().skip(offset).take(inner_h) {
        out.push(match line {
            NavLine::Pillar { name, done, total } => {
                let count = format!(" {done}/{total}");
                let name = truncate(name, width.saturating_sub(count.len()));
                Line::from(vec![
                    Span::styled(name, theme.title()),
                    Span::styled(count, theme.dim()),
                ])
            }
            NavLine::Question(i) => {
                let Some(&r) = s.order().get(*i) else {
                    continue;
                };
                let (state, risk) = s.status(r);
                let flagged = s.flagged(r);
                let title = s.get(r).map_or("", |(_, _, q)| q.title.as_str());
                let flag = if flagged { "⚑" } else { " " };
                let text = truncate(title, width.saturating_sub(5));
                let mut line = Line::from(vec![
                    Span::raw(" "),
                    Span::styled(
                        state_glyph(state, risk),
                        if state == State::NotApplicable {
                            theme.dim()
                        } else {
                            theme.risk(risk)
                        },
                    ),
                    Span::styled(flag, theme.flag()),
                    Span::raw(" "),
                    Span::raw(text),
                ]);
                if Some(*i) == s.cursor() {
                    line = line.style(theme.selected());
                }
                line
            }
        });
    }
    let title = Line::from(format!(
        " {} ",
        truncate(&app.scope(), width.saturating_sub(2))
    ));
    frame.render_widget(
        Paragraph::new(out).block(block(title, app.focus == Focus::Navigator, theme)),
        area,
    );
}

fn question(app: &App, theme: &Theme, frame: &mut Frame, l: &layout::Walk) {
    let area = l.question;
    let Some(s) = app.session() else { return };
    let (Some(r), Some((pack, pillar, q))) = (s.current_ref(), s.current()) else {
        frame.render_widget(
            Paragraph::new(" Nothing to walk: no question matches. Press q to leave.")
                .block(Block::bordered()),
            area,
        );
        return;
    };
    let (state, risk) = s.status(r);
    let flagged = s.flagged(r);
    let answer = s.answer_of(r);
    let at = s.cursor().unwrap_or(0);
    let width = area.width.saturating_sub(4) as usize;
    let title = Line::from(vec![
        Span::raw(format!(
            " {} · {}/{} · ",
            truncate(&pillar.name, 24),
            at + 1,
            s.order().len()
        )),
        Span::styled(
            truncate(&format!("{}/{}", pack.id, q.id), width.saturating_sub(30)),
            theme.dim(),
        ),
        Span::raw(" "),
    ]);
    let block = block(title, app.focus == Focus::Question, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_area = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let mut lines: Vec<Line> = wrap(&q.title, width)
        .into_iter()
        .take(l.title_lines)
        .map(|t| Line::styled(t, theme.title()))
        .collect();
    let why = wrap(&q.why, width);
    let mut shown: Vec<String> = why.iter().take(l.why_lines).cloned().collect();
    if why.len() > l.why_lines
        && let Some(last) = shown.last_mut()
    {
        *last = truncate(&format!("{last} …"), width);
    }
    lines.extend(shown.into_iter().map(|t| Line::styled(t, theme.dim())));
    lines.push(Line::raw(""));
    frame.render_widget(Paragraph::new(lines), text_area);

    // The checklist, one choice a row, so that a click lands on the row it hits.
    let selected: Vec<&str> = answer
        .map(|a| a.selected.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let mut rows = Vec::new();
    for (i, c) in q
        .choices
        .iter()
        .enumerate()
        .skip(l.choice_offset)
        .take(l.choices.height as usize)
    {
        let on = selected.contains(&c.id.as_str());
        let mark = match (c.none, on) {
            (true, true) => "(•)",
            (true, false) => "( )",
            (false, true) => "[x]",
            (false, false) => "[ ]",
        };
        let number = if i < 9 {
            format!("{}", i + 1)
        } else {
            " ".into()
        };
        let mut line = Line::from(vec![
            Span::styled(
                format!("{mark} "),
                if on { theme.info() } else { Style::new() },
            ),
            Span::styled(format!("{number} "), theme.key()),
            Span::raw(truncate(&c.title, width.saturating_sub(6))),
        ]);
        if i == app.choice && app.focus == Focus::Question {
            line = line.style(theme.selected());
        }
        rows.push(line);
    }
    frame.render_widget(Paragraph::new(rows), l.choices);

    // Under the checklist: the highlighted practice's help, then the live risk.
    let below_y = l.choices.y + l.choices.height;
    let below = Rect::new(
        text_area.x,
        below_y,
        text_area.width,
        (inner.y + inner.height).saturating_sub(below_y),
    );
    let mut lines = Vec::new();
    if l.gap_below {
        lines.push(Line::raw(""));
    }
    if let Some(c) = q.choices.get(app.choice) {
        let help = if c.none {
            "Tick this when the squad has none of the practices above.".to_string()
        } else {
            c.help.clone()
        };
        let mut help_lines = wrap(&help, width);
        if help_lines.len() > l.help_lines {
            help_lines.truncate(l.help_lines);
            if let Some(last) = help_lines.last_mut() {
                *last = truncate(&format!("{last} …"), width);
            }
        }
        lines.extend(help_lines.into_iter().map(|t| Line::styled(t, theme.dim())));
    }
    let risk_line = match state {
        State::NotApplicable => Line::from(vec![
            Span::styled("Not applicable: ", theme.title()),
            Span::raw(truncate(
                answer.map_or("", |a| a.reason.as_str()),
                width.saturating_sub(16),
            )),
        ]),
        _ => {
            let why = match (&q.risk, risk) {
                (_, None) => "tick the practices in place".to_string(),
                (RiskRules::Thresholds, Some(_)) => {
                    "by the share of practices in place".to_string()
                }
                (RiskRules::IfMissing, Some(_)) => {
                    crate::pack::explain::missing_reason(q, q.mask_of(selected.iter().copied()))
                }
                (RiskRules::Ordered { rules, .. }, Some(_)) => {
                    let mask = q.mask_of(selected.iter().copied());
                    match q.deciding_rule(mask) {
                        Some(i) => format!("rule {}: {}", i + 1, rules[i].condition),
                        None => "no rule holds: the default".to_string(),
                    }
                }
            };
            Line::from(vec![
                Span::raw("Risk now: "),
                Span::styled(risk_label(risk), theme.risk(risk)),
                Span::styled(
                    truncate(&format!("  ({why})"), width.saturating_sub(16)),
                    theme.dim(),
                ),
            ])
        }
    };
    let risk_line = if flagged {
        risk_line.clone().spans(
            [
                risk_line.spans,
                vec![Span::styled("  ⚑ flagged", theme.flag())],
            ]
            .concat(),
        )
    } else {
        risk_line
    };
    while lines.len() + 1 < below.height as usize {
        lines.push(Line::raw(""));
    }
    lines.push(risk_line);
    frame.render_widget(Paragraph::new(lines), below);
}

fn notes(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = app.session() else { return };
    let evidence = s.current_answer().map_or(0, |a| a.evidence.len());
    let editing = app.focus == Focus::Notes;
    let hint = if editing { "esc done" } else { "n edit" };
    let title = Line::from(format!(
        " Notes · {evidence} evidence link{} (e) · {hint} ",
        if evidence == 1 { "" } else { "s" }
    ));
    let block = block(title, editing, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let area = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    if editing {
        frame.render_widget(&app.notes, area);
    } else {
        // Without focus the cursor is hidden; a copy keeps drawing free of state changes.
        let mut editor = app.notes.clone();
        editor.set_cursor_style(Style::new());
        editor.set_cursor_line_style(Style::new());
        frame.render_widget(&editor, area);
    }
}

fn status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some((text, tone)) = &app.message else {
        return;
    };
    let style = if *tone == Tone::Error {
        theme.error()
    } else {
        theme.info()
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(" {}", truncate(text, area.width as usize - 2)),
            style,
        )),
        area,
    );
}

fn footer(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    // The last two (help and quit, or the notes' tab and esc) always show; the rest fill the
    // room in the key table's order.
    let keys = crate::tui::keys::footer(crate::tui::keys::context(app));
    let len = |(k, what): &(&str, &str)| k.chars().count() + what.chars().count() + 3;
    let (rest, last) = keys.split_at(keys.len().saturating_sub(2));
    let mut room = (area.width as usize).saturating_sub(1 + last.iter().map(len).sum::<usize>());
    let mut shown: Vec<&(&str, &str)> = Vec::new();
    for item in rest {
        if len(item) > room {
            break;
        }
        room -= len(item);
        shown.push(item);
    }
    shown.extend(last);
    let mut spans = vec![Span::raw(" ")];
    for (k, what) in shown {
        spans.push(Span::styled(*k, theme.key()));
        spans.push(Span::styled(format!(" {what}  "), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
