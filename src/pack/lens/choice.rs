//! A choice: its text, its links, and which one is "None of these".

use super::Choice;
use super::json::Node;
use super::json::Value;
use super::reader::{Importer, Missing};
use super::walk::{ADDITIONAL_KEYS, CHOICE_KEYS, RESOURCE_KEYS};
use crate::pack::Link;

impl Importer<'_> {
    pub(super) fn choice(&mut self, node: &Node, qid: &str) -> Option<Choice> {
        let f = self.fields(node, &format!("question `{qid}`"), "a choice", CHOICE_KEYS)?;
        let (id, pos) = self.id(&f, &format!("question `{qid}`"), "choice")?;
        let ctx = format!("question `{qid}`, choice `{id}`");
        let title = self.text(&f, "title", &ctx, Missing::Id(&id));
        let mut help = self.text(&f, "description", &ctx, Missing::Empty);
        let mut improve = String::new();
        let mut links = Links::default();
        for (key, is_help) in [("helpfulResource", true), ("improvementPlan", false)] {
            let Some(node) = f.get(key) else { continue };
            let Some(r) = self.fields(node, &ctx, &format!("`{key}`"), RESOURCE_KEYS) else {
                continue;
            };
            let text = self.text(&r, "displayText", &ctx, Missing::Empty);
            if let Some(url) = self.url(&r, &ctx) {
                links.add(short_title(&text, &url), url, false);
            }
            append(if is_help { &mut help } else { &mut improve }, text);
        }
        for node in self
            .list(&f, "additionalResources", &ctx)
            .unwrap_or_default()
        {
            let Some(a) = self.fields(node, &ctx, "an additional resource", ADDITIONAL_KEYS) else {
                continue;
            };
            match a.get("type").map(|n| &n.value) {
                Some(Value::String(t)) if t == "HELPFUL_RESOURCE" || t == "IMPROVEMENT_PLAN" => {}
                _ => self.warn(a.pos, &ctx, "an additional resource's `type` is not HELPFUL_RESOURCE or IMPROVEMENT_PLAN; its links are kept", ""),
            }
            for item in self.list(&a, "content", &ctx).unwrap_or_default() {
                let Some(r) = self.fields(item, &ctx, "an additional resource", RESOURCE_KEYS)
                else {
                    continue;
                };
                let text = self.text(&r, "displayText", &ctx, Missing::Empty);
                if let Some(url) = self.url(&r, &ctx) {
                    let title = if text.is_empty() {
                        url.clone()
                    } else {
                        one_line(&text)
                    };
                    links.add(title, url, true);
                }
            }
        }
        Some(Choice {
            id,
            title,
            help,
            improve,
            evidence: String::new(),
            links: links.0,
            none: false,
            if_missing: None,
            pos,
        })
    }

    /// Marks the question's "None of these": the choice whose id ends in `_no` (AWS's marker),
    /// or else one titled "None of these".
    pub(super) fn mark_none(&mut self, choices: &mut [Choice], ctx: &str) {
        let titled = |c: &Choice| {
            c.title
                .trim_end_matches('.')
                .eq_ignore_ascii_case("none of these")
        };
        let pick = choices
            .iter()
            .position(|c| c.id.ends_with("_no"))
            .or_else(|| choices.iter().position(titled));
        let Some(pick) = pick else { return };
        choices[pick].none = true;
        let chosen = choices[pick].id.clone();
        if !chosen.ends_with("_no") {
            let c = &choices[pick];
            self.warn(c.pos, ctx, format!("choice `{chosen}` is titled \"None of these\" but its id does not end in `_no`; it is read as the exclusive \"None of these\""), "AWS marks \"None of these\" by the `_no` suffix and treats this one as an ordinary choice; rename it to end in `_no`");
        }
        for (i, c) in choices.iter().enumerate() {
            if i != pick && (c.id.ends_with("_no") || titled(c)) {
                self.warn(c.pos, ctx, format!("choice `{}` also looks like \"None of these\"; only `{chosen}` is exclusive, this one is a practice", c.id), "keep a single \"None of these\" choice");
            }
        }
    }
}

/// Links in order of first appearance, one per address. A title from an additional resource
/// (meant as link text) replaces one made from a helpful resource or improvement plan (a
/// paragraph), which is what lets export → import keep link titles exactly.
#[derive(Default)]
struct Links(Vec<Link>, Vec<bool>);

impl Links {
    fn add(&mut self, title: String, url: String, is_link_text: bool) {
        match self.0.iter().position(|l| l.url == url) {
            Some(i) if is_link_text && !self.1[i] => {
                self.0[i].title = title;
                self.1[i] = true;
            }
            Some(_) => {}
            None => {
                self.0.push(Link { title, url });
                self.1.push(is_link_text);
            }
        }
    }
}

pub(super) fn append(to: &mut String, text: String) {
    if text.is_empty() || *to == text {
        return;
    }
    if !to.is_empty() {
        to.push_str("\n\n");
    }
    to.push_str(&text);
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A link title from a resource's text: the text on one line, cut at a word near 100 characters.
pub(super) fn short_title(text: &str, url: &str) -> String {
    let line = one_line(text);
    if line.is_empty() {
        return url.to_string();
    }
    if line.chars().count() <= 100 {
        return line;
    }
    let cut: String = line.chars().take(99).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(head, _)| head)
        .trim_end_matches([',', ';', ':', '.']);
    format!("{cut}…")
}
