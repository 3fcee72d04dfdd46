//! What a review file says that cannot be right, noted when it is read.
//!
//! scorps writes review files so that none of this happens, but they are plain text that people
//! edit and merge: a merge can list a pack twice (every question would count twice, so the load
//! keeps the first entry, see [`store::parse`](super::store::parse)), a hand edit can select a
//! practice together with "None of these", a choice id the question does not have, or a practice
//! both ticked and marked not applicable. Such an answer still loads and is scored as written (an
//! unknown id counts as not selected); each is reported once, where the review is opened, naming
//! its key in the file.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;

use super::model::Review;
use crate::pack::Pack;
use crate::text::clean_line;

/// One thing in a review file that cannot be right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anomaly {
    /// `[[packs]]` named this pack more than once; the first entry was kept.
    DuplicatePack { id: String },
    /// An answer selects "None of these" together with practices.
    NoneWithPractices {
        key: String,
        none: String,
        practices: Vec<String>,
    },
    /// An answer selects a choice id its question does not have.
    UnknownChoice { key: String, choice: String },
    /// An answer selects the same choice more than once.
    RepeatedChoice { key: String, choice: String },
    /// An answer marks a practice not applicable and selects it too.
    NotApplicableAndSelected { key: String, choice: String },
    /// An answer marks as not applicable a choice that is no practice of its question.
    NotApplicableUnknown { key: String, choice: String },
}

impl fmt::Display for Anomaly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = |s: &str| clean_line(s).into_owned();
        match self {
            Anomaly::DuplicatePack { id } => write!(
                f,
                "`[[packs]]` lists pack `{}` more than once; the first entry is used and the others are left out (and dropped when scorps next saves the review)",
                c(id)
            ),
            Anomaly::NoneWithPractices {
                key,
                none,
                practices,
            } => {
                let list: Vec<String> = practices.iter().map(|p| format!("`{}`", c(p))).collect();
                write!(
                    f,
                    "`answers.\"{}\"` selects \"None of these\" (`{}`) together with {}; one of them is wrong: answer the question again",
                    c(key),
                    c(none),
                    list.join(", ")
                )
            }
            Anomaly::UnknownChoice { key, choice } => write!(
                f,
                "`answers.\"{}\"` selects `{}`, which the question does not have (renamed or removed from the pack?); it counts as not selected",
                c(key),
                c(choice)
            ),
            Anomaly::RepeatedChoice { key, choice } => write!(
                f,
                "`answers.\"{}\"` selects `{}` more than once",
                c(key),
                c(choice)
            ),
            Anomaly::NotApplicableAndSelected { key, choice } => write!(
                f,
                "`answers.\"{}\"` both selects `{}` and marks it not applicable; it counts as in place",
                c(key),
                c(choice)
            ),
            Anomaly::NotApplicableUnknown { key, choice } => write!(
                f,
                "`answers.\"{}\"` marks `{}` not applicable, which is no practice of the question; it is ignored",
                c(key),
                c(choice)
            ),
        }
    }
}

/// Everything in `review` that cannot be right, against the packs it is read with: packs listed
/// twice, then per answer (in key order) impossible selections. Answers to questions none of the
/// packs has are left to [`orphans`](super::resolve::orphans).
pub fn anomalies<P: std::borrow::Borrow<Pack>>(review: &Review, packs: &[P]) -> Vec<Anomaly> {
    let mut out: Vec<Anomaly> = review
        .dropped_packs
        .iter()
        .map(|p| Anomaly::DuplicatePack { id: p.id.clone() })
        .collect();
    for (key, answer) in &review.answers {
        let Some((pack_id, question_id)) = key.split_once('/') else {
            continue;
        };
        let Some((_, question)) = packs
            .iter()
            .map(Borrow::borrow)
            .find(|p: &&Pack| p.id == pack_id)
            .and_then(|p| p.question(question_id))
        else {
            continue;
        };
        let mut seen = HashSet::new();
        for choice in &answer.selected {
            if !seen.insert(choice.as_str()) {
                out.push(Anomaly::RepeatedChoice {
                    key: key.clone(),
                    choice: choice.clone(),
                });
            } else if question.choice_index(choice).is_none() {
                out.push(Anomaly::UnknownChoice {
                    key: key.clone(),
                    choice: choice.clone(),
                });
            }
        }
        for choice in answer.not_applicable.keys() {
            let is_practice = question
                .choice_index(choice)
                .is_some_and(|i| !question.choices[i].none);
            let anomaly = if !is_practice {
                Anomaly::NotApplicableUnknown {
                    key: key.clone(),
                    choice: choice.clone(),
                }
            } else if seen.contains(choice.as_str()) {
                Anomaly::NotApplicableAndSelected {
                    key: key.clone(),
                    choice: choice.clone(),
                }
            } else {
                continue;
            };
            out.push(anomaly);
        }
        if let Some(none) = question.none_choice().map(|i| &question.choices[i])
            && seen.contains(none.id.as_str())
        {
            let practices: Vec<String> = question
                .practices()
                .filter(|(_, c)| seen.contains(c.id.as_str()))
                .map(|(_, c)| c.id.clone())
                .collect();
            if !practices.is_empty() {
                out.push(Anomaly::NoneWithPractices {
                    key: key.clone(),
                    none: none.id.clone(),
                    practices,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
