//! `scorps votes --format json`: the same facts as the text, for scripts. Shares are numbers from
//! 0 to 1; text is left to JSON's own escaping.

use serde::Serialize;

use super::file::Source;
use super::render::ticked_by;
use super::report::{AGREEMENT_RULE, Entry, Report};
use crate::pack::Risk;

#[derive(Serialize)]
struct JsonReport<'a> {
    workload: &'a str,
    voters: &'a [String],
    agreement_rule: &'static str,
    widest: Vec<&'a str>,
    questions: Vec<JsonQuestion<'a>>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonQuestion<'a> {
    key: &'a str,
    pack: &'a str,
    question: &'a str,
    title: &'a str,
    votes: Vec<JsonVote<'a>>,
    practices: Vec<JsonPractice<'a>>,
    agreement: f64,
    risks: JsonRisks,
    agreed: JsonAnswer<'a>,
    review: JsonReview<'a>,
}

#[derive(Serialize)]
struct JsonVote<'a> {
    voter: &'a str,
    selected: &'a [String],
    risk: Option<Risk>,
    source: Source,
    updated: String,
}

#[derive(Serialize)]
struct JsonPractice<'a> {
    id: &'a str,
    title: &'a str,
    none: bool,
    ticked_by: Vec<String>,
    agreement: f64,
    agreed: bool,
    tie: bool,
    widest: bool,
}

#[derive(Serialize)]
struct JsonRisks {
    low: Option<Risk>,
    high: Option<Risk>,
    spread: usize,
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    selected: &'a [String],
    risk: Option<Risk>,
}

#[derive(Serialize)]
struct JsonReview<'a> {
    state: &'static str,
    selected: &'a [String],
    risk: Option<Risk>,
    agrees: bool,
}

/// The report as pretty-printed JSON with a final newline.
pub fn render(r: &Report<'_>) -> Result<String, serde_json::Error> {
    let widest = r.widest().iter().map(|e| e.tally.key.as_str()).collect();
    let questions = r.entries.iter().map(json_question).collect();
    let doc = JsonReport {
        workload: r.workload,
        voters: &r.voters,
        agreement_rule: AGREEMENT_RULE,
        widest,
        questions,
        notes: &r.notes,
    };
    Ok(serde_json::to_string_pretty(&doc)? + "\n")
}

fn json_question<'a>(e: &'a Entry<'a>) -> JsonQuestion<'a> {
    let t = &e.tally;
    JsonQuestion {
        key: &t.key,
        pack: &e.pack.id,
        question: &e.question.id,
        title: &e.question.title,
        votes: t
            .voters
            .iter()
            .map(|v| JsonVote {
                voter: &v.voter,
                selected: &v.selected,
                risk: v.risk,
                source: v.source,
                updated: v.updated.to_string(),
            })
            .collect(),
        practices: t
            .splits
            .iter()
            .map(|s| {
                let c = &e.question.choices[s.choice];
                JsonPractice {
                    id: &c.id,
                    title: &c.title,
                    none: c.none,
                    ticked_by: ticked_by(e, s),
                    agreement: s.agreement,
                    agreed: s.agreed,
                    tie: s.tie,
                    widest: s.widest,
                }
            })
            .collect(),
        agreement: t.agreement,
        risks: JsonRisks {
            low: t.low,
            high: t.high,
            spread: t.spread(),
        },
        agreed: JsonAnswer {
            selected: &t.agreed,
            risk: t.agreed_risk,
        },
        review: JsonReview {
            state: e.state.as_str(),
            selected: e.answer.map_or(&[], |a| a.selected.as_slice()),
            risk: e.risk,
            agrees: e.review_agrees(),
        },
    }
}
