//! `scorps trend FILE [--format text|md|json]`: overall and per-pillar scores across a review's
//! milestones and today, with targets.

use std::process::ExitCode;

use anyhow::{Result, anyhow};
use scorps::report::trend::{json, markdown, text, trend};
use scorps::review::milestone;
use scorps::review::score::score;

use super::open::Opener;
use super::{Ctx, emit, targets};
use crate::cli::{DiffFormat, TrendArgs};

pub fn run(ctx: &Ctx, args: TrendArgs) -> Result<ExitCode> {
    let opened = Opener::new(ctx)?.open(&args.file)?;
    let milestones = milestone::load(&args.file).map_err(|e| anyhow!("{e}"))?;
    if milestones.is_empty() {
        eprintln!(
            "note: {} has no milestones yet; `scorps milestone {} NAME` takes one",
            opened.file, opened.file
        );
    }
    let targets = targets::of(ctx, &opened.file, &opened.review)?;
    let card = score(&opened.review, &opened.packs);
    let t = trend(
        &opened.review.workload,
        &milestones,
        &card,
        &opened.review.updated.date(),
        &targets,
    );
    let out = match args.format {
        DiffFormat::Text => text(&t),
        DiffFormat::Md => markdown(&t),
        DiffFormat::Json => json(&t)?,
    };
    emit(None, &out)?;
    Ok(ExitCode::SUCCESS)
}
