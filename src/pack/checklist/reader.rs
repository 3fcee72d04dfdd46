//! The lenient reader's plumbing: located errors, warnings counted per kind, and text read out
//! of whatever JSON value a field holds.
//!
//! A checklist field may hold text, `null`, a number, `"&nbsp"` (the workbook's empty cell) or a
//! key in other letter case. Each getter takes what it can, and records a warning for what it
//! had to bend; item quirks are counted by kind, so a 1,268-item file gets one line per kind
//! with the number of items and the first of them.

use super::map::Names;
use crate::pack::lens::json::{Member, Node, Value};
use crate::pack::{PackError, Pos};

/// A quirk met in several items: one warning says how many and where the first is.
pub(super) struct Tally {
    /// What the warnings of one kind share.
    kind: String,
    /// The first item's warning, which is the one shown.
    message: String,
    help: &'static str,
    count: usize,
    pos: Pos,
    first: String,
}

pub(crate) struct Reader<'a> {
    pub file: &'a str,
    pub warnings: Vec<PackError>,
    pub errors: Vec<PackError>,
    tallies: Vec<Tally>,
}

/// The members of an object: the last one with a key, or one whose key differs only in letter
/// case (read with a warning).
pub(super) struct Fields<'n>(pub &'n [Member]);

impl<'n> Fields<'n> {
    pub(super) fn get(&self, key: &str) -> Option<(&'n Member, bool)> {
        let exact = self.0.iter().rev().find(|m| m.key == key);
        exact.map(|m| (m, true)).or_else(|| {
            self.0
                .iter()
                .rev()
                .find(|m| m.key.eq_ignore_ascii_case(key))
                .map(|m| (m, false))
        })
    }
}

impl<'a> Reader<'a> {
    pub(crate) fn new(file: &'a str) -> Reader<'a> {
        Reader {
            file,
            warnings: Vec::new(),
            errors: Vec::new(),
            tallies: Vec::new(),
        }
    }

    pub(super) fn fail(&mut self, pos: Pos, ctx: &str, message: impl Into<String>, help: &str) {
        self.errors.push(
            PackError::new(self.file, pos, message)
                .context(ctx)
                .help(help),
        );
    }

    pub(super) fn warn(&mut self, pos: Pos, ctx: &str, message: impl Into<String>, help: &str) {
        self.warnings.push(
            PackError::warning(self.file, pos, message)
                .context(ctx)
                .help(help),
        );
    }

    /// Counts a quirk of an item; [`Reader::finish`] turns the counts into warnings.
    pub(super) fn tally(&mut self, pos: Pos, item: &str, message: String, help: &'static str) {
        self.tally_kind(pos, item, message.clone(), message, help);
    }

    /// Counts a quirk whose message differs from item to item: one warning per `kind`, with the
    /// first item's message.
    pub(super) fn tally_kind(
        &mut self,
        pos: Pos,
        item: &str,
        kind: String,
        message: String,
        help: &'static str,
    ) {
        match self.tallies.iter_mut().find(|t| t.kind == kind) {
            Some(t) => t.count += 1,
            None => self.tallies.push(Tally {
                kind,
                message,
                help,
                count: 1,
                pos,
                first: item.to_string(),
            }),
        }
    }

    /// The warnings, tallies included, in file order.
    pub(crate) fn finish(&mut self) -> Vec<PackError> {
        for t in std::mem::take(&mut self.tallies) {
            let ctx = if t.count == 1 {
                t.first
            } else {
                format!("{} items, the first {}", t.count, t.first)
            };
            self.warn(t.pos, &ctx, t.message, t.help);
        }
        let mut out = std::mem::take(&mut self.warnings);
        out.sort_by_key(|w| w.pos);
        out
    }

    /// Text from a value: trimmed; null, `&nbsp`, NaN, lists and objects read as empty, numbers
    /// and booleans as their text (each with a warning except null).
    pub(super) fn text(&mut self, node: &Node, key: &str, item: &str) -> String {
        match &node.value {
            Value::String(s) if s.trim() == "&nbsp" => {
                self.tally(
                    node.pos,
                    item,
                    format!("`{key}` is \"&nbsp\", the workbook's mark for an empty cell; it is read as empty"),
                    "",
                );
                String::new()
            }
            Value::String(s) => s.trim().to_string(),
            Value::Null => String::new(),
            Value::Number(n) => {
                self.tally(
                    node.pos,
                    item,
                    format!("`{key}` is a number; it is read as text"),
                    "write it in double quotes",
                );
                n.clone()
            }
            Value::Bool(b) => {
                self.tally(
                    node.pos,
                    item,
                    format!("`{key}` is a boolean; it is read as text"),
                    "write it in double quotes",
                );
                b.to_string()
            }
            other => {
                self.tally(
                    node.pos,
                    item,
                    format!("`{key}` is {}, not text; it is ignored", other.kind()),
                    "",
                );
                String::new()
            }
        }
    }

    /// A text field of an item, or empty when absent.
    pub(super) fn field(&mut self, f: &Fields, key: &str, item: &str) -> String {
        match f.get(key) {
            Some((m, exact)) => {
                if !exact {
                    self.tally(
                        m.key_pos,
                        item,
                        format!("`{}` is read as `{key}`", m.key),
                        "checklist keys are lowercase",
                    );
                }
                self.text(&m.value, key, item)
            }
            None => String::new(),
        }
    }

    /// The names of a top-level list such as `status`: `[{"name": …}, …]`.
    pub(super) fn names(&mut self, root: &Fields, key: &str) -> Names {
        let Some((m, _)) = root.get(key) else {
            return Names::default();
        };
        let Value::Array(entries) = &m.value.value else {
            return Names::default();
        };
        Names(
            entries
                .iter()
                .map(|e| match &e.value {
                    Value::Object(members) => Fields(members)
                        .get("name")
                        .map(|(n, _)| self.text(&n.value, "name", key))
                        .unwrap_or_default(),
                    _ => String::new(),
                })
                .collect(),
        )
    }
}
