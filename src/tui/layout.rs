//! Where things are on the walk screen, computed once for drawing and for the mouse.
//!
//! The question pane is a document of lines — the question, why it matters, every practice
//! wrapped with a hanging indent, the highlighted practice's help — shown through a window that
//! follows the highlighted practice (or where the squad scrolled), with a cue when there is more
//! above or below. Nothing is cut: every word can be brought on screen.

use ratatui::layout::Rect;

use super::app::{App, Focus, Screen};
use crate::review::State;
use crate::text::clean_line;

/// The smallest terminal the screens are drawn in; below it a short message asks for more room.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// Wraps text to `width` columns by words; a word longer than the width is split, never cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in para.split_whitespace() {
            let word = clean_line(word);
            let mut rest: Vec<char> = word.chars().collect();
            while !rest.is_empty() {
                let room = if len == 0 {
                    width
                } else {
                    width.saturating_sub(len + 1)
                };
                if rest.len() <= room {
                    if len > 0 {
                        line.push(' ');
                        len += 1;
                    }
                    line.extend(rest.iter());
                    len += rest.len();
                    rest.clear();
                } else if len > 0 && rest.len() <= width {
                    lines.push(std::mem::take(&mut line));
                    len = 0;
                } else {
                    // Longer than a whole line: fill this one and carry on with the rest.
                    let take = if len == 0 { width } else { room };
                    if take == 0 {
                        lines.push(std::mem::take(&mut line));
                        len = 0;
                        continue;
                    }
                    if len > 0 {
                        line.push(' ');
                    }
                    line.extend(rest.drain(..take));
                    lines.push(std::mem::take(&mut line));
                    len = 0;
                }
            }
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) && lines.len() > 1 {
        lines.pop();
    }
    lines
}

/// The first `rows` lines of `text` wrapped to `width`, reading no more of the text than they
/// can hold (notes may be long; drawing them must not cost their whole length).
pub fn wrap_head(text: &str, width: usize, rows: usize) -> Vec<String> {
    let budget = width.max(1) * rows.max(1) * 2;
    let end = text
        .char_indices()
        .nth(budget)
        .map_or(text.len(), |(i, _)| i);
    let mut lines = wrap(&text[..end], width);
    lines.truncate(rows);
    lines
}

/// What a line of the question pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Why,
    /// The last line of a folded "why", which says more can be shown.
    WhyFolded,
    Blank,
    /// A line of choice `index`; `first` for the line with the checkbox.
    Choice {
        index: usize,
        first: bool,
    },
    /// The highlighted practice's help; `first` for the line with its label.
    Help {
        first: bool,
    },
}

/// One line of the question pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    pub part: Part,
    pub text: String,
}

/// Columns before a practice's text: `▶ [x] 1 `.
pub const CHOICE_INDENT: usize = 8;

/// The walk screen's areas, and the question pane's document and window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    pub header: Rect,
    /// Zero-sized in presentation mode.
    pub nav: Rect,
    pub question: Rect,
    /// Where the document's lines are drawn, inside the question pane.
    pub body: Rect,
    /// The risk line, always visible at the bottom of the question pane.
    pub risk: Rect,
    /// Zero-sized in presentation mode.
    pub notes: Rect,
    pub status: Rect,
    pub footer: Rect,
    pub lines: Vec<DocLine>,
    /// The first line shown.
    pub offset: usize,
    /// What the risk line says, measured once for its height and its drawing.
    pub risk_text: Option<RiskText>,
}

impl Walk {
    pub fn more_above(&self) -> bool {
        self.offset > 0
    }

    pub fn more_below(&self) -> bool {
        self.offset + (self.body.height as usize) < self.lines.len()
    }

    /// The lines in view.
    pub fn visible(&self) -> &[DocLine] {
        let end = (self.offset + self.body.height as usize).min(self.lines.len());
        &self.lines[self.offset.min(end)..end]
    }
}

/// Written after a folded "why it matters".
pub const FOLD_CUE: &str = " … w more";

/// How many lines "why it matters" shows before it folds, when the practices leave room.
const WHY_FOLDED: usize = 3;

/// The navigator's width for a screen width.
fn nav_width(w: u16) -> u16 {
    (w * 3 / 10).clamp(24, 32)
}

/// Lines of the notes pane (inside its border) for the notes as they are.
fn notes_rows(app: &App, width: usize, body_h: u16) -> u16 {
    if app.focus == Focus::Editing {
        return (body_h / 2).max(5);
    }
    let most = (body_h / 3).max(1) as usize;
    let notes = app
        .session()
        .and_then(crate::review::session::Session::current_answer)
        .map_or("", |a| a.notes.as_str());
    let wanted = if notes.trim().is_empty() {
        1
    } else {
        wrap_head(notes, width.max(1), most).len()
    };
    (wanted as u16).clamp(1, (body_h / 3).max(1))
}

pub fn walk(app: &App, area: Rect) -> Walk {
    let (w, h) = (area.width, area.height);
    let header = Rect::new(area.x, area.y, w, 1);
    let footer = Rect::new(area.x, area.y + h.saturating_sub(1), w, 1);
    let status = Rect::new(area.x, area.y + h.saturating_sub(2), w, 1);
    let body_h = h.saturating_sub(3);
    let top = area.y + 1;
    let (nav, question, notes) = if app.present {
        let q = Rect::new(area.x, top, w, body_h);
        (
            Rect::new(area.x, top, 0, 0),
            q,
            Rect::new(area.x, top, 0, 0),
        )
    } else {
        let nav_w = nav_width(w);
        let right_w = w - nav_w;
        let notes_h = notes_rows(app, right_w.saturating_sub(3) as usize, body_h) + 2;
        let q_h = body_h.saturating_sub(notes_h);
        (
            Rect::new(area.x, top, nav_w, body_h),
            Rect::new(area.x + nav_w, top, right_w, q_h),
            Rect::new(area.x + nav_w, top + q_h, right_w, notes_h),
        )
    };
    // Inside the border: a margin of one column (two in presentation mode), the risk line at the
    // bottom with a blank line above it.
    let margin = if app.present { 3 } else { 2 };
    let inner_w = question.width.saturating_sub(2 * margin);
    let inner_h = question.height.saturating_sub(2);
    // The risk line wraps to a second line rather than cut what decided the risk.
    let risk_text = risk_text(app);
    let risk_rows = risk_text
        .as_ref()
        .map_or(1, |t| wrap(&t.plain(), inner_w as usize).len().clamp(1, 2))
        as u16;
    let risk_rows = risk_rows.min(inner_h);
    let risk = Rect::new(
        question.x + margin,
        question.y + 1 + inner_h - risk_rows,
        inner_w,
        risk_rows,
    );
    let body = Rect::new(
        question.x + margin,
        question.y + 1,
        inner_w,
        inner_h.saturating_sub(risk_rows + 1),
    );
    let lines = document(app, inner_w as usize, body.height as usize);
    let offset = window(app, &lines, body.height as usize);
    Walk {
        header,
        nav,
        question,
        body,
        risk,
        notes,
        status,
        footer,
        lines,
        offset,
        risk_text,
    }
}

/// The question pane's lines at this width; `height` decides how much of "why" shows folded.
fn document(app: &App, width: usize, height: usize) -> Vec<DocLine> {
    let Some((_, _, q)) = app.session().and_then(|s| s.current()) else {
        return Vec::new();
    };
    let line = |part, text: String| DocLine { part, text };
    let mut out: Vec<DocLine> = wrap(&q.title, width)
        .into_iter()
        .map(|t| line(Part::Title, t))
        .collect();
    let text_w = width.saturating_sub(CHOICE_INDENT).max(1);
    let gap = usize::from(app.present);
    let mut choices = Vec::new();
    for (index, c) in q.choices.iter().enumerate() {
        if index > 0 {
            choices.extend((0..gap).map(|_| line(Part::Blank, String::new())));
        }
        for (n, t) in wrap(&c.title, text_w).into_iter().enumerate() {
            choices.push(line(
                Part::Choice {
                    index,
                    first: n == 0,
                },
                t,
            ));
        }
    }
    if !q.why.trim().is_empty() && !app.present {
        let why = wrap(&q.why, width);
        // Folded, "why" takes the room the practices leave, at least one line and at most three.
        let room = height.saturating_sub(out.len() + choices.len() + 2);
        let shown = if app.why_open {
            why.len()
        } else {
            room.clamp(1, WHY_FOLDED).min(why.len())
        };
        let folded = shown < why.len();
        for (n, mut t) in why.into_iter().take(shown).enumerate() {
            let last = n + 1 == shown;
            if folded && last {
                // Room for the cue that says more can be shown.
                while t.chars().count() + FOLD_CUE.chars().count() > width {
                    match t.rfind(' ') {
                        Some(i) => t.truncate(i),
                        None => t.clear(),
                    }
                }
            }
            out.push(line(
                if folded && last {
                    Part::WhyFolded
                } else {
                    Part::Why
                },
                t,
            ));
        }
    }
    out.push(line(Part::Blank, String::new()));
    out.extend(choices);
    if let Some(c) = q.choices.get(app.choice).filter(|_| !app.present) {
        let help = if c.none {
            "Tick this when the squad has none of the practices above."
        } else {
            c.help.as_str()
        };
        if !help.trim().is_empty() {
            out.push(line(Part::Blank, String::new()));
            let label = format!("About {}: ", choice_key(q, app.choice));
            let body = wrap(&format!("{label}{help}"), width);
            for (n, t) in body.into_iter().enumerate() {
                out.push(line(Part::Help { first: n == 0 }, t));
            }
        }
    }
    out
}

/// How a choice is numbered on screen (and which digit ticks it): 1 to 9 by position, "None of
/// these" on 0, any further practices unnumbered.
pub fn choice_key(q: &crate::pack::Question, index: usize) -> String {
    match index {
        _ if q.choices.get(index).is_some_and(|c| c.none) => "0".to_string(),
        0..=8 => (index + 1).to_string(),
        _ => "·".to_string(),
    }
}

/// The first line shown: where the squad scrolled, else the top, moved just enough to keep the
/// highlighted practice in view.
fn window(app: &App, lines: &[DocLine], height: usize) -> usize {
    let last_start = lines.len().saturating_sub(height);
    if let Some(scroll) = app.scroll {
        return scroll.min(last_start);
    }
    let of_choice =
        |l: &DocLine| matches!(l.part, Part::Choice { index, .. } if index == app.choice);
    let start = lines.iter().position(of_choice).unwrap_or(0);
    let end = lines.iter().rposition(of_choice).map_or(0, |i| i + 1);
    if end > height {
        (end - height).min(start).min(last_start)
    } else {
        0
    }
}

/// What the risk line says about the current question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskText {
    pub not_applicable: bool,
    pub level: Option<crate::pack::Risk>,
    /// What decided the level, or the reason the question does not apply.
    pub why: String,
    pub flagged: bool,
    /// What the register says of the question (accepted, stale, owner), or empty.
    pub register: String,
}

impl RiskText {
    /// The line as plain text, the way it wraps.
    pub fn plain(&self) -> String {
        let flag = if self.flagged { " ⚑" } else { "" };
        let register = if self.register.is_empty() {
            String::new()
        } else {
            format!(" · {}", self.register)
        };
        if self.not_applicable {
            format!("Not applicable: {}{flag}{register}", self.why)
        } else {
            let level = super::theme::risk_label(self.level);
            format!("Risk now: {level}  {}{flag}{register}", self.why)
        }
    }
}

/// The current question's risk and what decided it: the missing practice that matters most, the
/// pack's rule, or the thresholds.
pub fn risk_text(app: &App) -> Option<RiskText> {
    use crate::pack::{MissingRisk, RiskRules, UNDECLARED_IF_MISSING};
    let s = app.session()?;
    let r = s.current_ref()?;
    let (_, _, q) = s.current()?;
    let (state, level) = s.status(r);
    let answer = s.answer_of(r);
    let flagged = answer.is_some_and(|a| a.flagged);
    if state == State::NotApplicable {
        let why = clean_line(answer.map_or("", |a| a.reason.as_str())).into_owned();
        return Some(RiskText {
            not_applicable: true,
            level: None,
            why,
            flagged,
            register: clean_line(&super::register::note(app)).into_owned(),
        });
    }
    let why = match level {
        None => "tick the practices in place".to_string(),
        Some(_) => {
            let mask = answer.map_or(0, |a| q.mask_of(a.in_place(q)));
            match &q.risk {
                RiskRules::Thresholds => "by the share of practices in place".to_string(),
                RiskRules::Ordered { rules, .. } => match q.deciding_rule(mask) {
                    Some(i) => format!("rule {}: {}", i + 1, rules[i].condition),
                    None => "no rule holds: the default".to_string(),
                },
                RiskRules::IfMissing => match q.worst_missing(mask, Some(UNDECLARED_IF_MISSING)) {
                    Some((i, level)) if level != MissingRisk::Low => format!(
                        "missing {}: {}",
                        choice_key(q, i),
                        clean_line(&q.choices[i].title)
                    ),
                    _ => "every practice that matters is in place".to_string(),
                },
            }
        }
    };
    Some(RiskText {
        not_applicable: false,
        level,
        why,
        flagged,
        register: clean_line(&super::register::note(app)).into_owned(),
    })
}

/// One line of the navigator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NavLine {
    /// A pillar heading: its name, answered count and total, for one pack's pillar.
    Pillar {
        name: String,
        done: usize,
        total: usize,
    },
    /// A question, by its index in the walk.
    Question(usize),
}

/// The navigator's lines and the first one shown (so that the current question is in view).
pub fn navigator(app: &App, height: usize) -> (Vec<NavLine>, usize) {
    let Some(s) = app.session() else {
        return (Vec::new(), 0);
    };
    let mut lines = Vec::new();
    let mut current_line = 0;
    let mut last: Option<(usize, usize)> = None;
    let order = s.order();
    for (i, r) in order.iter().enumerate() {
        if last != Some((r.pack, r.pillar)) {
            last = Some((r.pack, r.pillar));
            let members: Vec<usize> = (i..order.len())
                .take_while(|j| order[*j].pack == r.pack && order[*j].pillar == r.pillar)
                .collect();
            let done = members
                .iter()
                .filter(|j| s.status(order[**j]).0 != State::Unanswered)
                .count();
            let name = s
                .get(*r)
                .map(|(_, p, _)| p.name.clone())
                .unwrap_or_default();
            lines.push(NavLine::Pillar {
                name,
                done,
                total: members.len(),
            });
        }
        if Some(i) == s.cursor() {
            current_line = lines.len();
        }
        lines.push(NavLine::Question(i));
    }
    let max_offset = lines.len().saturating_sub(height);
    let offset = current_line.saturating_sub(height / 2).min(max_offset);
    (lines, offset)
}

/// What a mouse position points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A question in the navigator, by walk index.
    Navigator(usize),
    /// The navigator, but not a question.
    NavigatorArea,
    /// A choice of the current question.
    Choice(usize),
    /// The question pane, not on a choice.
    Question,
    Notes,
}

fn contains(r: Rect, col: u16, row: u16) -> bool {
    col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height
}

pub fn hit(app: &App, col: u16, row: u16, width: u16, height: u16) -> Option<Hit> {
    if too_small(width, height) || !matches!(app.screen, Screen::Walk) || app.overlay.is_some() {
        return None;
    }
    let l = walk(app, Rect::new(0, 0, width, height));
    if contains(l.nav, col, row) {
        let inner_h = l.nav.height.saturating_sub(2) as usize;
        let (lines, offset) = navigator(app, inner_h);
        let line = (row.checked_sub(l.nav.y + 1)? as usize) + offset;
        return Some(match lines.get(line) {
            Some(NavLine::Question(i)) if row > l.nav.y && row < l.nav.y + l.nav.height - 1 => {
                Hit::Navigator(*i)
            }
            _ => Hit::NavigatorArea,
        });
    }
    if contains(l.question, col, row) {
        if contains(l.body, col, row)
            && let Some(DocLine {
                part: Part::Choice { index, .. },
                ..
            }) = l.visible().get((row - l.body.y) as usize)
        {
            return Some(Hit::Choice(*index));
        }
        return Some(Hit::Question);
    }
    contains(l.notes, col, row).then_some(Hit::Notes)
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_on_words_and_splits_long_ones_without_losing_any() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a abcdefghij", 4), ["a ab", "cdef", "ghij"]);
        assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(wrap("x\u{1b}[2Jy z", 10), ["xy z"]);
    }

    #[test]
    fn wrapped_text_keeps_every_character() {
        let text = "Secrets live in a secrets manager (https://example.org/a-very-long-url-that-is-longer-than-the-line) and rotate";
        for width in 1..40 {
            let joined: String = wrap(text, width).concat();
            let want: String = text.split_whitespace().collect();
            assert_eq!(joined.replace(' ', ""), want, "width {width}");
            assert!(wrap(text, width).iter().all(|l| l.chars().count() <= width));
        }
    }
}
