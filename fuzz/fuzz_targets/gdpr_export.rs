//! GDPR export documents (what a person takes away and may bring back, or what an auditor checks): any bytes are
//! a valid version-1 export of one person or `gdpr.export.invalid`, never a panic.
#![no_main]

use cesizen_gdpr::export::ExportDocument;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(document) = ExportDocument::from_slice(data) {
        // Accepted means checked: one person throughout, and a summary that counts the sections.
        assert!(document.journal_entries.iter().all(|e| e.user_id() == document.subject));
        assert_eq!(document.summary.journal_entries, document.journal_entries.len() as u64);
    }
});
