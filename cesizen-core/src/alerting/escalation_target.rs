//! Who an escalation step notifies: one of the plan's teams, or a team a deployment names itself.
//!
//! The plan names its teams (on-call team, L1 user support, L2 technical support, L3 development, the CISO and
//! management, the technical team); a deployment adds its own (a schedule, a rotation). Each travels as one
//! stable lowercase string, the plan's teams as their codes (`"on_call_team"`, `"l3_development"`…) and a
//! deployment's as written, so the JSON of rules files and notices is the same text it always was.

use serde::{Deserialize, Serialize};

use super::ConfigProblem;

/// The longest team name a deployment may give, in characters.
const MAX_NAME_CHARS: usize = 128;

/// A team an escalation notifies.
///
/// ```
/// use cesizen_core::alerting::EscalationTarget;
/// assert_eq!(EscalationTarget::parse("l3_development")?, EscalationTarget::L3Development);
/// assert_eq!(EscalationTarget::parse("night-rota")?, EscalationTarget::Named("night-rota".into()));
/// assert_eq!(EscalationTarget::OnCallTeam.as_str(), "on_call_team");
/// assert!(EscalationTarget::parse(" padded ").is_err());
/// # Ok::<(), cesizen_core::alerting::ConfigProblem>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EscalationTarget {
    /// The on-call team, paged for P1 and P2 (`"on_call_team"`).
    OnCallTeam,
    /// Level 1, user support (`"l1_user_support"`).
    L1UserSupport,
    /// Level 2, technical support: P3 and P4 tickets (`"l2_technical_support"`).
    L2TechnicalSupport,
    /// Level 3, development: where a blocked incident escalates (`"l3_development"`).
    L3Development,
    /// The CISO and management, for S1 and S2 security incidents (`"ciso_and_management"`).
    CisoAndManagement,
    /// The technical team, for S3 and S4 security incidents (`"technical_team"`).
    TechnicalTeam,
    /// A team the deployment names itself: never one of the codes above (see [`EscalationTarget::parse`]).
    Named(String),
}

impl EscalationTarget {
    /// The plan's teams, in declaration order.
    pub const PLAN_TEAMS: [EscalationTarget; 6] = [
        EscalationTarget::OnCallTeam,
        EscalationTarget::L1UserSupport,
        EscalationTarget::L2TechnicalSupport,
        EscalationTarget::L3Development,
        EscalationTarget::CisoAndManagement,
        EscalationTarget::TechnicalTeam,
    ];

    /// The team of `text`: one of the plan's teams by its code, any other name as [`EscalationTarget::Named`].
    ///
    /// # Errors
    /// [`ConfigProblem::OutOfRange`] for a name that is empty, longer than 128 characters, padded with spaces or
    /// holding a control character.
    pub fn parse(text: &str) -> Result<Self, ConfigProblem> {
        if let Some(team) = Self::PLAN_TEAMS.into_iter().find(|team| team.as_str() == text) {
            return Ok(team);
        }
        let clean = !text.is_empty()
            && text.trim() == text
            && text.chars().count() <= MAX_NAME_CHARS
            && !text.chars().any(char::is_control);
        if clean {
            Ok(EscalationTarget::Named(text.to_owned()))
        } else {
            Err(ConfigProblem::OutOfRange)
        }
    }

    /// The text the team travels as: a plan team's code, or the deployment's name.
    pub fn as_str(&self) -> &str {
        match self {
            EscalationTarget::OnCallTeam => "on_call_team",
            EscalationTarget::L1UserSupport => "l1_user_support",
            EscalationTarget::L2TechnicalSupport => "l2_technical_support",
            EscalationTarget::L3Development => "l3_development",
            EscalationTarget::CisoAndManagement => "ciso_and_management",
            EscalationTarget::TechnicalTeam => "technical_team",
            EscalationTarget::Named(name) => name,
        }
    }
}

impl From<crate::incident::SecurityAudience> for EscalationTarget {
    /// The team a security incident's audience is: S1–S2 the CISO and management, S3–S4 the technical team.
    fn from(audience: crate::incident::SecurityAudience) -> Self {
        match audience {
            crate::incident::SecurityAudience::CisoAndManagement => EscalationTarget::CisoAndManagement,
            crate::incident::SecurityAudience::TechnicalTeam => EscalationTarget::TechnicalTeam,
        }
    }
}

impl core::fmt::Display for EscalationTarget {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for EscalationTarget {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EscalationTarget {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        EscalationTarget::parse(&text).map_err(|_| serde::de::Error::custom("config.value.out_of_range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_plan_teams_have_distinct_snake_case_codes_that_parse_back() {
        let codes: Vec<&str> = EscalationTarget::PLAN_TEAMS
            .iter()
            .map(EscalationTarget::as_str)
            .collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
        for team in EscalationTarget::PLAN_TEAMS {
            assert!(
                team.as_str()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            );
            assert_eq!(EscalationTarget::parse(team.as_str()), Ok(team.clone()));
            let json = serde_json::to_string(&team).expect("serializes");
            assert_eq!(json, format!("\"{}\"", team.as_str()));
            assert_eq!(
                serde_json::from_str::<EscalationTarget>(&json).expect("reads back"),
                team
            );
        }
    }

    #[test]
    fn a_security_audience_is_the_team_of_its_code() {
        use crate::incident::SecurityLevel;
        for level in [
            SecurityLevel::S1,
            SecurityLevel::S2,
            SecurityLevel::S3,
            SecurityLevel::S4,
        ] {
            let audience = level.audience();
            let code = serde_json::to_value(audience).expect("serializes");
            assert_eq!(
                EscalationTarget::from(audience).as_str(),
                code.as_str().expect("a code")
            );
        }
    }

    #[test]
    fn names_that_are_not_clean_are_refused() {
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        for bad in ["", " rota", "rota ", "ro\nta", long.as_str()] {
            assert_eq!(EscalationTarget::parse(bad), Err(ConfigProblem::OutOfRange), "{bad:?}");
            assert!(serde_json::from_value::<EscalationTarget>(serde_json::json!(bad)).is_err());
        }
        let longest = "é".repeat(MAX_NAME_CHARS);
        assert_eq!(
            EscalationTarget::parse(&longest),
            Ok(EscalationTarget::Named(longest.clone()))
        );
    }

    proptest! {
        #[test]
        fn a_name_travels_as_its_text(name in "[a-z][a-z0-9 _-]{0,40}[a-z0-9]") {
            let team = EscalationTarget::parse(&name).expect("a clean name");
            prop_assert_eq!(team.as_str(), name.as_str());
            let json = serde_json::to_string(&team).expect("serializes");
            prop_assert_eq!(serde_json::from_str::<EscalationTarget>(&json).expect("reads back"), team);
        }
    }
}
