//! Identifiers of records created on the device.
//!
//! An app names a journal entry or a practice session before it leaves the phone: the id is part of the
//! encryption context of the entry's fields, so it exists before the first byte is sealed. Ids are UUIDv7 made
//! by `cesizen-core` from the caller's `now` and the platform's CSPRNG; they cross the FFI as their one text form.

use cesizen_core::id::{JournalEntryId, PracticeSessionId, UserId};

use crate::{CesizenError, Timestamp, boundary::guard};

/// An identifier read back from its text form.
/// Binding shape: the SDK's `ParsedId`, its id as text and its instant as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ParsedId {
    /// The canonical (lowercase, hyphenated) text form.
    pub id: String,
    /// The creation time a UUIDv7 carries; `None` for other UUID versions.
    pub created_at: Option<Timestamp>,
}

/// The code of a `random` argument that is not exactly 10 bytes.
pub const RANDOM_LENGTH: &str = cesizen_core::code::input::RANDOM_LENGTH;

/// A new user id (UUIDv7) for an account created at `now`.
///
/// Errors: `validation.id.timestamp_out_of_range` before 1970, `system.entropy.unavailable` without a CSPRNG.
#[uniffi::export]
pub fn new_user_id(now: Timestamp) -> Result<String, CesizenError> {
    guard(|| Ok(UserId::new(now)?.to_string()))
}

/// A new journal-entry id (UUIDv7) for an entry created at `now`. Errors as [`new_user_id`].
#[uniffi::export]
pub fn new_journal_entry_id(now: Timestamp) -> Result<String, CesizenError> {
    guard(|| Ok(JournalEntryId::new(now)?.to_string()))
}

/// A new practice-session id (UUIDv7) for a session started at `now`. Errors as [`new_user_id`].
#[uniffi::export]
pub fn new_practice_session_id(now: Timestamp) -> Result<String, CesizenError> {
    guard(|| Ok(PracticeSessionId::new(now)?.to_string()))
}

/// A UUIDv7 built from `now` and 10 caller-supplied random bytes: deterministic, for tests and for callers
/// that bring their own entropy.
///
/// Errors: `input.random.invalid_length` unless `random` has 10 bytes; `validation.id.timestamp_out_of_range`.
#[uniffi::export]
pub fn id_from_parts(now: Timestamp, random: Vec<u8>) -> Result<String, CesizenError> {
    guard(|| {
        let random: [u8; 10] = random
            .try_into()
            .map_err(|_| CesizenError::input(RANDOM_LENGTH, "`random` must be exactly 10 bytes"))?;
        Ok(UserId::from_parts(now, random)?.to_string())
    })
}

/// Parses an identifier: 36 hyphenated characters, either case, never the nil UUID.
///
/// Errors: `validation.id.invalid`, `validation.id.nil`.
#[uniffi::export]
pub fn parse_id(text: String) -> Result<ParsedId, CesizenError> {
    guard(|| {
        let parsed = cesizen_core::id::parse_id(&text)?;
        Ok(ParsedId {
            id: parsed.id.to_string(),
            created_at: parsed.created_at,
        })
    })
}
