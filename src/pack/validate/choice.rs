//! Validation of one choice: its id and title, its links, and the fields only a practice may have.

use super::{Validator, pos_of, valid_id};
use crate::pack::raw::{RawChoice, RawIfMissing};
use crate::pack::{Choice, Link, MissingRisk};

impl Validator<'_> {
    pub(super) fn choice(&mut self, qid: &str, rc: RawChoice) -> Choice {
        let cid = rc.id.value.clone();
        let pos = pos_of(&rc.id);
        let ctx = format!("question `{qid}`, choice `{cid}`");
        if !valid_id(&cid) {
            self.error(
                pos,
                format!("question `{qid}`"),
                format!("invalid choice id `{cid}`"),
                "use letters, digits, '_' and '-', e.g. `mfa`",
            );
        }
        if rc.title.trim().is_empty() {
            self.error(
                pos,
                ctx.clone(),
                "the choice has no title".into(),
                "add `title:` saying the practice in a few words",
            );
        }
        let mut links = Vec::new();
        for l in rc.links {
            let url = l.url.value.trim().to_string();
            if !crate::text::has_web_scheme(&url) {
                self.error(
                    pos_of(&l.url),
                    ctx.clone(),
                    format!("link `{url}` is not an http(s) address"),
                    "links must start with https:// or http://",
                );
            }
            links.push(Link {
                title: l.title,
                url,
            });
        }
        let if_missing = rc.if_missing.map(|level| {
            if rc.none {
                self.error(
                    pos_of(&level),
                    ctx.clone(),
                    "\"None of these\" cannot have `if_missing`: it is not a practice".into(),
                    "remove `if_missing` from the `none: true` choice; give it to the practices",
                );
            }
            match level.value {
                RawIfMissing::Low => MissingRisk::Low,
                RawIfMissing::Medium => MissingRisk::Medium,
                RawIfMissing::High => MissingRisk::High,
            }
        });
        if rc.none && !rc.evidence.trim().is_empty() {
            self.error(
                pos,
                ctx.clone(),
                "\"None of these\" cannot have `evidence`: there is nothing to prove".into(),
                "remove `evidence` from the `none: true` choice; give it to the practices",
            );
        }
        Choice {
            id: cid,
            title: rc.title,
            help: rc.help,
            improve: rc.improve,
            evidence: rc.evidence,
            links,
            none: rc.none,
            if_missing: if_missing.filter(|_| !rc.none),
            pos,
        }
    }
}
