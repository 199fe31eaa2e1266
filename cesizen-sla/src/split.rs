//! Splitting outages at period boundaries.
//!
//! An outage from 23:50 on 31 March to 00:20 on 1 April (Paris time) belongs 10 minutes to March and 20 to
//! April. [`split_at`] cuts outages at given instants; [`split_by_periods`] sorts them into consecutive
//! periods. Cutting never changes the total downtime: every piece keeps its weight and the pieces tile the
//! original.

use chrono::{DateTime, Utc};

use crate::interval::to_ms;
use crate::{Interval, Outage, Period};

/// `outages` cut at every instant of `cuts` that falls strictly inside one of them, in input order.
///
/// ```
/// use cesizen_sla::{split_at, Interval, Outage};
/// let o = Outage::full(Interval::from_millis(0, 100).unwrap());
/// let pieces = split_at(&[o], &[chrono::DateTime::from_timestamp_millis(40).unwrap()]);
/// assert_eq!(pieces.iter().map(|p| p.interval().len_ms()).collect::<Vec<_>>(), [40, 60]);
/// ```
pub fn split_at(outages: &[Outage], cuts: &[DateTime<Utc>]) -> Vec<Outage> {
    let mut cuts: Vec<i64> = cuts.iter().map(|c| to_ms(*c)).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces = Vec::with_capacity(outages.len());
    for outage in outages {
        let (start, end) = (outage.interval().start_ms(), outage.interval().end_ms());
        let first_inside = cuts.partition_point(|c| *c <= start);
        let mut from = start;
        for &cut in cuts[first_inside..].iter().take_while(|c| **c < end) {
            pieces.push(Outage::partial(Interval::from_trusted(from, cut), outage.weight()));
            from = cut;
        }
        pieces.push(Outage::partial(Interval::from_trusted(from, end), outage.weight()));
    }
    pieces
}

/// For each period, the parts of `outages` inside it.
pub fn split_by_periods(outages: &[Outage], periods: &[Period]) -> Vec<Vec<Outage>> {
    periods
        .iter()
        .map(|p| {
            outages
                .iter()
                .filter_map(|o| {
                    o.interval()
                        .intersection(&p.interval())
                        .map(|i| Outage::partial(i, o.weight()))
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Ppm, availability};
    use cesizen_core::tz::Tz;

    const PARIS: Tz = Tz::EUROPE_PARIS;
    use proptest::prelude::*;

    #[test]
    fn an_outage_across_a_month_boundary_counts_in_both_months() {
        let march = Period::calendar_month(cesizen_core::CalendarMonth::new(2025, 3).unwrap(), PARIS).unwrap();
        let april = Period::calendar_month(cesizen_core::CalendarMonth::new(2025, 4).unwrap(), PARIS).unwrap();
        let o = Outage::full(
            Interval::new(
                "2025-03-31T21:50:00Z".parse().unwrap(),
                "2025-03-31T22:20:00Z".parse().unwrap(),
            )
            .unwrap(),
        );
        let parts = split_by_periods(&[o], &[march, april]);
        assert_eq!(parts[0][0].interval().len_ms(), 10 * 60_000);
        assert_eq!(parts[1][0].interval().len_ms(), 20 * 60_000);
        assert_eq!(availability(&march, &[o], &[]).downtime_ms(), 10 * 60_000);
    }

    proptest! {
        #[test]
        fn splitting_preserves_total_downtime(
            spans in proptest::collection::vec((0i64..10_000, 0i64..3_000, 0u32..=1_000_000), 0..20),
            cuts in proptest::collection::vec(-100i64..13_000, 0..10),
        ) {
            let outages: Vec<Outage> = spans.iter().map(|&(s, l, w)| Outage::partial(Interval::from_millis(s, s + l).unwrap(), Ppm::new(w).unwrap())).collect();
            let cut_times: Vec<DateTime<Utc>> = cuts.iter().map(|c| DateTime::from_timestamp_millis(*c).unwrap()).collect();
            let pieces = split_at(&outages, &cut_times);
            let weighted = |v: &[Outage]| v.iter().map(|o| u128::from(o.interval().len_ms()) * u128::from(o.weight().get())).sum::<u128>();
            prop_assert_eq!(weighted(&pieces), weighted(&outages));
            prop_assert!(pieces.iter().all(|p| !cuts.iter().any(|c| p.interval().start_ms() < *c && *c < p.interval().end_ms())));
            let whole = Period::from_millis(-1_000, 20_000).unwrap();
            prop_assert_eq!(availability(&whole, &pieces, &[]), availability(&whole, &outages, &[]));

            let mut bounds: Vec<i64> = cuts.clone();
            bounds.extend([-1_000, 20_000]);
            bounds.sort_unstable();
            bounds.dedup();
            let periods: Vec<Period> = bounds.windows(2).filter(|w| w[0] >= -1_000 && w[1] <= 20_000).map(|w| Period::from_millis(w[0], w[1]).unwrap()).collect();
            let per_period: u128 = split_by_periods(&outages, &periods).iter().map(|v| weighted(v)).sum();
            prop_assert_eq!(per_period, weighted(&outages));
        }
    }
}
