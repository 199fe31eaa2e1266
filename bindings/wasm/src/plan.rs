//! `Plan`: the deployment's plan as a class, whose methods are the plan-dependent functions. `new Plan()` is the
//! maintenance plan; `Plan.fromJson` / `Plan.fromToml` read a deployment's own (`cesizen-plan`'s document). The
//! module's free functions (`classifyMetric`, `escalationNotices`, …) are the same methods on `new Plan()`.

use tsify::Ts;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::alerting::{
    AlertLifecycleEvent, EscalationPolicy, EscalationPolicySpec, Metric, OpsSnapshot, QualityMetric, SecuritySignals,
    Severity,
};
use cesizen_core::incident::{Priority, SecurityLevel};
use cesizen_gdpr::request::{DataSubjectRequest, RequestRecord, assess};
use cesizen_gdpr::retention::{RecordMeta, RetentionPlanner};
use serde_json::json;

use crate::convert::code_of;
use crate::convert::{array_from_js, from_js, read, time_from_js, u32_from_js, write, write_value};
use crate::error::SdkError;

/// The deployment's plan: alerting, SLA and GDPR rules, validated once.
#[wasm_bindgen]
pub struct Plan(cesizen_plan::Plan);

fn plan_error(error: cesizen_plan::PlanError) -> SdkError {
    SdkError::new(error.code(), error.to_string())
}

#[wasm_bindgen]
impl Plan {
    /// The maintenance plan.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Plan {
        Plan(cesizen_plan::Plan::default())
    }

    /// Reads a JSON plan document; a refusal throws the field's `config.*` code.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<Plan, SdkError> {
        cesizen_plan::Plan::from_json(text).map(Plan).map_err(plan_error)
    }

    /// Reads a TOML plan document; a refusal throws the field's `config.*` code.
    #[wasm_bindgen(js_name = fromToml)]
    pub fn from_toml(text: &str) -> Result<Plan, SdkError> {
        cesizen_plan::Plan::from_toml(text).map(Plan).map_err(plan_error)
    }

    /// The plan as one complete JSON document.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The severity of a monitored value under the plan's thresholds: `"normal"`, `"warning"` or `"critical"`.
    #[wasm_bindgen(js_name = classifyMetric)]
    pub fn classify_metric(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] metric: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] value: JsValue,
    ) -> Result<String, SdkError> {
        let metric: Metric = read(&metric, "metric code")?;
        let value = value.as_f64().ok_or_else(|| SdkError::invalid_input("number"))?;
        code_of(&self.0.alerting().thresholds().classify(metric, value)?)
    }

    /// The quality grade of a measured value under the plan's scales.
    #[wasm_bindgen(js_name = gradeQuality)]
    pub fn grade_quality(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] metric: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] value: JsValue,
    ) -> Result<String, SdkError> {
        let metric: QualityMetric = read(&metric, "quality metric code")?;
        let value = value.as_f64().ok_or_else(|| SdkError::invalid_input("number"))?;
        code_of(&self.0.alerting().quality().grade(metric, value)?)
    }

    /// The band of a rate of failed logins per minute under the plan's thresholds.
    #[wasm_bindgen(js_name = failedLoginBand)]
    pub fn failed_login_band(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] failures_per_minute: JsValue,
    ) -> Result<Ts<Severity>, SdkError> {
        let rate = u32_from_js(&failures_per_minute)?;
        write(&cesizen_core::user::failed_login_band(
            self.0.alerting().thresholds(),
            rate,
        ))
    }

    /// The security alerts the plan's rules raise for the signals observed at `now`.
    #[wasm_bindgen(js_name = evaluateSecuritySignals, unchecked_return_type = "SecurityAlert[]")]
    pub fn evaluate_security_signals(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SecuritySignals")] signals: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
    ) -> Result<JsValue, SdkError> {
        let signals: SecuritySignals = read(&signals, "SecuritySignals")?;
        write_value(&self.0.alerting().security().evaluate(&signals, time_from_js(&now)?))
    }

    /// The notifications the plan's routing sends for an alert of `priority` raised at `raisedAt`, and the
    /// dashboard style.
    #[wasm_bindgen(js_name = planNotifications, unchecked_return_type = "NotificationPlan")]
    pub fn plan_notifications(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] priority: JsValue,
        #[wasm_bindgen(js_name = raisedAt, unchecked_param_type = "Date | string")] raised_at: JsValue,
    ) -> Result<JsValue, SdkError> {
        let priority: Priority = read(&priority, "priority code")?;
        write_value(
            &self
                .0
                .alerting()
                .notification_plan(priority, time_from_js(&raised_at)?)?,
        )
    }

    /// The next `count` tasks of the plan's maintenance calendar after `after`.
    #[wasm_bindgen(js_name = nextMaintenanceOccurrences, unchecked_return_type = "MaintenanceOccurrence[]")]
    pub fn next_maintenance_occurrences(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] after: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] count: JsValue,
    ) -> Result<JsValue, SdkError> {
        let count = usize::try_from(u32_from_js(&count)?).map_err(|_| SdkError::invalid_input("count"))?;
        write_value(
            &self
                .0
                .alerting()
                .maintenance()
                .next_occurrences(time_from_js(&after)?, count)?,
        )
    }

    /// The escalation notices due by `now` and the next one: `{ notices, next }`. `policy` is a priority code
    /// (the plan's policy for it, its steps derived from the plan's goal) or a policy given as data.
    #[wasm_bindgen(js_name = escalationNotices, unchecked_return_type = "EscalationSchedule")]
    pub fn escalation_notices(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | EscalationPolicy")] policy: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AlertLifecycleEvent[]")] events: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
    ) -> Result<JsValue, SdkError> {
        let given;
        let policy = match policy.as_string() {
            Some(_) => self.0.alerting().escalation(read(&policy, "priority code")?),
            None => {
                given = EscalationPolicy::try_from(read::<EscalationPolicySpec>(&policy, "EscalationPolicySpec")?)
                    .map_err(|e| SdkError::new(e.code(), e.to_string()))?;
                &given
            }
        };
        let events: Vec<AlertLifecycleEvent> = read(&events, "AlertLifecycleEvent[]")?;
        write_value(&policy.schedule_at(&events, time_from_js(&now)?)?)
    }

    /// The plan's deployment guard: roll out further, hold, or roll back, given the critical errors since release.
    #[wasm_bindgen(js_name = evaluateDeployment, unchecked_return_type = "GuardDecision")]
    pub fn evaluate_deployment(
        &self,
        #[wasm_bindgen(js_name = releasedAt, unchecked_param_type = "Date | string")] released_at: JsValue,
        #[wasm_bindgen(js_name = criticalErrors, unchecked_param_type = "(Date | string)[]")] critical_errors: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
    ) -> Result<JsValue, SdkError> {
        let errors = array_from_js(&critical_errors)?
            .iter()
            .map(time_from_js)
            .collect::<Result<Vec<_>, _>>()?;
        let guard = self.0.alerting().deployment();
        write_value(&guard.evaluate(time_from_js(&released_at)?, &errors, time_from_js(&now)?)?)
    }

    /// The operations dashboard's indicators against the plan's targets.
    #[wasm_bindgen(js_name = assessDashboard, unchecked_return_type = "IndicatorAssessment[]")]
    pub fn assess_dashboard(
        &self,
        #[wasm_bindgen(unchecked_param_type = "OpsSnapshot")] snapshot: JsValue,
    ) -> Result<JsValue, SdkError> {
        let snapshot: OpsSnapshot = read(&snapshot, "OpsSnapshot")?;
        write_value(&self.0.alerting().dashboard().assess(&snapshot))
    }

    /// The plan's resolution goal, in milliseconds, for a priority and, for a security incident, its level.
    #[wasm_bindgen(js_name = resolutionGoalMs)]
    pub fn resolution_goal_ms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] priority: JsValue,
        #[wasm_bindgen(js_name = securityLevel, unchecked_param_type = "string | null | undefined")]
        security_level: JsValue,
    ) -> Result<f64, SdkError> {
        let priority: Priority = read(&priority, "priority code")?;
        let level: Option<SecurityLevel> = if security_level.is_null() || security_level.is_undefined() {
            None
        } else {
            Some(read(&security_level, "security level code")?)
        };
        #[allow(clippy::cast_precision_loss)]
        Ok(self.0.sla().timer_goals().goal(priority, level).as_ms() as f64)
    }

    /// Where a data-subject request stands at `now` under the plan's deadlines (replayed from its stored
    /// history): `{ state, internal, legal, legalDueDate }`.
    #[wasm_bindgen(js_name = assessRequest, unchecked_return_type = "RequestAssessment")]
    pub fn assess_request(
        &self,
        request: Ts<RequestRecord>,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
    ) -> Result<JsValue, SdkError> {
        let policy = &self.0.gdpr().requests;
        let record: RequestRecord = from_js(&request)?;
        let request = DataSubjectRequest::replay(&record, policy)?;
        let a = assess(&request, policy, time_from_js(&now)?)?;
        write_value(
            &json!({"state": a.state, "internal": a.internal, "legal": a.legal, "legalDueDate": a.legal_due_date}),
        )
    }

    /// What the plan's retention policy does with a record at `now`: `{ action, dueAt }`.
    #[wasm_bindgen(js_name = retentionDecide, unchecked_return_type = "RetentionDecision")]
    pub fn retention_decide(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RecordMeta")] record: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
    ) -> Result<JsValue, SdkError> {
        let planner = RetentionPlanner::new(self.0.gdpr().retention)?;
        let record: RecordMeta = read(&record, "RecordMeta")?;
        let d = planner.decide(&record, time_from_js(&now)?)?;
        write_value(&json!({"action": d.action, "dueAt": d.due_at}))
    }
}

impl Default for Plan {
    fn default() -> Self {
        Plan::new()
    }
}
