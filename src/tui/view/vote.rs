//! The reveal, drawn over the walk: who ticked each practice, each vote's risk alone, agreement,
//! the agreed answer and who has not voted yet. The window is shared with the round
//! ([`super::round`]).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::truncate;
use crate::pack::{Question, Risk};
use crate::review::State;
use crate::tui::app::App;
use crate::tui::layout::{self, centered, choice_key};
use crate::tui::theme::{Theme, risk_label};
use crate::tui::vote::{current_tally, keys_of};
use crate::vote::tally::{Tally, percent};
use crate::vote::voters::voters;

/// The width of the window both are drawn in: most of the screen, at most 100 columns.
pub(super) fn window_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(100)
}

/// Draws `lines` in a window as tall as they need (the footer left visible), from line
/// `offset`, with cues for what is above or below.
pub(super) fn frame_lines(
    frame: &mut Frame,
    area: Rect,
    title: String,
    lines: Vec<Line>,
    offset: usize,
    theme: &Theme,
) {
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let rect = centered(area, window_width(area), height);
    let room = rect.height.saturating_sub(2) as usize;
    let offset = offset.min(lines.len().saturating_sub(room));
    let mut block = Block::bordered()
        .border_type(theme.border_type(true))
        .border_style(theme.focus_border())
        .title(title);
    if offset > 0 {
        block = block.title(Line::from(format!(" ↑ {offset} more ")).alignment(Alignment::Right));
    }
    let below = lines.len().saturating_sub(offset + room);
    if below > 0 {
        block =
            block.title_bottom(Line::from(format!(" ↓ {below} more ")).alignment(Alignment::Right));
    }
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(room).collect();
    frame.render_widget(Clear, rect);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(
        Paragraph::new(shown),
        Rect::new(
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(2),
            inner.height,
        ),
    );
}

/// The names of a list, cleaned and comma-separated.
pub(super) fn names<'a>(list: impl IntoIterator<Item = &'a String>) -> String {
    list.into_iter()
        .map(|n| crate::text::clean_line(n).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "HIGH", or "MED" where a column is narrow.
fn short_risk(risk: Option<Risk>, width: usize) -> &'static str {
    match risk {
        Some(Risk::Medium) if width < 6 => "MED",
        other => risk_label(other),
    }
}

/// Every vote on the current question, as they arrive.
pub fn reveal(app: &App, scroll: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = app.session() else { return };
    let Some((_, _, q)) = s.current() else {
        return;
    };
    let width = window_width(area).saturating_sub(4) as usize;
    let mut lines: Vec<Line> = layout::wrap(&q.title, width)
        .into_iter()
        .map(|l| Line::styled(l, theme.title()))
        .collect();
    lines.push(Line::raw(""));
    let tally = current_tally(app);
    let title = match &tally {
        Some(t) => format!(
            " Votes · {} · {} voter{} · agreement {} ",
            truncate(q.label(), 24),
            t.voters.len(),
            if t.voters.len() == 1 { "" } else { "s" },
            percent(t.agreement)
        ),
        None => format!(" Votes · {} ", truncate(q.label(), 24)),
    };
    match &tally {
        Some(t) => {
            grid(&mut lines, q, t, width, theme);
            lines.push(Line::raw(""));
            outcome(&mut lines, app, q, t, width, theme);
        }
        None => {
            lines.push(Line::raw("No votes on this question yet."));
            let how = "Voters run `scorps vote FILE --as NAME` in their own terminals, or v starts a round in the room. Votes appear here as they arrive.";
            lines.extend(
                layout::wrap(how, width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.hint())),
            );
        }
    }
    let voted: Vec<&str> = tally
        .iter()
        .flat_map(|t| t.voters.iter().map(|v| v.voter.as_str()))
        .collect();
    let waiting: Vec<String> = voters(s.review())
        .into_iter()
        .filter(|v| !voted.contains(&v.as_str()))
        .collect();
    if !waiting.is_empty() {
        let text = format!("Not voted yet: {}", names(&waiting));
        lines.extend(layout::wrap(&text, width).into_iter().map(Line::raw));
    }
    let board = &app.votes.votes;
    if let Some(first) = board.errors.first() {
        lines.push(Line::styled(
            truncate(
                &format!(
                    "{} vote file{} left out: {}",
                    board.errors.len(),
                    if board.errors.len() == 1 { "" } else { "s" },
                    first.to_string().replace('\n', " ")
                ),
                width,
            ),
            theme.error(),
        ));
    }
    if tally.is_some() {
        let legend = "◆ widest split · agreement: per practice, the share of voters on the larger side, averaged over the practices · a tie is not agreed";
        lines.extend(
            layout::wrap(legend, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.hint())),
        );
    }
    frame_lines(frame, area, title, lines, scroll, theme);
}

/// Who ticked each practice (a column per voter when they fit, else a list), each row's
/// agreement and whether it is agreed; the widest splits marked.
fn grid(lines: &mut Vec<Line>, q: &Question, t: &Tally, width: usize, theme: &Theme) {
    let n = t.voters.len();
    let col = t
        .voters
        .iter()
        .map(|v| v.voter.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(4, 8);
    let fixed = 4 + n * (col + 1) + 5 + 8;
    let title_w = width.saturating_sub(fixed);
    let columns = title_w >= 12;
    if columns {
        let mut head = format!("{:title_w$}    ", "");
        for v in &t.voters {
            head.push_str(&format!(" {:^col$}", truncate(&v.voter, col)));
        }
        head.push_str("  agree");
        lines.push(Line::styled(head, theme.title()));
    }
    for split in &t.splits {
        let c = &q.choices[split.choice];
        let mark = if split.widest { "◆" } else { " " };
        let style = if split.widest {
            theme.warn()
        } else {
            Style::new()
        };
        let verdict = if split.agreed {
            " agreed"
        } else if split.tie {
            " tie"
        } else {
            ""
        };
        let agree = if c.none {
            String::new()
        } else {
            percent(split.agreement)
        };
        let who: Vec<&String> = split
            .ticked_by
            .iter()
            .map(|i| &t.voters[*i].voter)
            .collect();
        let label = format!("{mark} {} ", choice_key(q, split.choice));
        if columns {
            let mut cells = format!("{:<title_w$}", truncate(&c.title, title_w));
            for i in 0..n {
                let tick = if split.ticked_by.contains(&i) {
                    "✓"
                } else {
                    "·"
                };
                cells.push_str(&format!(" {tick:^col$}"));
            }
            cells.push_str(&format!(" {agree:>5}"));
            lines.push(Line::from(vec![
                Span::styled(label, theme.key()),
                Span::styled(cells, style),
                Span::styled(verdict, theme.info()),
            ]));
        } else {
            lines.push(Line::from(vec![
                Span::styled(label, theme.key()),
                Span::styled(truncate(&c.title, width.saturating_sub(4)), style),
            ]));
            // Counts and agreement first: a long list of names is cut, never the numbers.
            let text = format!(
                "    {}/{n} {agree:>4}  {}",
                who.len(),
                if who.is_empty() {
                    "—".to_string()
                } else {
                    names(who)
                }
            );
            lines.push(Line::from(vec![
                Span::styled(truncate(&text, width.saturating_sub(8)), style),
                Span::styled(verdict, theme.info()),
            ]));
        }
    }
    if columns {
        let mut spans = vec![Span::styled(
            format!("  {:<title_w$}  ", "Risk alone"),
            theme.title(),
        )];
        for v in &t.voters {
            spans.push(Span::styled(
                format!(" {:^col$}", short_risk(v.risk, col)),
                theme.risk(v.risk),
            ));
        }
        lines.push(Line::from(spans));
    } else {
        let alone: Vec<String> = t
            .voters
            .iter()
            .map(|v| format!("{} {}", truncate(&v.voter, 16), risk_label(v.risk)))
            .collect();
        lines.push(Line::raw(truncate(
            &format!("Risk alone: {}", alone.join(" · ")),
            width,
        )));
    }
}

/// How far apart the votes are, the agreed answer and the review's own.
fn outcome(lines: &mut Vec<Line>, app: &App, q: &Question, t: &Tally, width: usize, theme: &Theme) {
    let spread = match t.spread() {
        0 => "every vote gives the same risk".to_string(),
        1 => "one step apart".to_string(),
        _ => "two steps apart".to_string(),
    };
    let risks = match (t.low, t.high) {
        (Some(l), Some(h)) if l != h => format!(
            "risks {} to {} ({spread})",
            risk_label(Some(l)),
            risk_label(Some(h))
        ),
        _ => spread,
    };
    lines.push(Line::raw(truncate(
        &format!("Agreement {} · {risks}", percent(t.agreement)),
        width,
    )));
    let agreed = if t.agreed.is_empty() {
        "no practice has a majority".to_string()
    } else {
        format!("{} → {}", keys_of(q, &t.agreed), risk_label(t.agreed_risk))
    };
    let review = app.session().map_or(String::new(), |s| {
        let r = s.current_ref();
        let (state, risk) = r.map_or((State::Unanswered, None), |r| s.status(r));
        match state {
            State::Answered => {
                let ids = s
                    .current_answer()
                    .map(|a| a.selected.clone())
                    .unwrap_or_default();
                format!("{} → {}", keys_of(q, &ids), risk_label(risk))
            }
            other => other.as_str().replace('-', " "),
        }
    });
    lines.push(Line::from(vec![
        Span::styled("Agreed answer: ", theme.title()),
        Span::styled(agreed, theme.risk(t.agreed_risk)),
        Span::raw(format!("   The review now: {review}")),
    ]));
}
