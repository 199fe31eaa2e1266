//! Consent: `cesizen-gdpr`'s append-only ledger, stored one record per row and replayed on every read.
//!
//! Replaying through `ConsentLedger::replay` means a stored ledger cannot hold what the rules refuse (a
//! non-explicit consent to health data, a withdrawal of nothing). The texts in force are a deployment setting:
//! this reference deployment has one version for every purpose, [`CURRENT_TEXT_VERSION`]; a consent given to
//! another version is not valid for processing (`ConsentLedger::is_valid`) and must be asked for again.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cesizen_core::id::UserId;
use cesizen_gdpr::consent::{ConsentLedger, ConsentMethod, ConsentRecord, ConsentStatus, Purpose, TextVersion};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{Any, Executor};

use crate::error::{ApiError, ApiResult, is_unique_violation};
use crate::state::{ApiJson, AppState, Caller};
use crate::users::parse_stored;

/// The version of every consent text in force in this deployment.
pub const CURRENT_TEXT_VERSION: &str = "2025-01";

fn current() -> ApiResult<TextVersion> {
    Ok(TextVersion::new(CURRENT_TEXT_VERSION)?)
}

/// The ledger of `user`, replayed from its stored records.
pub async fn ledger<'e>(executor: impl Executor<'e, Database = Any>, user: UserId) -> ApiResult<ConsentLedger> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT record FROM consents WHERE user_id = $1 ORDER BY seq")
        .bind(user.to_string())
        .fetch_all(executor)
        .await?;
    let records = rows
        .iter()
        .map(|(json,)| serde_json::from_str::<ConsentRecord>(json))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ConsentLedger::replay(user, &records)?)
}

/// Fails with 403 `gdpr.consent.not_given` unless the caller's consent to `purpose` is valid now.
pub async fn require(state: &AppState, caller: &Caller, purpose: Purpose) -> ApiResult<()> {
    let ledger = ledger(&state.db.pool, caller.id).await?;
    if ledger.is_valid(purpose, &current()?) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "gdpr.consent.not_given",
            "this needs the user's consent to the current text",
        ))
    }
}

/// One purpose's state for the caller.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PurposeState {
    purpose: Purpose,
    /// `never`, `given` or `withdrawn`.
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text_version: Option<TextVersion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<ConsentMethod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<DateTime<Utc>>,
    /// Whether processing may rely on it now (given, to the text in force).
    valid: bool,
    /// The text version in force, to show when asking.
    current_text_version: &'static str,
}

/// The caller's consents: every purpose's state, and the ledger's records.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Consents {
    purposes: Vec<PurposeState>,
    records: Vec<ConsentRecord>,
}

fn view(ledger: &ConsentLedger) -> ApiResult<Consents> {
    let current = current()?;
    let purposes = Purpose::ALL
        .into_iter()
        .map(|purpose| {
            let valid = ledger.is_valid(purpose, &current);
            let (state, text_version, method, at) = match ledger.status(purpose) {
                ConsentStatus::Never => ("never", None, None, None),
                ConsentStatus::Given {
                    text_version,
                    method,
                    at,
                } => ("given", Some(text_version), Some(method), Some(at)),
                ConsentStatus::Withdrawn { at } => ("withdrawn", None, None, Some(at)),
            };
            PurposeState {
                purpose,
                state,
                text_version,
                method,
                at,
                valid,
                current_text_version: CURRENT_TEXT_VERSION,
            }
        })
        .collect();
    Ok(Consents {
        purposes,
        records: ledger.records().to_vec(),
    })
}

/// `GET /api/v1/me/consents`
pub async fn get(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Consents>> {
    Ok(Json(view(&ledger(&state.db.pool, caller.id).await?)?))
}

/// Giving consent.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Give {
    purpose: Purpose,
    text_version: String,
    method: ConsentMethod,
}

/// `POST /api/v1/me/consents`
pub async fn give(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(form): ApiJson<Give>,
) -> ApiResult<Json<Consents>> {
    let version = TextVersion::new(&form.text_version)?;
    let now = state.now();
    append(&state, &caller, |ledger| {
        ledger.give(form.purpose, version, form.method, now).map(|_| ())
    })
    .await
}

/// `DELETE /api/v1/me/consents/{purpose}`: withdrawal (Art. 7(3)), as easy as giving.
pub async fn withdraw(
    State(state): State<AppState>,
    caller: Caller,
    Path(purpose): Path<String>,
) -> ApiResult<Json<Consents>> {
    let purpose: Purpose = parse_stored(&purpose).map_err(|_| ApiError::not_found())?;
    let now = state.now();
    append(&state, &caller, |ledger| ledger.withdraw(purpose, now).map(|_| ())).await
}

/// Applies `change` to the caller's ledger and stores the new record; a concurrent append wins with 409.
async fn append(
    state: &AppState,
    caller: &Caller,
    change: impl FnOnce(&mut ConsentLedger) -> cesizen_gdpr::Result<()>,
) -> ApiResult<Json<Consents>> {
    let subject = caller.id;
    let mut tx = state.db.begin_write().await?;
    let mut ledger = ledger(&mut *tx, subject).await?;
    let seq = ledger.records().len();
    change(&mut ledger)?;
    let record = ledger
        .records()
        .last()
        .ok_or_else(|| ApiError::internal("system.consent.missing"))?;
    sqlx::query("INSERT INTO consents (id, user_id, seq, record) VALUES ($1, $2, $3, $4)")
        .bind(crate::accounts::uuid_v7_text(record.at)?)
        .bind(subject.to_string())
        .bind(i64::try_from(seq).unwrap_or(i64::MAX))
        .bind(serde_json::to_string(record)?)
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            if is_unique_violation(&e) {
                ApiError::conflict("conflict.concurrent_update", "the ledger changed meanwhile; try again")
            } else {
                e.into()
            }
        })?;
    tx.commit().await?;
    Ok(Json(view(&ledger)?))
}
