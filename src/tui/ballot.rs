//! A voter's own walk (`scorps vote FILE --as NAME`): the review's walk over that voter's ballot
//! ([`crate::vote::ballot`]), saved to the voter's file instead of the review, with the keys that
//! would change more than ticks refused. The review's lock is never taken; the voter's file has
//! a lock of its own, so two terminals of one voter cannot overwrite each other.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::bail;

use super::app::{App, Msg, Walk};
use super::layout::{self, Hit};
use crate::review::open::Opened;
use crate::review::session::Filter;
use crate::review::{Review, store};
use crate::text::clean_line;
use crate::vote::ballot::{as_review, votes_of};
use crate::vote::file::{VoterFile, load_voter, question, save_voter, voter_path};
use crate::vote::voters::{slug, voters};

/// Whose votes a walk edits, and where they are saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    /// As the review spells the name.
    pub voter: String,
    pub file: PathBuf,
}

/// Opens a voter's walk over an opened review: the voter's file locked and read (a bad one is
/// refused, never replaced), and the walk over the voter's ticks.
pub fn open(
    opened: Opened,
    voter: &str,
    filter: &Filter,
) -> anyhow::Result<(Walk, Ballot, store::Lock)> {
    let name = slug(voter);
    if name.is_empty() {
        bail!(
            "`{}` has no letter or digit to name a vote file by\n  help: the facilitator renames the participant in the review",
            clean_line(voter)
        );
    }
    let sharing: Vec<String> = voters(&opened.review)
        .into_iter()
        .filter(|v| slug(v) == name)
        .collect();
    if sharing.len() > 1 {
        bail!(
            "{} would share one vote file ({name}.toml)\n  help: the facilitator renames one of them in the review",
            sharing
                .iter()
                .map(|v| format!("`{}`", clean_line(v)))
                .collect::<Vec<_>>()
                .join(" and ")
        );
    }
    let path = voter_path(&opened.path, voter);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    }
    let lock = store::Lock::acquire(&path)?;
    let file = load_voter(&path, &opened.review)?.unwrap_or_else(|| VoterFile {
        voter: voter.to_string(),
        position: None,
        votes: BTreeMap::new(),
    });
    let mut notices = vec![format!(
        "Voting as {}: your ticks go to {}; the review is not changed.",
        clean_line(voter),
        clean_line(&path.display().to_string())
    )];
    for key in file.votes.keys() {
        if question(&opened.packs, key).is_none() {
            notices.push(format!(
                "your vote on `{}`, a question none of the review's packs has, is kept in your file",
                clean_line(key)
            ));
        }
    }
    let ballot = Opened {
        review: as_review(&opened.review, &file),
        notes: Vec::new(),
        ..opened
    };
    let mut walk = super::walk(ballot, filter)?;
    notices.append(&mut walk.notices);
    walk.notices = notices;
    let ballot = Ballot {
        voter: voter.to_string(),
        file: path,
    };
    Ok((walk, ballot, lock))
}

/// Writes a walked ballot as the voter's file at `path`.
pub(crate) fn save(ballot: &Ballot, walked: &Review, path: &Path) -> Result<(), store::StoreError> {
    let file = VoterFile {
        voter: ballot.voter.clone(),
        position: walked.position.clone(),
        votes: votes_of(walked),
    };
    save_voter(path, walked, &file).map_err(|e| store::StoreError::Write {
        path: crate::vote::file::shown(path),
        source: std::io::Error::other(e.to_string()),
    })
}

/// On a voter's walk, the keys that would change more than the voter's ticks are refused, with
/// why.
pub(crate) fn refused(app: &App, msg: &Msg) -> Option<&'static str> {
    app.ballot.as_ref()?;
    let refused = match msg {
        Msg::EditNotes
        | Msg::AskEvidence
        | Msg::AskNotApplicable
        | Msg::ToggleFlag
        | Msg::AskExport
        | Msg::OpenSummary
        | Msg::StartRound
        | Msg::ShowVotes
        | Msg::AskPracticeNa
        | Msg::AskAccept
        | Msg::Confirm
        | Msg::AskOwner => true,
        Msg::Click {
            col,
            row,
            width,
            height,
        } => matches!(
            layout::hit(app, *col, *row, *width, *height),
            Some(Hit::Notes)
        ),
        _ => false,
    };
    refused.then_some("A vote is ticks only: notes, flags and the rest are the facilitator's.")
}
