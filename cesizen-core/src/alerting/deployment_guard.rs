//! The deployment guard: gradual rollout, and automatic rollback when critical errors follow a release.
//!
//! The plan's production deployment is gradual with real-time monitoring, and "Rollback automatique":
//! critical errors detected by monitoring after a release roll back to the previous stable version and notify
//! the team. The guard watches a release from its start to the end of its last rollout step. As soon as more
//! than `maxCriticalErrors` critical errors (default 0: the first one) have been seen in that watch, the
//! decision is [`GuardDecision::Rollback`]; the ticket that shipped the release then takes the workflow's
//! `rollback` action back to In progress. Otherwise the release advances through its steps (default: 10 % for
//! 15 min, 50 % for 15 min, 100 % watched for 30 min) and becomes the new stable version. The plan gives no
//! figures for the steps: these defaults are the SDK's.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{AlertingError, ConfigError, ConfigProblem};

/// One rollout step.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RolloutStep {
    /// Share of traffic on the new version, 1–100.
    pub percent: u8,
    /// How long the step is held and watched, ms (positive).
    pub hold_ms: u64,
}

/// The JSON form of a [`DeploymentGuard`].
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentGuardSpec {
    /// The steps; percentages strictly increase and the last is 100.
    pub rollout: Vec<RolloutStep>,
    /// Critical errors tolerated during the watch; one more triggers the rollback.
    pub max_critical_errors: u32,
}

/// What to do with a release now.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum GuardDecision {
    /// Roll back to the previous stable version.
    Rollback {
        /// The critical error that crossed the limit.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        triggered_at: DateTime<Utc>,
    },
    /// Serve `percent` % of traffic from the new version until `until`.
    Rollout {
        /// Current share.
        percent: u8,
        /// When the step ends.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        until: DateTime<Utc>,
    },
    /// The watch ended without rollback: the release is the new stable version.
    Stable {
        /// When it became stable.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        since: DateTime<Utc>,
    },
}

/// A validated deployment guard.
///
/// ```
/// use cesizen_core::alerting::{DeploymentGuard, GuardDecision};
/// use chrono::TimeDelta;
/// let guard = DeploymentGuard::plan();
/// let release: chrono::DateTime<chrono::Utc> = "2025-05-05T14:00:00Z".parse().unwrap();
/// let error = release + TimeDelta::minutes(20);
/// let decision = guard.evaluate(release, &[error], release + TimeDelta::minutes(21)).unwrap();
/// assert_eq!(decision, GuardDecision::Rollback { triggered_at: error });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DeploymentGuardSpec", into = "DeploymentGuardSpec")]
pub struct DeploymentGuard(DeploymentGuardSpec);

impl DeploymentGuard {
    /// 10 % for 15 min, 50 % for 15 min, 100 % watched for 30 min; roll back on the first critical error.
    pub fn plan() -> Self {
        let step = |percent, minutes: u64| RolloutStep {
            percent,
            hold_ms: minutes * 60_000,
        };
        DeploymentGuard(DeploymentGuardSpec {
            rollout: vec![step(10, 15), step(50, 15), step(100, 30)],
            max_critical_errors: 0,
        })
    }

    /// The decision at `now` for a release started at `released_at`, given the times of the critical errors
    /// monitoring reported (any order; errors before the release or after the watch are ignored).
    ///
    /// # Errors
    /// [`AlertingError::OutOfOrder`] when `now` precedes the release; [`AlertingError::DateOutOfRange`].
    pub fn evaluate(
        &self,
        released_at: DateTime<Utc>,
        critical_errors: &[DateTime<Utc>],
        now: DateTime<Utc>,
    ) -> Result<GuardDecision, AlertingError> {
        if now < released_at {
            return Err(AlertingError::OutOfOrder);
        }
        let mut step_ends = Vec::with_capacity(self.0.rollout.len());
        let mut end = released_at;
        for step in &self.0.rollout {
            let hold = i64::try_from(step.hold_ms)
                .ok()
                .and_then(TimeDelta::try_milliseconds)
                .ok_or(AlertingError::DateOutOfRange)?;
            end = end.checked_add_signed(hold).ok_or(AlertingError::DateOutOfRange)?;
            step_ends.push((step.percent, end));
        }
        let watch_end = end;
        let mut seen: Vec<DateTime<Utc>> = critical_errors
            .iter()
            .copied()
            .filter(|e| *e >= released_at && *e < watch_end && *e <= now)
            .collect();
        seen.sort_unstable();
        if let Some(trigger) = seen.get(self.0.max_critical_errors as usize) {
            return Ok(GuardDecision::Rollback { triggered_at: *trigger });
        }
        Ok(match step_ends.iter().find(|(_, until)| now < *until) {
            Some(&(percent, until)) => GuardDecision::Rollout { percent, until },
            None => GuardDecision::Stable { since: watch_end },
        })
    }
}

impl TryFrom<DeploymentGuardSpec> for DeploymentGuard {
    type Error = ConfigError;

    fn try_from(spec: DeploymentGuardSpec) -> Result<Self, Self::Error> {
        if spec.rollout.is_empty() {
            return Err(ConfigError::new("rollout", ConfigProblem::Empty));
        }
        let mut previous = 0;
        for (i, step) in spec.rollout.iter().enumerate() {
            let at = format!("rollout[{i}]");
            if step.percent == 0 || step.percent > 100 {
                return Err(ConfigError::new("percent", ConfigProblem::OutOfRange).within(&at));
            }
            if step.percent <= previous {
                return Err(ConfigError::new("percent", ConfigProblem::NotOrdered).within(&at));
            }
            if step.hold_ms == 0 {
                return Err(ConfigError::new("holdMs", ConfigProblem::NotPositive).within(&at));
            }
            previous = step.percent;
        }
        if previous != 100 {
            return Err(ConfigError::new(
                format!("rollout[{}].percent", spec.rollout.len() - 1),
                ConfigProblem::Inconsistent,
            ));
        }
        Ok(DeploymentGuard(spec))
    }
}

impl From<DeploymentGuard> for DeploymentGuardSpec {
    fn from(g: DeploymentGuard) -> Self {
        g.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(min: i64) -> DateTime<Utc> {
        "2025-05-05T14:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::minutes(min)
    }

    #[test]
    fn clean_release_walks_the_steps_then_becomes_stable() {
        let g = DeploymentGuard::plan();
        assert_eq!(
            g.evaluate(t(0), &[], t(0)).unwrap(),
            GuardDecision::Rollout {
                percent: 10,
                until: t(15)
            }
        );
        assert_eq!(
            g.evaluate(t(0), &[], t(15)).unwrap(),
            GuardDecision::Rollout {
                percent: 50,
                until: t(30)
            }
        );
        assert_eq!(
            g.evaluate(t(0), &[], t(59)).unwrap(),
            GuardDecision::Rollout {
                percent: 100,
                until: t(60)
            }
        );
        assert_eq!(
            g.evaluate(t(0), &[], t(60)).unwrap(),
            GuardDecision::Stable { since: t(60) }
        );
    }

    #[test]
    fn errors_outside_the_watch_or_in_the_future_are_ignored() {
        let g = DeploymentGuard::plan();
        let errors = [t(-1), t(60), t(45)];
        assert_eq!(
            g.evaluate(t(0), &errors, t(44)).unwrap(),
            GuardDecision::Rollout {
                percent: 100,
                until: t(60)
            }
        );
        assert_eq!(
            g.evaluate(t(0), &errors, t(50)).unwrap(),
            GuardDecision::Rollback { triggered_at: t(45) }
        );
        assert_eq!(
            g.evaluate(t(0), &[], t(-1)).unwrap_err().code(),
            "alerting.event.out_of_order"
        );
    }

    #[test]
    fn tolerance_counts_errors_in_time_order() {
        let mut spec: DeploymentGuardSpec = DeploymentGuard::plan().into();
        spec.max_critical_errors = 2;
        let g = DeploymentGuard::try_from(spec).unwrap();
        let errors = [t(20), t(5), t(10)];
        assert_eq!(
            g.evaluate(t(0), &errors, t(12)).unwrap(),
            GuardDecision::Rollout {
                percent: 10,
                until: t(15)
            }
        );
        assert_eq!(
            g.evaluate(t(0), &errors, t(25)).unwrap(),
            GuardDecision::Rollback { triggered_at: t(20) }
        );
    }

    #[test]
    fn invalid_rollouts_are_refused() {
        let bad = |rollout: Vec<(u8, u64)>| {
            let rollout = rollout
                .into_iter()
                .map(|(percent, hold_ms)| RolloutStep { percent, hold_ms })
                .collect();
            DeploymentGuard::try_from(DeploymentGuardSpec {
                rollout,
                max_critical_errors: 0,
            })
            .unwrap_err()
        };
        assert_eq!(bad(vec![]).code(), "config.value.empty");
        assert_eq!(bad(vec![(50, 1), (10, 1), (100, 1)]).field(), "rollout[1].percent");
        assert_eq!(bad(vec![(50, 1)]).code(), "config.value.inconsistent");
        assert_eq!(bad(vec![(100, 0)]).field(), "rollout[0].holdMs");
        assert_eq!(bad(vec![(101, 1)]).code(), "config.value.out_of_range");
    }
}
