//! The TypeScript declarations of the service-level functions' structured arguments and results.
//!
//! Each type mirrors the JSON form of a `cesizen-sla` type (or of a result object the binding assembles), as
//! [`crate::convert`] describes: the functions write the crate's own values, these mirrors only name their
//! TypeScript types. The tests check every mirror against the shared vectors' expected outputs and against the
//! crate's types.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

// The parts shared with the SDK are its own types (declared by `cesizen-sla`'s `wasm` feature).
use cesizen_sla::{AlertAction, Availability, RuleWarning, TimerStatus};

/// `availability()`'s result: the figures and whether they meet the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AvailabilityCheck {
    /// The figures.
    pub availability: Availability,
    /// Whether the availability meets the target (`null` when no time was eligible).
    pub meets: Option<bool>,
}

/// `errorBudget()`'s result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBudgetStatus {
    /// Units the target allows to fail.
    pub allowed: u64,
    /// Units spent.
    pub consumed: u64,
    /// Units left (negative once overspent).
    pub remaining: i64,
    /// What is left, in ppm of the budget (negative once overspent).
    pub remaining_ppm: i64,
    /// Whether nothing is left.
    pub exhausted: bool,
    /// At the recent rate, the time until nothing is left; `null` when the budget does not shrink.
    pub time_to_exhaustion_ms: Option<u64>,
    /// The average burn rate so far, in millionths; `null` for an empty elapsed time.
    pub average_burn_rate_micro: Option<u64>,
}

/// One rule of `burnRateRules()`: its threshold for a target and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct BurnRateThreshold {
    /// The rule's name (`page_fast`, …).
    pub name: String,
    /// What it does when it fires.
    pub action: AlertAction,
    /// The burn rate that fires it, in millionths.
    pub burn_rate_micro: u64,
    /// The same as an error ratio, in ppm.
    pub error_ratio_ppm: u64,
    /// Doubts about the rule for this target and period.
    pub warnings: Vec<RuleWarning>,
}

/// An event of an SLA timer (mirror of `cesizen_sla::TimerEvent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimerEvent {
    /// The clock starts (a new cycle).
    Start {
        /// When (RFC 3339).
        at: String,
    },
    /// The clock pauses (waiting for the customer, …).
    Pause {
        /// When (RFC 3339).
        at: String,
    },
    /// The clock resumes.
    Resume {
        /// When (RFC 3339).
        at: String,
    },
    /// The clock stops (the goal is met or missed for good).
    Stop {
        /// When (RFC 3339).
        at: String,
    },
}

/// The hours an SLA timer counts (mirror of `cesizen_sla::WorkCalendarSpec`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum WorkCalendar {
    /// Every hour counts.
    AlwaysOn,
    /// Only business hours count.
    BusinessHours {
        /// The IANA zone of the hours.
        time_zone: String,
        /// Working days.
        days: Vec<cesizen_core::alerting::DayOfWeek>,
        /// Opening time (`"09:00"`).
        from: String,
        /// Closing time (`"18:00"`).
        to: String,
        /// Working days with hours of their own (`{ friday: { from: "09:00", to: "16:00" } }`).
        #[serde(default)]
        #[tsify(optional, type = "Partial<Record<DayOfWeek, DayHours>>")]
        day_hours: std::collections::BTreeMap<cesizen_core::alerting::DayOfWeek, DayHours>,
        /// Extra closed days (`"2025-12-26"`).
        #[serde(default)]
        #[tsify(optional)]
        holidays: Vec<String>,
        /// Whether French public holidays are closed.
        #[serde(default)]
        #[tsify(optional)]
        french_public_holidays: bool,
    },
}

/// One weekday's working hours (mirror of `cesizen_sla::DayHours`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DayHours {
    /// Opening time (`"09:00"`).
    pub from: String,
    /// Closing time (`"16:00"`).
    pub to: String,
}

/// `ticketTimer()`'s result: the events a ticket's history gives, and the timer's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TicketTimer {
    /// The timer events.
    pub events: Vec<TimerEvent>,
    /// Where the timer stands.
    pub status: TimerStatus,
}

/// A service's outages and maintenance in a month (mirror of `cesizen_sla::ServiceObservations`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceObservations {
    /// Outages.
    #[serde(default)]
    #[tsify(optional)]
    pub outages: Vec<crate::sla::OutageInput>,
    /// Maintenance windows.
    #[serde(default)]
    #[tsify(optional)]
    pub maintenance: Vec<crate::sla::Interval>,
}

/// An outage as the SDK writes it: always with its weight (mirror of `cesizen_sla::Outage`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Outage {
    /// Start (RFC 3339).
    pub start: String,
    /// End (RFC 3339).
    pub end: String,
    /// Unavailability, 0 to 1 000 000 ppm.
    pub weight: u32,
}

/// A service of a catalogue (mirror of `cesizen_sla::ServiceSpec`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceSpec {
    /// Its id (`core-api`).
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its availability target in percent (`99.9`).
    pub target_percent: f64,
}

/// An SLO read from OpenSLO by `importOpenSlo()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ImportedSlo {
    /// The SLO's name.
    pub name: String,
    /// The service it is about.
    pub service: String,
    /// Its objectives' targets, in ppm.
    pub targets_ppm: Vec<u32>,
    /// Its window (`"28d"`, `"1M"`).
    pub window: String,
    /// Whether the window rolls (else it is a calendar window).
    pub rolling: bool,
}

/// An OpenSLO `SLO` document written by `exportOpenSlo()`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloDocument {
    /// `"openslo/v1"`.
    pub api_version: String,
    /// `"SLO"`.
    pub kind: String,
    /// Name and display name.
    pub metadata: OpenSloMetadata,
    /// The SLO.
    pub spec: OpenSloSpec,
}

/// An OpenSLO document's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloMetadata {
    /// The document's name.
    pub name: String,
    /// Its display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub display_name: Option<String>,
}

/// An OpenSLO SLO's specification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloSpec {
    /// The service.
    pub service: String,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub description: Option<String>,
    /// The SLI it is measured with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub indicator_ref: Option<String>,
    /// `"Occurrences"` or `"Timeslices"`.
    pub budgeting_method: String,
    /// The window (one).
    pub time_window: Vec<OpenSloTimeWindow>,
    /// The objectives.
    pub objectives: Vec<OpenSloObjective>,
}

/// An OpenSLO time window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloTimeWindow {
    /// Its length (`"1M"`, `"28d"`).
    pub duration: String,
    /// Whether it rolls.
    pub is_rolling: bool,
    /// A calendar window's start and zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub calendar: Option<OpenSloCalendar>,
}

/// A calendar window's anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloCalendar {
    /// Local start (`"2025-01-01 00:00:00"`).
    pub start_time: String,
    /// The IANA zone.
    pub time_zone: String,
}

/// An OpenSLO objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloObjective {
    /// Its display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub display_name: Option<String>,
    /// The target as a fraction (`0.9995`).
    pub target: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::mirror::mirrors_input;
    use crate::vectors::{expected_outputs, inputs, round_trip};
    use serde_json::Value;

    /// The items of `field` in each expected output of `op`.
    fn items(op: &str, field: &str) -> Vec<Value> {
        expected_outputs("sla", op)
            .into_iter()
            .flat_map(|e| e[field].as_array().cloned().unwrap_or_default())
            .collect()
    }

    #[test]
    fn mirrors_read_the_vectors_outputs() {
        expected_outputs("sla", "availability")
            .into_iter()
            .for_each(round_trip::<AvailabilityCheck>);
        expected_outputs("sla", "errorBudget")
            .into_iter()
            .for_each(round_trip::<ErrorBudgetStatus>);
        items("burnRateRules", "rules")
            .into_iter()
            .for_each(round_trip::<BurnRateThreshold>);
        expected_outputs("sla", "ticketTimer")
            .into_iter()
            .for_each(round_trip::<TicketTimer>);
        expected_outputs("sla", "monthlyReport")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::MonthlyReport>);
        items("splitOutages", "pieces")
            .into_iter()
            .for_each(round_trip::<Outage>);
        items("importOpenSlo", "slos")
            .into_iter()
            .for_each(round_trip::<ImportedSlo>);
        items("exportOpenSlo", "documents")
            .into_iter()
            .for_each(round_trip::<OpenSloDocument>);
    }

    #[test]
    fn input_mirrors_declare_what_the_sdk_reads() {
        for input in inputs("sla", "slaTimerStatus") {
            mirrors_input::<WorkCalendar, cesizen_sla::WorkCalendar>(input["calendar"].clone());
            mirrors_input::<Vec<TimerEvent>, Vec<cesizen_sla::TimerEvent>>(input["events"].clone());
        }
        for input in inputs("sla", "monthlyReport") {
            mirrors_input::<
                std::collections::BTreeMap<String, ServiceObservations>,
                std::collections::BTreeMap<String, cesizen_sla::ServiceObservations>,
            >(input["observations"].clone());
        }
        for input in inputs("sla", "exportOpenSlo") {
            mirrors_input::<Vec<ServiceSpec>, cesizen_sla::ServiceCatalog>(input["services"].clone());
        }
    }
}
