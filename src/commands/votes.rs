//! `scorps votes FILE`: the trail of a review's votes. A vote file that cannot be read is named
//! and the command exits 2 after printing nothing, so a pipeline never reads half a trail; votes
//! left out of readable files (questions or choices the packs no longer have) are noted on
//! stderr.

use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use scorps::vote::folder::read_all;
use scorps::vote::{json, render, report};

use super::open::Opener;
use super::{Ctx, emit};
use crate::cli::{VotesArgs, VotesFormat};

pub fn run(ctx: &Ctx, args: VotesArgs) -> Result<ExitCode> {
    let opened = Opener::new(ctx)?.open(&args.file)?;
    let votes = read_all(&args.file, &opened.review, &opened.packs);
    if !votes.errors.is_empty() {
        let all: Vec<String> = votes.errors.iter().map(ToString::to_string).collect();
        bail!(
            "{} vote file{} cannot be read; the review and the other vote files are untouched:\n{}",
            all.len(),
            if all.len() == 1 { "" } else { "s" },
            all.join("\n")
        );
    }
    for note in &votes.notes {
        eprintln!("note: {note}");
    }
    let r = report::build(&opened.review, &opened.packs, &votes);
    let text = match args.format {
        VotesFormat::Text => render::text(&r),
        VotesFormat::Md => render::markdown(&r),
        VotesFormat::Json => json::render(&r).map_err(|e| anyhow!("cannot write JSON: {e}"))?,
    };
    emit(None, &text)?;
    Ok(ExitCode::SUCCESS)
}
