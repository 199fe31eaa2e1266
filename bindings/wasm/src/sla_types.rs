//! The TypeScript declarations of the OpenSLO results. Every other service-level result, and every argument
//! but the few that `crate::sla` reads as text, is a `cesizen-sla` type declared by the crate's `wasm` feature.
//!
//! The tests check these declarations, and the SDK types the functions read and write, against the shared
//! vectors.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// An SLO read from OpenSLO by `importOpenSlo()`.
///
/// Binding shape: the SDK's `SloDefinition` has no JSON form; this is its flat summary (window as text, targets in ppm).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
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
///
/// Binding shape: the SDK writes OpenSLO, an external format, as untyped JSON; this declares that JSON for TypeScript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
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
///
/// Binding shape: a part of [`OpenSloDocument`], declared for the same reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
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
///
/// Binding shape: a part of [`OpenSloDocument`], declared for the same reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
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
///
/// Binding shape: a part of [`OpenSloDocument`], declared for the same reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
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
///
/// Binding shape: a part of [`OpenSloDocument`], declared for the same reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloCalendar {
    /// Local start (`"2025-01-01 00:00:00"`).
    pub start_time: String,
    /// The IANA zone.
    pub time_zone: String,
}

/// An OpenSLO objective.
///
/// Binding shape: a part of [`OpenSloDocument`], declared for the same reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
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
    use crate::vectors::{expected_outputs, round_trip};
    use serde_json::Value;

    /// The items of `field` in each expected output of `op`.
    fn items(op: &str, field: &str) -> Vec<Value> {
        expected_outputs("sla", op)
            .into_iter()
            .flat_map(|e| e[field].as_array().cloned().unwrap_or_default())
            .collect()
    }

    #[test]
    fn declared_types_read_the_vectors_outputs() {
        expected_outputs("sla", "availability")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::AvailabilityCheck>);
        expected_outputs("sla", "errorBudget")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::ErrorBudgetStatus>);
        items("burnRateRules", "rules")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::BurnRateThreshold>);
        expected_outputs("sla", "ticketTimer")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::TicketTimer>);
        expected_outputs("sla", "monthlyReport")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::MonthlyReport>);
        items("splitOutages", "pieces")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::Outage>);
        items("importOpenSlo", "slos")
            .into_iter()
            .for_each(round_trip::<ImportedSlo>);
        items("exportOpenSlo", "documents")
            .into_iter()
            .for_each(round_trip::<OpenSloDocument>);
    }
}
