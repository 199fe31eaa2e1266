//! When the daily and weekly e-mail digests go out (P3 and P4 alerts), in a named time zone.
//!
//! The plan sends P3 alerts in a daily e-mail digest and P4 alerts in a weekly one, without saying when. The
//! SDK's default is the start of the working day in Paris: every day at 09:00, and Mondays at 09:00 for the
//! weekly digest. Times are wall-clock times in the zone, resolved across DST as
//! [`resolve_local`](super::resolve_local) says, so the digest stays at 09:00 local all year.

use crate::tz::Tz;
use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::local_time::next_local_occurrence;
use super::{AlertingError, ConfigError, DayOfWeek, PLAN_TIME_ZONE, parse_time_zone};

/// How often a digest goes out.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DigestCadence {
    /// Every day.
    Daily,
    /// Once a week.
    Weekly,
}

/// The JSON form of a [`DigestSchedule`].
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DigestScheduleSpec {
    /// IANA time zone name, e.g. `"Europe/Paris"`.
    pub time_zone: String,
    /// Local time of the daily digest, `"HH:MM"` or `"HH:MM:SS"`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub daily_at: NaiveTime,
    /// Day of the weekly digest.
    pub weekly_on: DayOfWeek,
    /// Local time of the weekly digest.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub weekly_at: NaiveTime,
}

/// When digests go out.
///
/// ```
/// use cesizen_core::alerting::{DigestCadence, DigestSchedule};
/// let s = DigestSchedule::plan();
/// // Raised on a Saturday evening in winter: the weekly digest is Monday 09:00 Paris = 08:00 UTC.
/// let next = s.next(DigestCadence::Weekly, "2025-01-04T20:00:00Z".parse().unwrap()).unwrap();
/// assert_eq!(next.to_rfc3339(), "2025-01-06T08:00:00+00:00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DigestScheduleSpec", into = "DigestScheduleSpec")]
pub struct DigestSchedule {
    time_zone: Tz,
    daily_at: NaiveTime,
    weekly_on: DayOfWeek,
    weekly_at: NaiveTime,
}

impl DigestSchedule {
    /// Daily at 09:00 and Mondays at 09:00, Europe/Paris.
    pub fn plan() -> Self {
        let nine = NaiveTime::from_hms_opt(9, 0, 0).expect("09:00 is a time");
        DigestSchedule {
            time_zone: PLAN_TIME_ZONE,
            daily_at: nine,
            weekly_on: DayOfWeek::Monday,
            weekly_at: nine,
        }
    }

    /// The first digest of `cadence` strictly after `after`.
    ///
    /// # Errors
    /// [`AlertingError::DateOutOfRange`] near the end of representable time.
    pub fn next(&self, cadence: DigestCadence, after: DateTime<Utc>) -> Result<DateTime<Utc>, AlertingError> {
        let next = match cadence {
            DigestCadence::Daily => next_local_occurrence(self.time_zone, after, self.daily_at, 2, |_| true),
            DigestCadence::Weekly => {
                let day = self.weekly_on.to_chrono();
                next_local_occurrence(self.time_zone, after, self.weekly_at, 8, |d| {
                    chrono::Datelike::weekday(&d) == day
                })
            }
        };
        next.ok_or(AlertingError::DateOutOfRange)
    }

    /// The zone the times are written in.
    pub fn time_zone(&self) -> Tz {
        self.time_zone
    }
}

impl TryFrom<DigestScheduleSpec> for DigestSchedule {
    type Error = ConfigError;

    fn try_from(s: DigestScheduleSpec) -> Result<Self, Self::Error> {
        let time_zone = parse_time_zone(&s.time_zone).map_err(|p| ConfigError::new("timeZone", p))?;
        Ok(DigestSchedule {
            time_zone,
            daily_at: s.daily_at,
            weekly_on: s.weekly_on,
            weekly_at: s.weekly_at,
        })
    }
}

impl From<DigestSchedule> for DigestScheduleSpec {
    fn from(s: DigestSchedule) -> Self {
        DigestScheduleSpec {
            time_zone: s.time_zone.name().to_owned(),
            daily_at: s.daily_at,
            weekly_on: s.weekly_on,
            weekly_at: s.weekly_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn daily_digest_follows_paris_wall_clock_across_dst() {
        let s = DigestSchedule::plan();
        assert_eq!(
            s.next(DigestCadence::Daily, utc("2025-03-29T08:00:00Z")).unwrap(),
            utc("2025-03-30T07:00:00Z")
        );
        assert_eq!(
            s.next(DigestCadence::Daily, utc("2025-03-30T07:00:00Z")).unwrap(),
            utc("2025-03-31T07:00:00Z")
        );
        assert_eq!(
            s.next(DigestCadence::Daily, utc("2025-10-25T07:00:00Z")).unwrap(),
            utc("2025-10-26T08:00:00Z")
        );
    }

    #[test]
    fn weekly_digest_is_strictly_after_and_on_monday() {
        let s = DigestSchedule::plan();
        // Raised exactly at Monday 09:00: the digest of that instant has gone; next Monday.
        assert_eq!(
            s.next(DigestCadence::Weekly, utc("2025-01-06T08:00:00Z")).unwrap(),
            utc("2025-01-13T08:00:00Z")
        );
        assert_eq!(
            s.next(DigestCadence::Weekly, utc("2025-01-06T07:59:59Z")).unwrap(),
            utc("2025-01-06T08:00:00Z")
        );
    }

    #[test]
    fn spec_round_trip_and_unknown_zone() {
        let json = serde_json::to_value(DigestSchedule::plan()).unwrap();
        assert_eq!(json["timeZone"], "Europe/Paris");
        assert_eq!(json["dailyAt"], "09:00:00");
        assert_eq!(
            serde_json::from_value::<DigestSchedule>(json).unwrap(),
            DigestSchedule::plan()
        );
        let mut spec: DigestScheduleSpec = DigestSchedule::plan().into();
        spec.time_zone = "Mars/Olympus".into();
        let e = DigestSchedule::try_from(spec).unwrap_err();
        assert_eq!((e.field(), e.code()), ("timeZone", "config.time_zone.unknown"));
    }

    proptest! {
        #[test]
        fn next_digest_is_within_a_week_and_strictly_later(secs in 0i64..4_000_000_000) {
            let after = DateTime::from_timestamp(secs, 0).unwrap();
            let s = DigestSchedule::plan();
            let daily = s.next(DigestCadence::Daily, after).unwrap();
            let weekly = s.next(DigestCadence::Weekly, after).unwrap();
            prop_assert!(daily > after && daily - after <= chrono::TimeDelta::hours(25));
            prop_assert!(weekly > after && weekly - after <= chrono::TimeDelta::hours(7 * 24 + 1));
            prop_assert!(weekly >= daily);
        }
    }
}
