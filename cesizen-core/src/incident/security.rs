//! Security incident levels S1–S4, their response goals, required actions and audiences.
//!
//! The plan's table "Classification et délais de réponse": S1 critical < 30 min (data leak, admin
//! compromised: isolate and notify the CNIL), S2 major < 2 h (successful intrusion: urgent patch and
//! forensics), S3 moderate < 8 h (vulnerability scan: investigate and update), S4 minor < 24 h (suspicious
//! logs: preventive audit). S1–S2 reach the CISO and management at once; S3–S4 the technical team.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use super::IncidentError;

/// The level of a security incident, from S1 (most severe) to S4.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum SecurityLevel {
    /// Critical: data leak, compromised administrator. Response < 30 min.
    S1,
    /// Major: successful intrusion. Response < 2 h.
    S2,
    /// Moderate: vulnerability scan. Response < 8 h.
    S3,
    /// Minor: suspicious logs. Response < 24 h.
    S4,
}

/// A kind of security event, as the plan's examples name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SecurityEventKind {
    /// Personal data left the system ("Fuite données").
    DataLeak,
    /// An administrator account is compromised ("admin compromis").
    AdminCompromised,
    /// An intrusion attempt succeeded ("Tentative intrusion réussie").
    SuccessfulIntrusion,
    /// A vulnerability scan hit the service ("Scan vulnérabilités").
    VulnerabilityScan,
    /// Logs look suspicious ("Logs suspects").
    SuspiciousLogs,
}

/// An action the plan requires for a security level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SecurityAction {
    /// Isolate the affected systems.
    Isolate,
    /// Notify the CNIL (the French data-protection authority), within the GDPR Art. 33 deadline.
    NotifyCnil,
    /// Ship an urgent patch.
    UrgentPatch,
    /// Run a forensic analysis.
    Forensics,
    /// Investigate.
    Investigate,
    /// Update the affected components.
    Update,
    /// Run a preventive audit.
    PreventiveAudit,
}

/// Who is told about a security incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SecurityAudience {
    /// The CISO and management, at once (S1, S2).
    CisoAndManagement,
    /// The technical team, through the standard process (S3, S4).
    TechnicalTeam,
}

impl SecurityLevel {
    /// All levels, most severe first.
    pub const ALL: [SecurityLevel; 4] = [
        SecurityLevel::S1,
        SecurityLevel::S2,
        SecurityLevel::S3,
        SecurityLevel::S4,
    ];

    /// The plan's response goal: the response must start in strictly less than this.
    pub fn response_goal(self) -> TimeDelta {
        match self {
            SecurityLevel::S1 => TimeDelta::minutes(30),
            SecurityLevel::S2 => TimeDelta::hours(2),
            SecurityLevel::S3 => TimeDelta::hours(8),
            SecurityLevel::S4 => TimeDelta::hours(24),
        }
    }

    /// The actions the plan requires, in the order it lists them.
    ///
    /// ```
    /// use cesizen_core::incident::{SecurityAction, SecurityLevel};
    /// assert_eq!(SecurityLevel::S1.required_actions(), &[SecurityAction::Isolate, SecurityAction::NotifyCnil]);
    /// ```
    pub fn required_actions(self) -> &'static [SecurityAction] {
        match self {
            SecurityLevel::S1 => &[SecurityAction::Isolate, SecurityAction::NotifyCnil],
            SecurityLevel::S2 => &[SecurityAction::UrgentPatch, SecurityAction::Forensics],
            SecurityLevel::S3 => &[SecurityAction::Investigate, SecurityAction::Update],
            SecurityLevel::S4 => &[SecurityAction::PreventiveAudit],
        }
    }

    /// Who is told.
    pub fn audience(self) -> SecurityAudience {
        match self {
            SecurityLevel::S1 | SecurityLevel::S2 => SecurityAudience::CisoAndManagement,
            SecurityLevel::S3 | SecurityLevel::S4 => SecurityAudience::TechnicalTeam,
        }
    }

    /// The stable lowercase name, as serialized: `"s1"` … `"s4"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SecurityLevel::S1 => "s1",
            SecurityLevel::S2 => "s2",
            SecurityLevel::S3 => "s3",
            SecurityLevel::S4 => "s4",
        }
    }
}

impl core::fmt::Display for SecurityLevel {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl SecurityEventKind {
    /// Every kind, in declaration order.
    pub const ALL: [SecurityEventKind; 5] = [
        SecurityEventKind::DataLeak,
        SecurityEventKind::AdminCompromised,
        SecurityEventKind::SuccessfulIntrusion,
        SecurityEventKind::VulnerabilityScan,
        SecurityEventKind::SuspiciousLogs,
    ];

    /// The level the plan gives to this kind of event alone.
    pub fn level(self) -> SecurityLevel {
        match self {
            SecurityEventKind::DataLeak | SecurityEventKind::AdminCompromised => SecurityLevel::S1,
            SecurityEventKind::SuccessfulIntrusion => SecurityLevel::S2,
            SecurityEventKind::VulnerabilityScan => SecurityLevel::S3,
            SecurityEventKind::SuspiciousLogs => SecurityLevel::S4,
        }
    }
}

/// The level of a security incident showing all of `events`: the most severe of theirs.
///
/// # Errors
/// [`IncidentError::NoImpact`] when `events` is empty.
pub fn classify_security(events: &[SecurityEventKind]) -> Result<SecurityLevel, IncidentError> {
    events.iter().map(|e| e.level()).min().ok_or(IncidentError::NoImpact)
}

impl SecurityLevel {
    /// The level with what it requires: [`SecurityLevel::response_goal`], [`SecurityLevel::required_actions`]
    /// and [`SecurityLevel::audience`].
    pub fn classification(self) -> SecurityClassification {
        SecurityClassification {
            level: self,
            response_goal_ms: self.response_goal().num_milliseconds(),
            required_actions: self.required_actions().to_vec(),
            audience: self.audience(),
        }
    }
}

/// A security incident's level and what it requires ([`SecurityLevel::classification`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityClassification {
    /// `"s1"` (critical) to `"s4"` (minor).
    pub level: SecurityLevel,
    /// The response goal, in milliseconds.
    pub response_goal_ms: i64,
    /// What must be done (`"isolate"`, `"notify_cnil"`, …).
    #[cfg_attr(feature = "wasm", tsify(type = "string[]"))]
    pub required_actions: Vec<SecurityAction>,
    /// Who is told at once.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub audience: SecurityAudience,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_classification_is_the_level_its_goal_actions_and_audience() {
        for l in [
            SecurityLevel::S1,
            SecurityLevel::S2,
            SecurityLevel::S3,
            SecurityLevel::S4,
        ] {
            let c = l.classification();
            assert_eq!(c.level, l);
            assert_eq!(c.response_goal_ms, l.response_goal().num_milliseconds());
            assert_eq!(c.required_actions, l.required_actions());
            assert_eq!(c.audience, l.audience());
        }
    }

    #[test]
    fn plan_table_rows() {
        use SecurityAction::*;
        let rows = [
            (
                SecurityLevel::S1,
                TimeDelta::minutes(30),
                vec![Isolate, NotifyCnil],
                SecurityAudience::CisoAndManagement,
            ),
            (
                SecurityLevel::S2,
                TimeDelta::hours(2),
                vec![UrgentPatch, Forensics],
                SecurityAudience::CisoAndManagement,
            ),
            (
                SecurityLevel::S3,
                TimeDelta::hours(8),
                vec![Investigate, Update],
                SecurityAudience::TechnicalTeam,
            ),
            (
                SecurityLevel::S4,
                TimeDelta::hours(24),
                vec![PreventiveAudit],
                SecurityAudience::TechnicalTeam,
            ),
        ];
        for (level, goal, actions, audience) in rows {
            assert_eq!(level.response_goal(), goal, "{level}");
            assert_eq!(level.required_actions(), actions.as_slice(), "{level}");
            assert_eq!(level.audience(), audience, "{level}");
        }
    }

    #[test]
    fn plan_examples_classify() {
        use SecurityEventKind::*;
        assert_eq!(classify_security(&[DataLeak]).unwrap(), SecurityLevel::S1);
        assert_eq!(classify_security(&[AdminCompromised]).unwrap(), SecurityLevel::S1);
        assert_eq!(classify_security(&[SuccessfulIntrusion]).unwrap(), SecurityLevel::S2);
        assert_eq!(classify_security(&[VulnerabilityScan]).unwrap(), SecurityLevel::S3);
        assert_eq!(classify_security(&[SuspiciousLogs]).unwrap(), SecurityLevel::S4);
        assert_eq!(
            classify_security(&[SuspiciousLogs, SuccessfulIntrusion]).unwrap(),
            SecurityLevel::S2
        );
        assert_eq!(classify_security(&[]).unwrap_err().code(), "incident.impact.empty");
    }

    #[test]
    fn only_s1_requires_notifying_the_cnil() {
        for level in SecurityLevel::ALL {
            let notifies = level.required_actions().contains(&SecurityAction::NotifyCnil);
            assert_eq!(notifies, level == SecurityLevel::S1);
        }
    }
}
