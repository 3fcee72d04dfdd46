//! Milestones: a review's answers, pack versions and scores frozen under a name and a date, so a
//! lead can ask "are we getting better?" months later.
//!
//! They live beside the review in `<stem>.milestones.toml` (`payments.review.toml` →
//! `payments.milestones.toml`), written atomically by `scorps milestone`. A sibling file never
//! contends with the lock of a session that has the review open, and the review file stays as
//! small as the squad's current answers. A milestone keeps the answers and the pack versions
//! they were scored against, so its scores can be recomputed (`scorps diff FILE@NAME FILE`),
//! and the scorecard numbers, so trends and reports read them without loading any pack.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::{Answer, PackRef, Review, Timestamp};
use super::score::{Counts, Scorecard};
use super::store::{Lock, StoreError};
use crate::fsutil::atomic_write;

/// The newest milestones file format this scorps reads; a file is written with the lowest that
/// holds it (2 once a frozen answer uses the register, as for reviews).
pub const FORMAT: u32 = 2;

/// The longest milestone name.
const MAX_NAME: usize = 64;

/// How many questions were in each state, as stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrozenCounts {
    pub high: usize,
    pub medium: usize,
    pub none: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
}

impl From<Counts> for FrozenCounts {
    fn from(c: Counts) -> FrozenCounts {
        FrozenCounts {
            high: c.high,
            medium: c.medium,
            none: c.none,
            not_applicable: c.not_applicable,
            unanswered: c.unanswered,
        }
    }
}

/// A pillar's frozen score and counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PillarScore {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    pub counts: FrozenCounts,
}

/// One frozen state of a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub name: String,
    /// When the milestone was taken (or the date given to `--date`).
    pub date: Timestamp,
    /// The review's own `updated` at that moment.
    pub review_updated: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<f64>,
    pub completion: f64,
    pub totals: FrozenCounts,
    #[serde(default)]
    pub pillars: Vec<PillarScore>,
    /// The packs the scores were computed against.
    #[serde(default)]
    pub packs: Vec<PackRef>,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}

impl Milestone {
    /// Freezes a review and its scorecard (computed against `packs`) under `name`.
    pub fn freeze(
        name: &str,
        date: Timestamp,
        review: &Review,
        packs: &[PackRef],
        card: &Scorecard,
    ) -> Milestone {
        Milestone {
            name: name.to_string(),
            date,
            review_updated: review.updated,
            overall: card.overall,
            completion: card.completion,
            totals: card.totals.into(),
            pillars: card
                .pillars
                .iter()
                .map(|p| PillarScore {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    score: p.score,
                    counts: p.counts.into(),
                })
                .collect(),
            packs: packs.to_vec(),
            answers: review.answers.clone(),
        }
    }

    /// The review as it stood: today's metadata with the frozen answers and packs, dated at the
    /// milestone. Scoring it against its packs gives the frozen scores again.
    pub fn review(&self, current: &Review) -> Review {
        Review {
            updated: self.review_updated,
            position: None,
            packs: self.packs.clone(),
            answers: self.answers.clone(),
            ..current.clone()
        }
    }

    /// The frozen score of a pillar, when it had one.
    pub fn pillar_score(&self, id: &str) -> Option<f64> {
        self.pillars
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.score)
    }
}

/// The contents of a milestones file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: u32,
    #[serde(default, rename = "milestone")]
    milestones: Vec<Milestone>,
}

/// Where the milestones of a review are kept: `payments.review.toml` → `payments.milestones.toml`.
pub fn path_for(review: &Path) -> PathBuf {
    // A review named only `.review.toml` keeps its whole name, so that its milestones never meet
    // those of `review.review.toml`.
    let stem = super::stem(review).unwrap_or_else(|| {
        review.file_name().map_or_else(
            || "review".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    review.with_file_name(format!("{stem}.milestones.toml"))
}

/// Whether `name` may name a milestone: letters, digits, `.`, `_` and `-`, at most 64 characters
/// (no `@` or `/`, so `FILE@NAME` reads one way).
pub fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a milestone needs a name".into());
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!(
            "a milestone name has at most {MAX_NAME} characters"
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "`{}` cannot be in a milestone name; use letters, digits, `.`, `_` and `-` (e.g. 2026-q3)",
            crate::text::clean_line(&bad.to_string())
        ));
    }
    Ok(())
}

/// The milestones of a review, oldest first; none when the file does not exist.
pub fn load(review: &Path) -> Result<Vec<Milestone>, StoreError> {
    let path = path_for(review);
    let name = path.display().to_string();
    let text = match crate::fsutil::read_text(&path, super::store::MAX_REVIEW_BYTES) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(StoreError::Read { path: name, source }),
    };
    parse(&name, &text)
}

/// Parses milestones text; `name` is how errors refer to it.
pub fn parse(name: &str, text: &str) -> Result<Vec<Milestone>, StoreError> {
    let file: File = super::store::from_toml(name, text)?;
    if file.format > FORMAT {
        return Err(StoreError::Format {
            path: name.to_string(),
            found: file.format,
        });
    }
    let mut milestones = file.milestones;
    milestones.sort_by_key(|m| m.date);
    Ok(milestones)
}

/// Why a milestone could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error(
        "{file} already has a milestone named `{name}` (taken {date})\n  help: pick another name; `scorps milestones {review}` lists them"
    )]
    Duplicate {
        file: String,
        name: String,
        date: String,
        review: String,
    },
    #[error("cannot write {path}: {message}")]
    Serialize { path: String, message: String },
}

/// Adds a milestone to the review's milestones file (created when missing), atomically and under
/// a lock of its own. A name already used is refused.
pub fn add(review: &Path, milestone: Milestone) -> Result<PathBuf, AddError> {
    let path = path_for(review);
    let _lock = Lock::acquire(&path)?;
    let mut milestones = load(review)?;
    if let Some(old) = milestones.iter().find(|m| m.name == milestone.name) {
        return Err(AddError::Duplicate {
            file: path.display().to_string(),
            name: milestone.name.clone(),
            date: old.date.date(),
            review: review.display().to_string(),
        });
    }
    milestones.push(milestone);
    milestones.sort_by_key(|m| m.date);
    // The lowest format that holds them, as for reviews: 2 once an answer uses the register.
    let register = milestones
        .iter()
        .any(|m| m.answers.values().any(Answer::needs_register));
    let file = File {
        format: if register { 2 } else { 1 },
        milestones,
    };
    let text = toml::to_string_pretty(&file).map_err(|e| AddError::Serialize {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let header = "# Milestones of a review, written by `scorps milestone`: frozen answers, pack versions and scores.\n";
    atomic_write(&path, format!("{header}{text}").as_bytes()).map_err(|source| {
        StoreError::Write {
            path: path.display().to_string(),
            source,
        }
    })?;
    Ok(path)
}

/// The newest milestone of a review, if it has any (for the TUI summary and reports).
pub fn last(review: &Path) -> Result<Option<Milestone>, StoreError> {
    Ok(load(review)?.pop())
}

#[cfg(test)]
#[path = "milestone_tests.rs"]
mod tests;
