//! `export --merge`: rewrite a markdown backlog the team already works in, instead of handing
//! it a new file to reconcile by hand.
//!
//! Items are found by their `<!-- scorps:item ID -->` markers (or, in a backlog written before
//! markers, by the `` `pack/question` `` in their heading), wherever the team moved them. Each
//! item is written again from the review, keeping what belongs to the team: ticked tasks (found by
//! their `<!-- scorps:task PRACTICE -->` marker, else by their bold title), lines indented under
//! a task, the `**Owner:**` line (unless the review names an owner, set in the review screen or
//! by `scorps owner`: then the review's wins), and everything written below it. Items keep their
//! place; a new item goes right after the item that precedes it in backlog order. Items no longer at risk move,
//! untouched but for a dated line, to "Resolved since last export"; headings of the team's own
//! (`#` or `##`) after the items stay at the end. The header and summary are rewritten. Merging
//! the same review again gives the same bytes.

use std::collections::HashMap;

use super::build::{Backlog, BacklogItem};
use super::markdown::{item_text, preamble};

/// The marker before the resolved section, and its heading.
const RESOLVED_MARKER: &str = "<!-- scorps:resolved -->";
const RESOLVED_HEADING: &str = "## Resolved since last export";

/// An item as found in the old backlog.
#[derive(Debug, Default)]
struct OldItem {
    id: String,
    /// Every line of the item, its marker first.
    lines: Vec<String>,
    resolved: bool,
}

/// What the team added to an item.
#[derive(Debug, Default)]
struct TeamParts {
    /// Ticked practices, by id (and by title for tasks without a marker).
    ticked_ids: Vec<String>,
    ticked_titles: Vec<String>,
    /// Lines indented under a task, by practice id or title.
    under_task: HashMap<String, Vec<String>>,
    owner: Option<String>,
    /// Lines after the owner line, blank lines at either end removed.
    text: Vec<String>,
}

/// The old backlog: its items in order, and the team's own sections after them.
#[derive(Debug, Default)]
struct OldDoc {
    items: Vec<OldItem>,
    trailer: Vec<String>,
}

/// Whether a file's text looks like a backlog scorps wrote (so merging will not eat another file).
pub fn looks_like_backlog(text: &str) -> bool {
    text.starts_with("# Improvement backlog")
        || text.lines().any(|l| marker_id(l, "item").is_some())
}

/// The id in `<!-- scorps:KIND ID -->` when `line` holds one (spacing and case of `scorps:KIND`
/// tolerated).
fn marker_id<'a>(line: &'a str, kind: &str) -> Option<&'a str> {
    let start = line.find("<!--")?;
    let rest = &line[start + 4..];
    let end = rest.find("-->")?;
    let inner = rest[..end].trim();
    let (tag, id) = inner.split_once(char::is_whitespace)?;
    let (scorps, k) = tag.split_once(':')?;
    (scorps.eq_ignore_ascii_case("scorps") && k.eq_ignore_ascii_case(kind))
        .then(|| id.trim())
        .filter(|id| !id.is_empty() && !id.contains(char::is_whitespace))
}

/// The id in a heading written before markers: `### 3. `pack/question`: title`.
fn heading_id(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("### ")?;
    let start = rest.find('`')? + 1;
    let len = rest[start..].find('`')?;
    let id = &rest[start..start + len];
    (id.contains('/') && !id.contains(char::is_whitespace)).then_some(id)
}

/// A heading of level 1 or 2: a section the team added after the items.
fn is_section(line: &str) -> bool {
    line.starts_with("# ") || line.starts_with("## ")
}

fn parse(text: &str) -> OldDoc {
    let mut doc = OldDoc::default();
    let mut current: Option<OldItem> = None;
    let mut resolved = false;
    let mut in_trailer = false;
    let mut seen_item = false;
    let close = |current: &mut Option<OldItem>, doc: &mut OldDoc| {
        if let Some(item) = current.take() {
            doc.items.push(item);
        }
    };
    for line in text.lines() {
        let marker = marker_id(line, "item");
        let fallback = heading_id(line).filter(|_| {
            // A heading starts an item only when no marker just opened one.
            current
                .as_ref()
                .is_none_or(|c| c.lines.iter().any(|l| l.starts_with("### ")))
        });
        if let Some(id) = marker.or(fallback) {
            close(&mut current, &mut doc);
            in_trailer = false;
            seen_item = true;
            current = Some(OldItem {
                id: id.to_string(),
                lines: vec![line.to_string()],
                resolved,
            });
            continue;
        }
        if line.trim() == RESOLVED_MARKER || line.trim_end() == RESOLVED_HEADING {
            close(&mut current, &mut doc);
            resolved = true;
            in_trailer = false;
            seen_item = true;
            continue;
        }
        if !seen_item {
            continue; // the preamble is written anew
        }
        if is_section(line) {
            close(&mut current, &mut doc);
            in_trailer = true;
        }
        if in_trailer {
            doc.trailer.push(line.to_string());
        } else if let Some(item) = current.as_mut() {
            item.lines.push(line.to_string());
        }
    }
    close(&mut current, &mut doc);
    doc
}

/// `- [x] …`: whether it is ticked, and the rest of the line.
fn task_line(line: &str) -> Option<(bool, &str)> {
    let rest = line.trim_start().strip_prefix(['-', '*', '+'])?;
    let rest = rest.strip_prefix(' ')?.trim_start();
    let rest = rest.strip_prefix('[')?;
    let mut chars = rest.chars();
    let mark = chars.next()?;
    let rest = chars.as_str().strip_prefix(']')?;
    match mark {
        'x' | 'X' => Some((true, rest)),
        ' ' => Some((false, rest)),
        _ => None,
    }
}

/// The bold title of a task line (`**Title**`), the key for tasks without a marker.
fn task_title(rest: &str) -> Option<String> {
    let start = rest.find("**")? + 2;
    let len = rest[start..].find("**")?;
    Some(rest[start..start + len].to_string())
}

fn team_parts(item: &OldItem) -> TeamParts {
    let mut parts = TeamParts::default();
    let owner_at = item
        .lines
        .iter()
        .position(|l| l.trim_start().starts_with("**Owner:**"));
    let generated = owner_at.map_or(&item.lines[..], |i| &item.lines[..i]);
    let mut task: Option<String> = None;
    for line in generated {
        if let Some((ticked, rest)) = task_line(line).filter(|_| !line.starts_with([' ', '\t'])) {
            let key = marker_id(line, "task")
                .map(str::to_string)
                .or_else(|| task_title(rest));
            if ticked && let Some(k) = &key {
                if marker_id(line, "task").is_some() {
                    parts.ticked_ids.push(k.clone());
                } else {
                    parts.ticked_titles.push(k.clone());
                }
            }
            task = key;
        } else if line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            if let Some(k) = &task {
                parts
                    .under_task
                    .entry(k.clone())
                    .or_default()
                    .push(line.clone());
            }
        } else {
            task = None;
        }
    }
    if let Some(i) = owner_at {
        parts.owner = Some(item.lines[i].clone());
        parts.text = trim_blank(&item.lines[i + 1..]);
    }
    parts
}

fn trim_blank(lines: &[String]) -> Vec<String> {
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => lines[s..=e].to_vec(),
        _ => Vec::new(),
    }
}

/// The item written from the review, with the team's parts put back.
fn rewrite(n: usize, item: &BacklogItem, parts: &TeamParts) -> String {
    let title_of = |practice: &str| {
        item.tasks
            .iter()
            .find(|t| t.practice == practice)
            .map(|t| t.title.as_str())
    };
    let ticked = |practice: &str| {
        parts.ticked_ids.iter().any(|p| p == practice)
            || title_of(practice).is_some_and(|t| parts.ticked_titles.iter().any(|x| x == t))
    };
    let fresh = item_text(n, item, &ticked);
    let mut out = String::new();
    for line in fresh.lines() {
        // The review's owner wins; without one, the owner the team wrote in the file stays.
        if line.starts_with("**Owner:**")
            && item.owner.is_empty()
            && let Some(owner) = &parts.owner
        {
            out.push_str(owner);
        } else {
            out.push_str(line);
        }
        out.push('\n');
        if let Some(practice) = marker_id(line, "task") {
            let under = parts
                .under_task
                .get(practice)
                .or_else(|| title_of(practice).and_then(|t| parts.under_task.get(t)));
            for l in under.into_iter().flatten() {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    if !parts.text.is_empty() {
        out.push('\n');
        for l in &parts.text {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

/// An item that left the backlog: its lines as the team left them, the heading unnumbered and a
/// line saying when it was resolved.
fn retire(item: &OldItem, date: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut noted = false;
    for line in trim_blank(&item.lines) {
        if !noted && line.starts_with("### ") {
            let text = line["### ".len()..].trim_start();
            let digits = text.chars().take_while(char::is_ascii_digit).count();
            let unnumbered = match text[digits..].strip_prefix(". ") {
                Some(rest) if digits > 0 => rest,
                _ => text,
            };
            lines.push(format!("### {unnumbered}"));
            lines.push(String::new());
            lines.push(format!(
                "_Resolved: no longer at high or medium risk, nor flagged, in the review of {date}._"
            ));
            noted = true;
        } else {
            lines.push(line);
        }
    }
    lines
}

/// The old backlog rewritten from `fresh` (see the module comment).
pub fn merge(old: &str, fresh: &Backlog) -> String {
    let doc = parse(old);
    let wanted: HashMap<&str, usize> = fresh
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), i))
        .collect();
    // Items still at risk, in the file's order; then each new one after its predecessor.
    let mut order: Vec<usize> = Vec::new();
    for item in doc.items.iter().filter(|i| !i.resolved) {
        if let Some(&i) = wanted.get(item.id.as_str())
            && !order.contains(&i)
        {
            order.push(i);
        }
    }
    for i in 0..fresh.items.len() {
        if order.contains(&i) {
            continue;
        }
        let at = match i.checked_sub(1) {
            Some(prev) => order.iter().position(|&o| o == prev).map_or(0, |p| p + 1),
            None => 0,
        };
        order.insert(at, i);
    }
    let old_of = |id: &str| {
        doc.items
            .iter()
            .find(|o| o.id == id && !o.resolved)
            .or_else(|| doc.items.iter().find(|o| o.id == id))
    };
    let mut out = preamble(fresh);
    for (n, &i) in order.iter().enumerate() {
        let item = &fresh.items[i];
        let parts = old_of(&item.id).map(team_parts).unwrap_or_default();
        out.push('\n');
        out.push_str(&rewrite(n + 1, item, &parts));
    }
    let date = fresh.updated.date();
    let mut retired: Vec<Vec<String>> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for resolved in [true, false] {
        for item in doc.items.iter().filter(|i| i.resolved == resolved) {
            if wanted.contains_key(item.id.as_str()) || seen.contains(&item.id.as_str()) {
                continue;
            }
            seen.push(&item.id);
            retired.push(if resolved {
                trim_blank(&item.lines)
            } else {
                retire(item, &date)
            });
        }
    }
    if !retired.is_empty() {
        out.push_str(&format!("\n{RESOLVED_MARKER}\n{RESOLVED_HEADING}\n"));
        for lines in retired {
            out.push('\n');
            for l in lines {
                out.push_str(&l);
                out.push('\n');
            }
        }
    }
    let trailer = trim_blank(&doc.trailer);
    if !trailer.is_empty() {
        out.push('\n');
        for l in trailer {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
