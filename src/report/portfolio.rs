//! A portfolio across many reviews: one row per workload (its newest review by `updated`), with
//! the score per pillar, the high and medium counts, completion, date, the change since the
//! workload's last milestone, and the pillars below their targets.
//!
//! Each review is boiled down to a [`Summary`] as soon as it is read, so a portfolio of ten
//! thousand reviews holds ten thousand small rows, never the reviews themselves. Workloads are
//! matched by name, ignoring case and surrounding space, so "Payments API" and "payments api" are
//! one workload. Older reviews of a workload are reported as superseded.

use std::fmt::Write;

use serde::Serialize;

use super::targets::{Targets, is_below};
use crate::backlog::escape::{self, inline};
use crate::pack::pillar_rank;
use crate::review::milestone::Milestone;
use crate::review::register::{Register, Standing};
use crate::review::score::Scorecard;
use crate::review::{Review, Timestamp};
use crate::text::clean_line;

/// The version of the JSON shape.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PillarRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarCell {
    pub id: String,
    #[serde(skip)]
    pub name: String,
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

impl PillarCell {
    pub fn below_target(&self) -> bool {
        self.target.is_some_and(|t| is_below(self.score, t))
    }
}

/// The overall score at the workload's last milestone, and the change since.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SinceMilestone {
    pub name: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub overall: Option<f64>,
    pub change: Option<f64>,
}

/// One review, boiled down to what a portfolio shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub workload: String,
    pub team: String,
    /// The workload's properties, when its review gives them.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub environment: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub architecture: String,
    /// Who owns the review.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub owner: String,
    pub file: String,
    pub updated: String,
    pub overall: Option<f64>,
    pub completion: f64,
    pub high: usize,
    pub medium: usize,
    pub unanswered: usize,
    /// Risks accepted (acceptances that hold), acceptances expired, stale answers: as of the
    /// register's day.
    pub accepted: usize,
    pub expired: usize,
    pub stale: usize,
    /// The pillars this workload's review covers, in pillar order.
    pub pillars: Vec<PillarCell>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since_milestone: Option<SinceMilestone>,
}

/// A review's row, with what is needed to pick the newest review of each workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub row: Row,
    key: String,
    updated: Timestamp,
}

impl Summary {
    /// Summarises a scored review and its register; `milestone` is its last one, if any.
    pub fn new(
        file: &str,
        review: &Review,
        card: &Scorecard,
        register: &Register,
        targets: &Targets,
        milestone: Option<&Milestone>,
    ) -> Summary {
        let text = |t: &str| clean_line(t.trim()).into_owned();
        Summary {
            key: workload_key(&review.workload),
            updated: review.updated,
            row: Row {
                workload: clean_line(review.workload.trim()).into_owned(),
                team: clean_line(&review.team).into_owned(),
                description: text(&review.description),
                environment: text(&review.environment),
                architecture: text(&review.architecture),
                owner: text(&review.owner),
                file: clean_line(file).into_owned(),
                updated: review.updated.to_string(),
                overall: card.overall,
                completion: card.completion,
                high: card.totals.high,
                medium: card.totals.medium,
                unanswered: card.totals.unanswered,
                accepted: register.with(Standing::Holds).count(),
                expired: register.with(Standing::Expired).count(),
                stale: register.stale.len(),
                pillars: card
                    .pillars
                    .iter()
                    .map(|p| PillarCell {
                        id: p.id.clone(),
                        name: clean_line(&p.name).into_owned(),
                        score: p.score,
                        target: targets.get(&p.id),
                    })
                    .collect(),
                since_milestone: milestone.map(|m| SinceMilestone {
                    name: clean_line(&m.name).into_owned(),
                    date: m.date.date(),
                    overall: m.overall,
                    change: m.overall.zip(card.overall).map(|(then, now)| now - then),
                }),
            },
        }
    }
}

/// An older review of a workload, left out of the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Superseded {
    pub file: String,
    pub workload: String,
    pub newer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Portfolio {
    pub format: u32,
    /// Every pillar any workload covers, in pillar order: the table's columns.
    pub pillars: Vec<PillarRef>,
    /// Sorted by workload name.
    pub workloads: Vec<Row>,
    pub superseded: Vec<Superseded>,
}

fn workload_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Keeps the newest review of each workload.
pub fn portfolio(summaries: Vec<Summary>) -> Portfolio {
    // Newest first; equal times fall back to the file name so the choice is stable.
    let mut order = summaries;
    order.sort_by(|a, b| (b.updated, &b.row.file).cmp(&(a.updated, &a.row.file)));
    let mut kept: Vec<Summary> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    let mut superseded = Vec::new();
    for s in order {
        match index.get(&s.key) {
            Some(&i) => superseded.push(Superseded {
                file: s.row.file,
                workload: s.row.workload,
                newer: kept[i].row.file.clone(),
            }),
            None => {
                index.insert(s.key.clone(), kept.len());
                kept.push(s);
            }
        }
    }
    kept.sort_by(|a, b| (&a.key, &a.row.file).cmp(&(&b.key, &b.row.file)));
    let mut pillars: Vec<PillarRef> = Vec::new();
    for s in &kept {
        for p in &s.row.pillars {
            if !pillars.iter().any(|x| x.id == p.id) {
                pillars.push(PillarRef {
                    id: p.id.clone(),
                    name: p.name.clone(),
                });
            }
        }
    }
    pillars.sort_by_key(|p| pillar_rank(&p.id));
    Portfolio {
        format: FORMAT,
        pillars,
        workloads: kept.into_iter().map(|s| s.row).collect(),
        superseded,
    }
}

pub(crate) fn date(updated: &str) -> &str {
    updated.get(..10).unwrap_or(updated)
}

impl Portfolio {
    pub(crate) fn has_targets(&self) -> bool {
        self.workloads
            .iter()
            .any(|r| r.pillars.iter().any(|p| p.target.is_some()))
    }

    /// Whether any workload gives an environment or a review owner (their columns are shown).
    pub(crate) fn has_properties(&self) -> bool {
        self.workloads
            .iter()
            .any(|r| !r.environment.is_empty() || !r.owner.is_empty())
    }

    /// Whether any workload has an accepted, expired or stale entry (the register column).
    pub(crate) fn has_register(&self) -> bool {
        self.workloads
            .iter()
            .any(|r| r.accepted + r.expired + r.stale > 0)
    }

    pub(crate) fn has_milestones(&self) -> bool {
        self.workloads.iter().any(|r| r.since_milestone.is_some())
    }

    /// The opening sentence: how many workloads, from how many files.
    pub(crate) fn intro(&self) -> String {
        let n = self.workloads.len();
        let files = n + self.superseded.len();
        format!(
            "{n} workload{}, the newest review of each ({files} review file{} read).",
            if n == 1 { "" } else { "s" },
            if files == 1 { "" } else { "s" }
        )
    }
}

/// `+8.3 since q4`, or `—`.
pub(crate) fn since_text(s: Option<&SinceMilestone>) -> String {
    match s {
        Some(s) => format!(
            "{} since {}",
            s.change
                .map_or_else(|| "—".to_string(), |c| format!("{c:+.1}")),
            s.name
        ),
        None => "—".into(),
    }
}

/// `1 accepted, 1 expired, 3 stale`, or `—`.
pub(crate) fn register_text(r: &Row) -> String {
    let parts: Vec<String> = [
        (r.accepted, "accepted"),
        (r.expired, "expired"),
        (r.stale, "stale"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(", ")
    }
}

/// A markdown table a lead can paste into a wiki.
pub fn markdown(p: &Portfolio) -> String {
    let mut out = String::from("# Well-Architected portfolio\n\n");
    let _ = writeln!(out, "{}\n", p.intro());
    let names: Vec<String> = p.pillars.iter().map(|x| inline(&x.name)).collect();
    let milestones = p.has_milestones();
    let since_head = if milestones { " Since milestone |" } else { "" };
    let since_align = if milestones { " --- |" } else { "" };
    let properties = p.has_properties();
    let register = p.has_register();
    let (props_head, props_align) = if properties {
        (" Environment | Owner |", " --- | --- |")
    } else {
        ("", "")
    };
    let (reg_head, reg_align) = if register {
        (" Register |", " --- |")
    } else {
        ("", "")
    };
    let _ = writeln!(
        out,
        "| Workload | Team |{props_head} Overall | {} | High | Medium |{reg_head} Completion |{since_head} Updated |",
        names.join(" | ")
    );
    let align = vec!["---:"; p.pillars.len()].join(" | ");
    let _ = writeln!(
        out,
        "| --- | --- |{props_align} ---: | {align} | ---: | ---: |{reg_align} ---: |{since_align} --- |"
    );
    for r in &p.workloads {
        let cells: Vec<String> = p
            .pillars
            .iter()
            .map(|x| {
                r.pillars.iter().find(|c| c.id == x.id).map_or_else(
                    || "—".to_string(),
                    |c| {
                        let mut s = escape::score(c.score);
                        if c.below_target() {
                            s.push_str(" ▼");
                        }
                        s
                    },
                )
            })
            .collect();
        let since = if milestones {
            format!(" {} |", inline(&since_text(r.since_milestone.as_ref())))
        } else {
            String::new()
        };
        let props = if properties {
            let or_dash = |t: &str| {
                if t.is_empty() {
                    "—".to_string()
                } else {
                    inline(t)
                }
            };
            format!(" {} | {} |", or_dash(&r.environment), or_dash(&r.owner))
        } else {
            String::new()
        };
        let reg = if register {
            format!(" {} |", register_text(r))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "| {} | {} |{props} {} | {} | {} | {} |{reg} {} |{since} {} |",
            inline(&r.workload),
            inline(&r.team),
            escape::score(r.overall),
            cells.join(" | "),
            r.high,
            r.medium,
            escape::percent(r.completion),
            date(&r.updated)
        );
    }
    if p.has_targets() {
        out.push_str("\n▼ below its target.\n");
    }
    out
}

/// The portfolio as pretty-printed JSON with a final newline.
pub fn json(p: &Portfolio) -> Result<String, serde_json::Error> {
    Ok(serde_json::to_string_pretty(p)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::build::tests::review;
    use crate::review::State;
    use crate::review::score::score;

    fn summary(
        file: &str,
        workload: &str,
        updated: i64,
        answers: &[(&str, State, &[&str], bool)],
    ) -> Summary {
        let (mut r, packs) = review(answers);
        r.workload = workload.into();
        r.updated = Timestamp(updated);
        let register = Register::of(
            &r,
            &packs,
            crate::review::register::AsOf::new(Timestamp(0).day()),
        );
        Summary::new(
            file,
            &r,
            &score(&r, &packs),
            &register,
            &Targets::default(),
            None,
        )
    }

    #[test]
    fn the_newest_review_of_each_workload() {
        let summaries = vec![
            summary(
                "old.review.toml",
                "Payments API",
                100,
                &[("secrets", State::Answered, &["none"], false)],
            ),
            summary(
                "new.review.toml",
                " payments api ",
                200,
                &[("secrets", State::Answered, &["vault"], false)],
            ),
            summary(
                "checkout.review.toml",
                "Checkout",
                50,
                &[(
                    "backups",
                    State::Answered,
                    &["automated", "restore-tests"],
                    false,
                )],
            ),
        ];
        let p = portfolio(summaries);
        let rows: Vec<(&str, &str, Option<f64>)> = p
            .workloads
            .iter()
            .map(|r| (r.workload.as_str(), r.file.as_str(), r.overall))
            .collect();
        assert_eq!(
            rows,
            [
                ("Checkout", "checkout.review.toml", Some(100.0)),
                ("payments api", "new.review.toml", Some(50.0))
            ]
        );
        assert_eq!(
            p.superseded,
            [Superseded {
                file: "old.review.toml".into(),
                workload: "Payments API".into(),
                newer: "new.review.toml".into()
            }]
        );
        let ids: Vec<&str> = p.pillars.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["security", "reliability"]);
        let md = markdown(&p);
        assert!(
            md.contains("| Checkout | Orion | 100.0 | — | 100.0 | 0 | 0 | 17% | 1970-01-01 |"),
            "{md}"
        );
        assert!(
            md.contains("2 workloads, the newest review of each (3 review files read)."),
            "{md}"
        );
    }

    #[test]
    fn milestones_and_targets_add_a_column_and_a_mark() {
        let (then, packs) = review(&[("secrets", State::Answered, &["none"], false)]);
        let refs: Vec<_> = packs.iter().map(crate::review::PackRef::of).collect();
        let m = Milestone::freeze("q3", Timestamp(0), &then, &refs, &score(&then, &packs));
        let (now, _) = review(&[("secrets", State::Answered, &["vault"], false)]);
        let mut map = std::collections::BTreeMap::new();
        map.insert("security".to_string(), 80.0);
        let targets = Targets::resolve(&map, &Default::default());
        let register = Register::of(
            &now,
            &packs,
            crate::review::register::AsOf::new(Timestamp(0).day()),
        );
        let s = Summary::new(
            "a",
            &now,
            &score(&now, &packs),
            &register,
            &targets,
            Some(&m),
        );
        assert_eq!(s.row.since_milestone.as_ref().unwrap().change, Some(50.0));
        let md = markdown(&portfolio(vec![s]));
        assert!(
            md.contains("| Completion | Since milestone | Updated |"),
            "{md}"
        );
        assert!(md.contains("| Payments API | Orion | 50.0 | 50.0 ▼ | — | 0 | 1 | 17% | +50.0 since q3 | 2026-11-26 |"), "{md}");
        assert!(md.ends_with("\n▼ below its target.\n"), "{md}");
    }

    #[test]
    fn workload_properties_and_the_register_add_columns_when_a_workload_has_them() {
        let plain = summary("a", "Checkout", 1, &[]);
        let md = markdown(&portfolio(vec![plain.clone()]));
        assert!(
            !md.contains("Environment") && !md.contains("Register"),
            "{md}"
        );
        let mut props = summary("b", "Payments", 2, &[]);
        props.row.environment = "production".into();
        props.row.owner = "Ana".into();
        props.row.accepted = 1;
        props.row.stale = 3;
        let p = portfolio(vec![plain, props]);
        let md = markdown(&p);
        assert!(
            md.contains("| Workload | Team | Environment | Owner | Overall |"),
            "{md}"
        );
        assert!(md.contains("| Medium | Register | Completion |"), "{md}");
        assert!(
            md.contains("| Payments | Orion | production | Ana |"),
            "{md}"
        );
        assert!(md.contains("| 1 accepted, 3 stale |"), "{md}");
        assert!(md.contains("| Checkout | Orion | — | — |"), "{md}");
        let v: serde_json::Value = serde_json::from_str(&json(&p).unwrap()).unwrap();
        assert_eq!(v["workloads"][1]["environment"], "production");
        assert_eq!(v["workloads"][1]["accepted"], 1);
        assert!(
            v["workloads"][0].get("environment").is_none(),
            "left out when empty"
        );
    }

    #[test]
    fn hostile_names_stay_in_their_cell() {
        let p = portfolio(vec![summary("a", "A | <img src=x>", 1, &[])]);
        assert!(
            markdown(&p).contains("| A \\| &lt;img src=x&gt; | Orion |"),
            "{}",
            markdown(&p)
        );
    }
}
