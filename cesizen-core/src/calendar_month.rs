//! A calendar month (a year and a month 1–12): the one type the crates pass where a month is meant, so that
//! a month 13 is refused once, where it is built, rather than by each function that takes a `(year, month)` pair.
//!
//! The month is a calendar fact, without a zone: where it begins and ends is a question for the caller's zone
//! (an SLA month in the service's zone, a journal month in the user's), answered with
//! [`start_of_local_day`](crate::tz::start_of_local_day) on [`CalendarMonth::first_day`] and on the first day of
//! [`CalendarMonth::next`].
//!
//! JSON form: `{"year": 2025, "month": 3}`; text form (`Display`, `FromStr`): `2025-03`.

use core::fmt;
use core::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar month: any month of a year chrono can represent (about ±262 000).
///
/// ```
/// use cesizen_core::CalendarMonth;
/// let march = CalendarMonth::new(2025, 3)?;
/// assert_eq!((march.year(), march.month()), (2025, 3));
/// assert_eq!(march.to_string(), "2025-03");
/// assert_eq!("2025-12".parse::<CalendarMonth>()?.next(), Some(CalendarMonth::new(2026, 1)?));
/// assert_eq!(CalendarMonth::new(2025, 13).unwrap_err().code(), "validation.calendar_month.invalid");
/// # Ok::<(), cesizen_core::CalendarMonthError>(())
/// ```
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(type = "{ year: number; month: number }")
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "MonthFields", into = "MonthFields")]
pub struct CalendarMonth {
    /// The month's first day: a valid date, so the month is valid.
    first: NaiveDate,
}

/// The refusal of a month: out of 1–12, a year out of the representable dates, or text that is not `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarMonthError {
    /// The month is not 1–12.
    #[error("month {month} is not 1 to 12")]
    MonthOutOfRange {
        /// The month given.
        month: u32,
    },
    /// The year is beyond the dates the SDK can represent.
    #[error("year {year} is out of the representable dates")]
    YearOutOfRange {
        /// The year given.
        year: i32,
    },
    /// Text that is not a `YYYY-MM` month.
    #[error("not a YYYY-MM month")]
    Malformed,
}

impl CalendarMonthError {
    /// The stable machine code: `validation.calendar_month.invalid`. A crate that took `(year, month)` before
    /// this type existed converts the error to its own released code (`sla.period.invalid`,
    /// `validation.report_period.invalid`).
    pub fn code(&self) -> &'static str {
        "validation.calendar_month.invalid"
    }

    /// The kind of failure: a refused value.
    pub fn kind(&self) -> crate::code::ErrorKind {
        crate::code::ErrorKind::Validation
    }
}

impl CalendarMonth {
    /// Month `month` (1–12) of `year`.
    ///
    /// # Errors
    /// [`CalendarMonthError::MonthOutOfRange`], [`CalendarMonthError::YearOutOfRange`].
    pub fn new(year: i32, month: u32) -> Result<Self, CalendarMonthError> {
        if !(1..=12).contains(&month) {
            return Err(CalendarMonthError::MonthOutOfRange { month });
        }
        NaiveDate::from_ymd_opt(year, month, 1)
            .map(|first| CalendarMonth { first })
            .ok_or(CalendarMonthError::YearOutOfRange { year })
    }

    /// The month that contains `date`.
    pub fn containing(date: NaiveDate) -> Self {
        CalendarMonth {
            first: date.with_day0(0).unwrap_or(date),
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.first.year()
    }

    /// The month, 1–12.
    pub fn month(&self) -> u32 {
        self.first.month()
    }

    /// The first day of the month.
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// The month `count` months later; `None` past the representable dates.
    pub fn plus(&self, count: u32) -> Option<Self> {
        let first = self.first.checked_add_months(Months::new(count))?;
        Some(CalendarMonth { first })
    }

    /// The following month; `None` past the representable dates.
    pub fn next(&self) -> Option<Self> {
        self.plus(1)
    }
}

impl fmt::Display for CalendarMonth {
    /// `YYYY-MM`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first.format("%Y-%m"))
    }
}

impl FromStr for CalendarMonth {
    type Err = CalendarMonthError;

    /// Reads `YYYY-MM`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
            .map(|first| CalendarMonth { first })
            .map_err(|_| CalendarMonthError::Malformed)
    }
}

/// The JSON fields of a month, before the range check.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthFields {
    year: i32,
    month: u32,
}

impl TryFrom<MonthFields> for CalendarMonth {
    type Error = CalendarMonthError;

    fn try_from(fields: MonthFields) -> Result<Self, Self::Error> {
        CalendarMonth::new(fields.year, fields.month)
    }
}

impl From<CalendarMonth> for MonthFields {
    fn from(month: CalendarMonth) -> Self {
        MonthFields {
            year: month.year(),
            month: month.month(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_valid_month_round_trips(year in -262_000i32..=262_000, month in 1u32..=12) {
            let m = CalendarMonth::new(year, month).expect("a valid month");
            prop_assert_eq!((m.year(), m.month()), (year, month));
            prop_assert_eq!(m.first_day(), NaiveDate::from_ymd_opt(year, month, 1).expect("a date"));
            let json = serde_json::to_string(&m).expect("serializes");
            prop_assert_eq!(&json, &format!(r#"{{"year":{year},"month":{month}}}"#));
            prop_assert_eq!(serde_json::from_str::<CalendarMonth>(&json).expect("reads back"), m);
            if (0..=9999).contains(&year) {
                prop_assert_eq!(m.to_string().parse::<CalendarMonth>(), Ok(m));
            }
            prop_assert_eq!(CalendarMonth::containing(m.first_day() + chrono::Days::new(27)), m);
        }

        #[test]
        fn every_invalid_month_is_refused_with_the_code(year in any::<i32>(), month in any::<u32>()) {
            prop_assume!(!(1..=12).contains(&month));
            let e = CalendarMonth::new(year, month).expect_err("out of range");
            prop_assert_eq!(e, CalendarMonthError::MonthOutOfRange { month });
            prop_assert_eq!(e.code(), "validation.calendar_month.invalid");
            let json = format!(r#"{{"year":{year},"month":{month}}}"#);
            prop_assert!(serde_json::from_str::<CalendarMonth>(&json).is_err());
        }

        #[test]
        fn years_past_the_representable_dates_are_refused(year in 262_144i32.., month in 1u32..=12, negative: bool) {
            let year = if negative { -year } else { year };
            let e = CalendarMonth::new(year, month).expect_err("out of range");
            prop_assert_eq!(e, CalendarMonthError::YearOutOfRange { year });
            prop_assert_eq!(e.code(), "validation.calendar_month.invalid");
        }
    }

    #[test]
    fn text_and_order() {
        let m = |y, n| CalendarMonth::new(y, n).expect("a month");
        assert_eq!("2025-10".parse::<CalendarMonth>(), Ok(m(2025, 10)));
        for bad in ["2025-13", "2025-00", "2025", "2025-10-01", "October", ""] {
            assert_eq!(
                bad.parse::<CalendarMonth>(),
                Err(CalendarMonthError::Malformed),
                "{bad}"
            );
        }
        assert!(m(2025, 12) < m(2026, 1));
        assert_eq!(m(2025, 11).plus(3), Some(m(2026, 2)));
        assert_eq!(CalendarMonth::containing(NaiveDate::MAX).next(), None);
        assert!(serde_json::from_str::<CalendarMonth>(r#"{"year":2025,"month":3,"day":1}"#).is_err());
    }
}
