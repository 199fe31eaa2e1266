//! Half-open time intervals in integer milliseconds.
//!
//! An interval `[start, end)` holds its bounds as milliseconds since the Unix epoch, so lengths and sums are
//! exact integers. Conversions from `DateTime<Utc>` drop sub-millisecond digits (rounding towards the past);
//! JSON uses RFC 3339 timestamps.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::SlaError;

/// The Unix-epoch milliseconds of `t`.
pub(crate) fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// The instant of `ms` Unix-epoch milliseconds.
pub(crate) fn from_ms(ms: i64) -> Result<DateTime<Utc>, SlaError> {
    DateTime::from_timestamp_millis(ms).ok_or(SlaError::DateOutOfRange)
}

/// A half-open interval `[start, end)`; `start <= end`, both representable as dates.
///
/// ```
/// use cesizen_sla::Interval;
/// let i = Interval::new("2025-01-01T10:00:00Z".parse().unwrap(), "2025-01-01T10:43:00Z".parse().unwrap()).unwrap();
/// assert_eq!(i.len_ms(), 43 * 60_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "IntervalRecord", into = "IntervalRecord")]
pub struct Interval {
    start: i64,
    end: i64,
}

/// The JSON form of an interval: RFC 3339 bounds.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct IntervalRecord {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Interval {
    /// The interval from `start` to `end`.
    ///
    /// # Errors
    /// [`SlaError::ReversedInterval`] when `end < start`.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, SlaError> {
        Interval::from_millis(to_ms(start), to_ms(end))
    }

    /// The interval between two Unix-epoch millisecond instants.
    ///
    /// # Errors
    /// [`SlaError::ReversedInterval`] when `end_ms < start_ms`; [`SlaError::DateOutOfRange`] for instants
    /// no date can name.
    pub fn from_millis(start_ms: i64, end_ms: i64) -> Result<Self, SlaError> {
        if end_ms < start_ms {
            return Err(SlaError::ReversedInterval);
        }
        from_ms(start_ms)?;
        from_ms(end_ms)?;
        Ok(Interval {
            start: start_ms,
            end: end_ms,
        })
    }

    /// Start, Unix-epoch milliseconds.
    pub fn start_ms(&self) -> i64 {
        self.start
    }

    /// End (excluded), Unix-epoch milliseconds.
    pub fn end_ms(&self) -> i64 {
        self.end
    }

    /// Start.
    pub fn start(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.start).expect("bounds are checked at construction")
    }

    /// End (excluded).
    pub fn end(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.end).expect("bounds are checked at construction")
    }

    /// Length in milliseconds.
    pub fn len_ms(&self) -> u64 {
        self.end.abs_diff(self.start)
    }

    /// Whether the interval is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The common part of two intervals, if not empty.
    pub fn intersection(&self, other: &Interval) -> Option<Interval> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then_some(Interval { start, end })
    }

    /// Builds an interval from bounds already known to be valid (both inside valid intervals).
    pub(crate) fn from_trusted(start: i64, end: i64) -> Interval {
        debug_assert!(start <= end);
        Interval { start, end }
    }
}

impl TryFrom<IntervalRecord> for Interval {
    type Error = SlaError;

    fn try_from(r: IntervalRecord) -> Result<Self, Self::Error> {
        Interval::new(r.start, r.end)
    }
}

impl From<Interval> for IntervalRecord {
    fn from(i: Interval) -> Self {
        IntervalRecord {
            start: i.start(),
            end: i.end(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reversed_and_out_of_range_are_refused() {
        assert_eq!(Interval::from_millis(5, 4).unwrap_err().code(), "sla.interval.reversed");
        assert_eq!(
            Interval::from_millis(0, i64::MAX).unwrap_err().code(),
            "sla.date.out_of_range"
        );
        assert!(Interval::from_millis(7, 7).unwrap().is_empty());
    }

    #[test]
    fn json_uses_rfc3339_and_validates() {
        let i = Interval::from_millis(0, 1_500).unwrap();
        let json = serde_json::to_value(i).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"start": "1970-01-01T00:00:00Z", "end": "1970-01-01T00:00:01.500Z"})
        );
        assert_eq!(serde_json::from_value::<Interval>(json).unwrap(), i);
        assert!(
            serde_json::from_str::<Interval>(r#"{"start":"1970-01-01T00:00:02Z","end":"1970-01-01T00:00:01Z"}"#)
                .is_err()
        );
    }

    #[test]
    fn intersection() {
        let a = Interval::from_millis(0, 10).unwrap();
        assert_eq!(
            a.intersection(&Interval::from_millis(5, 20).unwrap()),
            Some(Interval::from_millis(5, 10).unwrap())
        );
        assert_eq!(a.intersection(&Interval::from_millis(10, 20).unwrap()), None);
    }
}
