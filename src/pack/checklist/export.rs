//! A review written back into its checklist: every item's status and comments.
//!
//! The checklist JSON the pack was imported from is the template: export reads each item's
//! answer from the review (by question and practice id, which the import of that same file
//! gives) and rewrites only `status` and `comments`, adding them where missing; every other byte
//! stays as it was ([`super::patch`]).
//!
//! - Ticked → Fulfilled; not applicable → N/A (out of scope, architecture constraints) or Not
//!   required (business priorities, other); marked in the notes → Not verified or Risk
//!   accepted; otherwise, in an answered question → Open.
//! - An unanswered question → every item Not verified; a question not applicable → every item
//!   N/A, with the reason in its comments.
//! - Comments: the item's block of the question's notes, then its not-applicable words. The
//!   squad's own notes (before any item's block) and the question's evidence go to the
//!   question's first item.
//!
//! Status names are the checklist's own (a translated checklist gets its translated names back).

use std::collections::HashMap;

use super::map::status_name;
use super::notes::{self, Mark};
use super::patch::{self, Edit, json_string};
use super::{Imported, Status};
use crate::review::model::NaReason;
use crate::review::{Answer, Review, State};

/// A filled checklist, and what export has to say about it.
#[derive(Debug, Clone)]
pub struct Exported {
    pub json: String,
    /// Things worth a look, one line each (the review and the checklist differ, …).
    pub notes: Vec<String>,
    /// Items per status written, in [`Status::ALL`] order.
    pub statuses: [usize; Status::ALL.len()],
}

/// The status an answer gives one of its question's practices.
fn status(answer: Option<&Answer>, id: &str, read: &notes::Read) -> Status {
    let Some(a) = answer else {
        return Status::NotVerified;
    };
    match a.state {
        State::Unanswered => Status::NotVerified,
        State::NotApplicable => Status::NotApplicable,
        State::Answered if a.selected.iter().any(|s| s == id) => Status::Fulfilled,
        State::Answered => match a.not_applicable.get(id).map(|na| na.reason) {
            Some(NaReason::OutOfScope | NaReason::ArchitectureConstraints) => Status::NotApplicable,
            Some(NaReason::BusinessPriorities | NaReason::Other) => Status::NotRequired,
            None => match read.entries.get(id).map(|e| e.mark) {
                Some(Mark::NotVerified) => Status::NotVerified,
                Some(Mark::RiskAccepted) => Status::RiskAccepted,
                Some(Mark::None) | None => Status::Open,
            },
        },
    }
}

/// Writes the answers `review` holds for pack `pack_id` into the checklist `imported` was read
/// from.
pub fn export(imported: &Imported, review: &Review, pack_id: &str) -> Result<Exported, String> {
    let pack = &imported.pack;
    let mut out_notes = Vec::new();
    if let Some(recorded) = review.packs.iter().find(|p| p.id == pack_id)
        && recorded.digest != pack.digest
    {
        out_notes.push(format!(
            "the review was answered against another content of pack `{pack_id}` than this checklist gives (the digests differ); items are matched by question and guid, so check the result"
        ));
    }
    let prefix = format!("{pack_id}/");
    let strays = review
        .answers
        .keys()
        .filter_map(|k| k.strip_prefix(&prefix))
        .filter(|q| pack.question(q).is_none())
        .count();
    if strays > 0 {
        out_notes.push(format!(
            "{strays} answer(s) of the review are to questions this checklist does not have; they are not written"
        ));
    }
    // Each question's notes read back, and its first item (items of a question need not be
    // next to each other in the file).
    let mut reads: HashMap<&str, (notes::Read, usize)> = HashMap::new();
    for item in &imported.checklist.items {
        reads.entry(item.question.as_str()).or_insert_with(|| {
            let ids: Vec<&str> = pack
                .question(&item.question)
                .map(|(_, q)| q.practices().map(|(_, c)| c.id.as_str()).collect())
                .unwrap_or_default();
            let notes = review
                .answer(pack_id, &item.question)
                .map_or("", |a| a.notes.as_str());
            (notes::read(notes, &ids), item.index)
        });
    }
    let mut edits = Vec::new();
    let mut statuses = [0; Status::ALL.len()];
    let empty = (notes::Read::default(), usize::MAX);
    for item in &imported.checklist.items {
        let answer = review.answer(pack_id, &item.question);
        let (read, first) = reads.get(item.question.as_str()).unwrap_or(&empty);
        let first = *first == item.index;
        let st = status(answer, &item.id, read);
        statuses[st as usize] += 1;
        let mut parts: Vec<String> = Vec::new();
        if let Some(a) = answer {
            if first && !read.preamble.trim().is_empty() {
                parts.push(read.preamble.clone());
            }
            if let Some(e) = read.entries.get(&item.id)
                && !e.comment.is_empty()
            {
                parts.push(e.comment.clone());
            }
            if let Some(na) = a.not_applicable.get(&item.id)
                && a.state == State::Answered
                && !na.note.is_empty()
            {
                parts.push(na.note.clone());
            }
            if a.state == State::NotApplicable && !a.reason.is_empty() {
                parts.push(format!("Not applicable: {}", a.reason));
            }
            if first {
                parts.extend(a.evidence.iter().map(|e| format!("Evidence: {e}")));
            }
        }
        let comment = parts.join("\n");
        let name = status_name(st, &imported.checklist.status_names);
        let spots = item.spots;
        let mut append = Vec::new();
        match spots.status {
            Some(at) => edits.push(Edit::Replace {
                at,
                json: json_string(&name),
            }),
            None => append.push(("status".to_string(), json_string(&name))),
        }
        match spots.comments {
            Some(at) => edits.push(Edit::Replace {
                at,
                json: json_string(&comment),
            }),
            None if !comment.is_empty() => {
                append.push(("comments".to_string(), json_string(&comment)));
            }
            None => {}
        }
        if !append.is_empty() {
            edits.push(Edit::Append {
                key: spots.last_key,
                value: spots.last_value,
                members: append,
            });
        }
    }
    let body = patch::apply(&imported.text, &edits)
        .map_err(|e| format!("internal error in `checklist export`, please report it: {e}"))?;
    let json = if imported.bom {
        format!("\u{feff}{body}")
    } else {
        body
    };
    Ok(Exported {
        json,
        notes: out_notes,
        statuses,
    })
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
