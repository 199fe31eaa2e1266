//! Error budgets, burn rates and time to exhaustion.
//!
//! The error budget of a target over a period is what the target allows to fail: `(1 − target) × eligible`,
//! in milliseconds for time-based SLOs or in events for request-based ones. The burn rate is how fast it is
//! spent relative to the sustainable pace: `error ratio / (1 − target)`; at 1× the budget lasts exactly the
//! period, at 14.4× a 30-day budget is gone in 50 hours.

use serde::{Deserialize, Serialize};

use crate::rounding::{div_ceil, div_floor, div_floor_signed};
use crate::{Availability, PPM_ONE, SlaError, SloTarget};

/// Bad and total units (events, or milliseconds) over a window; `bad <= total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "ErrorCountsRecord")]
pub struct ErrorCounts {
    bad: u64,
    total: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ErrorCountsRecord {
    bad: u64,
    total: u64,
}

impl TryFrom<ErrorCountsRecord> for ErrorCounts {
    type Error = SlaError;

    fn try_from(r: ErrorCountsRecord) -> Result<Self, Self::Error> {
        ErrorCounts::new(r.bad, r.total)
    }
}

impl ErrorCounts {
    /// `bad` out of `total`.
    ///
    /// # Errors
    /// [`SlaError::BadExceedsTotal`].
    pub fn new(bad: u64, total: u64) -> Result<Self, SlaError> {
        if bad > total {
            Err(SlaError::BadExceedsTotal)
        } else {
            Ok(ErrorCounts { bad, total })
        }
    }

    /// Downtime (rounded up) over eligible time of an availability.
    pub fn from_availability(a: &Availability) -> Self {
        ErrorCounts {
            bad: a.downtime_ms().min(a.eligible_ms()),
            total: a.eligible_ms(),
        }
    }

    /// Bad units.
    pub fn bad(&self) -> u64 {
        self.bad
    }

    /// Total units.
    pub fn total(&self) -> u64 {
        self.total
    }
}

/// A burn rate in millionths of the sustainable pace: 1 000 000 is 1×, 14 400 000 is 14.4×.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(type = "number"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BurnRate(u64);

impl BurnRate {
    /// A burn rate of `micro` millionths.
    pub fn from_micro(micro: u64) -> Self {
        BurnRate(micro)
    }

    /// The burn rate `counts` show against `target`, rounded up; `None` without traffic.
    ///
    /// ```
    /// use cesizen_sla::{BurnRate, ErrorCounts, SloTarget};
    /// let counts = ErrorCounts::new(144, 10_000).unwrap(); // 1.44 % errors
    /// let rate = BurnRate::observed(counts, SloTarget::new(999_000).unwrap()).unwrap();
    /// assert_eq!(rate.to_string(), "14.4×");
    /// ```
    pub fn observed(counts: ErrorCounts, target: SloTarget) -> Option<BurnRate> {
        (counts.total > 0).then(|| {
            let one = u128::from(PPM_ONE);
            let micro = div_ceil(
                u128::from(counts.bad) * one * one,
                u128::from(counts.total) * u128::from(target.budget_ppm()),
            );
            BurnRate(u64::try_from(micro).unwrap_or(u64::MAX))
        })
    }

    /// Millionths of the sustainable pace.
    pub fn micro(self) -> u64 {
        self.0
    }
}

impl core::fmt::Display for BurnRate {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}×", crate::ppm::decimal_string(u128::from(self.0), 6))
    }
}

/// The error budget of a target over an amount of eligible units, and how much of it was consumed.
///
/// ```
/// use cesizen_sla::{ErrorBudget, SloTarget};
/// // Core API, 30 days: 43.2 min allowed, 20 min used.
/// let b = ErrorBudget::new(SloTarget::new(999_000).unwrap(), 30 * 86_400_000, 20 * 60_000);
/// assert_eq!(b.allowed(), 2_592_000);
/// assert_eq!(b.remaining(), 1_392_000);
/// assert_eq!(b.remaining_ppm(), Some(537_037));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBudget {
    target: SloTarget,
    eligible: u64,
    allowed: u64,
    consumed: u64,
}

impl ErrorBudget {
    /// The budget of `target` over `eligible` units, of which `consumed` failed.
    pub fn new(target: SloTarget, eligible: u64, consumed: u64) -> Self {
        let allowed = crate::allowed_downtime_ms(target, eligible);
        ErrorBudget {
            target,
            eligible,
            allowed,
            consumed,
        }
    }

    /// The budget of an availability measurement (milliseconds).
    pub fn from_availability(a: &Availability, target: SloTarget) -> Self {
        ErrorBudget::new(target, a.eligible_ms(), a.downtime_ms())
    }

    /// Allowed units, rounded down.
    pub fn allowed(&self) -> u64 {
        self.allowed
    }

    /// Consumed units.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Allowed minus consumed; negative once overspent.
    pub fn remaining(&self) -> i64 {
        let remaining = i128::from(self.allowed) - i128::from(self.consumed);
        i64::try_from(remaining).unwrap_or(if remaining < 0 { i64::MIN } else { i64::MAX })
    }

    /// The remaining share of the budget in ppm, rounded down (negative once overspent); `None` for an empty
    /// budget.
    pub fn remaining_ppm(&self) -> Option<i64> {
        (self.allowed > 0).then(|| {
            let share = div_floor_signed(
                i128::from(self.remaining()) * i128::from(PPM_ONE),
                i128::from(self.allowed),
            );
            i64::try_from(share).unwrap_or(i64::MIN)
        })
    }

    /// Whether nothing is left.
    pub fn is_exhausted(&self) -> bool {
        self.consumed >= self.allowed
    }

    /// The average burn rate so far, when `elapsed` of the `eligible` units have passed.
    pub fn average_burn_rate(&self, elapsed: u64) -> Option<BurnRate> {
        BurnRate::observed(
            ErrorCounts {
                bad: self.consumed.min(elapsed),
                total: elapsed,
            },
            self.target,
        )
    }

    /// How long until the budget is gone if failures continue as in `recent`, rounded down: the remaining
    /// units divided by the recent error ratio. `Some(0)` when already exhausted, `None` when `recent` shows
    /// no failure (the budget never runs out at that pace).
    pub fn time_to_exhaustion(&self, recent: ErrorCounts) -> Option<u64> {
        if self.is_exhausted() {
            return Some(0);
        }
        (recent.bad > 0).then(|| {
            let remaining = u128::from(self.allowed - self.consumed);
            u64::try_from(div_floor(remaining * u128::from(recent.total), u128::from(recent.bad))).unwrap_or(u64::MAX)
        })
    }

    /// Where the budget stands: its figures, the time to exhaustion at the `recent` pace
    /// ([`ErrorBudget::time_to_exhaustion`]) and the average burn rate after `elapsed` units
    /// ([`ErrorBudget::average_burn_rate`]).
    pub fn status(&self, recent: ErrorCounts, elapsed: u64) -> ErrorBudgetStatus {
        ErrorBudgetStatus {
            allowed: self.allowed(),
            consumed: self.consumed(),
            remaining: self.remaining(),
            remaining_ppm: self.remaining_ppm(),
            exhausted: self.is_exhausted(),
            time_to_exhaustion_ms: self.time_to_exhaustion(recent),
            average_burn_rate_micro: self.average_burn_rate(elapsed).map(BurnRate::micro),
        }
    }

    /// The target.
    pub fn target(&self) -> SloTarget {
        self.target
    }

    /// Eligible units.
    pub fn eligible(&self) -> u64 {
        self.eligible
    }
}

/// Where an error budget stands ([`ErrorBudget::status`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct ErrorBudgetStatus {
    /// Units the target allows to fail.
    pub allowed: u64,
    /// Units spent.
    pub consumed: u64,
    /// Units left (negative once overspent).
    pub remaining: i64,
    /// What is left, in ppm of the budget (negative once overspent); `None` for an empty budget.
    pub remaining_ppm: Option<i64>,
    /// Whether nothing is left.
    pub exhausted: bool,
    /// At the recent rate, the time until nothing is left; `None` when the budget does not shrink.
    pub time_to_exhaustion_ms: Option<u64>,
    /// The average burn rate so far, in millionths; `None` for an empty elapsed time.
    pub average_burn_rate_micro: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn api() -> SloTarget {
        SloTarget::new(999_000).unwrap()
    }

    #[test]
    fn burn_rates_display_exactly() {
        assert_eq!(
            BurnRate::observed(ErrorCounts::new(1, 1000).unwrap(), api())
                .unwrap()
                .to_string(),
            "1×"
        );
        assert_eq!(
            BurnRate::observed(ErrorCounts::new(6, 1000).unwrap(), api())
                .unwrap()
                .micro(),
            6_000_000
        );
        assert_eq!(BurnRate::observed(ErrorCounts::new(0, 0).unwrap(), api()), None);
        // 1/3 of the budget pace rounds up: 0.333334×.
        assert_eq!(
            BurnRate::observed(ErrorCounts::new(1, 3000).unwrap(), api())
                .unwrap()
                .to_string(),
            "0.333334×"
        );
        assert_eq!(
            ErrorCounts::new(2, 1).unwrap_err().code(),
            "sla.counts.bad_exceeds_total"
        );
    }

    #[test]
    fn time_to_exhaustion_at_14_4x_is_50_hours_for_a_fresh_30_day_budget() {
        let budget = ErrorBudget::new(api(), 30 * 86_400_000, 0);
        let recent = ErrorCounts::new(144, 10_000).unwrap();
        assert_eq!(budget.time_to_exhaustion(recent), Some(50 * 3_600_000));
        assert_eq!(budget.time_to_exhaustion(ErrorCounts::new(0, 10).unwrap()), None);
        let spent = ErrorBudget::new(api(), 30 * 86_400_000, 2_592_000);
        assert!(spent.is_exhausted());
        assert_eq!(
            (spent.time_to_exhaustion(recent), spent.remaining_ppm()),
            (Some(0), Some(0))
        );
        let over = ErrorBudget::new(api(), 30 * 86_400_000, 3_888_000);
        assert_eq!((over.remaining(), over.remaining_ppm()), (-1_296_000, Some(-500_000)));
    }

    #[test]
    fn average_burn_rate_over_the_elapsed_part() {
        // Half the period gone, half the budget used: 1×.
        let b = ErrorBudget::new(api(), 1_000_000, 500);
        assert_eq!(b.average_burn_rate(500_000).unwrap().micro(), 1_000_000);
    }

    #[test]
    fn the_status_gathers_the_budget_s_figures() {
        // 30 days at 99.9 %: 2 592 000 ms allowed, 1 200 000 used, failing at 1 % lately, half the period gone.
        let b = ErrorBudget::new(api(), 30 * 86_400_000, 1_200_000);
        let s = b.status(ErrorCounts::new(1, 100).unwrap(), 15 * 86_400_000);
        assert_eq!(
            s,
            ErrorBudgetStatus {
                allowed: 2_592_000,
                consumed: 1_200_000,
                remaining: 1_392_000,
                remaining_ppm: Some(537_037),
                exhausted: false,
                time_to_exhaustion_ms: Some(139_200_000),
                average_burn_rate_micro: Some(925_926),
            }
        );
        let empty = ErrorBudget::new(api(), 0, 0).status(ErrorCounts::new(0, 0).unwrap(), 0);
        assert_eq!(
            (
                empty.remaining_ppm,
                empty.exhausted,
                empty.time_to_exhaustion_ms,
                empty.average_burn_rate_micro
            ),
            (None, true, Some(0), None)
        );
    }

    proptest! {
        #[test]
        fn the_status_agrees_with_the_budget(ppm in 1u32..1_000_000, eligible in 0u64..1u64 << 40, consumed in 0u64..1u64 << 40, bad in 0u64..1000, extra in 0u64..1000, elapsed in 0u64..1u64 << 40) {
            let b = ErrorBudget::new(SloTarget::new(ppm).unwrap(), eligible, consumed);
            let recent = ErrorCounts::new(bad, bad + extra).unwrap();
            let s = b.status(recent, elapsed);
            prop_assert_eq!(i128::from(s.remaining) + i128::from(s.consumed), i128::from(s.allowed));
            prop_assert_eq!(s.exhausted, s.remaining <= 0);
            prop_assert_eq!(s.remaining_ppm, b.remaining_ppm());
            prop_assert_eq!(s.time_to_exhaustion_ms, b.time_to_exhaustion(recent));
            prop_assert_eq!(s.average_burn_rate_micro, b.average_burn_rate(elapsed).map(BurnRate::micro));
            prop_assert_eq!(s.exhausted, s.time_to_exhaustion_ms == Some(0));
        }

        #[test]
        fn remaining_plus_consumed_is_allowed(ppm in 1u32..1_000_000, eligible in 0u64..1u64 << 50, consumed in 0u64..1u64 << 50) {
            let b = ErrorBudget::new(SloTarget::new(ppm).unwrap(), eligible, consumed);
            prop_assert_eq!(i128::from(b.remaining()) + i128::from(consumed), i128::from(b.allowed()));
            prop_assert_eq!(b.is_exhausted(), b.remaining() <= 0);
            if let Some(share) = b.remaining_ppm() {
                prop_assert!(share <= 1_000_000);
            }
        }

        #[test]
        fn burn_rate_rounds_up(bad in 0u64..1_000_000, extra in 0u64..1_000_000, ppm in 1u32..1_000_000) {
            let counts = ErrorCounts::new(bad, bad + extra + 1).unwrap();
            let target = SloTarget::new(ppm).unwrap();
            let rate = BurnRate::observed(counts, target).unwrap().micro();
            let lhs = u128::from(rate) * u128::from(counts.total()) * u128::from(target.budget_ppm());
            let exact = u128::from(counts.bad()) * 1_000_000_000_000;
            prop_assert!(lhs >= exact);
            prop_assert!(rate == 0 || u128::from(rate - 1) * u128::from(counts.total()) * u128::from(target.budget_ppm()) < exact);
        }
    }
}
