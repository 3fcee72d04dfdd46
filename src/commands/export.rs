//! `scorps export FILE [--format md|csv|json] [-o OUT]`: the improvement backlog.

use std::process::ExitCode;

use anyhow::{Result, anyhow};
use scorps::backlog::{self, Format};

use super::open::Opener;
use super::{Ctx, emit};
use crate::cli::{ExportArgs, ExportFormat};

pub fn run(ctx: &Ctx, args: ExportArgs) -> Result<ExitCode> {
    let format = format(ctx, args.format)?;
    let opened = Opener::new(ctx)?.open(&args.file)?;
    let text = backlog::export(&opened.review, &opened.packs, format)?;
    emit(args.output.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}

/// `--format`, else the config's `export_format`, else markdown.
fn format(ctx: &Ctx, flag: Option<ExportFormat>) -> Result<Format> {
    Ok(match flag {
        Some(ExportFormat::Md) => Format::Md,
        Some(ExportFormat::Csv) => Format::Csv,
        Some(ExportFormat::Json) => Format::Json,
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
