//! SLA timer goals per incident priority and security level.
//!
//! The plan's defaults come from `cesizen_core::incident`: P1 2 h, P2 8 h, P3 24 h, P4 72 h; S1 30 min,
//! S2 2 h, S3 8 h, S4 24 h. A security incident carries both a priority and a level; the stricter (shorter)
//! goal applies. Goals must be ordered (P1 ≤ P2 ≤ P3 ≤ P4, S1 ≤ … ≤ S4): a rules file making P3 stricter
//! than P1 is refused.

use std::collections::BTreeMap;

use cesizen_core::alerting::{ConfigError, ConfigProblem};
use cesizen_core::incident::{Priority, SecurityLevel};
use serde::{Deserialize, Serialize};

use crate::Millis;

/// The JSON form of a [`GoalTable`]: milliseconds per priority and per security level.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GoalTableSpec {
    /// Resolution goal per priority, ms.
    pub priorities: BTreeMap<Priority, u64>,
    /// Response goal per security level, ms.
    pub security_levels: BTreeMap<SecurityLevel, u64>,
}

/// Validated timer goals.
///
/// ```
/// use cesizen_sla::GoalTable;
/// use cesizen_core::incident::{Priority, SecurityLevel};
/// let goals = GoalTable::plan();
/// assert_eq!(goals.goal(Priority::P2, None).as_ms(), 8 * 3_600_000);
/// assert_eq!(goals.goal(Priority::P2, Some(SecurityLevel::S1)).as_ms(), 30 * 60_000);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "GoalTableSpec", into = "GoalTableSpec")]
pub struct GoalTable(GoalTableSpec);

/// A goal of the plan, in ms: the plan's goals are positive constants of `cesizen_core::incident`.
fn ms(d: chrono::TimeDelta) -> u64 {
    Millis::try_from(d)
        .expect("the plan's goals are positive durations")
        .as_ms()
}

impl GoalTable {
    /// The plan's goals.
    pub fn plan() -> Self {
        GoalTable(GoalTableSpec {
            priorities: Priority::ALL
                .into_iter()
                .map(|p| (p, ms(p.resolution_goal())))
                .collect(),
            security_levels: SecurityLevel::ALL
                .into_iter()
                .map(|s| (s, ms(s.response_goal())))
                .collect(),
        })
    }

    /// The goal of an incident of `priority` and optional security `level`: the stricter of the two.
    pub fn goal(&self, priority: Priority, level: Option<SecurityLevel>) -> Millis {
        let by_priority = self.0.priorities.get(&priority).copied().unwrap_or(u64::MAX);
        let by_level = level
            .and_then(|l| self.0.security_levels.get(&l).copied())
            .unwrap_or(u64::MAX);
        Millis::from_ms(by_priority.min(by_level))
    }
}

fn check_ordered<K: Ord + Copy>(
    map: &BTreeMap<K, u64>,
    all: &[K],
    name: fn(K) -> &'static str,
    field: &str,
) -> Result<(), ConfigError> {
    let mut previous = 0;
    for &key in all {
        let goal = *map
            .get(&key)
            .ok_or_else(|| ConfigError::new(name(key), ConfigProblem::Missing).within(field))?;
        if goal == 0 {
            return Err(ConfigError::new(name(key), ConfigProblem::NotPositive).within(field));
        }
        if goal > 3_660 * 86_400_000 {
            return Err(ConfigError::new(name(key), ConfigProblem::OutOfRange).within(field));
        }
        if goal < previous {
            return Err(ConfigError::new(name(key), ConfigProblem::NotOrdered).within(field));
        }
        previous = goal;
    }
    Ok(())
}

impl TryFrom<GoalTableSpec> for GoalTable {
    type Error = ConfigError;

    fn try_from(spec: GoalTableSpec) -> Result<Self, Self::Error> {
        check_ordered(&spec.priorities, &Priority::ALL, Priority::as_str, "priorities")?;
        check_ordered(
            &spec.security_levels,
            &SecurityLevel::ALL,
            SecurityLevel::as_str,
            "securityLevels",
        )?;
        Ok(GoalTable(spec))
    }
}

impl From<GoalTable> for GoalTableSpec {
    fn from(g: GoalTable) -> Self {
        g.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_goals_per_priority_and_level() {
        let g = GoalTable::plan();
        let h = 3_600_000;
        assert_eq!(
            Priority::ALL.map(|p| g.goal(p, None).as_ms()),
            [2 * h, 8 * h, 24 * h, 72 * h]
        );
        assert_eq!(
            SecurityLevel::ALL.map(|s| g.goal(Priority::P4, Some(s)).as_ms()),
            [h / 2, 2 * h, 8 * h, 24 * h]
        );
        assert_eq!(g.goal(Priority::P1, Some(SecurityLevel::S4)).as_ms(), 2 * h);
    }

    #[test]
    fn unordered_or_missing_goals_are_refused() {
        let mut spec: GoalTableSpec = GoalTable::plan().into();
        spec.priorities.insert(Priority::P3, 3_600_000);
        let e = GoalTable::try_from(spec.clone()).unwrap_err();
        assert_eq!((e.field(), e.code()), ("priorities.p3", "config.value.not_ordered"));
        spec = GoalTable::plan().into();
        spec.security_levels.remove(&SecurityLevel::S2);
        assert_eq!(GoalTable::try_from(spec).unwrap_err().field(), "securityLevels.s2");
    }
}
