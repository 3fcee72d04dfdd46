//! `scorps lens import` and `scorps lens export`: AWS custom lenses in and out.

use std::process::ExitCode;

use anyhow::Result;
use scorps::pack::lens;
use scorps::text::clean_line;

use super::{Ctx, emit};
use crate::cli::LensCommand;

pub fn run(ctx: &Ctx, cmd: LensCommand) -> Result<ExitCode> {
    match cmd {
        LensCommand::Import {
            lens: file,
            output,
            id,
        } => {
            let imported = lens::import_file(&file, id.as_deref())?;
            for w in &imported.warnings {
                eprintln!("{w}");
            }
            emit(output.as_deref(), &imported.yaml)?;
            let p = &imported.pack;
            eprintln!(
                "imported pack `{}` {}: {} pillar(s), {} question(s), {} warning(s)",
                p.id,
                clean_line(&p.version),
                p.pillars.len(),
                p.question_count(),
                imported.warnings.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        LensCommand::Export { pack, output } => {
            let pack = ctx.find_pack(&pack)?;
            let exported = lens::export(&pack)?;
            for w in &exported.warnings {
                eprintln!("{w}");
            }
            emit(output.as_deref(), &exported.json)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
