//! The automatic security alert rules of the plan.
//!
//! "Configuration alertes automatiques": critical on failed logins > 50/min, on any data-access anomaly and
//! on any admin privilege change; warning on a vulnerability scan finding of medium severity or above, on
//! traffic above 200 % of normal, and on a certificate expiring in less than 30 days. Every bound is strict
//! as written: exactly 50 failed logins per minute, exactly 200 % of normal traffic and a certificate expiring
//! in exactly 30 days raise nothing. An already expired certificate is a warning too (it is "expiring in less
//! than 30 days"); the TLS monitor pages on it separately.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::Severity;

/// The severity of a vulnerability scanner finding.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum VulnerabilitySeverity {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

/// Requests in the current window against the normal volume for the same window.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrafficSample {
    /// Requests observed.
    pub current: u64,
    /// Requests normally observed (the baseline).
    pub baseline: u64,
}

/// What the security monitors observed at one evaluation.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecuritySignals {
    /// Failed login attempts in the last minute.
    #[serde(default)]
    pub failed_logins_per_minute: u32,
    /// Whether the data-access monitor flagged an anomaly.
    #[serde(default)]
    pub data_access_anomaly: bool,
    /// Admin privilege changes since the last evaluation.
    #[serde(default)]
    pub admin_privilege_changes: u32,
    /// The most severe finding of the latest vulnerability scan, if any.
    #[serde(default)]
    pub worst_vulnerability: Option<VulnerabilitySeverity>,
    /// The traffic, when measured.
    #[serde(default)]
    pub traffic: Option<TrafficSample>,
    /// When the TLS certificate expires, when known.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[serde(default)]
    pub certificate_expires_at: Option<DateTime<Utc>>,
}

/// A security rule of the plan.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SecurityRule {
    /// Failed logins above the per-minute limit.
    FailedLogins,
    /// A data-access anomaly.
    DataAccessAnomaly,
    /// An admin privilege change.
    AdminPrivilegeChange,
    /// A vulnerability finding at or above the configured severity.
    VulnerabilityScan,
    /// Traffic above the configured share of normal.
    UnusualTraffic,
    /// A certificate expiring soon.
    CertificateExpiry,
}

/// An alert raised by a security rule.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct SecurityAlert {
    /// The rule.
    pub rule: SecurityRule,
    /// Critical or warning.
    pub severity: Severity,
}

/// The limits of the security rules. Any values are valid; the defaults are the plan's.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityAlertRules {
    /// Critical when failed logins per minute are strictly above this (plan: 50).
    pub failed_logins_above: u32,
    /// Warning when a finding is at least this severe (plan: medium).
    pub vulnerability_from: VulnerabilitySeverity,
    /// Warning when traffic is strictly above this percentage of normal (plan: 200).
    pub traffic_above_percent: u32,
    /// Warning when the certificate expires in strictly less than this many days (plan: 30).
    pub certificate_within_days: u32,
}

impl Default for SecurityAlertRules {
    fn default() -> Self {
        Self::plan()
    }
}

impl SecurityAlertRules {
    /// The plan's rules.
    pub fn plan() -> Self {
        SecurityAlertRules {
            failed_logins_above: 50,
            vulnerability_from: VulnerabilitySeverity::Medium,
            traffic_above_percent: 200,
            certificate_within_days: 30,
        }
    }

    /// The alerts `signals` raise at `now`, critical ones first, in rule order.
    ///
    /// ```
    /// use cesizen_core::alerting::{SecurityAlertRules, SecurityRule, SecuritySignals, Severity};
    /// let signals = SecuritySignals { failed_logins_per_minute: 51, ..Default::default() };
    /// let alerts = SecurityAlertRules::plan().evaluate(&signals, "2025-01-01T00:00:00Z".parse().unwrap());
    /// assert_eq!((alerts[0].rule, alerts[0].severity), (SecurityRule::FailedLogins, Severity::Critical));
    /// ```
    pub fn evaluate(&self, signals: &SecuritySignals, now: DateTime<Utc>) -> Vec<SecurityAlert> {
        let critical = [
            (
                SecurityRule::FailedLogins,
                signals.failed_logins_per_minute > self.failed_logins_above,
            ),
            (SecurityRule::DataAccessAnomaly, signals.data_access_anomaly),
            (SecurityRule::AdminPrivilegeChange, signals.admin_privilege_changes > 0),
        ];
        let traffic_high = signals.traffic.is_some_and(|t| {
            u128::from(t.current) * 100 > u128::from(t.baseline) * u128::from(self.traffic_above_percent)
        });
        let certificate_soon = signals
            .certificate_expires_at
            .is_some_and(|expiry| expiry - now < TimeDelta::days(i64::from(self.certificate_within_days)));
        let warning = [
            (
                SecurityRule::VulnerabilityScan,
                signals
                    .worst_vulnerability
                    .is_some_and(|v| v >= self.vulnerability_from),
            ),
            (SecurityRule::UnusualTraffic, traffic_high),
            (SecurityRule::CertificateExpiry, certificate_soon),
        ];
        let raise =
            |severity| move |(rule, fired): (SecurityRule, bool)| fired.then_some(SecurityAlert { rule, severity });
        critical
            .into_iter()
            .filter_map(raise(Severity::Critical))
            .chain(warning.into_iter().filter_map(raise(Severity::Warning)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2025-06-01T12:00:00Z".parse().unwrap()
    }

    fn rules_fired(signals: SecuritySignals) -> Vec<(SecurityRule, Severity)> {
        SecurityAlertRules::plan()
            .evaluate(&signals, now())
            .into_iter()
            .map(|a| (a.rule, a.severity))
            .collect()
    }

    #[test]
    fn quiet_signals_raise_nothing() {
        assert!(rules_fired(SecuritySignals::default()).is_empty());
    }

    #[test]
    fn failed_logins_critical_strictly_above_50() {
        assert!(
            rules_fired(SecuritySignals {
                failed_logins_per_minute: 50,
                ..Default::default()
            })
            .is_empty()
        );
        assert_eq!(
            rules_fired(SecuritySignals {
                failed_logins_per_minute: 51,
                ..Default::default()
            }),
            [(SecurityRule::FailedLogins, Severity::Critical)]
        );
    }

    #[test]
    fn any_anomaly_or_privilege_change_is_critical() {
        assert_eq!(
            rules_fired(SecuritySignals {
                data_access_anomaly: true,
                admin_privilege_changes: 1,
                ..Default::default()
            }),
            [
                (SecurityRule::DataAccessAnomaly, Severity::Critical),
                (SecurityRule::AdminPrivilegeChange, Severity::Critical)
            ]
        );
    }

    #[test]
    fn vulnerability_scan_warns_from_medium() {
        for (v, fires) in [
            (VulnerabilitySeverity::Low, false),
            (VulnerabilitySeverity::Medium, true),
            (VulnerabilitySeverity::High, true),
            (VulnerabilitySeverity::Critical, true),
        ] {
            let fired = rules_fired(SecuritySignals {
                worst_vulnerability: Some(v),
                ..Default::default()
            });
            assert_eq!(
                fired == [(SecurityRule::VulnerabilityScan, Severity::Warning)],
                fires,
                "{v:?}"
            );
        }
    }

    #[test]
    fn traffic_warns_strictly_above_200_percent() {
        let at = |current, baseline| {
            rules_fired(SecuritySignals {
                traffic: Some(TrafficSample { current, baseline }),
                ..Default::default()
            })
        };
        assert!(at(2000, 1000).is_empty());
        assert_eq!(at(2001, 1000), [(SecurityRule::UnusualTraffic, Severity::Warning)]);
        assert!(at(0, 0).is_empty());
        assert_eq!(at(1, 0).len(), 1);
        assert!(at(u64::MAX, u64::MAX).is_empty());
    }

    #[test]
    fn certificate_warns_strictly_under_30_days_and_when_expired() {
        let at = |expiry| {
            rules_fired(SecuritySignals {
                certificate_expires_at: Some(expiry),
                ..Default::default()
            })
        };
        assert!(at(now() + TimeDelta::days(30)).is_empty());
        assert_eq!(at(now() + TimeDelta::days(30) - TimeDelta::seconds(1)).len(), 1);
        assert_eq!(
            at(now() - TimeDelta::days(2)),
            [(SecurityRule::CertificateExpiry, Severity::Warning)]
        );
    }
}
