//! The caller's profile: read, rectify (GDPR Art. 16, at once), deactivate.
//!
//! **A new address** is never taken at once: it waits in `email_changes` until a token mailed to it comes back
//! (`POST /api/v1/email-changes/confirm`). The answer to the request is the same whatever the address (202):
//! a free address receives the token, a registered one a notice to its owner. So no signed-in user can test
//! whether an address has an account, and nobody can squat an address they do not own.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cesizen_core::id::UserId;
use cesizen_core::user::{
    AccountStatus, DisplayName, Email, IanaTimeZone, Locale, TokenPurpose, TokenSecret, User, UserError,
};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::accounts::TokenForm;
use crate::db::{from_micros, micros};
use crate::error::{ApiError, ApiResult};
use crate::keys::{open_text, seal};
use crate::state::{ApiJson, AppState, Caller};
use crate::users;

/// `GET /api/v1/me`: the `cesizen-core` `User`, as it serializes.
pub async fn get(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<User>> {
    Ok(Json(users::load(&state.db.pool, &caller.key, caller.id).await?))
}

/// A rectification: each field present replaces the stored one.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileChange {
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    time_zone: Option<String>,
}

/// `PATCH /api/v1/me`: every field but the address applies at once (200 with the profile); a new address is
/// asked for confirmation instead (202, see the module documentation), the other fields applied all the same.
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(change): ApiJson<ProfileChange>,
) -> ApiResult<Response> {
    // Every field is validated before anything is written.
    let email = change.email.as_deref().map(Email::parse).transpose()?;
    let display_name = change.display_name.as_deref().map(DisplayName::parse).transpose()?;
    let locale = change.locale.as_deref().map(Locale::parse).transpose()?;
    let time_zone = change.time_zone.as_deref().map(IanaTimeZone::parse).transpose()?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let mut user = users::load(&mut *tx, &caller.key, caller.id).await?;
    if let Some(name) = display_name {
        user.rename(name);
    }
    if let Some(locale) = locale {
        user.set_locale(locale);
    }
    if let Some(zone) = time_zone {
        user.set_time_zone(zone);
    }
    let lookup = state.keys.email_lookup(user.email())?;
    users::update(&mut *tx, &user, &caller.key, &lookup).await?;
    let requested = match email.filter(|e| e != user.email()) {
        Some(new) => Some(request_change(&state, &mut tx, &caller, user.email().clone(), new, now).await?),
        None => None,
    };
    crate::keys::record_sealed(&mut tx, &caller.key).await?;
    tx.commit().await?;
    match requested {
        Some(requested) => {
            requested.send(&state, now);
            Ok((StatusCode::ACCEPTED, Json(crate::accounts::ACCEPTED)).into_response())
        }
        None => Ok(Json(user).into_response()),
    }
}

/// A change of address asked for, to mail once committed.
struct Requested {
    /// The account's address now, told of the request (so its owner notices a change they did not ask for).
    current: Email,
    email: Email,
    /// The token, when the address is free; its owner is told otherwise.
    token: Option<String>,
}

impl Requested {
    fn send(self, state: &AppState, now: DateTime<Utc>) {
        state
            .outbox
            .send(self.current.as_str(), "email_change_requested", None, now);
        match self.token {
            Some(token) => state
                .outbox
                .send(self.email.as_str(), "email_change", Some(&token), now),
            None => state.outbox.send(self.email.as_str(), "email_in_use", None, now),
        }
    }
}

/// Stores the pending change from `current` to `new` (replacing any earlier one), the same work whether `new`
/// is free or not.
async fn request_change(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    caller: &Caller,
    current: Email,
    new: Email,
    now: DateTime<Utc>,
) -> ApiResult<Requested> {
    let id = caller.id.to_string();
    let taken: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE email_lookup = $1")
        .bind(state.keys.email_lookup(&new)?)
        .fetch_optional(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM email_changes WHERE user_id = $1")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    let secret = TokenSecret::generate()?;
    let sealed = seal(&caller.key, &id, PENDING_EMAIL_FIELD, new.as_str().as_bytes())?;
    sqlx::query(
        "INSERT INTO email_changes (token_hash, user_id, email_sealed, requested_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(secret.hash().to_text())
    .bind(&id)
    .bind(&sealed)
    .bind(micros(now))
    .bind(micros(now + TokenPurpose::EmailConfirmation.default_lifetime()))
    .execute(&mut *tx)
    .await?;
    Ok(Requested {
        current,
        email: new,
        token: taken.is_none().then(|| secret.to_text().to_string()),
    })
}

/// The field of the user's record that seals a pending address.
const PENDING_EMAIL_FIELD: &str = "pending_email";

/// `POST /api/v1/email-changes/confirm`: the new address received the token, so it becomes the account's,
/// confirmed. 409 `account.email.unavailable` if another account took it meanwhile (the caller owns the address:
/// telling them reveals nothing they do not know).
pub async fn confirm_change(State(state): State<AppState>, ApiJson(form): ApiJson<TokenForm>) -> ApiResult<StatusCode> {
    let secret = TokenSecret::parse(form.token())?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let row: Option<(String, String, i64)> =
        sqlx::query_as("DELETE FROM email_changes WHERE token_hash = $1 RETURNING user_id, email_sealed, expires_at")
            .bind(secret.hash().to_text())
            .fetch_optional(&mut *tx)
            .await?;
    let (user_id, sealed, expires_at) = row.ok_or(UserError::TokenInvalid)?;
    if from_micros(expires_at) <= now {
        tx.commit().await?;
        return Err(UserError::TokenExpired.into());
    }
    let key = state
        .keys
        .user_key(&mut *tx, &user_id)
        .await?
        .ok_or(UserError::TokenInvalid)?;
    let new = Email::parse(&open_text(&key, &user_id, PENDING_EMAIL_FIELD, &sealed)?)
        .map_err(|_| ApiError::internal("system.stored_record.invalid"))?;
    let mut user = users::load(&mut *tx, &key, UserId::parse(&user_id)?).await?;
    user.change_email(new);
    user.confirm_email(now)?;
    let lookup = state.keys.email_lookup(user.email())?;
    users::update(&mut *tx, &user, &key, &lookup).await?;
    crate::keys::record_sealed(&mut tx, &key).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/me/deactivation`: the account is switched off (its data kept) and every session ends.
pub async fn deactivate(State(state): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    let mut tx = state.db.begin_write().await?;
    let mut user = users::load(&mut *tx, &caller.key, caller.id).await?;
    user.change_status(AccountStatus::Deactivated)?;
    sqlx::query("UPDATE users SET status = $1 WHERE id = $2")
        .bind(user.status().as_str())
        .bind(caller.id.to_string())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(caller.id.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
