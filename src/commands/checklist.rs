//! `scorps checklist import` and `scorps checklist export`: Azure review checklists in and out,
//! with a filled checklist's statuses and comments as a review.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use scorps::pack::checklist::{self, Kind, Status};
use scorps::pack::{Catalog, Source};
use scorps::review::{Review, Timestamp, store};
use scorps::text::clean_line;

use super::{Ctx, emit};
use crate::cli::ChecklistCommand;

pub fn run(ctx: &Ctx, cmd: ChecklistCommand) -> Result<ExitCode> {
    match cmd {
        ChecklistCommand::Import {
            checklist,
            output,
            id,
            review,
            workload,
        } => import(
            &checklist,
            output.as_deref(),
            id.as_deref(),
            review.as_deref(),
            workload,
        ),
        ChecklistCommand::Export {
            review,
            output,
            checklist,
            id,
        } => export(ctx, &review, output.as_deref(), checklist.as_deref(), id),
    }
}

/// "12 fulfilled, 3 open, …" for the statuses that occur.
fn statuses(counts: &[usize; Status::ALL.len()]) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| **n > 0)
        .map(|(s, n)| format!("{n} {}", s.name().to_lowercase()))
        .collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

fn import(
    file: &Path,
    output: Option<&Path>,
    id: Option<&str>,
    review: Option<&Path>,
    workload: Option<String>,
) -> Result<ExitCode> {
    if let Some(path) = review
        && path.exists()
    {
        bail!(
            "{} already exists; a review is never replaced by an import\n  help: choose another file name, or delete that file first",
            path.display()
        );
    }
    let imported = checklist::import_file(file, id)?;
    for w in &imported.warnings {
        eprintln!("{w}");
    }
    let p = &imported.pack;
    let answered = review.map(|_| {
        let workload = workload.unwrap_or_else(|| p.name.clone());
        imported.review(&workload, Timestamp::now())
    });
    emit(output, &imported.yaml)?;
    eprintln!(
        "imported checklist `{}` as pack `{}` {}: {} item(s) in {} question(s) of {} pillar(s), {} warning(s)",
        clean_line(&p.name),
        p.id,
        clean_line(&p.version),
        imported.item_count(),
        p.question_count(),
        p.pillars.len(),
        imported.warnings.len()
    );
    match (review, answered) {
        (Some(path), Some(a)) => {
            store::save(path, &a.review)?;
            eprintln!(
                "wrote {}: {} question(s) answered, {} unanswered; items: {}; {} comment(s)",
                path.display(),
                a.answered,
                a.unanswered,
                statuses(&a.statuses),
                a.comments
            );
        }
        _ if imported.filled_count() > 0 => eprintln!(
            "note: {} item(s) have a status or comments; add --review FILE.review.toml to keep them as a review",
            imported.filled_count()
        ),
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn export(
    ctx: &Ctx,
    review_path: &Path,
    output: Option<&Path>,
    checklist_path: Option<&Path>,
    id: Option<String>,
) -> Result<ExitCode> {
    let review = store::load(review_path)?;
    let review_packs: Vec<&str> = review.packs.iter().map(|p| p.id.as_str()).collect();
    if let Some(id) = &id
        && !review_packs.contains(&id.as_str())
    {
        bail!(
            "{}: the review has no pack `{}`; its packs are: {}",
            review_path.display(),
            clean_line(id),
            review_packs.join(", ")
        );
    }
    let (imported, path) = match checklist_path {
        Some(path) => (
            checklist::import_file(path, id.as_deref())?,
            path.to_path_buf(),
        ),
        None => {
            let (pack_id, path) = find_checklist(&ctx.discover()?, &review, id.as_deref())?;
            (checklist::import_file(&path, Some(&pack_id))?, path)
        }
    };
    let pack_id = match id {
        Some(id) => id,
        None if review_packs.contains(&imported.pack.id.as_str()) => imported.pack.id.clone(),
        None if review_packs.len() == 1 => review_packs[0].to_string(),
        None => bail!(
            "{}: none of the review's packs ({}) is `{}`, the pack the checklist gives\n  help: name the pack whose answers to write with --id",
            review_path.display(),
            review_packs.join(", "),
            imported.pack.id
        ),
    };
    // Read under the review's pack id, the checklist gives the same pack (and digest) as the
    // one the review was answered against, unless its content changed.
    let imported = if imported.pack.id == pack_id {
        imported
    } else {
        checklist::import_file(&path, Some(&pack_id))?
    };
    let exported =
        checklist::export(&imported, &review, &pack_id).map_err(|e| anyhow::anyhow!(e))?;
    for n in &exported.notes {
        eprintln!("note: {n}");
    }
    emit(output, &exported.json)?;
    eprintln!(
        "exported pack `{}` of {} into {} item(s): {}",
        clean_line(&pack_id),
        review_path.display(),
        imported.item_count(),
        statuses(&exported.statuses)
    );
    Ok(ExitCode::SUCCESS)
}

/// The checklist file a review's pack was loaded from, among the packs this run sees.
fn find_checklist(
    catalog: &Catalog,
    review: &Review,
    id: Option<&str>,
) -> Result<(String, PathBuf)> {
    let wanted: Vec<&str> = match id {
        Some(id) => vec![id],
        None => review.packs.iter().map(|p| p.id.as_str()).collect(),
    };
    let mut found = Vec::new();
    let mut yaml = Vec::new();
    for pack_id in &wanted {
        let Some(pack) = catalog.get(pack_id) else {
            continue;
        };
        let Source::File(path) = &pack.source else {
            continue;
        };
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json
            && checklist::read_file(path).is_ok_and(|b| checklist::kind(&b) == Kind::Checklist)
        {
            found.push(((*pack_id).to_string(), path.clone()));
        } else if !is_json {
            yaml.push(format!("`{pack_id}` ({})", path.display()));
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 if !yaml.is_empty() => bail!(
            "the review's pack {} is a YAML pack; export writes into the checklist JSON it was imported from\n  help: give that file with --checklist CHECKLIST.json",
            yaml.join(", ")
        ),
        0 => bail!(
            "none of the review's packs ({}) is loaded from a checklist\n  help: give the checklist with --checklist CHECKLIST.json, or load it with --pack",
            wanted.join(", ")
        ),
        _ => {
            let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
            bail!(
                "the review has several checklist packs ({}); name one with --id",
                ids.join(", ")
            )
        }
    }
}
