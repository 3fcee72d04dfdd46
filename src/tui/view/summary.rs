//! The `s` overlay: progress and score apart, a bar per pillar, then every high and medium risk
//! and the parking lot, to jump to. The numbers are the scorecard's, as `scorps score` prints
//! them.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::truncate;
use crate::pack::Risk;
use crate::review::score::percent;
use crate::tui::app::App;
use crate::tui::layout::centered;
use crate::tui::theme::Theme;
use crate::tui::update::{Listed, scorecard, summary_items};

fn score_text(score: Option<f64>) -> String {
    score.map_or("  —".into(), |s| format!("{s:>3.0}"))
}

/// The colour band of a score: the same thresholds as the report.
fn band(score: Option<f64>) -> Option<Risk> {
    score.map(|s| {
        if s >= 80.0 {
            Risk::None
        } else if s >= 50.0 {
            Risk::Medium
        } else {
            Risk::High
        }
    })
}

pub fn draw(app: &App, selected: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(card) = scorecard(app) else {
        return;
    };
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2),
    );
    let width = rect.width.saturating_sub(4) as usize;
    let t = &card.totals;
    let done = t.answered() + t.not_applicable;
    let milestone = app.walk.as_ref().and_then(|w| w.milestone.as_ref());
    let targets = app.targets();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(" Progress  ", theme.title()),
            Span::raw(format!(
                "{done} of {} questions answered or not applicable ({}%)",
                t.total(),
                percent(card.completion)
            )),
        ]),
        Line::from(vec![
            Span::styled(" Score     ", theme.title()),
            Span::styled(
                format!("{} / 100", score_text(card.overall).trim()),
                theme.risk(band(card.overall)),
            ),
            Span::raw(format!(
                "  from {} answered: {} high, {} medium, {} no risk",
                t.answered(),
                t.high,
                t.medium,
                t.none,
            )),
        ]),
        Line::raw(match milestone {
            Some(m) => format!(
                " Milestone {} ({}): score {} · the bars' \"was\" column",
                truncate(&m.name, 24),
                m.date.date(),
                score_text(m.overall).trim()
            ),
            None => {
                " No milestone yet: `scorps milestone FILE NAME` freezes today's scores.".into()
            }
        }),
        Line::raw(""),
        Line::from(vec![
            Span::styled(" Pillar scores ", theme.title()),
            Span::raw("(0–100)  █ score  ░ to 100  ┃ target  H high  M medium  done/total"),
        ]),
    ];
    let name_w = 22.min(width / 3);
    let bar_w = width.saturating_sub(name_w + 37).clamp(5, 30);
    let cells = |score: f64| ((score / 100.0) * bar_w as f64).round() as usize;
    for p in &card.pillars {
        let filled = p.score.map_or(0, cells).min(bar_w);
        // The bar, with the target marked where it falls.
        let mark = targets
            .get(&p.id)
            .map(|t| cells(t).min(bar_w.saturating_sub(1)));
        let mut bar = vec![Span::raw(format!(
            " {:<name_w$} ",
            truncate(&p.name, name_w)
        ))];
        for i in 0..bar_w {
            let (glyph, style) = match (Some(i) == mark, i < filled) {
                (true, _) => ("┃", theme.title()),
                (false, true) => ("█", theme.risk(band(p.score))),
                (false, false) => ("░", theme.text()),
            };
            bar.push(Span::styled(glyph, style));
        }
        let was = milestone.map_or(String::new(), |m| {
            format!(" was {}", score_text(m.pillar_score(&p.id)).trim())
        });
        lines.push(Line::from(
            [
                bar,
                vec![
                    Span::styled(format!(" {} ", score_text(p.score)), theme.title()),
                    Span::raw(format!("{was:<8}")),
                    Span::styled(
                        format!(" H {:<2}", p.counts.high),
                        theme.risk(Some(Risk::High)),
                    ),
                    Span::styled(
                        format!(" M {:<2}", p.counts.medium),
                        theme.risk(Some(Risk::Medium)),
                    ),
                    Span::raw(format!(
                        " {}/{}",
                        p.counts.total() - p.counts.unanswered,
                        p.counts.total()
                    )),
                ],
            ]
            .concat(),
        ));
    }
    lines.push(Line::raw(""));
    let items = summary_items(app);
    let (high, medium) = (t.high, t.medium);
    let parked = items.iter().filter(|i| i.why == Listed::Flagged).count();
    let stale = items.iter().filter(|i| i.why == Listed::Stale).count();
    let accepted = crate::tui::register::register(app).map_or(0, |r| {
        r.with(crate::review::register::Standing::Holds).count()
    });
    if items.is_empty() {
        lines.push(Line::styled(
            " No high or medium risks, and nothing in the parking lot.",
            theme.info(),
        ));
    } else {
        let mut head = format!(" To act on: {high} high, {medium} medium");
        if accepted > 0 {
            head.push_str(&format!(" ({accepted} accepted)"));
        }
        head.push_str(&format!(" · parking lot: {parked}"));
        if stale > 0 {
            head.push_str(&format!(" · stale: {stale}"));
        }
        lines.push(Line::from(vec![
            Span::styled(head, theme.title()),
            Span::raw(" · enter opens one"),
        ]));
    }
    // Where the squad's votes differed most: the three widest splits.
    let disagreed = app.session().map_or_else(Vec::new, |s| {
        let report = crate::vote::report::build(s.review(), s.packs(), &app.votes.votes);
        crate::vote::report::disagreements(&report)
    });
    let shown_disagreements = disagreed.len().min(3);
    let room = (rect.height as usize).saturating_sub(
        lines.len() + 2 + usize::from(shown_disagreements > 0) * (shown_disagreements + 2),
    );
    let selected = selected.min(items.len().saturating_sub(1));
    let offset = selected.saturating_sub(room.saturating_sub(1));
    for (n, item) in items.iter().enumerate().skip(offset).take(room) {
        let (mark, word, style) = match item.why {
            Listed::High => ("✗", "HIGH  ", theme.risk(Some(Risk::High))),
            Listed::Medium => ("◑", "MEDIUM", theme.risk(Some(Risk::Medium))),
            Listed::Flagged => ("⚑", "PARKED", theme.flag()),
            Listed::Stale => ("◷", "STALE ", theme.hint()),
        };
        let text = if item.why == Listed::Flagged && !item.reason.is_empty() {
            format!("{} — {}  {}", item.label, item.reason, item.key)
        } else if !item.register.is_empty() {
            format!("{} — {}  {}", item.label, item.register, item.key)
        } else {
            format!("{}  {}", item.label, item.key)
        };
        let here = n == selected;
        let mut line = Line::from(vec![
            Span::raw(if here { " ▶ " } else { "   " }),
            Span::styled(format!("{mark} {word} "), style),
            Span::raw(truncate(&text, width.saturating_sub(12))),
        ]);
        if here {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    if shown_disagreements > 0 {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                " Widest disagreement in the votes ({} question{}; scorps votes FILE lists them all)",
                disagreed.len(),
                if disagreed.len() == 1 { "" } else { "s" }
            ),
            theme.title(),
        ));
        for d in disagreed.iter().take(shown_disagreements) {
            let text = format!("{} — {}  {}", d.title, d.summary(), d.id);
            lines.push(Line::from(vec![
                Span::styled("   ◆ ", theme.warn()),
                Span::raw(truncate(&text, width.saturating_sub(5))),
            ]));
        }
    }
    let mut block = Block::bordered()
        .border_type(theme.border_type(true))
        .border_style(theme.focus_border())
        .title(" Summary · the whole review ");
    let below = items.len().saturating_sub(offset + room);
    if below > 0 {
        block = block
            .title_bottom(Line::from(format!(" ↓ {below} more: ↓ ")).alignment(Alignment::Right));
    }
    if offset > 0 {
        block = block.title(Line::from(format!(" ↑ {offset} more ")).alignment(Alignment::Right));
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
