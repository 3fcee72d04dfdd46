//! A review session: which questions are walked, where the walk stands, and every rule of
//! answering. Any front end (the review screen today, votes and scripts tomorrow) changes a
//! review only through [`Session::apply`], so the rules below hold for all of them.
//!
//! The rules of answering:
//! - **Ticking** a practice answers the question. "None of these" is exclusive: choosing it clears
//!   every practice, and ticking a practice clears it. Unticking the last choice leaves the
//!   question unanswered.
//! - **Not applicable** needs a reason (trimmed, not empty). The selection is kept while the
//!   question is not applicable and comes back when not-applicable is cleared. Ticking a choice
//!   on a not-applicable question clears not-applicable: the question applies after all.
//! - **A practice not applicable** (never "None of these") takes a reason from a fixed list and
//!   optional words; it counts as in place for the risk, and it answers the question as a tick
//!   does. A practice is ticked or not applicable, never both: doing one undoes the other.
//! - **Notes, evidence and the flag** can be set in any state. Evidence links are trimmed; an
//!   empty or repeated link is refused. Notes hold at most 64 KiB, a reason or a link 4 KiB.
//! - Every change stamps the answer and the review with the time the caller passes in. An answer
//!   with nothing left in it (unanswered, no notes, evidence, flag or reason) leaves the file.
//! - **Moving** changes only the resume position, never `updated`.
//! - **Time** spent is added to the current question and to the review; it is not an answer, so
//!   it never changes `updated`. A flag may carry a short reason (the parking lot); removing the
//!   flag removes the reason.
//! - An empty walk (a filter nothing matches) is a normal state: there is no current question and
//!   every edit of an answer is refused with [`Refusal::NoQuestion`].
//!
//! The register (see [`super::register`] for what its entries mean):
//! - **Accepting** a risk needs a question answered at high or medium risk, an owner, a reason
//!   (each trimmed, not empty) and a last day no earlier than the day of `now` (UTC). It records
//!   the risk as it is now; accepting again replaces the acceptance. Changing the answer later
//!   keeps the acceptance: it then covers the new risk only when that is no higher. Clearing it
//!   removes it.
//! - **Confirming** says an answered or not-applicable answer still holds: it records `now` as
//!   its confirmation and leaves `updated` (its last change) alone; an unanswered question has
//!   nothing to confirm. Any other change to an answer confirms it too.
//! - **The owner** of a question's backlog item is a name (trimmed; empty removes it), kept
//!   whatever the question's state.

use std::fmt;

use super::model::{Acceptance, Answer, Day, NaReason, PracticeNa, Review, State, Timestamp, key};
use crate::pack::{Pack, Pillar, Question, Risk};

/// The longest notes an answer takes (bytes). Longer notes already in a file are kept and may be
/// shortened, never lengthened.
pub const MAX_NOTES: usize = 64 * 1024;

/// The longest reason, evidence link or flag reason (bytes).
pub const MAX_LINE: usize = 4 * 1024;

/// Which questions a session walks. Empty lists mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only these pillar ids.
    pub pillars: Vec<String>,
    /// Only the questions flagged when the session began.
    pub flagged: bool,
    /// Only these questions, as `<pack>/<question>` keys.
    pub questions: Vec<String>,
}

impl Filter {
    /// Whether the walk is narrowed at all.
    pub fn is_narrowed(&self) -> bool {
        self.flagged || !self.pillars.is_empty() || !self.questions.is_empty()
    }

    /// Names the pillar or question ids the packs do not have, and lists the valid ones.
    pub fn check(&self, packs: &[Pack]) -> Result<(), FilterError> {
        let mut pillars: Vec<&str> = Vec::new();
        for pillar in packs.iter().flat_map(|p| &p.pillars) {
            if !pillars.contains(&pillar.id.as_str()) {
                pillars.push(&pillar.id);
            }
        }
        if let Some(bad) = self.pillars.iter().find(|p| !pillars.contains(&p.as_str())) {
            return Err(FilterError::Pillar {
                id: bad.clone(),
                known: pillars.iter().map(ToString::to_string).collect(),
            });
        }
        let known = |k: &str| {
            k.split_once('/').is_some_and(|(pack, q)| {
                packs
                    .iter()
                    .any(|p| p.id == pack && p.question(q).is_some())
            })
        };
        if let Some(bad) = self.questions.iter().find(|k| !known(k)) {
            return Err(FilterError::Question { key: bad.clone() });
        }
        Ok(())
    }

    fn admits(&self, review: &Review, pack: &Pack, pillar: &Pillar, q: &Question) -> bool {
        (self.pillars.is_empty() || self.pillars.contains(&pillar.id))
            && (!self.flagged || review.answer(&pack.id, &q.id).is_some_and(|a| a.flagged))
            && (self.questions.is_empty() || self.questions.contains(&key(&pack.id, &q.id)))
    }
}

/// A filter naming something the review's packs do not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("--pillar {id}: the review has no such pillar; its pillars are: {}", known.join(", "))]
    Pillar { id: String, known: Vec<String> },
    #[error(
        "no question `{key}` in the review's packs\n  help: name questions as PACK/QUESTION, as `scorps packs show PACK` lists them"
    )]
    Question { key: String },
}

/// A question in walk order: indices into the packs, their pillars and questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QRef {
    pub pack: usize,
    pub pillar: usize,
    pub question: usize,
}

/// One change a squad makes, always to the current question (or, for moves, to the walk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Tick or untick the choice at this index ("None of these" included).
    Toggle(usize),
    /// Mark the question not applicable, with a reason.
    NotApplicable(String),
    /// The question applies after all: the earlier selection comes back.
    ClearNotApplicable,
    /// Replace the notes.
    Notes(String),
    AddEvidence(String),
    /// Remove the evidence link at this index.
    RemoveEvidence(usize),
    /// Mark the practice at this index not applicable, with a reason and optional words.
    PracticeNotApplicable {
        choice: usize,
        reason: NaReason,
        note: String,
    },
    /// The practice at this index applies after all.
    ClearPracticeNotApplicable(usize),
    /// Flag the question to revisit, with an optional reason (the parking lot), or remove the flag
    /// and its reason.
    Flag {
        on: bool,
        reason: String,
    },
    /// Accept the question's risk until a day (inclusive), with an owner and a reason.
    Accept {
        owner: String,
        until: Day,
        reason: String,
    },
    /// Remove the acceptance: the risk is open.
    ClearAcceptance,
    /// The answer still holds as it is.
    Confirm,
    /// Who owns the question's backlog item; empty removes the owner.
    Owner(String),
    /// Time spent: seconds added to the current question (if any) and to the review.
    Spend(u64),
    /// Move along the walk by this many questions (clamped to the walk).
    Step(isize),
    /// Move to this index of the walk.
    Go(usize),
}

/// What an edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The answer changed: the review must be saved.
    Changed(Change),
    /// The walk moved to another question (the resume position changed).
    Moved,
    /// Nothing changed: the value was already so.
    Unchanged,
    /// The edit was not made, and why.
    Refused(Refusal),
}

/// Which part of an answer changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Selection,
    NotApplicable,
    NotApplicableCleared,
    PracticeNotApplicable,
    PracticeNotApplicableCleared,
    Notes,
    EvidenceAdded,
    EvidenceRemoved,
    Flagged,
    Unflagged,
    Accepted,
    AcceptanceCleared,
    Confirmed,
    Owner,
    OwnerCleared,
    Time,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Change::Selection => "Answer saved.",
            Change::NotApplicable => "Marked not applicable.",
            Change::NotApplicableCleared => "Not applicable cleared; the earlier answer is back.",
            Change::PracticeNotApplicable => "Practice marked not applicable.",
            Change::PracticeNotApplicableCleared => "The practice applies again.",
            Change::Notes => "Notes saved.",
            Change::EvidenceAdded => "Evidence added.",
            Change::EvidenceRemoved => "Evidence link removed.",
            Change::Flagged => "Flagged to revisit.",
            Change::Unflagged => "Flag removed.",
            Change::Accepted => "Risk accepted.",
            Change::AcceptanceCleared => "Acceptance removed: the risk is open.",
            Change::Confirmed => "Confirmed: the answer still holds.",
            Change::Owner => "Owner set.",
            Change::OwnerCleared => "Owner removed.",
            Change::Time => "",
        })
    }
}

/// Why an edit was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The walk is empty: there is no question to change.
    NoQuestion,
    /// Not applicable needs a reason.
    ReasonRequired,
    /// The current question has no choice at that index.
    NoSuchChoice,
    /// "None of these" is not a practice: it cannot be not applicable.
    NotAPractice,
    /// There is no evidence link at that index.
    NoSuchEvidence,
    EmptyEvidence,
    DuplicateEvidence,
    /// Notes, a link or a reason longer than scorps keeps.
    TooLong,
    /// A step past the last question.
    LastQuestion,
    /// A step before the first question.
    FirstQuestion,
    /// Only a question answered at high or medium risk has a risk to accept.
    NotAtRisk,
    /// Accepting a risk needs an owner.
    OwnerRequired,
    /// Accepting a risk needs a reason.
    AcceptReasonRequired,
    /// An acceptance cannot end before today.
    UntilPassed,
    /// An unanswered question has nothing to confirm.
    NothingToConfirm,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::NoQuestion => "No question here: nothing in this walk matches the filter.",
            Refusal::ReasonRequired => "Not applicable needs a reason; nothing changed.",
            Refusal::NoSuchChoice => "This question has no practice with that number.",
            Refusal::NotAPractice => {
                "\"None of these\" is not a practice; mark the question not applicable instead."
            }
            Refusal::NoSuchEvidence => "There is no evidence link there.",
            Refusal::EmptyEvidence => "Type a link or reference first.",
            Refusal::DuplicateEvidence => "That link is already there.",
            Refusal::TooLong => {
                "That is longer than a note may be (64 KiB); put long texts in a linked document."
            }
            Refusal::LastQuestion => "That was the last question.",
            Refusal::FirstQuestion => "This is the first question.",
            Refusal::NotAtRisk => {
                "Only a question at high or medium risk has a risk to accept; nothing changed."
            }
            Refusal::OwnerRequired => "An accepted risk needs an owner; nothing changed.",
            Refusal::AcceptReasonRequired => "An accepted risk needs a reason; nothing changed.",
            Refusal::UntilPassed => {
                "That day has passed: accept until today or a later day (YYYY-MM-DD)."
            }
            Refusal::NothingToConfirm => {
                "Answer the question first: an unanswered question has nothing to confirm."
            }
        })
    }
}

/// A review being walked: the review, the packs it is answered against, and the walk.
#[derive(Debug, Clone)]
pub struct Session {
    review: Review,
    packs: Vec<Pack>,
    filter: Filter,
    order: Vec<QRef>,
    /// Index into `order`; `None` exactly when the walk is empty.
    cursor: Option<usize>,
    /// Whether the next change should also record the packs as they are now.
    record_packs: bool,
}

impl Session {
    /// Starts a walk, at the question the review was left on when it is in the walk, else at the
    /// first unanswered one, else at the first.
    pub fn new(review: Review, packs: Vec<Pack>, filter: Filter) -> Result<Session, FilterError> {
        filter.check(&packs)?;
        let mut session = Session {
            review,
            packs,
            filter,
            order: Vec::new(),
            cursor: None,
            record_packs: false,
        };
        session.order = session.walk_order();
        session.cursor = session.resume_point();
        Ok(session)
    }

    fn walk_order(&self) -> Vec<QRef> {
        let mut order = Vec::new();
        for (pi, pack) in self.packs.iter().enumerate() {
            for (li, pillar) in pack.pillars.iter().enumerate() {
                for (qi, q) in pillar.questions.iter().enumerate() {
                    if self.filter.admits(&self.review, pack, pillar, q) {
                        order.push(QRef {
                            pack: pi,
                            pillar: li,
                            question: qi,
                        });
                    }
                }
            }
        }
        order
    }

    fn resume_point(&self) -> Option<usize> {
        if self.order.is_empty() {
            return None;
        }
        let position = self.review.position.as_deref();
        let at = position
            .and_then(|k| {
                self.order
                    .iter()
                    .position(|r| self.key_of(*r).as_deref() == Some(k))
            })
            .or_else(|| {
                self.order
                    .iter()
                    .position(|r| self.status(*r).0 == State::Unanswered)
            });
        Some(at.unwrap_or(0))
    }

    /// Walks every question of the review's packs, keeping the current one.
    pub fn widen(&mut self) {
        let here = self.current_ref();
        self.filter = Filter::default();
        self.order = self.walk_order();
        self.cursor = here
            .and_then(|h| self.order.iter().position(|r| *r == h))
            .or(if self.order.is_empty() { None } else { Some(0) });
    }

    pub fn review(&self) -> &Review {
        &self.review
    }

    /// The review as the edits left it.
    pub fn into_review(self) -> Review {
        self.review
    }

    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// The questions walked, in order.
    pub fn order(&self) -> &[QRef] {
        &self.order
    }

    /// Index of the current question in the walk; `None` when the walk is empty.
    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    pub fn current_ref(&self) -> Option<QRef> {
        self.order.get(self.cursor?).copied()
    }

    pub fn current(&self) -> Option<(&Pack, &Pillar, &Question)> {
        self.get(self.current_ref()?)
    }

    pub fn get(&self, r: QRef) -> Option<(&Pack, &Pillar, &Question)> {
        let pack = self.packs.get(r.pack)?;
        let pillar = pack.pillars.get(r.pillar)?;
        Some((pack, pillar, pillar.questions.get(r.question)?))
    }

    /// The answer key of a question, `<pack>/<question>`.
    pub fn key_of(&self, r: QRef) -> Option<String> {
        self.get(r).map(|(p, _, q)| key(&p.id, &q.id))
    }

    pub fn current_key(&self) -> Option<String> {
        self.key_of(self.current_ref()?)
    }

    pub fn answer_of(&self, r: QRef) -> Option<&Answer> {
        let (pack, _, q) = self.get(r)?;
        self.review.answer(&pack.id, &q.id)
    }

    pub fn current_answer(&self) -> Option<&Answer> {
        self.answer_of(self.current_ref()?)
    }

    /// A question's state and risk, as the scorecard counts them.
    pub fn status(&self, r: QRef) -> (State, Option<Risk>) {
        match self.get(r) {
            Some((pack, _, q)) => super::score::status(&self.review, &pack.id, q),
            None => (State::Unanswered, None),
        }
    }

    pub fn flagged(&self, r: QRef) -> bool {
        self.answer_of(r).is_some_and(|a| a.flagged)
    }

    /// How many questions of the walk are answered or not applicable, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        let done = self
            .order
            .iter()
            .filter(|r| self.status(**r).0 != State::Unanswered)
            .count();
        (done, self.order.len())
    }

    /// Applies one edit at time `now`. See the module documentation for the rules.
    pub fn apply(&mut self, edit: Edit, now: Timestamp) -> Outcome {
        match edit {
            Edit::Step(delta) => return self.step(delta),
            Edit::Go(index) => return self.go(index),
            Edit::Spend(seconds) => return self.spend(seconds),
            _ => {}
        }
        let Some(r) = self.current_ref() else {
            return Outcome::Refused(Refusal::NoQuestion);
        };
        let Some((pack, _, q)) = self.get(r) else {
            return Outcome::Refused(Refusal::NoQuestion);
        };
        let k = key(&pack.id, &q.id);
        let before = self.review.answers.get(&k).cloned().unwrap_or_default();
        let mut answer = before.clone();
        let change = match edit {
            Edit::Toggle(i) => match toggle(q, &mut answer, i) {
                Ok(()) => Change::Selection,
                Err(refusal) => return Outcome::Refused(refusal),
            },
            Edit::NotApplicable(reason) => {
                let reason = reason.trim();
                if reason.is_empty() {
                    return Outcome::Refused(Refusal::ReasonRequired);
                }
                if reason.len() > MAX_LINE {
                    return Outcome::Refused(Refusal::TooLong);
                }
                answer.state = State::NotApplicable;
                answer.reason = reason.to_string();
                Change::NotApplicable
            }
            Edit::ClearNotApplicable => {
                if answer.state != State::NotApplicable {
                    return Outcome::Unchanged;
                }
                answer.reason.clear();
                answer.state = selection_state(&answer);
                Change::NotApplicableCleared
            }
            Edit::PracticeNotApplicable {
                choice,
                reason,
                note,
            } => {
                if note.len() > MAX_LINE {
                    return Outcome::Refused(Refusal::TooLong);
                }
                let c = match q.choices.get(choice) {
                    None => return Outcome::Refused(Refusal::NoSuchChoice),
                    Some(c) if c.none => return Outcome::Refused(Refusal::NotAPractice),
                    Some(c) => c,
                };
                answer.selected.retain(|s| *s != c.id);
                answer.not_applicable.insert(
                    c.id.clone(),
                    PracticeNa {
                        reason,
                        note: note.trim().to_string(),
                    },
                );
                if answer.state != State::NotApplicable {
                    answer.state = selection_state(&answer);
                }
                Change::PracticeNotApplicable
            }
            Edit::ClearPracticeNotApplicable(choice) => {
                let Some(c) = q.choices.get(choice) else {
                    return Outcome::Refused(Refusal::NoSuchChoice);
                };
                if answer.not_applicable.remove(&c.id).is_none() {
                    return Outcome::Unchanged;
                }
                if answer.state != State::NotApplicable {
                    answer.state = selection_state(&answer);
                }
                Change::PracticeNotApplicableCleared
            }
            Edit::Notes(text) => {
                if text.len() > MAX_NOTES && text.len() > answer.notes.len() {
                    return Outcome::Refused(Refusal::TooLong);
                }
                answer.notes = text;
                Change::Notes
            }
            Edit::AddEvidence(link) => {
                let link = link.trim();
                if link.is_empty() {
                    return Outcome::Refused(Refusal::EmptyEvidence);
                }
                if link.len() > MAX_LINE {
                    return Outcome::Refused(Refusal::TooLong);
                }
                if answer.evidence.iter().any(|e| e == link) {
                    return Outcome::Refused(Refusal::DuplicateEvidence);
                }
                answer.evidence.push(link.to_string());
                Change::EvidenceAdded
            }
            Edit::RemoveEvidence(i) => {
                if i >= answer.evidence.len() {
                    return Outcome::Refused(Refusal::NoSuchEvidence);
                }
                answer.evidence.remove(i);
                Change::EvidenceRemoved
            }
            Edit::Flag { on, reason } => {
                if reason.len() > MAX_LINE {
                    return Outcome::Refused(Refusal::TooLong);
                }
                answer.flagged = on;
                answer.flag_reason = if on {
                    reason.trim().to_string()
                } else {
                    String::new()
                };
                if on {
                    Change::Flagged
                } else {
                    Change::Unflagged
                }
            }
            Edit::Accept {
                owner,
                until,
                reason,
            } => match accept(q, &mut answer, owner, until, reason, now) {
                Ok(()) => Change::Accepted,
                Err(refusal) => return Outcome::Refused(refusal),
            },
            Edit::ClearAcceptance => {
                if answer.accepted.take().is_none() {
                    return Outcome::Unchanged;
                }
                Change::AcceptanceCleared
            }
            Edit::Confirm => {
                if answer.state != State::NotApplicable
                    && super::register::risk_of(q, &answer).is_none()
                {
                    return Outcome::Refused(Refusal::NothingToConfirm);
                }
                answer.confirmed = Some(now);
                Change::Confirmed
            }
            Edit::Owner(name) => {
                let name = name.trim();
                if name.len() > MAX_LINE {
                    return Outcome::Refused(Refusal::TooLong);
                }
                answer.owner = name.to_string();
                if name.is_empty() {
                    Change::OwnerCleared
                } else {
                    Change::Owner
                }
            }
            Edit::Step(_) | Edit::Go(_) | Edit::Spend(_) => return Outcome::Unchanged,
        };
        if answer == before {
            return Outcome::Unchanged;
        }
        // A confirmation is not a change of the answer: `updated` keeps its last change.
        if change != Change::Confirmed {
            answer.updated = now;
        }
        self.review.updated = now;
        self.review.position = Some(k.clone());
        if std::mem::take(&mut self.record_packs) {
            self.review.packs = self.packs.iter().map(super::PackRef::of).collect();
        }
        if answer.is_blank() {
            self.review.answers.remove(&k);
        } else {
            self.review.answers.insert(k, answer);
        }
        Outcome::Changed(change)
    }

    /// Adds time to the current question and the review; time is not an answer, so `updated`
    /// stays as it was.
    fn spend(&mut self, seconds: u64) -> Outcome {
        if seconds == 0 {
            return Outcome::Unchanged;
        }
        self.review.seconds = self.review.seconds.saturating_add(seconds);
        if let Some(k) = self.current_key() {
            let answer = self.review.answers.entry(k).or_default();
            answer.seconds = answer.seconds.saturating_add(seconds);
        }
        Outcome::Changed(Change::Time)
    }

    /// Seconds spent on the questions of one pillar (by pillar id, over every pack).
    pub fn pillar_seconds(&self, pillar: &str) -> u64 {
        self.packs
            .iter()
            .flat_map(|p| p.questions().map(move |(pl, q)| (p, pl, q)))
            .filter(|(_, pl, _)| pl.id == pillar)
            .filter_map(|(p, _, q)| self.review.answer(&p.id, &q.id))
            .map(|a| a.seconds)
            .sum()
    }

    fn step(&mut self, delta: isize) -> Outcome {
        let Some(at) = self.cursor else {
            return Outcome::Refused(Refusal::NoQuestion);
        };
        let last = self.order.len() - 1;
        let next = at.saturating_add_signed(delta).min(last);
        if next == at {
            return Outcome::Refused(if delta > 0 {
                Refusal::LastQuestion
            } else {
                Refusal::FirstQuestion
            });
        }
        self.go(next)
    }

    fn go(&mut self, index: usize) -> Outcome {
        if index >= self.order.len() {
            return Outcome::Refused(Refusal::NoQuestion);
        }
        if self.cursor == Some(index) {
            return Outcome::Unchanged;
        }
        self.cursor = Some(index);
        self.review.position = self.current_key();
        Outcome::Moved
    }

    /// With the next change to an answer, records the packs as they are now as the ones the
    /// review is answered against (after a pack changed since the review was answered). A review
    /// opened and left without a change keeps what it recorded.
    pub fn record_packs(&mut self) {
        self.record_packs = true;
    }
}

/// Answered when something is ticked or a practice is not applicable, else unanswered.
fn selection_state(answer: &Answer) -> State {
    if answer.selected.is_empty() && answer.not_applicable.is_empty() {
        State::Unanswered
    } else {
        State::Answered
    }
}

/// Accepts the risk of `answer` as it is now (see the module documentation).
fn accept(
    q: &Question,
    answer: &mut Answer,
    owner: String,
    until: Day,
    reason: String,
    now: Timestamp,
) -> Result<(), Refusal> {
    let Some(risk @ (Risk::High | Risk::Medium)) = super::register::risk_of(q, answer) else {
        return Err(Refusal::NotAtRisk);
    };
    let (owner, reason) = (owner.trim(), reason.trim());
    if owner.is_empty() {
        return Err(Refusal::OwnerRequired);
    }
    if reason.is_empty() {
        return Err(Refusal::AcceptReasonRequired);
    }
    if owner.len() > MAX_LINE || reason.len() > MAX_LINE {
        return Err(Refusal::TooLong);
    }
    if until < now.day() {
        return Err(Refusal::UntilPassed);
    }
    answer.accepted = Some(Acceptance {
        owner: owner.to_string(),
        until,
        risk,
        reason: reason.to_string(),
        on: now,
    });
    Ok(())
}

/// Ticks or unticks choice `i`, keeping "None of these" exclusive and the pack's order. A round
/// of votes in the room ticks a voter's answer with it too.
pub(crate) fn toggle(q: &Question, answer: &mut Answer, i: usize) -> Result<(), Refusal> {
    let choice = q.choices.get(i).ok_or(Refusal::NoSuchChoice)?;
    if answer.state == State::NotApplicable {
        answer.reason.clear();
        answer.state = selection_state(answer);
    }
    answer.not_applicable.remove(&choice.id);
    if answer.selected.contains(&choice.id) {
        answer.selected.retain(|s| *s != choice.id);
    } else if choice.none {
        answer.selected = vec![choice.id.clone()];
    } else {
        let is_none = |s: &String| q.choice_index(s).is_some_and(|j| q.choices[j].none);
        answer.selected.retain(|s| !is_none(s));
        answer.selected.push(choice.id.clone());
    }
    // The pack's order; ids the pack no longer has (a hand edit, a changed pack) go last.
    answer
        .selected
        .sort_by_key(|s| q.choice_index(s).unwrap_or(usize::MAX));
    answer.state = selection_state(answer);
    Ok(())
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
