//! Keyed pseudonyms for analytics exports: the maintenance plan's "SHA-256 + salt", done safely.
//!
//! A salted hash with a *public* salt does not protect an email address or a user id: anyone holding the salt
//! can hash every known address and match. The pseudonym is therefore `HMAC-SHA-256(secret, message)` with a
//! secret key, where
//!
//! ```text
//! message = u32_be(len(label)) || label || u32_be(len(domain)) || domain || u32_be(len(value)) || value
//! label   = "cesizen.pseudonym.v1"
//! ```
//!
//! - **Domain separation**: the same value pseudonymised in two domains (`"user.id"`, `"user.email"`) gives
//!   unrelated pseudonyms, so a column cannot be joined with another by accident.
//! - **Stable encoding**: for one secret, one domain and one value, the pseudonym is always the same 32 bytes
//!   (text form: unpadded base64url, 43 characters), so rows of one export join with each other.
//! - **Rotation**: generate a new [`PseudonymSecret`] for every export and throw it away afterwards; two exports
//!   then cannot be joined with each other, nor with anything else.
//!
//! This is **pseudonymisation** in the sense of GDPR Art. 4(5), not anonymisation: whoever holds the secret can
//! recompute a pseudonym from a known value, so pseudonymised data is still personal data. Normalise values
//! before pseudonymising them (the email type of `cesizen-core` is already normalised).

use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::encoding::{push_length_prefixed, to_base64url};
use crate::secret::{KEY_LEN, SecretBytes, redacted_debug};
use crate::{Error, Result};

const LABEL: &[u8] = b"cesizen.pseudonym.v1";
/// The longest domain, in bytes.
pub const MAX_PSEUDONYM_DOMAIN_LEN: usize = 64;

/// The secret key of a pseudonymisation (one per analytics export). Zeroized on drop, never printed.
#[derive(PartialEq, Eq)]
pub struct PseudonymSecret(SecretBytes);

redacted_debug!(PseudonymSecret);

impl PseudonymSecret {
    /// 32 fresh bytes from the operating system.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`].
    pub fn generate() -> Result<Self> {
        SecretBytes::random().map(Self)
    }

    /// Takes raw bytes.
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(SecretBytes::from_array(bytes))
    }

    /// Parses the text form (unpadded base64url of 32 bytes).
    ///
    /// # Errors
    /// [`Error::PseudonymSecretInvalid`].
    pub fn from_text(text: &str) -> Result<Self> {
        SecretBytes::from_text(text)
            .map(Self)
            .ok_or(Error::PseudonymSecretInvalid)
    }

    /// The text form, zeroized when dropped.
    pub fn to_text(&self) -> Zeroizing<String> {
        self.0.to_text()
    }
}

/// Computes pseudonyms under one secret. The HMAC key schedule is computed once and reused for every value.
///
/// ```
/// use cesizen_crypto::{PseudonymSecret, Pseudonymiser};
/// let export_a = Pseudonymiser::new(&PseudonymSecret::generate()?);
/// let p1 = export_a.pseudonym("user.email", b"camille@example.org")?;
/// let p2 = export_a.pseudonym("user.email", b"camille@example.org")?;
/// assert_eq!(p1, p2); // stable within an export
/// assert_ne!(p1, export_a.pseudonym("user.id", b"camille@example.org")?); // domain-separated
/// let export_b = Pseudonymiser::new(&PseudonymSecret::generate()?);
/// assert_ne!(p1, export_b.pseudonym("user.email", b"camille@example.org")?); // exports do not join
/// assert_eq!(p1.to_text().len(), 43);
/// # Ok::<(), cesizen_crypto::Error>(())
/// ```
#[derive(Clone)]
pub struct Pseudonymiser {
    mac: Hmac<Sha256>,
}

redacted_debug!(Pseudonymiser);

impl Pseudonymiser {
    /// Keys a pseudonymiser with `secret`.
    pub fn new(secret: &PseudonymSecret) -> Self {
        let mac =
            <Hmac<Sha256> as KeyInit>::new_from_slice(secret.0.expose()).expect("HMAC accepts keys of any length");
        Self { mac }
    }

    /// The pseudonym of `value` in `domain`.
    ///
    /// # Errors
    /// [`Error::PseudonymDomainInvalid`] unless `domain` is 1 to [`MAX_PSEUDONYM_DOMAIN_LEN`] bytes of `a-z`,
    /// `0-9`, `.`, `_`, `-`; [`Error::InputTooLong`] for a value of 4 GiB or more.
    pub fn pseudonym(&self, domain: &str, value: &[u8]) -> Result<Pseudonym> {
        let domain_ok = (1..=MAX_PSEUDONYM_DOMAIN_LEN).contains(&domain.len())
            && domain
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'));
        if !domain_ok {
            return Err(Error::PseudonymDomainInvalid);
        }
        let value_len = u32::try_from(value.len()).map_err(|_| Error::InputTooLong)?;
        let mut head = Vec::with_capacity(4 + LABEL.len() + 4 + domain.len() + 4);
        push_length_prefixed(&mut head, LABEL)?;
        push_length_prefixed(&mut head, domain.as_bytes())?;
        head.extend_from_slice(&value_len.to_be_bytes());
        let mut mac = self.mac.clone();
        mac.update(&head);
        mac.update(value);
        Ok(Pseudonym(mac.finalize().into_bytes().into()))
    }
}

/// A pseudonym: 32 bytes. Not secret; `Display` gives the text form.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pseudonym([u8; 32]);

impl Pseudonym {
    /// The 32 bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The text form: unpadded base64url, 43 characters.
    pub fn to_text(&self) -> String {
        to_base64url(&self.0)
    }
}

/// The text form.
impl fmt::Display for Pseudonym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

impl fmt::Debug for Pseudonym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pseudonym({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equals_hmac_sha256_over_the_documented_message() {
        let secret = [7u8; 32];
        let got = Pseudonymiser::new(&PseudonymSecret::from_bytes(secret))
            .pseudonym("user.email", b"a@b.c")
            .expect("valid");
        let mut message = Vec::new();
        for part in [LABEL, b"user.email", b"a@b.c"] {
            message.extend_from_slice(&(part.len() as u32).to_be_bytes());
            message.extend_from_slice(part);
        }
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret).expect("any length");
        mac.update(&message);
        assert_eq!(got.as_bytes()[..], mac.finalize().into_bytes()[..]);
    }

    #[test]
    fn domains_are_validated() {
        let p = Pseudonymiser::new(&PseudonymSecret::from_bytes([1; 32]));
        for bad in ["", "User.Email", "user email", "é", &"a".repeat(65)] {
            assert_eq!(
                p.pseudonym(bad, b"v").map_err(|e| e.code()),
                Err("crypto.pseudonym.domain_invalid")
            );
        }
        assert!(p.pseudonym(&"a".repeat(64), b"v").is_ok());
        assert!(p.pseudonym("kpi.session-2025_q1", b"v").is_ok());
    }

    #[test]
    fn secret_text_round_trips_and_debug_is_redacted() {
        let secret = PseudonymSecret::generate().expect("random");
        assert!(PseudonymSecret::from_text(&secret.to_text()).expect("parse") == secret);
        assert_eq!(
            PseudonymSecret::from_text("x").map_err(|e| e.code()),
            Err("crypto.pseudonym.secret_invalid")
        );
        assert_eq!(format!("{secret:?}"), "PseudonymSecret(<redacted>)");
    }

    proptest! {
        #[test]
        fn stable_for_one_secret_and_separated_across_domains_values_and_secrets(
            a in proptest::collection::vec(any::<u8>(), 0..40),
            b in proptest::collection::vec(any::<u8>(), 0..40),
            s1 in any::<[u8; 32]>(),
            s2 in any::<[u8; 32]>(),
        ) {
            let p1 = Pseudonymiser::new(&PseudonymSecret::from_bytes(s1));
            let p2 = Pseudonymiser::new(&PseudonymSecret::from_bytes(s2));
            let x = p1.pseudonym("user.id", &a).expect("ok");
            prop_assert_eq!(x, p1.pseudonym("user.id", &a).expect("ok"));
            prop_assert_ne!(x, p1.pseudonym("user.email", &a).expect("ok"));
            prop_assert_eq!(a == b, x == p1.pseudonym("user.id", &b).expect("ok"));
            prop_assert_eq!(s1 == s2, x == p2.pseudonym("user.id", &a).expect("ok"));
        }
    }
}
