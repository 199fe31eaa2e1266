//! Alerting: monitoring thresholds, security rules, routing, deduplication, escalation, calendars.
//!
//! The plan's "Monitoring et supervision", "Monitoring et alertes de sécurité", "Planning et fréquences" and
//! the operations side of "Plan de déploiement", as rules that run the same on the server, in the ops
//! dashboard and in the on-call app:
//!
//! - judging values: [`MonitoringThresholds`] (normal / warning / critical) and [`QualityScales`], both built on
//!   [`BandScale`], whose boundary semantics are explicit (exactly 70 % CPU is a warning);
//! - [`SecurityAlertRules`] on [`SecuritySignals`];
//! - telling people: the [`RoutingMatrix`] per priority with [`DigestSchedule`]s, the [`AlertDesk`]
//!   (deduplication with repeat counts, suppression of lower severities), the [`AlertGrouper`] and
//!   [`EscalationPolicy`];
//! - steering: the ops [`DashboardTargets`], the [`plan_risks`] matrix, the [`MaintenanceCalendar`] and the
//!   [`DeploymentGuard`];
//! - all of it as data: [`AlertingRules`], loaded from [`AlertingRulesSpec`], refusing invalid rules with a
//!   [`ConfigError`] that names the field.
//!
//! Schedules are wall-clock times in a named zone (Europe/Paris by default), resolved across DST by
//! [`resolve_local`].

mod alert_desk;
mod alert_key;
mod bands;
mod config_error;
mod dashboard;
mod deployment_guard;
mod digest;
mod error;
mod escalation;
mod escalation_target;
mod grouping;
mod local_time;
mod maintenance_calendar;
mod quality;
mod risk;
mod routing;
mod rules;
mod security_rules;
mod severity;
mod thresholds;

pub use alert_desk::{AlertDesk, Disposition, FiringAlert, RaisedAlert};
pub use alert_key::AlertKey;
pub use bands::{BandScale, BandScaleSpec, Boundary, Owner, Polarity};
pub use config_error::{ConfigError, ConfigProblem};
pub use dashboard::{
    DashboardTargets, DashboardTargetsSpec, IndicatorAssessment, IndicatorStatus, OpsIndicator, OpsSnapshot,
};
pub use deployment_guard::{DeploymentGuard, DeploymentGuardSpec, GuardDecision, RolloutStep};
pub use digest::{DigestCadence, DigestSchedule, DigestScheduleSpec};
pub use error::AlertingError;
pub use escalation::{
    AlertLifecycleEvent, ESCALATION_GOAL_PERMILLE, EscalateUntil, EscalationNotice, EscalationPolicy,
    EscalationPolicySpec, EscalationSchedule, EscalationStepSpec, goal_share,
};
pub use escalation_target::EscalationTarget;
pub use grouping::{AlertGroup, AlertGrouper};
pub use local_time::{DayOfWeek, PLAN_TIME_ZONE, parse_time_zone, resolve_local, resolve_local_date};
pub use maintenance_calendar::{MaintenanceCalendar, MaintenanceCalendarSpec, MaintenanceTask, Occurrence, Recurrence};
pub use quality::{QualityGrade, QualityMetric, QualityScales, QualityScalesSpec, SecurityRating};
pub use risk::{Likelihood, Risk, RiskCategory, RiskEntry, RiskImpact, RiskLevel, plan_risks, risk_matrix};
pub use routing::{
    Channel, ChatDelivery, DashboardColor, DashboardStyle, EmailDelivery, NotificationPlan, PlannedNotification, Route,
    RoutingMatrix, RoutingMatrixSpec, Timing,
};
pub use rules::{AlertingRules, AlertingRulesSpec};
pub use security_rules::{
    SecurityAlert, SecurityAlertRules, SecurityRule, SecuritySignals, TrafficSample, VulnerabilitySeverity,
};
pub use severity::Severity;
pub use thresholds::{
    API_RESPONSE_TIME_PERCENTILE, Metric, MonitoringThresholds, MonitoringThresholdsSpec, api_response_time,
};
