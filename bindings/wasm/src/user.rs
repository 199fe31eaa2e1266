//! Users: the sign-up and profile form fields, each function one call into `cesizen_core::user` (the account
//! life cycle and the sign-in throttling rules are the operations module's: [`crate::account`]).
//!
//! A front end validates a form field by field with these functions and shows the stable code of the first
//! problem (`validation.email.invalid`, …); the server runs the same functions on the same input.

use tsify::Ts;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::user::{self as core_user, DisplayName, Email, IanaTimeZone, Locale, NormalizedEmail};

use crate::convert::{string_from_js, write};
use crate::error::SdkError;

/// Validates and normalises an e-mail address (the HTML `type=email` grammar, RFC 5321 lengths).
///
/// Throws `validation.email.invalid` or `validation.email.too_long`.
#[wasm_bindgen(js_name = normalizeEmail)]
pub fn normalize_email(
    #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
) -> Result<Ts<NormalizedEmail>, SdkError> {
    let email = Email::parse(&string_from_js(&email)?)?;
    write(&email.normalized())
}

/// Checks a new password against the CNIL policy for the account `email`: the stable codes of every broken rule
/// (`validation.password.too_short`, …), in reporting order; empty when the password is acceptable.
///
/// An invalid `email` hides no problem of the password: the rule about the e-mail's local part is then left for
/// when the address is valid, and the other rules are checked (a form shows both fields' problems at once).
#[wasm_bindgen(js_name = checkPassword, unchecked_return_type = "PasswordViolation[]")]
pub fn check_password(
    #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
) -> Result<Vec<String>, SdkError> {
    let password = zeroize::Zeroizing::new(string_from_js(&password)?);
    Ok(
        match core_user::check_password_as_typed(&password, &string_from_js(&email)?) {
            Ok(()) => Vec::new(),
            Err(broken) => broken.codes().map(str::to_owned).collect(),
        },
    )
}

/// Validates a display name: trimmed, not empty, not too long, no control or invisible characters.
///
/// Throws the `validation.display_name.*` codes.
#[wasm_bindgen(js_name = parseDisplayName)]
pub fn parse_display_name(#[wasm_bindgen(unchecked_param_type = "string")] name: JsValue) -> Result<String, SdkError> {
    Ok(DisplayName::parse(&string_from_js(&name)?)?.as_str().to_owned())
}

/// Validates and canonicalises a BCP 47 locale (`fr-fr` → `fr-FR`).
///
/// Throws `validation.locale.invalid`.
#[wasm_bindgen(js_name = parseLocale)]
pub fn parse_locale(#[wasm_bindgen(unchecked_param_type = "string")] locale: JsValue) -> Result<String, SdkError> {
    Ok(Locale::parse(&string_from_js(&locale)?)?.as_str().to_owned())
}

/// Validates an IANA time zone name (`Europe/Paris`).
///
/// Throws `validation.time_zone.unknown`.
#[wasm_bindgen(js_name = parseTimeZone)]
pub fn parse_time_zone(#[wasm_bindgen(unchecked_param_type = "string")] name: JsValue) -> Result<String, SdkError> {
    Ok(IanaTimeZone::parse(&string_from_js(&name)?)?.name().to_owned())
}
