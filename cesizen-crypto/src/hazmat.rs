//! Hazardous materials: operations that are sound only when the caller upholds what the type system cannot.
//!
//! Nothing here is needed to encrypt, rotate or shred; the safe API does that. These functions exist for
//! migrations (importing keys that already exist elsewhere) and, behind the `test-vectors` feature, for
//! reproducing the pinned test vectors with fixed nonces and salts.
//!
//! - Importing key material is safe only if the material is 32 uniformly random bytes that were never used with
//!   another algorithm. A weak or shared key voids every guarantee of the crate.
//! - The deterministic constructors reuse whatever nonce or salt they are given. Two messages sealed with the
//!   same nonce under the same key reveal the XOR of their plaintexts and let an attacker forge messages
//!   (AES-GCM's "forbidden attack"). They are compiled only with the `test-vectors` feature, which production
//!   code must never enable.

use crate::secret::{KEY_LEN, SecretBytes};
use crate::{DataKey, KeyId, Keyring, Result};

/// Imports an existing data key for `user` under `id`, with the given message limit.
///
/// # Errors
/// [`crate::Error::ContextTooLong`] for a user id over [`crate::MAX_CONTEXT_PART_LEN`] bytes,
/// [`crate::Error::MessageLimitInvalid`].
pub fn import_data_key(user: &str, id: KeyId, material: [u8; KEY_LEN], message_limit: u64) -> Result<DataKey> {
    let limit = crate::sealing_key::check_message_limit(message_limit)?;
    DataKey::from_parts(user, id, SecretBytes::from_array(material), 0, limit)
}

/// A keyring whose only key, primary, is `material` under `id`.
///
/// # Errors
/// [`crate::Error::KeyExists`] for id 0 (reserved for the root secret).
pub fn import_keyring(id: KeyId, material: [u8; KEY_LEN]) -> Result<Keyring> {
    Keyring::with_primary(id, SecretBytes::from_array(material))
}

/// Adds `material` to `keyring` as an enabled, non-primary key under `id`.
///
/// # Errors
/// [`crate::Error::KeyExists`] when the id is taken (or 0).
pub fn import_keyring_key(keyring: &mut Keyring, id: KeyId, material: [u8; KEY_LEN]) -> Result<()> {
    keyring.insert(id, SecretBytes::from_array(material))
}

#[cfg(feature = "test-vectors")]
pub use deterministic::*;

#[cfg(feature = "test-vectors")]
mod deterministic {
    use std::io::Write;

    use zeroize::Zeroizing;

    use crate::cipher::{Cipher, NONCE_LEN, TAG_LEN};
    use crate::secret::KEY_LEN;
    use crate::stream::{NONCE_PREFIX_LEN, SALT_LEN};
    use crate::{
        Context, DataKey, Envelope, Error, Keyring, Plaintext, Result, RootSecret, StreamWriter, WrappedDataKey,
    };

    /// **Test vectors only.** The bare AES-256-GCM primitive every format goes through, with caller-chosen
    /// nonces and associated data: the Wycheproof and NIST CAVP vectors run against it, so they test exactly the
    /// backend the crate uses.
    pub struct DangerousRawAesGcm(Cipher);

    impl DangerousRawAesGcm {
        /// Expands `key`.
        pub fn new(key: &[u8; KEY_LEN]) -> Self {
            Self(Cipher::new(key))
        }

        /// Returns `ciphertext || tag`.
        ///
        /// # Errors
        /// [`Error::InputTooLong`] past AES-GCM's limits.
        pub fn seal(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
            let mut out = plaintext.to_vec();
            let tag = self.0.seal_in_place(nonce, aad, &mut out)?;
            out.extend_from_slice(&tag);
            Ok(out)
        }

        /// Opens `ciphertext || tag`.
        ///
        /// # Errors
        /// [`Error::DecryptFailed`].
        pub fn open(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], sealed: &[u8]) -> Result<Plaintext> {
            let split = sealed.len().checked_sub(TAG_LEN).ok_or(Error::DecryptFailed)?;
            let (ciphertext, tag) = sealed.split_at(split);
            let tag: &[u8; TAG_LEN] = tag.try_into().map_err(|_| Error::DecryptFailed)?;
            let mut plaintext = Plaintext::new(ciphertext.to_vec());
            self.0.open_in_place(nonce, aad, &mut plaintext, tag)?;
            Ok(plaintext)
        }
    }

    /// **Test vectors only.** Seals with a caller-chosen nonce; a repeated nonce breaks AES-GCM.
    ///
    /// # Errors
    /// As [`DataKey::seal`].
    pub fn dangerous_seal_with_nonce(
        key: &DataKey,
        context: &Context,
        plaintext: &[u8],
        nonce: [u8; NONCE_LEN],
    ) -> Result<Envelope> {
        key.seal_with_nonce(context, plaintext, nonce)
    }

    /// **Test vectors only.** The raw bytes of a data key, for an independent implementation to use.
    pub fn dangerous_data_key_bytes(key: &DataKey) -> Zeroizing<[u8; KEY_LEN]> {
        Zeroizing::new(*key.material().expose())
    }

    /// **Test vectors only.** Wraps a data key under the primary with a caller-chosen nonce.
    ///
    /// # Errors
    /// As [`Keyring::wrap_data_key`].
    pub fn dangerous_wrap_with_nonce(
        keyring: &Keyring,
        key: &DataKey,
        nonce: [u8; NONCE_LEN],
    ) -> Result<WrappedDataKey> {
        keyring.wrap_data_key_with_nonce(key, nonce)
    }

    /// **Test vectors only.** Seals the keyring file with a caller-chosen nonce.
    ///
    /// # Errors
    /// As [`Keyring::seal`].
    pub fn dangerous_seal_keyring_with_nonce(
        keyring: &Keyring,
        root: &RootSecret,
        nonce: [u8; NONCE_LEN],
    ) -> Result<Vec<u8>> {
        keyring.seal_with_nonce(root, nonce)
    }

    /// **Test vectors only.** Seals key `id` for custody with a caller-chosen nonce.
    ///
    /// # Errors
    /// As [`Keyring::seal_for_custody`].
    pub fn dangerous_seal_for_custody_with_nonce(
        keyring: &Keyring,
        id: crate::KeyId,
        created_at: std::time::SystemTime,
        root: &RootSecret,
        nonce: [u8; NONCE_LEN],
    ) -> Result<Vec<u8>> {
        keyring.seal_for_custody_with_nonce(id, created_at, root, nonce)
    }

    /// **Test vectors only.** A stream writer with a caller-chosen salt and nonce prefix.
    ///
    /// # Errors
    /// As [`Keyring::stream_writer`].
    pub fn dangerous_stream_writer_with<W: Write>(
        keyring: &Keyring,
        inner: W,
        salt: [u8; SALT_LEN],
        prefix: [u8; NONCE_PREFIX_LEN],
    ) -> Result<StreamWriter<W>> {
        keyring.stream_writer_with(inner, salt, prefix)
    }
}
