//! The risk register in the backlog: the workload's properties in the header, a "Risk register"
//! section (accepted risks and where they stand, practices that do not apply, stale answers), and
//! the words every format uses for an acceptance's standing.
//!
//! The section sits between the summary and the items, so `export --merge` rewrites it with the
//! header. It is left out when the register has nothing to list; every cell goes through
//! [`escape::inline`].

use std::fmt::Write;

use super::build::{Backlog, ItemAcceptance};
use super::escape::{self, inline};
use crate::pack::Risk;
use crate::review::register::{Accepted, Register, Standing};

/// How an acceptance stands, in words: `accepted`, `expired on 2027-04-01: open again`, …
pub fn standing_text(standing: Standing, until: &str, accepted: Risk, now: Option<Risk>) -> String {
    match standing {
        Standing::Holds => "accepted".to_string(),
        Standing::Expired => {
            let after = until.parse::<crate::review::Day>().map_or_else(
                |_| format!("after {until}"),
                |d| format!("on {}", d.plus(1)),
            );
            format!("expired {after}: open again")
        }
        Standing::Outgrown => format!(
            "open again: accepted at {}, now {}",
            accepted.as_str(),
            now.map_or("unrated", Risk::as_str)
        ),
        Standing::Moot => "moot: no longer at risk".to_string(),
    }
}

/// An item's acceptance as one line of facts (`accepted by Ana until 2027-03-31`).
pub fn item_line(a: &ItemAcceptance, now: Option<Risk>) -> String {
    let base = format!("by {} until {}", a.owner, a.until);
    match a.standing {
        Standing::Holds => format!("accepted {base}"),
        other => format!(
            "{} (accepted {base})",
            standing_text(other, &a.until, a.risk, now)
        ),
    }
}

/// The workload's properties under the header's facts; nothing when the review gives none.
pub(crate) fn properties(out: &mut String, b: &Backlog) {
    if !b.description.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            escape::line_start(escape::block(&b.description))
        );
    }
    let mut facts = Vec::new();
    if !b.environment.is_empty() {
        facts.push(format!("**Environment:** {}", inline(&b.environment)));
    }
    if !b.owner.is_empty() {
        facts.push(format!("**Review owner:** {}", inline(&b.owner)));
    }
    if !b.architecture.is_empty() {
        facts.push(format!(
            "**Architecture:** {}",
            escape::link("", &b.architecture)
        ));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{}\n", facts.join(" · "));
    }
}

/// The "Risk register" section; nothing when there is nothing to list.
pub(crate) fn section(out: &mut String, register: Option<&Register>) {
    let Some(r) = register.filter(|r| !r.is_empty()) else {
        return;
    };
    let _ = writeln!(out, "## Risk register\n\nAs of {} (UTC).\n", r.as_of);
    if !r.accepted.is_empty() {
        let _ = writeln!(
            out,
            "**Accepted risks**\n\n| Question | Risk | Owner | Until | Status | Reason |\n| --- | --- | --- | --- | --- | --- |"
        );
        for a in &r.accepted {
            let _ = writeln!(
                out,
                "| `{}` {} | {} | {} | {} | {} | {} |",
                a.place.id,
                inline(&a.place.title),
                risk_cell(a),
                inline(&a.owner),
                a.until,
                standing_text(a.standing, &a.until, a.accepted_risk, a.risk),
                inline(&a.reason)
            );
        }
        out.push('\n');
    }
    if !r.practices_not_applicable.is_empty() {
        let _ = writeln!(
            out,
            "**Practices not applicable** (they count as in place)\n\n| Question | Practice | Reason | Note |\n| --- | --- | --- | --- |"
        );
        for p in &r.practices_not_applicable {
            let _ = writeln!(
                out,
                "| `{}` {} | {} | {} | {} |",
                p.place.id,
                inline(&p.place.title),
                inline(&p.practice_title),
                p.reason.label(),
                inline(&p.note)
            );
        }
        out.push('\n');
    }
    if !r.stale.is_empty() {
        let rule = match &r.review_by {
            Some(day) => format!(
                "due on {day} (the review's `review_by`), or {} days after a later confirmation",
                r.review_days
            ),
            None => format!("due {} days after their last confirmation", r.review_days),
        };
        let _ = writeln!(
            out,
            "**Stale answers** ({rule})\n\n| Question | State | Last confirmed | Due |\n| --- | --- | --- | --- |"
        );
        for s in &r.stale {
            let _ = writeln!(
                out,
                "| `{}` {} | {} | {} | {} |",
                s.place.id,
                inline(&s.place.title),
                s.state.as_str(),
                s.confirmed,
                s.due
            );
        }
        out.push('\n');
    }
}

/// The risk now, and the level accepted when that differs.
fn risk_cell(a: &Accepted) -> String {
    match a.risk {
        Some(now) if now == a.accepted_risk => now.as_str().to_string(),
        Some(now) => format!(
            "{} (accepted at {})",
            now.as_str(),
            a.accepted_risk.as_str()
        ),
        None => format!("— (accepted at {})", a.accepted_risk.as_str()),
    }
}
