//! How pleasant a feeling is, from -1 to 1.

use serde::{Deserialize, Serialize};

use crate::emotion::EmotionError;

/// How pleasant a feeling is: a finite number from -1 (very unpleasant) to 1 (very pleasant), 0 neutral —
/// the scale of HealthKit's State of Mind.
///
/// `-0.0` is stored as `0.0`, so equal valences have one JSON form. JSON form: the number.
///
/// ```
/// use cesizen_core::emotion::Valence;
///
/// assert_eq!(Valence::new(-0.25)?.get(), -0.25);
/// assert_eq!(Valence::new(1.5).unwrap_err().code(), "validation.valence.out_of_range");
/// assert_eq!(Valence::new(f64::NAN).unwrap_err().code(), "validation.valence.not_finite");
/// # Ok::<(), cesizen_core::emotion::EmotionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Valence(f64);

impl Valence {
    /// Neutral, 0.
    pub const NEUTRAL: Valence = Valence(0.0);

    /// A valence in [-1, 1].
    ///
    /// # Errors
    /// `validation.valence.not_finite` for NaN and infinities, `validation.valence.out_of_range` outside [-1, 1].
    pub fn new(value: f64) -> Result<Self, EmotionError> {
        if !value.is_finite() {
            Err(EmotionError::ValenceNotFinite)
        } else if !(-1.0..=1.0).contains(&value) {
            Err(EmotionError::ValenceOutOfRange)
        } else {
            // Adding 0.0 turns -0.0 into +0.0 and leaves every other value unchanged.
            Ok(Valence(value + 0.0))
        }
    }

    /// The value, in [-1, 1].
    pub const fn get(self) -> f64 {
        self.0
    }
}

// A valence is never NaN, so equality is an equivalence relation.
impl Eq for Valence {}

impl TryFrom<f64> for Valence {
    type Error = EmotionError;

    fn try_from(value: f64) -> Result<Self, Self::Error> {
        Valence::new(value)
    }
}

impl From<Valence> for f64 {
    fn from(valence: Valence) -> Self {
        valence.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn boundaries_and_non_finite() {
        assert_eq!(Valence::new(-1.0).map(Valence::get), Ok(-1.0));
        assert_eq!(Valence::new(1.0).map(Valence::get), Ok(1.0));
        assert_eq!(
            Valence::new(-1.000_000_000_000_000_2),
            Err(EmotionError::ValenceOutOfRange)
        );
        assert_eq!(
            Valence::new(1.000_000_000_000_000_2),
            Err(EmotionError::ValenceOutOfRange)
        );
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(Valence::new(bad), Err(EmotionError::ValenceNotFinite));
        }
        assert_eq!(serde_json::to_string(&Valence::new(-0.0).unwrap()).unwrap(), "0.0");
        assert!(serde_json::from_str::<Valence>("2").is_err());
        assert_eq!(serde_json::from_str::<Valence>("-1").unwrap().get(), -1.0);
    }

    proptest! {
        #[test]
        fn accepted_exactly_in_range(value in any::<f64>()) {
            match Valence::new(value) {
                Ok(v) => {
                    prop_assert!((-1.0..=1.0).contains(&value));
                    prop_assert_eq!(v.get(), value);
                    // serde_json's default float parser may be one ulp off (its `float_roundtrip` feature is off).
                    let json = serde_json::to_string(&v).unwrap();
                    let back = serde_json::from_str::<Valence>(&json).unwrap().get();
                    prop_assert!((back - value).abs() <= f64::EPSILON, "|value| <= 1, so an ulp is at most EPSILON");
                }
                Err(EmotionError::ValenceNotFinite) => prop_assert!(!value.is_finite()),
                Err(e) => {
                    prop_assert_eq!(e, EmotionError::ValenceOutOfRange);
                    prop_assert!(value.abs() > 1.0);
                }
            }
        }
    }
}
