//! The `s` overlay: the scorecard, a bar per pillar, and the high risks to jump to.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::truncate;
use crate::tui::app::App;
use crate::tui::layout::centered;
use crate::tui::theme::Theme;
use crate::tui::update::{high_risks, scorecard};

fn score_text(score: Option<f64>) -> String {
    score.map_or("  —".into(), |s| format!("{s:>3.0}"))
}

pub fn draw(app: &App, selected: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(card) = scorecard(app) else {
        return;
    };
    let width = area.width.saturating_sub(8).min(96) as usize;
    let high = high_risks(app);
    // Tall enough for the pillars and the high risks, no taller.
    let wanted = card.pillars.len() + high.len().max(1) + 7;
    let rect = centered(
        area,
        width as u16 + 4,
        (wanted as u16).min(area.height.saturating_sub(2)),
    );
    let t = &card.totals;
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(" Overall {} ", score_text(card.overall)),
            theme.title(),
        ),
        Span::raw(format!(
            "· {}% done ({}/{}) · high {} · medium {} · n/a {} · open {}",
            crate::review::score::percent(card.completion),
            t.answered() + t.not_applicable,
            t.total(),
            t.high,
            t.medium,
            t.not_applicable,
            t.unanswered
        )),
    ])];
    lines.push(Line::raw(""));
    let name_w = 24.min(width / 3);
    let bar_w = width.saturating_sub(name_w + 30).clamp(5, 30);
    for p in &card.pillars {
        let filled = p
            .score
            .map_or(0, |s| ((s / 100.0) * bar_w as f64).round() as usize);
        let style = theme.risk(p.score.map(|s| {
            if s >= 80.0 {
                crate::pack::Risk::None
            } else if s >= 50.0 {
                crate::pack::Risk::Medium
            } else {
                crate::pack::Risk::High
            }
        }));
        lines.push(Line::from(vec![
            Span::raw(format!(" {:<name_w$} ", truncate(&p.name, name_w))),
            Span::styled("█".repeat(filled), style),
            Span::styled("░".repeat(bar_w - filled), theme.dim()),
            Span::raw(format!(" {}  ", score_text(p.score))),
            Span::styled(
                format!("H {:<2}", p.counts.high),
                theme.risk(Some(crate::pack::Risk::High)),
            ),
            Span::styled(
                format!(" M {:<2}", p.counts.medium),
                theme.risk(Some(crate::pack::Risk::Medium)),
            ),
            Span::raw(format!(
                " {}/{}",
                p.counts.total() - p.counts.unanswered,
                p.counts.total()
            )),
        ]));
    }
    lines.push(Line::raw(""));
    if high.is_empty() {
        lines.push(Line::styled(" No high risks.", theme.info()));
    } else {
        lines.push(Line::styled(
            format!(" High risks ({}) · enter jumps to one", high.len()),
            theme.title(),
        ));
        let room = (rect.height as usize).saturating_sub(lines.len() + 2);
        let selected = selected.min(high.len() - 1);
        let offset = selected.saturating_sub(room.saturating_sub(1));
        for (n, key) in high.iter().enumerate().skip(offset).take(room) {
            let title = card
                .questions
                .iter()
                .find(|q| crate::review::key(&q.pack, &q.question) == *key)
                .map_or("", |q| q.title.as_str());
            let text = format!(" {} {key}: {title}", if n == selected { "▸" } else { " " },);
            let mut line = Line::raw(truncate(&text, width));
            if n == selected {
                line = line.style(theme.selected());
            }
            lines.push(line);
        }
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(theme.focus_border())
                .title(" Summary · x export · esc closes "),
        ),
        rect,
    );
}
