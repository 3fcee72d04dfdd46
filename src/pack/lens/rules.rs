//! Risk rules: levels, conditions checked against the question's choices, the default.

use super::json::Value;
use super::reader::{Fields, Importer};
use super::walk::RULE_KEYS;
use super::{Choice, DraftRule, READING, Reading};
use crate::pack::rule::{self, Compiled};
use crate::pack::{Pos, Risk};

impl Importer<'_> {
    pub(super) fn rules(
        &mut self,
        f: &Fields,
        ctx: &str,
        choices: &[Choice],
    ) -> (Vec<DraftRule>, Risk, Pos) {
        let block = f.get("riskRules").map_or(f.pos, |n| n.pos);
        let items = self.list(f, "riskRules", ctx).unwrap_or_default();
        let mut rules = Vec::new();
        let mut default: Option<(Risk, Pos)> = None;
        for (i, node) in items.iter().enumerate() {
            let Some(r) = self.fields(node, ctx, "a risk rule", RULE_KEYS) else {
                continue;
            };
            let Some(level) = self.level(&r, ctx) else {
                continue;
            };
            let Some(cnode) = r.get("condition") else {
                self.fail(
                    r.pos,
                    ctx,
                    "the risk rule has no `condition`",
                    "write a condition over choice ids, or \"default\"",
                );
                continue;
            };
            let Value::String(cond) = &cnode.value else {
                self.fail(
                    cnode.pos,
                    ctx,
                    format!("the condition must be text, not {}", cnode.value.kind()),
                    "",
                );
                continue;
            };
            if cond.trim() == "default" {
                if default.is_some() {
                    self.fail(
                        cnode.pos,
                        ctx,
                        "the question has two `default` risk rules",
                        "keep one",
                    );
                }
                if i + 1 != items.len() {
                    self.warn(cnode.pos, ctx, "the `default` rule is not the last one; it still applies only when no other rule holds", "move it to the end");
                }
                default = Some((level, cnode.pos));
                continue;
            }
            // The condition starts one column after the opening quote (exact when it has no escapes).
            let at = Pos {
                line: cnode.pos.line,
                col: cnode.pos.col + 1,
            };
            match rule::parse(cond) {
                Err(e) => self.fail(
                    Pos {
                        col: at.col + e.offset as u32,
                        ..at
                    },
                    ctx,
                    format!("invalid condition `{cond}`: {}", e.message),
                    "conditions combine choice ids with `!`, `&&`, `||` and parentheses",
                ),
                Ok(expr) => match Compiled::new(&expr, &|n| {
                    choices.iter().position(|c| c.id == n).map(|i| i as u32)
                }) {
                    Ok(_) => rules.push(DraftRule {
                        level,
                        condition: cond.trim().to_string(),
                        pos: at,
                    }),
                    Err(unknown) => {
                        let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
                        let at = Pos {
                            col: at.col + token_offset(cond, &unknown) as u32,
                            ..at
                        };
                        self.fail(at, ctx, format!("the condition `{cond}` names `{unknown}`, which is not a choice of this question"), &format!("use one of: {}", ids.join(", ")));
                    }
                },
            }
        }
        let mut levels: Vec<Risk> = rules
            .iter()
            .map(|r| r.level)
            .chain(default.map(|d| d.0))
            .collect();
        levels.sort();
        levels.dedup();
        if rules.len() + usize::from(default.is_some()) > levels.len() || levels.len() > 3 {
            self.warn(block, ctx, "the question has more than one risk rule of the same level; AWS allows one per level", "merge them with `||`");
        }
        if READING == Reading::WorstWins {
            rules.sort_by_key(|r| std::cmp::Reverse(r.level));
        }
        let (default, default_pos) = match default {
            Some(d) => d,
            None => {
                self.warn(
                    block,
                    ctx,
                    "the question has no `default` risk rule; `default: high` is added",
                    "AWS expects a rule with \"condition\": \"default\"",
                );
                (Risk::High, block)
            }
        };
        (rules, default, default_pos)
    }

    pub(super) fn level(&mut self, r: &Fields, ctx: &str) -> Option<Risk> {
        let Some(node) = r.get("risk") else {
            self.fail(
                r.pos,
                ctx,
                "the risk rule has no `risk`",
                "write HIGH_RISK, MEDIUM_RISK or NO_RISK",
            );
            return None;
        };
        let text = match &node.value {
            Value::String(s) => s.trim(),
            _ => "",
        };
        let level = ["NO_RISK", "MEDIUM_RISK", "HIGH_RISK"]
            .iter()
            .position(|l| l.eq_ignore_ascii_case(text));
        match level {
            Some(i) => {
                if !["NO_RISK", "MEDIUM_RISK", "HIGH_RISK"].contains(&text) {
                    self.warn(
                        node.pos,
                        ctx,
                        format!("risk `{text}` is read as `{}`", text.to_uppercase()),
                        "AWS risks are upper case",
                    );
                }
                Some(Risk::ALL[i])
            }
            None => {
                let shown = if text.is_empty() {
                    node.value.kind().to_string()
                } else {
                    format!("`{text}`")
                };
                self.fail(
                    node.pos,
                    ctx,
                    format!("unknown risk {shown}"),
                    "AWS risks are HIGH_RISK, MEDIUM_RISK and NO_RISK",
                );
                None
            }
        }
    }
}

/// Where `name` first appears in `cond` as a whole id, in characters.
fn token_offset(cond: &str, name: &str) -> usize {
    let chars: Vec<char> = cond.chars().collect();
    let name: Vec<char> = name.chars().collect();
    (0..chars.len())
        .find(|&i| {
            chars[i..].starts_with(&name)
                && (i == 0 || !rule::is_id_char(chars[i - 1]))
                && chars
                    .get(i + name.len())
                    .is_none_or(|c| !rule::is_id_char(*c))
        })
        .unwrap_or(0)
}
