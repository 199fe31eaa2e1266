//! The TypeScript declarations of the operations functions' structured arguments and results.
//!
//! Each type mirrors the JSON form of a `cesizen_core::alerting` type (or of a result object the binding
//! assembles), as [`crate::convert`] describes; the tests check every mirror against the shared vectors.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::user::Severity;

/// A security alert rule of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum SecurityRule {
    /// Failed logins per minute over the limit.
    FailedLogins,
    /// An anomaly in access to personal data.
    DataAccessAnomaly,
    /// A change of administrator privileges.
    AdminPrivilegeChange,
    /// A vulnerability found by the scan.
    VulnerabilityScan,
    /// Traffic far from its baseline.
    UnusualTraffic,
    /// A certificate close to expiry.
    CertificateExpiry,
}

/// A security alert raised by `evaluateSecuritySignals()` (mirror of `SecurityAlert`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SecurityAlert {
    /// The rule that fired.
    pub rule: SecurityRule,
    /// Its severity.
    pub severity: Severity,
}

/// A notification channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// The team chat.
    Chat,
    /// E-mail.
    Email,
    /// Text message.
    Sms,
    /// The operations dashboard.
    Dashboard,
}

/// When a planned notification leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// At once.
    Immediate,
    /// By a deadline.
    Deadline,
    /// With the alerts grouped in the grouping window.
    Grouped,
    /// In the next digest.
    Digest,
}

/// One notification of a plan (mirror of `PlannedNotification`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlannedNotification {
    /// Its channel.
    pub channel: Channel,
    /// When it leaves.
    pub timing: Timing,
    /// When it is due (RFC 3339).
    pub due: String,
}

/// A dashboard tile's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum DashboardColor {
    /// P1.
    Red,
    /// P2.
    Orange,
    /// P3.
    Blue,
    /// P4.
    Grey,
}

/// How the dashboard shows an incident (mirror of `DashboardStyle`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DashboardStyle {
    /// The tile's colour.
    pub color: DashboardColor,
    /// Whether it blinks.
    pub blinking: bool,
}

/// `planNotifications()`'s result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct NotificationPlan {
    /// The notifications, in channel order.
    pub notifications: Vec<PlannedNotification>,
    /// The dashboard's display.
    pub dashboard: DashboardStyle,
}

/// A maintenance task's occurrence (mirror of `Occurrence`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct MaintenanceOccurrence {
    /// The task (`database_backup`, …).
    pub task: String,
    /// When it runs (RFC 3339, UTC).
    pub at: String,
    /// The local wall-clock time it was scheduled for (`2025-03-30T02:00:00`).
    pub scheduled_local: String,
}

/// An event in an alert's life (mirror of `AlertLifecycleEvent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AlertLifecycleEvent {
    /// The alert fired.
    Triggered {
        /// When (RFC 3339).
        at: String,
    },
    /// Someone took it.
    Acknowledged {
        /// When (RFC 3339).
        at: String,
    },
    /// It was closed.
    Closed {
        /// When (RFC 3339).
        at: String,
    },
}

/// One notice of an escalation (mirror of `EscalationNotice`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EscalationNotice {
    /// When it is sent (RFC 3339).
    pub at: String,
    /// The policy step, from 0.
    pub step: u32,
    /// The repetition round, from 0.
    pub round: u8,
    /// Who is notified.
    pub targets: Vec<String>,
}

/// `escalationNotices()`'s result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EscalationSchedule {
    /// The notices due by `now`.
    pub notices: Vec<EscalationNotice>,
    /// The next notice after `now`; `null` when none will come.
    pub next: Option<EscalationNotice>,
}

/// The deployment guard's decision (mirror of `GuardDecision`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(tag = "decision", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum GuardDecision {
    /// Roll back: a critical error came during the rollout.
    Rollback {
        /// The error that triggered it (RFC 3339).
        triggered_at: String,
    },
    /// Keep rolling out.
    Rollout {
        /// The share of traffic on the release now.
        percent: u8,
        /// When the next stage begins (RFC 3339).
        until: String,
    },
    /// The rollout is over.
    Stable {
        /// Since when (RFC 3339).
        since: String,
    },
}

/// An indicator of the operations dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum OpsIndicator {
    /// Open tickets.
    OpenTickets,
    /// P1 and P2 incidents.
    P1P2Incidents,
    /// Deployments per week.
    DeploymentsPerWeek,
    /// Bugs in production.
    ProductionBugs,
    /// Mean resolution time.
    MeanResolutionTime,
}

/// Where an indicator stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorStatus {
    /// On target.
    OnTarget,
    /// Above the target.
    AboveTarget,
    /// Below the target.
    BelowTarget,
}

/// One indicator's assessment (mirror of `IndicatorAssessment`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorAssessment {
    /// The indicator.
    pub indicator: OpsIndicator,
    /// Where it stands.
    pub status: IndicatorStatus,
}

/// The operations figures `assessDashboard()` reads (mirror of `OpsSnapshot`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpsSnapshot {
    /// Open tickets.
    pub open_tickets: u32,
    /// P1 and P2 incidents this month.
    pub p1_p2_incidents: u32,
    /// Deployments this week.
    pub deployments_per_week: u32,
    /// Bugs in production.
    pub production_bugs: u32,
    /// Mean resolution time.
    pub mean_resolution_ms: u64,
}

/// A risk's area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum RiskCategory {
    /// Personal and emotional data.
    Data,
    /// The web application.
    Web,
    /// Servers and network.
    Infrastructure,
    /// People.
    Human,
    /// Regulation.
    Compliance,
}

/// A risk's likelihood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Likelihood {
    /// Low (1).
    Low,
    /// Medium (2).
    Medium,
    /// High (3).
    High,
}

/// A risk's impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum RiskImpact {
    /// Minor (1).
    Minor,
    /// Moderate (2).
    Moderate,
    /// Major (3).
    Major,
    /// Critical (4).
    Critical,
}

/// A risk's level, from its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

/// A line of the plan's risk matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Risk {
    /// The risk.
    pub name: String,
    /// Its area.
    pub category: RiskCategory,
    /// Its likelihood.
    pub likelihood: Likelihood,
    /// Its impact.
    pub impact: RiskImpact,
    /// Likelihood × impact, 1 to 12.
    pub score: u8,
    /// Its level.
    pub level: RiskLevel,
}

/// An alert raised to the desk (mirror of `RaisedAlert`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RaisedAlert {
    /// The alert's key (`cpu:critical`).
    pub key: String,
    /// What it is about (`api-1`).
    pub subject: String,
    /// Its severity.
    pub severity: Severity,
    /// When (RFC 3339).
    pub at: String,
}

/// What the alert desk did with an alert (mirror of `Disposition`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(tag = "kind", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum Disposition {
    /// Notify: a new alert, or an escalation of one already firing.
    Notify {
        /// The severity it escalates from; `null` for a new alert.
        escalated_from: Option<Severity>,
    },
    /// A repeat of a firing alert, not notified again.
    Repeat {
        /// How many times it has fired.
        count: u64,
    },
    /// Hidden by a more severe alert on the same subject.
    Suppressed {
        /// That alert's key.
        by: String,
    },
    /// Resolved.
    Resolved {
        /// Whether it was firing.
        was_firing: bool,
        /// The alerts it suppressed, released.
        released: Vec<String>,
    },
}

/// A closed group of alerts (mirror of `AlertGroup`). Its `members` arrive as a plain object (the results are
/// JSON), hence `Record` rather than tsify's default `Map`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct AlertGroup {
    /// The group's key.
    pub group: String,
    /// When it opened (RFC 3339).
    pub opened_at: String,
    /// When it closes (RFC 3339).
    pub closes_at: String,
    /// Each alert key in it, with its count.
    pub members: BTreeMap<String, u64>,
}

/// The worst severity of the vulnerabilities a scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
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

/// Traffic now and its usual level (mirror of `TrafficSample`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrafficSample {
    /// Requests in the current window.
    pub current: u64,
    /// Requests in a usual window.
    pub baseline: u64,
}

/// What the security rules look at (mirror of `SecuritySignals`); an absent signal is quiet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecuritySignals {
    /// Failed logins in the last minute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub failed_logins_per_minute: Option<u32>,
    /// Whether access to personal data looks anomalous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub data_access_anomaly: Option<bool>,
    /// Administrator privilege changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub admin_privilege_changes: Option<u32>,
    /// The worst vulnerability of the last scan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub worst_vulnerability: Option<VulnerabilitySeverity>,
    /// Traffic against its baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub traffic: Option<TrafficSample>,
    /// When the TLS certificate expires (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub certificate_expires_at: Option<String>,
}

/// When an escalation stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum EscalateUntil {
    /// When someone acknowledges the alert.
    Acknowledged,
    /// When the alert is closed.
    Closed,
}

/// One step of an escalation policy (mirror of `EscalationStepSpec`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EscalationStep {
    /// Who is notified.
    pub targets: Vec<String>,
    /// How long before the next step.
    pub escalate_after_ms: u64,
}

/// An escalation policy of one's own (mirror of `EscalationPolicySpec`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EscalationPolicy {
    /// The steps, in order.
    pub steps: Vec<EscalationStep>,
    /// How many times the steps repeat after the first round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub repeat: Option<u8>,
    /// When it stops.
    pub until: EscalateUntil,
    /// How long an acknowledgement holds before the escalation resumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub ack_timeout_ms: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::mirror::mirrors_input;
    use crate::vectors::{expected_outputs, inputs, round_trip};
    use serde_json::Value;

    fn items(op: &str, field: &str) -> Vec<Value> {
        expected_outputs("alerting", op)
            .into_iter()
            .flat_map(|e| e[field].as_array().cloned().unwrap_or_default())
            .collect()
    }

    #[test]
    fn mirrors_read_the_vectors_outputs() {
        items("evaluateSecuritySignals", "alerts")
            .into_iter()
            .for_each(round_trip::<SecurityAlert>);
        expected_outputs("alerting", "planNotifications")
            .into_iter()
            .for_each(round_trip::<NotificationPlan>);
        items("nextMaintenanceOccurrences", "occurrences")
            .into_iter()
            .for_each(round_trip::<MaintenanceOccurrence>);
        expected_outputs("alerting", "escalationNotices")
            .into_iter()
            .for_each(round_trip::<EscalationSchedule>);
        expected_outputs("alerting", "evaluateDeployment")
            .into_iter()
            .for_each(round_trip::<GuardDecision>);
        items("assessDashboard", "indicators")
            .into_iter()
            .for_each(round_trip::<IndicatorAssessment>);
        items("riskMatrix", "risks").into_iter().for_each(round_trip::<Risk>);
        items("alertDesk", "dispositions")
            .into_iter()
            .for_each(round_trip::<Disposition>);
        items("groupAlerts", "groups")
            .into_iter()
            .for_each(round_trip::<AlertGroup>);
    }

    #[test]
    fn input_mirrors_declare_what_the_sdk_reads() {
        use cesizen_core::alerting as core;
        for input in inputs("alerting", "assessDashboard") {
            mirrors_input::<OpsSnapshot, core::OpsSnapshot>(input);
        }
        for input in inputs("alerting", "escalationNotices") {
            mirrors_input::<Vec<AlertLifecycleEvent>, Vec<core::AlertLifecycleEvent>>(input["events"].clone());
            if input["policy"].is_object() {
                mirrors_input::<EscalationPolicy, core::EscalationPolicySpec>(input["policy"].clone());
            }
        }
        for input in inputs("alerting", "evaluateSecuritySignals") {
            mirrors_input::<SecuritySignals, core::SecuritySignals>(input["signals"].clone());
        }
        for input in inputs("alerting", "alertDesk") {
            for event in input["events"].as_array().cloned().unwrap_or_default() {
                if let Some(raised) = event.get("raise") {
                    mirrors_input::<RaisedAlert, core::RaisedAlert>(raised.clone());
                }
            }
        }
    }
}
