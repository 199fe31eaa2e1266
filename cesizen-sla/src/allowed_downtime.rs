//! Allowed downtime: how much unavailability a target leaves over a period.
//!
//! `allowed = period × (1 − target)`, rounded down to the millisecond (see [the rounding rule](crate::rounding)).
//! The plan's table assumes 30-day months: 99.5 % → 3 h 36 min, 99.9 % → 43 min (43.2), 99.95 % → 21 min
//! (21.6), 99.99 % → 4 min (4.32); the plan drops the fractions, which is this rule applied to minutes. A
//! calendar month in a time zone gives the true figure of that month: 99.9 % of Paris's March (743 h) is
//! 44 min 34.8 s.

use cesizen_core::CalendarMonth;
use cesizen_core::tz::Tz;
use serde::{Deserialize, Serialize};

use crate::rounding::div_floor;
use crate::{PPM_ONE, Period, SlaError, SloTarget};

/// The downtime `target` allows over `period_ms` milliseconds, rounded down.
///
/// ```
/// use cesizen_sla::{allowed_downtime_ms, SloTarget};
/// let thirty_days = 30 * 86_400_000;
/// assert_eq!(allowed_downtime_ms(SloTarget::new(995_000).unwrap(), thirty_days), (3 * 60 + 36) * 60_000);
/// ```
pub fn allowed_downtime_ms(target: SloTarget, period_ms: u64) -> u64 {
    let allowed = div_floor(
        u128::from(period_ms) * u128::from(target.budget_ppm()),
        u128::from(PPM_ONE),
    );
    // At most period_ms, so it fits.
    u64::try_from(allowed).unwrap_or(period_ms)
}

/// The downtime `target` allows over `period`.
pub fn allowed_downtime_in(target: SloTarget, period: &Period) -> u64 {
    allowed_downtime_ms(target, period.len_ms())
}

/// The downtime `target` allows over calendar month `month` in `time_zone`.
///
/// # Errors
/// As [`Period::calendar_month`].
pub fn allowed_downtime_for_month(target: SloTarget, month: CalendarMonth, time_zone: Tz) -> Result<u64, SlaError> {
    Ok(allowed_downtime_in(target, &Period::calendar_month(month, time_zone)?))
}

/// The downtime `target` allows over a rolling window of `days` × 24 h.
pub fn allowed_downtime_rolling(target: SloTarget, days: u32) -> u64 {
    allowed_downtime_ms(target, rolling_days_ms(days))
}

/// The length of `days` × 24 h, in milliseconds.
fn rolling_days_ms(days: u32) -> u64 {
    u64::from(days) * 86_400_000
}

/// A period's length and the downtime a target allows over it: what a binding or a report shows.
///
/// ```
/// use cesizen_sla::{AllowedDowntime, SloTarget};
/// use cesizen_core::tz::Tz;
/// let target = SloTarget::new(999_000).unwrap();
/// let march = cesizen_core::CalendarMonth::new(2025, 3).unwrap();
/// let march = AllowedDowntime::in_month(target, march, Tz::EUROPE_PARIS).unwrap();
/// assert_eq!((march.period_ms, march.allowed_ms), (743 * 3_600_000, 2_674_800));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct AllowedDowntime {
    /// The period's length, in milliseconds.
    pub period_ms: u64,
    /// The downtime the target allows over it, rounded down to the millisecond.
    pub allowed_ms: u64,
}

impl AllowedDowntime {
    /// Over `period`.
    pub fn over(target: SloTarget, period: &Period) -> Self {
        AllowedDowntime {
            period_ms: period.len_ms(),
            allowed_ms: allowed_downtime_in(target, period),
        }
    }

    /// Over a rolling window of `days` × 24 h.
    pub fn rolling(target: SloTarget, days: u32) -> Self {
        AllowedDowntime {
            period_ms: rolling_days_ms(days),
            allowed_ms: allowed_downtime_rolling(target, days),
        }
    }

    /// Over calendar month `month` in `time_zone` (DST months are an hour shorter or longer).
    ///
    /// # Errors
    /// As [`Period::calendar_month`].
    pub fn in_month(target: SloTarget, month: CalendarMonth, time_zone: Tz) -> Result<Self, SlaError> {
        Ok(Self::over(target, &Period::calendar_month(month, time_zone)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const PARIS: Tz = Tz::EUROPE_PARIS;
    use proptest::prelude::*;

    const MIN: u64 = 60_000;

    fn target(ppm: u32) -> SloTarget {
        SloTarget::new(ppm).unwrap()
    }

    #[test]
    fn plan_table_web_app_99_5_is_3h36_over_30_days() {
        assert_eq!(allowed_downtime_rolling(target(995_000), 30), 216 * MIN);
    }

    #[test]
    fn plan_table_core_api_99_9_is_43_min_over_30_days() {
        let ms = allowed_downtime_rolling(target(999_000), 30);
        assert_eq!((ms, ms / MIN), (2_592_000, 43));
    }

    #[test]
    fn plan_table_database_99_95_is_21_min_over_30_days() {
        let ms = allowed_downtime_rolling(target(999_500), 30);
        assert_eq!((ms, ms / MIN), (1_296_000, 21));
    }

    #[test]
    fn plan_table_cdn_99_99_is_4_min_over_30_days() {
        let ms = allowed_downtime_rolling(target(999_900), 30);
        assert_eq!((ms, ms / MIN), (259_200, 4));
    }

    #[test]
    fn plan_table_authentication_99_9_is_43_min_over_30_days() {
        assert_eq!(allowed_downtime_rolling(target(999_000), 30) / MIN, 43);
    }

    #[test]
    fn dst_and_leap_months_in_paris() {
        let api = target(999_000);
        assert_eq!(
            allowed_downtime_for_month(api, CalendarMonth::new(2025, 3).unwrap(), PARIS).unwrap(),
            743 * 3_600
        );
        assert_eq!(
            allowed_downtime_for_month(api, CalendarMonth::new(2025, 10).unwrap(), PARIS).unwrap(),
            745 * 3_600
        );
        assert_eq!(
            allowed_downtime_for_month(api, CalendarMonth::new(2024, 2).unwrap(), PARIS).unwrap(),
            696 * 3_600
        );
        assert_eq!(
            allowed_downtime_for_month(api, CalendarMonth::new(2025, 2).unwrap(), PARIS).unwrap(),
            672 * 3_600
        );
        // 99.99 % of 743 h = 267.48 s, rounded down to the millisecond.
        assert_eq!(
            allowed_downtime_for_month(target(999_900), CalendarMonth::new(2025, 3).unwrap(), PARIS).unwrap(),
            267_480
        );
        // 99.95 % of one leap-year February in ms: 696 h × 0.0005 = 1 252.8 s.
        assert_eq!(
            allowed_downtime_for_month(target(999_500), CalendarMonth::new(2024, 2).unwrap(), PARIS).unwrap(),
            1_252_800
        );
    }

    proptest! {
        #[test]
        fn allowed_is_exact_floor_and_monotonic(ppm in 1u32..1_000_000, period in 0u64..u64::MAX / 2) {
            let a = allowed_downtime_ms(target(ppm), period);
            let exact_times_million = u128::from(period) * u128::from(PPM_ONE - ppm);
            prop_assert!(u128::from(a) * 1_000_000 <= exact_times_million);
            prop_assert!((u128::from(a) + 1) * 1_000_000 > exact_times_million);
            if ppm < 999_999 {
                prop_assert!(allowed_downtime_ms(target(ppm + 1), period) <= a);
            }
        }
    }
}
