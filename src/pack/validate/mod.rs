//! Validation: the raw pack as written → the validated model, or every mistake in it.
//!
//! This is where the rules that serde cannot express are checked: ids well formed and unique,
//! titles not blank, at most one "None of these", `if_missing` and `evidence` only on practices,
//! references shaped `scheme:area`, and risk conditions that parse, stay short and name choices
//! of their question ([`rules`]). All mistakes are collected, so an author fixes a file in one go.

mod choice;
mod rules;

use std::collections::HashSet;

use serde_saphyr::Spanned;

use super::error::{PackError, Pos};
use super::raw::{RawPack, RawQuestion};
use super::rule;
use super::{Choice, MAX_CHOICES, Pack, Pillar, Question, RiskRules, Source};

/// Validates a raw pack read from `file`; `digest` is the file's `sha256:` digest.
pub(crate) fn pack(
    file: &str,
    raw: RawPack,
    source: Source,
    digest: String,
) -> Result<Pack, Vec<PackError>> {
    let mut v = Validator {
        file,
        errors: Vec::new(),
    };
    let pack = v.pack(raw, source, digest);
    if v.errors.is_empty() {
        Ok(pack)
    } else {
        Err(v.errors)
    }
}

pub(super) fn pos_of<T>(s: &Spanned<T>) -> Pos {
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

pub(super) struct Validator<'a> {
    file: &'a str,
    errors: Vec<PackError>,
}

impl Validator<'_> {
    pub(super) fn error(&mut self, pos: Pos, context: String, message: String, help: &str) {
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
}
