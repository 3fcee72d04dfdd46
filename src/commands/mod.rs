//! What each command does: thin shells over the domain modules of the library.

mod accept;
mod check;
mod checklist;
mod diff;
mod export;
mod lens;
mod manpage;
mod milestone;
mod open;
mod packs;
mod report;
mod review;
mod score;
mod targets;
mod trend;
mod vote;
mod votes;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use scorps::config::{Config, Paths};
use scorps::pack::{Catalog, Origin};

use crate::cli::{Cli, Command};

/// What every command may need: settings, folders and the packs.
pub struct Ctx {
    pub paths: Paths,
    pub config: Config,
    pub extra_packs: Vec<PathBuf>,
}

impl Ctx {
    fn new(extra_packs: Vec<PathBuf>) -> Result<Ctx> {
        let paths = Paths::from_env();
        let config = match paths.config_file() {
            Some(file) => Config::load(&file)?,
            None => Config::default(),
        };
        Ok(Ctx {
            paths,
            config,
            extra_packs,
        })
    }

    /// Every pack this run can see; overrides and import warnings are said on stderr.
    pub fn catalog(&self) -> Result<Catalog> {
        let catalog = self.discover()?;
        for o in &catalog.overrides {
            eprintln!("{o}");
        }
        for w in &catalog.warnings {
            eprintln!("{w}");
        }
        Ok(catalog)
    }

    /// Every pack this run can see, without a word on stderr.
    pub fn discover(&self) -> Result<Catalog, scorps::pack::load::PackErrors> {
        let mut dirs = Vec::new();
        if let Some(user) = self.paths.user_packs() {
            dirs.push((Origin::UserDir, user));
        }
        dirs.extend(
            self.config
                .pack_dirs
                .iter()
                .map(|d| (Origin::UserDir, d.clone())),
        );
        dirs.push((Origin::ProjectDir, PathBuf::from(".scorps/packs")));
        Catalog::discover(&dirs, &self.extra_packs)
    }
}

impl Ctx {
    /// The day dates are judged on: `--as-of`, else `SCORPS_AS_OF` (for a whole pipeline), else
    /// today (UTC); with the config's review period.
    pub fn as_of(&self, flag: Option<&str>) -> Result<scorps::review::register::AsOf> {
        let env = std::env::var("SCORPS_AS_OF")
            .ok()
            .filter(|v| !v.trim().is_empty());
        let day = match (flag, env) {
            (Some(text), _) => text.parse().map_err(|e| anyhow::anyhow!("--as-of: {e}"))?,
            (None, Some(text)) => text
                .parse()
                .map_err(|e| anyhow::anyhow!("SCORPS_AS_OF: {e}"))?,
            (None, None) => scorps::review::Day::today(),
        };
        Ok(scorps::review::register::AsOf {
            day,
            review_days: self.config.review_days(),
        })
    }

    /// A pack named by a file path, or by id among the packs this run can see.
    pub fn find_pack(&self, name: &str) -> Result<scorps::pack::Pack> {
        let path = std::path::Path::new(name);
        if path.is_file() {
            let (pack, warnings) = scorps::pack::load_file(path)?;
            for w in warnings {
                eprintln!("{w}");
            }
            return Ok(pack);
        }
        let catalog = self.catalog()?;
        match catalog.get(name) {
            Some(pack) => Ok(pack.clone()),
            None => {
                let ids: Vec<&str> = catalog.packs().map(|p| p.id.as_str()).collect();
                anyhow::bail!(
                    "no pack or file named `{}`; known packs: {}",
                    scorps::text::clean_line(name),
                    ids.join(", ")
                )
            }
        }
    }
}

/// Writes command output to stdout, or to a file (`-o`): atomically, through a symlink to its
/// target, and never over a file this run read (the review, a pack, the lens) or over anything
/// that is not a regular file.
pub fn emit(output: Option<&std::path::Path>, text: &str) -> Result<()> {
    use std::io::Write;
    match output {
        Some(path) => {
            scorps::fsutil::write_output(path, text.as_bytes())?;
            eprintln!(
                "wrote {}",
                scorps::text::clean_line(&path.display().to_string())
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let ctx = Ctx::new(cli.packs)?;
    match cli.command {
        None => review::run(&ctx, crate::cli::ReviewArgs::default()),
        Some(Command::Review(args)) => review::run(&ctx, args),
        Some(Command::Packs(cmd)) => packs::run(&ctx, cmd),
        Some(Command::Lens(cmd)) => lens::run(&ctx, cmd),
        Some(Command::Checklist(cmd)) => checklist::run(&ctx, cmd),
        Some(Command::Score(args)) => score::run(&ctx, args),
        Some(Command::Export(args)) => export::run(&ctx, args),
        Some(Command::Check(args)) => check::run(&ctx, args),
        Some(Command::Accept(args)) => accept::accept(&ctx, args),
        Some(Command::Owner(args)) => accept::owner(&ctx, args),
        Some(Command::Diff(args)) => diff::run(&ctx, args),
        Some(Command::Milestone(args)) => milestone::add(&ctx, args),
        Some(Command::Milestones(args)) => milestone::list(&ctx, args),
        Some(Command::Trend(args)) => trend::run(&ctx, args),
        Some(Command::Report(args)) => report::run(&ctx, args),
        Some(Command::Vote(args)) => vote::run(&ctx, args),
        Some(Command::Votes(args)) => votes::run(&ctx, args),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "scorps", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Manpage) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            emit(None, &manpage::render(cmd))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
