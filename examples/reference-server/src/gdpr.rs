//! GDPR: data-subject requests with their deadlines, the portable export, and erasure by crypto-shredding.
//!
//! Every request is `cesizen-gdpr`'s `DataSubjectRequest`, stored as its `RequestRecord` and replayed on load,
//! judged by `assess` against the plan's internal target and the Art. 12(3) deadline. Identity is the
//! authenticated session. Three rights are carried out at once, as the plan wants them automated:
//!
//! - **access / portability**: `GET /api/v1/me/export` writes `cesizen-gdpr`'s export document (profile,
//!   practice sessions, journal entries decrypted, a year's emotion report, consents, requests) and records a
//!   completed portability request;
//! - **erasure**: `POST /api/v1/me/erasure` deletes the user's data key first — every sealed field, in the
//!   database and in every backup (which never holds data keys), becomes unreadable — then every row of the
//!   user, and records a completed erasure request (which keeps only the user's random id, kinds and dates);
//! - **rectification** is `PATCH /api/v1/me` and `PUT /api/v1/journal-entries/{id}`.
//!
//! Other requests (restriction, objection…) are opened by the user and closed by an administrator.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cesizen_core::emotion::{EmotionReport, EmotionReportRequest, ReportPeriod};
use cesizen_core::id::UserId;
use cesizen_core::user::{AccountStatus, Email};
use cesizen_gdpr::RequestId;
use cesizen_gdpr::export::ExportWriter;
use cesizen_gdpr::request::{
    Assessment, DataSubjectRequest, DeadlinePolicy, IdentityMethod, Refusal, RefusalReason, RequestKind, RequestRecord,
    assess,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{Any, Executor};

use crate::db::micros;
use crate::error::{ApiError, ApiResult};
use crate::journal::{SEALED_COLUMNS, SealedRow, sealed_from_row};
use crate::state::{Admin, ApiJson, AppState, Caller, path_id};
use crate::users::{self, parse_stored};

/// A request as the API shows it: the stored record and its assessment now.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestView {
    request: RequestRecord,
    state: cesizen_gdpr::request::RequestState,
    assessment: Assessment,
}

fn view(request: &DataSubjectRequest, now: DateTime<Utc>) -> ApiResult<RequestView> {
    Ok(RequestView {
        request: request.to_record(),
        state: request.state(),
        assessment: assess(request, &DeadlinePolicy::default(), now)?,
    })
}

type RequestRow = (String, i64);

fn replay(json: &str) -> ApiResult<DataSubjectRequest> {
    let record: RequestRecord = serde_json::from_str(json)?;
    Ok(DataSubjectRequest::replay(&record, &DeadlinePolicy::default())?)
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
    Ok((StatusCode::CREATED, Json(view(&request, now)?)))
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
        .map(|(json,)| view(&replay(json)?, now))
        .collect::<ApiResult<Vec<_>>>()
        .map(Json)
}

/// `GET /api/v1/admin/requests`: every open request, with its deadlines.
pub async fn open_requests(State(state): State<AppState>, Admin(_admin): Admin) -> ApiResult<Json<Vec<RequestView>>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT record FROM gdpr_requests WHERE closed = 0 ORDER BY received_at")
        .fetch_all(&state.db.pool)
        .await?;
    let now = state.now();
    rows.iter()
        .map(|(json,)| view(&replay(json)?, now))
        .collect::<ApiResult<Vec<_>>>()
        .map(Json)
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
    let mut request = replay(&json)?;
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
    Ok(Json(view(&request, now)?))
}

/// `GET /api/v1/me/export`: the portable JSON document of everything the server holds on the caller.
pub async fn export(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let now = state.now();
    let mut request = received(caller.id, RequestKind::Portability, now)?;
    let profile = users::load(&state.db.pool, &caller.key, caller.id).await?;
    let mut writer = ExportWriter::begin(Vec::new(), &profile, now)?;
    for session in crate::practice::list_for(&state, &caller, i64::MAX).await?.iter().rev() {
        writer.practice_session(session)?;
    }
    let rows: Vec<SealedRow> = sqlx::query_as(&format!(
        "SELECT {SEALED_COLUMNS} FROM journal_entries WHERE user_id = $1 ORDER BY recorded_at, id"
    ))
    .bind(caller.id.to_string())
    .fetch_all(&state.db.pool)
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        let sealed = sealed_from_row(row)?;
        writer.journal_entry(&sealed, &caller.key)?;
        entries.push(sealed.open(&caller.key)?);
    }
    let report_request = EmotionReportRequest {
        user_id: caller.id,
        period: ReportPeriod::Rolling { days: 365 },
        time_zone: caller.time_zone,
    };
    writer.report(&EmotionReport::compute(&entries, &report_request, now)?)?;
    drop(entries);
    writer.consents(&crate::consent::ledger(&state.db.pool, caller.id).await?)?;
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT record FROM gdpr_requests WHERE subject = $1 ORDER BY received_at")
            .bind(caller.id.to_string())
            .fetch_all(&state.db.pool)
            .await?;
    for (json,) in &rows {
        writer.request(&replay(json)?)?;
    }
    // The export answers this very request: it is written completed, then stored.
    request.complete(now)?;
    writer.request(&request)?;
    let document = writer.finish()?;
    insert(&state.db.pool, &request).await?;
    Ok(([("content-type", "application/json")], document).into_response())
}

/// What an erasure did.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Erasure {
    request_id: RequestId,
    erased_at: DateTime<Utc>,
    journal_entries: u64,
    practice_sessions: u64,
}

/// `POST /api/v1/me/erasure`: crypto-shredding, then deletion, at once.
pub async fn erase_me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Erasure>> {
    let now = state.now();
    let mut request = received(caller.id, RequestKind::Erasure, now)?;
    let email = users::load(&state.db.pool, &caller.key, caller.id)
        .await?
        .email()
        .clone();
    let (journal_entries, practice_sessions) = erase(&state, caller.id, &email).await?;
    request.complete(now)?;
    insert(&state.db.pool, &request).await?;
    tracing::info!(user = %caller.id, "account erased");
    Ok(Json(Erasure {
        request_id: request.id(),
        erased_at: now,
        journal_entries,
        practice_sessions,
    }))
}

/// Erases the account `user` (whose address is `email`): its data key first, then every row. Returns the
/// numbers of journal entries and practice sessions deleted.
pub async fn erase(state: &AppState, user: UserId, email: &Email) -> ApiResult<(u64, u64)> {
    let id = user.to_string();
    let mut tx = state.db.begin_write().await?;
    let status: Option<(String,)> = sqlx::query_as("SELECT status FROM users WHERE id = $1")
        .bind(&id)
        .fetch_optional(&mut *tx)
        .await?;
    let (status,) = status.ok_or_else(ApiError::not_found)?;
    // The life cycle of `cesizen-core`: → erasure pending → erased.
    let pending = parse_stored::<AccountStatus>(&status)?.transition_to(AccountStatus::ErasurePending)?;
    pending.transition_to(AccountStatus::Erased)?;
    // Crypto-shredding first: from here on nothing sealed for this user opens anywhere.
    sqlx::query("DELETE FROM data_keys WHERE user_id = $1")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    let mut deleted = [0u64; 2];
    for (i, table) in ["journal_entries", "practice_sessions"].into_iter().enumerate() {
        deleted[i] = sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
            .bind(&id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    for table in ["consents", "sessions", "single_use_tokens"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
            .bind(&id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM login_attempts WHERE email_lookup = $1")
        .bind(state.keys.email_lookup(email)?)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((deleted[0], deleted[1]))
}
