//! The portable export: all of a person's data as one versioned JSON document (Art. 15 access, Art. 20
//! portability).
//!
//! The plan promises "export données utilisateur < 48 h" and "export JSON standard". The document holds the
//! profile, every practice session, every journal entry **decrypted**, the emotion reports, the consent history
//! and the data-subject requests, in that order, followed by a summary of counts:
//!
//! ```json
//! {
//!   "format": "cesizen.export", "version": 1, "generatedAt": "2025-03-14T09:00:00Z", "subject": "<user id>",
//!   "profile": { …the user… },
//!   "practiceSessions": [ … ], "journalEntries": [ … ], "reports": [ … ], "consents": [ … ], "requests": [ … ],
//!   "summary": { "practiceSessions": 12, "journalEntries": 340, "reports": 3, "consents": 2, "requests": 1 }
//! }
//! ```
//!
//! Its JSON Schema is committed at `cesizen-gdpr/schema/export-v1.schema.json` (also [`EXPORT_SCHEMA_V1`]) and
//! every export written by the tests is validated against it. [`ExportDocument`] reads a document back with the
//! domain's own validation, for a receiving service or to check an archive.
//!
//! **Streaming.** [`ExportWriter`] writes item by item into any [`std::io::Write`] (the caller owns the sink: a
//! file, an HTTP body, a zip entry), buffering 64 KiB at a time and decrypting each journal entry just before
//! writing it, so a history of a hundred thousand entries never sits in memory, in clear or not.
//!
//! **Nothing forgotten.** Every section is always present (empty if need be); items of another person are
//! refused (`gdpr.export.foreign_record`); the summary lets a reader detect a truncated document.
//!
//! ```
//! use cesizen_gdpr::export::{ExportDocument, ExportWriter};
//! use cesizen_gdpr::sealed::SealedJournalEntry;
//! use cesizen_core::emotion::{Emotion, EntryKind, Intensity, JournalEntry, JournalEntryParts, JournalNote, Nuance, Valence};
//! use cesizen_core::id::{JournalEntryId, UserId};
//! use cesizen_core::user::{DisplayName, Email, IanaTimeZone, Locale, User};
//! use cesizen_crypto::Keyring;
//! use chrono::{TimeZone, Utc};
//!
//! let now = Utc.with_ymd_and_hms(2025, 3, 14, 9, 0, 0).unwrap();
//! let user = User::sign_up(UserId::from_parts(now, [1; 10])?, Email::parse("camille@example.fr")?,
//!     DisplayName::parse("Camille")?, Locale::parse("fr-FR")?, IanaTimeZone::EUROPE_PARIS, now);
//! let keyring = Keyring::generate()?;
//! let (key, _wrapped) = keyring.generate_data_key(&user.id().to_string())?;
//! let entry = JournalEntry::new(JournalEntryParts {
//!     id: JournalEntryId::from_parts(now, [2; 10])?, user_id: user.id(), kind: EntryKind::DailyMood,
//!     emotion: Emotion::from_nuance(Nuance::Worry), intensity: Intensity::new(6)?, valence: Valence::new(-0.4)?,
//!     context_tags: Default::default(), note: Some(JournalNote::new("Exam tomorrow".into())?),
//!     recorded_at: now, time_zone: IanaTimeZone::EUROPE_PARIS,
//! });
//! let stored = SealedJournalEntry::seal(&entry, &key)?;
//!
//! let mut export = ExportWriter::begin(Vec::new(), &user, now)?;
//! export.journal_entry(&stored, &key)?;
//! let bytes = export.finish()?;
//!
//! let document = ExportDocument::from_slice(&bytes)?;
//! assert_eq!(document.journal_entries, vec![entry]);
//! assert_eq!(document.journal_entries[0].note().unwrap().expose(), "Exam tomorrow");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod document;
mod journal_json;
mod writer;

pub use document::{ExportDocument, ExportSummary};
pub use writer::{EXPORT_FORMAT, EXPORT_VERSION, ExportWriter, Section};

/// The JSON Schema (draft 2020-12) of export version 1, as committed in `schema/export-v1.schema.json`.
pub const EXPORT_SCHEMA_V1: &str = include_str!("../../schema/export-v1.schema.json");
