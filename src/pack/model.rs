//! The validated pack: what every part of scorps reads once a pack has loaded.
//!
//! These types are built only by validation (or from the built-in packs validated when scorps was
//! built), so they are valid by construction. They derive serde so that the build can embed the
//! built-in packs already validated (see `build.rs`); the `source` of a pack is not part of that.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::error::Pos;
use super::rule::{Compiled, Expr};

/// The risk a question's answer carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Risk {
    None,
    Medium,
    High,
}

impl Risk {
    pub(crate) const ALL: [Risk; 3] = [Risk::None, Risk::Medium, Risk::High];

    pub fn as_str(self) -> &'static str {
        match self {
            Risk::None => "none",
            Risk::Medium => "medium",
            Risk::High => "high",
        }
    }

    /// The question score: none 1, medium 0.5, high 0.
    pub fn score(self) -> f64 {
        match self {
            Risk::None => 1.0,
            Risk::Medium => 0.5,
            Risk::High => 0.0,
        }
    }
}

impl fmt::Display for Risk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The risk a workload runs when a practice is not in place: a choice's `if_missing`.
///
/// `low` is kept apart from "not said" and shown to people, but adds no risk to a question: only
/// high and medium do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MissingRisk {
    Low,
    Medium,
    High,
}

impl MissingRisk {
    pub fn as_str(self) -> &'static str {
        match self {
            MissingRisk::Low => "low",
            MissingRisk::Medium => "medium",
            MissingRisk::High => "high",
        }
    }

    /// The risk a question takes when this is the worst practice missing: low adds none.
    pub fn risk(self) -> Risk {
        match self {
            MissingRisk::Low => Risk::None,
            MissingRisk::Medium => Risk::Medium,
            MissingRisk::High => Risk::High,
        }
    }
}

impl fmt::Display for MissingRisk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The well-known pillars, in backlog order, with their display names.
pub(crate) const PILLAR_ORDER: [(&str, &str); 6] = [
    ("security", "Security"),
    ("reliability", "Reliability"),
    ("operational-excellence", "Operational excellence"),
    ("performance", "Performance efficiency"),
    ("cost", "Cost optimisation"),
    ("sustainability", "Sustainability"),
];

/// Sort key of a pillar id: well-known pillars in backlog order, then custom ones.
pub(crate) fn pillar_rank(id: &str) -> usize {
    PILLAR_ORDER
        .iter()
        .position(|(p, _)| *p == id)
        .unwrap_or(PILLAR_ORDER.len())
}

/// Where a pack came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Embedded in the binary; the name is the file under `pillars/`.
    Builtin(&'static str),
    /// A file on disk (YAML, or an AWS lens JSON imported in memory).
    File(PathBuf),
}

impl Source {
    /// The source of a pack read from embedded data, before the reader says where it came from.
    fn unset() -> Source {
        Source::Builtin("")
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Builtin(name) => write!(f, "built-in ({name})"),
            Source::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A validated question pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    pub id: String,
    pub name: String,
    pub version: String,
    pub description: String,
    pub pillars: Vec<Pillar>,
    /// Where the pack came from; not embedded, set by whoever loads the pack.
    #[serde(skip, default = "Source::unset")]
    pub source: Source,
    /// `sha256:<hex>` of the file's bytes: a review notes it to tell when a pack changed.
    pub digest: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pillar {
    pub id: String,
    pub name: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub title: String,
    /// A label of a few words for narrow places; see [`Question::label`].
    pub short: Option<String>,
    pub why: String,
    /// What the question covers in other frameworks, each `scheme:area` (`aws:REL09`).
    pub refs: Vec<String>,
    pub choices: Vec<Choice>,
    pub risk: RiskRules,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub title: String,
    pub help: String,
    pub improve: String,
    /// What proof shows the practice is in place; empty when the pack does not say.
    pub evidence: String,
    pub links: Vec<Link>,
    /// "None of these": exclusive with every other choice.
    pub none: bool,
    /// The risk of not having this practice; `None` when the pack does not say (always `None` on
    /// "None of these").
    pub if_missing: Option<MissingRisk>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// How a question turns a selection into a risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RiskRules {
    /// Rules checked in order; the first that holds decides, else `default`.
    Ordered {
        rules: Vec<Rule>,
        default: Risk,
        /// Where `default` was written; `None` when the pack left it out (high is assumed).
        default_pos: Option<Pos>,
    },
    /// No `risk` block and no practice declares `if_missing`: all practices → none, at least
    /// half → medium, else high.
    Thresholds,
    /// No `risk` block, and some practice declares `if_missing`: the worst level among the
    /// missing practices decides (high, else medium, else none; low adds nothing). A practice that
    /// declares nothing counts as [`UNDECLARED_IF_MISSING`]. "None of these" means every practice
    /// is missing.
    IfMissing,
}

/// How a practice without `if_missing` counts in a question whose other practices declare it.
pub(crate) const UNDECLARED_IF_MISSING: MissingRisk = MissingRisk::Medium;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub level: Risk,
    pub condition: Expr,
    pub(crate) compiled: Compiled,
    pub pos: Pos,
}

impl Rule {
    /// Whether the rule holds for a selection bit set (bit i = choice i).
    pub fn holds(&self, selected: u32) -> bool {
        self.compiled.holds(selected)
    }
}

/// The most choices a question may have; selections are bit sets of this width.
pub(crate) const MAX_CHOICES: usize = 20;

impl Question {
    /// The question's short label, or its id when it has none.
    pub(crate) fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.id)
    }

    /// Index of the "None of these" choice, if the question has one.
    pub fn none_choice(&self) -> Option<usize> {
        self.choices.iter().position(|c| c.none)
    }

    /// The practices: every choice but "None of these".
    pub fn practices(&self) -> impl Iterator<Item = (usize, &Choice)> {
        self.choices.iter().enumerate().filter(|(_, c)| !c.none)
    }

    pub fn choice_index(&self, id: &str) -> Option<usize> {
        self.choices.iter().position(|c| c.id == id)
    }

    /// The bit set of a selection given by choice ids; unknown ids are ignored.
    pub(crate) fn mask_of<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> u32 {
        ids.into_iter()
            .filter_map(|id| self.choice_index(id))
            .fold(0, |m, i| m | 1 << i)
    }

    /// The risk of a selection given by choice ids; `None` when nothing is selected.
    pub(crate) fn risk_of<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Option<Risk> {
        let mask = self.mask_of(ids);
        (mask != 0).then(|| self.risk(mask))
    }

    /// Which rule decides a selection: `Some(i)` for rule i, `None` for the default, the
    /// thresholds or the practices' `if_missing`.
    pub(crate) fn deciding_rule(&self, selected: u32) -> Option<usize> {
        match &self.risk {
            RiskRules::Ordered { rules, .. } => rules.iter().position(|r| r.holds(selected)),
            RiskRules::Thresholds | RiskRules::IfMissing => None,
        }
    }

    /// The practice missing from `selected` with the worst `if_missing` (the first of equals),
    /// and that level. A practice that declares nothing counts as `undeclared`, or is passed over
    /// when that is `None`. `None` when no practice counted is missing.
    pub(crate) fn worst_missing(
        &self,
        selected: u32,
        undeclared: Option<MissingRisk>,
    ) -> Option<(usize, MissingRisk)> {
        self.practices()
            .filter(|(i, _)| selected & (1 << i) == 0)
            .filter_map(|(i, c)| Some((i, c.if_missing.or(undeclared)?)))
            .fold(None, |worst, (i, level)| match worst {
                Some((_, w)) if w >= level => worst,
                _ => Some((i, level)),
            })
    }

    /// The risk of a selection bit set (bit i = choice i).
    pub fn risk(&self, selected: u32) -> Risk {
        match &self.risk {
            RiskRules::Ordered { rules, default, .. } => rules
                .iter()
                .find(|r| r.holds(selected))
                .map_or(*default, |r| r.level),
            RiskRules::Thresholds => {
                let (total, have) = self.practices().fold((0, 0), |(t, h), (i, _)| {
                    (t + 1, h + usize::from(selected & (1 << i) != 0))
                });
                if total > 0 && have == total {
                    Risk::None
                } else if 2 * have >= total && have > 0 {
                    Risk::Medium
                } else {
                    Risk::High
                }
            }
            RiskRules::IfMissing => self
                .worst_missing(selected, Some(UNDECLARED_IF_MISSING))
                .map_or(Risk::None, |(_, level)| level.risk()),
        }
    }

    /// How many selections a squad can give: see [`Question::selections`].
    pub(crate) fn selection_count(&self) -> u64 {
        (1u64 << self.practices().count()) - 1 + u64::from(self.none_choice().is_some())
    }

    /// What going through every selection costs, in steps: each selection evaluates the rules
    /// (their size in nodes) or looks at every choice. Lint and `explain` budget with it, so
    /// that long conditions count as well as many practices.
    pub(crate) fn truth_table_cost(&self) -> u64 {
        let rules: usize = match &self.risk {
            RiskRules::Ordered { rules, .. } => rules.iter().map(|r| r.compiled.size()).sum(),
            RiskRules::Thresholds | RiskRules::IfMissing => 0,
        };
        self.selection_count()
            .saturating_mul((rules + self.choices.len() + 1) as u64)
    }

    /// Every selection a squad can give: each non-empty set of practices, and "None of these" alone.
    pub fn selections(&self) -> impl Iterator<Item = u32> + '_ {
        let practice_bits: Vec<u32> = self.practices().map(|(i, _)| 1 << i).collect();
        let n = practice_bits.len();
        let subsets = (1u64..(1u64 << n)).map(move |k| {
            practice_bits
                .iter()
                .enumerate()
                .filter(|(j, _)| k & (1 << j) != 0)
                .fold(0u32, |m, (_, b)| m | b)
        });
        subsets.chain(self.none_choice().map(|i| 1u32 << i))
    }
}

impl Pack {
    pub fn questions(&self) -> impl Iterator<Item = (&Pillar, &Question)> {
        self.pillars
            .iter()
            .flat_map(|p| p.questions.iter().map(move |q| (p, q)))
    }

    pub fn question(&self, id: &str) -> Option<(&Pillar, &Question)> {
        self.questions().find(|(_, q)| q.id == id)
    }

    pub fn question_count(&self) -> usize {
        self.pillars.iter().map(|p| p.questions.len()).sum()
    }
}
