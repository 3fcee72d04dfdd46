//! `packs explain`: the truth table of one question, so an author sees what each rule does.

use std::fmt::Write;

use super::{MissingRisk, Question, RiskRules, UNDECLARED_IF_MISSING};
use crate::text::clean_line;

/// Rows shown in full; above this the table is grouped by the rule that decides.
pub const FULL_TABLE_ROWS: usize = 64;
/// Example rows shown per group in a collapsed table.
const EXAMPLES_PER_GROUP: usize = 6;

/// The truth table of a question as text.
pub fn explain(pack_id: &str, q: &Question) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{pack_id}/{}: {}", q.id, clean_line(&q.title));
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
                    r.condition
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
    let selections: Vec<u32> = q.selections().collect();
    let decider = |sel: u32| match (q.deciding_rule(sel), &q.risk) {
        (Some(i), _) => format!("rule {}", i + 1),
        (None, RiskRules::Thresholds) => "thresholds".to_string(),
        (None, RiskRules::IfMissing) => missing_reason(q, sel),
        (None, RiskRules::Ordered { .. }) => "default".to_string(),
    };
    let header: String = (1..=q.choices.len())
        .map(|i| format!("{:>3}", i % 100))
        .collect();
    let row = |sel: u32| {
        let marks: String = (0..q.choices.len())
            .map(|i| if sel & (1 << i) != 0 { "  ✓" } else { "  ·" })
            .collect();
        format!("{marks} │ {:<6} {}", q.risk(sel).as_str(), decider(sel))
    };
    let _ = writeln!(out, "Selections ({}):", selections.len());
    let _ = writeln!(out, "{header} │ risk   decided by");
    if selections.len() <= FULL_TABLE_ROWS {
        for sel in &selections {
            let _ = writeln!(out, "{}", row(*sel));
        }
    } else {
        let mut groups: Vec<(String, Vec<u32>)> = Vec::new();
        for sel in &selections {
            let key = decider(*sel);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, v)) => v.push(*sel),
                None => groups.push((key, vec![*sel])),
            }
        }
        for (key, sels) in &groups {
            let _ = writeln!(
                out,
                "── {key}: {} selections, risk {}",
                sels.len(),
                q.risk(sels[0])
            );
            for sel in sels.iter().take(EXAMPLES_PER_GROUP) {
                let _ = writeln!(out, "{}", row(*sel));
            }
            if sels.len() > EXAMPLES_PER_GROUP {
                let _ = writeln!(out, "   … {} more", sels.len() - EXAMPLES_PER_GROUP);
            }
        }
    }
    let count = |risk| selections.iter().filter(|s| q.risk(**s) == risk).count();
    let _ = writeln!(
        out,
        "Summary: none {} · medium {} · high {}",
        count(super::Risk::None),
        count(super::Risk::Medium),
        count(super::Risk::High)
    );
    out
}

/// Why a question without rules has the risk it has: the worst practice missing, if it counts.
pub fn missing_reason(q: &Question, selected: u32) -> String {
    match q.worst_missing(selected, Some(UNDECLARED_IF_MISSING)) {
        None => "nothing missing".to_string(),
        Some((_, MissingRisk::Low)) => "only low missing".to_string(),
        Some((i, level)) => format!("{} missing ({level})", q.choices[i].id),
    }
}
