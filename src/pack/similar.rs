//! Lint across packs: practice titles that nearly repeat a practice of another pack.
//!
//! An architect writing a pack should learn that a practice is already asked by a built-in or a
//! pack of the team, or the squad answers the same thing twice. Titles are compared as sets of
//! words: lowercased, split on anything but letters and digits, a final plural `s` dropped, and
//! stop words ("the", "every", "is", …) left out. Two titles are near-duplicates when those sets
//! overlap by [`THRESHOLD_PERCENT`] or more (Jaccard: shared words / all words) and share at least
//! two words. Candidates come from an index of the rarest words of each title (prefix filtering),
//! so a large pack costs far less than every pair, and a budget bounds the rest.

use std::collections::HashMap;

use super::error::PackError;
use super::{Choice, Pack, Question};

/// Shared words / all words, in percent, from which two titles are near-duplicates.
pub(crate) const THRESHOLD_PERCENT: usize = 70;
/// Titles compared word by word at most, over one check (a fraction of a second).
pub(crate) const COMPARISON_BUDGET: usize = 1 << 22;

/// Words that carry no meaning of their own in a practice title.
const STOP_WORDS: &[&str] = &[
    "a", "all", "an", "and", "any", "are", "as", "at", "be", "been", "by", "each", "every", "for",
    "from", "has", "have", "in", "into", "is", "it", "its", "of", "on", "or", "our", "so", "that",
    "the", "their", "them", "there", "these", "they", "this", "those", "to", "we", "when", "with",
    "your",
];

/// The words of a title that count, sorted and without repeats.
pub(crate) fn words(title: &str) -> Vec<String> {
    let mut out: Vec<String> = title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.chars().count() >= 3 && !stem.ends_with('s') => stem.to_string(),
            _ => w.to_string(),
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether two word sets, each sorted by id, are near-duplicates.
fn near(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let all = a.len() + b.len() - shared;
    shared >= 2 && shared * 100 >= THRESHOLD_PERCENT * all
}

/// How many of a set's rarest words must be indexed so that any near-duplicate shares one.
fn prefix_len(n: usize) -> usize {
    // J ≥ t needs at least ⌈t·n⌉ shared words, so a match must share one of the first
    // n − ⌈t·n⌉ + 1 words in a common order.
    n - (THRESHOLD_PERCENT * n).div_ceil(100) + 1
}

/// A practice and where it lives.
struct Title<'a> {
    pack: &'a Pack,
    question: &'a Question,
    choice: &'a Choice,
    /// Index of the pack among the checked files, `None` for a pack only loaded beside them.
    checked: Option<usize>,
    /// Word ids, rarest first: the first ones are indexed.
    words: Vec<u32>,
    /// The same ids in increasing order, for comparing.
    sorted: Vec<u32>,
}

impl Title<'_> {
    fn place(&self) -> String {
        format!(
            "pack `{}`, question `{}`, choice `{}`",
            self.pack.id, self.question.id, self.choice.id
        )
    }

    fn location(&self) -> String {
        let at = self.choice.pos;
        format!("{}:{}:{}", self.pack.source, at.line, at.col)
    }
}

/// Warnings for practices of `checked` whose titles nearly repeat a practice of another checked
/// pack given before them, or of a pack in `others`. Each names both places.
pub fn near_duplicates(checked: &[&Pack], others: &[&Pack]) -> Vec<PackError> {
    let packs = checked
        .iter()
        .enumerate()
        .map(|(i, p)| (*p, Some(i)))
        .chain(
            // A loaded pack with the id of a checked file is the one that file replaces.
            others
                .iter()
                .filter(|o| !checked.iter().any(|c| c.id == o.id))
                .map(|p| (*p, None)),
        );
    let mut vocabulary: HashMap<String, u32> = HashMap::new();
    let mut frequency: Vec<usize> = Vec::new();
    let mut titles: Vec<Title> = Vec::new();
    for (pack, checked) in packs {
        for (_, question) in pack.questions() {
            for (_, choice) in question.practices() {
                let ids: Vec<u32> = words(&choice.title)
                    .into_iter()
                    .map(|w| {
                        let next = vocabulary.len() as u32;
                        let id = *vocabulary.entry(w).or_insert(next);
                        if id as usize == frequency.len() {
                            frequency.push(0);
                        }
                        frequency[id as usize] += 1;
                        id
                    })
                    .collect();
                titles.push(Title {
                    pack,
                    question,
                    choice,
                    checked,
                    sorted: ids.clone(),
                    words: ids,
                });
            }
        }
    }
    for t in &mut titles {
        t.words.sort_by_key(|w| (frequency[*w as usize], *w));
        t.sorted.sort_unstable();
    }
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, t) in titles.iter().enumerate() {
        for w in t.words.iter().take(prefix_len(t.words.len())) {
            index.entry(*w).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    let mut budget = COMPARISON_BUDGET;
    let mut skipped = 0usize;
    let mut seen = vec![usize::MAX; titles.len()];
    for (i, t) in titles.iter().enumerate() {
        let Some(order) = t.checked else { continue };
        if t.words.len() < 2 {
            continue;
        }
        let mut found: Option<usize> = None;
        'words: for w in t.words.iter().take(prefix_len(t.words.len())) {
            for &j in &index[w] {
                let other = &titles[j];
                let earlier = other.checked.is_none_or(|o| o < order);
                if seen[j] == i || other.pack.id == t.pack.id || !earlier {
                    continue;
                }
                seen[j] = i;
                if budget == 0 {
                    skipped += 1;
                    break 'words;
                }
                budget -= 1;
                if near(&t.sorted, &other.sorted) && found.is_none_or(|f| j < f) {
                    found = Some(j);
                }
            }
        }
        if let Some(j) = found {
            let other = &titles[j];
            out.push(
                PackError::warning(
                    t.pack.source.to_string(),
                    t.choice.pos,
                    format!(
                        "practice title \"{}\" nearly repeats \"{}\" ({}, at {})",
                        t.choice.title.trim(),
                        other.choice.title.trim(),
                        other.place(),
                        other.location()
                    ),
                )
                .context(t.place())
                .help("if it is the same practice, ask it once (keep one of the two); if not, reword one so the difference shows"),
            );
        }
    }
    if skipped > 0 {
        let first = checked
            .first()
            .map(|p| p.source.to_string())
            .unwrap_or_default();
        out.push(
            PackError::warning(
                first,
                super::Pos::default(),
                format!(
                    "{skipped} practice(s) were not compared with every similar title: the packs hold more than {COMPARISON_BUDGET} candidate pairs"
                ),
            )
            .help("check fewer or smaller packs at a time"),
        );
    }
    out
}

#[cfg(test)]
#[path = "similar_tests.rs"]
mod tests;
