//! What the votes on one question say: who ticked what, how far apart the voters are, and the
//! answer a majority gives.
//!
//! - A vote is the choices one voter ticked; nothing ticked is no vote. "None of these" means no
//!   practice is in place.
//! - **A practice's agreement** is the share of voters on the larger side, ticked or not: 100%
//!   when all agree, 50% for an even split. **A question's agreement** is the mean over its
//!   practices ("None of these" is not a practice).
//! - **Risk spread**: each vote, taken alone, gives a risk by the pack's rules; the spread is the
//!   number of steps between the lowest and the highest (0 all the same, 1 none–medium or
//!   medium–high, 2 none–high).
//! - **The agreed answer** ticks each practice that more than half the voters ticked. A tie
//!   (exactly half) is not ticked: a practice half the squad doubts is not in place. With no
//!   practice agreed, the agreed answer is "None of these" (when the question has one).
//! - **The widest splits** of a question are its practices with the lowest agreement, when that
//!   is below 100%. Questions are ranked by disagreement: wider risk spread first, then lower
//!   agreement.

use std::collections::BTreeMap;

use super::file::Source;
use super::folder::Cast;
use crate::pack::{Question, Risk};
use crate::review::{Answer, State, Timestamp};

/// One voter's vote as the reveal shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoterVote {
    pub voter: String,
    pub selected: Vec<String>,
    /// The risk this vote would give on its own.
    pub risk: Option<Risk>,
    pub source: Source,
    pub updated: Timestamp,
}

/// How the voters split on one choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// The choice's index in the question.
    pub choice: usize,
    /// Indices into [`Tally::voters`] of those who ticked it (for "None of these": who chose it).
    pub ticked_by: Vec<usize>,
    /// The share of voters on the larger side (1 for "None of these", which is not counted).
    pub agreement: f64,
    /// Whether the agreed answer ticks it ("None of these" when no practice is agreed).
    pub agreed: bool,
    /// Exactly half ticked it: not in the agreed answer.
    pub tie: bool,
    /// One of the question's widest splits.
    pub widest: bool,
}

/// The votes on one question and what they say.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub key: String,
    /// In the review's order of voters.
    pub voters: Vec<VoterVote>,
    /// One per choice, in the pack's order.
    pub splits: Vec<Split>,
    /// Mean agreement over the practices.
    pub agreement: f64,
    /// The lowest and the highest risk the votes give alone.
    pub low: Option<Risk>,
    pub high: Option<Risk>,
    /// The choice ids of the agreed answer, in the pack's order; empty when there is none.
    pub agreed: Vec<String>,
    pub agreed_risk: Option<Risk>,
}

impl Tally {
    /// Steps between the lowest and the highest risk: 0, 1 or 2.
    pub fn spread(&self) -> usize {
        match (self.low, self.high) {
            (Some(l), Some(h)) => rank(h) - rank(l),
            _ => 0,
        }
    }

    /// Whether the voters differ at all.
    pub fn disagrees(&self) -> bool {
        self.spread() > 0 || self.splits.iter().any(|s| s.widest)
    }
}

fn rank(risk: Risk) -> usize {
    match risk {
        Risk::None => 0,
        Risk::Medium => 1,
        Risk::High => 2,
    }
}

/// A vote read as the review reads an answer, so that "None of these" and the risk mean the
/// same in both.
fn as_answer(selected: &[String]) -> Answer {
    Answer {
        state: State::Answered,
        selected: selected.to_vec(),
        ..Answer::default()
    }
}

/// Tallies the votes on a question; `order` is the review's order of voters (others go last, by
/// name). `None` when nobody voted.
pub fn tally(
    key: &str,
    q: &Question,
    casts: &BTreeMap<String, Cast>,
    order: &[String],
) -> Option<Tally> {
    let mut voters: Vec<VoterVote> = casts
        .iter()
        .filter(|(_, c)| !c.selected.is_empty())
        .map(|(voter, c)| VoterVote {
            voter: voter.clone(),
            selected: c.selected.clone(),
            risk: q.risk_of(as_answer(&c.selected).in_place(q)),
            source: c.source,
            updated: c.updated,
        })
        .collect();
    if voters.is_empty() {
        return None;
    }
    let place = |name: &str| order.iter().position(|o| o == name).unwrap_or(usize::MAX);
    voters.sort_by(|a, b| (place(&a.voter), &a.voter).cmp(&(place(&b.voter), &b.voter)));
    let n = voters.len();
    let answers: Vec<Answer> = voters.iter().map(|v| as_answer(&v.selected)).collect();
    let in_place: Vec<Vec<&str>> = answers.iter().map(|a| a.in_place(q)).collect();
    // Per choice: who ticked it, and how many are on the larger side.
    let mut splits = Vec::new();
    let mut larger_sides = Vec::new();
    for (i, c) in q.choices.iter().enumerate() {
        let ticked_by: Vec<usize> = (0..n)
            .filter(|v| in_place[*v].contains(&c.id.as_str()))
            .collect();
        let yes = ticked_by.len();
        let larger = yes.max(n - yes);
        if !c.none {
            larger_sides.push(larger);
        }
        splits.push(Split {
            choice: i,
            agreement: if c.none {
                1.0
            } else {
                larger as f64 / n as f64
            },
            agreed: !c.none && 2 * yes > n,
            tie: !c.none && 2 * yes == n,
            widest: false,
            ticked_by,
        });
    }
    // The widest splits: the smallest larger side, when it is not everyone.
    let narrowest = larger_sides.iter().copied().min().unwrap_or(n);
    if narrowest < n {
        for s in splits.iter_mut().filter(|s| !q.choices[s.choice].none) {
            s.widest = s.ticked_by.len().max(n - s.ticked_by.len()) == narrowest;
        }
    }
    let agreement = if larger_sides.is_empty() {
        1.0
    } else {
        larger_sides.iter().sum::<usize>() as f64 / (larger_sides.len() * n) as f64
    };
    let mut agreed: Vec<String> = splits
        .iter()
        .filter(|s| s.agreed)
        .map(|s| q.choices[s.choice].id.clone())
        .collect();
    if agreed.is_empty()
        && let Some(none) = q.none_choice()
    {
        agreed.push(q.choices[none].id.clone());
        splits[none].agreed = true;
    }
    let risks: Vec<Risk> = voters.iter().filter_map(|v| v.risk).collect();
    Some(Tally {
        key: key.to_string(),
        agreed_risk: q.risk_of(agreed.iter().map(String::as_str)),
        agreed,
        voters,
        splits,
        agreement,
        low: risks.iter().copied().min(),
        high: risks.iter().copied().max(),
    })
}

/// The tallies where the voters differ, widest disagreement first: wider risk spread, then lower
/// agreement, then the order given.
pub fn widest<'a>(tallies: impl IntoIterator<Item = &'a Tally>) -> Vec<&'a Tally> {
    let mut out: Vec<&Tally> = tallies.into_iter().filter(|t| t.disagrees()).collect();
    out.sort_by(|a, b| {
        b.spread()
            .cmp(&a.spread())
            .then(a.agreement.total_cmp(&b.agreement))
    });
    out
}

/// A share as a whole percentage, for people.
pub fn percent(share: f64) -> String {
    format!("{}%", crate::review::score::percent(share))
}

/// The risk range of a tally for people: `none`, `none to high`, or `—` when no vote gives one.
pub fn risk_range(t: &Tally) -> String {
    range(t.low, t.high)
}

/// A range of risks for people.
pub fn range(low: Option<Risk>, high: Option<Risk>) -> String {
    match (low, high) {
        (Some(l), Some(h)) if l == h => l.as_str().to_string(),
        (Some(l), Some(h)) => format!("{} to {}", l.as_str(), h.as_str()),
        _ => "—".to_string(),
    }
}

#[cfg(test)]
#[path = "tally_tests.rs"]
mod tests;
