//! Accounts: sign-up, sign-in (with lockout), sign-out, e-mail confirmation and password reset.
//!
//! **No account enumeration.** Sign-up answers 202 whether or not the address already has an account (the
//! owner of an existing one is told by e-mail instead); a password-reset request answers 202 for any address;
//! sign-in answers one 401 for an unknown address, a wrong password and an account that may not sign in, after
//! the same Argon2id work (a dummy hash stands in for a missing account); and login attempts are counted per
//! address pseudonym, for known and unknown addresses alike, so the lockout itself reveals nothing.
//!
//! **Lockout** is `cesizen-core`'s `LockoutPolicy` (5 failures within 15 minutes lock for 15 minutes) over the
//! attempts stored for the address: a locked address gets 429 with `Retry-After`, without its password being
//! checked or the attempt counted. It holds under concurrency ([`sign_in`]); a client failing many sign-ins
//! across addresses is slowed too ([`crate::throttle`]). **Tokens**: sessions are 256-bit `TokenSecret`s stored as their SHA-256;
//! confirmation and reset tokens are `TokenRecord`s, consumed by a conditional update so that one token
//! serves once even under concurrent requests.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use cesizen_core::id::UserId;
use cesizen_core::user::{
    DisplayName, Email, IanaTimeZone, Locale, LockoutDecision, LockoutPolicy, LoginAttempt, NewPassword, Password,
    TokenPurpose, TokenRecord, TokenRecordFields, TokenSecret, User,
};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{Any, Executor};

use crate::db::{Backend, from_micros, micros};
use crate::error::{ApiError, ApiResult};
use crate::outbox::OutboxMessage;
use crate::state::{ApiJson, ApiQuery, AppState, Caller, ClientAddress};
use crate::users::{self, parse_stored};

/// The sign-up form.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignUp {
    email: String,
    password: Password,
    display_name: String,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    time_zone: Option<String>,
}

/// What sign-up and reset requests answer, the same whatever the address.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Accepted {
    status: &'static str,
}

pub const ACCEPTED: Accepted = Accepted {
    status: "check_your_mailbox",
};

/// `POST /api/v1/accounts`
pub async fn sign_up(State(state): State<AppState>, ApiJson(form): ApiJson<SignUp>) -> ApiResult<impl IntoResponse> {
    let email = Email::parse(&form.email)?;
    let display_name = DisplayName::parse(&form.display_name)?;
    let locale = Locale::parse(form.locale.as_deref().unwrap_or("fr-FR"))?;
    let time_zone = match form.time_zone.as_deref() {
        Some(name) => IanaTimeZone::parse(name)?,
        None => IanaTimeZone::EUROPE_PARIS,
    };
    let password = NewPassword::new(form.password, &email)?;
    let lookup = state.keys.email_lookup(&email)?;
    // Hashed before knowing whether the address is taken: both answers cost the same.
    let password_hash = state.passwords.hash(password.expose_secret()).await?;
    let now = state.now();
    let id = UserId::new(now)?;
    let user = User::sign_up(id, email, display_name, locale, time_zone, now);
    let data_key = state.keys.new_data_key(&id.to_string())?;
    let sealed = users::seal_profile(&user, &data_key.key)?;

    let mut tx = state.db.begin_write().await?;
    let inserted = sqlx::query(
        "INSERT INTO users (id, email_lookup, email_sealed, display_name_sealed, locale, time_zone, role, status, \
         created_at, last_active_at, email_confirmed_at, inactivity_notified_at, password_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, NULL, $11) ON CONFLICT (email_lookup) DO NOTHING",
    )
    .bind(id.to_string())
    .bind(&lookup)
    .bind(&sealed.email)
    .bind(&sealed.display_name)
    .bind(user.locale().as_str())
    .bind(user.time_zone().name())
    .bind(user.role().as_str())
    .bind(user.status().as_str())
    .bind(micros(now))
    .bind(micros(now))
    .bind(&password_hash)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        tx.rollback().await?;
        state.outbox.send(user.email().as_str(), "account_exists", None, now);
        return Ok((StatusCode::ACCEPTED, Json(ACCEPTED)));
    }
    sqlx::query("INSERT INTO data_keys (user_id, wrapped, messages_sealed, kek_id) VALUES ($1, $2, 0, $3)")
        .bind(id.to_string())
        .bind(&data_key.wrapped)
        .bind(crate::keys::kek_column(data_key.kek))
        .execute(&mut *tx)
        .await?;
    crate::keys::record_sealed(&mut tx, &data_key.key).await?;
    state.keys.record_wrap(&mut tx, data_key.kek).await?;
    let token = issue_token(&mut *tx, id, TokenPurpose::EmailConfirmation, now).await?;
    tx.commit().await?;
    state
        .outbox
        .send(user.email().as_str(), "email_confirmation", Some(&token), now);
    tracing::info!(user = %id, "account created");
    Ok((StatusCode::ACCEPTED, Json(ACCEPTED)))
}

/// Issues a single-use token for `user`; returns its text, to be sent and never stored.
pub async fn issue_token<'e>(
    executor: impl Executor<'e, Database = Any>,
    user: UserId,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> ApiResult<String> {
    let (secret, record) = TokenRecord::issue(user, purpose, now)?;
    sqlx::query(
        "INSERT INTO single_use_tokens (hash, user_id, purpose, issued_at, expires_at, consumed_at) \
         VALUES ($1, $2, $3, $4, $5, NULL)",
    )
    .bind(record.hash().to_text())
    .bind(user.to_string())
    .bind(purpose_name(purpose))
    .bind(micros(record.issued_at()))
    .bind(micros(record.expires_at()))
    .execute(executor)
    .await?;
    Ok(secret.to_text().to_string())
}

fn purpose_name(purpose: TokenPurpose) -> &'static str {
    match purpose {
        TokenPurpose::EmailConfirmation => "email_confirmation",
        TokenPurpose::PasswordReset => "password_reset",
    }
}

/// Checks and consumes a token of `purpose`; returns the account it serves.
async fn consume_token(state: &AppState, text: &str, purpose: TokenPurpose, now: DateTime<Utc>) -> ApiResult<UserId> {
    let secret = TokenSecret::parse(text)?;
    let hash = secret.hash().to_text();
    let row: Option<(String, String, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT user_id, purpose, issued_at, expires_at, consumed_at FROM single_use_tokens WHERE hash = $1",
    )
    .bind(&hash)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some((user_id, stored_purpose, issued_at, expires_at, consumed_at)) = row else {
        return Err(cesizen_core::user::UserError::TokenInvalid.into());
    };
    let mut record = TokenRecord::from_fields(TokenRecordFields {
        user_id: UserId::parse(&user_id)?,
        purpose: parse_stored(&stored_purpose)?,
        hash: secret.hash(),
        issued_at: from_micros(issued_at),
        expires_at: from_micros(expires_at),
        consumed_at: consumed_at.map(from_micros),
    })?;
    record.consume(&secret, purpose, now)?;
    let updated = sqlx::query("UPDATE single_use_tokens SET consumed_at = $1 WHERE hash = $2 AND consumed_at IS NULL")
        .bind(micros(now))
        .bind(&hash)
        .execute(&state.db.pool)
        .await?
        .rows_affected();
    if updated == 0 {
        return Err(cesizen_core::user::UserError::TokenConsumed.into());
    }
    Ok(record.user_id())
}

/// The sign-in form.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    email: String,
    password: Password,
}

/// A new session.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionCreated {
    token: String,
    user_id: UserId,
    expires_at: DateTime<Utc>,
}

/// How far back login attempts are read: the longest a lockout window or lock may last.
const ATTEMPT_HISTORY: TimeDelta = cesizen_core::user::MAX_LOCKOUT_DURATION;

/// `POST /api/v1/sessions`
///
/// The lockout holds under any concurrency, on both databases and across instances: the check of the stored
/// attempts and the insertion of this one are one transaction serialised per address (SQLite: the one writer,
/// `BEGIN IMMEDIATE`; PostgreSQL: a transaction-scoped advisory lock on the address pseudonym), and the attempt
/// is stored as failed *before* the password is checked, then marked succeeded if it was right. So at most the
/// policy's number of guesses are ever evaluated within a window, however many arrive at once.
pub async fn sign_in(
    State(state): State<AppState>,
    client: ClientAddress,
    ApiJson(form): ApiJson<SignIn>,
) -> ApiResult<impl IntoResponse> {
    let email = Email::parse(&form.email)?;
    let lookup = state.keys.email_lookup(&email)?;
    let now = state.now();
    if let Some(retry_after) = client
        .0
        .and_then(|ip| state.throttle.check(ip, std::time::Instant::now()))
    {
        // A client spraying addresses: refused before any look-up, and counted for the plan's alert.
        sqlx::query("INSERT INTO login_attempts (id, email_lookup, at, succeeded) VALUES ($1, $2, $3, 0)")
            .bind(uuid_v7_text(now)?)
            .bind(&lookup)
            .bind(micros(now))
            .execute(&state.db.writer)
            .await?;
        state.metrics.throttled_login();
        return Err(ApiError::throttled(retry_after));
    }
    let attempt = uuid_v7_text(now)?;
    let mut tx = state.db.begin_write().await?;
    if state.db.backend == Backend::Postgres {
        sqlx::query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) AS locked")
            .bind(&lookup)
            .execute(&mut *tx)
            .await?;
    }
    let attempts: Vec<(i64, i64)> =
        sqlx::query_as("SELECT at, succeeded FROM login_attempts WHERE email_lookup = $1 AND at > $2")
            .bind(&lookup)
            .bind(micros(now - ATTEMPT_HISTORY))
            .fetch_all(&mut *tx)
            .await?;
    let attempts: Vec<LoginAttempt> = attempts
        .into_iter()
        .map(|(at, succeeded)| LoginAttempt {
            at: from_micros(at),
            succeeded: succeeded != 0,
        })
        .collect();
    // Decided as of now, read again once the address is ours, and never before an attempt already stored (a
    // request that waited for the lock, or another instance's clock ahead of ours, must still see it).
    let now = attempts.iter().map(|a| a.at).fold(state.now(), DateTime::max);
    if let LockoutDecision::Locked {
        retry_after_seconds, ..
    } = LockoutPolicy::default().decide(&attempts, now)
    {
        tx.rollback().await?;
        state.metrics.throttled_login();
        return Err(ApiError::throttled(retry_after_seconds));
    }
    // Counted as a failure until the password proves right.
    sqlx::query("INSERT INTO login_attempts (id, email_lookup, at, succeeded) VALUES ($1, $2, $3, 0)")
        .bind(&attempt)
        .bind(&lookup)
        .bind(micros(now))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;

    let account: Option<(String, String, String)> =
        sqlx::query_as("SELECT id, status, password_hash FROM users WHERE email_lookup = $1")
            .bind(&lookup)
            .fetch_optional(&state.db.pool)
            .await?;
    let (account, stored_hash) = match account {
        Some((id, status, hash)) => (Some((id, status)), Some(hash)),
        None => (None, None),
    };
    let password_ok = state
        .passwords
        .verify(form.password.expose_secret(), stored_hash)
        .await?;
    let signed_in = match account {
        Some((id, status)) if password_ok && status == "active" => Some(UserId::parse(&id)?),
        _ => None,
    };
    let Some(user_id) = signed_in else {
        if let Some(ip) = client.0 {
            state.throttle.failed(ip, std::time::Instant::now());
        }
        state.metrics.failed_login();
        return Err(ApiError::bad_credentials());
    };
    let mut tx = state.db.begin_write().await?;
    sqlx::query("UPDATE login_attempts SET succeeded = 1 WHERE id = $1")
        .bind(&attempt)
        .execute(&mut *tx)
        .await?;
    let secret = TokenSecret::generate()?;
    let expires_at = now + state.config.session_lifetime;
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(secret.hash().to_text())
        .bind(user_id.to_string())
        .bind(micros(now))
        .bind(micros(expires_at))
        .execute(&mut *tx)
        .await?;
    // `User::record_activity`'s rule (never backwards), in one statement.
    sqlx::query("UPDATE users SET last_active_at = $1 WHERE id = $2 AND last_active_at < $1")
        .bind(micros(now))
        .bind(user_id.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(SessionCreated {
            token: secret.to_text().to_string(),
            user_id,
            expires_at,
        }),
    ))
}

/// A random UUIDv7 as text, for rows that are not domain records.
pub fn uuid_v7_text(now: DateTime<Utc>) -> ApiResult<String> {
    Ok(cesizen_gdpr::RequestId::new(now)?.to_string())
}

/// `DELETE /api/v1/sessions/current`
pub async fn sign_out(State(state): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(&caller.token_hash)
        .execute(&state.db.pool)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A token sent by e-mail.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenForm {
    token: String,
}

impl TokenForm {
    /// The token's text.
    pub fn token(&self) -> &str {
        &self.token
    }
}

/// `POST /api/v1/email-confirmations`
pub async fn confirm_email(State(state): State<AppState>, ApiJson(form): ApiJson<TokenForm>) -> ApiResult<StatusCode> {
    let now = state.now();
    let user_id = consume_token(&state, &form.token, TokenPurpose::EmailConfirmation, now).await?;
    let confirmed_at: Option<(Option<i64>, i64)> =
        sqlx::query_as("SELECT email_confirmed_at, created_at FROM users WHERE id = $1")
            .bind(user_id.to_string())
            .fetch_optional(&state.db.pool)
            .await?;
    if confirmed_at.is_some_and(|(at, _)| at.is_none()) {
        // `User::confirm_email`: the first confirmation is kept.
        sqlx::query("UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL")
            .bind(micros(now))
            .bind(user_id.to_string())
            .execute(&state.db.pool)
            .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// A password-reset request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    email: String,
}

/// `POST /api/v1/password-resets`
pub async fn request_reset(
    State(state): State<AppState>,
    ApiJson(form): ApiJson<ResetRequest>,
) -> ApiResult<impl IntoResponse> {
    let email = Email::parse(&form.email)?;
    let lookup = state.keys.email_lookup(&email)?;
    let now = state.now();
    // Whether the address has an account decides what follows (a token written, a mail queued); that work runs
    // after the answer, so the answer takes the same time for any address (no timing oracle).
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(e) = send_reset(&state, &email, &lookup, now).await {
            tracing::warn!(code = e.code(), "a password reset could not be sent");
        }
    });
    Ok((StatusCode::ACCEPTED, Json(ACCEPTED)))
}

/// Issues and mails a reset token when `lookup` names an active account; does nothing otherwise.
async fn send_reset(state: &AppState, email: &Email, lookup: &str, now: DateTime<Utc>) -> ApiResult<()> {
    let account: Option<(String,)> =
        sqlx::query_as("SELECT id FROM users WHERE email_lookup = $1 AND status = 'active'")
            .bind(lookup)
            .fetch_optional(&state.db.pool)
            .await?;
    if let Some((id,)) = account {
        let token = issue_token(&state.db.pool, UserId::parse(&id)?, TokenPurpose::PasswordReset, now).await?;
        state.outbox.send(email.as_str(), "password_reset", Some(&token), now);
    }
    Ok(())
}

/// A new password with its reset token.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResetConfirm {
    token: String,
    new_password: Password,
}

/// `POST /api/v1/password-resets/confirm`: sets the password and ends every session of the account.
pub async fn confirm_reset(
    State(state): State<AppState>,
    ApiJson(form): ApiJson<ResetConfirm>,
) -> ApiResult<StatusCode> {
    let now = state.now();
    // Consumed before the new password is checked (the policy needs the account's address): a token serves
    // once, even when the password it came with is refused.
    let user_id = consume_token(&state, &form.token, TokenPurpose::PasswordReset, now).await?;
    let key = state
        .keys
        .user_key(&state.db.pool, &user_id.to_string())
        .await?
        .ok_or(cesizen_core::user::UserError::TokenInvalid)?;
    let user = users::load(&state.db.pool, &key, user_id).await?;
    let password = NewPassword::new(form.new_password, user.email())?;
    let hash = state.passwords.hash(password.expose_secret()).await?;
    let mut tx = state.db.begin_write().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(&hash)
        .bind(user_id.to_string())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The outbox query.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboxQuery {
    email: String,
}

/// `GET /api/v1/dev/outbox?email=…` (only with `CESIZEN_DEV_OUTBOX=1`).
pub async fn outbox(State(state): State<AppState>, ApiQuery(query): ApiQuery<OutboxQuery>) -> Json<Vec<OutboxMessage>> {
    Json(state.outbox.for_address(&query.email))
}
