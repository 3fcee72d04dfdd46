//! An item's values: its pillar, group, severity, status, links and practice id.
//!
//! Each value is read as the English word first and otherwise through the checklist's own lists
//! (see [`super::map`]); what is missing gets a stand-in and a counted warning. Only a status the
//! checklist does not know is an error: guessing it would change the answer.

use std::collections::HashMap;

use super::Status;
use super::map;
use super::read::{Item, Lists};
use super::reader::{Fields, Reader};
use crate::pack::lens::json::Value;
use crate::pack::validate::valid_id;
use crate::pack::{Link, MissingRisk, Pos};

impl Reader<'_> {
    pub(super) fn pillar(
        &mut self,
        f: &Fields,
        pos: Pos,
        item: &str,
        lists: &Lists,
    ) -> (String, String) {
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
        if let Some(id) = map::pillar(&waf) {
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
    pub(super) fn group(&mut self, f: &Fields, pos: Pos, item: &str) -> (String, String) {
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

    pub(super) fn severity(&mut self, f: &Fields, pos: Pos, item: &str) -> MissingRisk {
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
        map::severity(&value).unwrap_or_else(|| {
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
    pub(super) fn status(&mut self, f: &Fields, item: &str) -> Option<(Status, Option<Pos>)> {
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
        match map::status(&value) {
            Some(s) => Some((s, Some(m.value.pos))),
            None => {
                let known: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
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
    pub(super) fn links(&mut self, f: &Fields, item: &str) -> Vec<Link> {
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
    pub(super) fn assign_ids(&mut self, items: &mut [Item]) {
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
            // Counted per kind: the workbook's master file repeats 1,200 guids.
            let label = item.label();
            if let Some(&first) = first_of_guid.get(&item.guid) {
                self.tally_kind(
                    item.pos,
                    &label,
                    "duplicate guid".into(),
                    format!("the guid is also the guid of items[{first}]; this item's practice id is `{id}`"),
                    "give every item its own guid",
                );
            } else if id != item.guid {
                self.tally_kind(
                    item.pos,
                    &label,
                    "invalid guid".into(),
                    format!("the guid is not a valid practice id (letters, digits, '_', '-'); the practice id is `{id}`"),
                    "export writes the guid back as it is",
                );
            }
            first_of_guid.entry(item.guid.clone()).or_insert(item.index);
            item.id = id;
        }
    }
}
