//! The plan's failed-login bands: how alarming the rate of failed sign-ins is, across the whole service.
//!
//! The plan's security dashboard reads failed logins per minute as **normal below 10, warning from 10 to 50,
//! critical above 50**, and raises a critical alert past 50. The boundaries are read as written: 9 is normal,
//! 10 and 50 are warnings, 51 is critical. The bands themselves belong to the monitoring thresholds of
//! [`crate::alerting`] ([`Metric::FailedLogins`]); this module counts the attempts and applies the thresholds it
//! is given — the deployment's plan's (`AlertingRules::thresholds`) — so that login throttling and monitoring
//! can never disagree. The security rule's critical limit is the same figure (the alerting rules refuse a
//! `security.failedLoginsAbove` that is not the top of the warning band).
//!
//! The rate is the number of failed attempts in the minute that ends at `now`: an attempt at `t` counts when
//! `now - 60 s < t ≤ now`. Attempts stamped after `now` (clock skew between servers) are not counted yet.
//!
//! ```
//! use cesizen_core::alerting::{AlertingRules, Severity};
//! use cesizen_core::user::{failed_login_band, failed_logins_in_last_minute};
//! use chrono::{Duration, TimeZone, Utc};
//!
//! let now = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
//! let failures: Vec<_> = (0..12).map(|i| now - Duration::seconds(5 * i)).collect();
//! let per_minute = failed_logins_in_last_minute(&failures, now);
//! assert_eq!(per_minute, 12);
//! let rules = AlertingRules::plan();
//! assert_eq!(failed_login_band(rules.thresholds(), per_minute), Severity::Warning);
//! ```

use chrono::{DateTime, TimeDelta, Utc};

use crate::alerting::{Metric, MonitoringThresholds, Severity};

/// The band of a rate of failed logins per minute under `thresholds` (the deployment plan's).
pub fn failed_login_band(thresholds: &MonitoringThresholds, failures_per_minute: u32) -> Severity {
    // A count converted to f64 is finite: classification cannot fail; the worst band if it ever did.
    thresholds
        .classify(Metric::FailedLogins, f64::from(failures_per_minute))
        .unwrap_or(Severity::Critical)
}

/// How many of the failed attempts fall in the minute ending at `now` (`now - 60 s < t ≤ now`).
///
/// The count saturates at `u32::MAX`.
pub fn failed_logins_in_last_minute(failures: &[DateTime<Utc>], now: DateTime<Utc>) -> u32 {
    let count = failures
        .iter()
        .filter(|&&at| at <= now && now - at < TimeDelta::minutes(1))
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[test]
    fn boundaries_are_read_as_the_plan_writes_them() {
        let expected = [
            (0, Severity::Normal),
            (9, Severity::Normal),
            (10, Severity::Warning),
            (50, Severity::Warning),
            (51, Severity::Critical),
            (u32::MAX, Severity::Critical),
        ];
        for (rate, band) in expected {
            assert_eq!(
                failed_login_band(&MonitoringThresholds::plan(), rate),
                band,
                "{rate}/min"
            );
        }
    }

    #[test]
    fn the_minute_is_half_open_and_ignores_the_future() {
        let now = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
        let attempts = [
            now,
            now - TimeDelta::milliseconds(59_999),
            now - TimeDelta::minutes(1),
            now + TimeDelta::seconds(1),
        ];
        assert_eq!(failed_logins_in_last_minute(&attempts, now), 2);
        assert_eq!(failed_logins_in_last_minute(&[], now), 0);
    }

    proptest! {
        #[test]
        fn bands_grow_with_the_rate(a in any::<u32>(), b in any::<u32>()) {
            let plan = MonitoringThresholds::plan();
            if a <= b { prop_assert!(failed_login_band(&plan, a) <= failed_login_band(&plan, b)); }
        }

        #[test]
        fn counts_exactly_the_last_minute(offsets in proptest::collection::vec(-120_000i64..120_000, 0..100)) {
            let now = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
            let attempts: Vec<_> = offsets.iter().map(|&ms| now - TimeDelta::milliseconds(ms)).collect();
            let expected = offsets.iter().filter(|&&ms| (0..60_000).contains(&ms)).count();
            prop_assert_eq!(failed_logins_in_last_minute(&attempts, now) as usize, expected);
        }
    }
}
