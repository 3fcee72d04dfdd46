//! The backlog as CSV, one row per item, for a tracker's importer (Jira, GitLab, a script for
//! GitHub).
//!
//! Columns: `id, summary, pillar, risk, priority, description, labels, external_id, owner,
//! accepted_until` (`external_id` names the workload too, so one tracker can hold many reviews'
//! items; `owner` is the item's owner; `accepted_until` the last day of an accepted risk that
//! holds, else empty). New columns only ever go at the end. The
//! description is plain text laid out like markdown (it reads well in either). Every cell,
//! whatever its source (pack, review or scorps itself), is cleaned of control and invisible
//! characters, and a cell whose first visible character is `=`, `+`, `-`, `@` (or their
//! full-width forms) gets a leading `'`, so a spreadsheet opening the file never runs it as a
//! formula.

use super::build::{Backlog, BacklogItem};
use super::{ExportError, Format};
use crate::review::register::Standing;
use crate::text::{clean_block, clean_line};

/// The header row.
pub const HEADER: [&str; 10] = [
    "id",
    "summary",
    "pillar",
    "risk",
    "priority",
    "description",
    "labels",
    "external_id",
    "owner",
    "accepted_until",
];

/// Jira refuses summaries longer than this.
const MAX_SUMMARY: usize = 255;

/// Renders every item as a CSV row after the header.
pub fn render(b: &Backlog) -> Result<String, ExportError> {
    let fail = |e: csv::Error| ExportError::new(Format::Csv, e);
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(HEADER).map_err(fail)?;
    for item in &b.items {
        let summary: String = clean_line(&item.title).chars().take(MAX_SUMMARY).collect();
        let description = clean_block(&description(b, item)).into_owned();
        let row = [
            item.id.clone(),
            summary,
            item.pillar.name.clone(),
            item.risk_label().to_string(),
            item.priority.title().to_string(),
            description,
            labels(item),
            item.external_id.clone(),
            clean_line(&item.owner).into_owned(),
            item.acceptance
                .as_ref()
                .filter(|a| a.standing == Standing::Holds)
                .map(|a| a.until.clone())
                .unwrap_or_default(),
        ];
        w.write_record(row.iter().map(|cell| defuse(cell)))
            .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError::new(Format::Csv, e.error()))?;
    String::from_utf8(bytes).map_err(|e| ExportError::new(Format::Csv, e))
}

/// `scorps,pillar:<id>,risk:<risk>`, plus `flagged` for a flagged question and `accepted` or
/// `acceptance-expired` for an accepted risk that holds or has expired.
fn labels(item: &BacklogItem) -> String {
    let mut labels = format!(
        "scorps,pillar:{},risk:{}",
        item.pillar.id,
        item.risk_label()
    );
    if item.flagged {
        labels.push_str(",flagged");
    }
    match item.acceptance.as_ref().map(|a| a.standing) {
        Some(Standing::Holds) => labels.push_str(",accepted"),
        Some(Standing::Expired) => labels.push_str(",acceptance-expired"),
        _ => {}
    }
    if item.votes.is_some() {
        labels.push_str(",disagreed");
    }
    // The framework areas the question covers, so a tracker can group by them.
    for r in &item.refs {
        labels.push_str(",ref:");
        labels.push_str(&r.replace([',', ' '], "-"));
    }
    labels
}

/// The body of the ticket.
fn description(b: &Backlog, item: &BacklogItem) -> String {
    let mut parts = Vec::new();
    if !item.why.is_empty() {
        parts.push(format!("Why it matters: {}", item.why));
    }
    if !item.reason.is_empty() {
        parts.push(format!("Not applicable because: {}", item.reason));
    }
    if let Some(a) = &item.acceptance {
        let line = super::register::item_line(a, item.risk);
        parts.push(format!("Risk {line}. Accepted because: {}", a.reason));
    }
    if let Some(votes) = &item.votes {
        parts.push(format!("Votes differed: {votes}"));
    }
    if !item.tasks.is_empty() {
        let tasks: Vec<String> = item
            .tasks
            .iter()
            .map(|t| {
                let mut line = format!("- [ ] {}", t.title);
                if !t.improve.is_empty() {
                    line.push_str(&format!(": {}", t.improve.replace('\n', " ")));
                }
                for l in &t.links {
                    line.push_str(&format!(" ({}: {})", l.title, l.url));
                }
                if !t.evidence.is_empty() {
                    line.push_str(&format!("\n  Proof to show: {}", t.evidence));
                }
                line
            })
            .collect();
        parts.push(format!("To put in place:\n{}", tasks.join("\n")));
    } else if item.state == crate::review::State::Unanswered {
        parts.push("Not answered yet: answer this question with the squad.".into());
    }
    if !item.notes.is_empty() {
        parts.push(format!("Notes: {}", item.notes));
    }
    if !item.evidence.is_empty() {
        parts.push(format!(
            "Evidence:\n{}",
            item.evidence
                .iter()
                .map(|e| format!("- {e}"))
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    let mut source = format!("From the Well-Architected review of {}", b.workload);
    if !b.team.is_empty() {
        source.push_str(&format!(" ({})", b.team));
    }
    source.push_str(&format!(", {}; question {}.", b.updated.date(), item.id));
    parts.push(source);
    parts.join("\n\n")
}

/// A cell made inert: controls and invisible characters removed (line breaks kept), and a
/// leading `'` before what a spreadsheet would read as a formula.
fn defuse(cell: &str) -> String {
    let cell = clean_block(cell);
    let first = cell.trim_start().chars().next();
    if matches!(
        first,
        Some('=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}')
    ) {
        format!("'{cell}")
    } else {
        cell.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::build::build;
    use crate::backlog::build::tests::review;
    use crate::review::State;

    #[test]
    fn rows_parse_back_with_the_header() {
        let (mut r, packs) = review(&[
            ("secrets", State::Answered, &["vault"], true),
            ("backups", State::Answered, &["none"], false),
            ("capacity", State::Unanswered, &[], true),
        ]);
        let a = r.answers.get_mut("backlog-demo/backups").unwrap();
        a.notes = "line one, with a comma\n\"quoted\" line two".into();
        a.evidence = vec!["https://wiki.example/b".into()];
        let text = render(&build(&r, &packs)).unwrap();
        let mut rd = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(rd.headers().unwrap().iter().collect::<Vec<_>>(), HEADER);
        let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[0][0], "backlog-demo/backups");
        assert_eq!(
            &rows[0][1],
            "How do you back up data and prove you can restore it?"
        );
        assert_eq!(&rows[0][2], "Reliability");
        assert_eq!(&rows[0][3], "high");
        assert_eq!(&rows[0][4], "High");
        assert!(
            rows[0][5].contains("Notes: line one, with a comma\n\"quoted\" line two"),
            "{}",
            &rows[0][5]
        );
        assert!(
            rows[0][5]
                .contains("- [ ] Restores are tested every quarter: Restore last night's backup"),
            "{}",
            &rows[0][5]
        );
        assert_eq!(&rows[0][6], "scorps,pillar:reliability,risk:high");
        assert_eq!(&rows[0][7], "scorps:payments-api:backlog-demo/backups");
        assert_eq!(&rows[1][6], "scorps,pillar:security,risk:medium,flagged");
        assert_eq!((&rows[2][3], &rows[2][4]), ("unanswered", "Low"));
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("How?"), "How?");
        assert_eq!(defuse("  =1+1"), "'  =1+1", "spaces before the formula");
        assert_eq!(defuse("\t=1+1"), "' =1+1", "a tab is no way round it");
        assert_eq!(
            defuse("\u{200B}=1+1"),
            "'=1+1",
            "nor an invisible character"
        );
        assert_eq!(defuse("\u{FF1D}SUM(A1)"), "'\u{FF1D}SUM(A1)");
        assert_eq!(defuse("a\u{1b}[31mb\nc"), "ab\nc");
    }

    #[test]
    fn every_cell_is_guarded_whatever_its_source() {
        let (mut r, mut packs) = review(&[("secrets", State::Answered, &["none"], false)]);
        for pillar in &mut packs[0].pillars {
            pillar.name = "=HYPERLINK(\"http://evil.example\",\"x\")".into();
        }
        r.workload = "@cmd".into();
        let text = render(&build(&r, &packs)).unwrap();
        let mut rd = csv::Reader::from_reader(text.as_bytes());
        for row in rd.records() {
            for cell in row.unwrap().iter() {
                let first = cell.trim_start().chars().next();
                assert!(!matches!(first, Some('=' | '+' | '-' | '@')), "{cell:?}");
            }
        }
        assert!(text.contains("'=HYPERLINK("), "{text}");
    }

    #[test]
    fn an_empty_backlog_is_the_header_alone() {
        let (r, packs) = review(&[]);
        assert_eq!(
            render(&build(&r, &packs)).unwrap(),
            "id,summary,pillar,risk,priority,description,labels,external_id,owner,accepted_until\n"
        );
    }
}
