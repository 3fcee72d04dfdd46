//! A [`Diff`] for people: plain text for a terminal, markdown for a pull request.
//!
//! Both list the score table first, then each kind of change with its questions; unchanged
//! questions are only counted.

use std::fmt::Write;

use super::columns;
use super::diff::{Change, Delta, Diff, QuestionDiff, Status};
use crate::backlog::escape::{self, inline};

/// The kinds of change listed, in order (unchanged questions are only counted).
const LISTED: [Change; 7] = [
    Change::Improved,
    Change::Regressed,
    Change::NewlyAnswered,
    Change::NowNotApplicable,
    Change::Reopened,
    Change::Added,
    Change::Removed,
];

fn signed(change: Option<f64>) -> String {
    change.map_or_else(|| "—".to_string(), |c| format!("{c:+.1}"))
}

fn completion_change(d: &Delta) -> String {
    d.change
        .map_or_else(|| "—".to_string(), |c| format!("{:+.0} pts", c * 100.0))
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), escape::percent)
}

/// `high → medium`, `was none`, `now unanswered`.
fn movement(q: &QuestionDiff) -> String {
    let s = |s: Option<Status>| s.map_or("—", Status::as_str);
    match (q.old, q.new) {
        (Some(o), Some(n)) => format!("{} → {}", o.as_str(), n.as_str()),
        (None, n) => format!("now {}", s(n)),
        (o, None) => format!("was {}", s(o)),
    }
}

/// `Payments API, 2026-08-14 → 2026-11-26`, naming both workloads when they differ.
fn title(d: &Diff, name: impl Fn(&str) -> String) -> String {
    if d.old.workload == d.new.workload {
        format!("{}, {} → {}", name(&d.new.workload), d.old.date, d.new.date)
    } else {
        format!(
            "{} ({}) → {} ({})",
            name(&d.old.workload),
            d.old.date,
            name(&d.new.workload),
            d.new.date
        )
    }
}

fn pack_lines(d: &Diff) -> Vec<String> {
    d.packs
        .iter()
        .map(|p| match (&p.old, &p.new) {
            (Some(o), Some(n)) => format!("pack {}: {o} → {n}", p.id),
            (None, Some(n)) => format!("pack {}: added ({n})", p.id),
            (Some(o), None) => format!("pack {}: no longer used (was {o})", p.id),
            (None, None) => format!("pack {}", p.id),
        })
        .collect()
}

fn unchanged_line(d: &Diff) -> String {
    let n = d.with(Change::Unchanged).count();
    format!("Unchanged: {n} question{}.", if n == 1 { "" } else { "s" })
}

/// The diff as plain text for a terminal.
pub fn text(d: &Diff) -> String {
    let mut out = title(d, std::string::ToString::to_string) + "\n";
    for line in pack_lines(d) {
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
    let mut rows: Vec<[String; 4]> = d
        .pillars
        .iter()
        .map(|p| {
            [
                p.name.clone(),
                escape::score(p.delta.old),
                escape::score(p.delta.new),
                signed(p.delta.change),
            ]
        })
        .collect();
    rows.push([
        "Overall".into(),
        escape::score(d.overall.old),
        escape::score(d.overall.new),
        signed(d.overall.change),
    ]);
    rows.push([
        "Completion".into(),
        percent(d.completion.old),
        percent(d.completion.new),
        completion_change(&d.completion),
    ]);
    out.push_str(&columns(
        Some(["PILLAR", "OLD", "NEW", "CHANGE"]),
        &rows,
        [false, true, true, true],
    ));
    for change in LISTED {
        let qs: Vec<&QuestionDiff> = d.with(change).collect();
        if qs.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({}):", change.heading(), qs.len());
        let rows: Vec<[String; 3]> = qs
            .iter()
            .map(|q| [q.id.clone(), movement(q), q.title.clone()])
            .collect();
        for line in columns(None, &rows, [false; 3]).lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    let _ = writeln!(out, "\n{}", unchanged_line(d));
    out
}

/// The diff as markdown for a pull request or merge request.
pub fn markdown(d: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Well-Architected review: {}\n", title(d, inline));
    for line in pack_lines(d) {
        let _ = writeln!(out, "- {}", inline(&line));
    }
    if !d.packs.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "| Pillar | Old | New | Change |\n| --- | ---: | ---: | ---: |"
    );
    for p in &d.pillars {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            inline(&p.name),
            escape::score(p.delta.old),
            escape::score(p.delta.new),
            signed(p.delta.change)
        );
    }
    let o = &d.overall;
    let _ = writeln!(
        out,
        "| **Overall** | **{}** | **{}** | **{}** |",
        escape::score(o.old),
        escape::score(o.new),
        signed(o.change)
    );
    let c = &d.completion;
    let _ = writeln!(
        out,
        "| Completion | {} | {} | {} |",
        percent(c.old),
        percent(c.new),
        completion_change(c)
    );
    for change in LISTED {
        let qs: Vec<&QuestionDiff> = d.with(change).collect();
        if qs.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {} ({})\n", change.heading(), qs.len());
        for q in qs {
            let _ = writeln!(out, "- `{}` {}: {}", q.id, inline(&q.title), movement(q));
        }
    }
    let _ = writeln!(out, "\n{}", unchanged_line(d));
    out
}
