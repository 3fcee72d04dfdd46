//! A portfolio across many reviews: one row per workload (its newest review by `updated`), with
//! the score per pillar, the high and medium counts, completion and date.
//!
//! Workloads are matched by name, ignoring case and surrounding space, so "Payments API" and
//! "payments api" are one workload. Older reviews of a workload are reported as superseded.

use std::fmt::Write;

use serde::Serialize;

use crate::backlog::escape::{self, inline};
use crate::pack::{Pack, pillar_rank};
use crate::review::Review;
use crate::review::score::score;
use crate::text::clean_line;

/// The version of the JSON shape.
pub const FORMAT: u32 = 1;

/// A review read from a file, with the packs it is read against.
#[derive(Debug, Clone)]
pub struct Entry {
    /// How the file was named on the command line (or found in a folder).
    pub file: String,
    pub review: Review,
    pub packs: Vec<Pack>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PillarRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarCell {
    pub id: String,
    pub score: Option<f64>,
}

/// One workload's newest review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub workload: String,
    pub team: String,
    pub file: String,
    pub updated: String,
    pub overall: Option<f64>,
    pub completion: f64,
    pub high: usize,
    pub medium: usize,
    pub unanswered: usize,
    /// The pillars this workload's review covers, in pillar order.
    pub pillars: Vec<PillarCell>,
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

/// Keeps the newest review of each workload and scores it.
pub fn portfolio(entries: &[Entry]) -> Portfolio {
    // Newest first; equal times fall back to the file name so the choice is stable.
    let mut order: Vec<&Entry> = entries.iter().collect();
    order.sort_by(|a, b| (b.review.updated, &b.file).cmp(&(a.review.updated, &a.file)));
    let mut kept: Vec<&Entry> = Vec::new();
    let mut superseded = Vec::new();
    for e in order {
        let key = workload_key(&e.review.workload);
        match kept
            .iter()
            .find(|k| workload_key(&k.review.workload) == key)
        {
            Some(newer) => superseded.push(Superseded {
                file: clean_line(&e.file).into_owned(),
                workload: clean_line(&e.review.workload).into_owned(),
                newer: clean_line(&newer.file).into_owned(),
            }),
            None => kept.push(e),
        }
    }
    kept.sort_by_key(|e| (workload_key(&e.review.workload), e.file.clone()));
    let mut pillars: Vec<PillarRef> = Vec::new();
    let workloads = kept
        .iter()
        .map(|e| {
            let card = score(&e.review, &e.packs);
            for p in &card.pillars {
                if !pillars.iter().any(|x| x.id == p.id) {
                    pillars.push(PillarRef {
                        id: p.id.clone(),
                        name: clean_line(&p.name).into_owned(),
                    });
                }
            }
            Row {
                workload: clean_line(e.review.workload.trim()).into_owned(),
                team: clean_line(&e.review.team).into_owned(),
                file: clean_line(&e.file).into_owned(),
                updated: e.review.updated.to_string(),
                overall: card.overall,
                completion: card.completion,
                high: card.totals.high,
                medium: card.totals.medium,
                unanswered: card.totals.unanswered,
                pillars: card
                    .pillars
                    .iter()
                    .map(|p| PillarCell {
                        id: p.id.clone(),
                        score: p.score,
                    })
                    .collect(),
            }
        })
        .collect();
    pillars.sort_by_key(|p| pillar_rank(&p.id));
    Portfolio {
        format: FORMAT,
        pillars,
        workloads,
        superseded,
    }
}

fn date(updated: &str) -> &str {
    updated.get(..10).unwrap_or(updated)
}

/// A markdown table a lead can paste into a wiki.
pub fn markdown(p: &Portfolio) -> String {
    let mut out = String::from("# Well-Architected portfolio\n\n");
    let n = p.workloads.len();
    let _ = writeln!(
        out,
        "{n} workload{}, the newest review of each ({} review file{} read).\n",
        if n == 1 { "" } else { "s" },
        n + p.superseded.len(),
        if n + p.superseded.len() == 1 { "" } else { "s" }
    );
    let names: Vec<String> = p.pillars.iter().map(|x| inline(&x.name)).collect();
    let _ = writeln!(
        out,
        "| Workload | Team | Overall | {} | High | Medium | Completion | Updated |",
        names.join(" | ")
    );
    let align = vec!["---:"; p.pillars.len()].join(" | ");
    let _ = writeln!(
        out,
        "| --- | --- | ---: | {align} | ---: | ---: | ---: | --- |"
    );
    for r in &p.workloads {
        let cells: Vec<String> = p
            .pillars
            .iter()
            .map(|x| {
                r.pillars
                    .iter()
                    .find(|c| c.id == x.id)
                    .map_or_else(|| "—".to_string(), |c| escape::score(c.score))
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
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
    out
}

/// The portfolio as pretty-printed JSON with a final newline.
pub fn json(p: &Portfolio) -> String {
    serde_json::to_string_pretty(p).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::build::tests::review;
    use crate::review::{State, Timestamp};

    fn entry(
        file: &str,
        workload: &str,
        updated: i64,
        answers: &[(&str, State, &[&str], bool)],
    ) -> Entry {
        let (mut r, packs) = review(answers);
        r.workload = workload.into();
        r.updated = Timestamp(updated);
        Entry {
            file: file.into(),
            review: r,
            packs,
        }
    }

    #[test]
    fn the_newest_review_of_each_workload() {
        let entries = [
            entry(
                "old.review.toml",
                "Payments API",
                100,
                &[("secrets", State::Answered, &["none"], false)],
            ),
            entry(
                "new.review.toml",
                " payments api ",
                200,
                &[("secrets", State::Answered, &["vault"], false)],
            ),
            entry(
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
        let p = portfolio(&entries);
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
    fn hostile_names_stay_in_their_cell() {
        let p = portfolio(&[entry("a", "A | <img src=x>", 1, &[])]);
        assert!(
            markdown(&p).contains("| A \\| &lt;img src=x&gt; | Orion |"),
            "{}",
            markdown(&p)
        );
    }
}
