//! `packs show`: a pack laid out for reading in a terminal.

use std::fmt::Write;

use super::{Pack, RiskRules};
use crate::text::{clean_block, clean_line};

/// Wraps `text` at `width` columns with `indent` before every line.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    for para in clean_block(text).split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                let _ = writeln!(out, "{indent}{line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

/// The whole pack as text.
pub fn show(pack: &Pack) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({} {})",
        clean_line(&pack.name),
        pack.id,
        clean_line(&pack.version)
    );
    let _ = writeln!(out, "source: {}", clean_line(&pack.source.to_string()));
    if !pack.description.trim().is_empty() {
        out.push_str(&wrap(&pack.description, 90, ""));
    }
    for pillar in &pack.pillars {
        let _ = writeln!(
            out,
            "\n== {} ({}) — {} questions",
            clean_line(&pillar.name),
            pillar.id,
            pillar.questions.len()
        );
        for (n, q) in pillar.questions.iter().enumerate() {
            let _ = writeln!(out, "\n{}. {}  [{}]", n + 1, clean_line(&q.title), q.id);
            if let Some(short) = &q.short {
                let _ = writeln!(out, "   short: {}", clean_line(short));
            }
            if !q.refs.is_empty() {
                let _ = writeln!(out, "   refs: {}", clean_line(&q.refs.join(", ")));
            }
            if !q.why.trim().is_empty() {
                out.push_str(&wrap(&q.why, 86, "   "));
            }
            for c in &q.choices {
                let mark = if c.none { "( )" } else { "[ ]" };
                let level = c
                    .if_missing
                    .map(|l| format!(" · {l} if missing"))
                    .unwrap_or_default();
                let _ = writeln!(out, "   {mark} {}  ({}){level}", clean_line(&c.title), c.id);
                if !c.evidence.trim().is_empty() {
                    out.push_str(&wrap(&format!("evidence: {}", c.evidence), 82, "       "));
                }
            }
            match &q.risk {
                RiskRules::Ordered { rules, default, .. } => {
                    let rules: Vec<String> = rules
                        .iter()
                        .map(|r| format!("{}: {}", r.level, r.condition.abbreviated(300)))
                        .collect();
                    let _ = writeln!(out, "   risk: {} · default: {default}", rules.join(" · "));
                }
                RiskRules::IfMissing => {
                    let _ = writeln!(
                        out,
                        "   risk: the worst `if_missing` among the practices not ticked"
                    );
                }
                RiskRules::Thresholds => {}
            }
        }
    }
    out
}
