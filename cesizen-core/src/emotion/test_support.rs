//! Builders for the tests of this module and its neighbours.

use chrono::{DateTime, Utc};

use crate::emotion::{ContextTags, Emotion, EntryKind, Intensity, JournalEntry, JournalEntryParts, Valence};
use crate::id::{JournalEntryId, UserId};
use crate::user::IanaTimeZone;

/// A user id from one byte.
pub(crate) fn user(n: u8) -> UserId {
    UserId::from_parts(utc("2025-01-01T00:00:00Z"), [n; 10]).expect("a valid time")
}

/// A UTC instant from RFC 3339 text.
pub(crate) fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 instant")
}

/// An entry of `user` in Europe/Paris, its id derived from the time so that entries differ.
pub(crate) fn entry(user: UserId, at: DateTime<Utc>, emotion: Emotion, intensity: u8, valence: f64) -> JournalEntry {
    let nanos = at.timestamp_subsec_nanos().to_be_bytes();
    let random = [nanos[0], nanos[1], nanos[2], nanos[3], 0, 0, 0, 0, 0, 1];
    JournalEntry::new(JournalEntryParts {
        id: JournalEntryId::from_parts(at, random).expect("a time after 1970"),
        user_id: user,
        kind: EntryKind::MomentaryEmotion,
        emotion,
        intensity: Intensity::new(intensity).expect("1 to 10"),
        valence: Valence::new(valence).expect("-1 to 1"),
        context_tags: ContextTags::EMPTY,
        note: None,
        recorded_at: at,
        time_zone: IanaTimeZone::EUROPE_PARIS,
    })
}
