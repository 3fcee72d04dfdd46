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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::build::build;
    use crate::backlog::build::tests::review;
    use crate::backlog::markdown::render;
    use crate::backlog::merge::merge;
    use crate::review::model::Acceptance;
    use crate::review::register::AsOf;
    use crate::review::{State, Timestamp};

    fn day(s: &str) -> crate::review::Day {
        s.parse().unwrap()
    }

    /// The demo review with workload properties, an owner on `backups` and `secrets` accepted
    /// until 2027-03-31 by Ana, as of `as_of`.
    fn backlog(as_of: &str) -> Backlog {
        let (mut r, packs) = review(&[
            ("secrets", State::Answered, &["none"], false),
            ("backups", State::Answered, &["automated"], false),
        ]);
        r.description = "Card payments for the *EU* shops.\n| not a table".into();
        r.environment = "production".into();
        r.architecture = "https://wiki.example/payments".into();
        r.owner = "Ana <lead>".into();
        let secrets = r.answers.get_mut("backlog-demo/secrets").unwrap();
        secrets.accepted = Some(Acceptance {
            owner: "Ana".into(),
            until: day("2027-03-31"),
            risk: crate::pack::Risk::High,
            reason: "Vault | lands in April".into(),
            on: Timestamp(0),
        });
        secrets.updated = Timestamp(1_795_687_200);
        r.answers.get_mut("backlog-demo/backups").unwrap().owner = "Ben".into();
        r.answers.get_mut("backlog-demo/backups").unwrap().updated = Timestamp(1_795_687_200);
        let register = Register::of(&r, &packs, AsOf::new(day(as_of)));
        build(&r, &packs).with_register(register)
    }

    #[test]
    fn the_header_gives_the_workload_properties_escaped() {
        let md = render(&backlog("2026-12-01"));
        assert!(
            md.contains("Card payments for the \\*EU\\* shops. \\| not a table\n\n"),
            "{md}"
        );
        assert!(
            md.contains("**Environment:** production · **Review owner:** Ana &lt;lead&gt; · **Architecture:** [https://wiki.example/payments](https://wiki.example/payments)\n"),
            "{md}"
        );
    }

    #[test]
    fn items_carry_their_owner_and_acceptance() {
        let md = render(&backlog("2026-12-01"));
        assert!(md.contains("**Owner:** Ben\n"), "{md}");
        assert!(
            md.contains("**Risk accepted by Ana until 2027-03-31**"),
            "{md}"
        );
        assert!(
            md.contains("**Accepted because:** Vault \\| lands in April\n"),
            "{md}"
        );
        assert!(
            md.contains("## Risk register\n\nAs of 2026-12-01 (UTC).\n"),
            "{md}"
        );
        let expired = render(&backlog("2027-04-01"));
        assert!(
            expired.contains(
                "**Risk expired on 2027-04-01: open again (accepted by Ana until 2027-03-31)**"
            ),
            "{expired}"
        );
    }

    #[test]
    fn nothing_to_list_leaves_the_section_out() {
        let (r, packs) = review(&[("secrets", State::Answered, &["none"], false)]);
        let mut r = r;
        r.answers.get_mut("backlog-demo/secrets").unwrap().updated = Timestamp(1_795_687_200);
        let register = Register::of(&r, &packs, AsOf::new(day("2026-12-01")));
        assert!(register.is_empty());
        let md = render(&build(&r, &packs).with_register(register));
        assert!(!md.contains("Risk register"), "{md}");
        assert!(!md.contains("**Environment:**"), "{md}");
    }

    #[test]
    fn a_merge_takes_the_review_s_owner_and_keeps_the_team_s_otherwise() {
        let b = backlog("2026-12-01");
        let old = render(&b)
            .replace("**Owner:** Ben", "**Owner:** Carla (from the team)")
            .replace("**Owner:** _unassigned_", "**Owner:** Dan (from the team)");
        let merged = merge(&old, &b);
        assert!(
            merged.contains("**Owner:** Ben\n"),
            "the review's owner wins:\n{merged}"
        );
        assert!(
            merged.contains("**Owner:** Dan (from the team)\n"),
            "without one, the team's stays:\n{merged}"
        );
    }

    #[test]
    fn the_html_page_has_the_register_and_the_properties_escaped() {
        let html = crate::backlog::html::render(&backlog("2027-04-01"));
        assert!(
            html.contains("<h2>Risk register</h2>\n<p>As of 2027-04-01 (UTC).</p>"),
            "{html}"
        );
        assert!(html.contains("Review owner: Ana &lt;lead&gt;"), "{html}");
        assert!(
            html.contains("owner Ana, until 2027-03-31: expired on 2027-04-01: open again."),
            "{html}"
        );
        assert!(
            html.contains("<p><strong>Owner:</strong> Ben</p>"),
            "{html}"
        );
        assert!(!html.contains("<lead>"), "{html}");
    }

    #[test]
    fn standing_words() {
        let r = crate::pack::Risk::Medium;
        assert_eq!(
            standing_text(Standing::Holds, "2027-03-31", r, Some(r)),
            "accepted"
        );
        assert_eq!(
            standing_text(Standing::Expired, "2027-03-31", r, Some(r)),
            "expired on 2027-04-01: open again"
        );
        assert_eq!(
            standing_text(
                Standing::Outgrown,
                "2027-03-31",
                r,
                Some(crate::pack::Risk::High)
            ),
            "open again: accepted at medium, now high"
        );
        assert_eq!(
            standing_text(Standing::Moot, "2027-03-31", r, None),
            "moot: no longer at risk"
        );
    }
}
