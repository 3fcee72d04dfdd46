//! Reading a checklist's JSON into items, leniently, with the place of everything.
//!
//! Real checklists are untidy in known ways: items without a severity or a category, a pillar
//! outside the five, `&nbsp` (the workbook's mark for an empty cell), the same guid twice. Each
//! quirk is a warning, one per kind with the number of items and the first of them, so that a
//! 1,268-item file does not print a thousand lines. What cannot be read without guessing (an item
//! without text or guid, a status the checklist does not list) is an error naming the item by
//! index and guid; every error of a file is reported in one run.

use std::collections::HashMap;

use super::Status;
use super::map::{self, Names};
use crate::pack::lens::json::{Member, Node, Value};
use crate::pack::load::valid_id;
use crate::pack::{Link, MissingRisk, PackError, Pos};

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

fn label(index: usize, guid: &str) -> String {
    if guid.is_empty() {
        format!("items[{index}]")
    } else {
        format!("items[{index}] (guid `{guid}`)")
    }
}

/// A quirk met in several items: one warning says how many and where the first is.
struct Tally {
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
struct Fields<'n>(&'n [Member]);

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<(&'n Member, bool)> {
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

    fn fail(&mut self, pos: Pos, ctx: &str, message: impl Into<String>, help: &str) {
        self.errors.push(
            PackError::new(self.file, pos, message)
                .context(ctx)
                .help(help),
        );
    }

    fn warn(&mut self, pos: Pos, ctx: &str, message: impl Into<String>, help: &str) {
        self.warnings.push(
            PackError::warning(self.file, pos, message)
                .context(ctx)
                .help(help),
        );
    }

    /// Counts a quirk of an item; [`Reader::finish`] turns the counts into warnings.
    fn tally(&mut self, pos: Pos, item: &str, message: String, help: &'static str) {
        match self.tallies.iter_mut().find(|t| t.message == message) {
            Some(t) => t.count += 1,
            None => self.tallies.push(Tally {
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
    fn text(&mut self, node: &Node, key: &str, item: &str) -> String {
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
    fn field(&mut self, f: &Fields, key: &str, item: &str) -> String {
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
    fn names(&mut self, root: &Fields, key: &str) -> Names {
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
            severities: self.names(&top, "severities"),
            waf: self.names(&top, "waf"),
            meta_waf: map::standard_pillar(&meta_waf),
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
        let severity = self.severity(&f, node.pos, &item, lists);
        let (status, status_at) = self.status(&f, &item, lists)?;
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

    fn pillar(&mut self, f: &Fields, pos: Pos, item: &str, lists: &Lists) -> (String, String) {
        let waf = self.field(f, "waf", item);
        if waf.is_empty() {
            let (id, name) = match lists.meta_waf {
                Some(id) => (id.to_string(), map::pillar_name(id).to_string()),
                None => ("general".to_string(), "General".to_string()),
            };
            self.tally(
                pos,
                item,
                format!("the item has no `waf`; it goes to pillar `{id}`"),
                "give every item its pillar: Security, Reliability, Operations, Cost or Performance",
            );
            return (id, name);
        }
        if let Some(id) = map::pillar(&waf, &lists.waf) {
            return (id.to_string(), map::pillar_name(id).to_string());
        }
        let id = match map::slug(&waf, 30) {
            s if s.is_empty() => "other".to_string(),
            s => s,
        };
        self.tally(
            pos,
            item,
            format!("`waf` \"{waf}\" is not one of the five pillars; it becomes the pillar `{id}`"),
            "",
        );
        (id, waf)
    }

    /// The category and subcategory an item is grouped by; `service` stands in for a missing one.
    fn group(&mut self, f: &Fields, pos: Pos, item: &str) -> (String, String) {
        let category = self.field(f, "category", item);
        let subcategory = self.field(f, "subcategory", item);
        let service = self.field(f, "service", item);
        if category.is_empty() {
            let by = if service.is_empty() {
                "General"
            } else {
                service.as_str()
            };
            self.tally(
                pos,
                item,
                "the item has no `category`; it is grouped by its `service`".into(),
                "",
            );
            return (by.to_string(), subcategory);
        }
        if subcategory.is_empty() && !service.is_empty() {
            self.tally(
                pos,
                item,
                "the item has no `subcategory`; its `service` stands in".into(),
                "",
            );
            return (category, service);
        }
        (category, subcategory)
    }

    fn severity(&mut self, f: &Fields, pos: Pos, item: &str, lists: &Lists) -> MissingRisk {
        let mut value = self.field(f, "severity", item);
        if value.is_empty() && f.get("priority").is_some() {
            value = self.field(f, "priority", item);
            if !value.is_empty() {
                self.tally(
                    pos,
                    item,
                    "the item has `priority` instead of `severity`; it is read as the severity"
                        .into(),
                    "",
                );
            }
        }
        if value.is_empty() {
            self.tally(
                pos,
                item,
                "the item has no `severity`; it counts as medium".into(),
                "give every item a severity: High, Medium or Low",
            );
            return MissingRisk::Medium;
        }
        map::severity(&value, &lists.severities).unwrap_or_else(|| {
            self.tally(
                pos,
                item,
                format!("severity \"{value}\" is not High, Medium or Low; it counts as medium"),
                "",
            );
            MissingRisk::Medium
        })
    }

    /// The item's status and where its value is; `None` (with an error) for an unknown status.
    fn status(&mut self, f: &Fields, item: &str, lists: &Lists) -> Option<(Status, Option<Pos>)> {
        let Some((m, _)) = f.get("status") else {
            return Some((Status::NotVerified, None));
        };
        let value = match &m.value.value {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => {
                self.fail(
                    m.value.pos,
                    item,
                    format!("`status` must be text, not {}", other.kind()),
                    "",
                );
                return None;
            }
        };
        match map::status(&value, &lists.status) {
            Some(s) => Some((s, Some(m.value.pos))),
            None => {
                let mut known: Vec<String> =
                    Status::ALL.iter().map(|s| s.name().to_string()).collect();
                let extra: Vec<String> = lists
                    .status
                    .0
                    .iter()
                    .filter(|n| !known.contains(n))
                    .cloned()
                    .collect();
                known.extend(extra);
                self.fail(
                    m.value.pos,
                    item,
                    format!("unknown status \"{value}\""),
                    &format!("use one of: {}", known.join(", ")),
                );
                None
            }
        }
    }

    /// `link` and `training`, each once, http(s) only.
    fn links(&mut self, f: &Fields, item: &str) -> Vec<Link> {
        let mut out: Vec<Link> = Vec::new();
        for (key, title) in [("link", "Documentation"), ("training", "Training")] {
            let url = self.field(f, key, item);
            if url.is_empty() || out.iter().any(|l| l.url == url) {
                continue;
            }
            if url.starts_with("https://") || url.starts_with("http://") {
                out.push(Link {
                    title: title.to_string(),
                    url,
                });
            } else {
                let pos = f.get(key).map_or(Pos::default(), |(m, _)| m.value.pos);
                self.tally(
                    pos,
                    item,
                    format!("`{key}` is not an http(s) address; it is left out"),
                    "links start with https:// or http://",
                );
            }
        }
        out
    }

    /// Practice ids: the guid when it is a valid id and not taken; otherwise a sanitised form,
    /// made unique with `-2`, `-3`… Every change is a warning that names both items.
    fn assign_ids(&mut self, items: &mut [Item]) {
        let mut taken: HashMap<String, usize> = HashMap::new();
        let mut first_of_guid: HashMap<String, usize> = HashMap::new();
        for item in items.iter_mut() {
            let base = if valid_id(&item.guid) {
                item.guid.clone()
            } else {
                map::sanitize_id(&item.guid).unwrap_or_else(|| format!("item-{}", item.index))
            };
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains_key(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            taken.insert(id.clone(), item.index);
            let label = item.label();
            if let Some(&first) = first_of_guid.get(&item.guid) {
                self.warn(
                    item.pos,
                    &label,
                    format!("the guid is also the guid of items[{first}]; this item's practice id is `{id}`"),
                    "give every item its own guid",
                );
            } else if id != item.guid {
                self.warn(
                    item.pos,
                    &label,
                    format!("the guid is not a valid practice id (letters, digits, '_', '-'); the practice id is `{id}`"),
                    "export writes the guid back as it is",
                );
            }
            first_of_guid.entry(item.guid.clone()).or_insert(item.index);
            item.id = id;
        }
    }
}

/// The checklist's top-level lists an item's values are read against.
struct Lists {
    status: Names,
    severities: Names,
    waf: Names,
    /// The pillar `metadata.waf` names, for items without a `waf`.
    meta_waf: Option<&'static str>,
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
