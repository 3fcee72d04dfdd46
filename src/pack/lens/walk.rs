//! The lens, its pillars and its questions, read into the draft pack.

use std::collections::HashSet;

use super::choice::append;
use super::import::version_from;
use super::json::{Node, Value};
use super::reader::{Importer, Missing};
use super::{Choice, Draft, DraftPillar, DraftQuestion, scorps_pillar_id};
use crate::pack::MAX_CHOICES;

pub(super) const LENS_KEYS: &[&str] = &[
    "schemaVersion",
    "name",
    "description",
    "pillars",
    "_version",
];
pub(super) const PILLAR_KEYS: &[&str] = &["id", "name", "questions"];
pub(super) const QUESTION_KEYS: &[&str] = &[
    "id",
    "title",
    "description",
    "helpfulResource",
    "choices",
    "riskRules",
    "url",
];
pub(super) const CHOICE_KEYS: &[&str] = &[
    "id",
    "title",
    "description",
    "helpfulResource",
    "improvementPlan",
    "additionalResources",
];
pub(super) const RESOURCE_KEYS: &[&str] = &["displayText", "url"];
pub(super) const ADDITIONAL_KEYS: &[&str] = &["type", "content"];
pub(super) const RULE_KEYS: &[&str] = &["condition", "risk"];

impl Importer<'_> {
    pub(super) fn lens(&mut self, root: &Node, id: String) -> Option<Draft> {
        let f = self.fields(root, "", "a lens", LENS_KEYS)?;
        match f.get("schemaVersion").map(|n| &n.value) {
            Some(Value::String(v)) if v == "2021-11-01" => {}
            Some(_) => self.warn(
                f.key_pos("schemaVersion"),
                "",
                "`schemaVersion` is not \"2021-11-01\"; the lens is read as that version",
                "",
            ),
            None => self.warn(
                root.pos,
                "",
                "the lens has no `schemaVersion`; it is read as \"2021-11-01\"",
                "add \"schemaVersion\": \"2021-11-01\"",
            ),
        }
        let mut version = "1.0.0".to_string();
        if let Some(node) = f.get("_version") {
            match &node.value {
                Value::String(v) | Value::Number(v) => match version_from(v) {
                    Some(v) => version = v,
                    None => self.warn(
                        node.pos,
                        "",
                        format!(
                            "`_version` \"{v}\" is not a version number; the pack version is 1.0.0"
                        ),
                        "",
                    ),
                },
                other => self.warn(
                    node.pos,
                    "",
                    format!("`_version` is {}; the pack version is 1.0.0", other.kind()),
                    "",
                ),
            }
            self.warn(f.key_pos("_version"), "", format!("`_version` is not part of the AWS lens format; it gives the pack version {version}"), "");
        }
        let name = self.text(&f, "name", "", Missing::Id(&id));
        let description = self.text(&f, "description", "", Missing::Empty);
        let pillars = self.list(&f, "pillars", "").unwrap_or_default();
        if pillars.is_empty() {
            self.fail(
                f.get("pillars").map_or(root.pos, |n| n.pos),
                "",
                "the lens has no pillars",
                "a lens needs `pillars`, each with `questions`",
            );
            return None;
        }
        let mut seen_pillars: Vec<(String, String)> = Vec::new();
        let mut seen_questions = HashSet::new();
        let mut out = Vec::new();
        for node in pillars {
            let Some(p) = self.pillar(node, &mut seen_questions) else {
                continue;
            };
            let aws = p.1;
            let p = p.0;
            if let Some((_, other)) = seen_pillars.iter().find(|(id, _)| *id == p.id) {
                self.fail(
                    node.pos,
                    &format!("pillar `{aws}`"),
                    format!(
                        "pillar `{aws}` becomes `{}`, like pillar `{other}` before it",
                        p.id
                    ),
                    "merge the two pillars or rename one",
                );
                continue;
            }
            seen_pillars.push((p.id.clone(), aws));
            if !p.questions.is_empty() {
                out.push(p);
            }
        }
        if out.is_empty() && self.errors.is_empty() {
            self.fail(
                f.get("pillars").map_or(root.pos, |n| n.pos),
                "",
                "the lens has no questions",
                "a lens needs `pillars`, each with `questions`",
            );
        }
        Some(Draft {
            id,
            name,
            version,
            description,
            pillars: out,
        })
    }

    /// A pillar and its AWS id.
    pub(super) fn pillar(
        &mut self,
        node: &Node,
        seen_questions: &mut HashSet<String>,
    ) -> Option<(DraftPillar, String)> {
        let f = self.fields(node, "", "a pillar", PILLAR_KEYS)?;
        let (aws, _) = self.id(&f, "", "pillar")?;
        let ctx = format!("pillar `{aws}`");
        let name = self.text(&f, "name", &ctx, Missing::Id(&aws));
        let questions = self.list(&f, "questions", &ctx).unwrap_or_default();
        if questions.is_empty() {
            self.warn(
                f.pos,
                &ctx,
                "the pillar has no questions; it is left out",
                "add questions or remove the pillar",
            );
        }
        let mut out = Vec::new();
        for q in questions {
            if let Some(q) = self.question(q, seen_questions) {
                out.push(q);
            }
        }
        Some((
            DraftPillar {
                id: scorps_pillar_id(&aws),
                name,
                questions: out,
            },
            aws,
        ))
    }

    pub(super) fn question(
        &mut self,
        node: &Node,
        seen: &mut HashSet<String>,
    ) -> Option<DraftQuestion> {
        let f = self.fields(node, "", "a question", QUESTION_KEYS)?;
        let (id, pos) = self.id(&f, "", "question")?;
        let ctx = format!("question `{id}`");
        if !seen.insert(id.clone()) {
            self.fail(
                pos,
                &ctx,
                format!("question `{id}` is defined twice in the lens"),
                "question ids must be unique within a lens; rename one",
            );
        }
        let title = self.text(&f, "title", &ctx, Missing::Id(&id));
        let mut why = self.text(&f, "description", &ctx, Missing::Empty);
        let mut more = None;
        if let Some(node) = f.get("helpfulResource")
            && let Some(r) = self.fields(node, &ctx, "a helpful resource", RESOURCE_KEYS)
        {
            append(&mut why, self.text(&r, "displayText", &ctx, Missing::Empty));
            more = self.url(&r, &ctx);
        }
        if f.get("url").is_some() {
            self.warn(f.key_pos("url"), &ctx, "`url` is not a key of an AWS question; it is read as the question's helpful resource link", "move it into \"helpfulResource\": {\"displayText\": …, \"url\": …}");
            more = more.or_else(|| self.url(&f, &ctx));
        }
        if let Some(url) = more {
            append(&mut why, format!("More: {url}"));
        }
        let items = self.list(&f, "choices", &ctx).unwrap_or_default();
        if items.is_empty() {
            self.fail(
                pos,
                &ctx,
                "the question has no choices",
                "add the best practices the squad can select",
            );
            return None;
        }
        if items.len() > MAX_CHOICES {
            self.fail(
                pos,
                &ctx,
                format!(
                    "the question has {} choices; scorps allows {MAX_CHOICES} (AWS allows 15)",
                    items.len()
                ),
                "split the question in two",
            );
            return None;
        }
        let mut choices: Vec<Choice> = items.iter().filter_map(|c| self.choice(c, &id)).collect();
        let mut ids = HashSet::new();
        for c in &choices {
            if !ids.insert(c.id.clone()) {
                self.fail(
                    c.pos,
                    &ctx,
                    format!("choice `{}` is defined twice in the question", c.id),
                    "give every choice in a question its own id",
                );
            }
        }
        self.mark_none(&mut choices, &ctx);
        if choices.iter().all(|c| c.none) {
            self.fail(
                pos,
                &ctx,
                "the question has no practices, only \"None of these\"",
                "add the best practices the squad can select",
            );
        }
        let (rules, default, default_pos) = self.rules(&f, &ctx, &choices);
        Some(DraftQuestion {
            id,
            title,
            why,
            choices,
            rules,
            default,
            default_pos,
            pos,
        })
    }
}
