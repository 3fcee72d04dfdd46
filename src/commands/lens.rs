//! `scorps lens import` and `scorps lens export`: AWS custom lenses in and out.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use scorps::pack::{Pack, lens, load_file};
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
            let pack = find(ctx, &pack)?;
            let exported = lens::export(&pack)?;
            for w in &exported.warnings {
                eprintln!("{w}");
            }
            emit(output.as_deref(), &exported.json)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A pack named by a file path, or by id among the packs scorps can see.
fn find(ctx: &Ctx, name: &str) -> Result<Pack> {
    let path = Path::new(name);
    if path.is_file() {
        let (pack, warnings) = load_file(path)?;
        for w in warnings {
            eprintln!("{w}");
        }
        return Ok(pack);
    }
    let catalog = ctx.catalog()?;
    match catalog.get(name) {
        Some(pack) => Ok(pack.clone()),
        None => {
            let ids: Vec<&str> = catalog.packs().map(|p| p.id.as_str()).collect();
            bail!(
                "no pack or file named `{}`; known packs: {}",
                clean_line(name),
                ids.join(", ")
            )
        }
    }
}
