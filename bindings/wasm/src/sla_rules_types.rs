//! The TypeScript declaration of the SLA rules file that `loadSlaRules()` reads.
//!
//! [`SlaRules`] mirrors `cesizen_sla::RulesSpec` section by section with the same serde attributes; its
//! `alerting` section is [`crate::alerting_rules_types::AlertingRules`]. The shape is declared here, the values
//! are the SDK's to judge (ordered goals, targets below 100 %, …), as for the alerting rules. The tests check the
//! mirror against the SDK type on the plan's complete rules (`cesizen-sla/rules/plan.json`), on every omission
//! of a member from them and on the shared vectors, and check that each struct reads exactly the SDK struct's
//! fields.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use cesizen_core::incident::{Priority, SecurityLevel, TicketStatus};

use crate::alerting_rules_types::AlertingRules;
use cesizen_sla::{AlertAction, SamplePolicy};

use cesizen_sla::{ServiceSpec, WorkCalendarSpec};

/// SLA timer goals (mirror of `cesizen_sla::GoalTableSpec`): every priority and every level, in ms, ordered
/// from the strictest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[tsify(hashmap_as_object)]
pub struct TimerGoals {
    /// Resolution goal per priority, ms.
    pub priorities: BTreeMap<Priority, u64>,
    /// Response goal per security level, ms.
    pub security_levels: BTreeMap<SecurityLevel, u64>,
}

/// Which workflow moves start, pause and stop a timer (mirror of `cesizen_sla::TimerConditionsSpec`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimerConditions {
    /// Entering one of these starts a cycle when none is open.
    pub start_on: Vec<TicketStatus>,
    /// While in one of these, an open cycle is paused (none when absent).
    #[serde(default)]
    #[tsify(optional)]
    pub pause_in: Vec<TicketStatus>,
    /// Entering one of these stops the open cycle.
    pub stop_on: Vec<TicketStatus>,
}

/// What a window without any event means (mirror of `cesizen_sla::NoDataPolicy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum NoDataPolicy {
    /// Nothing failed: the rule is OK.
    Ok,
    /// Silence is suspicious: the rule fires.
    Alerting,
    /// The rule has no data.
    NoData,
}

/// A burn-rate rule (mirror of `cesizen_sla::BurnRateRule`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BurnRateRule {
    /// A unique snake_case name.
    pub name: String,
    /// Page or ticket.
    pub action: AlertAction,
    /// Share of the period's error budget consumed within the long window, ppm.
    pub budget_consumed: u32,
    /// Long window, ms.
    pub long_window_ms: u64,
    /// Short window, ms (shorter than the long one).
    pub short_window_ms: u64,
}

/// Burn-rate alerting (mirror of `cesizen_sla::BurnRatePolicySpec`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BurnRatePolicy {
    /// The rules.
    pub rules: Vec<BurnRateRule>,
    /// Events needed in the long window before a rule may fire (0 when absent).
    #[serde(default)]
    #[tsify(optional)]
    pub min_events: u64,
    /// What a window without events means.
    pub no_data: NoDataPolicy,
}

/// Every operations rule as data (mirror of `cesizen_sla::RulesSpec`). Every section is optional and takes the
/// plan's value when absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SlaRules {
    /// Alerting rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub alerting: Option<AlertingRules>,
    /// Services and their targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub services: Option<Vec<ServiceSpec>>,
    /// The IANA zone of monthly reports (plan: `"Europe/Paris"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub report_time_zone: Option<String>,
    /// Timer goals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub timer_goals: Option<TimerGoals>,
    /// The working calendar of incident timers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub timer_calendar: Option<WorkCalendarSpec>,
    /// When the resolution timer starts, pauses and stops.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub resolution_timer: Option<TimerConditions>,
    /// Burn-rate alert rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub burn_rate: Option<BurnRatePolicy>,
    /// How health-check samples are weighed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub sample_policy: Option<SamplePolicy>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::mirror::{agree_on_every_omission, same_fields};
    use crate::vectors::all_inputs;
    use cesizen_sla::RulesSpec;

    /// The plan's rules file, as the SDK writes it out in full.
    fn plan_file() -> serde_json::Value {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../cesizen-sla/rules/plan.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_rules_mirror_agrees_with_the_sdk_on_the_plan_and_every_omission() {
        let plan = serde_json::to_value(RulesSpec::default()).unwrap();
        assert_eq!(plan, plan_file(), "plan.json is the SDK's plan");
        agree_on_every_omission::<SlaRules, RulesSpec>(&plan);
    }

    #[test]
    fn the_rules_mirror_agrees_with_the_sdk_on_a_business_hours_calendar() {
        let mut rules = plan_file();
        rules["timerCalendar"] = serde_json::to_value(cesizen_sla::WorkCalendar::paris_business_hours()).unwrap();
        rules["resolutionTimer"]["pauseIn"] = serde_json::json!(["code_review", "test"]);
        rules["burnRate"]["noData"] = serde_json::json!("no_data");
        agree_on_every_omission::<SlaRules, RulesSpec>(&rules);
        rules["burnRate"]["noData"] = serde_json::json!("alerting");
        agree_on_every_omission::<BurnRatePolicy, cesizen_sla::BurnRatePolicySpec>(&rules["burnRate"]);
    }

    #[test]
    fn the_rules_mirror_agrees_with_the_sdk_on_the_vectors() {
        for input in all_inputs("sla", "loadRules") {
            agree_on_every_omission::<SlaRules, RulesSpec>(&input["rules"]);
        }
    }

    #[test]
    fn every_mirror_reads_exactly_the_fields_of_its_sdk_type() {
        same_fields::<SlaRules, RulesSpec>();
        same_fields::<TimerGoals, cesizen_sla::GoalTableSpec>();
        same_fields::<TimerConditions, cesizen_sla::TimerConditionsSpec>();
        same_fields::<BurnRatePolicy, cesizen_sla::BurnRatePolicySpec>();
        same_fields::<BurnRateRule, cesizen_sla::BurnRateRule>();
    }
}
