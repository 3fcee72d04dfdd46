//! `scorps report FILE|DIR... [--format md|json|html]`: a portfolio of workloads, the newest
//! review of each. Folders are searched recursively for `*.review.toml` (hidden folders and
//! symbolic links to folders are skipped).
//!
//! Reviews are read by one worker per core, each reading, scoring and summarising one file at a
//! time, so memory stays flat however many files there are. Notes are summed up per pack ("812
//! reviews recorded an older `security`") instead of repeated per file. The first bad file in
//! the order given stops the report, as it would reading one by one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Result, anyhow, bail};
use scorps::report::portfolio::{Summary, json, markdown, portfolio};
use scorps::report::portfolio_html;
use scorps::review::milestone;
use scorps::review::open::Note;
use scorps::review::register::{AsOf, Register};
use scorps::review::resolve::PackChange;
use scorps::review::score::score;

use super::open::Opener;
use super::{Ctx, emit, targets};
use crate::cli::{ReportArgs, ReportFormat};

/// How deep folders are searched.
const MAX_DEPTH: usize = 16;

/// The most worker threads (the machine may have fewer cores).
const MAX_WORKERS: usize = 8;

pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<ExitCode> {
    let as_of = ctx.as_of(args.as_of.as_deref())?;
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
    let (summaries, notes) = summarise_all(ctx, &opener, &files, as_of)?;
    for line in note_lines(&notes) {
        eprintln!("{line}");
    }
    let p = portfolio(summaries);
    for s in &p.superseded {
        eprintln!(
            "note: {} is an older review of `{}` than {}; left out",
            s.file, s.workload, s.newer
        );
    }
    let out = match args.format {
        ReportFormat::Md => markdown(&p),
        ReportFormat::Json => json(&p)?,
        ReportFormat::Html => portfolio_html::render(&p),
    };
    emit(None, &out)?;
    Ok(ExitCode::SUCCESS)
}

/// Notes summed over every review: how many reviews had each, and the first file that did.
type Tally = BTreeMap<NoteKey, (usize, usize)>;

/// A kind of note, how many reviews had it, and the first file that did.
type Noted = (NoteKey, usize, String);

/// A note without its file, so that equal notes of many files add up.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum NoteKey {
    /// Pack id, recorded version, loaded version.
    Pack(String, String, String),
    /// Pack id (of the answer's key).
    Orphans(String),
    /// A pack id listed twice.
    Duplicate(String),
    /// Answers that cannot be right (see `scorps score` on the file for each one).
    Anomalies,
}

/// Reads, scores and summarises every file on all cores; returns the summaries in file order and
/// the notes, or the error of the first bad file.
fn summarise_all(
    ctx: &Ctx,
    opener: &Opener,
    files: &[PathBuf],
    as_of: AsOf,
) -> Result<(Vec<Summary>, Vec<Noted>)> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, MAX_WORKERS)
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    // Files are handed out in order; after a failure only earlier files are still read, so the
    // error reported is always the first bad file's.
    let first_bad = AtomicUsize::new(usize::MAX);
    let errors: Mutex<Vec<(usize, anyhow::Error)>> = Mutex::new(Vec::new());
    let results: Vec<(Vec<(usize, Summary)>, Tally)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    let mut tally = Tally::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= files.len() || i > first_bad.load(Ordering::Relaxed) {
                            break;
                        }
                        match summarise(ctx, opener, &files[i], i, as_of, &mut tally) {
                            Ok(s) => done.push((i, s)),
                            Err(e) => {
                                first_bad.fetch_min(i, Ordering::Relaxed);
                                if let Ok(mut errs) = errors.lock() {
                                    errs.push((i, e));
                                }
                            }
                        }
                    }
                    (done, tally)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut errors = errors
        .into_inner()
        .map_err(|_| anyhow!("a report worker failed"))?;
    errors.sort_by_key(|(i, _)| *i);
    if let Some((_, e)) = errors.into_iter().next() {
        return Err(e);
    }
    let mut summaries: Vec<(usize, Summary)> = Vec::with_capacity(files.len());
    let mut tally = Tally::new();
    for (done, t) in results {
        summaries.extend(done);
        for (key, (n, first)) in t {
            let slot = tally.entry(key).or_insert((0, usize::MAX));
            slot.0 += n;
            slot.1 = slot.1.min(first);
        }
    }
    summaries.sort_by_key(|(i, _)| *i);
    let notes = tally
        .into_iter()
        .map(|(k, (n, first))| (k, n, files[first].display().to_string()))
        .collect();
    Ok((summaries.into_iter().map(|(_, s)| s).collect(), notes))
}

/// One file: open, score, summarise, and count its notes (once per review).
fn summarise(
    ctx: &Ctx,
    opener: &Opener,
    path: &Path,
    index: usize,
    as_of: AsOf,
    tally: &mut Tally,
) -> Result<Summary> {
    let mut notes = Vec::new();
    let last = milestone::last(path).map_err(|e| anyhow!("{e}"))?;
    let summary = opener.with_review(path, &mut notes, |file, review, packs| {
        let targets = targets::of(ctx, file, review)?;
        let card = score(review, packs);
        let register = Register::of(review, packs, as_of);
        anyhow::Ok(Summary::new(
            file,
            review,
            &card,
            &register,
            &targets,
            last.as_ref(),
        ))
    })??;
    let mut keys: Vec<NoteKey> = notes
        .into_iter()
        .map(|n| match n {
            Note::PackChanged(PackChange { id, was, now }) => NoteKey::Pack(id, was, now),
            Note::Orphan(key) => {
                NoteKey::Orphans(key.split_once('/').map_or(key.clone(), |(p, _)| p.into()))
            }
            Note::DuplicatePack(id)
            | Note::Anomaly(scorps::review::check::Anomaly::DuplicatePack { id }) => {
                NoteKey::Duplicate(id)
            }
            Note::Anomaly(_) => NoteKey::Anomalies,
        })
        .collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let slot = tally.entry(key).or_insert((0, usize::MAX));
        slot.0 += 1;
        slot.1 = slot.1.min(index);
    }
    Ok(summary)
}

/// One line per kind of note, with how many reviews had it.
fn note_lines(notes: &[Noted]) -> Vec<String> {
    notes
        .iter()
        .map(|(key, n, first)| {
            let reviews = if *n == 1 {
                format!("1 review ({first})")
            } else {
                format!("{n} reviews (the first: {first})")
            };
            match key {
                NoteKey::Pack(id, was, now) if was == now => format!(
                    "note: {reviews} recorded a different `{id}` {was} (the pack changed since); answers are kept"
                ),
                NoteKey::Pack(id, was, now) => format!(
                    "note: {reviews} recorded `{id}` {was}, not the {now} loaded now; answers are kept"
                ),
                NoteKey::Orphans(pack) => format!(
                    "note: {reviews} have answers to questions `{pack}` no longer has; they are kept in the files and left out"
                ),
                NoteKey::Duplicate(id) => format!(
                    "note: {reviews} list pack `{id}` more than once; the first entry counts"
                ),
                NoteKey::Anomalies => format!(
                    "note: {reviews} hold answers that cannot be right (a practice with \"None of these\", an unknown choice); `scorps score FILE` names each one"
                ),
            }
        })
        .collect()
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
