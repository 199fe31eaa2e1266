//! Erasure (Art. 17): a plan across every category, crypto-shredding, and a certificate in the audit trail.
//!
//! The plan promises "suppression complète < 30 jours, script automatisé". Deleting rows is not enough: copies
//! live on in backups, which cannot be edited. Cesizen therefore seals every personal record under the person's
//! data key ([`crate::sealed`]) and erases in two moves:
//!
//! 1. **delete** the live records of every category ([`ErasureTarget`]): journal entries, practice sessions,
//!    cached reports, consent records, other requests, log lines naming the person, the profile;
//! 2. **crypto-shred**: destroy the person's data key ([`ErasurePlan::crypto_shred`] consumes the unwrapped
//!    `cesizen_crypto::DataKey`, which wipes itself on drop, and the caller deletes the stored wrapped key).
//!    From then on every copy of the person's sealed data — the backups taken before included — is ciphertext
//!    under a key that no longer exists. Backups then age out under their retention rule.
//!
//! The caller (the server) does the deleting — the library does no I/O — and reports each step with the number
//! of records affected; [`ErasurePlan::certify`] refuses to certify until every step is done, then writes an
//! [`ErasureCertificate`]: what was erased, how, when, hash-chained into the [audit trail](crate::audit) so it
//! cannot be altered or removed unnoticed.
//!
//! **What the certificate holds.** No personal data: the person is named by `subjectDigest =
//! SHA-256("cesizen.erasure.subject.v1" 0x00 ‖ user id)`, which the person (who knows their id) can check and
//! nobody can reverse (a UUIDv7 has 74 random bits). The erasure request itself survives as the certificate:
//! it is the controller's proof of compliance (Art. 5(2)).
//!
//! ```
//! use cesizen_gdpr::audit::AuditTrail;
//! use cesizen_gdpr::erasure::{ErasurePlan, ErasureTarget};
//! use cesizen_gdpr::request::{DataSubjectRequest, IdentityMethod, RequestKind};
//! use cesizen_gdpr::{ErasureId, RequestId};
//! use cesizen_core::id::UserId;
//! use cesizen_crypto::Keyring;
//! use chrono::{Duration, TimeZone, Utc};
//!
//! let t = Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap();
//! let user = UserId::from_parts(t, [1; 10])?;
//! let (key, _wrapped) = Keyring::generate()?.generate_data_key(&user.to_string())?;
//! let mut request = DataSubjectRequest::receive(RequestId::new(t)?, user, RequestKind::Erasure, t);
//! request.verify_identity(IdentityMethod::AuthenticatedSession, t)?;
//!
//! let mut plan = ErasurePlan::new(ErasureId::new(t)?, &request, t)?;
//! for target in ErasureTarget::DELETED {
//!     // … the server deletes the rows of `target` …
//!     plan.record_deleted(target, 3, t + Duration::minutes(1))?;
//! }
//! plan.crypto_shred(key, t + Duration::minutes(2))?; // and the server deletes `_wrapped`
//!
//! let mut trail = AuditTrail::new();
//! let certificate = plan.certify(&mut trail, "system", t + Duration::minutes(3))?;
//! certificate.verify(trail.entries())?;
//! request.complete(t + Duration::minutes(3))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use cesizen_core::id::UserId;
use cesizen_crypto::DataKey;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::audit::{AuditEntry, AuditEvent, AuditTrail, ChainHead, Digest, verify};
use crate::error::{Error, Result};
use crate::id::{ErasureId, RequestId};
use crate::request::{DataSubjectRequest, RequestKind, RequestState};

/// What an erasure covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErasureTarget {
    /// Journal entries.
    JournalEntries,
    /// Practice sessions.
    PracticeSessions,
    /// Stored or cached emotion reports.
    Reports,
    /// Consent records.
    Consents,
    /// The person's other data-subject requests (this one lives on as the certificate).
    Requests,
    /// Log lines naming the person.
    Logs,
    /// The profile (account row, credentials, tokens).
    Profile,
    /// The person's data key.
    DataKey,
    /// Backup copies.
    Backups,
}

impl ErasureTarget {
    /// The targets whose live records the caller deletes, in a safe order (the profile last, so a failure
    /// half-way leaves an account that can be retried).
    pub const DELETED: [ErasureTarget; 7] = [
        ErasureTarget::JournalEntries,
        ErasureTarget::PracticeSessions,
        ErasureTarget::Reports,
        ErasureTarget::Consents,
        ErasureTarget::Requests,
        ErasureTarget::Logs,
        ErasureTarget::Profile,
    ];

    /// The stable snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            ErasureTarget::JournalEntries => "journal_entries",
            ErasureTarget::PracticeSessions => "practice_sessions",
            ErasureTarget::Reports => "reports",
            ErasureTarget::Consents => "consents",
            ErasureTarget::Requests => "requests",
            ErasureTarget::Logs => "logs",
            ErasureTarget::Profile => "profile",
            ErasureTarget::DataKey => "data_key",
            ErasureTarget::Backups => "backups",
        }
    }
}

/// How a target is erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErasureAction {
    /// The live records are deleted.
    Delete,
    /// The data key is destroyed: every sealed copy becomes unreadable.
    CryptoShred,
    /// Copies that cannot be edited (backups) are unreadable through crypto-shredding and expire under their
    /// retention rule.
    UnreadableUntilExpiry,
}

/// One step of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErasureStep {
    /// What.
    pub target: ErasureTarget,
    /// How.
    pub action: ErasureAction,
    /// When it was done, once done.
    pub done_at: Option<DateTime<Utc>>,
    /// How many records it affected (1 for the data key; 0 for backups, which are not touched).
    pub records: u64,
}

/// The erasure of one person, step by step.
#[derive(Debug)]
pub struct ErasurePlan {
    id: ErasureId,
    request: RequestId,
    subject: UserId,
    requested_at: DateTime<Utc>,
    started_at: DateTime<Utc>,
    steps: Vec<ErasureStep>,
    data_key_id: Option<u32>,
}

fn step(target: ErasureTarget, action: ErasureAction) -> ErasureStep {
    ErasureStep {
        target,
        action,
        done_at: None,
        records: 0,
    }
}

impl ErasurePlan {
    /// Plans the erasure asked for by `request`, which must be an erasure request in progress (identity
    /// verified).
    pub fn new(id: ErasureId, request: &DataSubjectRequest, now: DateTime<Utc>) -> Result<Self> {
        if request.kind() != RequestKind::Erasure || request.state() != RequestState::InProgress {
            return Err(Error::RequestIllegalTransition {
                from: request.state().as_str(),
                transition: "plan_erasure",
            });
        }
        let mut steps: Vec<ErasureStep> = ErasureTarget::DELETED
            .into_iter()
            .map(|t| step(t, ErasureAction::Delete))
            .collect();
        steps.push(step(ErasureTarget::DataKey, ErasureAction::CryptoShred));
        steps.push(step(ErasureTarget::Backups, ErasureAction::UnreadableUntilExpiry));
        Ok(ErasurePlan {
            id,
            request: request.id(),
            subject: request.subject(),
            requested_at: request.received_at(),
            started_at: now,
            steps,
            data_key_id: None,
        })
    }

    /// The steps, in order.
    pub fn steps(&self) -> &[ErasureStep] {
        &self.steps
    }

    /// The person being erased.
    pub fn subject(&self) -> UserId {
        self.subject
    }

    /// The steps not done yet.
    pub fn remaining(&self) -> impl Iterator<Item = &ErasureStep> {
        self.steps.iter().filter(|s| s.done_at.is_none())
    }

    /// Records that the caller deleted the live records of `target` (`records` of them) at `at`.
    pub fn record_deleted(&mut self, target: ErasureTarget, records: u64, at: DateTime<Utc>) -> Result<()> {
        if at < self.started_at {
            return Err(Error::TimeRegression);
        }
        let s = self
            .steps
            .iter_mut()
            .find(|s| s.target == target && s.action == ErasureAction::Delete)
            .ok_or(Error::ErasureIncomplete {
                category: target.as_str(),
            })?;
        s.done_at = Some(at);
        s.records = records;
        Ok(())
    }

    /// Crypto-shreds: consumes the person's data key (wiped when dropped here) and records its id. The caller
    /// must delete the stored wrapped key in the same transaction. Done last, after the live records, so a
    /// failure before it can still be retried with the key.
    pub fn crypto_shred(&mut self, key: DataKey, at: DateTime<Utc>) -> Result<()> {
        if key.user_id() != self.subject.to_string() {
            return Err(Error::ErasureKeyNotDestroyed);
        }
        if at < self.started_at {
            return Err(Error::TimeRegression);
        }
        if let Some(pending) = self
            .steps
            .iter()
            .find(|s| s.action == ErasureAction::Delete && s.done_at.is_none())
        {
            return Err(Error::ErasureIncomplete {
                category: pending.target.as_str(),
            });
        }
        self.data_key_id = Some(key.id().get());
        drop(key);
        for s in self.steps.iter_mut() {
            match s.action {
                ErasureAction::CryptoShred => {
                    s.done_at = Some(at);
                    s.records = 1;
                }
                ErasureAction::UnreadableUntilExpiry => s.done_at = Some(at),
                ErasureAction::Delete => {}
            }
        }
        Ok(())
    }

    /// Issues the certificate once every step is done, and appends `erasure.certified` to `trail` with the
    /// certificate's digest.
    pub fn certify(self, trail: &mut AuditTrail, actor: &str, now: DateTime<Utc>) -> Result<ErasureCertificate> {
        let (body, digest, event) = self.certified_event(actor, now)?;
        let entry = trail.append(now, event)?;
        Ok(ErasureCertificate {
            body,
            digest,
            audit_index: entry.index,
            audit_hash: entry.hash,
        })
    }

    /// [`certify`](Self::certify) for a trail kept in storage: the certificate and its `erasure.certified`
    /// entry, linked after `head` (see [`ChainHead`]), for the caller to store together.
    ///
    /// `now` is the certificate's completion time and the entry's time; it cannot be before the head's last
    /// entry (`gdpr.time.regression`): a caller whose clock may lag the trail passes
    /// [`ChainHead::time_for`]`(now)`.
    pub fn certify_after(
        self,
        head: &ChainHead,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<(ErasureCertificate, AuditEntry)> {
        let (body, digest, event) = self.certified_event(actor, now)?;
        let entry = head.link(now, event)?;
        let certificate = ErasureCertificate {
            body,
            digest,
            audit_index: entry.index,
            audit_hash: entry.hash,
        };
        Ok((certificate, entry))
    }

    /// The certificate's body and digest, and the `erasure.certified` event that records them, once every
    /// step is done.
    fn certified_event(self, actor: &str, now: DateTime<Utc>) -> Result<(CertificateBody, Digest, AuditEvent)> {
        if let Some(pending) = self.remaining().next() {
            return Err(Error::ErasureIncomplete {
                category: pending.target.as_str(),
            });
        }
        let data_key_id = self.data_key_id.ok_or(Error::ErasureKeyNotDestroyed)?;
        let body = CertificateBody {
            format: CERTIFICATE_FORMAT.to_owned(),
            erasure: self.id,
            request: self.request,
            subject_digest: subject_digest(self.subject),
            requested_at: self.requested_at,
            completed_at: now,
            steps: self.steps,
            data_key_id,
        };
        let digest = body.digest()?;
        let mut event = AuditEvent::new(actor, "erasure.certified")?
            .subject(&body.erasure.to_string())?
            .detail("certificate", &digest.to_string())?
            .detail("request", &body.request.to_string())?;
        for s in &body.steps {
            event = event.detail(&format!("records.{}", s.target.as_str()), &s.records.to_string())?;
        }
        Ok((body, digest, event))
    }
}

const CERTIFICATE_FORMAT: &str = "cesizen.erasure-certificate.v1";

/// `SHA-256("cesizen.erasure.subject.v1" 0x00 ‖ user id)`: names the person in a certificate without their id.
pub fn subject_digest(user: UserId) -> Digest {
    let mut h = Sha256::new();
    h.update(b"cesizen.erasure.subject.v1\0");
    h.update(user.to_string().as_bytes());
    Digest(h.finalize().into())
}

/// The certified content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CertificateBody {
    /// `cesizen.erasure-certificate.v1`.
    pub format: String,
    /// The erasure.
    pub erasure: ErasureId,
    /// The request it answered.
    pub request: RequestId,
    /// The person, as [`subject_digest`].
    pub subject_digest: Digest,
    /// When the request was received.
    pub requested_at: DateTime<Utc>,
    /// When the erasure was certified complete.
    pub completed_at: DateTime<Utc>,
    /// Every step, with its time and record count.
    pub steps: Vec<ErasureStep>,
    /// The id of the destroyed data key.
    pub data_key_id: u32,
}

impl CertificateBody {
    /// SHA-256 of the body's JSON (the field order above, no whitespace).
    pub fn digest(&self) -> Result<Digest> {
        let json = serde_json::to_vec(self).map_err(|_| Error::AuditFieldInvalid)?;
        Ok(Digest::of(&json))
    }
}

/// Proof of an erasure: the certified content, its digest and its place in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErasureCertificate {
    /// What was certified.
    pub body: CertificateBody,
    /// SHA-256 of `body`.
    pub digest: Digest,
    /// The index of the `erasure.certified` entry in the audit trail.
    pub audit_index: u64,
    /// That entry's hash.
    pub audit_hash: Digest,
}

impl ErasureCertificate {
    /// Checks the certificate against the audit trail: the body's digest, the chain up to the certifying entry,
    /// and that entry's content (action, digest, hash).
    pub fn verify(&self, trail: &[AuditEntry]) -> Result<()> {
        let broken = || Error::AuditBroken {
            index: self.audit_index,
        };
        if self.body.digest()? != self.digest {
            return Err(broken());
        }
        let end = usize::try_from(self.audit_index).map_err(|_| broken())?;
        let upto = trail.get(..=end).ok_or_else(broken)?;
        verify(upto)?;
        let entry = upto.last().ok_or_else(broken)?;
        let matches = entry.action == "erasure.certified"
            && entry.hash == self.audit_hash
            && entry.details.get("certificate") == Some(&self.digest.to_string());
        if matches { Ok(()) } else { Err(broken()) }
    }

    /// Whether the erasure met the plan's target (`target_due`, e.g. received + 30 days) — the caller passes
    /// the deadline from its [`crate::request::DeadlinePolicy`].
    pub fn completed_by(&self, target_due: DateTime<Utc>) -> bool {
        self.body.completed_at <= target_due
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::IdentityMethod;
    use cesizen_crypto::Keyring;
    use chrono::{Duration, TimeZone};

    fn t() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap()
    }

    fn setup() -> (ErasurePlan, DataKey, UserId) {
        let user = UserId::from_parts(t(), [1; 10]).unwrap();
        let (key, _) = Keyring::generate()
            .unwrap()
            .generate_data_key(&user.to_string())
            .unwrap();
        let mut r = DataSubjectRequest::receive(
            RequestId::from_parts(t(), [2; 10]).unwrap(),
            user,
            RequestKind::Erasure,
            t(),
        );
        r.verify_identity(IdentityMethod::AuthenticatedSession, t()).unwrap();
        (
            ErasurePlan::new(ErasureId::from_parts(t(), [3; 10]).unwrap(), &r, t()).unwrap(),
            key,
            user,
        )
    }

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
        let cert = plan.certify(&mut trail, "system", t() + Duration::minutes(3)).unwrap();
        cert.verify(trail.entries()).unwrap();
        assert_eq!(cert.body.subject_digest, subject_digest(user));
        assert!(cert.completed_by(t() + Duration::days(30)));
        let json = serde_json::to_string(&cert).unwrap();
        assert!(
            !json.contains(&user.to_string()),
            "the certificate does not name the person"
        );
        assert_eq!(trail.entries()[0].details["records.journal_entries"], "2");
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
    fn a_forged_certificate_or_trail_does_not_verify() {
        let (mut plan, key, _) = setup();
        for target in ErasureTarget::DELETED {
            plan.record_deleted(target, 5, t()).unwrap();
        }
        plan.crypto_shred(key, t()).unwrap();
        let mut trail = AuditTrail::new();
        trail
            .append(t(), AuditEvent::new("system", "request.received").unwrap())
            .unwrap();
        let cert = plan.certify(&mut trail, "system", t()).unwrap();
        let mut forged = cert.clone();
        forged.body.steps[0].records = 4;
        assert_eq!(forged.verify(trail.entries()).unwrap_err().code(), "gdpr.audit.broken");
        let mut entries = trail.entries().to_vec();
        entries[0].actor = "x".into();
        assert!(cert.verify(&entries).is_err());
        assert!(
            cert.verify(&trail.entries()[..1]).is_err(),
            "the certifying entry was removed"
        );
    }

    fn completed_plan() -> ErasurePlan {
        let (mut plan, key, _) = setup();
        for target in ErasureTarget::DELETED {
            plan.record_deleted(target, 5, t()).unwrap();
        }
        plan.crypto_shred(key, t()).unwrap();
        plan
    }

    #[test]
    fn certifying_after_a_stored_head_gives_what_certifying_in_memory_gives() {
        let mut trail = AuditTrail::new();
        trail
            .append(t(), AuditEvent::new("system", "request.received").unwrap())
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
}
