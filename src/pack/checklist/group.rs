//! Items into pillars and questions.
//!
//! An item's pillar is its `waf`; its question is its category and subcategory within that
//! pillar, compared as id words so that "Best practices" and "Best Practices" are one question.
//! A group of more than [`MAX_ITEMS_PER_QUESTION`] items is split, in file order, into parts of
//! near-equal size. Pillars follow scorps's order (security, reliability, …) with custom ones
//! after, in order of appearance; questions and items keep the file's order. Question ids are
//! made from the pillar, category and subcategory, so they stay the same when other groups of the
//! checklist change.

use std::collections::{HashMap, HashSet};

use super::MAX_ITEMS_PER_QUESTION;
use super::map::slug;
use super::read::Item;
use crate::pack::{Pos, pillar_rank};

#[derive(Debug, Clone)]
pub(crate) struct PillarDraft {
    pub id: String,
    pub name: String,
    pub questions: Vec<QuestionDraft>,
}

#[derive(Debug, Clone)]
pub(crate) struct QuestionDraft {
    pub id: String,
    pub title: String,
    /// Where its first item is.
    pub pos: Pos,
    /// Indices into the checklist's items, in file order.
    pub items: Vec<usize>,
}

/// How names are compared when grouping: as id words, or lowercased when they have none.
fn norm(name: &str) -> String {
    match slug(name, usize::MAX) {
        s if s.is_empty() => name.to_lowercase(),
        s => s,
    }
}

/// The start of a question id for a pillar: short for the well-known ones.
fn prefix(pillar: &str) -> String {
    match pillar {
        "security" => "sec".into(),
        "reliability" => "rel".into(),
        "operational-excellence" => "ops".into(),
        "performance" => "perf".into(),
        "cost" => "cost".into(),
        "sustainability" => "sus".into(),
        other => slug(other, 30),
    }
}

/// Groups the items into pillars and questions, and sets each item's question id.
pub(crate) fn group(items: &mut [Item]) -> Vec<PillarDraft> {
    // (pillar, category, subcategory) → items, in order of first appearance.
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut index: HashMap<(String, String, String), usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let key = (
            item.pillar.clone(),
            norm(&item.category),
            norm(&item.subcategory),
        );
        match index.get(&key) {
            Some(&g) => groups[g].1.push(i),
            None => {
                index.insert(key, groups.len());
                groups.push((item.pillar.clone(), vec![i]));
            }
        }
    }
    let mut pillars: Vec<PillarDraft> = Vec::new();
    let mut taken = HashSet::new();
    for (pillar, members) in groups {
        let first = &items[members[0]];
        let (category, subcategory) = (first.category.clone(), first.subcategory.clone());
        let pillar_name = first.pillar_name.clone();
        let parts = members.len().div_ceil(MAX_ITEMS_PER_QUESTION);
        let base = {
            let words: Vec<String> = [prefix(&pillar), slug(&category, 40), slug(&subcategory, 40)]
                .into_iter()
                .filter(|w| !w.is_empty())
                .collect();
            if words.len() < 2 {
                format!("{}-questions", prefix(&pillar))
            } else {
                words.join("-")
            }
        };
        let mut title = category.clone();
        if !subcategory.is_empty() && norm(&subcategory) != norm(&category) {
            title = format!("{category}: {subcategory}");
        }
        let mut start = 0;
        let mut questions = Vec::new();
        for part in 0..parts {
            // The first `len % parts` parts take one item more.
            let size = members.len() / parts + usize::from(part < members.len() % parts);
            let chunk = members[start..start + size].to_vec();
            start += size;
            let (mut id, title) = if parts == 1 {
                (base.clone(), title.clone())
            } else {
                (
                    format!("{base}-part-{}", part + 1),
                    format!("{title} (part {} of {parts})", part + 1),
                )
            };
            let stem = id.clone();
            let mut n = 2;
            while !taken.insert(id.clone()) {
                id = format!("{stem}-{n}");
                n += 1;
            }
            for &i in &chunk {
                items[i].question.clone_from(&id);
            }
            questions.push(QuestionDraft {
                id,
                title,
                pos: items[chunk[0]].pos,
                items: chunk,
            });
        }
        match pillars.iter_mut().find(|p| p.id == pillar) {
            Some(p) => p.questions.extend(questions),
            None => pillars.push(PillarDraft {
                id: pillar,
                name: pillar_name,
                questions,
            }),
        }
    }
    // Stable: custom pillars keep their order of appearance.
    pillars.sort_by_key(|p| pillar_rank(&p.id));
    pillars
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::MissingRisk;
    use crate::pack::checklist::Status;
    use crate::pack::checklist::read::Spots;

    fn item(index: usize, pillar: &str, category: &str, subcategory: &str) -> Item {
        Item {
            index,
            pos: Pos::new(index as u64 + 1, 1),
            guid: format!("g{index}"),
            id: format!("g{index}"),
            text: format!("Item {index}"),
            description: String::new(),
            links: Vec::new(),
            pillar: pillar.into(),
            pillar_name: pillar.into(),
            category: category.into(),
            subcategory: subcategory.into(),
            severity: MissingRisk::Medium,
            status: Status::NotVerified,
            comments: None,
            spots: Spots {
                status: None,
                comments: None,
                last_key: Pos::default(),
                last_value: Pos::default(),
            },
            question: String::new(),
        }
    }

    #[test]
    fn pillars_in_scorps_order_questions_in_file_order() {
        let mut items = vec![
            item(0, "governance", "Policy", "Tags"),
            item(1, "cost", "Compute", "Sizing"),
            item(2, "security", "Identity", "MFA"),
            item(3, "cost", "Compute", "sizing"),
            item(4, "security", "Identity and Access", ""),
        ];
        let pillars = group(&mut items);
        let ids: Vec<&str> = pillars.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["security", "cost", "governance"]);
        let q: Vec<(&str, &str)> = pillars
            .iter()
            .flat_map(|p| &p.questions)
            .map(|q| (q.id.as_str(), q.title.as_str()))
            .collect();
        assert_eq!(
            q,
            [
                ("sec-identity-mfa", "Identity: MFA"),
                ("sec-identity-and-access", "Identity and Access"),
                ("cost-compute-sizing", "Compute: Sizing"),
                ("governance-policy-tags", "Policy: Tags"),
            ]
        );
        assert_eq!(
            pillars[1].questions[0].items,
            [1, 3],
            "one subcategory, any case"
        );
        assert_eq!(items[3].question, "cost-compute-sizing");
    }

    #[test]
    fn a_large_group_is_split_into_near_equal_parts() {
        let mut items: Vec<Item> = (0..41)
            .map(|i| item(i, "reliability", "HA", "Zones"))
            .collect();
        let pillars = group(&mut items);
        let parts: Vec<(String, String, usize)> = pillars[0]
            .questions
            .iter()
            .map(|q| (q.id.clone(), q.title.clone(), q.items.len()))
            .collect();
        assert_eq!(
            parts,
            [
                (
                    "rel-ha-zones-part-1".into(),
                    "HA: Zones (part 1 of 3)".into(),
                    14
                ),
                (
                    "rel-ha-zones-part-2".into(),
                    "HA: Zones (part 2 of 3)".into(),
                    14
                ),
                (
                    "rel-ha-zones-part-3".into(),
                    "HA: Zones (part 3 of 3)".into(),
                    13
                ),
            ]
        );
        assert_eq!(pillars[0].questions[2].items[0], 28, "file order kept");
        let exactly: Vec<Item> = (0..19).map(|i| item(i, "cost", "A", "B")).collect();
        assert_eq!(group(&mut exactly.clone())[0].questions.len(), 1);
    }

    #[test]
    fn names_without_id_words_still_give_unique_ids() {
        let mut items = vec![
            item(0, "security", "日本語", "テスト"),
            item(1, "security", "中文", "测试"),
        ];
        let pillars = group(&mut items);
        let ids: Vec<&str> = pillars[0].questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["sec-questions", "sec-questions-2"]);
        assert_eq!(pillars[0].questions[0].title, "日本語: テスト");
    }
}
