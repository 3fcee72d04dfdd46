//! Opening review files for the commands that read them (`score`, `export`, `check`, `diff`,
//! `report`): the domain's one open path ([`scorps::review::open`]), with its notes said on
//! stderr, each naming the file.

use std::path::Path;

use anyhow::{Result, anyhow};
use scorps::pack::{Catalog, Pack};
use scorps::review::Review;
use scorps::review::open::{Note, bind, open, open_borrowed};

use super::Ctx;

/// A review and the packs it is read against.
pub struct Opened {
    /// The path as given, for messages and reports.
    pub file: String,
    pub review: Review,
    pub packs: Vec<Pack>,
}

/// Opens reviews against one catalog (read once per command).
pub struct Opener {
    catalog: Catalog,
}

impl Opener {
    pub fn new(ctx: &Ctx) -> Result<Opener> {
        Ok(Opener {
            catalog: ctx.catalog()?,
        })
    }

    /// Loads a review and its packs; what is worth knowing about it is noted on stderr. A
    /// missing, unreadable or corrupt file, or a pack that is not loaded, is an error.
    pub fn open(&self, path: &Path) -> Result<Opened> {
        let opened = open(path, &self.catalog)?;
        let file = path.display().to_string();
        for note in &opened.notes {
            eprintln!("{file}: note: {note}");
        }
        Ok(Opened {
            file,
            review: opened.review,
            packs: opened.packs,
        })
    }

    /// Binds a review already read (a milestone's) to its packs, noting on stderr what changed;
    /// `label` names it in messages (`payments.review.toml@2026-q3`).
    pub fn bind(&self, label: String, review: Review) -> Result<Opened> {
        let opened = bind(Path::new(&label), review, &self.catalog)?;
        for note in &opened.notes {
            eprintln!("{label}: note: {note}");
        }
        Ok(Opened {
            file: label,
            review: opened.review,
            packs: opened.packs,
        })
    }

    /// Reads a review and hands it, with its packs borrowed from the catalog, to `f`; the notes
    /// are handed back instead of printed (a report of many reviews sums them up).
    pub fn with_review<R>(
        &self,
        path: &Path,
        notes: &mut Vec<Note>,
        f: impl FnOnce(&str, &Review, &[&Pack]) -> R,
    ) -> Result<R> {
        let file = path.display().to_string();
        let read = open_borrowed(path, &self.catalog).map_err(|e| anyhow!("{e}"))?;
        notes.extend(read.notes);
        Ok(f(&file, &read.review, &read.packs))
    }
}
