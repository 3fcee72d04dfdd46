//! Lenient reading of lens JSON: the shared helpers of the importer.
//!
//! A lens is read field by field: each getter takes what it can (numbers as text, `null` and
//! `NaN` as a fallback, `Url` as `url`), records a located warning for what it had to bend, and
//! records a located error only for what it cannot read without guessing (an id that is not
//! text, a list that is an object).

use super::json::{Member, Node, Value};
use crate::pack::validate::valid_id;
use crate::pack::{PackError, Pos};

/// What a text field falls back to when it is missing, null or NaN.
pub(super) enum Missing<'a> {
    /// Optional: absent is fine, null/NaN is worth a warning.
    Empty,
    /// Required: the id stands in, with a warning.
    Id(&'a str),
}

/// The members of an object, by the key they answer to.
pub(super) struct Fields<'n> {
    pub pos: Pos,
    found: Vec<(&'static str, &'n Member)>,
}

impl<'n> Fields<'n> {
    pub(super) fn get(&self, key: &str) -> Option<&'n Node> {
        self.found
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, m)| &m.value)
    }

    pub(super) fn key_pos(&self, key: &str) -> Pos {
        self.found
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map_or(self.pos, |(_, m)| m.key_pos)
    }
}

pub(super) struct Importer<'a> {
    pub file: &'a str,
    pub warnings: Vec<PackError>,
    pub errors: Vec<PackError>,
}

impl Importer<'_> {
    pub(super) fn warn(&mut self, pos: Pos, ctx: &str, message: impl Into<String>, help: &str) {
        self.warnings.push(
            PackError::warning(self.file, pos, message)
                .context(ctx)
                .help(help),
        );
    }

    pub(super) fn fail(&mut self, pos: Pos, ctx: &str, message: impl Into<String>, help: &str) {
        self.errors.push(
            PackError::new(self.file, pos, message)
                .context(ctx)
                .help(help),
        );
    }

    /// The members of `node` under their known keys; other keys are warned about and ignored,
    /// except a known key in other letter case (`Url`), which is read with a warning.
    pub(super) fn fields<'n>(
        &mut self,
        node: &'n Node,
        ctx: &str,
        what: &str,
        known: &[&'static str],
    ) -> Option<Fields<'n>> {
        let Value::Object(members) = &node.value else {
            self.fail(
                node.pos,
                ctx,
                format!("{what} must be a JSON object, not {}", node.value.kind()),
                "see the lens format in docs/lens.md",
            );
            return None;
        };
        let mut fields = Fields {
            pos: node.pos,
            found: Vec::new(),
        };
        for m in members {
            let key = m.key.as_str();
            if let Some(k) = known.iter().find(|k| **k == key) {
                if fields.get(k).is_some() {
                    self.warn(
                        m.key_pos,
                        ctx,
                        format!("`{key}` is written twice in {what}; the last one is used"),
                        "write each key once",
                    );
                }
                fields.found.push((k, m));
            } else if let Some(k) = known
                .iter()
                .find(|k| k.eq_ignore_ascii_case(key) && !k.starts_with('_'))
            {
                self.warn(
                    m.key_pos,
                    ctx,
                    format!("`{key}` is read as `{k}`"),
                    "AWS keys are case-sensitive; spell it `{k}` for the AWS tool",
                );
                fields.found.push((k, m));
            } else if key.starts_with('_') {
                self.warn(
                    m.key_pos,
                    ctx,
                    format!("`{key}` is not part of the AWS lens format; it is ignored"),
                    "",
                );
            } else {
                self.warn(
                    m.key_pos,
                    ctx,
                    format!("unknown key `{key}` in {what}; it is ignored"),
                    "remove it, or check its spelling against the AWS lens format",
                );
            }
        }
        Some(fields)
    }

    /// A text field, trimmed. Numbers and booleans are read as text; null and NaN fall back.
    pub(super) fn text(&mut self, f: &Fields, key: &str, ctx: &str, missing: Missing) -> String {
        let fallback = |im: &mut Self, pos: Pos, why: String| match missing {
            Missing::Empty => {
                im.warn(
                    pos,
                    ctx,
                    format!("{why}; it is read as empty"),
                    "write text, or remove the key",
                );
                String::new()
            }
            Missing::Id(id) => {
                im.warn(
                    pos,
                    ctx,
                    format!("{why}; the id `{id}` is used instead"),
                    "write the text in the lens",
                );
                id.to_string()
            }
        };
        let Some(node) = f.get(key) else {
            return match missing {
                Missing::Empty => String::new(),
                Missing::Id(_) => fallback(self, f.pos, format!("`{key}` is missing")),
            };
        };
        match &node.value {
            Value::String(s) if s.trim().is_empty() && matches!(missing, Missing::Id(_)) => {
                fallback(self, node.pos, format!("`{key}` is empty"))
            }
            Value::String(s) => s.trim().to_string(),
            Value::NaN(t) => fallback(
                self,
                node.pos,
                format!("`{key}` is {t}, which is not valid JSON"),
            ),
            Value::Null => fallback(self, node.pos, format!("`{key}` is null")),
            Value::Number(n) => {
                self.warn(
                    node.pos,
                    ctx,
                    format!("`{key}` is a number; it is read as the text \"{n}\""),
                    "write it in double quotes",
                );
                n.clone()
            }
            Value::Bool(b) => {
                self.warn(
                    node.pos,
                    ctx,
                    format!("`{key}` is a boolean; it is read as the text \"{b}\""),
                    "write it in double quotes",
                );
                b.to_string()
            }
            other => {
                self.fail(
                    node.pos,
                    ctx,
                    format!("`{key}` must be text, not {}", other.kind()),
                    "",
                );
                String::new()
            }
        }
    }

    /// An id, which must be text of letters, digits, `_` and `-`: ids are kept unchanged.
    pub(super) fn id(&mut self, f: &Fields, ctx: &str, what: &str) -> Option<(String, Pos)> {
        let Some(node) = f.get("id") else {
            self.fail(
                f.pos,
                ctx,
                format!("{what} has no `id`"),
                "give it an id: letters, digits and '_'",
            );
            return None;
        };
        match &node.value {
            Value::String(id) if valid_id(id) => Some((id.clone(), node.pos)),
            Value::String(id) => {
                self.fail(node.pos, ctx, format!("invalid {what} id `{id}`"), "ids are 1–128 letters, digits, '_' or '-'; reviews refer to ids, so scorps does not rewrite them: fix it in the lens");
                None
            }
            other => {
                self.fail(
                    node.pos,
                    ctx,
                    format!("the {what} id must be text, not {}", other.kind()),
                    "",
                );
                None
            }
        }
    }

    pub(super) fn list<'n>(&mut self, f: &Fields<'n>, key: &str, ctx: &str) -> Option<&'n [Node]> {
        let node = f.get(key)?;
        match &node.value {
            Value::Array(items) => Some(items),
            Value::Null => None,
            other => {
                self.fail(
                    node.pos,
                    ctx,
                    format!("`{key}` must be a list, not {}", other.kind()),
                    "",
                );
                None
            }
        }
    }

    pub(super) fn url(&mut self, f: &Fields, ctx: &str) -> Option<String> {
        let url = self.text(f, "url", ctx, Missing::Empty);
        if url.is_empty() {
            None
        } else if crate::text::has_web_scheme(&url) {
            Some(url)
        } else {
            self.warn(
                f.get("url").map_or(f.pos, |n| n.pos),
                ctx,
                format!("`{url}` is not an http(s) address; it is left out"),
                "links must start with https:// or http://",
            );
            None
        }
    }
}
