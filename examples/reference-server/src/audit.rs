//! The GDPR audit trail, persisted: `cesizen-gdpr`'s hash chain in an append-only table.
//!
//! **Why.** Art. 5(2) asks the controller to demonstrate compliance; an erasure's proof is its certificate
//! (`cesizen_gdpr::erasure`), hash-chained into the audit trail so that no entry can be changed, removed or
//! reordered unnoticed. `cesizen-gdpr` does no I/O; here the trail lives in the `audit_trail` table, which
//! refuses updates and deletions (triggers, migration 0003).
//!
//! **Appending** happens inside the transaction of the fact it records (an erasure's deletions and its entry
//! commit together or not at all), and the linking is `cesizen-gdpr`'s, never the server's:
//!
//! 1. [`lock_head`] takes the `audit_trail` counter's row first, which serialises appends across instances
//!    sharing PostgreSQL (SQLite's `BEGIN IMMEDIATE` already does), reads the last entry and returns
//!    `cesizen_gdpr::audit::ChainHead::after` it (which checks that entry against its own hash);
//! 2. the caller dates its event with `ChainHead::time_for` — never before the last entry, whatever the clocks
//!    of other instances say — and has the library link it after the head: `ChainHead::link`, or for an
//!    erasure `ErasurePlan::certify_after`, which returns the certificate with its entry;
//! 3. [`store`] inserts that entry.
//!
//! **Verifying** ([`verify_stored`], served to administrators at `GET /api/v1/admin/audit/verification`)
//! walks the whole table a page at a time with `cesizen_gdpr::audit::Verifier` (constant memory) and checks
//! every stored erasure certificate against its entry. A chain alone cannot reveal that its last entries were
//! dropped, or that someone with the database recomputed every hash: the answer therefore carries the
//! trail's **checkpoint** (index and hash of its last entry), which the server also logs after every
//! verification and every retention run. Publish it where the server cannot write (a daily message to the DPO,
//! logs shipped off the host) and give it back later (`?checkpointIndex=…&checkpointHash=…`): the trail,
//! grown since, must still hold that entry with that hash.

use axum::Json;
use axum::extract::State;
use cesizen_crypto::KeyId;
use cesizen_gdpr::audit::{AuditEntry, ChainHead, Checkpoint, Digest, Verifier};
use cesizen_gdpr::erasure::{ErasureCertificate, ShreddingState};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, AnyPool};

use crate::custody::KeyCustody;
use crate::db::micros;
use crate::error::{ApiError, ApiResult};
use crate::state::{Admin, ApiQuery, AppState, query_invalid};

/// Entries read per page when verifying.
const PAGE: i64 = 500;

fn broken() -> ApiError {
    ApiError::internal("gdpr.audit.broken")
}

/// Locks the trail for an append in the transaction of `conn` and returns its head.
pub async fn lock_head(conn: &mut AnyConnection) -> ApiResult<ChainHead> {
    let count: i64 =
        sqlx::query_scalar("UPDATE counters SET value = value + 1 WHERE name = 'audit_trail' RETURNING value")
            .fetch_one(&mut *conn)
            .await?;
    let next = u64::try_from(count - 1).map_err(|_| broken())?;
    if next == 0 {
        return Ok(ChainHead::GENESIS);
    }
    let json: Option<String> = sqlx::query_scalar("SELECT entry FROM audit_trail WHERE idx = $1")
        .bind(count - 2)
        .fetch_optional(&mut *conn)
        .await?;
    let last: AuditEntry = serde_json::from_str(&json.ok_or_else(broken)?)?;
    // A stored entry that no longer matches its hash, or a counter out of step with the table, is not built
    // upon: the append fails and the verification names the entry.
    let head = ChainHead::after(&last).map_err(|_| broken())?;
    if head.next_index() != next {
        return Err(broken());
    }
    Ok(head)
}

/// Stores `entry`, linked by `cesizen-gdpr` after the head [`lock_head`] returned in the same transaction.
pub async fn store(conn: &mut AnyConnection, entry: &AuditEntry) -> ApiResult<()> {
    sqlx::query("INSERT INTO audit_trail (idx, at, action, hash, entry) VALUES ($1, $2, $3, $4, $5)")
        .bind(i64::try_from(entry.index).map_err(|_| broken())?)
        .bind(micros(entry.at))
        .bind(entry.action.code())
        .bind(entry.hash.to_string())
        .bind(serde_json::to_string(entry)?)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Stores an erasure certificate beside the entry that certifies it.
pub async fn store_certificate(conn: &mut AnyConnection, certificate: &ErasureCertificate) -> ApiResult<()> {
    sqlx::query("INSERT INTO erasure_certificates (erasure_id, audit_index, certificate) VALUES ($1, $2, $3)")
        .bind(certificate.body.erasure.to_string())
        .bind(i64::try_from(certificate.audit_index).map_err(|_| broken())?)
        .bind(serde_json::to_string(certificate)?)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// What a verification of the stored trail found.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// Whether the chain, the checkpoint given and every certificate hold.
    pub valid: bool,
    /// Entries read and found good.
    pub entries: u64,
    /// The hash of the last entry found good.
    pub head: Digest,
    /// The index and hash of the last entry, to publish and give back to a later verification; absent when
    /// the trail is empty or does not verify.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<Checkpoint>,
    /// Erasure certificates checked against their entries.
    pub certificates: u64,
    /// Where the certified erasures' shredding stands: complete once the KEK that wrapped the erased key is
    /// gone from key custody, pending before the certificate's `unrecoverableBy`, overdue after it (the key
    /// epoch job is not running, or custody refuses to destroy).
    pub shredding: Shredding,
    /// The first entry that breaks the chain, differs from the checkpoint given, or does not match its
    /// certificate; the trail's length when it ends before the checkpoint given. Only when not valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broken_at: Option<u64>,
}

/// Counts of certified erasures by shredding state (`cesizen_gdpr::erasure::ShreddingState`).
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Shredding {
    /// Unrecoverable in every copy: the wrapping KEK is destroyed.
    pub complete: u64,
    /// Not yet, within the certificate's promise.
    pub pending: u64,
    /// Past the certificate's `unrecoverableBy` with the KEK still in custody.
    pub overdue: u64,
}

/// Verifies the whole stored trail, a page at a time, against `expected` (a checkpoint published earlier) when
/// given, and every erasure certificate against its entry; states where each certified erasure's shredding
/// stands, from `custody` at `now`.
pub async fn verify_stored(
    pool: &AnyPool,
    expected: Option<Checkpoint>,
    custody: &dyn KeyCustody,
    now: DateTime<Utc>,
) -> ApiResult<Verification> {
    let mut verifier = expected.into_iter().fold(Verifier::new(), Verifier::expect);
    loop {
        let page: Vec<(i64, String)> =
            sqlx::query_as("SELECT idx, entry FROM audit_trail WHERE idx >= $1 ORDER BY idx LIMIT $2")
                .bind(i64::try_from(verifier.entries()).map_err(|_| broken())?)
                .bind(PAGE)
                .fetch_all(pool)
                .await?;
        for (idx, json) in &page {
            let entry = match serde_json::from_str::<AuditEntry>(json) {
                // The indexed column must say what the hashed entry says.
                Ok(entry) if i64::try_from(entry.index).ok() == Some(*idx) => entry,
                _ => return Ok(invalid(verifier.entries(), verifier.head())),
            };
            match verifier.push(&entry) {
                Ok(()) => {}
                Err(cesizen_gdpr::Error::AuditBroken { index }) => return Ok(invalid(index, verifier.head())),
                Err(e) => return Err(e.into()),
            }
        }
        if page.len() < usize::try_from(PAGE).unwrap_or(usize::MAX) {
            break;
        }
    }
    let (entries, head, last) = (verifier.entries(), verifier.head(), verifier.checkpoint());
    match verifier.finish() {
        Ok(_) => {}
        Err(cesizen_gdpr::Error::AuditBroken { index }) => return Ok(invalid(index, head)),
        Err(e) => return Err(e.into()),
    }
    let mut shredding = Shredding::default();
    let certificates: Vec<(i64, String)> =
        sqlx::query_as("SELECT audit_index, certificate FROM erasure_certificates ORDER BY audit_index")
            .fetch_all(pool)
            .await?;
    for (index, json) in &certificates {
        let at = u64::try_from(*index).unwrap_or(u64::MAX);
        let entry: Option<String> = sqlx::query_scalar("SELECT entry FROM audit_trail WHERE idx = $1")
            .bind(index)
            .fetch_optional(pool)
            .await?;
        let certificate = match (serde_json::from_str::<ErasureCertificate>(json), entry) {
            (Ok(certificate), Some(entry)) if certificate.certified_by(&serde_json::from_str(&entry)?).is_ok() => {
                certificate
            }
            _ => return Ok(invalid(at, head)),
        };
        let kek = KeyId::new(certificate.body.wrapping_kek_id);
        let destroyed = !custody
            .holds(kek)
            .map_err(|_| ApiError::internal("crypto.custody.unavailable"))?;
        match certificate.shredding_state(now, destroyed) {
            ShreddingState::Complete => shredding.complete += 1,
            ShreddingState::Pending { .. } => shredding.pending += 1,
            ShreddingState::Overdue { .. } => shredding.overdue += 1,
        }
    }
    if shredding.overdue > 0 {
        tracing::error!(
            overdue = shredding.overdue,
            "security: erasures past their unrecoverable-by instant"
        );
    }
    if let Some(checkpoint) = last {
        publish(checkpoint);
    }
    Ok(Verification {
        valid: true,
        entries,
        head,
        checkpoint: last,
        certificates: certificates.len() as u64,
        shredding,
        broken_at: None,
    })
}

/// The checkpoint of the stored trail's last entry, as stored (not verified): for the retention job to log.
pub async fn stored_checkpoint(pool: &AnyPool) -> ApiResult<Option<Checkpoint>> {
    let json: Option<String> = sqlx::query_scalar("SELECT entry FROM audit_trail ORDER BY idx DESC LIMIT 1")
        .fetch_optional(pool)
        .await?;
    Ok(match json {
        Some(json) => Some(Checkpoint::of(&serde_json::from_str::<AuditEntry>(&json)?)),
        None => None,
    })
}

/// Logs `checkpoint` for the operators to publish (index and hash only: no personal data).
pub fn publish(checkpoint: Checkpoint) {
    tracing::info!(index = checkpoint.index, hash = %checkpoint.hash, "audit trail checkpoint");
}

fn invalid(index: u64, head: Digest) -> Verification {
    tracing::error!(index, "security: the audit trail does not verify");
    Verification {
        valid: false,
        entries: index,
        head,
        checkpoint: None,
        certificates: 0,
        shredding: Shredding::default(),
        broken_at: Some(index),
    }
}

/// The checkpoint a verification is given back: both parameters or neither.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Expected {
    #[serde(default)]
    checkpoint_index: Option<u64>,
    #[serde(default)]
    checkpoint_hash: Option<Digest>,
}

/// `GET /api/v1/admin/audit/verification[?checkpointIndex=N&checkpointHash=H]`: the stored trail and the erasure
/// certificates, verified, against a checkpoint published earlier when given.
pub async fn verification(
    State(state): State<AppState>,
    Admin(_admin): Admin,
    ApiQuery(expected): ApiQuery<Expected>,
) -> ApiResult<Json<Verification>> {
    let expected = match (expected.checkpoint_index, expected.checkpoint_hash) {
        (Some(index), Some(hash)) => Some(Checkpoint { index, hash }),
        (None, None) => None,
        _ => return Err(query_invalid("checkpointIndex and checkpointHash are given together")),
    };
    Ok(Json(
        verify_stored(&state.db.pool, expected, state.keys.custody(), state.now()).await?,
    ))
}
