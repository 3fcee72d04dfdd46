//! Validation of a question's `risk:` block: conditions parse, stay within
//! [`MAX_CONDITION_TERMS`](rule::MAX_CONDITION_TERMS) names and name choices of the question;
//! `default` comes last. Errors point at the character where the condition goes wrong.

use super::{Validator, pos_of};
use crate::pack::error::Pos;
use crate::pack::raw::{RawLevel, RawRule};
use crate::pack::rule::{self, Compiled};
use crate::pack::{Choice, Risk, RiskRules, Rule};

impl Validator<'_> {
    pub(super) fn rules(
        &mut self,
        ctx: &str,
        block: Pos,
        raw: Vec<RawRule>,
        choices: &[Choice],
    ) -> RiskRules {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_name_in_a_condition_is_found_as_a_whole_id() {
        assert_eq!(name_offset("mfa-admins || mfa", "mfa"), Some(14));
        assert_eq!(name_offset("a && passkeys", "passkeys"), Some(5));
        assert_eq!(name_offset("ab", "a"), None);
    }
}
