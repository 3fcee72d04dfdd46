//! A voter's walk is the review's walk: one voter's votes become a review that
//! [`Session`] answers with the same rules as the squad's ("None of these" exclusive, and so on),
//! and the answers of that review become votes again. This module also narrows a voter's walk
//! to what the facilitator wants voted on, and takes a reveal's agreed answer into the review
//! through the same rules.

use std::collections::BTreeMap;

use super::file::{Vote, VoterFile};
use crate::pack::Pack;
use crate::review::session::{Edit, Filter, Outcome, Refusal, Session};
use crate::review::{Answer, Review, State, Timestamp};

/// One voter's votes as a review to walk: the review's workload, packs and people, with the
/// voter's ticks as its only answers (no notes, flags or not-applicable marks of the squad's),
/// so that only that person's ticks are visible.
pub fn as_review(review: &Review, file: &VoterFile) -> Review {
    let answers = file
        .votes
        .iter()
        .map(|(key, vote)| {
            let answer = Answer {
                state: if vote.selected.is_empty() {
                    State::Unanswered
                } else {
                    State::Answered
                },
                selected: vote.selected.clone(),
                updated: vote.updated,
                ..Answer::default()
            };
            (key.clone(), answer)
        })
        .collect();
    Review {
        position: file.position.clone(),
        seconds: 0,
        answers,
        ..review.clone()
    }
}

/// The votes of a walked ballot: every question with a tick. Votes on questions the packs no
/// longer have were read into the ballot and stay in it, so they are written back unchanged.
pub fn votes_of(ballot: &Review) -> BTreeMap<String, Vote> {
    ballot
        .answers
        .iter()
        .filter(|(_, a)| a.state == State::Answered && !a.selected.is_empty())
        .map(|(key, a)| {
            let vote = Vote {
                selected: a.selected.clone(),
                updated: a.updated,
            };
            (key.clone(), vote)
        })
        .collect()
}

/// The walk of a voter: `--pillar` and `--questions` as on the review, and `--flagged` meaning
/// the questions flagged in the review (a ballot has no flags of its own), so it becomes a list
/// of questions. A walk that would be empty is refused with what to change.
pub fn filter(
    review: &Review,
    packs: &[Pack],
    pillars: Vec<String>,
    flagged: bool,
    questions: Vec<String>,
) -> Result<Filter, String> {
    let mut filter = Filter {
        pillars,
        flagged: false,
        questions,
    };
    filter.check(packs).map_err(|e| e.to_string())?;
    if flagged {
        let parked: Vec<String> = packs
            .iter()
            .flat_map(|p| {
                p.questions()
                    .map(move |(_, q)| crate::review::key(&p.id, &q.id))
            })
            .filter(|k| review.answers.get(k).is_some_and(|a| a.flagged))
            .filter(|k| filter.questions.is_empty() || filter.questions.contains(k))
            .collect();
        if parked.is_empty() {
            return Err(if filter.questions.is_empty() {
                "--flagged: no question of the review is flagged\n  help: vote without --flagged, or name the questions with --questions".to_string()
            } else {
                "--flagged: none of the --questions is flagged in the review\n  help: drop --flagged to vote on them".to_string()
            });
        }
        filter.questions = parked;
    }
    Ok(filter)
}

/// Takes an agreed answer (choice ids) into the current question of a session through the rules
/// of answering: what is agreed and not ticked is ticked, then what is ticked and not agreed is
/// unticked; a question marked not applicable applies again. Says whether anything changed.
pub fn take(session: &mut Session, agreed: &[String], now: Timestamp) -> Result<bool, Refusal> {
    let Some((_, _, q)) = session.current() else {
        return Err(Refusal::NoQuestion);
    };
    let wanted: Vec<usize> = agreed.iter().filter_map(|id| q.choice_index(id)).collect();
    if wanted.is_empty() {
        return Err(Refusal::NoSuchChoice);
    }
    let ticked = |s: &Session| -> Vec<usize> {
        let Some((_, _, q)) = s.current() else {
            return Vec::new();
        };
        s.current_answer()
            .map(|a| {
                a.selected
                    .iter()
                    .filter_map(|id| q.choice_index(id))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut changed = false;
    let mut apply = |s: &mut Session, edit: Edit| -> Result<(), Refusal> {
        match s.apply(edit, now) {
            Outcome::Changed(_) => changed = true,
            Outcome::Refused(r) => return Err(r),
            Outcome::Moved | Outcome::Unchanged => {}
        }
        Ok(())
    };
    for i in &wanted {
        if !ticked(session).contains(i) {
            apply(session, Edit::Toggle(*i))?;
        }
    }
    for i in ticked(session) {
        if !wanted.contains(&i) {
            apply(session, Edit::Toggle(i))?;
        }
    }
    if session
        .current_answer()
        .is_some_and(|a| a.state == State::NotApplicable)
    {
        apply(session, Edit::ClearNotApplicable)?;
    }
    Ok(changed)
}

#[cfg(test)]
#[path = "ballot_tests.rs"]
mod tests;
