//! Availability of a service over a period, from its outages and maintenance windows.
//!
//! - Overlapping outages are merged: an instant is down once, whatever the number of reports.
//! - Outages are clipped to the period: an outage crossing midnight on the 1st counts in each month for its
//!   part in that month.
//! - Maintenance windows leave the denominator: `availability = 1 − downtime / (period − maintenance)`, and
//!   downtime inside a maintenance window does not count.
//! - Partial outages count with their weight; where outages overlap, the largest weight wins.
//!
//! Downtime is kept exact in ppm·ms and reported rounded up to the millisecond; availability is reported
//! rounded down to the ppm; [`Availability::meets`] compares exact values. With outages sorted by start and
//! all full (the usual log), the computation is one pass over the outages, without allocation.

use serde::{Deserialize, Serialize};

use crate::rounding::{div_ceil, div_floor};
use crate::union::clipped_union_len;
use crate::{Interval, Outage, PPM_ONE, Period, SloTarget, merge};

/// The availability of a service over a period.
///
/// ```
/// use cesizen_sla::{availability, Interval, Outage, Period};
/// let april = cesizen_core::CalendarMonth::new(2025, 4).unwrap();
/// let month = Period::calendar_month(april, cesizen_core::tz::Tz::EUROPE_PARIS).unwrap(); // 720 h
/// let down = Interval::new("2025-04-10T10:00:00Z".parse().unwrap(), "2025-04-10T10:43:12Z".parse().unwrap()).unwrap();
/// let a = availability(&month, &[Outage::full(down)], &[]);
/// assert_eq!(a.availability_ppm(), Some(999_000));
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    period_ms: u64,
    maintenance_ms: u64,
    eligible_ms: u64,
    downtime_ms: u64,
    availability_ppm: Option<u32>,
    #[serde(skip)]
    downtime_ppm_ms: u128,
}

impl Availability {
    pub(crate) fn from_parts(period_ms: u64, maintenance_ms: u64, downtime_ppm_ms: u128) -> Self {
        let eligible_ms = period_ms.saturating_sub(maintenance_ms);
        let downtime_ms = u64::try_from(div_ceil(downtime_ppm_ms, u128::from(PPM_ONE))).unwrap_or(eligible_ms);
        let eligible_ppm_ms = u128::from(eligible_ms) * u128::from(PPM_ONE);
        let availability_ppm = (eligible_ms > 0).then(|| {
            let good = eligible_ppm_ms.saturating_sub(downtime_ppm_ms);
            u32::try_from(div_floor(good * u128::from(PPM_ONE), eligible_ppm_ms)).unwrap_or(PPM_ONE)
        });
        Availability {
            period_ms,
            maintenance_ms,
            eligible_ms,
            downtime_ms,
            availability_ppm,
            downtime_ppm_ms,
        }
    }

    /// Length of the period, ms.
    pub fn period_ms(&self) -> u64 {
        self.period_ms
    }

    /// Maintenance inside the period, ms (overlapping windows counted once).
    pub fn maintenance_ms(&self) -> u64 {
        self.maintenance_ms
    }

    /// Period minus maintenance, ms: the denominator.
    pub fn eligible_ms(&self) -> u64 {
        self.eligible_ms
    }

    /// Weighted downtime outside maintenance, ms, rounded up.
    pub fn downtime_ms(&self) -> u64 {
        self.downtime_ms
    }

    /// Exact weighted downtime in ppm·ms (ms × 1 000 000).
    pub fn downtime_ppm_ms(&self) -> u128 {
        self.downtime_ppm_ms
    }

    /// Availability in ppm, rounded down; `None` when maintenance covers the whole period.
    pub fn availability_ppm(&self) -> Option<u32> {
        self.availability_ppm
    }

    /// Whether availability reaches `target`, compared exactly; `None` without eligible time.
    pub fn meets(&self, target: SloTarget) -> Option<bool> {
        let allowed_ppm_ms = u128::from(self.eligible_ms) * u128::from(target.budget_ppm());
        (self.eligible_ms > 0).then_some(self.downtime_ppm_ms <= allowed_ppm_ms)
    }
}

/// Availability against a target: the figures and whether they meet it.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AvailabilityCheck {
    /// The figures.
    pub availability: Availability,
    /// Whether the availability meets the target ([`Availability::meets`]); `None` without eligible time.
    pub meets: Option<bool>,
}

/// The availability over `period` given `outages` and `maintenance` windows ([`availability`]), checked
/// against `target` ([`Availability::meets`]).
pub fn availability_check(
    period: &Period,
    outages: &[Outage],
    maintenance: &[Interval],
    target: SloTarget,
) -> AvailabilityCheck {
    let availability = availability(period, outages, maintenance);
    AvailabilityCheck {
        availability,
        meets: availability.meets(target),
    }
}

/// The availability over `period` given `outages` (any order, may overlap) and `maintenance` windows.
pub fn availability(period: &Period, outages: &[Outage], maintenance: &[Interval]) -> Availability {
    let windows = maintenance_in(period, maintenance);
    let maintenance_ms = windows.iter().map(Interval::len_ms).sum();
    let downtime = weighted_downtime(period, outages, &windows);
    Availability::from_parts(period.len_ms(), maintenance_ms, downtime)
}

/// The maintenance windows clipped to `period`, merged.
fn maintenance_in(period: &Period, maintenance: &[Interval]) -> Vec<Interval> {
    let clipped: Vec<Interval> = maintenance
        .iter()
        .filter_map(|m| m.intersection(&period.interval()))
        .collect();
    merge(&clipped)
}

/// Weighted downtime in ppm·ms inside `period` and outside `windows` (sorted, disjoint).
pub(crate) fn weighted_downtime(period: &Period, outages: &[Outage], windows: &[Interval]) -> u128 {
    let full = |o: &Outage| {
        (
            o.interval().start_ms(),
            o.interval().end_ms(),
            o.weight() == crate::Ppm::ONE,
        )
    };
    let (in_period, fast) = clipped_union_len(outages, full, period.start_ms(), period.end_ms());
    if fast {
        let spans = |o: &Outage| (o.interval().start_ms(), o.interval().end_ms(), true);
        return u128::from(in_period - covered_in_windows(outages, spans, windows)) * u128::from(PPM_ONE);
    }
    weighted_downtime_by_levels(period, outages, windows)
}

/// The general path: sort, then for each distinct weight w (descending) measure the union of the outages
/// weighing at least w; each level adds (w − next lower weight) × its length. This is the integral over
/// time of the largest weight covering each instant.
fn weighted_downtime_by_levels(period: &Period, outages: &[Outage], windows: &[Interval]) -> u128 {
    let mut sorted: Vec<(i64, i64, u32)> = outages
        .iter()
        .filter(|o| o.weight().get() > 0 && !o.interval().is_empty())
        .map(|o| (o.interval().start_ms(), o.interval().end_ms(), o.weight().get()))
        .collect();
    sorted.sort_unstable_by_key(|&(start, _, _)| start);
    let mut levels: Vec<u32> = sorted.iter().map(|&(_, _, w)| w).collect();
    levels.sort_unstable_by(|a, b| b.cmp(a));
    levels.dedup();
    let mut total = 0u128;
    let mut members: Vec<(i64, i64)> = Vec::with_capacity(sorted.len());
    for (k, &w) in levels.iter().enumerate() {
        let next = levels.get(k + 1).copied().unwrap_or(0);
        members.clear();
        members.extend(
            sorted
                .iter()
                .filter(|&&(_, _, weight)| weight >= w)
                .map(|&(s, e, _)| (s, e)),
        );
        let spans = |&(s, e): &(i64, i64)| (s, e, true);
        let (length, _) = clipped_union_len(&members, spans, period.start_ms(), period.end_ms());
        let length = length - covered_in_windows(&members, spans, windows);
        total += u128::from(w - next) * u128::from(length);
    }
    total
}

/// How much of the union of `items` (sorted by start) falls inside `windows`.
fn covered_in_windows<T>(items: &[T], span: impl Fn(&T) -> (i64, i64, bool) + Copy, windows: &[Interval]) -> u64 {
    if windows.is_empty() {
        return 0;
    }
    // No item reaches further than the longest one past its start: the items that can touch a window start at
    // most that far before it, and before its end. Each window then scans only its neighbourhood.
    let longest = items.iter().map(|i| span(i).1 - span(i).0).max().unwrap_or(0);
    windows
        .iter()
        .map(|w| {
            let first = items.partition_point(|i| span(i).0 < w.start_ms().saturating_sub(longest));
            let last = items.partition_point(|i| span(i).0 < w.end_ms());
            clipped_union_len(&items[first..last.max(first)], span, w.start_ms(), w.end_ms()).0
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ppm;
    use proptest::prelude::*;

    const MIN: i64 = 60_000;

    fn iv(a: i64, b: i64) -> Interval {
        Interval::from_millis(a * MIN, b * MIN).unwrap()
    }

    fn day() -> Period {
        Period::from_millis(0, 1440 * MIN).unwrap()
    }

    #[test]
    fn overlaps_count_once_and_are_clipped_to_the_period() {
        let outages = [
            Outage::full(iv(-30, 30)),
            Outage::full(iv(10, 40)),
            Outage::full(iv(1430, 1500)),
        ];
        let a = availability(&day(), &outages, &[]);
        assert_eq!(a.downtime_ms(), 50 * 60_000);
        assert_eq!(a.availability_ppm(), Some(965_277));
    }

    #[test]
    fn maintenance_leaves_the_denominator_and_its_downtime_does_not_count() {
        // 60 min of maintenance, an outage of 40 min of which 20 inside the maintenance.
        let a = availability(&day(), &[Outage::full(iv(100, 140))], &[iv(120, 180), iv(150, 170)]);
        assert_eq!(
            (a.maintenance_ms(), a.eligible_ms(), a.downtime_ms()),
            (60 * 60_000, 1380 * 60_000, 20 * 60_000)
        );
        let all_maintenance = availability(&day(), &[Outage::full(iv(0, 10))], &[iv(-5, 2000)]);
        assert_eq!(
            (
                all_maintenance.availability_ppm(),
                all_maintenance.meets(SloTarget::new(999_000).unwrap())
            ),
            (None, None)
        );
    }

    #[test]
    fn partial_outages_weigh_and_the_largest_weight_wins() {
        let half = Ppm::new(500_000).unwrap();
        let outages = [
            Outage::partial(iv(0, 60), half),
            Outage::full(iv(30, 40)),
            Outage::partial(iv(50, 70), Ppm::new(250_000).unwrap()),
        ];
        let a = availability(&day(), &outages, &[]);
        // 0–30 at 50 %, 30–40 full, 40–60 at 50 %, 60–70 at 25 %: 15 + 10 + 10 + 2.5 = 37.5 min.
        assert_eq!(a.downtime_ppm_ms(), 37 * 60_000 * 1_000_000 + 30_000 * 1_000_000);
        assert_eq!(a.downtime_ms(), 2_250_000);
    }

    #[test]
    fn meets_compares_exactly() {
        // 99.9 % of 1 440 min allows 1.44 min = 86 400 ms.
        let target = SloTarget::new(999_000).unwrap();
        let at = |ms| availability(&day(), &[Outage::full(Interval::from_millis(0, ms).unwrap())], &[]);
        assert_eq!(at(86_400).meets(target), Some(true));
        assert_eq!(at(86_401).meets(target), Some(false));
    }

    fn outages() -> impl Strategy<Value = Vec<Outage>> {
        proptest::collection::vec(
            (
                -100i64..1600,
                0i64..300,
                prop_oneof![Just(1_000_000u32), 0u32..=1_000_000],
            ),
            0..30,
        )
        .prop_map(|v| {
            v.into_iter()
                .map(|(s, l, w)| Outage::partial(iv(s, s + l), Ppm::new(w).unwrap()))
                .collect()
        })
    }

    fn windows() -> impl Strategy<Value = Vec<Interval>> {
        proptest::collection::vec((-100i64..1600, 0i64..300), 0..4)
            .prop_map(|v| v.into_iter().map(|(s, l)| iv(s, s + l)).collect())
    }

    #[test]
    fn the_check_holds_the_figures_and_the_verdict() {
        let target = SloTarget::new(999_000).unwrap();
        let outage = [Outage::full(Interval::from_millis(0, 86_401).unwrap())];
        let check = availability_check(&day(), &outage, &[], target);
        assert_eq!(check.availability, availability(&day(), &outage, &[]));
        assert_eq!(check.meets, Some(false));
        assert_eq!(
            serde_json::to_value(check).unwrap()["meets"],
            serde_json::Value::Bool(false)
        );
        let none = availability_check(&day(), &[], &[iv(-5, 2000)], target);
        assert_eq!(none.meets, None);
    }

    proptest! {
        #[test]
        fn the_check_agrees_with_meets(o in outages(), m in windows(), ppm in 1u32..1_000_000) {
            let target = SloTarget::new(ppm).unwrap();
            let check = availability_check(&day(), &o, &m, target);
            let a = availability(&day(), &o, &m);
            prop_assert_eq!(check.availability, a);
            prop_assert_eq!(check.meets, a.meets(target));
            prop_assert_eq!(check.meets.is_none(), a.availability_ppm().is_none());
        }

        #[test]
        fn availability_is_between_0_and_1(o in outages(), m in windows()) {
            let a = availability(&day(), &o, &m);
            prop_assert!(a.downtime_ms() <= a.eligible_ms());
            if let Some(ppm) = a.availability_ppm() {
                prop_assert!(ppm <= PPM_ONE);
            }
        }

        #[test]
        fn fast_path_and_general_path_agree(o in outages(), m in windows()) {
            let full: Vec<Outage> = o.iter().map(|x| Outage::full(x.interval())).collect();
            let mut sorted = full.clone();
            sorted.sort_by_key(|x| x.interval().start_ms());
            let period = day();
            let w = maintenance_in(&period, &m);
            prop_assert_eq!(weighted_downtime(&period, &sorted, &w), weighted_downtime_by_levels(&period, &full, &w));
        }

        #[test]
        fn result_ignores_order_and_duplicates(o in outages(), m in windows()) {
            let a = availability(&day(), &o, &m);
            let mut shuffled = o.clone();
            shuffled.reverse();
            shuffled.extend(o.iter().copied());
            prop_assert_eq!(availability(&day(), &shuffled, &m), a);
        }

        #[test]
        fn brute_force_per_minute(o in outages(), m in windows()) {
            // Outages on whole minutes: weigh each minute by the largest weight covering it.
            let a = availability(&day(), &o, &m);
            let mut expected: u128 = 0;
            for t in 0..1440i64 {
                let inside = |i: &Interval| i.start_ms() <= t * MIN && t * MIN < i.end_ms();
                if m.iter().any(inside) {
                    continue;
                }
                let w = o.iter().filter(|x| inside(&x.interval())).map(|x| x.weight().get()).max().unwrap_or(0);
                expected += u128::from(w) * 60_000;
            }
            prop_assert_eq!(a.downtime_ppm_ms(), expected);
        }
    }
}
