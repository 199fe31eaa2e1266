//! Real exports, written by `ExportWriter` from stored (encrypted) data, validate against the committed JSON
//! Schema and read back through `ExportDocument`; broken documents are refused by both.

mod support;

use cesizen_crypto::Keyring;
use cesizen_gdpr::export::{EXPORT_SCHEMA_V1, ExportDocument, ExportWriter};
use cesizen_gdpr::request::{DataSubjectRequest, ExtensionReason, IdentityMethod, Refusal, RefusalReason, RequestKind};
use cesizen_gdpr::{RequestId, request::DeadlinePolicy};
use chrono::Duration;
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(EXPORT_SCHEMA_V1).expect("the schema is JSON");
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

/// A named way of breaking a valid document.
type Breakage = (&'static str, fn(&mut Value));

fn assert_valid(doc: &Value) {
    let v = validator();
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}

#[test]
fn the_committed_schema_file_is_the_one_compiled_in() {
    let on_disk =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema/export-v1.schema.json")).unwrap();
    assert_eq!(on_disk, EXPORT_SCHEMA_V1);
    assert!(jsonschema::meta::is_valid(&serde_json::from_str(&on_disk).unwrap()));
}

#[test]
fn a_full_export_validates_and_holds_every_decrypted_entry() {
    let keyring = Keyring::generate().unwrap();
    let p = support::person(&keyring, 3, 40);
    let bytes = support::export(&p, support::t0() + Duration::days(60));
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    assert_valid(&doc);

    let read = ExportDocument::from_slice(&bytes).unwrap();
    assert_eq!(read.journal_entries, p.entries, "every entry, decrypted, in order");
    assert_eq!(read.practice_sessions, p.sessions);
    assert_eq!(read.profile, p.user);
    assert_eq!(read.consents, p.consents.records());
    assert_eq!(read.summary.journal_entries, 40);
    let text = String::from_utf8(bytes).unwrap();
    for note in support::NOTES {
        assert!(text.contains(note), "the note {note:?} is in the export, in clear");
    }
}

#[test]
fn an_empty_history_and_every_request_shape_validate() {
    let keyring = Keyring::generate().unwrap();
    let p = support::person(&keyring, 4, 0);
    let policy = DeadlinePolicy::default();
    let t = support::t0();
    let mut refused = DataSubjectRequest::receive(
        RequestId::from_parts(t, [1; 10]).unwrap(),
        p.user.id(),
        RequestKind::Erasure,
        t,
    );
    refused.request_identity(t).unwrap();
    refused
        .verify_identity(IdentityMethod::AdditionalInformation, t + Duration::hours(1))
        .unwrap();
    refused
        .extend(ExtensionReason::Complexity, t + Duration::days(2), &policy)
        .unwrap();
    refused
        .refuse(
            Refusal {
                reason: RefusalReason::ErasureLegalClaims,
                remedies_notified: true,
            },
            t + Duration::days(3),
        )
        .unwrap();
    let open = DataSubjectRequest::receive(
        RequestId::from_parts(t, [2; 10]).unwrap(),
        p.user.id(),
        RequestKind::Objection,
        t,
    );

    let mut w = ExportWriter::begin(Vec::new(), &p.user, t).unwrap();
    w.request(&refused).unwrap();
    w.request(&open).unwrap();
    let bytes = w.finish().unwrap();
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    assert_valid(&doc);
    assert_eq!(
        doc["journalEntries"],
        serde_json::json!([]),
        "a section never written is present and empty"
    );
    let read = ExportDocument::from_slice(&bytes).unwrap();
    assert_eq!(DataSubjectRequest::replay(&read.requests[0], &policy).unwrap(), refused);
}

#[test]
fn broken_documents_are_refused_by_the_schema_and_the_reader() {
    let keyring = Keyring::generate().unwrap();
    let p = support::person(&keyring, 5, 5);
    let bytes = support::export(&p, support::t0());
    let good: Value = serde_json::from_slice(&bytes).unwrap();
    let v = validator();
    // Only the schema pins the text form of instants (the reader accepts any RFC 3339 offset: same instant) and
    // the fields inside domain objects (their own deserialisers ignore unknown fields).
    let mut local = good.clone();
    local["generatedAt"] = "2025-01-06T09:00:00+01:00".into();
    assert!(!v.is_valid(&local));
    let mut extra = good.clone();
    extra["profile"]["password"] = "hunter2".into();
    assert!(!v.is_valid(&extra));
    let breakages: [Breakage; 6] = [
        ("intensity 11", |d| d["journalEntries"][0]["intensity"] = 11.into()),
        ("journal section missing", |d| {
            d.as_object_mut().unwrap().remove("journalEntries");
        }),
        ("unknown section", |d| d["diagnoses"] = serde_json::json!([])),
        ("version 2", |d| d["version"] = 2.into()),
        ("refusal without remedies", |d| {
            d["requests"][0]["history"][2] = serde_json::json!({"at": "2025-01-27T08:00:00Z", "event": "refused", "reason": "excessive", "remediesNotified": false});
        }),
        ("unknown consent purpose", |d| {
            d["consents"][0]["purpose"] = "marketing".into()
        }),
    ];
    for (what, breakage) in breakages {
        let mut doc = good.clone();
        breakage(&mut doc);
        assert!(!v.is_valid(&doc), "the schema accepted: {what}");
        let err = ExportDocument::from_slice(&serde_json::to_vec(&doc).unwrap())
            .err()
            .unwrap_or_else(|| panic!("the reader accepted: {what}"));
        assert_eq!(err.code(), "gdpr.export.invalid", "{what}");
    }
    // Consistent with the schema but not with the summary: the reader catches truncation.
    let mut truncated = good.clone();
    truncated["journalEntries"].as_array_mut().unwrap().pop();
    assert!(v.is_valid(&truncated));
    assert!(ExportDocument::from_slice(&serde_json::to_vec(&truncated).unwrap()).is_err());
}

#[test]
fn items_of_another_person_and_out_of_order_sections_are_refused() {
    let keyring = Keyring::generate().unwrap();
    let a = support::person(&keyring, 6, 2);
    let b = support::person(&keyring, 7, 2);
    let mut w = ExportWriter::begin(Vec::new(), &a.user, support::t0()).unwrap();
    assert_eq!(
        w.journal_entry(&b.stored[0], &b.key).unwrap_err().code(),
        "gdpr.export.foreign_record"
    );
    assert_eq!(
        w.journal_entry(&a.stored[0], &b.key).unwrap_err().code(),
        "gdpr.export.foreign_record"
    );
    w.journal_entry(&a.stored[0], &a.key).unwrap();
    assert_eq!(
        w.practice_session(&a.sessions[0]).unwrap_err().code(),
        "gdpr.export.out_of_order"
    );
    w.journal_entry(&a.stored[1], &a.key).unwrap();
    let doc = ExportDocument::from_slice(&w.finish().unwrap()).unwrap();
    assert_eq!(doc.journal_entries, a.entries);
}

mod arbitrary_histories {
    use super::*;
    use cesizen_core::emotion::{
        BaseEmotion, ContextTag, ContextTags, Emotion, EntryKind, Intensity, JournalEntry, JournalEntryParts,
        JournalNote, Nuance, Valence,
    };
    use cesizen_core::id::JournalEntryId;
    use cesizen_core::user::IanaTimeZone;
    use cesizen_gdpr::sealed::SealedJournalEntry;
    use chrono::{DateTime, TimeZone, Utc};
    use proptest::prelude::*;

    type Parts = (u128, usize, usize, u8, f64, u32, Option<String>, i64, u32, bool);

    fn arb_parts() -> impl Strategy<Value = Parts> {
        (
            1u128..,
            0..EntryKind::ALL.len(),
            0..(Nuance::COUNT + BaseEmotion::COUNT),
            1u8..=10,
            -1.0f64..=1.0,
            any::<u32>(),
            proptest::option::of("\\PC{1,30}|[\\x00-\\x7f]{1,12}"),
            0i64..4_102_444_800, // 1970 to 2100
            prop_oneof![
                Just(0u32),
                (0u32..1000).prop_map(|m| m * 1_000_000),
                0u32..1_000_000_000
            ],
            any::<bool>(),
        )
    }

    fn entry(user: cesizen_core::id::UserId, p: Parts) -> Option<JournalEntry> {
        let (id, kind, emotion, intensity, valence, tags, note, seconds, nanos, montreal) = p;
        let emotion = match Nuance::ALL.get(emotion) {
            Some(n) => Emotion::from_nuance(*n),
            None => Emotion::from_base(BaseEmotion::ALL[emotion - Nuance::COUNT]),
        };
        let context_tags =
            ContextTags::new(ContextTag::ALL.into_iter().filter(|t| tags & (1 << t.index()) != 0)).ok()?;
        Some(JournalEntry::new(JournalEntryParts {
            id: JournalEntryId::from_uuid(uuid::Uuid::from_u128(id)).ok()?,
            user_id: user,
            kind: EntryKind::ALL[kind],
            emotion,
            intensity: Intensity::new(intensity).ok()?,
            valence: Valence::new(valence).ok()?,
            context_tags,
            note: note.and_then(|n| JournalNote::new(n).ok()),
            recorded_at: Utc.timestamp_opt(seconds, nanos).single()?,
            time_zone: if montreal {
                IanaTimeZone::parse("America/Montreal").ok()?
            } else {
                IanaTimeZone::EUROPE_PARIS
            },
        }))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the entries hold (notes with quotes, controls, any script; any time), the decrypting
        /// export validates against the schema, reads back to the same entries, and writes each entry exactly
        /// as `serde_json` would.
        #[test]
        fn any_history_exports_valid_and_reads_back(parts in proptest::collection::vec(arb_parts(), 0..12)) {
            let keyring = Keyring::generate().unwrap();
            let p = support::person(&keyring, 9, 0);
            let entries: Vec<JournalEntry> = parts.into_iter().filter_map(|x| entry(p.user.id(), x)).collect();
            let now: DateTime<Utc> = support::t0();
            let mut writer = ExportWriter::begin(Vec::new(), &p.user, now).unwrap();
            for e in &entries {
                writer.journal_entry(&SealedJournalEntry::seal(e, &p.key).unwrap(), &p.key).unwrap();
            }
            let bytes = writer.finish().unwrap();
            let doc: Value = serde_json::from_slice(&bytes).unwrap();
            prop_assert!(validator().is_valid(&doc));
            prop_assert_eq!(&ExportDocument::from_slice(&bytes).unwrap().journal_entries, &entries);
            let section = format!("\"journalEntries\":{}", serde_json::to_string(&entries).unwrap());
            let text = String::from_utf8(bytes).unwrap();
            prop_assert!(text.contains(&section));
        }
    }
}
