//! Pack errors that say where, what and what to do.
//!
//! Every problem in a pack names the file, the line and column, the ids involved and a fix. The
//! one-line form (`Display`) is what tests pin and pipelines grep; [`PackError::snippet`] adds the
//! offending source line with a caret for people.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The most characters of a source line a snippet shows.
const SNIPPET_WIDTH: usize = 100;

/// A 1-based line and column in a pack file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(line: u64, col: u64) -> Pos {
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }

    pub fn is_known(&self) -> bool {
        self.line > 0
    }
}

/// Whether a finding stops the pack from loading or only deserves a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem found in a pack file.
#[derive(Debug, Clone)]
pub struct PackError {
    pub severity: Severity,
    /// The file as the user named it (or the built-in's name).
    pub file: String,
    pub pos: Pos,
    /// The ids involved, outermost first, e.g. "question `identities`, choice `mfa`".
    pub context: String,
    pub message: String,
    /// What to do about it.
    pub help: String,
    source: Option<Arc<str>>,
}

impl PackError {
    pub fn new(file: impl Into<String>, pos: Pos, message: impl Into<String>) -> PackError {
        PackError {
            severity: Severity::Error,
            file: file.into(),
            pos,
            context: String::new(),
            message: message.into(),
            help: String::new(),
            source: None,
        }
    }

    pub fn warning(file: impl Into<String>, pos: Pos, message: impl Into<String>) -> PackError {
        PackError {
            severity: Severity::Warning,
            ..PackError::new(file, pos, message)
        }
    }

    pub(crate) fn context(mut self, context: impl Into<String>) -> PackError {
        self.context = context.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> PackError {
        self.help = help.into();
        self
    }

    pub(crate) fn with_source(mut self, source: Arc<str>) -> PackError {
        self.source = Some(source);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The offending line of the file with a caret under the column, when the text is known.
    pub fn snippet(&self) -> Option<String> {
        let source = self.source.as_ref()?;
        if !self.pos.is_known() {
            return None;
        }
        let line = source.lines().nth(self.pos.line as usize - 1)?;
        let chars: Vec<char> = line.chars().collect();
        let col = (self.pos.col.saturating_sub(1) as usize).min(chars.len());
        // A long line (minified YAML, a 10,000-bracket nesting) is shown as a window around the
        // column, so the caret stays on screen.
        let from = col.saturating_sub(SNIPPET_WIDTH / 2);
        let to = (from + SNIPPET_WIDTH).min(chars.len());
        let window: String = chars[from..to].iter().collect();
        let (head, tail) = (
            if from > 0 { "…" } else { "" },
            if to < chars.len() { "…" } else { "" },
        );
        let line = crate::text::clean_line(&window);
        let line = format!("{head}{line}{tail}");
        let gutter = self.pos.line.to_string();
        let before: String = chars[from..col].iter().collect();
        let caret_at = head.chars().count() + crate::text::clean_line(&before).chars().count();
        Some(format!(
            "{pad} |\n{gutter} | {line}\n{pad} | {caret}^",
            pad = " ".repeat(gutter.len()),
            caret = " ".repeat(caret_at)
        ))
    }

    /// The full report for a terminal: the one-line form, the snippet and the help.
    pub fn report(&self) -> String {
        let mut out = self.to_string();
        if let Some(snippet) = self.snippet() {
            out.push('\n');
            out.push_str(&snippet);
        }
        if !self.help.is_empty() {
            out.push_str("\n  help: ");
            out.push_str(&self.help);
        }
        out
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}", self.file)?;
        if self.pos.is_known() {
            write!(f, ":{}:{}", self.pos.line, self.pos.col)?;
        }
        f.write_str(": ")?;
        if !self.context.is_empty() {
            write!(f, "{}: ", crate::text::clean_line(&self.context))?;
        }
        f.write_str(&crate::text::clean_line(&self.message))
    }
}

impl std::error::Error for PackError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_puts_a_caret_under_the_column() {
        let e =
            PackError::new("p.yaml", Pos::new(2, 5), "bad").with_source(Arc::from("a: 1\nid: X\n"));
        assert_eq!(e.snippet().unwrap(), "  |\n2 | id: X\n  |     ^");
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_column() {
        let line = format!("k: {}x{}", "[".repeat(5_000), "]".repeat(5_000));
        let e = PackError::new("p.yaml", Pos::new(1, 5_004), "bad")
            .with_source(Arc::from(line.as_str()));
        let snippet = e.snippet().unwrap();
        let lines: Vec<&str> = snippet.lines().collect();
        assert!(lines[1].chars().count() < SNIPPET_WIDTH + 10, "{snippet}");
        let caret = lines[2].chars().count() - 1;
        assert_eq!(lines[1].chars().nth(caret), Some('x'), "{snippet}");
        assert!(
            lines[1].starts_with("1 | …[") && lines[1].ends_with("]…"),
            "{snippet}"
        );
    }

    #[test]
    fn control_characters_do_not_shift_the_caret() {
        let e = PackError::new("p.yaml", Pos::new(1, 10), "bad")
            .with_source(Arc::from("t: \u{1b}[31mab"));
        assert_eq!(e.snippet().unwrap(), "  |\n1 | t: ab\n  |     ^");
    }
}
