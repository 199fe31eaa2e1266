//! Passwords as secrets: typed, never printed, wiped from memory when dropped.
//!
//! [`Password`] is whatever the user typed, as received at sign-in; it is not checked against the policy, since
//! an account may predate a policy change and must still be able to sign in. [`NewPassword`] is a password that
//! passed the policy of [`crate::user::password_policy`]: the only kind an account can be given.
//!
//! Neither type implements `Display`; their `Debug` prints `<redacted>`. The text is held in a
//! [`zeroize::Zeroizing`] buffer, overwritten on drop. Passwords are never compared here: verification belongs
//! to the password hash (Argon2id or similar, outside this crate), which compares in constant time.
//!
//! ```
//! use cesizen_core::user::{Email, NewPassword, Password};
//!
//! let email = Email::parse("camille@example.fr")?;
//! let password = Password::new("Sérénité du 14 mars!".to_owned());
//! assert_eq!(format!("{password:?}"), "Password(<redacted>)");
//! let accepted = NewPassword::new(password, &email)?;
//! assert_eq!(accepted.expose_secret(), "Sérénité du 14 mars!");
//! # Ok::<(), cesizen_core::user::UserError>(())
//! ```

use zeroize::Zeroizing;

use super::{Email, UserError, password_policy};

/// A password as typed, unchecked. No `Display`; `Debug` is redacted; wiped on drop.
#[derive(Clone)]
pub struct Password(Zeroizing<String>);

impl Password {
    /// Wraps the typed text, taking ownership so that no unwiped copy stays with the caller.
    ///
    /// The text is kept exactly as typed: no trimming, no case folding, no Unicode normalisation.
    pub fn new(text: String) -> Self {
        Password(Zeroizing::new(text))
    }

    /// The text, for hashing or verification only.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<String> for Password {
    fn from(text: String) -> Self {
        Password::new(text)
    }
}

impl core::fmt::Debug for Password {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

impl<'de> serde::Deserialize<'de> for Password {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Password::new)
    }
}

/// A password that meets the password policy for the account's e-mail address.
///
/// No `Display`; `Debug` is redacted; wiped on drop.
#[derive(Clone)]
pub struct NewPassword(Password);

impl NewPassword {
    /// Accepts `password` for the account of `email` when it meets every rule of the policy.
    ///
    /// # Errors
    /// `validation.password.rejected`, carrying every broken rule (see [`UserError::password_violations`]).
    pub fn new(password: Password, email: &Email) -> Result<Self, UserError> {
        password_policy::check_password(password.expose_secret(), email).map_err(UserError::PasswordRejected)?;
        Ok(NewPassword(password))
    }

    /// The text, for hashing only.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl core::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::user::PasswordViolation;

    #[test]
    fn debug_never_shows_the_text() {
        let password = Password::new("Secret-Horse-42!".to_owned());
        assert!(!format!("{password:?}").contains("Secret"));
        let email = Email::parse("x@example.org").unwrap();
        let accepted = NewPassword::new(password, &email).unwrap();
        assert_eq!(format!("{accepted:?}"), "NewPassword(<redacted>)");
    }

    #[test]
    fn deserializes_from_a_json_string_as_typed() {
        let password: Password = serde_json::from_str("\"  spaces kept  \"").unwrap();
        assert_eq!(password.expose_secret(), "  spaces kept  ");
    }

    #[test]
    fn new_password_reports_every_broken_rule() {
        let email = Email::parse("x@example.org").unwrap();
        let error = NewPassword::new(Password::new("short".to_owned()), &email).unwrap_err();
        assert_eq!(error.code(), "validation.password.rejected");
        assert_eq!(
            error.password_violations(),
            [
                PasswordViolation::TooShort,
                PasswordViolation::MissingUppercase,
                PasswordViolation::MissingDigit,
                PasswordViolation::MissingSpecial
            ]
        );
    }
}
