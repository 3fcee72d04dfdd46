//! The ids around a position in a pack that does not load: "question `identities`, choice `mfa`".
//!
//! When a pack fails to parse, the file is read a second time into plain YAML nodes that remember
//! where they start. That outline accepts any shape, so a wrong type or an unknown field does not
//! stop it, and walking `pillars` → `questions` → `choices` to the item that holds the position
//! gives the ids an error message should name.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, Spanned};

use super::error::Pos;
use super::raw::yaml_options;

/// The ids around a position, e.g. "question `identities`, choice `mfa`"; `None` when the file
/// is not YAML, or the position is outside every pillar and the pack has no id.
pub(crate) fn context_at(text: &str, pos: Pos) -> Option<String> {
    if !pos.is_known() {
        return None;
    }
    let mut options = yaml_options();
    options.duplicate_keys = DuplicateKeyPolicy::FirstWins;
    options.reject_unsupported_tags = false;
    let root: Node = serde_saphyr::from_str_with_options(text, options).ok()?;
    let pack = root.id().map(|id| format!("pack `{id}`"));
    let Some((pi, pillar, end)) =
        field(&root, "pillars", None).and_then(|(list, end)| enclosing(list, end, pos))
    else {
        return pack;
    };
    let Some((qi, question, end)) =
        field(pillar, "questions", end).and_then(|(list, end)| enclosing(list, end, pos))
    else {
        let pillar = name("pillar", pi, pillar);
        return Some(pack.map_or(pillar.clone(), |p| format!("{p}, {pillar}")));
    };
    let named = name("question", qi, question);
    Some(
        match field(question, "choices", end).and_then(|(list, end)| enclosing(list, end, pos)) {
            Some((ci, choice, _)) => format!("{named}, {}", name("choice", ci, choice)),
            None => named,
        },
    )
}

/// "question `id`", or "question 3" when it has no usable id.
fn name(kind: &str, index: usize, node: &Node) -> String {
    match node.id() {
        Some(id) => format!("{kind} `{id}`"),
        None => format!("{kind} {}", index + 1),
    }
}

/// The value of `key` in a mapping and where that value ends: where the next key starts, else
/// where the mapping ends (`None`: at the end of the file).
fn field<'a>(map: &'a Node, key: &str, end: Option<Pos>) -> Option<(&'a Node, Option<Pos>)> {
    let Node::Map(entries) = map else {
        return None;
    };
    let i = entries.iter().position(|(k, _)| k.value == key)?;
    let next = entries.get(i + 1).map(|(k, _)| start(k)).or(end);
    Some((&entries[i].1.value, next))
}

/// The item of a list that holds a position, and where that item ends (where the next one starts,
/// else where the list ends).
fn enclosing(list: &Node, end: Option<Pos>, pos: Pos) -> Option<(usize, &Node, Option<Pos>)> {
    let items = list.items()?;
    let i = items.iter().rposition(|item| start(item) <= pos)?;
    let item_end = items.get(i + 1).map(start).or(end);
    if item_end.is_some_and(|e| pos >= e) {
        return None;
    }
    Some((i, &items[i].value, item_end))
}

fn start<T>(node: &Spanned<T>) -> Pos {
    Pos::new(node.referenced.line(), node.referenced.column())
}

/// A YAML node and nothing more: any shape is accepted, so the outline of a pack can be read even
/// when the pack itself does not type-check.
enum Node {
    /// Keys that are not scalars are left out.
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
    Seq(Vec<Spanned<Node>>),
    Scalar(String),
    Other,
}

impl Node {
    fn get(&self, key: &str) -> Option<&Spanned<Node>> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn items(&self) -> Option<&[Spanned<Node>]> {
        match self {
            Node::Seq(items) => Some(items),
            _ => None,
        }
    }

    fn id(&self) -> Option<&str> {
        match &self.get("id")?.value {
            Node::Scalar(id) if !id.is_empty() => Some(id),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Node>>()? {
            let value = map.next_value::<Spanned<Node>>()?;
            if let Node::Scalar(text) = key.value {
                entries.push((Spanned::new(text, key.referenced, key.defined), value));
            }
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = "id: p\npillars:\n  - id: s\n    questions:\n      - id: q1\n        choices:\n          - id: a\n            title: A\n          - { id: b, title: B }\n        risk: []\n      - title: no id\n    name: S\nversion: 1\n";

    fn at(line: u32, col: u32) -> Option<String> {
        context_at(PACK, Pos { line, col })
    }

    #[test]
    fn each_position_gets_the_innermost_ids() {
        assert_eq!(at(1, 5).as_deref(), Some("pack `p`"));
        assert_eq!(at(3, 9).as_deref(), Some("pack `p`, pillar `s`"));
        assert_eq!(at(5, 13).as_deref(), Some("question `q1`"));
        assert_eq!(at(8, 20).as_deref(), Some("question `q1`, choice `a`"));
        assert_eq!(at(9, 30).as_deref(), Some("question `q1`, choice `b`"));
        assert_eq!(at(11, 9).as_deref(), Some("question 2"));
    }

    #[test]
    fn keys_after_a_list_belong_to_the_mapping_that_holds_the_list() {
        assert_eq!(
            at(10, 15).as_deref(),
            Some("question `q1`"),
            "risk comes after the choices"
        );
        assert_eq!(
            at(12, 11).as_deref(),
            Some("pack `p`, pillar `s`"),
            "name comes after the questions"
        );
        assert_eq!(
            at(13, 10).as_deref(),
            Some("pack `p`"),
            "version comes after the pillars"
        );
    }

    #[test]
    fn text_that_is_not_yaml_has_no_outline() {
        assert_eq!(context_at("a: [\n", Pos { line: 1, col: 4 }), None);
    }
}
