//! A review: who reviewed what, against which packs, and every answer given.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::dates::{Day, Timestamp};
use crate::pack::{Pack, Question, Risk};

/// The newest review file format this scorps reads and writes. A file is written with the lowest
/// format that holds it ([`Review::format_needed`]): 1 until the risk register is used, so a scorps
/// that knows nothing of it refuses a file that has one with "upgrade scorps", never misreads it.
pub const FORMAT: u32 = 2;

/// Which pack (and which content of it) a review was answered against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackRef {
    pub id: String,
    pub version: String,
    pub digest: String,
}

impl PackRef {
    pub fn of(pack: &Pack) -> PackRef {
        PackRef {
            id: pack.id.clone(),
            version: pack.version.clone(),
            digest: pack.digest.clone(),
        }
    }
}

/// Where a question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Not answered yet (kept when it has notes, evidence or a flag).
    #[default]
    Unanswered,
    Answered,
    NotApplicable,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Unanswered => "unanswered",
            State::Answered => "answered",
            State::NotApplicable => "not-applicable",
        }
    }
}

/// Why a practice does not apply to a workload (the reasons the AWS Well-Architected Tool uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NaReason {
    OutOfScope,
    BusinessPriorities,
    ArchitectureConstraints,
    Other,
}

impl NaReason {
    pub const ALL: [NaReason; 4] = [
        NaReason::OutOfScope,
        NaReason::BusinessPriorities,
        NaReason::ArchitectureConstraints,
        NaReason::Other,
    ];

    /// How people read it.
    pub fn label(self) -> &'static str {
        match self {
            NaReason::OutOfScope => "out of scope",
            NaReason::BusinessPriorities => "business priorities",
            NaReason::ArchitectureConstraints => "architecture constraints",
            NaReason::Other => "other",
        }
    }

    /// How the file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            NaReason::OutOfScope => "out-of-scope",
            NaReason::BusinessPriorities => "business-priorities",
            NaReason::ArchitectureConstraints => "architecture-constraints",
            NaReason::Other => "other",
        }
    }
}

/// A practice that does not apply to the workload: it counts as in place for the risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeNa {
    pub reason: NaReason,
    /// The squad's own words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The squad's answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Answer {
    pub state: State,
    /// Choice ids, in the pack's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub selected: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Why the question does not apply (required when not-applicable).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub flagged: bool,
    /// Why it was flagged: the parking lot's entry.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub flag_reason: String,
    /// Seconds the squad has spent on this question, over every session.
    #[serde(skip_serializing_if = "is_zero")]
    pub seconds: u64,
    pub updated: Timestamp,
    /// When the squad last said the answer still holds without changing it (`updated` says when
    /// it last changed; the later of the two is the last confirmation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<Timestamp>,
    /// Who owns the backlog item of this question.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Practices that do not apply, by choice id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub not_applicable: BTreeMap<String, PracticeNa>,
    /// The risk accepted for a while (see `review::register`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<Acceptance>,
}

/// A risk the squad decided to live with for a while: who owns it, why, until which day, and at
/// which level it was accepted (it covers that level or a lower one, never a higher).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    pub owner: String,
    /// The last day (UTC) it holds; from the next day on the risk is open again.
    pub until: Day,
    /// The question's risk when it was accepted.
    pub risk: Risk,
    pub reason: String,
    /// When it was accepted.
    pub on: Timestamp,
}

impl Answer {
    /// Whether nothing is recorded, so the entry can be dropped.
    pub fn is_blank(&self) -> bool {
        self.state == State::Unanswered
            && self.notes.is_empty()
            && self.evidence.is_empty()
            && !self.flagged
            && self.reason.is_empty()
            && self.not_applicable.is_empty()
            && self.seconds == 0
            && self.owner.is_empty()
            && self.accepted.is_none()
    }

    /// When the squad last looked at this answer: its last change or its last confirmation.
    pub fn last_confirmed(&self) -> Timestamp {
        self.confirmed.map_or(self.updated, |c| c.max(self.updated))
    }

    /// Whether the answer uses what only format 2 can hold.
    pub(crate) fn needs_register(&self) -> bool {
        self.confirmed.is_some() || !self.owner.is_empty() || self.accepted.is_some()
    }

    /// The choice ids that count as in place for the risk: the ticked ones and the practices
    /// that do not apply. "None of these" counts only when nothing else does.
    pub fn in_place<'a>(&'a self, q: &'a Question) -> Vec<&'a str> {
        let mut ids: Vec<&str> = self
            .selected
            .iter()
            .chain(self.not_applicable.keys())
            .map(String::as_str)
            .collect();
        let is_none = |id: &str| q.choice_index(id).is_some_and(|i| q.choices[i].none);
        if ids.iter().any(|id| !is_none(id)) {
            ids.retain(|id| !is_none(id));
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// A review file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub format: u32,
    pub workload: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub team: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub facilitator: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// What the workload is and does, in a sentence or two.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Where it runs: production, staging, a region…
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub environment: String,
    /// A link to the architecture (a diagram, an ADR folder, a wiki page).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub architecture: String,
    /// Who owns the review: answers its follow-up between sessions.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// The question the session was on (`<pack>/<question>`), to resume there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Seconds spent in review sessions, over every sitting.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub seconds: u64,
    /// Minutes the facilitator allows per pillar (a timebox the header counts down).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pillar_minutes: Option<u32>,
    /// The day by which the squad means to confirm its answers again; without it an answer is due
    /// a set number of days after its last confirmation (see `review::register`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<Day>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<PackRef>,
    /// Target scores by pillar id (0–100), set by hand; they win over the config's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, f64>,
    /// Keyed by `<pack id>/<question id>`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Answer>,
    /// `[[packs]]` entries dropped on load because an earlier one had the same id (see
    /// `review::check`); never written.
    #[serde(skip)]
    pub dropped_packs: Vec<PackRef>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference.
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The key of a question's answer.
pub fn key(pack: &str, question: &str) -> String {
    format!("{pack}/{question}")
}

impl Review {
    pub fn new(
        workload: &str,
        team: &str,
        facilitator: &str,
        participants: Vec<String>,
        packs: &[&Pack],
    ) -> Review {
        let now = Timestamp::now();
        Review {
            format: 1,
            workload: workload.to_string(),
            team: team.to_string(),
            facilitator: facilitator.to_string(),
            participants,
            description: String::new(),
            environment: String::new(),
            architecture: String::new(),
            owner: String::new(),
            created: now,
            updated: now,
            position: None,
            seconds: 0,
            pillar_minutes: None,
            review_by: None,
            packs: packs.iter().map(|p| PackRef::of(p)).collect(),
            targets: BTreeMap::new(),
            answers: BTreeMap::new(),
            dropped_packs: Vec::new(),
        }
    }

    /// The lowest file format that holds this review: 2 once it has workload properties, a
    /// `review_by` day, or an answer with an owner, a confirmation or an accepted risk; else 1.
    pub fn format_needed(&self) -> u32 {
        let properties = !(self.description.is_empty()
            && self.environment.is_empty()
            && self.architecture.is_empty()
            && self.owner.is_empty());
        if properties
            || self.review_by.is_some()
            || self.answers.values().any(Answer::needs_register)
        {
            2
        } else {
            1
        }
    }

    pub fn answer(&self, pack: &str, question: &str) -> Option<&Answer> {
        self.answers.get(&key(pack, question))
    }

    /// The risk of a question as answered: `None` unless answered with a selection.
    pub fn risk(&self, pack: &str, q: &Question) -> Option<Risk> {
        let a = self.answer(pack, &q.id)?;
        if a.state != State::Answered {
            return None;
        }
        q.risk_of(a.in_place(q))
    }

    pub fn state(&self, pack: &str, question: &str) -> State {
        self.answer(pack, question)
            .map_or(State::Unanswered, |a| a.state)
    }
}
