//! Writes a checklist's pack as YAML that reads like a hand-written pack.
//!
//! Every scalar goes through the lens writer's [`scalar`], which picks the most readable style
//! that reads back to the same string. No question gets `risk:` rules: each practice carries its
//! severity as `if_missing`, so a question takes the worst level among its missing practices.

use super::group::PillarDraft;
use super::read::Checklist;
use crate::pack::lens::yaml::{field, item};

/// The id of a question's "None of these": `none`, unless an item already has that id.
pub(crate) fn none_id<'a>(ids: impl Iterator<Item = &'a str> + Clone) -> String {
    let mut id = "none".to_string();
    let mut n = 2;
    while ids.clone().any(|i| i == id) {
        id = if n == 2 {
            "none-of-these".to_string()
        } else {
            format!("none-of-these-{n}")
        };
        n += 1;
    }
    id
}

pub(crate) fn emit(c: &Checklist, id: &str, pillars: &[PillarDraft]) -> String {
    let mut out = String::new();
    out.push_str("# yaml-language-server: $schema=./scorps-pack.schema.json\n");
    // No file name here: a blank checklist and a filled copy of it give the same pack, byte for
    // byte, so a review's recorded digest holds for both.
    out.push_str("# Imported by `scorps checklist import` from an Azure review checklist\n");
    out.push_str("schema: 1\n");
    field(&mut out, 0, "id", id);
    field(&mut out, 0, "name", &c.name);
    field(&mut out, 0, "version", &c.version);
    if !c.description.is_empty() {
        field(&mut out, 0, "description", &c.description);
    }
    out.push_str("pillars:\n");
    for p in pillars {
        item(&mut out, 4, "id", &p.id);
        field(&mut out, 4, "name", &p.name);
        out.push_str("    questions:\n");
        for q in &p.questions {
            item(&mut out, 8, "id", &q.id);
            field(&mut out, 8, "title", &q.title);
            out.push_str("        choices:\n");
            for &i in &q.items {
                let it = &c.items[i];
                item(&mut out, 12, "id", &it.id);
                field(&mut out, 12, "title", &it.text);
                if !it.description.is_empty() {
                    field(&mut out, 12, "help", &it.description);
                }
                // The recommendation is itself what to do; its description says more when given.
                let improve = if it.description.is_empty() {
                    &it.text
                } else {
                    &it.description
                };
                field(&mut out, 12, "improve", improve);
                field(&mut out, 12, "if_missing", it.severity.as_str());
                if !it.links.is_empty() {
                    out.push_str("            links:\n");
                    for l in &it.links {
                        item(&mut out, 16, "title", &l.title);
                        field(&mut out, 16, "url", &l.url);
                    }
                }
            }
            let none = none_id(q.items.iter().map(|&i| c.items[i].id.as_str()));
            item(&mut out, 12, "id", &none);
            out.push_str("            title: None of these\n            none: true\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_of_these_never_takes_an_item_id() {
        assert_eq!(none_id(["a", "b"].into_iter()), "none");
        assert_eq!(none_id(["none", "b"].into_iter()), "none-of-these");
        assert_eq!(
            none_id(["none", "none-of-these"].into_iter()),
            "none-of-these-3"
        );
    }
}
