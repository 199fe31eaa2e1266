//! Failures of the user module, each with a stable machine code.

use super::account_status::AccountStatus;
use super::password_policy::PasswordPolicyViolations;

/// A user, an account, a password, a token or a login policy was refused.
///
/// Messages never contain user data (no address, no name, no password); the statuses named by
/// [`UserError::IllegalStatusTransition`] are not personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UserError {
    /// The e-mail address does not follow the HTML "valid e-mail address" grammar.
    #[error("the e-mail address is not valid")]
    EmailInvalid,
    /// The e-mail address exceeds a length limit of RFC 5321 (64-octet local part, 254-octet address).
    #[error("the e-mail address is too long")]
    EmailTooLong,
    /// The display name is empty once trimmed.
    #[error("the display name is empty")]
    DisplayNameEmpty,
    /// The display name has more characters than allowed.
    #[error("the display name is too long")]
    DisplayNameTooLong,
    /// The display name contains a control or invisible formatting character.
    #[error("the display name contains a forbidden character")]
    DisplayNameForbiddenCharacter,
    /// The locale is not a well-formed BCP 47 language tag.
    #[error("the locale is not a well-formed BCP 47 language tag")]
    LocaleInvalid,
    /// The time zone is not an IANA time zone name.
    #[error(transparent)]
    UnknownTimeZone(#[from] crate::tz::UnknownTimeZone),
    /// The account cannot move from one status to the other.
    #[error("an account cannot move from {from} to {to}")]
    IllegalStatusTransition {
        /// The current status.
        from: AccountStatus,
        /// The refused target status.
        to: AccountStatus,
    },
    /// The last activity is earlier than the account's creation.
    #[error("the last activity is before the account's creation")]
    LastActivityBeforeCreation,
    /// The e-mail confirmation is earlier than the account's creation.
    #[error("the e-mail confirmation is before the account's creation")]
    EmailConfirmedBeforeCreation,
    /// The password breaks one or more rules of the password policy; every broken rule is listed.
    #[error("the password does not meet the password policy")]
    PasswordRejected(PasswordPolicyViolations),
    /// A lockout policy has a zero failure limit or a non-positive duration.
    #[error("the lockout policy is not valid")]
    LockoutPolicyInvalid,
    /// The token text is not 43 base64url characters (256 bits).
    #[error("the token is malformed")]
    TokenMalformed,
    /// The token does not match the stored hash.
    #[error("the token is not valid")]
    TokenInvalid,
    /// The token was issued for another purpose.
    #[error("the token was issued for another purpose")]
    TokenWrongPurpose,
    /// The token has expired.
    #[error("the token has expired")]
    TokenExpired,
    /// The token has already been used.
    #[error("the token has already been used")]
    TokenConsumed,
    /// The requested token lifetime is outside the allowed range.
    #[error("the token lifetime is out of range")]
    TokenLifetimeOutOfRange,
    /// A stored token record is inconsistent (expiry or consumption before issue, malformed hash).
    #[error("the token record is not valid")]
    TokenRecordInvalid,
    /// The operating system's random number generator failed.
    #[error("the system random number generator is unavailable")]
    EntropyUnavailable,
    /// A text is not the code of a password rule (`PasswordViolation::from_code`).
    #[error("not the code of a password rule")]
    UnknownPasswordRule,
}

impl UserError {
    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            UserError::EmailInvalid => "validation.email.invalid",
            UserError::EmailTooLong => "validation.email.too_long",
            UserError::DisplayNameEmpty => "validation.display_name.empty",
            UserError::DisplayNameTooLong => "validation.display_name.too_long",
            UserError::DisplayNameForbiddenCharacter => "validation.display_name.forbidden_character",
            UserError::LocaleInvalid => "validation.locale.invalid",
            UserError::UnknownTimeZone(e) => e.code(),
            UserError::IllegalStatusTransition { .. } => "workflow.account_status.illegal_transition",
            UserError::LastActivityBeforeCreation => "validation.user.last_activity_before_creation",
            UserError::EmailConfirmedBeforeCreation => "validation.user.email_confirmed_before_creation",
            UserError::PasswordRejected(_) => "validation.password.rejected",
            UserError::LockoutPolicyInvalid => "validation.lockout_policy.invalid",
            UserError::TokenMalformed => "validation.token.malformed",
            UserError::TokenInvalid => "auth.token.invalid",
            UserError::TokenWrongPurpose => "auth.token.wrong_purpose",
            UserError::TokenExpired => "auth.token.expired",
            UserError::TokenConsumed => "auth.token.consumed",
            UserError::TokenLifetimeOutOfRange => "validation.token.lifetime_out_of_range",
            UserError::TokenRecordInvalid => "validation.token.record_invalid",
            UserError::EntropyUnavailable => "system.entropy.unavailable",
            UserError::UnknownPasswordRule => "validation.password_rule.unknown",
        }
    }

    /// The kind of failure: an illegal account move, a refused token, missing entropy, or a refused value.
    pub fn kind(&self) -> crate::code::ErrorKind {
        match self {
            UserError::IllegalStatusTransition { .. } => crate::code::ErrorKind::Workflow,
            UserError::TokenInvalid
            | UserError::TokenWrongPurpose
            | UserError::TokenExpired
            | UserError::TokenConsumed => crate::code::ErrorKind::Auth,
            UserError::EntropyUnavailable => crate::code::ErrorKind::System,
            _ => crate::code::ErrorKind::Validation,
        }
    }

    /// Every broken password rule, when this is [`UserError::PasswordRejected`]; empty otherwise.
    pub fn password_violations(&self) -> &[super::password_policy::PasswordViolation] {
        match self {
            UserError::PasswordRejected(violations) => violations.as_slice(),
            _ => &[],
        }
    }
}
