//! The improvement backlog as data: which questions become items, in which order, and what each
//! item says.
//!
//! Every renderer (markdown, CSV, JSON) and the TUI read these types, so the three formats always
//! carry the same items. Text from packs and reviews is stripped of control characters here, once
//! (see [`crate::text`]); each renderer then escapes it for its own format.

use serde::Serialize;

use crate::pack::{Link, Pack, Question, Risk, pillar_rank};
use crate::report::targets::Targets;
use crate::review::milestone::Milestone;
use crate::review::register::{Register, Standing};
use crate::review::score::{Scorecard, score, status};
use crate::review::{Review, State, Timestamp};
use crate::text::{clean_block, clean_line};

/// A review's backlog: who reviewed what, the scorecard, and the items in backlog order.
#[derive(Debug, Clone)]
pub struct Backlog {
    pub workload: String,
    pub team: String,
    pub facilitator: String,
    pub participants: Vec<String>,
    /// The workload's properties (empty when the review does not give them).
    pub description: String,
    pub environment: String,
    pub architecture: String,
    /// Who owns the review.
    pub owner: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub packs: Vec<PackInfo>,
    pub scorecard: Scorecard,
    pub items: Vec<BacklogItem>,
    /// Target scores per pillar, when any are set (shown in the summary and the HTML page).
    pub targets: Targets,
    /// The review's last milestone, shown beside today's scores.
    pub milestone: Option<Milestone>,
    /// Where the squad's private votes differed, widest first (set from the votes folder; see
    /// [`crate::vote::report::annotate`]).
    pub disagreements: Vec<crate::vote::report::Disagreement>,
    /// The risk register as of a day, when the caller attached one ([`Backlog::with_register`]).
    pub register: Option<Register>,
}

impl Backlog {
    /// Attaches the register: its section in every format, and each item's acceptance.
    pub fn with_register(mut self, register: Register) -> Backlog {
        for item in &mut self.items {
            item.acceptance = register.acceptance(&item.id).map(|a| ItemAcceptance {
                owner: a.owner.clone(),
                until: a.until.clone(),
                reason: a.reason.clone(),
                risk: a.accepted_risk,
                standing: a.standing,
            });
        }
        self.register = Some(register);
        self
    }
}

/// An item's accepted risk and where it stands on the register's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemAcceptance {
    pub owner: String,
    /// The last day it holds (UTC).
    pub until: String,
    pub reason: String,
    /// The risk it was accepted at.
    pub risk: Risk,
    pub standing: Standing,
}

/// A pack the review was answered against, as loaded now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackInfo {
    pub id: String,
    pub name: String,
    pub version: String,
}

/// A pillar as an item names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PillarRef {
    pub id: String,
    pub name: String,
}

/// How urgent an item is: high and medium risks, then flagged-only questions (low).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    /// The name trackers use (Jira's default priorities).
    pub fn title(self) -> &'static str {
        match self {
            Priority::High => "High",
            Priority::Medium => "Medium",
            Priority::Low => "Low",
        }
    }
}

/// One question the squad should act on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacklogItem {
    /// `<pack>/<question>`: stable across exports, so a tracker can match re-imports.
    pub id: String,
    /// `scorps:<workload>:<pack>/<question>`: the id made unique across workloads, for a tracker
    /// that holds the items of many reviews (no spaces or commas: it fits a label or a tag).
    pub external_id: String,
    pub pack: String,
    pub question: String,
    pub pillar: PillarRef,
    /// `None` for a flagged question that is unanswered or not applicable.
    pub risk: Option<Risk>,
    pub state: State,
    pub flagged: bool,
    pub priority: Priority,
    pub title: String,
    pub why: String,
    /// The framework areas the question covers (the pack's `refs`, e.g. `aws:REL09`).
    pub refs: Vec<String>,
    /// Every practice not yet in place, in the pack's order.
    pub tasks: Vec<Task>,
    pub notes: String,
    pub evidence: Vec<String>,
    /// Why the question does not apply (flagged not-applicable questions only).
    pub reason: String,
    /// Who owns the item (set in the review screen or with `scorps owner`; empty when nobody).
    pub owner: String,
    /// Where the squad disagreed in a vote on this question: "3 voters, agreement 67%, risks
    /// medium to high".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub votes: Option<String>,
    /// The accepted risk, when the register is attached and the question has one.
    pub acceptance: Option<ItemAcceptance>,
}

impl BacklogItem {
    /// The risk, or the state when there is none: `high`, `medium`, `none`, `unanswered`,
    /// `not-applicable`.
    pub fn risk_label(&self) -> &'static str {
        self.risk.map_or(self.state.as_str(), Risk::as_str)
    }
}

/// A practice not yet in place, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    /// The choice id.
    pub practice: String,
    pub title: String,
    pub improve: String,
    /// What proof to show once it is in place (the pack's `evidence`; empty when none).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    pub links: Vec<Link>,
}

/// Builds the backlog of a review against its packs (in the review's pack order).
pub fn build(review: &Review, packs: &[Pack]) -> Backlog {
    let mut items = Vec::new();
    for (pack_index, pack) in packs.iter().enumerate() {
        for (question_index, (pillar, q)) in pack.questions().enumerate() {
            if let Some(item) = item(review, pack, &pillar.id, &pillar.name, q) {
                let group = match item.risk {
                    Some(Risk::High) => 0,
                    Some(Risk::Medium) => 1,
                    _ => 2,
                };
                items.push((
                    (group, pillar_rank(&pillar.id), pack_index, question_index),
                    item,
                ));
            }
        }
    }
    items.sort_by_key(|(k, _)| *k);
    Backlog {
        workload: clean_line(&review.workload).into_owned(),
        team: clean_line(&review.team).into_owned(),
        facilitator: clean_line(&review.facilitator).into_owned(),
        participants: review
            .participants
            .iter()
            .map(|p| clean_line(p).into_owned())
            .collect(),
        description: clean_line(review.description.trim()).into_owned(),
        environment: clean_line(review.environment.trim()).into_owned(),
        architecture: clean_line(review.architecture.trim()).into_owned(),
        owner: clean_line(review.owner.trim()).into_owned(),
        created: review.created,
        updated: review.updated,
        packs: packs
            .iter()
            .map(|p| PackInfo {
                id: p.id.clone(),
                name: clean_line(&p.name).into_owned(),
                version: clean_line(&p.version).into_owned(),
            })
            .collect(),
        scorecard: score(review, packs),
        items: items.into_iter().map(|(_, item)| item).collect(),
        targets: Targets::default(),
        milestone: None,
        disagreements: Vec::new(),
        register: None,
    }
}

/// The item for a question, if it is one: high or medium risk, or flagged.
fn item(
    review: &Review,
    pack: &Pack,
    pillar_id: &str,
    pillar_name: &str,
    q: &Question,
) -> Option<BacklogItem> {
    let (state, risk) = status(review, &pack.id, q);
    let answer = review.answer(&pack.id, &q.id);
    let flagged = answer.is_some_and(|a| a.flagged);
    let at_risk = matches!(risk, Some(Risk::High | Risk::Medium));
    if !at_risk && !flagged {
        return None;
    }
    let priority = match risk {
        Some(Risk::High) => Priority::High,
        Some(Risk::Medium) => Priority::Medium,
        _ => Priority::Low,
    };
    // Only an answer says which practices are missing; an unanswered question has no tasks yet.
    // A practice that does not apply counts as in place: it is no task.
    let tasks = if state == State::Answered {
        let in_place: Vec<&str> = answer.map(|a| a.in_place(q)).unwrap_or_default();
        q.practices()
            .filter(|(_, c)| !in_place.contains(&c.id.as_str()))
            .map(|(_, c)| Task {
                practice: c.id.clone(),
                title: clean_line(&c.title).into_owned(),
                improve: clean_block(c.improve.trim()).into_owned(),
                evidence: clean_line(c.evidence.trim()).into_owned(),
                links: c
                    .links
                    .iter()
                    .map(|l| Link {
                        title: clean_line(&l.title).into_owned(),
                        url: clean_line(&l.url).into_owned(),
                    })
                    .collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let text = |f: fn(&crate::review::Answer) -> &str| {
        answer
            .map(|a| clean_block(f(a).trim()).into_owned())
            .unwrap_or_default()
    };
    let id = crate::review::key(&pack.id, &q.id);
    Some(BacklogItem {
        external_id: format!("scorps:{}:{id}", slug(&review.workload)),
        id,
        pack: pack.id.clone(),
        question: q.id.clone(),
        pillar: PillarRef {
            id: pillar_id.to_string(),
            name: clean_line(pillar_name).into_owned(),
        },
        risk,
        state,
        flagged,
        priority,
        title: clean_line(q.title.trim()).into_owned(),
        why: clean_block(q.why.trim()).into_owned(),
        refs: q.refs.iter().map(|r| clean_line(r).into_owned()).collect(),
        tasks,
        notes: text(|a| &a.notes),
        evidence: answer
            .map(|a| {
                a.evidence
                    .iter()
                    .map(|e| clean_line(e.trim()).into_owned())
                    .filter(|e| !e.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        reason: if state == State::NotApplicable {
            text(|a| &a.reason)
        } else {
            String::new()
        },
        owner: answer
            .map(|a| clean_line(a.owner.trim()).into_owned())
            .unwrap_or_default(),
        acceptance: None,
        votes: None,
    })
}

/// A workload name as an id: lowercase letters and digits, every other run of characters one
/// `-` (`Payments API (EU)` → `payments-api-eu`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "workload".into()
    } else {
        out.into()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::pack::{Source, load_str};
    use crate::review::{Answer, key};

    pub const DEMO: &str = include_str!("../../tests/fixtures/packs/backlog-demo.yaml");

    pub fn demo() -> Pack {
        load_str(
            "backlog-demo.yaml",
            DEMO,
            Source::Builtin("backlog-demo.yaml"),
        )
        .unwrap()
    }

    /// A review of the demo pack; each answer is (question, state, selection, flagged).
    pub fn review(answers: &[(&str, State, &[&str], bool)]) -> (Review, Vec<Pack>) {
        let pack = demo();
        let mut r = Review::new("Payments API", "Orion", "Sam", vec!["Ana".into()], &[&pack]);
        r.created = Timestamp(1_795_687_200);
        r.updated = Timestamp(1_795_690_933);
        for (q, state, sel, flagged) in answers {
            let answer = Answer {
                state: *state,
                selected: sel.iter().map(std::string::ToString::to_string).collect(),
                flagged: *flagged,
                reason: if *state == State::NotApplicable {
                    "No data stored".into()
                } else {
                    String::new()
                },
                ..Answer::default()
            };
            r.answers.insert(key("backlog-demo", q), answer);
        }
        (r, vec![pack])
    }

    #[test]
    fn refs_and_the_proof_to_show_reach_every_export() {
        let text = "schema: 1\nid: r\nname: R\nversion: 1.0.0\npillars:
  - id: reliability
    name: Reliability
    questions:
      - id: backups
        title: Backups?
        refs: [aws:REL09, dora:continuous-delivery]
        choices:
          - { id: auto, title: Automated, improve: x, if_missing: high, evidence: The last backup job's log }
          - { id: none, title: None, none: true }
";
        let pack = load_str("r.yaml", text, Source::Builtin("r.yaml")).unwrap();
        let mut r = Review::new("W", "", "", vec![], &[&pack]);
        r.answers.insert(
            key("r", "backups"),
            Answer {
                state: State::Answered,
                selected: vec!["none".into()],
                ..Answer::default()
            },
        );
        let packs = [pack];
        let b = build(&r, &packs);
        assert_eq!(b.items[0].refs, ["aws:REL09", "dora:continuous-delivery"]);
        assert_eq!(b.items[0].tasks[0].evidence, "The last backup job's log");
        let md = crate::backlog::export(&r, &packs, crate::backlog::Format::Md).unwrap();
        assert!(
            md.contains("**Covers:** aws:REL09, dora:continuous-delivery"),
            "{md}"
        );
        assert!(
            md.contains("_Proof to show: The last backup job's log_"),
            "{md}"
        );
        let csv = crate::backlog::export(&r, &packs, crate::backlog::Format::Csv).unwrap();
        assert!(
            csv.contains("ref:aws:REL09,ref:dora:continuous-delivery"),
            "{csv}"
        );
        assert!(
            csv.contains("Proof to show: The last backup job's log"),
            "{csv}"
        );
        let json = crate::backlog::export(&r, &packs, crate::backlog::Format::Json).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["items"][0]["refs"][0], "aws:REL09");
        assert_eq!(
            v["items"][0]["tasks"][0]["evidence"],
            "The last backup job's log"
        );
    }

    fn ids(b: &Backlog) -> Vec<&str> {
        b.items.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn high_before_medium_before_flagged_then_pillar_order() {
        let (r, packs) = review(&[
            ("secrets", State::Answered, &["vault"], false), // medium
            ("access", State::Answered, &["mfa"], false),    // high (1 of 3)
            ("patching", State::Answered, &["bot", "sla"], true), // none, flagged
            ("backups", State::Answered, &["none"], false),  // high
            ("alerts", State::Answered, &["slo", "on-call"], false), // none: no item
            ("capacity", State::Unanswered, &[], true),      // flagged, unanswered
        ]);
        let b = build(&r, &packs);
        assert_eq!(
            ids(&b),
            [
                "backlog-demo/access",
                "backlog-demo/backups",
                "backlog-demo/secrets",
                "backlog-demo/patching",
                "backlog-demo/capacity"
            ]
        );
        let labels: Vec<&str> = b.items.iter().map(BacklogItem::risk_label).collect();
        assert_eq!(labels, ["high", "high", "medium", "none", "unanswered"]);
        let priorities: Vec<Priority> = b.items.iter().map(|i| i.priority).collect();
        assert_eq!(
            priorities,
            [
                Priority::High,
                Priority::High,
                Priority::Medium,
                Priority::Low,
                Priority::Low
            ]
        );
    }

    #[test]
    fn tasks_are_the_missing_practices() {
        let (r, packs) = review(&[
            ("secrets", State::Answered, &["vault"], false),
            ("backups", State::Answered, &["none"], false),
        ]);
        let b = build(&r, &packs);
        let tasks = |id: &str| -> Vec<String> {
            b.items
                .iter()
                .find(|i| i.id == id)
                .unwrap()
                .tasks
                .iter()
                .map(|t| t.practice.clone())
                .collect()
        };
        assert_eq!(tasks("backlog-demo/secrets"), ["rotation", "scanning"]);
        assert_eq!(
            tasks("backlog-demo/backups"),
            ["automated", "restore-tests"],
            "None of these: every practice is missing"
        );
        let restore = &b.items[0].tasks[1];
        assert_eq!(restore.links[0].url, "https://example.org/restore-testing");
    }

    #[test]
    fn not_applicable_and_unanswered_are_not_items_unless_flagged() {
        let (r, packs) = review(&[
            ("secrets", State::NotApplicable, &[], false),
            ("alerts", State::NotApplicable, &[], true),
        ]);
        let b = build(&r, &packs);
        assert_eq!(ids(&b), ["backlog-demo/alerts"]);
        assert_eq!(b.items[0].risk_label(), "not-applicable");
        assert_eq!(b.items[0].reason, "No data stored");
        assert!(b.items[0].tasks.is_empty());
        assert_eq!(b.scorecard.totals.not_applicable, 2);
        assert_eq!(b.scorecard.totals.unanswered, 4);
    }

    #[test]
    fn an_answer_without_a_selection_is_unanswered() {
        let (r, packs) = review(&[("secrets", State::Answered, &[], false)]);
        assert!(build(&r, &packs).items.is_empty());
    }

    #[test]
    fn external_ids_name_the_workload_and_the_question() {
        let (mut r, packs) = review(&[("secrets", State::Answered, &["none"], false)]);
        r.workload = "  Payments API (EU), v2 ".into();
        let b = build(&r, &packs);
        assert_eq!(
            b.items[0].external_id,
            "scorps:payments-api-eu-v2:backlog-demo/secrets"
        );
        assert_eq!(slug("Paiements Été"), "paiements-été");
        assert_eq!(slug("\u{1b}[31m!!"), "31m");
        assert_eq!(slug("--"), "workload");
    }

    #[test]
    fn control_characters_are_stripped() {
        let (mut r, packs) = review(&[("secrets", State::Answered, &["none"], false)]);
        let a = r.answers.get_mut("backlog-demo/secrets").unwrap();
        a.notes = "red \u{1b}[31malert\u{1b}[0m\nsecond line\u{7}".into();
        a.evidence = vec![
            "  \u{1b}]0;title\u{7}https://x.example  ".into(),
            " ".into(),
        ];
        r.workload = "Pay\u{202E}ments".into();
        let b = build(&r, &packs);
        assert_eq!(b.items[0].notes, "red alert\nsecond line");
        assert_eq!(b.items[0].evidence, ["https://x.example"]);
        assert_eq!(b.workload, "Payments");
    }
}
