//! The password policy: CNIL deliberation 2022-100, case of authentication by password alone.
//!
//! The CNIL asks for about 80 bits of entropy when a password is the only factor, for example **at least 12
//! characters mixing upper-case letters, lower-case letters, digits and special characters**, and for
//! passwords free of information about the user. Cesizen applies exactly that example:
//!
//! | rule | code |
//! |---|---|
//! | at least [`MIN_PASSWORD_CHARS`] characters | `validation.password.too_short` |
//! | at most [`MAX_PASSWORD_CHARS`] characters (so at most 512 bytes reach the hash function) | `validation.password.too_long` |
//! | a lower-case letter | `validation.password.missing_lowercase` |
//! | an upper-case letter | `validation.password.missing_uppercase` |
//! | a digit | `validation.password.missing_digit` |
//! | a special character | `validation.password.missing_special` |
//! | no control character (they cannot be typed reliably and break logs) | `validation.password.control_character` |
//! | not containing the e-mail's local part | `validation.password.contains_email_local_part` |
//!
//! Every broken rule is reported, in the order of this table, so a form can show them all at once.
//!
//! **Characters** are Unicode scalar values. Lower and upper case follow Unicode (`é` is lower case, `É` upper
//! case); a digit is any Unicode number (`char::is_numeric`); a special character is anything that is neither
//! a letter nor a number nor a control character: punctuation, symbols, emoji, and the space. Letters without
//! case (Chinese, Arabic…) count towards the length but towards no class. The text is checked as typed: no
//! trimming and no normalisation.
//!
//! **The e-mail rule.** Comparison ignores case. The password must not contain the whole local part, nor any
//! piece of it between separators (`jean.dupont` gives `jean.dupont`, `jean` and `dupont`), but only pieces of
//! at least [`MIN_EMAIL_PIECE_CHARS`] characters are checked: refusing every password containing the letter of
//! a one-letter address would add no security and reject good passwords. The domain is not checked (it is
//! often a common word shared by thousands of users).
//!
//! ```
//! use cesizen_core::user::{check_password, Email, PasswordViolation};
//!
//! let email = Email::parse("jean.dupont@example.fr")?;
//! assert!(check_password("Calme-et-Zen-2025", &email).is_ok());
//! let broken = check_password("Dupont2025", &email).unwrap_err();
//! assert_eq!(broken.codes().collect::<Vec<_>>(), [
//!     "validation.password.too_short",
//!     "validation.password.missing_special",
//!     "validation.password.contains_email_local_part",
//! ]);
//! # Ok::<(), cesizen_core::user::UserError>(())
//! ```

use super::{Email, UserError};
use crate::stable_code::stable_code_enum;

/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The most characters a password may have; four bytes at most each, so 512 bytes reach the hash.
pub const MAX_PASSWORD_CHARS: usize = 128;
/// Pieces of the e-mail's local part shorter than this are not searched for in the password.
pub const MIN_EMAIL_PIECE_CHARS: usize = 3;

stable_code_enum! {
    /// One rule of the password policy that a password breaks, named by its stable code (reporting order).
    #[non_exhaustive]
    pub enum PasswordViolation, unknown: UserError = UserError::UnknownPasswordRule;
    codes {
        /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
        TooShort = "validation.password.too_short";
        /// More than [`MAX_PASSWORD_CHARS`] characters.
        TooLong = "validation.password.too_long";
        /// No lower-case letter.
        MissingLowercase = "validation.password.missing_lowercase";
        /// No upper-case letter.
        MissingUppercase = "validation.password.missing_uppercase";
        /// No digit.
        MissingDigit = "validation.password.missing_digit";
        /// No special character.
        MissingSpecial = "validation.password.missing_special";
        /// A control character (tab, newline, …).
        ControlCharacter = "validation.password.control_character";
        /// The password contains the e-mail's local part or a piece of it.
        ContainsEmailLocalPart = "validation.password.contains_email_local_part";
    }
}

/// Every rule a password breaks: never empty, in reporting order, without repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordPolicyViolations(Vec<PasswordViolation>);

impl PasswordPolicyViolations {
    /// The broken rules.
    pub fn as_slice(&self) -> &[PasswordViolation] {
        &self.0
    }

    /// The stable codes of the broken rules.
    pub fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|v| v.code())
    }

    /// Whether `rule` is among the broken rules.
    pub fn contains(&self, rule: PasswordViolation) -> bool {
        self.0.contains(&rule)
    }
}

impl core::fmt::Display for PasswordPolicyViolations {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut codes = self.codes();
        if let Some(first) = codes.next() {
            f.write_str(first)?;
        }
        codes.try_for_each(|code| write!(f, ", {code}"))
    }
}

/// Checks `password` against every rule of the policy for the account of `email`.
///
/// # Errors
/// Every broken rule, in reporting order.
pub fn check_password(password: &str, email: &Email) -> Result<(), PasswordPolicyViolations> {
    check(password, Some(email))
}

/// Checks `password` as a sign-up form holds it, beside an e-mail field that may not be valid yet: with a valid
/// `email`, exactly [`check_password`]; otherwise every rule but the one about the e-mail's local part, which
/// is checked once the address is valid (a form then shows the password's problems and the e-mail's together).
///
/// # Errors
/// Every broken rule, in reporting order.
pub fn check_password_as_typed(password: &str, email: &str) -> Result<(), PasswordPolicyViolations> {
    check(password, Email::parse(email).ok().as_ref())
}

fn check(password: &str, email: Option<&Email>) -> Result<(), PasswordPolicyViolations> {
    let mut length = 0usize;
    let (mut lower, mut upper, mut digit, mut special, mut control) = (false, false, false, false, false);
    for c in password.chars() {
        length += 1;
        if c.is_control() {
            control = true;
        } else if c.is_lowercase() {
            lower = true;
        } else if c.is_uppercase() {
            upper = true;
        } else if c.is_numeric() {
            digit = true;
        } else if !c.is_alphabetic() {
            special = true;
        }
    }
    let broken = [
        (length < MIN_PASSWORD_CHARS, PasswordViolation::TooShort),
        (length > MAX_PASSWORD_CHARS, PasswordViolation::TooLong),
        (!lower, PasswordViolation::MissingLowercase),
        (!upper, PasswordViolation::MissingUppercase),
        (!digit, PasswordViolation::MissingDigit),
        (!special, PasswordViolation::MissingSpecial),
        (control, PasswordViolation::ControlCharacter),
        (
            email.is_some_and(|email| contains_email_local_part(password, email)),
            PasswordViolation::ContainsEmailLocalPart,
        ),
    ];
    let violations: Vec<_> = broken
        .into_iter()
        .filter_map(|(is_broken, rule)| is_broken.then_some(rule))
        .collect();
    if violations.is_empty() {
        Ok(())
    } else {
        Err(PasswordPolicyViolations(violations))
    }
}

/// Whether the password contains, ignoring case, the local part or one of its pieces of 3 characters or more.
fn contains_email_local_part(password: &str, email: &Email) -> bool {
    let password = password.to_lowercase();
    let local = email.local_part().to_ascii_lowercase();
    core::iter::once(local.as_str())
        .chain(local.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|piece| piece.len() >= MIN_EMAIL_PIECE_CHARS)
        .any(|piece| password.contains(piece))
}

#[cfg(test)]
mod tests {
    use super::PasswordViolation::*;
    use super::*;
    use proptest::prelude::*;

    fn email(address: &str) -> Email {
        Email::parse(address).unwrap()
    }

    fn violations(password: &str, address: &str) -> Vec<PasswordViolation> {
        check_password(password, &email(address))
            .err()
            .map(|v| v.as_slice().to_vec())
            .unwrap_or_default()
    }

    #[test]
    fn accepts_twelve_characters_of_four_classes() {
        assert_eq!(violations("Abcdefghij1!", "x@example.org"), []);
        assert_eq!(
            violations("Élan vital 42", "x@example.org"),
            [],
            "space is special, É upper case"
        );
        assert_eq!(
            violations("Abcdefghij1!".repeat(11).get(..128).unwrap(), "x@example.org"),
            []
        );
    }

    #[test]
    fn each_rule_is_reported_with_its_code() {
        let at = "x@example.org";
        assert_eq!(violations("Abcdefghi1!", at), [TooShort]);
        assert_eq!(violations(&format!("Aa1!{}", "a".repeat(125)), at), [TooLong]);
        assert_eq!(violations("ABCDEFGHIJ1!", at), [MissingLowercase]);
        assert_eq!(violations("abcdefghij1!", at), [MissingUppercase]);
        assert_eq!(violations("Abcdefghijk!", at), [MissingDigit]);
        assert_eq!(violations("Abcdefghijk1", at), [MissingSpecial]);
        assert_eq!(violations("Abcdefghij1!\n", at), [ControlCharacter]);
        assert_eq!(
            violations("", at),
            [
                TooShort,
                MissingLowercase,
                MissingUppercase,
                MissingDigit,
                MissingSpecial
            ]
        );
        let codes: Vec<_> = PasswordViolation::ALL.iter().map(|v| v.code()).collect();
        assert_eq!(
            codes,
            [
                "validation.password.too_short",
                "validation.password.too_long",
                "validation.password.missing_lowercase",
                "validation.password.missing_uppercase",
                "validation.password.missing_digit",
                "validation.password.missing_special",
                "validation.password.control_character",
                "validation.password.contains_email_local_part",
            ]
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(violations("Éééééééééé1!", "x@example.org"), []);
        assert_eq!(violations("Éééééééééé1", "x@example.org"), [TooShort, MissingSpecial]);
    }

    #[test]
    fn non_latin_digits_and_caseless_letters() {
        assert_eq!(
            violations("Aa!٣٣٣٣٣٣٣٣٣", "x@example.org"),
            [],
            "Arabic-Indic digits are digits"
        );
        assert_eq!(
            violations("静かな心で瞑想する時間1!", "x@example.org"),
            [MissingLowercase, MissingUppercase]
        );
    }

    #[test]
    fn refuses_the_local_part_and_its_pieces_ignoring_case() {
        let at = "Jean.Dupont@example.fr";
        assert_eq!(violations("Mon-JEAN.DUPONT-1", at), [ContainsEmailLocalPart]);
        assert_eq!(violations("Salut-dupont-2025", at), [ContainsEmailLocalPart]);
        assert_eq!(violations("Jean-Paul-2025!", at), [ContainsEmailLocalPart]);
        assert_eq!(violations("Jea-n-Dup-ont-1", at), [], "broken pieces are not the name");
    }

    #[test]
    fn short_local_parts_and_pieces_are_not_searched() {
        assert_eq!(violations("Aaaaaaaaaa1!", "a@example.org"), []);
        assert_eq!(violations("Jo-is-here-2025!", "jo.li@example.org"), []);
        assert_eq!(
            violations("Bob-is-here-2025!", "bob@example.org"),
            [ContainsEmailLocalPart]
        );
        assert_eq!(
            violations("x-ab.c-Y-2025!", "ab.c@example.org"),
            [ContainsEmailLocalPart],
            "whole part"
        );
    }

    #[test]
    fn every_rule_is_read_back_from_its_code_and_other_text_is_refused() {
        for rule in PasswordViolation::ALL {
            assert_eq!(PasswordViolation::from_code(rule.code()), Ok(rule));
        }
        let refused = PasswordViolation::from_code("validation.password.too_shrt").unwrap_err();
        assert_eq!(refused.code(), "validation.password_rule.unknown");
    }

    #[test]
    fn display_lists_the_codes() {
        let broken = check_password("abc", &email("x@example.org")).unwrap_err();
        assert!(broken.contains(TooShort));
        assert_eq!(
            broken.to_string(),
            "validation.password.too_short, validation.password.missing_uppercase, \
             validation.password.missing_digit, validation.password.missing_special"
        );
    }

    #[test]
    fn as_typed_checks_the_local_part_once_the_email_is_valid() {
        let rules = |email| {
            check_password_as_typed("BOB-is-here-2025!", email)
                .err()
                .map(|b| b.as_slice().to_vec())
        };
        assert_eq!(rules("bob@example.org"), Some(vec![ContainsEmailLocalPart]));
        assert_eq!(rules("bob@"), None);
    }

    proptest! {
        #[test]
        fn strong_passwords_are_accepted(
            lower in "[a-z]{3,10}", upper in "[A-Z]{3,10}", digits in "[0-9]{3,10}", special in "[!-/:-@ ]{3,10}"
        ) {
            let password = format!("{lower}{upper}{digits}{special}");
            prop_assert!(check_password(&password, &email("q@example.org")).is_ok());
        }

        #[test]
        fn reports_are_ordered_unique_and_never_panic(password in "(?s).{0,140}", local in "[a-z.]{1,10}") {
            let address = format!("{local}@example.org");
            if let Err(broken) = check_password(&password, &email(&address)) {
                let rules = broken.as_slice();
                prop_assert!(!rules.is_empty());
                prop_assert!(rules.windows(2).all(|w| w[0] < w[1]));
                let chars = password.chars().count();
                prop_assert_eq!(broken.contains(TooShort), chars < MIN_PASSWORD_CHARS);
                prop_assert_eq!(broken.contains(TooLong), chars > MAX_PASSWORD_CHARS);
            }
        }

        #[test]
        fn the_local_part_is_refused_in_any_case(local in "[a-z]{3,12}", prefix in "[A-Z]{1,3}", suffix in "[0-9]{1,3}") {
            let password = format!("{prefix}{}!{suffix}", local.to_uppercase());
            let address = email(&format!("{local}@example.org"));
            prop_assert!(check_password(&password, &address).unwrap_err().contains(ContainsEmailLocalPart));
        }

        #[test]
        fn as_typed_is_the_policy_with_a_valid_email_and_all_but_the_email_rule_without(
            password in "(?s).{0,40}", address in "[a-z.@]{0,12}"
        ) {
            let as_typed = check_password_as_typed(&password, &address).err().map(|b| b.as_slice().to_vec());
            match Email::parse(&address) {
                Ok(valid) => {
                    let full = check_password(&password, &valid).err().map(|b| b.as_slice().to_vec());
                    prop_assert_eq!(as_typed, full);
                }
                Err(_) => {
                    let with_some_email = check_password(&password, &email("q@example.org")).err();
                    let expected: Vec<_> = with_some_email
                        .map(|b| b.as_slice().iter().copied().filter(|r| *r != ContainsEmailLocalPart).collect())
                        .unwrap_or_default();
                    prop_assert_eq!(as_typed.unwrap_or_default(), expected);
                }
            }
        }
    }
}
