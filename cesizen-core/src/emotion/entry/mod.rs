//! Journal entries and their validated parts.

mod context_tag;
mod entry_kind;
mod intensity;
mod journal_entry;
mod journal_entry_input;
mod note;
mod sensitive_text;
mod valence;

pub use context_tag::{ContextTag, ContextTags};
pub use entry_kind::EntryKind;
pub use intensity::Intensity;
pub use journal_entry::{JournalEntry, JournalEntryParts, ValidatedJournalEntry};
pub use journal_entry_input::{EmotionInput, JournalEntryInput};
pub use note::JournalNote;
pub use sensitive_text::SensitiveText;
pub use valence::Valence;
