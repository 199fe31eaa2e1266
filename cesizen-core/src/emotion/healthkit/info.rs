//! The HealthKit vocabularies as data: what a label, an association or a valence class is on Apple's side, with
//! the raw values and names the enums give as methods.

use serde::{Deserialize, Serialize};

use crate::emotion::{Emotion, HealthKitAssociation, HealthKitLabel, ValenceClassification};

/// A valence class and Apple's raw value of it ([`ValenceClassification::info`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValenceClass {
    /// The class (its stable code in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "ValenceClassification"))]
    pub classification: ValenceClassification,
    /// Apple's raw value, 1 to 7.
    pub raw_value: u8,
}

/// The emotion a HealthKit label reads as, and Apple's raw value of the label ([`HealthKitLabel::info`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HealthKitLabelEmotion {
    /// The taxonomy's reading of the label, `null` for a label it does not read (`brave`, `drained`, …).
    #[cfg_attr(feature = "wasm", tsify(type = "EmotionCodes | null"))]
    pub emotion: Option<Emotion>,
    /// Apple's raw value, 1 to 38.
    pub raw_value: u8,
}

/// A HealthKit association: its code, Apple's case name and raw value ([`HealthKitAssociation::info`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HealthKitAssociationInfo {
    /// The association (its stable code in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "HealthKitAssociation"))]
    pub association: HealthKitAssociation,
    /// Apple's Swift case name.
    pub health_kit_name: String,
    /// Apple's raw value, 1 to 18.
    pub raw_value: u8,
}

impl ValenceClassification {
    /// This class and its raw value, as data.
    pub fn info(self) -> ValenceClass {
        ValenceClass {
            classification: self,
            raw_value: self.raw_value(),
        }
    }
}

impl HealthKitLabel {
    /// The emotion this label reads as and its raw value, as data.
    ///
    /// ```
    /// use cesizen_core::emotion::{Emotion, HealthKitLabel, Nuance};
    ///
    /// assert_eq!(HealthKitLabel::Worried.info().emotion, Some(Emotion::from_nuance(Nuance::Worry)));
    /// assert_eq!(HealthKitLabel::Drained.info().emotion, None);
    /// ```
    pub fn info(self) -> HealthKitLabelEmotion {
        HealthKitLabelEmotion {
            emotion: self.emotion(),
            raw_value: self.raw_value(),
        }
    }
}

impl HealthKitAssociation {
    /// This association's code, Swift name and raw value, as data.
    pub fn info(self) -> HealthKitAssociationInfo {
        HealthKitAssociationInfo {
            association: self,
            health_kit_name: self.healthkit_name().to_owned(),
            raw_value: self.raw_value(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_label_the_taxonomy_does_not_read_gives_null() {
        let json = serde_json::to_value(HealthKitLabel::Drained.info()).unwrap();
        assert_eq!(json, serde_json::json!({"emotion": null, "rawValue": 34}));
    }

    proptest! {
        #[test]
        fn infos_agree_with_the_methods_and_read_back(l in 0..HealthKitLabel::COUNT, a in 0..HealthKitAssociation::COUNT, c in 0..ValenceClassification::COUNT) {
            let label = HealthKitLabel::ALL[l].info();
            prop_assert_eq!(HealthKitLabel::from_raw_value(label.raw_value.into()), Some(HealthKitLabel::ALL[l]));
            let association = HealthKitAssociation::ALL[a].info();
            prop_assert_eq!(association.association.raw_value(), association.raw_value);
            let class = ValenceClassification::ALL[c].info();
            prop_assert_eq!(ValenceClassification::from_raw_value(class.raw_value.into()), Some(class.classification));
            prop_assert_eq!(serde_json::from_value::<HealthKitLabelEmotion>(serde_json::to_value(&label).unwrap()).unwrap(), label);
            prop_assert_eq!(serde_json::from_value::<HealthKitAssociationInfo>(serde_json::to_value(&association).unwrap()).unwrap(), association);
            prop_assert_eq!(serde_json::from_value::<ValenceClass>(serde_json::to_value(&class).unwrap()).unwrap(), class);
        }
    }
}
