//! Wall-clock times in a named time zone, resolved to UTC instants without surprises across DST.
//!
//! Schedules in the plan are wall-clock times in Europe/Paris ("02h00 nettoyage logs"). Twice a year a local
//! time is ambiguous or does not exist. The SDK resolves them as RFC 5545 (iCalendar) does:
//!
//! - **In a gap** (spring forward: 02:00–02:59 does not exist in Paris on the last Sunday of March) the local
//!   time is read with the offset in force *before* the gap, which moves it forward by the gap's length:
//!   02:00 becomes 03:00 CEST (01:00 UTC), 02:30 becomes 03:30 CEST. A job set at 02:00 still runs once
//!   that day, as early as the day allows.
//! - **In a fold** (fall back: 02:00–02:59 happens twice on the last Sunday of October) the *first*
//!   occurrence is taken (CEST, the earlier instant). A daily job runs once, not twice.
//!
//! Time zones are IANA names (`"Europe/Paris"`) from the tz database, as [`crate::tz::Tz`].

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::ConfigProblem;
use crate::tz::Tz;
use crate::user::IanaTimeZone;

/// The zone the plan's schedules are written in.
pub const PLAN_TIME_ZONE: Tz = Tz::EUROPE_PARIS;

/// The UTC instant of local wall-clock time `local` in `tz`, gaps and folds resolved as the module says.
///
/// Returns `None` only when the instant is outside chrono's range.
///
/// ```
/// use cesizen_core::alerting::{resolve_local, PLAN_TIME_ZONE};
/// let spring_forward = "2025-03-30T02:00:00".parse().unwrap();
/// assert_eq!(resolve_local(PLAN_TIME_ZONE, spring_forward).unwrap().to_rfc3339(), "2025-03-30T01:00:00+00:00");
/// let fall_back = "2025-10-26T02:00:00".parse().unwrap();
/// assert_eq!(resolve_local(PLAN_TIME_ZONE, fall_back).unwrap().to_rfc3339(), "2025-10-26T00:00:00+00:00");
/// ```
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
        chrono::LocalResult::None => {
            // The offset in force a day earlier is the one before the gap: no zone changes offset twice a day.
            let before_gap = local.checked_sub_signed(TimeDelta::days(1))?;
            let offset = tz.offset_from_utc_datetime(&before_gap).fix();
            let utc = local.checked_sub_signed(TimeDelta::seconds(i64::from(offset.local_minus_utc())))?;
            Some(Utc.from_utc_datetime(&utc))
        }
    }
}

/// The UTC instant of `time` on local `date` in `tz`; see [`resolve_local`].
pub fn resolve_local_date(tz: Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    resolve_local(tz, date.and_time(time))
}

/// The first instant strictly after `after` at which local wall-clock `time` falls on a local date accepted
/// by `matches`, looking at most `max_days` local dates ahead. Gaps and folds resolve as [`resolve_local`].
pub(crate) fn next_local_occurrence(
    tz: Tz,
    after: DateTime<Utc>,
    time: NaiveTime,
    max_days: u32,
    matches: impl Fn(NaiveDate) -> bool,
) -> Option<DateTime<Utc>> {
    // Start one local day early: a gap can move an occurrence of the previous local date past `after`.
    let first = after.with_timezone(&tz).date_naive().pred_opt()?;
    first
        .iter_days()
        .take(max_days as usize + 2)
        .filter(|d| matches(*d))
        .filter_map(|d| resolve_local_date(tz, d, time))
        .find(|t| *t > after)
}

/// Parses the IANA time zone name of a rule file: [`IanaTimeZone::parse`], the SDK's one zone parser, with its
/// refusal in the vocabulary of rule files ([`ConfigProblem`], which a [`ConfigError`](super::ConfigError)
/// places at the field). Outside rule files, use [`IanaTimeZone::parse`] itself
/// (`validation.time_zone.unknown`).
///
/// ```
/// use cesizen_core::alerting::{parse_time_zone, ConfigProblem};
/// use cesizen_core::user::IanaTimeZone;
///
/// assert_eq!(parse_time_zone("Europe/Paris"), Ok(IanaTimeZone::EUROPE_PARIS.tz()));
/// assert_eq!(parse_time_zone("Europe/Atlantis").unwrap_err().code(), "config.time_zone.unknown");
/// ```
///
/// # Errors
/// [`ConfigProblem::UnknownTimeZone`] (`config.time_zone.unknown`) exactly where [`IanaTimeZone::parse`]
/// refuses the name.
pub fn parse_time_zone(name: &str) -> Result<Tz, ConfigProblem> {
    IanaTimeZone::parse(name)
        .map(|zone| zone.tz())
        .map_err(|_| ConfigProblem::UnknownTimeZone)
}

/// A day of the week, serialized in lowercase English (`"monday"`).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum DayOfWeek {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl DayOfWeek {
    /// Monday to Sunday.
    pub const ALL: [DayOfWeek; 7] = [
        DayOfWeek::Monday,
        DayOfWeek::Tuesday,
        DayOfWeek::Wednesday,
        DayOfWeek::Thursday,
        DayOfWeek::Friday,
        DayOfWeek::Saturday,
        DayOfWeek::Sunday,
    ];

    /// The chrono weekday.
    pub fn to_chrono(self) -> chrono::Weekday {
        match self {
            DayOfWeek::Monday => chrono::Weekday::Mon,
            DayOfWeek::Tuesday => chrono::Weekday::Tue,
            DayOfWeek::Wednesday => chrono::Weekday::Wed,
            DayOfWeek::Thursday => chrono::Weekday::Thu,
            DayOfWeek::Friday => chrono::Weekday::Fri,
            DayOfWeek::Saturday => chrono::Weekday::Sat,
            DayOfWeek::Sunday => chrono::Weekday::Sun,
        }
    }

    /// The day of a chrono weekday.
    pub fn from_chrono(day: chrono::Weekday) -> Self {
        DayOfWeek::ALL[day.num_days_from_monday() as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn local(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn ordinary_times_use_the_offset_of_the_season() {
        assert_eq!(
            resolve_local(PLAN_TIME_ZONE, local("2025-01-15T09:00:00")),
            Some(utc("2025-01-15T08:00:00Z"))
        );
        assert_eq!(
            resolve_local(PLAN_TIME_ZONE, local("2025-07-15T09:00:00")),
            Some(utc("2025-07-15T07:00:00Z"))
        );
    }

    #[test]
    fn gap_moves_forward_by_the_gap_length() {
        assert_eq!(
            resolve_local(PLAN_TIME_ZONE, local("2025-03-30T02:00:00")),
            Some(utc("2025-03-30T01:00:00Z"))
        );
        assert_eq!(
            resolve_local(PLAN_TIME_ZONE, local("2025-03-30T02:30:00")),
            Some(utc("2025-03-30T01:30:00Z"))
        );
        assert_eq!(
            resolve_local(PLAN_TIME_ZONE, local("2025-03-30T03:00:00")),
            Some(utc("2025-03-30T01:00:00Z"))
        );
        // New York springs forward at 02:00 local too, with a different offset.
        let ny: Tz = "America/New_York".parse().unwrap();
        assert_eq!(
            resolve_local(ny, local("2025-03-09T02:30:00")),
            Some(utc("2025-03-09T07:30:00Z"))
        );
    }

    #[test]
    fn fold_takes_the_first_occurrence() {
        assert_eq!(
            resolve_local(PLAN_TIME_ZONE, local("2025-10-26T02:30:00")),
            Some(utc("2025-10-26T00:30:00Z"))
        );
        assert_eq!(
            resolve_local(PLAN_TIME_ZONE, local("2025-10-26T03:00:00")),
            Some(utc("2025-10-26T02:00:00Z"))
        );
    }

    #[test]
    fn zone_names_and_days() {
        assert_eq!(parse_time_zone("Europe/Paris"), Ok(PLAN_TIME_ZONE));
        assert_eq!(parse_time_zone("Europe/Pariss"), Err(ConfigProblem::UnknownTimeZone));
        for d in DayOfWeek::ALL {
            assert_eq!(DayOfWeek::from_chrono(d.to_chrono()), d);
        }
        assert_eq!(serde_json::to_string(&DayOfWeek::Monday).unwrap(), "\"monday\"");
    }

    proptest! {
        /// Rule files and user profiles accept exactly the same names: one parser, two error vocabularies.
        #[test]
        fn rule_files_accept_the_names_user_profiles_accept(
            name in prop_oneof![
                "\\PC{0,40}",
                proptest::sample::select(Tz::all().map(|tz| tz.name()).collect::<Vec<_>>()).prop_map(str::to_owned),
            ]
        ) {
            match IanaTimeZone::parse(&name) {
                Ok(zone) => prop_assert_eq!(parse_time_zone(&name), Ok(zone.tz())),
                Err(_) => prop_assert_eq!(parse_time_zone(&name), Err(ConfigProblem::UnknownTimeZone)),
            }
        }
    }
}
