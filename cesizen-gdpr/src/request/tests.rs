use super::*;
use crate::id::RequestId;
use cesizen_core::id::UserId;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}
fn request(kind: RequestKind, at: DateTime<Utc>) -> DataSubjectRequest {
    DataSubjectRequest::receive(
        RequestId::from_parts(at, [1; 10]).unwrap(),
        UserId::from_uuid(uuid::Uuid::from_u128(5)).unwrap(),
        kind,
        at,
    )
}
fn refusal(reason: RefusalReason) -> Refusal {
    Refusal {
        reason,
        remedies_notified: true,
    }
}

#[test]
fn illegal_transitions_are_refused_and_leave_the_request_unchanged() {
    let t = utc(2025, 3, 1, 9);
    let mut r = request(RequestKind::Erasure, t);
    assert_eq!(r.complete(t).unwrap_err().code(), "gdpr.request.identity_unverified");
    r.request_identity(t).unwrap();
    assert_eq!(
        r.request_identity(t).unwrap_err().code(),
        "gdpr.request.illegal_transition"
    );
    r.verify_identity(IdentityMethod::AdditionalInformation, t + Duration::hours(2))
        .unwrap();
    assert_eq!(r.state(), RequestState::InProgress);
    let before = r.clone();
    assert_eq!(r.complete(t).unwrap_err().code(), "gdpr.time.regression");
    assert_eq!(r, before);
    r.complete(t + Duration::days(3)).unwrap();
    for e in [
        r.clone().withdraw(t + Duration::days(4)).unwrap_err(),
        r.clone()
            .refuse(refusal(RefusalReason::Excessive), t + Duration::days(4))
            .unwrap_err(),
        r.clone()
            .verify_identity(IdentityMethod::EmailConfirmation, t + Duration::days(4))
            .unwrap_err(),
    ] {
        assert_eq!(e.code(), "gdpr.request.illegal_transition");
    }
}

#[test]
fn a_refusal_needs_an_applicable_reason_and_the_remedies() {
    let t = utc(2025, 3, 1, 9);
    let mut r = request(RequestKind::Access, t);
    let silent = Refusal {
        reason: RefusalReason::Excessive,
        remedies_notified: false,
    };
    assert_eq!(
        r.refuse(silent, t).unwrap_err().code(),
        "gdpr.request.refusal_incomplete"
    );
    assert_eq!(
        r.refuse(refusal(RefusalReason::ErasureLegalClaims), t)
            .unwrap_err()
            .code(),
        "gdpr.request.refusal_reason_inapplicable"
    );
    r.refuse(refusal(RefusalReason::ManifestlyUnfounded), t).unwrap();
    assert_eq!(r.state(), RequestState::Refused);
    assert_eq!(r.refusal().unwrap().reason, RefusalReason::ManifestlyUnfounded);
}

#[test]
fn the_legal_deadline_is_one_calendar_month_and_three_when_extended() {
    let policy = DeadlinePolicy::default();
    // 31 January 2025, 10:00 Paris.
    let t = utc(2025, 1, 31, 9);
    let mut r = request(RequestKind::Restriction, t);
    r.verify_identity(IdentityMethod::AuthenticatedSession, t).unwrap();
    let a = assess(&r, &policy, t).unwrap();
    assert_eq!(a.legal_due_date, NaiveDate::from_ymd_opt(2025, 2, 28).unwrap());
    assert_eq!(a.legal.due_at, utc(2025, 2, 28, 23)); // 1 March 00:00 Paris (UTC+1)
    assert_eq!(a.internal, None, "restriction has no internal target in the plan");

    // Telling the person on the last day of the first month is in time; the day after is not.
    let late = r
        .clone()
        .extend(ExtensionReason::Complexity, utc(2025, 2, 28, 23), &policy)
        .unwrap_err();
    assert_eq!(late.code(), "gdpr.request.extension_late");
    r.extend(ExtensionReason::Complexity, utc(2025, 2, 28, 22), &policy)
        .unwrap();
    assert_eq!(
        r.extend(ExtensionReason::NumberOfRequests, utc(2025, 2, 28, 22), &policy)
            .unwrap_err()
            .code(),
        "gdpr.request.already_extended"
    );
    let a = assess(&r, &policy, utc(2025, 3, 15, 0)).unwrap();
    assert_eq!(a.legal_due_date, NaiveDate::from_ymd_opt(2025, 4, 30).unwrap());
    assert_eq!(a.legal.due_at, utc(2025, 4, 30, 22)); // 1 May 00:00 Paris (UTC+2)
    assert_eq!(a.legal.status, TimerStatus::OnTrack);
}

#[test]
fn a_refusal_is_due_in_the_first_month_even_after_an_extension() {
    let policy = DeadlinePolicy::default();
    let t = utc(2025, 5, 5, 9);
    let mut r = request(RequestKind::Objection, t);
    r.verify_identity(IdentityMethod::AuthenticatedSession, t).unwrap();
    r.extend(ExtensionReason::Complexity, t + Duration::days(3), &policy)
        .unwrap();
    r.refuse(refusal(RefusalReason::CompellingLegitimateGrounds), utc(2025, 6, 20, 9))
        .unwrap();
    let a = assess(&r, &policy, utc(2025, 6, 21, 9)).unwrap();
    assert_eq!(a.legal_due_date, NaiveDate::from_ymd_opt(2025, 6, 5).unwrap());
    assert_eq!(a.legal.status, TimerStatus::Missed);
}

#[test]
fn internal_targets_of_the_plan() {
    let policy = DeadlinePolicy::default();
    let t = utc(2025, 3, 3, 9);
    let open = |kind, hours| assess(&request(kind, t), &policy, t + Duration::hours(hours)).unwrap();
    let status = |a: Assessment| a.internal.unwrap().status;
    assert_eq!(status(open(RequestKind::Access, 35)), TimerStatus::OnTrack);
    assert_eq!(status(open(RequestKind::Access, 36)), TimerStatus::AtRisk);
    assert_eq!(status(open(RequestKind::Access, 48)), TimerStatus::AtRisk);
    assert_eq!(status(open(RequestKind::Access, 49)), TimerStatus::Overdue);
    assert_eq!(status(open(RequestKind::Erasure, 24 * 31)), TimerStatus::Overdue);
    assert_eq!(status(open(RequestKind::Erasure, 24 * 20)), TimerStatus::OnTrack);
    // Rectification is immediate: met only when closed in the same instant.
    let mut r = request(RequestKind::Rectification, t);
    r.verify_identity(IdentityMethod::AuthenticatedSession, t).unwrap();
    r.complete(t).unwrap();
    assert_eq!(status(assess(&r, &policy, t).unwrap()), TimerStatus::Met);
    let mut r = request(RequestKind::Rectification, t);
    r.verify_identity(IdentityMethod::AuthenticatedSession, t).unwrap();
    r.complete(t + Duration::minutes(5)).unwrap();
    assert_eq!(status(assess(&r, &policy, t).unwrap()), TimerStatus::Missed);
}

#[test]
fn in_february_the_legal_month_ends_before_the_30_day_erasure_target() {
    let policy = DeadlinePolicy::default();
    let t = utc(2025, 2, 1, 9);
    let a = assess(&request(RequestKind::Erasure, t), &policy, t).unwrap();
    assert!(a.legal.due_at < a.internal.unwrap().due_at);
    let a = assess(&request(RequestKind::Erasure, t), &policy, utc(2025, 3, 2, 9)).unwrap();
    assert_eq!(a.legal.status, TimerStatus::Overdue);
    assert_eq!(a.internal.unwrap().status, TimerStatus::AtRisk);
}

#[test]
fn needing_attention_streams_only_at_risk_and_overdue() {
    let policy = DeadlinePolicy::default();
    let t = utc(2025, 3, 3, 9);
    let mut done = request(RequestKind::Access, t);
    done.verify_identity(IdentityMethod::AuthenticatedSession, t).unwrap();
    done.complete(t + Duration::hours(1)).unwrap();
    let requests = [
        request(RequestKind::Access, t),
        request(RequestKind::Restriction, t),
        done,
    ];
    let flagged: Vec<_> = needing_attention(&requests, &policy, t + Duration::hours(47))
        .collect::<crate::Result<_>>()
        .unwrap();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].kind, RequestKind::Access);
}

#[test]
fn replay_rebuilds_and_rejects_impossible_histories() {
    let policy = DeadlinePolicy::default();
    let t = utc(2025, 3, 3, 9);
    let mut r = request(RequestKind::Portability, t);
    r.request_identity(t).unwrap();
    r.verify_identity(IdentityMethod::AdditionalInformation, t + Duration::hours(3))
        .unwrap();
    r.extend(ExtensionReason::NumberOfRequests, t + Duration::days(2), &policy)
        .unwrap();
    r.complete(t + Duration::days(40)).unwrap();
    let json = serde_json::to_string(&r.to_record()).unwrap();
    let back = DataSubjectRequest::replay(&serde_json::from_str(&json).unwrap(), &policy).unwrap();
    assert_eq!(back, r);

    let mut record = r.to_record();
    record.history.remove(2); // drop the identity verification
    assert_eq!(
        DataSubjectRequest::replay(&record, &policy).unwrap_err().code(),
        "gdpr.request.identity_unverified"
    );
    let mut record = r.to_record();
    record.history[3].at = t + Duration::days(35); // extension told after the first month
    assert_eq!(
        DataSubjectRequest::replay(&record, &policy).unwrap_err().code(),
        "gdpr.request.extension_late"
    );
    let mut record = r.to_record();
    record.history.clear();
    assert!(DataSubjectRequest::replay(&record, &policy).is_err());
}

#[test]
fn policy_validation_names_the_field() {
    let document: DeadlinePolicyDocument = serde_json::from_value(serde_json::json!({ "atRiskPercent": 100 })).unwrap();
    let e = document.into_policy("requests.").unwrap_err();
    assert_eq!(e.code(), "config.value.invalid");
    assert!(e.to_string().contains("requests.atRiskPercent"), "{e}");
    // The typed policy cannot hold that share: its own deserialisation refuses it.
    assert!(serde_json::from_value::<DeadlinePolicy>(serde_json::json!({ "atRiskPercent": 100 })).is_err());
    let mut p = DeadlinePolicy::default();
    p.internal_targets.consent_withdrawal = Some(crate::Period::Months(2));
    assert!(
        p.validate("")
            .unwrap_err()
            .to_string()
            .contains("internalTargets.consentWithdrawal")
    );
    DeadlinePolicy::default().validate("").unwrap();
}

fn arb_step() -> impl Strategy<Value = (u8, i64)> {
    (0u8..7, 0i64..5_000_000)
}

proptest! {
    #[test]
    fn any_sequence_of_steps_keeps_the_machine_consistent(
        kind in 0usize..7, start in 1_600_000_000i64..1_900_000_000, steps in proptest::collection::vec(arb_step(), 0..12),
    ) {
        let policy = DeadlinePolicy::default();
        let t0 = DateTime::from_timestamp(start, 0).unwrap();
        let mut r = request(RequestKind::ALL[kind], t0);
        let mut t = t0;
        for (step, dt) in steps {
            t += Duration::seconds(dt);
            let _ = match step {
                0 => r.request_identity(t).map(drop),
                1 => r.verify_identity(IdentityMethod::EmailConfirmation, t).map(drop),
                2 => r.extend(ExtensionReason::Complexity, t, &policy).map(drop),
                3 => r.complete(t).map(drop),
                4 => r.refuse(refusal(RefusalReason::IdentityNotEstablished), t).map(drop),
                5 => r.withdraw(t).map(drop),
                _ => r.complete(t0 - Duration::seconds(1)).map(drop),
            };
        }
        // History is ordered in time; a completion implies a verified identity; closed ⇔ closed_at.
        prop_assert!(r.history().windows(2).all(|w| w[0].at <= w[1].at));
        if r.state() == RequestState::Completed { prop_assert!(r.identity().is_some()); }
        prop_assert_eq!(r.state().is_closed(), r.closed_at().is_some());
        // The stored form replays to the same request.
        prop_assert_eq!(DataSubjectRequest::replay(&r.to_record(), &policy).unwrap(), r.clone());
        // Assessment never panics; the legal deadline ends 27 to 32 whole days after receipt (88 to 93 when
        // extended): the month counts from the local day of receipt and ends at the end of the due day, and a
        // February or a DST change can take the last hours off.
        let a = assess(&r, &policy, t).unwrap();
        let days = (a.legal.due_at - t0).num_days();
        let range = if a.legal.due_at > policy.legal_deadline(t0, LegalTerm::OneMonth).unwrap().due_at { 88..=93 } else { 27..=32 };
        prop_assert!(range.contains(&days), "{days}");
    }
}
