//! Writing vote files: atomically, in the review's votes folder (created when missing), each with
//! a first line saying what wrote it. A voter's file is written only by that voter's
//! `scorps vote`; the room's only by the facilitator's screen.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::error::VoteError;
use super::file::{FORMAT, Vote, VoterFile, shown};
use crate::fsutil::atomic_write;
use crate::review::{Review, Timestamp};

#[derive(Serialize)]
struct VoterOut<'a> {
    format: u32,
    workload: &'a str,
    review_created: Timestamp,
    voter: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<&'a str>,
    votes: &'a BTreeMap<String, Vote>,
}

#[derive(Serialize)]
struct RoomOut<'a> {
    format: u32,
    workload: &'a str,
    review_created: Timestamp,
    votes: &'a BTreeMap<String, BTreeMap<String, Vote>>,
}

/// The TOML of a file, or the error naming the file.
fn to_toml(path: &Path, value: &impl Serialize) -> Result<String, VoteError> {
    toml::to_string_pretty(value).map_err(|e| VoteError::Write {
        path: shown(path),
        message: e.to_string(),
    })
}

fn write(path: &Path, text: &str) -> Result<(), VoteError> {
    let write_err = |e: std::io::Error| VoteError::Write {
        path: shown(path),
        message: e.to_string(),
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(write_err)?;
        crate::fsutil::sweep_stale_temps(dir);
    }
    atomic_write(path, text.as_bytes()).map_err(write_err)
}

/// Writes a voter's own file atomically (the folder is created when missing).
pub fn save_voter(path: &Path, review: &Review, file: &VoterFile) -> Result<(), VoteError> {
    let text = to_toml(
        path,
        &VoterOut {
            format: FORMAT,
            workload: &review.workload,
            review_created: review.created,
            voter: &file.voter,
            position: file.position.as_deref(),
            votes: &file.votes,
        },
    )?;
    let header = "# One voter's private votes on a review, written by `scorps vote` (docs/facilitation.md).\n";
    write(path, &format!("{header}{text}"))
}

/// Writes the room's votes atomically (the folder is created when missing).
pub fn save_room(
    path: &Path,
    review: &Review,
    votes: &BTreeMap<String, BTreeMap<String, Vote>>,
) -> Result<(), VoteError> {
    let text = to_toml(
        path,
        &RoomOut {
            format: FORMAT,
            workload: &review.workload,
            review_created: review.created,
            votes,
        },
    )?;
    let header = "# The votes given in the room, written by the facilitator's screen (docs/facilitation.md).\n";
    write(path, &format!("{header}{text}"))
}
