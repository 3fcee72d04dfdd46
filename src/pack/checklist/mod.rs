//! Azure review checklists (JSON): import into a pack and a review, and export back.
//!
//! Many teams review against the public Azure review checklists, a JSON list of recommendations
//! with a pillar and a severity each, usually filled in through an Excel workbook with macros.
//! scorps runs them instead. Import reads a checklist leniently ([`read`]: positions for every
//! message, one warning per kind of quirk), groups its items into questions ([`group`]), writes
//! the pack as YAML and loads that YAML with the ordinary pack loader, so `checklist import`
//! output and `--pack checklist.json` are the same pack by construction, digest included. A
//! filled checklist's statuses and comments become a review ([`answers`]); export writes a
//! review's answers back into the checklist's own JSON text and changes nothing else
//! ([`export`]). `docs/checklists.md` has the mapping.

mod answers;
mod export;
mod group;
mod import;
mod map;
mod notes;
mod patch;
mod read;
mod reader;
mod values;
mod yaml;

use std::path::Path;

pub use self::answers::Answered;
pub use self::export::{Exported, export};
pub use self::import::{Imported, ItemRef, import};
use super::load::PackErrors;
use super::raw::MAX_PACK_BYTES;
use super::{Pack, PackError, Pos, Source, lens};

/// Where an item stands in a filled checklist. The workbook's five, and `Risk accepted`, which
/// some checklists list instead of `Not required`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    NotVerified,
    Open,
    Fulfilled,
    NotRequired,
    NotApplicable,
    RiskAccepted,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::NotVerified,
        Status::Open,
        Status::Fulfilled,
        Status::NotRequired,
        Status::NotApplicable,
        Status::RiskAccepted,
    ];

    /// The English name, as the checklists and the workbook write it.
    pub fn name(self) -> &'static str {
        map::english(self)
    }
}

/// The most practices a question gets: with "None of these", scorps's limit of 20 choices.
pub const MAX_ITEMS_PER_QUESTION: usize = super::MAX_CHOICES - 1;

/// What a `.json` file holds, judged from its top-level keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An object with `items` and no `pillars`.
    Checklist,
    /// An object with `pillars`.
    Lens,
    /// JSON, but neither: no `items`, no `pillars`, or not an object at all.
    Neither,
    /// Not UTF-8 text, or not JSON: the importer reports where.
    Unreadable,
}

/// Which importer a `.json` file is for.
pub fn kind(bytes: &[u8]) -> Kind {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Kind::Unreadable;
    };
    let Ok(doc) = lens::json::parse(text) else {
        return Kind::Unreadable;
    };
    kind_of(&doc.root)
}

fn kind_of(root: &lens::json::Node) -> Kind {
    let lens::json::Value::Object(members) = &root.value else {
        return Kind::Neither;
    };
    let has = |k: &str| members.iter().any(|m| m.key == k);
    if has("pillars") {
        Kind::Lens
    } else if has("items") {
        Kind::Checklist
    } else {
        Kind::Neither
    }
}

/// A `.json` pack: an Azure review checklist or an AWS custom lens, imported in memory. This is
/// what `--pack FILE.json`, pack folders and `packs check` use.
pub fn import_json(
    name: &str,
    bytes: &[u8],
    source: Source,
) -> Result<(Pack, Vec<PackError>), PackErrors> {
    match kind(bytes) {
        Kind::Checklist => import(name, bytes, source, None).map(|i| (i.pack, i.warnings)),
        // The lens reader has always reported JSON that does not read; it keeps doing so.
        Kind::Lens | Kind::Unreadable => lens::import_bytes(name, bytes, source),
        Kind::Neither => Err(neither(name).into()),
    }
}

fn neither(name: &str) -> PackError {
    PackError::new(
        name,
        Pos::new(1, 1),
        "this JSON is neither an AWS custom lens (it has no `pillars`) nor an Azure review checklist (it has no `items`)",
    )
    .help("a pack in JSON is a lens or a checklist; a pack of your own is written in YAML (docs/pack-format.md)")
}

/// Reads and imports a checklist file; `id` overrides the pack id taken from the file name.
pub fn import_file(path: &Path, id: Option<&str>) -> Result<Imported, PackErrors> {
    let name = path.display().to_string();
    let bytes = read_file(path)?;
    match kind(&bytes) {
        Kind::Lens => Err(PackError::new(
            &name,
            Pos::new(1, 1),
            "this is an AWS custom lens (it has `pillars`), not an Azure review checklist",
        )
        .help("import it with `scorps lens import`")
        .into()),
        Kind::Neither => Err(neither(&name).into()),
        Kind::Checklist | Kind::Unreadable => {
            import(&name, &bytes, Source::File(path.to_path_buf()), id)
        }
    }
}

/// Reads a checklist with the same bound as every pack file: the size on disk is checked first,
/// and the bounded reader refuses what is not a regular file (see `fsutil::read_limited`).
pub fn read_file(path: &Path) -> Result<Vec<u8>, PackErrors> {
    let name = path.display().to_string();
    let fail = |m: String| {
        PackErrors::one(
            PackError::new(&name, Pos::default(), m)
                .help("check the path: give the checklist's JSON file"),
        )
    };
    let too_large = |len: u64| {
        PackErrors::one(PackError::new(
            &name,
            Pos::default(),
            format!(
                "the file is {len} bytes; checklists, like every pack file, are limited to 8 MiB"
            ),
        ))
    };
    let meta =
        std::fs::metadata(path).map_err(|e| fail(format!("cannot read the checklist: {e}")))?;
    if meta.len() > MAX_PACK_BYTES as u64 {
        return Err(too_large(meta.len()));
    }
    crate::fsutil::read_limited(path, MAX_PACK_BYTES as u64)
        .map_err(|e| fail(format!("cannot read the checklist: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_files_are_told_apart_by_their_top_level_keys() {
        assert_eq!(kind(br#"{"items": []}"#), Kind::Checklist);
        assert_eq!(kind(br#"{"pillars": [], "items": []}"#), Kind::Lens);
        assert_eq!(kind(br#"{"name": "x"}"#), Kind::Neither);
        assert_eq!(kind(br"[1, 2]"), Kind::Neither);
        assert_eq!(kind(b"{ not json"), Kind::Unreadable);
        assert_eq!(kind(&[0xff, 0xfe]), Kind::Unreadable);
    }

    #[test]
    fn status_names_are_the_workbooks_and_risk_accepted() {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(
            names,
            [
                "Not verified",
                "Open",
                "Fulfilled",
                "Not required",
                "N/A",
                "Risk accepted"
            ]
        );
    }
}
