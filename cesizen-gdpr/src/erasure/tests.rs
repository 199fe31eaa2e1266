use super::*;
use crate::request::{ExtensionReason, IdentityMethod, InternalTargets};
use cesizen_crypto::Keyring;
use chrono::{Duration, TimeZone};
use proptest::prelude::*;

fn t() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap()
}

/// An erasure request received at `received`, identity verified, and its plan started then.
fn plan_at(received: DateTime<Utc>) -> (ErasurePlan, DataSubjectRequest) {
    let user = UserId::from_parts(received, [1; 10]).unwrap();
    let mut r = DataSubjectRequest::receive(
        RequestId::from_parts(received, [2; 10]).unwrap(),
        user,
        RequestKind::Erasure,
        received,
    );
    r.verify_identity(IdentityMethod::AuthenticatedSession, received)
        .unwrap();
    let plan = ErasurePlan::new(ErasureId::from_parts(received, [3; 10]).unwrap(), &r, received).unwrap();
    (plan, r)
}

fn setup() -> (ErasurePlan, DataKey, UserId) {
    let (plan, r) = plan_at(t());
    let (key, _) = Keyring::generate()
        .unwrap()
        .generate_data_key(&r.subject().to_string())
        .unwrap();
    (plan, key, r.subject())
}

/// The plan's erasure deadline for a request received at `t()`: received + 30 days of 24 hours.
fn deadline() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 4, 2, 9, 0, 0).unwrap()
}

const KEK: u32 = 7;

#[test]
fn only_an_erasure_request_in_progress_can_be_planned() {
    let user = UserId::from_parts(t(), [1; 10]).unwrap();
    let mut r = DataSubjectRequest::receive(RequestId::new(t()).unwrap(), user, RequestKind::Erasure, t());
    assert!(
        ErasurePlan::new(ErasureId::new(t()).unwrap(), &r, t()).is_err(),
        "identity not verified"
    );
    r.verify_identity(IdentityMethod::AuthenticatedSession, t()).unwrap();
    assert!(ErasurePlan::new(ErasureId::new(t()).unwrap(), &r, t()).is_ok());
    let mut a = DataSubjectRequest::receive(RequestId::new(t()).unwrap(), user, RequestKind::Access, t());
    a.verify_identity(IdentityMethod::AuthenticatedSession, t()).unwrap();
    assert!(ErasurePlan::new(ErasureId::new(t()).unwrap(), &a, t()).is_err());
}

#[test]
fn the_plan_covers_every_category_and_certifies_only_when_complete() {
    let (mut plan, key, user) = setup();
    let targets: Vec<_> = plan.steps().iter().map(|s| s.target).collect();
    assert_eq!(targets.len(), 9);
    let mut trail = AuditTrail::new();
    // The key cannot be shredded while live records remain: they would become undeletable garbage.
    let (_, key2, _) = setup();
    assert_eq!(
        plan.crypto_shred(key2, t()).unwrap_err().code(),
        "gdpr.erasure.incomplete"
    );
    for target in ErasureTarget::DELETED {
        plan.record_deleted(target, 2, t() + Duration::minutes(1)).unwrap();
    }
    assert_eq!(plan.remaining().count(), 2);
    let other = UserId::from_parts(t(), [9; 10]).unwrap();
    let (other_key, _) = Keyring::generate()
        .unwrap()
        .generate_data_key(&other.to_string())
        .unwrap();
    assert_eq!(
        plan.crypto_shred(other_key, t()).unwrap_err().code(),
        "gdpr.erasure.key_not_destroyed"
    );
    plan.crypto_shred(key, t() + Duration::minutes(2)).unwrap();
    let remaining: Vec<_> = plan.remaining().map(|s| (s.target, s.action)).collect();
    assert_eq!(
        remaining,
        [(ErasureTarget::Backups, ErasureAction::UnrecoverableByKeyDestruction)],
        "crypto-shredding alone does not make the copies unrecoverable"
    );
    let unrecoverable_by = t() + Duration::days(8);
    plan.shredding_final_by(KEK, unrecoverable_by, &DeadlinePolicy::default())
        .unwrap();
    let cert = plan.certify(&mut trail, "system", t() + Duration::minutes(3)).unwrap();
    cert.verify(trail.entries()).unwrap();
    assert_eq!(cert.body.format, "cesizen.erasure-certificate.v2");
    assert_eq!(cert.body.subject_digest, subject_digest(user));
    assert_eq!(cert.body.removed_from_live_at, t() + Duration::minutes(2));
    assert_eq!(cert.body.unrecoverable_by, unrecoverable_by);
    assert_eq!(cert.body.wrapping_kek_id, KEK);
    let backups = cert
        .body
        .steps
        .iter()
        .find(|s| s.target == ErasureTarget::Backups)
        .unwrap();
    assert_eq!((backups.done_at, backups.records), (Some(unrecoverable_by), 0));
    assert!(cert.completed_by(t() + Duration::days(30)));
    let json = serde_json::to_string(&cert).unwrap();
    assert!(
        !json.contains(&user.to_string()),
        "the certificate does not name the person"
    );
    let details = &trail.entries()[0].details;
    assert_eq!(details["records.journal_entries"], "2");
    assert_eq!(details["removedFromLiveAt"], "2025-03-03T09:02:00Z");
    assert_eq!(details["unrecoverableBy"], "2025-03-11T09:00:00Z");
    assert_eq!(details["wrappingKek"], "7");
}

#[test]
fn an_incomplete_plan_is_not_certified() {
    let (mut plan, _key, _) = setup();
    plan.record_deleted(ErasureTarget::JournalEntries, 1, t()).unwrap();
    let mut trail = AuditTrail::new();
    let err = plan.certify(&mut trail, "system", t()).unwrap_err();
    assert_eq!(
        err,
        Error::ErasureIncomplete {
            category: "practice_sessions"
        }
    );
    assert!(trail.is_empty());
}

#[test]
fn certifying_without_the_shredding_instant_is_refused_for_the_backups() {
    let (mut plan, key, _) = setup();
    for target in ErasureTarget::DELETED {
        plan.record_deleted(target, 1, t()).unwrap();
    }
    plan.crypto_shred(key, t()).unwrap();
    let mut trail = AuditTrail::new();
    let err = plan.certify(&mut trail, "system", t()).unwrap_err();
    assert_eq!(err, Error::ErasureIncomplete { category: "backups" });
    assert!(trail.is_empty());
}

#[test]
fn a_shredding_after_the_erasure_deadline_is_refused_with_that_deadline() {
    let policy = DeadlinePolicy::default();
    assert_eq!(
        policy.internal_due(RequestKind::Erasure, t()).unwrap(),
        Some(deadline())
    );
    let (mut plan, _) = plan_at(t());
    let late = deadline() + Duration::nanoseconds(1);
    let err = plan.shredding_final_by(KEK, late, &policy).unwrap_err();
    assert_eq!(
        err,
        Error::ErasureShreddingTooLate {
            unrecoverable_by: late,
            deadline: deadline(),
        }
    );
    assert_eq!(err.code(), "gdpr.erasure.shredding_too_late");
    assert_eq!(plan.remaining().count(), 9, "a refused instant is not recorded");
    // The internal target is met up to and including its instant.
    plan.shredding_final_by(KEK, deadline(), &policy).unwrap();
}

#[test]
fn a_shredding_before_the_plan_or_its_crypto_shredding_is_a_time_regression() {
    let policy = DeadlinePolicy::default();
    let (mut plan, key, _) = setup();
    let err = plan
        .shredding_final_by(KEK, t() - Duration::seconds(1), &policy)
        .unwrap_err();
    assert_eq!(err, Error::TimeRegression);
    for target in ErasureTarget::DELETED {
        plan.record_deleted(target, 1, t()).unwrap();
    }
    let shredded = t() + Duration::hours(1);
    plan.crypto_shred(key, shredded).unwrap();
    // Unrecoverable before the data even left the live store: a contradiction, refused.
    let err = plan
        .shredding_final_by(KEK, shredded - Duration::seconds(1), &policy)
        .unwrap_err();
    assert_eq!(err, Error::TimeRegression);
    plan.shredding_final_by(KEK, shredded, &policy).unwrap();
}

#[test]
fn a_crypto_shredding_after_the_recorded_shredding_instant_is_a_time_regression() {
    let (mut plan, key, _) = setup();
    plan.shredding_final_by(KEK, t() + Duration::days(1), &DeadlinePolicy::default())
        .unwrap();
    for target in ErasureTarget::DELETED {
        plan.record_deleted(target, 1, t()).unwrap();
    }
    let err = plan.crypto_shred(key, t() + Duration::days(2)).unwrap_err();
    assert_eq!(err, Error::TimeRegression);
}

#[test]
fn without_an_internal_target_the_legal_deadline_bounds_the_shredding() {
    let policy = DeadlinePolicy {
        internal_targets: InternalTargets {
            erasure: None,
            ..InternalTargets::default()
        },
        ..DeadlinePolicy::default()
    };
    // Received 31 January: the legal month ends with 28 February in Paris (1 March 00:00 CET = 23:00 UTC),
    // the first instant that misses it.
    let received = Utc.with_ymd_and_hms(2025, 1, 31, 10, 0, 0).unwrap();
    let legal_due = Utc.with_ymd_and_hms(2025, 2, 28, 23, 0, 0).unwrap();
    let (mut plan, mut request) = plan_at(received);
    assert_eq!(
        plan.shredding_final_by(KEK, legal_due, &policy).unwrap_err(),
        Error::ErasureShreddingTooLate {
            unrecoverable_by: legal_due,
            deadline: legal_due,
        }
    );
    plan.shredding_final_by(KEK, legal_due - Duration::nanoseconds(1), &policy)
        .unwrap();
    // Extended before the plan was made: three months (30 April in Paris, 22:00 UTC in summer time).
    request.extend(ExtensionReason::Complexity, received, &policy).unwrap();
    let mut extended = ErasurePlan::new(ErasureId::from_parts(received, [4; 10]).unwrap(), &request, received).unwrap();
    extended.shredding_final_by(KEK, legal_due, &policy).unwrap();
    let err = extended
        .shredding_final_by(KEK, Utc.with_ymd_and_hms(2025, 4, 30, 22, 0, 0).unwrap(), &policy)
        .unwrap_err();
    assert_eq!(err.code(), "gdpr.erasure.shredding_too_late");
}

#[test]
fn a_forged_certificate_or_trail_does_not_verify() {
    let mut trail = AuditTrail::new();
    trail
        .append(t(), AuditEvent::new("system", AuditAction::RequestReceived).unwrap())
        .unwrap();
    let cert = completed_plan().certify(&mut trail, "system", t()).unwrap();
    let mut forged = cert.clone();
    forged.body.steps[0].records = 4;
    assert_eq!(forged.verify(trail.entries()).unwrap_err().code(), "gdpr.audit.broken");
    let mut later = cert.clone();
    later.body.unrecoverable_by += Duration::days(1);
    assert_eq!(later.verify(trail.entries()).unwrap_err().code(), "gdpr.audit.broken");
    let mut entries = trail.entries().to_vec();
    entries[0].actor = "x".into();
    assert!(cert.verify(&entries).is_err());
    assert!(
        cert.verify(&trail.entries()[..1]).is_err(),
        "the certifying entry was removed"
    );
}

#[test]
fn only_its_certifying_entry_certifies_a_certificate() {
    let mut trail = AuditTrail::new();
    trail
        .append(t(), AuditEvent::new("system", AuditAction::RequestReceived).unwrap())
        .unwrap();
    let cert = completed_plan().certify(&mut trail, "system", t()).unwrap();
    let [received, certifying] = trail.entries() else {
        panic!("two entries")
    };
    assert!(cert.certified_by(certifying).is_ok());
    assert_eq!(cert.certified_by(received).unwrap_err().code(), "gdpr.audit.broken");
    let mut forged = cert.clone();
    forged.body.steps[0].records = 4;
    assert!(forged.certified_by(certifying).is_err());
    let mut moved = certifying.clone();
    moved.index += 1;
    assert!(cert.certified_by(&moved).is_err());
}

/// A plan with every step done: deleted and shredded at `t()`, unrecoverable by `t()` + 8 days.
fn completed_plan() -> ErasurePlan {
    let (mut plan, key, _) = setup();
    for target in ErasureTarget::DELETED {
        plan.record_deleted(target, 5, t()).unwrap();
    }
    plan.crypto_shred(key, t()).unwrap();
    plan.shredding_final_by(KEK, t() + Duration::days(8), &DeadlinePolicy::default())
        .unwrap();
    plan
}

#[test]
fn certifying_after_a_stored_head_gives_what_certifying_in_memory_gives() {
    let mut trail = AuditTrail::new();
    trail
        .append(t(), AuditEvent::new("system", AuditAction::RequestReceived).unwrap())
        .unwrap();
    let head = ChainHead::after(&trail.entries()[0]).unwrap();
    let at = t() + Duration::minutes(4);
    let (stored, entry) = completed_plan().certify_after(&head, "system", at).unwrap();
    assert_eq!((entry.index, entry.prev_hash, entry.at), (1, head.hash(), at));
    assert_eq!((stored.audit_index, stored.audit_hash), (entry.index, entry.hash));
    assert_eq!(stored.body.completed_at, at);
    let mut continued = trail.clone();
    let in_memory = completed_plan().certify(&mut continued, "system", at).unwrap();
    // Each plan destroyed a key of its own (a random id): the rest is the same.
    assert_eq!(stored.body.steps, in_memory.body.steps);
    assert_eq!(stored.audit_index, in_memory.audit_index);
    assert_eq!(
        (stored.body.unrecoverable_by, stored.body.wrapping_kek_id),
        (in_memory.body.unrecoverable_by, in_memory.body.wrapping_kek_id)
    );
    let mut entries = trail.entries().to_vec();
    entries.push(entry);
    stored.verify(&entries).unwrap();
    AuditTrail::from_entries(entries).unwrap();
    // Before the head's time: refused, not re-dated (the certificate repeats the entry's time).
    let err = completed_plan()
        .certify_after(&head, "system", t() - Duration::seconds(1))
        .unwrap_err();
    assert_eq!(err.code(), "gdpr.time.regression");
    let incomplete = setup().0.certify_after(&head, "system", at).unwrap_err();
    assert_eq!(incomplete.code(), "gdpr.erasure.incomplete");
}

#[test]
fn the_v2_body_round_trips_with_its_two_instants_in_camel_case() {
    let mut trail = AuditTrail::new();
    let cert = completed_plan()
        .certify(&mut trail, "system", t() + Duration::minutes(1))
        .unwrap();
    let json = serde_json::to_string(&cert.body).unwrap();
    // The digest is taken over this text: the fields in this order, the instants in RFC 3339.
    let keys = [
        "\"format\":\"cesizen.erasure-certificate.v2\"",
        "\"erasure\":",
        "\"request\":",
        "\"subjectDigest\":",
        "\"requestedAt\":\"2025-03-03T09:00:00Z\"",
        "\"removedFromLiveAt\":\"2025-03-03T09:00:00Z\"",
        "\"completedAt\":\"2025-03-03T09:01:00Z\"",
        "\"unrecoverableBy\":\"2025-03-11T09:00:00Z\"",
        "\"steps\":",
        "\"dataKeyId\":",
        "\"wrappingKekId\":7}",
    ];
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| json.find(k).unwrap_or_else(|| panic!("{k} missing from {json}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
    assert!(json.contains(
        "{\"target\":\"backups\",\"action\":\"unrecoverable_by_key_destruction\",\
         \"doneAt\":\"2025-03-11T09:00:00Z\",\"records\":0}"
    ));
    let back: CertificateBody = serde_json::from_str(&json).unwrap();
    assert_eq!(back, cert.body);
    assert_eq!(back.digest().unwrap(), cert.digest);
    // deny_unknown_fields holds, and a body without the new instants (v1's shape) is refused.
    let extra = json.replacen('{', "{\"extra\":1,", 1);
    assert!(serde_json::from_str::<CertificateBody>(&extra).is_err());
    let mut v1 = serde_json::to_value(&cert.body).unwrap();
    let fields = v1.as_object_mut().unwrap();
    for key in ["removedFromLiveAt", "unrecoverableBy", "wrappingKekId"] {
        fields.remove(key);
    }
    assert!(serde_json::from_value::<CertificateBody>(v1).is_err());
}

#[test]
fn the_shredding_state_is_complete_pending_or_overdue() {
    let mut trail = AuditTrail::new();
    let cert = completed_plan().certify(&mut trail, "system", t()).unwrap();
    let by = t() + Duration::days(8);
    assert_eq!(
        cert.shredding_state(by - Duration::seconds(1), false),
        ShreddingState::Pending { unrecoverable_by: by }
    );
    assert_eq!(
        cert.shredding_state(by, false),
        ShreddingState::Overdue { unrecoverable_by: by },
        "at the instant itself the KEK should be gone"
    );
    assert_eq!(
        cert.shredding_state(by - Duration::days(1), true),
        ShreddingState::Complete
    );
    assert_eq!(
        cert.shredding_state(by + Duration::days(1), true),
        ShreddingState::Complete
    );
    let json = |s| serde_json::to_string(&s).unwrap();
    assert_eq!(json(ShreddingState::Complete), r#"{"state":"complete"}"#);
    assert_eq!(
        json(ShreddingState::Pending { unrecoverable_by: by }),
        r#"{"state":"pending","unrecoverableBy":"2025-03-11T09:00:00Z"}"#
    );
    assert_eq!(
        json(ShreddingState::Overdue { unrecoverable_by: by }),
        r#"{"state":"overdue","unrecoverableBy":"2025-03-11T09:00:00Z"}"#
    );
}

/// Offsets from receipt around the 30-day deadline, its exact instant and its neighbours included.
fn arb_offset() -> impl Strategy<Value = Duration> {
    let day = 86_400_000_000_000i64;
    prop_oneof![
        (-2 * day..35 * day).prop_map(Duration::nanoseconds),
        (-2i64..=2).prop_map(move |n| Duration::nanoseconds(30 * day + n)),
        (-2i64..=2).prop_map(Duration::nanoseconds),
    ]
}

proptest! {
    /// `shredding_final_by` accepts an instant from the plan's start exactly when it meets the policy's
    /// erasure deadline, and refuses it otherwise with that deadline.
    #[test]
    fn the_shredding_is_accepted_iff_it_meets_the_erasure_deadline(
        received in 946_684_800i64..4_102_444_800, offset in arb_offset(),
    ) {
        let policy = DeadlinePolicy::default();
        let received = DateTime::from_timestamp(received, 0).unwrap();
        let due = policy.internal_due(RequestKind::Erasure, received).unwrap().unwrap();
        let (mut plan, _) = plan_at(received);
        let by = received + offset;
        let result = plan.shredding_final_by(KEK, by, &policy);
        if by < received {
            prop_assert_eq!(result, Err(Error::TimeRegression));
        } else if by <= due {
            prop_assert_eq!(result, Ok(()));
            prop_assert_eq!(plan.remaining().count(), 8);
        } else {
            prop_assert_eq!(result, Err(Error::ErasureShreddingTooLate { unrecoverable_by: by, deadline: due }));
            prop_assert_eq!(plan.remaining().count(), 9);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    /// Complete iff the KEK is destroyed; otherwise pending iff `now` is before the committed instant.
    #[test]
    fn the_shredding_state_follows_the_kek_and_the_instant(
        by in -10_000_000_000i64..10_000_000_000, now in -10_000_000_000i64..10_000_000_000,
        kek_destroyed in any::<bool>(),
    ) {
        let mut cert = certificate();
        cert.body.unrecoverable_by = t() + Duration::milliseconds(by);
        let now = t() + Duration::milliseconds(now);
        let state = cert.shredding_state(now, kek_destroyed);
        prop_assert_eq!(state == ShreddingState::Complete, kek_destroyed);
        if !kek_destroyed {
            let unrecoverable_by = cert.body.unrecoverable_by;
            let expected = if now < unrecoverable_by {
                ShreddingState::Pending { unrecoverable_by }
            } else {
                ShreddingState::Overdue { unrecoverable_by }
            };
            prop_assert_eq!(state, expected);
        }
    }
}

/// One certificate, issued once for the property tests (a keyring per case would only slow them down).
fn certificate() -> ErasureCertificate {
    static CERTIFICATE: std::sync::OnceLock<ErasureCertificate> = std::sync::OnceLock::new();
    CERTIFICATE
        .get_or_init(|| {
            let mut trail = AuditTrail::new();
            completed_plan().certify(&mut trail, "system", t()).unwrap()
        })
        .clone()
}
