//! Errors as JavaScript sees them: a `CesizenError` (an `Error` subclass) carrying the stable machine code.
//!
//! The class itself is written in JavaScript (`js/errors.js`, shipped beside the generated glue) so that
//! `instanceof CesizenError` works for callers and its TypeScript declaration is plain; Rust only constructs it.
//! Every exported function returns `Result<_, SdkError>`, and wasm-bindgen throws the converted value.

use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(raw_module = "./errors.js")]
extern "C" {
    /// The JavaScript `CesizenError` class of `js/errors.js`.
    #[wasm_bindgen(extends = js_sys::Error)]
    type CesizenError;

    /// `new CesizenError(code, message)`.
    #[wasm_bindgen(constructor)]
    fn new(code: &str, message: &str) -> CesizenError;
}

/// The code of an argument that does not have the shape its TypeScript type declares (wrong type, `null`, a
/// missing field): the bindings' one code for it. The message never repeats the value: it may be user data.
pub const INPUT_INVALID: &str = cesizen_core::code::input::ARGUMENT_INVALID;

/// The code of a result that could not be handed to JavaScript (a bug of the binding, never expected).
pub const OUTPUT_INVALID: &str = cesizen_core::code::internal::OUTPUT_INVALID;

/// An error on its way to JavaScript: a stable code and a message free of user data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdkError {
    code: &'static str,
    message: String,
}

impl SdkError {
    /// An error with the given stable code and message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        SdkError {
            code,
            message: message.into(),
        }
    }

    /// An argument of the wrong shape; `what` names the parameter's type, never its value.
    pub fn invalid_input(what: &str) -> Self {
        SdkError::new(
            INPUT_INVALID,
            format!("the argument is not a valid {what} (wrong type, null or a missing field)"),
        )
    }

    /// The stable machine code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The human-readable message (English, free of user data).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<SdkError> for JsValue {
    fn from(error: SdkError) -> JsValue {
        CesizenError::new(error.code, &error.message).into()
    }
}

/// Converts an error of an SDK crate: every one of them has `code()` and a `Display` free of user data.
macro_rules! from_crate_error {
    ($($error:ty),* $(,)?) => {$(
        impl From<$error> for SdkError {
            fn from(error: $error) -> Self {
                SdkError::new(error.code(), error.to_string())
            }
        }
    )*};
}

from_crate_error!(
    cesizen_core::Error,
    cesizen_core::id::IdError,
    cesizen_core::user::UserError,
    cesizen_core::emotion::EmotionError,
    cesizen_core::incident::IncidentError,
    cesizen_core::stress::StressError,
    cesizen_core::practice::PracticeError,
    cesizen_core::kpi::KpiError,
    cesizen_core::alerting::AlertingError,
    cesizen_crypto::Error,
);
#[cfg(feature = "ops")]
from_crate_error!(cesizen_sla::SlaError, cesizen_gdpr::Error);
