//! [`Pack`] → AWS custom lens JSON that the AWS tool accepts and that means the same.
//!
//! AWS is stricter than the pack format: ids are 3–128 of `[A-Za-z0-9_]`, "None of these" is the
//! choice whose id ends in `_no`, text has length limits, and a question has at most three risk
//! rules. Ids are converted (with a warning, and the same way in every condition), text is
//! shortened with a warning, and structure that cannot fit (too many pillars, questions or
//! choices) is an error that says which limit. Conditions come from [`synth`](super::synth) and
//! are checked here by evaluating every selection under both readings of AWS rules.

use std::collections::HashSet;

use super::format::*;
use super::synth::plan;
use super::{aws_choice_id, aws_id, aws_pillar_id};
use crate::pack::load::PackErrors;
use crate::pack::{Choice, Pack, PackError, Pos, Question};

/// A lens written from a pack, and what had to change to fit AWS's rules.
#[derive(Debug, Clone)]
pub struct Exported {
    pub json: String,
    pub warnings: Vec<PackError>,
}

/// Writes `pack` as an AWS custom lens (pretty JSON).
pub fn export(pack: &Pack) -> Result<Exported, PackErrors> {
    let mut ex = Exporter {
        file: pack.source.to_string(),
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    let lens = ex.lens(pack);
    if !ex.errors.is_empty() {
        return Err(PackErrors(ex.errors));
    }
    let mut json = serde_json::to_string_pretty(&lens)
        .map_err(|e| PackError::new(&ex.file, Pos::default(), e.to_string()))?;
    json.push('\n');
    ex.warnings.sort_by_key(|w| w.pos);
    Ok(Exported {
        json,
        warnings: ex.warnings,
    })
}

struct Exporter {
    file: String,
    warnings: Vec<PackError>,
    errors: Vec<PackError>,
}

impl Exporter {
    fn warn(&mut self, pos: Pos, ctx: &str, message: String) {
        self.warnings
            .push(PackError::warning(&self.file, pos, message).context(ctx));
    }

    fn fail(&mut self, pos: Pos, ctx: &str, message: String, help: &str) {
        self.errors.push(
            PackError::new(&self.file, pos, message)
                .context(ctx)
                .help(help),
        );
    }

    /// `text` cut to `max` characters (at a word where one is near), with a warning.
    fn fit(&mut self, text: &str, max: usize, pos: Pos, ctx: &str, what: &str) -> String {
        let n = text.chars().count();
        if n <= max {
            return text.to_string();
        }
        let cut: String = text.chars().take(max - 1).collect();
        let cut = match cut.rsplit_once(' ') {
            Some((head, _)) if head.chars().count() > max * 3 / 4 => head.to_string(),
            _ => cut,
        };
        self.warn(
            pos,
            ctx,
            format!("{what} has {n} characters; AWS allows {max}, so it is shortened"),
        );
        format!("{}…", cut.trim_end())
    }

    fn lens(&mut self, pack: &Pack) -> Lens {
        let ctx = format!("pack `{}`", pack.id);
        if pack.pillars.len() > MAX_PILLARS {
            self.fail(
                Pos::default(),
                &ctx,
                format!(
                    "the pack has {} pillars; an AWS lens allows {MAX_PILLARS}",
                    pack.pillars.len()
                ),
                "split the pack into several packs and export each",
            );
        }
        let name = self.fit(&pack.name, MAX_TITLE, Pos::default(), &ctx, "the pack name");
        let description = if pack.description.trim().is_empty() {
            pack.name.clone()
        } else {
            pack.description.clone()
        };
        let description = self.fit(
            &description,
            MAX_TEXT,
            Pos::default(),
            &ctx,
            "the pack description",
        );
        let mut seen_pillars = HashSet::new();
        let mut seen_questions = HashSet::new();
        let mut pillars = Vec::new();
        for p in &pack.pillars {
            let id = aws_pillar_id(&p.id);
            let pctx = format!("pillar `{}`", p.id);
            let pos = p.questions.first().map_or(Pos::default(), |q| q.pos);
            if id != p.id && !["operational-excellence", "cost"].contains(&p.id.as_str()) {
                self.warn(pos, &pctx, format!("pillar id `{}` is written as `{id}` (AWS ids are 3–128 letters, digits and '_')", p.id));
            }
            if !seen_pillars.insert(id.clone()) {
                self.fail(
                    pos,
                    &pctx,
                    format!("two pillars become `{id}` in AWS"),
                    "rename one of the pillars",
                );
            }
            if p.questions.len() > MAX_QUESTIONS {
                self.fail(
                    pos,
                    &pctx,
                    format!(
                        "the pillar has {} questions; AWS allows {MAX_QUESTIONS} per pillar",
                        p.questions.len()
                    ),
                    "move some questions to another pillar",
                );
            }
            let name = self.fit(&p.name, MAX_TITLE, pos, &pctx, "the pillar name");
            let questions = p
                .questions
                .iter()
                .filter_map(|q| self.question(q, &mut seen_questions))
                .collect();
            pillars.push(LensPillar {
                id,
                name,
                questions,
            });
        }
        Lens {
            schema_version: "2021-11-01",
            name,
            description,
            pillars,
        }
    }

    fn question(&mut self, q: &Question, seen: &mut HashSet<String>) -> Option<LensQuestion> {
        let ctx = format!("question `{}`", q.id);
        let id = aws_id(&q.id);
        if !seen.insert(id.clone()) {
            self.fail(
                q.pos,
                &ctx,
                format!("two questions become `{id}` in AWS"),
                "rename one of the questions",
            );
        }
        if q.choices.len() > MAX_CHOICES {
            self.fail(
                q.pos,
                &ctx,
                format!(
                    "the question has {} choices; AWS allows {MAX_CHOICES}",
                    q.choices.len()
                ),
                "split the question in two",
            );
            return None;
        }
        let names = self.choice_ids(q, &ctx)?;
        let renamed: Vec<String> = std::iter::once((&q.id, &id))
            .chain(q.choices.iter().map(|c| &c.id).zip(&names))
            .filter(|(from, to)| from != to)
            .map(|(from, to)| format!("`{from}` → `{to}`"))
            .collect();
        if !renamed.is_empty() {
            self.warn(q.pos, &ctx, format!("ids are renamed for AWS (3–128 letters, digits and '_'; only \"None of these\" ends in `_no`): {}", renamed.join(", ")));
        }
        let plan = plan(q, &names);
        let mut risk_rules: Vec<LensRule> = plan
            .rules
            .iter()
            .map(|(level, e)| LensRule {
                condition: e.to_string(),
                risk: aws_level(*level),
            })
            .collect();
        risk_rules.push(LensRule {
            condition: "default".into(),
            risk: aws_level(plan.default),
        });
        if let Err(message) = check(q, &names, &risk_rules) {
            self.internal(q, &ctx, message);
        }
        let choices = q
            .choices
            .iter()
            .zip(names)
            .map(|(c, id)| self.choice(c, id, &ctx))
            .collect();
        Some(LensQuestion {
            id,
            title: self.fit(&q.title, MAX_TITLE, q.pos, &ctx, "the title"),
            description: self.fit(&q.why, MAX_TEXT, q.pos, &ctx, "`why`"),
            choices,
            risk_rules,
        })
    }

    /// The AWS id of every choice: `-` → `_`, "None of these" ends in `_no` and nothing else does.
    fn choice_ids(&mut self, q: &Question, ctx: &str) -> Option<Vec<String>> {
        let mut names = Vec::new();
        for c in &q.choices {
            let id = aws_choice_id(&c.id, c.none);
            if id.chars().count() > 128 {
                self.fail(
                    c.pos,
                    ctx,
                    format!("choice id `{id}` is longer than AWS's 128 characters"),
                    "shorten the choice id",
                );
                return None;
            }
            if names.contains(&id) {
                self.fail(
                    c.pos,
                    ctx,
                    format!("two choices become `{id}` in AWS"),
                    "rename one of the choices",
                );
                return None;
            }
            names.push(id);
        }
        Some(names)
    }

    fn choice(&mut self, c: &Choice, id: String, qctx: &str) -> LensChoice {
        let ctx = format!("{qctx}, choice `{}`", c.id);
        let helpful_resource = (!c.help.trim().is_empty()).then(|| Resource {
            display_text: self.fit(&c.help, MAX_TEXT, c.pos, &ctx, "`help`"),
            url: None,
        });
        let improvement_plan = if c.none {
            None
        } else if c.improve.trim().is_empty() {
            self.warn(c.pos, &ctx, "the practice has no `improve` text; AWS requires an improvement plan, so its title is used".into());
            Some(Resource {
                display_text: c.title.clone(),
                url: None,
            })
        } else {
            Some(Resource {
                display_text: self.fit(&c.improve, MAX_TEXT, c.pos, &ctx, "`improve`"),
                url: None,
            })
        };
        if c.links.len() > MAX_LINKS {
            self.warn(
                c.pos,
                &ctx,
                format!(
                    "the choice has {} links; AWS takes {MAX_LINKS}, the rest are left out",
                    c.links.len()
                ),
            );
        }
        let content: Vec<Resource> = c
            .links
            .iter()
            .take(MAX_LINKS)
            .map(|l| {
                let text = if l.title.trim().is_empty() {
                    l.url.clone()
                } else {
                    l.title.clone()
                };
                Resource {
                    display_text: self.fit(&text, MAX_TEXT, c.pos, &ctx, "a link title"),
                    url: Some(l.url.clone()),
                }
            })
            .collect();
        let mut additional_resources = Vec::new();
        let mut chunks = content.into_iter();
        for kind in ["IMPROVEMENT_PLAN", "HELPFUL_RESOURCE"] {
            let chunk: Vec<Resource> = chunks.by_ref().take(5).collect();
            if !chunk.is_empty() {
                additional_resources.push(Additional {
                    kind,
                    content: chunk,
                });
            }
        }
        LensChoice {
            id,
            title: self.fit(&c.title, MAX_TITLE, c.pos, &ctx, "the title"),
            helpful_resource,
            improvement_plan,
            additional_resources,
        }
    }

    fn internal(&mut self, q: &Question, ctx: &str, message: String) {
        self.fail(
            q.pos,
            ctx,
            format!("internal error in `lens export`: {message}"),
            "please report this with the pack",
        );
    }
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
