//! The trail of a review's votes, as `scorps votes` prints it: a summary of the questions with
//! the widest disagreement, then per question the voters, the split and the agreed answer beside
//! the review's own; as text for people, markdown for a wiki or a pull request, JSON for
//! scripts. Also the notes the backlog carries where the squad disagreed.

use serde::Serialize;

use super::folder::Votes;
use super::tally::{Tally, percent, range, tally, widest};
use super::voters::voters;
use crate::pack::{Pack, Question, Risk};
use crate::review::{Answer, Review, State, key, score};

/// How agreement is measured, said once in every format.
pub const AGREEMENT_RULE: &str = "Agreement: for each practice, the share of voters on the larger side (ticked or not), averaged over the question's practices; 100% means everyone agrees. Risks: what each vote would give on its own. Agreed answer: the practices more than half the voters ticked (a tie is not ticked), else \"None of these\".";

/// The votes on one question, with the question and the review's answer beside them.
#[derive(Debug)]
pub struct Entry<'a> {
    pub pack: &'a Pack,
    pub question: &'a Question,
    pub tally: Tally,
    pub answer: Option<&'a Answer>,
    pub state: State,
    pub risk: Option<Risk>,
}

impl Entry<'_> {
    /// Whether the review's answer is the agreed one.
    pub fn review_agrees(&self) -> bool {
        self.state == State::Answered
            && self.answer.is_some_and(|a| {
                let mut have: Vec<&str> = a.selected.iter().map(String::as_str).collect();
                let mut agreed: Vec<&str> = self.tally.agreed.iter().map(String::as_str).collect();
                have.sort_unstable();
                agreed.sort_unstable();
                have == agreed
            })
    }
}

/// Every question with votes, in the review's order of packs and questions.
#[derive(Debug)]
pub struct Report<'a> {
    pub workload: &'a str,
    /// Everyone who voted at least once, in the review's order.
    pub voters: Vec<String>,
    pub entries: Vec<Entry<'a>>,
    /// Votes left out, and files left out, for stderr.
    pub notes: Vec<String>,
}

impl Report<'_> {
    /// The entries where the voters differ, widest disagreement first.
    pub fn widest(&self) -> Vec<&Entry<'_>> {
        let ranked = widest(self.entries.iter().map(|e| &e.tally));
        ranked
            .into_iter()
            .filter_map(|t| self.entries.iter().find(|e| e.tally.key == t.key))
            .collect()
    }
}

/// Builds the report of a review's votes (read with [`super::folder::read_all`]).
pub fn build<'a>(review: &'a Review, packs: &'a [Pack], votes: &Votes) -> Report<'a> {
    let order = voters(review);
    let mut entries = Vec::new();
    for pack in packs {
        for (_, q) in pack.questions() {
            let k = key(&pack.id, &q.id);
            let Some(t) = votes.on(&k).and_then(|c| tally(&k, q, c, &order)) else {
                continue;
            };
            let (state, risk) = score::status(review, &pack.id, q);
            entries.push(Entry {
                pack,
                question: q,
                tally: t,
                answer: review.answer(&pack.id, &q.id),
                state,
                risk,
            });
        }
    }
    let mut voted: Vec<String> = Vec::new();
    for e in &entries {
        for v in &e.tally.voters {
            if !voted.contains(&v.voter) {
                voted.push(v.voter.clone());
            }
        }
    }
    let place = |n: &String| order.iter().position(|o| o == n).unwrap_or(usize::MAX);
    voted.sort_by_key(place);
    Report {
        workload: &review.workload,
        voters: voted,
        entries,
        notes: votes
            .notes
            .iter()
            .cloned()
            .chain(votes.errors.iter().map(ToString::to_string))
            .collect(),
    }
}

/// Where the squad disagreed on a question, as the backlog notes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// `<pack>/<question>`, as the backlog's items.
    pub id: String,
    pub title: String,
    pub voters: usize,
    pub agreement: f64,
    pub low: Option<Risk>,
    pub high: Option<Risk>,
    /// The agreed answer's choice ids.
    pub agreed: Vec<String>,
}

impl Disagreement {
    /// "3 voters, agreement 67%, risks medium to high".
    pub fn summary(&self) -> String {
        format!(
            "{} voters, agreement {}, risks {}",
            self.voters,
            percent(self.agreement),
            range(self.low, self.high)
        )
    }
}

/// The questions where the voters differ, widest first, for the backlog.
pub fn disagreements(report: &Report<'_>) -> Vec<Disagreement> {
    report
        .widest()
        .into_iter()
        .map(|e| Disagreement {
            id: e.tally.key.clone(),
            title: crate::text::clean_line(&e.question.title).into_owned(),
            voters: e.tally.voters.len(),
            agreement: e.tally.agreement,
            low: e.tally.low,
            high: e.tally.high,
            agreed: e.tally.agreed.clone(),
        })
        .collect()
}

/// Reads a review's votes and notes in a backlog where the squad disagreed. Returns what was
/// left out (unreadable files, votes on removed questions) for the caller to say; an export
/// is not refused for a bad vote file.
pub fn annotate_from(
    backlog: &mut crate::backlog::Backlog,
    review_path: &std::path::Path,
    review: &Review,
    packs: &[Pack],
) -> Vec<String> {
    let votes = super::folder::read_all(review_path, review, packs);
    let report = build(review, packs, &votes);
    annotate(backlog, disagreements(&report));
    report.notes
}

/// Notes in a backlog where the squad disagreed: the list for its summary, and each item's line.
pub fn annotate(backlog: &mut crate::backlog::Backlog, list: Vec<Disagreement>) {
    for item in &mut backlog.items {
        item.votes = list
            .iter()
            .find(|d| d.id == item.id)
            .map(Disagreement::summary);
    }
    backlog.disagreements = list;
}

/// The review's answer for people: `sso, mfa → none`, `not applicable`, `unanswered`.
pub fn review_answer(e: &Entry<'_>) -> String {
    match e.state {
        State::Answered => format!(
            "{} → {}",
            e.answer.map(|a| a.selected.join(", ")).unwrap_or_default(),
            e.risk.map_or("—", Risk::as_str)
        ),
        other => other.as_str().replace('-', " "),
    }
}

/// The agreed answer for people: `sso, mfa → medium`, or `none agreed`.
pub fn agreed_answer(t: &Tally) -> String {
    if t.agreed.is_empty() {
        "no practice has a majority".to_string()
    } else {
        format!(
            "{} → {}",
            t.agreed.join(", "),
            t.agreed_risk.map_or("—", Risk::as_str)
        )
    }
}
