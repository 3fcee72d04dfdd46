//! Lens JSON → draft pack → YAML → [`Pack`].
//!
//! The walk over the lens is lenient where a lens is merely untidy (each quirk becomes a warning
//! with its line and column) and strict where guessing would change what the lens means: a rule
//! naming an unknown choice, a duplicate id, an invalid id (reviews refer to ids, so they are
//! never rewritten). Every problem is collected before giving up, so one run shows them all.

use std::sync::Arc;

use super::json;
use super::reader::Importer;
use super::{Draft, yaml};
use crate::pack::load::{PackErrors, load_str};
use crate::pack::raw::{MAX_PACK_BYTES, sha256};
use crate::pack::validate::{valid_pack_id, valid_version};
use crate::pack::{Pack, PackError, Pos, RiskRules, Source};

/// A lens read into a pack, with the YAML that `scorps lens import` writes.
#[derive(Debug, Clone)]
pub struct Imported {
    pub pack: Pack,
    pub yaml: String,
    pub warnings: Vec<PackError>,
}

/// Imports a lens. `name` is how messages refer to the file; `id` overrides the pack id, which
/// otherwise comes from the file name.
pub fn import(
    name: &str,
    bytes: &[u8],
    source: Source,
    id: Option<&str>,
) -> Result<Imported, PackErrors> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let col = before.len()
            - before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        PackErrors::one(
            PackError::new(
                name,
                Pos::new(line as u64, col as u64),
                "the file is not UTF-8 text",
            )
            .help("save the lens as UTF-8 JSON"),
        )
    })?;
    let src: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(text));
    let attach = |e: PackError| e.with_source(src.clone());
    let doc = json::parse(text).map_err(|e| {
        PackErrors::one(attach(
            PackError::new(name, e.pos, format!("not valid JSON: {}", e.message))
                .help("an AWS custom lens is a JSON file; fix the JSON at that place"),
        ))
    })?;
    let pack_id = match id {
        Some(id) if !valid_pack_id(id) => {
            return Err(PackError::new(
                name,
                Pos::default(),
                format!("invalid pack id `{id}` given with --id"),
            )
            .help("use lowercase letters, digits and '-', e.g. `payments-lens`")
            .into());
        }
        Some(id) => id.to_string(),
        None => id_from_file_name(&source, name),
    };
    let mut im = Importer {
        file: name,
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    for (pos, quirk) in doc.quirks {
        im.warn(pos, "", quirk, "");
    }
    let draft = im.lens(&doc.root, pack_id);
    if !im.errors.is_empty() {
        return Err(PackErrors(im.errors.into_iter().map(attach).collect()));
    }
    let Some(draft) = draft else {
        return Err(PackErrors::one(PackError::new(
            name,
            Pos::default(),
            "the lens could not be read",
        )));
    };
    let file_name = match &source {
        Source::File(path) => path
            .file_name()
            .map_or(name.to_string(), |n| n.to_string_lossy().into_owned()),
        Source::Builtin(n) => n.to_string(),
    };
    let yaml = yaml::emit(&draft, &file_name);
    if yaml.len() > MAX_PACK_BYTES {
        // The YAML is longer than the JSON (indentation, block text); it must stay a pack that
        // loads, so this is the lens's size, not a bug.
        return Err(PackErrors::one(
            PackError::new(
                name,
                Pos::default(),
                format!(
                    "the lens is {:.1} MiB and the pack it makes would be {:.1} MiB, over the 8 MiB a pack may have",
                    mib(bytes.len()),
                    mib(yaml.len())
                ),
            )
            .help("split the lens into several lenses, a few pillars each, and import each one"),
        ));
    }
    let mut pack = load_str(&format!("{name} (as YAML)"), &yaml, source).map_err(|e| {
        // The draft was checked above, so this is a bug in the import, not in the lens.
        PackErrors(
            e.0.into_iter()
                .map(|e| e.context("internal error in `lens import`, please report it"))
                .collect(),
        )
    })?;
    pack.digest = sha256(bytes);
    relocate(&mut pack, &draft);
    let mut warnings: Vec<PackError> = im.warnings.into_iter().map(attach).collect();
    warnings.sort_by_key(|w| w.pos);
    Ok(Imported {
        pack,
        yaml,
        warnings,
    })
}

/// Points the pack's positions at the lens rather than at the generated YAML, so that lint
/// warnings about a `--pack lens.json` name lines of the file the user has.
fn relocate(pack: &mut Pack, draft: &Draft) {
    let questions = pack.pillars.iter_mut().flat_map(|p| p.questions.iter_mut());
    for (q, dq) in questions.zip(draft.pillars.iter().flat_map(|p| &p.questions)) {
        q.pos = dq.pos;
        for (c, dc) in q.choices.iter_mut().zip(&dq.choices) {
            c.pos = dc.pos;
        }
        if let RiskRules::Ordered {
            rules, default_pos, ..
        } = &mut q.risk
        {
            for (r, dr) in rules.iter_mut().zip(&dq.rules) {
                r.pos = dr.pos;
            }
            *default_pos = Some(dq.default_pos);
        }
    }
}

/// The pack id from a file name: lowercase, runs of anything but `[a-z0-9]` become one `-`.
fn id_from_file_name(source: &Source, name: &str) -> String {
    let stem = match source {
        Source::File(path) => path.file_stem().map(|s| s.to_string_lossy().into_owned()),
        Source::Builtin(n) => Some(n.trim_end_matches(".json").to_string()),
    }
    .unwrap_or_else(|| name.to_string());
    let mut id = String::new();
    for c in stem.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "lens".to_string()
    } else {
        id
    }
}

/// A version from `_version`: `1.2.3` as is, `1.2` or `v1.2` padded to `1.2.0`.
pub(super) fn version_from(v: &str) -> Option<String> {
    let v = v.trim();
    if valid_version(v) {
        return Some(v.to_string());
    }
    let core = v.strip_prefix('v').unwrap_or(v);
    let parts: Vec<&str> = core.split('.').collect();
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    (numeric && parts.len() <= 3).then(|| {
        let mut parts: Vec<String> = parts.iter().map(std::string::ToString::to_string).collect();
        parts.resize(3, "0".into());
        parts.join(".")
    })
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
