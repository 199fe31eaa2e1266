//! Users: e-mail, password policy, names, locales, time zones, the account life cycle, login throttling and
//! single-use tokens — each function one call into `cesizen_core::user`.

use cesizen_core::user::{
    self as core_user, AccountStatus, DisplayName, Email, IanaTimeZone, Locale, LockoutDecision, LockoutPolicy,
    LoginAttempt, TokenSecret,
};

use cesizen_core::alerting::Severity;

use crate::{CesizenError, Timestamp, boundary::guard};

// Remote, not derived in cesizen-core: it carries an instant, which crosses as this crate's `Timestamp` (time.rs).
/// One sign-in attempt on an account.
#[uniffi::remote(Record)]
pub struct LoginAttempt {
    /// When the attempt was made.
    pub at: Timestamp,
    /// Whether the password was right.
    pub succeeded: bool,
}

// Remote, not derived in cesizen-core: it carries an instant, which crosses as this crate's `Timestamp` (time.rs).
/// Whether an account may try to sign in now.
#[uniffi::remote(Enum)]
pub enum LockoutDecision {
    Allowed { remaining_failures: u32 },
    Locked { until: Timestamp, retry_after_seconds: u64 },
}

/// Validates and normalises an e-mail address.
///
/// Errors: the `validation.email.*` codes.
#[uniffi::export]
pub fn normalize_email(email: String) -> Result<cesizen_core::user::NormalizedEmail, CesizenError> {
    guard(|| Ok(Email::parse(&email)?.normalized()))
}

/// Checks a new password against the CNIL policy for the account `email`: the stable codes of every broken
/// rule (`validation.password.too_short`, …), empty when the password is acceptable.
///
/// An invalid `email` hides no problem of the password: the rule about the e-mail's local part is then left for
/// when the address is valid, and the other rules are checked (a form shows both fields' problems at once).
#[uniffi::export]
pub fn check_password(password: String, email: String) -> Result<Vec<String>, CesizenError> {
    guard(|| {
        Ok(match core_user::check_password_as_typed(&password, &email) {
            Ok(()) => Vec::new(),
            Err(broken) => broken.codes().map(str::to_owned).collect(),
        })
    })
}

/// Validates a display name; returns it trimmed. Errors: the `validation.display_name.*` codes.
#[uniffi::export]
pub fn parse_display_name(display_name: String) -> Result<String, CesizenError> {
    guard(|| Ok(DisplayName::parse(&display_name)?.as_str().to_owned()))
}

/// Validates a BCP 47 locale; returns its canonical form (`fr-fr` → `fr-FR`). Errors: `validation.locale.*`.
#[uniffi::export]
pub fn parse_locale(locale: String) -> Result<String, CesizenError> {
    guard(|| Ok(Locale::parse(&locale)?.as_str().to_owned()))
}

/// Validates an IANA time-zone name; returns its canonical name. Errors: `validation.time_zone.*`.
#[uniffi::export]
pub fn parse_time_zone(time_zone: String) -> Result<String, CesizenError> {
    guard(|| Ok(IanaTimeZone::parse(&time_zone)?.name().to_owned()))
}

/// Moves an account from `current` to `target`, if the life cycle allows it; returns the new status.
///
/// Errors: the `workflow.account_status.*` code of an illegal transition.
#[uniffi::export]
pub fn account_status_transition(current: AccountStatus, target: AccountStatus) -> Result<AccountStatus, CesizenError> {
    guard(|| Ok(current.transition_to(target)?))
}

/// The band of a rate of failed logins per minute: < 10 normal, 10–50 warning, > 50 critical.
#[uniffi::export]
pub fn failed_login_band(failures_per_minute: u32) -> Result<Severity, CesizenError> {
    crate::plan::Plan::new().failed_login_band(failures_per_minute)
}

/// How many of the failed attempts fall in the minute ending at `now`.
#[uniffi::export]
pub fn failed_logins_in_last_minute(failures: Vec<Timestamp>, now: Timestamp) -> Result<u32, CesizenError> {
    guard(|| Ok(core_user::failed_logins_in_last_minute(&failures, now)))
}

/// Whether an account with these sign-in attempts may try again at `now`, under the default policy (5 failures
/// within 15 minutes lock the account for 15 minutes).
#[uniffi::export]
pub fn lockout_decision(attempts: Vec<LoginAttempt>, now: Timestamp) -> Result<LockoutDecision, CesizenError> {
    guard(|| Ok(LockoutPolicy::default().decide(&attempts, now)))
}

/// The stored hash (base64url) of a single-use token given in its text form.
///
/// Errors: the `validation.token.*` code of a malformed token.
#[uniffi::export]
pub fn token_hash(token: String) -> Result<String, CesizenError> {
    guard(|| Ok(TokenSecret::parse(&token)?.hash().to_text()))
}
