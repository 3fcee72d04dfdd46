//! `scorps export FILE [--format md|csv|json|html] [-o OUT | --merge BACKLOG.md]`: the improvement
//! backlog, written fresh or merged into the markdown backlog the team already works in.

use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use scorps::backlog::merge::{looks_like_backlog, merge};
use scorps::backlog::{self, Format, build};
use scorps::review::milestone;
use scorps::review::register::Register;

use super::open::Opener;
use super::{Ctx, emit, targets};
use crate::cli::{ExportArgs, ExportFormat};

pub fn run(ctx: &Ctx, args: ExportArgs) -> Result<ExitCode> {
    // A merge is markdown whatever the config's default format.
    let format = match (&args.merge, args.format) {
        (Some(_), None) => Format::Md,
        _ => format(ctx, args.format)?,
    };
    if args.merge.is_some() && format != Format::Md {
        bail!(
            "--merge updates a markdown backlog; it cannot be used with --format {format}\n  help: drop --format, or write the {format} export with -o"
        );
    }
    let as_of = ctx.as_of(args.as_of.as_deref())?;
    let opened = Opener::new(ctx)?.open(&args.file)?;
    let register = Register::of(&opened.review, &opened.packs, as_of);
    let mut b = build(&opened.review, &opened.packs).with_register(register);
    b.targets = targets::of(ctx, &opened.file, &opened.review)?;
    b.milestone = milestone::last(&args.file).map_err(|e| anyhow!("{e}"))?;
    for left_out in
        scorps::vote::report::annotate_from(&mut b, &args.file, &opened.review, &opened.packs)
    {
        eprintln!("note: left out of the votes: {left_out}");
    }
    let Some(target) = args.merge else {
        emit(args.output.as_deref(), &backlog::render(&b, format)?)?;
        return Ok(ExitCode::SUCCESS);
    };
    // Read to be rewritten: the one input -o may replace (the review and the packs stay refused).
    let text = match scorps::fsutil::read_for_update(&target, MAX_BACKLOG_BYTES) {
        Ok(old) if old.trim().is_empty() => backlog::render(&b, format)?,
        Ok(old) if !looks_like_backlog(&old) => bail!(
            "{}: not a scorps backlog (no `<!-- scorps:item … -->` marker and no \"# Improvement backlog\" title); it is left untouched\n  help: check the path, or export to a new file with -o",
            target.display()
        ),
        Ok(old) => merge(&old, &b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "note: {} does not exist yet; writing a new backlog",
                target.display()
            );
            backlog::render(&b, format)?
        }
        Err(e) => bail!("cannot read {}: {e}", target.display()),
    };
    emit(Some(&target), &text)?;
    Ok(ExitCode::SUCCESS)
}

/// The largest backlog `--merge` reads (a backlog of every built-in question is about 100 KiB).
const MAX_BACKLOG_BYTES: u64 = 16 * 1024 * 1024;

/// `--format`, else the config's `export_format`, else markdown.
fn format(ctx: &Ctx, flag: Option<ExportFormat>) -> Result<Format> {
    Ok(match flag {
        Some(ExportFormat::Md) => Format::Md,
        Some(ExportFormat::Csv) => Format::Csv,
        Some(ExportFormat::Json) => Format::Json,
        Some(ExportFormat::Html) => Format::Html,
        None => match &ctx.config.export_format {
            Some(name) => name.parse().map_err(|e| {
                let file = ctx
                    .paths
                    .config_file()
                    .map_or_else(|| "config.toml".to_string(), |f| f.display().to_string());
                anyhow!("{file}: export_format: {e}\n  help: fix the setting, or pass --format")
            })?,
            None => Format::Md,
        },
    })
}
