//! AWS Well-Architected custom lenses (JSON): import into packs and export back.
//!
//! Architects already have custom lenses; scorps runs them offline and gives them back.
//! Import reads a lens leniently ([`json`] tolerates `NaN`, a BOM and CRLF; the importer warns
//! about stray keys, missing defaults and the like) into a draft of the native pack, writes that
//! draft as YAML, and loads the YAML with the ordinary pack loader — so `scorps lens import`
//! output and `--pack lens.json` are the same pack by construction. Export turns a pack's ordered
//! rules (or thresholds) into AWS conditions computed from the question's truth table, so they
//! mean the same under either reading of AWS rules (see [`Reading`]), and checks that by
//! evaluating every selection. `docs/lens.md` has the whole mapping.

mod choice;
mod export;
mod format;
mod import;
pub mod json;
mod reader;
mod rules;
mod synth;
mod walk;
pub(crate) mod yaml;

use std::path::Path;

pub use self::export::{Exported, export};
pub use self::import::{Imported, import};
use super::load::PackErrors;
use super::raw::MAX_PACK_BYTES;
use super::{Choice, Pack, PackError, Pos, Risk, Source};

/// How the AWS tool turns the risk rules that hold for a selection into the question's risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The rules are checked in the order written and the first that holds decides; `default`
    /// applies when none holds. This is what the AWS user guide states ("The order of your risk
    /// rules is significant. The first condition that evaluates to true sets the risk for the
    /// question"), and what the real lenses are written for.
    FirstMatch,
    /// The worst risk among the rules that hold wins; `default` applies when none holds.
    WorstWins,
}

/// The reading import follows. Export does not depend on it: the conditions it writes never
/// overlap, so both readings give the same risk.
pub const READING: Reading = Reading::FirstMatch;

/// The risk AWS gives a selection, from the levels of the rules that hold (in written order).
pub fn aws_risk(holding: impl IntoIterator<Item = Risk>, default: Risk, reading: Reading) -> Risk {
    let mut holding = holding.into_iter();
    match reading {
        Reading::FirstMatch => holding.next(),
        Reading::WorstWins => holding.max(),
    }
    .unwrap_or(default)
}

/// Imports a lens file's bytes into a pack, with a warning for each quirk met.
///
/// The pack id comes from the file name; this is what `--pack LENS.json` uses.
pub fn import_bytes(
    name: &str,
    bytes: &[u8],
    source: Source,
) -> Result<(Pack, Vec<PackError>), PackErrors> {
    import(name, bytes, source, None).map(|i| (i.pack, i.warnings))
}

/// Reads and imports a lens file; `id` overrides the pack id taken from the file name.
pub fn import_file(path: &Path, id: Option<&str>) -> Result<Imported, PackErrors> {
    let name = path.display().to_string();
    let fail = |m: String| PackErrors::one(PackError::new(&name, Pos::default(), m));
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read the lens: {e}")))?;
    if meta.len() > MAX_PACK_BYTES as u64 {
        return Err(fail(format!(
            "the file is {:.1} MiB; lenses are limited to 8 MiB",
            meta.len() as f64 / 1048576.0
        )));
    }
    let bytes = crate::fsutil::read_limited(path, MAX_PACK_BYTES as u64)
        .map_err(|e| fail(format!("cannot read the lens: {e}")))?;
    import(&name, &bytes, Source::File(path.to_path_buf()), id)
}

/// The scorps pillar id of an AWS pillar id: the framework's pillars map to scorps's well-known
/// ids, any other id is a custom pillar and stays as written.
pub(crate) fn scorps_pillar_id(aws: &str) -> String {
    match aws {
        "operationalExcellence" => "operational-excellence",
        "costOptimization" => "cost",
        "performance" | "performanceEfficiency" => "performance",
        other => other,
    }
    .to_string()
}

/// The AWS pillar id of a scorps pillar id (3–128 of `[A-Za-z0-9_]`): well-known pillars map to
/// the framework's ids, custom ones get `-` turned into `_` and are padded with `_` to three
/// characters.
pub fn aws_pillar_id(scorps: &str) -> String {
    match scorps {
        "operational-excellence" => "operationalExcellence".to_string(),
        "cost" => "costOptimization".to_string(),
        other => aws_id(other),
    }
}

/// A scorps question or choice id made fit for AWS: `-` becomes `_`, and ids shorter than three
/// characters are padded with `_`.
pub fn aws_id(id: &str) -> String {
    let mut out = id.replace('-', "_");
    while out.chars().count() < 3 {
        out.push('_');
    }
    out
}

/// The AWS id of a choice: as [`aws_id`], and "None of these" ends in `_no` while no practice
/// does (AWS reads any choice ending in `_no` as "None of these"; a practice gets a `_` added).
pub fn aws_choice_id(id: &str, none: bool) -> String {
    let mut out = aws_id(id);
    if none && !out.ends_with("_no") {
        out.push_str("_no");
    } else if !none && out.ends_with("_no") {
        out.push('_');
    }
    out
}

/// The native pack a lens becomes, before it is written as YAML: the same fields as the pack
/// format, with the positions in the lens that warnings and errors point at.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub id: String,
    pub name: String,
    pub version: String,
    pub description: String,
    pub pillars: Vec<DraftPillar>,
}

#[derive(Debug, Clone)]
pub(crate) struct DraftPillar {
    pub id: String,
    pub name: String,
    pub questions: Vec<DraftQuestion>,
}

#[derive(Debug, Clone)]
pub(crate) struct DraftQuestion {
    pub id: String,
    pub title: String,
    pub why: String,
    pub choices: Vec<Choice>,
    pub rules: Vec<DraftRule>,
    pub default: Risk,
    pub default_pos: Pos,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub(crate) struct DraftRule {
    pub level: Risk,
    pub condition: String,
    pub pos: Pos,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pillar_ids_map_both_ways() {
        for (aws, scorps) in [
            ("operationalExcellence", "operational-excellence"),
            ("costOptimization", "cost"),
            ("performance", "performance"),
            ("security", "security"),
            ("reliability", "reliability"),
            ("sustainability", "sustainability"),
            ("docdb_ops", "docdb_ops"),
        ] {
            assert_eq!(scorps_pillar_id(aws), scorps);
            assert_eq!(aws_pillar_id(scorps), aws);
        }
        assert_eq!(scorps_pillar_id("performanceEfficiency"), "performance");
        assert_eq!(aws_pillar_id("team-practices"), "team_practices");
        assert_eq!(aws_pillar_id("ux"), "ux_");
        assert_eq!(aws_id("q"), "q__");
        assert_eq!(aws_choice_id("none", true), "none_no");
        assert_eq!(aws_choice_id("x_no", true), "x_no");
        assert_eq!(aws_choice_id("dns-no", false), "dns_no_");
        assert_eq!(aws_choice_id("mfa-on", false), "mfa_on");
    }

    #[test]
    fn the_two_readings_differ_only_when_rules_overlap() {
        use Risk::*;
        assert_eq!(aws_risk([None, Medium], High, Reading::FirstMatch), None);
        assert_eq!(aws_risk([None, Medium], High, Reading::WorstWins), Medium);
        assert_eq!(aws_risk([Medium], High, Reading::FirstMatch), Medium);
        assert_eq!(aws_risk([], Medium, Reading::WorstWins), Medium);
    }
}
