//! [`Plan`]: the deployment's rules, validated once.

use cesizen_core::alerting::{AlertingRules, ConfigError};
use cesizen_gdpr::GdprConfig;
use cesizen_sla::{Rules, RulesSpec};
use serde_json::{Map, Value};

use crate::PlanError;

/// The key of the GDPR section; every other key of a plan document belongs to the SLA rules file.
const GDPR_SECTION: &str = "gdpr";

/// The deployment's plan: the alerting rules, the SLA rules and the GDPR configuration, validated together.
///
/// [`Plan::default`] is the maintenance plan. A deployment supplies its own as one JSON or TOML document whose
/// sections all default to the plan (see the [crate documentation](crate)).
///
/// ```
/// use cesizen_plan::Plan;
/// let plan = Plan::from_toml("reportTimeZone = \"Europe/London\"\n[gdpr.anonymisation]\nk = 10\n")?;
/// assert_eq!(plan.sla().report_time_zone().name(), "Europe/London");
/// assert_eq!(plan.gdpr().anonymisation.k, 10);
/// assert_eq!(plan.alerting(), Plan::default().alerting());
/// # Ok::<(), cesizen_plan::PlanError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    sla: Rules,
    gdpr: GdprConfig,
}

impl Default for Plan {
    /// The maintenance plan.
    fn default() -> Self {
        Plan {
            sla: Rules::plan(),
            gdpr: GdprConfig::default(),
        }
    }
}

impl Plan {
    /// A plan of rules already validated by their crates (an SLA rules file read on its own, a GDPR
    /// configuration read on its own).
    pub fn new(sla: Rules, gdpr: GdprConfig) -> Self {
        Plan { sla, gdpr }
    }

    /// Reads and validates a JSON plan document.
    ///
    /// # Errors
    /// [`PlanError`]: `config.syntax.invalid` with the parser's message (line and column for a document that is
    /// not JSON), or the code of the refused field with its path from the root.
    pub fn from_json(text: &str) -> Result<Self, PlanError> {
        let document: Value = serde_json::from_str(text).map_err(|e| ConfigError::syntax(e.to_string()))?;
        Plan::from_document(document)
    }

    /// Reads and validates a TOML plan document: the same sections and keys as the JSON one.
    ///
    /// # Errors
    /// As [`Plan::from_json`].
    pub fn from_toml(text: &str) -> Result<Self, PlanError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| ConfigError::syntax(e.to_string()))?;
        let document = serde_json::to_value(table).map_err(|e| ConfigError::syntax(e.to_string()))?;
        Plan::from_document(document)
    }

    /// The plan as one complete, pretty-printed JSON document (every section written out).
    pub fn to_json(&self) -> String {
        let mut document = match serde_json::to_value(RulesSpec::from(self.sla.clone())) {
            Ok(Value::Object(sections)) => sections,
            _ => Map::new(),
        };
        if let Ok(gdpr) = serde_json::to_value(self.gdpr) {
            document.insert(GDPR_SECTION.to_owned(), gdpr);
        }
        serde_json::to_string_pretty(&Value::Object(document)).unwrap_or_default()
    }

    /// One document, its syntax already read: the SLA sections first, then `gdpr`.
    fn from_document(document: Value) -> Result<Self, PlanError> {
        let Value::Object(mut sections) = document else {
            return Err(ConfigError::syntax("a plan document is a map of sections").into());
        };
        let gdpr = sections.remove(GDPR_SECTION);
        let spec: RulesSpec =
            serde_json::from_value(Value::Object(sections)).map_err(|e| ConfigError::syntax(e.to_string()))?;
        let sla = Rules::try_from(spec)?;
        let gdpr = match gdpr {
            None => GdprConfig::default(),
            Some(section) => GdprConfig::from_json_str(&section.to_string()).map_err(PlanError::gdpr)?,
        };
        Ok(Plan { sla, gdpr })
    }

    /// The alerting rules (thresholds, routing, escalation, security rules, …).
    pub fn alerting(&self) -> &AlertingRules {
        self.sla.alerting()
    }

    /// The SLA rules (services, timer goals and calendar, burn rates, …), the alerting rules among them.
    pub fn sla(&self) -> &Rules {
        &self.sla
    }

    /// The GDPR configuration (retention, request deadlines, breaches, anonymisation).
    pub fn gdpr(&self) -> &GdprConfig {
        &self.gdpr
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_file_is_the_plan() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/plan.json");
        if std::env::var_os("CESIZEN_BLESS").is_some() {
            std::fs::write(path, Plan::default().to_json() + "\n").unwrap();
        }
        let file = std::fs::read_to_string(path).unwrap();
        assert_eq!(Plan::from_json(&file).unwrap(), Plan::default());
        assert_eq!(
            Plan::default().to_json().trim_end(),
            file.trim_end(),
            "plan.json is stale: regenerate it with CESIZEN_BLESS=1"
        );
    }

    #[test]
    fn empty_documents_are_the_plan() {
        assert_eq!(Plan::from_json("{}").unwrap(), Plan::default());
        assert_eq!(Plan::from_toml("").unwrap(), Plan::default());
    }

    #[test]
    fn an_sla_rules_file_is_a_plan_with_the_default_gdpr_section() {
        let rules = Rules::plan().to_json();
        assert_eq!(Plan::from_json(&rules).unwrap(), Plan::default());
    }

    #[test]
    fn json_and_toml_read_the_same_plan() {
        let json = r#"{ "reportTimeZone": "Europe/London",
            "services": [{ "id": "core-api", "name": "Core API", "targetPercent": 99.95 }],
            "gdpr": { "retention": { "logs": { "after": "12 months", "then": "delete" } } } }"#;
        let toml = "reportTimeZone = \"Europe/London\"\n\
            [[services]]\nid = \"core-api\"\nname = \"Core API\"\ntargetPercent = 99.95\n\
            [gdpr.retention.logs]\nafter = \"12 months\"\nthen = \"delete\"\n";
        let (a, b) = (Plan::from_json(json).unwrap(), Plan::from_toml(toml).unwrap());
        assert_eq!(a, b);
        assert_eq!(a.sla().services().services()[0].target.ppm(), 999_500);
        assert_eq!(a.gdpr().retention.logs.after.to_string(), "12 months");
        assert_eq!(a.alerting(), Plan::default().alerting());
        assert_eq!(Plan::from_json(&a.to_json()).unwrap(), a);
    }

    #[test]
    fn refusals_name_the_field_from_the_root() {
        let cases: [(&str, &str, &str); 6] = [
            (r#"{ "sevrices": [] }"#, "", "config.syntax.invalid"),
            ("[1]", "", "config.syntax.invalid"),
            (
                r#"{ "reportTimeZone": "Europe/Lutece" }"#,
                "reportTimeZone",
                "config.time_zone.unknown",
            ),
            (
                r#"{ "alerting": { "groupingWindowMs": 0 } }"#,
                "alerting.groupingWindowMs",
                "config.value.not_positive",
            ),
            (
                r#"{ "gdpr": { "retention": { "accounts": { "deleteAfter": "1 months", "notice": "2 months" } } } }"#,
                "gdpr.retention.accounts.notice",
                "config.value.invalid",
            ),
            (r#"{ "gdpr": { "retnetion": {} } }"#, "gdpr", "config.syntax.invalid"),
        ];
        for (text, field, code) in cases {
            let e = Plan::from_json(text).unwrap_err();
            assert_eq!((e.field().as_str(), e.code()), (field, code), "{text}: {e}");
        }
        let e = Plan::from_json(r#"{ "sevrices": [] }"#).unwrap_err();
        assert!(e.to_string().contains("sevrices"), "{e}");
        let e = Plan::from_toml("[gdpr.retnetion]\n").unwrap_err();
        assert_eq!(e.code(), "config.syntax.invalid");
        assert!(e.to_string().contains("retnetion"), "{e}");
        let e = Plan::from_toml("reportTimeZone = ").unwrap_err();
        assert_eq!(e.code(), "config.syntax.invalid");
        assert!(e.to_string().contains("line 1"), "{e}");
    }
}
