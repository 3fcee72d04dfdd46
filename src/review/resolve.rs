//! Binding a review to the packs it was answered against.
//!
//! A review names its packs by id; the packs loaded now may be newer. A changed pack is reported,
//! never a reason to drop answers: answers whose question no longer exists are kept in the file
//! and listed.

use std::fmt;

use super::model::Review;
use crate::pack::{Catalog, Pack};

/// A review's packs as loaded now, and what changed since the review began.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// In the review's order.
    pub packs: Vec<Pack>,
    pub changes: Vec<PackChange>,
    /// Answer keys whose question is in none of the packs.
    pub orphans: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackChange {
    pub id: String,
    pub was: String,
    pub now: String,
}

impl fmt::Display for PackChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.was == self.now {
            write!(
                f,
                "note: pack `{}` {} changed since the review was answered; answers are kept",
                self.id, self.now
            )
        } else {
            write!(
                f,
                "note: pack `{}` is now {} (the review was answered against {}); answers are kept",
                self.id, self.now, self.was
            )
        }
    }
}

/// A pack the review needs that is not loaded.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "the review uses pack `{id}` {version}, which is not loaded\n  help: pass the pack with --pack PATH, or put it in ./.scorps/packs/"
)]
pub struct MissingPack {
    pub id: String,
    pub version: String,
}

/// Finds the review's packs in the catalog.
pub fn resolve(review: &Review, catalog: &Catalog) -> Result<Resolved, MissingPack> {
    let mut packs = Vec::new();
    let mut changes = Vec::new();
    for r in &review.packs {
        let pack = catalog.get(&r.id).ok_or_else(|| MissingPack {
            id: r.id.clone(),
            version: r.version.clone(),
        })?;
        if pack.digest != r.digest {
            changes.push(PackChange {
                id: r.id.clone(),
                was: r.version.clone(),
                now: pack.version.clone(),
            });
        }
        packs.push(pack.clone());
    }
    let orphans = orphans(review, &packs);
    Ok(Resolved {
        packs,
        changes,
        orphans,
    })
}

/// Answer keys whose question exists in none of `packs`.
pub fn orphans<P: std::borrow::Borrow<Pack>>(review: &Review, packs: &[P]) -> Vec<String> {
    review
        .answers
        .keys()
        .filter(|k| {
            let (pack, question) = k.split_once('/').unwrap_or((k, ""));
            !packs.iter().any(|p| {
                let p = p.borrow();
                p.id == pack && p.question(question).is_some()
            })
        })
        .cloned()
        .collect()
}
