//! The caller's profile: read, rectify (GDPR Art. 16, at once), deactivate.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use cesizen_core::user::{AccountStatus, DisplayName, Email, IanaTimeZone, Locale, TokenPurpose, User};
use serde::Deserialize;

use crate::accounts::issue_token;
use crate::error::ApiResult;
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

/// `PATCH /api/v1/me`. A new address must be confirmed again (`User::change_email`): a confirmation is sent.
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(change): ApiJson<ProfileChange>,
) -> ApiResult<Json<User>> {
    // Every field is validated before anything is written.
    let email = change.email.as_deref().map(Email::parse).transpose()?;
    let display_name = change.display_name.as_deref().map(DisplayName::parse).transpose()?;
    let locale = change.locale.as_deref().map(Locale::parse).transpose()?;
    let time_zone = change.time_zone.as_deref().map(IanaTimeZone::parse).transpose()?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let mut user = users::load(&mut *tx, &caller.key, caller.id).await?;
    let address_before = user.email().clone();
    if let Some(email) = email {
        user.change_email(email);
    }
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
    crate::keys::record_sealed(&mut tx, &caller.key).await?;
    let token = if user.email() != &address_before {
        sqlx::query("DELETE FROM single_use_tokens WHERE user_id = $1 AND purpose = 'email_confirmation'")
            .bind(caller.id.to_string())
            .execute(&mut *tx)
            .await?;
        Some(issue_token(&mut *tx, caller.id, TokenPurpose::EmailConfirmation, now).await?)
    } else {
        None
    };
    tx.commit().await?;
    if let Some(token) = token {
        state
            .outbox
            .send(user.email().as_str(), "email_confirmation", Some(&token), now);
    }
    Ok(Json(user))
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
