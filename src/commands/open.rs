//! Opening review files for the commands that read them (`score`, `export`, `check`, `diff`,
//! `report`): the domain's one open path ([`scorps::review::open`]), with its notes said on
//! stderr, each naming the file.

use std::path::Path;

use anyhow::Result;
use scorps::pack::{Catalog, Pack};
use scorps::review::Review;
use scorps::review::open::open;

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
}
