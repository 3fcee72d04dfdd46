//! Private votes, then a reveal: each participant answers a contested question alone, the squad
//! sees who ticked what and how far apart they are, and the answer a majority gives is taken into
//! the review for the facilitator to adjust.
//!
//! A vote is kept out of the review file: every voter writes only their own file in the review's
//! votes folder (`payments.review.toml` → `payments.votes/ana.toml`), so voters never contend for
//! the review's lock and a shared folder or git carries the votes; the votes given in the room
//! are the facilitator's file there (`_room.toml`). `voters` says who may vote, `file` reads and
//! writes one file, `folder` reads them all, `tally` says what the votes on a question mean
//! (agreement, majority, risk spread), `ballot` turns one voter's votes into a review that the
//! normal walk answers, and `report` prints the trail.

pub mod ballot;
pub mod error;
pub mod file;
pub mod folder;
pub mod json;
pub mod render;
pub mod report;
mod save;
pub mod tally;
pub mod voters;

pub use self::error::VoteError;
pub use self::file::{Source, Vote};
pub use self::folder::{Cast, Votes, read_all};
pub use self::tally::{Tally, tally};
