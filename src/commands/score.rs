//! `scorps score FILE`: the scorecard as a table, or as JSON for scripts.

use std::process::ExitCode;

use anyhow::Result;
use scorps::backlog::escape::{percent, score as fmt_score};
use scorps::report::columns;
use scorps::review::Review;
use scorps::review::score::{Counts, Scorecard, score};
use scorps::text::clean_line;

use super::open::Opener;
use super::{Ctx, emit};
use crate::cli::{ScoreArgs, TextOrJson};

pub fn run(ctx: &Ctx, args: ScoreArgs) -> Result<ExitCode> {
    let opened = Opener::new(ctx)?.open(&args.file)?;
    let card = score(&opened.review, &opened.packs);
    let text = match args.format {
        TextOrJson::Json => serde_json::to_string_pretty(&card)? + "\n",
        TextOrJson::Text => text(&opened.review, &card),
    };
    emit(None, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// A readable table: one row per pillar, then the overall row and the completion.
fn text(review: &Review, card: &Scorecard) -> String {
    let mut head = vec![clean_line(&review.workload).into_owned()];
    if !review.team.is_empty() {
        head.push(format!("team {}", clean_line(&review.team)));
    }
    head.push(format!("updated {}", review.updated.date()));
    let row = |name: String, score: Option<f64>, c: &Counts| {
        [
            name,
            fmt_score(score),
            c.high.to_string(),
            c.medium.to_string(),
            c.none.to_string(),
            c.not_applicable.to_string(),
            c.unanswered.to_string(),
        ]
    };
    let mut rows: Vec<[String; 7]> = card
        .pillars
        .iter()
        .map(|p| row(clean_line(&p.name).into_owned(), p.score, &p.counts))
        .collect();
    rows.push(row("Overall".into(), card.overall, &card.totals));
    let table = columns(
        Some([
            "PILLAR",
            "SCORE",
            "HIGH",
            "MEDIUM",
            "NONE",
            "N/A",
            "UNANSWERED",
        ]),
        &rows,
        [false, true, true, true, true, true, true],
    );
    let t = &card.totals;
    format!(
        "{}\n\n{table}\nCompletion: {} ({} of {} questions answered or not applicable)\n",
        head.join(" · "),
        percent(card.completion),
        t.answered() + t.not_applicable,
        t.total()
    )
}
