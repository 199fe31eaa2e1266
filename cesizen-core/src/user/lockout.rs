//! Per-account lockout: after too many failed sign-ins in a short time, the account refuses attempts for a while.
//!
//! This is the CNIL's "temporisation" for password-only authentication, the brake that makes guessing a
//! 12-character password hopeless. The default policy locks an account for **15 minutes after 5 failures within
//! 15 minutes** (the first and fifth failure less than 15 minutes apart).
//!
//! The decision is a pure function of the account's recent attempts and `now`, so the server stores attempts
//! and asks; nothing here keeps state. The attempts are replayed in time order:
//!
//! - a success clears the failures before it;
//! - a failure that brings the failures of the last window to the limit locks the account from that failure's
//!   time for the lock duration, and the count restarts from zero;
//! - attempts made while the account was locked are ignored: the server should refuse them without checking
//!   the password, and if it recorded them anyway they neither extend nor shorten the lock;
//! - attempts stamped after `now` are ignored; at equal times failures are replayed before successes.
//!
//! The account is locked at `now` when a lock's end is strictly after `now`; `retry_after_seconds` is the
//! remaining time rounded up, ready for an HTTP `Retry-After` header.
//!
//! ```
//! use cesizen_core::user::{LockoutDecision, LockoutPolicy, LoginAttempt};
//! use chrono::{Duration, TimeZone, Utc};
//!
//! let start = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
//! let failures: Vec<_> = (0..5).map(|i| LoginAttempt::failed(start + Duration::minutes(i))).collect();
//! let now = start + Duration::minutes(10);
//! assert_eq!(
//!     LockoutPolicy::default().decide(&failures, now),
//!     LockoutDecision::Locked { until: start + Duration::minutes(19), retry_after_seconds: 540 },
//! );
//! ```

use chrono::{DateTime, TimeDelta, Utc};

use super::UserError;

/// One sign-in attempt on an account.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginAttempt {
    /// When the attempt was made.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub at: DateTime<Utc>,
    /// Whether the password was right.
    pub succeeded: bool,
}

impl LoginAttempt {
    /// A failed attempt at `at`.
    pub fn failed(at: DateTime<Utc>) -> Self {
        LoginAttempt { at, succeeded: false }
    }

    /// A successful attempt at `at`.
    pub fn succeeded(at: DateTime<Utc>) -> Self {
        LoginAttempt { at, succeeded: true }
    }
}

/// Whether an account may try to sign in now. Serialized with a `decision` tag: `{"decision": "allowed",
/// "remainingFailures": 3}` or `{"decision": "locked", "until": "…", "retryAfterSeconds": 540}`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "decision", rename_all = "lowercase", rename_all_fields = "camelCase")]
pub enum LockoutDecision {
    /// The account may try; this many more failures within the window would lock it.
    Allowed {
        /// Failures left before a lock (at least 1).
        remaining_failures: u32,
    },
    /// The account is locked.
    Locked {
        /// When the lock ends.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        until: DateTime<Utc>,
        /// Seconds until the lock ends, rounded up (at least 1).
        retry_after_seconds: u64,
    },
}

/// The most a window or a lock may last: beyond a day a lockout becomes a denial of service on the owner.
pub const MAX_LOCKOUT_DURATION: TimeDelta = TimeDelta::days(1);

/// How many failures, within which window, lock an account for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    max_failures: u32,
    window: TimeDelta,
    lock_duration: TimeDelta,
}

impl Default for LockoutPolicy {
    /// 5 failures within 15 minutes lock the account for 15 minutes.
    fn default() -> Self {
        LockoutPolicy {
            max_failures: 5,
            window: TimeDelta::minutes(15),
            lock_duration: TimeDelta::minutes(15),
        }
    }
}

impl LockoutPolicy {
    /// A policy locking for `lock_duration` after `max_failures` failures within `window`.
    ///
    /// # Errors
    /// `validation.lockout_policy.invalid` when `max_failures` is zero or a duration is not in
    /// `(0, MAX_LOCKOUT_DURATION]`.
    pub fn new(max_failures: u32, window: TimeDelta, lock_duration: TimeDelta) -> Result<Self, UserError> {
        let in_range = |d: TimeDelta| d > TimeDelta::zero() && d <= MAX_LOCKOUT_DURATION;
        if max_failures == 0 || !in_range(window) || !in_range(lock_duration) {
            return Err(UserError::LockoutPolicyInvalid);
        }
        Ok(LockoutPolicy {
            max_failures,
            window,
            lock_duration,
        })
    }

    /// The number of failures that locks the account.
    pub fn max_failures(&self) -> u32 {
        self.max_failures
    }

    /// The window the failures must fall in.
    pub fn window(&self) -> TimeDelta {
        self.window
    }

    /// How long a lock lasts.
    pub fn lock_duration(&self) -> TimeDelta {
        self.lock_duration
    }

    /// Decides whether the account whose attempts these are may try to sign in at `now`.
    ///
    /// The attempts may come in any order; O(n log n) in their number.
    pub fn decide(&self, attempts: &[LoginAttempt], now: DateTime<Utc>) -> LockoutDecision {
        let mut past: Vec<LoginAttempt> = attempts.iter().copied().filter(|a| a.at <= now).collect();
        // At equal times a failure is replayed before a success, so the input order never matters.
        past.sort_by_key(|a| (a.at, a.succeeded));

        let mut failures: Vec<DateTime<Utc>> = Vec::new();
        let mut locked_until: Option<DateTime<Utc>> = None;
        for attempt in past {
            if locked_until.is_some_and(|until| attempt.at < until) {
                continue;
            }
            if attempt.succeeded {
                failures.clear();
                continue;
            }
            failures.retain(|&f| attempt.at - f < self.window);
            failures.push(attempt.at);
            if failures.len() >= self.max_failures as usize {
                locked_until = attempt.at.checked_add_signed(self.lock_duration);
                failures.clear();
            }
        }

        match locked_until {
            Some(until) if until > now => LockoutDecision::Locked {
                until,
                retry_after_seconds: seconds_rounded_up(until - now),
            },
            _ => {
                let recent = failures.iter().filter(|&&f| now - f < self.window).count();
                let remaining = (self.max_failures as usize).saturating_sub(recent);
                LockoutDecision::Allowed {
                    remaining_failures: u32::try_from(remaining).unwrap_or(u32::MAX),
                }
            }
        }
    }
}

/// A positive duration in whole seconds, rounded up.
fn seconds_rounded_up(duration: TimeDelta) -> u64 {
    let whole = u64::try_from(duration.num_seconds()).unwrap_or(0);
    if duration.subsec_nanos() > 0 { whole + 1 } else { whole }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap()
    }

    fn minutes(m: i64) -> DateTime<Utc> {
        t0() + TimeDelta::minutes(m)
    }

    fn failures_at(minutes_list: &[i64]) -> Vec<LoginAttempt> {
        minutes_list.iter().map(|&m| LoginAttempt::failed(minutes(m))).collect()
    }

    #[test]
    fn four_failures_leave_one_attempt() {
        let policy = LockoutPolicy::default();
        assert_eq!(
            policy.decide(&[], t0()),
            LockoutDecision::Allowed { remaining_failures: 5 }
        );
        let decision = policy.decide(&failures_at(&[0, 1, 2, 3]), minutes(4));
        assert_eq!(decision, LockoutDecision::Allowed { remaining_failures: 1 });
    }

    #[test]
    fn the_fifth_failure_locks_for_fifteen_minutes() {
        let policy = LockoutPolicy::default();
        let attempts = failures_at(&[0, 1, 2, 3, 4]);
        assert_eq!(
            policy.decide(&attempts, minutes(4)),
            LockoutDecision::Locked {
                until: minutes(19),
                retry_after_seconds: 900
            }
        );
        let just_before = minutes(19) - TimeDelta::milliseconds(1);
        assert_eq!(
            policy.decide(&attempts, just_before),
            LockoutDecision::Locked {
                until: minutes(19),
                retry_after_seconds: 1
            }
        );
        assert_eq!(
            policy.decide(&attempts, minutes(19)),
            LockoutDecision::Allowed { remaining_failures: 5 }
        );
    }

    #[test]
    fn failures_spread_beyond_the_window_do_not_lock() {
        let policy = LockoutPolicy::default();
        // 0 and 15 are exactly one window apart: at 15 the failure at 0 no longer counts.
        let decision = policy.decide(&failures_at(&[0, 5, 10, 12, 15]), minutes(15));
        assert_eq!(decision, LockoutDecision::Allowed { remaining_failures: 1 });
        let decision = policy.decide(&failures_at(&[0, 5, 10, 12, 14]), minutes(14));
        assert!(matches!(decision, LockoutDecision::Locked { .. }));
    }

    #[test]
    fn a_success_clears_the_failures() {
        let policy = LockoutPolicy::default();
        let mut attempts = failures_at(&[0, 1, 2, 3]);
        attempts.push(LoginAttempt::succeeded(minutes(4)));
        attempts.extend(failures_at(&[5, 6]));
        assert_eq!(
            policy.decide(&attempts, minutes(7)),
            LockoutDecision::Allowed { remaining_failures: 3 }
        );
    }

    #[test]
    fn attempts_during_a_lock_neither_extend_nor_clear_it() {
        let policy = LockoutPolicy::default();
        let mut attempts = failures_at(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        attempts.push(LoginAttempt::succeeded(minutes(10)));
        assert_eq!(
            policy.decide(&attempts, minutes(10)),
            LockoutDecision::Locked {
                until: minutes(19),
                retry_after_seconds: 540
            }
        );
    }

    #[test]
    fn order_of_the_input_and_future_attempts_do_not_matter() {
        let policy = LockoutPolicy::default();
        let mut attempts = failures_at(&[4, 2, 0, 3, 1]);
        attempts.push(LoginAttempt::succeeded(minutes(30)));
        assert!(matches!(
            policy.decide(&attempts, minutes(5)),
            LockoutDecision::Locked { .. }
        ));
    }

    #[test]
    fn policies_are_validated() {
        let m = TimeDelta::minutes;
        assert!(LockoutPolicy::new(3, m(5), m(30)).is_ok());
        for (failures, window, lock) in [
            (0, m(5), m(5)),
            (3, m(0), m(5)),
            (3, m(5), m(-1)),
            (3, m(5), m(24 * 60 + 1)),
        ] {
            let error = LockoutPolicy::new(failures, window, lock).unwrap_err();
            assert_eq!(error.code(), "validation.lockout_policy.invalid");
        }
        let policy = LockoutPolicy::default();
        assert_eq!(
            (policy.max_failures(), policy.window(), policy.lock_duration()),
            (5, m(15), m(15))
        );
    }

    #[test]
    fn decisions_serialize_with_a_tag_and_camel_case() {
        let locked = LockoutDecision::Locked {
            until: minutes(19),
            retry_after_seconds: 540,
        };
        let json = serde_json::to_value(locked).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"decision": "locked", "until": "2025-06-01T12:19:00Z", "retryAfterSeconds": 540})
        );
        assert_eq!(serde_json::from_value::<LockoutDecision>(json).unwrap(), locked);
        let allowed = serde_json::to_value(LockoutDecision::Allowed { remaining_failures: 2 }).unwrap();
        assert_eq!(
            allowed,
            serde_json::json!({"decision": "allowed", "remainingFailures": 2})
        );
    }

    proptest! {
        #[test]
        fn policies_are_accepted_exactly_within_bounds(failures in 0u32..10, window_s in -10i64..100_000, lock_s in -10i64..100_000) {
            let (window, lock) = (TimeDelta::seconds(window_s), TimeDelta::seconds(lock_s));
            let valid = failures > 0 && (1..=86_400).contains(&window_s) && (1..=86_400).contains(&lock_s);
            match LockoutPolicy::new(failures, window, lock) {
                Ok(policy) => {
                    prop_assert!(valid);
                    prop_assert_eq!((policy.max_failures(), policy.window(), policy.lock_duration()), (failures, window, lock));
                }
                Err(e) => { prop_assert!(!valid); prop_assert_eq!(e, UserError::LockoutPolicyInvalid); }
            }
        }

        #[test]
        fn a_lock_never_outlasts_its_duration_and_follows_enough_failures(
            attempts in proptest::collection::vec((0i64..7_200, any::<bool>()), 0..60),
            now_s in 0i64..8_000,
        ) {
            let policy = LockoutPolicy::default();
            let attempts: Vec<_> = attempts
                .into_iter()
                .map(|(s, ok)| LoginAttempt { at: t0() + TimeDelta::seconds(s), succeeded: ok })
                .collect();
            let now = t0() + TimeDelta::seconds(now_s);
            match policy.decide(&attempts, now) {
                LockoutDecision::Locked { until, retry_after_seconds } => {
                    prop_assert!(until > now && until - now <= policy.lock_duration());
                    prop_assert!((1..=900).contains(&retry_after_seconds));
                    let failures_before = attempts.iter().filter(|a| !a.succeeded && a.at <= now).count();
                    prop_assert!(failures_before >= 5);
                }
                LockoutDecision::Allowed { remaining_failures } => {
                    prop_assert!((1..=5).contains(&remaining_failures));
                }
            }
            let mut reversed = attempts.clone();
            reversed.reverse();
            prop_assert_eq!(policy.decide(&reversed, now), policy.decide(&attempts, now));
        }
    }
}
