//! Binding a review to the packs it was answered against.
//!
//! A review names its packs by id, version and digest; the catalog may hold several versions of
//! one id (a later `--pack` or folder replaces an earlier one, which is kept aside). A review is
//! read against the version with the digest it recorded, else the one with the version it
//! recorded, else the version that won in the catalog, with a note that the pack changed. A changed
//! pack is never a reason to drop answers: answers whose question no longer exists are kept in the
//! file and listed.

use std::fmt;

use super::model::Review;
use crate::pack::{Catalog, Pack};

/// A review's packs as read now, and what changed since the review was answered. `P` is `Pack`,
/// or `&Pack` borrowed from the catalog ([`resolve_borrowed`]).
#[derive(Debug, Clone)]
pub struct Resolved<P = Pack> {
    /// In the review's order, each id once.
    pub packs: Vec<P>,
    pub changes: Vec<PackChange>,
    /// Answer keys whose question is in none of the packs.
    pub orphans: Vec<String>,
    /// Pack ids the review lists more than once (the first entry is used).
    pub duplicates: Vec<String>,
}

/// A pack whose content differs from what the review was answered against.
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
                "pack `{}` {} changed since the review was answered; answers are kept",
                self.id, self.now
            )
        } else {
            write!(
                f,
                "pack `{}` is now {} (the review was answered against {}); answers are kept",
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

/// Finds the review's packs in the catalog (see the module documentation for which version).
pub fn resolve(review: &Review, catalog: &Catalog) -> Result<Resolved, MissingPack> {
    let r = resolve_borrowed(review, catalog)?;
    Ok(Resolved {
        packs: r.packs.into_iter().cloned().collect(),
        changes: r.changes,
        orphans: r.orphans,
        duplicates: r.duplicates,
    })
}

/// As [`resolve`], with the packs borrowed from the catalog: a report of many reviews copies no
/// pack for each of them.
pub fn resolve_borrowed<'c>(
    review: &Review,
    catalog: &'c Catalog,
) -> Result<Resolved<&'c Pack>, MissingPack> {
    let mut packs: Vec<&'c Pack> = Vec::new();
    let mut changes = Vec::new();
    let mut duplicates = Vec::new();
    for r in &review.packs {
        if packs.iter().any(|p| p.id == r.id) {
            duplicates.push(r.id.clone());
            continue;
        }
        let winner = catalog.get(&r.id).ok_or_else(|| MissingPack {
            id: r.id.clone(),
            version: r.version.clone(),
        })?;
        // Every version of an id is behind its winner; its id lives as long as the catalog.
        let id: &'c str = &winner.id;
        let pick = catalog
            .versions(id)
            .find(|p| p.digest == r.digest)
            .or_else(|| catalog.versions(id).find(|p| p.version == r.version))
            .unwrap_or(winner);
        if pick.digest != r.digest {
            changes.push(PackChange {
                id: r.id.clone(),
                was: r.version.clone(),
                now: pick.version.clone(),
            });
        }
        packs.push(pick);
    }
    let orphans = orphans(review, &packs);
    Ok(Resolved {
        packs,
        changes,
        orphans,
        duplicates,
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
