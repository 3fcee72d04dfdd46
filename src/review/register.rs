//! The risk register: the risks a squad accepted for a while, the practices that do not apply to
//! its workload, and the answers due for another look. It is what lets a pipeline tell an
//! accepted risk from a forgotten one.
//!
//! The rules, all decided on UTC days (see [`super::dates`]) as of a given day:
//! - An **acceptance** names an owner, a reason, the last day it holds (`until`) and the risk it
//!   was given for. It covers that level or a lower one: a medium risk accepted and later rated
//!   high is open again ([`Standing::Outgrown`]), as the squad never accepted a high risk. From
//!   the day after `until` it has [`Standing::Expired`] and the risk is open again. When the
//!   question is no longer at risk (or no longer answered) the acceptance is [`Standing::Moot`]: it
//!   is kept in the file, shown, and counts for nothing. The risk itself stays what the pack's
//!   rules say; only the counts of open risks leave out the acceptances that hold.
//! - An answered or not-applicable question is **stale** once the day is past its due day: the
//!   review's `review_by` when it was last confirmed on or before that day, else its last
//!   confirmation plus the review period (180 days unless the config says otherwise). Its last
//!   confirmation is the later of its last change and its last explicit confirmation.

use std::borrow::Borrow;

use serde::Serialize;

use super::model::{Acceptance, Answer, NaReason, Review, State};
use super::score::status;
use crate::pack::{Pack, Question, Risk};
use crate::text::clean_line;

pub use super::dates::Day;

/// Days an acceptance lasts unless the squad picks its own day (`accept_days` in the config).
pub const ACCEPT_DAYS: u32 = 90;

/// Days after its last confirmation an answer is due again (`review_days` in the config).
pub const REVIEW_DAYS: u32 = 180;

/// The day the register is read as of, and the review period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOf {
    pub day: Day,
    pub review_days: u32,
}

impl AsOf {
    /// As of `day`, with the default review period.
    pub fn new(day: Day) -> AsOf {
        AsOf {
            day,
            review_days: REVIEW_DAYS,
        }
    }
}

/// Where an acceptance stands as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// It holds: the risk is accepted, not open.
    Holds,
    /// Past its last day: the risk is open again.
    Expired,
    /// The risk rose above the level accepted: open again.
    Outgrown,
    /// The question is no longer at risk: nothing is accepted.
    Moot,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Holds => "holds",
            Standing::Expired => "expired",
            Standing::Outgrown => "outgrown",
            Standing::Moot => "moot",
        }
    }
}

/// Where an acceptance given at `accepted.risk` stands for a question now at `risk`, on `day`.
pub fn standing(accepted: &Acceptance, risk: Option<Risk>, day: Day) -> Standing {
    match risk {
        None | Some(Risk::None) => Standing::Moot,
        Some(_) if day > accepted.until => Standing::Expired,
        Some(now) if now > accepted.risk => Standing::Outgrown,
        Some(_) => Standing::Holds,
    }
}

/// The day an answer is due for another look (see the module documentation).
pub fn due(review: &Review, answer: &Answer, review_days: u32) -> Day {
    let last = answer.last_confirmed().day();
    match review.review_by {
        Some(by) if last <= by => by,
        _ => last.plus(i64::from(review_days)),
    }
}

/// The risk of an answer to `q` as the scorecard counts it (`None` unless answered with a
/// selection that gives one).
pub fn risk_of(q: &Question, answer: &Answer) -> Option<Risk> {
    (answer.state == State::Answered)
        .then(|| q.risk_of(answer.in_place(q)))
        .flatten()
}

/// Where a question of the register sits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// `<pack>/<question>`.
    pub id: String,
    pub pillar: String,
    pub title: String,
}

/// An acceptance and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accepted {
    #[serde(flatten)]
    pub place: Place,
    /// The question's risk now.
    pub risk: Option<Risk>,
    /// The risk it was accepted at.
    pub accepted_risk: Risk,
    pub owner: String,
    pub until: String,
    pub reason: String,
    pub standing: Standing,
    #[serde(skip)]
    pub until_day: Day,
}

/// A practice that does not apply to the workload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeNa {
    #[serde(flatten)]
    pub place: Place,
    pub practice: String,
    pub practice_title: String,
    pub reason: NaReason,
    pub note: String,
}

/// An answer due for another look.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stale {
    #[serde(flatten)]
    pub place: Place,
    pub state: State,
    /// The day it was last changed or confirmed.
    pub confirmed: String,
    /// The day it was due.
    pub due: String,
}

/// A review's register as of a day, in the order of the review's packs and their questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Register {
    pub as_of: String,
    pub review_by: Option<String>,
    pub review_days: u32,
    pub accepted: Vec<Accepted>,
    pub practices_not_applicable: Vec<PracticeNa>,
    pub stale: Vec<Stale>,
}

impl Register {
    /// The register of `review` against `packs` as of a day. Text from the review and the packs
    /// has its control characters removed.
    pub fn of<P: Borrow<Pack>>(review: &Review, packs: &[P], as_of: AsOf) -> Register {
        let mut register = Register {
            as_of: as_of.day.to_string(),
            review_by: review.review_by.map(|d| d.to_string()),
            review_days: as_of.review_days,
            accepted: Vec::new(),
            practices_not_applicable: Vec::new(),
            stale: Vec::new(),
        };
        for pack in packs {
            let pack = pack.borrow();
            for (pillar, q) in pack.questions() {
                let Some(answer) = review.answer(&pack.id, &q.id) else {
                    continue;
                };
                let place = || Place {
                    id: super::key(&pack.id, &q.id),
                    pillar: pillar.id.clone(),
                    title: clean_line(q.title.trim()).into_owned(),
                };
                let (state, risk) = status(review, &pack.id, q);
                if let Some(a) = &answer.accepted {
                    register.accepted.push(Accepted {
                        place: place(),
                        risk,
                        accepted_risk: a.risk,
                        owner: clean_line(a.owner.trim()).into_owned(),
                        until: a.until.to_string(),
                        reason: clean_line(a.reason.trim()).into_owned(),
                        standing: standing(a, risk, as_of.day),
                        until_day: a.until,
                    });
                }
                for (id, na) in &answer.not_applicable {
                    let title = q
                        .choice_index(id)
                        .map_or(id.as_str(), |i| q.choices[i].title.as_str());
                    register.practices_not_applicable.push(PracticeNa {
                        place: place(),
                        practice: clean_line(id).into_owned(),
                        practice_title: clean_line(title.trim()).into_owned(),
                        reason: na.reason,
                        note: clean_line(na.note.trim()).into_owned(),
                    });
                }
                let due = due(review, answer, as_of.review_days);
                if state != State::Unanswered && as_of.day > due {
                    register.stale.push(Stale {
                        place: place(),
                        state,
                        confirmed: answer.last_confirmed().date(),
                        due: due.to_string(),
                    });
                }
            }
        }
        register
    }

    /// The acceptances with this standing.
    pub fn with(&self, standing: Standing) -> impl Iterator<Item = &Accepted> {
        self.accepted.iter().filter(move |a| a.standing == standing)
    }

    /// Whether the risk of question `id` is accepted (an acceptance that holds).
    pub fn holds(&self, id: &str) -> bool {
        self.accepted
            .iter()
            .any(|a| a.place.id == id && a.standing == Standing::Holds)
    }

    /// The acceptance of question `id`, whatever it stands at.
    pub fn acceptance(&self, id: &str) -> Option<&Accepted> {
        self.accepted.iter().find(|a| a.place.id == id)
    }

    /// Whether question `id` is stale.
    pub fn is_stale(&self, id: &str) -> bool {
        self.stale.iter().any(|s| s.place.id == id)
    }

    /// Whether there is nothing to list.
    pub fn is_empty(&self) -> bool {
        self.accepted.is_empty()
            && self.practices_not_applicable.is_empty()
            && self.stale.is_empty()
    }
}

#[cfg(test)]
#[path = "register_tests.rs"]
mod tests;
