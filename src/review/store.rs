//! Reading and writing review files, and the lock that keeps one editor per file.
//!
//! Saves are atomic (see [`crate::fsutil::atomic_write`]). A file that cannot be read or parsed
//! is reported and never replaced.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::model::{FORMAT, Review};
use crate::fsutil::atomic_write;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "cannot read {path}: {source}\n  help: check the path; `scorps review FILE --workload NAME` starts a new review"
    )]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path}:{line}:{col}: {message}\n  help: the review file is left untouched; fix it by hand or restore it from git"
    )]
    Parse {
        path: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{path}: review format {found} is newer than this scorps reads ({FORMAT})\n  help: upgrade scorps"
    )]
    Format { path: String, found: u32 },
    #[error("cannot save {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path} is being edited by {holder}\n  help: close the other session, or if it is gone, delete {lock}"
    )]
    Locked {
        path: String,
        holder: String,
        lock: String,
    },
}

/// The largest review file read (a full review of every built-in pack is about 60 KiB).
const MAX_REVIEW_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a review file.
pub fn load(path: &Path) -> Result<Review, StoreError> {
    let name = path.display().to_string();
    let read_err = |source| StoreError::Read {
        path: name.clone(),
        source,
    };
    let len = std::fs::metadata(path).map_err(read_err)?.len();
    if len > MAX_REVIEW_BYTES {
        return Err(StoreError::Parse {
            path: name,
            line: 1,
            col: 1,
            message: "the file is larger than 16 MiB; it is not a review".into(),
        });
    }
    let text = std::fs::read_to_string(path).map_err(read_err)?;
    parse(&name, &text)
}

/// Parses review text; `name` is how errors refer to it.
pub fn parse(name: &str, text: &str) -> Result<Review, StoreError> {
    let review: Review = toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        StoreError::Parse {
            path: name.to_string(),
            line,
            col,
            message: e.message().to_string(),
        }
    })?;
    if review.format > FORMAT {
        return Err(StoreError::Format {
            path: name.to_string(),
            found: review.format,
        });
    }
    Ok(review)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The review as TOML text.
pub fn to_toml(review: &Review) -> String {
    toml::to_string_pretty(review).unwrap_or_default()
}

/// Writes a review atomically.
pub fn save(path: &Path, review: &Review) -> Result<(), StoreError> {
    atomic_write(path, to_toml(review).as_bytes()).map_err(|source| StoreError::Write {
        path: path.display().to_string(),
        source,
    })
}

/// Held while a process edits a review; removing it on drop releases the review.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Lock {
    pub fn path_for(review: &Path) -> PathBuf {
        let mut name = review.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        review.with_file_name(name)
    }

    /// Takes the lock beside `review`; a lock left by a dead process on this machine is taken over.
    pub fn acquire(review: &Path) -> Result<Lock, StoreError> {
        let path = Lock::path_for(review);
        let me = holder_text();
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    use std::io::Write;
                    let _ = file.write_all(me.as_bytes());
                    let _ = file.sync_all();
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let held = std::fs::read_to_string(&path).unwrap_or_default();
                    if is_stale(&held) {
                        let _ = std::fs::remove_file(&path);
                        continue;
                    }
                    return Err(StoreError::Locked {
                        path: review.display().to_string(),
                        holder: describe_holder(&held),
                        lock: path.display().to_string(),
                    });
                }
                Err(source) => {
                    return Err(StoreError::Write {
                        path: path.display().to_string(),
                        source,
                    });
                }
            }
        }
        Err(StoreError::Locked {
            path: review.display().to_string(),
            holder: "another process".into(),
            lock: path.display().to_string(),
        })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown-host".into())
}

fn holder_text() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "someone".into());
    format!(
        "pid = {}\nhost = \"{}\"\nuser = \"{}\"\nsince = \"{}\"\n",
        std::process::id(),
        hostname(),
        user,
        super::Timestamp::now()
    )
}

fn field<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.trim_start().strip_prefix('='))
        .map(|v| v.trim().trim_matches('"'))
}

fn describe_holder(text: &str) -> String {
    let user = field(text, "user").unwrap_or("someone");
    let host = field(text, "host").unwrap_or("unknown host");
    let pid = field(text, "pid").unwrap_or("?");
    let since = field(text, "since").unwrap_or("an unknown time");
    crate::text::clean_line(&format!("{user} on {host} (process {pid}, since {since})"))
        .into_owned()
}

/// A lock is stale when it names a process on this host that no longer runs.
fn is_stale(text: &str) -> bool {
    let Some(pid) = field(text, "pid").and_then(|p| p.parse::<u32>().ok()) else {
        return true;
    };
    if field(text, "host") != Some(hostname().as_str()) {
        return false;
    }
    process_gone(pid)
}

#[cfg(target_os = "linux")]
fn process_gone(pid: u32) -> bool {
    !Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_gone(_pid: u32) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_says_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let review = dir.path().join("a.review.toml");
        let first = Lock::acquire(&review).unwrap();
        let err = Lock::acquire(&review).unwrap_err().to_string();
        assert!(
            err.contains("is being edited by")
                && err.contains(&format!("process {}", std::process::id())),
            "{err}"
        );
        drop(first);
        assert!(Lock::acquire(&review).is_ok());
    }

    #[test]
    fn a_stale_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let review = dir.path().join("a.review.toml");
        std::fs::write(
            Lock::path_for(&review),
            format!("pid = 999999999\nhost = \"{}\"\n", hostname()),
        )
        .unwrap();
        assert!(Lock::acquire(&review).is_ok());
    }

    #[test]
    fn parse_errors_name_the_line() {
        let err = parse(
            "x.review.toml",
            "format = 1\nworkload = \"W\"\ncreated = nope\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("x.review.toml:3:"), "{err}");
        assert!(err.contains("left untouched"), "{err}");
    }

    #[test]
    fn newer_formats_are_refused() {
        let text = "format = 9\nworkload = \"W\"\ncreated = 2026-11-26T10:00:00Z\nupdated = 2026-11-26T10:00:00Z\n";
        assert!(
            parse("x", text)
                .unwrap_err()
                .to_string()
                .contains("review format 9 is newer")
        );
    }
}

#[cfg(test)]
mod format_tests {
    use super::*;
    use crate::review::model::{Answer, State, Timestamp, key};

    #[test]
    fn the_file_reads_like_the_design() {
        let mut r = Review::new(
            "Payments API",
            "Orion",
            "Sam",
            vec!["Ana".into(), "Ben".into()],
            &[],
        );
        r.created = Timestamp(1_795_687_200);
        r.updated = Timestamp(1_795_690_933);
        r.answers.insert(
            key("security", "identities"),
            Answer {
                state: State::Answered,
                selected: vec!["central-idp".into(), "mfa".into()],
                notes: "MFA for admins only".into(),
                updated: Timestamp(1_795_688_042),
                ..Answer::default()
            },
        );
        let text = to_toml(&r);
        insta::assert_snapshot!(text);
        assert_eq!(parse("x", &text).unwrap(), r);
    }
}
