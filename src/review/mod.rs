//! Reviews: the answers a squad gave, stored as TOML beside the code, and their scores.

pub mod check;
pub mod model;
pub mod resolve;
pub mod score;
pub mod store;

pub use self::model::{Answer, PackRef, Review, State, Timestamp, key};
pub use self::resolve::{Resolved, resolve};
pub use self::score::{Scorecard, score};
