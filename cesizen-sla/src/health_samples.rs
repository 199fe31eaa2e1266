//! Availability from health-check samples.
//!
//! A prober checks a service at a fixed interval (10 s) and records up, degraded, down, or nothing (the probe
//! itself failed). Each sample stands for one interval. Degraded samples count with a configurable weight
//! (default 50 %); missing samples follow a policy: left out of the denominator (default), or counted as up,
//! or as down. Counting is one pass over a byte per sample, vectorised by the compiler: a year of 10-second
//! samples (3.15 million) takes about a millisecond.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::interval::to_ms;
use crate::rounding::{div_ceil, div_floor};
use crate::{PPM_ONE, Period, Ppm, SlaError};

/// The result of one health check.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
#[repr(u8)]
pub enum SampleStatus {
    /// Healthy.
    Up = 0,
    /// Answering, but degraded.
    Degraded = 1,
    /// Not answering.
    Down = 2,
    /// No result recorded.
    Missing = 3,
}

/// What missing samples mean.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum MissingSamples {
    /// Leave them out of the denominator (nothing is known).
    Exclude,
    /// Count them as up.
    CountAsUp,
    /// Count them as down (the strict reading).
    CountAsDown,
}

/// How samples are weighed.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SamplePolicy {
    /// Downtime weight of a degraded sample.
    pub degraded_weight: Ppm,
    /// Meaning of missing samples.
    pub missing: MissingSamples,
}

impl Default for SamplePolicy {
    /// Degraded counts 50 %, missing samples are excluded.
    fn default() -> Self {
        SamplePolicy {
            degraded_weight: Ppm::new(500_000).expect("50 % is a fraction"),
            missing: MissingSamples::Exclude,
        }
    }
}

/// How many samples of each status.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct SampleCounts {
    /// Up.
    pub up: u64,
    /// Degraded.
    pub degraded: u64,
    /// Down.
    pub down: u64,
    /// Missing.
    pub missing: u64,
}

/// The availability a set of samples shows.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct SampleAvailability {
    /// The counts.
    pub counts: SampleCounts,
    /// Samples in the denominator.
    pub eligible: u64,
    /// Weighted bad samples, rounded up.
    pub bad: u64,
    /// Availability in ppm rounded down; `None` without eligible samples.
    pub availability_ppm: Option<u32>,
}

/// Counts samples by status in one pass.
///
/// ```
/// use cesizen_sla::{count_samples, SampleStatus::*};
/// let c = count_samples(&[Up, Up, Down, Degraded, Missing]);
/// assert_eq!((c.up, c.degraded, c.down, c.missing), (2, 1, 1, 1));
/// ```
pub fn count_samples(samples: &[SampleStatus]) -> SampleCounts {
    let mut counts = SampleCounts::default();
    // Byte-wide counters over chunks of 255 cannot overflow and let the compiler compare 16 or 32 samples at
    // once; they are widened once per chunk.
    for chunk in samples.chunks(255) {
        let (mut degraded, mut down, mut missing) = (0u8, 0u8, 0u8);
        for &s in chunk {
            degraded += u8::from(s == SampleStatus::Degraded);
            down += u8::from(s == SampleStatus::Down);
            missing += u8::from(s == SampleStatus::Missing);
        }
        counts.degraded += u64::from(degraded);
        counts.down += u64::from(down);
        counts.missing += u64::from(missing);
    }
    counts.up = samples.len() as u64 - counts.degraded - counts.down - counts.missing;
    counts
}

impl SampleCounts {
    /// The availability these counts show under `policy`.
    pub fn availability(&self, policy: SamplePolicy) -> SampleAvailability {
        // Counts are public: add them in 128 bits so no combination overflows.
        let [up, degraded, down, missing] = [self.up, self.degraded, self.down, self.missing].map(u128::from);
        let total = up + degraded + down + missing;
        let (eligible, missing_bad) = match policy.missing {
            MissingSamples::Exclude => (total - missing, 0),
            MissingSamples::CountAsUp => (total, 0),
            MissingSamples::CountAsDown => (total, missing),
        };
        let one = u128::from(PPM_ONE);
        let bad_ppm = (down + missing_bad) * one + degraded * u128::from(policy.degraded_weight.get());
        let availability_ppm = (eligible > 0).then(|| {
            let eligible_ppm = eligible * one;
            u32::try_from(div_floor((eligible_ppm - bad_ppm) * one, eligible_ppm)).unwrap_or(PPM_ONE)
        });
        SampleAvailability {
            counts: *self,
            eligible: u64::try_from(eligible).unwrap_or(u64::MAX),
            bad: u64::try_from(div_ceil(bad_ppm, one)).unwrap_or(u64::MAX),
            availability_ppm,
        }
    }
}

/// Samples taken every `interval_ms` from `start`: sample *i* stands for `[start + i·interval, start + (i+1)·interval)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "HealthSeriesRecord")]
pub struct HealthSeries {
    start: DateTime<Utc>,
    interval_ms: u64,
    samples: Vec<SampleStatus>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct HealthSeriesRecord {
    start: DateTime<Utc>,
    interval_ms: u64,
    samples: Vec<SampleStatus>,
}

impl TryFrom<HealthSeriesRecord> for HealthSeries {
    type Error = SlaError;

    fn try_from(r: HealthSeriesRecord) -> Result<Self, Self::Error> {
        HealthSeries::new(r.start, r.interval_ms, r.samples)
    }
}

impl HealthSeries {
    /// A series of `samples` from `start`, one every `interval_ms`.
    ///
    /// # Errors
    /// [`SlaError::InvalidSampleInterval`] for a zero or over-large interval.
    pub fn new(start: DateTime<Utc>, interval_ms: u64, samples: Vec<SampleStatus>) -> Result<Self, SlaError> {
        if interval_ms == 0 || i64::try_from(interval_ms).is_err() {
            return Err(SlaError::InvalidSampleInterval);
        }
        Ok(HealthSeries {
            start,
            interval_ms,
            samples,
        })
    }

    /// The samples.
    pub fn samples(&self) -> &[SampleStatus] {
        &self.samples
    }

    /// The availability over `period`: the samples whose start lies in the period. Instants of the period
    /// the series does not cover are not counted (they are neither up nor missing).
    pub fn availability_in(&self, period: &Period, policy: SamplePolicy) -> SampleAvailability {
        let offset = |t: i64| -> usize {
            let since = i128::from(t) - i128::from(to_ms(self.start));
            let index = u128::try_from(since)
                .unwrap_or(0)
                .div_ceil(u128::from(self.interval_ms));
            usize::try_from(index).unwrap_or(usize::MAX).min(self.samples.len())
        };
        let (first, last) = (offset(period.start_ms()), offset(period.end_ms()));
        count_samples(&self.samples[first..last.max(first)]).availability(policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SampleStatus::*;
    use proptest::prelude::*;

    #[test]
    fn policies() {
        let c = count_samples(&[Up, Up, Up, Up, Up, Up, Degraded, Down, Missing, Missing]);
        let with = |missing| {
            c.availability(SamplePolicy {
                missing,
                ..SamplePolicy::default()
            })
        };
        // Exclude: 8 eligible, 1.5 bad → 81.25 %.
        assert_eq!(with(MissingSamples::Exclude).availability_ppm, Some(812_500));
        assert_eq!(with(MissingSamples::Exclude).bad, 2);
        assert_eq!(with(MissingSamples::CountAsUp).availability_ppm, Some(850_000));
        assert_eq!(with(MissingSamples::CountAsDown).availability_ppm, Some(650_000));
        assert_eq!(
            count_samples(&[Missing])
                .availability(SamplePolicy::default())
                .availability_ppm,
            None
        );
    }

    #[test]
    fn series_slices_by_period() {
        let start: DateTime<Utc> = "2025-01-01T00:00:00Z".parse().unwrap();
        let series = HealthSeries::new(start, 10_000, vec![Up, Down, Up, Down, Up, Up]).unwrap();
        // [00:00:10, 00:00:40) holds samples 1, 2, 3.
        let p = Period::new(
            start + chrono::TimeDelta::seconds(10),
            start + chrono::TimeDelta::seconds(40),
        )
        .unwrap();
        assert_eq!(
            series.availability_in(&p, SamplePolicy::default()).counts,
            SampleCounts {
                up: 1,
                degraded: 0,
                down: 2,
                missing: 0
            }
        );
        // A period starting mid-sample begins with the next sample.
        let p = Period::new(
            start + chrono::TimeDelta::seconds(5),
            start + chrono::TimeDelta::seconds(600),
        )
        .unwrap();
        assert_eq!(series.availability_in(&p, SamplePolicy::default()).eligible, 5);
        assert_eq!(
            HealthSeries::new(start, 0, vec![]).unwrap_err().code(),
            "sla.samples.invalid_interval"
        );
    }

    proptest! {
        #[test]
        fn any_counts_are_safe(up in any::<u64>(), degraded in any::<u64>(), down in any::<u64>(), missing in any::<u64>(), w in 0u32..=1_000_000) {
            let c = SampleCounts { up, degraded, down, missing };
            for m in [MissingSamples::Exclude, MissingSamples::CountAsUp, MissingSamples::CountAsDown] {
                let a = c.availability(SamplePolicy { degraded_weight: Ppm::new(w).unwrap(), missing: m });
                prop_assert!(a.availability_ppm.is_none_or(|p| p <= PPM_ONE));
            }
        }

        #[test]
        fn counts_match_a_naive_count_and_availability_is_in_range(
            raw in proptest::collection::vec(0u8..4, 0..2000),
            weight in 0u32..=1_000_000,
            missing in 0usize..3,
        ) {
            let samples: Vec<SampleStatus> = raw.iter().map(|b| [Up, Degraded, Down, Missing][*b as usize]).collect();
            let c = count_samples(&samples);
            for (status, n) in [(Up, c.up), (Degraded, c.degraded), (Down, c.down), (Missing, c.missing)] {
                prop_assert_eq!(samples.iter().filter(|s| **s == status).count() as u64, n);
            }
            let policy = SamplePolicy {
                degraded_weight: Ppm::new(weight).unwrap(),
                missing: [MissingSamples::Exclude, MissingSamples::CountAsUp, MissingSamples::CountAsDown][missing],
            };
            let a = c.availability(policy);
            prop_assert!(a.bad <= a.eligible);
            prop_assert!(a.availability_ppm.is_none_or(|p| p <= PPM_ONE));
        }
    }
}
