//! A review: who reviewed what, against which packs, and every answer given.

use std::collections::BTreeMap;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::pack::{Pack, Question, Risk};

/// The review file format this scorps writes.
pub const FORMAT: u32 = 1;

/// A UTC instant with second precision, written as a TOML datetime (`2026-11-26T10:00:00Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Timestamp {
        Timestamp(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
        )
    }

    /// Year, month, day, hour, minute, second (proleptic Gregorian, UTC).
    fn parts(self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400) as u32;
        // Days to civil date (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y, m, d, secs / 3600, secs / 60 % 60, secs % 60)
    }

    fn from_parts(y: i64, m: u32, d: u32, hh: u32, mm: u32, ss: u32) -> Timestamp {
        let y = y - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        Timestamp(days * 86_400 + i64::from(hh) * 3600 + i64::from(mm) * 60 + i64::from(ss))
    }

    /// The date part, `YYYY-MM-DD`.
    pub fn date(self) -> String {
        let (y, m, d, ..) = self.parts();
        format!("{y:04}-{m:02}-{d:02}")
    }

    fn to_toml(self) -> toml::value::Datetime {
        let (y, m, d, hh, mm, ss) = self.parts();
        toml::value::Datetime {
            date: Some(toml::value::Date {
                year: y.clamp(0, 9999) as u16,
                month: m as u8,
                day: d as u8,
            }),
            time: Some(toml::value::Time {
                hour: hh as u8,
                minute: mm as u8,
                second: Some(ss as u8),
                nanosecond: None,
            }),
            offset: Some(toml::value::Offset::Z),
        }
    }

    fn from_toml(dt: &toml::value::Datetime) -> Option<Timestamp> {
        let date = dt.date?;
        let time = dt.time.unwrap_or(toml::value::Time {
            hour: 0,
            minute: 0,
            second: Some(0),
            nanosecond: None,
        });
        let offset_minutes = match dt.offset {
            Some(toml::value::Offset::Custom { minutes }) => i64::from(minutes),
            _ => 0,
        };
        let local = Timestamp::from_parts(
            i64::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
            u32::from(time.hour),
            u32::from(time.minute),
            // A leap second (`:60`) is the last second of its minute, not the next minute's
            // first: 23:59:60 on 31 December stays in its year.
            u32::from(time.second.unwrap_or(0).min(59)),
        );
        Some(Timestamp(local.0 - offset_minutes * 60))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d, hh, mm, ss) = self.parts();
        write!(f, "{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_toml().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
        Timestamp::from_toml(&dt).ok_or_else(|| {
            serde::de::Error::custom("expected a date and time such as 2026-11-26T10:00:00Z")
        })
    }
}

/// Which pack (and which content of it) a review was answered against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackRef {
    pub id: String,
    pub version: String,
    pub digest: String,
}

impl PackRef {
    pub fn of(pack: &Pack) -> PackRef {
        PackRef {
            id: pack.id.clone(),
            version: pack.version.clone(),
            digest: pack.digest.clone(),
        }
    }
}

/// Where a question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Not answered yet (kept when it has notes, evidence or a flag).
    #[default]
    Unanswered,
    Answered,
    NotApplicable,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Unanswered => "unanswered",
            State::Answered => "answered",
            State::NotApplicable => "not-applicable",
        }
    }
}

/// Why a practice does not apply to a workload (the reasons the AWS Well-Architected Tool uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NaReason {
    OutOfScope,
    BusinessPriorities,
    ArchitectureConstraints,
    Other,
}

impl NaReason {
    pub const ALL: [NaReason; 4] = [
        NaReason::OutOfScope,
        NaReason::BusinessPriorities,
        NaReason::ArchitectureConstraints,
        NaReason::Other,
    ];

    /// How people read it.
    pub fn label(self) -> &'static str {
        match self {
            NaReason::OutOfScope => "out of scope",
            NaReason::BusinessPriorities => "business priorities",
            NaReason::ArchitectureConstraints => "architecture constraints",
            NaReason::Other => "other",
        }
    }

    /// How the file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            NaReason::OutOfScope => "out-of-scope",
            NaReason::BusinessPriorities => "business-priorities",
            NaReason::ArchitectureConstraints => "architecture-constraints",
            NaReason::Other => "other",
        }
    }
}

/// A practice that does not apply to the workload: it counts as in place for the risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeNa {
    pub reason: NaReason,
    /// The squad's own words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The squad's answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Answer {
    pub state: State,
    /// Choice ids, in the pack's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub selected: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Why the question does not apply (required when not-applicable).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub flagged: bool,
    /// Why it was flagged: the parking lot's entry.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub flag_reason: String,
    /// Seconds the squad has spent on this question, over every session.
    #[serde(skip_serializing_if = "is_zero")]
    pub seconds: u64,
    pub updated: Timestamp,
    /// Practices that do not apply, by choice id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub not_applicable: BTreeMap<String, PracticeNa>,
}

impl Answer {
    /// Whether nothing is recorded, so the entry can be dropped.
    pub fn is_blank(&self) -> bool {
        self.state == State::Unanswered
            && self.notes.is_empty()
            && self.evidence.is_empty()
            && !self.flagged
            && self.reason.is_empty()
            && self.not_applicable.is_empty()
            && self.seconds == 0
    }

    /// The choice ids that count as in place for the risk: the ticked ones and the practices
    /// that do not apply. "None of these" counts only when nothing else does.
    pub fn in_place<'a>(&'a self, q: &'a Question) -> Vec<&'a str> {
        let mut ids: Vec<&str> = self
            .selected
            .iter()
            .chain(self.not_applicable.keys())
            .map(String::as_str)
            .collect();
        let is_none = |id: &str| q.choice_index(id).is_some_and(|i| q.choices[i].none);
        if ids.iter().any(|id| !is_none(id)) {
            ids.retain(|id| !is_none(id));
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// A review file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub format: u32,
    pub workload: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub team: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub facilitator: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// The question the session was on (`<pack>/<question>`), to resume there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Seconds spent in review sessions, over every sitting.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub seconds: u64,
    /// Minutes the facilitator allows per pillar (a timebox the header counts down).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pillar_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<PackRef>,
    /// Target scores by pillar id (0–100), set by hand; they win over the config's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, f64>,
    /// Keyed by `<pack id>/<question id>`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Answer>,
    /// `[[packs]]` entries dropped on load because an earlier one had the same id (see
    /// `review::check`); never written.
    #[serde(skip)]
    pub dropped_packs: Vec<PackRef>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference.
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The key of a question's answer.
pub fn key(pack: &str, question: &str) -> String {
    format!("{pack}/{question}")
}

impl Review {
    pub fn new(
        workload: &str,
        team: &str,
        facilitator: &str,
        participants: Vec<String>,
        packs: &[&Pack],
    ) -> Review {
        let now = Timestamp::now();
        Review {
            format: FORMAT,
            workload: workload.to_string(),
            team: team.to_string(),
            facilitator: facilitator.to_string(),
            participants,
            created: now,
            updated: now,
            position: None,
            seconds: 0,
            pillar_minutes: None,
            packs: packs.iter().map(|p| PackRef::of(p)).collect(),
            targets: BTreeMap::new(),
            answers: BTreeMap::new(),
            dropped_packs: Vec::new(),
        }
    }

    pub fn answer(&self, pack: &str, question: &str) -> Option<&Answer> {
        self.answers.get(&key(pack, question))
    }

    /// The risk of a question as answered: `None` unless answered with a selection.
    pub fn risk(&self, pack: &str, q: &Question) -> Option<Risk> {
        let a = self.answer(pack, &q.id)?;
        if a.state != State::Answered {
            return None;
        }
        q.risk_of(a.in_place(q))
    }

    pub fn state(&self, pack: &str, question: &str) -> State {
        self.answer(pack, question)
            .map_or(State::Unanswered, |a| a.state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_through_civil_dates() {
        for t in [0, 951_782_400, 1_795_687_200, 4_102_444_799] {
            let ts = Timestamp(t);
            let (y, m, d, hh, mm, ss) = ts.parts();
            assert_eq!(Timestamp::from_parts(y, m, d, hh, mm, ss), ts);
        }
        assert_eq!(Timestamp(1_795_687_200).to_string(), "2026-11-26T10:00:00Z");
        assert_eq!(Timestamp(951_782_400).date(), "2000-02-29");
    }

    #[test]
    fn offsets_are_converted_to_utc() {
        let dt: toml::value::Datetime = "2026-11-26T11:00:00+01:00".parse().unwrap();
        assert_eq!(
            Timestamp::from_toml(&dt).unwrap().to_string(),
            "2026-11-26T10:00:00Z"
        );
    }
}
