//! The backlog as CSV, one row per item, for a tracker's importer (Jira, GitLab, a script for
//! GitHub).
//!
//! Columns: `id, summary, pillar, risk, priority, description, labels, external_id`
//! (`external_id` names the workload too, so one tracker can hold many reviews' items). The description is plain
//! text laid out like markdown (it reads well in either). A cell that would start with `=`, `+`,
//! `-` or `@` gets a leading `'`, so a spreadsheet opening the file never runs it as a formula.

use super::build::{Backlog, BacklogItem};

/// The header row.
pub const HEADER: [&str; 8] = [
    "id",
    "summary",
    "pillar",
    "risk",
    "priority",
    "description",
    "labels",
    "external_id",
];

/// Jira refuses summaries longer than this.
const MAX_SUMMARY: usize = 255;

/// Renders every item as a CSV row after the header.
pub fn render(b: &Backlog) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to memory cannot fail; an error here would be a bug in the csv crate.
    let _ = w.write_record(HEADER);
    for item in &b.items {
        let summary: String = item.title.chars().take(MAX_SUMMARY).collect();
        let _ = w.write_record([
            item.id.clone(),
            defuse(&summary),
            item.pillar.name.clone(),
            item.risk_label().to_string(),
            item.priority.title().to_string(),
            defuse(&description(b, item)),
            labels(item),
            item.external_id.clone(),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// `scorps,pillar:<id>,risk:<risk>`, plus `flagged` for a flagged question.
fn labels(item: &BacklogItem) -> String {
    let mut labels = format!(
        "scorps,pillar:{},risk:{}",
        item.pillar.id,
        item.risk_label()
    );
    if item.flagged {
        labels.push_str(",flagged");
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

/// A leading `'` before what a spreadsheet would read as a formula.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_string()
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
        let text = render(&build(&r, &packs));
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
    }

    #[test]
    fn an_empty_backlog_is_the_header_alone() {
        let (r, packs) = review(&[]);
        assert_eq!(
            render(&build(&r, &packs)),
            "id,summary,pillar,risk,priority,description,labels,external_id\n"
        );
    }
}
