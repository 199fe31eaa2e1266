//! `Plan`: the deployment's plan as an object whose methods are the plan-dependent functions. `Plan()` is the
//! maintenance plan; `Plan.fromJson` / `Plan.fromToml` read a deployment's own (`cesizen-plan`'s document). The
//! free functions of the same names (`classify_metric`, `plan_escalation_notices`, …) are these methods on the
//! maintenance plan.

use cesizen_core::alerting::{
    IndicatorAssessment, Metric, NotificationPlan, OpsSnapshot, QualityGrade, QualityMetric, SecurityAlert, Severity,
};
use cesizen_core::incident::{Priority, SecurityLevel};

use crate::alerting::{
    AlertLifecycleEvent, EscalationNotices, GuardDecision, MaintenanceOccurrence, SecuritySignals, decision, notices_of,
};
use crate::{CesizenError, Timestamp, boundary::guard};

/// The deployment's plan: alerting, SLA and GDPR rules, validated once.
#[derive(Debug, uniffi::Object)]
pub struct Plan(cesizen_plan::Plan);

impl From<cesizen_plan::PlanError> for CesizenError {
    fn from(error: cesizen_plan::PlanError) -> Self {
        // The plan's `config.*` vocabulary is `cesizen-core`'s (its alerting rules' codes).
        CesizenError::Core {
            code: error.code().to_owned(),
            detail: error.to_string(),
        }
    }
}

#[uniffi::export]
impl Plan {
    /// The maintenance plan.
    #[uniffi::constructor]
    pub fn new() -> Self {
        Plan(cesizen_plan::Plan::default())
    }

    /// Reads a JSON plan document.
    ///
    /// Errors: the `config.*` code of the refused field (`config.syntax.invalid` for a malformed document).
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Self, CesizenError> {
        guard(|| Ok(Plan(cesizen_plan::Plan::from_json(&text)?)))
    }

    /// Reads a TOML plan document. Errors as [`Plan::from_json`].
    #[uniffi::constructor]
    pub fn from_toml(text: String) -> Result<Self, CesizenError> {
        guard(|| Ok(Plan(cesizen_plan::Plan::from_toml(&text)?)))
    }

    /// The plan as one complete JSON document.
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The severity of a monitored value under the plan's thresholds.
    pub fn classify_metric(&self, metric: Metric, value: f64) -> Result<Severity, CesizenError> {
        guard(|| Ok(self.0.alerting().thresholds().classify(metric, value)?))
    }

    /// The quality grade of a measured value under the plan's scales.
    pub fn grade_quality(&self, metric: QualityMetric, value: f64) -> Result<QualityGrade, CesizenError> {
        guard(|| Ok(self.0.alerting().quality().grade(metric, value)?))
    }

    /// The security alerts the plan's rules raise for the signals observed at `now`, critical ones first.
    pub fn evaluate_security_signals(
        &self,
        signals: SecuritySignals,
        now: Timestamp,
    ) -> Result<Vec<SecurityAlert>, CesizenError> {
        guard(|| {
            let signals = cesizen_core::alerting::SecuritySignals {
                failed_logins_per_minute: signals.failed_logins_per_minute,
                data_access_anomaly: signals.data_access_anomaly,
                admin_privilege_changes: signals.admin_privilege_changes,
                worst_vulnerability: signals.worst_vulnerability,
                traffic: signals.traffic,
                certificate_expires_at: signals.certificate_expires_at,
            };
            Ok(self.0.alerting().security().evaluate(&signals, now))
        })
    }

    /// The notifications the plan's routing sends for an alert of `priority` raised at `raised_at`, and its
    /// dashboard style.
    pub fn notification_plan(
        &self,
        priority: Priority,
        raised_at: Timestamp,
    ) -> Result<NotificationPlan, CesizenError> {
        guard(|| Ok(self.0.alerting().notification_plan(priority, raised_at)?))
    }

    /// The next `count` runs of the plan's maintenance calendar after `after`.
    pub fn next_maintenance_occurrences(
        &self,
        after: Timestamp,
        count: u32,
    ) -> Result<Vec<MaintenanceOccurrence>, CesizenError> {
        guard(|| {
            let count = usize::try_from(count).map_err(|_| CesizenError::panic())?;
            Ok(self
                .0
                .alerting()
                .maintenance()
                .next_occurrences(after, count)?
                .into_iter()
                .map(|o| MaintenanceOccurrence {
                    task: o.task,
                    at: o.at,
                    scheduled_local: o.scheduled_local.format("%Y-%m-%dT%H:%M:%S").to_string(),
                })
                .collect())
        })
    }

    /// The escalation notices of the plan's policy for `priority` (its steps derived from the plan's goal): those
    /// due by `now`, and the next one.
    pub fn escalation_notices(
        &self,
        priority: Priority,
        events: Vec<AlertLifecycleEvent>,
        now: Timestamp,
    ) -> Result<EscalationNotices, CesizenError> {
        guard(|| notices_of(self.0.alerting().escalation(priority), events, now))
    }

    /// The plan's deployment guard: roll out further, stay stable, or roll back, given the critical errors seen.
    pub fn evaluate_deployment(
        &self,
        released_at: Timestamp,
        critical_errors: Vec<Timestamp>,
        now: Timestamp,
    ) -> Result<GuardDecision, CesizenError> {
        guard(|| {
            Ok(decision(self.0.alerting().deployment().evaluate(
                released_at,
                &critical_errors,
                now,
            )?))
        })
    }

    /// The operations dashboard's indicators against the plan's targets.
    pub fn assess_dashboard(&self, snapshot: OpsSnapshot) -> Result<Vec<IndicatorAssessment>, CesizenError> {
        guard(|| Ok(self.0.alerting().dashboard().assess(&snapshot)))
    }

    /// The plan's resolution goal for a priority (and security level, which wins when stricter), in ms.
    pub fn resolution_goal_ms(
        &self,
        priority: Priority,
        security_level: Option<SecurityLevel>,
    ) -> Result<u64, CesizenError> {
        guard(|| Ok(self.0.sla().timer_goals().goal(priority, security_level).as_ms()))
    }

    /// The band of a rate of failed logins per minute under the plan's thresholds.
    pub fn failed_login_band(&self, failures_per_minute: u32) -> Result<Severity, CesizenError> {
        guard(|| {
            Ok(cesizen_core::user::failed_login_band(
                self.0.alerting().thresholds(),
                failures_per_minute,
            ))
        })
    }
}

impl Default for Plan {
    fn default() -> Self {
        Plan::new()
    }
}
