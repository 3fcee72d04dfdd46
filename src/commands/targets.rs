//! The targets that apply to a review: its own `[targets]` table, then config.toml's (see
//! `scorps::report::targets`). Both are checked here, where the file names are known.

use anyhow::{Result, anyhow};
use scorps::report::targets::{Targets, check};
use scorps::review::Review;

use super::Ctx;

/// The review's targets over the config's; a target out of range is an error naming its file.
pub fn of(ctx: &Ctx, file: &str, review: &Review) -> Result<Targets> {
    let config_file = ctx
        .paths
        .config_file()
        .map_or_else(|| "config.toml".to_string(), |f| f.display().to_string());
    check(&config_file, &ctx.config.targets).map_err(|e| anyhow!(e))?;
    check(file, &review.targets).map_err(|e| anyhow!(e))?;
    Ok(Targets::resolve(&review.targets, &ctx.config.targets))
}
