//! Identifiers of records created on the device.
//!
//! The browser names a journal entry or a practice session before it leaves the device: the id is part of the
//! encryption context of the entry's fields, so it must exist before the first byte is sealed. Ids are UUIDv7
//! (sortable by creation time) made by `cesizen-core` from the caller's `now` and the platform's CSPRNG.

use tsify::Ts;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::id::{self as core_id, IdError, JournalEntryId, ParsedId, PracticeSessionId, UserId};

use crate::convert::{bytes_from_js, string_from_js, time_from_js, write};
use crate::error::SdkError;

/// Reads a record id: 36 hyphenated hexadecimal characters (either case), never the nil UUID. Ids of any UUID
/// version are accepted (records may predate UUIDv7).
///
/// Throws `validation.id.invalid` or `validation.id.nil`.
#[wasm_bindgen(js_name = parseId)]
pub fn parse_id(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<Ts<ParsedId>, SdkError> {
    write(&core_id::parse_id(&string_from_js(&text)?)?)
}

/// The UUIDv7 made of `now` and 10 given random bytes (6 of their bits are replaced by the version and
/// variant). For reproducible ids in tests and fixtures; new records use `newJournalEntryId` and the like.
///
/// Throws `validation.id.timestamp_out_of_range`; `input.random.invalid_length` unless `random` is 10 bytes.
#[wasm_bindgen(js_name = idFromParts)]
pub fn id_from_parts(
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] random: JsValue,
) -> Result<String, SdkError> {
    let random: [u8; 10] = bytes_from_js(&random)?.try_into().map_err(|_| {
        SdkError::new(
            cesizen_core::code::input::RANDOM_LENGTH,
            "`random` must be exactly 10 bytes",
        )
    })?;
    let id = UserId::from_parts(time_from_js(&now)?, random).map_err(|e: IdError| SdkError::from(e))?;
    Ok(id.to_string())
}

/// A new journal-entry id (UUIDv7) for an entry created at `now`.
///
/// Throws `validation.id.timestamp_out_of_range` for a time before 1970, `system.entropy.unavailable` when the
/// platform has no CSPRNG.
#[wasm_bindgen(js_name = newJournalEntryId)]
pub fn new_journal_entry_id(
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<String, SdkError> {
    Ok(JournalEntryId::new(time_from_js(&now)?)?.to_string())
}

/// A new practice-session id (UUIDv7) for a session started at `now`.
///
/// Throws like `newJournalEntryId`.
#[wasm_bindgen(js_name = newPracticeSessionId)]
pub fn new_practice_session_id(
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<String, SdkError> {
    Ok(PracticeSessionId::new(time_from_js(&now)?)?.to_string())
}
