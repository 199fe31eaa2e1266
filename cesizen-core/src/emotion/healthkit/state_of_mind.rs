//! A journal entry as a HealthKit State of Mind sample.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::emotion::{EntryKind, HealthKitAssociation, HealthKitLabel, JournalEntry, Valence, ValenceClassification};

/// What the iOS app passes to `HKStateOfMind(date:kind:valence:labels:associations:)` to write an entry to
/// Health. Built from a journal entry by [`JournalEntry::to_state_of_mind`]; the Swift side converts codes with
/// the `raw_value()`s of each type.
///
/// The note and the intensity have no place in HealthKit and are not part of the sample: the note stays in
/// Cesizen, encrypted.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateOfMindSample {
    /// When the feeling was recorded (RFC 3339).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub date: DateTime<Utc>,
    /// Momentary emotion (raw value 1) or daily mood (2).
    #[cfg_attr(feature = "wasm", tsify(type = "EntryKind"))]
    pub kind: EntryKind,
    /// The valence, -1 to 1.
    #[cfg_attr(feature = "wasm", tsify(type = "number"))]
    pub valence: Valence,
    /// The class of the valence (HealthKit computes its own; this one is for display before writing).
    #[cfg_attr(feature = "wasm", tsify(type = "ValenceClassification"))]
    pub valence_classification: ValenceClassification,
    /// One label: the entry's emotion.
    #[cfg_attr(feature = "wasm", tsify(type = "HealthKitLabel[]"))]
    pub labels: Vec<HealthKitLabel>,
    /// The entry's context tags as associations, each once.
    #[cfg_attr(feature = "wasm", tsify(type = "HealthKitAssociation[]"))]
    pub associations: Vec<HealthKitAssociation>,
}

impl EntryKind {
    /// The raw value of `HKStateOfMind.Kind`: momentary emotion 1, daily mood 2.
    pub const fn healthkit_raw_value(self) -> u8 {
        match self {
            EntryKind::MomentaryEmotion => 1,
            EntryKind::DailyMood => 2,
        }
    }
}

impl JournalEntry {
    /// The entry as a HealthKit State of Mind sample.
    pub fn to_state_of_mind(&self) -> StateOfMindSample {
        StateOfMindSample {
            date: self.recorded_at(),
            kind: self.kind(),
            valence: self.valence(),
            valence_classification: ValenceClassification::from_valence(self.valence()),
            labels: vec![self.emotion().healthkit_label()],
            associations: self.context_tags().healthkit_associations(),
        }
    }
}
