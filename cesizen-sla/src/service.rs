//! The services of the plan and their availability targets.
//!
//! "Matrice de disponibilité par service": web application 99.5 %, core API 99.9 %, database 99.95 %, CDN
//! assets 99.99 %, authentication 99.9 %. Service ids follow OpenSLO / RFC 1123 names (`core-api`), so a
//! catalog exports to OpenSLO unchanged. In a rules file, targets are written as percentages
//! (`"targetPercent": 99.95`) and read exactly.

use std::collections::BTreeSet;

use cesizen_core::alerting::{ConfigError, ConfigProblem};
use serde::{Deserialize, Serialize};

use crate::{SlaError, SloTarget};

/// A service id: 1 to 63 lowercase letters, digits and dashes, starting and ending with a letter or digit.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(type = "string"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ServiceId(String);

impl ServiceId {
    /// Validates an id.
    ///
    /// # Errors
    /// [`SlaError::InvalidServiceId`].
    pub fn new(id: impl Into<String>) -> Result<Self, SlaError> {
        let id = id.into();
        let bytes = id.as_bytes();
        let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        let ok = (1..=63).contains(&bytes.len())
            && bytes.iter().all(|b| alnum(b) || *b == b'-')
            && bytes.first().is_some_and(alnum)
            && bytes.last().is_some_and(alnum);
        if ok {
            Ok(ServiceId(id))
        } else {
            Err(SlaError::InvalidServiceId)
        }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ServiceId {
    type Error = SlaError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        ServiceId::new(value)
    }
}

impl From<ServiceId> for String {
    fn from(id: ServiceId) -> String {
        id.0
    }
}

impl core::fmt::Display for ServiceId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A service and its availability target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// The id.
    pub id: ServiceId,
    /// A display name.
    pub name: String,
    /// The monthly availability target.
    pub target: SloTarget,
}

/// The JSON form of a service in a rules file.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceSpec {
    /// The id (`core-api`).
    pub id: String,
    /// A display name.
    pub name: String,
    /// The target as a percentage (`99.9`), read exactly: at most four decimals, strictly between 0 and 100.
    #[cfg_attr(feature = "wasm", tsify(type = "number"))]
    pub target_percent: serde_json::Number,
}

/// A validated list of services with distinct ids.
///
/// ```
/// use cesizen_sla::ServiceCatalog;
/// let plan = ServiceCatalog::plan();
/// assert_eq!(plan.get("database").unwrap().target.to_percent_string(), "99.95");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<ServiceSpec>", into = "Vec<ServiceSpec>")]
pub struct ServiceCatalog {
    services: Vec<Service>,
}

impl ServiceCatalog {
    /// The plan's five services.
    pub fn plan() -> Self {
        let service = |id: &str, name: &str, ppm| Service {
            id: ServiceId::new(id).expect("plan ids are valid"),
            name: name.to_owned(),
            target: SloTarget::new(ppm).expect("plan targets are valid"),
        };
        ServiceCatalog {
            services: vec![
                service("web-app", "Web application", 995_000),
                service("core-api", "Core API", 999_000),
                service("database", "Database", 999_500),
                service("cdn", "CDN assets", 999_900),
                service("authentication", "Authentication", 999_000),
            ],
        }
    }

    /// The services, in catalog order.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The service with id `id`.
    pub fn get(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id.as_str() == id)
    }
}

impl TryFrom<Vec<ServiceSpec>> for ServiceCatalog {
    type Error = ConfigError;

    fn try_from(specs: Vec<ServiceSpec>) -> Result<Self, Self::Error> {
        if specs.is_empty() {
            return Err(ConfigError::new("", ConfigProblem::Empty));
        }
        let mut seen = BTreeSet::new();
        let mut services = Vec::with_capacity(specs.len());
        for (i, s) in specs.into_iter().enumerate() {
            let at = format!("[{i}]");
            let id = ServiceId::new(s.id).map_err(|_| ConfigError::new("id", ConfigProblem::OutOfRange).within(&at))?;
            if !seen.insert(id.clone()) {
                return Err(ConfigError::new("id", ConfigProblem::Duplicate).within(&at));
            }
            let name_ok =
                !s.name.trim().is_empty() && s.name.chars().count() <= 100 && !s.name.chars().any(char::is_control);
            if !name_ok {
                return Err(ConfigError::new("name", ConfigProblem::OutOfRange).within(&at));
            }
            let target = SloTarget::from_percent_text(&s.target_percent.to_string())
                .map_err(|p| ConfigError::new("targetPercent", p).within(&at))?;
            services.push(Service {
                id,
                name: s.name,
                target,
            });
        }
        Ok(ServiceCatalog { services })
    }
}

impl From<ServiceCatalog> for Vec<ServiceSpec> {
    fn from(c: ServiceCatalog) -> Self {
        c.services
            .into_iter()
            .map(|s| {
                // The shortest decimal of a ppm value parses back to the same f64 and prints the same digits.
                let text = s.target.to_percent_string();
                let number = text
                    .parse::<serde_json::Number>()
                    .unwrap_or_else(|_| serde_json::Number::from(0));
                ServiceSpec {
                    id: s.id.into(),
                    name: s.name,
                    target_percent: number,
                }
            })
            .collect()
    }
}

// A service id crosses UniFFI as its text (in results). A custom type's refusal reaches the foreign caller as
// UniFFI's internal error, not as a code: the bindings take ids *given* to them as text and call `ServiceId::new`.
#[cfg(feature = "uniffi")]
uniffi::custom_type!(ServiceId, String, {
    lower: |id| id.0,
    try_lift: |text| Ok(ServiceId::new(text)?),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_rows() {
        let plan = ServiceCatalog::plan();
        let got: Vec<(&str, String)> = plan
            .services()
            .iter()
            .map(|s| (s.id.as_str(), s.target.to_percent_string()))
            .collect();
        let want = [
            ("web-app", "99.5"),
            ("core-api", "99.9"),
            ("database", "99.95"),
            ("cdn", "99.99"),
            ("authentication", "99.9"),
        ];
        assert_eq!(got, want.map(|(a, b)| (a, b.to_owned())));
    }

    #[test]
    fn targets_are_read_exactly_and_bad_ones_name_the_field() {
        let json = serde_json::to_value(ServiceCatalog::plan()).unwrap();
        assert_eq!(json[2]["targetPercent"], serde_json::json!(99.95));
        assert_eq!(
            serde_json::from_value::<ServiceCatalog>(json.clone()).unwrap(),
            ServiceCatalog::plan()
        );
        let specs = |target: &str| -> Vec<ServiceSpec> {
            let mut v: Vec<ServiceSpec> = serde_json::from_value(json.clone()).unwrap();
            v[3].target_percent = target.parse().unwrap();
            v
        };
        let e = ServiceCatalog::try_from(specs("100.5")).unwrap_err();
        assert_eq!(
            (e.field(), e.code()),
            ("[3].targetPercent", "config.target.out_of_range")
        );
        assert_eq!(
            ServiceCatalog::try_from(specs("100")).unwrap_err().code(),
            "config.target.out_of_range"
        );
        assert_eq!(
            ServiceCatalog::try_from(specs("99.99995")).unwrap_err().code(),
            "config.value.too_precise"
        );
        assert_eq!(
            ServiceCatalog::try_from(specs("-5")).unwrap_err().code(),
            "config.target.out_of_range"
        );
    }

    #[test]
    fn ids() {
        for good in ["a", "core-api", "x1", &"a".repeat(63)] {
            assert!(ServiceId::new(good).is_ok(), "{good}");
        }
        for bad in ["", "-a", "a-", "Core", "a_b", &"a".repeat(64)] {
            assert_eq!(
                ServiceId::new(bad).unwrap_err().code(),
                "validation.service_id.invalid",
                "{bad}"
            );
        }
    }
}
