//! Support levels L1–L3 of the escalation process and their goals.
//!
//! The plan's "Processus d'escalade": L1 user support (first contact, FAQ, simple problems; response < 4 h),
//! L2 technical support (analysis, reproduction; resolution < 24 h for P3/P4), L3 development (code fixes,
//! hotfixes; resolution per the incident's priority). A blocked incident moves one level up
//! ([`SupportLevel::escalate`]) when half of its SLA has elapsed; `cesizen-sla` computes that instant.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use super::Priority;

/// A support level.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum SupportLevel {
    /// User support: first contact, FAQ, simple problems (Zendesk, knowledge base).
    L1,
    /// Technical support: analysis, bug reproduction (Jira, application logs, Sentry).
    L2,
    /// Development team: code fixes and hotfixes (IDE, GitHub, test environments).
    L3,
}

/// What a support goal measures.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum GoalKind {
    /// Time to the first response.
    Response,
    /// Time to resolution.
    Resolution,
}

/// A goal of a support level for one priority: `kind` within strictly less than `within`.
///
/// JSON form: `{"kind": "response", "withinMs": 14400000}`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SupportGoal {
    /// What is measured.
    pub kind: GoalKind,
    /// The bound, exclusive (whole milliseconds in JSON).
    #[serde(rename = "withinMs", with = "millis")]
    #[cfg_attr(feature = "wasm", tsify(type = "number"))]
    pub within: TimeDelta,
}

/// What a support level owes for a priority, and where it escalates ([`SupportLevel::commitment`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SupportLevelGoal {
    /// The level's goal for the priority ([`SupportLevel::goal`]), `None` when the plan gives it none.
    pub goal: Option<SupportGoal>,
    /// The next level up ([`SupportLevel::escalate`]), `None` from L3.
    pub escalates_to: Option<SupportLevel>,
}

/// A duration as whole milliseconds, the JSON form of durations in this crate's results.
mod millis {
    use chrono::TimeDelta;
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    pub(super) fn serialize<S: Serializer>(d: &TimeDelta, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(d.num_milliseconds())
    }

    /// Refuses a negative duration: a bound is never one.
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<TimeDelta, D::Error> {
        let ms = i64::deserialize(d)?;
        (ms >= 0)
            .then(|| TimeDelta::try_milliseconds(ms))
            .flatten()
            .ok_or_else(|| D::Error::custom("a negative duration"))
    }
}

impl SupportLevel {
    /// All levels, lowest first.
    pub const ALL: [SupportLevel; 3] = [SupportLevel::L1, SupportLevel::L2, SupportLevel::L3];

    /// The level's goal for an incident of `priority`, or `None` when the plan gives this level none.
    ///
    /// L1 answers every priority within 4 h; L2 resolves P3/P4 within 24 h (the plan sets no L2 goal for
    /// P1/P2, which page the on-call team and go to L3); L3 resolves within the priority's goal.
    ///
    /// ```
    /// use cesizen_core::incident::{GoalKind, Priority, SupportLevel};
    /// let goal = SupportLevel::L3.goal(Priority::P1).unwrap();
    /// assert_eq!((goal.kind, goal.within.num_hours()), (GoalKind::Resolution, 2));
    /// assert!(SupportLevel::L2.goal(Priority::P1).is_none());
    /// ```
    pub fn goal(self, priority: Priority) -> Option<SupportGoal> {
        match self {
            SupportLevel::L1 => Some(SupportGoal {
                kind: GoalKind::Response,
                within: TimeDelta::hours(4),
            }),
            SupportLevel::L2 => match priority {
                Priority::P3 | Priority::P4 => Some(SupportGoal {
                    kind: GoalKind::Resolution,
                    within: TimeDelta::hours(24),
                }),
                Priority::P1 | Priority::P2 => None,
            },
            SupportLevel::L3 => Some(SupportGoal {
                kind: GoalKind::Resolution,
                within: priority.resolution_goal(),
            }),
        }
    }

    /// The level's goal for `priority` and the level it escalates to, as data.
    ///
    /// ```
    /// use cesizen_core::incident::{Priority, SupportLevel};
    ///
    /// let l1 = SupportLevel::L1.commitment(Priority::P1);
    /// assert_eq!(serde_json::to_string(&l1)?, r#"{"goal":{"kind":"response","withinMs":14400000},"escalatesTo":"l2"}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn commitment(self, priority: Priority) -> SupportLevelGoal {
        SupportLevelGoal {
            goal: self.goal(priority),
            escalates_to: self.escalate(),
        }
    }

    /// The next level up, or `None` from L3.
    pub fn escalate(self) -> Option<SupportLevel> {
        match self {
            SupportLevel::L1 => Some(SupportLevel::L2),
            SupportLevel::L2 => Some(SupportLevel::L3),
            SupportLevel::L3 => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l1_responds_within_4h_for_every_priority() {
        for p in Priority::ALL {
            let g = SupportLevel::L1.goal(p).unwrap();
            assert_eq!((g.kind, g.within), (GoalKind::Response, TimeDelta::hours(4)));
        }
    }

    #[test]
    fn l2_resolves_p3_p4_within_24h_only() {
        assert!(SupportLevel::L2.goal(Priority::P1).is_none());
        assert!(SupportLevel::L2.goal(Priority::P2).is_none());
        for p in [Priority::P3, Priority::P4] {
            let g = SupportLevel::L2.goal(p).unwrap();
            assert_eq!((g.kind, g.within), (GoalKind::Resolution, TimeDelta::hours(24)));
        }
    }

    #[test]
    fn l3_follows_the_priority_goal() {
        for p in Priority::ALL {
            assert_eq!(SupportLevel::L3.goal(p).unwrap().within, p.resolution_goal());
        }
    }

    #[test]
    fn every_commitment_reads_back_with_its_goal_in_milliseconds() {
        for level in SupportLevel::ALL {
            for p in Priority::ALL {
                let c = level.commitment(p);
                assert_eq!((c.goal, c.escalates_to), (level.goal(p), level.escalate()));
                let json = serde_json::to_value(c).unwrap();
                let ms = c.goal.map(|g| g.within.num_milliseconds());
                assert_eq!(json["goal"]["withinMs"].as_i64(), ms);
                assert_eq!(serde_json::from_value::<SupportLevelGoal>(json).unwrap(), c);
            }
        }
        for bad in ["-1", "-9223372036854775808", "1.5", "\"1\""] {
            let json = format!(r#"{{"kind":"response","withinMs":{bad}}}"#);
            assert!(serde_json::from_str::<SupportGoal>(&json).is_err(), "{bad}");
        }
    }

    #[test]
    fn escalation_climbs_one_level_and_stops_at_l3() {
        assert_eq!(SupportLevel::L1.escalate(), Some(SupportLevel::L2));
        assert_eq!(SupportLevel::L2.escalate(), Some(SupportLevel::L3));
        assert_eq!(SupportLevel::L3.escalate(), None);
    }
}
