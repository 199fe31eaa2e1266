//! E-mail addresses: validated once, normalised once, the same way in the browser, on the phone and on the server.
//!
//! **Grammar.** An address is valid when it matches the HTML standard's "valid e-mail address" (WHATWG HTML
//! §4.10.5.1.5), the rule `<input type="email">` applies in every browser:
//!
//! ```text
//! email  = 1*( atext / "." ) "@" label *( "." label )
//! atext  = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "/" / "=" / "?" / "^" / "_"
//!          / "`" / "{" / "|" / "}" / "~"
//! label  = ALPHA / DIGIT, then up to 62 more of ALPHA / DIGIT / "-", not ending with "-"   (1 to 63 characters)
//! ```
//!
//! Using the browser's grammar means a form that the browser accepts is never refused by the server, and the
//! reverse. The grammar is ASCII only (internationalised addresses are refused) and, like the standard, it is a
//! deliberate simplification of RFC 5322: no quoted local parts, no comments, no IP literals, and dots may
//! appear anywhere in the local part.
//!
//! **Lengths** follow RFC 5321 §4.5.3.1: a local part of at most 64 octets and an address of at most 254 octets
//! (the 256-octet path limit minus the angle brackets), which also keeps the domain within its 255 octets.
//!
//! **Normalisation.** Surrounding whitespace is trimmed and the domain is lower-cased, since DNS names are
//! case-insensitive. The local part is **kept as typed**: RFC 5321 §2.4 lets a mail server treat `Alice` and
//! `alice` as different mailboxes, so lower-casing it could send mail to someone else. To stop two accounts
//! from differing only by case, compare [`Email::lookup_key`] (the whole address lower-cased) when checking
//! uniqueness or finding the account at sign-in; send mail to [`Email::as_str`].
//!
//! ```
//! use cesizen_core::user::Email;
//!
//! let email = Email::parse("  Alice.Martin@Example.FR ")?;
//! assert_eq!(email.as_str(), "Alice.Martin@example.fr");
//! assert_eq!(email.local_part(), "Alice.Martin");
//! assert_eq!(email.lookup_key(), "alice.martin@example.fr");
//! assert_eq!(Email::parse("alice@").unwrap_err().code(), "validation.email.invalid");
//! # Ok::<(), cesizen_core::user::UserError>(())
//! ```

use super::UserError;

/// The longest local part, in octets (RFC 5321 §4.5.3.1.1).
pub const MAX_LOCAL_PART_LENGTH: usize = 64;
/// The longest address, in octets (RFC 5321 §4.5.3.1.3: a 256-octet path minus its angle brackets).
pub const MAX_EMAIL_LENGTH: usize = 254;
/// The longest domain label, in octets (RFC 1035 §2.3.4).
const MAX_LABEL_LENGTH: usize = 63;

/// A valid, normalised e-mail address.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email {
    address: String,
    /// Byte index of the `@`.
    at: usize,
}

impl Email {
    /// Validates and normalises an address (see the module documentation).
    ///
    /// # Errors
    /// `validation.email.too_long` past the RFC 5321 limits, `validation.email.invalid` for anything the
    /// grammar refuses.
    pub fn parse(input: &str) -> Result<Self, UserError> {
        let trimmed = input.trim();
        if trimmed.len() > MAX_EMAIL_LENGTH {
            return Err(UserError::EmailTooLong);
        }
        let (local, domain) = trimmed.split_once('@').ok_or(UserError::EmailInvalid)?;
        if local.is_empty() || !local.bytes().all(|b| is_atext(b) || b == b'.') {
            return Err(UserError::EmailInvalid);
        }
        if !domain.split('.').all(is_label) {
            return Err(UserError::EmailInvalid);
        }
        if local.len() > MAX_LOCAL_PART_LENGTH {
            return Err(UserError::EmailTooLong);
        }
        Ok(Email {
            address: format!("{local}@{}", domain.to_ascii_lowercase()),
            at: local.len(),
        })
    }

    /// The normalised address, to send mail to.
    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The part before the `@`, as typed.
    pub fn local_part(&self) -> &str {
        &self.address[..self.at]
    }

    /// The part after the `@`, lower-cased.
    pub fn domain(&self) -> &str {
        &self.address[self.at + 1..]
    }

    /// The whole address lower-cased: the key for uniqueness checks and sign-in look-ups, never for sending.
    pub fn lookup_key(&self) -> String {
        self.address.to_ascii_lowercase()
    }

    /// The address and its parts as data: [`Email::as_str`], [`Email::local_part`], [`Email::domain`] and
    /// [`Email::lookup_key`].
    pub fn normalized(&self) -> NormalizedEmail {
        NormalizedEmail {
            email: self.as_str().to_owned(),
            local_part: self.local_part().to_owned(),
            domain: self.domain().to_owned(),
            lookup_key: self.lookup_key(),
        }
    }
}

/// A validated e-mail address and its parts ([`Email::normalized`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NormalizedEmail {
    /// The address as stored: trimmed, domain lower-cased, local part kept as typed.
    pub email: String,
    /// The part before `@`.
    pub local_part: String,
    /// The lower-cased domain.
    pub domain: String,
    /// The whole address lower-cased: the key that finds an account whatever the case typed.
    pub lookup_key: String,
}

/// `atext` of RFC 5322 as the HTML standard lists it.
fn is_atext(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&byte)
}

/// A domain label: 1–63 letters, digits or hyphens, starting and ending with a letter or digit.
fn is_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            bytes.len() <= MAX_LABEL_LENGTH
                && first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

impl core::fmt::Display for Email {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.address)
    }
}

impl core::fmt::Debug for Email {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Email").field(&self.address).finish()
    }
}

impl core::str::FromStr for Email {
    type Err = UserError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Email::parse(input)
    }
}

impl TryFrom<String> for Email {
    type Error = UserError;

    fn try_from(input: String) -> Result<Self, Self::Error> {
        Email::parse(&input)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.address
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_html_grammar() {
        for ok in [
            "a@b",
            "user@localhost",
            "first.last@example.com",
            "x+tag@sub.example.co.uk",
            "!#$%&'*+-/=?^_`{|}~@example.org",
            ".dots..anywhere.@example.org",
            "a@xn--bcher-kva.example",
            "a@1.2.3.4",
            "a@a-b.c",
        ] {
            assert_eq!(Email::parse(ok).map(String::from), Ok(ok.to_string()), "{ok}");
        }
    }

    #[test]
    fn refuses_what_the_grammar_refuses() {
        for bad in [
            "",
            "   ",
            "plain",
            "@example.org",
            "a@",
            "a@@b",
            "a@b@c",
            "a b@example.org",
            "\"quoted\"@example.org",
            "a@-example.org",
            "a@example-.org",
            "a@example..org",
            "a@.example.org",
            "a@example.org.",
            "a@[127.0.0.1]",
            "a@exa_mple.org",
            "élise@example.org",
            "a@bücher.example",
            "a\n@example.org",
        ] {
            assert_eq!(Email::parse(bad), Err(UserError::EmailInvalid), "{bad:?}");
        }
    }

    #[test]
    fn enforces_the_rfc_5321_lengths() {
        let local64 = "l".repeat(64);
        assert!(Email::parse(&format!("{local64}@example.org")).is_ok());
        assert_eq!(
            Email::parse(&format!("l{local64}@example.org")),
            Err(UserError::EmailTooLong)
        );
        let label63 = "d".repeat(63);
        assert!(Email::parse(&format!("a@{label63}.org")).is_ok());
        assert_eq!(Email::parse(&format!("a@d{label63}.org")), Err(UserError::EmailInvalid));
        // 2 + 4 × 62 + 4 = 254 octets: the longest address.
        let domain = format!("{0}.{0}.{0}.{0}", "d".repeat(61));
        let longest = format!("ab@{domain}.org");
        assert_eq!(longest.len(), 254);
        assert!(Email::parse(&longest).is_ok());
        assert_eq!(Email::parse(&format!("a{longest}")), Err(UserError::EmailTooLong));
    }

    #[test]
    fn normalises_whitespace_and_domain_case_only() {
        let email = Email::parse("\t Jean.Dupont@Exemple.FR\n").unwrap();
        assert_eq!(email.as_str(), "Jean.Dupont@exemple.fr");
        assert_eq!(email.local_part(), "Jean.Dupont");
        assert_eq!(email.domain(), "exemple.fr");
        assert_eq!(email.lookup_key(), "jean.dupont@exemple.fr");
        assert_eq!(email.to_string(), email.as_str());
    }

    #[test]
    fn serde_is_the_string_and_validates() {
        let email = Email::parse("Bob@Example.org").unwrap();
        assert_eq!(serde_json::to_string(&email).unwrap(), "\"Bob@example.org\"");
        assert_eq!(serde_json::from_str::<Email>("\"Bob@EXAMPLE.org\"").unwrap(), email);
        assert!(serde_json::from_str::<Email>("\"not an address\"").is_err());
    }

    #[test]
    fn codes_are_stable() {
        assert_eq!(UserError::EmailInvalid.code(), "validation.email.invalid");
        assert_eq!(UserError::EmailTooLong.code(), "validation.email.too_long");
    }

    proptest! {
        #[test]
        fn valid_addresses_are_accepted_and_normalised(
            local in "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}",
            labels in proptest::collection::vec("[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?", 1..4),
        ) {
            let domain = labels.join(".");
            let input = format!(" {local}@{domain} ");
            let email = Email::parse(&input).unwrap();
            prop_assert_eq!(email.local_part(), local.as_str());
            prop_assert_eq!(email.domain(), domain.to_ascii_lowercase());
            prop_assert_eq!(Email::parse(email.as_str()).unwrap(), email.clone(), "normalisation is idempotent");
            let parts = email.normalized();
            prop_assert_eq!(format!("{}@{}", parts.local_part, parts.domain), parts.email.clone());
            prop_assert_eq!(parts.lookup_key, parts.email.to_ascii_lowercase());
            prop_assert_eq!(parts.email, format!("{local}@{}", domain.to_ascii_lowercase()));
            let json = serde_json::to_string(&email).unwrap();
            prop_assert_eq!(serde_json::from_str::<Email>(&json).unwrap(), email);
        }

        #[test]
        fn any_input_is_accepted_or_refused_without_panic(input in "\\PC{0,300}") {
            match Email::parse(&input) {
                Ok(email) => {
                    prop_assert!(email.as_str().len() <= MAX_EMAIL_LENGTH);
                    prop_assert!(email.local_part().len() <= MAX_LOCAL_PART_LENGTH);
                    prop_assert!(email.as_str().is_ascii());
                }
                Err(e) => prop_assert!(matches!(e, UserError::EmailInvalid | UserError::EmailTooLong)),
            }
        }
    }
}
