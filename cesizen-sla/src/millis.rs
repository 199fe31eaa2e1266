//! `Millis`: a duration in whole milliseconds that cannot be negative, the unit of the SLA timers and goals.
//!
//! Durations reach this crate from `cesizen-core` as `chrono::TimeDelta`, which may be negative. Converting one
//! with `u64::try_from(d.num_milliseconds()).unwrap_or(0)` turned a negative duration into a goal of zero
//! without a word; [`Millis::try_from`] refuses it with [`SlaError::NegativeDuration`] instead.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use crate::SlaError;

/// A non-negative duration in whole milliseconds (JSON: the number of milliseconds).
///
/// ```
/// use cesizen_sla::{Millis, SlaError};
/// use chrono::TimeDelta;
/// assert_eq!(Millis::try_from(TimeDelta::hours(2))?, Millis::from_ms(7_200_000));
/// assert_eq!(Millis::try_from(TimeDelta::milliseconds(-1)), Err(SlaError::NegativeDuration));
/// # Ok::<(), SlaError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Millis(u64);

impl Millis {
    /// No time.
    pub const ZERO: Millis = Millis(0);

    /// `ms` milliseconds.
    pub const fn from_ms(ms: u64) -> Self {
        Millis(ms)
    }

    /// The number of milliseconds.
    pub const fn as_ms(self) -> u64 {
        self.0
    }

    /// The same duration as a `TimeDelta` (saturating at `TimeDelta::MAX` milliseconds, about 292 million years).
    pub fn to_time_delta(self) -> TimeDelta {
        TimeDelta::try_milliseconds(i64::try_from(self.0).unwrap_or(i64::MAX)).unwrap_or(TimeDelta::MAX)
    }
}

impl TryFrom<TimeDelta> for Millis {
    type Error = SlaError;

    /// The whole milliseconds of `delta` (sub-millisecond parts are dropped).
    ///
    /// # Errors
    /// [`SlaError::NegativeDuration`] for a negative `delta`.
    fn try_from(delta: TimeDelta) -> Result<Self, SlaError> {
        u64::try_from(delta.num_milliseconds())
            .map(Millis)
            .map_err(|_| SlaError::NegativeDuration)
    }
}

impl From<Millis> for u64 {
    fn from(ms: Millis) -> u64 {
        ms.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negative_duration_is_refused_not_zero() {
        assert_eq!(
            Millis::try_from(TimeDelta::milliseconds(-1)),
            Err(SlaError::NegativeDuration)
        );
        assert_eq!(Millis::try_from(TimeDelta::hours(-8)), Err(SlaError::NegativeDuration));
        assert_eq!(Millis::try_from(TimeDelta::MIN), Err(SlaError::NegativeDuration));
    }

    #[test]
    fn whole_milliseconds_round_trip() {
        assert_eq!(Millis::try_from(TimeDelta::zero()), Ok(Millis::ZERO));
        assert_eq!(Millis::try_from(TimeDelta::microseconds(1_999)), Ok(Millis::from_ms(1)));
        let eight_hours = Millis::try_from(TimeDelta::hours(8)).unwrap();
        assert_eq!(eight_hours.as_ms(), 28_800_000);
        assert_eq!(eight_hours.to_time_delta(), TimeDelta::hours(8));
        assert_eq!(Millis::from_ms(u64::MAX).to_time_delta(), TimeDelta::MAX);
        assert_eq!(serde_json::to_string(&eight_hours).unwrap(), "28800000");
        assert_eq!(serde_json::from_str::<Millis>("28800000").unwrap(), eight_hours);
        assert!(serde_json::from_str::<Millis>("-1").is_err());
    }
}
