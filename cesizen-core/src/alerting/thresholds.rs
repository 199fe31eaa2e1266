//! The monitoring thresholds of the plan: normal, warning and critical bands per metric.
//!
//! From the technical dashboard and the security dashboard of the plan. Units: percentages are 0–100, the
//! API response time is in milliseconds, failed logins are per minute. Every row "< a / a–b / > b" reads, per
//! [the band rule](super::BandScale): **a is a warning, b is a warning, just above b is critical.**
//!
//! | metric | normal | warning | critical |
//! |---|---|---|---|
//! | CPU % | < 70 | 70–85 | > 85 |
//! | RAM % | < 80 | 80–90 | > 90 |
//! | disk % | < 80 | 80–90 | > 90 |
//! | API response time ms | < 200 | 200–500 | > 500 |
//! | 5xx rate % | < 0.1 | 0.1–1 | > 1 |
//! | failed logins / min | < 10 | 10–50 | > 50 |
//! | suspicious requests % | < 5 | 5–15 | > 15 |
//! | system errors % | < 1 | 1–5 | > 5 |

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::bands::scales_from_spec;
use super::{AlertingError, BandScale, BandScaleSpec, Boundary, ConfigError, Owner, Polarity, Severity};

/// A monitored metric.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "MonitoringMetric", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// CPU utilisation, %.
    Cpu,
    /// Memory utilisation, %.
    Ram,
    /// Storage utilisation, %.
    Disk,
    /// API response time, ms.
    ApiResponseTime,
    /// Share of responses with a 5xx status, %.
    ServerErrorRate,
    /// Failed login attempts per minute.
    FailedLogins,
    /// Share of suspicious requests, %.
    SuspiciousRequests,
    /// Share of system errors, %.
    SystemErrors,
}

impl Metric {
    /// Every metric, in the order of the table above.
    pub const ALL: [Metric; 8] = [
        Metric::Cpu,
        Metric::Ram,
        Metric::Disk,
        Metric::ApiResponseTime,
        Metric::ServerErrorRate,
        Metric::FailedLogins,
        Metric::SuspiciousRequests,
        Metric::SystemErrors,
    ];

    /// The stable name, as serialized and used in rule-file paths.
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Cpu => "cpu",
            Metric::Ram => "ram",
            Metric::Disk => "disk",
            Metric::ApiResponseTime => "api_response_time",
            Metric::ServerErrorRate => "server_error_rate",
            Metric::FailedLogins => "failed_logins",
            Metric::SuspiciousRequests => "suspicious_requests",
            Metric::SystemErrors => "system_errors",
        }
    }

    /// The plan's (warning from, critical above) pair.
    fn plan_bounds(self) -> (f64, f64) {
        match self {
            Metric::Cpu => (70.0, 85.0),
            Metric::Ram | Metric::Disk => (80.0, 90.0),
            Metric::ApiResponseTime => (200.0, 500.0),
            Metric::ServerErrorRate => (0.1, 1.0),
            Metric::FailedLogins => (10.0, 50.0),
            Metric::SuspiciousRequests => (5.0, 15.0),
            Metric::SystemErrors => (1.0, 5.0),
        }
    }
}

/// The percentile of request latencies that [`Metric::ApiResponseTime`] watches: the 99th, over the last minute.
pub const API_RESPONSE_TIME_PERCENTILE: u32 = 99;

/// [`Metric::ApiResponseTime`] of a window's request latencies (ms): their [`API_RESPONSE_TIME_PERCENTILE`]th
/// percentile by nearest rank (the smallest latency at or above which that share of requests fall); `None`
/// without traffic. NaN latencies are ignored.
///
/// ```
/// use cesizen_core::alerting::api_response_time;
/// let latencies: Vec<f64> = (1..=200).map(f64::from).collect();
/// assert_eq!(api_response_time(latencies), Some(198.0));
/// assert_eq!(api_response_time([]), None);
/// ```
pub fn api_response_time(latencies_ms: impl IntoIterator<Item = f64>) -> Option<f64> {
    // From a `Vec`, the filtered collect reuses its allocation: no copy of a window's latencies.
    let mut sorted: Vec<f64> = latencies_ms.into_iter().filter(|ms| !ms.is_nan()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let share = usize::try_from(API_RESPONSE_TIME_PERCENTILE).unwrap_or(100);
    let rank = (sorted.len() * share).div_ceil(100).clamp(1, sorted.len());
    sorted.get(rank - 1).copied()
}

/// The JSON form of [`MonitoringThresholds`]: one two-boundary scale per metric.
pub type MonitoringThresholdsSpec = BTreeMap<Metric, BandScaleSpec>;

/// Normal/warning/critical bands for every [`Metric`].
///
/// ```
/// use cesizen_core::alerting::{Metric, MonitoringThresholds, Severity};
/// let t = MonitoringThresholds::plan();
/// assert_eq!(t.classify(Metric::Cpu, 70.0).unwrap(), Severity::Warning);
/// assert_eq!(t.classify(Metric::ServerErrorRate, 1.01).unwrap(), Severity::Critical);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MonitoringThresholdsSpec", into = "MonitoringThresholdsSpec")]
pub struct MonitoringThresholds {
    scales: BTreeMap<Metric, BandScale>,
}

impl MonitoringThresholds {
    /// The plan's thresholds.
    pub fn plan() -> Self {
        let scales = Metric::ALL
            .into_iter()
            .map(|m| {
                let (warning_from, critical_above) = m.plan_bounds();
                let bounds = vec![
                    Boundary::new(warning_from, Owner::Worse),
                    Boundary::new(critical_above, Owner::Better),
                ];
                let scale = BandScale::new(Polarity::HigherIsWorse, bounds).expect("the plan's bands are ordered");
                (m, scale)
            })
            .collect();
        MonitoringThresholds { scales }
    }

    /// The severity of `value` for `metric`.
    ///
    /// # Errors
    /// [`AlertingError::NotFinite`] for NaN or infinite values.
    pub fn classify(&self, metric: Metric, value: f64) -> Result<Severity, AlertingError> {
        // Every metric has a scale: construction refuses a missing one.
        let scale = self.scales.get(&metric).expect("every metric has a scale");
        Ok(Severity::ALL[scale.band(value)?.min(2)])
    }

    /// The scale of one metric.
    pub fn scale(&self, metric: Metric) -> &BandScale {
        self.scales.get(&metric).expect("every metric has a scale")
    }
}

impl TryFrom<MonitoringThresholdsSpec> for MonitoringThresholds {
    type Error = ConfigError;

    fn try_from(spec: MonitoringThresholdsSpec) -> Result<Self, Self::Error> {
        Ok(MonitoringThresholds {
            scales: scales_from_spec(&spec, &Metric::ALL, Metric::as_str, 2)?,
        })
    }
}

impl From<MonitoringThresholds> for MonitoringThresholdsSpec {
    fn from(t: MonitoringThresholds) -> Self {
        t.scales.into_iter().map(|(m, s)| (m, s.into())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// At least 99 % of the latencies are at or below the response time, and fewer than 99 % strictly below it.
        #[test]
        fn the_response_time_is_the_nearest_rank_p99(latencies in prop::collection::vec(0.0f64..10_000.0, 1..500)) {
            let p99 = api_response_time(latencies.iter().copied()).unwrap();
            let at_or_below = latencies.iter().filter(|&&ms| ms <= p99).count();
            let below = latencies.iter().filter(|&&ms| ms < p99).count();
            prop_assert!(at_or_below * 100 >= latencies.len() * 99);
            prop_assert!(below * 100 < latencies.len() * 99);
        }
    }

    #[test]
    fn plan_table_every_row_at_its_exact_boundaries() {
        use Severity::*;
        let t = MonitoringThresholds::plan();
        // (metric, just below warning, warning boundary, critical boundary, just above critical)
        let rows = [
            (Metric::Cpu, 69.99, 70.0, 85.0, 85.01),
            (Metric::Ram, 79.99, 80.0, 90.0, 90.01),
            (Metric::Disk, 79.99, 80.0, 90.0, 90.01),
            (Metric::ApiResponseTime, 199.0, 200.0, 500.0, 501.0),
            (Metric::ServerErrorRate, 0.099, 0.1, 1.0, 1.001),
            (Metric::FailedLogins, 9.0, 10.0, 50.0, 51.0),
            (Metric::SuspiciousRequests, 4.99, 5.0, 15.0, 15.01),
            (Metric::SystemErrors, 0.99, 1.0, 5.0, 5.01),
        ];
        for (metric, below, warn, crit, above) in rows {
            assert_eq!(t.classify(metric, 0.0).unwrap(), Normal, "{metric:?}");
            assert_eq!(t.classify(metric, below).unwrap(), Normal, "{metric:?}");
            assert_eq!(t.classify(metric, warn).unwrap(), Warning, "{metric:?}");
            assert_eq!(t.classify(metric, crit).unwrap(), Warning, "{metric:?}");
            assert_eq!(t.classify(metric, above).unwrap(), Critical, "{metric:?}");
        }
    }

    #[test]
    fn spec_round_trip_and_errors_name_the_metric() {
        let t = MonitoringThresholds::plan();
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(
            json["cpu"]["boundaries"][0],
            serde_json::json!({"value": 70.0, "owner": "worse"})
        );
        assert_eq!(serde_json::from_value::<MonitoringThresholds>(json.clone()).unwrap(), t);

        let mut spec: MonitoringThresholdsSpec = serde_json::from_value(json).unwrap();
        spec.get_mut(&Metric::Ram).unwrap().boundaries[1].value = 75.0;
        let e = MonitoringThresholds::try_from(spec.clone()).unwrap_err();
        assert_eq!(
            (e.field(), e.code()),
            ("ram.boundaries[1].value", "config.bands.overlapping")
        );
        spec.remove(&Metric::Ram);
        let e = MonitoringThresholds::try_from(spec).unwrap_err();
        assert_eq!((e.field(), e.code()), ("ram", "config.value.missing"));
    }
}
