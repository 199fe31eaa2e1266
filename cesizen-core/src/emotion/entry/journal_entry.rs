//! A journal entry: a momentary emotion or a daily mood, as the user recorded it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::emotion::{
    ContextTags, Emotion, EmotionError, EntryKind, Intensity, JournalEntryInput, JournalNote, Valence,
};
use crate::id::{JournalEntryId, UserId};
use crate::user::IanaTimeZone;

/// One journal entry. Every part is a validated type, so an entry that exists is valid.
///
/// The time is kept as a UTC instant plus the user's IANA time zone at the moment of writing:
/// [`JournalEntry::local_date`] is the day the user lived it, even if they later move. (Reports count days in
/// the zone they are asked for, usually the user's current one: see [`crate::emotion::EmotionReport`].)
///
/// JSON form (camelCase): `{"id", "userId", "kind", "emotion": {"base", "nuance"?}, "intensity", "valence",
/// "contextTags": [...], "note"?, "recordedAt", "timeZone"}`. Deserializing validates every field through
/// [`JournalEntryInput`]; the note is written in clear (see [`crate::emotion::SensitiveText`]).
///
/// ```
/// use cesizen_core::emotion::{Emotion, EntryKind, Intensity, JournalEntry, JournalEntryParts, Nuance, Valence};
/// use cesizen_core::id::{JournalEntryId, UserId};
/// use cesizen_core::user::IanaTimeZone;
/// use chrono::{NaiveDate, TimeZone, Utc};
///
/// let at = Utc.with_ymd_and_hms(2025, 3, 14, 23, 30, 0).unwrap();
/// let entry = JournalEntry::new(JournalEntryParts {
///     id: JournalEntryId::from_parts(at, [1; 10]).unwrap(),
///     user_id: UserId::from_parts(at, [2; 10]).unwrap(),
///     kind: EntryKind::MomentaryEmotion,
///     emotion: Emotion::from_nuance(Nuance::Worry),
///     intensity: Intensity::new(6)?,
///     valence: Valence::new(-0.4)?,
///     context_tags: Default::default(),
///     note: None,
///     recorded_at: at,
///     time_zone: IanaTimeZone::EUROPE_PARIS,
/// });
/// // 23:30 UTC is already the next day in Paris.
/// assert_eq!(entry.local_date(), NaiveDate::from_ymd_opt(2025, 3, 15).unwrap());
/// # Ok::<(), cesizen_core::emotion::EmotionError>(())
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", try_from = "JournalEntryInput")]
pub struct JournalEntry {
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    id: JournalEntryId,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    user_id: UserId,
    #[cfg_attr(feature = "wasm", tsify(type = "EntryKind"))]
    kind: EntryKind,
    #[cfg_attr(feature = "wasm", tsify(type = "EmotionCodes"))]
    emotion: Emotion,
    #[cfg_attr(feature = "wasm", tsify(type = "number"))]
    intensity: Intensity,
    #[cfg_attr(feature = "wasm", tsify(type = "number"))]
    valence: Valence,
    #[cfg_attr(feature = "wasm", tsify(type = "ContextTag[]"))]
    context_tags: ContextTags,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string"))]
    note: Option<JournalNote>,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    recorded_at: DateTime<Utc>,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    time_zone: IanaTimeZone,
}

/// The parts of a [`JournalEntry`], each already validated: build one with named fields, then
/// [`JournalEntry::new`].
#[derive(Debug, Clone, PartialEq)]
pub struct JournalEntryParts {
    /// The entry's id (UUIDv7 for a new entry).
    pub id: JournalEntryId,
    /// Whose entry it is.
    pub user_id: UserId,
    /// Momentary emotion or daily mood.
    pub kind: EntryKind,
    /// The emotion felt.
    pub emotion: Emotion,
    /// How strongly, 1–10.
    pub intensity: Intensity,
    /// How pleasant, -1 to 1.
    pub valence: Valence,
    /// What it is about.
    pub context_tags: ContextTags,
    /// The user's note, if any.
    pub note: Option<JournalNote>,
    /// When the feeling was recorded.
    pub recorded_at: DateTime<Utc>,
    /// The user's time zone when recording.
    pub time_zone: IanaTimeZone,
}

impl JournalEntry {
    /// An entry from its validated parts.
    pub fn new(parts: JournalEntryParts) -> Self {
        let JournalEntryParts {
            id,
            user_id,
            kind,
            emotion,
            intensity,
            valence,
            context_tags,
            note,
            recorded_at,
            time_zone,
        } = parts;
        JournalEntry {
            id,
            user_id,
            kind,
            emotion,
            intensity,
            valence,
            context_tags,
            note,
            recorded_at,
            time_zone,
        }
    }

    /// The parts back, to change one and build a new entry.
    pub fn into_parts(self) -> JournalEntryParts {
        JournalEntryParts {
            id: self.id,
            user_id: self.user_id,
            kind: self.kind,
            emotion: self.emotion,
            intensity: self.intensity,
            valence: self.valence,
            context_tags: self.context_tags,
            note: self.note,
            recorded_at: self.recorded_at,
            time_zone: self.time_zone,
        }
    }

    /// The entry's id.
    pub fn id(&self) -> JournalEntryId {
        self.id
    }

    /// Whose entry it is.
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// Momentary emotion or daily mood.
    pub fn kind(&self) -> EntryKind {
        self.kind
    }

    /// The emotion felt.
    pub fn emotion(&self) -> Emotion {
        self.emotion
    }

    /// How strongly, 1–10.
    pub fn intensity(&self) -> Intensity {
        self.intensity
    }

    /// How pleasant, -1 to 1.
    pub fn valence(&self) -> Valence {
        self.valence
    }

    /// What it is about.
    pub fn context_tags(&self) -> ContextTags {
        self.context_tags
    }

    /// The user's note, if any (sensitive: see [`JournalNote`]).
    pub fn note(&self) -> Option<&JournalNote> {
        self.note.as_ref()
    }

    /// When the feeling was recorded (UTC).
    pub fn recorded_at(&self) -> DateTime<Utc> {
        self.recorded_at
    }

    /// The user's time zone when recording.
    pub fn time_zone(&self) -> IanaTimeZone {
        self.time_zone
    }

    /// The date in the user's time zone when recording: the day a daily mood describes.
    pub fn local_date(&self) -> NaiveDate {
        self.recorded_at.with_timezone(&self.time_zone.tz()).date_naive()
    }

    /// The entry with its local date beside it, as a client shows a validated entry.
    pub fn dated(self) -> ValidatedJournalEntry {
        ValidatedJournalEntry {
            local_date: self.local_date(),
            entry: self,
        }
    }
}

/// A valid entry and the day it belongs to in its own time zone ([`JournalEntry::dated`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidatedJournalEntry {
    /// The entry, normalised.
    pub entry: JournalEntry,
    /// [`JournalEntry::local_date`] (`YYYY-MM-DD` in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub local_date: NaiveDate,
}

impl TryFrom<JournalEntryInput> for JournalEntry {
    type Error = EmotionError;

    fn try_from(input: JournalEntryInput) -> Result<Self, Self::Error> {
        input.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emotion::test_support::{entry, user, utc};
    use crate::emotion::{BaseEmotion, Emotion};

    #[test]
    fn a_dated_entry_carries_its_local_day_and_reads_back() {
        let late = entry(
            user(1),
            utc("2025-03-14T23:30:00Z"),
            Emotion::from_base(BaseEmotion::Joy),
            5,
            0.5,
        );
        let dated = late.clone().dated();
        assert_eq!(
            dated.local_date.to_string(),
            "2025-03-15",
            "already the next day in Paris"
        );
        let json = serde_json::to_value(&dated).unwrap();
        assert_eq!(json["localDate"], "2025-03-15");
        assert_eq!(json["entry"], serde_json::to_value(&late).unwrap());
        assert_eq!(serde_json::from_value::<ValidatedJournalEntry>(json).unwrap(), dated);
    }
}
