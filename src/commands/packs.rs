//! `scorps packs …`

use std::process::ExitCode;

use anyhow::{Result, bail};
use scorps::pack::load::PackErrors;
use scorps::pack::{
    Catalog, Pack, coverage as cover, explain, lint, load_file, raw, show, similar,
};
use scorps::text::clean_line;

use super::{Ctx, emit};
use crate::cli::{PacksCommand, TextOrMd};

pub fn run(ctx: &Ctx, cmd: PacksCommand) -> Result<ExitCode> {
    match cmd {
        PacksCommand::List => list(ctx),
        PacksCommand::Check { files, strict } => Ok(check(ctx, &files, strict)),
        PacksCommand::Show { pack } => {
            let pack = ctx.find_pack(&pack)?;
            emit(None, &show::show(&pack))?;
            Ok(ExitCode::SUCCESS)
        }
        PacksCommand::Explain { pack, question } => {
            let pack = ctx.find_pack(&pack)?;
            let Some((_, q)) = pack.question(&question) else {
                let ids: Vec<&str> = pack.questions().map(|(_, q)| q.id.as_str()).collect();
                bail!(
                    "pack `{}` has no question `{}`; its questions are: {}",
                    pack.id,
                    clean_line(&question),
                    ids.join(", ")
                );
            };
            emit(None, &explain::explain(&pack.id, q))?;
            Ok(ExitCode::SUCCESS)
        }
        PacksCommand::Coverage { format } => coverage(ctx, format),
        PacksCommand::Schema => {
            emit(None, &(raw::schema_json()? + "\n"))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn list(ctx: &Ctx) -> Result<ExitCode> {
    let catalog = ctx.catalog()?;
    let rows: Vec<[String; 6]> = catalog
        .packs()
        .map(|p| {
            [
                p.id.clone(),
                clean_line(&p.name).into_owned(),
                clean_line(&p.version).into_owned(),
                p.pillars
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                p.question_count().to_string(),
                clean_line(&p.source.to_string()).into_owned(),
            ]
        })
        .collect();
    let header = ["ID", "NAME", "VERSION", "PILLARS", "QUESTIONS", "SOURCE"].map(String::from);
    emit(None, &table(&header, &rows))?;
    Ok(ExitCode::SUCCESS)
}

fn coverage(ctx: &Ctx, format: TextOrMd) -> Result<ExitCode> {
    let catalog = ctx.catalog()?;
    let covered = cover::coverage(catalog.packs());
    let out = match format {
        TextOrMd::Md => cover::markdown(&covered),
        TextOrMd::Text if covered.is_empty() => "No question names a reference yet.\n".into(),
        TextOrMd::Text => {
            let rows: Vec<[String; 2]> = covered
                .iter()
                .map(|c| [c.reference.to_string(), cover::question_list(c)])
                .collect();
            table(&["REFERENCE".into(), "QUESTIONS".into()], &rows)
        }
    };
    emit(None, &out)?;
    Ok(ExitCode::SUCCESS)
}

/// Left-aligned columns separated by two spaces.
pub fn table<const N: usize>(header: &[String; N], rows: &[[String; N]]) -> String {
    let mut widths = header.each_ref().map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String; N]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == N {
                s.push_str(cell);
            } else {
                s.push_str(&format!("{cell:<w$}  "));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    std::iter::once(header).chain(rows).map(line).collect()
}

fn check(ctx: &Ctx, files: &[std::path::PathBuf], strict: bool) -> ExitCode {
    let loaded: Vec<_> = files.iter().map(|f| load_file(f)).collect();
    let packs: Vec<&Pack> = loaded
        .iter()
        .filter_map(|r| r.as_ref().ok().map(|(p, _)| p))
        .collect();
    // The files are compared with each other and with every other pack this run can see.
    let catalog = ctx.discover().unwrap_or_else(|e| {
        let first = e.0.first().map(ToString::to_string).unwrap_or_default();
        eprintln!("note: practice titles are compared with the built-in packs only: {first}");
        Catalog::builtins()
    });
    let others: Vec<&Pack> = catalog.packs().collect();
    let mut repeats = similar::near_duplicates(&packs, &others);
    let (mut errors, mut warnings) = (0, 0);
    for (file, result) in files.iter().zip(loaded) {
        match result {
            Ok((pack, import_warnings)) => {
                let source = pack.source.to_string();
                let (mine, rest): (Vec<_>, Vec<_>) = repeats
                    .into_iter()
                    .partition(|w| w.file == source && w.pos.is_known());
                repeats = rest;
                let mut found: Vec<_> = import_warnings
                    .into_iter()
                    .chain(lint::lint(&pack))
                    .chain(mine)
                    .collect();
                found.sort_by_key(|w| (!w.pos.is_known(), w.pos));
                for w in &found {
                    eprintln!("{}", w.report());
                }
                warnings += found.len();
                let note = if found.is_empty() {
                    String::new()
                } else {
                    format!(", {} warning(s)", found.len())
                };
                // Under --strict a warning fails the file, so it must not read "ok".
                let verdict = if strict && !found.is_empty() {
                    "fails --strict"
                } else {
                    "ok"
                };
                eprintln!(
                    "{}: {verdict}: pack `{}` {}, {} questions{note}",
                    file.display(),
                    pack.id,
                    clean_line(&pack.version),
                    pack.question_count()
                );
            }
            Err(PackErrors(list)) => {
                for e in &list {
                    eprintln!("{}", e.report());
                }
                errors += list.len();
            }
        }
    }
    // What is about no one file (the comparison budget).
    for w in &repeats {
        eprintln!("{}", w.report());
    }
    warnings += repeats.len();
    if errors > 0 || (strict && warnings > 0) {
        eprintln!(
            "{errors} error(s), {warnings} warning(s){}",
            if strict && errors == 0 {
                " (--strict)"
            } else {
                ""
            }
        );
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
