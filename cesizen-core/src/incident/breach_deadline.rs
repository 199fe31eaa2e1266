//! The GDPR Art. 33 deadline for notifying a personal-data breach to the supervisory authority.
//!
//! Art. 33(1): the controller notifies "without undue delay and, where feasible, not later than 72 hours
//! after having become aware of it". The 72 hours are clock hours (no business calendar), counted from the
//! moment of awareness. A notification made exactly at the deadline is on time; one instant later is late and,
//! under Art. 33(1), must come with the reasons for the delay.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// The Art. 33 notification window, in hours.
pub const ART33_NOTIFICATION_HOURS: i64 = 72;

/// The notification clock of one personal-data breach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BreachNotificationClock {
    aware_at: DateTime<Utc>,
}

impl BreachNotificationClock {
    /// Starts the clock at the moment the controller became aware of the breach.
    pub fn new(aware_at: DateTime<Utc>) -> Self {
        BreachNotificationClock { aware_at }
    }

    /// When the controller became aware of the breach.
    pub fn aware_at(&self) -> DateTime<Utc> {
        self.aware_at
    }

    /// The latest on-time notification instant: awareness + 72 h (the end of representable time for an
    /// awareness instant within 72 h of it).
    ///
    /// ```
    /// use cesizen_core::incident::BreachNotificationClock;
    /// let aware = "2025-03-28T10:00:00Z".parse().unwrap();
    /// // 72 clock hours, across the spring-forward night in Paris.
    /// assert_eq!(BreachNotificationClock::new(aware).deadline().to_rfc3339(), "2025-03-31T10:00:00+00:00");
    /// ```
    pub fn deadline(&self) -> DateTime<Utc> {
        self.aware_at
            .checked_add_signed(TimeDelta::hours(ART33_NOTIFICATION_HOURS))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// Time left before the deadline at `now`; negative once it has passed.
    pub fn remaining(&self, now: DateTime<Utc>) -> TimeDelta {
        self.deadline() - now
    }

    /// Whether a notification at `now` would be late (strictly after the deadline).
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        now > self.deadline()
    }

    /// Where the clock stands at `now`: [`BreachNotificationClock::deadline`],
    /// [`BreachNotificationClock::is_overdue`] and [`BreachNotificationClock::remaining`].
    pub fn status(&self, now: DateTime<Utc>) -> BreachDeadline {
        BreachDeadline {
            deadline: self.deadline(),
            overdue: self.is_overdue(now),
            remaining_ms: self.remaining(now).num_milliseconds(),
        }
    }
}

/// Where the Art. 33 notification clock stands ([`BreachNotificationClock::status`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreachDeadline {
    /// 72 hours after awareness (RFC 3339).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub deadline: DateTime<Utc>,
    /// Whether `now` is past it.
    pub overdue: bool,
    /// Milliseconds left (negative once past).
    pub remaining_ms: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_status_agrees_with_the_clock(aware in 0i64..4_000_000_000, offset in -1_000_000i64..1_000_000) {
            let aware = DateTime::from_timestamp(aware, 0).unwrap();
            let now = aware + TimeDelta::seconds(offset);
            let clock = BreachNotificationClock::new(aware);
            let s = clock.status(now);
            prop_assert_eq!(s.deadline, clock.deadline());
            prop_assert_eq!(s.overdue, clock.is_overdue(now));
            prop_assert_eq!(s.remaining_ms, clock.remaining(now).num_milliseconds());
            prop_assert_eq!(s.overdue, s.remaining_ms < 0);
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn deadline_is_72_clock_hours_after_awareness() {
        let clock = BreachNotificationClock::new(at("2024-02-27T23:30:00Z"));
        // Leap year: 27 Feb + 72 h crosses 29 Feb.
        assert_eq!(clock.deadline(), at("2024-03-01T23:30:00Z"));
    }

    #[test]
    fn the_end_of_time_does_not_panic() {
        let clock = BreachNotificationClock::new(DateTime::<Utc>::MAX_UTC - TimeDelta::hours(1));
        assert_eq!(clock.deadline(), DateTime::<Utc>::MAX_UTC);
        assert!(!clock.is_overdue(DateTime::<Utc>::MAX_UTC));
    }

    #[test]
    fn exactly_at_the_deadline_is_on_time_one_ms_later_is_late() {
        let clock = BreachNotificationClock::new(at("2025-10-24T08:00:00Z"));
        let deadline = clock.deadline();
        assert!(!clock.is_overdue(deadline));
        assert_eq!(clock.remaining(deadline), TimeDelta::zero());
        assert!(clock.is_overdue(deadline + TimeDelta::milliseconds(1)));
        assert_eq!(clock.remaining(deadline + TimeDelta::hours(1)), TimeDelta::hours(-1));
    }
}
