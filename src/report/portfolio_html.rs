//! The portfolio as one self-contained HTML page: a heatmap of workloads × pillars (each cell
//! coloured by its score band, outlined when below its target), with the overall score, risk
//! counts, completion and the change since each workload's last milestone.

use std::fmt::Write;

use super::html::{band, esc, page, score};
use super::portfolio::{Portfolio, date, since_text};

/// Renders the whole page.
pub fn render(p: &Portfolio) -> String {
    let mut body = String::new();
    body.push_str("<h1>Well-Architected portfolio</h1>\n");
    let _ = writeln!(body, "<p class=\"facts\">{}</p>", esc(&p.intro()));
    let high: usize = p.workloads.iter().map(|r| r.high).sum();
    let medium: usize = p.workloads.iter().map(|r| r.medium).sum();
    let below = p
        .workloads
        .iter()
        .filter(|r| {
            r.pillars
                .iter()
                .any(super::portfolio::PillarCell::below_target)
        })
        .count();
    let _ = writeln!(
        body,
        "<ul class=\"counts\"><li><b>{}</b>workloads</li><li><b class=\"high\">{high}</b>high risks</li><li><b class=\"medium\">{medium}</b>medium risks</li>{}</ul>",
        p.workloads.len(),
        if p.has_targets() {
            format!("<li><b>{below}</b>workloads below a target</li>")
        } else {
            String::new()
        }
    );
    body.push_str("<h2>Scores by pillar</h2>\n<div class=\"scroll\">\n<table class=\"heatmap\">\n<thead><tr><th>Workload</th><th>Team</th><th>Overall</th>");
    for x in &p.pillars {
        let _ = write!(body, "<th>{}</th>", esc(&x.name));
    }
    let milestones = p.has_milestones();
    body.push_str("<th>High</th><th>Medium</th><th>Completion</th>");
    if milestones {
        body.push_str("<th>Since milestone</th>");
    }
    body.push_str("<th>Updated</th></tr></thead>\n<tbody>\n");
    for r in &p.workloads {
        let _ = write!(
            body,
            "<tr><td>{}{}</td><td>{}</td><td class=\"cell {}\">{}</td>",
            esc(&r.workload),
            if r.environment.is_empty() && r.owner.is_empty() {
                String::new()
            } else {
                let props: Vec<String> = [&r.environment, &r.owner]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .map(|t| esc(t))
                    .collect();
                format!("<br><small>{}</small>", props.join(" · "))
            },
            esc(&r.team),
            band(r.overall),
            score(r.overall)
        );
        for x in &p.pillars {
            match r.pillars.iter().find(|c| c.id == x.id) {
                Some(c) if c.below_target() => {
                    let _ = write!(
                        body,
                        "<td class=\"cell {} below\" title=\"below its target\">{} ▼</td>",
                        band(c.score),
                        score(c.score)
                    );
                }
                Some(c) => {
                    let _ = write!(
                        body,
                        "<td class=\"cell {}\">{}</td>",
                        band(c.score),
                        score(c.score)
                    );
                }
                None => body.push_str("<td class=\"cell na\">—</td>"),
            }
        }
        let _ = write!(
            body,
            "<td>{}</td><td>{}</td><td>{}</td>",
            r.high,
            r.medium,
            crate::backlog::escape::percent(r.completion)
        );
        if milestones {
            let _ = write!(
                body,
                "<td>{}</td>",
                esc(&since_text(r.since_milestone.as_ref()))
            );
        }
        let _ = writeln!(body, "<td>{}</td></tr>", esc(date(&r.updated)));
    }
    body.push_str("</tbody>\n</table>\n</div>\n");
    body.push_str("<p class=\"legend\">Cells: <span class=\"b0\">&nbsp;0–19&nbsp;</span> <span class=\"b1\">&nbsp;20–39&nbsp;</span> <span class=\"b2\">&nbsp;40–59&nbsp;</span> <span class=\"b3\">&nbsp;60–79&nbsp;</span> <span class=\"b4\">&nbsp;80–100&nbsp;</span> <span class=\"na\">&nbsp;no score&nbsp;</span>");
    if p.has_targets() {
        body.push_str(" · ▼ below its target");
    }
    body.push_str("</p>\n");
    page("Well-Architected portfolio", &body)
}
