//! Who may vote on a review, and the file name each voter's votes are kept under.
//!
//! The voters are the review's participants and its facilitator. Names are compared without
//! regard to case (`--as ana` is Ana) and shown as the review spells them. A facilitator adds a
//! participant with `scorps review FILE --participant NAME` (see [`add_participants`]).

use std::path::Path;

use crate::review::{Review, store};
use crate::text::clean_line;

/// The review's voters: its participants, then its facilitator, each once (names compared
/// without case).
pub fn voters(review: &Review) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in review
        .participants
        .iter()
        .chain(std::iter::once(&review.facilitator))
    {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|n| same_name(n, name)) {
            out.push(name.to_string());
        }
    }
    out
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The voter of the review called `name` (without regard to case), as the review spells it.
pub fn find_voter(review: &Review, name: &str) -> Option<String> {
    voters(review).into_iter().find(|v| same_name(v, name))
}

/// The review's voters, for a message: cleaned, comma-separated, or a word saying there are none.
pub fn known_list(review: &Review) -> String {
    let names = voters(review);
    if names.is_empty() {
        "none (the review names no participant or facilitator)".to_string()
    } else {
        names
            .iter()
            .map(|n| clean_line(n).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A voter's name as a file name: lowercase letters and digits, anything else a dash, at most
/// 64 characters. Empty when the name has no letter or digit.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(64).collect();
    out.trim_end_matches('-').to_string()
}

/// Adds participants to a review file, under its lock: the names it does not have yet (compared
/// without case), in the order given. Says which were added; the file is rewritten only then.
pub fn add_participants(path: &Path, names: &[String]) -> Result<Vec<String>, store::StoreError> {
    let _lock = store::Lock::acquire(path)?;
    let mut review = store::load(path)?;
    let mut added = Vec::new();
    for name in names {
        let name = name.trim();
        if name.is_empty() || voters(&review).iter().any(|v| same_name(v, name)) {
            continue;
        }
        review.participants.push(name.to_string());
        added.push(name.to_string());
    }
    if !added.is_empty() {
        store::save(path, &review)?;
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(participants: &[&str], facilitator: &str) -> Review {
        Review::new(
            "W",
            "",
            facilitator,
            participants.iter().map(ToString::to_string).collect(),
            &[],
        )
    }

    #[test]
    fn voters_are_the_participants_then_the_facilitator_each_once() {
        let r = review(&["Ana", " Ben ", "", "ana"], "Sam");
        assert_eq!(voters(&r), ["Ana", "Ben", "Sam"]);
        assert_eq!(find_voter(&r, "ANA").as_deref(), Some("Ana"));
        assert_eq!(find_voter(&r, "sam").as_deref(), Some("Sam"));
        assert_eq!(find_voter(&r, "Zed"), None);
        assert_eq!(known_list(&r), "Ana, Ben, Sam");
        assert!(known_list(&review(&[], "")).starts_with("none"));
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Ana"), "ana");
        assert_eq!(slug("  Ana María "), "ana-maría");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("O'Brien, Jr."), "o-brien-jr");
        assert_eq!(slug("\u{1b}[31m"), "31m");
        assert_eq!(slug("---"), "");
        assert_eq!(slug(&"x".repeat(100)).len(), 64);
    }

    #[test]
    fn participants_are_added_once_and_the_file_only_rewritten_when_one_is_new() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.review.toml");
        store::save(&path, &review(&["Ana"], "Sam")).unwrap();
        let added = add_participants(&path, &["ana".into(), "Cleo".into(), " ".into()]).unwrap();
        assert_eq!(added, ["Cleo"]);
        assert_eq!(store::load(&path).unwrap().participants, ["Ana", "Cleo"]);
        let before = std::fs::read_to_string(&path).unwrap();
        assert!(add_participants(&path, &["SAM".into()]).unwrap().is_empty());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
        assert!(
            !store::Lock::path_for(&path).exists(),
            "the lock is released"
        );
    }
}
