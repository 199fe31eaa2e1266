//! Reading an export back, with the domain's validation.

use cesizen_core::emotion::JournalEntry;
use cesizen_core::id::UserId;
use cesizen_core::practice::PracticeSession;
use cesizen_core::user::User;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::writer::{EXPORT_FORMAT, EXPORT_VERSION};
use crate::consent::ConsentRecord;
use crate::error::{Error, Result};
use crate::request::RequestRecord;

/// How many items each section holds.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "GdprExportCounts", missing_as_null)
)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportSummary {
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

impl ExportSummary {
    pub(crate) fn from_counts(c: [u64; 5]) -> Self {
        ExportSummary {
            practice_sessions: c[0],
            journal_entries: c[1],
            reports: c[2],
            consents: c[3],
            requests: c[4],
        }
    }
}

/// An export document read back. Every item goes through the domain's validation (a journal entry with an
/// intensity of 11 is refused), the header must be version 1, every item must belong to the subject, and the
/// summary must match the sections.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportDocument {
    /// Always `cesizen.export`.
    pub format: String,
    /// Always 1 here.
    pub version: u32,
    /// When it was generated.
    pub generated_at: DateTime<Utc>,
    /// The person.
    pub subject: UserId,
    /// The profile.
    pub profile: User,
    /// Practice sessions.
    pub practice_sessions: Vec<PracticeSession>,
    /// Journal entries, in clear.
    pub journal_entries: Vec<JournalEntry>,
    /// Emotion reports (computed views; kept as JSON).
    pub reports: Vec<serde_json::Value>,
    /// Consent history.
    pub consents: Vec<ConsentRecord>,
    /// Data-subject requests with their history.
    pub requests: Vec<RequestRecord>,
    /// Counts per section.
    pub summary: ExportSummary,
}

impl ExportDocument {
    /// Parses and checks a document.
    ///
    /// # Errors
    /// `gdpr.export.invalid` when it is not a valid version-1 export of one person.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        let doc: ExportDocument = serde_json::from_slice(bytes).map_err(|_| Error::ExportInvalid)?;
        doc.check()?;
        Ok(doc)
    }

    fn check(&self) -> Result<()> {
        let subject = self.subject;
        let consistent = self.format == EXPORT_FORMAT
            && self.version == EXPORT_VERSION
            && self.profile.id() == subject
            && self.practice_sessions.iter().all(|s| s.user_id() == subject)
            && self.journal_entries.iter().all(|e| e.user_id() == subject)
            && self.requests.iter().all(|r| r.subject == subject)
            && self
                .reports
                .iter()
                .all(|r| r.get("userId").and_then(|v| v.as_str()) == Some(&subject.to_string()))
            && self.summary
                == ExportSummary::from_counts([
                    self.practice_sessions.len() as u64,
                    self.journal_entries.len() as u64,
                    self.reports.len() as u64,
                    self.consents.len() as u64,
                    self.requests.len() as u64,
                ]);
        if consistent { Ok(()) } else { Err(Error::ExportInvalid) }
    }
}
