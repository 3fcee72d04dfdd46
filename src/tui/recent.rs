//! The recent reviews the start screen offers, kept in `<data dir>/recent.toml`.
//!
//! The list is a convenience: a missing, unreadable or corrupt file is an empty list, and a
//! failure to write it never stops a review.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::review::{Review, Timestamp};

/// How many reviews the list keeps.
const KEEP: usize = 12;

/// A review opened before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recent {
    pub path: PathBuf,
    pub workload: String,
    #[serde(default)]
    pub team: String,
    /// When it was last opened, `YYYY-MM-DD HH:MM` UTC.
    #[serde(default)]
    pub opened: String,
}

#[derive(Serialize, Deserialize, Default)]
struct File {
    #[serde(default)]
    recent: Vec<Recent>,
}

/// The recent reviews, newest first, that still exist.
pub fn load(file: Option<&Path>) -> Vec<Recent> {
    let Some(text) = file.and_then(|f| crate::fsutil::read_text(f, 1024 * 1024).ok()) else {
        return Vec::new();
    };
    let parsed: File = toml::from_str(&text).unwrap_or_default();
    parsed
        .recent
        .into_iter()
        .filter(|r| r.path.exists())
        .collect()
}

/// Puts a review at the top of the list.
pub fn remember(file: Option<&Path>, path: &Path, review: &Review, now: Timestamp) {
    let Some(file) = file else { return };
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut list = load(Some(file));
    list.retain(|r| r.path != path);
    let stamp = now.to_string();
    let opened = format!("{} {}", &stamp[..10], &stamp[11..16]);
    list.insert(
        0,
        Recent {
            path,
            workload: review.workload.clone(),
            team: review.team.clone(),
            opened,
        },
    );
    list.truncate(KEEP);
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(text) = toml::to_string(&File { recent: list }) {
        let _ = crate::fsutil::atomic_write(file, text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_comes_first_and_gone_files_drop_out() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("recent.toml");
        let a = dir.path().join("a.review.toml");
        let b = dir.path().join("b.review.toml");
        std::fs::write(&a, "").unwrap();
        std::fs::write(&b, "").unwrap();
        let review = Review::new("A", "", "", vec![], &[]);
        remember(Some(&list), &a, &review, Timestamp(1_795_687_200));
        remember(Some(&list), &b, &review, Timestamp(1_795_687_260));
        remember(Some(&list), &a, &review, Timestamp(1_795_687_320));
        let names: Vec<_> = load(Some(&list))
            .iter()
            .map(|r| r.path.file_name().unwrap().to_owned())
            .collect();
        assert_eq!(names, ["a.review.toml", "b.review.toml"]);
        assert_eq!(load(Some(&list))[0].opened, "2026-11-26 10:02");
        std::fs::remove_file(&b).unwrap();
        assert_eq!(load(Some(&list)).len(), 1);
    }

    #[test]
    fn a_corrupt_list_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("recent.toml");
        std::fs::write(&list, "recent = 3").unwrap();
        assert!(load(Some(&list)).is_empty());
    }
}
