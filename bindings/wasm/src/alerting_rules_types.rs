//! The TypeScript declaration of the alerting rules file that `validateAlertingRules()` reads (and that
//! `loadSlaRules()` reads under `alerting`).
//!
//! [`AlertingRules`] mirrors `cesizen_core::alerting::AlertingRulesSpec`, section by section, with the same
//! serde attributes, so that TypeScript knows the file's shape; what the values may be (bands in order, an SMS
//! for P1 only, every metric present, …) stays the SDK's validation, which refuses a bad file with a `config.*`
//! code. The tests check each mirror against the SDK type on the plan's complete rules, on every omission of a
//! member from them and on the shared vectors, and check that each struct reads exactly the SDK struct's fields,
//! as [`crate::convert`] describes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

// The sections shared with other functions are the SDK types themselves (their TypeScript names as imported).
use cesizen_core::alerting::{
    DashboardStyle, DayOfWeek, DigestCadence, EscalationPolicySpec as EscalationPolicy, Metric as MonitoringMetric,
    Owner as BoundaryOwner, Polarity as BandPolarity, QualityMetric, VulnerabilitySeverity,
};
use cesizen_core::incident::Priority;

/// A boundary between two bands (mirror of `cesizen_core::alerting::Boundary`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BandBoundary {
    /// Where it lies.
    pub value: f64,
    /// Which band owns exactly `value`.
    pub owner: BoundaryOwner,
}

/// A scale of bands (mirror of `cesizen_core::alerting::BandScaleSpec`): monitoring scales have two boundaries
/// (normal, warning, critical), quality scales three.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BandScale {
    /// Which way is worse.
    pub polarity: BandPolarity,
    /// The boundaries, from the best band towards the worst.
    pub boundaries: Vec<BandBoundary>,
}

/// The limits of the security alert rules (mirror of `cesizen_core::alerting::SecurityAlertRules`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityAlertRules {
    /// Critical when failed logins per minute are strictly above this (plan: 50).
    pub failed_logins_above: u32,
    /// Warning when a scan finding is at least this severe (plan: medium).
    pub vulnerability_from: VulnerabilitySeverity,
    /// Warning when traffic is strictly above this percentage of normal (plan: 200).
    pub traffic_above_percent: u32,
    /// Warning when the certificate expires in strictly less than this many days (plan: 30).
    pub certificate_within_days: u32,
}

/// How an alert reaches the team chat (mirror of `cesizen_core::alerting::ChatDelivery`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(
    tag = "mode",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum ChatDelivery {
    /// At once.
    Immediate,
    /// Within a delay.
    Within {
        /// The delay, ms.
        within_ms: u64,
    },
    /// Grouped with others when the grouping window closes.
    Grouped,
}

/// How an alert reaches e-mail (mirror of `cesizen_core::alerting::EmailDelivery`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(
    tag = "mode",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum EmailDelivery {
    /// At once.
    Immediate,
    /// Within a delay.
    Within {
        /// The delay, ms.
        within_ms: u64,
    },
    /// In the next digest.
    Digest {
        /// Which digest.
        cadence: DigestCadence,
    },
}

/// Where a priority's alerts go (mirror of `cesizen_core::alerting::Route`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AlertRoute {
    /// Chat delivery.
    pub chat: ChatDelivery,
    /// E-mail delivery.
    pub email: EmailDelivery,
    /// Whether the on-call team gets an SMS (the SDK allows it for P1 only).
    pub sms_on_call: bool,
    /// How the dashboard shows it.
    pub dashboard: DashboardStyle,
}

/// When the e-mail digests leave (mirror of `cesizen_core::alerting::DigestScheduleSpec`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DigestSchedule {
    /// The IANA zone of the times (`"Europe/Paris"`).
    pub time_zone: String,
    /// Local time of the daily digest (`"09:00"` or `"09:00:00"`).
    pub daily_at: String,
    /// Day of the weekly digest.
    pub weekly_on: DayOfWeek,
    /// Local time of the weekly digest.
    pub weekly_at: String,
}

/// The operations dashboard's targets (mirror of `cesizen_core::alerting::DashboardTargetsSpec`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DashboardTargets {
    /// On target while strictly below (plan: 30).
    pub open_tickets_below: u32,
    /// On target while strictly below (plan: 5).
    pub p1_p2_incidents_below: u32,
    /// Lowest on-target weekly deployments, inclusive (plan: 5).
    pub deployments_per_week_min: u32,
    /// Highest on-target weekly deployments, inclusive (plan: 10).
    pub deployments_per_week_max: u32,
    /// On target while strictly below (plan: 10).
    pub production_bugs_below: u32,
    /// On target while strictly below, ms (plan: 6 h).
    pub mean_resolution_below_ms: u64,
}

/// How often a maintenance task runs (mirror of `cesizen_core::alerting::Recurrence`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(tag = "every", rename_all = "snake_case", deny_unknown_fields)]
pub enum MaintenanceRecurrence {
    /// Every day.
    Day,
    /// Every week.
    Week {
        /// The day.
        on: DayOfWeek,
    },
    /// Every month.
    Month {
        /// The day of the month (1–28).
        day: u8,
    },
    /// In January, April, July and October.
    Quarter {
        /// The day of the quarter's first month (1–28).
        day: u8,
    },
}

/// A maintenance task (mirror of `cesizen_core::alerting::MaintenanceTask`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MaintenanceTask {
    /// A snake_case name, unique in the calendar (`"log_cleanup"`).
    pub name: String,
    /// How often.
    pub recurrence: MaintenanceRecurrence,
    /// Local wall-clock time (`"02:00"`).
    pub at: String,
}

/// The maintenance calendar (mirror of `cesizen_core::alerting::MaintenanceCalendarSpec`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MaintenanceCalendar {
    /// The IANA zone of the wall-clock times.
    pub time_zone: String,
    /// The tasks.
    pub tasks: Vec<MaintenanceTask>,
}

/// One step of a gradual rollout (mirror of `cesizen_core::alerting::RolloutStep`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RolloutStep {
    /// Share of traffic on the new version, 1–100.
    pub percent: u8,
    /// How long the step is held and watched, ms.
    pub hold_ms: u64,
}

/// The deployment guard (mirror of `cesizen_core::alerting::DeploymentGuardSpec`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentGuard {
    /// The steps; percentages strictly increase and the last is 100.
    pub rollout: Vec<RolloutStep>,
    /// Critical errors tolerated during the watch; one more rolls back.
    pub max_critical_errors: u32,
}

/// Every alerting rule as data (mirror of `cesizen_core::alerting::AlertingRulesSpec`). Every section is
/// optional and takes the plan's value when absent; a section given is given whole (a table names every metric
/// or priority).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[tsify(hashmap_as_object)]
pub struct AlertingRules {
    /// Monitoring thresholds per metric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub thresholds: Option<BTreeMap<MonitoringMetric, BandScale>>,
    /// Quality grading scales.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub quality: Option<BTreeMap<QualityMetric, BandScale>>,
    /// Security alert rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub security: Option<SecurityAlertRules>,
    /// Routing per priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub routing: Option<BTreeMap<Priority, AlertRoute>>,
    /// Digest times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub digests: Option<DigestSchedule>,
    /// The window of grouped chat messages, ms (plan: 15 min).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub grouping_window_ms: Option<u64>,
    /// Escalation policy per priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub escalation: Option<BTreeMap<Priority, EscalationPolicy>>,
    /// Operations dashboard targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub dashboard: Option<DashboardTargets>,
    /// The maintenance calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub maintenance: Option<MaintenanceCalendar>,
    /// The deployment guard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deployment: Option<DeploymentGuard>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::mirror::{agree_on_every_omission, same_fields};
    use crate::vectors::all_inputs;
    use cesizen_core::alerting as core;

    /// The plan's rules written out in full by the SDK: every section, metric, priority, delivery mode and
    /// recurrence the plan uses.
    fn plan() -> serde_json::Value {
        serde_json::to_value(core::AlertingRulesSpec::default()).unwrap()
    }

    #[test]
    fn the_rules_mirror_agrees_with_the_sdk_on_the_plan_and_every_omission() {
        agree_on_every_omission::<AlertingRules, core::AlertingRulesSpec>(&plan());
    }

    #[test]
    fn the_rules_mirror_agrees_with_the_sdk_on_the_vectors() {
        for input in all_inputs("alerting", "validateAlertingRules") {
            agree_on_every_omission::<AlertingRules, core::AlertingRulesSpec>(&input["rules"]);
        }
    }

    #[test]
    fn the_variants_the_plan_does_not_use_are_declared() {
        let mut rules = plan();
        rules["routing"]["p2"]["chat"] = serde_json::json!({"mode": "within", "withinMs": 60000});
        rules["routing"]["p2"]["email"] = serde_json::json!({"mode": "immediate"});
        rules["routing"]["p3"]["chat"] = serde_json::json!({"mode": "immediate"});
        rules["routing"]["p4"]["email"] = serde_json::json!({"mode": "within", "withinMs": 60000});
        rules["maintenance"]["tasks"][0]["recurrence"] = serde_json::json!({"every": "quarter", "day": 28});
        rules["thresholds"]["cpu"]["polarity"] = serde_json::json!("lower_is_worse");
        agree_on_every_omission::<AlertingRules, core::AlertingRulesSpec>(&rules);
    }

    #[test]
    fn every_mirror_reads_exactly_the_fields_of_its_sdk_type() {
        same_fields::<AlertingRules, core::AlertingRulesSpec>();
        same_fields::<BandScale, core::BandScaleSpec>();
        same_fields::<BandBoundary, core::Boundary>();
        same_fields::<SecurityAlertRules, core::SecurityAlertRules>();
        same_fields::<AlertRoute, core::Route>();
        same_fields::<DigestSchedule, core::DigestScheduleSpec>();
        same_fields::<DashboardTargets, core::DashboardTargetsSpec>();
        same_fields::<MaintenanceCalendar, core::MaintenanceCalendarSpec>();
        same_fields::<MaintenanceTask, core::MaintenanceTask>();
        same_fields::<DeploymentGuard, core::DeploymentGuardSpec>();
        same_fields::<RolloutStep, core::RolloutStep>();
    }
}
