//! Where things are on the walk screen, computed the same way for drawing and for the mouse.

use ratatui::layout::Rect;

use super::app::{App, Focus, Screen};
use crate::text::clean_line;

/// The smallest terminal the screens are drawn in; below it a short message asks for more room.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// Wraps text to `width` columns by words (a word longer than the width is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in para.split_whitespace() {
            let mut word: String = clean_line(word).into_owned();
            let mut wlen = word.chars().count();
            if wlen > width {
                word = word.chars().take(width).collect();
                wlen = width;
            }
            if len > 0 && len + 1 + wlen > width {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.push_str(&word);
            len += wlen;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) && lines.len() > 1 {
        lines.pop();
    }
    lines
}

/// The walk screen's areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walk {
    pub header: Rect,
    pub nav: Rect,
    pub question: Rect,
    /// Rows of the practice checklist (one choice per row, after `choice_offset`).
    pub choices: Rect,
    pub choice_offset: usize,
    pub notes: Rect,
    pub status: Rect,
    pub footer: Rect,
    /// Lines of the question title and why, as shown.
    pub title_lines: usize,
    pub why_lines: usize,
    /// Lines of the highlighted practice's help under the checklist.
    pub help_lines: usize,
    /// Whether a blank line separates the checklist from the help.
    pub gap_below: bool,
}

/// The most lines of "why it matters" shown above the practices.
const WHY_MAX: usize = 5;
/// The most lines of a practice's help shown under the practices.
const HELP_MAX: usize = 3;

pub fn walk(app: &App, area: Rect) -> Walk {
    let (w, h) = (area.width, area.height);
    let header = Rect::new(area.x, area.y, w, 1);
    let footer = Rect::new(area.x, area.y + h - 1, w, 1);
    let status = Rect::new(area.x, area.y + h - 2, w, 1);
    let body_h = h - 3;
    let nav_w = (w / 3).clamp(24, 38);
    let nav = Rect::new(area.x, area.y + 1, nav_w, body_h);
    let right_w = w - nav_w;
    let notes_h = if app.focus == Focus::Notes {
        (body_h / 2).max(7)
    } else {
        (body_h / 4).clamp(4, 6)
    };
    let question = Rect::new(area.x + nav_w, area.y + 1, right_w, body_h - notes_h);
    let notes = Rect::new(
        area.x + nav_w,
        area.y + 1 + body_h - notes_h,
        right_w,
        notes_h,
    );
    let inner_w = right_w.saturating_sub(4) as usize;
    let inner_h = question.height.saturating_sub(2) as usize;
    let session = app.session();
    let current = app.choice;
    let (mut title_lines, mut why_len, mut help_len, mut count) = (0, 0, 0, 0);
    if let Some((_, _, q)) = session.and_then(|s| s.current()) {
        title_lines = wrap(&q.title, inner_w).len().min(3);
        why_len = if q.why.trim().is_empty() {
            0
        } else {
            wrap(&q.why, inner_w).len().min(WHY_MAX)
        };
        help_len = q
            .choices
            .get(current)
            .map_or(0, |c| wrap(&c.help, inner_w).len().min(HELP_MAX));
        count = q.choices.len();
    }
    // Room goes first to the title, every choice and the risk line; then one line each of why
    // and help, the blank lines around the checklist, and the rest of the why and help.
    let mut room = inner_h.saturating_sub(title_lines + 1);
    let rows = count.max(1).min(room.max(1));
    room = room.saturating_sub(rows);
    let mut take = |want: usize| {
        let got = want.min(room);
        room -= got;
        got
    };
    let mut why_lines = take(why_len.min(1));
    let mut help_lines = take(help_len.min(1));
    let gap_above = take(1);
    let gap_below = take(1);
    why_lines += take(why_len - why_lines);
    help_lines += take(help_len - help_lines);
    let above = title_lines + why_lines + gap_above;
    let choice_offset = if current >= rows {
        current + 1 - rows
    } else {
        0
    };
    let choices = Rect::new(
        question.x + 2,
        question.y + 1 + above as u16,
        right_w.saturating_sub(4),
        rows as u16,
    );
    Walk {
        header,
        nav,
        question,
        choices,
        choice_offset,
        notes,
        status,
        footer,
        title_lines,
        why_lines,
        help_lines,
        gap_below: gap_below > 0,
    }
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
                .filter(|j| s.status(order[**j]).0 != crate::review::State::Unanswered)
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
    if contains(l.choices, col, row) {
        let i = (row - l.choices.y) as usize + l.choice_offset;
        let count = app
            .session()
            .and_then(|s| s.current())
            .map_or(0, |(_, _, q)| q.choices.len());
        return (i < count).then_some(Hit::Choice(i));
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
    fn wrap_breaks_on_words_and_cuts_long_ones() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd"]);
        assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(wrap("x\u{1b}[2Jy z", 10), ["xy z"]);
    }
}
