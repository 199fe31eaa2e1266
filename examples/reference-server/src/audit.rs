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
//! walks the whole table a page at a time with `verify_from` (constant memory) and checks every stored erasure
//! certificate against its entry. Its answer carries the head digest: publish it where the server cannot
//! write (a daily message to the DPO), since a chain alone cannot reveal that its last entries were dropped.

use axum::Json;
use axum::extract::State;
use cesizen_gdpr::audit::{AuditEntry, ChainHead, Digest, verify_from};
use cesizen_gdpr::erasure::ErasureCertificate;
use serde::Serialize;
use sqlx::{AnyConnection, AnyPool};

use crate::db::micros;
use crate::error::{ApiError, ApiResult};
use crate::state::{Admin, AppState};

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
        .bind(&entry.action)
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
    /// Whether the chain and every certificate hold.
    pub valid: bool,
    /// Entries read.
    pub entries: u64,
    /// The hash of the last entry: publish it to detect a truncation later.
    pub head: Digest,
    /// Erasure certificates checked against their entries.
    pub certificates: u64,
    /// The first entry that breaks the chain or does not match its certificate, when not valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broken_at: Option<u64>,
}

/// Verifies the whole stored trail, a page at a time, and every erasure certificate against its entry.
pub async fn verify_stored(pool: &AnyPool) -> ApiResult<Verification> {
    let mut head = Digest::GENESIS;
    let mut next = 0u64;
    loop {
        let page: Vec<(i64, String)> =
            sqlx::query_as("SELECT idx, entry FROM audit_trail WHERE idx >= $1 ORDER BY idx LIMIT $2")
                .bind(i64::try_from(next).map_err(|_| broken())?)
                .bind(PAGE)
                .fetch_all(pool)
                .await?;
        let mut entries = Vec::with_capacity(page.len());
        for (idx, json) in &page {
            match serde_json::from_str::<AuditEntry>(json) {
                // The indexed column must say what the hashed entry says.
                Ok(entry) if i64::try_from(entry.index).ok() == Some(*idx) => entries.push(entry),
                _ => return Ok(invalid(next + entries.len() as u64, head)),
            }
        }
        match verify_from(head, next, &entries) {
            Ok(last) => head = last,
            Err(cesizen_gdpr::Error::AuditBroken { index }) => return Ok(invalid(index, head)),
            Err(e) => return Err(e.into()),
        }
        next += entries.len() as u64;
        if page.len() < usize::try_from(PAGE).unwrap_or(usize::MAX) {
            break;
        }
    }
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
        let holds = match (serde_json::from_str::<ErasureCertificate>(json), entry) {
            (Ok(certificate), Some(entry)) => certified_by(&certificate, &serde_json::from_str(&entry)?),
            _ => false,
        };
        if !holds {
            return Ok(invalid(at, head));
        }
    }
    Ok(Verification {
        valid: true,
        entries: next,
        head,
        certificates: certificates.len() as u64,
        broken_at: None,
    })
}

/// Whether `entry` (part of a chain verified separately) certifies `certificate`: the checks of
/// `ErasureCertificate::verify` past the chain itself, which `verify_stored` walks page by page instead of
/// holding the whole trail in memory.
fn certified_by(certificate: &ErasureCertificate, entry: &AuditEntry) -> bool {
    certificate.body.digest().is_ok_and(|d| d == certificate.digest)
        && entry.index == certificate.audit_index
        && entry.hash == certificate.audit_hash
        && entry.action == "erasure.certified"
        && entry.details.get("certificate") == Some(&certificate.digest.to_string())
}

fn invalid(index: u64, head: Digest) -> Verification {
    tracing::error!(index, "security: the audit trail does not verify");
    Verification {
        valid: false,
        entries: index,
        head,
        certificates: 0,
        broken_at: Some(index),
    }
}

/// `GET /api/v1/admin/audit/verification`: the stored trail and the erasure certificates, verified.
pub async fn verification(State(state): State<AppState>, Admin(_admin): Admin) -> ApiResult<Json<Verification>> {
    Ok(Json(verify_stored(&state.db.pool).await?))
}
