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
