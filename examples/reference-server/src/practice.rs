//! Practice sessions: finished meditations, breathing exercises and zen-garden sessions.
//!
//! A session arrives finished (the app keeps the ongoing one) and is built through
//! `PracticeSession::from_fields`, which checks the interval (end after start, at most 4 hours) and the
//! planned duration. Sessions are not emotional data: they are stored in clear, and anonymised by retention.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cesizen_core::id::PracticeSessionId;
use cesizen_core::practice::{PlannedDuration, PracticeKind, PracticeOutcome, PracticeSession, PracticeSessionFields};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::db::{from_micros, micros, to_stored_precision};
use crate::error::{ApiError, ApiResult, is_unique_violation};
use crate::state::{ApiJson, ApiQuery, AppState, Caller, PageLimit, path_id};
use crate::users::parse_stored;

/// A finished session as the app sends it; the user is the caller.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewSession {
    #[serde(default)]
    id: Option<String>,
    kind: PracticeKind,
    #[serde(deserialize_with = "cesizen_core::instant::deserialize")]
    started_at: DateTime<Utc>,
    #[serde(deserialize_with = "cesizen_core::instant::deserialize")]
    ended_at: DateTime<Utc>,
    #[serde(default)]
    planned_duration_seconds: Option<u32>,
    outcome: PracticeOutcome,
}

/// `POST /api/v1/practice-sessions`
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(form): ApiJson<NewSession>,
) -> ApiResult<(StatusCode, Json<PracticeSession>)> {
    let now = state.now();
    let id = match form.id.as_deref() {
        Some(text) => PracticeSessionId::parse(text)?,
        None => PracticeSessionId::new(now)?,
    };
    let session = PracticeSession::from_fields(PracticeSessionFields {
        id,
        user_id: caller.id,
        kind: form.kind,
        started_at: to_stored_precision(form.started_at),
        ended_at: to_stored_precision(form.ended_at),
        planned_duration: form
            .planned_duration_seconds
            .map(PlannedDuration::from_seconds)
            .transpose()?,
        outcome: form.outcome,
    })?;
    sqlx::query(
        "INSERT INTO practice_sessions (id, user_id, kind, started_at, ended_at, planned_seconds, outcome, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(session.id().to_string())
    .bind(caller.id.to_string())
    .bind(session.kind().as_str())
    .bind(micros(session.started_at()))
    .bind(micros(session.ended_at()))
    .bind(session.planned_duration().map(|d| i64::from(d.seconds())))
    .bind(outcome_name(session.outcome()))
    .bind(micros(now))
    .execute(&state.db.writer)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            ApiError::conflict("conflict.record.exists", "a record with this id already exists")
        } else {
            e.into()
        }
    })?;
    Ok((StatusCode::CREATED, Json(session)))
}

fn outcome_name(outcome: PracticeOutcome) -> &'static str {
    match outcome {
        PracticeOutcome::Completed => "completed",
        PracticeOutcome::Abandoned => "abandoned",
    }
}

type SessionRow = (String, String, String, i64, i64, Option<i64>, String);
const COLUMNS: &str = "id, user_id, kind, started_at, ended_at, planned_seconds, outcome";

fn from_row(row: SessionRow) -> ApiResult<PracticeSession> {
    let (id, user_id, kind, started_at, ended_at, planned, outcome) = row;
    let invalid = |_| ApiError::internal("system.stored_record.invalid");
    PracticeSession::from_fields(PracticeSessionFields {
        id: PracticeSessionId::parse(&id).map_err(invalid)?,
        user_id: cesizen_core::id::UserId::parse(&user_id).map_err(invalid)?,
        kind: parse_stored(&kind)?,
        started_at: from_micros(started_at),
        ended_at: from_micros(ended_at),
        planned_duration: planned
            .map(|s| PlannedDuration::from_seconds(u32::try_from(s).unwrap_or(0)))
            .transpose()
            .map_err(|_| ApiError::internal("system.stored_record.invalid"))?,
        outcome: parse_stored(&outcome)?,
    })
    .map_err(|_| ApiError::internal("system.stored_record.invalid"))
}

/// The caller's sessions, most recent first.
pub async fn list_for(state: &AppState, caller: &Caller, limit: i64) -> ApiResult<Vec<PracticeSession>> {
    let rows: Vec<SessionRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM practice_sessions WHERE user_id = $1 ORDER BY started_at DESC LIMIT $2"
    ))
    .bind(caller.id.to_string())
    .bind(limit)
    .fetch_all(&state.db.pool)
    .await?;
    rows.into_iter().map(from_row).collect()
}

/// The sessions of `user` that started after `after` (start time in stored microseconds, then id; `None`:
/// from the first), oldest first, at most `limit`: keyset paging for long histories.
pub async fn page_after<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    user: cesizen_core::id::UserId,
    after: Option<(i64, String)>,
    limit: i64,
) -> ApiResult<Vec<PracticeSession>> {
    let (at, id) = after.unwrap_or((i64::MIN, String::new()));
    let rows: Vec<SessionRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM practice_sessions WHERE user_id = $1 AND (started_at > $2 OR (started_at = $2 AND id > $3)) \
         ORDER BY started_at, id LIMIT $4"
    ))
    .bind(user.to_string())
    .bind(at)
    .bind(id)
    .bind(limit)
    .fetch_all(executor)
    .await?;
    rows.into_iter().map(from_row).collect()
}

/// Paging of lists.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    #[serde(default)]
    limit: Option<PageLimit>,
}

impl Page {
    /// The page size: 100 by default, 1,000 at most.
    pub fn limit(&self) -> i64 {
        PageLimit::or_default(self.limit)
    }
}

/// `GET /api/v1/practice-sessions`
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(page): ApiQuery<Page>,
) -> ApiResult<Json<Vec<PracticeSession>>> {
    Ok(Json(list_for(&state, &caller, page.limit()).await?))
}

/// `GET /api/v1/practice-sessions/{id}`
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<PracticeSession>> {
    let id = path_id(&id, PracticeSessionId::parse)?;
    let row: Option<SessionRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM practice_sessions WHERE id = $1 AND user_id = $2"
    ))
    .bind(id.to_string())
    .bind(caller.id.to_string())
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(Json(from_row(row.ok_or_else(ApiError::not_found)?)?))
}

/// `DELETE /api/v1/practice-sessions/{id}`
pub async fn delete(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<StatusCode> {
    let id = path_id(&id, PracticeSessionId::parse)?;
    crate::state::delete_owned(&state, "practice_sessions", &id.to_string(), &caller).await?;
    Ok(StatusCode::NO_CONTENT)
}
