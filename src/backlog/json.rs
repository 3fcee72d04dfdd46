//! The backlog as JSON: the review's metadata, the scorecard summary and the same items as the
//! markdown and CSV. The shape is documented in `docs/backlog.md`; `format` changes when a field
//! is removed or changes meaning (new fields may appear without it).

use serde::Serialize;

use super::build::{Backlog, BacklogItem, PackInfo};
use super::{ExportError, Format};
use crate::review::register::Register;
use crate::review::score::{Counts, PillarScore};

/// The version of this JSON shape.
pub const FORMAT: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format: u32,
    workload: &'a str,
    team: &'a str,
    facilitator: &'a str,
    participants: &'a [String],
    description: &'a str,
    environment: &'a str,
    architecture: &'a str,
    owner: &'a str,
    created: String,
    updated: String,
    packs: &'a [PackInfo],
    summary: Summary<'a>,
    /// `null` when no register was attached (never from `scorps export`).
    register: Option<&'a Register>,
    items: &'a [BacklogItem],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    disagreements: &'a [crate::vote::report::Disagreement],
}

#[derive(Serialize)]
struct Summary<'a> {
    overall: Option<f64>,
    completion: f64,
    #[serde(flatten)]
    totals: Counts,
    pillars: &'a [PillarScore],
}

/// Renders the backlog as pretty-printed JSON with a final newline.
pub fn render(b: &Backlog) -> Result<String, ExportError> {
    let doc = Document {
        format: FORMAT,
        workload: &b.workload,
        team: &b.team,
        facilitator: &b.facilitator,
        participants: &b.participants,
        description: &b.description,
        environment: &b.environment,
        architecture: &b.architecture,
        owner: &b.owner,
        created: b.created.to_string(),
        updated: b.updated.to_string(),
        packs: &b.packs,
        summary: Summary {
            overall: b.scorecard.overall,
            completion: b.scorecard.completion,
            totals: b.scorecard.totals,
            pillars: &b.scorecard.pillars,
        },
        register: b.register.as_ref(),
        items: &b.items,
        disagreements: &b.disagreements,
    };
    serde_json::to_string_pretty(&doc)
        .map(|text| text + "\n")
        .map_err(|e| ExportError::new(Format::Json, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::build::build;
    use crate::backlog::build::tests::review;
    use crate::review::State;

    #[test]
    fn the_documented_shape() {
        let (r, packs) = review(&[
            ("secrets", State::Answered, &["vault"], false),
            ("alerts", State::NotApplicable, &[], true),
        ]);
        let v: serde_json::Value =
            serde_json::from_str(&render(&build(&r, &packs)).unwrap()).unwrap();
        assert_eq!(v["format"], 1);
        assert_eq!(v["workload"], "Payments API");
        assert_eq!(v["updated"], "2026-11-26T11:02:13Z");
        assert_eq!(v["packs"][0]["version"], "1.0.0");
        assert_eq!(v["summary"]["overall"], 50.0);
        assert_eq!(v["summary"]["not_applicable"], 1);
        assert_eq!(v["summary"]["pillars"][1]["score"], serde_json::Value::Null);
        let item = &v["items"][0];
        assert_eq!(item["id"], "backlog-demo/secrets");
        assert_eq!(item["pillar"]["id"], "security");
        assert_eq!(item["risk"], "medium");
        assert_eq!(item["state"], "answered");
        assert_eq!(item["priority"], "medium");
        assert_eq!(item["tasks"][0]["practice"], "rotation");
        assert_eq!(item["owner"], "");
        let flagged = &v["items"][1];
        assert_eq!(
            (&flagged["risk"], &flagged["state"], &flagged["flagged"]),
            (
                &serde_json::Value::Null,
                &serde_json::json!("not-applicable"),
                &serde_json::json!(true)
            )
        );
    }
}
