//! Erasure (Art. 17): a plan across every category, crypto-shredding, and a certificate in the audit trail.
//!
//! The plan promises "suppression complète < 30 jours, script automatisé". Deleting rows is not enough: a
//! deleted row's bytes live on in freed pages, the write-ahead log, snapshots and backups, none of which can be
//! edited. Cesizen therefore seals every personal record under the person's data key ([`crate::sealed`]),
//! stores that data key only wrapped under a key-encryption key (KEK) of the keyring, and erases in three moves:
//!
//! 1. **delete** the live records of every category ([`ErasureTarget`]): journal entries, practice sessions,
//!    cached reports, consent records, other requests, log lines naming the person, the profile;
//! 2. **crypto-shred**: destroy the person's data key ([`ErasurePlan::crypto_shred`] consumes the unwrapped
//!    `cesizen_crypto::DataKey`, which wipes itself on drop, and the caller deletes the stored wrapped key).
//!    The data has left the live store: this step's time is the certificate's `removedFromLiveAt`;
//! 3. **let the last KEK go**: the deleted wrapped key itself lingers wherever the key table's bytes do (freed
//!    pages, WAL, backups of the key table), still decryptable with the KEK that wrapped it. KEKs rotate by
//!    epoch, and the caller's key custody destroys a KEK once no retained backup needs it; once the last KEK
//!    that ever wrapped the person's data key is destroyed, every copy of the person's sealed data — the
//!    backups taken before included — is ciphertext under a key nobody can recover. The caller computes that
//!    instant from the key's epoch and its backup retention and records it, with the KEK's id, by
//!    [`ErasurePlan::shredding_final_by`]: the certificate's `unrecoverableBy`, which must not be after the
//!    request's erasure deadline (the [`DeadlinePolicy`]'s internal target, received + 30 days by default).
//!
//! So an erasure has **two instants**: `removedFromLiveAt`, when it is done in the live store (a fact when the
//! certificate is issued), and `unrecoverableBy`, when it is done in every copy (a commitment, usually still
//! ahead when the certificate is issued). The [`ErasureTarget::Backups`] step
//! ([`ErasureAction::UnrecoverableByKeyDestruction`]) is done at `unrecoverableBy`; a later check,
//! [`ErasureCertificate::shredding_state`], tells whether the commitment was kept.
//!
//! The caller (the server) does the deleting — the library does no I/O — and reports each step with the number
//! of records affected; [`ErasurePlan::certify`] refuses to certify until every step is done (the backups step
//! is done once [`ErasurePlan::shredding_final_by`] was called), then writes an [`ErasureCertificate`]: what
//! was erased, how, when, hash-chained into the [audit trail](crate::audit) so it cannot be altered or removed
//! unnoticed.
//!
//! **What the certificate holds.** No personal data: the person is named by `subjectDigest =
//! SHA-256("cesizen.erasure.subject.v1" 0x00 ‖ user id)`, which the person (who knows their id) can check and
//! nobody can reverse (a UUIDv7 has 74 random bits). The erasure request itself survives as the certificate:
//! it is the controller's proof of compliance (Art. 5(2)).
//!
//! ```
//! use cesizen_gdpr::audit::AuditTrail;
//! use cesizen_gdpr::erasure::{ErasurePlan, ErasureTarget, ShreddingState};
//! use cesizen_gdpr::request::{DataSubjectRequest, DeadlinePolicy, IdentityMethod, RequestKind};
//! use cesizen_gdpr::{ErasureId, RequestId};
//! use cesizen_core::id::UserId;
//! use cesizen_crypto::Keyring;
//! use chrono::{Duration, TimeZone, Utc};
//!
//! let t = Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap();
//! let user = UserId::from_parts(t, [1; 10])?;
//! let (key, wrapped) = Keyring::generate()?.generate_data_key(&user.to_string())?;
//! let mut request = DataSubjectRequest::receive(RequestId::new(t)?, user, RequestKind::Erasure, t);
//! request.verify_identity(IdentityMethod::AuthenticatedSession, t)?;
//!
//! let mut plan = ErasurePlan::new(ErasureId::new(t)?, &request, t)?;
//! for target in ErasureTarget::DELETED {
//!     // … the server deletes the rows of `target` …
//!     plan.record_deleted(target, 3, t + Duration::minutes(1))?;
//! }
//! let kek = wrapped.kek_id().get(); // the KEK that wrapped the key when it was deleted
//! plan.crypto_shred(key, t + Duration::minutes(2))?; // and the server deletes `wrapped`
//! // The key custody destroys `kek` once the last backup that needs it expires: here 8 days on.
//! let unrecoverable_by = t + Duration::days(8);
//! plan.shredding_final_by(kek, unrecoverable_by, &DeadlinePolicy::default())?;
//!
//! let mut trail = AuditTrail::new();
//! let certificate = plan.certify(&mut trail, "system", t + Duration::minutes(3))?;
//! certificate.verify(trail.entries())?;
//! request.complete(t + Duration::minutes(3))?;
//! assert_eq!(certificate.body.removed_from_live_at, t + Duration::minutes(2));
//!
//! // Later: has the custody destroyed the KEK?
//! let now = t + Duration::days(1);
//! assert_eq!(certificate.shredding_state(now, false), ShreddingState::Pending { unrecoverable_by });
//! assert_eq!(certificate.shredding_state(now, true), ShreddingState::Complete);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use cesizen_core::id::UserId;
use cesizen_crypto::DataKey;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::audit::{AuditAction, AuditEntry, AuditEvent, AuditTrail, ChainHead, Digest, verify};
use crate::error::{Error, Result};
use crate::id::{ErasureId, RequestId};
use crate::request::{DataSubjectRequest, DeadlinePolicy, LegalTerm, RequestKind, RequestState};
use crate::timer::{DeadlineWindow, DueBound};

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
    /// The data key is destroyed and its stored wrapped form deleted: the data has left the live store.
    CryptoShred,
    /// Copies that cannot be edited (freed pages, WAL, snapshots, backups) still hold the wrapped data key;
    /// they become unrecoverable when the last key-encryption key that wrapped it is destroyed. The step's
    /// `done_at` is that instant, as committed by [`ErasurePlan::shredding_final_by`] — possibly after the
    /// certificate's completion (see [`ErasureCertificate::shredding_state`]).
    UnrecoverableByKeyDestruction,
}

/// One step of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErasureStep {
    /// What.
    pub target: ErasureTarget,
    /// How.
    pub action: ErasureAction,
    /// When it was done, once done; for [`ErasureAction::UnrecoverableByKeyDestruction`], the instant by which
    /// it is done (the certificate's `unrecoverableBy`).
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
    /// The request's legal term when the plan was made (the erasure deadline when the policy sets no internal
    /// target).
    term: LegalTerm,
    started_at: DateTime<Utc>,
    steps: Vec<ErasureStep>,
    data_key_id: Option<u32>,
    wrapping_kek_id: Option<u32>,
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
        steps.push(step(
            ErasureTarget::Backups,
            ErasureAction::UnrecoverableByKeyDestruction,
        ));
        Ok(ErasurePlan {
            id,
            request: request.id(),
            subject: request.subject(),
            requested_at: request.received_at(),
            term: LegalTerm::of(request.extension()),
            started_at: now,
            steps,
            data_key_id: None,
            wrapping_kek_id: None,
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
        let s = self.step_mut(target, ErasureAction::Delete)?;
        s.done_at = Some(at);
        s.records = records;
        Ok(())
    }

    /// Crypto-shreds: consumes the person's data key (wiped when dropped here) and records its id. The caller
    /// must delete the stored wrapped key in the same transaction. Done after the live records, so a failure
    /// before it can still be retried with the key. `at` is the certificate's `removedFromLiveAt`; it cannot
    /// be after an instant already given to [`shredding_final_by`](Self::shredding_final_by)
    /// (`gdpr.time.regression`).
    pub fn crypto_shred(&mut self, key: DataKey, at: DateTime<Utc>) -> Result<()> {
        if key.user_id() != self.subject.to_string() {
            return Err(Error::ErasureKeyNotDestroyed);
        }
        if at < self.started_at || self.unrecoverable_by().is_some_and(|by| by < at) {
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
        let shred = self.step_mut(ErasureTarget::DataKey, ErasureAction::CryptoShred)?;
        shred.done_at = Some(at);
        shred.records = 1;
        Ok(())
    }

    /// Records when the erased key becomes unrecoverable in every copy: `wrapping_kek` is the id (u32) of the
    /// key-encryption key that wrapped the data key when it was deleted (the last one that ever wrapped it), and
    /// `unrecoverable_by` the instant the caller's key custody destroys that KEK. This completes the
    /// [`ErasureTarget::Backups`] step, done at `unrecoverable_by`.
    ///
    /// The erasure deadline is the request's internal target for erasure in `policy` (received + 30 days by
    /// default, met up to and including its instant); when the policy sets none, the legal deadline of
    /// Art. 12(3) (one calendar month from receipt, three when the request was extended before the plan was
    /// made). Refused with `Error::ErasureShreddingTooLate { unrecoverable_by, deadline }` when
    /// `unrecoverable_by` misses that deadline, and with `Error::TimeRegression` when it is before the plan's
    /// start or before the crypto-shredding already recorded. Must be called before
    /// [`certify`](Self::certify)/[`certify_after`](Self::certify_after); without it they fail with
    /// `Error::ErasureIncomplete { category: "backups" }`. A later call replaces an earlier one.
    pub fn shredding_final_by(
        &mut self,
        wrapping_kek: u32,
        unrecoverable_by: DateTime<Utc>,
        policy: &DeadlinePolicy,
    ) -> Result<()> {
        if unrecoverable_by < self.started_at || self.removed_from_live_at().is_some_and(|at| unrecoverable_by < at) {
            return Err(Error::TimeRegression);
        }
        let deadline = self.erasure_deadline(policy)?;
        if !deadline.is_met_by(unrecoverable_by) {
            return Err(Error::ErasureShreddingTooLate {
                unrecoverable_by,
                deadline: deadline.due_at(),
            });
        }
        self.step_mut(ErasureTarget::Backups, ErasureAction::UnrecoverableByKeyDestruction)?
            .done_at = Some(unrecoverable_by);
        self.wrapping_kek_id = Some(wrapping_kek);
        Ok(())
    }

    /// The window from receipt to the erasure deadline: the policy's internal target for erasure (inclusive),
    /// or the legal deadline (exclusive) when the policy sets none — the bounds [`crate::request::assess`]
    /// judges the request by.
    fn erasure_deadline(&self, policy: &DeadlinePolicy) -> Result<DeadlineWindow> {
        match policy.internal_due(RequestKind::Erasure, self.requested_at)? {
            Some(due) => DeadlineWindow::new(self.requested_at, due, DueBound::Inclusive),
            None => DeadlineWindow::until(self.requested_at, &policy.legal_deadline(self.requested_at, self.term)?),
        }
    }

    /// The step erasing `target` by `action`; a pair the plan does not hold is refused as that category's
    /// step not executable (`gdpr.erasure.incomplete`).
    fn step_mut(&mut self, target: ErasureTarget, action: ErasureAction) -> Result<&mut ErasureStep> {
        self.steps
            .iter_mut()
            .find(|s| s.target == target && s.action == action)
            .ok_or(Error::ErasureIncomplete {
                category: target.as_str(),
            })
    }

    /// When the step of `target` was done, once done.
    fn done_at(&self, target: ErasureTarget) -> Option<DateTime<Utc>> {
        self.steps.iter().find(|s| s.target == target).and_then(|s| s.done_at)
    }

    /// The crypto-shredding's time, once done.
    fn removed_from_live_at(&self) -> Option<DateTime<Utc>> {
        self.done_at(ErasureTarget::DataKey)
    }

    /// The instant given to [`shredding_final_by`](Self::shredding_final_by), once given.
    fn unrecoverable_by(&self) -> Option<DateTime<Utc>> {
        self.done_at(ErasureTarget::Backups)
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
        let removed_from_live_at = self.removed_from_live_at().ok_or(Error::ErasureKeyNotDestroyed)?;
        let backups_pending = Error::ErasureIncomplete {
            category: ErasureTarget::Backups.as_str(),
        };
        let unrecoverable_by = self.unrecoverable_by().ok_or(backups_pending.clone())?;
        let wrapping_kek_id = self.wrapping_kek_id.ok_or(backups_pending)?;
        let body = CertificateBody {
            format: CERTIFICATE_FORMAT.to_owned(),
            erasure: self.id,
            request: self.request,
            subject_digest: subject_digest(self.subject),
            requested_at: self.requested_at,
            removed_from_live_at,
            completed_at: now,
            unrecoverable_by,
            steps: self.steps,
            data_key_id,
            wrapping_kek_id,
        };
        let digest = body.digest()?;
        let rfc3339 = |at: DateTime<Utc>| at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
        let mut event = AuditEvent::new(actor, AuditAction::ErasureCertified)?
            .subject(&body.erasure.to_string())?
            .detail("certificate", &digest.to_string())?
            .detail("request", &body.request.to_string())?
            .detail("removedFromLiveAt", &rfc3339(body.removed_from_live_at))?
            .detail("unrecoverableBy", &rfc3339(body.unrecoverable_by))?
            .detail("wrappingKek", &body.wrapping_kek_id.to_string())?;
        for s in &body.steps {
            event = event.detail(&format!("records.{}", s.target.as_str()), &s.records.to_string())?;
        }
        Ok((body, digest, event))
    }
}

const CERTIFICATE_FORMAT: &str = "cesizen.erasure-certificate.v2";

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
    /// `cesizen.erasure-certificate.v2` (v2 added `removedFromLiveAt`, `unrecoverableBy` and `wrappingKekId`;
    /// v1 was never released).
    pub format: String,
    /// The erasure.
    pub erasure: ErasureId,
    /// The request it answered.
    pub request: RequestId,
    /// The person, as [`subject_digest`].
    pub subject_digest: Digest,
    /// When the request was received.
    pub requested_at: DateTime<Utc>,
    /// When the data left the live store: the crypto-shredding step's time.
    pub removed_from_live_at: DateTime<Utc>,
    /// When the erasure was certified complete.
    pub completed_at: DateTime<Utc>,
    /// The instant by which the last key-encryption key that wrapped the data key is destroyed, so that no
    /// copy (freed pages, WAL, snapshots, backups) can be decrypted; usually after `completed_at`.
    pub unrecoverable_by: DateTime<Utc>,
    /// Every step, with its time and record count.
    pub steps: Vec<ErasureStep>,
    /// The id of the destroyed data key.
    pub data_key_id: u32,
    /// The id of the key-encryption key that wrapped the data key when it was deleted.
    pub wrapping_kek_id: u32,
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
        let end = usize::try_from(self.audit_index).map_err(|_| broken())?;
        let upto = trail.get(..=end).ok_or_else(broken)?;
        verify(upto)?;
        self.certified_by(upto.last().ok_or_else(broken)?)
    }

    /// The checks of [`verify`](Self::verify) past the chain itself: the body's digest, and that `entry` is the
    /// certifying entry (index, action, hash, the certificate's digest). For a verifier that walks a long trail
    /// page by page ([`Verifier`](crate::audit::Verifier)) and checks the chain there.
    ///
    /// # Errors
    /// [`Error::AuditBroken`] at the certificate's index when a check fails.
    pub fn certified_by(&self, entry: &AuditEntry) -> Result<()> {
        let matches = self.body.digest()? == self.digest
            && entry.index == self.audit_index
            && entry.action == AuditAction::ErasureCertified
            && entry.hash == self.audit_hash
            && entry.details.get("certificate") == Some(&self.digest.to_string());
        if matches {
            Ok(())
        } else {
            Err(Error::AuditBroken {
                index: self.audit_index,
            })
        }
    }

    /// Whether the erasure met the plan's target (`target_due`, e.g. received + 30 days) — the caller passes
    /// the deadline from its [`crate::request::DeadlinePolicy`]. This is the live store; the copies are
    /// [`shredding_state`](Self::shredding_state)'s.
    pub fn completed_by(&self, target_due: DateTime<Utc>) -> bool {
        self.body.completed_at <= target_due
    }

    /// Where the shredding stands at `now`. `kek_destroyed`: whether the caller's key custody no longer holds
    /// the certificate's wrapping KEK (`body.wrapping_kek_id`). Complete when destroyed; otherwise Pending
    /// before `unrecoverable_by`, Overdue at or after it.
    pub fn shredding_state(&self, now: DateTime<Utc>, kek_destroyed: bool) -> ShreddingState {
        let unrecoverable_by = self.body.unrecoverable_by;
        if kek_destroyed {
            ShreddingState::Complete
        } else if now < unrecoverable_by {
            ShreddingState::Pending { unrecoverable_by }
        } else {
            ShreddingState::Overdue { unrecoverable_by }
        }
    }
}

/// Where the shredding of a certified erasure stands.
///
/// Serialized with a `state` tag: `{"state":"complete"}`, `{"state":"pending","unrecoverableBy":"…"}`,
/// `{"state":"overdue","unrecoverableBy":"…"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum ShreddingState {
    /// The wrapping KEK is destroyed: no copy of the person's data can be decrypted.
    Complete,
    /// The wrapping KEK still exists, and the certificate's `unrecoverable_by` is still ahead.
    Pending {
        /// The instant by which the KEK is to be destroyed.
        unrecoverable_by: DateTime<Utc>,
    },
    /// The wrapping KEK still exists at or after the certificate's `unrecoverable_by`: the commitment is broken
    /// and copies may still be decrypted.
    Overdue {
        /// The instant by which the KEK was to be destroyed.
        unrecoverable_by: DateTime<Utc>,
    },
}

#[cfg(test)]
mod tests;
