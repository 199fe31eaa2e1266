//! Deadline policy: the controller's time zone, the plan's internal targets, the at-risk threshold.

use cesizen_core::tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::kind::RequestKind;
use crate::calendar::Period;
use crate::error::{Error, Result};

/// An IANA time-zone name, validated (`Europe/Paris`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TimeZoneName(Tz);

impl TimeZoneName {
    /// The zone.
    pub fn tz(&self) -> Tz {
        self.0
    }
}

impl From<Tz> for TimeZoneName {
    fn from(tz: Tz) -> Self {
        TimeZoneName(tz)
    }
}

impl fmt::Debug for TimeZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TimeZoneName({})", self.0.name())
    }
}

impl Serialize for TimeZoneName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.0.name())
    }
}

impl<'de> Deserialize<'de> for TimeZoneName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        name.parse::<Tz>()
            .map(TimeZoneName)
            .map_err(|_| serde::de::Error::custom("not an IANA time-zone name"))
    }
}

/// The plan's internal targets per kind of request; `None` where only the legal deadline applies.
///
/// In a configuration document the section replaces the default as a whole: a kind left out (or `null` in
/// JSON) has no internal target.
///
/// A target is met when the request is closed **at or before** `received + target`, so `"0 hours"` means "in
/// the same interaction" (the plan's "immediate": the interface applies the change and closes the request at
/// once).
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
/// assert_eq!(p.at_risk_percent, 75);
/// assert_eq!(p.internal_targets.access.unwrap().to_string(), "48 hours");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DeadlinePolicy {
    /// The controller's time zone, in which the calendar days of legal deadlines are counted.
    pub time_zone: TimeZoneName,
    /// The plan's internal targets.
    pub internal_targets: InternalTargets,
    /// A running timer is "at risk" once this share of its time has elapsed (1–99).
    pub at_risk_percent: u8,
}

impl Default for DeadlinePolicy {
    fn default() -> Self {
        DeadlinePolicy {
            time_zone: TimeZoneName(cesizen_core::tz::Tz::EUROPE_PARIS),
            internal_targets: InternalTargets::default(),
            at_risk_percent: 75,
        }
    }
}

impl DeadlinePolicy {
    /// Checks the values; `prefix` is the dotted path of the policy in its configuration file.
    ///
    /// An internal target longer than a month is refused: the legal deadline would always come first. The
    /// plan's 30-day erasure target is accepted, and the assessment reports the legal deadline beside it: for a
    /// request received in February (or on 30 or 31 January of a common year) the legal month is shorter than
    /// 30 days and governs.
    pub fn validate(&self, prefix: &str) -> Result<()> {
        if !(1..=99).contains(&self.at_risk_percent) {
            return Err(Error::ConfigInvalid {
                field: format!("{prefix}atRiskPercent"),
                reason: "must be between 1 and 99",
            });
        }
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
