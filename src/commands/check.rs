//! `scorps check FILE [--max-high N] [--max-medium N] [--max-unanswered N] [--below-target]`: a
//! gate for pipelines. Exit 1 when a limit is exceeded or a pillar is below its target (and say
//! which questions or pillars), 0 otherwise; bad input exits 2 like every command.

use std::process::ExitCode;

use anyhow::{Result, bail};
use scorps::pack::Risk;
use scorps::report::targets::format as format_target;
use scorps::review::score::{QuestionScore, score};
use scorps::text::clean_line;

use super::open::Opener;
use super::{Ctx, emit, targets};
use crate::cli::CheckArgs;

/// One limit: what it counts, the limit, and which questions count.
struct Gate<'a> {
    what: &'static str,
    max: Option<usize>,
    questions: Vec<&'a QuestionScore>,
}

pub fn run(ctx: &Ctx, args: CheckArgs) -> Result<ExitCode> {
    let opened = Opener::new(ctx)?.open(&args.file)?;
    let card = score(&opened.review, &opened.packs);
    let targets = targets::of(ctx, &opened.file, &opened.review)?;
    if args.below_target && targets.is_empty() {
        bail!(
            "{}: --below-target, but no target is set
  help: add a [targets] table (e.g. security = 80) to the review or to config.toml",
            opened.file
        );
    }
    let below = if args.below_target {
        for id in targets.unmatched(&card) {
            eprintln!(
                "note: {}: the target for `{}` names no pillar of this review; it is not checked",
                opened.file,
                clean_line(id)
            );
        }
        targets.below(&card)
    } else {
        Vec::new()
    };
    let with =
        |f: fn(&QuestionScore) -> bool| card.questions.iter().filter(|q| f(q)).collect::<Vec<_>>();
    let gates = [
        Gate {
            what: "high-risk",
            max: args.max_high,
            questions: with(|q| q.risk == Some(Risk::High)),
        },
        Gate {
            what: "medium-risk",
            max: args.max_medium,
            questions: with(|q| q.risk == Some(Risk::Medium)),
        },
        Gate {
            what: "unanswered",
            max: args.max_unanswered,
            questions: with(|q| q.state == "unanswered"),
        },
    ];
    let file = &opened.file;
    let failed: Vec<&Gate> = gates
        .iter()
        .filter(|g| g.max.is_some_and(|m| g.questions.len() > m))
        .collect();
    if failed.is_empty() && below.is_empty() {
        let parts: Vec<String> = gates
            .iter()
            .map(|g| match g.max {
                Some(m) => format!("{} {} (at most {m})", g.questions.len(), g.what),
                None => format!("{} {}", g.questions.len(), g.what),
            })
            .collect();
        let mut parts = parts;
        if args.below_target {
            parts.push("every pillar at or above its target".into());
        }
        emit(None, &format!("ok: {file}: {}\n", parts.join(", ")))?;
        if gates.iter().all(|g| g.max.is_none()) && !args.below_target {
            eprintln!(
                "note: no limit given; pass --max-high, --max-medium, --max-unanswered or --below-target"
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for g in failed {
        let n = g.questions.len();
        let max = g.max.unwrap_or_default();
        out.push_str(&format!(
            "failed: {file}: {n} {} question{}, more than the {max} allowed\n",
            g.what,
            if n == 1 { "" } else { "s" }
        ));
        for q in &g.questions {
            out.push_str(&format!(
                "  {}/{}  {}\n",
                q.pack,
                q.question,
                clean_line(&q.title)
            ));
        }
    }
    for s in &below {
        let scored = s.score.map_or_else(
            || "has no score (no question answered)".to_string(),
            |v| format!("scores {v:.1}"),
        );
        out.push_str(&format!(
            "failed: {file}: {} {scored}, below its target of {} (set in {})\n",
            clean_line(s.name),
            format_target(Some(s.target.score)),
            s.target.origin.as_str()
        ));
    }
    emit(None, &out)?;
    Ok(ExitCode::from(1))
}
