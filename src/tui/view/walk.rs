//! The walk: header, navigator, the question with its practices, notes, status and key hints.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{clock, truncate};
use crate::review::score::{percent, share};
use crate::tui::app::{App, Focus, Tone};
use crate::tui::keys;
use crate::tui::layout::{self, CHOICE_INDENT, NavLine, Part, choice_key};
use crate::tui::theme::{Theme, risk_label, state_glyph};

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let l = layout::walk(app, area);
    header(app, theme, frame, l.header);
    if !app.present {
        navigator(app, theme, frame, l.nav);
        notes(app, theme, frame, l.notes);
    }
    question(app, theme, frame, &l);
    status(app, theme, frame, l.status);
    footer(app, theme, frame, l.footer);
}

fn block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    let style = if focused {
        theme.focus_border()
    } else {
        theme.border()
    };
    Block::bordered()
        .border_type(theme.border_type(focused))
        .border_style(style)
        .title(title)
}

/// The header: workload, team, progress, score and the clocks. When they do not all fit, the
/// least needed go first (team, score, session clock), never the question's clock or progress.
fn header(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = app.session() else { return };
    let review = s.review();
    let (done, total) = s.progress();
    // (priority: lower is kept longer, spans)
    let mut parts: Vec<(u8, Vec<Span>)> = vec![(
        0,
        vec![
            Span::styled(" scorps ", theme.key()),
            Span::styled(truncate(&review.workload, 24), theme.title()),
        ],
    )];
    if let Some(ballot) = &app.ballot {
        // A voter's walk says whose votes are on screen, whatever else gives way.
        let who = format!("{}'s vote", truncate(&ballot.voter, 16));
        parts.push((0, vec![Span::styled(who, theme.flag())]));
    }
    if !review.team.is_empty() {
        parts.push((6, vec![Span::raw(truncate(&review.team, 16))]));
    }
    parts.push((
        1,
        vec![Span::raw(format!(
            "{done}/{total} {} ({}%)",
            if s.filter().is_narrowed() {
                "of this walk answered"
            } else {
                "answered"
            },
            percent(share(done, total))
        ))],
    ));
    let card = crate::review::score::score(review, s.packs());
    if let Some(score) = card.overall {
        parts.push((5, vec![Span::raw(format!("score {score:.0}"))]));
    }
    let current = s
        .current()
        .map(|(p, pl, q)| (p.id.clone(), pl.id.clone(), q.id.clone()));
    if let (Some(minutes), Some((_, pillar, _))) = (app.pillar_timebox(), &current) {
        let spent = s.pillar_seconds(pillar) + app.uncounted();
        let allowed = u64::from(minutes) * 60;
        let (text, style) = if spent <= allowed {
            (
                format!("pillar {} left", clock(allowed - spent)),
                Style::new(),
            )
        } else {
            (
                format!("pillar {} over", clock(spent - allowed)),
                theme.warn(),
            )
        };
        parts.push((3, vec![Span::styled(text, style)]));
    }
    let on_question = current.as_ref().map_or(0, |(p, _, q)| {
        review.answer(p, q).map_or(0, |a| a.seconds) + app.uncounted()
    });
    let over = app.timebox_minutes > 0 && on_question > u64::from(app.timebox_minutes) * 60;
    let q_clock = if app.timebox_minutes > 0 {
        format!(
            "question {} of {}m",
            clock(on_question),
            app.timebox_minutes
        )
    } else {
        format!("question {}", clock(on_question))
    };
    let mut q_part = vec![Span::styled(
        q_clock,
        if over { theme.warn() } else { Style::new() },
    )];
    if over {
        q_part.push(Span::styled(" · time to decide?", theme.warn()));
    }
    parts.push((2, q_part));
    parts.push((
        4,
        vec![Span::raw(format!(
            "session {}",
            clock(review.seconds + app.uncounted())
        ))],
    ));
    let len = |spans: &[Span]| {
        spans
            .iter()
            .map(|s| s.content.chars().count())
            .sum::<usize>()
            + 3
    };
    let mut kept: Vec<bool> = vec![true; parts.len()];
    let mut used: usize = parts.iter().map(|(_, p)| len(p)).sum();
    let mut by_priority: Vec<usize> = (0..parts.len()).collect();
    by_priority.sort_by_key(|i| std::cmp::Reverse(parts[*i].0));
    for i in by_priority {
        if used <= area.width as usize || parts[i].0 == 0 {
            break;
        }
        kept[i] = false;
        used -= len(&parts[i].1);
    }
    let mut spans: Vec<Span> = Vec::new();
    for (n, (_, part)) in parts.into_iter().enumerate().filter(|(i, _)| kept[*i]) {
        if n > 0 {
            spans.push(Span::raw(" · "));
        }
        spans.extend(part);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn navigator(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = app.session() else { return };
    let inner_h = area.height.saturating_sub(2) as usize;
    let width = area.width.saturating_sub(2) as usize;
    let (lines, offset) = layout::navigator(app, inner_h);
    let register = crate::tui::register::register(app);
    let mut out = Vec::new();
    for line in lines.iter().skip(offset).take(inner_h) {
        out.push(match line {
            NavLine::Pillar { name, done, total } => {
                let count = format!(" {done}/{total}");
                let name = truncate(name, width.saturating_sub(count.len()));
                Line::from(vec![
                    Span::styled(name, theme.title()),
                    Span::styled(count, theme.title()),
                ])
            }
            NavLine::Question(i) => {
                let Some(&r) = s.order().get(*i) else {
                    continue;
                };
                let (state, risk) = s.status(r);
                // The flag, else the register's mark (accepted, acceptance lapsed, stale).
                let mark = register
                    .as_ref()
                    .and_then(|reg| crate::tui::register::nav_mark(app, reg, r));
                let (flag, flag_style) = match (s.flagged(r), mark) {
                    (true, _) => ("⚑", theme.flag()),
                    (false, Some(m)) => (m, theme.hint()),
                    (false, None) => (" ", theme.flag()),
                };
                let label = s.get(r).map_or("", |(_, _, q)| q.label());
                let here = Some(*i) == s.cursor();
                let marker = if here { "▶" } else { " " };
                let text = truncate(label, width.saturating_sub(4));
                let mut line = Line::from(vec![
                    Span::raw(marker),
                    Span::styled(state_glyph(state, risk), theme.risk(risk)),
                    Span::styled(flag, flag_style),
                    Span::raw(" "),
                    Span::raw(text),
                ]);
                if here {
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
    let answer = s.answer_of(r);
    let at = s.cursor().unwrap_or(0);
    let width = area.width as usize;
    let mut title = vec![Span::raw(format!(
        " {} · {}/{} ",
        truncate(&pillar.name, 24),
        at + 1,
        s.order().len()
    ))];
    let id = format!("{}/{} ", pack.id, q.id);
    if width > 40 + id.len() {
        title.push(Span::raw(id));
    }
    let focused = app.focus == Focus::Question;
    let mut block = block(Line::from(title), focused, theme);
    if l.more_above() {
        block = block.title(Line::from(" ↑ more: PgUp ").alignment(Alignment::Right));
    }
    if l.more_below() {
        block = block.title_bottom(Line::from(" ↓ more: PgDn ").alignment(Alignment::Right));
    }
    frame.render_widget(block, area);

    let selected: Vec<&str> = answer
        .map(|a| a.selected.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let na = |id: &str| answer.is_some_and(|a| a.not_applicable.contains_key(id));
    let mut rows = Vec::new();
    for line in l.visible() {
        rows.push(match line.part {
            Part::Title => Line::styled(line.text.clone(), theme.title()),
            Part::Why => Line::styled(line.text.clone(), theme.text()),
            Part::WhyFolded => Line::from(vec![
                Span::styled(line.text.clone(), theme.text()),
                Span::styled(layout::FOLD_CUE, theme.key()),
            ]),
            Part::Blank => Line::raw(""),
            Part::Help { .. } => Line::styled(line.text.clone(), theme.hint()),
            Part::Choice { index, first } => {
                let Some(c) = q.choices.get(index) else {
                    continue;
                };
                let highlighted = index == app.choice;
                let prefix = if first {
                    let on = selected.contains(&c.id.as_str());
                    let mark = match (c.none, on, na(&c.id)) {
                        (true, true, _) => "(•)",
                        (true, false, _) => "( )",
                        (false, _, true) => "[-]",
                        (false, true, _) => "[x]",
                        (false, false, _) => "[ ]",
                    };
                    let number = choice_key(q, index);
                    let marker = if highlighted { "▶" } else { " " };
                    format!("{marker} {mark} {number} ")
                } else {
                    " ".repeat(CHOICE_INDENT)
                };
                let mut row = Line::from(vec![
                    Span::styled(prefix, theme.key()),
                    Span::styled(line.text.clone(), theme.text()),
                ]);
                if highlighted && focused {
                    row = row.style(theme.selected());
                }
                row
            }
        });
    }
    frame.render_widget(Paragraph::new(rows), l.body);
    if let Some(text) = &l.risk_text {
        frame.render_widget(
            Paragraph::new(risk_lines(text, theme, l.risk.width as usize)),
            l.risk,
        );
    }
}

/// "Risk now: HIGH  missing 2: …" (or the question's not-applicable reason), wrapped as the
/// layout measured it, with the level in its colour.
fn risk_lines<'a>(text: &layout::RiskText, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let (head, word) = if text.not_applicable {
        ("Not applicable: ", "")
    } else {
        ("Risk now: ", risk_label(text.level))
    };
    let mut lines = Vec::new();
    for (n, row) in layout::wrap(&text.plain(), width)
        .into_iter()
        .take(2)
        .enumerate()
    {
        if n > 0 {
            lines.push(Line::raw(row));
            continue;
        }
        let rest = row
            .strip_prefix(head)
            .and_then(|r| r.strip_prefix(word))
            .unwrap_or(&row)
            .to_string();
        lines.push(Line::from(vec![
            Span::styled(head, theme.title()),
            Span::styled(word, theme.risk(text.level)),
            Span::raw(rest),
        ]));
    }
    lines
}

fn notes(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = app.session() else { return };
    let evidence = s.current_answer().map_or(0, |a| a.evidence.len());
    let editing = app.focus == Focus::Editing;
    let hint = match app.focus {
        Focus::Editing => "esc: done",
        Focus::Notes => "enter or n: write",
        _ => "n: write",
    };
    let title = Line::from(format!(
        " Notes · {evidence} evidence link{} (e) · {hint} ",
        if evidence == 1 { "" } else { "s" }
    ));
    let focused = matches!(app.focus, Focus::Notes | Focus::Editing);
    let block = block(title, focused, theme);
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
        return;
    }
    // Not editing: the notes as wrapped text, only as much of them as the pane shows.
    let notes = s.current_answer().map_or("", |a| a.notes.as_str());
    let lines: Vec<Line> = if app.ballot.is_some() {
        vec![Line::styled(
            "A vote holds ticks only; the review is untouched.",
            theme.hint(),
        )]
    } else if notes.trim().is_empty() {
        vec![Line::styled(
            "No notes yet: n writes, e adds evidence links",
            theme.hint(),
        )]
    } else {
        layout::wrap_head(notes, area.width as usize, area.height as usize)
            .into_iter()
            .map(Line::raw)
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), area);
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
            format!(
                " {}",
                truncate(text, (area.width as usize).saturating_sub(2))
            ),
            style,
        )),
        area,
    );
}

/// The keys of the pane or window with the focus, from the key table; the last two (help and
/// quit, or the notes' tab and esc) always show, the rest as room allows.
pub(crate) fn footer(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let keys = keys::footer_of(app);
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
        spans.push(Span::styled(format!(" {what}  "), theme.text()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
