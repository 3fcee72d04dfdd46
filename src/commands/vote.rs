//! `scorps vote FILE --as NAME`: one participant's private walk of a review, saved to that
//! participant's own vote file; the review is read, never locked or written.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use scorps::review::open::open;
use scorps::text::clean_line;
use scorps::tui::app::App;
use scorps::tui::{self, Runtime};
use scorps::vote::ballot;
use scorps::vote::voters::{find_voter, known_list};

use super::Ctx;
use crate::cli::VoteArgs;

pub fn run(ctx: &Ctx, args: VoteArgs) -> Result<ExitCode> {
    let catalog = ctx.catalog()?;
    let opened = open(&args.file, &catalog)?;
    let file = args.file.display().to_string();
    let Some(voter) = find_voter(&opened.review, &args.voter) else {
        bail!(
            "{file}: `{}` is not a voter of this review; its voters are: {}\n  help: vote under one of those names; the facilitator adds a participant with `scorps review {file} --participant NAME`",
            clean_line(&args.voter),
            known_list(&opened.review)
        );
    };
    let filter = ballot::filter(
        &opened.review,
        &opened.packs,
        args.pillars,
        args.flagged,
        args.questions,
    )
    .map_err(|e| anyhow!("{e}"))?;
    for note in &opened.notes {
        eprintln!("{file}: note: {note}");
    }
    let (walk, ballot, lock) = tui::ballot::open(opened, &voter, &filter)?;
    let interactive = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    let empty = walk.session.order().is_empty();
    if empty || !interactive {
        // Nothing of this run stays behind: the lock goes, and the folder if it is empty.
        drop(lock);
        if let Some(dir) = ballot.file.parent() {
            let _ = std::fs::remove_dir(dir);
        }
        if empty {
            bail!(
                "nothing to vote on: no question of {file} matches --pillar and --questions together"
            );
        }
        bail!("voting needs a terminal; `scorps votes {file}` prints the votes");
    }
    let saved_to = ballot.file.clone();
    let mut app = App::walk(walk, scorps::review::Timestamp::now().0.max(0) as u64);
    app.ballot = Some(ballot);
    app.color = ctx.config.use_color();
    let saved = app.session().map(|s| s.review().clone());
    tui::run(
        app,
        Runtime {
            catalog,
            lock: Some(lock),
            recent_file: None,
            filter,
            saved,
        },
    )?;
    let shown = clean_line(&saved_to.display().to_string()).into_owned();
    eprintln!(
        "Your votes are in {shown} — change them with `scorps vote {file} --as {}`",
        clean_line(&voter)
    );
    Ok(ExitCode::SUCCESS)
}
