//! A run of consecutive calendar months: the horizon of the generated month-budget rules.
//!
//! PromQL knows only UTC; the local month a sample belongs to (DST included) is therefore written into the
//! generated rules as a table of instants, one rule per month, computed here from the tz database. The table
//! covers a finite run of months, and the generated rules say when it ends (an alert fires once no month
//! matches, asking for the rules to be generated again).

use cesizen_core::CalendarMonth;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::SlaError;

/// The longest run: ten years.
pub const MAX_MONTHS: u32 = 120;

/// `count` consecutive calendar months starting with `first` (a valid month, 1 to [`MAX_MONTHS`] months).
///
/// ```
/// use cesizen_sla::MonthRange;
/// use cesizen_core::CalendarMonth;
/// let month = |y, m| CalendarMonth::new(y, m).unwrap();
/// let run = MonthRange::new(month(2026, 11), 3).unwrap();
/// assert_eq!(run.months().collect::<Vec<_>>(), [month(2026, 11), month(2026, 12), month(2027, 1)]);
/// assert!(MonthRange::new(month(2026, 11), 0).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MonthRange {
    first: NaiveDate,
    count: u32,
}

impl MonthRange {
    /// The run from `first`.
    ///
    /// # Errors
    /// [`SlaError::InvalidPeriod`] for a count outside 1–[`MAX_MONTHS`];
    /// [`SlaError::DateOutOfRange`] when the run ends after the representable dates.
    pub fn new(first: CalendarMonth, count: u32) -> Result<Self, SlaError> {
        let first = first.first_day();
        if !(1..=MAX_MONTHS).contains(&count) {
            return Err(SlaError::InvalidPeriod);
        }
        first
            .checked_add_months(Months::new(count))
            .ok_or(SlaError::DateOutOfRange)?;
        Ok(MonthRange { first, count })
    }

    /// The months, in order.
    pub fn months(&self) -> impl Iterator<Item = CalendarMonth> + '_ {
        let first = CalendarMonth::containing(self.first);
        (0..self.count).filter_map(move |i| first.plus(i))
    }

    /// How many months.
    pub fn count(&self) -> u32 {
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bounds() {
        let january = CalendarMonth::new(2026, 1).unwrap();
        assert!(MonthRange::new(january, 0).is_err());
        assert!(MonthRange::new(january, MAX_MONTHS + 1).is_err());
        assert_eq!(MonthRange::new(january, MAX_MONTHS).unwrap().months().count(), 120);
    }

    proptest! {
        #[test]
        fn months_are_consecutive(year in 1970i32..2200, month in 1u32..=12, count in 1u32..=MAX_MONTHS) {
            let run: Vec<_> = MonthRange::new(CalendarMonth::new(year, month).unwrap(), count)
                .unwrap()
                .months()
                .map(|m| (m.year(), m.month()))
                .collect();
            prop_assert_eq!(run.len(), count as usize);
            prop_assert_eq!(run[0], (year, month));
            for w in run.windows(2) {
                let next = if w[0].1 == 12 { (w[0].0 + 1, 1) } else { (w[0].0, w[0].1 + 1) };
                prop_assert_eq!(w[1], next);
            }
        }
    }
}
