//! The improvement backlog: one item per question at high or medium risk, plus flagged
//! questions, as markdown, CSV or JSON.
//!
//! [`build`] decides the items and their order; the other modules only render them, so every
//! format (and the TUI, which calls [`export`]) carries the same items.

pub mod build;
pub mod csv;
pub mod escape;
pub mod html;
pub mod json;
pub mod markdown;
pub mod merge;
pub mod register;

use std::fmt;
use std::str::FromStr;

pub use self::build::{Backlog, BacklogItem, Priority, Task, build};
use crate::pack::Pack;
use crate::review::Review;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// GitHub/GitLab-flavoured markdown.
    #[default]
    Md,
    Csv,
    Json,
    /// One self-contained page with a radar chart of the scores.
    Html,
}

impl Format {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// A format name that is none of `md`, `markdown`, `csv`, `json`, `html`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format `{0}`; use md, csv, json or html")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Md),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            _ => Err(UnknownFormat(crate::text::clean_line(s).into_owned())),
        }
    }
}

/// A backlog that could not be written in its format (a bug: never an empty file instead).
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot write the backlog as {format}: {message}\n  help: this is a bug in scorps; please report it with the review file"
)]
pub struct ExportError {
    pub format: Format,
    pub message: String,
}

impl ExportError {
    pub(crate) fn new(format: Format, error: impl fmt::Display) -> ExportError {
        ExportError {
            format,
            message: error.to_string(),
        }
    }
}

/// The backlog of a review against its packs (in the review's pack order), as text.
pub fn export(review: &Review, packs: &[Pack], format: Format) -> Result<String, ExportError> {
    render(&build(review, packs), format)
}

/// A built backlog (with its targets and last milestone, when the caller set them) as text.
pub fn render(backlog: &Backlog, format: Format) -> Result<String, ExportError> {
    match format {
        Format::Md => Ok(markdown::render(backlog)),
        Format::Csv => csv::render(backlog),
        Format::Json => json::render(backlog),
        Format::Html => Ok(html::render(backlog)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names() {
        assert_eq!("Markdown".parse::<Format>(), Ok(Format::Md));
        assert_eq!(" csv ".parse::<Format>(), Ok(Format::Csv));
        assert_eq!(
            "xlsx".parse::<Format>().unwrap_err().to_string(),
            "unknown export format `xlsx`; use md, csv, json or html"
        );
    }
}
