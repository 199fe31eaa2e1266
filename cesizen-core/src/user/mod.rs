//! Users: accounts, their e-mail addresses and profiles, the password policy, login throttling and single-use
//! tokens.
//!
//! Each value is its own validated type, built by a constructor that refuses invalid input with a stable code
//! ([`UserError::code`]), so a [`User`] that exists is a valid account. The rules come from the maintenance
//! plan and from the French regulator: the password policy is the CNIL's for password-only authentication
//! (deliberation 2022-100), the failed-login bands are the plan's security dashboard, and the lockout is the
//! "temporisation" the CNIL asks for alongside such passwords.
//!
//! | topic | file | main items |
//! |---|---|---|
//! | e-mail address | `email.rs` | [`Email`] |
//! | display name | `display_name.rs` | [`DisplayName`] |
//! | role | `role.rs` | [`Role`] |
//! | account life cycle | `account_status.rs` | [`AccountStatus`] |
//! | language | `locale.rs` | [`Locale`] |
//! | time zone | `time_zone.rs` | [`IanaTimeZone`] |
//! | the account | `account.rs` | [`User`], [`UserFields`] |
//! | password secrets | `password.rs` | [`Password`], [`NewPassword`] |
//! | password policy | `password_policy.rs` | [`check_password`], [`check_password_as_typed`], [`PasswordViolation`] |
//! | failed-login bands | `failed_login_rate.rs` | [`failed_login_band`], [`failed_logins_in_last_minute`] |
//! | account lockout | `lockout.rs` | [`LockoutPolicy`], [`LockoutDecision`] |
//! | confirmation and reset tokens | `single_use_token.rs` | [`TokenSecret`], [`TokenRecord`] |
//!
//! Identifiers ([`crate::id::UserId`]) live in [`crate::id`], shared by every module.

mod account;
mod account_status;
mod display_name;
mod email;
mod error;
mod failed_login_rate;
mod locale;
mod lockout;
mod password;
pub mod password_policy;
mod role;
mod single_use_token;
mod time_zone;

pub use account::{User, UserFields};
pub use account_status::AccountStatus;
pub use display_name::{DisplayName, MAX_DISPLAY_NAME_CHARS};
pub use email::{Email, MAX_EMAIL_LENGTH, MAX_LOCAL_PART_LENGTH, NormalizedEmail};
pub use error::UserError;
pub use failed_login_rate::{failed_login_band, failed_logins_in_last_minute};
pub use locale::{Locale, MAX_LOCALE_LENGTH};
pub use lockout::{LockoutDecision, LockoutPolicy, LoginAttempt, MAX_LOCKOUT_DURATION};
pub use password::{NewPassword, Password};
pub use password_policy::{PasswordPolicyViolations, PasswordViolation, check_password, check_password_as_typed};
pub use role::Role;
pub use single_use_token::{
    MAX_TOKEN_LIFETIME, MIN_TOKEN_LIFETIME, TOKEN_BYTES, TOKEN_TEXT_LENGTH, TokenHash, TokenPurpose, TokenRecord,
    TokenRecordFields, TokenSecret,
};
pub use time_zone::IanaTimeZone;
