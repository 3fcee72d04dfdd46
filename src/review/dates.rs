//! Instants and days, through jiff: the review file's timestamps, the days a risk is accepted
//! until, a review is due by and a gate is run as of, and the one time zone that turns an instant
//! into a day.
//!
//! Every day is a UTC day. A squad in Auckland and a pipeline in Denver must agree on whether an
//! acceptance "until 2027-03-31" still holds, and a review file carries no time zone of its own:
//! so an instant belongs to the UTC date it falls on, and a day ends at 24:00 UTC. No calendar
//! arithmetic is written here by hand; jiff does it.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use serde::{Deserialize, Serialize};

/// A UTC instant with second precision, written as a TOML datetime (`2026-11-26T10:00:00Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Timestamp {
        Timestamp(jiff::Timestamp::now().as_second())
    }

    /// The same instant as jiff sees it; seconds outside jiff's range (years -9999 to 9999) are
    /// held at its ends.
    pub fn to_jiff(self) -> jiff::Timestamp {
        let min = jiff::Timestamp::MIN.as_second();
        let max = jiff::Timestamp::MAX.as_second();
        jiff::Timestamp::from_second(self.0.clamp(min, max)).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }

    pub fn from_jiff(t: jiff::Timestamp) -> Timestamp {
        Timestamp(t.as_second())
    }

    /// The UTC day this instant falls on.
    pub fn day(self) -> Day {
        Day(Offset::UTC.to_datetime(self.to_jiff()).date())
    }

    /// The date part, `YYYY-MM-DD` (UTC).
    pub fn date(self) -> String {
        self.day().to_string()
    }

    fn civil(self) -> DateTime {
        // TOML writes years 0 to 9999 only.
        let lo = DateTime::constant(0, 1, 1, 0, 0, 0, 0);
        let hi = DateTime::constant(9999, 12, 31, 23, 59, 59, 0);
        Offset::UTC.to_datetime(self.to_jiff()).clamp(lo, hi)
    }

    fn to_toml(self) -> toml::value::Datetime {
        let dt = self.civil();
        toml::value::Datetime {
            date: Some(toml_date(dt.date())),
            time: Some(toml::value::Time {
                hour: dt.hour() as u8,
                minute: dt.minute() as u8,
                second: Some(dt.second() as u8),
                nanosecond: None,
            }),
            offset: Some(toml::value::Offset::Z),
        }
    }

    fn from_toml(dt: &toml::value::Datetime) -> Option<Timestamp> {
        let date = civil_date(dt.date?)?;
        let time = match dt.time {
            // A leap second (`:60`) is the last second of its minute, not the next minute's
            // first: 23:59:60 on 31 December stays in its year.
            Some(t) => Time::new(
                t.hour as i8,
                t.minute as i8,
                t.second.unwrap_or(0).min(59) as i8,
                0,
            )
            .ok()?,
            None => Time::midnight(),
        };
        let offset = match dt.offset {
            Some(toml::value::Offset::Custom { minutes }) => {
                Offset::from_seconds(i32::from(minutes) * 60).ok()?
            }
            _ => Offset::UTC,
        };
        let instant = offset.to_timestamp(date.to_datetime(time)).ok()?;
        Some(Timestamp::from_jiff(instant))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dt = self.civil();
        write!(f, "{}T{}Z", dt.date(), dt.time().strftime("%H:%M:%S"))
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

/// A calendar day (UTC), written `2027-03-31`: in the review file a TOML local date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub Date);

impl Day {
    /// Today in UTC.
    pub fn today() -> Day {
        Timestamp::now().day()
    }

    /// Builds a day; `None` when there is no such date.
    pub fn new(year: i16, month: i8, day: i8) -> Option<Day> {
        Date::new(year, month, day).ok().map(Day)
    }

    /// This day plus `days` (fewer with a negative number); held at jiff's last or first day.
    pub fn plus(self, days: i64) -> Day {
        Day(self
            .0
            .saturating_add(jiff::Span::new().days(days.clamp(-7_304_484, 7_304_484))))
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Day) -> i64 {
        self.0
            .until(later.0)
            .map_or(0, |span| i64::from(span.get_days()))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A day that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31")]
pub struct BadDay {
    pub text: String,
}

impl FromStr for Day {
    type Err = BadDay;

    /// `2027-03-31`, nothing more: a day has no time and no zone.
    fn from_str(s: &str) -> Result<Day, BadDay> {
        let text = s.trim();
        let bad = || BadDay {
            text: crate::text::clean_line(s).into_owned(),
        };
        if text.len() != 10 {
            return Err(bad());
        }
        text.parse::<Date>().map(Day).map_err(|_| bad())
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        toml::value::Datetime {
            date: Some(toml_date(self.0)),
            time: None,
            offset: None,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
        match (dt.date, dt.time, dt.offset) {
            (Some(date), None, None) => civil_date(date).map(Day),
            _ => None,
        }
        .ok_or_else(|| serde::de::Error::custom("expected a date such as 2027-03-31"))
    }
}

fn toml_date(d: Date) -> toml::value::Date {
    toml::value::Date {
        year: d.year().clamp(0, 9999) as u16,
        month: d.month() as u8,
        day: d.day() as u8,
    }
}

fn civil_date(d: toml::value::Date) -> Option<Date> {
    Date::new(i16::try_from(d.year).ok()?, d.month as i8, d.day as i8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        s.parse().unwrap()
    }

    #[test]
    fn timestamps_print_and_read_back_in_utc() {
        for t in [0, 951_782_400, 1_795_687_200, 4_102_444_799] {
            let ts = Timestamp(t);
            let back = Timestamp::from_toml(&ts.to_toml()).unwrap();
            assert_eq!(back, ts);
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

    #[test]
    fn an_instant_belongs_to_the_utc_day_it_falls_on_whatever_zone_wrote_it() {
        // 09:30 on 1 April in Auckland (+13:00) is still 31 March in UTC.
        let auckland: toml::value::Datetime = "2027-04-01T09:30:00+13:00".parse().unwrap();
        assert_eq!(
            Timestamp::from_toml(&auckland).unwrap().day(),
            day("2027-03-31")
        );
        // 18:00 on 31 March in Denver (-06:00) is already 1 April in UTC.
        let denver: toml::value::Datetime = "2027-03-31T18:00:00-06:00".parse().unwrap();
        assert_eq!(
            Timestamp::from_toml(&denver).unwrap().day(),
            day("2027-04-01")
        );
        // The last second of a day and the first of the next.
        let last: toml::value::Datetime = "2027-03-31T23:59:59Z".parse().unwrap();
        let first: toml::value::Datetime = "2027-04-01T00:00:00Z".parse().unwrap();
        assert_eq!(
            Timestamp::from_toml(&last).unwrap().day(),
            day("2027-03-31")
        );
        assert_eq!(
            Timestamp::from_toml(&first).unwrap().day(),
            day("2027-04-01")
        );
    }

    #[test]
    fn a_leap_second_stays_in_its_minute() {
        let dt: toml::value::Datetime = "2016-12-31T23:59:60Z".parse().unwrap();
        assert_eq!(
            Timestamp::from_toml(&dt).unwrap().to_string(),
            "2016-12-31T23:59:59Z"
        );
    }

    #[test]
    fn instants_past_what_toml_writes_are_held_at_its_ends() {
        // jiff's last instant (late on 30 December 9999, so that any offset still has a date).
        assert_eq!(Timestamp(i64::MAX).to_string(), "9999-12-30T22:00:00Z");
        // TOML's first year is 0.
        assert_eq!(Timestamp(i64::MIN).to_string(), "0000-01-01T00:00:00Z");
        let back = Timestamp::from_toml(&Timestamp(i64::MAX).to_toml()).unwrap();
        assert_eq!(back.to_string(), "9999-12-30T22:00:00Z");
    }

    #[test]
    fn days_are_plain_dates_and_nothing_else() {
        assert_eq!(day("2027-03-31").to_string(), "2027-03-31");
        assert_eq!(day(" 2028-02-29 ").to_string(), "2028-02-29");
        for bad in [
            "2027-02-29",
            "2027-3-31",
            "31/03/2027",
            "2027-03-31T00:00:00Z",
            "",
            "soon",
        ] {
            let err = bad.parse::<Day>().unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("`{bad}` is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31")
            );
        }
    }

    #[test]
    fn day_arithmetic_goes_through_the_calendar() {
        assert_eq!(day("2027-01-31").plus(90), day("2027-05-01"));
        assert_eq!(day("2028-02-28").plus(1), day("2028-02-29"));
        assert_eq!(day("2027-02-28").plus(1), day("2027-03-01"));
        assert_eq!(day("2027-03-01").plus(-1), day("2027-02-28"));
        assert_eq!(day("2026-12-01").days_until(day("2027-03-31")), 120);
        assert_eq!(day("2027-03-31").days_until(day("2027-03-30")), -1);
        assert_eq!(day("9999-12-30").plus(i64::MAX), day("9999-12-31"));
    }

    #[test]
    fn days_are_toml_local_dates() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct T {
            until: Day,
        }
        let text = toml::to_string(&T {
            until: day("2027-03-31"),
        })
        .unwrap();
        assert_eq!(text, "until = 2027-03-31\n");
        assert_eq!(toml::from_str::<T>(&text).unwrap().until, day("2027-03-31"));
        let err = toml::from_str::<T>("until = 2027-03-31T10:00:00Z\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("expected a date such as 2027-03-31"),
            "{err}"
        );
    }
}
