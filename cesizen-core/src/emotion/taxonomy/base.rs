//! The six base emotions.

use crate::emotion::EmotionError;
use crate::stable_code::stable_code_enum;

stable_code_enum! {
    /// One of the six base emotions of the taxonomy (Ekman's basic emotions), the first level of an entry's
    /// emotion. The order below is the order of reports and pickers.
    ///
    /// ```
    /// use cesizen_core::emotion::BaseEmotion;
    ///
    /// assert_eq!(BaseEmotion::from_code("fear")?, BaseEmotion::Fear);
    /// assert_eq!(BaseEmotion::Fear.label_fr(), "Peur");
    /// assert_eq!(BaseEmotion::from_code("Fear").unwrap_err().code(), "validation.emotion.unknown");
    /// # Ok::<(), cesizen_core::emotion::EmotionError>(())
    /// ```
    pub enum BaseEmotion, unknown: EmotionError = EmotionError::UnknownEmotion;
    labels {
        /// Joy: pleasure, satisfaction, warmth.
        Joy = "joy", "Joy", "Joie";
        /// Anger: a response to an obstacle or an offence.
        Anger = "anger", "Anger", "Colère";
        /// Fear: a response to a threat, present or anticipated.
        Fear = "fear", "Fear", "Peur";
        /// Sadness: a response to a loss.
        Sadness = "sadness", "Sadness", "Tristesse";
        /// Surprise: a response to the unexpected, pleasant or not.
        Surprise = "surprise", "Surprise", "Surprise";
        /// Disgust: rejection of something offensive, physically or morally.
        Disgust = "disgust", "Disgust", "Dégoût";
    }
}

impl BaseEmotion {
    /// The nuances of this base emotion, in taxonomy order.
    pub fn nuances(self) -> impl DoubleEndedIterator<Item = crate::emotion::Nuance> {
        crate::emotion::Nuance::ALL
            .into_iter()
            .filter(move |n| n.base() == self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for base in BaseEmotion::ALL {
            assert_eq!(BaseEmotion::from_code(base.code()), Ok(base));
            assert_eq!(base.to_string(), base.code());
            assert_eq!(serde_json::to_string(&base).unwrap(), format!("\"{}\"", base.code()));
        }
        for bad in ["", "Joy", "joie", "happiness", " joy"] {
            assert_eq!(BaseEmotion::from_code(bad), Err(EmotionError::UnknownEmotion));
        }
        assert!(serde_json::from_str::<BaseEmotion>("\"trust\"").is_err());
    }

    #[test]
    fn there_are_six_in_a_fixed_order() {
        let codes: Vec<_> = BaseEmotion::ALL.iter().map(|b| b.code()).collect();
        assert_eq!(codes, ["joy", "anger", "fear", "sadness", "surprise", "disgust"]);
        assert!(BaseEmotion::ALL.iter().enumerate().all(|(i, b)| b.index() == i));
    }
}
