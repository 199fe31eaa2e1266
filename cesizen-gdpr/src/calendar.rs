//! Periods and the calendar-month rule behind every GDPR deadline.
//!
//! ## The calendar-month rule
//!
//! GDPR periods are computed as EU Regulation 1182/71 (the "periods, dates and time limits" regulation) says for
//! periods expressed in months (its Art. 3(2)(c)): the period **ends at the end of the day, in the last month,
//! that bears the same date as the day of the event; when that date does not exist in the last month, at the end
//! of that month's last day**. Hence:
//!
//! | received (local date) | + 1 month | + 3 months |
//! |---|---|---|
//! | 5 May | end of 5 June | end of 5 August |
//! | 31 January 2025 | end of 28 February 2025 | end of 30 April 2025 |
//! | 31 January 2024 (leap) | end of 29 February 2024 | end of 30 April 2024 |
//! | 30 November | end of 30 December | end of 28/29 February |
//!
//! Multi-month periods are always counted **from the day of the event**, never chained month by month (31 January
//! + 3 months is 30 April, not 28 February + 2 months = 28 April).
//!
//! **Time zone and end of day.** The day of the event is the calendar date in the controller's time zone
//! ([`DeadlinePolicy::time_zone`](crate::request::DeadlinePolicy::time_zone), `Europe/Paris` by default: Cesizen answers to the CNIL). A deadline is
//! the *whole* due day: [`Deadline::due_at`] is the first instant of the following local day, and an act is on
//! time when it happens strictly before it. A request received at 00:30 in Paris on 1 February (23:30 UTC on
//! 31 January) is due by the end of 1 March, Paris time.
//!
//! **Not applied, on purpose:** Regulation 1182/71 Art. 3(4) pushes a deadline falling on a Saturday, Sunday or
//! public holiday to the next working day. Holidays differ per member state and the shift only ever gives more
//! time, so the SDK keeps the earlier, stricter date: a controller on time by this rule is on time by any.
//!
//! ## Periods in configuration
//!
//! Retention rules and internal targets are [`Period`]s written as text (`"48 hours"`, `"30 days"`,
//! `"24 months"`). Hours and days are exact durations (a day is 24 hours); months follow the rule above on the
//! UTC calendar (retention is not a legal deadline to the day, and UTC keeps it fast and identical everywhere).

use cesizen_core::tz::{Tz, start_of_local_day};
use chrono::{DateTime, Days, Months, NaiveDate, TimeDelta, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A length of time in configuration: exact hours or days, or calendar months.
///
/// Its text and JSON form is `"<n> hours"`, `"<n> days"` or `"<n> months"` (singular accepted).
///
/// ```
/// use cesizen_gdpr::Period;
/// use chrono::{TimeZone, Utc};
///
/// let two_years: Period = "24 months".parse()?;
/// let created = Utc.with_ymd_and_hms(2024, 2, 29, 12, 0, 0).unwrap();
/// // 29 February + 24 months has no 29th: the last day of February 2026.
/// assert_eq!(two_years.after(created)?, Utc.with_ymd_and_hms(2026, 2, 28, 12, 0, 0).unwrap());
/// assert_eq!(two_years.to_string(), "24 months");
/// # Ok::<(), cesizen_gdpr::Error>(())
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(type = "string"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Period {
    /// Exact hours.
    Hours(u32),
    /// Exact days of 24 hours.
    Days(u32),
    /// Calendar months, clamped to the last day of a shorter month.
    Months(u32),
}

impl Period {
    /// The instant this period after `start`.
    pub fn after(&self, start: DateTime<Utc>) -> Result<DateTime<Utc>> {
        match *self {
            Period::Hours(h) => start.checked_add_signed(TimeDelta::hours(i64::from(h))),
            Period::Days(d) => start.checked_add_days(Days::new(u64::from(d))),
            Period::Months(m) => start.checked_add_months(Months::new(m)),
        }
        .ok_or(Error::TimeOutOfRange)
    }

    /// The instant this period before `end`, with the same clamping for months (30 April − 2 months is
    /// 28 February); `p.after(p.before(end)) <= end` always holds.
    pub fn before(&self, end: DateTime<Utc>) -> Result<DateTime<Utc>> {
        match *self {
            Period::Hours(h) => end.checked_sub_signed(TimeDelta::hours(i64::from(h))),
            Period::Days(d) => end.checked_sub_days(Days::new(u64::from(d))),
            Period::Months(m) => end.checked_sub_months(Months::new(m)),
        }
        .ok_or(Error::TimeOutOfRange)
    }

    /// Whether this period is shorter than `other` whatever the start: months last 28 to 31 days, so both are
    /// measured from starts giving a month its shortest and its longest length ("1 month" is not always shorter
    /// than "31 days", "29 days" not always shorter than "1 month").
    ///
    /// ```
    /// use cesizen_gdpr::Period;
    /// assert!(Period::Days(27).is_always_shorter_than(Period::Months(1))?);
    /// assert!(!Period::Days(29).is_always_shorter_than(Period::Months(1))?);
    /// assert!(!Period::Months(1).is_always_shorter_than(Period::Days(31))?);
    /// # Ok::<(), cesizen_gdpr::Error>(())
    /// ```
    pub fn is_always_shorter_than(&self, other: Period) -> Result<bool> {
        // 31 January (+1 month = 28 or 29 February) and 1 July (+1 month = 31 days), in a common and a leap year.
        const STARTS: [(i32, u32, u32); 4] = [(2023, 1, 31), (2024, 1, 31), (2023, 7, 1), (2024, 7, 1)];
        for (y, m, d) in STARTS {
            let start = Utc
                .with_ymd_and_hms(y, m, d, 0, 0, 0)
                .single()
                .ok_or(Error::TimeOutOfRange)?;
            if self.after(start)? >= other.after(start)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Whether the period is zero ("immediately").
    pub fn is_zero(&self) -> bool {
        matches!(self, Period::Hours(0) | Period::Days(0) | Period::Months(0))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Hours(n) => write!(f, "{n} hours"),
            Period::Days(n) => write!(f, "{n} days"),
            Period::Months(n) => write!(f, "{n} months"),
        }
    }
}

impl FromStr for Period {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let mut words = s.split_whitespace();
        let (Some(n), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(Error::PeriodInvalid);
        };
        if !n.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::PeriodInvalid);
        }
        let n: u32 = n.parse().map_err(|_| Error::PeriodInvalid)?;
        match unit {
            "hour" | "hours" => Ok(Period::Hours(n)),
            "day" | "days" => Ok(Period::Days(n)),
            "month" | "months" => Ok(Period::Months(n)),
            _ => Err(Error::PeriodInvalid),
        }
    }
}

impl TryFrom<String> for Period {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        s.parse()
    }
}

impl From<Period> for String {
    fn from(p: Period) -> Self {
        p.to_string()
    }
}

/// A legal deadline: a whole local day in the controller's time zone. TypeScript names it `CalendarDeadline`
/// (`Deadline` is the request timer's [`crate::timer`] deadline there).
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "CalendarDeadline", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// The due day, in the controller's time zone (`YYYY-MM-DD` in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub due_date: NaiveDate,
    /// The first instant after the due day (exclusive): an act is on time when strictly before it (RFC 3339).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub due_at: DateTime<Utc>,
}

impl Deadline {
    /// Whether an act at `at` meets this deadline.
    pub fn is_met_by(&self, at: DateTime<Utc>) -> bool {
        at < self.due_at
    }
}

/// The deadline `months` calendar months after the local day of `event`, by the rule of the module docs.
///
/// ```
/// use cesizen_gdpr::calendar::months_after;
/// use chrono::{NaiveDate, TimeZone, Utc};
///
/// let paris = cesizen_core::tz::Tz::EUROPE_PARIS;
/// // 31 January 2025, 10:00 in Paris → end of 28 February 2025 in Paris (= 1 March 00:00 Paris = 23:00 UTC).
/// let d = months_after(Utc.with_ymd_and_hms(2025, 1, 31, 9, 0, 0).unwrap(), 1, paris)?;
/// assert_eq!(d.due_date, NaiveDate::from_ymd_opt(2025, 2, 28).unwrap());
/// assert_eq!(d.due_at, Utc.with_ymd_and_hms(2025, 2, 28, 23, 0, 0).unwrap());
/// # Ok::<(), cesizen_gdpr::Error>(())
/// ```
pub fn months_after(event: DateTime<Utc>, months: u32, tz: Tz) -> Result<Deadline> {
    let local_day = local_date(event, tz)?;
    let due_date = local_day
        .checked_add_months(Months::new(months))
        .ok_or(Error::TimeOutOfRange)?;
    let next_day = due_date.succ_opt().ok_or(Error::TimeOutOfRange)?;
    Ok(Deadline {
        due_date,
        due_at: start_of_local_day(tz, next_day).ok_or(Error::TimeOutOfRange)?,
    })
}

/// The calendar date of `at` in `tz` (without chrono's panic at the ends of its range).
pub fn local_date(at: DateTime<Utc>, tz: Tz) -> Result<NaiveDate> {
    use chrono::Offset;
    let offset = tz.offset_from_utc_datetime(&at.naive_utc()).fix();
    at.naive_utc()
        .checked_add_offset(offset)
        .map(|local| local.date())
        .ok_or(Error::TimeOutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;
    const PARIS: Tz = Tz::EUROPE_PARIS;
    use proptest::prelude::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, mi, 0).unwrap()
    }
    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn months_clamp_to_the_last_day_and_count_from_the_event_not_chained() {
        for (event, months, due) in [
            (utc(2025, 1, 31, 9, 0), 1, date(2025, 2, 28)),
            (utc(2024, 1, 31, 9, 0), 1, date(2024, 2, 29)),
            (utc(2025, 5, 5, 9, 0), 1, date(2025, 6, 5)),
            (utc(2025, 1, 31, 9, 0), 3, date(2025, 4, 30)),
            (utc(2024, 11, 30, 9, 0), 3, date(2025, 2, 28)),
        ] {
            assert_eq!(
                months_after(event, months, PARIS).unwrap().due_date,
                due,
                "{event} + {months}"
            );
        }
    }

    #[test]
    fn the_day_is_the_local_day_in_the_controller_zone() {
        // 23:30 UTC on 31 January is 00:30 on 1 February in Paris.
        let d = months_after(utc(2025, 1, 31, 23, 30), 1, PARIS).unwrap();
        assert_eq!(d.due_date, date(2025, 3, 1));
        assert_eq!(d.due_at, utc(2025, 3, 1, 23, 0));
        // The same instant in UTC as controller zone is still 31 January.
        let d = months_after(utc(2025, 1, 31, 23, 30), 1, Tz::UTC).unwrap();
        assert_eq!(d.due_date, date(2025, 2, 28));
    }

    #[test]
    fn end_of_day_follows_daylight_saving_time() {
        // Due 30 March 2025 (DST starts that night in Paris): the day ends at 31 March 00:00 CEST = 22:00 UTC.
        let d = months_after(utc(2025, 2, 28, 12, 0), 1, PARIS).unwrap();
        assert_eq!(d.due_date, date(2025, 3, 28));
        let d = months_after(utc(2025, 1, 30, 12, 0), 2, PARIS).unwrap();
        assert_eq!(d.due_date, date(2025, 3, 30));
        assert_eq!(d.due_at, utc(2025, 3, 30, 22, 0));
        assert!(d.is_met_by(utc(2025, 3, 30, 21, 59)));
        assert!(!d.is_met_by(utc(2025, 3, 30, 22, 0)));
    }

    #[test]
    fn a_missing_local_midnight_moves_to_the_first_existing_instant() {
        // America/Santiago jumped from 00:00 to 01:00 on 2022-09-11.
        let t = start_of_local_day("America/Santiago".parse::<Tz>().unwrap(), date(2022, 9, 11)).unwrap();
        assert_eq!(t, utc(2022, 9, 11, 4, 0));
    }

    #[test]
    fn periods_parse_print_and_reject() {
        for (text, p) in [
            ("48 hours", Period::Hours(48)),
            ("1 day", Period::Days(1)),
            ("24 months", Period::Months(24)),
            ("0 hours", Period::Hours(0)),
        ] {
            assert_eq!(text.parse::<Period>().unwrap(), p);
        }
        assert_eq!(Period::Days(1).to_string(), "1 days");
        for bad in [
            "",
            "24",
            "months 24",
            "-1 days",
            "+1 days",
            "1 week",
            "1 days extra",
            "99999999999 days",
        ] {
            assert_eq!(
                bad.parse::<Period>().unwrap_err().code(),
                "config.period.invalid",
                "{bad}"
            );
        }
        assert_eq!(serde_json::to_string(&Period::Months(24)).unwrap(), "\"24 months\"");
        assert!(Period::Months(1).is_always_shorter_than(Period::Days(32)).unwrap());
        assert!(Period::Hours(47).is_always_shorter_than(Period::Days(2)).unwrap());
        assert!(!Period::Hours(48).is_always_shorter_than(Period::Days(2)).unwrap());
        assert!(serde_json::from_str::<Period>("\"2 fortnights\"").is_err());
    }

    #[test]
    fn out_of_range_is_an_error_not_a_panic() {
        assert_eq!(
            Period::Months(u32::MAX)
                .after(utc(2025, 1, 1, 0, 0))
                .unwrap_err()
                .code(),
            "gdpr.time.out_of_range"
        );
        assert!(months_after(DateTime::<Utc>::MAX_UTC, 1, PARIS).is_err());
    }

    proptest! {
        #[test]
        fn a_month_deadline_is_the_same_day_or_the_last_day(
            secs in 0i64..4_000_000_000, months in 0u32..40,
        ) {
            let event = DateTime::from_timestamp(secs, 0).unwrap();
            let d = months_after(event, months, PARIS).unwrap();
            let local = event.with_timezone(&PARIS).date_naive();
            use chrono::Datelike;
            let last_of_month = d.due_date.with_day(1).unwrap().checked_add_months(Months::new(1)).unwrap().pred_opt().unwrap();
            prop_assert!(d.due_date.day() == local.day() || (d.due_date == last_of_month && d.due_date.day() < local.day()));
            let month_index = |x: NaiveDate| x.year() * 12 + x.month0() as i32;
            prop_assert_eq!(month_index(d.due_date) - month_index(local), months as i32);
            // The due instant is the end of the due day: on the due day it is met, the next day not.
            prop_assert_eq!(d.due_at.with_timezone(&PARIS).date_naive(), d.due_date.succ_opt().unwrap());
            prop_assert!(d.is_met_by(event));
        }

        #[test]
        fn period_text_round_trips(n in any::<u32>(), unit in 0..3u8) {
            let p = match unit { 0 => Period::Hours(n), 1 => Period::Days(n), _ => Period::Months(n) };
            prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
        }

        #[test]
        fn period_parsing_never_panics(s in ".{0,24}") {
            let _ = s.parse::<Period>();
        }

        #[test]
        fn before_is_a_lower_inverse_of_after(secs in 0i64..4_000_000_000, n in 0u32..100, unit in 0..3u8) {
            let p = match unit { 0 => Period::Hours(n), 1 => Period::Days(n), _ => Period::Months(n) };
            let end = DateTime::from_timestamp(secs, 0).unwrap();
            let start = p.before(end).unwrap();
            prop_assert!(p.after(start).unwrap() <= end);
        }
    }
}
