//! Accounts as the operations side sees them: the account life cycle, the sign-in throttling rules and the
//! stored form of single-use tokens, each function one call into `cesizen_core::user` (the app's sign-up and
//! profile fields are in [`crate::user`]).

use tsify::Ts;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::alerting::Severity;
use cesizen_core::user::{self as core_user, AccountStatus, LockoutDecision, LockoutPolicy, LoginAttempt, TokenSecret};

use crate::convert::{array_from_js, from_js, read, string_from_js, time_from_js, write};
use crate::error::SdkError;

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
