//! Identifiers of records created on the device.
//!
//! The browser names a journal entry or a practice session before it leaves the device: the id is part of the
//! encryption context of the entry's fields, so it must exist before the first byte is sealed. Ids are UUIDv7
//! (sortable by creation time) made by `cesizen-core` from the caller's `now` and the platform's CSPRNG.

use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::id::{JournalEntryId, PracticeSessionId};

use crate::convert::time_from_js;
use crate::error::SdkError;

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
/// Throws like [`new_journal_entry_id`].
#[wasm_bindgen(js_name = newPracticeSessionId)]
pub fn new_practice_session_id(
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<String, SdkError> {
    Ok(PracticeSessionId::new(time_from_js(&now)?)?.to_string())
}
