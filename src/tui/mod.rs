//! The terminal UI: a thin shell over the domain.
//!
//! `app` holds what the screen shows, `update` turns messages into changes (answers go through
//! the domain's [`Session`](crate::review::session::Session)), `view` draws, `keys` is the one
//! table of keys, `effects` carries out what `update` asks for (saving after every change,
//! exporting, opening files), and `run` is the event loop with its signal handling.

pub mod app;
pub mod ballot;
mod effects;
pub(crate) mod input;
pub mod keys;
pub(crate) mod layout;
pub mod recent;
pub mod register;
mod run;
pub mod start;
pub(crate) mod theme;
pub mod update;
pub mod view;
pub mod vote;

#[cfg(test)]
mod register_tests;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use self::app::Walk;
use self::start::NewReview;
use crate::pack::{Catalog, Pack};
use crate::review::open::{Opened, bind, open as open_review};
use crate::review::session::{Filter, Session};
use crate::review::{Review, store};

pub use self::effects::{Runtime, dispatch, flush};
pub use self::run::run;

/// A review's name without its ending: `payments.review.toml` → `payments`.
pub fn review_stem(review: &Path) -> String {
    crate::review::stem(review).unwrap_or_else(|| "review".to_string())
}

/// Where the backlog goes by default: the export folder, else beside the review, named after it.
pub fn default_export_path(review: &Path, export_dir: Option<&Path>) -> PathBuf {
    let file = format!("{}.backlog.md", review_stem(review));
    match export_dir {
        Some(dir) => dir.join(file),
        None => review.with_file_name(file),
    }
}

/// A walk over an opened review: the session, and what to say about it on the status line.
pub fn walk(opened: Opened, filter: &Filter) -> anyhow::Result<Walk> {
    let drifted = opened.packs_drifted();
    let mut notices: Vec<String> = opened.notes.iter().map(ToString::to_string).collect();
    let mut session = Session::new(opened.review, opened.packs, filter.clone())?;
    if drifted {
        // From here on the squad answers against the packs as they are now; the next save
        // records that, so the change is reported once, not on every later command.
        session.record_packs();
    }
    if session.order().is_empty() {
        notices.push(if filter.flagged {
            "Nothing to walk: no question is flagged. Leave with q, or open the review without --flagged.".to_string()
        } else {
            "Nothing to walk: no question matches the filter.".to_string()
        });
    }
    let milestone = match crate::review::milestone::last(&opened.path) {
        Ok(m) => m,
        Err(e) => {
            notices.push(format!(
                "milestones unreadable, left out of the summary: {e}"
            ));
            None
        }
    };
    Ok(Walk {
        file: opened.path,
        session,
        notices,
        milestone,
    })
}

/// Opens an existing review for editing: lock, read, bind to packs. The file is never changed
/// on failure.
pub fn open(
    path: &Path,
    catalog: &Catalog,
    filter: &Filter,
) -> anyhow::Result<(Walk, store::Lock)> {
    let lock = store::Lock::acquire(path)?;
    let opened = open_review(path, catalog)?;
    Ok((walk(opened, filter)?, lock))
}

/// Creates a review file from the start form (or the command line) and opens it.
pub fn create(
    new: &NewReview,
    catalog: &Catalog,
    filter: &Filter,
) -> anyhow::Result<(Walk, store::Lock)> {
    if new.path.exists() {
        anyhow::bail!(
            "{} already exists: resume it, or pick another file name",
            new.path.display()
        );
    }
    let packs: Vec<&Pack> = new
        .packs
        .iter()
        .map(|id| {
            catalog
                .get(id)
                .ok_or_else(|| anyhow::anyhow!("no pack `{id}` is loaded"))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut review = Review::new(
        &new.workload,
        &new.team,
        &new.facilitator,
        new.participants.clone(),
        &packs,
    );
    review.pillar_minutes = new.pillar_minutes;
    review.description.clone_from(&new.description);
    review.environment.clone_from(&new.environment);
    review.architecture.clone_from(&new.architecture);
    review.owner.clone_from(&new.owner);
    let opened = bind(&new.path, review, catalog)?;
    // The filter is checked before anything is written: a typo in --pillar leaves no file.
    Session::new(opened.review.clone(), opened.packs.clone(), filter.clone())?;
    let lock = store::Lock::acquire(&new.path)?;
    store::save(&new.path, &opened.review)?;
    Ok((walk(opened, filter)?, lock))
}
