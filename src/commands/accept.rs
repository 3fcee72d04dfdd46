//! `scorps accept FILE PACK/QUESTION --owner NAME [--until DATE] --reason TEXT | --clear` and
//! `scorps owner FILE PACK/QUESTION NAME | --clear`: the register's edits for scripts.
//!
//! Each takes the review's lock, applies one edit through the domain session (the same rules as
//! the review screen, see `review::session`), and saves only when something changed. A refused
//! edit exits 2 with the session's reason, naming the file and the question; the resume position
//! of the review screen is left where it was.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use scorps::review::open::open;
use scorps::review::session::{Edit, Filter, Outcome, Session};
use scorps::review::{Day, Timestamp, store};
use scorps::text::clean_line;

use super::Ctx;
use crate::cli::{AcceptArgs, OwnerArgs};

pub fn accept(ctx: &Ctx, args: AcceptArgs) -> Result<ExitCode> {
    let now = Timestamp::now();
    let edit = if args.clear {
        Edit::ClearAcceptance
    } else {
        let until = match &args.until {
            Some(text) => text.parse::<Day>().map_err(|e| anyhow!("--until: {e}"))?,
            None => now.day().plus(i64::from(ctx.config.accept_days())),
        };
        Edit::Accept {
            owner: args.owner.unwrap_or_default(),
            until,
            reason: args.reason.unwrap_or_default(),
        }
    };
    apply(ctx, &args.file, &args.question, edit, now)
}

pub fn owner(ctx: &Ctx, args: OwnerArgs) -> Result<ExitCode> {
    let name = if args.clear {
        String::new()
    } else {
        args.name.unwrap_or_default()
    };
    if !args.clear && name.trim().is_empty() {
        bail!("an owner needs a name\n  help: pass --clear to remove the owner");
    }
    apply(
        ctx,
        &args.file,
        &args.question,
        Edit::Owner(name),
        Timestamp::now(),
    )
}

/// Opens the review under its lock, applies `edit` to question `key`, and saves a change.
fn apply(ctx: &Ctx, file: &Path, key: &str, edit: Edit, now: Timestamp) -> Result<ExitCode> {
    let shown = clean_line(&file.display().to_string()).into_owned();
    let key_shown = clean_line(key).into_owned();
    let catalog = ctx.catalog()?;
    let lock = store::Lock::acquire(file)?;
    let opened = open(file, &catalog)?;
    for note in &opened.notes {
        eprintln!("{shown}: note: {note}");
    }
    let drifted = opened.packs_drifted();
    let position = opened.review.position.clone();
    let filter = Filter {
        questions: vec![key.to_string()],
        ..Filter::default()
    };
    let mut session =
        Session::new(opened.review, opened.packs, filter).map_err(|e| anyhow!("{shown}: {e}"))?;
    if drifted {
        session.record_packs();
    }
    let outcome = session.apply(edit, now);
    let change = match outcome {
        Outcome::Changed(change) => change,
        Outcome::Unchanged | Outcome::Moved => {
            eprintln!("{shown}: {key_shown}: already so; the file is unchanged");
            return Ok(ExitCode::SUCCESS);
        }
        Outcome::Refused(refusal) => bail!("{shown}: {key_shown}: {refusal}"),
    };
    let mut review = session.into_review();
    review.position = position;
    lock.still_held()?;
    store::save(file, &review)?;
    drop(lock);
    eprintln!("{shown}: {key_shown}: {change}");
    Ok(ExitCode::SUCCESS)
}
