//! `scorps votes` output for people: text for a terminal, markdown for a wiki or a pull request
//! (JSON for scripts is [`super::json`]). Text that came from packs or reviews is cleaned for a
//! terminal (text) or escaped (markdown).

use std::fmt::Write;

use super::file::Source;
use super::report::{AGREEMENT_RULE, Entry, Report, agreed_answer, review_answer};
use super::tally::{Split, percent, risk_range};
use crate::backlog::escape::inline;
use crate::pack::Risk;
use crate::text::clean_line;

/// The widest title a text line shows.
const TITLE_WIDTH: usize = 44;

fn cut(text: &str, width: usize) -> String {
    let text = clean_line(text);
    if text.chars().count() <= width {
        return text.into_owned();
    }
    let mut out: String = text.chars().take(width - 1).collect();
    out.push('…');
    out
}

fn names(list: &[String]) -> String {
    list.iter()
        .map(|n| clean_line(n).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The voters of a split, by name.
pub(crate) fn ticked_by(e: &Entry<'_>, s: &Split) -> Vec<String> {
    s.ticked_by
        .iter()
        .map(|i| e.tally.voters[*i].voter.clone())
        .collect()
}

fn heading(r: &Report<'_>) -> String {
    let n = r.entries.len();
    if n == 0 {
        return "no votes yet".to_string();
    }
    format!(
        "{n} question{} voted on by {}",
        if n == 1 { "" } else { "s" },
        if r.voters.is_empty() {
            "nobody".to_string()
        } else {
            names(&r.voters)
        }
    )
}

/// Words wrapped to lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if len > 0 && len + 1 + n > width {
            out.push('\n');
            len = 0;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += n;
    }
    out
}

/// Said when there is nothing to report yet.
const NO_VOTES: &str = "Participants vote with `scorps vote FILE --as NAME`, or in a round on the facilitator's screen (v).";

/// Text for people.
pub fn text(r: &Report<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Votes on {}: {}", clean_line(r.workload), heading(r));
    if r.entries.is_empty() {
        let _ = writeln!(out, "{}", wrap(NO_VOTES, 100));
        return out;
    }
    let _ = writeln!(out, "{}\n", wrap(AGREEMENT_RULE, 100));
    let widest = r.widest();
    if widest.is_empty() {
        let _ = writeln!(out, "The voters agree on every question.");
    } else {
        let _ = writeln!(out, "Widest disagreement:");
        let w = widest.iter().map(|e| e.tally.key.len()).max().unwrap_or(0);
        for (n, e) in widest.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}. {:<w$}  agreement {:>4}  risks {}  ({} voters)",
                n + 1,
                clean_line(&e.tally.key),
                percent(e.tally.agreement),
                risk_range(&e.tally),
                e.tally.voters.len()
            );
        }
    }
    for e in &r.entries {
        text_entry(&mut out, e);
    }
    out
}

fn text_entry(out: &mut String, e: &Entry<'_>) {
    let t = &e.tally;
    let q = e.question;
    let _ = writeln!(out, "\n{} · {}", clean_line(&t.key), clean_line(&q.title));
    let who: Vec<String> = t
        .voters
        .iter()
        .map(|v| match v.source {
            Source::Room => format!("{} (room)", clean_line(&v.voter)),
            Source::Own => clean_line(&v.voter).into_owned(),
        })
        .collect();
    let _ = writeln!(out, "  voters      {}", who.join(", "));
    let _ = writeln!(
        out,
        "  agreement   {}, risks {}",
        percent(t.agreement),
        risk_range(t)
    );
    let width = q
        .choices
        .iter()
        .map(|c| clean_line(&c.title).chars().count())
        .max()
        .unwrap_or(0)
        .min(TITLE_WIDTH);
    let n = t.voters.len();
    for s in &t.splits {
        let c = &q.choices[s.choice];
        let mark = if s.widest { "◆" } else { " " };
        let verdict = if s.agreed {
            "agreed"
        } else if s.tie {
            "tie: not taken"
        } else {
            ""
        };
        let who = names(&ticked_by(e, s));
        let line = format!(
            "  {mark} {:<width$}  {}/{n}  {:<16} {verdict}",
            cut(&c.title, width),
            s.ticked_by.len(),
            who,
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let alone: Vec<String> = t
        .voters
        .iter()
        .map(|v| {
            format!(
                "{} {}",
                clean_line(&v.voter),
                v.risk.map_or("—", Risk::as_str)
            )
        })
        .collect();
    let _ = writeln!(out, "  risk alone  {}", alone.join(" · "));
    let _ = writeln!(out, "  agreed      {}", clean_line(&agreed_answer(t)));
    let differs = if e.state == crate::review::State::Answered && !e.review_agrees() {
        " (not the agreed answer)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "  the review  {}{differs}",
        clean_line(&review_answer(e))
    );
}

/// Markdown for a wiki or a pull request.
pub fn markdown(r: &Report<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Votes: {}\n", inline(r.workload));
    let _ = writeln!(out, "{}.\n", inline(&heading(r)));
    if r.entries.is_empty() {
        let _ = writeln!(out, "{}", inline(NO_VOTES));
        return out;
    }
    let _ = writeln!(out, "{}\n", inline(AGREEMENT_RULE));
    let _ = writeln!(out, "## Widest disagreement\n");
    let widest = r.widest();
    if widest.is_empty() {
        let _ = writeln!(out, "The voters agree on every question.");
    } else {
        let _ = writeln!(
            out,
            "| # | Question | Agreement | Risks | Voters |\n| ---: | --- | ---: | --- | ---: |"
        );
        for (n, e) in widest.iter().enumerate() {
            let _ = writeln!(
                out,
                "| {} | `{}` {} | {} | {} | {} |",
                n + 1,
                e.tally.key,
                inline(&e.question.title),
                percent(e.tally.agreement),
                risk_range(&e.tally),
                e.tally.voters.len()
            );
        }
    }
    for e in &r.entries {
        md_entry(&mut out, e);
    }
    out
}

fn md_entry(out: &mut String, e: &Entry<'_>) {
    let t = &e.tally;
    let _ = writeln!(out, "\n## `{}`: {}\n", t.key, inline(&e.question.title));
    let mut head = vec!["Practice".to_string()];
    head.extend(t.voters.iter().map(|v| inline(&v.voter)));
    head.extend(["Ticked".to_string(), "Agreed".to_string()]);
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let mut rule = vec!["---"];
    rule.extend(t.voters.iter().map(|_| ":-:"));
    rule.extend(["---:", ":-:"]);
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    let n = t.voters.len();
    for s in &t.splits {
        let c = &e.question.choices[s.choice];
        let mut cells = vec![if s.widest {
            format!("**{}** (widest split)", inline(&c.title))
        } else {
            inline(&c.title)
        }];
        cells.extend((0..n).map(|v| {
            if s.ticked_by.contains(&v) {
                "✓".to_string()
            } else {
                String::new()
            }
        }));
        cells.push(format!("{}/{n}", s.ticked_by.len()));
        cells.push(if s.agreed {
            "✓".into()
        } else if s.tie {
            "tie".into()
        } else {
            String::new()
        });
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let mut cells = vec!["*Risk alone*".to_string()];
    cells.extend(
        t.voters
            .iter()
            .map(|v| v.risk.map_or("—", Risk::as_str).to_string()),
    );
    cells.extend([String::new(), String::new()]);
    let _ = writeln!(out, "| {} |", cells.join(" | "));
    let _ = writeln!(
        out,
        "\nAgreement {} · risks {} · agreed answer: {} · the review: {}",
        percent(t.agreement),
        risk_range(t),
        inline(&agreed_answer(t)),
        inline(&review_answer(e))
    );
}
