//! Reading packs: YAML text → [`raw`](super::raw) types → validated [`Pack`]; and discovery of
//! every pack a run can see.
//!
//! Discovery order, later wins on the same id and says so: built-ins → `<data dir>/packs/` →
//! `./.scorps/packs/` → each `--pack PATH` (a file or a folder; an AWS lens `.json` is imported
//! in memory).

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_saphyr::{Budget, Options, Spanned};
use sha2::{Digest, Sha256};

use super::diagnose;
use super::error::{PackError, Pos};
use super::raw::{RawChoice, RawIfMissing, RawLevel, RawPack, RawQuestion, RawRule};
use super::rule::{self, Compiled};
use super::{
    Choice, Link, MAX_CHOICES, MissingRisk, Pack, Pillar, Question, Risk, RiskRules, Rule, Source,
    builtin, lens,
};

/// The largest pack file read, in bytes (the largest real AWS lens is about 0.2 MiB).
pub const MAX_PACK_BYTES: usize = 8 * 1024 * 1024;

/// One or more problems that stopped a pack from loading.
#[derive(Debug, Clone)]
pub struct PackErrors(pub Vec<PackError>);

impl PackErrors {
    pub fn one(error: PackError) -> PackErrors {
        PackErrors(vec![error])
    }

    /// Every error with its snippet and help, for a terminal.
    pub fn report(&self) -> String {
        self.0
            .iter()
            .map(PackError::report)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for PackErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for PackErrors {}

impl From<PackError> for PackErrors {
    fn from(e: PackError) -> Self {
        PackErrors::one(e)
    }
}

pub(crate) fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

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

/// Reads a pack file from disk: YAML, or an AWS custom lens when it ends in `.json`.
///
/// Returns the pack and the warnings met on the way (a lens import reports its quirks).
pub fn load_file(path: &Path) -> Result<(Pack, Vec<PackError>), PackErrors> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        PackError::new(&name, Pos::default(), format!("cannot read the pack: {e}"))
            .help("check the path; --pack takes a pack file or a folder of them")
    })?;
    if meta.len() > MAX_PACK_BYTES as u64 {
        return Err(too_large(&name, meta.len()).into());
    }
    let bytes = read_bounded(path)
        .map_err(|e| PackError::new(&name, Pos::default(), format!("cannot read the pack: {e}")))?;
    if bytes.len() > MAX_PACK_BYTES {
        return Err(too_large(&name, bytes.len() as u64).into());
    }
    let source = Source::File(path.to_path_buf());
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return lens::import_bytes(&name, &bytes, source);
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| not_utf8(&name, e.as_bytes(), e.utf8_error().valid_up_to()))?;
    load_str(&name, &text, source).map(|p| (p, Vec::new()))
}

/// Reads at most one byte more than a pack may have: the size on disk can lie (a pipe, a device,
/// a file that grows while it is read).
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_PACK_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Points at the first byte that is not UTF-8, and shows it.
fn not_utf8(name: &str, bytes: &[u8], valid_up_to: usize) -> PackErrors {
    let before = &bytes[..valid_up_to];
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    // The part of the line before the bad byte is valid UTF-8; columns count characters.
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    let byte = bytes.get(valid_up_to).copied().unwrap_or_default();
    PackError::new(
        name,
        Pos::new(line as u64, col as u64),
        format!("the file is not UTF-8 text: byte `0x{byte:02X}` is not valid UTF-8"),
    )
    .help("save the pack as UTF-8 (most editors offer it under \"encoding\")")
    .into()
}

fn too_large(name: &str, len: u64) -> PackError {
    PackError::new(
        name,
        Pos::default(),
        format!(
            "the file is {len} bytes ({:.1} MiB); packs are limited to 8 MiB ({MAX_PACK_BYTES} bytes)",
            len as f64 / (1024.0 * 1024.0)
        ),
    )
    .help("split the pack into several files, one per pillar")
}

/// Parses and validates one pack from YAML text. `name` is how errors refer to the file.
pub fn load_str(name: &str, text: &str, source: Source) -> Result<Pack, PackErrors> {
    if text.len() > MAX_PACK_BYTES {
        return Err(too_large(name, text.len() as u64).into());
    }
    let src: Arc<str> = Arc::from(text);
    let raw: RawPack = serde_saphyr::from_str_with_options(text, yaml_options()).map_err(|e| {
        PackErrors::one(diagnose::yaml_error(name, text, &e).with_source(src.clone()))
    })?;
    let mut v = Validator {
        file: name,
        errors: Vec::new(),
    };
    let pack = v.pack(raw, source, sha256(text.as_bytes()));
    if v.errors.is_empty() {
        Ok(pack)
    } else {
        Err(PackErrors(
            v.errors
                .into_iter()
                .map(|e| e.with_source(src.clone()))
                .collect(),
        ))
    }
}

fn pos_of<T>(s: &Spanned<T>) -> Pos {
    Pos::new(s.referenced.line(), s.referenced.column())
}

pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 128 && id.chars().all(rule::is_id_char)
}

pub(crate) fn valid_pack_id(id: &str) -> bool {
    valid_id(id)
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

pub(crate) fn valid_version(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// Whether a reference is `scheme:area`; the error says what is wrong with it.
pub(crate) fn check_ref(text: &str) -> Result<(), String> {
    let Some((scheme, area)) = text.split_once(':') else {
        return Err("has no scheme: write it as `scheme:area`".into());
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_lowercase())
        && scheme
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !scheme_ok {
        return Err(format!(
            "has the scheme `{scheme}`; a scheme is lowercase letters, digits and '-'"
        ));
    }
    if area.is_empty() {
        return Err("has nothing after the colon".into());
    }
    if let Some(c) = area
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "._/:-".contains(*c)))
    {
        return Err(format!(
            "has `{}` in its area; an area is letters, digits and . _ / : -",
            c.escape_default()
        ));
    }
    Ok(())
}

struct Validator<'a> {
    file: &'a str,
    errors: Vec<PackError>,
}

impl Validator<'_> {
    fn error(&mut self, pos: Pos, context: String, message: String, help: &str) {
        self.errors.push(
            PackError::new(self.file, pos, message)
                .context(context)
                .help(help),
        );
    }

    fn pack(&mut self, raw: RawPack, source: Source, digest: String) -> Pack {
        if raw.schema.value != 1 {
            self.error(
                pos_of(&raw.schema),
                String::new(),
                format!(
                    "unsupported pack schema {}; this scorps reads schema 1",
                    raw.schema.value
                ),
                "write `schema: 1`, or upgrade scorps",
            );
        }
        let id = raw.id.value.clone();
        if !valid_pack_id(&id) {
            self.error(
                pos_of(&raw.id),
                String::new(),
                format!("invalid pack id `{id}`"),
                "use lowercase letters, digits and '-', e.g. `payments-security`",
            );
        }
        if !valid_version(&raw.version.value) {
            self.error(
                pos_of(&raw.version),
                format!("pack `{id}`"),
                format!("version `{}` is not a semantic version", raw.version.value),
                "write it as MAJOR.MINOR.PATCH, e.g. 1.0.0",
            );
        }
        if raw.name.trim().is_empty() {
            self.error(
                pos_of(&raw.id),
                format!("pack `{id}`"),
                "the pack has no name".into(),
                "add `name:`",
            );
        }
        if raw.pillars.is_empty() {
            self.error(
                pos_of(&raw.id),
                format!("pack `{id}`"),
                "the pack has no pillars".into(),
                "add at least one pillar with questions",
            );
        }
        let mut pillar_ids = HashSet::new();
        let mut question_ids = HashSet::new();
        let mut pillars = Vec::new();
        for rp in raw.pillars {
            let pid = rp.id.value.clone();
            let ctx = format!("pack `{id}`, pillar `{pid}`");
            if !valid_id(&pid) {
                self.error(
                    pos_of(&rp.id),
                    ctx.clone(),
                    format!("invalid pillar id `{pid}`"),
                    "use letters, digits, '_' and '-' (e.g. `security`)",
                );
            } else if !pillar_ids.insert(pid.clone()) {
                self.error(
                    pos_of(&rp.id),
                    ctx.clone(),
                    format!("pillar `{pid}` is defined twice"),
                    "merge the two pillars or rename one",
                );
            }
            if rp.questions.is_empty() {
                self.error(
                    pos_of(&rp.id),
                    ctx.clone(),
                    "the pillar has no questions".into(),
                    "add questions or remove the pillar",
                );
            }
            let mut questions = Vec::new();
            for rq in rp.questions {
                let qid = rq.id.value.clone();
                if valid_id(&qid) && !question_ids.insert(qid.clone()) {
                    self.error(
                        pos_of(&rq.id),
                        format!("pack `{id}`, question `{qid}`"),
                        format!("question `{qid}` is defined twice in the pack"),
                        "question ids must be unique within a pack; rename one (reviews refer to ids, so keep the older one)",
                    );
                }
                questions.push(self.question(&id, rq));
            }
            pillars.push(Pillar {
                id: pid,
                name: rp.name,
                questions,
            });
        }
        Pack {
            id,
            name: raw.name,
            version: raw.version.value,
            description: raw.description,
            pillars,
            source,
            digest,
        }
    }

    fn question(&mut self, pack: &str, rq: RawQuestion) -> Question {
        let qid = rq.id.value.clone();
        let qpos = pos_of(&rq.id);
        let ctx = format!("question `{qid}`");
        if !valid_id(&qid) {
            self.error(
                qpos,
                format!("pack `{pack}`"),
                format!("invalid question id `{qid}`"),
                "use letters, digits, '_' and '-', e.g. `backup-restore`",
            );
        }
        if rq.title.trim().is_empty() {
            self.error(
                qpos,
                ctx.clone(),
                "the question has no title".into(),
                "add `title:` with the question as the squad should hear it",
            );
        }
        if rq.choices.is_empty() {
            self.error(
                qpos,
                ctx.clone(),
                "the question has no choices".into(),
                "add the practices the squad can tick, and a `none: true` choice",
            );
        } else if rq.choices.len() > MAX_CHOICES {
            self.error(
                qpos,
                ctx.clone(),
                format!(
                    "the question has {} choices; at most {MAX_CHOICES} are allowed",
                    rq.choices.len()
                ),
                "split it into two questions",
            );
        }
        let choices: Vec<Choice> = rq
            .choices
            .into_iter()
            .map(|c| self.choice(&qid, c))
            .collect::<Vec<_>>();
        let mut seen = HashSet::new();
        for c in &choices {
            if !seen.insert(c.id.as_str()) {
                self.error(
                    c.pos,
                    format!("{ctx}, choice `{}`", c.id),
                    format!("choice `{}` is defined twice", c.id),
                    "give every choice in a question its own id",
                );
            }
        }
        let nones: Vec<&Choice> = choices.iter().filter(|c| c.none).collect();
        if nones.len() > 1 {
            self.error(
                nones[1].pos,
                format!("{ctx}, choice `{}`", nones[1].id),
                "more than one choice has `none: true`".into(),
                "keep a single \"None of these\" choice",
            );
        }
        if !choices.is_empty() && choices.iter().all(|c| c.none) {
            self.error(
                qpos,
                ctx.clone(),
                "the question has no practices, only \"None of these\"".into(),
                "add the practices the squad can tick",
            );
        }
        let risk = match rq.risk {
            None if choices.iter().any(|c| c.if_missing.is_some()) => RiskRules::IfMissing,
            None => RiskRules::Thresholds,
            Some(rules) => self.rules(&ctx, pos_of(&rules), rules.value, &choices),
        };
        let short = rq.short.map(|short| {
            let text = short.value.trim();
            if text.is_empty() || text.contains('\n') {
                self.error(
                    pos_of(&short),
                    ctx.clone(),
                    "`short` must be a few words on one line".into(),
                    "write a label of a few words, e.g. `short: Restore drills`, or remove `short:` to use the question id",
                );
            }
            text.to_string()
        });
        let refs = rq
            .refs
            .iter()
            .map(|r| {
                let text = r.value.trim();
                if let Err(problem) = check_ref(text) {
                    self.error(
                        pos_of(r),
                        ctx.clone(),
                        format!("reference `{text}` {problem}"),
                        "write `scheme:area`: a lowercase scheme, a colon, then the area, e.g. `aws:REL09`, `dora:trunk-based`, `azure:RE:05`",
                    );
                }
                text.to_string()
            })
            .collect();
        Question {
            id: qid,
            title: rq.title,
            short,
            why: rq.why,
            refs,
            choices,
            risk,
            pos: qpos,
        }
    }

    fn choice(&mut self, qid: &str, rc: RawChoice) -> Choice {
        let cid = rc.id.value.clone();
        let pos = pos_of(&rc.id);
        let ctx = format!("question `{qid}`, choice `{cid}`");
        if !valid_id(&cid) {
            self.error(
                pos,
                format!("question `{qid}`"),
                format!("invalid choice id `{cid}`"),
                "use letters, digits, '_' and '-', e.g. `mfa`",
            );
        }
        if rc.title.trim().is_empty() {
            self.error(
                pos,
                ctx.clone(),
                "the choice has no title".into(),
                "add `title:` saying the practice in a few words",
            );
        }
        let mut links = Vec::new();
        for l in rc.links {
            let url = l.url.value.trim().to_string();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                self.error(
                    pos_of(&l.url),
                    ctx.clone(),
                    format!("link `{url}` is not an http(s) address"),
                    "links must start with https:// or http://",
                );
            }
            links.push(Link {
                title: l.title,
                url,
            });
        }
        let if_missing = rc.if_missing.map(|level| {
            if rc.none {
                self.error(
                    pos_of(&level),
                    ctx.clone(),
                    "\"None of these\" cannot have `if_missing`: it is not a practice".into(),
                    "remove `if_missing` from the `none: true` choice; give it to the practices",
                );
            }
            match level.value {
                RawIfMissing::Low => MissingRisk::Low,
                RawIfMissing::Medium => MissingRisk::Medium,
                RawIfMissing::High => MissingRisk::High,
            }
        });
        if rc.none && !rc.evidence.trim().is_empty() {
            self.error(
                pos,
                ctx.clone(),
                "\"None of these\" cannot have `evidence`: there is nothing to prove".into(),
                "remove `evidence` from the `none: true` choice; give it to the practices",
            );
        }
        Choice {
            id: cid,
            title: rc.title,
            help: rc.help,
            improve: rc.improve,
            evidence: rc.evidence,
            links,
            none: rc.none,
            if_missing: if_missing.filter(|_| !rc.none),
            pos,
        }
    }

    fn rules(&mut self, ctx: &str, block: Pos, raw: Vec<RawRule>, choices: &[Choice]) -> RiskRules {
        if raw.is_empty() {
            self.error(
                block,
                ctx.to_string(),
                "`risk` has no rules".into(),
                "add rules and a `default:`, or remove `risk` to use the built-in thresholds",
            );
        }
        let count = raw.len();
        let mut rules = Vec::new();
        let mut default = None;
        for (i, r) in raw.into_iter().enumerate() {
            let (level, cond) = match r {
                RawRule::Default(level) => {
                    if i + 1 != count {
                        self.error(
                            pos_of(&level),
                            ctx.to_string(),
                            "`default` must be the last risk rule".into(),
                            "move `default:` to the end: rules after it could never apply",
                        );
                    }
                    let risk = match level.value {
                        RawLevel::None => Risk::None,
                        RawLevel::Medium => Risk::Medium,
                        RawLevel::High => Risk::High,
                    };
                    default = Some((risk, pos_of(&level)));
                    continue;
                }
                RawRule::None(c) => (Risk::None, c),
                RawRule::Medium(c) => (Risk::Medium, c),
                RawRule::High(c) => (Risk::High, c),
            };
            let pos = pos_of(&cond);
            let expr = match rule::parse(&cond.value) {
                Ok(expr) => expr,
                Err(e) => {
                    let at = Pos {
                        line: pos.line,
                        col: pos.col + e.offset as u32,
                    };
                    self.error(
                        at,
                        ctx.to_string(),
                        format!("invalid condition `{}`: {}", cond.value, e.message),
                        "conditions combine choice ids with `!`, `&&`, `||` and parentheses",
                    );
                    continue;
                }
            };
            let terms = expr.names().len();
            if terms > rule::MAX_CONDITION_TERMS {
                self.error(
                    pos,
                    ctx.to_string(),
                    format!(
                        "the condition names choices {terms} times; a condition may name at most {}",
                        rule::MAX_CONDITION_TERMS
                    ),
                    "keep a condition to the practices that decide its level; `if_missing` levels or a few short rules say the same more plainly",
                );
                continue;
            }
            let index = |name: &str| choices.iter().position(|c| c.id == name).map(|i| i as u32);
            match Compiled::new(&expr, &index) {
                Ok(compiled) => rules.push(Rule {
                    level,
                    condition: expr,
                    compiled,
                    pos,
                }),
                Err(unknown) => {
                    let known: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
                    let at = name_offset(&cond.value, &unknown).map_or(pos, |o| Pos {
                        line: pos.line,
                        col: pos.col + o as u32,
                    });
                    self.error(
                        at,
                        ctx.to_string(),
                        format!("the condition `{}` names `{unknown}`, which is not a choice of this question", cond.value),
                        &format!("use one of: {}", known.join(", ")),
                    );
                }
            }
        }
        let (default, default_pos) = match default {
            Some((risk, pos)) => (risk, Some(pos)),
            None => (Risk::High, None),
        };
        RiskRules::Ordered {
            rules,
            default,
            default_pos,
        }
    }
}

/// Where `name` first appears as a whole choice id in a condition, in characters.
fn name_offset(condition: &str, name: &str) -> Option<usize> {
    let chars: Vec<char> = condition.chars().collect();
    let name: Vec<char> = name.chars().collect();
    (0..chars.len()).find(|&i| {
        chars[i..].starts_with(&name)
            && (i == 0 || !rule::is_id_char(chars[i - 1]))
            && chars
                .get(i + name.len())
                .is_none_or(|c| !rule::is_id_char(*c))
    })
}

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
    pub fn add_path(&mut self, origin: Origin, path: &Path) -> Result<(), PackErrors> {
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
    pub fn add(&mut self, origin: Origin, pack: Pack) {
        if let Some(slot) = self.entries.iter_mut().find(|(_, p)| p.id == pack.id) {
            self.overrides.push(Override {
                id: pack.id.clone(),
                winner: pack.source.clone(),
                loser: slot.1.source.clone(),
            });
            *slot = (origin, pack);
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
    fn an_unknown_name_in_a_condition_is_found_as_a_whole_id() {
        assert_eq!(name_offset("mfa-admins || mfa", "mfa"), Some(14));
        assert_eq!(name_offset("a && passkeys", "passkeys"), Some(5));
        assert_eq!(name_offset("ab", "a"), None);
    }

    #[test]
    fn folders_hold_packs_and_lenses_but_not_schemas() {
        assert!(is_pack_file(Path::new("p/security.yaml")));
        assert!(is_pack_file(Path::new("p/custom.YML")));
        assert!(is_pack_file(Path::new("p/lens.json")));
        assert!(!is_pack_file(Path::new("p/scorps-pack.schema.json")));
        assert!(!is_pack_file(Path::new("p/README.md")));
    }

    #[test]
    fn files_over_the_limit_are_refused_before_parsing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        std::fs::write(&path, vec![b'#'; MAX_PACK_BYTES + 1]).unwrap();
        let err = load_file(&path).unwrap_err().to_string();
        assert!(
            err.contains("8388609 bytes") && err.contains("limited to 8 MiB"),
            "{err}"
        );
        std::fs::write(&path, [b"schema: 1\n".as_slice(), &[0xC3, 0x28]].concat()).unwrap();
        let err = load_file(&path).unwrap_err().to_string();
        assert!(
            err.ends_with(":2:1: the file is not UTF-8 text: byte `0xC3` is not valid UTF-8"),
            "{err}"
        );
    }

    #[test]
    fn columns_count_characters_before_a_bad_byte() {
        let err = not_utf8("f.yaml", "name: Café ".as_bytes(), "name: Café ".len()).to_string();
        assert!(err.contains("f.yaml:1:12:"), "{err}");
    }
}
