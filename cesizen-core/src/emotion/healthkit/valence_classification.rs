//! HealthKit's seven valence classes, from very unpleasant to very pleasant.

use crate::emotion::{EmotionError, Valence};
use crate::stable_code::stable_code_enum;

stable_code_enum! {
    /// The seven classes of `HKStateOfMind.ValenceClassification` (raw values 1 to 7), the steps of the Health
    /// app's slider.
    ///
    /// Apple does not publish the boundaries: HealthKit classifies a sample itself, and an app reading samples
    /// should trust the class HealthKit returns. To show the class before writing (and for reports), Cesizen
    /// cuts [-1, 1] into seven equal bands of width 2/7, as the slider's seven steps are drawn: the boundaries
    /// are ±1/7, ±3/7 and ±5/7, and a value on a boundary belongs to the band nearer neutral, so that the
    /// classification is symmetric (`-v` gets the mirror class of `v`). In floating point, `7 × valence` is
    /// compared with ±1, ±3 and ±5.
    ///
    /// ```
    /// use cesizen_core::emotion::{Valence, ValenceClassification};
    ///
    /// let class = |v| ValenceClassification::from_valence(Valence::new(v).unwrap());
    /// assert_eq!(class(0.0), ValenceClassification::Neutral);
    /// assert_eq!(class(0.3), ValenceClassification::SlightlyPleasant);
    /// assert_eq!(class(-0.9), ValenceClassification::VeryUnpleasant);
    /// assert_eq!(ValenceClassification::VeryUnpleasant.raw_value(), 1);
    /// ```
    pub enum ValenceClassification, unknown: EmotionError = EmotionError::UnknownValenceClassification;
    labels {
        /// Valence below -5/7.
        VeryUnpleasant = "very_unpleasant", "Very unpleasant", "Très désagréable";
        /// Valence from -5/7 to below -3/7.
        Unpleasant = "unpleasant", "Unpleasant", "Désagréable";
        /// Valence from -3/7 to below -1/7.
        SlightlyUnpleasant = "slightly_unpleasant", "Slightly unpleasant", "Plutôt désagréable";
        /// Valence from -1/7 to 1/7, both included.
        Neutral = "neutral", "Neutral", "Neutre";
        /// Valence above 1/7 up to 3/7.
        SlightlyPleasant = "slightly_pleasant", "Slightly pleasant", "Plutôt agréable";
        /// Valence above 3/7 up to 5/7.
        Pleasant = "pleasant", "Pleasant", "Agréable";
        /// Valence above 5/7.
        VeryPleasant = "very_pleasant", "Very pleasant", "Très agréable";
    }
}

impl ValenceClassification {
    /// The class of a valence (see the type's documentation for the bands).
    pub fn from_valence(valence: Valence) -> Self {
        let x = 7.0 * valence.get();
        match x {
            x if x < -5.0 => ValenceClassification::VeryUnpleasant,
            x if x < -3.0 => ValenceClassification::Unpleasant,
            x if x < -1.0 => ValenceClassification::SlightlyUnpleasant,
            x if x <= 1.0 => ValenceClassification::Neutral,
            x if x <= 3.0 => ValenceClassification::SlightlyPleasant,
            x if x <= 5.0 => ValenceClassification::Pleasant,
            _ => ValenceClassification::VeryPleasant,
        }
    }

    /// The raw value of `HKStateOfMind.ValenceClassification` (1 to 7).
    pub const fn raw_value(self) -> u8 {
        // Seven members declared in raw-value order from 1: the cast cannot truncate.
        self.index() as u8 + 1
    }

    /// The class with this raw value, if any.
    pub fn from_raw_value(raw: i64) -> Option<Self> {
        super::from_raw_value(&Self::ALL, raw)
    }

    /// Apple's Swift case name (`veryUnpleasant`, …).
    pub const fn healthkit_name(self) -> &'static str {
        match self {
            ValenceClassification::VeryUnpleasant => "veryUnpleasant",
            ValenceClassification::Unpleasant => "unpleasant",
            ValenceClassification::SlightlyUnpleasant => "slightlyUnpleasant",
            ValenceClassification::Neutral => "neutral",
            ValenceClassification::SlightlyPleasant => "slightlyPleasant",
            ValenceClassification::Pleasant => "pleasant",
            ValenceClassification::VeryPleasant => "veryPleasant",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ValenceClassification as C;
    use proptest::prelude::*;

    fn class(v: f64) -> ValenceClassification {
        C::from_valence(Valence::new(v).unwrap())
    }

    #[test]
    fn ends_centre_and_boundaries() {
        assert_eq!(class(-1.0), C::VeryUnpleasant);
        assert_eq!(class(1.0), C::VeryPleasant);
        assert_eq!(class(0.0), C::Neutral);
        // Exactly representable boundaries are x = 7v with v = k/7 rounded; test on either side instead.
        let eps = 1e-9;
        for (k, below, above) in [
            (1.0, C::Neutral, C::SlightlyPleasant),
            (3.0, C::SlightlyPleasant, C::Pleasant),
            (5.0, C::Pleasant, C::VeryPleasant),
        ] {
            assert_eq!(class(k / 7.0 - eps), below);
            assert_eq!(class(k / 7.0 + eps), above);
        }
    }

    proptest! {
        #[test]
        fn symmetric_and_monotonic(a in -1.0f64..=1.0, b in -1.0f64..=1.0) {
            prop_assert_eq!(class(-a).raw_value(), 8 - class(a).raw_value());
            if a <= b { prop_assert!(class(a) <= class(b)); }
        }
    }
}
