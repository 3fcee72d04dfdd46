//! The vote files: where they live, what they hold, and how they are read so that a bad one is
//! named and left out, never trusted and never rewritten.
//!
//! A review's votes live in a folder beside it, `<stem>.votes/`: `<voter>.toml` for each voter who
//! voted from their own terminal (the file name is the voter's name in lowercase letters, digits
//! and dashes), and `_room.toml` for the votes given in the room on the facilitator's screen. Each
//! file names the review it belongs to by its workload and `created` time. Reading checks, for
//! each file: its size (at most [`MAX_BYTES`]), its TOML, its format, that it belongs to this
//! review and that every voter is one of the review's voters. A file failing any check is left out
//! whole with an error naming it; a vote on a question the packs no longer have, or a choice the
//! question no longer has, is left out with a note and kept in the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::error::VoteError;
use super::voters::{find_voter, known_list, slug};
use crate::pack::{Pack, Question};
use crate::review::{Review, Timestamp};
use crate::text::clean_line;

/// The vote file format this scorps writes.
pub const FORMAT: u32 = 1;

/// The largest vote file read: a vote on every question of a large Azure checklist is far less.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// The file of the votes given in the room. Voters' files never start with `_`.
pub const ROOM_FILE: &str = "_room.toml";

/// One voter's vote on one question: the choices ticked, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    pub selected: Vec<String>,
    pub updated: Timestamp,
}

/// Where a vote was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// From the voter's own terminal (`scorps vote`).
    Own,
    /// In a round on the facilitator's screen.
    Room,
}

/// The folder of a review's votes: `payments.review.toml` → `payments.votes/`.
pub fn dir_for(review: &Path) -> PathBuf {
    let stem = crate::review::stem(review).unwrap_or_else(|| "review".to_string());
    review.with_file_name(format!("{stem}.votes"))
}

/// Where a voter's own votes are kept.
pub fn voter_path(review: &Path, voter: &str) -> PathBuf {
    dir_for(review).join(format!("{}.toml", slug(voter)))
}

/// Where the votes given in the room are kept.
pub fn room_path(review: &Path) -> PathBuf {
    dir_for(review).join(ROOM_FILE)
}

/// A path for a message: a file name in a shared folder is anyone's text, so control characters
/// are removed before it reaches a terminal.
pub(crate) fn shown(path: &Path) -> String {
    clean_line(&path.display().to_string()).into_owned()
}

/// The question a key names in the packs.
pub fn question<'a>(packs: &'a [Pack], key: &str) -> Option<&'a Question> {
    let (pack, q) = key.split_once('/')?;
    packs
        .iter()
        .find(|p| p.id == pack)
        .and_then(|p| p.question(q))
        .map(|(_, q)| q)
}

pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Just the format, read before the rest so that a newer file is named as newer.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    format: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VoterIn {
    #[allow(dead_code)]
    format: u32,
    workload: Spanned<String>,
    review_created: Spanned<Timestamp>,
    voter: Spanned<String>,
    #[serde(default)]
    position: Option<String>,
    #[serde(default)]
    votes: BTreeMap<Spanned<String>, Vote>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoomIn {
    #[allow(dead_code)]
    format: u32,
    workload: Spanned<String>,
    review_created: Spanned<Timestamp>,
    #[serde(default)]
    votes: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Vote>>,
}

/// A voter's own file as read: every vote in it, those the packs no longer have included, so
/// that saving it again loses nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoterFile {
    /// The voter, as the review spells the name.
    pub voter: String,
    /// The question the voter was on, to resume there.
    pub position: Option<String>,
    pub votes: BTreeMap<String, Vote>,
}

/// A file read and checked: its text (for the line numbers of notes) and its votes, each with
/// the place of its question key and the voter as the review spells the name.
pub(crate) struct Checked {
    pub text: String,
    /// The voter of a voter's own file, as the review spells the name; empty for the room's.
    pub voter: String,
    pub position: Option<String>,
    pub entries: Vec<(Spanned<String>, String, Vote)>,
}

/// Reads a file of at most [`MAX_BYTES`] through the bounded reader; `None` when it does not
/// exist.
fn read_bounded(path: &Path) -> Result<Option<String>, VoteError> {
    let name = shown(path);
    match crate::fsutil::read_text(path, MAX_BYTES) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            Err(VoteError::TooLarge { path: name })
        }
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => Err(VoteError::Parse {
            path: name,
            line: 1,
            col: 1,
            message: e.to_string(),
        }),
        Err(e) => Err(VoteError::Read {
            path: name,
            message: e.to_string(),
        }),
    }
}

/// Parses TOML of one of the vote shapes, naming the line and column of an error.
fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, VoteError> {
    let parse_err = |e: toml::de::Error| {
        let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        VoteError::Parse {
            path: name.to_string(),
            line,
            col,
            message: e.message().to_string(),
        }
    };
    let head: Head = toml::from_str(text).map_err(parse_err)?;
    if head.format > FORMAT {
        return Err(VoteError::Format {
            path: name.to_string(),
            found: head.format,
        });
    }
    toml::from_str(text).map_err(parse_err)
}

/// Checks that a file names this review.
fn check_review(
    name: &str,
    text: &str,
    review: &Review,
    workload: &Spanned<String>,
    created: &Spanned<Timestamp>,
) -> Result<(), VoteError> {
    let other = |at: usize| {
        let (line, col) = line_col(text, at);
        VoteError::OtherReview {
            path: name.to_string(),
            line,
            col,
            found: format!(
                "`{}` created {}",
                clean_line(workload.get_ref()),
                created.get_ref()
            ),
            expected: format!(
                "`{}`, created {}",
                clean_line(&review.workload),
                review.created
            ),
        }
    };
    if *created.get_ref() != review.created {
        return Err(other(created.span().start));
    }
    if *workload.get_ref() != review.workload {
        return Err(other(workload.span().start));
    }
    Ok(())
}

/// The voter a file names, checked against the review's voters.
fn check_voter(
    name: &str,
    text: &str,
    review: &Review,
    voter: &Spanned<String>,
) -> Result<String, VoteError> {
    find_voter(review, voter.get_ref()).ok_or_else(|| {
        let (line, col) = line_col(text, voter.span().start);
        VoteError::UnknownVoter {
            path: name.to_string(),
            line,
            col,
            voter: clean_line(voter.get_ref()).into_owned(),
            known: known_list(review),
        }
    })
}

/// Reads and checks a voter's own file: the review it names, the voter, and that the file is
/// that voter's. `None` when it does not exist yet.
pub(crate) fn check_voter_file(path: &Path, review: &Review) -> Result<Option<Checked>, VoteError> {
    let name = shown(path);
    let Some(text) = read_bounded(path)? else {
        return Ok(None);
    };
    let file: VoterIn = parse(&name, &text)?;
    check_review(&name, &text, review, &file.workload, &file.review_created)?;
    let voter = check_voter(&name, &text, review, &file.voter)?;
    let expected = format!("{}.toml", slug(&voter));
    if path
        .file_name()
        .is_none_or(|n| n.to_string_lossy() != expected)
    {
        let (line, col) = line_col(&text, file.voter.span().start);
        return Err(VoteError::WrongFile {
            path: name,
            line,
            col,
            voter: clean_line(&voter).into_owned(),
            expected,
        });
    }
    let entries = file
        .votes
        .into_iter()
        .map(|(k, v)| (k, voter.clone(), v))
        .collect();
    Ok(Some(Checked {
        text,
        voter,
        position: file.position,
        entries,
    }))
}

/// Reads and checks the room's file: the review it names and every voter in it. `None` when
/// there is none yet.
pub(crate) fn check_room_file(path: &Path, review: &Review) -> Result<Option<Checked>, VoteError> {
    let name = shown(path);
    let Some(text) = read_bounded(path)? else {
        return Ok(None);
    };
    let file: RoomIn = parse(&name, &text)?;
    check_review(&name, &text, review, &file.workload, &file.review_created)?;
    let mut entries = Vec::new();
    for (key, by) in file.votes {
        for (voter, vote) in by {
            let voter = check_voter(&name, &text, review, &voter)?;
            entries.push((key.clone(), voter, vote));
        }
    }
    Ok(Some(Checked {
        text,
        voter: String::new(),
        position: None,
        entries,
    }))
}

/// Reads a voter's own file; `None` when it does not exist yet.
pub fn load_voter(path: &Path, review: &Review) -> Result<Option<VoterFile>, VoteError> {
    let Some(checked) = check_voter_file(path, review)? else {
        return Ok(None);
    };
    Ok(Some(VoterFile {
        voter: checked.voter,
        position: checked.position,
        votes: checked
            .entries
            .into_iter()
            .map(|(k, _, v)| (k.into_inner(), v))
            .collect(),
    }))
}

/// The votes given in the room, by question then voter; empty when there is no room file yet.
pub fn load_room(
    path: &Path,
    review: &Review,
) -> Result<BTreeMap<String, BTreeMap<String, Vote>>, VoteError> {
    let mut out: BTreeMap<String, BTreeMap<String, Vote>> = BTreeMap::new();
    if let Some(checked) = check_room_file(path, review)? {
        for (key, voter, vote) in checked.entries {
            out.entry(key.into_inner()).or_default().insert(voter, vote);
        }
    }
    Ok(out)
}

pub use super::save::{save_room, save_voter};

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;
