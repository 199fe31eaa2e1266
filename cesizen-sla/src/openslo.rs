//! Import and export of SLO definitions in the OpenSLO v1 format (JSON form).
//!
//! OpenSLO documents are usually YAML; YAML is JSON's superset and a YAML parser is a heavy dependency for a
//! library that also runs in browsers, so the SDK reads and writes the **JSON form** of the same documents
//! (`yq -o=json` converts a YAML file). Only `kind: SLO` documents are read; other kinds in the same file
//! (Service, SLI, DataSource…) are skipped. From an SLO the SDK keeps its name, display name, description,
//! service, indicator reference, budgeting method, time window and objectives; targets (`target` in [0, 1)
//! or `targetPercent` in [0, 100)) are read exactly, with at most six decimals of a fraction.

use cesizen_core::alerting::parse_time_zone;
use cesizen_core::tz::Tz;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Ppm, Service, ServiceCatalog, ServiceId, SlaError, SloTarget};

use crate::openslo_json::API_VERSION;

/// How the error budget is counted. JSON form: OpenSLO's name (`"Timeslices"`).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BudgetingMethod {
    /// Good events over total events.
    Occurrences,
    /// Good time slices over total time slices.
    Timeslices,
    /// Ratio of time slices.
    RatioTimeslices,
}

/// A unit of an OpenSLO duration shorthand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DurationUnit {
    /// `m`.
    Minute,
    /// `h`.
    Hour,
    /// `d`.
    Day,
    /// `w`.
    Week,
    /// `M` (calendar month).
    Month,
    /// `Q` (calendar quarter).
    Quarter,
    /// `Y` (calendar year).
    Year,
}

/// An OpenSLO duration shorthand: a positive count and a unit (`30d`, `1M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DurationShorthand {
    /// How many units.
    pub count: u32,
    /// The unit.
    pub unit: DurationUnit,
}

impl DurationShorthand {
    /// Parses `"30d"`, `"1M"`…; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let last = text.chars().last()?;
        let digits = &text[..text.len() - last.len_utf8()];
        let unit = match last {
            'm' => DurationUnit::Minute,
            'h' => DurationUnit::Hour,
            'd' => DurationUnit::Day,
            'w' => DurationUnit::Week,
            'M' => DurationUnit::Month,
            'Q' => DurationUnit::Quarter,
            'Y' => DurationUnit::Year,
            _ => return None,
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let count = digits.parse().ok().filter(|c| *c > 0)?;
        Some(DurationShorthand { count, unit })
    }

    /// The fixed length in ms, for units of fixed length (minutes to weeks).
    pub fn fixed_ms(&self) -> Option<u64> {
        let unit: u64 = match self.unit {
            DurationUnit::Minute => 60_000,
            DurationUnit::Hour => 3_600_000,
            DurationUnit::Day => 86_400_000,
            DurationUnit::Week => 604_800_000,
            DurationUnit::Month | DurationUnit::Quarter | DurationUnit::Year => return None,
        };
        u64::from(self.count).checked_mul(unit)
    }
}

impl core::fmt::Display for DurationShorthand {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let unit = match self.unit {
            DurationUnit::Minute => "m",
            DurationUnit::Hour => "h",
            DurationUnit::Day => "d",
            DurationUnit::Week => "w",
            DurationUnit::Month => "M",
            DurationUnit::Quarter => "Q",
            DurationUnit::Year => "Y",
        };
        write!(f, "{}{unit}", self.count)
    }
}

/// The time window of an SLO.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SloWindow {
    /// A rolling window of fixed length.
    Rolling(DurationShorthand),
    /// Calendar-aligned windows starting at a local time in a zone.
    Calendar {
        /// The window's length.
        duration: DurationShorthand,
        /// The local start of the first window.
        start_time: NaiveDateTime,
        /// The zone.
        time_zone: Tz,
    },
}

/// One objective of an SLO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Objective {
    /// A display name.
    pub display_name: Option<String>,
    /// The target.
    pub target: SloTarget,
}

/// An SLO definition as OpenSLO describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SloDefinition {
    /// The object name (RFC 1123 label).
    pub name: ServiceId,
    /// A display name.
    pub display_name: Option<String>,
    /// A description.
    pub description: Option<String>,
    /// The service the SLO belongs to.
    pub service: String,
    /// The indicator's name, when given by reference or inline.
    pub indicator_ref: Option<String>,
    /// How the budget is counted.
    pub budgeting_method: BudgetingMethod,
    /// The time window.
    pub window: SloWindow,
    /// The objectives (at least one).
    pub objectives: Vec<Objective>,
}

fn refused(field: &str, reason: &'static str) -> SlaError {
    SlaError::OpenSlo {
        field: field.to_owned(),
        reason,
    }
}

impl SloDefinition {
    /// The availability SLO of a catalog service: monthly calendar windows in `time_zone`, time slices.
    pub fn for_service(service: &Service, time_zone: Tz) -> Self {
        let start_time = chrono::NaiveDate::from_ymd_opt(2025, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        SloDefinition {
            name: service.id.clone(),
            display_name: Some(service.name.clone()),
            description: Some(format!("Monthly availability of {}", service.name)),
            service: service.id.as_str().to_owned(),
            indicator_ref: Some(format!("{}-availability", service.id)),
            budgeting_method: BudgetingMethod::Timeslices,
            window: SloWindow::Calendar {
                duration: DurationShorthand {
                    count: 1,
                    unit: DurationUnit::Month,
                },
                start_time,
                time_zone,
            },
            objectives: vec![Objective {
                display_name: Some("Availability".to_owned()),
                target: service.target,
            }],
        }
    }

    /// The OpenSLO v1 document ([`SloDefinition::to_document`]), as JSON.
    pub fn to_openslo(&self) -> Value {
        // Strings, booleans and numbers only: serializing the document cannot fail.
        serde_json::to_value(self.to_document()).unwrap_or(Value::Null)
    }

    /// Reads an OpenSLO v1 `SLO` document.
    ///
    /// # Errors
    /// [`SlaError::OpenSlo`] naming the refused field.
    pub fn from_openslo(doc: &Value) -> Result<Self, SlaError> {
        if doc.get("apiVersion").and_then(Value::as_str) != Some(API_VERSION) {
            return Err(refused("apiVersion", "only openslo/v1 is supported"));
        }
        if doc.get("kind").and_then(Value::as_str) != Some("SLO") {
            return Err(refused("kind", "not an SLO"));
        }
        let text = |v: Option<&Value>, field: &str| -> Result<Option<String>, SlaError> {
            match v {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) if s.chars().count() <= 1050 => Ok(Some(s.clone())),
                Some(_) => Err(refused(field, "must be a string of at most 1050 characters")),
            }
        };
        let metadata = doc.get("metadata").ok_or_else(|| refused("metadata", "missing"))?;
        let name = metadata
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| refused("metadata.name", "missing"))?;
        let name = ServiceId::new(name).map_err(|_| refused("metadata.name", "not an RFC 1123 label"))?;
        let spec = doc.get("spec").ok_or_else(|| refused("spec", "missing"))?;
        let service = text(spec.get("service"), "spec.service")?.ok_or_else(|| refused("spec.service", "missing"))?;
        let indicator_ref = match text(spec.get("indicatorRef"), "spec.indicatorRef")? {
            Some(r) => Some(r),
            None => spec
                .pointer("/indicator/metadata/name")
                .and_then(Value::as_str)
                .map(str::to_owned),
        };
        let budgeting_method = match spec.get("budgetingMethod").and_then(Value::as_str) {
            Some("Occurrences") => BudgetingMethod::Occurrences,
            Some("Timeslices") => BudgetingMethod::Timeslices,
            Some("RatioTimeslices") => BudgetingMethod::RatioTimeslices,
            _ => {
                return Err(refused(
                    "spec.budgetingMethod",
                    "one of Occurrences, Timeslices, RatioTimeslices",
                ));
            }
        };
        let window = read_window(spec)?;
        let list = spec
            .get("objectives")
            .and_then(Value::as_array)
            .filter(|l| !l.is_empty());
        let objectives = list
            .ok_or_else(|| refused("spec.objectives", "at least one objective"))?
            .iter()
            .enumerate()
            .map(|(i, o)| read_objective(o, &format!("spec.objectives[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SloDefinition {
            name,
            display_name: text(metadata.get("displayName"), "metadata.displayName")?,
            description: text(spec.get("description"), "spec.description")?,
            service,
            indicator_ref,
            budgeting_method,
            window,
            objectives,
        })
    }

    /// The catalog service this SLO describes: its service id and first objective.
    ///
    /// # Errors
    /// [`SlaError::OpenSlo`] when the service is not a valid service id.
    pub fn to_service(&self) -> Result<Service, SlaError> {
        let id = ServiceId::new(self.service.clone()).map_err(|_| refused("spec.service", "not an RFC 1123 label"))?;
        let target = self
            .objectives
            .first()
            .map(|o| o.target)
            .ok_or_else(|| refused("spec.objectives", "empty"))?;
        Ok(Service {
            id,
            name: self.display_name.clone().unwrap_or_else(|| self.name.to_string()),
            target,
        })
    }
}

fn read_window(spec: &Value) -> Result<SloWindow, SlaError> {
    let windows = spec
        .get("timeWindow")
        .and_then(Value::as_array)
        .ok_or_else(|| refused("spec.timeWindow", "missing"))?;
    let [w] = windows.as_slice() else {
        return Err(refused("spec.timeWindow", "exactly one window"));
    };
    let duration = w
        .get("duration")
        .and_then(Value::as_str)
        .and_then(DurationShorthand::parse)
        .ok_or_else(|| refused("spec.timeWindow[0].duration", "a duration shorthand such as 30d or 1M"))?;
    let calendar = w.get("calendar");
    let rolling = w
        .get("isRolling")
        .and_then(Value::as_bool)
        .unwrap_or(calendar.is_none());
    if rolling {
        if duration.fixed_ms().is_none() {
            return Err(refused(
                "spec.timeWindow[0].duration",
                "a rolling window is in minutes, hours, days or weeks",
            ));
        }
        return Ok(SloWindow::Rolling(duration));
    }
    let calendar = calendar.ok_or_else(|| refused("spec.timeWindow[0].calendar", "missing for a calendar window"))?;
    let start = calendar.get("startTime").and_then(Value::as_str).unwrap_or_default();
    let start_time = NaiveDateTime::parse_from_str(start, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(start, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| {
            refused(
                "spec.timeWindow[0].calendar.startTime",
                "a date and time such as 2025-01-01 00:00:00",
            )
        })?;
    let zone = calendar.get("timeZone").and_then(Value::as_str).unwrap_or_default();
    let time_zone =
        parse_time_zone(zone).map_err(|_| refused("spec.timeWindow[0].calendar.timeZone", "an IANA time zone"))?;
    Ok(SloWindow::Calendar {
        duration,
        start_time,
        time_zone,
    })
}

fn read_objective(o: &Value, at: &str) -> Result<Objective, SlaError> {
    let number = |key: &str| o.get(key).and_then(Value::as_number).map(ToString::to_string);
    let target = match (number("target"), number("targetPercent")) {
        (Some(fraction), None) => Ppm::from_fraction_text(&fraction),
        (None, Some(percent)) => Ppm::from_percent_text(&percent),
        _ => return Err(refused(at, "exactly one of target and targetPercent")),
    };
    let target = target.ok().and_then(|p| SloTarget::new(p.get()).ok()).ok_or_else(|| {
        refused(
            &format!("{at}.target"),
            "strictly between 0 and 1, at most six decimals",
        )
    })?;
    let display_name = o.get("displayName").and_then(Value::as_str).map(str::to_owned);
    Ok(Objective { display_name, target })
}

/// The plan's catalog as OpenSLO documents (a JSON array), monthly windows in `time_zone`.
pub fn export_openslo(catalog: &ServiceCatalog, time_zone: Tz) -> Value {
    Value::Array(
        catalog
            .services()
            .iter()
            .map(|s| SloDefinition::for_service(s, time_zone).to_openslo())
            .collect(),
    )
}

/// Reads the SLOs of OpenSLO JSON text: one document or an array of documents; other kinds are skipped.
///
/// # Errors
/// [`SlaError::OpenSlo`] for invalid JSON or a refused SLO (its path is prefixed with its index).
///
/// ```
/// use cesizen_sla::{export_openslo, import_openslo, ServiceCatalog};
/// let text = export_openslo(&ServiceCatalog::plan(), cesizen_core::tz::Tz::EUROPE_PARIS).to_string();
/// let slos = import_openslo(&text).unwrap();
/// assert_eq!(slos[2].objectives[0].target.to_percent_string(), "99.95");
/// ```
pub fn import_openslo(text: &str) -> Result<Vec<SloDefinition>, SlaError> {
    let value: Value = serde_json::from_str(text).map_err(|_| refused("", "not valid JSON"))?;
    let docs = match value {
        Value::Array(docs) => docs,
        doc => vec![doc],
    };
    docs.iter()
        .enumerate()
        .filter(|(_, d)| d.get("kind").and_then(Value::as_str) == Some("SLO"))
        .map(|(i, d)| {
            SloDefinition::from_openslo(d).map_err(|e| match e {
                SlaError::OpenSlo { field, reason } => SlaError::OpenSlo {
                    field: format!("[{i}].{field}"),
                    reason,
                },
                other => other,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    const PARIS: Tz = Tz::EUROPE_PARIS;

    #[test]
    fn catalog_round_trips_through_openslo() {
        let exported = export_openslo(&ServiceCatalog::plan(), PARIS);
        assert_eq!(exported[1]["spec"]["objectives"][0]["target"], json!(0.999));
        assert_eq!(
            exported[1]["spec"]["timeWindow"][0],
            json!({"duration": "1M", "isRolling": false, "calendar": {"startTime": "2025-01-01 00:00:00", "timeZone": "Europe/Paris"}})
        );
        let slos = import_openslo(&exported.to_string()).unwrap();
        let services: Vec<Service> = slos.iter().map(|s| s.to_service().unwrap()).collect();
        assert_eq!(services, ServiceCatalog::plan().services());
        assert_eq!(
            slos.iter().map(SloDefinition::to_openslo).collect::<Vec<_>>(),
            exported.as_array().unwrap().clone()
        );
    }

    #[test]
    fn reads_the_spec_example_and_skips_other_kinds() {
        let text = r#"[
          {"apiVersion": "openslo/v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {}},
          {"apiVersion": "openslo/v1", "kind": "SLO", "metadata": {"name": "foo-slo", "displayName": "Foo SLO"},
           "spec": {"service": "foo", "indicator": {"metadata": {"name": "foo-error"}, "spec": {}},
                    "budgetingMethod": "Occurrences", "timeWindow": [{"duration": "28d", "isRolling": true}],
                    "objectives": [{"displayName": "Foo Total Errors", "target": 0.98}, {"targetPercent": 99.99}]}}
        ]"#;
        let slos = import_openslo(text).unwrap();
        assert_eq!(slos.len(), 1);
        let s = &slos[0];
        assert_eq!(
            (s.indicator_ref.as_deref(), s.budgeting_method),
            (Some("foo-error"), BudgetingMethod::Occurrences)
        );
        assert_eq!(
            s.window,
            SloWindow::Rolling(DurationShorthand {
                count: 28,
                unit: DurationUnit::Day
            })
        );
        assert_eq!(
            s.objectives.iter().map(|o| o.target.ppm()).collect::<Vec<_>>(),
            [980_000, 999_900]
        );
    }

    #[test]
    fn refusals_name_the_field() {
        let base = SloDefinition::for_service(&ServiceCatalog::plan().services()[0], PARIS).to_openslo();
        let refuse = |edit: &dyn Fn(&mut Value)| {
            let mut doc = base.clone();
            edit(&mut doc);
            match SloDefinition::from_openslo(&doc).unwrap_err() {
                SlaError::OpenSlo { field, .. } => field,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(refuse(&|d| d["apiVersion"] = json!("openslo/v2alpha")), "apiVersion");
        assert_eq!(
            refuse(&|d| d["spec"]["objectives"][0]["target"] = json!(1.0)),
            "spec.objectives[0].target"
        );
        assert_eq!(
            refuse(&|d| d["spec"]["objectives"][0]["target"] = json!(0.99999995)),
            "spec.objectives[0].target"
        );
        assert_eq!(
            refuse(&|d| d["spec"]["objectives"][0]["targetPercent"] = json!(99)),
            "spec.objectives[0]"
        );
        assert_eq!(
            refuse(&|d| d["spec"]["timeWindow"][0]["duration"] = json!("1x")),
            "spec.timeWindow[0].duration"
        );
        assert_eq!(
            refuse(&|d| d["spec"]["timeWindow"][0]["calendar"]["timeZone"] = json!("Paris")),
            "spec.timeWindow[0].calendar.timeZone"
        );
        assert_eq!(
            refuse(&|d| d["spec"]["timeWindow"] = json!([{"duration": "1M", "isRolling": true}])),
            "spec.timeWindow[0].duration"
        );
        assert_eq!(
            refuse(&|d| d["metadata"]["name"] = json!("Not_A_Label")),
            "metadata.name"
        );
        assert_eq!(import_openslo("{").unwrap_err().code(), "openslo.document.invalid");
    }

    #[test]
    fn durations() {
        assert_eq!(DurationShorthand::parse("30d").unwrap().fixed_ms(), Some(2_592_000_000));
        assert_eq!(DurationShorthand::parse("1Q").unwrap().fixed_ms(), None);
        for bad in ["", "d", "0d", "-1d", "1.5d", "1D", "10", "1é", "é"] {
            assert!(DurationShorthand::parse(bad).is_none(), "{bad}");
        }
    }
}
