//! `packs explain`: the truth table of one question, so an author sees what each rule does.
//!
//! Each selection is evaluated once. A question whose table would cost more than
//! [`EXPLAIN_BUDGET`] steps (selections × the size of its rules) gets its rules and choices but no
//! table, with a line that says why, so a hostile pack cannot keep `explain` busy for minutes.

use std::fmt::Write;

use super::{MissingRisk, Question, Risk, RiskRules, UNDECLARED_IF_MISSING};
use crate::text::clean_line;

/// Rows shown in full; above this the table is grouped by the rule that decides.
pub(crate) const FULL_TABLE_ROWS: usize = 64;
/// Example rows shown per group in a collapsed table.
const EXAMPLES_PER_GROUP: usize = 6;
/// The most truth-table steps one `explain` takes (see [`Question::truth_table_cost`]).
pub(crate) const EXPLAIN_BUDGET: u64 = 1 << 28;
/// Conditions longer than this are shown cut, with the number of names left out.
const CONDITION_WIDTH: usize = 300;

/// The truth table of a question as text.
pub fn explain(pack_id: &str, q: &Question) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{pack_id}/{}: {}", q.id, clean_line(&q.title));
    rules(q, &mut out);
    let _ = writeln!(out, "Choices:");
    for (i, c) in q.choices.iter().enumerate() {
        let tag = if c.none {
            " (none of these)".to_string()
        } else {
            match (c.if_missing, &q.risk) {
                (Some(level), _) => format!(" ({level} if missing)"),
                (None, RiskRules::IfMissing) => {
                    format!(" ({UNDECLARED_IF_MISSING} if missing: not declared)")
                }
                (None, _) => String::new(),
            }
        };
        let _ = writeln!(
            out,
            "  {:>2} {}{tag}: {}",
            i + 1,
            c.id,
            clean_line(&c.title)
        );
    }
    let cost = q.truth_table_cost();
    if cost > EXPLAIN_BUDGET {
        let _ = writeln!(
            out,
            "Selections ({}): not tabulated: going through them would take {cost} steps (selections × size of the rules), more than {EXPLAIN_BUDGET}; shorten the conditions or split the question",
            q.selection_count()
        );
        return out;
    }
    table(q, &mut out);
    out
}

fn rules(q: &Question, out: &mut String) {
    match &q.risk {
        RiskRules::Ordered {
            rules,
            default,
            default_pos,
        } => {
            let _ = writeln!(
                out,
                "Rules (checked in order, the first that holds decides):"
            );
            for (i, r) in rules.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "  {}. {:<8}{}",
                    i + 1,
                    format!("{}:", r.level),
                    r.condition.abbreviated(CONDITION_WIDTH)
                );
            }
            let assumed = if default_pos.is_none() {
                " (not written: assumed)"
            } else {
                ""
            };
            let _ = writeln!(out, "  default: {default}{assumed}");
        }
        RiskRules::Thresholds => {
            let _ = writeln!(
                out,
                "No rules: all practices → none, at least half → medium, else high."
            );
        }
        RiskRules::IfMissing => {
            let _ = writeln!(
                out,
                "No rules: the worst `if_missing` among the practices not ticked decides (high, else medium, else none; low adds none)."
            );
        }
    }
}

/// A selection, its risk and what decided it.
type Row = (u32, Risk, String);

/// Every selection with its risk and what decided it, in full or grouped by the decider.
fn table(q: &Question, out: &mut String) {
    let rows: Vec<Row> = q
        .selections()
        .map(|sel| {
            let decider = match (q.deciding_rule(sel), &q.risk) {
                (Some(i), _) => format!("rule {}", i + 1),
                (None, RiskRules::Thresholds) => "thresholds".to_string(),
                (None, RiskRules::IfMissing) => missing_reason(q, sel),
                (None, RiskRules::Ordered { .. }) => "default".to_string(),
            };
            (sel, q.risk(sel), decider)
        })
        .collect();
    let header: String = (1..=q.choices.len())
        .map(|i| format!("{:>3}", i % 100))
        .collect();
    let row = |(sel, risk, decider): &Row| {
        let marks: String = (0..q.choices.len())
            .map(|i| if sel & (1 << i) != 0 { "  ✓" } else { "  ·" })
            .collect();
        format!("{marks} │ {:<6} {decider}", risk.as_str())
    };
    let _ = writeln!(out, "Selections ({}):", rows.len());
    let _ = writeln!(out, "{header} │ risk   decided by");
    if rows.len() <= FULL_TABLE_ROWS {
        for r in &rows {
            let _ = writeln!(out, "{}", row(r));
        }
    } else {
        let mut groups: Vec<(&str, Vec<&Row>)> = Vec::new();
        for r in &rows {
            match groups.iter_mut().find(|(k, _)| *k == r.2) {
                Some((_, v)) => v.push(r),
                None => groups.push((&r.2, vec![r])),
            }
        }
        for (key, members) in &groups {
            let _ = writeln!(
                out,
                "── {key}: {} selections, risk {}",
                members.len(),
                members[0].1
            );
            for r in members.iter().take(EXAMPLES_PER_GROUP) {
                let _ = writeln!(out, "{}", row(r));
            }
            if members.len() > EXAMPLES_PER_GROUP {
                let _ = writeln!(out, "   … {} more", members.len() - EXAMPLES_PER_GROUP);
            }
        }
    }
    let count = |risk| rows.iter().filter(|r| r.1 == risk).count();
    let _ = writeln!(
        out,
        "Summary: none {} · medium {} · high {}",
        count(Risk::None),
        count(Risk::Medium),
        count(Risk::High)
    );
}

/// Why a question without rules has the risk it has: the worst practice missing, if it counts.
pub(crate) fn missing_reason(q: &Question, selected: u32) -> String {
    match q.worst_missing(selected, Some(UNDECLARED_IF_MISSING)) {
        None => "nothing missing".to_string(),
        Some((_, MissingRisk::Low)) => "only low missing".to_string(),
        Some((i, level)) => format!("{} missing ({level})", q.choices[i].id),
    }
}
