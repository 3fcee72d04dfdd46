//! The backlog as markdown that renders well on GitHub and GitLab: a header, a summary table per
//! pillar, then one section per item with its missing practices as task checkboxes.
//!
//! Every piece of text that came from a pack or a review goes through [`escape`], so a note can
//! never break the table or inject HTML. Each item opens with an HTML comment naming its id
//! (`<!-- scorps:item pack/question -->`) and each task ends with one naming its practice: both
//! are invisible on GitHub and GitLab, and let `export --merge` find them again ([`super::merge`]).

use std::fmt::Write;

use super::build::{Backlog, BacklogItem};
use super::escape::{self, block, inline};
use crate::report::targets::{self, is_below};
use crate::review::score::Counts;

/// Renders the whole backlog.
pub fn render(b: &Backlog) -> String {
    let mut out = preamble(b);
    for (n, item) in b.items.iter().enumerate() {
        out.push('\n');
        out.push_str(&item_text(n + 1, item, &|_| false));
    }
    out
}

/// The header, the summary and the backlog's opening line: everything before the first item.
pub(crate) fn preamble(b: &Backlog) -> String {
    let mut out = String::new();
    header(&mut out, b);
    summary(&mut out, b);
    super::register::section(&mut out, b.register.as_ref());
    disagreements(&mut out, b);
    items_intro(&mut out, b);
    out
}

/// The marker line that opens an item.
pub(crate) fn item_marker(id: &str) -> String {
    format!("<!-- scorps:item {id} -->")
}

/// The marker at the end of a task line.
pub(crate) fn task_marker(practice: &str) -> String {
    format!("<!-- scorps:task {practice} -->")
}

/// One item, numbered `n`; `ticked` says which practices' tasks are ticked.
pub(crate) fn item_text(n: usize, item: &BacklogItem, ticked: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::new();
    render_item(&mut out, n, item, ticked);
    out
}

fn header(out: &mut String, b: &Backlog) {
    let _ = writeln!(out, "# Improvement backlog: {}\n", inline(&b.workload));
    let mut facts = Vec::new();
    if !b.team.is_empty() {
        facts.push(format!("**Team:** {}", inline(&b.team)));
    }
    if !b.facilitator.is_empty() {
        facts.push(format!("**Facilitator:** {}", inline(&b.facilitator)));
    }
    let participants: Vec<String> = b
        .participants
        .iter()
        .map(|p| inline(p))
        .filter(|p| !p.is_empty())
        .collect();
    if !participants.is_empty() {
        facts.push(format!("**Participants:** {}", participants.join(", ")));
    }
    facts.push(format!("**Date:** {}", b.updated.date()));
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    super::register::properties(out, b);
    let packs: Vec<String> = b
        .packs
        .iter()
        .map(|p| format!("{} (`{}` {})", inline(&p.name), p.id, inline(&p.version)))
        .collect();
    let _ = writeln!(
        out,
        "**Packs:** {}\n",
        if packs.is_empty() {
            "none".to_string()
        } else {
            packs.join(", ")
        }
    );
}

fn summary(out: &mut String, b: &Backlog) {
    let _ = writeln!(out, "## Summary\n");
    // A target column when targets are set, a column of the last milestone when there is one.
    let targets = !b.targets.is_empty();
    let milestone = b.milestone.as_ref();
    let mut head = vec!["Pillar".to_string(), "Score".to_string()];
    if targets {
        head.push("Target".into());
    }
    if let Some(m) = milestone {
        head.push(format!("{} ({})", inline(&m.name), m.date.date()));
    }
    head.extend(["High", "Medium", "None", "N/A", "Unanswered"].map(String::from));
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "| --- |{}", " ---: |".repeat(head.len() - 1));
    let row = |out: &mut String, name: String, score: String, extra: Vec<String>, c: &Counts| {
        let mut cells = vec![name, score];
        cells.extend(extra);
        cells.extend(
            [c.high, c.medium, c.none, c.not_applicable, c.unanswered].map(|n| n.to_string()),
        );
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    };
    let extra = |id: Option<&str>| {
        let mut cells = Vec::new();
        if targets {
            cells.push(targets::format(id.and_then(|id| b.targets.get(id))));
        }
        if let Some(m) = milestone {
            cells.push(escape::score(match id {
                Some(id) => m.pillar_score(id),
                None => m.overall,
            }));
        }
        cells
    };
    for p in &b.scorecard.pillars {
        let mut score = escape::score(p.score);
        if b.targets.get(&p.id).is_some_and(|t| is_below(p.score, t)) {
            score.push_str(" ▼");
        }
        row(out, inline(&p.name), score, extra(Some(&p.id)), &p.counts);
    }
    let sc = &b.scorecard;
    row(
        out,
        "**Overall**".into(),
        format!("**{}**", escape::score(sc.overall)),
        extra(None),
        &sc.totals,
    );
    let done = sc.totals.answered() + sc.totals.not_applicable;
    let _ = writeln!(
        out,
        "\nCompletion: {} ({done} of {} questions answered or not applicable).\n",
        escape::percent(sc.completion),
        sc.totals.total()
    );
    if targets {
        let _ = writeln!(out, "▼ below its target.\n");
    }
}

/// Where the squad's private votes differed (`scorps votes` has the details), widest first. Ids
/// are a pack's validated ids, safe in a code span as the items' headings are.
fn disagreements(out: &mut String, b: &Backlog) {
    if b.disagreements.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## Where the squad disagreed\n\nIn private votes (`scorps votes` has each vote). Agreement is the share of voters on the larger side of each practice, averaged.\n\n| Question | Voters | Agreement | Risks alone | Agreed answer |\n| --- | ---: | ---: | --- | --- |"
    );
    for d in &b.disagreements {
        let agreed = if d.agreed.is_empty() {
            "no majority".to_string()
        } else {
            d.agreed
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "| `{}` {} | {} | {} | {} | {agreed} |",
            d.id,
            inline(&d.title),
            d.voters,
            crate::vote::tally::percent(d.agreement),
            crate::vote::tally::range(d.low, d.high),
        );
    }
    out.push('\n');
}

fn items_intro(out: &mut String, b: &Backlog) {
    if b.items.is_empty() {
        let _ = writeln!(
            out,
            "## Backlog\n\nNo items: no question is at high or medium risk, and none is flagged."
        );
        return;
    }
    let count = |p: fn(&BacklogItem) -> bool| b.items.iter().filter(|i| p(i)).count();
    let high = count(|i| i.risk_label() == "high");
    let medium = count(|i| i.risk_label() == "medium");
    let flagged = b.items.len() - high - medium;
    let _ = writeln!(
        out,
        "## Backlog\n\n{} item{}: {high} high, {medium} medium, {flagged} flagged only.",
        b.items.len(),
        if b.items.len() == 1 { "" } else { "s" }
    );
}

fn render_item(out: &mut String, n: usize, item: &BacklogItem, ticked: &dyn Fn(&str) -> bool) {
    let _ = writeln!(out, "{}", item_marker(&item.id));
    let _ = writeln!(out, "### {n}. `{}`: {}\n", item.id, inline(&item.title));
    let mut facts = vec![
        format!("**Pillar:** {}", inline(&item.pillar.name)),
        format!("**Risk:** {}", risk_text(item)),
    ];
    if item.flagged {
        facts.push("**Flagged** to revisit".into());
    }
    if let Some(a) = &item.acceptance {
        facts.push(format!(
            "**Risk {}**",
            inline(&super::register::item_line(a, item.risk))
        ));
    }
    if let Some(votes) = &item.votes {
        facts.push(format!("**Votes differed:** {}", inline(votes)));
    }
    if !item.refs.is_empty() {
        let refs: Vec<String> = item.refs.iter().map(|r| inline(r)).collect();
        facts.push(format!("**Covers:** {}", refs.join(", ")));
    }
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if let Some(a) = item.acceptance.as_ref().filter(|a| !a.reason.is_empty()) {
        let _ = writeln!(out, "**Accepted because:** {}\n", block(&a.reason));
    }
    if !item.why.is_empty() {
        let _ = writeln!(out, "**Why it matters:** {}\n", block(&item.why));
    }
    if !item.reason.is_empty() {
        let _ = writeln!(out, "**Not applicable because:** {}\n", block(&item.reason));
    }
    if !item.tasks.is_empty() {
        let _ = writeln!(out, "**To put in place:**\n");
        for t in &item.tasks {
            let tick = if ticked(&t.practice) { 'x' } else { ' ' };
            let mut line = format!("- [{tick}] **{}**", inline(&t.title));
            if !t.improve.is_empty() {
                let _ = write!(line, ": {}", inline(&t.improve));
            }
            if !t.links.is_empty() {
                let links: Vec<String> = t
                    .links
                    .iter()
                    .map(|l| escape::link(&l.title, &l.url))
                    .collect();
                let _ = write!(line, " ({})", links.join(", "));
            }
            // On the task's own line, so that `--merge` regenerates it instead of keeping a copy
            // as the team's text.
            if !t.evidence.is_empty() {
                let _ = write!(line, " _Proof to show: {}_", inline(&t.evidence));
            }
            let _ = writeln!(out, "{line} {}", task_marker(&t.practice));
        }
        out.push('\n');
    } else if item.risk == Some(crate::pack::Risk::None) {
        let _ = writeln!(out, "_Every practice is in place._\n");
    } else if item.state == crate::review::State::Answered {
        let _ = writeln!(
            out,
            "_Every practice is in place; the pack's risk rules still rate this question {}._\n",
            risk_text(item)
        );
    } else if item.state == crate::review::State::Unanswered {
        let _ = writeln!(
            out,
            "_Not answered yet: answer this question with the squad._\n"
        );
    }
    if !item.notes.is_empty() {
        let _ = writeln!(out, "**Notes:** {}\n", block(&item.notes));
    }
    if !item.evidence.is_empty() {
        let _ = writeln!(out, "**Evidence:**\n");
        for e in &item.evidence {
            let _ = writeln!(out, "- {}", escape::line_start(escape::link("", e)));
        }
        out.push('\n');
    }
    if item.owner.is_empty() {
        let _ = writeln!(out, "**Owner:** _unassigned_");
    } else {
        let _ = writeln!(out, "**Owner:** {}", inline(&item.owner));
    }
}

fn risk_text(item: &BacklogItem) -> &'static str {
    match item.risk_label() {
        "not-applicable" => "not applicable",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::*;
    use crate::backlog::build::build;
    use crate::backlog::build::tests::review;
    use crate::review::State;

    fn parse(md: &str) -> Vec<Event<'_>> {
        Parser::new_ext(
            md,
            Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH,
        )
        .collect()
    }

    /// Cells per table row, as plain text.
    fn table_rows(events: &[Event<'_>]) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut cell = None::<String>;
        for e in events {
            match e {
                Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => cell = Some(String::new()),
                Event::End(TagEnd::TableCell) => {
                    if let (Some(row), Some(c)) = (rows.last_mut(), cell.take()) {
                        row.push(c);
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(c) = cell.as_mut() {
                        c.push_str(t);
                    }
                }
                _ => {}
            }
        }
        rows
    }

    /// Whether raw HTML is one of the exporter's own markers (`<!-- scorps:item ID -->`, …).
    fn is_marker(html: &str) -> bool {
        let h = html.trim_end();
        let Some(inner) = h
            .strip_prefix("<!-- scorps:")
            .and_then(|r| r.strip_suffix(" -->"))
        else {
            return false;
        };
        let (kind, id) = inner.split_once(' ').unwrap_or(("", ""));
        ["item", "task"].contains(&kind)
            && !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
    }

    fn sample() -> Backlog {
        let (mut r, packs) = review(&[
            ("secrets", State::Answered, &["vault"], false),
            ("access", State::Answered, &["mfa"], false),
            ("patching", State::Answered, &["bot", "sla"], true),
            ("backups", State::Answered, &["none"], false),
            ("alerts", State::NotApplicable, &[], false),
        ]);
        r.answers.get_mut("backlog-demo/backups").unwrap().evidence = vec![
            "https://wiki.example/backups".into(),
            "runbook page 4".into(),
        ];
        build(&r, &packs)
    }

    #[test]
    fn the_table_and_task_lists_parse() {
        let md = render(&sample());
        let events = parse(&md);
        let rows = table_rows(&events);
        assert_eq!(
            rows[0],
            [
                "Pillar",
                "Score",
                "High",
                "Medium",
                "None",
                "N/A",
                "Unanswered"
            ]
        );
        assert_eq!(rows[1], ["Security", "50.0", "1", "1", "1", "0", "0"]);
        assert_eq!(rows[2], ["Reliability", "0.0", "1", "0", "0", "1", "1"]);
        assert_eq!(rows[3], ["Overall", "37.5", "2", "1", "1", "1", "1"]);
        let tasks = events
            .iter()
            .filter(|e| matches!(e, Event::TaskListMarker(false)))
            .count();
        // access: 2 missing, backups: 2, secrets: 2, patching: none missing.
        assert_eq!(tasks, 6);
        let headings = events
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    Event::Start(Tag::Heading {
                        level: pulldown_cmark::HeadingLevel::H3,
                        ..
                    })
                )
            })
            .count();
        assert_eq!(headings, 4);
        let links: Vec<String> = events
            .iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
                _ => None,
            })
            .collect();
        assert!(
            links.contains(&"https://wiki.example/backups".to_string()),
            "{links:?}"
        );
        assert!(
            md.contains("- runbook page 4\n"),
            "evidence that is not a web address stays text"
        );
    }

    #[test]
    fn hostile_notes_cannot_break_the_markdown() {
        let (mut r, packs) = review(&[("secrets", State::Answered, &["none"], false)]);
        r.workload = "Pay | <b>ments</b>\n# owned".into();
        r.team = "Orion`s | team".into();
        let a = r.answers.get_mut("backlog-demo/secrets").unwrap();
        a.notes = "| col | col |\n|---|---|\n<script>alert(1)</script>\n```\ncode\n```\n\u{1b}[31mred\u{1b}[0m\n- [x] done\n# heading\n<!-- comment -->\n[click](javascript:alert(1)) &amp; ![img](https://x/y.png)".into();
        a.evidence = vec![
            "javascript:alert(1)".into(),
            "https://ok.example/a?b=<c>|d".into(),
        ];
        let md = render(&build(&r, &packs));
        assert!(!md.contains('\u{1b}'), "no escape sequence survives");
        let events = parse(&md);
        for e in &events {
            if let Event::Html(h) | Event::InlineHtml(h) = e {
                assert!(
                    is_marker(h),
                    "raw HTML other than a scorps marker got through: {e:?}\n{md}"
                );
            }
            assert!(
                !matches!(
                    e,
                    Event::Start(Tag::Image { .. } | Tag::CodeBlock(_) | Tag::BlockQuote(_))
                ),
                "{e:?}\n{md}"
            );
            assert!(
                !matches!(e, Event::TaskListMarker(true)),
                "a note added a ticked task: {md}"
            );
        }
        let tables = events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Table(_))))
            .count();
        assert_eq!(tables, 1, "the notes' table syntax stays text\n{md}");
        let headings = events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
            .count();
        assert_eq!(headings, 4, "title, summary, backlog, one item\n{md}");
        let links: Vec<String> = events
            .iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
                _ => None,
            })
            .collect();
        assert!(links.iter().all(|l| l.starts_with("https://")), "{links:?}");
        let text: String = events
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert!(
            text.contains("<script>alert(1)</script>"),
            "the note reads as written: {text}"
        );
        assert!(text.contains("Pay | <b>ments</b> # owned"), "{text}");
        assert!(text.contains("javascript:alert(1)"), "{text}");
    }

    #[test]
    fn targets_and_the_last_milestone_join_the_summary() {
        use crate::report::targets::Targets;
        use crate::review::milestone::Milestone;
        use crate::review::{PackRef, Timestamp};
        let (then, packs) = review(&[("secrets", State::Answered, &["none"], false)]);
        let refs: Vec<PackRef> = packs.iter().map(PackRef::of).collect();
        let card = crate::review::score::score(&then, &packs);
        let mut b = sample();
        b.milestone = Some(Milestone::freeze("q3", Timestamp(0), &then, &refs, &card));
        let map = [("security".to_string(), 60.0)].into_iter().collect();
        b.targets = Targets::resolve(&map, &Default::default());
        let md = render(&b);
        let rows = table_rows(&parse(&md));
        assert_eq!(
            rows[0][..4],
            ["Pillar", "Score", "Target", "q3 (1970-01-01)"]
        );
        assert_eq!(rows[1][..4], ["Security", "50.0 ▼", "60", "0.0"]);
        assert_eq!(rows[2][..4], ["Reliability", "0.0", "—", "—"]);
        assert_eq!(rows[3][..4], ["Overall", "37.5", "—", "0.0"]);
        assert!(md.contains("▼ below its target.\n"), "{md}");
    }

    #[test]
    fn an_empty_backlog_says_so() {
        let (r, packs) = review(&[("alerts", State::Answered, &["slo", "on-call"], false)]);
        let md = render(&build(&r, &packs));
        assert!(
            md.contains("No items: no question is at high or medium risk, and none is flagged."),
            "{md}"
        );
    }
}
