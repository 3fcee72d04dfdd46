//! `scorps report FILE|DIR... [--format md|json]`: a portfolio of workloads, the newest review of
//! each. Folders are searched recursively for `*.review.toml` (hidden folders and symbolic links
//! to folders are skipped).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use scorps::report::portfolio::{Entry, json, markdown, portfolio};

use super::open::Opener;
use super::{Ctx, emit};
use crate::cli::{ReportArgs, ReportFormat};

/// How deep folders are searched.
const MAX_DEPTH: usize = 16;

pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<ExitCode> {
    let mut files = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let before = files.len();
            find_reviews(path, 0, &mut files)?;
            if files.len() == before {
                bail!(
                    "{}: no review files (*.review.toml) in this folder or below it",
                    path.display()
                );
            }
        } else {
            files.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    let opener = Opener::new(ctx)?;
    let mut entries = Vec::new();
    for f in &files {
        let o = opener.open(f)?;
        entries.push(Entry {
            file: o.file,
            review: o.review,
            packs: o.packs,
        });
    }
    let p = portfolio(&entries);
    for s in &p.superseded {
        eprintln!(
            "note: {} is an older review of `{}` than {}; left out",
            s.file, s.workload, s.newer
        );
    }
    let out = match args.format {
        ReportFormat::Md => markdown(&p),
        ReportFormat::Json => json(&p),
    };
    emit(None, &out)?;
    Ok(ExitCode::SUCCESS)
}

/// Every `*.review.toml` under `dir`, in name order.
fn find_reviews(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => bail!("cannot read the folder {}: {e}", dir.display()),
    };
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if !name.starts_with('.') && depth < MAX_DEPTH {
                find_reviews(&path, depth + 1, out)?;
            }
        } else if name.ends_with(".review.toml") && path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}
