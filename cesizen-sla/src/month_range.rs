//! A run of consecutive calendar months: the horizon of the generated month-budget rules.
//!
//! PromQL knows only UTC; the local month a sample belongs to (DST included) is therefore written into the
//! generated rules as a table of instants, one rule per month, computed here from the tz database. The table
//! covers a finite run of months, and the generated rules say when it ends (an alert fires once no month
//! matches, asking for the rules to be generated again).

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::SlaError;

/// The longest run: ten years.
pub const MAX_MONTHS: u32 = 120;

/// `count` consecutive calendar months starting with `first` (a valid month, 1 to [`MAX_MONTHS`] months).
///
/// ```
/// use cesizen_sla::MonthRange;
/// let run = MonthRange::new(2026, 11, 3).unwrap();
/// assert_eq!(run.months().collect::<Vec<_>>(), [(2026, 11), (2026, 12), (2027, 1)]);
/// assert!(MonthRange::new(2026, 13, 3).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MonthRange {
    first: NaiveDate,
    count: u32,
}

impl MonthRange {
    /// The run from `year`-`month`.
    ///
    /// # Errors
    /// [`SlaError::InvalidPeriod`] for a month outside 1–12 or a count outside 1–[`MAX_MONTHS`];
    /// [`SlaError::DateOutOfRange`] when the run ends after the representable dates.
    pub fn new(year: i32, month: u32, count: u32) -> Result<Self, SlaError> {
        let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or(SlaError::InvalidPeriod)?;
        if !(1..=MAX_MONTHS).contains(&count) {
            return Err(SlaError::InvalidPeriod);
        }
        first
            .checked_add_months(Months::new(count))
            .ok_or(SlaError::DateOutOfRange)?;
        Ok(MonthRange { first, count })
    }

    /// The months as `(year, month)`, in order.
    pub fn months(&self) -> impl Iterator<Item = (i32, u32)> + '_ {
        (0..self.count).filter_map(|i| {
            let d = self.first.checked_add_months(Months::new(i))?;
            Some((d.year(), d.month()))
        })
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
        assert!(MonthRange::new(2026, 1, 0).is_err());
        assert!(MonthRange::new(2026, 1, MAX_MONTHS + 1).is_err());
        assert_eq!(MonthRange::new(2026, 1, MAX_MONTHS).unwrap().months().count(), 120);
    }

    proptest! {
        #[test]
        fn months_are_consecutive(year in 1970i32..2200, month in 1u32..=12, count in 1u32..=MAX_MONTHS) {
            let run: Vec<_> = MonthRange::new(year, month, count).unwrap().months().collect();
            prop_assert_eq!(run.len(), count as usize);
            prop_assert_eq!(run[0], (year, month));
            for w in run.windows(2) {
                let next = if w[0].1 == 12 { (w[0].0 + 1, 1) } else { (w[0].0, w[0].1 + 1) };
                prop_assert_eq!(w[1], next);
            }
        }
    }
}
