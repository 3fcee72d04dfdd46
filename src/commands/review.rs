//! `scorps` and `scorps review`: the TUI.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Result, bail};
use scorps::pack::Catalog;
use scorps::review::session::Filter;
use scorps::tui::app::App;
use scorps::tui::start::{NewReview, PackChoice, StartForm};
use scorps::tui::{self, Runtime, recent};

use super::Ctx;
use crate::cli::ReviewArgs;

fn now() -> u64 {
    scorps::review::Timestamp::now().0.max(0) as u64
}

/// The packs a new review starts with: the defaults plus the opt-in ones asked for.
fn default_packs(catalog: &Catalog, with: &[String]) -> Result<Vec<String>> {
    let mut ids: Vec<String> = catalog
        .default_review_packs()
        .iter()
        .map(|p| p.id.clone())
        .collect();
    for id in with {
        if catalog.get(id).is_none() {
            let known: Vec<&str> = catalog.packs().map(|p| p.id.as_str()).collect();
            bail!(
                "--with {id}: no such pack; known packs: {}",
                known.join(", ")
            );
        }
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    Ok(ids)
}

pub fn run(ctx: &Ctx, args: ReviewArgs) -> Result<ExitCode> {
    let catalog = ctx.catalog()?;
    let filter = Filter {
        pillars: args.pillars.clone(),
        flagged: args.flagged,
        questions: Vec::new(),
    };
    let recent_file = ctx.paths.recent_file();
    let mut lock = None;
    // Arguments are checked before anything else, so that a typo is named even in a script.
    let defaults = default_packs(&catalog, &args.with)?;
    let interactive = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    let needs_terminal = || {
        anyhow::anyhow!(
            "the review screen needs a terminal; for scripts use `scorps score`, `export` or `check`"
        )
    };
    if !args.file.as_ref().is_some_and(|f| f.exists()) {
        // A new review: a --pillar typo is named before anything else happens.
        let packs: Vec<_> = defaults
            .iter()
            .filter_map(|id| catalog.get(id).cloned())
            .collect();
        filter.check(&packs)?;
    }
    if !interactive && !args.file.as_ref().is_some_and(|f| f.exists()) {
        return Err(needs_terminal());
    }
    let app = match &args.file {
        Some(path) => {
            // Open or create before the terminal is taken, so that errors print plainly.
            let (walk, l) = if path.exists() {
                // --participant on an existing review adds a voter (see docs/facilitation.md).
                for name in scorps::vote::voters::add_participants(path, &args.participants)? {
                    eprintln!(
                        "{}: added participant {}",
                        path.display(),
                        scorps::text::clean_line(&name)
                    );
                }
                tui::open(path, &catalog, &filter)?
            } else {
                let stem = tui::review_stem(path);
                let new = NewReview {
                    path: path.clone(),
                    workload: args.workload.clone().unwrap_or(stem),
                    team: args
                        .team
                        .clone()
                        .or_else(|| ctx.config.team.clone())
                        .unwrap_or_default(),
                    facilitator: args
                        .facilitator
                        .clone()
                        .or_else(|| ctx.config.facilitator.clone())
                        .unwrap_or_default(),
                    participants: args.participants.clone(),
                    description: args.description.clone().unwrap_or_default(),
                    environment: args.environment.clone().unwrap_or_default(),
                    architecture: args.architecture.clone().unwrap_or_default(),
                    owner: args.review_owner.clone().unwrap_or_default(),
                    packs: defaults,
                    pillar_minutes: ctx.config.pillar_minutes.filter(|m| *m > 0),
                };
                tui::create(&new, &catalog, &filter)?
            };
            for notice in &walk.notices {
                eprintln!("{}: note: {notice}", path.display());
            }
            recent::remember(
                recent_file.as_deref(),
                &walk.file,
                walk.session.review(),
                scorps::review::Timestamp::now(),
            );
            lock = Some(l);
            App::walk(walk, now())
        }
        None => {
            let packs = catalog
                .packs()
                .map(|p| PackChoice {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    questions: p.question_count(),
                    selected: defaults.contains(&p.id),
                })
                .collect();
            let form = StartForm::new(
                recent::load(recent_file.as_deref()),
                packs,
                args.team
                    .as_deref()
                    .or(ctx.config.team.as_deref())
                    .unwrap_or(""),
                args.facilitator
                    .as_deref()
                    .or(ctx.config.facilitator.as_deref())
                    .unwrap_or(""),
                ctx.config.pillar_minutes,
            );
            App::start(form, now())
        }
    };
    if !interactive {
        return Err(needs_terminal());
    }
    let mut app = app;
    app.timebox_minutes = ctx.config.timebox_minutes.unwrap_or(0);
    app.pillar_minutes = ctx.config.pillar_minutes;
    app.present = args.present;
    app.config_targets = ctx.config.targets.clone();
    app.color = ctx.config.use_color();
    app.export_dir = ctx.config.export_dir.clone();
    app.accept_days = ctx.config.accept_days();
    app.review_days = ctx.config.review_days();
    let saved = app.session().map(|s| s.review().clone());
    let file = tui::run(
        app,
        Runtime {
            catalog,
            lock,
            recent_file,
            filter,
            saved,
        },
    )?;
    if let Some(file) = file {
        let shown = scorps::text::clean_line(&file.display().to_string()).into_owned();
        eprintln!(
            "Saved to {shown} — resume with `scorps review {}`",
            shell_word(&shown)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A path as a shell word: quoted when it holds anything a shell would read differently.
fn shell_word(path: &str) -> String {
    let plain = path
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+,:@%".contains(c));
    if plain && !path.is_empty() {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}
