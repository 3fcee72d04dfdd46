//! Every vote on a review: the files of its votes folder read together, each voter's latest vote
//! per question kept, and a stamp that tells cheaply whether anything in the folder changed (the
//! facilitator's screen looks once a second while the votes are shown).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::error::VoteError;
use super::file::{
    Checked, ROOM_FILE, Source, check_room_file, check_voter_file, dir_for, line_col, question,
    shown,
};
use crate::pack::Pack;
use crate::review::{Review, Timestamp};
use crate::text::clean_line;

/// A vote as the reveal counts it: checked against the packs, with where it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cast {
    pub selected: Vec<String>,
    pub updated: Timestamp,
    pub source: Source,
}

/// Every vote on a review that could be read: each voter's latest vote per question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Votes {
    /// By question key (`<pack>/<question>`), then by voter.
    pub by_question: BTreeMap<String, BTreeMap<String, Cast>>,
    /// Votes left out of files that were otherwise read (questions or choices the packs lack).
    pub notes: Vec<String>,
    /// Files left out whole.
    pub errors: Vec<VoteError>,
}

impl Votes {
    /// Adds a voter's vote on a question; the later of two votes by one voter counts (the room's
    /// on a tie). An empty selection is no vote.
    pub fn add(&mut self, key: &str, voter: &str, cast: Cast) {
        if cast.selected.is_empty() {
            return;
        }
        let by = self.by_question.entry(key.to_string()).or_default();
        let newer = by.get(voter).is_none_or(|old| {
            cast.updated > old.updated
                || (cast.updated == old.updated && cast.source == Source::Room)
        });
        if newer {
            by.insert(voter.to_string(), cast);
        }
    }

    /// The votes on one question, by voter.
    pub fn on(&self, key: &str) -> Option<&BTreeMap<String, Cast>> {
        self.by_question.get(key)
    }

    /// Adds the votes of one checked file, leaving out (with a note) those the packs cannot read.
    fn add_file(&mut self, name: &str, checked: Checked, packs: &[Pack], source: Source) {
        for (key, voter, vote) in checked.entries {
            let (line, col) = line_col(&checked.text, key.span().start);
            let Some(q) = question(packs, key.get_ref()) else {
                self.notes.push(format!(
                    "{name}:{line}:{col}: a vote on `{}`, a question none of the review's packs has (removed from the pack?); kept in the file and left out",
                    clean_line(key.get_ref())
                ));
                continue;
            };
            let (known, unknown): (Vec<String>, Vec<String>) = vote
                .selected
                .into_iter()
                .partition(|id| q.choice_index(id).is_some());
            for id in unknown {
                self.notes.push(format!(
                    "{name}:{line}:{col}: `{}` is not a choice of `{}`; left out of {}'s vote",
                    clean_line(&id),
                    clean_line(key.get_ref()),
                    clean_line(&voter)
                ));
            }
            let cast = Cast {
                selected: known,
                updated: vote.updated,
                source,
            };
            self.add(key.get_ref(), &voter, cast);
        }
    }
}

/// The vote files of a folder, in name order: `*.toml` that are not hidden (temporary files
/// start with `.`; locks end in `.lock`).
fn vote_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy())
                .is_some_and(|n| n.ends_with(".toml") && !n.starts_with('.'))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Reads every vote file of a review, checked against the review and its packs. Nothing is
/// written; a file that cannot be used is named in [`Votes::errors`] and the others still count.
pub fn read_all(review_path: &Path, review: &Review, packs: &[Pack]) -> Votes {
    let mut votes = Votes::default();
    let dir = dir_for(review_path);
    let files = match vote_files(&dir) {
        Ok(files) => files,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return votes,
        Err(e) => {
            votes.errors.push(VoteError::Read {
                path: shown(&dir),
                message: e.to_string(),
            });
            return votes;
        }
    };
    for path in files {
        let name = shown(&path);
        let (checked, source) = if path.file_name().is_some_and(|n| n == ROOM_FILE) {
            (check_room_file(&path, review), Source::Room)
        } else {
            (check_voter_file(&path, review), Source::Own)
        };
        match checked {
            Ok(Some(checked)) => votes.add_file(&name, checked, packs, source),
            // Gone between listing and reading: a voter's file being replaced is never gone (the
            // rename is atomic), so this is a file deleted just now.
            Ok(None) => {}
            Err(e) => votes.errors.push(e),
        }
    }
    votes
}

/// What the folder looks like: each file's name, size and modification time. Cheap to take;
/// when it has not changed since the last look, neither have the votes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp(Vec<(String, u64, Option<std::time::SystemTime>)>);

/// Takes the stamp of a review's votes folder (empty when there is none).
pub fn stamp(review: &Path) -> Stamp {
    let Ok(entries) = std::fs::read_dir(dir_for(review)) else {
        return Stamp::default();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let meta = e.metadata().ok()?;
            Some((name, meta.len(), meta.modified().ok()))
        })
        .collect();
    files.sort();
    Stamp(files)
}
