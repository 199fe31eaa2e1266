//! The rules file: every operations rule of the SDK as one JSON document whose default is the plan.
//!
//! `Rules::from_json` reads it; every section is optional and defaults to the plan, so a file holds only
//! what differs. Sections:
//!
//! | key | content | default |
//! |---|---|---|
//! | `alerting` | thresholds, quality scales, security rules, routing, digests, grouping window, escalation, dashboard, maintenance calendar, deployment guard (see `cesizen_core::alerting::AlertingRulesSpec`) | the plan |
//! | `services` | `[{ "id", "name", "targetPercent" }]` | the plan's five services |
//! | `reportTimeZone` | IANA zone of monthly reports | `"Europe/Paris"` |
//! | `timerGoals` | `{ "priorities": { "p1": ms… }, "securityLevels": { "s1": ms… } }` | the plan's goals |
//! | `timerCalendar` | `{ "kind": "always_on" }` or `{ "kind": "business_hours", … }`, optionally with `dayHours` per weekday | always on |
//! | `resolutionTimer` | `{ "startOn": [statuses], "pauseIn": [...], "stopOn": [...] }` | created → deployed |
//! | `burnRate` | `{ "rules": [...], "minEvents", "noData" }` | the SRE workbook |
//! | `samplePolicy` | `{ "degradedWeight": ppm, "missing": "exclude" }` | 50 %, exclude |
//!
//! Durations are milliseconds, times `"HH:MM"`, targets percentages read exactly. Unknown keys are refused. A
//! refused file gives a [`ConfigError`] naming the field from the root (`alerting.routing.p3.smsOnCall`,
//! `services[3].targetPercent`); syntax errors carry the parser's line and column. The file
//! `cesizen-sla/rules/plan.json` is the plan written out in full.

use cesizen_core::alerting::{AlertingRules, AlertingRulesSpec, ConfigError, parse_time_zone};
use cesizen_core::tz::Tz;
use serde::{Deserialize, Serialize};

use crate::{
    BurnRatePolicy, BurnRatePolicySpec, GoalTable, GoalTableSpec, SamplePolicy, ServiceCatalog, ServiceSpec, SlaError,
    TimerConditions, TimerConditionsSpec, WorkCalendar, WorkCalendarSpec,
};

/// The JSON form of [`Rules`] (`SlaRules` in TypeScript); every section defaults to the plan.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(rename = "SlaRules", missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RulesSpec {
    /// Alerting rules.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "AlertingRules"))]
    pub alerting: AlertingRulesSpec,
    /// Services and their targets.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub services: Vec<ServiceSpec>,
    /// The zone of monthly reports.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub report_time_zone: String,
    /// Timer goals.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub timer_goals: GoalTableSpec,
    /// The working calendar of incident timers.
    #[cfg_attr(feature = "wasm", tsify(optional, type = "WorkCalendar"))]
    pub timer_calendar: WorkCalendarSpec,
    /// When the resolution timer starts, pauses and stops.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub resolution_timer: TimerConditionsSpec,
    /// Burn-rate alert rules.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub burn_rate: BurnRatePolicySpec,
    /// How health-check samples are weighed.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub sample_policy: SamplePolicy,
}

impl Default for RulesSpec {
    fn default() -> Self {
        Rules::plan().into()
    }
}

/// Every rule, validated.
///
/// ```
/// use cesizen_sla::Rules;
/// let rules = Rules::from_json(r#"{ "services": [{ "id": "core-api", "name": "Core API", "targetPercent": 99.95 }] }"#).unwrap();
/// assert_eq!(rules.services().services()[0].target.ppm(), 999_500);
/// let refused = Rules::from_json(r#"{ "services": [{ "id": "cdn", "name": "CDN", "targetPercent": 100.5 }] }"#).unwrap_err();
/// assert_eq!(refused.to_string(), "invalid rule at `services[0].targetPercent`: a target must be above 0 % and below 100 %");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    alerting: AlertingRules,
    services: ServiceCatalog,
    report_time_zone: Tz,
    timer_goals: GoalTable,
    timer_calendar: WorkCalendar,
    resolution_timer: TimerConditions,
    burn_rate: BurnRatePolicy,
    sample_policy: SamplePolicy,
}

impl Rules {
    /// The plan.
    pub fn plan() -> Self {
        Rules {
            alerting: AlertingRules::plan(),
            services: ServiceCatalog::plan(),
            report_time_zone: cesizen_core::alerting::PLAN_TIME_ZONE,
            timer_goals: GoalTable::plan(),
            timer_calendar: WorkCalendar::always_on(),
            resolution_timer: TimerConditions::resolution(),
            burn_rate: BurnRatePolicy::sre_workbook(),
            sample_policy: SamplePolicy::default(),
        }
    }

    /// Reads and validates a rules file.
    ///
    /// # Errors
    /// [`SlaError::Config`]: `config.syntax.invalid` with the parser's message, or the code of the refused
    /// field with its path.
    pub fn from_json(text: &str) -> Result<Self, SlaError> {
        let spec: RulesSpec = serde_json::from_str(text).map_err(|e| ConfigError::syntax(e.to_string()))?;
        Ok(Rules::try_from(spec)?)
    }

    /// The rules as a complete, pretty-printed JSON file.
    pub fn to_json(&self) -> String {
        let spec: RulesSpec = self.clone().into();
        serde_json::to_string_pretty(&spec).unwrap_or_default()
    }

    /// Alerting rules.
    pub fn alerting(&self) -> &AlertingRules {
        &self.alerting
    }

    /// Services.
    pub fn services(&self) -> &ServiceCatalog {
        &self.services
    }

    /// The zone of monthly reports.
    pub fn report_time_zone(&self) -> Tz {
        self.report_time_zone
    }

    /// Timer goals.
    pub fn timer_goals(&self) -> &GoalTable {
        &self.timer_goals
    }

    /// The incident timers' calendar.
    pub fn timer_calendar(&self) -> &WorkCalendar {
        &self.timer_calendar
    }

    /// The resolution timer's conditions.
    pub fn resolution_timer(&self) -> &TimerConditions {
        &self.resolution_timer
    }

    /// Burn-rate rules.
    pub fn burn_rate(&self) -> &BurnRatePolicy {
        &self.burn_rate
    }

    /// Health-sample weighing.
    pub fn sample_policy(&self) -> SamplePolicy {
        self.sample_policy
    }
}

impl TryFrom<RulesSpec> for Rules {
    type Error = ConfigError;

    fn try_from(s: RulesSpec) -> Result<Self, Self::Error> {
        // The goals first: the escalation steps written as a share of a goal are resolved against them.
        let timer_goals = GoalTable::try_from(s.timer_goals).map_err(|e| e.within("timerGoals"))?;
        let goal = |p| timer_goals.goal(p, None).to_time_delta();
        Ok(Rules {
            alerting: AlertingRules::with_goals(s.alerting, goal).map_err(|e| e.within("alerting"))?,
            services: ServiceCatalog::try_from(s.services).map_err(|e| e.within("services"))?,
            report_time_zone: parse_time_zone(&s.report_time_zone)
                .map_err(|p| ConfigError::new("reportTimeZone", p))?,
            timer_goals,
            timer_calendar: WorkCalendar::try_from(s.timer_calendar).map_err(|e| e.within("timerCalendar"))?,
            resolution_timer: TimerConditions::try_from(s.resolution_timer).map_err(|e| e.within("resolutionTimer"))?,
            burn_rate: BurnRatePolicy::try_from(s.burn_rate).map_err(|e| e.within("burnRate"))?,
            sample_policy: s.sample_policy,
        })
    }
}

impl From<Rules> for RulesSpec {
    fn from(r: Rules) -> Self {
        RulesSpec {
            alerting: r.alerting.into(),
            services: r.services.into(),
            report_time_zone: r.report_time_zone.name().to_owned(),
            timer_goals: r.timer_goals.into(),
            timer_calendar: r.timer_calendar.into(),
            resolution_timer: r.resolution_timer.into(),
            burn_rate: r.burn_rate.into(),
            sample_policy: r.sample_policy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cesizen_core::incident::Priority;

    fn refused(json: &str) -> ConfigError {
        match Rules::from_json(json).unwrap_err() {
            SlaError::Config(e) => e,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_plan_file_is_the_plan() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/plan.json");
        if std::env::var_os("CESIZEN_BLESS").is_some() {
            std::fs::write(path, Rules::plan().to_json() + "\n").unwrap();
        }
        let file = std::fs::read_to_string(path).unwrap();
        let file = file.as_str();
        assert_eq!(Rules::from_json(file).unwrap(), Rules::plan());
        assert_eq!(
            Rules::plan().to_json().trim_end(),
            file.trim_end(),
            "rules/plan.json is stale: regenerate it"
        );
        assert_eq!(Rules::from_json("{}").unwrap(), Rules::plan());
    }

    #[test]
    fn the_three_refusals_the_issue_names() {
        let e = refused(
            r#"{ "alerting": { "routing": {
            "p1": { "chat": {"mode": "immediate"}, "email": {"mode": "immediate"}, "smsOnCall": true, "dashboard": {"color": "red", "blinking": true} },
            "p2": { "chat": {"mode": "immediate"}, "email": {"mode": "immediate"}, "smsOnCall": false, "dashboard": {"color": "orange", "blinking": false} },
            "p3": { "chat": {"mode": "grouped"}, "email": {"mode": "digest", "cadence": "daily"}, "smsOnCall": true, "dashboard": {"color": "blue", "blinking": false} },
            "p4": { "chat": {"mode": "grouped"}, "email": {"mode": "digest", "cadence": "weekly"}, "smsOnCall": false, "dashboard": {"color": "grey", "blinking": false} }
        } } }"#,
        );
        assert_eq!(
            (e.field(), e.code()),
            ("alerting.routing.p3.smsOnCall", "config.routing.sms_not_allowed")
        );

        let mut thresholds = serde_json::to_value(AlertingRules::plan()).unwrap()["thresholds"].clone();
        thresholds["disk"]["boundaries"] =
            serde_json::json!([{"value": 80, "owner": "worse"}, {"value": 75, "owner": "better"}]);
        let e = refused(&serde_json::json!({ "alerting": { "thresholds": thresholds } }).to_string());
        assert_eq!(
            (e.field(), e.code()),
            (
                "alerting.thresholds.disk.boundaries[1].value",
                "config.bands.overlapping"
            )
        );

        let e = refused(r#"{ "services": [{ "id": "cdn", "name": "CDN", "targetPercent": 100.01 }] }"#);
        assert_eq!(
            (e.field(), e.code()),
            ("services[0].targetPercent", "config.target.out_of_range")
        );
    }

    #[test]
    fn a_goal_changed_moves_its_escalation() {
        let mut goals = serde_json::to_value(GoalTable::plan()).unwrap();
        goals["priorities"]["p2"] = (4 * 3_600_000).into();
        let rules = Rules::from_json(&serde_json::json!({ "timerGoals": goals }).to_string()).unwrap();
        let escalation = serde_json::to_value(rules.alerting().escalation(Priority::P2)).unwrap();
        assert_eq!(escalation["steps"][0]["escalateAfterMs"], 2 * 3_600_000);
        // The other priorities keep theirs.
        assert_eq!(
            rules.alerting().escalation(Priority::P1),
            Rules::plan().alerting().escalation(Priority::P1)
        );
    }

    #[test]
    fn syntax_and_unknown_keys() {
        let e = refused(r#"{ "sevrices": [] }"#);
        assert_eq!(e.code(), "config.syntax.invalid");
        assert!(e.to_string().contains("sevrices"), "{e}");
        assert_eq!(refused("{").code(), "config.syntax.invalid");
        assert_eq!(
            refused(r#"{ "reportTimeZone": "Europe/Lutece" }"#).field(),
            "reportTimeZone"
        );
        assert_eq!(
            refused(r#"{ "timerGoals": { "priorities": { "p1": 0 }, "securityLevels": {} } }"#).field(),
            "timerGoals.priorities.p1"
        );
    }
}
