//! Reviews: the answers a squad gave, stored as TOML beside the code, and their scores.
//!
//! `model` is the file's shape, `store` reads and writes it, `open` binds it to its packs (the
//! one way every command and the review screen open a review), `session` walks it and holds the
//! rules of answering, `score` turns answers into risks and scores, `register` says which risks
//! are accepted, which acceptances expired and which answers are due for another look, and
//! `dates` turns instants into days.

pub mod check;
pub mod dates;
pub mod milestone;
pub mod model;
pub mod open;
pub mod register;
pub mod resolve;
pub mod score;
pub mod session;
pub mod store;

pub use self::model::{Acceptance, Answer, Day, PackRef, Review, State, Timestamp, key};
pub use self::resolve::{Resolved, resolve};
pub use self::score::{Scorecard, score};

/// A review's file name without its ending (`payments.review.toml` → `payments`), or `None` when
/// nothing is left. The files that travel with a review are named after it.
pub fn stem(review: &std::path::Path) -> Option<String> {
    let name = review.file_name()?.to_string_lossy().into_owned();
    let stem = name
        .strip_suffix(".review.toml")
        .or_else(|| name.strip_suffix(".toml"))
        .unwrap_or(&name);
    (!stem.is_empty()).then(|| stem.to_string())
}
