//! The AWS custom lens format as written by export (serde types, field order as in AWS's
//! template) and the limits the AWS tool enforces.

use serde::Serialize;

use super::{Reading, aws_risk};
use crate::pack::rule::{self, Compiled};
use crate::pack::{Question, Risk};

pub(super) const MAX_PILLARS: usize = 10;
pub(super) const MAX_QUESTIONS: usize = 20;
pub(super) const MAX_CHOICES: usize = 15;
pub(super) const MAX_TITLE: usize = 128;
pub(super) const MAX_TEXT: usize = 2048;
/// Additional resources: up to five helpful-resource links and five improvement-plan links.
pub(super) const MAX_LINKS: usize = 10;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Lens {
    pub schema_version: &'static str,
    pub name: String,
    pub description: String,
    pub pillars: Vec<LensPillar>,
}

#[derive(Serialize)]
pub(super) struct LensPillar {
    pub id: String,
    pub name: String,
    pub questions: Vec<LensQuestion>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LensQuestion {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub choices: Vec<LensChoice>,
    pub risk_rules: Vec<LensRule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LensChoice {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helpful_resource: Option<Resource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub improvement_plan: Option<Resource>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub additional_resources: Vec<Additional>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Resource {
    pub display_text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Additional {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub content: Vec<Resource>,
}

#[derive(Serialize)]
pub(super) struct LensRule {
    pub condition: String,
    pub risk: &'static str,
}

pub(super) fn aws_level(r: Risk) -> &'static str {
    match r {
        Risk::High => "HIGH_RISK",
        Risk::Medium => "MEDIUM_RISK",
        Risk::None => "NO_RISK",
    }
}

/// Reads written rules back and checks that, for every selection, AWS gives the pack's risk
/// under either reading. `Err` says where they differ (a bug in export, never in the pack).
pub(super) fn check(q: &Question, names: &[String], rules: &[LensRule]) -> Result<(), String> {
    let level = |r: &str| {
        Risk::ALL
            .into_iter()
            .find(|l| aws_level(*l) == r)
            .unwrap_or(Risk::High)
    };
    let index = |n: &str| names.iter().position(|x| x == n).map(|i| i as u32);
    let mut compiled = Vec::new();
    let mut default = Risk::High;
    for r in rules {
        if r.condition == "default" {
            default = level(r.risk);
            continue;
        }
        match rule::parse(&r.condition)
            .ok()
            .and_then(|e| Compiled::new(&e, &index).ok())
        {
            Some(c) => compiled.push((level(r.risk), c)),
            None => {
                return Err(format!(
                    "the condition `{}` does not read back",
                    r.condition
                ));
            }
        }
    }
    for s in q.selections() {
        for reading in [Reading::FirstMatch, Reading::WorstWins] {
            let holding = compiled.iter().filter(|(_, c)| c.holds(s)).map(|(l, _)| *l);
            let got = aws_risk(holding, default, reading);
            if got != q.risk(s) {
                let sel: Vec<&str> = names
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| s & (1 << i) != 0)
                    .map(|(_, n)| n.as_str())
                    .collect();
                return Err(format!(
                    "the AWS rules give {got} for [{}] where the pack gives {}",
                    sel.join(", "),
                    q.risk(s)
                ));
            }
        }
    }
    Ok(())
}
