//! Item comments and "not verified" marks kept in a question's notes.
//!
//! A review has notes per question; a checklist has a comment per item. Import writes each
//! item's comment into its question's notes under a header line that names the item:
//!
//! ```text
//! [785c2fa5] Use canary or blue/green deployments
//! We do blue/green in production only.
//! [ab5351f6 not verified] Use HostProcess containers for Windows workloads
//! ```
//!
//! The header names the item by the shortest prefix of its practice id, 8 characters or more,
//! that no other practice of the question shares, then gives its title for people (read back, the
//! title is ignored). A mark after the name keeps a status the review cannot otherwise tell from
//! an open practice: `not verified` (an item of an answered question that the checklist had not
//! verified) and `risk accepted`. A comment line that
//! starts with `[` or `\` is written with a `\` before it, so no comment passes for a header.
//! Export reads notes back the same way; text before the first header is the squad's own.

use std::collections::BTreeMap;

/// The shortest prefix that names an item.
const MIN_PREFIX: usize = 8;
/// How much of an item's title a header shows.
const TITLE_CHARS: usize = 60;

/// A status kept in the notes, for a practice that is neither ticked nor not applicable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Open, or no mark at all.
    #[default]
    None,
    NotVerified,
    RiskAccepted,
}

impl Mark {
    fn text(self) -> &'static str {
        match self {
            Mark::None => "",
            Mark::NotVerified => " not verified",
            Mark::RiskAccepted => " risk accepted",
        }
    }
}

/// One item's part of the notes.
pub(crate) struct Entry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub mark: Mark,
    pub comment: &'a str,
}

/// Notes read back: the squad's own text before the first header, and each item's entry.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Read {
    pub preamble: String,
    pub entries: BTreeMap<String, ReadEntry>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ReadEntry {
    pub mark: Mark,
    pub comment: String,
}

/// The practice id `name` stands for among `ids`: itself, or the only one it starts when it is
/// long enough.
fn resolve<'a>(name: &str, ids: &[&'a str]) -> Option<&'a str> {
    if let Some(id) = ids.iter().find(|id| **id == name) {
        return Some(id);
    }
    if name.chars().count() < MIN_PREFIX {
        return None;
    }
    let mut found = ids.iter().filter(|id| id.starts_with(name));
    match (found.next(), found.next()) {
        (Some(id), None) => Some(id),
        _ => None,
    }
}

/// The shortest name of `id` that reads back as `id`.
fn marker<'a>(id: &'a str, ids: &[&str]) -> &'a str {
    id.char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .skip(MIN_PREFIX - 1)
        .map(|end| &id[..end])
        .find(|p| resolve(p, ids) == Some(id))
        .unwrap_or(id)
}

/// The notes for a question's entries (`ids`: every practice id of the question).
pub(crate) fn write(entries: &[Entry], ids: &[&str]) -> String {
    let mut blocks = Vec::new();
    for e in entries {
        let mut title: String = e
            .title
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if title.chars().count() > TITLE_CHARS {
            title = title.chars().take(TITLE_CHARS - 1).collect::<String>();
            title = format!("{}…", title.trim_end());
        }
        let mut block = format!("[{}{}] {title}", marker(e.id, ids), e.mark.text());
        if !e.comment.is_empty() {
            for line in e.comment.split('\n') {
                block.push('\n');
                if line.starts_with(['[', '\\']) {
                    block.push('\\');
                }
                block.push_str(line);
            }
        }
        blocks.push(block);
    }
    blocks.join("\n")
}

/// The item a header line names, and its mark.
fn header<'a>(line: &str, ids: &[&'a str]) -> Option<(&'a str, Mark)> {
    let (inner, _) = line.strip_prefix('[')?.split_once(']')?;
    let (name, mark) = [Mark::NotVerified, Mark::RiskAccepted]
        .into_iter()
        .find_map(|m| Some((inner.strip_suffix(m.text())?, m)))
        .unwrap_or((inner, Mark::None));
    Some((resolve(name, ids)?, mark))
}

/// Reads notes back into the entries of the items they name.
pub(crate) fn read(notes: &str, ids: &[&str]) -> Read {
    let mut out = Read::default();
    let mut preamble: Vec<&str> = Vec::new();
    // The entry being read and its comment lines.
    let mut current: Option<(&str, Mark, Vec<String>)> = None;
    let close = |out: &mut Read, current: Option<(&str, Mark, Vec<String>)>| {
        if let Some((id, mark, lines)) = current {
            let entry = out.entries.entry(id.to_string()).or_default();
            if mark != Mark::None {
                entry.mark = mark;
            }
            if !lines.is_empty() {
                if !entry.comment.is_empty() {
                    entry.comment.push('\n');
                }
                entry.comment.push_str(&lines.join("\n"));
            }
        }
    };
    for line in notes.split('\n') {
        if let Some((id, mark)) = header(line, ids) {
            close(&mut out, current.take());
            current = Some((id, mark, Vec::new()));
        } else if let Some((_, _, lines)) = &mut current {
            lines.push(line.strip_prefix('\\').unwrap_or(line).to_string());
        } else {
            preamble.push(line);
        }
    }
    close(&mut out, current);
    out.preamble = preamble.join("\n");
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const IDS: [&str; 3] = [
        "785c2fa5-5b56-4ad4-a408-fe72734c476b",
        "785c2fa5-9999-4ad4-a408-fe72734c476b",
        "ab5351f6-383a-45ed-9c5e-b143b16db40a",
    ];

    #[test]
    fn headers_name_items_by_their_shortest_unique_prefix() {
        let notes = write(
            &[
                Entry {
                    id: IDS[0],
                    title: "Use canary or blue/green deployments",
                    mark: Mark::None,
                    comment: "We do blue/green\n[only] in production",
                },
                Entry {
                    id: IDS[2],
                    title: "Use HostProcess containers",
                    mark: Mark::NotVerified,
                    comment: "",
                },
            ],
            &IDS,
        );
        assert_eq!(
            notes,
            "[785c2fa5-5] Use canary or blue/green deployments\nWe do blue/green\n\\[only] in production\n[ab5351f6 not verified] Use HostProcess containers"
        );
        let back = read(&notes, &IDS);
        assert_eq!(back.preamble, "");
        assert_eq!(
            back.entries[IDS[0]],
            ReadEntry {
                mark: Mark::None,
                comment: "We do blue/green\n[only] in production".into()
            }
        );
        assert_eq!(back.entries[IDS[2]].mark, Mark::NotVerified);
        assert_eq!(back.entries[IDS[2]].comment, "");
    }

    #[test]
    fn text_before_any_header_is_the_squads_own() {
        let back = read("Checked with Ana.\n[nothing] here", &IDS);
        assert_eq!(back.preamble, "Checked with Ana.\n[nothing] here");
        assert!(back.entries.is_empty());
        let short = read("[785c] too short to name an item", &IDS);
        assert!(short.entries.is_empty());
    }

    #[test]
    fn long_titles_are_cut_and_control_characters_dropped() {
        let title = format!("tab\there\u{1b}{}\nsecond line", "word ".repeat(20));
        let notes = write(
            &[Entry {
                id: "a",
                title: &title,
                mark: Mark::RiskAccepted,
                comment: "c",
            }],
            &["a"],
        );
        let head = notes.lines().next().unwrap();
        assert!(
            head.starts_with("[a risk accepted] tab here word word") && head.ends_with('…'),
            "{head}"
        );
        let back = read(&notes, &["a"]);
        assert_eq!(back.entries["a"].comment, "c");
        assert_eq!(back.entries["a"].mark, Mark::RiskAccepted);
    }

    proptest! {
        #[test]
        fn any_comments_read_back_the_same(
            comments in proptest::collection::vec(
                proptest::option::of("[\\[\\]\\\\ a-z\n]{0,40}"), 3),
            marks in proptest::collection::vec(0usize..3, 3),
        ) {
            let entries: Vec<Entry> = IDS
                .iter()
                .enumerate()
                .filter(|(i, _)| comments[*i].as_deref().is_some_and(|c| !c.is_empty()) || marks[*i] > 0)
                .map(|(i, id)| Entry {
                    id,
                    title: "T",
                    mark: [Mark::None, Mark::NotVerified, Mark::RiskAccepted][marks[i]],
                    comment: comments[i].as_deref().unwrap_or(""),
                })
                .collect();
            let back = read(&write(&entries, &IDS), &IDS);
            prop_assert_eq!(back.preamble, "");
            for e in &entries {
                let got = &back.entries[e.id];
                prop_assert_eq!(&got.comment, e.comment);
                prop_assert_eq!(got.mark, e.mark);
            }
            prop_assert_eq!(back.entries.len(), entries.len());
        }
    }
}
