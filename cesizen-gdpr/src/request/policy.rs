//! Deadline policy: the controller's time zone, the plan's internal targets, the at-risk threshold.

use cesizen_core::user::IanaTimeZone;
use serde::{Deserialize, Serialize};

use super::kind::RequestKind;
use crate::calendar::Period;
use crate::error::{Error, Result};
use crate::timer::AtRiskPercent;

/// The controller's time zone: the SDK's one validated IANA zone type, [`IanaTimeZone`].
///
/// This name is kept so that code written against the GDPR crate's own zone type still compiles; new code
/// names [`IanaTimeZone`]. (It was a newtype of its own that parsed names a second time.)
pub type TimeZoneName = IanaTimeZone;

/// Reads the policy's zone through [`IanaTimeZone::parse`], refusing an unknown name with the configuration
/// file's message ("not an IANA time-zone name", which [`crate::GdprConfig`]'s errors have always carried).
fn time_zone_name<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<IanaTimeZone, D::Error> {
    let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    IanaTimeZone::parse(&name).map_err(|_| serde::de::Error::custom("not an IANA time-zone name"))
}

/// The plan's internal targets per kind of request; `None` where only the legal deadline applies.
///
/// In a configuration document the section replaces the default as a whole: a kind left out (or `null` in
/// JSON) has no internal target.
///
/// A target is met when the request is closed **at or before** `received + target`, so `"0 hours"` means "in
/// the same interaction" (the plan's "immediate": the interface applies the change and closes the request at
/// once).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InternalTargets {
    /// Access (plan: export < 48 h).
    #[serde(default)]
    pub access: Option<Period>,
    /// Rectification (plan: immediate).
    #[serde(default)]
    pub rectification: Option<Period>,
    /// Erasure (plan: complete < 30 days).
    #[serde(default)]
    pub erasure: Option<Period>,
    /// Portability (plan: standard JSON < 48 h).
    #[serde(default)]
    pub portability: Option<Period>,
    /// Restriction (not in the plan).
    #[serde(default)]
    pub restriction: Option<Period>,
    /// Objection (not in the plan).
    #[serde(default)]
    pub objection: Option<Period>,
    /// Consent withdrawal (not in the plan; the SDK default is immediate, Art. 7(3)).
    #[serde(default)]
    pub consent_withdrawal: Option<Period>,
}

impl Default for InternalTargets {
    fn default() -> Self {
        InternalTargets {
            access: Some(Period::Hours(48)),
            rectification: Some(Period::Hours(0)),
            erasure: Some(Period::Days(30)),
            portability: Some(Period::Hours(48)),
            restriction: None,
            objection: None,
            consent_withdrawal: Some(Period::Hours(0)),
        }
    }
}

impl InternalTargets {
    /// The target for `kind`.
    pub fn get(&self, kind: RequestKind) -> Option<Period> {
        match kind {
            RequestKind::Access => self.access,
            RequestKind::Rectification => self.rectification,
            RequestKind::Erasure => self.erasure,
            RequestKind::Portability => self.portability,
            RequestKind::Restriction => self.restriction,
            RequestKind::Objection => self.objection,
            RequestKind::ConsentWithdrawal => self.consent_withdrawal,
        }
    }
}

/// How request deadlines are computed and judged.
///
/// ```
/// use cesizen_gdpr::request::DeadlinePolicy;
/// let p = DeadlinePolicy::default();
/// assert_eq!(p.time_zone.tz(), cesizen_core::tz::Tz::EUROPE_PARIS);
/// assert_eq!(p.at_risk_percent.get(), 75);
/// assert_eq!(p.internal_targets.access.unwrap().to_string(), "48 hours");
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DeadlinePolicy {
    /// The controller's time zone, in which the calendar days of legal deadlines are counted.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[serde(deserialize_with = "time_zone_name")]
    pub time_zone: IanaTimeZone,
    /// The plan's internal targets.
    pub internal_targets: InternalTargets,
    /// A running timer is "at risk" once this share of its time has elapsed (1–99, by its type).
    pub at_risk_percent: AtRiskPercent,
}

impl Default for DeadlinePolicy {
    fn default() -> Self {
        DeadlinePolicy {
            time_zone: IanaTimeZone::EUROPE_PARIS,
            internal_targets: InternalTargets::default(),
            at_risk_percent: AtRiskPercent::PLAN,
        }
    }
}

/// The `requests` section as a configuration document writes it: [`DeadlinePolicy`] with the share still a
/// plain integer, so that a share out of range is refused by the configuration's checks with the field's
/// dotted path (`config.value.invalid`) rather than by the parser (`config.syntax.invalid`). The same fields
/// and serde attributes as the policy: a document reads the same through either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub(crate) struct DeadlinePolicyDocument {
    #[serde(deserialize_with = "time_zone_name")]
    time_zone: IanaTimeZone,
    internal_targets: InternalTargets,
    at_risk_percent: u8,
}

impl Default for DeadlinePolicyDocument {
    fn default() -> Self {
        let policy = DeadlinePolicy::default();
        DeadlinePolicyDocument {
            time_zone: policy.time_zone,
            internal_targets: policy.internal_targets,
            at_risk_percent: policy.at_risk_percent.get(),
        }
    }
}

impl DeadlinePolicyDocument {
    /// The checked policy; `prefix` is the section's dotted path. The share is checked first, then the
    /// targets ([`DeadlinePolicy::validate`]).
    pub(crate) fn into_policy(self, prefix: &str) -> Result<DeadlinePolicy> {
        let policy = DeadlinePolicy {
            time_zone: self.time_zone,
            internal_targets: self.internal_targets,
            at_risk_percent: AtRiskPercent::for_field(self.at_risk_percent, || format!("{prefix}atRiskPercent"))?,
        };
        policy.validate(prefix)?;
        Ok(policy)
    }
}

impl DeadlinePolicy {
    /// Checks the values; `prefix` is the dotted path of the policy in its configuration file.
    ///
    /// An internal target longer than a month is refused: the legal deadline would always come first. The
    /// plan's 30-day erasure target is accepted, and the assessment reports the legal deadline beside it: for a
    /// request received in February (or on 30 or 31 January of a common year) the legal month is shorter than
    /// 30 days and governs. (The at-risk share needs no check: [`AtRiskPercent`] holds only 1–99.)
    pub fn validate(&self, prefix: &str) -> Result<()> {
        for kind in RequestKind::ALL {
            if let Some(target) = self.internal_targets.get(kind)
                && !target.is_always_shorter_than(Period::Days(32))?
            {
                return Err(Error::ConfigInvalid {
                    field: format!("{prefix}internalTargets.{}", camel(kind)),
                    reason: "an internal target must be shorter than the legal deadline",
                });
            }
        }
        Ok(())
    }
}

fn camel(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::ConsentWithdrawal => "consentWithdrawal",
        other => other.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cesizen_core::tz::Tz;
    use proptest::prelude::*;

    fn policy_with_zone(name: &str) -> serde_json::Result<DeadlinePolicy> {
        serde_json::from_value(serde_json::json!({ "timeZone": name }))
    }

    #[test]
    fn the_zone_is_written_and_read_by_its_name() {
        let policy = DeadlinePolicy {
            time_zone: IanaTimeZone::parse("America/Martinique").unwrap(),
            ..DeadlinePolicy::default()
        };
        let json = serde_json::to_value(policy).unwrap();
        assert_eq!(json["timeZone"], "America/Martinique");
        assert_eq!(serde_json::from_value::<DeadlinePolicy>(json).unwrap(), policy);
        assert_eq!(DeadlinePolicy::default().time_zone, IanaTimeZone::EUROPE_PARIS);
    }

    #[test]
    fn an_unknown_zone_is_refused_with_the_configuration_message() {
        for bad in ["Mars/Olympus", "europe/paris", ""] {
            let e = policy_with_zone(bad).unwrap_err();
            assert!(e.to_string().contains("not an IANA time-zone name"), "{bad:?}: {e}");
        }
    }

    proptest! {
        /// The policy accepts exactly the names a user profile accepts: one parser.
        #[test]
        fn the_policy_accepts_the_names_user_profiles_accept(
            name in prop_oneof![
                "\\PC{0,40}",
                proptest::sample::select(Tz::all().map(|tz| tz.name()).collect::<Vec<_>>()).prop_map(str::to_owned),
            ]
        ) {
            match IanaTimeZone::parse(&name) {
                Ok(zone) => prop_assert_eq!(policy_with_zone(&name).unwrap().time_zone, zone),
                Err(_) => prop_assert!(policy_with_zone(&name).is_err()),
            }
        }
    }
}
