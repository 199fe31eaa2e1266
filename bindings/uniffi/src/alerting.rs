//! Operations rules: monitoring thresholds, quality grades, security alert rules, alert routing and
//! escalation, the alert desk and grouping, the deployment guard, the operations dashboard, the risk matrix and
//! the maintenance calendar — each function one call into `cesizen_core::alerting`, with the plan's rules.
//!
//! The alert desk and the grouper keep state between calls, so they are objects (behind a lock: UniFFI objects
//! may be shared across threads). Alerting rules files are JSON documents (the format operators edit), so
//! [`validate_alerting_rules`] takes their text.

use std::collections::HashMap;
use std::sync::Mutex;

use cesizen_core::alerting::{
    AlertDesk as CoreAlertDesk, AlertGrouper as CoreAlertGrouper, AlertKey, AlertLifecycleEvent as CoreLifecycleEvent,
    AlertingRules, AlertingRulesSpec, Channel, DashboardStyle, Disposition as CoreDisposition, EscalateUntil,
    EscalationNotice as CoreEscalationNotice, EscalationPolicy, EscalationPolicySpec as CoreEscalationPolicySpec,
    EscalationStepSpec, GuardDecision as CoreGuardDecision, IndicatorAssessment, Metric, NotificationPlan,
    OpsIndicator, OpsSnapshot, PlannedNotification, QualityGrade, QualityMetric, RaisedAlert as CoreRaisedAlert,
    SecurityAlert, SecurityRating, Severity, Timing, TrafficSample, VulnerabilitySeverity,
};
use cesizen_core::incident::Priority;
use chrono::TimeDelta;

use crate::plan::Plan;
use crate::{CesizenError, Timestamp, boundary::guard};

/// What monitoring observed, for the security alert rules; every field may be left at its default.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp` (the certificate's expiry).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SecuritySignals {
    /// Failed logins in the last minute.
    #[uniffi(default = 0)]
    pub failed_logins_per_minute: u32,
    /// Whether a data-access anomaly was detected.
    #[uniffi(default = false)]
    pub data_access_anomaly: bool,
    /// Admin privilege changes observed.
    #[uniffi(default = 0)]
    pub admin_privilege_changes: u32,
    /// The worst severity of the last vulnerability scan.
    #[uniffi(default = None)]
    pub worst_vulnerability: Option<VulnerabilitySeverity>,
    /// Traffic against its baseline.
    #[uniffi(default = None)]
    pub traffic: Option<TrafficSample>,
    /// When the TLS certificate expires.
    #[uniffi(default = None)]
    pub certificate_expires_at: Option<Timestamp>,
}

// Remote, not derived in cesizen-core: it carries an instant, which crosses as this crate's `Timestamp` (time.rs).
/// One notification the routing plans: on which channel, how timed, due when.
#[uniffi::remote(Record)]
pub struct PlannedNotification {
    pub channel: Channel,
    pub timing: Timing,
    pub due: Timestamp,
}

// Remote, not derived in cesizen-core: it carries an instant, which crosses as this crate's `Timestamp` (time.rs).
/// Everything the routing does for one alert: its notifications and its dashboard style.
#[uniffi::remote(Record)]
pub struct NotificationPlan {
    /// Every notification, in channel order.
    pub notifications: Vec<PlannedNotification>,
    /// How the alert shows on the dashboard.
    pub dashboard: DashboardStyle,
}

/// One run of a task of the maintenance calendar.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`, beside the task's code and its local wall-clock time as text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MaintenanceOccurrence {
    /// The task's name (`"database_backup"`…).
    pub task: String,
    /// When it runs.
    pub at: Timestamp,
    /// The wall-clock time it was scheduled for in Europe/Paris (`2025-03-30T02:00:00`; a time skipped by the
    /// spring clock change runs at the next valid instant).
    pub scheduled_local: String,
}

/// One step of an escalation policy.
/// Binding shape: targets cross as text and the wait as a fixed number of milliseconds (a share of a goal needs the priority the plan's policies carry).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EscalationStep {
    /// Who is notified.
    pub targets: Vec<String>,
    /// How long after this step the next one starts, in milliseconds.
    pub escalate_after_ms: u64,
}

/// An escalation policy given as data (the plan's policies come from [`plan_escalation_notices`]).
/// Binding shape: its steps are binding-shaped [`EscalationStep`]s (a fixed wait, targets as text).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EscalationPolicySpec {
    /// The steps, in order.
    pub steps: Vec<EscalationStep>,
    /// How many times the steps run again after the first round.
    #[uniffi(default = 0)]
    pub repeat: u8,
    /// What stops the escalation.
    pub until: EscalateUntil,
    /// With `until = acknowledged`: how long an acknowledgement holds before the escalation restarts.
    #[uniffi(default = None)]
    pub ack_timeout_ms: Option<u64>,
}

/// What happened to an alert.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AlertLifecycleEvent {
    /// It fired.
    Triggered {
        /// When.
        at: Timestamp,
    },
    /// Someone acknowledged it.
    Acknowledged {
        /// When.
        at: Timestamp,
    },
    /// It was closed.
    Closed {
        /// When.
        at: Timestamp,
    },
}

/// One notice of an escalation.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`; targets cross as text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EscalationNotice {
    /// When it is sent.
    pub at: Timestamp,
    /// The step (0 is the first).
    pub step: u64,
    /// The round (0 is the first).
    pub round: u8,
    /// Who is notified.
    pub targets: Vec<String>,
}

/// The notices due by `now` and the next one.
/// Binding shape: notices carry instants as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EscalationNotices {
    /// Every notice due at or before `now`.
    pub notices: Vec<EscalationNotice>,
    /// The next notice after `now`, if any.
    pub next: Option<EscalationNotice>,
}

/// What the deployment guard decides.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum GuardDecision {
    /// Roll back to the previous stable version.
    Rollback {
        /// The critical error that crossed the limit.
        triggered_at: Timestamp,
    },
    /// Serve `percent` % of traffic from the new version until `until`.
    Rollout {
        /// Current share.
        percent: u8,
        /// When the step ends.
        until: Timestamp,
    },
    /// The release is the new stable version.
    Stable {
        /// Since when.
        since: Timestamp,
    },
}

/// An alert raised to the desk.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`; the alert key crosses as text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RaisedAlert {
    /// What fired (`"cpu:critical"`); 1 to 256 characters, no padding or control characters.
    pub key: String,
    /// On what (`"api-1"`), same rules.
    pub subject: String,
    /// How bad.
    pub severity: Severity,
    /// When.
    pub at: Timestamp,
}

/// What the desk did with an alert.
/// Binding shape: alert keys cross as text (the domain holds `AlertKey`s).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Disposition {
    /// Notify: a new alert (or one escalated from a lower severity).
    Notify {
        /// The severity it was firing at before, when it escalated.
        escalated_from: Option<Severity>,
    },
    /// A repeat of a firing alert: counted, not notified.
    Repeat {
        /// How many times it fired.
        count: u64,
    },
    /// Hidden by a more severe alert on the same subject.
    Suppressed {
        /// The key of that alert.
        by: String,
    },
    /// Resolved.
    Resolved {
        /// Whether it was firing.
        was_firing: bool,
        /// The alerts it had suppressed, released.
        released: Vec<String>,
    },
}

impl From<CoreDisposition> for Disposition {
    fn from(d: CoreDisposition) -> Self {
        match d {
            CoreDisposition::Notify { escalated_from } => Disposition::Notify { escalated_from },
            CoreDisposition::Repeat { count } => Disposition::Repeat { count },
            CoreDisposition::Suppressed { by } => Disposition::Suppressed { by: by.to_string() },
            CoreDisposition::Resolved { was_firing, released } => Disposition::Resolved {
                was_firing,
                released: released.iter().map(ToString::to_string).collect(),
            },
        }
    }
}

/// A group of low-priority alerts notified together.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`; alert keys cross as text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AlertGroup {
    /// The group (`"p3"`).
    pub group: String,
    /// When its window opened.
    pub opened_at: Timestamp,
    /// When it closes.
    pub closes_at: Timestamp,
    /// Each alert key with how often it was added.
    pub members: HashMap<String, u64>,
}

/// The code of alerting rules text that is not the rules format's JSON.
pub const RULES_INVALID: &str = "input.rules.invalid";

pub(crate) fn decision(d: CoreGuardDecision) -> GuardDecision {
    match d {
        CoreGuardDecision::Rollback { triggered_at } => GuardDecision::Rollback { triggered_at },
        CoreGuardDecision::Rollout { percent, until } => GuardDecision::Rollout { percent, until },
        CoreGuardDecision::Stable { since } => GuardDecision::Stable { since },
    }
}

pub(crate) fn notice(n: CoreEscalationNotice) -> Result<EscalationNotice, CesizenError> {
    Ok(EscalationNotice {
        at: n.at,
        step: u64::try_from(n.step).map_err(|_| CesizenError::panic())?,
        round: n.round,
        targets: n.targets.iter().map(ToString::to_string).collect(),
    })
}

pub(crate) fn lifecycle(e: AlertLifecycleEvent) -> CoreLifecycleEvent {
    match e {
        AlertLifecycleEvent::Triggered { at } => CoreLifecycleEvent::Triggered { at },
        AlertLifecycleEvent::Acknowledged { at } => CoreLifecycleEvent::Acknowledged { at },
        AlertLifecycleEvent::Closed { at } => CoreLifecycleEvent::Closed { at },
    }
}

pub(crate) fn notices_of(
    policy: &EscalationPolicy,
    events: Vec<AlertLifecycleEvent>,
    now: Timestamp,
) -> Result<EscalationNotices, CesizenError> {
    let events: Vec<_> = events.into_iter().map(lifecycle).collect();
    let schedule = policy.schedule_at(&events, now)?;
    Ok(EscalationNotices {
        notices: schedule.notices.into_iter().map(notice).collect::<Result<_, _>>()?,
        next: schedule.next.map(notice).transpose()?,
    })
}

/// The severity of a monitored value under the plan's thresholds.
///
/// Errors: the `alerting.*` code of a value that is not a finite number.
#[uniffi::export]
pub fn classify_metric(metric: Metric, value: f64) -> Result<Severity, CesizenError> {
    Plan::new().classify_metric(metric, value)
}

/// The quality grade of a measured value under the plan's scales.
///
/// Errors: the `alerting.*` code of a value that is not a finite number.
#[uniffi::export]
pub fn grade_quality(metric: QualityMetric, value: f64) -> Result<QualityGrade, CesizenError> {
    Plan::new().grade_quality(metric, value)
}

/// The quality grade of a security rating: A+ excellent, A good, B acceptable, below B critical.
#[uniffi::export]
pub fn grade_security_rating(rating: SecurityRating) -> Result<QualityGrade, CesizenError> {
    guard(|| Ok(rating.grade()))
}

/// The security alerts the plan's rules raise for the signals observed at `now`, critical ones first.
#[uniffi::export]
pub fn evaluate_security_signals(signals: SecuritySignals, now: Timestamp) -> Result<Vec<SecurityAlert>, CesizenError> {
    Plan::new().evaluate_security_signals(signals, now)
}

/// The notifications the plan's routing sends for an alert of `priority` raised at `raised_at`, and its
/// dashboard style.
#[uniffi::export]
pub fn plan_notifications(priority: Priority, raised_at: Timestamp) -> Result<NotificationPlan, CesizenError> {
    Plan::new().notification_plan(priority, raised_at)
}

/// The next `count` runs of the plan's maintenance calendar after `after`.
///
/// Errors: the `alerting.*` code of a count or an instant the calendar cannot reach.
#[uniffi::export]
pub fn next_maintenance_occurrences(after: Timestamp, count: u32) -> Result<Vec<MaintenanceOccurrence>, CesizenError> {
    Plan::new().next_maintenance_occurrences(after, count)
}

/// The escalation notices of the plan's policy for `priority`: those due by `now`, and the next one.
///
/// Errors: `alerting.escalation.malformed_history` for events that do not start with a trigger or go back in
/// time.
#[uniffi::export]
pub fn plan_escalation_notices(
    priority: Priority,
    events: Vec<AlertLifecycleEvent>,
    now: Timestamp,
) -> Result<EscalationNotices, CesizenError> {
    Plan::new().escalation_notices(priority, events, now)
}

/// The escalation notices of a policy given as data: those due by `now`, and the next one.
///
/// Errors: the `config.*` code of an inconsistent policy, and those of [`plan_escalation_notices`].
#[uniffi::export]
pub fn escalation_notices(
    policy: EscalationPolicySpec,
    events: Vec<AlertLifecycleEvent>,
    now: Timestamp,
) -> Result<EscalationNotices, CesizenError> {
    guard(|| {
        let spec = CoreEscalationPolicySpec {
            steps: policy
                .steps
                .into_iter()
                .map(|s| EscalationStepSpec {
                    targets: s.targets,
                    escalate_after_ms: Some(s.escalate_after_ms),
                    escalate_after_goal_permille: None,
                })
                .collect(),
            repeat: policy.repeat,
            until: policy.until,
            ack_timeout_ms: policy.ack_timeout_ms,
        };
        notices_of(&EscalationPolicy::try_from(spec)?, events, now)
    })
}

/// The plan's deployment guard: roll out further, stay stable, or roll back, given the critical errors seen.
///
/// Errors: the `alerting.*` code of `now` before the release.
#[uniffi::export]
pub fn evaluate_deployment(
    released_at: Timestamp,
    critical_errors: Vec<Timestamp>,
    now: Timestamp,
) -> Result<GuardDecision, CesizenError> {
    Plan::new().evaluate_deployment(released_at, critical_errors, now)
}

/// The operations dashboard's indicators against the plan's targets.
#[uniffi::export]
pub fn assess_dashboard(snapshot: OpsSnapshot) -> Result<Vec<IndicatorAssessment>, CesizenError> {
    Plan::new().assess_dashboard(snapshot)
}

/// The stable code of a dashboard indicator (`"p1_p2_incidents"`), as the SDK's JSON names it.
#[uniffi::export]
pub fn ops_indicator_code(indicator: OpsIndicator) -> Result<String, CesizenError> {
    guard(|| match serde_json::to_value(indicator) {
        Ok(serde_json::Value::String(code)) => Ok(code),
        _ => Err(CesizenError::panic()),
    })
}

/// The plan's risk matrix, ranked by score.
#[uniffi::export]
pub fn risk_matrix() -> Result<Vec<cesizen_core::alerting::RiskEntry>, CesizenError> {
    guard(|| Ok(cesizen_core::alerting::risk_matrix()))
}

/// Validates alerting rules given as the rules file's JSON (`{}` is the plan; any field overrides it).
///
/// Errors: `input.rules.invalid` for text that is not the format's JSON, the `config.*` code of rules the plan
/// refuses.
#[uniffi::export]
pub fn validate_alerting_rules(json: String) -> Result<(), CesizenError> {
    guard(|| {
        let spec: AlertingRulesSpec = serde_json::from_str(&json)
            .map_err(|_| CesizenError::input(RULES_INVALID, "not the alerting rules format"))?;
        AlertingRules::try_from(spec)?;
        Ok(())
    })
}

/// The alert desk: de-duplicates raised alerts, counts repeats, suppresses lesser alerts on a subject, and
/// releases them on resolution. It keeps state between calls (behind a lock: it may be shared across threads).
#[derive(uniffi::Object)]
pub struct AlertDesk(Mutex<CoreAlertDesk>);

#[uniffi::export]
impl AlertDesk {
    /// An empty desk.
    #[uniffi::constructor]
    pub fn new() -> Self {
        AlertDesk(Mutex::new(CoreAlertDesk::default()))
    }

    /// Raises an alert; returns what the desk did with it. (Not `raise`: a keyword in Python.)
    ///
    /// Errors: the key validation code, `alerting.event.out_of_order` for an alert older than the desk's last.
    pub fn raise_alert(&self, alert: RaisedAlert) -> Result<Disposition, CesizenError> {
        guard(|| {
            let alert = CoreRaisedAlert {
                key: AlertKey::new(alert.key)?,
                subject: AlertKey::new(alert.subject)?,
                severity: alert.severity,
                at: alert.at,
            };
            Ok(self.0.lock().map_err(|_| CesizenError::panic())?.raise(alert)?.into())
        })
    }

    /// Resolves alert `key` at `at`; returns what the desk did.
    pub fn resolve(&self, key: String, at: Timestamp) -> Result<Disposition, CesizenError> {
        guard(|| {
            let key = AlertKey::new(key)?;
            Ok(self
                .0
                .lock()
                .map_err(|_| CesizenError::panic())?
                .resolve(&key, at)?
                .into())
        })
    }
}

impl Default for AlertDesk {
    fn default() -> Self {
        Self::new()
    }
}

/// Groups low-priority alerts raised within a window into one notification per group.
#[derive(uniffi::Object)]
pub struct AlertGrouper(Mutex<CoreAlertGrouper>);

#[uniffi::export]
impl AlertGrouper {
    /// A grouper with a window of `window_ms` milliseconds.
    ///
    /// Errors: the `config.*` code of a window out of range.
    #[uniffi::constructor]
    pub fn new(window_ms: u64) -> Result<Self, CesizenError> {
        guard(|| {
            let ms =
                i64::try_from(window_ms).map_err(|_| CesizenError::input(WINDOW_INVALID, "the window is too long"))?;
            let window = TimeDelta::try_milliseconds(ms)
                .ok_or_else(|| CesizenError::input(WINDOW_INVALID, "the window is too long"))?;
            Ok(AlertGrouper(Mutex::new(CoreAlertGrouper::new(window)?)))
        })
    }

    /// Adds alert `key` to `group` at `at`; returns when the group closes.
    pub fn add(&self, group: String, key: String, at: Timestamp) -> Result<Timestamp, CesizenError> {
        guard(|| {
            let group = AlertKey::new(group)?;
            let key = AlertKey::new(key)?;
            Ok(self.0.lock().map_err(|_| CesizenError::panic())?.add(&group, key, at)?)
        })
    }

    /// The groups whose window has closed by `now`, removed from the grouper.
    pub fn flush_due(&self, now: Timestamp) -> Result<Vec<AlertGroup>, CesizenError> {
        guard(|| {
            Ok(self
                .0
                .lock()
                .map_err(|_| CesizenError::panic())?
                .flush_due(now)
                .into_iter()
                .map(|g| AlertGroup {
                    group: g.group.to_string(),
                    opened_at: g.opened_at,
                    closes_at: g.closes_at,
                    members: g.members.into_iter().map(|(k, n)| (k.to_string(), n)).collect(),
                })
                .collect())
        })
    }
}

/// The code of a grouping window too long to represent.
pub const WINDOW_INVALID: &str = "input.window.out_of_range";
