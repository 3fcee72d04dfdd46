//! Why a vote file cannot be used. Every message names the file (and where a field is wrong,
//! its line and column) and says what to do; the file itself is never changed.

use super::file::{FORMAT, MAX_BYTES};

/// A vote file that cannot be used, and why. The file is never changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoteError {
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error(
        "{path}: the file is larger than {} KiB, so it is not a vote file; it is left out\n  help: move it out of the votes folder",
        MAX_BYTES / 1024
    )]
    TooLarge { path: String },
    #[error(
        "{path}:{line}:{col}: {message}\n  help: the vote file is left untouched and its votes left out; fix it by hand, restore it from git, or delete it and vote again"
    )]
    Parse {
        path: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{path}: vote file format {found} is newer than this scorps reads ({FORMAT})\n  help: upgrade scorps"
    )]
    Format { path: String, found: u32 },
    #[error(
        "{path}:{line}:{col}: these votes are on the review of {found}, not on this one ({expected})\n  help: move the file to that review's votes folder, or delete it"
    )]
    OtherReview {
        path: String,
        line: usize,
        col: usize,
        /// The review the file names: "`Billing` created 2026-11-26T10:00:00Z".
        found: String,
        /// This review, said the same way.
        expected: String,
    },
    #[error(
        "{path}:{line}:{col}: `{voter}` is not a voter of this review; its voters are: {known}\n  help: the facilitator adds a participant with `scorps review REVIEW --participant NAME`"
    )]
    UnknownVoter {
        path: String,
        line: usize,
        col: usize,
        voter: String,
        known: String,
    },
    #[error(
        "{path}:{line}:{col}: the votes of `{voter}` belong in {expected}, not in this file\n  help: rename the file to {expected}, or delete it and vote again"
    )]
    WrongFile {
        path: String,
        line: usize,
        col: usize,
        voter: String,
        expected: String,
    },
    #[error("cannot save {path}: {message}")]
    Write { path: String, message: String },
}
