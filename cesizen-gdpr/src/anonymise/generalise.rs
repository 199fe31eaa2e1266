//! The generalisation operations, one function each.

use cesizen_core::emotion::{Intensity, Valence};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How precisely time is released.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeGranularity {
    /// The ISO week, `2025-W11`.
    Week,
    /// The calendar month, `2025-03`.
    Month,
}

impl TimeGranularity {
    /// The period of a local date, as a sortable number (year × 100 + month or ISO week).
    pub(crate) fn period_key(self, date: NaiveDate) -> i32 {
        match self {
            TimeGranularity::Month => date.year() * 100 + date.month() as i32,
            TimeGranularity::Week => {
                let w = date.iso_week();
                w.year() * 100 + w.week() as i32
            }
        }
    }
}

/// A released period: a calendar month (`2025-03`) or an ISO week (`2025-W11`); serialised as that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReleasePeriod {
    granularity: TimeGranularity,
    key: i32,
}

impl ReleasePeriod {
    pub(crate) fn new(granularity: TimeGranularity, key: i32) -> Self {
        ReleasePeriod { granularity, key }
    }
}

impl std::fmt::Display for ReleasePeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (year, n) = (self.key.div_euclid(100), self.key.rem_euclid(100));
        match self.granularity {
            TimeGranularity::Month => write!(f, "{year:04}-{n:02}"),
            TimeGranularity::Week => write!(f, "{year:04}-W{n:02}"),
        }
    }
}

impl Serialize for ReleasePeriod {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The IANA area of a time zone: the part of its name before the first `/`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum Area {
    /// `Africa/…`
    Africa,
    /// `America/…`
    America,
    /// `Antarctica/…`, `Arctic/…`
    Polar,
    /// `Asia/…`
    Asia,
    /// `Atlantic/…`
    Atlantic,
    /// `Australia/…`
    Australia,
    /// `Europe/…`
    Europe,
    /// `Indian/…`
    Indian,
    /// `Pacific/…`
    Pacific,
    /// `UTC`, `Etc/…` and legacy names.
    Other,
}

impl Area {
    /// Every area, in order.
    pub(crate) const ALL: [Area; 10] = [
        Area::Africa,
        Area::America,
        Area::Polar,
        Area::Asia,
        Area::Atlantic,
        Area::Australia,
        Area::Europe,
        Area::Indian,
        Area::Pacific,
        Area::Other,
    ];

    /// The position in [`Area::ALL`].
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// Generalises a time-zone name to its area.
    pub fn of_time_zone(name: &str) -> Area {
        match name.split('/').next().unwrap_or("") {
            "Africa" => Area::Africa,
            "America" => Area::America,
            "Antarctica" | "Arctic" => Area::Polar,
            "Asia" => Area::Asia,
            "Atlantic" => Area::Atlantic,
            "Australia" => Area::Australia,
            "Europe" => Area::Europe,
            "Indian" => Area::Indian,
            "Pacific" => Area::Pacific,
            _ => Area::Other,
        }
    }

    /// The area's stable lowercase name, as released.
    pub fn as_str(&self) -> &'static str {
        match self {
            Area::Africa => "africa",
            Area::America => "america",
            Area::Polar => "polar",
            Area::Asia => "asia",
            Area::Atlantic => "atlantic",
            Area::Australia => "australia",
            Area::Europe => "europe",
            Area::Indian => "indian",
            Area::Pacific => "pacific",
            Area::Other => "other",
        }
    }
}

/// Intensity generalised to three bands.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum IntensityBand {
    /// 1–3.
    Low,
    /// 4–7.
    Medium,
    /// 8–10.
    High,
}

impl IntensityBand {
    /// Every band, in order.
    pub(crate) const ALL: [IntensityBand; 3] = [IntensityBand::Low, IntensityBand::Medium, IntensityBand::High];

    /// The position in [`IntensityBand::ALL`].
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// Generalises an intensity.
    pub fn of(intensity: Intensity) -> IntensityBand {
        match intensity.get() {
            0..=3 => IntensityBand::Low,
            4..=7 => IntensityBand::Medium,
            _ => IntensityBand::High,
        }
    }
}

/// Valence generalised to three bands.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum ValenceBand {
    /// Below −1/3.
    Unpleasant,
    /// From −1/3 to 1/3 inclusive.
    Neutral,
    /// Above 1/3.
    Pleasant,
}

impl ValenceBand {
    /// Every band, in order.
    pub(crate) const ALL: [ValenceBand; 3] = [ValenceBand::Unpleasant, ValenceBand::Neutral, ValenceBand::Pleasant];

    /// The position in [`ValenceBand::ALL`].
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// Generalises a valence.
    pub fn of(valence: Valence) -> ValenceBand {
        let v = valence.get();
        if v < -1.0 / 3.0 {
            ValenceBand::Unpleasant
        } else if v > 1.0 / 3.0 {
            ValenceBand::Pleasant
        } else {
            ValenceBand::Neutral
        }
    }
}

/// The coarse values an anonymised emotion keeps of one entry ([`generalise`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Generalised {
    /// The intensity's band.
    pub intensity: IntensityBand,
    /// The valence's band.
    pub valence: ValenceBand,
    /// The time zone's area.
    pub area: Area,
}

/// Generalises an entry's intensity, valence and time zone for anonymised release, as a release does.
///
/// ```
/// use cesizen_core::emotion::{Intensity, Valence};
/// use cesizen_gdpr::anonymise::{Area, IntensityBand, ValenceBand, generalise};
///
/// let g = generalise(Intensity::new(8)?, Valence::new(-0.5)?, "Europe/Paris");
/// assert_eq!((g.intensity, g.valence, g.area), (IntensityBand::High, ValenceBand::Unpleasant, Area::Europe));
/// # Ok::<(), cesizen_core::emotion::EmotionError>(())
/// ```
pub fn generalise(intensity: Intensity, valence: Valence, time_zone: &str) -> Generalised {
    Generalised {
        intensity: IntensityBand::of(intensity),
        valence: ValenceBand::of(valence),
        area: Area::of_time_zone(time_zone),
    }
}
