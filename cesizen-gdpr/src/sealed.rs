//! The stored form of a journal entry: emotional fields sealed under the user's data key.
//!
//! `cesizen-core` defines what a journal entry *is*; `cesizen-crypto` how a field is sealed. This module joins
//! them into the form a server stores, because the GDPR duties need both: the export must decrypt what is
//! stored, and erasure must prove that what is stored can no longer be read.
//!
//! In clear: the ids, the time and the time zone (needed to order, page and apply retention without keys).
//! Sealed under the user's [`DataKey`], each in its own envelope v1 bound to
//! `Context::field(user id, entry id, name)`:
//!
//! - `feeling`: the entry kind, the emotion, the intensity, the valence and the context tags, as 17 bytes:
//!
//!   | bytes | content |
//!   |---|---|
//!   | 0 | layout version `0x01` |
//!   | 1 | entry kind, index in `EntryKind::ALL` |
//!   | 2 | base emotion, index in `BaseEmotion::ALL` |
//!   | 3 | nuance: 0 for none, else 1 + index in `Nuance::ALL` |
//!   | 4 | intensity, 1–10 |
//!   | 5..13 | valence, IEEE 754 binary64, big-endian |
//!   | 13..17 | context tags, `u32` big-endian, bit *i* = `ContextTag::ALL[i]` |
//!
//! - `note`: the note's UTF-8 text, when there is one.
//!
//! A sealed field moved to another entry, user or field name fails to open (`crypto.decrypt.failed`, surfaced
//! here as `gdpr.export.decrypt_failed`).
//!
//! Other records of the person (the profile, practice sessions) are stored as a [`SealedRecord`]: the whole
//! record as JSON, sealed under `Context::record(user id, record id)`. With every personal record sealed under
//! the person's data key, destroying that key (see [`crate::erasure`]) leaves nothing readable in any copy —
//! only ids and the times of journal entries, which retention needs without keys, stay in clear.

use cesizen_core::emotion::{
    BaseEmotion, ContextTag, ContextTags, Emotion, EntryKind, Intensity, JournalEntry, JournalEntryParts, JournalNote,
    Nuance, Valence,
};
use cesizen_core::id::{JournalEntryId, UserId};
use cesizen_core::user::IanaTimeZone;
use cesizen_crypto::{Context, DataKey, Envelope};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

const FEELING: &str = "feeling";
const NOTE: &str = "note";
const FEELING_LEN: usize = 17;
const FEELING_VERSION: u8 = 1;

/// A journal entry as stored: ids and time in clear, emotional fields sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SealedJournalEntry {
    /// The entry's id.
    pub id: JournalEntryId,
    /// Whose entry.
    pub user_id: UserId,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// The user's time zone when recording.
    pub time_zone: IanaTimeZone,
    /// The sealed `feeling` field.
    #[serde(with = "envelope_text")]
    pub feeling: Envelope,
    /// The sealed note, if any.
    #[serde(default, with = "optional_envelope_text", skip_serializing_if = "Option::is_none")]
    pub note: Option<Envelope>,
}

/// The hyphenated text of a UUID, on the stack: contexts and key checks run once per field on the export's hot
/// path, where a heap allocation per id shows.
pub(crate) struct IdText([u8; uuid::fmt::Hyphenated::LENGTH]);

impl IdText {
    pub(crate) fn of(id: &uuid::Uuid) -> Self {
        let mut buf = [0u8; uuid::fmt::Hyphenated::LENGTH];
        id.hyphenated().encode_lower(&mut buf);
        IdText(buf)
    }

    pub(crate) fn as_str(&self) -> &str {
        // `encode_lower` writes ASCII hex digits and hyphens only.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

fn field(user: &IdText, entry: &IdText, name: &str) -> Result<Context> {
    Context::field(user.as_str(), entry.as_str(), name).map_err(|_| Error::ExportDecryptFailed)
}

/// The key's owner as text, after checking that it is `user`.
fn owned_by(key: &DataKey, user: UserId) -> Result<IdText> {
    let text = IdText::of(user.as_uuid());
    if key.user_id() == text.as_str() {
        Ok(text)
    } else {
        Err(Error::ExportForeignRecord)
    }
}

/// Why a data key refused to seal: its message limit, which only a new key lifts, or anything else.
fn seal_refused(error: cesizen_crypto::Error) -> Error {
    match error {
        cesizen_crypto::Error::KeyLimitReached(key) => Error::SealKeyLimitReached { key },
        _ => Error::SealFailed,
    }
}

impl SealedJournalEntry {
    /// Seals `entry` under its user's data key.
    ///
    /// # Errors
    /// `gdpr.export.foreign_record` when `key` belongs to another user; `gdpr.sealed.key_limit_reached` when the
    /// key has sealed as many messages as its limit allows; `gdpr.sealed.seal_failed` when it refuses otherwise.
    pub fn seal(entry: &JournalEntry, key: &DataKey) -> Result<Self> {
        let user = entry.user_id();
        let owner = owned_by(key, user)?;
        let record = IdText::of(entry.id().as_uuid());
        let feeling = key
            .seal(&field(&owner, &record, FEELING)?, &encode_feeling(entry))
            .map_err(seal_refused)?;
        let note = entry
            .note()
            .map(|n| {
                key.seal(&field(&owner, &record, NOTE)?, n.expose().as_bytes())
                    .map_err(seal_refused)
            })
            .transpose()?;
        Ok(SealedJournalEntry {
            id: entry.id(),
            user_id: user,
            recorded_at: entry.recorded_at(),
            time_zone: entry.time_zone(),
            feeling,
            note,
        })
    }

    /// Opens the entry with its user's data key.
    ///
    /// # Errors
    /// `gdpr.export.foreign_record` when `key` belongs to another user; `gdpr.export.decrypt_failed` when a
    /// field does not open or does not decode.
    pub fn open(&self, key: &DataKey) -> Result<JournalEntry> {
        let owner = owned_by(key, self.user_id)?;
        self.open_as(key, &owner)
    }

    /// Opens the entry for `owner`, the text of its user id, which the caller has checked names the key's
    /// owner (an export computes it once for a whole history). A wrong `owner` cannot open anything: the
    /// contexts would name someone else.
    pub(crate) fn open_as(&self, key: &DataKey, owner: &IdText) -> Result<JournalEntry> {
        let record = IdText::of(self.id.as_uuid());
        let feeling = key
            .open(&field(owner, &record, FEELING)?, &self.feeling)
            .map_err(|_| Error::ExportDecryptFailed)?;
        let (kind, emotion, intensity, valence, context_tags) = decode_feeling(&feeling)?;
        let note = match &self.note {
            None => None,
            Some(envelope) => {
                let bytes = key
                    .open(&field(owner, &record, NOTE)?, envelope)
                    .map_err(|_| Error::ExportDecryptFailed)?;
                // The decrypted bytes become the note's text without a copy; the note wipes them when dropped
                // (and so does the error path below).
                let text = String::from_utf8(bytes.into_vec()).map_err(|e| {
                    zeroize::Zeroize::zeroize(&mut e.into_bytes());
                    Error::ExportDecryptFailed
                })?;
                Some(JournalNote::new(text).map_err(|_| Error::ExportDecryptFailed)?)
            }
        };
        Ok(JournalEntry::new(JournalEntryParts {
            id: self.id,
            user_id: self.user_id,
            kind,
            emotion,
            intensity,
            valence,
            context_tags,
            note,
            recorded_at: self.recorded_at,
            time_zone: self.time_zone,
        }))
    }
}

/// Any record of a person, sealed whole under their data key: the record's JSON in one envelope bound to
/// `Context::record(user id, record id)`.
///
/// ```
/// use cesizen_gdpr::sealed::SealedRecord;
/// use cesizen_core::id::UserId;
/// use cesizen_crypto::Keyring;
/// use chrono::{TimeZone, Utc};
///
/// let user = UserId::from_parts(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(), [1; 10])?;
/// let (key, _) = Keyring::generate()?.generate_data_key(&user.to_string())?;
/// let sealed = SealedRecord::seal(user, "profile", &vec!["camille@example.fr"], &key)?;
/// let back: Vec<String> = sealed.open(&key)?;
/// assert_eq!(back, ["camille@example.fr"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SealedRecord {
    /// Whose record.
    pub user_id: UserId,
    /// The record's id (or a fixed name such as `profile`).
    pub record_id: String,
    /// The sealed JSON.
    #[serde(with = "envelope_text")]
    pub payload: Envelope,
}

impl SealedRecord {
    /// Seals `value` as the record `record_id` of `user`.
    ///
    /// # Errors
    /// `gdpr.export.foreign_record` when `key` belongs to another user; `gdpr.sealed.key_limit_reached` when the
    /// key has sealed as many messages as its limit allows; `gdpr.sealed.seal_failed` otherwise.
    pub fn seal<T: Serialize + ?Sized>(user: UserId, record_id: &str, value: &T, key: &DataKey) -> Result<Self> {
        let owner = owned_by(key, user)?;
        let json = zeroize::Zeroizing::new(serde_json::to_vec(value).map_err(|_| Error::SealFailed)?);
        let context = Context::record(owner.as_str(), record_id).map_err(|_| Error::SealFailed)?;
        let payload = key.seal(&context, &json).map_err(seal_refused)?;
        Ok(SealedRecord {
            user_id: user,
            record_id: record_id.to_owned(),
            payload,
        })
    }

    /// Opens the record.
    ///
    /// # Errors
    /// `gdpr.export.foreign_record` when `key` belongs to another user; `gdpr.export.decrypt_failed` when it does
    /// not open or does not decode as `T` (whose own validation runs).
    pub fn open<T: DeserializeOwned>(&self, key: &DataKey) -> Result<T> {
        let owner = owned_by(key, self.user_id)?;
        let context = Context::record(owner.as_str(), &self.record_id).map_err(|_| Error::ExportDecryptFailed)?;
        let json = key
            .open(&context, &self.payload)
            .map_err(|_| Error::ExportDecryptFailed)?;
        serde_json::from_slice(&json).map_err(|_| Error::ExportDecryptFailed)
    }
}

fn encode_feeling(entry: &JournalEntry) -> [u8; FEELING_LEN] {
    let mut out = [0u8; FEELING_LEN];
    let emotion = entry.emotion();
    // Indexes of closed lists of at most a few dozen members: they fit a byte.
    out[0] = FEELING_VERSION;
    out[1] = entry.kind().index() as u8;
    out[2] = emotion.base().index() as u8;
    out[3] = emotion.nuance().map_or(0, |n| n.index() as u8 + 1);
    out[4] = entry.intensity().get();
    out[5..13].copy_from_slice(&entry.valence().get().to_be_bytes());
    let tags = entry.context_tags().iter().fold(0u32, |bits, t| bits | 1 << t.index());
    out[13..17].copy_from_slice(&tags.to_be_bytes());
    out
}

type Feeling = (EntryKind, Emotion, Intensity, Valence, ContextTags);

fn decode_feeling(bytes: &[u8]) -> Result<Feeling> {
    let bad = || Error::ExportDecryptFailed;
    let b: &[u8; FEELING_LEN] = bytes.try_into().map_err(|_| bad())?;
    if b[0] != FEELING_VERSION {
        return Err(bad());
    }
    let kind = *EntryKind::ALL.get(usize::from(b[1])).ok_or_else(bad)?;
    let base = *BaseEmotion::ALL.get(usize::from(b[2])).ok_or_else(bad)?;
    let nuance = match b[3] {
        0 => None,
        n => Some(*Nuance::ALL.get(usize::from(n) - 1).ok_or_else(bad)?),
    };
    let emotion = Emotion::new(base, nuance).map_err(|_| bad())?;
    let intensity = Intensity::new(b[4]).map_err(|_| bad())?;
    let mut valence = [0u8; 8];
    valence.copy_from_slice(&b[5..13]);
    let valence = Valence::new(f64::from_be_bytes(valence)).map_err(|_| bad())?;
    let bits = u32::from_be_bytes([b[13], b[14], b[15], b[16]]);
    let known = ContextTag::ALL.iter().fold(0u32, |mask, t| mask | 1 << t.index());
    if bits & !known != 0 {
        return Err(bad());
    }
    let tags =
        ContextTags::new(ContextTag::ALL.into_iter().filter(|t| bits & (1 << t.index()) != 0)).map_err(|_| bad())?;
    Ok((kind, emotion, intensity, valence, tags))
}

mod envelope_text {
    use super::*;

    pub fn serialize<S: Serializer>(e: &Envelope, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&e.to_text())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Envelope, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Envelope::from_text(&text).map_err(|_| serde::de::Error::custom("not an envelope v1"))
    }
}

mod optional_envelope_text {
    use super::*;

    pub fn serialize<S: Serializer>(e: &Option<Envelope>, s: S) -> std::result::Result<S::Ok, S::Error> {
        match e {
            Some(e) => envelope_text::serialize(e, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Envelope>, D::Error> {
        Option::<std::borrow::Cow<'de, str>>::deserialize(d)?
            .map(|t| Envelope::from_text(&t).map_err(|_| serde::de::Error::custom("not an envelope v1")))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cesizen_crypto::Keyring;
    use chrono::TimeZone;
    use proptest::prelude::*;

    pub(crate) fn sample(user: UserId, n: u8, note: Option<&str>) -> JournalEntry {
        let at = Utc.with_ymd_and_hms(2025, 3, 14, 9, 0, 0).unwrap() + chrono::Duration::minutes(i64::from(n));
        JournalEntry::new(JournalEntryParts {
            id: JournalEntryId::from_parts(at, [n; 10]).unwrap(),
            user_id: user,
            kind: EntryKind::ALL[usize::from(n) % EntryKind::ALL.len()],
            emotion: Emotion::from_nuance(Nuance::ALL[usize::from(n) % Nuance::ALL.len()]),
            intensity: Intensity::new(n % 10 + 1).unwrap(),
            valence: Valence::new(f64::from(n % 21) / 10.0 - 1.0).unwrap(),
            context_tags: ContextTags::new(ContextTag::ALL.into_iter().take(usize::from(n) % 3)).unwrap(),
            note: note.map(|t| JournalNote::new(t.into()).unwrap()),
            recorded_at: at,
            time_zone: IanaTimeZone::EUROPE_PARIS,
        })
    }

    #[test]
    fn seal_open_round_trip_and_no_clear_text_in_storage() {
        let keyring = Keyring::generate().unwrap();
        let user = UserId::from_parts(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(), [4; 10]).unwrap();
        let (key, _) = keyring.generate_data_key(&user.to_string()).unwrap();
        let entry = sample(user, 7, Some("Exam tomorrow, cannot sleep"));
        let sealed = SealedJournalEntry::seal(&entry, &key).unwrap();
        let stored = serde_json::to_string(&sealed).unwrap();
        assert!(!stored.contains("Exam"));
        assert!(!stored.contains(entry.emotion().nuance().unwrap().code()));
        let back: SealedJournalEntry = serde_json::from_str(&stored).unwrap();
        assert_eq!(back.open(&key).unwrap(), entry);
    }

    #[test]
    fn a_key_at_its_message_limit_is_named_as_such() {
        let keyring = Keyring::generate().unwrap();
        let user = UserId::from_parts(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(), [4; 10]).unwrap();
        let (_, wrapped) = keyring.generate_data_key(&user.to_string()).unwrap();
        let limit = keyring.message_limit();
        // One seal left: an entry with a note needs two, the second is refused.
        let key = keyring
            .unwrap_data_key_resuming(&user.to_string(), &wrapped, limit - 1)
            .unwrap();
        let refused = Error::SealKeyLimitReached { key: key.id() };
        assert_eq!(
            SealedJournalEntry::seal(&sample(user, 3, Some("deux champs")), &key).unwrap_err(),
            refused
        );
        assert_eq!(refused.code(), "gdpr.sealed.key_limit_reached");
        assert_eq!(
            SealedRecord::seal(user, "profile", "Camille", &key).unwrap_err(),
            refused
        );
        // With seals left, the same entry seals.
        let key = keyring
            .unwrap_data_key_resuming(&user.to_string(), &wrapped, limit - 2)
            .unwrap();
        assert!(SealedJournalEntry::seal(&sample(user, 3, Some("deux champs")), &key).is_ok());
    }

    #[test]
    fn a_field_moved_to_another_entry_or_user_does_not_open() {
        let keyring = Keyring::generate().unwrap();
        let user = UserId::from_parts(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(), [4; 10]).unwrap();
        let (key, _) = keyring.generate_data_key(&user.to_string()).unwrap();
        let a = SealedJournalEntry::seal(&sample(user, 1, Some("a")), &key).unwrap();
        let mut b = SealedJournalEntry::seal(&sample(user, 2, None), &key).unwrap();
        b.feeling = a.feeling.clone();
        assert_eq!(b.open(&key).unwrap_err().code(), "gdpr.export.decrypt_failed");
        let mut c = a.clone();
        c.feeling = a.note.clone().unwrap();
        assert_eq!(c.open(&key).unwrap_err().code(), "gdpr.export.decrypt_failed");
        let other = UserId::from_parts(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(), [5; 10]).unwrap();
        let (other_key, _) = keyring.generate_data_key(&other.to_string()).unwrap();
        assert_eq!(a.open(&other_key).unwrap_err().code(), "gdpr.export.foreign_record");
        assert_eq!(
            SealedJournalEntry::seal(&sample(user, 1, None), &other_key)
                .unwrap_err()
                .code(),
            "gdpr.export.foreign_record"
        );
    }

    #[test]
    fn the_feeling_layout_is_pinned() {
        let user = UserId::from_parts(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(), [4; 10]).unwrap();
        let e = sample(user, 3, None);
        let bytes = encode_feeling(&e);
        assert_eq!(bytes[0], 1);
        assert_eq!(bytes[4], 4);
        assert_eq!(&bytes[5..13], &(-0.7f64).to_be_bytes());
        assert_eq!(
            decode_feeling(&bytes).unwrap(),
            (e.kind(), e.emotion(), e.intensity(), e.valence(), e.context_tags())
        );
        for (i, v) in [(0, 2u8), (1, 200), (2, 200), (3, 250), (4, 0), (4, 11), (13, 0x80)] {
            let mut bad = bytes;
            bad[i] = v;
            assert!(decode_feeling(&bad).is_err(), "byte {i} = {v}");
        }
        assert!(decode_feeling(&bytes[..16]).is_err());
    }

    proptest! {
        #[test]
        fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let _ = decode_feeling(&bytes);
        }

        #[test]
        fn every_valid_entry_round_trips(n in any::<u8>(), note in proptest::option::of("[a-zA-Z0-9 ]{1,50}")) {
            let user = UserId::from_parts(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(), [4; 10]).unwrap();
            let entry = sample(user, n, note.as_deref().filter(|t| !t.trim().is_empty()));
            let bytes = encode_feeling(&entry);
            prop_assert_eq!(decode_feeling(&bytes).unwrap(), (entry.kind(), entry.emotion(), entry.intensity(), entry.valence(), entry.context_tags()));
        }
    }
}
