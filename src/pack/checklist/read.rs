//! Reading a checklist's JSON into items, leniently, with the place of everything.
//!
//! Real checklists are untidy in known ways: items without a severity or a category, a pillar
//! outside the five, `&nbsp` (the workbook's mark for an empty cell), the same guid twice. Each
//! quirk is a warning, one per kind with the number of items and the first of them, so that a
//! 1,268-item file does not print a thousand lines. What cannot be read without guessing (an item
//! without text or guid, a status the checklist does not list) is an error naming the item by
//! index and guid; every error of a file is reported in one run.

use super::Status;
use super::map::{self, Names};
use super::reader::{Fields, Reader};
use crate::pack::lens::json::{Node, Value};
use crate::pack::{Link, MissingRisk, Pos};

/// A checklist as read: its metadata and its items in file order.
#[derive(Debug, Clone)]
pub(crate) struct Checklist {
    pub name: String,
    pub version: String,
    pub description: String,
    pub items: Vec<Item>,
    /// The file's `status` list, for the names export writes.
    pub status_names: Names,
}

/// Where an item's members are, for export to rewrite its status and comments.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spots {
    /// The value of the `status` member read, if any.
    pub status: Option<Pos>,
    pub comments: Option<Pos>,
    /// The key and value of the item's last member, after which new members go.
    pub last_key: Pos,
    pub last_value: Pos,
}

/// One recommendation.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// The index in `items` (0-based, as `items[3]` in messages).
    pub index: usize,
    pub pos: Pos,
    pub guid: String,
    /// The practice id: the guid, or a sanitised or renamed form of it.
    pub id: String,
    pub text: String,
    pub description: String,
    pub links: Vec<Link>,
    pub pillar: String,
    pub pillar_name: String,
    pub category: String,
    pub subcategory: String,
    pub severity: MissingRisk,
    pub status: Status,
    /// Exactly as written; `None` when the item has no `comments`.
    pub comments: Option<String>,
    pub spots: Spots,
    /// The question the item becomes a practice of (set when items are grouped).
    pub question: String,
}

impl Item {
    pub(crate) fn label(&self) -> String {
        label(self.index, &self.guid)
    }
}

pub(super) fn label(index: usize, guid: &str) -> String {
    if guid.is_empty() {
        format!("items[{index}]")
    } else {
        format!("items[{index}] (guid `{guid}`)")
    }
}

impl Reader<'_> {
    pub(crate) fn checklist(&mut self, root: &Node, fallback_name: &str) -> Option<Checklist> {
        let Value::Object(members) = &root.value else {
            self.fail(
                root.pos,
                "",
                format!(
                    "a checklist must be a JSON object, not {}",
                    root.value.kind()
                ),
                "an Azure review checklist is an object with `items`",
            );
            return None;
        };
        let top = Fields(members);
        let (mut name, mut timestamp, mut state, mut meta_waf) =
            (String::new(), String::new(), String::new(), String::new());
        if let Some((m, _)) = top.get("metadata")
            && let Value::Object(meta) = &m.value.value
        {
            let meta = Fields(meta);
            name = self.field(&meta, "name", "metadata");
            timestamp = self.field(&meta, "timestamp", "metadata");
            state = self.field(&meta, "state", "metadata");
            meta_waf = self.field(&meta, "waf", "metadata");
        }
        let lists = Lists {
            status: self.names(&top, "status"),
            meta_waf: map::pillar(&meta_waf),
        };
        let items = match top.get("items").map(|(m, _)| &m.value) {
            Some(Node {
                value: Value::Array(items),
                ..
            }) if !items.is_empty() => items,
            Some(Node {
                value: Value::Array(_),
                pos,
            }) => {
                self.fail(
                    *pos,
                    "",
                    "the checklist has no items",
                    "add the recommendations to `items`",
                );
                return None;
            }
            Some(node) => {
                self.fail(
                    node.pos,
                    "",
                    format!("`items` must be a list, not {}", node.value.kind()),
                    "`items` is the list of the checklist's recommendations",
                );
                return None;
            }
            None => {
                self.fail(
                    root.pos,
                    "",
                    "the checklist has no `items`",
                    "an Azure review checklist is an object with `items`",
                );
                return None;
            }
        };
        let items: Vec<Item> = items
            .iter()
            .enumerate()
            .filter_map(|(i, node)| self.item(i, node, &lists))
            .collect();
        let mut items = items;
        self.assign_ids(&mut items);
        let version = if timestamp.is_empty() {
            "1.0.0".to_string()
        } else {
            map::version(&timestamp).unwrap_or_else(|| {
                self.warn(
                    root.pos,
                    "metadata",
                    format!("the timestamp `{timestamp}` is not a date scorps reads; the pack version is 1.0.0"),
                    "write it as \"February 20, 2024\" or 2024-02-20",
                );
                "1.0.0".to_string()
            })
        };
        if name.is_empty() {
            self.warn(
                root.pos,
                "",
                format!(
                    "the checklist has no `metadata.name`; the pack is named `{fallback_name}`"
                ),
                "add \"metadata\": {\"name\": …}",
            );
            name = fallback_name.to_string();
        }
        let description = match (state.as_str(), timestamp.as_str()) {
            ("", "") => String::new(),
            ("", t) => format!("Azure review checklist of {t}."),
            (s, "") => format!("Azure review checklist ({s})."),
            (s, t) => format!("Azure review checklist ({s}) of {t}."),
        };
        Some(Checklist {
            name,
            version,
            description,
            items,
            status_names: lists.status,
        })
    }

    fn item(&mut self, index: usize, node: &Node, lists: &Lists) -> Option<Item> {
        let Value::Object(members) = &node.value else {
            self.fail(
                node.pos,
                &label(index, ""),
                format!("the item must be a JSON object, not {}", node.value.kind()),
                "every entry of `items` is an object with `text`, `guid`, …",
            );
            return None;
        };
        let f = Fields(members);
        let guid = match f.get("guid") {
            Some((m, _)) => match &m.value.value {
                Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
                Value::String(_) | Value::Null => String::new(),
                other => {
                    self.fail(
                        m.value.pos,
                        &label(index, ""),
                        format!("`guid` must be text, not {}", other.kind()),
                        "write the guid in double quotes",
                    );
                    return None;
                }
            },
            None => String::new(),
        };
        let item = label(index, &guid);
        if guid.is_empty() {
            self.fail(
                node.pos,
                &item,
                "the item has no `guid`",
                "every item needs its own `guid`: reviews and the workbook find items by it",
            );
        }
        let mut text = self.field(&f, "text", &item);
        if text.is_empty() && f.get("text").is_none() && f.get("title").is_some() {
            text = self.field(&f, "title", &item);
            self.tally(
                node.pos,
                &item,
                "the item has `title` instead of `text`; it is read as the text".into(),
                "",
            );
        }
        if text.is_empty() {
            self.fail(
                f.get("text").map_or(node.pos, |(m, _)| m.value.pos),
                &item,
                "the item has no `text`",
                "every item needs `text`: the recommendation, in one line",
            );
        }
        let (pillar, pillar_name) = self.pillar(&f, node.pos, &item, lists);
        let (category, subcategory) = self.group(&f, node.pos, &item);
        let severity = self.severity(&f, node.pos, &item);
        let (status, status_at) = self.status(&f, &item)?;
        let comments = match f.get("comments") {
            Some((m, _)) => match &m.value.value {
                Value::String(s) => Some(s.clone()),
                Value::Null => None,
                _ => Some(self.text(&m.value, "comments", &item)),
            },
            None => None,
        };
        let last = members.last()?;
        let description = self.field(&f, "description", &item);
        let links = self.links(&f, &item);
        if guid.is_empty() || text.is_empty() {
            return None;
        }
        Some(Item {
            index,
            pos: node.pos,
            id: String::new(),
            guid,
            text,
            description,
            links,
            pillar,
            pillar_name,
            category,
            subcategory,
            severity,
            status,
            comments,
            spots: Spots {
                status: status_at,
                comments: f.get("comments").map(|(m, _)| m.value.pos),
                last_key: last.key_pos,
                last_value: last.value.pos,
            },
            question: String::new(),
        })
    }
}

/// What of the checklist's top level an item's values are read with.
pub(super) struct Lists {
    /// The names of the `status` list, which export writes back.
    pub status: Names,
    /// The pillar `metadata.waf` names, for items without a `waf`.
    pub meta_waf: Option<&'static str>,
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
