//! The backlog as one self-contained HTML page for a lead or a printed handout: the header, a
//! radar of the pillar scores (with targets and the last milestone when there are some), the
//! scores and risk counts, then every item with its missing practices.
//!
//! The page frame, escaping and the radar live in [`crate::report::html`] and
//! [`crate::report::radar`]; this module only lays out a [`Backlog`].

use std::fmt::Write;

use super::build::{Backlog, BacklogItem};
use crate::report::html::{esc, esc_block, link, page, score};
use crate::report::radar::{self, Series};
use crate::report::targets::{self, is_below};

/// Renders the whole page.
pub fn render(b: &Backlog) -> String {
    let mut body = String::new();
    header(&mut body, b);
    overview(&mut body, b);
    register(&mut body, b);
    items(&mut body, b);
    page(&format!("Improvement backlog: {}", b.workload), &body)
}

fn header(out: &mut String, b: &Backlog) {
    let _ = writeln!(out, "<h1>Improvement backlog: {}</h1>", esc(&b.workload));
    let mut facts = Vec::new();
    if !b.team.is_empty() {
        facts.push(format!("Team: {}", esc(&b.team)));
    }
    if !b.facilitator.is_empty() {
        facts.push(format!("Facilitator: {}", esc(&b.facilitator)));
    }
    let people: Vec<String> = b.participants.iter().map(|p| esc(p)).collect();
    if !people.is_empty() {
        facts.push(format!("Participants: {}", people.join(", ")));
    }
    facts.push(format!("Date: {}", b.updated.date()));
    let _ = writeln!(out, "<p class=\"facts\">{}</p>", facts.join(" · "));
    if !b.description.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc_block(&b.description));
    }
    let mut props = Vec::new();
    if !b.environment.is_empty() {
        props.push(format!("Environment: {}", esc(&b.environment)));
    }
    if !b.owner.is_empty() {
        props.push(format!("Review owner: {}", esc(&b.owner)));
    }
    if !b.architecture.is_empty() {
        props.push(format!("Architecture: {}", link("", &b.architecture)));
    }
    if !props.is_empty() {
        let _ = writeln!(out, "<p class=\"facts\">{}</p>", props.join(" · "));
    }
    let packs: Vec<String> = b
        .packs
        .iter()
        .map(|p| {
            format!(
                "{} (<code>{}</code> {})",
                esc(&p.name),
                esc(&p.id),
                esc(&p.version)
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "<p class=\"facts\">Packs: {}</p>",
        if packs.is_empty() {
            "none".to_string()
        } else {
            packs.join(", ")
        }
    );
}

fn overview(out: &mut String, b: &Backlog) {
    let card = &b.scorecard;
    let axes = radar::axes(
        card.pillars
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str())),
    );
    let of = |id: &str| {
        card.pillars
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.score)
    };
    let series = Series {
        now: axes.iter().map(|a| of(&a.id)).collect(),
        milestone: b.milestone.as_ref().map(|m| {
            (
                m.name.clone(),
                axes.iter().map(|a| m.pillar_score(&a.id)).collect(),
            )
        }),
        targets: axes.iter().map(|a| b.targets.get(&a.id)).collect(),
    };
    out.push_str("<h2>Scores</h2>\n<div class=\"overview\">\n<figure>\n");
    out.push_str(&radar::svg(&axes, &series));
    let mut legend = vec!["<span class=\"key\"></span> now".to_string()];
    if let Some(m) = &b.milestone {
        legend.push(format!(
            "<span class=\"key milestone\"></span> milestone {} ({})",
            esc(&m.name),
            m.date.date()
        ));
    }
    if !b.targets.is_empty() {
        legend.push("<span class=\"key target\"></span> target".into());
    }
    let _ = writeln!(
        out,
        "<figcaption class=\"legend\">{}</figcaption>\n</figure>",
        legend.join(" · ")
    );
    table(out, b);
    out.push_str("</div>\n");
    let t = &card.totals;
    let flagged = b.items.iter().filter(|i| i.flagged).count();
    let _ = writeln!(
        out,
        "<ul class=\"counts\"><li><b class=\"high\">{}</b>high risk</li><li><b class=\"medium\">{}</b>medium risk</li><li><b class=\"none\">{}</b>no risk</li><li><b>{}</b>not applicable</li><li><b>{}</b>unanswered</li><li><b>{flagged}</b>flagged</li></ul>",
        t.high, t.medium, t.none, t.not_applicable, t.unanswered
    );
}

fn table(out: &mut String, b: &Backlog) {
    let card = &b.scorecard;
    let has_targets = !b.targets.is_empty();
    out.push_str("<div class=\"scroll\">\n<table class=\"scores\">\n<thead><tr><th>Pillar</th><th>Score</th>");
    if has_targets {
        out.push_str("<th>Target</th>");
    }
    if let Some(m) = &b.milestone {
        let _ = write!(out, "<th>{} ({})</th>", esc(&m.name), m.date.date());
    }
    out.push_str("<th>High</th><th>Medium</th><th>Answered</th></tr></thead>\n<tbody>\n");
    for p in &card.pillars {
        let target = b.targets.get(&p.id);
        let below = target.is_some_and(|t| is_below(p.score, t));
        let _ = write!(
            out,
            "<tr><td>{}</td><td{}>{}{}</td>",
            esc(&p.name),
            if below { " class=\"below\"" } else { "" },
            score(p.score),
            if below { " ▼" } else { "" }
        );
        if has_targets {
            let _ = write!(out, "<td>{}</td>", targets::format(target));
        }
        if let Some(m) = &b.milestone {
            let _ = write!(out, "<td>{}</td>", score(m.pillar_score(&p.id)));
        }
        let c = &p.counts;
        let _ = writeln!(
            out,
            "<td>{}</td><td>{}</td><td>{}/{}</td></tr>",
            c.high,
            c.medium,
            c.total() - c.unanswered,
            c.total()
        );
    }
    let _ = write!(out, "<tr><th>Overall</th><th>{}</th>", score(card.overall));
    if has_targets {
        out.push_str("<th></th>");
    }
    if let Some(m) = &b.milestone {
        let _ = write!(out, "<th>{}</th>", score(m.overall));
    }
    let t = &card.totals;
    let _ = writeln!(
        out,
        "<th>{}</th><th>{}</th><th>{}/{}</th></tr>\n</tbody>\n</table>",
        t.high,
        t.medium,
        t.total() - t.unanswered,
        t.total()
    );
    let _ = writeln!(
        out,
        "<p>Completion: {}.{}</p>\n</div>",
        crate::backlog::escape::percent(card.completion),
        if has_targets {
            " ▼ below its target."
        } else {
            ""
        }
    );
}

/// The register as three short lists; nothing when it has nothing to list.
fn register(out: &mut String, b: &Backlog) {
    let Some(r) = b.register.as_ref().filter(|r| !r.is_empty()) else {
        return;
    };
    let _ = writeln!(
        out,
        "<h2>Risk register</h2>\n<p>As of {} (UTC).</p>",
        esc(&r.as_of)
    );
    let list = |out: &mut String, title: &str, rows: Vec<String>| {
        if !rows.is_empty() {
            let _ = writeln!(
                out,
                "<p><strong>{title}</strong></p>\n<ul>{}</ul>",
                rows.join("")
            );
        }
    };
    let accepted = r
        .accepted
        .iter()
        .map(|a| {
            format!(
                "<li><code>{}</code> {}: {} risk, owner {}, until {}: {}. {}</li>",
                esc(&a.place.id),
                esc(&a.place.title),
                a.accepted_risk.as_str(),
                esc(&a.owner),
                esc(&a.until),
                esc(&super::register::standing_text(
                    a.standing,
                    &a.until,
                    a.accepted_risk,
                    a.risk
                )),
                esc(&a.reason)
            )
        })
        .collect();
    list(out, "Accepted risks", accepted);
    let na = r
        .practices_not_applicable
        .iter()
        .map(|p| {
            format!(
                "<li><code>{}</code> {}: {} ({}){}</li>",
                esc(&p.place.id),
                esc(&p.place.title),
                esc(&p.practice_title),
                p.reason.label(),
                if p.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", esc(&p.note))
                }
            )
        })
        .collect();
    list(out, "Practices not applicable", na);
    let stale = r
        .stale
        .iter()
        .map(|s| {
            format!(
                "<li><code>{}</code> {}: last confirmed {}, due {}</li>",
                esc(&s.place.id),
                esc(&s.place.title),
                esc(&s.confirmed),
                esc(&s.due)
            )
        })
        .collect();
    list(out, "Stale answers", stale);
}

fn items(out: &mut String, b: &Backlog) {
    let _ = writeln!(out, "<h2>Backlog</h2>");
    if b.items.is_empty() {
        out.push_str(
            "<p>No items: no question is at high or medium risk, and none is flagged.</p>\n",
        );
        return;
    }
    let _ = writeln!(
        out,
        "<p>{} item{}.</p>",
        b.items.len(),
        if b.items.len() == 1 { "" } else { "s" }
    );
    for (n, item) in b.items.iter().enumerate() {
        render_item(out, n + 1, item);
    }
}

fn render_item(out: &mut String, n: usize, item: &BacklogItem) {
    let label = item.risk_label();
    let _ = writeln!(
        out,
        "<article class=\"item risk-{label}\" id=\"{}\">",
        esc(&item.id.replace('/', "--"))
    );
    let _ = writeln!(
        out,
        "<h3>{n}. <code>{}</code>: {}</h3>",
        esc(&item.id),
        esc(&item.title)
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\">Pillar: {} · Risk: <span class=\"{label}\">{}</span>{}</p>",
        esc(&item.pillar.name),
        label.replace('-', " "),
        if item.flagged {
            " · flagged to revisit"
        } else {
            ""
        }
    );
    if let Some(a) = &item.acceptance {
        let _ = writeln!(
            out,
            "<p><strong>Risk {}.</strong> Accepted because: {}</p>",
            esc(&super::register::item_line(a, item.risk)),
            esc(&a.reason)
        );
    }
    if !item.why.is_empty() {
        let _ = writeln!(
            out,
            "<p><strong>Why it matters:</strong> {}</p>",
            esc_block(&item.why)
        );
    }
    if !item.reason.is_empty() {
        let _ = writeln!(
            out,
            "<p><strong>Not applicable because:</strong> {}</p>",
            esc_block(&item.reason)
        );
    }
    if !item.tasks.is_empty() {
        out.push_str("<p><strong>To put in place:</strong></p>\n<ul class=\"tasks\">\n");
        for t in &item.tasks {
            let links: Vec<String> = t.links.iter().map(|l| link(&l.title, &l.url)).collect();
            let _ = writeln!(
                out,
                "<li><strong>{}</strong>{}{}</li>",
                esc(&t.title),
                if t.improve.is_empty() {
                    String::new()
                } else {
                    format!(": {}", esc(&t.improve))
                },
                if links.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", links.join(", "))
                }
            );
        }
        out.push_str("</ul>\n");
    }
    if !item.notes.is_empty() {
        let _ = writeln!(
            out,
            "<p><strong>Notes:</strong> {}</p>",
            esc_block(&item.notes)
        );
    }
    if !item.evidence.is_empty() {
        let ev: Vec<String> = item
            .evidence
            .iter()
            .map(|e| format!("<li>{}</li>", link("", e)))
            .collect();
        let _ = writeln!(
            out,
            "<p><strong>Evidence:</strong></p>\n<ul>{}</ul>",
            ev.join("")
        );
    }
    if item.owner.is_empty() {
        out.push_str("<p><strong>Owner:</strong> <em>unassigned</em></p>\n</article>\n");
    } else {
        let _ = writeln!(
            out,
            "<p><strong>Owner:</strong> {}</p>\n</article>",
            esc(&item.owner)
        );
    }
}
