//! The pack file as written: serde types that mirror the YAML one to one.
//!
//! Unknown fields are refused here (`deny_unknown_fields`), and ids keep their source position
//! (`Spanned`) so that validation can point at them. The JSON Schema that editors use is
//! generated from these types, so the schema and the parser cannot drift apart. The bounds YAML is
//! read with and the file digest live here too, because `build.rs` reads the built-in packs with
//! this same file.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::{Budget, Options, Spanned};
use sha2::{Digest, Sha256};

/// The largest pack file read, in bytes (the largest real AWS lens is about 0.2 MiB).
pub(crate) const MAX_PACK_BYTES: usize = 8 * 1024 * 1024;

/// Bounds that stop an alias bomb or runaway nesting long before it costs memory or time.
pub(crate) fn yaml_options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = 48;
    budget.max_aliases = 2_000;
    budget.max_anchors = 2_000;
    budget.max_nodes = 2_000_000;
    budget.max_events = 4_000_000;
    budget.max_total_scalar_bytes = 4 * MAX_PACK_BYTES;
    let mut options = Options::default();
    options.budget = Some(budget);
    // Packs use no YAML tags, and ignoring one hides a mistake: in `- high: !mfa && sso` YAML
    // reads `!mfa` as a tag, and the condition would silently become `sso`.
    options.reject_unsupported_tags = true;
    options.alias_limits.max_total_replayed_events = 200_000;
    options.alias_limits.max_alias_expansions_per_anchor = 1_000;
    options
}

/// The digest a review records to notice a changed pack: `sha256:` and the hex of the file's bytes.
pub(crate) fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// A scorps question pack.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "scorps question pack")]
pub(crate) struct RawPack {
    /// Pack format version; always 1.
    #[schemars(with = "u32", range(min = 1, max = 1))]
    pub schema: Spanned<u32>,
    /// Pack id: lowercase letters, digits and '-', unique among loaded packs.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: Spanned<String>,
    pub name: String,
    /// Semantic version of the content, e.g. 1.2.0.
    #[schemars(with = "String", regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+([-+].*)?$"))]
    pub version: Spanned<String>,
    #[serde(default)]
    pub description: String,
    #[schemars(length(min = 1))]
    pub pillars: Vec<RawPillar>,
}

/// A pillar: security, cost, operational-excellence, reliability, performance, sustainability, or
/// a custom id.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPillar {
    #[schemars(with = "String", regex(pattern = r"^[A-Za-z0-9_-]+$"))]
    pub id: Spanned<String>,
    pub name: String,
    #[schemars(length(min = 1))]
    pub questions: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuestion {
    /// Unique within the pack and stable forever: reviews refer to it.
    #[schemars(with = "String", regex(pattern = r"^[A-Za-z0-9_-]+$"))]
    pub id: Spanned<String>,
    pub title: String,
    /// A label of a few words (24 characters or fewer) for narrow places: the review navigator,
    /// reports. The question id is used when it is left out.
    #[serde(default)]
    #[schemars(with = "Option<String>", length(min = 1))]
    pub short: Option<Spanned<String>>,
    /// Why it matters: shown beside the question and in the backlog.
    #[serde(default)]
    pub why: String,
    /// What the question covers in other frameworks, as `scheme:area`: a lowercase scheme, a
    /// colon, then the area, e.g. `aws:REL09`, `dora:trunk-based`, `azure:RE:05`.
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        inner(regex(pattern = r"^[a-z][a-z0-9-]*:[A-Za-z0-9._/:-]+$"))
    )]
    pub refs: Vec<Spanned<String>>,
    #[schemars(length(min = 1, max = 20))]
    pub choices: Vec<RawChoice>,
    /// Checked top to bottom; the first rule that holds decides. Without it: all practices →
    /// none, at least half → medium, else high.
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawRule>>")]
    pub risk: Option<Spanned<Vec<RawRule>>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChoice {
    /// Letters, digits, '_' and '-'; unique within the question.
    #[schemars(with = "String", regex(pattern = r"^[A-Za-z0-9_-]+$"))]
    pub id: Spanned<String>,
    pub title: String,
    /// What doing this looks like.
    #[serde(default)]
    pub help: String,
    /// What to do next when it is missing (expected on every practice).
    #[serde(default)]
    pub improve: String,
    /// What proof shows the practice is in place, e.g. "the last restore test's log".
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub links: Vec<RawLink>,
    /// "None of these": exclusive with every other choice.
    #[serde(default)]
    pub none: bool,
    /// The risk a workload runs when this practice is not in place. A question without `risk`
    /// rules takes the worst level among its missing practices (low adds no risk). Not allowed on
    /// the "None of these" choice.
    #[serde(default)]
    #[schemars(with = "Option<RawIfMissing>")]
    pub if_missing: Option<Spanned<RawIfMissing>>,
}

/// How much risk a missing practice carries.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawIfMissing {
    Low,
    Medium,
    High,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLink {
    pub title: String,
    #[schemars(with = "String", regex(pattern = r"^https?://"))]
    pub url: Spanned<String>,
}

/// One risk rule: a level and the condition (over choice ids, with `!`, `&&`, `||`, parentheses)
/// under which it applies; or the default level.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub(crate) enum RawRule {
    None(#[schemars(with = "String")] Spanned<String>),
    Medium(#[schemars(with = "String")] Spanned<String>),
    High(#[schemars(with = "String")] Spanned<String>),
    Default(#[schemars(with = "RawLevel")] Spanned<RawLevel>),
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawLevel {
    None,
    Medium,
    High,
}

/// The JSON Schema of the pack format, pretty-printed.
pub fn schema_json() -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&schemars::schema_for!(RawPack))
}
