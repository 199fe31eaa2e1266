//! An emotion as recorded: a base emotion, optionally refined by one of its nuances.

use serde::{Deserialize, Serialize};

use crate::emotion::{BaseEmotion, EmotionError, Nuance};

/// A base emotion, optionally refined by one of its own nuances.
///
/// The pairing is always consistent: [`Emotion::from_nuance`] takes the base from the nuance, and
/// [`Emotion::new`] refuses a nuance of another base emotion. JSON form: `{"base": "fear", "nuance": "worry"}`,
/// the nuance omitted (or `null`) when absent; deserialization checks the pairing.
///
/// ```
/// use cesizen_core::emotion::{BaseEmotion, Emotion, Nuance};
///
/// let worry = Emotion::from_nuance(Nuance::Worry);
/// assert_eq!(worry.base(), BaseEmotion::Fear);
/// assert_eq!(Emotion::from_codes("fear", Some("worry"))?, worry);
/// assert_eq!(
///     Emotion::new(BaseEmotion::Joy, Some(Nuance::Worry)).unwrap_err().code(),
///     "validation.nuance.mismatch"
/// );
/// # Ok::<(), cesizen_core::emotion::EmotionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "EmotionRepr", into = "EmotionRepr")]
pub struct Emotion {
    base: BaseEmotion,
    nuance: Option<Nuance>,
}

impl Emotion {
    /// A base emotion without a nuance.
    pub const fn from_base(base: BaseEmotion) -> Self {
        Emotion { base, nuance: None }
    }

    /// A nuance, with its own base emotion.
    pub const fn from_nuance(nuance: Nuance) -> Self {
        Emotion {
            base: nuance.base(),
            nuance: Some(nuance),
        }
    }

    /// A base emotion and an optional nuance.
    ///
    /// # Errors
    /// `validation.nuance.mismatch` when the nuance belongs to another base emotion.
    pub fn new(base: BaseEmotion, nuance: Option<Nuance>) -> Result<Self, EmotionError> {
        match nuance {
            Some(n) if n.base() != base => Err(EmotionError::NuanceMismatch),
            _ => Ok(Emotion { base, nuance }),
        }
    }

    /// Parses the codes of a base emotion and an optional nuance.
    ///
    /// # Errors
    /// `validation.emotion.unknown`, `validation.nuance.unknown`, or `validation.nuance.mismatch`.
    pub fn from_codes(base: &str, nuance: Option<&str>) -> Result<Self, EmotionError> {
        let base = BaseEmotion::from_code(base)?;
        let nuance = nuance.map(Nuance::from_code).transpose()?;
        Emotion::new(base, nuance)
    }

    /// The base emotion.
    pub const fn base(&self) -> BaseEmotion {
        self.base
    }

    /// The nuance, when one was chosen.
    pub const fn nuance(&self) -> Option<Nuance> {
        self.nuance
    }

    /// The most precise English label: the nuance's, else the base emotion's.
    pub const fn label_en(&self) -> &'static str {
        match self.nuance {
            Some(n) => n.label_en(),
            None => self.base.label_en(),
        }
    }

    /// The most precise French label: the nuance's, else the base emotion's.
    pub const fn label_fr(&self) -> &'static str {
        match self.nuance {
            Some(n) => n.label_fr(),
            None => self.base.label_fr(),
        }
    }
}

impl From<BaseEmotion> for Emotion {
    fn from(base: BaseEmotion) -> Self {
        Emotion::from_base(base)
    }
}

impl From<Nuance> for Emotion {
    fn from(nuance: Nuance) -> Self {
        Emotion::from_nuance(nuance)
    }
}

/// The JSON shape of an [`Emotion`], before the pairing is checked.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EmotionRepr {
    base: BaseEmotion,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nuance: Option<Nuance>,
}

impl TryFrom<EmotionRepr> for Emotion {
    type Error = EmotionError;

    fn try_from(repr: EmotionRepr) -> Result<Self, Self::Error> {
        Emotion::new(repr.base, repr.nuance)
    }
}

impl From<Emotion> for EmotionRepr {
    fn from(emotion: Emotion) -> Self {
        EmotionRepr {
            base: emotion.base,
            nuance: emotion.nuance,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn json_form_and_mismatch_refused() {
        let e = Emotion::from_nuance(Nuance::Panic);
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"base":"fear","nuance":"panic"}"#
        );
        let base = Emotion::from_base(BaseEmotion::Joy);
        assert_eq!(serde_json::to_string(&base).unwrap(), r#"{"base":"joy"}"#);
        assert_eq!(
            serde_json::from_str::<Emotion>(r#"{"base":"joy","nuance":null}"#).unwrap(),
            base
        );
        assert!(serde_json::from_str::<Emotion>(r#"{"base":"joy","nuance":"panic"}"#).is_err());
        assert!(serde_json::from_str::<Emotion>(r#"{"base":"joy","extra":1}"#).is_err());
    }

    #[test]
    fn from_codes_reports_the_first_problem() {
        assert_eq!(Emotion::from_codes("hope", None), Err(EmotionError::UnknownEmotion));
        assert_eq!(
            Emotion::from_codes("joy", Some("bliss")),
            Err(EmotionError::UnknownNuance)
        );
        assert_eq!(
            Emotion::from_codes("joy", Some("grief")),
            Err(EmotionError::NuanceMismatch)
        );
        assert_eq!(Emotion::from_codes("sadness", Some("grief")), Ok(Nuance::Grief.into()));
    }

    #[test]
    fn labels_prefer_the_nuance() {
        assert_eq!(Emotion::from_nuance(Nuance::Shame).label_fr(), "Honte");
        assert_eq!(Emotion::from_base(BaseEmotion::Disgust).label_en(), "Disgust");
    }

    proptest! {
        #[test]
        fn new_accepts_exactly_the_taxonomy_s_pairs(b in 0..BaseEmotion::COUNT, n in 0..Nuance::COUNT) {
            let (base, nuance) = (BaseEmotion::ALL[b], Nuance::ALL[n]);
            let built = Emotion::new(base, Some(nuance));
            prop_assert_eq!(built.is_ok(), nuance.base() == base);
            if let Ok(e) = built {
                let json = serde_json::to_string(&e).unwrap();
                prop_assert_eq!(serde_json::from_str::<Emotion>(&json).unwrap(), e);
            } else {
                prop_assert_eq!(built, Err(EmotionError::NuanceMismatch));
            }
        }

        #[test]
        fn from_codes_never_panics(base in ".{0,12}", nuance in proptest::option::of(".{0,12}")) {
            let _ = Emotion::from_codes(&base, nuance.as_deref());
        }
    }
}
