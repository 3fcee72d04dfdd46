//! The scorecard: risk per question, score and counts per pillar, overall score and completion.
//!
//! Question score: none 1, medium 0.5, high 0; unanswered and not-applicable questions are left
//! out. A pillar's score is 100 × the mean over its answered questions (pillars are grouped by id
//! across packs); overall is the same over every answered question. Completion counts answered
//! and not-applicable questions against the total.

use std::borrow::Borrow;

use serde::Serialize;

use super::model::{Review, State};
use crate::pack::{Pack, Question, Risk, pillar_rank};

/// How many questions are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub high: usize,
    pub medium: usize,
    pub none: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
}

impl Counts {
    fn add(&mut self, state: State, risk: Option<Risk>) {
        match (state, risk) {
            (State::Answered, Some(Risk::High)) => self.high += 1,
            (State::Answered, Some(Risk::Medium)) => self.medium += 1,
            (State::Answered, Some(Risk::None)) => self.none += 1,
            (State::NotApplicable, _) => self.not_applicable += 1,
            _ => self.unanswered += 1,
        }
    }

    pub fn answered(&self) -> usize {
        self.high + self.medium + self.none
    }

    pub fn total(&self) -> usize {
        self.answered() + self.not_applicable + self.unanswered
    }

    /// 100 × mean question score, or `None` when nothing is answered.
    pub fn score(&self) -> Option<f64> {
        let n = self.answered();
        (n > 0).then(|| 100.0 * (self.none as f64 + 0.5 * self.medium as f64) / n as f64)
    }

    /// Share of questions answered or not applicable (1 when there are none).
    pub fn completion(&self) -> f64 {
        share(self.answered() + self.not_applicable, self.total())
    }
}

/// The share of `done` in `total`: 1 when there is nothing to do.
pub fn share(done: usize, total: usize) -> f64 {
    if total == 0 {
        1.0
    } else {
        done as f64 / total as f64
    }
}

/// A share (0 to 1) as a whole percentage, rounded to the nearest (7 of 8 is 88%). Every surface
/// that shows completion goes through it, so that they all agree.
pub fn percent(share: f64) -> u32 {
    (share.clamp(0.0, 1.0) * 100.0).round() as u32
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarScore {
    pub id: String,
    pub name: String,
    pub score: Option<f64>,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionScore {
    pub pack: String,
    pub pillar: String,
    pub question: String,
    pub title: String,
    pub state: &'static str,
    pub risk: Option<Risk>,
    pub flagged: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub overall: Option<f64>,
    pub completion: f64,
    #[serde(flatten)]
    pub totals: Counts,
    pub pillars: Vec<PillarScore>,
    pub questions: Vec<QuestionScore>,
}

/// Where a question stands for scoring: its state, and its risk when answered.
///
/// An "answered" entry without a selection (a hand-edited file) counts as unanswered, so that
/// every count, score and backlog agrees on it.
pub fn status(review: &Review, pack: &str, q: &Question) -> (State, Option<Risk>) {
    let state = review.state(pack, &q.id);
    let risk = review.risk(pack, q);
    if state == State::Answered && risk.is_none() {
        (State::Unanswered, None)
    } else {
        (state, risk)
    }
}

/// Scores a review against its packs (in the review's pack order); owned or borrowed packs, so a
/// report of many reviews need not copy the catalog's packs for each.
pub fn score<P: Borrow<Pack>>(review: &Review, packs: &[P]) -> Scorecard {
    let mut pillars: Vec<PillarScore> = Vec::new();
    let mut questions = Vec::new();
    let mut totals = Counts::default();
    for pack in packs {
        let pack = pack.borrow();
        for (pillar, q) in pack.questions() {
            let (state, risk) = status(review, &pack.id, q);
            totals.add(state, risk);
            let slot = match pillars.iter().position(|p| p.id == pillar.id) {
                Some(i) => i,
                None => {
                    pillars.push(PillarScore {
                        id: pillar.id.clone(),
                        name: pillar.name.clone(),
                        score: None,
                        counts: Counts::default(),
                    });
                    pillars.len() - 1
                }
            };
            pillars[slot].counts.add(state, risk);
            questions.push(QuestionScore {
                pack: pack.id.clone(),
                pillar: pillar.id.clone(),
                question: q.id.clone(),
                title: q.title.clone(),
                state: state.as_str(),
                risk,
                flagged: review.answer(&pack.id, &q.id).is_some_and(|a| a.flagged),
            });
        }
    }
    for p in &mut pillars {
        p.score = p.counts.score();
    }
    // Stable: custom pillars keep their order of appearance after the well-known ones.
    pillars.sort_by_key(|p| pillar_rank(&p.id));
    Scorecard {
        overall: totals.score(),
        completion: totals.completion(),
        totals,
        pillars,
        questions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{Source, load_str};
    use crate::review::model::{Answer, key};

    const PACK: &str = "schema: 1\nid: t\nname: T\nversion: 1.0.0\npillars:
  - id: security
    name: Security
    questions:
      - id: q1
        title: One?
        choices:
          - { id: a, title: A, improve: x }
          - { id: b, title: B, improve: x }
          - { id: none, title: None, none: true }
        risk:
          - none: a && b
          - medium: a || b
          - high: none
          - default: high
      - id: q2
        title: Two?
        choices:
          - { id: a, title: A, improve: x }
          - { id: b, title: B, improve: x }
          - { id: c, title: C, improve: x }
          - { id: none, title: None, none: true }
  - id: cost
    name: Cost
    questions:
      - id: q3
        title: Three?
        choices:
          - { id: a, title: A, improve: x }
          - { id: none, title: None, none: true }
        risk:
          - medium: a
          - none: a
          - default: high
";

    fn review(answers: &[(&str, State, &[&str])]) -> (Review, Vec<Pack>) {
        let pack = load_str("t.yaml", PACK, Source::Builtin("t.yaml")).unwrap();
        let mut r = Review::new("W", "T", "F", vec![], &[&pack]);
        for (q, state, sel) in answers {
            r.answers.insert(
                key("t", q),
                Answer {
                    state: *state,
                    selected: sel.iter().map(std::string::ToString::to_string).collect(),
                    ..Answer::default()
                },
            );
        }
        (r, vec![pack])
    }

    #[test]
    fn hand_worked_example() {
        // q1: a only → medium (0.5); q2 thresholds: 2 of 3 → medium (0.5); q3: a → the first rule
        // that holds is `medium`, although `none: a` also holds.
        let (r, packs) = review(&[
            ("q1", State::Answered, &["a"]),
            ("q2", State::Answered, &["a", "b"]),
            ("q3", State::Answered, &["a"]),
        ]);
        let s = score(&r, &packs);
        assert_eq!(s.overall, Some(50.0));
        assert!((s.completion - 1.0).abs() < 1e-12);
        assert_eq!(s.pillars[0].id, "security");
        assert_eq!(s.pillars[0].score, Some(50.0));
        assert_eq!(
            s.pillars[1].counts,
            Counts {
                medium: 1,
                ..Counts::default()
            }
        );
    }

    #[test]
    fn none_of_these_default_and_left_out_states() {
        let (r, packs) = review(&[
            ("q1", State::Answered, &["none"]),
            ("q2", State::NotApplicable, &[]),
            ("q3", State::Unanswered, &[]),
        ]);
        let s = score(&r, &packs);
        assert_eq!(s.questions[0].risk, Some(Risk::High));
        assert_eq!(s.overall, Some(0.0));
        assert!((s.completion - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            s.pillars[1].score, None,
            "a pillar with nothing answered has no score"
        );
        assert_eq!(
            s.totals,
            Counts {
                high: 1,
                not_applicable: 1,
                unanswered: 1,
                ..Counts::default()
            }
        );
    }

    #[test]
    fn thresholds_without_rules() {
        let (r, packs) = review(&[("q2", State::Answered, &["a", "b", "c"])]);
        assert_eq!(score(&r, &packs).questions[1].risk, Some(Risk::None));
        let (r, packs) = review(&[("q2", State::Answered, &["a"])]);
        assert_eq!(score(&r, &packs).questions[1].risk, Some(Risk::High));
        let (r, packs) = review(&[("q2", State::Answered, &["none"])]);
        assert_eq!(score(&r, &packs).questions[1].risk, Some(Risk::High));
    }

    /// One question with ordered rules and an explicit default, for the rule-order tests.
    const RULES: &str = "schema: 1\nid: r\nname: R\nversion: 1.0.0\npillars:
  - id: reliability
    name: Reliability
    questions:
      - id: backups
        title: Backups?
        choices:
          - { id: auto, title: Automated, improve: x }
          - { id: tested, title: Restores tested, improve: x }
          - { id: offsite, title: Off-site copy, improve: x }
          - { id: no, title: None of these, none: true }
        risk:
          - none: auto && tested
          - high: no
          - medium: auto
          - default: medium
  - id: custom-empty
    name: Custom
    questions:
      - id: other
        title: Other?
        choices:
          - { id: a, title: A, improve: x }
          - { id: no, title: None, none: true }
";

    fn risk_of(selected: &[&str]) -> Option<Risk> {
        let pack = load_str("r.yaml", RULES, Source::Builtin("r.yaml")).unwrap();
        let mut r = Review::new("W", "T", "F", vec![], &[&pack]);
        let answer = Answer {
            state: State::Answered,
            selected: selected
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            ..Answer::default()
        };
        r.answers.insert(key("r", "backups"), answer);
        score(&r, &[pack]).questions[0].risk
    }

    #[test]
    fn the_first_rule_that_holds_decides() {
        // `auto && tested` also satisfies the later `medium: auto`; the earlier rule wins.
        assert_eq!(risk_of(&["auto", "tested"]), Some(Risk::None));
        assert_eq!(risk_of(&["auto", "tested", "offsite"]), Some(Risk::None));
        assert_eq!(risk_of(&["auto", "offsite"]), Some(Risk::Medium));
    }

    #[test]
    fn the_default_applies_when_no_rule_holds() {
        // No rule names `tested` alone or `offsite`: the pack's default (medium) decides.
        assert_eq!(risk_of(&["tested"]), Some(Risk::Medium));
        assert_eq!(risk_of(&["offsite"]), Some(Risk::Medium));
        // Without a `default:` the default is high.
        let no_default = RULES.replace("          - default: medium\n", "");
        let pack = load_str("r.yaml", &no_default, Source::Builtin("r.yaml")).unwrap();
        let (_, q) = pack.question("backups").unwrap();
        assert_eq!(q.risk_of(["tested"]), Some(Risk::High));
    }

    #[test]
    fn none_of_these_sets_every_practice_false_and_its_own_id_true() {
        // `high: no` names the "None of these" choice; it holds only when that choice is picked.
        assert_eq!(risk_of(&["no"]), Some(Risk::High));
        let pack = load_str(
            "r.yaml",
            &RULES.replace("high: no", "high: \"!auto && !tested && !offsite\""),
            Source::Builtin("r.yaml"),
        )
        .unwrap();
        let (_, q) = pack.question("backups").unwrap();
        assert_eq!(
            q.risk_of(["no"]),
            Some(Risk::High),
            "every practice is false"
        );
    }

    #[test]
    fn not_applicable_and_unanswered_are_left_out_and_empty_pillars_have_no_score() {
        let pack = load_str("r.yaml", RULES, Source::Builtin("r.yaml")).unwrap();
        let mut r = Review::new("W", "T", "F", vec![], &[&pack]);
        r.answers.insert(
            key("r", "backups"),
            Answer {
                state: State::Answered,
                selected: vec!["auto".into()],
                ..Answer::default()
            },
        );
        r.answers.insert(
            key("r", "other"),
            Answer {
                state: State::NotApplicable,
                reason: "none here".into(),
                ..Answer::default()
            },
        );
        let packs = [pack];
        let s = score(&r, &packs);
        // Only `backups` (medium, 0.5) counts: 50, not 25 as it would if n/a counted as 0.
        assert_eq!(s.overall, Some(50.0));
        assert_eq!(s.pillars[1].id, "custom-empty");
        assert_eq!(s.pillars[1].score, None);
        assert!((s.completion - 1.0).abs() < 1e-12);
        assert_eq!(
            serde_json::to_value(&s).unwrap()["pillars"][1]["score"],
            serde_json::Value::Null
        );

        r.answers.remove(&key("r", "other"));
        let s = score(&r, &packs);
        assert_eq!(s.overall, Some(50.0), "unanswered is left out too");
        assert!((s.completion - 0.5).abs() < 1e-12);
        assert_eq!(
            s.pillars[1].counts,
            Counts {
                unanswered: 1,
                ..Counts::default()
            }
        );

        let empty = Review::new("W", "T", "F", vec![], &[&packs[0]]);
        let s = score(&empty, &packs);
        assert_eq!(
            (s.overall, s.completion),
            (None, 0.0),
            "nothing answered: no score"
        );
    }

    #[test]
    fn json_shape() {
        let (r, packs) = review(&[("q1", State::Answered, &["a", "b"])]);
        let v = serde_json::to_value(score(&r, &packs)).unwrap();
        assert_eq!(v["overall"], 100.0);
        assert_eq!(v["pillars"][0]["not_applicable"], 0);
        assert_eq!(v["pillars"][1]["score"], serde_json::Value::Null);
        assert_eq!(v["questions"][0]["risk"], "none");
        assert_eq!(v["questions"][1]["risk"], serde_json::Value::Null);
        assert_eq!(v["questions"][1]["state"], "unanswered");
    }
}
