//! A filled checklist's statuses and comments as a review.
//!
//! Each question is answered from its items' statuses:
//! - **Fulfilled**: the practice is ticked.
//! - **Not required** and **N/A**: the practice is not applicable (reasons "business priorities"
//!   and "out of scope"); it counts as in place for the risk.
//! - **Open**: the practice is missing.
//! - **Risk accepted**: the practice is missing (the risk is there, and accepted); the
//!   question's notes mark it (see [`super::notes`]) so that export gives it back as such.
//! - **Not verified** (or no status) answers nothing. A question whose items are all not verified
//!   stays unanswered; in a question that other items answer, a not-verified item counts as
//!   missing, and the notes mark it too.
//!
//! A question answered with every practice open ticks "None of these", the one way a squad says
//! that nothing is in place. Comments go to the question's notes, one block per item. The review
//! keeps the session's invariants: nothing both ticked and not applicable, "None of these" never
//! with a practice, answered exactly when something is ticked or not applicable, blank answers
//! left out.

use std::collections::{BTreeMap, HashMap};

use super::notes::{self, Entry, Mark};
use super::read::Item;
use super::{Imported, Status};
use crate::review::model::{NaReason, PracticeNa};
use crate::review::{Answer, Review, State, Timestamp, key};

/// The review a filled checklist gives, and what is in it.
#[derive(Debug, Clone)]
pub struct Answered {
    pub review: Review,
    /// Questions answered, and questions left unanswered (every item not verified).
    pub answered: usize,
    pub unanswered: usize,
    /// Items per status, in [`Status::ALL`] order.
    pub statuses: [usize; Status::ALL.len()],
    /// Items with a comment.
    pub comments: usize,
}

/// The reason a practice does not apply, for a status that says it does not.
pub(crate) fn na_reason(status: Status) -> Option<NaReason> {
    match status {
        Status::NotRequired => Some(NaReason::BusinessPriorities),
        Status::NotApplicable => Some(NaReason::OutOfScope),
        _ => None,
    }
}

impl Imported {
    /// The review of the checklist's statuses and comments, made at `now` for `workload`.
    pub fn review(&self, workload: &str, now: Timestamp) -> Answered {
        let pack = &self.pack;
        let mut review = Review::new(workload, "", "", Vec::new(), &[pack]);
        review.created = now;
        review.updated = now;
        let mut by_question: HashMap<&str, Vec<&Item>> = HashMap::new();
        for item in &self.checklist.items {
            by_question.entry(&item.question).or_default().push(item);
        }
        let mut out = Answered {
            review,
            answered: 0,
            unanswered: 0,
            statuses: [0; Status::ALL.len()],
            comments: 0,
        };
        for (_, q) in pack.questions() {
            let items = by_question
                .get(q.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            for item in items {
                out.statuses[item.status as usize] += 1;
                out.comments +=
                    usize::from(item.comments.as_deref().is_some_and(|c| !c.is_empty()));
            }
            let answered = items.iter().any(|i| i.status != Status::NotVerified);
            let selected: Vec<String> = items
                .iter()
                .filter(|i| i.status == Status::Fulfilled)
                .map(|i| i.id.clone())
                .collect();
            let not_applicable: BTreeMap<String, PracticeNa> = items
                .iter()
                .filter_map(|i| {
                    let reason = na_reason(i.status)?;
                    Some((
                        i.id.clone(),
                        PracticeNa {
                            reason,
                            note: String::new(),
                        },
                    ))
                })
                .collect();
            let selected = match q.none_choice() {
                Some(n) if answered && selected.is_empty() && not_applicable.is_empty() => {
                    vec![q.choices[n].id.clone()]
                }
                _ => selected,
            };
            let entries: Vec<Entry> = items
                .iter()
                .map(|i| Entry {
                    id: &i.id,
                    title: &i.text,
                    mark: match i.status {
                        Status::NotVerified if answered => Mark::NotVerified,
                        Status::RiskAccepted => Mark::RiskAccepted,
                        _ => Mark::None,
                    },
                    comment: i.comments.as_deref().unwrap_or(""),
                })
                .filter(|e| e.mark != Mark::None || !e.comment.is_empty())
                .collect();
            let ids: Vec<&str> = q.practices().map(|(_, c)| c.id.as_str()).collect();
            let answer = Answer {
                state: if answered {
                    State::Answered
                } else {
                    State::Unanswered
                },
                selected,
                notes: notes::write(&entries, &ids),
                updated: now,
                not_applicable,
                ..Answer::default()
            };
            if answered {
                out.answered += 1;
            } else {
                out.unanswered += 1;
            }
            if !answer.is_blank() {
                out.review.answers.insert(key(&pack.id, &q.id), answer);
            }
        }
        out
    }
}
