//! Checklist JSON → items → draft pack → YAML → [`Pack`].

use std::sync::Arc;

use super::Status;
use super::group::{self, PillarDraft};
use super::map::slug;
use super::read::Checklist;
use super::reader::Reader;
use super::yaml;
use crate::pack::lens::json;
use crate::pack::load::{PackErrors, load_str};
use crate::pack::validate::valid_pack_id;
use crate::pack::{MissingRisk, Pack, PackError, Pos, Source};

/// A checklist read into a pack, with the YAML that `scorps checklist import` writes and what
/// a review and an export need of the checklist.
#[derive(Debug, Clone)]
pub struct Imported {
    pub pack: Pack,
    pub yaml: String,
    pub warnings: Vec<PackError>,
    pub(crate) checklist: Checklist,
    /// The JSON text the positions refer to (without a byte order mark).
    pub(crate) text: Arc<str>,
    /// Whether the file started with a byte order mark, which export keeps.
    pub(crate) bom: bool,
}

impl Imported {
    /// How many items the checklist has (each is one practice of the pack).
    pub fn item_count(&self) -> usize {
        self.checklist.items.len()
    }

    /// Every item as read, in file order.
    pub fn items(&self) -> impl Iterator<Item = ItemRef<'_>> {
        self.checklist.items.iter().map(|i| ItemRef {
            guid: &i.guid,
            practice: &i.id,
            question: &i.question,
            severity: i.severity,
            status: i.status,
            comments: i.comments.as_deref(),
        })
    }

    /// How many items have a status other than "Not verified" or a comment.
    pub fn filled_count(&self) -> usize {
        self.checklist
            .items
            .iter()
            .filter(|i| i.status != Status::NotVerified || i.comments.is_some())
            .count()
    }
}

/// An item of a checklist: where it went in the pack, and what the checklist says of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRef<'a> {
    pub guid: &'a str,
    /// The practice id (the guid, unless it had to be renamed).
    pub practice: &'a str,
    pub question: &'a str,
    pub severity: MissingRisk,
    pub status: Status,
    pub comments: Option<&'a str>,
}

/// Imports a checklist. `name` is how messages refer to the file; `id` overrides the pack id,
/// which otherwise comes from the file name.
pub fn import(
    name: &str,
    bytes: &[u8],
    source: Source,
    id: Option<&str>,
) -> Result<Imported, PackErrors> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        let col = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        PackErrors::one(
            PackError::new(
                name,
                Pos::new(line as u64, col as u64),
                "the file is not UTF-8 text",
            )
            .help("save the checklist as UTF-8 JSON"),
        )
    })?;
    let bom = text.starts_with('\u{feff}');
    let src: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(text));
    let attach = |e: PackError| e.with_source(src.clone());
    // A byte order mark and CRLF line endings are read as they are and kept by export, so
    // unlike in a lens they are not worth a warning.
    let doc = json::parse(text).map_err(|e| {
        PackErrors::one(attach(
            PackError::new(name, e.pos, format!("not valid JSON: {}", e.message))
                .help("an Azure review checklist is a JSON file; fix the JSON at that place"),
        ))
    })?;
    let stem = match &source {
        Source::File(path) => path.file_stem().map(|s| s.to_string_lossy().into_owned()),
        Source::Builtin(n) => Some(n.trim_end_matches(".json").to_string()),
    }
    .unwrap_or_else(|| name.to_string());
    let pack_id = match id {
        Some(id) if !valid_pack_id(id) => {
            return Err(PackError::new(
                name,
                Pos::default(),
                format!("invalid pack id `{id}` given with --id"),
            )
            .help("use lowercase letters, digits and '-', e.g. `aks-review`")
            .into());
        }
        Some(id) => id.to_string(),
        None => match slug(&stem, 100) {
            s if s.is_empty() => "checklist".to_string(),
            s => s,
        },
    };
    let mut reader = Reader::new(name);
    let checklist = reader.checklist(&doc.root, &stem);
    if !reader.errors.is_empty() {
        return Err(PackErrors(reader.errors.into_iter().map(attach).collect()));
    }
    let Some(mut checklist) = checklist else {
        return Err(PackError::new(name, Pos::default(), "the checklist could not be read").into());
    };
    let warnings = reader.finish().into_iter().map(attach).collect();
    let pillars = group::group(&mut checklist.items);
    let yaml = yaml::emit(&checklist, &pack_id, &pillars);
    let mut pack = load_str(&format!("{name} (as YAML)"), &yaml, source).map_err(|e| {
        // The items were checked above, so this is a bug in the import, not in the checklist.
        PackErrors(
            e.0.into_iter()
                .map(|e| e.context("internal error in `checklist import`, please report it"))
                .collect(),
        )
    })?;
    relocate(&mut pack, &pillars, &checklist);
    Ok(Imported {
        pack,
        yaml,
        warnings,
        checklist,
        text: src,
        bom,
    })
}

/// Points the pack's positions at the checklist rather than at the generated YAML, so that lint
/// warnings about a `--pack checklist.json` name lines of the file the user has.
fn relocate(pack: &mut Pack, pillars: &[PillarDraft], checklist: &Checklist) {
    let questions = pack.pillars.iter_mut().flat_map(|p| p.questions.iter_mut());
    for (q, dq) in questions.zip(pillars.iter().flat_map(|p| &p.questions)) {
        q.pos = dq.pos;
        for (i, c) in q.choices.iter_mut().enumerate() {
            c.pos = dq.items.get(i).map_or(dq.pos, |&i| checklist.items[i].pos);
        }
    }
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
