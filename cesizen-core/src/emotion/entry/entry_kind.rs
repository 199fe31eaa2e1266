//! Whether an entry records a feeling of the moment or the mood of a whole day.

use crate::emotion::EmotionError;
use crate::stable_code::stable_code_enum;

stable_code_enum! {
    /// What a journal entry records, as in HealthKit's `HKStateOfMind.Kind`.
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    pub enum EntryKind, unknown: EmotionError = EmotionError::UnknownEntryKind;
    labels {
        /// How the user feels right now.
        MomentaryEmotion = "momentary_emotion", "Momentary emotion", "Émotion du moment";
        /// How the user felt over the day as a whole.
        DailyMood = "daily_mood", "Daily mood", "Humeur du jour";
    }
}
