//! Outages: an interval during which a service was down, fully or partly.
//!
//! A partial outage (the service answered, but slowly or with some features missing) counts with a weight:
//! 50 % means each of its minutes costs half a minute of downtime. Where outages overlap, each instant costs
//! the largest weight covering it: a full outage during a partial one is full downtime, never 150 %.

use serde::{Deserialize, Serialize};

use crate::{Interval, Ppm, SlaError};

/// An outage with its weight (1 000 000 ppm for a full outage).
///
/// ```
/// use cesizen_sla::{Interval, Outage, Ppm};
/// let slow = Outage::partial(Interval::from_millis(0, 60_000).unwrap(), Ppm::new(250_000).unwrap());
/// assert_eq!(slow.weight().get(), 250_000);
/// ```
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(type = "{ start: string; end: string; weight: number }")
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "OutageRecord", into = "OutageRecord")]
pub struct Outage {
    interval: Interval,
    weight: Ppm,
}

/// The JSON form: `{ "start", "end", "weight" }`, weight in ppm, defaulting to a full outage.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OutageRecord {
    start: chrono::DateTime<chrono::Utc>,
    end: chrono::DateTime<chrono::Utc>,
    #[serde(default = "full_weight")]
    weight: Ppm,
}

fn full_weight() -> Ppm {
    Ppm::ONE
}

impl Outage {
    /// A full outage.
    pub fn full(interval: Interval) -> Self {
        Outage {
            interval,
            weight: Ppm::ONE,
        }
    }

    /// A partial outage of `weight`.
    pub fn partial(interval: Interval, weight: Ppm) -> Self {
        Outage { interval, weight }
    }

    /// When.
    pub fn interval(&self) -> Interval {
        self.interval
    }

    /// How much of each instant counts as downtime.
    pub fn weight(&self) -> Ppm {
        self.weight
    }
}

impl TryFrom<OutageRecord> for Outage {
    type Error = SlaError;

    fn try_from(r: OutageRecord) -> Result<Self, Self::Error> {
        Ok(Outage {
            interval: Interval::new(r.start, r.end)?,
            weight: r.weight,
        })
    }
}

impl From<Outage> for OutageRecord {
    fn from(o: Outage) -> Self {
        OutageRecord {
            start: o.interval.start(),
            end: o.interval.end(),
            weight: o.weight,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_defaults_to_full_weight() {
        let o: Outage =
            serde_json::from_str(r#"{"start":"2025-01-01T00:00:00Z","end":"2025-01-01T00:10:00Z"}"#).unwrap();
        assert_eq!((o.weight(), o.interval().len_ms()), (Ppm::ONE, 600_000));
        let back = serde_json::to_value(o).unwrap();
        assert_eq!(back["weight"], 1_000_000);
        assert!(
            serde_json::from_str::<Outage>(
                r#"{"start":"2025-01-01T00:00:00Z","end":"2025-01-01T00:10:00Z","weight":1000001}"#
            )
            .is_err()
        );
    }
}
