//! The operations dashboard: each indicator's status against the plan's targets.
//!
//! "Vue d'ensemble opérationnelle": open tickets < 30, P1/P2 incidents < 5, deployments 5–10 per week, bugs in
//! production < 10, mean resolution time < 6 h. "< n" is strict (30 open tickets is above target); "5–10" is
//! inclusive at both ends.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use super::{ConfigError, ConfigProblem};

/// The figures the dashboard shows.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpsSnapshot {
    /// Tickets not closed.
    pub open_tickets: u32,
    /// P1 and P2 incidents open.
    pub p1_p2_incidents: u32,
    /// Deployments over the last seven days.
    pub deployments_per_week: u32,
    /// Known bugs in production.
    pub production_bugs: u32,
    /// Mean time to resolution, ms.
    pub mean_resolution_ms: u64,
}

/// An indicator of the dashboard.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum OpsIndicator {
    /// Open tickets.
    OpenTickets,
    /// P1/P2 incidents.
    P1P2Incidents,
    /// Deployments per week.
    DeploymentsPerWeek,
    /// Bugs in production.
    ProductionBugs,
    /// Mean resolution time.
    MeanResolutionTime,
}

/// Where an indicator stands.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorStatus {
    /// Meets its target.
    OnTarget,
    /// Above its target (too many, too slow).
    AboveTarget,
    /// Below its range (too few deployments).
    BelowTarget,
}

/// One indicator's status.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct IndicatorAssessment {
    /// The indicator.
    pub indicator: OpsIndicator,
    /// Its status.
    pub status: IndicatorStatus,
}

/// The JSON form of [`DashboardTargets`].
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DashboardTargetsSpec {
    /// On target while strictly below (plan: 30).
    pub open_tickets_below: u32,
    /// On target while strictly below (plan: 5).
    pub p1_p2_incidents_below: u32,
    /// Lowest on-target weekly deployments, inclusive (plan: 5).
    pub deployments_per_week_min: u32,
    /// Highest on-target weekly deployments, inclusive (plan: 10).
    pub deployments_per_week_max: u32,
    /// On target while strictly below (plan: 10).
    pub production_bugs_below: u32,
    /// On target while strictly below, ms (plan: 6 h).
    pub mean_resolution_below_ms: u64,
}

/// Validated dashboard targets.
///
/// ```
/// use cesizen_core::alerting::{DashboardTargets, IndicatorStatus, OpsSnapshot};
/// // The plan's own "current values": all on target.
/// let now = OpsSnapshot { open_tickets: 23, p1_p2_incidents: 2, deployments_per_week: 8, production_bugs: 5,
///     mean_resolution_ms: 15_120_000 };
/// assert!(DashboardTargets::plan().assess(&now).iter().all(|a| a.status == IndicatorStatus::OnTarget));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DashboardTargetsSpec", into = "DashboardTargetsSpec")]
pub struct DashboardTargets(DashboardTargetsSpec);

impl DashboardTargets {
    /// The plan's targets.
    pub fn plan() -> Self {
        DashboardTargets(DashboardTargetsSpec {
            open_tickets_below: 30,
            p1_p2_incidents_below: 5,
            deployments_per_week_min: 5,
            deployments_per_week_max: 10,
            production_bugs_below: 10,
            mean_resolution_below_ms: u64::try_from(TimeDelta::hours(6).num_milliseconds()).unwrap_or(u64::MAX),
        })
    }

    /// Every indicator's status, in the plan's order.
    pub fn assess(&self, s: &OpsSnapshot) -> Vec<IndicatorAssessment> {
        let t = &self.0;
        let below = |value: u64, limit: u64| {
            if value < limit {
                IndicatorStatus::OnTarget
            } else {
                IndicatorStatus::AboveTarget
            }
        };
        let deployments = if s.deployments_per_week < t.deployments_per_week_min {
            IndicatorStatus::BelowTarget
        } else if s.deployments_per_week > t.deployments_per_week_max {
            IndicatorStatus::AboveTarget
        } else {
            IndicatorStatus::OnTarget
        };
        [
            (
                OpsIndicator::OpenTickets,
                below(s.open_tickets.into(), t.open_tickets_below.into()),
            ),
            (
                OpsIndicator::P1P2Incidents,
                below(s.p1_p2_incidents.into(), t.p1_p2_incidents_below.into()),
            ),
            (OpsIndicator::DeploymentsPerWeek, deployments),
            (
                OpsIndicator::ProductionBugs,
                below(s.production_bugs.into(), t.production_bugs_below.into()),
            ),
            (
                OpsIndicator::MeanResolutionTime,
                below(s.mean_resolution_ms, t.mean_resolution_below_ms),
            ),
        ]
        .into_iter()
        .map(|(indicator, status)| IndicatorAssessment { indicator, status })
        .collect()
    }
}

impl TryFrom<DashboardTargetsSpec> for DashboardTargets {
    type Error = ConfigError;

    fn try_from(spec: DashboardTargetsSpec) -> Result<Self, Self::Error> {
        if spec.deployments_per_week_min > spec.deployments_per_week_max {
            return Err(ConfigError::new("deploymentsPerWeekMax", ConfigProblem::NotOrdered));
        }
        Ok(DashboardTargets(spec))
    }
}

impl From<DashboardTargets> for DashboardTargetsSpec {
    fn from(t: DashboardTargets) -> Self {
        t.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use IndicatorStatus::*;

    fn statuses(s: OpsSnapshot) -> Vec<IndicatorStatus> {
        DashboardTargets::plan()
            .assess(&s)
            .into_iter()
            .map(|a| a.status)
            .collect()
    }

    const OK: OpsSnapshot = OpsSnapshot {
        open_tickets: 29,
        p1_p2_incidents: 4,
        deployments_per_week: 5,
        production_bugs: 9,
        mean_resolution_ms: 6 * 3_600_000 - 1,
    };

    #[test]
    fn each_row_at_its_boundary() {
        assert_eq!(statuses(OK), [OnTarget; 5]);
        assert_eq!(statuses(OpsSnapshot { open_tickets: 30, ..OK })[0], AboveTarget);
        assert_eq!(
            statuses(OpsSnapshot {
                p1_p2_incidents: 5,
                ..OK
            })[1],
            AboveTarget
        );
        assert_eq!(
            statuses(OpsSnapshot {
                deployments_per_week: 4,
                ..OK
            })[2],
            BelowTarget
        );
        assert_eq!(
            statuses(OpsSnapshot {
                deployments_per_week: 10,
                ..OK
            })[2],
            OnTarget
        );
        assert_eq!(
            statuses(OpsSnapshot {
                deployments_per_week: 11,
                ..OK
            })[2],
            AboveTarget
        );
        assert_eq!(
            statuses(OpsSnapshot {
                production_bugs: 10,
                ..OK
            })[3],
            AboveTarget
        );
        assert_eq!(
            statuses(OpsSnapshot {
                mean_resolution_ms: 6 * 3_600_000,
                ..OK
            })[4],
            AboveTarget
        );
    }

    #[test]
    fn inverted_deployment_range_is_refused() {
        let mut spec: DashboardTargetsSpec = DashboardTargets::plan().into();
        spec.deployments_per_week_min = 11;
        assert_eq!(
            DashboardTargets::try_from(spec).unwrap_err().code(),
            "config.value.not_ordered"
        );
    }
}
