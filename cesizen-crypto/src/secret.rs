//! 256-bit secrets: zeroized on drop, compared in constant time, never printed.

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::encoding::{from_base64url, to_base64url};
use crate::{Result, random};

/// Length in bytes of every key and secret of this crate (AES-256, HMAC-SHA-256 and HKDF inputs).
pub const KEY_LEN: usize = 32;

/// 32 bytes of secret material. Not `Clone`, not `Debug`, not `Display`: it cannot be copied or printed by
/// accident, and its memory is overwritten when it is dropped.
#[derive(Zeroize, ZeroizeOnDrop)]
pub(crate) struct SecretBytes([u8; KEY_LEN]);

impl SecretBytes {
    /// Fresh material straight from the operating system's CSPRNG (keys never come from the userspace
    /// nonce generator).
    pub(crate) fn random() -> Result<Self> {
        let mut secret = Self([0; KEY_LEN]);
        random::os_fill(&mut secret.0)?;
        Ok(secret)
    }

    /// Takes ownership of `bytes`; the caller's copy is the caller's to zeroize.
    pub(crate) const fn from_array(bytes: [u8; KEY_LEN]) -> Self {
        Self(bytes)
    }

    /// Reads exactly [`KEY_LEN`] bytes.
    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Self> {
        let array: [u8; KEY_LEN] = bytes.try_into().ok()?;
        Some(Self(array))
    }

    /// Parses the text form: unpadded base64url of exactly 32 bytes, surrounding ASCII whitespace ignored (a
    /// key file usually ends with a newline). Decoding is constant-time.
    pub(crate) fn from_text(text: &str) -> Option<Self> {
        let decoded = Zeroizing::new(from_base64url(text.trim_ascii())?);
        Self::from_slice(&decoded)
    }

    /// The text form: unpadded base64url, 43 characters.
    pub(crate) fn to_text(&self) -> Zeroizing<String> {
        Zeroizing::new(to_base64url(&self.0))
    }

    /// The material, for the few places that must feed it to a primitive.
    pub(crate) const fn expose(&self) -> &[u8; KEY_LEN] {
        &self.0
    }
}

impl ConstantTimeEq for SecretBytes {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.0.ct_eq(&other.0)
    }
}

impl PartialEq for SecretBytes {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for SecretBytes {}

/// Implements a redacted `Debug` for a type holding a secret: the type's name and nothing else.
macro_rules! redacted_debug {
    ($ty:ty) => {
        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(concat!(stringify!($ty), "(<redacted>)"))
            }
        }
    };
}
pub(crate) use redacted_debug;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_secrets_differ_and_compare_by_value() {
        let a = SecretBytes::random().expect("os random");
        let b = SecretBytes::random().expect("os random");
        assert!(a != b);
        let a2 = SecretBytes::from_slice(a.expose()).expect("32 bytes");
        assert!(a == a2);
        assert!(SecretBytes::from_slice(&[0; 31]).is_none());
        assert!(SecretBytes::from_slice(&[0; 33]).is_none());
    }

    #[test]
    fn text_form_is_43_base64url_chars_and_tolerates_a_trailing_newline() {
        let secret = SecretBytes::from_array([0xfb; 32]);
        let text = secret.to_text();
        assert_eq!(text.len(), 43);
        let parsed = SecretBytes::from_text(&format!("  {}\n", text.as_str())).expect("parse");
        assert!(parsed == secret);
        assert!(SecretBytes::from_text(&text[..42]).is_none());
        assert!(SecretBytes::from_text("").is_none());
        assert!(SecretBytes::from_text(&"A".repeat(44)).is_none());
    }
}
