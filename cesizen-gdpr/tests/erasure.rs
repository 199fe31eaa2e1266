//! Provable erasure: after the plan runs, nothing of the person is readable — not in the live store, and not in
//! a backup copy taken before the erasure — while everyone else's data stays intact and readable.
// The helpers below simulate a server's tables; a failing unwrap there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeMap;
use std::io::{Read, Write};

use cesizen_core::id::UserId;
use cesizen_core::practice::PracticeSession;
use cesizen_core::user::User;
use cesizen_crypto::{DataKey, Keyring, WrappedDataKey};
use cesizen_gdpr::audit::AuditTrail;
use cesizen_gdpr::erasure::{ErasurePlan, ErasureTarget, ShreddingState, subject_digest};
use cesizen_gdpr::request::{DataSubjectRequest, DeadlinePolicy, IdentityMethod, RequestKind, RequestRecord};
use cesizen_gdpr::sealed::{SealedJournalEntry, SealedRecord};
use cesizen_gdpr::{ErasureId, RequestId};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use support::Person;

/// The tables a server keeps; every personal record sealed under its owner's data key.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Store {
    profiles: Vec<SealedRecord>,
    sessions: Vec<SealedRecord>,
    entries: Vec<SealedJournalEntry>,
    consents: Vec<SealedRecord>,
    requests: Vec<SealedRecord>,
    logs: Vec<String>,
}

/// The key table, kept apart from the data and out of data backups (see cesizen-crypto's crate docs).
type KeyTable = BTreeMap<String, String>;

fn store(store: &mut Store, keys: &mut KeyTable, p: &Person) {
    let user = p.user.id();
    store
        .profiles
        .push(SealedRecord::seal(user, "profile", &p.user, &p.key).unwrap());
    for s in &p.sessions {
        store
            .sessions
            .push(SealedRecord::seal(user, &s.id().to_string(), s, &p.key).unwrap());
    }
    store.entries.extend(p.stored.iter().cloned());
    store
        .consents
        .push(SealedRecord::seal(user, "consents", p.consents.records(), &p.key).unwrap());
    for r in &p.requests {
        store
            .requests
            .push(SealedRecord::seal(user, &r.id().to_string(), &r.to_record(), &p.key).unwrap());
    }
    store.logs.push(format!("2025-01-06T08:00:00Z sign-in user={user}"));
    store.logs.push("2025-01-06T08:00:01Z health-check ok".into());
    keys.insert(user.to_string(), p.wrapped.to_text());
}

fn backup(keyring: &Keyring, store: &Store) -> Vec<u8> {
    let mut w = keyring.stream_writer(Vec::new()).unwrap();
    w.write_all(&serde_json::to_vec(store).unwrap()).unwrap();
    w.finish().unwrap()
}

fn restore(keyring: &Keyring, bytes: &[u8]) -> (Store, Vec<u8>) {
    let mut plain = Vec::new();
    keyring.stream_reader(bytes).unwrap().read_to_end(&mut plain).unwrap();
    (serde_json::from_slice(&plain).unwrap(), plain)
}

fn live_key(keyring: &Keyring, keys: &KeyTable, user: UserId) -> Option<DataKey> {
    let wrapped = WrappedDataKey::from_text(keys.get(&user.to_string())?).unwrap();
    Some(keyring.unwrap_data_key(&user.to_string(), &wrapped).unwrap())
}

/// Everything of `user` that can be read from `store` with the keys of `keys`.
fn readable(keyring: &Keyring, keys: &KeyTable, store: &Store, user: UserId) -> Vec<String> {
    let Some(key) = live_key(keyring, keys, user) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for r in store.profiles.iter().filter(|r| r.user_id == user) {
        out.push(r.open::<User>(&key).unwrap().email().to_string());
    }
    for r in store.sessions.iter().filter(|r| r.user_id == user) {
        out.push(format!("{:?}", r.open::<PracticeSession>(&key).unwrap().kind()));
    }
    for e in store.entries.iter().filter(|e| e.user_id == user) {
        let e = e.open(&key).unwrap();
        out.push(
            e.note()
                .map_or_else(|| e.emotion().label_en().to_owned(), |n| n.expose().to_owned()),
        );
    }
    for r in store.requests.iter().filter(|r| r.user_id == user) {
        out.push(format!("{:?}", r.open::<RequestRecord>(&key).unwrap().kind));
    }
    out
}

/// Runs the erasure of `p` on the live store, as a server would, and returns the certificate.
fn erase(
    p: Person,
    live: &mut Store,
    keys: &mut KeyTable,
    trail: &mut AuditTrail,
) -> cesizen_gdpr::erasure::ErasureCertificate {
    let user = p.user.id();
    let asked = support::t0() + Duration::days(50);
    let mut request = DataSubjectRequest::receive(
        RequestId::from_parts(asked, [77; 10]).unwrap(),
        user,
        RequestKind::Erasure,
        asked,
    );
    request
        .verify_identity(IdentityMethod::AuthenticatedSession, asked)
        .unwrap();
    let mut plan = ErasurePlan::new(ErasureId::from_parts(asked, [78; 10]).unwrap(), &request, asked).unwrap();
    let at = asked + Duration::hours(1);
    let mut delete = |count: usize, target| plan.record_deleted(target, count as u64, at).unwrap();
    let before = live.entries.len();
    live.entries.retain(|e| e.user_id != user);
    delete(before - live.entries.len(), ErasureTarget::JournalEntries);
    let before = live.sessions.len();
    live.sessions.retain(|r| r.user_id != user);
    delete(before - live.sessions.len(), ErasureTarget::PracticeSessions);
    delete(0, ErasureTarget::Reports); // reports are computed, none stored here
    let before = live.consents.len();
    live.consents.retain(|r| r.user_id != user);
    delete(before - live.consents.len(), ErasureTarget::Consents);
    let before = live.requests.len();
    live.requests.retain(|r| r.user_id != user);
    delete(before - live.requests.len(), ErasureTarget::Requests);
    let before = live.logs.len();
    let needle = user.to_string();
    live.logs.retain(|l| !l.contains(&needle));
    delete(before - live.logs.len(), ErasureTarget::Logs);
    let before = live.profiles.len();
    live.profiles.retain(|r| r.user_id != user);
    delete(before - live.profiles.len(), ErasureTarget::Profile);
    // Crypto-shredding: the unwrapped key is consumed (wiped), the stored wrapped key deleted.
    let kek = p.wrapped.kek_id().get();
    plan.crypto_shred(p.key, at).unwrap();
    keys.remove(&user.to_string());
    // The deleted wrapped key lingers in the key table's freed pages and backups until its KEK is destroyed:
    // here the custody destroys it a week on, when the last backup needing it expires.
    plan.shredding_final_by(kek, at + Duration::days(7), &DeadlinePolicy::default())
        .unwrap();
    let certificate = plan.certify(trail, "system", at + Duration::minutes(1)).unwrap();
    request.complete(at + Duration::minutes(1)).unwrap();
    certificate
}

#[test]
fn nothing_of_the_person_stays_readable_not_even_in_a_backup_taken_before() {
    let keyring = Keyring::generate().unwrap();
    let camille = support::person(&keyring, 11, 30);
    let dominique = support::person(&keyring, 12, 30);
    let (erased, kept) = (camille.user.id(), dominique.user.id());
    let secrets: Vec<String> = support::NOTES
        .iter()
        .map(|n| n.to_string())
        .chain([camille.user.email().to_string(), "Camille".into()])
        .collect();

    let (mut live, mut keys) = (Store::default(), KeyTable::new());
    store(&mut live, &mut keys, &camille);
    store(&mut live, &mut keys, &dominique);
    let backup_before = backup(&keyring, &live);

    // Before: the backup holds Camille's data, readable with her key (the test can see a failure).
    let (snapshot, _) = restore(&keyring, &backup_before);
    let before = readable(&keyring, &keys, &snapshot, erased);
    assert!(before.iter().any(|s| s == support::NOTES[0]));
    assert!(before.contains(&camille.user.email().to_string()));

    let mut trail = AuditTrail::new();
    let certificate = erase(camille, &mut live, &mut keys, &mut trail);

    // Live store: no trace of Camille at all, not even her id; Dominique untouched.
    let live_json = serde_json::to_string(&live).unwrap();
    assert!(
        !live_json.contains(&erased.to_string()),
        "the live store still names the erased person"
    );
    assert!(!keys.contains_key(&erased.to_string()));
    assert_eq!(readable(&keyring, &keys, &live, kept).len(), 3 + 30 + 1 + 1);

    // The backup taken before: still a valid backup (Dominique restores), but Camille's part is ciphertext
    // under a destroyed key.
    let (snapshot, plain) = restore(&keyring, &backup_before);
    assert!(
        readable(&keyring, &keys, &snapshot, erased).is_empty(),
        "no key left for the erased person"
    );
    assert_eq!(readable(&keyring, &keys, &snapshot, kept).len(), 3 + 30 + 1 + 1);
    let plain = String::from_utf8(plain).unwrap();
    for secret in &secrets {
        assert!(!plain.contains(secret.as_str()), "{secret:?} is in clear in the backup");
        let raw = String::from_utf8_lossy(&backup_before);
        assert!(!raw.contains(secret.as_str()));
    }
    // Not even with a key made up for her (an operator with the keyring): envelopes name their key.
    let (forged_key, _) = keyring.generate_data_key(&erased.to_string()).unwrap();
    for e in snapshot.entries.iter().filter(|e| e.user_id == erased) {
        assert_eq!(e.open(&forged_key).unwrap_err().code(), "gdpr.export.decrypt_failed");
    }
    for r in snapshot.profiles.iter().filter(|r| r.user_id == erased) {
        assert_eq!(
            r.open::<User>(&forged_key).unwrap_err().code(),
            "gdpr.export.decrypt_failed"
        );
    }
    // What stays in clear in the old backup: ids, and the times and zones of journal entries (retention
    // needs them without keys). Nothing else mentions the person.
    let residue: Vec<&str> = plain.matches(&erased.to_string()).collect();
    // One id per record: profile, 3 sessions, 30 entries, consents, 1 request, 1 log line (logs expire under
    // their own retention rule).
    assert_eq!(
        residue.len(),
        1 + 3 + 30 + 1 + 1 + 1,
        "the id appears once per record, nothing more"
    );

    // The certificate: complete, chained into the audit trail, naming no one.
    certificate.verify(trail.entries()).unwrap();
    assert_eq!(certificate.body.subject_digest, subject_digest(erased));
    assert!(certificate.body.steps.iter().all(|s| s.done_at.is_some()));
    let journal = certificate
        .body
        .steps
        .iter()
        .find(|s| s.target == ErasureTarget::JournalEntries)
        .unwrap();
    assert_eq!(journal.records, 30);
    let asked = support::t0() + Duration::days(50);
    assert_eq!(certificate.body.removed_from_live_at, asked + Duration::hours(1));
    assert_eq!(
        certificate.body.wrapping_kek_id,
        dominique.wrapped.kek_id().get(),
        "one keyring wrapped both"
    );
    let by = certificate.body.unrecoverable_by;
    assert_eq!(by, asked + Duration::hours(1) + Duration::days(7));
    assert_eq!(
        certificate.shredding_state(by - Duration::days(1), false),
        ShreddingState::Pending { unrecoverable_by: by }
    );
    assert_eq!(certificate.shredding_state(by, true), ShreddingState::Complete);
    assert!(
        !serde_json::to_string(&certificate)
            .unwrap()
            .contains(&erased.to_string())
    );
    let stored: cesizen_gdpr::erasure::ErasureCertificate =
        serde_json::from_str(&serde_json::to_string(&certificate).unwrap()).unwrap();
    stored.verify(trail.entries()).unwrap();
}
