//! Every error the API answers with: an HTTP status and a JSON body carrying the SDK's stable code.
//!
//! Body: `{"code": "validation.email.invalid", "message": "the e-mail address is not valid"}`, plus
//! `"violations": [...]` listing every broken rule of a refused password. Codes come from the SDK's errors
//! unchanged; the few the server adds are about HTTP itself (`http.*`) and sessions (`auth.*`). Messages are the
//! SDK's, which never contain user data; internal failures answer with a code only, never a cause, a stack
//! trace or a query.
//!
//! Status from the error's typed kind (`cesizen_core::code::ErrorKind`), never from its code's text: a refused
//! value or configuration → 422, an illegal workflow move → 409, a refused token → 400, a platform failure →
//! 500. Every `cesizen-crypto` error is the server's own keys failing → 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cesizen_core::code::ErrorKind;
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

    /// An SDK error, by its typed kind: the status says what the kind says, the body carries the code.
    pub fn from_kind(kind: ErrorKind, code: &'static str, message: String) -> Self {
        let status = match kind {
            ErrorKind::Workflow => StatusCode::CONFLICT,
            ErrorKind::Auth => StatusCode::BAD_REQUEST,
            ErrorKind::System | ErrorKind::Internal => return ApiError::internal(code),
            // `ErrorKind` is non-exhaustive: a kind added later is a refusal of the request until mapped here.
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
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
                ApiError::from_kind(e.kind(), e.code(), e.to_string())
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
    cesizen_sla::SlaError,
);

impl From<cesizen_crypto::Error> for ApiError {
    fn from(e: cesizen_crypto::Error) -> Self {
        // The server's crypto is its own keys and its own records: any failure is the server's (500).
        ApiError::internal(e.code())
    }
}

impl From<cesizen_gdpr::Error> for ApiError {
    fn from(e: cesizen_gdpr::Error) -> Self {
        match e {
            // A data key at its message limit is the crypto condition the server reports for every other seal.
            cesizen_gdpr::Error::SealKeyLimitReached { key } => {
                crate::keys::log_limit_reached();
                cesizen_crypto::Error::KeyLimitReached(key).into()
            }
            e => ApiError::from_kind(e.kind(), e.code(), e.to_string()),
        }
    }
}

impl From<cesizen_core::user::UserError> for ApiError {
    fn from(e: cesizen_core::user::UserError) -> Self {
        let mut error = ApiError::from_kind(e.kind(), e.code(), e.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn status_and_code(e: impl Into<ApiError>) -> (StatusCode, &'static str) {
        let e = e.into();
        (e.status, e.code)
    }

    #[test]
    fn the_status_comes_from_the_kind_not_the_code() {
        use cesizen_core::incident::IncidentError;
        use cesizen_core::user::UserError;
        // A `workflow.` code whose kind is a refused value: 422, not 409.
        assert_eq!(
            status_and_code(IncidentError::MalformedHistory),
            (StatusCode::UNPROCESSABLE_ENTITY, "workflow.ticket.malformed_history")
        );
        let illegal = cesizen_gdpr::Error::RequestIllegalTransition {
            from: "completed",
            transition: "extend",
        };
        assert_eq!(
            status_and_code(illegal),
            (StatusCode::CONFLICT, "gdpr.request.illegal_transition")
        );
        assert_eq!(
            status_and_code(UserError::TokenExpired),
            (StatusCode::BAD_REQUEST, "auth.token.expired")
        );
        assert_eq!(
            status_and_code(UserError::EntropyUnavailable),
            (StatusCode::INTERNAL_SERVER_ERROR, "system.entropy.unavailable")
        );
        assert_eq!(
            status_and_code(cesizen_gdpr::Error::SealFailed),
            (StatusCode::INTERNAL_SERVER_ERROR, "gdpr.sealed.seal_failed")
        );
        assert_eq!(
            status_and_code(cesizen_crypto::Error::DecryptFailed),
            (StatusCode::INTERNAL_SERVER_ERROR, "crypto.decrypt.failed")
        );
        let config = cesizen_core::alerting::ConfigError::new("x", cesizen_core::alerting::ConfigProblem::Empty);
        assert_eq!(
            status_and_code(cesizen_sla::SlaError::from(config)),
            (StatusCode::UNPROCESSABLE_ENTITY, "config.value.empty")
        );
    }
}
