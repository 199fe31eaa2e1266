//! Users: the sign-up and profile form fields, the account life cycle and the sign-in throttling rules, each
//! function one call into `cesizen_core::user`.
//!
//! A front end validates a form field by field with these functions and shows the stable code of the first
//! problem (`validation.email.invalid`, …); the server runs the same functions on the same input.

use tsify::Ts;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::alerting::Severity;
use cesizen_core::user::{
    self as core_user, AccountStatus, DisplayName, Email, IanaTimeZone, Locale, LockoutDecision, LockoutPolicy,
    LoginAttempt, NormalizedEmail, TokenSecret,
};

use crate::convert::{array_from_js, from_js, read, string_from_js, time_from_js, write};
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
#[wasm_bindgen(js_name = checkPassword)]
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

/// The status an account moves to from `from` when asked to become `to`.
///
/// Throws `workflow.account.illegal_transition` (or the code the SDK gives) when the life cycle forbids it.
#[wasm_bindgen(js_name = accountStatusTransition)]
pub fn account_status_transition(
    from: Ts<AccountStatus>,
    to: Ts<AccountStatus>,
) -> Result<Ts<AccountStatus>, SdkError> {
    let from: AccountStatus = from_js(&from)?;
    let to: AccountStatus = from_js(&to)?;
    write(&from.transition_to(to)?)
}

/// How alarming a rate of failed logins is: fewer than 10 per minute normal, 10 to 50 warning, more critical.
#[wasm_bindgen(js_name = failedLoginBand)]
pub fn failed_login_band(
    #[wasm_bindgen(unchecked_param_type = "number")] failures_per_minute: JsValue,
) -> Result<Ts<Severity>, SdkError> {
    crate::plan::Plan::new().failed_login_band(failures_per_minute)
}

/// How many of the failed logins at `failures` fall in the minute before `now`.
#[wasm_bindgen(js_name = failedLoginsInLastMinute)]
pub fn failed_logins_in_last_minute(
    #[wasm_bindgen(unchecked_param_type = "(Date | string)[]")] failures: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<u32, SdkError> {
    let failures = array_from_js(&failures)?
        .iter()
        .map(time_from_js)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(core_user::failed_logins_in_last_minute(&failures, time_from_js(&now)?))
}

/// Whether an account with these sign-in attempts may try again at `now`, under the default lockout policy
/// (5 failures within 15 minutes lock the account for 15 minutes).
#[wasm_bindgen(js_name = lockoutDecision)]
pub fn lockout_decision(
    #[wasm_bindgen(unchecked_param_type = "LoginAttempt[]")] attempts: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<Ts<LockoutDecision>, SdkError> {
    let attempts: Vec<LoginAttempt> = read(&attempts, "LoginAttempt[]")?;
    write(&LockoutPolicy::default().decide(&attempts, time_from_js(&now)?))
}

/// The hash under which a single-use token (43 base64url characters) is stored, in its text form.
///
/// Throws `validation.token.malformed`.
#[wasm_bindgen(js_name = tokenHash)]
pub fn token_hash(#[wasm_bindgen(unchecked_param_type = "string")] token: JsValue) -> Result<String, SdkError> {
    let token = zeroize::Zeroizing::new(string_from_js(&token)?);
    Ok(TokenSecret::parse(&token)?.hash().to_text())
}
