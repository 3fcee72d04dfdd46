//! Question packs: what a review asks and how answers become risks.
//!
//! A pack is read from YAML into the serde types of [`raw`], then validated once into the types
//! of the model (re-exported here), which are valid by construction: ids are unique and well
//! formed, every rule names choices that exist, there is at most one "None of these". The rest of
//! scorps never re-checks them.

pub mod builtin;
mod catalog;
pub mod checklist;
pub mod coverage;
mod diagnose;
pub mod error;
pub mod explain;
pub mod lens;
pub mod lint;
pub mod load;
mod model;
mod outline;
pub mod raw;
pub mod rule;
pub mod show;
pub mod similar;
mod validate;

pub use self::catalog::{Catalog, Origin, Override};
pub use self::error::{PackError, Pos};
pub use self::load::{load_file, load_str};
pub use self::model::*;

#[cfg(test)]
mod if_missing_tests;

#[cfg(test)]
mod fields_tests;
