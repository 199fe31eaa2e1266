//! The emotion journal, encrypted at rest under the user's data key.
//!
//! An entry is validated by `cesizen-core` (`JournalEntryInput::validate`: the same function the browser and
//! the phones run), then stored in `cesizen-gdpr`'s `SealedJournalEntry` form: the feeling (kind, emotion,
//! intensity, valence, context tags) and the note each sealed under the user's data key for their own context
//! (user, entry, field); the id, owner, time and time zone in clear (the time selects a report's period). A
//! sealed field moved to another user, entry or field fails to open.
//!
//! Each write counts the messages it sealed against the data key's limit in the same transaction
//! ([`crate::keys::record_sealed`]).
//!
//! Writing entries needs the user's explicit consent to the emotional journal (`cesizen-gdpr`'s consent ledger,
//! GDPR Art. 9(2)(a)): see [`crate::consent`].

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cesizen_core::emotion::{EmotionInput, JournalEntry, JournalEntryInput, SensitiveText};
use cesizen_core::id::{JournalEntryId, UserId};
use cesizen_core::user::IanaTimeZone;
use cesizen_crypto::{DataKey, Envelope};
use cesizen_gdpr::sealed::SealedJournalEntry;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::{Any, Executor};

use crate::db::{from_micros, micros, to_stored_precision};
use crate::error::{ApiError, ApiResult, is_unique_violation};
use crate::state::{ApiJson, ApiQuery, AppState, Caller, PageLimit, path_id};

/// An entry as the app sends it: `JournalEntryInput` without the user, who is the caller; the id is optional
/// (the server makes a UUIDv7) and the time zone defaults to the account's.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Draft {
    #[serde(default)]
    id: Option<String>,
    kind: String,
    emotion: EmotionInput,
    intensity: i64,
    valence: f64,
    #[serde(default)]
    context_tags: Vec<String>,
    #[serde(default)]
    note: Option<SensitiveText>,
    recorded_at: String,
    #[serde(default)]
    time_zone: Option<String>,
}

impl Draft {
    fn validate(self, id: JournalEntryId, caller: &Caller) -> ApiResult<JournalEntry> {
        let entry = JournalEntryInput {
            id: id.to_string(),
            user_id: caller.id.to_string(),
            kind: self.kind,
            emotion: self.emotion,
            intensity: self.intensity,
            valence: self.valence,
            context_tags: self.context_tags,
            note: self.note,
            recorded_at: self.recorded_at,
            time_zone: self.time_zone.unwrap_or_else(|| caller.time_zone.name().to_owned()),
        }
        .validate()?;
        // Times are stored to the microsecond: the entry returned is the entry kept.
        let mut parts = entry.into_parts();
        parts.recorded_at = to_stored_precision(parts.recorded_at);
        Ok(JournalEntry::new(parts))
    }
}

/// The columns of a stored entry, in the order of [`SealedRow`].
pub const SEALED_COLUMNS: &str = "id, user_id, recorded_at, time_zone, feeling_sealed, note_sealed";

/// A stored entry's row.
pub type SealedRow = (String, String, i64, String, String, Option<String>);

/// A stored row back as the SDK's sealed entry (nothing decrypted).
pub fn sealed_from_row(row: SealedRow) -> ApiResult<SealedJournalEntry> {
    let (id, user_id, recorded_at, time_zone, feeling, note) = row;
    let invalid = |_| ApiError::internal("system.stored_record.invalid");
    Ok(SealedJournalEntry {
        id: JournalEntryId::parse(&id).map_err(invalid)?,
        user_id: UserId::parse(&user_id).map_err(invalid)?,
        recorded_at: from_micros(recorded_at),
        time_zone: IanaTimeZone::parse(&time_zone).map_err(|_| ApiError::internal("system.stored_record.invalid"))?,
        feeling: Envelope::from_text(&feeling)?,
        note: note.as_deref().map(Envelope::from_text).transpose()?,
    })
}

/// `POST /api/v1/journal-entries`
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(draft): ApiJson<Draft>,
) -> ApiResult<(StatusCode, Json<JournalEntry>)> {
    let now = state.now();
    let id = match draft.id.as_deref() {
        Some(text) => JournalEntryId::parse(text)?,
        None => JournalEntryId::new(now)?,
    };
    let entry = draft.validate(id, &caller)?;
    crate::consent::require(&state, &caller, cesizen_gdpr::consent::Purpose::EmotionalJournal).await?;
    let sealed = SealedJournalEntry::seal(&entry, &caller.key)?;
    let mut tx = state.db.begin_write().await?;
    sqlx::query(
        "INSERT INTO journal_entries (id, user_id, recorded_at, time_zone, created_at, feeling_sealed, note_sealed) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.to_string())
    .bind(caller.id.to_string())
    .bind(micros(sealed.recorded_at))
    .bind(sealed.time_zone.name())
    .bind(micros(now))
    .bind(sealed.feeling.to_text())
    .bind(sealed.note.as_ref().map(Envelope::to_text))
    .execute(&mut *tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            ApiError::conflict("conflict.record.exists", "a record with this id already exists")
        } else {
            e.into()
        }
    })?;
    crate::keys::record_sealed(&mut tx, &caller.key).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(entry)))
}

/// `PUT /api/v1/journal-entries/{id}`: rectification, the whole entry replaced.
pub async fn replace(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(draft): ApiJson<Draft>,
) -> ApiResult<Json<JournalEntry>> {
    let id = path_id(&id, JournalEntryId::parse)?;
    if draft.id.as_deref().is_some_and(|other| other != id.to_string()) {
        return Err(cesizen_core::id::IdError::Invalid.into());
    }
    let entry = draft.validate(id, &caller)?;
    let sealed = SealedJournalEntry::seal(&entry, &caller.key)?;
    let mut tx = state.db.begin_write().await?;
    let updated = sqlx::query(
        "UPDATE journal_entries SET recorded_at = $1, time_zone = $2, feeling_sealed = $3, note_sealed = $4 \
         WHERE id = $5 AND user_id = $6",
    )
    .bind(micros(sealed.recorded_at))
    .bind(sealed.time_zone.name())
    .bind(sealed.feeling.to_text())
    .bind(sealed.note.as_ref().map(Envelope::to_text))
    .bind(id.to_string())
    .bind(caller.id.to_string())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Err(ApiError::not_found());
    }
    crate::keys::record_sealed(&mut tx, &caller.key).await?;
    tx.commit().await?;
    Ok(Json(entry))
}

/// The entries of `key`'s user recorded in `[from, to)` (stored microseconds), oldest first, at most `limit`.
pub async fn load_range<'e>(
    executor: impl Executor<'e, Database = Any>,
    user: UserId,
    key: &DataKey,
    (from, to): (i64, i64),
    limit: i64,
) -> ApiResult<Vec<JournalEntry>> {
    let rows: Vec<SealedRow> = sqlx::query_as(&format!(
        "SELECT {SEALED_COLUMNS} FROM journal_entries WHERE user_id = $1 AND recorded_at >= $2 AND recorded_at < $3 \
         ORDER BY recorded_at, id LIMIT $4"
    ))
    .bind(user.to_string())
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(executor)
    .await?;
    rows.into_iter()
        .map(|row| Ok(sealed_from_row(row)?.open(key)?))
        .collect()
}

/// A time range and a page size.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    #[serde(default, deserialize_with = "cesizen_core::instant::deserialize_option")]
    from: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "cesizen_core::instant::deserialize_option")]
    to: Option<DateTime<Utc>>,
    #[serde(default)]
    limit: Option<PageLimit>,
}

/// `GET /api/v1/journal-entries?from=…&to=…&limit=…`
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(range): ApiQuery<Range>,
) -> ApiResult<Json<Vec<JournalEntry>>> {
    let bounds = (range.from.map_or(i64::MIN, micros), range.to.map_or(i64::MAX, micros));
    let limit = PageLimit::or_default(range.limit);
    Ok(Json(
        load_range(&state.db.pool, caller.id, &caller.key, bounds, limit).await?,
    ))
}

/// `GET /api/v1/journal-entries/{id}`
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<JournalEntry>> {
    let id = path_id(&id, JournalEntryId::parse)?;
    let row: Option<SealedRow> = sqlx::query_as(&format!(
        "SELECT {SEALED_COLUMNS} FROM journal_entries WHERE id = $1 AND user_id = $2"
    ))
    .bind(id.to_string())
    .bind(caller.id.to_string())
    .fetch_optional(&state.db.pool)
    .await?;
    let sealed = sealed_from_row(row.ok_or_else(ApiError::not_found)?)?;
    Ok(Json(sealed.open(&caller.key)?))
}

/// `DELETE /api/v1/journal-entries/{id}`
pub async fn delete(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<StatusCode> {
    let id = path_id(&id, JournalEntryId::parse)?;
    crate::state::delete_owned(&state, "journal_entries", &id.to_string(), &caller).await?;
    Ok(StatusCode::NO_CONTENT)
}
