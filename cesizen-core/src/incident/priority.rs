//! Incident priorities P1–P4, their resolution goals and how each is handled.
//!
//! The plan's table "Classification des incidents": P1 critical < 2 h, P2 major < 8 h, P3 minor < 24 h,
//! P4 cosmetic < 72 h. P1 and P2 page the on-call team; P3 and P4 become standard tickets. The goals here are
//! the plan's defaults; `cesizen-sla` lets a rules file override them.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

/// The priority of an incident, from P1 (most urgent) to P4.
///
/// The order follows urgency: `P1 < P2`, so the most urgent of several priorities is their minimum.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// Critical: the app is unreachable or data is lost. Resolution < 2 h.
    P1,
    /// Major: a feature is unavailable. Resolution < 8 h.
    P2,
    /// Minor: a display bug or slowness. Resolution < 24 h.
    P3,
    /// Cosmetic: interface details, optimisations. Resolution < 72 h.
    P4,
}

/// How an incident of a given priority enters the team's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// The on-call team is paged at once (P1, P2).
    PageOnCall,
    /// A standard ticket is opened and planned (P3, P4).
    StandardTicket,
}

impl Priority {
    /// All priorities, most urgent first.
    pub const ALL: [Priority; 4] = [Priority::P1, Priority::P2, Priority::P3, Priority::P4];

    /// The plan's resolution goal: the incident must be resolved in strictly less than this.
    ///
    /// ```
    /// use cesizen_core::incident::Priority;
    /// assert_eq!(Priority::P1.resolution_goal().num_hours(), 2);
    /// assert_eq!(Priority::P4.resolution_goal().num_hours(), 72);
    /// ```
    pub fn resolution_goal(self) -> TimeDelta {
        match self {
            Priority::P1 => TimeDelta::hours(2),
            Priority::P2 => TimeDelta::hours(8),
            Priority::P3 => TimeDelta::hours(24),
            Priority::P4 => TimeDelta::hours(72),
        }
    }

    /// Whether the on-call team is paged or a standard ticket is opened.
    pub fn handling(self) -> Handling {
        match self {
            Priority::P1 | Priority::P2 => Handling::PageOnCall,
            Priority::P3 | Priority::P4 => Handling::StandardTicket,
        }
    }

    /// The stable lowercase name, as serialized: `"p1"` … `"p4"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P1 => "p1",
            Priority::P2 => "p2",
            Priority::P3 => "p3",
            Priority::P4 => "p4",
        }
    }
}

impl core::fmt::Display for Priority {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Priority {
    /// The priority with what it entails: [`Priority::handling`] and [`Priority::resolution_goal`].
    pub fn classification(self) -> IncidentClassification {
        IncidentClassification {
            priority: self,
            handling: self.handling(),
            resolution_goal_ms: self.resolution_goal().num_milliseconds(),
        }
    }
}

/// An incident's priority and what it entails ([`Priority::classification`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IncidentClassification {
    /// `"p1"` (critical) to `"p4"` (cosmetic).
    pub priority: Priority,
    /// `"page_on_call"` or `"standard_ticket"`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub handling: Handling,
    /// The resolution goal, in milliseconds.
    pub resolution_goal_ms: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_classification_is_the_priority_its_handling_and_its_goal() {
        for p in [Priority::P1, Priority::P2, Priority::P3, Priority::P4] {
            let c = p.classification();
            assert_eq!(
                (c.priority, c.handling, c.resolution_goal_ms),
                (p, p.handling(), p.resolution_goal().num_milliseconds())
            );
        }
        assert_eq!(
            serde_json::to_value(Priority::P1.classification()).unwrap(),
            serde_json::json!({"priority": "p1", "handling": "page_on_call", "resolutionGoalMs": 7_200_000})
        );
    }

    #[test]
    fn plan_table_resolution_goals() {
        assert_eq!(Priority::P1.resolution_goal(), TimeDelta::hours(2));
        assert_eq!(Priority::P2.resolution_goal(), TimeDelta::hours(8));
        assert_eq!(Priority::P3.resolution_goal(), TimeDelta::hours(24));
        assert_eq!(Priority::P4.resolution_goal(), TimeDelta::hours(72));
    }

    #[test]
    fn p1_p2_page_on_call_p3_p4_are_tickets() {
        assert_eq!(Priority::P1.handling(), Handling::PageOnCall);
        assert_eq!(Priority::P2.handling(), Handling::PageOnCall);
        assert_eq!(Priority::P3.handling(), Handling::StandardTicket);
        assert_eq!(Priority::P4.handling(), Handling::StandardTicket);
    }

    #[test]
    fn goals_grow_with_priority_number_and_order_is_urgency() {
        for pair in Priority::ALL.windows(2) {
            assert!(pair[0] < pair[1]);
            assert!(pair[0].resolution_goal() < pair[1].resolution_goal());
        }
    }

    #[test]
    fn serializes_as_lowercase_name() {
        for p in Priority::ALL {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
            assert_eq!(serde_json::from_str::<Priority>(&json).unwrap(), p);
        }
        assert!(serde_json::from_str::<Priority>("\"P1\"").is_err());
    }
}
