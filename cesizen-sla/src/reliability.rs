//! MTTR and MTBF.
//!
//! Over a period, the outages (merged: overlapping reports are one failure) give the number of failures,
//! the downtime and the uptime. MTTR (mean time to repair) is downtime per failure, rounded up; MTBF (mean time
//! between failures) is uptime per failure, rounded down. For incident reports, the mean time from detection to
//! resolution feeds the operations dashboard's "mean resolution time < 6 h".

use cesizen_core::incident::IncidentReport;
use serde::{Deserialize, Serialize};

use crate::rounding::{div_ceil, div_floor};
use crate::{Interval, Millis, Period, SlaError, merge};

/// Failure statistics over a period.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct Reliability {
    /// Distinct failures (merged outages touching the period).
    pub failures: u64,
    /// Downtime in the period, ms.
    pub downtime_ms: u64,
    /// Uptime in the period, ms.
    pub uptime_ms: u64,
    /// Mean time to repair, ms, rounded up; `None` without failure.
    pub mttr_ms: Option<u64>,
    /// Mean time between failures, ms, rounded down; `None` without failure.
    pub mtbf_ms: Option<u64>,
}

/// MTTR and MTBF of `outages` over `period`.
///
/// ```
/// use cesizen_sla::{reliability, Interval, Period};
/// let day = Period::new("2025-01-01T00:00:00Z".parse().unwrap(), "2025-01-02T00:00:00Z".parse().unwrap()).unwrap();
/// let m = |a: i64, b: i64| Interval::from_millis(day.start_ms() + a * 60_000, day.start_ms() + b * 60_000).unwrap();
/// let r = reliability(&day, &[m(60, 70), m(65, 80), m(600, 630)]);
/// assert_eq!((r.failures, r.mttr_ms, r.mtbf_ms), (2, Some(25 * 60_000), Some(695 * 60_000)));
/// ```
pub fn reliability(period: &Period, outages: &[Interval]) -> Reliability {
    let clipped: Vec<Interval> = outages
        .iter()
        .filter_map(|o| o.intersection(&period.interval()))
        .collect();
    let merged = merge(&clipped);
    let failures = merged.len() as u64;
    let downtime_ms: u64 = merged.iter().map(Interval::len_ms).sum();
    let uptime_ms = period.len_ms() - downtime_ms;
    let per_failure = |total: u64, round: fn(u128, u128) -> u128| {
        (failures > 0).then(|| u64::try_from(round(u128::from(total), u128::from(failures))).unwrap_or(u64::MAX))
    };
    Reliability {
        failures,
        downtime_ms,
        uptime_ms,
        mttr_ms: per_failure(downtime_ms, div_ceil),
        mtbf_ms: per_failure(uptime_ms, div_floor),
    }
}

/// The mean detection-to-resolution time of the resolved (or closed) reports, rounded up to the millisecond;
/// `None` when no report is resolved.
///
/// # Errors
/// [`SlaError::NegativeDuration`] for a report resolved before it was detected (never counted as zero).
pub fn mean_time_to_resolve(reports: &[IncidentReport]) -> Result<Option<Millis>, SlaError> {
    let durations = reports
        .iter()
        .filter_map(|r| r.time_to_resolve())
        .map(Millis::try_from)
        .collect::<Result<Vec<Millis>, SlaError>>()?;
    let total: u128 = durations.iter().map(|d| u128::from(d.as_ms())).sum();
    Ok((!durations.is_empty())
        .then(|| Millis::from_ms(u64::try_from(div_ceil(total, durations.len() as u128)).unwrap_or(u64::MAX))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cesizen_core::incident::{IncidentId, Priority};
    use chrono::{DateTime, TimeDelta, Utc};

    #[test]
    fn no_failure_no_means() {
        let p = Period::from_millis(0, 1000).unwrap();
        let r = reliability(&p, &[Interval::from_millis(2000, 3000).unwrap()]);
        assert_eq!((r.failures, r.uptime_ms, r.mttr_ms, r.mtbf_ms), (0, 1000, None, None));
    }

    #[test]
    fn mean_resolution_of_reports() {
        let t0: DateTime<Utc> = "2025-01-01T00:00:00Z".parse().unwrap();
        let mut reports = Vec::new();
        for (n, minutes) in [(1, 100), (2, 253), (3, 0)] {
            let mut r = IncidentReport::open(IncidentId::new(n).unwrap(), "x", Priority::P2, t0).unwrap();
            if minutes > 0 {
                r.resolve(t0 + TimeDelta::minutes(minutes)).unwrap();
            }
            reports.push(r);
        }
        // (100 + 253) / 2 = 176.5 min, rounded up to the ms.
        assert_eq!(mean_time_to_resolve(&reports), Ok(Some(Millis::from_ms(10_590_000))));
        assert_eq!(mean_time_to_resolve(&reports[2..]), Ok(None));
    }
}
