//! All alerting rules as one value, loadable from data, whose default is the plan.
//!
//! [`AlertingRulesSpec`] is the JSON shape (camelCase keys, durations in milliseconds, times `"HH:MM"`, IANA
//! time zones). Every section is optional: a missing section takes the plan's value, so a file can override
//! only what differs. [`AlertingRules::try_from`] validates the whole and names the refused field with a
//! dotted path from the root (`routing.p3.smsOnCall`, `thresholds.cpu.boundaries[1].value`).
//! `cesizen-sla` embeds this spec under `alerting` in its complete rules file and parses the JSON.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{
    AlertingError, ConfigError, ConfigProblem, DashboardTargets, DashboardTargetsSpec, DeploymentGuard,
    DeploymentGuardSpec, DigestSchedule, DigestScheduleSpec, EscalationPolicy, EscalationPolicySpec,
    MaintenanceCalendar, MaintenanceCalendarSpec, MonitoringThresholds, MonitoringThresholdsSpec, NotificationPlan,
    QualityScales, QualityScalesSpec, RoutingMatrix, RoutingMatrixSpec, SecurityAlertRules, Severity,
};
use crate::incident::Priority;
use crate::user::failed_login_band;

const PLAN_GROUPING_WINDOW_MS: u64 = 15 * 60_000;

/// The JSON form of [`AlertingRules`] (`AlertingRules` in TypeScript); every section defaults to the plan, and a
/// section given is given whole (a table names every metric or priority).
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "AlertingRules", missing_as_null)
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AlertingRulesSpec {
    /// Monitoring thresholds per metric.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Record<MonitoringMetric, BandScaleSpec>"))]
    pub thresholds: MonitoringThresholdsSpec,
    /// Quality grading scales.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Record<QualityMetric, BandScaleSpec>"))]
    pub quality: QualityScalesSpec,
    /// Security alert rules.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub security: SecurityAlertRules,
    /// Routing matrix per priority.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Record<Priority, AlertRoute>"))]
    pub routing: RoutingMatrixSpec,
    /// Digest times.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub digests: DigestScheduleSpec,
    /// Grouping window of grouped chat messages, ms (SDK default: 15 min).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub grouping_window_ms: u64,
    /// Escalation policy per priority.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Record<Priority, EscalationPolicy>"))]
    pub escalation: BTreeMap<Priority, EscalationPolicySpec>,
    /// Operations dashboard targets.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub dashboard: DashboardTargetsSpec,
    /// Maintenance calendar.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub maintenance: MaintenanceCalendarSpec,
    /// Deployment guard.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub deployment: DeploymentGuardSpec,
}

impl Default for AlertingRulesSpec {
    fn default() -> Self {
        AlertingRules::plan().into()
    }
}

/// Every alerting rule, validated.
///
/// ```
/// use cesizen_core::alerting::{AlertingRules, AlertingRulesSpec};
/// let spec: AlertingRulesSpec = serde_json::from_str(r#"{ "groupingWindowMs": 600000 }"#).unwrap();
/// let rules = AlertingRules::try_from(spec).unwrap();
/// assert_eq!(rules.grouping_window().num_minutes(), 10);
/// assert_eq!(rules.routing(), AlertingRules::plan().routing());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "AlertingRulesSpec", into = "AlertingRulesSpec")]
pub struct AlertingRules {
    thresholds: MonitoringThresholds,
    quality: QualityScales,
    security: SecurityAlertRules,
    routing: RoutingMatrix,
    digests: DigestSchedule,
    grouping_window: TimeDelta,
    escalation: BTreeMap<Priority, EscalationPolicy>,
    dashboard: DashboardTargets,
    maintenance: MaintenanceCalendar,
    deployment: DeploymentGuard,
}

impl AlertingRules {
    /// The plan's rules.
    pub fn plan() -> Self {
        AlertingRules {
            thresholds: MonitoringThresholds::plan(),
            quality: QualityScales::plan(),
            security: SecurityAlertRules::plan(),
            routing: RoutingMatrix::plan(),
            digests: DigestSchedule::plan(),
            grouping_window: TimeDelta::milliseconds(PLAN_GROUPING_WINDOW_MS as i64),
            escalation: EscalationPolicy::plan_all(),
            dashboard: DashboardTargets::plan(),
            maintenance: MaintenanceCalendar::plan(),
            deployment: DeploymentGuard::plan(),
        }
    }

    /// Monitoring thresholds.
    pub fn thresholds(&self) -> &MonitoringThresholds {
        &self.thresholds
    }

    /// Quality grading scales.
    pub fn quality(&self) -> &QualityScales {
        &self.quality
    }

    /// Security alert rules.
    pub fn security(&self) -> &SecurityAlertRules {
        &self.security
    }

    /// The routing matrix.
    pub fn routing(&self) -> &RoutingMatrix {
        &self.routing
    }

    /// Digest times.
    pub fn digests(&self) -> &DigestSchedule {
        &self.digests
    }

    /// The grouping window of grouped chat messages.
    pub fn grouping_window(&self) -> TimeDelta {
        self.grouping_window
    }

    /// What the routing does for an alert of `priority` raised at `raised_at`: its notifications (digests and
    /// grouping window from these rules) and its dashboard style.
    ///
    /// ```
    /// use cesizen_core::alerting::{AlertingRules, Timing};
    /// use cesizen_core::incident::Priority;
    /// let raised = "2025-03-04T10:00:00Z".parse().unwrap();
    /// let p1 = AlertingRules::plan().notification_plan(Priority::P1, raised).unwrap();
    /// assert!(p1.dashboard.blinking);
    /// assert!(p1.notifications.iter().all(|n| n.timing == Timing::Immediate));
    /// ```
    ///
    /// # Errors
    /// [`AlertingError::DateOutOfRange`](super::AlertingError::DateOutOfRange) when a due time cannot be
    /// represented.
    pub fn notification_plan(
        &self,
        priority: Priority,
        raised_at: DateTime<Utc>,
    ) -> Result<NotificationPlan, AlertingError> {
        Ok(NotificationPlan {
            notifications: self
                .routing
                .plan_notifications(priority, raised_at, &self.digests, self.grouping_window)?,
            dashboard: self.routing.route(priority).dashboard,
        })
    }

    /// The escalation policy of `priority`.
    pub fn escalation(&self, priority: Priority) -> &EscalationPolicy {
        self.escalation.get(&priority).expect("every priority has a policy")
    }

    /// Dashboard targets.
    pub fn dashboard(&self) -> &DashboardTargets {
        &self.dashboard
    }

    /// The maintenance calendar.
    pub fn maintenance(&self) -> &MaintenanceCalendar {
        &self.maintenance
    }

    /// The deployment guard.
    pub fn deployment(&self) -> &DeploymentGuard {
        &self.deployment
    }
}

impl TryFrom<AlertingRulesSpec> for AlertingRules {
    type Error = ConfigError;

    /// The rules with the plan's resolution goals ([`Priority::resolution_goal`]); see
    /// [`AlertingRules::with_goals`].
    fn try_from(s: AlertingRulesSpec) -> Result<Self, Self::Error> {
        AlertingRules::with_goals(s, Priority::resolution_goal)
    }
}

impl AlertingRules {
    /// Validates `s`, the escalation steps written as a share of the goal resolved against `goal` of their
    /// priority (the SLA rules pass their own timer goals, so that a goal changed moves its escalation).
    ///
    /// # Errors
    /// The refused field, named from the root of `s`.
    pub fn with_goals(s: AlertingRulesSpec, goal: impl Fn(Priority) -> TimeDelta) -> Result<Self, ConfigError> {
        let grouping_ms = i64::try_from(s.grouping_window_ms)
            .ok()
            .filter(|ms| *ms > 0 && *ms <= 86_400_000);
        let grouping_window = match grouping_ms {
            Some(ms) => TimeDelta::milliseconds(ms),
            None if s.grouping_window_ms == 0 => {
                return Err(ConfigError::new("groupingWindowMs", ConfigProblem::NotPositive));
            }
            None => return Err(ConfigError::new("groupingWindowMs", ConfigProblem::OutOfRange)),
        };
        let mut escalation = BTreeMap::new();
        for priority in Priority::ALL {
            let at = priority.as_str();
            let spec = s
                .escalation
                .get(&priority)
                .ok_or_else(|| ConfigError::new(at, ConfigProblem::Missing).within("escalation"))?;
            let policy = EscalationPolicy::for_goal(spec.clone(), goal(priority))
                .map_err(|e| e.within(at).within("escalation"))?;
            escalation.insert(priority, policy);
        }
        let thresholds = MonitoringThresholds::try_from(s.thresholds).map_err(|e| e.within("thresholds"))?;
        check_failed_login_limit(&thresholds, &s.security)?;
        Ok(AlertingRules {
            thresholds,
            quality: QualityScales::try_from(s.quality).map_err(|e| e.within("quality"))?,
            security: s.security,
            routing: RoutingMatrix::try_from(s.routing).map_err(|e| e.within("routing"))?,
            digests: DigestSchedule::try_from(s.digests).map_err(|e| e.within("digests"))?,
            grouping_window,
            escalation,
            dashboard: DashboardTargets::try_from(s.dashboard).map_err(|e| e.within("dashboard"))?,
            maintenance: MaintenanceCalendar::try_from(s.maintenance).map_err(|e| e.within("maintenance"))?,
            deployment: DeploymentGuard::try_from(s.deployment).map_err(|e| e.within("deployment"))?,
        })
    }
}

/// The failed-login bands and the security rule are one figure: the rule's limit (critical strictly above it)
/// must be the last rate the bands do not call critical.
fn check_failed_login_limit(
    thresholds: &MonitoringThresholds,
    security: &SecurityAlertRules,
) -> Result<(), ConfigError> {
    let critical = |rate: u32| failed_login_band(thresholds, rate) == Severity::Critical;
    let limit = security.failed_logins_above;
    if critical(limit) || limit.checked_add(1).is_some_and(|next| !critical(next)) {
        return Err(ConfigError::new("failedLoginsAbove", ConfigProblem::Inconsistent).within("security"));
    }
    Ok(())
}

impl From<AlertingRules> for AlertingRulesSpec {
    fn from(r: AlertingRules) -> Self {
        AlertingRulesSpec {
            thresholds: r.thresholds.into(),
            quality: r.quality.into(),
            security: r.security,
            routing: r.routing.into(),
            digests: r.digests.into(),
            grouping_window_ms: u64::try_from(r.grouping_window.num_milliseconds()).unwrap_or(PLAN_GROUPING_WINDOW_MS),
            escalation: r.escalation.iter().map(|(p, e)| (*p, e.to_goal_spec())).collect(),
            dashboard: r.dashboard.into(),
            maintenance: r.maintenance.into(),
            deployment: r.deployment.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refuse(json: serde_json::Value) -> ConfigError {
        let spec: AlertingRulesSpec = serde_json::from_value(json).unwrap();
        AlertingRules::try_from(spec).unwrap_err()
    }

    #[test]
    fn empty_file_is_the_plan_and_the_plan_round_trips() {
        let spec: AlertingRulesSpec = serde_json::from_str("{}").unwrap();
        assert_eq!(AlertingRules::try_from(spec).unwrap(), AlertingRules::plan());
        let json = serde_json::to_string(&AlertingRules::plan()).unwrap();
        assert_eq!(
            serde_json::from_str::<AlertingRules>(&json).unwrap(),
            AlertingRules::plan()
        );
    }

    #[test]
    fn refused_fields_are_named_from_the_root() {
        let mut routing = serde_json::to_value(RoutingMatrix::plan()).unwrap();
        routing["p3"]["smsOnCall"] = true.into();
        let e = refuse(serde_json::json!({ "routing": routing }));
        assert_eq!(
            (e.field(), e.code()),
            ("routing.p3.smsOnCall", "config.routing.sms_not_allowed")
        );

        let mut thresholds = serde_json::to_value(MonitoringThresholds::plan()).unwrap();
        thresholds["cpu"]["boundaries"][1]["value"] = 60.0.into();
        let e = refuse(serde_json::json!({ "thresholds": thresholds }));
        assert_eq!(
            (e.field(), e.code()),
            ("thresholds.cpu.boundaries[1].value", "config.bands.overlapping")
        );

        let e = refuse(serde_json::json!({ "groupingWindowMs": 0 }));
        assert_eq!(e.field(), "groupingWindowMs");

        let mut escalation = serde_json::to_value(EscalationPolicy::plan_all()).unwrap();
        escalation["p2"]["steps"][0]["escalateAfterMs"] = 0.into();
        let e = refuse(serde_json::json!({ "escalation": escalation }));
        assert_eq!(e.field(), "escalation.p2.steps[0].escalateAfterMs");

        // The plan's P2 waits half of its 8 h goal: 4 h agrees with the share, 3 h contradicts it.
        let mut escalation = serde_json::to_value(AlertingRules::plan()).unwrap()["escalation"].clone();
        escalation["p2"]["steps"][0]["escalateAfterMs"] = 14_400_000.into();
        let agreeing = serde_json::json!({ "escalation": escalation });
        let spec: AlertingRulesSpec = serde_json::from_value(agreeing).unwrap();
        assert_eq!(AlertingRules::try_from(spec).unwrap(), AlertingRules::plan());
        escalation["p2"]["steps"][0]["escalateAfterMs"] = 10_800_000.into();
        let e = refuse(serde_json::json!({ "escalation": escalation }));
        assert_eq!(
            (e.field(), e.code()),
            ("escalation.p2.steps[0].escalateAfterMs", "config.value.inconsistent")
        );
    }

    #[test]
    fn the_plan_writes_its_escalation_as_a_share_of_the_goal() {
        let json = serde_json::to_value(AlertingRules::plan()).unwrap();
        let step = &json["escalation"]["p2"]["steps"][0];
        assert_eq!(step["escalateAfterGoalPermille"], 500);
        assert!(step.get("escalateAfterMs").is_none(), "{step}");
        let spec: AlertingRulesSpec = serde_json::from_value(json).unwrap();
        let four_hour_p2 = |p: Priority| match p {
            Priority::P2 => TimeDelta::hours(4),
            other => other.resolution_goal(),
        };
        let rules = AlertingRules::with_goals(spec, four_hour_p2).unwrap();
        let moved = serde_json::to_value(rules.escalation(Priority::P2)).unwrap();
        assert_eq!(moved["steps"][0]["escalateAfterMs"], 2 * 3_600_000);
        assert_eq!(
            rules.escalation(Priority::P1),
            AlertingRules::plan().escalation(Priority::P1)
        );
    }

    #[test]
    fn the_failed_login_limit_is_the_top_of_the_warning_band() {
        let mut thresholds = serde_json::to_value(MonitoringThresholds::plan()).unwrap();
        thresholds["failed_logins"]["boundaries"][1]["value"] = 60.0.into();
        let e = refuse(serde_json::json!({ "thresholds": thresholds.clone() }));
        assert_eq!(
            (e.field(), e.code()),
            ("security.failedLoginsAbove", "config.value.inconsistent")
        );
        let mut security = serde_json::to_value(SecurityAlertRules::plan()).unwrap();
        security["failedLoginsAbove"] = 60.into();
        let spec: AlertingRulesSpec =
            serde_json::from_value(serde_json::json!({ "thresholds": thresholds, "security": security })).unwrap();
        let rules = AlertingRules::try_from(spec).unwrap();
        assert_eq!(rules.security().failed_logins_above, 60);
        // The boundary owned by the worse band: critical from 60, so the rule's limit is 59.
        let mut thresholds = serde_json::to_value(MonitoringThresholds::plan()).unwrap();
        thresholds["failed_logins"]["boundaries"][1] = serde_json::json!({ "value": 60.0, "owner": "worse" });
        security["failedLoginsAbove"] = 59.into();
        let spec: AlertingRulesSpec =
            serde_json::from_value(serde_json::json!({ "thresholds": thresholds, "security": security })).unwrap();
        assert!(AlertingRules::try_from(spec).is_ok());
    }

    #[test]
    fn unknown_keys_are_syntax_errors() {
        let e = serde_json::from_str::<AlertingRulesSpec>(r#"{ "routnig": {} }"#).unwrap_err();
        assert!(e.to_string().contains("routnig"));
    }
}
