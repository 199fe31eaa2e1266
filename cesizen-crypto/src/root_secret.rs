//! The root secret: the one secret outside the keyring, which seals the keyring file.
//!
//! The crate never reads it from anywhere: the caller takes it from an environment variable, a key file or a
//! secret manager and hands over its text form (unpadded base64url of 32 random bytes, 43 characters, surrounding
//! whitespace ignored). One way to make one:
//!
//! ```text
//! openssl rand 32 | basenc --base64url | tr -d '=\n'
//! ```

use zeroize::Zeroizing;

use crate::secret::{KEY_LEN, SecretBytes, redacted_debug};
use crate::{Error, Result};

/// The secret that seals the keyring file (see [`crate::Keyring::seal`]). Zeroized on drop, compared in
/// constant time, never printed.
///
/// ```
/// use cesizen_crypto::RootSecret;
/// let secret = RootSecret::generate()?;
/// let text = secret.to_text(); // store it in the secret manager
/// assert_eq!(RootSecret::from_text(&format!("{}\n", text.as_str()))?, secret);
/// assert_eq!(RootSecret::from_text("hunter2").unwrap_err().code(), "crypto.root_secret.invalid");
/// # Ok::<(), cesizen_crypto::Error>(())
/// ```
#[derive(PartialEq, Eq)]
pub struct RootSecret(SecretBytes);

redacted_debug!(RootSecret);

impl RootSecret {
    /// 32 fresh bytes from the operating system.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`].
    pub fn generate() -> Result<Self> {
        SecretBytes::random().map(Self)
    }

    /// Takes raw bytes (from a KMS, say).
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(SecretBytes::from_array(bytes))
    }

    /// Parses the text form.
    ///
    /// # Errors
    /// [`Error::RootSecretInvalid`] unless the text is 32 bytes in unpadded base64url.
    pub fn from_text(text: &str) -> Result<Self> {
        SecretBytes::from_text(text).map(Self).ok_or(Error::RootSecretInvalid)
    }

    /// The text form, zeroized when dropped.
    pub fn to_text(&self) -> Zeroizing<String> {
        self.0.to_text()
    }

    pub(crate) const fn secret(&self) -> &SecretBytes {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn debug_is_redacted() {
        let secret = RootSecret::from_bytes([0x41; 32]);
        let shown = format!("{secret:?}");
        assert_eq!(shown, "RootSecret(<redacted>)");
        assert!(!shown.contains(secret.to_text().as_str()));
    }

    proptest! {
        #[test]
        fn text_round_trips(bytes in any::<[u8; 32]>()) {
            let secret = RootSecret::from_bytes(bytes);
            prop_assert!(RootSecret::from_text(&secret.to_text()).ok() == Some(secret));
        }

        #[test]
        fn arbitrary_text_never_panics(text in ".{0,80}") {
            let _ = RootSecret::from_text(&text);
        }
    }
}
