//! Pack errors that say where, what and what to do.
//!
//! Every problem in a pack names the file, the line and column, the ids involved and a fix. The
//! one-line form (`Display`) is what tests pin and pipelines grep; [`PackError::snippet`] adds the
//! offending source line with a caret for people.

use std::fmt;
use std::sync::Arc;

/// A 1-based line and column in a pack file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
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

    pub fn context(mut self, context: impl Into<String>) -> PackError {
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
        let line = crate::text::clean_line(line);
        let gutter = self.pos.line.to_string();
        let caret_at = line
            .chars()
            .take(self.pos.col.saturating_sub(1) as usize)
            .count();
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
