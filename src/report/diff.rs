//! What changed between two reviews of a workload: per question, whether its risk improved or
//! regressed, what was newly answered, which questions a newer pack version added or removed;
//! and the score deltas per pillar and overall.
//!
//! Each review is read against its own packs, so two pack versions can be compared. Questions
//! are matched by their stable key `<pack>/<question>`.

use serde::Serialize;

use crate::pack::{Pack, Risk, pillar_rank};
use crate::review::score::{Scorecard, score, status};
use crate::review::{Review, State, key};
use crate::text::clean_line;

/// One review and the packs it is read against.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub review: &'a Review,
    pub packs: &'a [Pack],
}

/// Where a question stands in one review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    High,
    Medium,
    None,
    NotApplicable,
    Unanswered,
}

impl Status {
    fn of(state: State, risk: Option<Risk>) -> Status {
        match (state, risk) {
            (_, Some(Risk::High)) => Status::High,
            (_, Some(Risk::Medium)) => Status::Medium,
            (_, Some(Risk::None)) => Status::None,
            (State::NotApplicable, _) => Status::NotApplicable,
            _ => Status::Unanswered,
        }
    }

    fn risk(self) -> Option<Risk> {
        match self {
            Status::High => Some(Risk::High),
            Status::Medium => Some(Risk::Medium),
            Status::None => Some(Risk::None),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::High => "high",
            Status::Medium => "medium",
            Status::None => "none",
            Status::NotApplicable => "not applicable",
            Status::Unanswered => "unanswered",
        }
    }
}

/// How a question changed, in the order reports list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// Answered in both; the risk went down.
    Improved,
    /// Answered in both; the risk went up.
    Regressed,
    /// Unanswered or not applicable before, answered now.
    NewlyAnswered,
    /// Marked not applicable since.
    NowNotApplicable,
    /// Answered or not applicable before, unanswered now.
    Reopened,
    /// The question is only in the new review's packs.
    Added,
    /// The question is only in the old review's packs.
    Removed,
    Unchanged,
}

impl Change {
    /// The heading of a group of changes.
    pub fn heading(self) -> &'static str {
        match self {
            Change::Improved => "Improved",
            Change::Regressed => "Regressed",
            Change::NewlyAnswered => "Newly answered",
            Change::NowNotApplicable => "Now not applicable",
            Change::Reopened => "Reopened (answered before, not now)",
            Change::Added => "Added questions",
            Change::Removed => "Removed questions",
            Change::Unchanged => "Unchanged",
        }
    }

    fn between(old: Status, new: Status) -> Change {
        match (old.risk(), new.risk()) {
            (Some(o), Some(n)) if n < o => Change::Improved,
            (Some(o), Some(n)) if n > o => Change::Regressed,
            (None, Some(_)) => Change::NewlyAnswered,
            _ if old == new => Change::Unchanged,
            _ if new == Status::NotApplicable => Change::NowNotApplicable,
            _ if new == Status::Unanswered => Change::Reopened,
            _ => Change::Unchanged,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionDiff {
    pub id: String,
    pub pillar: String,
    pub title: String,
    /// `None` when the question is not in the old review's packs.
    pub old: Option<Status>,
    /// `None` when the question is not in the new review's packs.
    pub new: Option<Status>,
    pub change: Change,
}

/// A score before and after; `change` only when both exist.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Delta {
    pub old: Option<f64>,
    pub new: Option<f64>,
    pub change: Option<f64>,
}

impl Delta {
    fn new(old: Option<f64>, new: Option<f64>) -> Delta {
        Delta {
            old,
            new,
            change: old.zip(new).map(|(o, n)| n - o),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarDelta {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub delta: Delta,
}

/// A pack whose version differs between the reviews, or that only one of them uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackVersion {
    pub id: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Which review a side is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub workload: String,
    pub team: String,
    /// The day the review was last updated, `YYYY-MM-DD`.
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub old: Meta,
    pub new: Meta,
    pub packs: Vec<PackVersion>,
    pub overall: Delta,
    pub completion: Delta,
    pub pillars: Vec<PillarDelta>,
    /// Every question of either review, unchanged ones included, in pillar order.
    pub questions: Vec<QuestionDiff>,
}

impl Diff {
    /// The questions with one kind of change.
    pub fn with(&self, change: Change) -> impl Iterator<Item = &QuestionDiff> {
        self.questions.iter().filter(move |q| q.change == change)
    }
}

fn meta(r: &Review) -> Meta {
    Meta {
        workload: clean_line(&r.workload).into_owned(),
        team: clean_line(&r.team).into_owned(),
        date: r.updated.date(),
    }
}

/// Every question of a side: key → (pillar, title, status), in pack order.
fn statuses(side: Side<'_>) -> Vec<(String, String, String, Status)> {
    let mut out = Vec::new();
    for pack in side.packs {
        for (pillar, q) in pack.questions() {
            let (state, risk) = status(side.review, &pack.id, q);
            out.push((
                key(&pack.id, &q.id),
                pillar.id.clone(),
                clean_line(&q.title).into_owned(),
                Status::of(state, risk),
            ));
        }
    }
    out
}

/// Compares two reviews, each against its own packs.
pub fn diff(old: Side<'_>, new: Side<'_>) -> Diff {
    let (old_q, new_q) = (statuses(old), statuses(new));
    let mut questions = Vec::new();
    for (id, pillar, title, n) in &new_q {
        let o = old_q.iter().find(|q| &q.0 == id).map(|q| q.3);
        let change = o.map_or(Change::Added, |o| Change::between(o, *n));
        questions.push(QuestionDiff {
            id: id.clone(),
            pillar: pillar.clone(),
            title: title.clone(),
            old: o,
            new: Some(*n),
            change,
        });
    }
    for (id, pillar, title, o) in &old_q {
        if !new_q.iter().any(|q| &q.0 == id) {
            questions.push(QuestionDiff {
                id: id.clone(),
                pillar: pillar.clone(),
                title: title.clone(),
                old: Some(*o),
                new: None,
                change: Change::Removed,
            });
        }
    }
    questions.sort_by_key(|q| pillar_rank(&q.pillar));
    let (old_card, new_card) = (score(old.review, old.packs), score(new.review, new.packs));
    Diff {
        old: meta(old.review),
        new: meta(new.review),
        packs: pack_versions(old.packs, new.packs),
        overall: Delta::new(old_card.overall, new_card.overall),
        completion: Delta::new(Some(old_card.completion), Some(new_card.completion)),
        pillars: pillar_deltas(&old_card, &new_card),
        questions,
    }
}

fn pack_versions(old: &[Pack], new: &[Pack]) -> Vec<PackVersion> {
    let mut out = Vec::new();
    for n in new {
        let o = old.iter().find(|o| o.id == n.id);
        if o.is_none_or(|o| o.version != n.version) {
            out.push(PackVersion {
                id: n.id.clone(),
                old: o.map(|o| clean_line(&o.version).into_owned()),
                new: Some(clean_line(&n.version).into_owned()),
            });
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.id == o.id)) {
        out.push(PackVersion {
            id: o.id.clone(),
            old: Some(clean_line(&o.version).into_owned()),
            new: None,
        });
    }
    out
}

fn pillar_deltas(old: &Scorecard, new: &Scorecard) -> Vec<PillarDelta> {
    let mut out: Vec<PillarDelta> = new
        .pillars
        .iter()
        .map(|n| {
            let o = old
                .pillars
                .iter()
                .find(|o| o.id == n.id)
                .and_then(|o| o.score);
            PillarDelta {
                id: n.id.clone(),
                name: clean_line(&n.name).into_owned(),
                delta: Delta::new(o, n.score),
            }
        })
        .collect();
    for o in old
        .pillars
        .iter()
        .filter(|o| !new.pillars.iter().any(|n| n.id == o.id))
    {
        out.push(PillarDelta {
            id: o.id.clone(),
            name: clean_line(&o.name).into_owned(),
            delta: Delta::new(o.score, None),
        });
    }
    out.sort_by_key(|p| pillar_rank(&p.id));
    out
}

/// The diff as pretty-printed JSON with a final newline (an error, never empty text).
pub fn json(d: &Diff) -> serde_json::Result<String> {
    Ok(serde_json::to_string_pretty(d)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::build::tests::review;
    use crate::pack::{Source, load_str};

    #[test]
    fn changes_between_statuses() {
        use Status::*;
        assert_eq!(Change::between(High, Medium), Change::Improved);
        assert_eq!(Change::between(None, High), Change::Regressed);
        assert_eq!(Change::between(Medium, Medium), Change::Unchanged);
        assert_eq!(Change::between(Unanswered, High), Change::NewlyAnswered);
        assert_eq!(Change::between(NotApplicable, None), Change::NewlyAnswered);
        assert_eq!(
            Change::between(High, NotApplicable),
            Change::NowNotApplicable
        );
        assert_eq!(
            Change::between(Unanswered, NotApplicable),
            Change::NowNotApplicable
        );
        assert_eq!(Change::between(Medium, Unanswered), Change::Reopened);
        assert_eq!(Change::between(Unanswered, Unanswered), Change::Unchanged);
    }

    #[test]
    fn two_pack_versions() {
        let (old, old_packs) = review(&[
            ("secrets", State::Answered, &["none"], false),
            ("patching", State::Answered, &["bot"], false),
            (
                "backups",
                State::Answered,
                &["automated", "restore-tests"],
                false,
            ),
        ]);
        // Version 1.1.0: `patching` removed, `sbom` added.
        let v2 = crate::backlog::build::tests::DEMO
            .replace("version: 1.0.0", "version: 1.1.0")
            .replace("      - id: patching", "      - id: sbom");
        let new_pack = load_str("v2.yaml", &v2, Source::Builtin("v2.yaml")).unwrap();
        let (mut new, _) = review(&[
            ("secrets", State::Answered, &["vault"], false),
            ("backups", State::Answered, &["automated"], false),
            ("capacity", State::NotApplicable, &[], false),
            ("sbom", State::Answered, &["bot", "sla"], false),
        ]);
        new.packs[0].version = "1.1.0".into();
        let new_packs = vec![new_pack];
        let d = diff(
            Side {
                review: &old,
                packs: &old_packs,
            },
            Side {
                review: &new,
                packs: &new_packs,
            },
        );
        let ids = |c| d.with(c).map(|q| q.id.as_str()).collect::<Vec<_>>();
        assert_eq!(ids(Change::Improved), ["backlog-demo/secrets"]);
        assert_eq!(ids(Change::Regressed), ["backlog-demo/backups"]);
        assert_eq!(ids(Change::NowNotApplicable), ["backlog-demo/capacity"]);
        assert_eq!(ids(Change::Added), ["backlog-demo/sbom"]);
        assert_eq!(ids(Change::Removed), ["backlog-demo/patching"]);
        assert_eq!(
            d.packs,
            [PackVersion {
                id: "backlog-demo".into(),
                old: Some("1.0.0".into()),
                new: Some("1.1.0".into())
            }]
        );
        // Old: secrets 0, patching 0.5 → security 25; backups 1 → reliability 100; overall 50.
        // New: secrets 0.5, sbom 1 → security 75; backups 0.5 → reliability 50; overall 66.7.
        assert_eq!(
            d.pillars[0].delta,
            Delta {
                old: Some(25.0),
                new: Some(75.0),
                change: Some(50.0)
            }
        );
        assert_eq!(
            d.pillars[1].delta,
            Delta {
                old: Some(100.0),
                new: Some(50.0),
                change: Some(-50.0)
            }
        );
        assert!((d.overall.change.unwrap() - (200.0 / 3.0 - 50.0)).abs() < 1e-9);
    }
}
