//! Consecutive local days, to place instants in them in constant time.

use chrono::{DateTime, NaiveDate, Utc};

use crate::tz::{Tz, start_of_local_day};

/// Consecutive local days as UTC instants: day `i` is `starts[i] <= t < starts[i + 1]`.
///
/// Placing an instant in its day is then a comparison of instants, not a time-zone conversion: reports place
/// each entry in constant time, and the days agree with the window's boundaries by construction (in zones
/// whose clocks go back across midnight, the repeated minutes belong to the day being entered).
pub(crate) struct LocalDays {
    /// Each day's first instant, in Unix seconds (day boundaries fall on whole seconds).
    starts: Vec<i64>,
}

impl LocalDays {
    /// `count` local days from `first`; `None` outside chrono's range.
    pub(crate) fn new(tz: Tz, first: NaiveDate, count: usize) -> Option<Self> {
        let starts = first
            .iter_days()
            .take(count + 1)
            .map(|d| start_of_local_day(tz, d).map(|t| t.timestamp()))
            .collect::<Option<Vec<_>>>()?;
        (starts.len() == count + 1).then_some(LocalDays { starts })
    }

    /// The index of the day holding `t`, or `None` when `t` is outside the days.
    ///
    /// Boundaries are whole seconds, so the instant's whole second decides. Days last 24 hours give or take a
    /// clock change: the index is guessed by division and corrected by a step or two.
    pub(crate) fn slot(&self, t: DateTime<Utc>) -> Option<usize> {
        let t = t.timestamp();
        let (first, last) = (*self.starts.first()?, *self.starts.last()?);
        if t < first || t >= last {
            return None;
        }
        let days = self.starts.len() - 1;
        let mut i = usize::try_from((t - first) / 86_400).unwrap_or(0).min(days - 1);
        while i > 0 && t < self.starts[i] {
            i -= 1;
        }
        while i + 1 < days && t >= self.starts[i + 1] {
            i += 1;
        }
        Some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn zone(name: &str) -> Tz {
        name.parse().unwrap()
    }

    #[test]
    fn slots_agree_with_the_local_date() {
        for tz in [
            Tz::EUROPE_PARIS,
            zone("America/Santiago"),
            zone("Pacific/Apia"),
            zone("Australia/Lord_Howe"),
        ] {
            let first = day(2011, 1, 1);
            let days = LocalDays::new(tz, first, 731).unwrap();
            let mut t = utc("2010-12-30T00:00:00Z");
            while t < utc("2013-01-03T00:00:00Z") {
                let local = t.with_timezone(&tz).date_naive();
                let expected = usize::try_from((local - first).num_days()).ok().filter(|i| *i < 731);
                assert_eq!(days.slot(t), expected, "{tz} {t}");
                t += chrono::Duration::minutes(37);
            }
        }
    }
}
