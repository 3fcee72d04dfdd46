//! `scorps milestone FILE NAME` freezes a review under a name; `scorps milestones FILE` lists
//! the milestones; `FILE@NAME` (for `diff`) opens one as a review.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use scorps::backlog::escape::{percent, score as fmt_score};
use scorps::report::columns;
use scorps::review::milestone::{self, Milestone, check_name, path_for};
use scorps::review::score::score;
use scorps::review::{PackRef, Timestamp, store};
use scorps::text::clean_line;
use serde::Serialize;

use super::open::{Opened, Opener};
use super::{Ctx, emit};
use crate::cli::{MilestoneArgs, MilestonesArgs, TextOrJson};

pub fn add(ctx: &Ctx, args: MilestoneArgs) -> Result<ExitCode> {
    check_name(&args.name)
        .map_err(|e| anyhow!("milestone name `{}`: {e}", clean_line(&args.name)))?;
    let date = match &args.date {
        Some(text) => parse_date(text)?,
        None => Timestamp::now(),
    };
    let opened = Opener::new(ctx)?.open(&args.file)?;
    let card = score(&opened.review, &opened.packs);
    let refs: Vec<PackRef> = opened.packs.iter().map(PackRef::of).collect();
    let m = Milestone::freeze(&args.name, date, &opened.review, &refs, &card);
    let written = milestone::add(&args.file, m).map_err(|e| anyhow!("{e}"))?;
    eprintln!(
        "milestone `{}` of {}: overall {}, completion {}; saved in {}",
        args.name,
        opened.file,
        fmt_score(card.overall),
        percent(card.completion),
        written.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `2026-08-14` or `2026-08-14T09:00:00Z` (any RFC 3339 offset).
fn parse_date(text: &str) -> Result<Timestamp> {
    let bad = || {
        anyhow!(
            "--date `{}`: expected a date such as 2026-08-14 or 2026-08-14T09:00:00Z",
            clean_line(text)
        )
    };
    let dt: toml::value::Datetime = text.trim().parse().map_err(|_| bad())?;
    if dt.date.is_none() {
        return Err(bad());
    }
    toml::Value::Datetime(dt).try_into().map_err(|_| bad())
}

#[derive(Serialize)]
struct Listed<'a> {
    name: &'a str,
    date: String,
    review_updated: String,
    overall: Option<f64>,
    completion: f64,
    high: usize,
    medium: usize,
    none: usize,
    not_applicable: usize,
    unanswered: usize,
    pillars: Vec<ListedPillar<'a>>,
    packs: &'a [PackRef],
}

#[derive(Serialize)]
struct ListedPillar<'a> {
    id: &'a str,
    name: &'a str,
    score: Option<f64>,
}

pub fn list(_ctx: &Ctx, args: MilestonesArgs) -> Result<ExitCode> {
    let review = store::load(&args.file).map_err(|e| anyhow!("{e}"))?;
    let all = milestone::load(&args.file).map_err(|e| anyhow!("{e}"))?;
    let out = match args.format {
        TextOrJson::Json => {
            let listed: Vec<Listed> = all
                .iter()
                .map(|m| Listed {
                    name: &m.name,
                    date: m.date.to_string(),
                    review_updated: m.review_updated.to_string(),
                    overall: m.overall,
                    completion: m.completion,
                    high: m.totals.high,
                    medium: m.totals.medium,
                    none: m.totals.none,
                    not_applicable: m.totals.not_applicable,
                    unanswered: m.totals.unanswered,
                    pillars: m
                        .pillars
                        .iter()
                        .map(|p| ListedPillar {
                            id: &p.id,
                            name: &p.name,
                            score: p.score,
                        })
                        .collect(),
                    packs: &m.packs,
                })
                .collect();
            serde_json::to_string_pretty(&serde_json::json!({
                "workload": clean_line(&review.workload),
                "file": path_for(&args.file).display().to_string(),
                "milestones": listed,
            }))? + "\n"
        }
        TextOrJson::Text if all.is_empty() => {
            eprintln!(
                "note: {} has no milestones yet; `scorps milestone {} NAME` takes one",
                args.file.display(),
                args.file.display()
            );
            String::new()
        }
        TextOrJson::Text => text(&review.workload, &args.file, &all),
    };
    emit(None, &out)?;
    Ok(ExitCode::SUCCESS)
}

fn text(workload: &str, file: &Path, all: &[Milestone]) -> String {
    let rows: Vec<[String; 8]> = all
        .iter()
        .map(|m| {
            let packs: Vec<String> = m
                .packs
                .iter()
                .map(|p| format!("{} {}", p.id, clean_line(&p.version)))
                .collect();
            [
                clean_line(&m.name).into_owned(),
                m.date.date(),
                fmt_score(m.overall),
                m.totals.high.to_string(),
                m.totals.medium.to_string(),
                m.totals.unanswered.to_string(),
                percent(m.completion),
                packs.join(", "),
            ]
        })
        .collect();
    let n = all.len();
    format!(
        "{}: {n} milestone{} in {}\n\n{}",
        clean_line(workload.trim()),
        if n == 1 { "" } else { "s" },
        path_for(file).display(),
        columns(
            Some([
                "NAME",
                "DATE",
                "OVERALL",
                "HIGH",
                "MEDIUM",
                "UNANSWERED",
                "COMPLETION",
                "PACKS"
            ]),
            &rows,
            [false, false, true, true, true, true, true, false],
        )
    )
}

/// A review named on the command line: a file, or `FILE@NAME` for one of its milestones. A path
/// that exists as written is always a file, so paths with `@` in them keep working.
pub enum Ref {
    File(PathBuf),
    Milestone(PathBuf, String),
}

impl Ref {
    pub fn parse(arg: &Path) -> Ref {
        if arg.exists() {
            return Ref::File(arg.to_path_buf());
        }
        match arg.to_str().and_then(|s| s.rsplit_once('@')) {
            Some((file, name)) if !file.is_empty() && !name.is_empty() && !name.contains('/') => {
                Ref::Milestone(PathBuf::from(file), name.to_string())
            }
            _ => Ref::File(arg.to_path_buf()),
        }
    }
}

/// Opens a review or one of its milestones against its packs.
pub fn open_ref(opener: &Opener, arg: &Path) -> Result<Opened> {
    let (file, name) = match Ref::parse(arg) {
        Ref::File(path) => return opener.open(&path),
        Ref::Milestone(file, name) => (file, name),
    };
    let review = store::load(&file).map_err(|e| anyhow!("{e}"))?;
    let all = milestone::load(&file).map_err(|e| anyhow!("{e}"))?;
    let Some(m) = all.iter().find(|m| m.name == name) else {
        let names: Vec<&str> = all.iter().map(|m| m.name.as_str()).collect();
        let has = if names.is_empty() {
            "it has none".to_string()
        } else {
            format!("it has {}", names.join(", "))
        };
        bail!(
            "{}: no milestone named `{}` in {} ({has})\n  help: `scorps milestones {}` lists them",
            arg.display(),
            clean_line(&name),
            path_for(&file).display(),
            file.display()
        );
    };
    let label = format!("{}@{}", file.display(), m.name);
    opener.bind(label, m.review(&review))
}
