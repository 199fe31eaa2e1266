//! How strongly an emotion is felt, from 1 to 10.

use serde::{Deserialize, Serialize};

use crate::emotion::EmotionError;

/// How strongly an emotion is felt: a whole number from 1 (barely) to 10 (overwhelming).
///
/// JSON form: the number. Deserialization refuses values outside 1–10.
///
/// ```
/// use cesizen_core::emotion::Intensity;
///
/// assert_eq!(Intensity::new(7)?.get(), 7);
/// assert_eq!(Intensity::new(0).unwrap_err().code(), "validation.intensity.out_of_range");
/// # Ok::<(), cesizen_core::emotion::EmotionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Intensity(u8);

impl Intensity {
    /// The lowest intensity, 1.
    pub const MIN: Intensity = Intensity(1);
    /// The highest intensity, 10.
    pub const MAX: Intensity = Intensity(10);

    /// An intensity from 1 to 10.
    ///
    /// # Errors
    /// `validation.intensity.out_of_range` for any other value.
    pub fn new(value: u8) -> Result<Self, EmotionError> {
        if (Self::MIN.0..=Self::MAX.0).contains(&value) {
            Ok(Intensity(value))
        } else {
            Err(EmotionError::IntensityOutOfRange)
        }
    }

    /// The value, from 1 to 10.
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Intensity {
    type Error = EmotionError;

    /// Accepts any integer so that out-of-range JSON numbers get the domain's error, not a type error.
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        u8::try_from(value)
            .map_err(|_| EmotionError::IntensityOutOfRange)
            .and_then(Intensity::new)
    }
}

impl From<Intensity> for u8 {
    fn from(intensity: Intensity) -> Self {
        intensity.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn boundaries() {
        assert_eq!(Intensity::new(0), Err(EmotionError::IntensityOutOfRange));
        assert_eq!(Intensity::new(1), Ok(Intensity::MIN));
        assert_eq!(Intensity::new(10), Ok(Intensity::MAX));
        assert_eq!(Intensity::new(11), Err(EmotionError::IntensityOutOfRange));
        assert_eq!(Intensity::try_from(-1), Err(EmotionError::IntensityOutOfRange));
        assert_eq!(
            Intensity::try_from(266),
            Err(EmotionError::IntensityOutOfRange),
            "no wrap-around"
        );
    }

    proptest! {
        #[test]
        fn accepted_exactly_from_1_to_10(value in any::<i64>()) {
            let parsed = Intensity::try_from(value);
            prop_assert_eq!(parsed.is_ok(), (1..=10).contains(&value));
            match parsed {
                Ok(i) => {
                    let json = serde_json::to_string(&i).unwrap();
                    prop_assert_eq!(&json, &value.to_string());
                    prop_assert_eq!(serde_json::from_str::<Intensity>(&json).unwrap(), i);
                }
                Err(e) => {
                    prop_assert_eq!(e, EmotionError::IntensityOutOfRange);
                    prop_assert!(serde_json::from_str::<Intensity>(&value.to_string()).is_err());
                }
            }
        }
    }
}
