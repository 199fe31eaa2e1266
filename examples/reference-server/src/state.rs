//! What every request handler shares, and the extractors that turn a request into typed, checked input.

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use cesizen_core::id::UserId;
use cesizen_core::user::{IanaTimeZone, Role, TokenSecret};
use cesizen_crypto::DataKey;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::db::{Db, micros};
use crate::error::ApiError;
use crate::keys::Keys;
use crate::metrics::Metrics;
use crate::outbox::Outbox;
use crate::password::Passwords;

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The keyring and the server's secrets.
    pub keys: Arc<Keys>,
    /// Settings.
    pub config: Arc<Config>,
    /// Password hashing.
    pub passwords: Passwords,
    /// Messages that would be e-mailed.
    pub outbox: Outbox,
    /// Request metrics.
    pub metrics: Arc<Metrics>,
    /// Failed sign-ins per client, across addresses.
    pub throttle: Arc<crate::throttle::ClientThrottle>,
}

/// A page size from a query string: 1 to 1,000 (100 when absent); anything else is refused with 422
/// `http.query.invalid`, as `openapi.json` documents, rather than clamped.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(try_from = "u32")]
pub struct PageLimit(u32);

impl PageLimit {
    /// The most a page holds.
    pub const MAX: u32 = 1000;
    /// A page's size when none is asked for.
    pub const DEFAULT: u32 = 100;

    /// The size asked for, or the default, as a query bind.
    pub fn or_default(limit: Option<PageLimit>) -> i64 {
        i64::from(limit.map_or(Self::DEFAULT, |l| l.0))
    }
}

impl TryFrom<u32> for PageLimit {
    type Error = &'static str;

    fn try_from(n: u32) -> Result<Self, Self::Error> {
        if (1..=Self::MAX).contains(&n) {
            Ok(PageLimit(n))
        } else {
            Err("a page holds 1 to 1000 items")
        }
    }
}

/// The peer address of the connection, when the server was started with it (`None` in-process).
pub struct ClientAddress(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip()),
        ))
    }
}

impl AppState {
    /// The deployment's plan, read once at start (`CESIZEN_PLAN_FILE`).
    pub fn plan(&self) -> &cesizen_plan::Plan {
        &self.config.plan
    }

    /// The current time: the one place the server reads the clock for the SDK.
    pub fn now(&self) -> DateTime<Utc> {
        crate::db::to_stored_precision(Utc::now())
    }
}

/// A JSON body: malformed JSON is 400 `http.body.malformed`, JSON of the wrong shape 422 `http.body.invalid`,
/// a body over the limit 413 `http.body.too_large`. The parser's message is not returned: it can quote input.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        // Every body is a JSON object; serde would also fill a struct from an array. The body is checked as JSON
        // (content type, syntax) without building it, its first character looked at, then read once into `T`.
        let raw = match axum::Json::<Box<serde_json::value::RawValue>>::from_request(req, state).await {
            Ok(axum::Json(raw)) => raw,
            Err(rejection) => return Err(json_rejection(&rejection)),
        };
        if !raw.get().starts_with('{') {
            return Err(body_invalid());
        }
        serde_json::from_str(raw.get()).map(ApiJson).map_err(|_| body_invalid())
    }
}

/// 422 `http.body.invalid`.
fn body_invalid() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "http.body.invalid",
        "the JSON body does not have the expected fields and types",
    )
}

fn json_rejection(rejection: &JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::JsonSyntaxError(_) => ApiError::new(
            StatusCode::BAD_REQUEST,
            "http.body.malformed",
            "the body is not valid JSON",
        ),
        JsonRejection::JsonDataError(_) => body_invalid(),
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "http.content_type.unsupported",
            "the body must be sent as application/json",
        ),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        _ => ApiError::new(
            StatusCode::BAD_REQUEST,
            "http.body.unreadable",
            "the body could not be read",
        ),
    }
}

/// A query string: one that does not have the expected parameters and types is 422 `http.query.invalid` (axum's
/// own answer is a plain-text 400 quoting the parser, which can quote input).
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(_) => Err(query_invalid(
                "the query string does not have the expected parameters and types",
            )),
        }
    }
}

/// The 422 answer to a query string the handler cannot use, with a fixed `message` (never the input).
pub fn query_invalid(message: &'static str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "http.query.invalid", message)
}

/// The 413 answer.
pub fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "http.body.too_large",
        "the body is too large",
    )
}

/// The signed-in user, from the `Authorization: Bearer <token>` header.
pub struct Caller {
    /// The account.
    pub id: UserId,
    /// Its role.
    pub role: Role,
    /// Its time zone (reports count days in it).
    pub time_zone: IanaTimeZone,
    /// Its data key, unwrapped.
    pub key: DataKey,
    /// The hash of the session token (to sign out).
    pub token_hash: String,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(ApiError::unauthenticated)?;
        let token = header.strip_prefix("Bearer ").ok_or_else(ApiError::unauthenticated)?;
        let secret = TokenSecret::parse(token.trim()).map_err(|_| ApiError::unauthenticated())?;
        let token_hash = secret.hash().to_text();
        let row: Option<(String, String, String, String, String, i64)> = sqlx::query_as(
            "SELECT u.id, u.role, u.status, u.time_zone, k.wrapped, k.messages_sealed FROM sessions s \
             JOIN users u ON u.id = s.user_id JOIN data_keys k ON k.user_id = u.id \
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(&token_hash)
        .bind(micros(state.now()))
        .fetch_optional(&state.db.pool)
        .await?;
        let (id, role, status, time_zone, wrapped, sealed) = row.ok_or_else(ApiError::unauthenticated)?;
        if status != "active" {
            return Err(ApiError::unauthenticated());
        }
        let role = match role.as_str() {
            "admin" => Role::Admin,
            _ => Role::User,
        };
        let id = UserId::parse(&id).map_err(|_| ApiError::internal("system.stored_record.invalid"))?;
        let time_zone =
            IanaTimeZone::parse(&time_zone).map_err(|_| ApiError::internal("system.stored_record.invalid"))?;
        let key = state.keys.data_key(&id.to_string(), &wrapped, sealed)?;
        Ok(Caller {
            id,
            role,
            time_zone,
            key,
            token_hash,
        })
    }
}

/// A signed-in administrator: any other caller gets 403.
pub struct Admin(pub Caller);

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        if caller.role == Role::Admin {
            Ok(Admin(caller))
        } else {
            Err(ApiError::forbidden())
        }
    }
}

/// A path id of a typed kind: anything unparsable is 404, like an id that names nothing of the caller's.
pub fn path_id<T>(text: &str, parse: impl Fn(&str) -> Result<T, cesizen_core::id::IdError>) -> Result<T, ApiError> {
    parse(text).map_err(|_| ApiError::not_found())
}

/// Deletes the caller's row `id` of `table` (one of the server's own table names, never input): 404 when the
/// caller has no such row, whether someone else has one or not.
pub async fn delete_owned(state: &AppState, table: &str, id: &str, caller: &Caller) -> Result<(), ApiError> {
    let deleted = sqlx::query(&format!("DELETE FROM {table} WHERE id = $1 AND user_id = $2"))
        .bind(id)
        .bind(caller.id.to_string())
        .execute(&state.db.writer)
        .await?
        .rows_affected();
    if deleted == 0 {
        return Err(ApiError::not_found());
    }
    Ok(())
}
