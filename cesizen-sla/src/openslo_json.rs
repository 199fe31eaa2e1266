//! The JSON the SDK writes for OpenSLO: the `SLO` document of an [`SloDefinition`] ([`SloDefinition::to_document`])
//! and the flat summary of an imported SLO ([`SloDefinition::summary`]), typed once for every binding.

use serde::{Deserialize, Serialize};

use crate::{BudgetingMethod, Ppm, SloDefinition, SloWindow};

/// The `apiVersion` of the documents written and read.
pub(crate) const API_VERSION: &str = "openslo/v1";

/// An OpenSLO v1 `SLO` document as the SDK writes it ([`SloDefinition::to_document`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloDocument {
    /// `"openslo/v1"`.
    #[cfg_attr(feature = "wasm", tsify(type = "\"openslo/v1\""))]
    pub api_version: String,
    /// `"SLO"`.
    #[cfg_attr(feature = "wasm", tsify(type = "\"SLO\""))]
    pub kind: String,
    /// Name and display name.
    pub metadata: OpenSloMetadata,
    /// The SLO.
    pub spec: OpenSloSpec,
}

/// An OpenSLO document's metadata.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloMetadata {
    /// The document's name.
    pub name: String,
    /// Its display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub display_name: Option<String>,
}

/// An OpenSLO SLO's specification.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloSpec {
    /// The service.
    pub service: String,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub description: Option<String>,
    /// The SLI it is measured with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub indicator_ref: Option<String>,
    /// How the budget is counted.
    pub budgeting_method: BudgetingMethod,
    /// The window (one).
    pub time_window: Vec<OpenSloTimeWindow>,
    /// The objectives.
    pub objectives: Vec<OpenSloObjective>,
}

/// An OpenSLO time window.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloTimeWindow {
    /// Its length (`"1M"`, `"28d"`).
    pub duration: String,
    /// Whether it rolls.
    pub is_rolling: bool,
    /// A calendar window's start and zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub calendar: Option<OpenSloCalendar>,
}

/// A calendar window's anchor.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloCalendar {
    /// Local start (`"2025-01-01 00:00:00"`).
    pub start_time: String,
    /// The IANA zone.
    pub time_zone: String,
}

/// An OpenSLO objective.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloObjective {
    /// Its display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub display_name: Option<String>,
    /// The target as a fraction (`0.9995`), written from its exact decimal text.
    #[cfg_attr(feature = "wasm", tsify(type = "number"))]
    pub target: serde_json::Number,
}

/// An SLO read from OpenSLO, flattened to plain numbers and text ([`SloDefinition::summary`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportedSlo {
    /// The SLO's name.
    pub name: String,
    /// The service it is about.
    pub service: String,
    /// Its objectives' targets, in ppm.
    pub targets_ppm: Vec<u32>,
    /// Its window in OpenSLO's shorthand (`"28d"`, `"1M"`).
    pub window: String,
    /// Whether the window rolls (else it is calendar-aligned).
    pub rolling: bool,
}

/// A ppm target as a JSON number, from its exact decimal text (`999500` → `0.9995`, `0` → `0`).
fn fraction(ppm: u32) -> serde_json::Number {
    Ppm::new(ppm)
        .ok()
        .and_then(|p| p.to_fraction_string().parse().ok())
        .unwrap_or_else(|| 0.into())
}

impl SloDefinition {
    /// The OpenSLO v1 `SLO` document of this definition.
    pub fn to_document(&self) -> OpenSloDocument {
        let time_window = match self.window {
            SloWindow::Rolling(d) => OpenSloTimeWindow {
                duration: d.to_string(),
                is_rolling: true,
                calendar: None,
            },
            SloWindow::Calendar {
                duration,
                start_time,
                time_zone,
            } => OpenSloTimeWindow {
                duration: duration.to_string(),
                is_rolling: false,
                calendar: Some(OpenSloCalendar {
                    start_time: start_time.format("%Y-%m-%d %H:%M:%S").to_string(),
                    time_zone: time_zone.name().to_owned(),
                }),
            },
        };
        let objectives = self
            .objectives
            .iter()
            .map(|o| OpenSloObjective {
                display_name: o.display_name.clone(),
                target: fraction(o.target.ppm()),
            })
            .collect();
        OpenSloDocument {
            api_version: API_VERSION.to_owned(),
            kind: "SLO".to_owned(),
            metadata: OpenSloMetadata {
                name: self.name.as_str().to_owned(),
                display_name: self.display_name.clone(),
            },
            spec: OpenSloSpec {
                service: self.service.clone(),
                description: self.description.clone(),
                indicator_ref: self.indicator_ref.clone(),
                budgeting_method: self.budgeting_method,
                time_window: vec![time_window],
                objectives,
            },
        }
    }

    /// This definition flattened: name, service, targets in ppm, window shorthand and whether it rolls.
    pub fn summary(&self) -> ImportedSlo {
        let (window, rolling) = match self.window {
            SloWindow::Rolling(d) => (d.to_string(), true),
            SloWindow::Calendar { duration, .. } => (duration.to_string(), false),
        };
        ImportedSlo {
            name: self.name.as_str().to_owned(),
            service: self.service.clone(),
            targets_ppm: self.objectives.iter().map(|o| o.target.ppm()).collect(),
            window,
            rolling,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ServiceCatalog, import_openslo};
    use cesizen_core::tz::Tz;
    use proptest::prelude::*;

    #[test]
    fn a_document_reads_back_as_the_definition_it_was_written_from() {
        for service in ServiceCatalog::plan().services() {
            let definition = SloDefinition::for_service(service, Tz::EUROPE_PARIS);
            let text = serde_json::to_string(&definition.to_document()).unwrap();
            assert_eq!(import_openslo(&text).unwrap(), std::slice::from_ref(&definition));
            let summary = definition.summary();
            assert_eq!((summary.window.as_str(), summary.rolling), ("1M", false));
            assert_eq!(summary.targets_ppm, [service.target.ppm()]);
        }
    }

    proptest! {
        #[test]
        fn a_target_is_written_as_its_decimal_text(ppm in 0u32..1_000_000) {
            let text = Ppm::new(ppm).unwrap().to_fraction_string();
            prop_assert_eq!(fraction(ppm).to_string(), text.parse::<serde_json::Number>().unwrap().to_string());
            prop_assert_eq!(fraction(ppm).as_f64(), text.parse::<f64>().ok());
        }
    }
}
