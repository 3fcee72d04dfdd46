//! Discovery: every pack a run can see, and which one wins on the same id.
//!
//! Discovery order, later wins on the same id and says so: built-ins → `<data dir>/packs/` →
//! `./.scorps/packs/` → each `--pack PATH` (a file or a folder; an AWS lens `.json` is imported
//! in memory). A folder contributes its pack files in name order, not recursively.

use std::fmt;
use std::path::{Path, PathBuf};

use super::error::{PackError, Pos};
use super::load::{PackErrors, load_file};
use super::{Pack, Source, builtin};

/// Where a pack in the catalog was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    /// `<data dir>/packs/`
    UserDir,
    /// `./.scorps/packs/`
    ProjectDir,
    /// `--pack PATH`
    Cli,
}

/// A pack that replaced another of the same id.
#[derive(Debug, Clone)]
pub struct Override {
    pub id: String,
    pub winner: Source,
    pub loser: Source,
}

impl fmt::Display for Override {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "note: pack `{}` from {} overrides the one from {}",
            self.id, self.winner, self.loser
        )
    }
}

/// Every pack a run can see, after overrides.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub entries: Vec<(Origin, Pack)>,
    pub overrides: Vec<Override>,
    /// The packs that lost to a later one of the same id, kept so that a review answered
    /// against an older version can still be read against it.
    pub shadowed: Vec<Pack>,
    /// Warnings met while loading (lens quirks).
    pub warnings: Vec<PackError>,
}

impl Catalog {
    /// Only the built-in packs.
    pub fn builtins() -> Catalog {
        let mut catalog = Catalog::default();
        for pack in builtin::packs() {
            catalog.add(Origin::Builtin, pack);
        }
        catalog
    }

    /// Built-ins, then the given folders in order (missing ones are skipped), then the `--pack`
    /// paths (which must exist).
    pub fn discover(dirs: &[(Origin, PathBuf)], cli: &[PathBuf]) -> Result<Catalog, PackErrors> {
        let mut catalog = Catalog::builtins();
        for (origin, dir) in dirs {
            if dir.is_dir() {
                catalog.add_path(*origin, dir)?;
            }
        }
        for path in cli {
            catalog.add_path(Origin::Cli, path)?;
        }
        Ok(catalog)
    }

    /// Adds a pack file, or every `.yaml`/`.yml`/`.json` file of a folder in name order.
    pub(crate) fn add_path(&mut self, origin: Origin, path: &Path) -> Result<(), PackErrors> {
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| {
                    PackError::new(
                        path.display().to_string(),
                        Pos::default(),
                        format!("cannot read the folder: {e}"),
                    )
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_pack_file(p))
                .collect();
            files.sort();
            for file in files {
                self.add_file(origin, &file)?;
            }
            Ok(())
        } else {
            self.add_file(origin, path)
        }
    }

    fn add_file(&mut self, origin: Origin, path: &Path) -> Result<(), PackErrors> {
        let (pack, warnings) = load_file(path)?;
        self.warnings.extend(warnings);
        self.add(origin, pack);
        Ok(())
    }

    /// Adds a pack; one with the same id is replaced and the override recorded.
    pub(crate) fn add(&mut self, origin: Origin, pack: Pack) {
        if let Some(slot) = self.entries.iter_mut().find(|(_, p)| p.id == pack.id) {
            self.overrides.push(Override {
                id: pack.id.clone(),
                winner: pack.source.clone(),
                loser: slot.1.source.clone(),
            });
            let loser = std::mem::replace(slot, (origin, pack));
            self.shadowed.push(loser.1);
        } else {
            self.entries.push((origin, pack));
        }
    }

    pub fn packs(&self) -> impl Iterator<Item = &Pack> {
        self.entries.iter().map(|(_, p)| p)
    }

    pub fn get(&self, id: &str) -> Option<&Pack> {
        self.packs().find(|p| p.id == id)
    }

    /// Every loaded version of a pack: the one that won first, then those it replaced, newest
    /// first.
    pub fn versions<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Pack> + 'a {
        self.get(id)
            .into_iter()
            .chain(self.shadowed.iter().rev().filter(move |p| p.id == id))
    }

    /// The packs a new review starts with: only the `--pack` ones when any were given, else the
    /// six pillar packs and the user's and project's packs (not opt-in built-ins).
    pub fn default_review_packs(&self) -> Vec<&Pack> {
        let cli: Vec<&Pack> = self
            .entries
            .iter()
            .filter(|(o, _)| *o == Origin::Cli)
            .map(|(_, p)| p)
            .collect();
        if !cli.is_empty() {
            return cli;
        }
        self.entries
            .iter()
            .filter(|(o, p)| *o != Origin::Builtin || !builtin::OPT_IN.contains(&p.id.as_str()))
            .map(|(_, p)| p)
            .collect()
    }
}

/// A `.yaml`/`.yml` pack or a `.json` lens; a JSON Schema (`*.schema.json`, which editors read
/// from beside the packs) is not a pack.
fn is_pack_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    ["yaml", "yml", "json"].contains(&ext.as_str())
        && !name.to_ascii_lowercase().ends_with(".schema.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_hold_packs_and_lenses_but_not_schemas() {
        assert!(is_pack_file(Path::new("p/security.yaml")));
        assert!(is_pack_file(Path::new("p/custom.YML")));
        assert!(is_pack_file(Path::new("p/lens.json")));
        assert!(!is_pack_file(Path::new("p/scorps-pack.schema.json")));
        assert!(!is_pack_file(Path::new("p/README.md")));
    }
}
