//! The mapping onto Apple HealthKit's State of Mind (iOS 18), so that the iOS app can write entries to Health
//! and read Health's samples back.

mod association;
mod label;
mod state_of_mind;
mod valence_classification;

pub use association::HealthKitAssociation;
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
