//! Target scores per pillar: where a team means to be, shown beside where it is.
//!
//! A target comes from the review file's `[targets]` table or from `config.toml`'s; for each
//! pillar the review's wins (it is the team's own commitment for this workload), then the
//! config's (an organisation-wide default). Packs carry no targets: a pack says what to ask,
//! not how good a given workload must be (docs/design-decisions.md). A pillar is below its target
//! when its score is lower, or when it has no score at all (nothing answered yet).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::review::score::Scorecard;

/// Where a target was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Review,
    Config,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Review => "the review",
            Origin::Config => "config.toml",
        }
    }
}

/// One pillar's target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Target {
    pub score: f64,
    pub origin: Origin,
}

/// The targets that apply to one review, by pillar id.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Targets(pub BTreeMap<String, Target>);

impl Targets {
    /// The review's targets over the config's.
    pub fn resolve(review: &BTreeMap<String, f64>, config: &BTreeMap<String, f64>) -> Targets {
        let mut out = BTreeMap::new();
        for (origin, map) in [(Origin::Config, config), (Origin::Review, review)] {
            for (id, score) in map {
                out.insert(
                    id.clone(),
                    Target {
                        score: *score,
                        origin,
                    },
                );
            }
        }
        Targets(out)
    }

    pub fn get(&self, pillar: &str) -> Option<f64> {
        self.0.get(pillar).map(|t| t.score)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pillars of a scorecard that are below their target, in the scorecard's order.
    pub fn below<'a>(&self, card: &'a Scorecard) -> Vec<Shortfall<'a>> {
        card.pillars
            .iter()
            .filter_map(|p| {
                let target = *self.0.get(&p.id)?;
                is_below(p.score, target.score).then_some(Shortfall {
                    pillar: &p.id,
                    name: &p.name,
                    score: p.score,
                    target,
                })
            })
            .collect()
    }

    /// Targets naming a pillar the scorecard does not have (a typo, or a pack not in the review).
    pub fn unmatched(&self, card: &Scorecard) -> Vec<&str> {
        self.0
            .keys()
            .filter(|id| !card.pillars.iter().any(|p| &p.id == *id))
            .map(String::as_str)
            .collect()
    }
}

/// Whether a score misses a target (no score misses every target).
pub fn is_below(score: Option<f64>, target: f64) -> bool {
    score.is_none_or(|s| s < target)
}

/// A pillar below its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortfall<'a> {
    pub pillar: &'a str,
    pub name: &'a str,
    pub score: Option<f64>,
    pub target: Target,
}

/// Checks a table of targets as read from `file`: each a pillar id with a score from 0 to 100.
pub fn check(file: &str, map: &BTreeMap<String, f64>) -> Result<(), String> {
    for (id, score) in map {
        let id_ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            return Err(format!(
                "{file}: targets: `{}` is not a pillar id\n  help: use the pillar's id, e.g. security = 80",
                crate::text::clean_line(id)
            ));
        }
        if !(0.0..=100.0).contains(score) {
            return Err(format!(
                "{file}: targets.{id} = {score}: a target is a score from 0 to 100\n  help: e.g. {id} = 80"
            ));
        }
    }
    Ok(())
}

/// A target for a table cell: `80`, `72.5`, or an em dash.
pub fn format(target: Option<f64>) -> String {
    target.map_or_else(
        || "—".to_string(),
        |t| {
            if t.fract() == 0.0 {
                format!("{t:.0}")
            } else {
                format!("{t:.1}")
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::build::tests::review;
    use crate::review::State;
    use crate::review::score::score;

    fn map(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn the_review_wins_over_the_config() {
        let t = Targets::resolve(
            &map(&[("security", 90.0)]),
            &map(&[("security", 70.0), ("cost", 60.0)]),
        );
        assert_eq!(
            t.0["security"],
            Target {
                score: 90.0,
                origin: Origin::Review
            }
        );
        assert_eq!(t.0["cost"].origin, Origin::Config);
    }

    #[test]
    fn below_counts_missing_scores_and_skips_unknown_pillars() {
        // secrets medium (50) → security 50; reliability has nothing answered.
        let (r, packs) = review(&[("secrets", State::Answered, &["vault"], false)]);
        let card = score(&r, &packs);
        let t = Targets::resolve(
            &map(&[("security", 50.0), ("reliability", 10.0), ("cost", 99.0)]),
            &BTreeMap::new(),
        );
        let below: Vec<&str> = t.below(&card).iter().map(|s| s.pillar).collect();
        assert_eq!(below, ["reliability"], "50 meets 50; no score misses 10");
        assert_eq!(t.unmatched(&card), ["cost"]);
    }

    #[test]
    fn review_targets_survive_a_save() {
        let (mut r, _) = review(&[("secrets", State::Answered, &["vault"], false)]);
        r.targets = map(&[("security", 80.0), ("cost", 62.5)]);
        let text = crate::review::store::to_toml(&r).unwrap();
        assert!(
            text.contains("[targets]\ncost = 62.5\nsecurity = 80.0\n"),
            "{text}"
        );
        assert_eq!(crate::review::store::parse("x", &text).unwrap(), r);
    }

    #[test]
    fn bad_targets_are_refused_with_the_file_and_key() {
        assert_eq!(
            check("x.review.toml", &map(&[("security", 120.0)])),
            Err("x.review.toml: targets.security = 120: a target is a score from 0 to 100\n  help: e.g. security = 80".into())
        );
        assert!(
            check("c.toml", &map(&[("Security", 80.0)]))
                .unwrap_err()
                .contains("`Security` is not a pillar id")
        );
        assert_eq!(
            check("c.toml", &map(&[("cost", 0.0), ("x-1", 100.0)])),
            Ok(())
        );
        assert_eq!(format(Some(80.0)), "80");
        assert_eq!(format(Some(72.5)), "72.5");
        assert_eq!(format(None), "—");
    }
}
