//! How long the user means to practise, chosen before starting.

use chrono::TimeDelta;

use super::{MAX_SESSION_DURATION, PracticeError};

/// The shortest planned duration, in seconds: half a minute, enough for a few breaths.
pub const MIN_PLANNED_SECONDS: u32 = 30;
/// The longest planned duration, in seconds: the longest session (4 hours).
pub const MAX_PLANNED_SECONDS: u32 = 4 * 3600;

/// A planned duration in whole seconds, between [`MIN_PLANNED_SECONDS`] and [`MAX_PLANNED_SECONDS`].
/// Serialized as the number of seconds.
///
/// ```
/// use cesizen_core::practice::PlannedDuration;
///
/// assert_eq!(PlannedDuration::from_minutes(10)?.seconds(), 600);
/// assert_eq!(
///     PlannedDuration::from_seconds(5).unwrap_err().code(),
///     "validation.practice_session.planned_duration_out_of_range"
/// );
/// # Ok::<(), cesizen_core::practice::PracticeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct PlannedDuration(u32);

impl PlannedDuration {
    /// A planned duration of `seconds`.
    ///
    /// # Errors
    /// `validation.practice_session.planned_duration_out_of_range` outside the bounds.
    pub fn from_seconds(seconds: u32) -> Result<Self, PracticeError> {
        if (MIN_PLANNED_SECONDS..=MAX_PLANNED_SECONDS).contains(&seconds) {
            Ok(PlannedDuration(seconds))
        } else {
            Err(PracticeError::PlannedDurationOutOfRange)
        }
    }

    /// A planned duration of `minutes`.
    ///
    /// # Errors
    /// `validation.practice_session.planned_duration_out_of_range` outside the bounds.
    pub fn from_minutes(minutes: u32) -> Result<Self, PracticeError> {
        Self::from_seconds(minutes.saturating_mul(60))
    }

    /// The duration in seconds.
    pub fn seconds(self) -> u32 {
        self.0
    }

    /// The duration.
    pub fn as_time_delta(self) -> TimeDelta {
        TimeDelta::seconds(i64::from(self.0))
    }
}

impl TryFrom<u32> for PlannedDuration {
    type Error = PracticeError;

    fn try_from(seconds: u32) -> Result<Self, Self::Error> {
        PlannedDuration::from_seconds(seconds)
    }
}

impl From<PlannedDuration> for u32 {
    fn from(duration: PlannedDuration) -> Self {
        duration.0
    }
}

// The bounds agree with the session limit.
const _: () = assert!(MAX_SESSION_DURATION.num_seconds() == MAX_PLANNED_SECONDS as i64);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bounds_are_inclusive() {
        assert!(PlannedDuration::from_seconds(MIN_PLANNED_SECONDS).is_ok());
        assert!(PlannedDuration::from_seconds(MAX_PLANNED_SECONDS).is_ok());
        for bad in [0, MIN_PLANNED_SECONDS - 1, MAX_PLANNED_SECONDS + 1, u32::MAX] {
            assert_eq!(
                PlannedDuration::from_seconds(bad),
                Err(PracticeError::PlannedDurationOutOfRange)
            );
        }
        assert_eq!(
            PlannedDuration::from_minutes(u32::MAX),
            Err(PracticeError::PlannedDurationOutOfRange)
        );
        assert_eq!(
            PlannedDuration::from_minutes(240).unwrap().as_time_delta(),
            MAX_SESSION_DURATION
        );
    }

    proptest! {
        #[test]
        fn serde_is_the_number_of_seconds_and_validates(seconds in any::<u32>()) {
            let parsed = serde_json::from_str::<PlannedDuration>(&seconds.to_string());
            match PlannedDuration::from_seconds(seconds) {
                Ok(duration) => {
                    prop_assert_eq!(serde_json::to_string(&duration).unwrap(), seconds.to_string());
                    prop_assert_eq!(parsed.unwrap(), duration);
                }
                Err(_) => prop_assert!(parsed.is_err()),
            }
        }
    }
}
