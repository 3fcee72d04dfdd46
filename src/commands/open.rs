//! Opening review files for the commands that read them (`score`, `export`, `check`, `diff`,
//! `report`): load, bind to the packs, and say on stderr what changed since the review was
//! answered.
//!
//! A review is read against the pack version it was answered against when that version is among
//! the `--pack` paths, even when a later `--pack` of the same id wins in the catalog. So
//! `scorps --pack v1/ --pack v2/ diff q3.review.toml q4.review.toml` compares each review with
//! its own questions, and shows what the new version added and removed.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Result, anyhow};
use scorps::pack::{Catalog, Pack, load_file};
use scorps::review::resolve::{MissingPack, PackChange, orphans};
use scorps::review::{Review, store};
use scorps::text::clean_line;

use super::Ctx;

/// A review and the packs it is read against.
pub struct Opened {
    /// The path as given, for messages and reports.
    pub file: String,
    pub review: Review,
    pub packs: Vec<Pack>,
}

/// What opening a review found worth saying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The pack loaded now is not the one the review was answered against.
    PackChanged(PackChange),
    /// An answer names a question none of the review's packs has (the key, cleaned).
    Orphan(String),
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Note::PackChanged(change) => write!(f, "{change}"),
            Note::Orphan(key) => write!(
                f,
                "note: the answer to `{key}` names a question none of its packs has (removed from the pack?); it is kept in the file and left out"
            ),
        }
    }
}

/// Opens reviews against one catalog (read once per command).
pub struct Opener {
    catalog: Catalog,
    extra: Vec<PathBuf>,
    /// Every pack of the `--pack` paths, each version on its own; read on first need.
    alternates: OnceLock<Vec<Pack>>,
}

impl Opener {
    pub fn new(ctx: &Ctx) -> Result<Opener> {
        Ok(Opener {
            catalog: ctx.catalog()?,
            extra: ctx.extra_packs.clone(),
            alternates: OnceLock::new(),
        })
    }

    /// Loads a review and its packs; pack changes and answers to unknown questions are noted on
    /// stderr. A missing, unreadable or corrupt file, or a pack that is not loaded, is an error.
    pub fn open(&self, path: &Path) -> Result<Opened> {
        let file = path.display().to_string();
        // The store error already names the file and the cause; its chain would repeat the cause.
        let review = store::load(path).map_err(|e| anyhow!("{e}"))?;
        self.bind(file, review)
    }

    /// Binds a review already read (a milestone's, say) to its packs, noting on stderr what
    /// changed; `file` names it in messages.
    pub fn bind(&self, file: String, review: Review) -> Result<Opened> {
        let mut notes = Vec::new();
        let opened = self.bind_noting(file, review, &mut notes)?;
        for note in notes {
            eprintln!("{}: {note}", opened.file);
        }
        Ok(opened)
    }

    /// Reads a review and hands it, with its packs borrowed from the catalog, to `f`; notes are
    /// handed back instead of printed. A report of many reviews sums the notes up, and copies no
    /// pack for each review.
    pub fn with_review<R>(
        &self,
        path: &Path,
        notes: &mut Vec<Note>,
        f: impl FnOnce(&str, &Review, &[&Pack]) -> R,
    ) -> Result<R> {
        let file = path.display().to_string();
        let review = store::load(path).map_err(|e| anyhow!("{e}"))?;
        let packs = self.packs_of(&file, &review, notes)?;
        Ok(f(&file, &review, &packs))
    }

    fn bind_noting(&self, file: String, review: Review, notes: &mut Vec<Note>) -> Result<Opened> {
        let packs = self
            .packs_of(&file, &review, notes)?
            .into_iter()
            .cloned()
            .collect();
        Ok(Opened {
            file,
            review,
            packs,
        })
    }

    /// The packs a review is read against, in its order: its own version from the `--pack` paths
    /// when that is there, else the catalog's. Notes what changed and which answers are orphans.
    fn packs_of(&self, file: &str, review: &Review, notes: &mut Vec<Note>) -> Result<Vec<&Pack>> {
        let mut packs = Vec::with_capacity(review.packs.len());
        for recorded in &review.packs {
            let Some(mut pack) = self.catalog.get(&recorded.id) else {
                let missing = MissingPack {
                    id: recorded.id.clone(),
                    version: recorded.version.clone(),
                };
                return Err(anyhow!("{file}: {missing}"));
            };
            if pack.digest != recorded.digest
                && let Some(own) =
                    self.own_version(&recorded.id, &recorded.version, &recorded.digest)
            {
                pack = own;
            }
            if pack.digest != recorded.digest {
                notes.push(Note::PackChanged(PackChange {
                    id: recorded.id.clone(),
                    was: clean_line(&recorded.version).into_owned(),
                    now: clean_line(&pack.version).into_owned(),
                }));
            }
            packs.push(pack);
        }
        for key in orphans(review, &packs) {
            notes.push(Note::Orphan(clean_line(&key).into_owned()));
        }
        Ok(packs)
    }

    /// The pack with this id among the `--pack` paths that has the recorded digest, else the
    /// recorded version.
    fn own_version(&self, id: &str, version: &str, digest: &str) -> Option<&Pack> {
        let all = self.alternates.get_or_init(|| {
            self.extra
                .iter()
                .flat_map(|p| pack_files(p))
                .filter_map(|f| load_file(&f).ok().map(|(p, _)| p))
                .collect()
        });
        let same_id = || all.iter().filter(move |p| p.id == id);
        same_id()
            .find(|p| p.digest == digest)
            .or_else(|| same_id().find(|p| p.version == version))
    }
}

/// A pack file, or the pack files of a folder in name order.
fn pack_files(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.is_file()
            && p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["yaml", "yml", "json"].contains(&e.to_ascii_lowercase().as_str()))
    });
    files.sort();
    files
}
