//! Every error the API answers with: an HTTP status and a JSON body carrying the SDK's stable code.
//!
//! Body: `{"code": "validation.email.invalid", "message": "the e-mail address is not valid"}`, plus
//! `"violations": [...]` listing every broken rule of a refused password. Codes come from the SDK's errors
//! unchanged; the few the server adds are about HTTP itself (`http.*`) and sessions (`auth.*`). Messages are the
//! SDK's, which never contain user data; internal failures answer with a code only, never a cause, a stack
//! trace or a query.
//!
//! Status from the code: `validation.*` and the GDPR rules → 422, an illegal workflow move → 409,
//! `auth.token.*` → 400, `system.*` / `crypto.*` → 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An API error.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    violations: Vec<&'static str>,
    retry_after: Option<u64>,
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    violations: &'a [&'static str],
}

impl ApiError {
    /// An error with an explicit status.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            violations: Vec::new(),
            retry_after: None,
        }
    }

    /// A failure of the server itself (500), logged with its code only.
    pub fn internal(code: &'static str) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, code, "internal error")
    }

    /// No valid session (401).
    pub fn unauthenticated() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "auth.session.invalid",
            "a valid session token is required",
        )
    }

    /// Wrong e-mail or password, or an account that may not sign in: one answer for all (401).
    pub fn bad_credentials() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "auth.credentials.invalid",
            "the e-mail or the password is wrong",
        )
    }

    /// The role does not allow this (403).
    pub fn forbidden() -> Self {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "auth.role.forbidden",
            "this operation needs the admin role",
        )
    }

    /// Nothing of the caller's under this id (404): the same answer whether it exists for someone else or not.
    pub fn not_found() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "http.resource.not_found", "no such resource")
    }

    /// Sign-in refused while the account is locked (429 with `Retry-After`).
    pub fn throttled(retry_after_seconds: u64) -> Self {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "auth.login.throttled",
            "too many failed sign-ins; try again later",
        );
        e.retry_after = Some(retry_after_seconds.max(1));
        e
    }

    /// A concurrent change won (409).
    pub fn conflict(code: &'static str, message: &str) -> Self {
        ApiError::new(StatusCode::CONFLICT, code, message)
    }

    /// An SDK error, by its stable code.
    pub fn from_code(code: &'static str, message: String) -> Self {
        let status = if code.ends_with(".illegal_transition") || code.ends_with(".illegal_step") {
            StatusCode::CONFLICT
        } else if code.starts_with("system.") || code.starts_with("crypto.") {
            StatusCode::INTERNAL_SERVER_ERROR
        } else if code.starts_with("auth.token.") {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            return ApiError::internal(code);
        }
        ApiError::new(status, code, message)
    }

    /// Whether this is the answer for nothing of the caller's under an id ([`ApiError::not_found`]).
    pub fn is_not_found(&self) -> bool {
        self.status == StatusCode::NOT_FOUND
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(code = self.code, "request failed");
        }
        let body = Body {
            code: self.code,
            message: &self.message,
            violations: &self.violations,
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

macro_rules! from_sdk_error {
    ($($ty:ty),* $(,)?) => {$(
        impl From<$ty> for ApiError {
            fn from(e: $ty) -> Self {
                ApiError::from_code(e.code(), e.to_string())
            }
        }
    )*};
}

from_sdk_error!(
    cesizen_core::Error,
    cesizen_core::id::IdError,
    cesizen_core::practice::PracticeError,
    cesizen_core::emotion::EmotionError,
    cesizen_core::stress::StressError,
    cesizen_core::incident::IncidentError,
    cesizen_core::alerting::AlertingError,
    cesizen_crypto::Error,
    cesizen_sla::SlaError,
);

impl From<cesizen_gdpr::Error> for ApiError {
    fn from(e: cesizen_gdpr::Error) -> Self {
        match e {
            // A data key at its message limit is the crypto condition the server reports for every other seal.
            cesizen_gdpr::Error::SealKeyLimitReached { key } => {
                crate::keys::log_limit_reached();
                cesizen_crypto::Error::KeyLimitReached(key).into()
            }
            // The server's own records failed to seal: not the client's input.
            cesizen_gdpr::Error::SealFailed => ApiError::internal(e.code()),
            e => ApiError::from_code(e.code(), e.to_string()),
        }
    }
}

impl From<cesizen_core::user::UserError> for ApiError {
    fn from(e: cesizen_core::user::UserError) -> Self {
        let mut error = ApiError::from_code(e.code(), e.to_string());
        error.violations = e.password_violations().iter().map(|v| v.code()).collect();
        error
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        // The cause may quote a value: it goes to the log at debug level only, never to the client.
        tracing::debug!(kind = %database_error_kind(&e), "database error");
        ApiError::internal("system.database.error")
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(_: serde_json::Error) -> Self {
        ApiError::internal("system.stored_record.invalid")
    }
}

/// A coarse, data-free description of a database error for the log.
fn database_error_kind(e: &sqlx::Error) -> &'static str {
    match e {
        sqlx::Error::Database(_) => "database",
        sqlx::Error::PoolTimedOut => "pool timed out",
        sqlx::Error::Io(_) => "io",
        sqlx::Error::RowNotFound => "row not found",
        _ => "other",
    }
}

/// Whether a database error is a unique-constraint violation.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Shorthand for handler results.
pub type ApiResult<T> = Result<T, ApiError>;
