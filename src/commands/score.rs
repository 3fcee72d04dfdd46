//! `scorps score FILE`: the scorecard as a table, or as JSON for scripts.

use std::process::ExitCode;

use anyhow::Result;
use scorps::backlog::escape::{percent, score as fmt_score};
use scorps::pack::Risk;
use scorps::report::columns;
use scorps::review::Review;
use scorps::review::register::{Register, Standing};
use scorps::review::score::{Counts, Scorecard, score};
use scorps::text::clean_line;
use serde::Serialize;

use super::open::Opener;
use super::{Ctx, emit};
use crate::cli::{ScoreArgs, TextOrJson};

/// The scorecard as JSON: its fields as they always were, and the register beside them.
#[derive(Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    card: &'a Scorecard,
    register: RegisterJson<'a>,
}

#[derive(Serialize)]
struct RegisterJson<'a> {
    #[serde(flatten)]
    register: &'a Register,
    counts: RegisterCounts,
}

/// Risks counted apart: open (not covered by an acceptance that holds) and accepted.
#[derive(Serialize)]
struct RegisterCounts {
    open_high: usize,
    open_medium: usize,
    accepted: usize,
    expired: usize,
    outgrown: usize,
    moot: usize,
    stale: usize,
    practices_not_applicable: usize,
}

fn counts(card: &Scorecard, r: &Register) -> RegisterCounts {
    let open = |risk: Risk| {
        card.questions
            .iter()
            .filter(|q| q.risk == Some(risk) && !r.holds(&format!("{}/{}", q.pack, q.question)))
            .count()
    };
    RegisterCounts {
        open_high: open(Risk::High),
        open_medium: open(Risk::Medium),
        accepted: r.with(Standing::Holds).count(),
        expired: r.with(Standing::Expired).count(),
        outgrown: r.with(Standing::Outgrown).count(),
        moot: r.with(Standing::Moot).count(),
        stale: r.stale.len(),
        practices_not_applicable: r.practices_not_applicable.len(),
    }
}

pub fn run(ctx: &Ctx, args: ScoreArgs) -> Result<ExitCode> {
    let as_of = ctx.as_of(args.as_of.as_deref())?;
    let opened = Opener::new(ctx)?.open(&args.file)?;
    let card = score(&opened.review, &opened.packs);
    let register = Register::of(&opened.review, &opened.packs, as_of);
    let text = match args.format {
        TextOrJson::Json => {
            let json = Json {
                card: &card,
                register: RegisterJson {
                    register: &register,
                    counts: counts(&card, &register),
                },
            };
            serde_json::to_string_pretty(&json)? + "\n"
        }
        TextOrJson::Text => text(&opened.review, &card) + &register_text(&card, &register),
    };
    emit(None, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// The register under the table: the counts, then each accepted risk and stale answer. Nothing
/// when the register is empty.
fn register_text(card: &Scorecard, r: &Register) -> String {
    if r.is_empty() {
        return String::new();
    }
    let c = counts(card, r);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut out = format!(
        "\nRegister as of {}: open risks {} high, {} medium; {}, {} expired, {}, {}\n",
        r.as_of,
        c.open_high,
        c.open_medium,
        plural(c.accepted, "accepted risk", "accepted risks"),
        c.expired,
        plural(c.stale, "stale answer", "stale answers"),
        plural(
            c.practices_not_applicable,
            "practice not applicable",
            "practices not applicable"
        ),
    );
    if !r.accepted.is_empty() {
        let rows: Vec<[String; 5]> = r
            .accepted
            .iter()
            .map(|a| {
                [
                    a.place.id.clone(),
                    a.accepted_risk.as_str().to_string(),
                    a.owner.clone(),
                    a.until.clone(),
                    scorps::backlog::register::standing_text(
                        a.standing,
                        &a.until,
                        a.accepted_risk,
                        a.risk,
                    ),
                ]
            })
            .collect();
        out.push('\n');
        out.push_str(&columns(
            Some(["ACCEPTED", "RISK", "OWNER", "UNTIL", "STATUS"]),
            &rows,
            [false; 5],
        ));
    }
    if !r.stale.is_empty() {
        let rows: Vec<[String; 3]> = r
            .stale
            .iter()
            .map(|s| [s.place.id.clone(), s.confirmed.clone(), s.due.clone()])
            .collect();
        out.push('\n');
        out.push_str(&columns(
            Some(["STALE", "LAST CONFIRMED", "DUE"]),
            &rows,
            [false; 3],
        ));
    }
    out
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
