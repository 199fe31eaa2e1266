//! GDPR: data-subject requests with their deadlines, the portable export, and erasure by crypto-shredding.
//!
//! Every request is `cesizen-gdpr`'s `DataSubjectRequest`, stored as its `RequestRecord` and replayed on load,
//! judged by `assess` against the plan's internal target and the Art. 12(3) deadline. Identity is the
//! authenticated session. Three rights are carried out at once, as the plan wants them automated:
//!
//! - **access / portability**: `GET /api/v1/me/export` writes `cesizen-gdpr`'s export document (profile,
//!   practice sessions, journal entries decrypted, a year's emotion report, consents, requests) and records a
//!   completed portability request;
//! - **erasure**: `POST /api/v1/me/erasure` carries out `cesizen-gdpr`'s erasure plan in one transaction:
//!   the live records of every category (journal, practice sessions, consents, the person's other requests,
//!   sign-in log lines, the profile with its sessions and tokens), then the data key (crypto-shredding: every
//!   sealed field, in the database and in every backup, which never holds data keys, becomes unreadable),
//!   then the plan's certificate, hash-chained into the persisted audit trail ([`crate::audit`]). The
//!   certificate is the proof that survives: it names the person only by a digest of their id, so no row
//!   of the database names them afterwards;
//! - **rectification** is `PATCH /api/v1/me` and `PUT /api/v1/journal-entries/{id}`.
//!
//! Other requests (restriction, objection…) are opened by the user and closed by an administrator.

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use cesizen_core::emotion::{EmotionReport, EmotionReportRequest, ReportPeriod};
use cesizen_core::id::UserId;
use cesizen_core::user::{AccountStatus, Email};
use cesizen_crypto::{DataKey, WrappedDataKey};
use cesizen_gdpr::audit::{AuditAction, AuditEvent};
use cesizen_gdpr::erasure::{ErasureCertificate, ErasurePlan, ErasureTarget, subject_digest};
use cesizen_gdpr::export::ExportWriter;
use cesizen_gdpr::request::{
    Assessment, DataSubjectRequest, DeadlinePolicy, IdentityMethod, Refusal, RefusalReason, RequestKind, RequestRecord,
    assess, needing_attention,
};
use cesizen_gdpr::{ErasureId, RequestId};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{Any, Executor, Transaction};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc::Sender;

use crate::db::micros;
use crate::error::{ApiError, ApiResult};
use crate::journal::{SEALED_COLUMNS, SealedRow, sealed_from_row};
use crate::state::{Admin, ApiJson, ApiQuery, AppState, Caller, path_id};
use crate::tombstones::Tombstone;
use crate::users::{self, parse_stored};

/// A request as the API shows it: the stored record and its assessment now.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestView {
    request: RequestRecord,
    state: cesizen_gdpr::request::RequestState,
    assessment: Assessment,
    /// A timer (the plan's target or the legal deadline) is at risk or overdue.
    needs_attention: bool,
}

fn view(request: &DataSubjectRequest, policy: &DeadlinePolicy, now: DateTime<Utc>) -> ApiResult<RequestView> {
    let assessment = assess(request, policy, now)?;
    Ok(RequestView {
        request: request.to_record(),
        state: request.state(),
        needs_attention: assessment.needs_attention(),
        assessment,
    })
}

type RequestRow = (String, i64);

fn replay(json: &str, policy: &DeadlinePolicy) -> ApiResult<DataSubjectRequest> {
    let record: RequestRecord = serde_json::from_str(json)?;
    Ok(DataSubjectRequest::replay(&record, policy)?)
}

async fn insert<'e>(executor: impl Executor<'e, Database = Any>, request: &DataSubjectRequest) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO gdpr_requests (id, subject, kind, received_at, closed, version, record) \
         VALUES ($1, $2, $3, $4, $5, 0, $6)",
    )
    .bind(request.id().to_string())
    .bind(request.subject().to_string())
    .bind(request.kind().as_str())
    .bind(micros(request.received_at()))
    .bind(i64::from(request.state().is_closed()))
    .bind(serde_json::to_string(&request.to_record())?)
    .execute(executor)
    .await?;
    Ok(())
}

/// A request received now from the signed-in `subject`, its identity verified by the session.
fn received(subject: UserId, kind: RequestKind, now: DateTime<Utc>) -> ApiResult<DataSubjectRequest> {
    let mut request = DataSubjectRequest::receive(RequestId::new(now)?, subject, kind, now);
    request.verify_identity(IdentityMethod::AuthenticatedSession, now)?;
    Ok(request)
}

/// Opening a request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    kind: RequestKind,
}

/// `POST /api/v1/me/requests`: the rights carried out at once have their own routes; any kind may still be
/// filed here for a person to handle.
pub async fn open(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(form): ApiJson<NewRequest>,
) -> ApiResult<(StatusCode, Json<RequestView>)> {
    let now = state.now();
    let request = received(caller.id, form.kind, now)?;
    insert(&state.db.pool, &request).await?;
    Ok((
        StatusCode::CREATED,
        Json(view(&request, &state.plan().gdpr().requests, now)?),
    ))
}

/// `GET /api/v1/me/requests`
pub async fn mine(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Vec<RequestView>>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT record FROM gdpr_requests WHERE subject = $1 ORDER BY received_at")
            .bind(caller.id.to_string())
            .fetch_all(&state.db.pool)
            .await?;
    let now = state.now();
    rows.iter()
        .map(|(json,)| {
            let policy = &state.plan().gdpr().requests;
            view(&replay(json, policy)?, policy, now)
        })
        .collect::<ApiResult<Vec<_>>>()
        .map(Json)
}

/// `GET /api/v1/admin/requests`: every open request, with its deadlines.
pub async fn open_requests(
    State(state): State<AppState>,
    Admin(_admin): Admin,
    ApiQuery(filter): ApiQuery<OpenFilter>,
) -> ApiResult<Json<Vec<RequestView>>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT record FROM gdpr_requests WHERE closed = 0 ORDER BY received_at")
        .fetch_all(&state.db.pool)
        .await?;
    let now = state.now();
    let requests = rows
        .iter()
        .map(|(json,)| replay(json, &state.plan().gdpr().requests))
        .collect::<ApiResult<Vec<_>>>()?;
    let policy = state.plan().gdpr().requests;
    if filter.attention {
        // `cesizen-gdpr`'s own filter: the requests with a timer at risk or overdue.
        let late: Vec<RequestId> = needing_attention(&requests, &policy, now)
            .map(|a| a.map(|a| a.request))
            .collect::<cesizen_gdpr::Result<_>>()?;
        return requests
            .iter()
            .filter(|r| late.contains(&r.id()))
            .map(|r| view(r, &state.plan().gdpr().requests, now))
            .collect::<ApiResult<Vec<_>>>()
            .map(Json);
    }
    requests
        .iter()
        .map(|r| view(r, &state.plan().gdpr().requests, now))
        .collect::<ApiResult<Vec<_>>>()
        .map(Json)
}

/// `?attention=true`: only the requests that need attention.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenFilter {
    #[serde(default)]
    attention: bool,
}

/// An administrator's decision on a request.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decision {
    /// `complete` or `refuse`.
    decision: String,
    #[serde(default)]
    reason: Option<RefusalReason>,
    #[serde(default)]
    remedies_notified: bool,
}

/// `POST /api/v1/admin/requests/{id}/decision`
pub async fn decide(
    State(state): State<AppState>,
    Admin(_admin): Admin,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<Decision>,
) -> ApiResult<Json<RequestView>> {
    let id = path_id(&id, |text| {
        RequestId::parse(text).map_err(|_| cesizen_core::id::IdError::Invalid)
    })?;
    let now = state.now();
    let row: Option<RequestRow> = sqlx::query_as("SELECT record, version FROM gdpr_requests WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(&state.db.pool)
        .await?;
    let (json, version) = row.ok_or_else(ApiError::not_found)?;
    let mut request = replay(&json, &state.plan().gdpr().requests)?;
    match (form.decision.as_str(), form.reason) {
        ("complete", None) => {
            request.complete(now)?;
        }
        ("refuse", Some(reason)) => {
            request.refuse(
                Refusal {
                    reason,
                    remedies_notified: form.remedies_notified,
                },
                now,
            )?;
        }
        _ => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "http.body.invalid",
                "decision is `complete`, or `refuse` with a reason",
            ));
        }
    }
    let updated =
        sqlx::query("UPDATE gdpr_requests SET record = $1, closed = $2, version = $3 WHERE id = $4 AND version = $5")
            .bind(serde_json::to_string(&request.to_record())?)
            .bind(i64::from(request.state().is_closed()))
            .bind(version + 1)
            .bind(id.to_string())
            .bind(version)
            .execute(&state.db.pool)
            .await?
            .rows_affected();
    if updated == 0 {
        return Err(ApiError::conflict(
            "conflict.concurrent_update",
            "the request changed meanwhile; try again",
        ));
    }
    Ok(Json(view(&request, &state.plan().gdpr().requests, now)?))
}

/// Rows read per page while exporting.
const EXPORT_PAGE: i64 = 256;

/// `GET /api/v1/me/export`: the portable JSON document of everything the server holds on the caller, streamed.
///
/// **One snapshot.** Every read of the export — profile, practice sessions, journal entries, consents,
/// requests — runs in one read-only transaction, [`Db::begin_snapshot`](crate::db::Db::begin_snapshot), so the
/// document is the caller's data as it was at one instant, even while they (or the retention job, or an
/// administrator) write meanwhile: without it, a consent withdrawn between two queries could show in one part of
/// the export and not in another, and the document would describe a state that never existed.
///
/// **Streaming.** The profile is read first, so that a failure there is an ordinary error answer. The document
/// is then written by `cesizen-gdpr`'s streaming `ExportWriter` in a task of its own, page by page from the
/// snapshot (keyset paging), each 64 KiB the writer flushes going out as one chunk of the body. The channel to
/// the body holds a few chunks, so a slow reader slows the writer down instead of filling memory; a reader that
/// goes away stops it. Only the year of entries the emotion report needs is held in memory, not the history. A
/// failure after the first byte can no longer change the status: the body is cut short, and the missing
/// `summary` at its end tells the reader the document is incomplete.
///
/// The snapshot holds one connection of the readers' pool (never SQLite's single writer) until the last read,
/// however slowly the client reads: that is what a snapshot costs. On SQLite it also keeps the WAL from being
/// checkpointed past the snapshot until then (the WAL grows meanwhile and is checkpointed afterwards).
pub async fn export(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let now = state.now();
    let request = received(caller.id, RequestKind::Portability, now)?;
    let mut snapshot = state.db.begin_snapshot().await?;
    let profile = users::load(&mut *snapshot, &caller.key, caller.id).await?;
    let (chunks, body) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(4);
    tokio::spawn(async move {
        let sink = Chunks::new(chunks);
        let written = write_export(&state, snapshot, &caller, &profile, request, now, sink.clone()).await;
        if let Err(e) = written {
            tracing::warn!(code = e.code(), "export cut short");
            let _ = sink.body.send(Err(std::io::Error::other(e.code()))).await;
        }
    });
    let stream = futures_util::stream::unfold(
        body,
        |mut body| async move { body.recv().await.map(|chunk| (chunk, body)) },
    );
    Ok(([(CONTENT_TYPE, "application/json")], Body::from_stream(stream)).into_response())
}

/// What the export writer flushes, waiting to be sent as a chunk of the body, and the body's channel.
#[derive(Clone)]
struct Chunks {
    pending: Arc<Mutex<Vec<u8>>>,
    body: Sender<std::io::Result<Bytes>>,
}

impl Chunks {
    fn new(body: Sender<std::io::Result<Bytes>>) -> Chunks {
        Chunks {
            pending: Arc::default(),
            body,
        }
    }

    /// Sends what was flushed so far, if anything, waiting while the body's channel is full.
    async fn forward(&self) -> ApiResult<()> {
        let pending = std::mem::take(
            &mut *self
                .pending
                .lock()
                .map_err(|_| ApiError::internal("system.lock.poisoned"))?,
        );
        if pending.is_empty() {
            return Ok(());
        }
        // The reader went away: stop writing.
        self.body
            .send(Ok(Bytes::from(pending)))
            .await
            .map_err(|_| ApiError::internal("http.client.gone"))
    }
}

impl std::io::Write for Chunks {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes the export from `snapshot` ([`Db::begin_snapshot`](crate::db::Db::begin_snapshot)), then stores the
/// completed request.
async fn write_export(
    state: &AppState,
    mut snapshot: Transaction<'static, Any>,
    caller: &Caller,
    profile: &cesizen_core::user::User,
    mut request: DataSubjectRequest,
    now: DateTime<Utc>,
    sink: Chunks,
) -> ApiResult<()> {
    let mut writer = ExportWriter::begin(sink.clone(), profile, now)?;
    let mut after = None;
    loop {
        let page = crate::practice::page_after(&mut *snapshot, caller.id, after.take(), EXPORT_PAGE).await?;
        for session in &page {
            writer.practice_session(session)?;
        }
        sink.forward().await?;
        match page.last() {
            Some(last) if page.len() as i64 == EXPORT_PAGE => {
                after = Some((micros(last.started_at()), last.id().to_string()));
            }
            _ => break,
        }
    }
    let report_request = EmotionReportRequest {
        user_id: caller.id,
        period: ReportPeriod::Rolling { days: 365 },
        time_zone: caller.time_zone,
    };
    let window = report_request.period.window(caller.time_zone, now)?;
    let mut in_window = Vec::new();
    let mut after = (i64::MIN, String::new());
    loop {
        let rows: Vec<SealedRow> = sqlx::query_as(&format!(
            "SELECT {SEALED_COLUMNS} FROM journal_entries WHERE user_id = $1 \
             AND (recorded_at > $2 OR (recorded_at = $2 AND id > $3)) ORDER BY recorded_at, id LIMIT $4"
        ))
        .bind(caller.id.to_string())
        .bind(after.0)
        .bind(&after.1)
        .bind(EXPORT_PAGE)
        .fetch_all(&mut *snapshot)
        .await?;
        let full = rows.len() as i64 == EXPORT_PAGE;
        if let Some(last) = rows.last() {
            after = (last.2, last.0.clone());
        }
        for row in rows {
            let sealed = sealed_from_row(row)?;
            if window.contains(sealed.recorded_at) {
                let entry = sealed.open(&caller.key)?;
                writer.journal_entry_in_clear(&entry)?;
                in_window.push(entry);
            } else {
                writer.journal_entry(&sealed, &caller.key)?;
            }
        }
        sink.forward().await?;
        if !full {
            break;
        }
    }
    writer.report(&EmotionReport::compute(&in_window, &report_request, now)?)?;
    drop(in_window);
    writer.consents(&crate::consent::ledger(&mut *snapshot, caller.id).await?)?;
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT record FROM gdpr_requests WHERE subject = $1 ORDER BY received_at")
            .bind(caller.id.to_string())
            .fetch_all(&mut *snapshot)
            .await?;
    // The last read: the connection goes back to the pool before the rest is written.
    snapshot.commit().await?;
    for (json,) in &rows {
        writer.request(&replay(json, &state.plan().gdpr().requests)?)?;
    }
    // The export answers this very request: it is written completed, and stored (by the writer) before the
    // document's end goes out.
    request.complete(now)?;
    writer.request(&request)?;
    writer.finish()?;
    insert(&state.db.writer, &request).await?;
    sink.forward().await
}

/// What an erasure did.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Erasure {
    request_id: RequestId,
    erased_at: DateTime<Utc>,
    journal_entries: u64,
    practice_sessions: u64,
    /// Whether the erasure met the plan's internal target for erasure requests.
    within_target: bool,
    /// `cesizen-gdpr`'s certificate: every step with its record count, the destroyed key's id, the person
    /// named only by a digest, and its place in the audit trail.
    certificate: ErasureCertificate,
}

/// `POST /api/v1/me/erasure`: `cesizen-gdpr`'s erasure plan carried out at once, certified in the audit trail.
pub async fn erase_me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Erasure>> {
    let now = state.now();
    let mut request = received(caller.id, RequestKind::Erasure, now)?;
    let email = users::load(&state.db.pool, &caller.key, caller.id)
        .await?
        .email()
        .clone();
    let plan = ErasurePlan::new(ErasureId::new(now)?, &request, now)?;
    let erased = erase(&state, caller.id, caller.key, &email, Cause::Request(plan)).await?;
    let (journal_entries, practice_sessions) = (
        erased.records(ErasureTarget::JournalEntries),
        erased.records(ErasureTarget::PracticeSessions),
    );
    let certificate = erased
        .certificate
        .ok_or_else(|| ApiError::internal("gdpr.erasure.incomplete"))?;
    request.complete(certificate.body.completed_at)?;
    let target = state
        .plan()
        .gdpr()
        .requests
        .internal_due(RequestKind::Erasure, request.received_at())?;
    tracing::info!(erasure = %certificate.body.erasure, "account erased");
    Ok(Json(Erasure {
        request_id: request.id(),
        erased_at: certificate.body.completed_at,
        journal_entries,
        practice_sessions,
        within_target: target.is_none_or(|due| certificate.completed_by(due)),
        certificate,
    }))
}

/// Why an account is erased.
pub enum Cause {
    /// The person's erasure request (Art. 17), planned: the erasure is certified.
    Request(ErasurePlan),
    /// The retention policy (an account inactive past its period, Art. 5(1)(e)): no request, so no
    /// certificate, but the same deletions and crypto-shredding, recorded in the audit trail as
    /// `retention.account.erased`.
    Retention,
}

/// What [`erase`] did.
pub struct Erased {
    /// Records deleted per target, in the order of `ErasureTarget::DELETED`.
    pub deleted: [(ErasureTarget, u64); 7],
    /// The certificate, for an erasure request.
    pub certificate: Option<ErasureCertificate>,
}

impl Erased {
    /// Records deleted for `target`.
    pub fn records(&self, target: ErasureTarget) -> u64 {
        self.deleted.iter().find(|(t, _)| *t == target).map_or(0, |(_, n)| *n)
    }
}

/// Erases the account `user` (whose address is `email` and data key `key`) in one transaction: the live
/// records of every category of `cesizen-gdpr`'s plan, then its data key (crypto-shredding: every sealed copy,
/// the backups taken before included, becomes unreadable), then the audit entry — the certificate of a
/// request, or a retention record. Either all of it commits or nothing does.
pub async fn erase(state: &AppState, user: UserId, key: DataKey, email: &Email, cause: Cause) -> ApiResult<Erased> {
    let id = user.to_string();
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let status: Option<(String,)> = sqlx::query_as("SELECT status FROM users WHERE id = $1")
        .bind(&id)
        .fetch_optional(&mut *tx)
        .await?;
    let (status,) = status.ok_or_else(ApiError::not_found)?;
    // The life cycle of `cesizen-core`: → erasure pending → erased.
    let pending = parse_stored::<AccountStatus>(&status)?.transition_to(AccountStatus::ErasurePending)?;
    pending.transition_to(AccountStatus::Erased)?;
    let lookup = state.keys.email_lookup(email)?;
    let deleted = delete_account(&mut tx, &id, &lookup).await?;
    // Crypto-shredding, last: the live wrapped key goes now; its copies elsewhere (freed pages, WAL, backups,
    // snapshots) become undecryptable when the KEK that wraps it is destroyed, which the key epochs bound.
    let wrapped: Option<String> = sqlx::query_scalar("DELETE FROM data_keys WHERE user_id = $1 RETURNING wrapped")
        .bind(&id)
        .fetch_optional(&mut *tx)
        .await?;
    let wrapping_kek = WrappedDataKey::from_text(&wrapped.ok_or_else(ApiError::not_found)?)?.kek_id();
    let unrecoverable_by = state
        .keys
        .unrecoverable_by(wrapping_kek, now, state.config.epoch_check_interval())?;
    let head = crate::audit::lock_head(&mut tx).await?;
    let at = head.time_for(now);
    let (entry, certificate) = match cause {
        Cause::Request(mut plan) => {
            for (target, records) in deleted {
                plan.record_deleted(target, records, now)?;
            }
            plan.crypto_shred(key, now)?;
            plan.shredding_final_by(wrapping_kek.get(), unrecoverable_by, &state.plan().gdpr().requests)?;
            let (certificate, entry) = plan.certify_after(&head, "system", at)?;
            (entry, Some(certificate))
        }
        Cause::Retention => {
            drop(key);
            let mut event = AuditEvent::new("system", AuditAction::RetentionAccountErased)?
                .subject(&subject_digest(user).to_string())?
                .detail("removedFromLiveAt", &now.to_rfc3339_opts(SecondsFormat::AutoSi, true))?
                .detail(
                    "unrecoverableBy",
                    &unrecoverable_by.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                )?
                .detail("wrappingKek", &wrapping_kek.get().to_string())?;
            for (target, records) in deleted {
                event = event.detail(&format!("records.{}", target.as_str()), &records.to_string())?;
            }
            (head.link(at, event)?, None)
        }
    };
    crate::audit::store(&mut tx, &entry).await?;
    if let Some(certificate) = &certificate {
        crate::audit::store_certificate(&mut tx, certificate).await?;
    }
    // Recorded outside the database before the commit, so that a restore of an older backup never brings
    // this person back (`crate::tombstones`); an erasure that fails after this line is replayed by a restore,
    // as the person asked.
    state
        .keys
        .erasures()
        .append(&Tombstone { user, erased_at: now })
        .map_err(|_| ApiError::internal("gdpr.erasure.log_unavailable"))?;
    tx.commit().await?;
    state.db.truncate_wal().await;
    Ok(Erased { deleted, certificate })
}

/// Deletes the live records of account `id` (whose e-mail look-up pseudonym is `lookup`) in every category of
/// `cesizen-gdpr`'s plan, in the transaction of `conn`; the data key is the caller's (last). Also what a
/// restore replays for an account erased after its backup.
pub async fn delete_account(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    lookup: &str,
) -> ApiResult<[(ErasureTarget, u64); 7]> {
    let mut deleted = ErasureTarget::DELETED.map(|t| (t, 0));
    for (target, records) in &mut deleted {
        // Table names are the server's own, never input.
        let statements: &[(&str, &str)] = match target {
            ErasureTarget::JournalEntries => &[("journal_entries", "user_id")],
            ErasureTarget::PracticeSessions => &[("practice_sessions", "user_id")],
            // Reports are computed on request and never stored.
            ErasureTarget::Reports => &[],
            ErasureTarget::Consents => &[("consents", "user_id")],
            ErasureTarget::Requests => &[("gdpr_requests", "subject")],
            ErasureTarget::Logs => &[("login_attempts", "email_lookup")],
            ErasureTarget::Profile => &[
                ("sessions", "user_id"),
                ("email_changes", "user_id"),
                ("single_use_tokens", "user_id"),
                ("users", "id"),
            ],
            ErasureTarget::DataKey | ErasureTarget::Backups => &[],
        };
        for (table, column) in statements {
            let value = if *column == "email_lookup" { lookup } else { id };
            *records += sqlx::query(&format!("DELETE FROM {table} WHERE {column} = $1"))
                .bind(value)
                .execute(&mut *conn)
                .await?
                .rows_affected();
        }
    }
    Ok(deleted)
}
