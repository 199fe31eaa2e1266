//! Operations: monitoring thresholds, quality grades, security alert rules, alert routing and escalation, the
//! alert desk and grouping, the deployment guard, the operations dashboard, the risk matrix and the
//! maintenance calendar — the maintenance plan's rules as `cesizen_core::alerting` holds them, for the
//! operations dashboard in the browser.
//!
//! Codes are the SDK's serialized names (`"cpu"`, `"p1"`, …); structured results are the SDK's own JSON form,
//! as the shared vectors pin it, declared in TypeScript by the SDK types themselves (`cesizen-core`'s `wasm` feature). The alert
//! desk and the grouper keep state between calls, so they are classes.

use chrono::TimeDelta;
use tsify::Ts;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::alerting::{
    AlertDesk as CoreAlertDesk, AlertGrouper as CoreAlertGrouper, AlertKey, AlertingRules, AlertingRulesSpec,
    RaisedAlert, SecurityRating,
};

use crate::convert::code_of;
use crate::convert::{from_js, read, string_from_js, time_from_js, u32_from_js, write_value};
use crate::error::SdkError;
use crate::plan::Plan;

fn config_error(error: cesizen_core::alerting::ConfigError) -> SdkError {
    SdkError::new(error.code(), error.to_string())
}

/// The severity of a monitored value under the plan's thresholds (`"cpu"`, `"ram"`, `"disk"`,
/// `"api_response_time"`, …): `"normal"`, `"warning"` or `"critical"`.
#[wasm_bindgen(js_name = classifyMetric)]
pub fn classify_metric(
    #[wasm_bindgen(unchecked_param_type = "string")] metric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] value: JsValue,
) -> Result<String, SdkError> {
    Plan::new().classify_metric(metric, value)
}

/// The quality grade of a measured value under the plan's scales (`"load_time"`, `"mobile_score"`, …).
#[wasm_bindgen(js_name = gradeQuality)]
pub fn grade_quality(
    #[wasm_bindgen(unchecked_param_type = "string")] metric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] value: JsValue,
) -> Result<String, SdkError> {
    Plan::new().grade_quality(metric, value)
}

/// The quality grade of a security rating (`"A+"`, `"A"`, `"B"`, …).
#[wasm_bindgen(js_name = gradeSecurityRating)]
pub fn grade_security_rating(
    #[wasm_bindgen(unchecked_param_type = "string")] rating: JsValue,
) -> Result<String, SdkError> {
    code_of(&read::<SecurityRating>(&rating, "security rating")?.grade())
}

/// The security alerts the plan's rules raise for the signals observed at `now`.
#[wasm_bindgen(js_name = evaluateSecuritySignals, unchecked_return_type = "SecurityAlert[]")]
pub fn evaluate_security_signals(
    #[wasm_bindgen(unchecked_param_type = "SecuritySignals")] signals: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<JsValue, SdkError> {
    Plan::new().evaluate_security_signals(signals, now)
}

/// The notifications the plan's routing sends for an alert of `priority` raised at `raisedAt`, and the
/// dashboard style: `{ notifications, dashboard }`.
#[wasm_bindgen(js_name = planNotifications, unchecked_return_type = "NotificationPlan")]
pub fn plan_notifications(
    #[wasm_bindgen(unchecked_param_type = "string")] priority: JsValue,
    #[wasm_bindgen(js_name = raisedAt, unchecked_param_type = "Date | string")] raised_at: JsValue,
) -> Result<JsValue, SdkError> {
    Plan::new().plan_notifications(priority, raised_at)
}

/// The next `count` tasks of the plan's maintenance calendar after `after`.
#[wasm_bindgen(js_name = nextMaintenanceOccurrences, unchecked_return_type = "MaintenanceOccurrence[]")]
pub fn next_maintenance_occurrences(
    #[wasm_bindgen(unchecked_param_type = "Date | string")] after: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] count: JsValue,
) -> Result<JsValue, SdkError> {
    Plan::new().next_maintenance_occurrences(after, count)
}

/// The escalation notices due by `now` for an alert's lifecycle events, and the next one: `{ notices, next }`.
/// `policy` is a priority code (the plan's policy for it) or an escalation policy given as data.
#[wasm_bindgen(js_name = escalationNotices, unchecked_return_type = "EscalationSchedule")]
pub fn escalation_notices(
    #[wasm_bindgen(unchecked_param_type = "string | EscalationPolicy")] policy: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AlertLifecycleEvent[]")] events: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<JsValue, SdkError> {
    Plan::new().escalation_notices(policy, events, now)
}

/// The plan's deployment guard: roll out further, hold, or roll back, given the critical errors since release.
#[wasm_bindgen(js_name = evaluateDeployment, unchecked_return_type = "GuardDecision")]
pub fn evaluate_deployment(
    #[wasm_bindgen(js_name = releasedAt, unchecked_param_type = "Date | string")] released_at: JsValue,
    #[wasm_bindgen(js_name = criticalErrors, unchecked_param_type = "(Date | string)[]")] critical_errors: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<JsValue, SdkError> {
    Plan::new().evaluate_deployment(released_at, critical_errors, now)
}

/// The operations dashboard's indicators against the plan's targets.
#[wasm_bindgen(js_name = assessDashboard, unchecked_return_type = "IndicatorAssessment[]")]
pub fn assess_dashboard(
    #[wasm_bindgen(unchecked_param_type = "OpsSnapshot")] snapshot: JsValue,
) -> Result<JsValue, SdkError> {
    Plan::new().assess_dashboard(snapshot)
}

/// The plan's risk matrix, with each risk's score and level.
#[wasm_bindgen(js_name = riskMatrix, unchecked_return_type = "Risk[]")]
pub fn risk_matrix() -> Result<JsValue, SdkError> {
    write_value(&cesizen_core::alerting::risk_matrix())
}

/// Validates alerting rules given as data (the plan's rules format; an absent section is the plan's).
///
/// Throws the SDK's `config.*` codes.
#[wasm_bindgen(js_name = validateAlertingRules)]
pub fn validate_alerting_rules(rules: Ts<AlertingRulesSpec>) -> Result<(), SdkError> {
    let spec: AlertingRulesSpec = from_js(&rules)?;
    AlertingRules::try_from(spec).map(|_| ()).map_err(config_error)
}

/// The alert desk: de-duplicates raised alerts, counts repeats, suppresses and escalates, and resolves.
#[wasm_bindgen]
pub struct AlertDesk(CoreAlertDesk);

#[wasm_bindgen]
impl AlertDesk {
    /// An empty desk.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> AlertDesk {
        AlertDesk(CoreAlertDesk::default())
    }

    /// Raises an alert; returns what the desk did with it.
    #[wasm_bindgen(unchecked_return_type = "Disposition")]
    pub fn raise(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RaisedAlert")] alert: JsValue,
    ) -> Result<JsValue, SdkError> {
        let alert: RaisedAlert = read(&alert, "RaisedAlert")?;
        write_value(&self.0.raise(alert)?)
    }

    /// Resolves the alert `key` at `at`; returns what the desk did.
    #[wasm_bindgen(unchecked_return_type = "Disposition")]
    pub fn resolve(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] at: JsValue,
    ) -> Result<JsValue, SdkError> {
        let key = AlertKey::new(string_from_js(&key)?)?;
        write_value(&self.0.resolve(&key, time_from_js(&at)?)?)
    }
}

/// Groups low-priority alerts raised within a window into one notification per group.
#[wasm_bindgen]
pub struct AlertGrouper(CoreAlertGrouper);

#[wasm_bindgen]
impl AlertGrouper {
    /// A grouper with a window of `windowMs` milliseconds.
    ///
    /// Throws the SDK's `config.*` code for a window out of range.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = windowMs, unchecked_param_type = "number")] window_ms: JsValue,
    ) -> Result<AlertGrouper, SdkError> {
        let window = TimeDelta::milliseconds(i64::from(u32_from_js(&window_ms)?));
        Ok(AlertGrouper(CoreAlertGrouper::new(window).map_err(config_error)?))
    }

    /// Adds alert `key` to `group` at `at`; returns when the group closes (RFC 3339).
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] group: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] at: JsValue,
    ) -> Result<String, SdkError> {
        let group = AlertKey::new(string_from_js(&group)?)?;
        let key = AlertKey::new(string_from_js(&key)?)?;
        Ok(self
            .0
            .add(&group, key, time_from_js(&at)?)?
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }

    /// The groups whose window has closed by `now`, removed from the grouper.
    #[wasm_bindgen(js_name = flushDue, unchecked_return_type = "AlertGroup[]")]
    pub fn flush_due(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
    ) -> Result<JsValue, SdkError> {
        write_value(&self.0.flush_due(time_from_js(&now)?))
    }
}
