//! The periods a report covers, and the days and instants they resolve to.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::CalendarMonth;
use crate::emotion::EmotionError;
use crate::tz::start_of_local_day;
use crate::user::IanaTimeZone;

/// What a report covers: a calendar period in the user's time zone, or the last 7, 30, 90 or 365 days.
///
/// JSON form: `{"type": "week", "containing": "2025-03-14"}`, `{"type": "month", "year": 2025, "month": 3}`,
/// `{"type": "quarter", "year": 2025, "quarter": 1}`, `{"type": "year", "year": 2025}`,
/// `{"type": "rolling", "days": 30}`. Deserialization refuses a month outside 1–12, a quarter outside 1–4, a
/// year outside 1–9999 and a rolling length other than 7, 30, 90 or 365 (`validation.report_period.invalid`);
/// a value built in Rust is checked by [`ReportPeriod::window`] (a month is a [`CalendarMonth`], valid once
/// built; its year is checked there like the others).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReportPeriod {
    /// The calendar week, Monday to Sunday, that contains this date.
    Week {
        /// Any day of the week.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        containing: NaiveDate,
    },
    /// A calendar month of a year 1–9999.
    Month(CalendarMonth),
    /// A calendar quarter: January–March is quarter 1.
    Quarter {
        /// The year, 1–9999.
        year: i32,
        /// The quarter, 1–4.
        quarter: u32,
    },
    /// A calendar year.
    Year {
        /// The year, 1–9999.
        year: i32,
    },
    /// The last `days` local days, today included: 7, 30, 90 or 365.
    Rolling {
        /// 7, 30, 90 or 365.
        days: u32,
    },
}

/// The lengths a rolling period may have.
pub const ROLLING_DAYS: [u32; 4] = [7, 30, 90, 365];

/// A period resolved in a time zone: local days `first_day..=last_day`, which are the instants
/// `start <= t < end`. Calendar boundaries are local midnights (see the DST notes on [`ReportPeriod::window`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportWindow {
    /// The first local day.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub first_day: NaiveDate,
    /// The last local day, included.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub last_day: NaiveDate,
    /// The first instant of `first_day`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub start: DateTime<Utc>,
    /// The first instant after `last_day`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub end: DateTime<Utc>,
}

impl ReportWindow {
    /// How many local days the window spans.
    pub fn day_count(&self) -> usize {
        // last_day >= first_day by construction, and spans are at most 366 days.
        usize::try_from((self.last_day - self.first_day).num_days() + 1).unwrap_or(0)
    }

    /// Whether the instant falls in the window.
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.start <= t && t < self.end
    }
}

impl ReportPeriod {
    /// The local days and UTC instants this period covers in `time_zone`; `now` places rolling periods.
    ///
    /// - A rolling period of N days is the N local days ending with today (the local date of `now`), today
    ///   included whole: entries later today (a phone's clock ahead) count like the others.
    /// - Days begin at local midnight, so a week holding the spring change lasts 167 hours and the autumn one
    ///   169; where a zone skips midnight, the day begins when the clocks jump (see the crate's DST tests).
    ///
    /// ```
    /// use cesizen_core::emotion::ReportPeriod;
    /// use cesizen_core::user::IanaTimeZone;
    /// use chrono::{NaiveDate, TimeZone, Utc};
    ///
    /// let now = Utc.with_ymd_and_hms(2025, 3, 14, 12, 0, 0).unwrap();
    /// let week = ReportPeriod::Week { containing: NaiveDate::from_ymd_opt(2025, 3, 26).unwrap() }
    ///     .window(IanaTimeZone::EUROPE_PARIS, now)?;
    /// assert_eq!(week.first_day, NaiveDate::from_ymd_opt(2025, 3, 24).unwrap());
    /// assert_eq!((week.end - week.start).num_hours(), 167, "clocks go forward on Sunday 30 March");
    /// # Ok::<(), cesizen_core::emotion::EmotionError>(())
    /// ```
    ///
    /// # Errors
    /// `validation.report_period.invalid` for a month, quarter, year or rolling length out of range.
    pub fn window(&self, time_zone: IanaTimeZone, now: DateTime<Utc>) -> Result<ReportWindow, EmotionError> {
        let invalid = EmotionError::InvalidReportPeriod;
        let tz = time_zone.tz();
        let (first_day, next_first_day) = match *self {
            ReportPeriod::Week { containing } => {
                checked_year(containing.year())?;
                let monday = containing - Days::new(u64::from(containing.weekday().num_days_from_monday()));
                (monday, monday.checked_add_days(Days::new(7)).ok_or(invalid.clone())?)
            }
            ReportPeriod::Month(month) => {
                checked_year(month.year())?;
                let next = month.next().ok_or(invalid.clone())?;
                (month.first_day(), next.first_day())
            }
            ReportPeriod::Quarter { year, quarter } => {
                if !(1..=4).contains(&quarter) {
                    return Err(invalid);
                }
                let first = NaiveDate::from_ymd_opt(checked_year(year)?, 3 * quarter - 2, 1).ok_or(invalid.clone())?;
                (first, first.checked_add_months(Months::new(3)).ok_or(invalid.clone())?)
            }
            ReportPeriod::Year { year } => {
                let first = NaiveDate::from_ymd_opt(checked_year(year)?, 1, 1).ok_or(invalid.clone())?;
                (first, first.checked_add_months(Months::new(12)).ok_or(invalid.clone())?)
            }
            ReportPeriod::Rolling { days } => {
                if !ROLLING_DAYS.contains(&days) {
                    return Err(invalid);
                }
                let today = now.with_timezone(&tz).date_naive();
                let first = today
                    .checked_sub_days(Days::new(u64::from(days) - 1))
                    .ok_or(invalid.clone())?;
                (first, today.checked_add_days(Days::new(1)).ok_or(invalid.clone())?)
            }
        };
        Ok(ReportWindow {
            first_day,
            last_day: next_first_day.pred_opt().ok_or(invalid.clone())?,
            start: start_of_local_day(tz, first_day).ok_or(invalid.clone())?,
            end: start_of_local_day(tz, next_first_day).ok_or(invalid)?,
        })
    }

    /// Reads a period's JSON form in two steps: the outer error is a shape the form does not have (a missing
    /// field, an unknown type), the inner one a value out of range (`validation.report_period.invalid`), so that
    /// a binding can refuse the first as a malformed argument and the second with the domain's code.
    ///
    /// ```
    /// use cesizen_core::emotion::ReportPeriod;
    /// let json = serde_json::json!({"type": "month", "year": 2025, "month": 13});
    /// let read = ReportPeriod::deserialize_checked(&json).expect("the shape of a period");
    /// assert_eq!(read.unwrap_err().code(), "validation.report_period.invalid");
    /// assert!(ReportPeriod::deserialize_checked(&serde_json::json!({"type": "month"})).is_err());
    /// ```
    ///
    /// # Errors
    /// The deserializer's error for a shape that is not a period's.
    pub fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, EmotionError>, D::Error> {
        PeriodFields::deserialize(deserializer).map(PeriodFields::checked)
    }
}

/// The JSON form of a period before its ranges are checked.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum PeriodFields {
    Week { containing: NaiveDate },
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Year { year: i32 },
    Rolling { days: u32 },
}

impl PeriodFields {
    fn checked(self) -> Result<ReportPeriod, EmotionError> {
        let period = match self {
            PeriodFields::Week { containing } => ReportPeriod::Week { containing },
            PeriodFields::Month { year, month } => ReportPeriod::Month(CalendarMonth::new(year, month)?),
            PeriodFields::Quarter { year, quarter } => ReportPeriod::Quarter { year, quarter },
            PeriodFields::Year { year } => ReportPeriod::Year { year },
            PeriodFields::Rolling { days } => ReportPeriod::Rolling { days },
        };
        let in_range = match period {
            ReportPeriod::Week { containing } => checked_year(containing.year()).is_ok(),
            ReportPeriod::Month(month) => checked_year(month.year()).is_ok(),
            ReportPeriod::Quarter { year, quarter } => checked_year(year).is_ok() && (1..=4).contains(&quarter),
            ReportPeriod::Year { year } => checked_year(year).is_ok(),
            ReportPeriod::Rolling { days } => ROLLING_DAYS.contains(&days),
        };
        if in_range {
            Ok(period)
        } else {
            Err(EmotionError::InvalidReportPeriod)
        }
    }
}

/// Years 1–9999: the range of RFC 3339 dates, and far from chrono's limits.
fn checked_year(year: i32) -> Result<i32, EmotionError> {
    if (1..=9999).contains(&year) {
        Ok(year)
    } else {
        Err(EmotionError::InvalidReportPeriod)
    }
}

impl<'de> Deserialize<'de> for ReportPeriod {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ReportPeriod::deserialize_checked(deserializer)?.map_err(|e| serde::de::Error::custom(e.code()))
    }
}
