//! The crate's configuration: retention rules, request deadlines, breach and anonymisation settings.
//!
//! The [`Default`] is the maintenance plan. A deployment overrides it with a JSON or TOML document (read by the
//! caller: the library does no file I/O) whose every section and field is optional and falls back to the
//! default; unknown or misspelt fields are refused with the parser's message naming them
//! (`config.syntax.invalid`), inconsistent values with the dotted path of the field (`config.value.invalid`).
//!
//! The whole document, with the defaults (TOML):
//!
//! ```toml
//! [retention]
//! journalEntries   = { after = "24 months", then = "anonymise" }
//! practiceSessions = { after = "24 months", then = "anonymise" }
//! accounts         = { deleteAfter = "24 months", notice = "1 months" }
//! logs             = { after = "6 months", then = "delete" }
//! backups          = { after = "90 days", then = "delete" }
//!
//! [requests]
//! timeZone      = "Europe/Paris"   # the day of receipt and the due day are counted here
//! atRiskPercent = 75               # a running timer is at risk once 75 % of its time has elapsed
//!
//! [requests.internalTargets]       # the plan's targets; a kind left out has only the legal deadline
//! access            = "48 hours"
//! rectification     = "0 hours"    # immediate
//! erasure           = "30 days"
//! portability       = "48 hours"
//! consentWithdrawal = "0 hours"
//!
//! [breaches]
//! atRiskPercent = 75               # of the 72 hours of Art. 33
//!
//! [anonymisation]
//! k = 5                            # smallest group released
//! # l = 2                          # optional l-diversity of the emotion within each group
//! ```
//!
//! ```
//! use cesizen_gdpr::GdprConfig;
//!
//! let config = GdprConfig::from_toml_str("[retention]\nlogs = { after = \"12 months\", then = \"delete\" }\n")?;
//! assert_eq!(config.retention.logs.after.to_string(), "12 months");
//! assert_eq!(config.retention.journal_entries, GdprConfig::default().retention.journal_entries);
//!
//! let err = GdprConfig::from_json_str(r#"{"retention": {"jounralEntries": {}}}"#).unwrap_err();
//! assert_eq!(err.code(), "config.syntax.invalid");
//! assert!(err.to_string().contains("jounralEntries"));
//! # Ok::<(), cesizen_gdpr::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::anonymise::AnonymisationPolicy;
use crate::error::{Error, Result};
use crate::request::{DeadlinePolicy, DeadlinePolicyDocument};
use crate::retention::RetentionPolicy;
use crate::timer::AtRiskPercent;

/// Settings of the breach register.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct BreachPolicy {
    /// A notification not filed is at risk once this share of the 72 hours has elapsed (1–99, by its type).
    pub at_risk_percent: AtRiskPercent,
}

impl Default for BreachPolicy {
    fn default() -> Self {
        BreachPolicy {
            at_risk_percent: AtRiskPercent::PLAN,
        }
    }
}

/// The `breaches` section as a document writes it, the share a plain integer (see [`Document`]).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct BreachPolicyDocument {
    at_risk_percent: u8,
}

impl Default for BreachPolicyDocument {
    fn default() -> Self {
        BreachPolicyDocument {
            at_risk_percent: BreachPolicy::default().at_risk_percent.get(),
        }
    }
}

/// A configuration document as written: [`GdprConfig`] with its at-risk shares still plain integers.
///
/// The policies hold their shares as [`AtRiskPercent`], whose deserialisation refuses 0 or 100 as a parse
/// error. A document is read through this mirror instead, so that such a share is refused by the checks with
/// its dotted path (`config.value.invalid`, as for every other inconsistent value) and the parser's messages
/// stay those of the same fields and attributes.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct Document {
    retention: RetentionPolicy,
    requests: DeadlinePolicyDocument,
    breaches: BreachPolicyDocument,
    anonymisation: AnonymisationPolicy,
}

impl Default for Document {
    fn default() -> Self {
        let config = GdprConfig::default();
        Document {
            retention: config.retention,
            requests: DeadlinePolicyDocument::default(),
            breaches: BreachPolicyDocument::default(),
            anonymisation: config.anonymisation,
        }
    }
}

impl Document {
    /// The checked configuration, the sections checked in [`GdprConfig::validate`]'s order.
    fn into_config(self) -> Result<GdprConfig> {
        self.retention.validate("retention.")?;
        let requests = self.requests.into_policy("requests.")?;
        let breaches = BreachPolicy {
            at_risk_percent: AtRiskPercent::for_field(self.breaches.at_risk_percent, || {
                "breaches.atRiskPercent".into()
            })?,
        };
        self.anonymisation.validate("anonymisation.")?;
        Ok(GdprConfig {
            retention: self.retention,
            requests,
            breaches,
            anonymisation: self.anonymisation,
        })
    }
}

/// Everything configurable in `cesizen-gdpr`. Sections left out keep their defaults.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct GdprConfig {
    /// Retention rules per category.
    pub retention: RetentionPolicy,
    /// Data-subject request deadlines.
    pub requests: DeadlinePolicy,
    /// The breach register.
    pub breaches: BreachPolicy,
    /// Anonymisation for analytics.
    pub anonymisation: AnonymisationPolicy,
}

impl GdprConfig {
    /// Parses and validates a JSON document.
    pub fn from_json_str(text: &str) -> Result<Self> {
        let document: Document = serde_json::from_str(text).map_err(|e| Error::ConfigMalformed(e.to_string()))?;
        document.into_config()
    }

    /// Parses and validates a TOML document.
    pub fn from_toml_str(text: &str) -> Result<Self> {
        let document: Document = toml::from_str(text).map_err(|e| Error::ConfigMalformed(e.message().to_owned()))?;
        document.into_config()
    }

    /// Checks every section; the error names the field by its dotted path. (The at-risk shares need no check:
    /// [`AtRiskPercent`] holds only 1–99.)
    pub fn validate(&self) -> Result<()> {
        self.retention.validate("retention.")?;
        self.requests.validate("requests.")?;
        self.anonymisation.validate("anonymisation.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Period;

    const DOCUMENTED_TOML: &str = include_str!("config.rs");

    /// The TOML block of the module docs, without the `//! ` prefixes.
    fn documented_defaults() -> String {
        DOCUMENTED_TOML
            .lines()
            .skip_while(|l| !l.starts_with("//! ```toml"))
            .skip(1)
            .take_while(|l| !l.starts_with("//! ```"))
            .map(|l| l.trim_start_matches("//!").strip_prefix(' ').unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_documented_document_is_the_default() {
        let text = documented_defaults();
        assert!(text.contains("[retention]"));
        assert_eq!(GdprConfig::from_toml_str(&text).unwrap(), GdprConfig::default());
    }

    #[test]
    fn json_round_trip_and_empty_document() {
        let json = serde_json::to_string(&GdprConfig::default()).unwrap();
        assert_eq!(GdprConfig::from_json_str(&json).unwrap(), GdprConfig::default());
        assert_eq!(GdprConfig::from_json_str("{}").unwrap(), GdprConfig::default());
        assert_eq!(GdprConfig::from_toml_str("").unwrap(), GdprConfig::default());
    }

    #[test]
    fn misspelt_fields_are_named() {
        for (text, name) in [
            (
                "[retention]\njournalEntry = { after = \"1 months\", then = \"delete\" }",
                "journalEntry",
            ),
            ("[requests.internalTargets]\nacess = \"1 hours\"", "acess"),
            ("[requests]\ntimeZone = \"Mars/Olympus\"", "time-zone"),
            ("[retention.logs]\nafter = \"2 weeks\"\nthen = \"delete\"", "period"),
        ] {
            let e = GdprConfig::from_toml_str(text).unwrap_err();
            assert_eq!(e.code(), "config.syntax.invalid", "{text}");
            assert!(e.to_string().contains(name), "{e} should name {name}");
        }
    }

    #[test]
    fn inconsistent_values_name_the_dotted_path() {
        let e = GdprConfig::from_toml_str("[retention.accounts]\ndeleteAfter = \"1 months\"\nnotice = \"2 months\"")
            .unwrap_err();
        assert_eq!(e.code(), "config.value.invalid");
        assert!(e.to_string().contains("retention.accounts.notice"), "{e}");
        let e = GdprConfig::from_json_str(r#"{"breaches": {"atRiskPercent": 0}}"#).unwrap_err();
        assert!(e.to_string().contains("breaches.atRiskPercent"), "{e}");
        let e = GdprConfig::from_json_str(r#"{"anonymisation": {"k": 1}}"#).unwrap_err();
        assert!(e.to_string().contains("anonymisation.k"), "{e}");
    }

    /// The document with `percent` as the share of `section`, in JSON and TOML.
    fn with_share(section: &str, percent: u8) -> [Result<GdprConfig>; 2] {
        [
            GdprConfig::from_json_str(&format!(r#"{{"{section}": {{"atRiskPercent": {percent}}}}}"#)),
            GdprConfig::from_toml_str(&format!("[{section}]\natRiskPercent = {percent}\n")),
        ]
    }

    proptest::proptest! {
        /// Any share reads back through either format, and round-trips through JSON, exactly when it is 1–99; any other is
        /// refused by the checks, naming its field.
        #[test]
        fn a_share_round_trips_through_the_configuration_iff_it_is_1_to_99(percent in proptest::prelude::any::<u8>()) {
            for section in ["requests", "breaches"] {
                for parsed in with_share(section, percent) {
                    match parsed {
                        Ok(config) => {
                            proptest::prop_assert!((1..=99).contains(&percent));
                            let share = match section {
                                "requests" => config.requests.at_risk_percent,
                                _ => config.breaches.at_risk_percent,
                            };
                            proptest::prop_assert_eq!(share.get(), percent);
                            let json = serde_json::to_string(&config).unwrap();
                            let needle = format!(r#""atRiskPercent":{percent}"#);
                            proptest::prop_assert!(json.contains(&needle));
                            proptest::prop_assert_eq!(GdprConfig::from_json_str(&json).unwrap(), config);
                        }
                        Err(e) => {
                            proptest::prop_assert!(!(1..=99).contains(&percent));
                            proptest::prop_assert_eq!(e.code(), "config.value.invalid");
                            let field = format!("{section}.atRiskPercent");
                            proptest::prop_assert!(e.to_string().contains(&field), "{}", e);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_share_out_of_range_is_refused_before_the_later_sections() {
        // The checks keep their order: requests' share, then its targets, then breaches, then anonymisation.
        let e = GdprConfig::from_json_str(
            r#"{"requests": {"atRiskPercent": 0, "internalTargets": {"erasure": "2 months"}}, "anonymisation": {"k": 1}}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("requests.atRiskPercent"), "{e}");
        let e = GdprConfig::from_json_str(r#"{"breaches": {"atRiskPercent": 100}, "anonymisation": {"k": 1}}"#)
            .unwrap_err();
        assert!(e.to_string().contains("breaches.atRiskPercent"), "{e}");
        // A share that is no u8 at all stays a parse error, as before.
        for text in [
            r#"{"breaches": {"atRiskPercent": 256}}"#,
            r#"{"requests": {"atRiskPercent": -1}}"#,
        ] {
            assert_eq!(
                GdprConfig::from_json_str(text).unwrap_err().code(),
                "config.syntax.invalid"
            );
        }
    }

    #[test]
    fn the_targets_section_replaces_the_default_as_a_whole() {
        let c = GdprConfig::from_json_str(r#"{"requests": {"internalTargets": {"erasure": "20 days"}}}"#).unwrap();
        assert_eq!(c.requests.internal_targets.erasure, Some(Period::Days(20)));
        assert_eq!(
            c.requests.internal_targets.access, None,
            "left out: legal deadline only"
        );
        assert_eq!(
            c.requests.at_risk_percent,
            AtRiskPercent::PLAN,
            "other request settings keep their defaults"
        );
    }
}
