//! The plan's business KPIs, their targets, and a reading of one against its target.

use serde::Serialize;

use crate::kpi::KpiError;
use crate::stable_code::stable_code_enum;

stable_code_enum! {
    /// A KPI of the plan's business dashboard (“Dashboard Métier – KPI Cesizen”).
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    pub enum ProductKpi, unknown: KpiError = KpiError::UnknownKpi;
    labels {
        /// Distinct users with any activity in a local day. Target 3,000.
        DailyActiveUsers = "daily_active_users", "Daily active users", "Utilisateurs actifs/jour";
        /// Mean duration of the practice sessions started in a local day, in minutes. Target 15.
        MeanSessionTime = "mean_session_time", "Mean session time", "Temps session moyen";
        /// Meditation sessions started in a local day. Target 1,500.
        MeditationSessionsPerDay = "meditation_sessions_per_day", "Meditation sessions per day",
            "Sessions méditation/jour";
        /// Share of a sign-up cohort still active 30 days or more after signing up, in percent. Target 70.
        Retention30Day = "retention_30_day", "30-day retention", "Taux de rétention (30 j)";
        /// Net Promoter Score, −100 to 100. Target 75.
        NetPromoterScore = "net_promoter_score", "Net Promoter Score", "Satisfaction (NPS)";
    }
}

impl ProductKpi {
    /// The plan's target, in the KPI's unit (users, minutes, sessions, percent, NPS points). A KPI meets its
    /// target when its value is at or above it; each KPI compares in exact integer arithmetic.
    pub const fn target(self) -> u32 {
        match self {
            ProductKpi::DailyActiveUsers => 3_000,
            ProductKpi::MeanSessionTime => 15,
            ProductKpi::MeditationSessionsPerDay => 1_500,
            ProductKpi::Retention30Day => 70,
            ProductKpi::NetPromoterScore => 75,
        }
    }
}

stable_code_enum! {
    /// Where a KPI stands against its target.
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    pub enum KpiStatus, unknown: KpiError = KpiError::UnknownKpiStatus;
    labels {
        /// At or above the target.
        Met = "met", "Met", "Atteint";
        /// Below the target.
        Below = "below", "Below target", "Sous l'objectif";
        /// No value: nothing to measure (no session, no answer, an empty cohort).
        NoData = "no_data", "No data", "Pas de données";
    }
}

impl KpiStatus {
    /// `Met` or `Below`, from an exact comparison the caller made in integers.
    pub(crate) const fn from_met(met: bool) -> Self {
        if met { KpiStatus::Met } else { KpiStatus::Below }
    }
}

/// One KPI's value beside its target, for a dashboard. The status is decided in exact integer arithmetic by
/// the KPI's own type; `value` is for display.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct KpiReading {
    /// Which KPI.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub kpi: ProductKpi,
    /// Its value in the KPI's unit, `None` without data.
    pub value: Option<f64>,
    /// The plan's target, in the same unit.
    pub target: u32,
    /// Met, below, or no data.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub status: KpiStatus,
}

impl KpiReading {
    pub(crate) fn new(kpi: ProductKpi, value: Option<f64>, status: KpiStatus) -> Self {
        KpiReading {
            kpi,
            value,
            target: kpi.target(),
            status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_s_targets() {
        let targets: Vec<_> = ProductKpi::ALL.iter().map(|k| (k.code(), k.target())).collect();
        assert_eq!(
            targets,
            [
                ("daily_active_users", 3_000),
                ("mean_session_time", 15),
                ("meditation_sessions_per_day", 1_500),
                ("retention_30_day", 70),
                ("net_promoter_score", 75)
            ]
        );
        let reading = KpiReading::new(ProductKpi::NetPromoterScore, Some(80.0), KpiStatus::Met);
        assert_eq!(
            serde_json::to_string(&reading).unwrap(),
            r#"{"kpi":"net_promoter_score","value":80.0,"target":75,"status":"met"}"#
        );
        assert_eq!(KpiStatus::from_code("no_data"), Ok(KpiStatus::NoData));
        assert_eq!(ProductKpi::from_code("mau"), Err(KpiError::UnknownKpi));
    }
}
