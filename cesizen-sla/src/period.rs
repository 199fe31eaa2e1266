//! Measurement periods: calendar months in a named time zone, rolling windows, arbitrary ranges.
//!
//! A calendar month runs from local midnight on the 1st to local midnight on the 1st of the next month, in
//! the service's time zone. Its length is therefore not always 30 × 24 h: in Europe/Paris March has 743 hours
//! (the spring-forward night has 23) and October 745; February has 672 or, in leap years, 696. A rolling
//! window of N days is exactly N × 24 h ending at the given instant; the plan's per-month downtime figures use
//! a 30-day rolling window.

use cesizen_core::CalendarMonth;
use cesizen_core::tz::{Tz, start_of_local_day};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::interval::to_ms;
use crate::{Interval, SlaError};

const DAY_MS: i64 = 86_400_000;

/// A non-empty half-open period `[start, end)`.
///
/// ```
/// use cesizen_sla::Period;
/// let march = cesizen_core::CalendarMonth::new(2025, 3).unwrap();
/// let march = Period::calendar_month(march, cesizen_core::tz::Tz::EUROPE_PARIS).unwrap();
/// assert_eq!(march.len_ms(), 743 * 3_600_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "Interval", into = "Interval")]
pub struct Period(Interval);

impl Period {
    /// The period from `start` to `end`.
    ///
    /// # Errors
    /// [`SlaError::EmptyPeriod`] unless `start < end`.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, SlaError> {
        Period::try_from(Interval::new(start, end).map_err(|_| SlaError::EmptyPeriod)?)
    }

    /// Calendar month `month` in `time_zone`.
    ///
    /// # Errors
    /// [`SlaError::DateOutOfRange`] for the last representable month.
    pub fn calendar_month(month: CalendarMonth, time_zone: Tz) -> Result<Self, SlaError> {
        let next = month.next().ok_or(SlaError::DateOutOfRange)?;
        let midnight = |d: NaiveDate| start_of_local_day(time_zone, d).ok_or(SlaError::DateOutOfRange);
        Period::new(midnight(month.first_day())?, midnight(next.first_day())?)
    }

    /// The `days` × 24 h ending at `end`.
    ///
    /// # Errors
    /// [`SlaError::InvalidPeriod`] for 0 days; [`SlaError::DateOutOfRange`].
    pub fn rolling_days(end: DateTime<Utc>, days: u32) -> Result<Self, SlaError> {
        if days == 0 {
            return Err(SlaError::InvalidPeriod);
        }
        let end_ms = to_ms(end);
        let start_ms = end_ms
            .checked_sub(i64::from(days) * DAY_MS)
            .ok_or(SlaError::DateOutOfRange)?;
        Period::try_from(Interval::from_millis(start_ms, end_ms)?)
    }

    /// The calendar month of `instant` in `time_zone`.
    ///
    /// # Errors
    /// As [`Period::calendar_month`].
    pub fn month_containing(instant: DateTime<Utc>, time_zone: Tz) -> Result<Self, SlaError> {
        let local = instant.with_timezone(&time_zone);
        let month = Period::calendar_month(CalendarMonth::containing(local.date_naive()), time_zone)?;
        // Around a midnight moved by a gap, the local date and the period can disagree by a day: step once.
        if instant < month.start() {
            return Period::month_containing(month.start() - chrono::TimeDelta::milliseconds(1), time_zone);
        }
        Ok(month)
    }

    /// Start.
    pub fn start(&self) -> DateTime<Utc> {
        self.0.start()
    }

    /// End (excluded).
    pub fn end(&self) -> DateTime<Utc> {
        self.0.end()
    }

    /// Start, Unix-epoch ms.
    pub fn start_ms(&self) -> i64 {
        self.0.start_ms()
    }

    /// End, Unix-epoch ms.
    pub fn end_ms(&self) -> i64 {
        self.0.end_ms()
    }

    /// Length in milliseconds (positive).
    pub fn len_ms(&self) -> u64 {
        self.0.len_ms()
    }

    /// The period as an interval.
    pub fn interval(&self) -> Interval {
        self.0
    }

    /// Whether `instant` lies in the period.
    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        let t = to_ms(instant);
        self.start_ms() <= t && t < self.end_ms()
    }

    /// The period `[start, end)` from millisecond bounds.
    pub(crate) fn from_millis(start: i64, end: i64) -> Result<Self, SlaError> {
        Period::try_from(Interval::from_millis(start, end)?)
    }
}

impl TryFrom<Interval> for Period {
    type Error = SlaError;

    fn try_from(i: Interval) -> Result<Self, Self::Error> {
        if i.is_empty() {
            Err(SlaError::EmptyPeriod)
        } else {
            Ok(Period(i))
        }
    }
}

impl From<Period> for Interval {
    fn from(p: Period) -> Interval {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const PARIS: Tz = Tz::EUROPE_PARIS;

    const HOUR: u64 = 3_600_000;

    #[test]
    fn paris_month_lengths_across_dst_and_leap_years() {
        let hours = |y, m| {
            Period::calendar_month(CalendarMonth::new(y, m).unwrap(), PARIS)
                .unwrap()
                .len_ms()
                / HOUR
        };
        assert_eq!(hours(2025, 3), 743);
        assert_eq!(hours(2025, 10), 745);
        assert_eq!(hours(2025, 1), 744);
        assert_eq!(hours(2025, 4), 720);
        assert_eq!(hours(2024, 2), 696);
        assert_eq!(hours(2025, 2), 672);
        assert_eq!(hours(2100, 2), 672);
        assert_eq!(hours(2000, 2), 696);
        assert_eq!(hours(2025, 12), 744);
    }

    #[test]
    fn months_tile_the_year_without_gap_or_overlap() {
        let months: Vec<Period> = (1..=12)
            .map(|m| Period::calendar_month(CalendarMonth::new(2025, m).unwrap(), PARIS).unwrap())
            .collect();
        assert!(months.windows(2).all(|w| w[0].end() == w[1].start()));
        assert_eq!(
            months[0].start(),
            "2024-12-31T23:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(months.iter().map(Period::len_ms).sum::<u64>(), 365 * 24 * HOUR);
        let december = Period::calendar_month(CalendarMonth::new(2025, 12).unwrap(), PARIS).unwrap();
        assert_eq!(
            december.end(),
            Period::calendar_month(CalendarMonth::new(2026, 1).unwrap(), PARIS)
                .unwrap()
                .start()
        );
    }

    #[test]
    fn rolling_windows_and_errors() {
        let end: DateTime<Utc> = "2025-03-31T00:00:00Z".parse().unwrap();
        assert_eq!(Period::rolling_days(end, 30).unwrap().len_ms(), 720 * HOUR);
        assert_eq!(Period::rolling_days(end, 0).unwrap_err().code(), "sla.period.invalid");
        let thirteenth = CalendarMonth::new(2025, 13).unwrap_err();
        assert_eq!(SlaError::from(thirteenth).code(), "sla.period.invalid");
        let last = CalendarMonth::containing(NaiveDate::MAX);
        assert_eq!(
            Period::calendar_month(last, PARIS).unwrap_err().code(),
            "sla.date.out_of_range"
        );
        assert_eq!(Period::new(end, end).unwrap_err().code(), "sla.period.empty");
    }

    #[test]
    fn month_containing_respects_the_zone() {
        // 23:30 UTC on 31 January is 00:30 on 1 February in Paris.
        let p = Period::month_containing("2025-01-31T23:30:00Z".parse().unwrap(), PARIS).unwrap();
        assert_eq!(
            p,
            Period::calendar_month(CalendarMonth::new(2025, 2).unwrap(), PARIS).unwrap()
        );
        let utc_month = Period::month_containing("2025-01-31T23:30:00Z".parse().unwrap(), Tz::UTC).unwrap();
        assert_eq!(
            utc_month,
            Period::calendar_month(CalendarMonth::new(2025, 1).unwrap(), Tz::UTC).unwrap()
        );
    }
}
