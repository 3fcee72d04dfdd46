//! `scorps diff OLD NEW [--format text|md|json]`: what changed between two reviews, or between
//! a review and its milestones (`FILE@NAME`).

use std::process::ExitCode;

use anyhow::Result;
use scorps::report::diff::{Side, diff, json};
use scorps::report::diff_view::{markdown, text};
use scorps::text::clean_line;

use super::milestone::open_ref;
use super::open::Opener;
use super::{Ctx, emit};
use crate::cli::{DiffArgs, DiffFormat};

pub fn run(ctx: &Ctx, args: DiffArgs) -> Result<ExitCode> {
    let opener = Opener::new(ctx)?;
    let old = open_ref(&opener, &args.old)?;
    let new = open_ref(&opener, &args.new)?;
    if old.review.workload.trim().to_lowercase() != new.review.workload.trim().to_lowercase() {
        eprintln!(
            "note: the reviews are of different workloads (`{}` and `{}`); comparing them anyway",
            clean_line(&old.review.workload),
            clean_line(&new.review.workload)
        );
    }
    let d = diff(
        Side {
            review: &old.review,
            packs: &old.packs,
        },
        Side {
            review: &new.review,
            packs: &new.packs,
        },
    );
    let out = match args.format {
        DiffFormat::Text => text(&d),
        DiffFormat::Md => markdown(&d),
        DiffFormat::Json => json(&d)?,
    };
    emit(None, &out)?;
    Ok(ExitCode::SUCCESS)
}
