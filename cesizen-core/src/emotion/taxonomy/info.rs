//! The taxonomy as data: what a picker lists ([`taxonomy`]) and what an emotion's codes read as
//! ([`Emotion::info`]), with the labels and HealthKit labels the enums give as methods.

use serde::{Deserialize, Serialize};

use crate::emotion::{BaseEmotion, Emotion, HealthKitLabel, Nuance};

/// A nuance's line of the taxonomy ([`Nuance::info`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmotionInfo {
    /// The nuance (its stable code in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "Nuance"))]
    pub code: Nuance,
    /// English label.
    pub label_en: String,
    /// French label.
    pub label_fr: String,
    /// The Apple Health State of Mind label it maps to.
    #[cfg_attr(feature = "wasm", tsify(type = "HealthKitLabel"))]
    pub health_kit_label: HealthKitLabel,
}

/// A base emotion's line of the taxonomy, with its nuances in display order ([`BaseEmotion::info`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BaseEmotionInfo {
    /// The base emotion (its stable code in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "BaseEmotion"))]
    pub code: BaseEmotion,
    /// English label.
    pub label_en: String,
    /// French label.
    pub label_fr: String,
    /// The Apple Health State of Mind label it maps to.
    #[cfg_attr(feature = "wasm", tsify(type = "HealthKitLabel"))]
    pub health_kit_label: HealthKitLabel,
    /// Its nuances, in taxonomy order.
    pub nuances: Vec<EmotionInfo>,
}

/// An emotion read from its codes, with its most precise labels ([`Emotion::info`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParsedEmotion {
    /// The base emotion.
    #[cfg_attr(feature = "wasm", tsify(type = "BaseEmotion"))]
    pub base: BaseEmotion,
    /// The nuance, if any (absent from the JSON when there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Nuance"))]
    pub nuance: Option<Nuance>,
    /// English label (the nuance's when there is one).
    pub label_en: String,
    /// French label (the nuance's when there is one).
    pub label_fr: String,
    /// The Apple Health State of Mind label.
    #[cfg_attr(feature = "wasm", tsify(type = "HealthKitLabel"))]
    pub health_kit_label: HealthKitLabel,
}

/// The whole taxonomy: every base emotion with its labels and nuances, in display order.
///
/// ```
/// use cesizen_core::emotion::{BaseEmotion, Nuance, taxonomy};
///
/// let taxonomy = taxonomy();
/// assert_eq!(taxonomy.len(), BaseEmotion::COUNT);
/// assert_eq!(taxonomy[2].code, BaseEmotion::Fear);
/// assert_eq!(taxonomy[2].nuances[0].code, Nuance::Worry);
/// ```
pub fn taxonomy() -> Vec<BaseEmotionInfo> {
    BaseEmotion::ALL.into_iter().map(BaseEmotion::info).collect()
}

impl BaseEmotion {
    /// This base emotion's line of the taxonomy, its nuances included.
    pub fn info(self) -> BaseEmotionInfo {
        BaseEmotionInfo {
            code: self,
            label_en: self.label_en().to_owned(),
            label_fr: self.label_fr().to_owned(),
            health_kit_label: self.healthkit_label(),
            nuances: self.nuances().map(Nuance::info).collect(),
        }
    }
}

impl Nuance {
    /// This nuance's line of the taxonomy.
    pub fn info(self) -> EmotionInfo {
        EmotionInfo {
            code: self,
            label_en: self.label_en().to_owned(),
            label_fr: self.label_fr().to_owned(),
            health_kit_label: self.healthkit_label(),
        }
    }
}

impl Emotion {
    /// This emotion's codes and most precise labels, as data.
    ///
    /// ```
    /// use cesizen_core::emotion::{Emotion, HealthKitLabel, Nuance};
    ///
    /// let info = Emotion::from_codes("fear", Some("worry"))?.info();
    /// assert_eq!((info.nuance, info.label_fr.as_str()), (Some(Nuance::Worry), "Inquiétude"));
    /// assert_eq!(info.health_kit_label, HealthKitLabel::Worried);
    /// # Ok::<(), cesizen_core::emotion::EmotionError>(())
    /// ```
    pub fn info(&self) -> ParsedEmotion {
        ParsedEmotion {
            base: self.base(),
            nuance: self.nuance(),
            label_en: self.label_en().to_owned(),
            label_fr: self.label_fr().to_owned(),
            health_kit_label: self.healthkit_label(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_taxonomy_lists_every_nuance_once_under_its_base() {
        let taxonomy = taxonomy();
        let listed: Vec<Nuance> = taxonomy.iter().flat_map(|b| b.nuances.iter().map(|n| n.code)).collect();
        assert_eq!(listed, Nuance::ALL, "every nuance, in taxonomy order");
        for base in &taxonomy {
            assert!(base.nuances.iter().all(|n| n.code.base() == base.code));
        }
    }

    #[test]
    fn json_keeps_the_codes_and_omits_an_absent_nuance() {
        let json = serde_json::to_value(Emotion::from_base(BaseEmotion::Disgust).info()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"base": "disgust", "labelEn": "Disgust", "labelFr": "Dégoût", "healthKitLabel": "disgusted"})
        );
    }

    proptest! {
        #[test]
        fn an_emotion_s_info_agrees_with_its_methods_and_reads_back(n in 0..Nuance::COUNT, with_nuance: bool) {
            let nuance = Nuance::ALL[n];
            let emotion = if with_nuance { Emotion::from_nuance(nuance) } else { Emotion::from_base(nuance.base()) };
            let info = emotion.info();
            prop_assert_eq!(Emotion::new(info.base, info.nuance), Ok(emotion));
            prop_assert_eq!(info.label_en.as_str(), emotion.label_en());
            prop_assert_eq!(info.health_kit_label, emotion.healthkit_label());
            let json = serde_json::to_string(&info).unwrap();
            prop_assert_eq!(serde_json::from_str::<ParsedEmotion>(&json).unwrap(), info);
        }
    }
}
