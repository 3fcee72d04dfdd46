//! Opening a review file: the one way every command and the review screen read a review, so that
//! they all bind it to the same pack versions and report the same notes about it.
//!
//! Opening reads the file (never changing it), binds it to its packs as [`super::resolve`]
//! describes, and collects notes for the caller to show: packs changed since the review was
//! answered, answers to questions no pack has, packs listed twice.

use std::fmt;
use std::path::{Path, PathBuf};

use super::model::Review;
use super::resolve::{MissingPack, PackChange, resolve_borrowed};
use super::store::{self, StoreError};
use crate::pack::{Catalog, Pack};
use crate::text::clean_line;

/// A review and the packs it is read against.
#[derive(Debug, Clone)]
pub struct Opened {
    pub path: PathBuf,
    pub review: Review,
    /// In the review's order, each id once.
    pub packs: Vec<Pack>,
    pub notes: Vec<Note>,
}

impl Opened {
    /// Whether the review's recorded packs differ from the ones it is read against, so that a
    /// session that edits it should record the packs anew.
    pub fn packs_drifted(&self) -> bool {
        self.notes.iter().any(|n| {
            matches!(
                n,
                Note::PackChanged(_)
                    | Note::DuplicatePack(_)
                    | Note::Anomaly(super::check::Anomaly::DuplicatePack { .. })
            )
        })
    }
}

/// Something worth saying about a review that opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    PackChanged(PackChange),
    /// An answer key whose question is in none of the packs.
    Orphan(String),
    /// A pack id the review lists more than once.
    DuplicatePack(String),
    /// Something in the file that cannot be right (a practice with "None of these", an unknown
    /// choice, a pack listed twice in the file).
    Anomaly(super::check::Anomaly),
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::PackChanged(change) => write!(f, "{}", clean_line(&change.to_string())),
            Note::Orphan(key) => write!(
                f,
                "the answer to `{}` names a question none of its packs has (removed from the pack?); it is kept in the file and left out",
                clean_line(key)
            ),
            Note::Anomaly(anomaly) => write!(f, "{anomaly}"),
            Note::DuplicatePack(id) => write!(
                f,
                "the review lists pack `{}` more than once; the first entry counts",
                clean_line(id)
            ),
        }
    }
}

/// Why a review could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The file is missing, unreadable or not a review; the error names the file.
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    MissingPack { path: String, source: MissingPack },
}

/// Reads a review and binds it to the packs of `catalog`.
pub fn open(path: &Path, catalog: &Catalog) -> Result<Opened, OpenError> {
    let review = store::load(path)?;
    bind(path, review, catalog)
}

/// Binds a review already in memory (a new one, or one read elsewhere) to its packs.
pub fn bind(path: &Path, review: Review, catalog: &Catalog) -> Result<Opened, OpenError> {
    let bound = bind_borrowed(path, review, catalog)?;
    Ok(Opened {
        path: path.to_path_buf(),
        review: bound.review,
        packs: bound.packs.into_iter().cloned().collect(),
        notes: bound.notes,
    })
}

/// Binds a review to the catalog's packs without copying them, and collects the notes.
fn bind_borrowed<'c>(
    path: &Path,
    review: Review,
    catalog: &'c Catalog,
) -> Result<Borrowed<'c>, OpenError> {
    let resolved = resolve_borrowed(&review, catalog).map_err(|source| OpenError::MissingPack {
        path: path.display().to_string(),
        source,
    })?;
    let anomalies = super::check::anomalies(&review, &resolved.packs);
    let notes = notes(
        resolved.changes,
        resolved.duplicates,
        anomalies,
        resolved.orphans,
    );
    Ok(Borrowed {
        review,
        packs: resolved.packs,
        notes,
    })
}

fn notes(
    changes: Vec<PackChange>,
    duplicates: Vec<String>,
    anomalies: Vec<super::check::Anomaly>,
    orphans: Vec<String>,
) -> Vec<Note> {
    changes
        .into_iter()
        .map(Note::PackChanged)
        .chain(duplicates.into_iter().map(Note::DuplicatePack))
        .chain(anomalies.into_iter().map(Note::Anomaly))
        .chain(orphans.into_iter().map(Note::Orphan))
        .collect()
}

/// A review read with its packs borrowed from the catalog.
#[derive(Debug)]
pub struct Borrowed<'c> {
    pub review: Review,
    /// In the review's order, each id once.
    pub packs: Vec<&'c Pack>,
    pub notes: Vec<Note>,
}

/// As [`open`], borrowing the packs instead of copying them: for reading many reviews (a
/// portfolio), where the copies would cost more than the reading.
pub fn open_borrowed<'c>(path: &Path, catalog: &'c Catalog) -> Result<Borrowed<'c>, OpenError> {
    let review = store::load(path)?;
    bind_borrowed(path, review, catalog)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Origin;
    use crate::pack::{Source, load_str};

    fn pack(version: &str, question: &str) -> Pack {
        let text = format!(
            "schema: 1\nid: p\nname: P\nversion: {version}\npillars:\n  - id: security\n    name: Security\n    questions:\n      - id: {question}\n        title: Q?\n        choices:\n          - {{ id: a, title: A, improve: x }}\n"
        );
        load_str("p.yaml", &text, Source::Builtin("p.yaml")).unwrap()
    }

    #[test]
    fn a_review_is_read_against_the_version_it_recorded_when_that_is_loaded() {
        let (v1, v2) = (pack("1.0.0", "old"), pack("2.0.0", "new"));
        let mut catalog = Catalog::default();
        catalog.add(Origin::Cli, v1.clone());
        catalog.add(Origin::Cli, v2.clone());
        let review = Review::new("W", "", "", vec![], &[&v1]);
        let opened = bind("r".as_ref(), review.clone(), &catalog).unwrap();
        assert_eq!(opened.packs[0].version, "1.0.0");
        assert!(opened.notes.is_empty(), "{:?}", opened.notes);
        assert!(!opened.packs_drifted());

        // Without v1 loaded, the winner is used and the change is noted.
        let mut newer = Catalog::default();
        newer.add(Origin::Cli, v2);
        let opened = bind("r".as_ref(), review, &newer).unwrap();
        assert_eq!(opened.packs[0].version, "2.0.0");
        assert_eq!(
            opened.notes[0].to_string(),
            "pack `p` is now 2.0.0 (the review was answered against 1.0.0); answers are kept"
        );
        assert!(opened.packs_drifted());
    }

    #[test]
    fn a_pack_listed_twice_counts_once() {
        let v1 = pack("1.0.0", "q");
        let mut catalog = Catalog::default();
        catalog.add(Origin::Cli, v1.clone());
        let mut review = Review::new("W", "", "", vec![], &[&v1, &v1]);
        review.answers.insert(
            "p/q".into(),
            crate::review::Answer {
                state: crate::review::State::Answered,
                selected: vec!["a".into()],
                ..Default::default()
            },
        );
        let opened = bind("r".as_ref(), review, &catalog).unwrap();
        assert_eq!(opened.packs.len(), 1);
        assert_eq!(
            opened.notes,
            [Note::DuplicatePack("p".into())],
            "{:?}",
            opened.notes
        );
        let card = crate::review::score(&opened.review, &opened.packs);
        assert_eq!(card.totals.total(), 1, "not double-counted");
    }
}
