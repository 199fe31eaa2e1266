//! The mapping onto Apple HealthKit's State of Mind (iOS 18), so that the iOS app can write entries to Health
//! and read Health's samples back.

mod association;
mod info;
mod label;
mod state_of_mind;
mod valence_classification;

pub use association::HealthKitAssociation;
pub use info::{HealthKitAssociationInfo, HealthKitLabelEmotion, ValenceClass};
pub use label::HealthKitLabel;
pub use state_of_mind::StateOfMindSample;
pub use valence_classification::ValenceClassification;

/// The member of `all` with an Apple raw value: HealthKit numbers its enums from 1 in the order `ALL` keeps.
fn from_raw_value<T: Copy>(all: &[T], raw: i64) -> Option<T> {
    usize::try_from(raw)
        .ok()?
        .checked_sub(1)
        .and_then(|i| all.get(i).copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn raw_values_are_read_without_panic(raw in any::<i64>()) {
            prop_assert_eq!(HealthKitLabel::from_raw_value(raw).is_some(), (1..=38).contains(&raw));
            prop_assert_eq!(HealthKitAssociation::from_raw_value(raw).is_some(), (1..=18).contains(&raw));
            prop_assert_eq!(ValenceClassification::from_raw_value(raw).is_some(), (1..=7).contains(&raw));
        }

        #[test]
        fn codes_are_parsed_without_panic(code in "\\PC{0,20}") {
            if let Ok(label) = HealthKitLabel::from_code(&code) { prop_assert_eq!(label.code(), code.as_str()); }
            if let Ok(a) = HealthKitAssociation::from_code(&code) { prop_assert_eq!(a.code(), code.as_str()); }
        }
    }
}
