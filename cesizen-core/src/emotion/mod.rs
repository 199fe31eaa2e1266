//! Emotional data: the emotion taxonomy, journal entries, the HealthKit State of Mind mapping and emotion
//! reports.
//!
//! **Why it is shaped this way.** Journal entries are the most sensitive data Cesizen holds (the plan's risk
//! matrix rates their leak critical), so the note is a [`SensitiveText`] from the moment it is parsed:
//! redacted in `Debug`, wiped on drop, read only through `expose()`, which is what the crypto crate encrypts.
//! Everything else in an entry is a small validated value with a stable code, so that the server, the browser
//! and the phones agree on what an entry is and refuse the same bad input with the same error code.
//!
//! - **Taxonomy**: six [`BaseEmotion`]s, each with five to eight [`Nuance`]s. A nuance knows its base emotion,
//!   so an [`Emotion`] (a base, optionally refined by a nuance) cannot pair a nuance with the wrong base.
//! - **Entries**: [`JournalEntry`], built from validated parts or from a client's [`JournalEntryInput`];
//!   [`Intensity`] 1–10, [`Valence`] −1…1, [`ContextTags`], an optional [`JournalNote`], and the time as a UTC
//!   instant plus the user's IANA time zone.
//! - **HealthKit**: [`JournalEntry::to_state_of_mind`] gives the iOS app what `HKStateOfMind` needs; labels,
//!   associations and valence classes map both ways where the mapping means something.
//! - **Reports**: [`EmotionReport`] over calendar weeks, months, quarters, years or rolling 7/30/90/365 days
//!   in the user's time zone, daylight-saving changes included.
//!
//! ```
//! use cesizen_core::emotion::{JournalEntryInput, HealthKitLabel};
//!
//! let input: JournalEntryInput = serde_json::from_str(r#"{
//!     "id": "0195943a-3ec0-7707-8707-070707070707",
//!     "userId": "0195943a-3ec0-7707-8707-080808080808",
//!     "kind": "momentary_emotion",
//!     "emotion": {"base": "fear", "nuance": "worry"},
//!     "intensity": 6,
//!     "valence": -0.4,
//!     "contextTags": ["work", "sleep"],
//!     "note": "Deadline tomorrow.",
//!     "recordedAt": "2025-03-14T21:30:00Z",
//!     "timeZone": "Europe/Paris"
//! }"#).unwrap();
//! let entry = input.validate()?;
//! assert_eq!(entry.to_state_of_mind().labels, [HealthKitLabel::Worried]);
//! assert!(!format!("{entry:?}").contains("Deadline"), "the note never reaches a log");
//! # Ok::<(), cesizen_core::emotion::EmotionError>(())
//! ```

mod entry;
mod error;
mod healthkit;
mod report;
mod taxonomy;
#[cfg(test)]
pub(crate) mod test_support;

pub use entry::{
    ContextTag, ContextTags, EmotionInput, EntryKind, Intensity, JournalEntry, JournalEntryInput, JournalEntryParts,
    JournalNote, SensitiveText, Valence, ValidatedJournalEntry,
};
pub use error::EmotionError;
pub use healthkit::{
    HealthKitAssociation, HealthKitAssociationInfo, HealthKitLabel, HealthKitLabelEmotion, StateOfMindSample,
    ValenceClass, ValenceClassification,
};
pub use report::{
    DaySummary, EmotionCount, EmotionReport, EmotionReportRequest, ROLLING_DAYS, ReportPeriod, ReportWindow, Streaks,
};
pub use taxonomy::{BaseEmotion, BaseEmotionInfo, Emotion, EmotionInfo, Nuance, ParsedEmotion, taxonomy};
