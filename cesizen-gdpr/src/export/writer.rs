//! The streaming export writer.

use std::io::Write;

use cesizen_core::emotion::{EmotionReport, JournalEntry};
use cesizen_core::id::UserId;
use cesizen_core::practice::PracticeSession;
use cesizen_core::user::User;
use cesizen_crypto::DataKey;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::consent::ConsentLedger;
use crate::error::{Error, Result};
use crate::request::DataSubjectRequest;
use crate::sealed::{IdText, SealedJournalEntry};

/// The `format` field of every export.
pub const EXPORT_FORMAT: &str = "cesizen.export";
/// The version this crate writes.
pub const EXPORT_VERSION: u32 = 1;

/// Bytes buffered before they are handed to the sink.
const FLUSH_AT: usize = 64 * 1024;

/// The sections of the document, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `practiceSessions`
    PracticeSessions,
    /// `journalEntries`
    JournalEntries,
    /// `reports`
    Reports,
    /// `consents`
    Consents,
    /// `requests`
    Requests,
}

impl Section {
    /// Every section, in order.
    pub const ALL: [Section; 5] = [
        Section::PracticeSessions,
        Section::JournalEntries,
        Section::Reports,
        Section::Consents,
        Section::Requests,
    ];

    /// The JSON key.
    pub fn key(&self) -> &'static str {
        match self {
            Section::PracticeSessions => "practiceSessions",
            Section::JournalEntries => "journalEntries",
            Section::Reports => "reports",
            Section::Consents => "consents",
            Section::Requests => "requests",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Writes an export document item by item. Sections are written in the order of [`Section::ALL`]: items of
/// a section may come in any number, but once a later section has started an earlier one cannot be resumed
/// (`gdpr.export.out_of_order`). Sections never written are written empty by [`finish`](Self::finish).
///
/// If any call fails the document is incomplete: discard what the sink received.
pub struct ExportWriter<W: Write> {
    sink: W,
    buf: Vec<u8>,
    subject: UserId,
    /// The subject's id as text, computed once: every journal entry's decryption contexts name it.
    subject_text: IdText,
    /// The section whose array is open, if any.
    open: Option<Section>,
    /// The next section that may still be opened.
    next: usize,
    counts: [u64; 5],
    item_written: bool,
}

impl<W: Write> ExportWriter<W> {
    /// Starts the document for `profile`, generated at `generated_at`: writes the header and the profile.
    pub fn begin(sink: W, profile: &User, generated_at: DateTime<Utc>) -> Result<Self> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Header<'a> {
            format: &'static str,
            version: u32,
            generated_at: DateTime<Utc>,
            subject: UserId,
            profile: &'a User,
        }
        let mut w = ExportWriter {
            sink,
            buf: Vec::with_capacity(FLUSH_AT + 4096),
            subject: profile.id(),
            subject_text: IdText::of(profile.id().as_uuid()),
            open: None,
            next: 0,
            counts: [0; 5],
            item_written: false,
        };
        let header = Header {
            format: EXPORT_FORMAT,
            version: EXPORT_VERSION,
            generated_at,
            subject: profile.id(),
            profile,
        };
        serde_json::to_writer(&mut w.buf, &header).map_err(|_| Error::ExportWrite(std::io::ErrorKind::InvalidData))?;
        // Reopen the header object: the sections follow as further members.
        w.buf.pop();
        Ok(w)
    }

    /// The person the export is for.
    pub fn subject(&self) -> UserId {
        self.subject
    }

    /// Writes one practice session of the person.
    pub fn practice_session(&mut self, session: &PracticeSession) -> Result<()> {
        self.owned(session.user_id())?;
        self.item(Section::PracticeSessions, session)
    }

    /// Decrypts one stored journal entry with the person's data key and writes it in clear.
    ///
    /// # Errors
    /// `gdpr.export.foreign_record` when the entry or the key belongs to someone else,
    /// `gdpr.export.decrypt_failed` when a field does not open or does not decode, `gdpr.export.out_of_order`
    /// after a later section, `gdpr.export.write_failed` when the sink refuses.
    pub fn journal_entry(&mut self, stored: &SealedJournalEntry, key: &DataKey) -> Result<()> {
        self.owned(stored.user_id)?;
        if key.user_id() != self.subject_text.as_str() {
            return Err(Error::ExportForeignRecord);
        }
        let entry = stored.open_as(key, &self.subject_text)?;
        self.journal_item(&entry)
    }

    /// Writes a journal entry already in clear (on a device that decrypted it itself).
    ///
    /// # Errors
    /// As [`journal_entry`](Self::journal_entry), decryption aside.
    pub fn journal_entry_in_clear(&mut self, entry: &JournalEntry) -> Result<()> {
        self.owned(entry.user_id())?;
        self.journal_item(entry)
    }

    /// Writes one emotion report of the person.
    pub fn report(&mut self, report: &EmotionReport) -> Result<()> {
        self.owned(report.user_id)?;
        self.item(Section::Reports, report)
    }

    /// Writes the person's consent history, every record.
    pub fn consents(&mut self, ledger: &ConsentLedger) -> Result<()> {
        self.owned(ledger.subject())?;
        self.enter(Section::Consents)?;
        for record in ledger.records() {
            self.item(Section::Consents, record)?;
        }
        Ok(())
    }

    /// Writes one data-subject request of the person, with its history.
    pub fn request(&mut self, request: &DataSubjectRequest) -> Result<()> {
        self.owned(request.subject())?;
        self.item(Section::Requests, &request.to_record())
    }

    /// Closes the document (writing empty sections for those never written and the summary) and returns the
    /// sink, flushed.
    pub fn finish(mut self) -> Result<W> {
        self.close_open();
        for section in Section::ALL.into_iter().skip(self.next) {
            self.buf.extend_from_slice(b",\"");
            self.buf.extend_from_slice(section.key().as_bytes());
            self.buf.extend_from_slice(b"\":[]");
        }
        let summary = super::document::ExportSummary::from_counts(self.counts);
        self.buf.extend_from_slice(b",\"summary\":");
        serde_json::to_writer(&mut self.buf, &summary)
            .map_err(|_| Error::ExportWrite(std::io::ErrorKind::InvalidData))?;
        self.buf.push(b'}');
        self.sink.write_all(&self.buf)?;
        self.sink.flush()?;
        Ok(self.sink)
    }

    fn owned(&self, user: UserId) -> Result<()> {
        if user == self.subject {
            Ok(())
        } else {
            Err(Error::ExportForeignRecord)
        }
    }

    fn close_open(&mut self) {
        if self.open.take().is_some() {
            self.buf.push(b']');
        }
    }

    /// Makes `section` the open one, closing the current one and writing any skipped ones empty.
    fn enter(&mut self, section: Section) -> Result<()> {
        if self.open == Some(section) {
            return Ok(());
        }
        if section.index() < self.next {
            return Err(Error::ExportOutOfOrder);
        }
        self.close_open();
        for skipped in &Section::ALL[self.next..section.index()] {
            self.buf.extend_from_slice(b",\"");
            self.buf.extend_from_slice(skipped.key().as_bytes());
            self.buf.extend_from_slice(b"\":[]");
        }
        self.buf.extend_from_slice(b",\"");
        self.buf.extend_from_slice(section.key().as_bytes());
        self.buf.extend_from_slice(b"\":[");
        self.open = Some(section);
        self.next = section.index() + 1;
        self.item_written = false;
        Ok(())
    }

    fn item<T: Serialize + ?Sized>(&mut self, section: Section, item: &T) -> Result<()> {
        self.write_item(section, |buf| serde_json::to_writer(buf, item))
    }

    /// A journal entry, through the dedicated writer of [`super::journal_json`] (the same bytes as `serde`).
    fn journal_item(&mut self, entry: &JournalEntry) -> Result<()> {
        self.write_item(Section::JournalEntries, |buf| super::journal_json::write(buf, entry))
    }

    /// Appends one item of `section` with `write`, then hands the buffer to the sink once it is full.
    fn write_item(
        &mut self,
        section: Section,
        write: impl FnOnce(&mut Vec<u8>) -> serde_json::Result<()>,
    ) -> Result<()> {
        self.enter(section)?;
        let mark = self.buf.len();
        if self.item_written {
            self.buf.push(b',');
        }
        if write(&mut self.buf).is_err() {
            self.buf.truncate(mark);
            return Err(Error::ExportWrite(std::io::ErrorKind::InvalidData));
        }
        self.item_written = true;
        self.counts[section.index()] += 1;
        if self.buf.len() >= FLUSH_AT {
            self.sink.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }
}
