//! The user's settings (`<config dir>/config.toml`) and where scorps keeps its files.
//!
//! `SCORPS_CONFIG_DIR` and `SCORPS_DATA_DIR` replace the platform folders (tests and portable
//! set-ups use them).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The folders scorps reads and writes.
#[derive(Debug, Clone)]
pub struct Paths {
    /// Holds `config.toml`.
    pub config_dir: Option<PathBuf>,
    /// Holds `packs/` and `recent.toml`.
    pub data_dir: Option<PathBuf>,
}

impl Paths {
    pub fn from_env() -> Paths {
        let dirs = directories::ProjectDirs::from("", "", "scorps");
        let env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Paths {
            config_dir: env("SCORPS_CONFIG_DIR")
                .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_path_buf())),
            data_dir: env("SCORPS_DATA_DIR")
                .or_else(|| dirs.as_ref().map(|d| d.data_dir().to_path_buf())),
        }
    }

    pub fn config_file(&self) -> Option<PathBuf> {
        self.config_dir.as_ref().map(|d| d.join("config.toml"))
    }

    pub fn user_packs(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join("packs"))
    }

    pub fn recent_file(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join("recent.toml"))
    }
}

/// The largest config file read (a full one is under 1 KiB).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The contents of `config.toml`; every field is optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Default facilitator for new reviews.
    pub facilitator: Option<String>,
    /// Default team for new reviews.
    pub team: Option<String>,
    /// More folders of packs, read after `<data dir>/packs/`.
    pub pack_dirs: Vec<PathBuf>,
    /// Default export format: md, csv or json.
    pub export_format: Option<String>,
    /// Folder exports go to from the review screen.
    pub export_dir: Option<PathBuf>,
    /// Minutes per question before the clock shows a gentle cue; 0 turns it off.
    pub timebox_minutes: Option<u32>,
    /// Minutes per pillar for new reviews; the header counts down the pillar's time left.
    pub pillar_minutes: Option<u32>,
    /// Colour on or off (`NO_COLOR` in the environment always turns it off).
    pub color: Option<bool>,
    /// Target scores by pillar id (0–100); a review's own `[targets]` win.
    pub targets: std::collections::BTreeMap<String, f64>,
    /// Days an accepted risk lasts when no day is given (90 when unset).
    pub accept_days: Option<u32>,
    /// Days after its last confirmation an answer is due for another look (180 when unset).
    pub review_days: Option<u32>,
}

impl Config {
    /// Reads the config file; a missing file is the default config.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        match crate::fsutil::read_text(path, MAX_CONFIG_BYTES) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                anyhow::anyhow!("{}: {}", path.display(), e.to_string().trim_end())
                    .context("fix the config file or remove it; every setting is optional")
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
        }
    }

    /// Days after its last confirmation an answer is due again.
    pub fn review_days(&self) -> u32 {
        self.review_days
            .unwrap_or(crate::review::register::REVIEW_DAYS)
    }

    /// Days an accepted risk lasts when no day is given.
    pub fn accept_days(&self) -> u32 {
        self.accept_days
            .unwrap_or(crate::review::register::ACCEPT_DAYS)
    }

    /// Whether to draw in colour: off when `NO_COLOR` is set or the config says so.
    pub fn use_color(&self) -> bool {
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && self.color.unwrap_or(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_refused_with_the_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "facilitator = \"Sam\"\ntimebox = 3\n").unwrap();
        let err = format!("{:#}", Config::load(&path).unwrap_err());
        assert!(
            err.contains("config.toml") && err.contains("timebox"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_file_is_the_default() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Config::load(&dir.path().join("none.toml")).unwrap(),
            Config::default()
        );
    }
}
