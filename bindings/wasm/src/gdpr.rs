//! GDPR: reading back a portable export (Art. 15 access, Art. 20 portability) with the domain's own validation,
//! one call into `cesizen_gdpr::export`.
//!
//! A person who downloads their export, or a service that receives one, checks it in the browser exactly as the
//! server would: every item is validated, everything must belong to the subject, and the summary must match the
//! sections (so a truncated file is refused).

use serde::{Deserialize, Serialize};
use serde_json::json;
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_gdpr::export::ExportDocument;

use crate::convert::{bytes_from_js, write};
use crate::error::SdkError;

/// How many items each section of an export holds (mirror of `cesizen_gdpr::export::ExportSummary`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GdprExportCounts {
    /// Practice sessions.
    pub practice_sessions: u64,
    /// Journal entries.
    pub journal_entries: u64,
    /// Emotion reports.
    pub reports: u64,
    /// Consent records.
    pub consents: u64,
    /// Data-subject requests.
    pub requests: u64,
}

/// A valid export: whose it is, when it was made, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GdprExportSummary {
    /// The person's user id.
    pub subject: String,
    /// When the export was generated (RFC 3339).
    pub generated_at: String,
    /// The export format's version.
    pub version: u32,
    /// Items per section.
    pub summary: GdprExportCounts,
}

/// Parses and validates a portable export (its JSON text, or its bytes as UTF-8).
///
/// Throws `gdpr.export.invalid` when it is not a valid version-1 export of one person.
#[wasm_bindgen(js_name = parseGdprExport)]
pub fn parse_gdpr_export(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] document: JsValue,
) -> Result<Ts<GdprExportSummary>, SdkError> {
    let bytes = match document.as_string() {
        Some(text) => text.into_bytes(),
        None => bytes_from_js(&document)?,
    };
    let doc = ExportDocument::from_slice(&bytes)?;
    write::<GdprExportSummary, _>(&json!({"subject": doc.subject, "generatedAt": doc.generated_at,
        "version": doc.version, "summary": doc.summary}))
}
