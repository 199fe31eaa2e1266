//! Where a local calendar day begins, in UTC, across daylight-saving changes, and consecutive local days to place
//! instants in them in constant time.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use crate::tz::Tz;

/// The first instant of a local calendar day: local midnight, or, where the clocks skip midnight (spring
/// forward at 00:00, as in America/Santiago or Asia/Beirut), the first instant after the gap. Where midnight
/// happens twice (clocks going back at 00:00), the earlier one. `None` only outside chrono's date range.
///
/// A day is therefore [`start_of_local_day(d)`, `start_of_local_day(d + 1)`): 23, 24 or 25 hours long (other
/// lengths in a few zones), and empty for a day a zone skipped altogether (Pacific/Apia, 30 December 2011). The
/// one rule for every local day of the SDK: journal reports, KPIs, SLA months and days, GDPR deadlines.
///
/// ```
/// use cesizen_core::tz::{Tz, start_of_local_day};
/// let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 30).unwrap();
/// assert_eq!(start_of_local_day(Tz::EUROPE_PARIS, day).unwrap().to_rfc3339(), "2025-03-29T23:00:00+00:00");
/// ```
pub fn start_of_local_day(tz: Tz, date: NaiveDate) -> Option<DateTime<Utc>> {
    let midnight = date.and_time(NaiveTime::MIN);
    match tz.from_local_datetime(&midnight) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
        LocalResult::None => first_instant_at_or_after(tz, midnight),
    }
}

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

/// The first instant whose local time is at or after `local`, for a `local` time inside a gap.
///
/// UTC offsets stay within ±16 h, so the answer lies within 27 h of `local` read as UTC, and there the local
/// time only moves forward (one transition, the gap). A binary search over whole seconds finds it: transitions
/// happen on whole seconds.
fn first_instant_at_or_after(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let reach = Duration::hours(27);
    let guess = local.and_utc();
    let (mut lo, mut hi) = (
        guess.checked_sub_signed(reach)?.timestamp(),
        guess.checked_add_signed(reach)?.timestamp(),
    );
    let reached = |secs: i64| {
        DateTime::from_timestamp(secs, 0).is_some_and(|t| tz.from_utc_datetime(&t.naive_utc()).naive_local() >= local)
    };
    // Invariant: not reached at lo, reached at hi.
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if reached(mid) { hi = mid } else { lo = mid }
    }
    DateTime::from_timestamp(hi, 0)
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
    fn ordinary_and_dst_days_in_paris() {
        let paris = Tz::EUROPE_PARIS;
        assert_eq!(
            start_of_local_day(paris, day(2025, 1, 15)),
            Some(utc("2025-01-14T23:00:00Z"))
        );
        assert_eq!(
            start_of_local_day(paris, day(2025, 7, 15)),
            Some(utc("2025-07-14T22:00:00Z"))
        );
        // 30 March 2025 is 23 hours long, 26 October 25 hours long.
        let len = |d: NaiveDate| {
            start_of_local_day(paris, d.succ_opt().unwrap()).unwrap() - start_of_local_day(paris, d).unwrap()
        };
        assert_eq!(len(day(2025, 3, 30)), Duration::hours(23));
        assert_eq!(len(day(2025, 10, 26)), Duration::hours(25));
        assert_eq!(len(day(2025, 10, 27)), Duration::hours(24));
    }

    #[test]
    fn midnight_skipped_starts_the_day_at_the_transition() {
        // Chile springs forward at 24:00 on 6 September 2025: local 00:00–00:59 does not exist.
        let santiago = zone("America/Santiago");
        assert_eq!(
            start_of_local_day(santiago, day(2025, 9, 7)),
            Some(utc("2025-09-07T04:00:00Z"))
        );
        // Samoa skipped 30 December 2011 entirely: that day is empty.
        let apia = zone("Pacific/Apia");
        let skipped = start_of_local_day(apia, day(2011, 12, 30)).unwrap();
        assert_eq!(skipped, start_of_local_day(apia, day(2011, 12, 31)).unwrap());
        assert_eq!(skipped, utc("2011-12-30T10:00:00Z"));
    }

    #[test]
    fn midnight_twice_takes_the_earlier() {
        // Chile falls back at 24:00 on 5 April 2025: local 23:00–23:59 on the 5th happens twice, and midnight once.
        let santiago = zone("America/Santiago");
        let start = start_of_local_day(santiago, day(2025, 4, 6)).unwrap();
        assert_eq!(start, utc("2025-04-06T04:00:00Z"));
    }

    #[test]
    fn every_day_starts_at_local_date_boundary() {
        for tz in [
            Tz::EUROPE_PARIS,
            zone("America/Santiago"),
            zone("Australia/Lord_Howe"),
            zone("Asia/Kolkata"),
            Tz::UTC,
        ] {
            let mut d = day(2024, 1, 1);
            while d < day(2026, 1, 1) {
                let start = start_of_local_day(tz, d).unwrap();
                let local = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
                assert!(local(start) >= d, "{tz} {d}");
                assert!(local(start - Duration::seconds(1)) < d, "{tz} {d}");
                d = d.succ_opt().unwrap();
            }
        }
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
