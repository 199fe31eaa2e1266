//! The one error type of the foreign surface, carrying the SDK's stable machine codes.
//!
//! UniFFI turns [`CesizenError`] into a sealed `CesizenException` class in Kotlin, an `Error` enum in Swift and
//! an exception class hierarchy in Python. The variant says where a failure comes from (useful for coarse
//! handling: `Internal` is a bug, the others are refusals); the `code` field is the stable dotted code of the
//! Rust crates, passed through unchanged, and [`CesizenError::code`] reads it whatever the variant. The
//! `detail` is the Rust error's message: for developers, never shown to users, never containing user data.

/// Any failure reported across the FFI.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum CesizenError {
    /// Refused by a rule of `cesizen-core` (users, sessions, journal entries, reports, KPIs, incidents).
    #[error("{code}: {detail}")]
    Core {
        /// The stable machine code, e.g. `validation.email.invalid`.
        code: String,
        /// The Rust error's message, for developers.
        detail: String,
    },
    /// Refused by `cesizen-crypto` (a key, an envelope, a pseudonym).
    #[error("{code}: {detail}")]
    Crypto {
        /// The stable machine code, e.g. `crypto.decrypt.failed`.
        code: String,
        /// The Rust error's message, for developers.
        detail: String,
    },
    /// Refused by `cesizen-gdpr` (an export, a request, a retention rule).
    #[error("{code}: {detail}")]
    Gdpr {
        /// The stable machine code.
        code: String,
        /// The Rust error's message, for developers.
        detail: String,
    },
    /// Refused by `cesizen-sla` (an availability target, a window, a timer).
    #[error("{code}: {detail}")]
    Sla {
        /// The stable machine code.
        code: String,
        /// The Rust error's message, for developers.
        detail: String,
    },
    /// A value could not be converted at the boundary before any rule ran (a timestamp outside the range the
    /// SDK represents, bytes that are not UTF-8 where text is expected).
    #[error("{code}: {detail}")]
    Input {
        /// The stable machine code, `input.<subject>.<problem>`.
        code: String,
        /// What could not be converted, for developers.
        detail: String,
    },
    /// A bug: a panic inside the SDK, caught at the boundary. Code `internal.panic`.
    #[error("{code}: {detail}")]
    Internal {
        /// The stable machine code, `internal.panic`.
        code: String,
        /// A fixed sentence; the panic's own message is not passed on (it could quote user data).
        detail: String,
    },
}

#[uniffi::export]
impl CesizenError {
    /// The stable machine code, whatever the variant: what user interfaces translate.
    pub fn code(&self) -> String {
        match self {
            CesizenError::Core { code, .. }
            | CesizenError::Crypto { code, .. }
            | CesizenError::Gdpr { code, .. }
            | CesizenError::Sla { code, .. }
            | CesizenError::Input { code, .. }
            | CesizenError::Internal { code, .. } => code.clone(),
        }
    }
}

/// The current code for `code`: its canonical code when it is a former one (a code renamed since it was
/// released), `code` itself otherwise. Pass a stored or configured code through it before looking it up.
#[uniffi::export]
pub fn canonical_code(code: String) -> Result<String, CesizenError> {
    crate::boundary::guard(|| Ok(cesizen_core::code::canonical(&code).to_owned()))
}

impl CesizenError {
    /// A conversion failure at the boundary, with its stable code.
    pub(crate) fn input(code: &'static str, detail: impl Into<String>) -> Self {
        CesizenError::Input {
            code: code.to_owned(),
            detail: detail.into(),
        }
    }

    /// The error reported for a panic caught at the boundary.
    pub(crate) fn panic() -> Self {
        CesizenError::Internal {
            code: PANIC_CODE.to_owned(),
            detail: "a panic was caught at the FFI boundary; this is a bug in the SDK".to_owned(),
        }
    }
}

/// Converts the errors of `cesizen-core`: each has `code()` and a message free of user data.
macro_rules! from_core_error {
    ($($error:ty),* $(,)?) => {$(
        impl From<$error> for CesizenError {
            fn from(error: $error) -> Self {
                CesizenError::Core { code: error.code().to_owned(), detail: error.to_string() }
            }
        }
    )*};
}

from_core_error!(
    cesizen_core::Error,
    cesizen_core::id::IdError,
    cesizen_core::user::UserError,
    cesizen_core::practice::PracticeError,
    cesizen_core::stress::StressError,
    cesizen_core::incident::IncidentError,
    cesizen_core::kpi::KpiError,
    cesizen_core::emotion::EmotionError,
    cesizen_core::alerting::AlertingError,
    cesizen_core::alerting::ConfigError,
);

impl From<cesizen_crypto::Error> for CesizenError {
    fn from(error: cesizen_crypto::Error) -> Self {
        CesizenError::Crypto {
            code: error.code().to_owned(),
            detail: error.to_string(),
        }
    }
}

impl From<cesizen_sla::SlaError> for CesizenError {
    fn from(error: cesizen_sla::SlaError) -> Self {
        CesizenError::Sla {
            code: error.code().to_owned(),
            detail: error.to_string(),
        }
    }
}

impl From<cesizen_gdpr::Error> for CesizenError {
    fn from(error: cesizen_gdpr::Error) -> Self {
        CesizenError::Gdpr {
            code: error.code().to_owned(),
            detail: error.to_string(),
        }
    }
}

/// The code of [`CesizenError::Internal`] for a caught panic.
pub const PANIC_CODE: &str = cesizen_core::code::internal::PANIC;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_reads_every_variant() {
        let make = |code: &str| {
            let (code, detail) = (code.to_owned(), String::new());
            [
                CesizenError::Core {
                    code: code.clone(),
                    detail: detail.clone(),
                },
                CesizenError::Crypto {
                    code: code.clone(),
                    detail: detail.clone(),
                },
                CesizenError::Gdpr {
                    code: code.clone(),
                    detail: detail.clone(),
                },
                CesizenError::Sla {
                    code: code.clone(),
                    detail: detail.clone(),
                },
                CesizenError::Input {
                    code: code.clone(),
                    detail: detail.clone(),
                },
                CesizenError::Internal { code, detail },
            ]
        };
        for err in make("a.b.c") {
            assert_eq!(err.code(), "a.b.c");
        }
    }

    #[test]
    fn panic_error_has_the_stable_code() {
        assert_eq!(CesizenError::panic().code(), "internal.panic");
        assert!(matches!(CesizenError::panic(), CesizenError::Internal { .. }));
    }
}
