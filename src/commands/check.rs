//! `scorps check FILE [--max-high N] [--max-medium N] [--max-unanswered N] [--max-accepted N]
//! [--max-expired N] [--max-stale N] [--as-of DATE] [--below-target]`: a gate for pipelines. Exit
//! 1 when a limit is exceeded or a pillar is below its target (and say which questions or
//! pillars), 0 otherwise; bad input exits 2 like every command.
//!
//! High and medium count open risks: a risk whose acceptance holds on the day (see
//! `review::register`) is counted apart, as accepted; an expired or outgrown acceptance leaves its
//! risk open, and the question is listed with the acceptance's owner and last day.

use std::process::ExitCode;

use anyhow::{Result, bail};
use scorps::pack::Risk;
use scorps::report::targets::format as format_target;
use scorps::review::register::{Register, Standing};
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
    /// Said only when a limit is given or something counts (the register's gates).
    quiet: bool,
}

pub fn run(ctx: &Ctx, args: CheckArgs) -> Result<ExitCode> {
    let as_of = ctx.as_of(args.as_of.as_deref())?;
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
    let register = Register::of(&opened.review, &opened.packs, as_of);
    let id = |q: &QuestionScore| format!("{}/{}", q.pack, q.question);
    let open = |q: &QuestionScore, risk: Risk| q.risk == Some(risk) && !register.holds(&id(q));
    let with = |f: &dyn Fn(&QuestionScore) -> bool| {
        card.questions.iter().filter(|q| f(q)).collect::<Vec<_>>()
    };
    let gates = [
        Gate {
            what: "high-risk",
            max: args.max_high,
            questions: with(&|q| open(q, Risk::High)),
            quiet: false,
        },
        Gate {
            what: "medium-risk",
            max: args.max_medium,
            questions: with(&|q| open(q, Risk::Medium)),
            quiet: false,
        },
        Gate {
            what: "unanswered",
            max: args.max_unanswered,
            questions: with(&|q| q.state == "unanswered"),
            quiet: false,
        },
        Gate {
            what: "accepted",
            max: args.max_accepted,
            questions: with(&|q| register.holds(&id(q))),
            quiet: true,
        },
        Gate {
            what: "expired",
            max: args.max_expired,
            questions: with(&|q| {
                register
                    .acceptance(&id(q))
                    .is_some_and(|a| a.standing == Standing::Expired)
            }),
            quiet: true,
        },
        Gate {
            what: "stale",
            max: args.max_stale,
            questions: with(&|q| register.is_stale(&id(q))),
            quiet: true,
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
            .filter(|g| !g.quiet || g.max.is_some() || !g.questions.is_empty())
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
                "note: no limit given; pass --max-high, --max-medium, --max-unanswered, --max-accepted, --max-expired, --max-stale or --below-target"
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for g in failed {
        let n = g.questions.len();
        let max = g.max.unwrap_or_default();
        let noun = match (g.what, n) {
            ("accepted" | "expired", 1) => "risk",
            ("accepted" | "expired", _) => "risks",
            ("stale", 1) => "answer",
            ("stale", _) => "answers",
            (_, 1) => "question",
            _ => "questions",
        };
        out.push_str(&format!(
            "failed: {file}: {n} {} {noun}, more than the {max} allowed\n",
            g.what,
        ));
        for q in &g.questions {
            let key = id(q);
            out.push_str(&format!(
                "  {key}  {}{}\n",
                clean_line(&q.title),
                said(&register, &key)
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

/// What the register says of a listed question: its acceptance and whether it holds, or when it
/// was due for another look.
fn said(register: &Register, key: &str) -> String {
    let mut out = String::new();
    if let Some(a) = register.acceptance(key) {
        let whose = format!("accepted by {} until {}", a.owner, a.until);
        out.push_str(&match a.standing {
            Standing::Holds => format!("  ({whose})"),
            Standing::Expired => {
                format!("  ({whose}; expired on {})", a.until_day.plus(1))
            }
            Standing::Outgrown => format!(
                "  ({whose} at {} risk; it is {} now)",
                a.accepted_risk.as_str(),
                a.risk.map_or("unrated", Risk::as_str)
            ),
            Standing::Moot => String::new(),
        });
    }
    if let Some(s) = register.stale.iter().find(|s| s.place.id == key) {
        out.push_str(&format!(
            "  (last confirmed {}, due {})",
            s.confirmed, s.due
        ));
    }
    out
}
