//! **Test vectors only — never call these in an app.** Deterministic seals with caller-chosen nonces, salts and
//! nonce prefixes, so that the Kotlin and Python runners reproduce the pinned vectors of `tests/vectors/` byte for
//! byte through the very library they ship.
//!
//! A nonce used twice under one key breaks AES-GCM: it reveals the XOR of the two plaintexts and lets an attacker
//! forge messages. The safe API ([`crate::crypto::UserKey::seal`], [`crate::crypto::Keyring::seal`],
//! [`crate::crypto::Keyring::seal_stream`]) always draws fresh randomness; these functions go through
//! `cesizen_crypto::hazmat`'s `dangerous_*` path instead, which exists only behind that crate's `test-vectors`
//! feature.
//!
//! **Why they are always exported.** The generated Kotlin, Swift and Python check every function's checksum
//! against the library when they load, so the surface must not depend on a Cargo feature. The functions are
//! therefore always part of the surface, but they do the deterministic work only in a library built with this
//! crate's `test-vectors` feature (as `cargo xtask test` builds it for the runners). In every other build —
//! the default, the one phones and Python users get — each of them refuses with
//! [`DISABLED`] (`input.test_vectors.disabled`) and never seals anything.

use crate::crypto::{EncryptionContext, Keyring, RootSecret, UserKey};
use crate::{CesizenError, boundary::guard};

/// The code of a deterministic seal asked of a library built without the `test-vectors` feature.
pub const DISABLED: &str = "input.test_vectors.disabled";

/// The code of a nonce, salt or nonce prefix of the wrong length.
pub const BAD_LENGTH: &str = "input.test_vectors.invalid_length";

/// Whether this library was built with the `test-vectors` feature (the deterministic seals work).
#[uniffi::export]
pub fn test_vectors_enabled() -> bool {
    cfg!(feature = "test-vectors")
}

/// **Test vectors only.** [`UserKey::seal`] with a caller-chosen 12-byte `nonce`; returns the envelope's text form.
///
/// Errors: `input.test_vectors.disabled` in a library built without the feature,
/// `input.test_vectors.invalid_length`, and the errors of `seal`.
#[uniffi::export]
pub fn dangerous_seal_envelope_with_nonce(
    key: &UserKey,
    context: EncryptionContext,
    plaintext: Vec<u8>,
    nonce: Vec<u8>,
) -> Result<String, CesizenError> {
    guard(|| imp::seal_envelope(key, &context, &plaintext, &nonce))
}

/// **Test vectors only.** [`Keyring::wrap_data_key`] with a caller-chosen 12-byte `nonce`; returns the wrapped
/// key's text form.
///
/// Errors: as [`dangerous_seal_envelope_with_nonce`], and the errors of `wrap_data_key`.
#[uniffi::export]
pub fn dangerous_wrap_data_key_with_nonce(
    keyring: &Keyring,
    key: &UserKey,
    nonce: Vec<u8>,
) -> Result<String, CesizenError> {
    guard(|| imp::wrap_data_key(keyring, key, &nonce))
}

/// **Test vectors only.** [`Keyring::seal`] (the keyring file) with a caller-chosen 12-byte `nonce`.
///
/// Errors: as [`dangerous_seal_envelope_with_nonce`], and the errors of `seal`.
#[uniffi::export]
pub fn dangerous_seal_keyring_with_nonce(
    keyring: &Keyring,
    root: &RootSecret,
    nonce: Vec<u8>,
) -> Result<Vec<u8>, CesizenError> {
    guard(|| imp::seal_keyring(keyring, root, &nonce))
}

/// **Test vectors only.** [`Keyring::seal_stream`] with a caller-chosen 32-byte `salt` and 7-byte
/// `nonce_prefix`.
///
/// Errors: as [`dangerous_seal_envelope_with_nonce`], and the errors of `seal_stream`.
#[uniffi::export]
pub fn dangerous_seal_stream_with(
    keyring: &Keyring,
    plaintext: Vec<u8>,
    salt: Vec<u8>,
    nonce_prefix: Vec<u8>,
) -> Result<Vec<u8>, CesizenError> {
    guard(|| imp::seal_stream(keyring, &plaintext, &salt, &nonce_prefix))
}

/// A fixed-size array from the caller's bytes, or the length error.
#[cfg_attr(not(feature = "test-vectors"), allow(dead_code))]
fn array<const N: usize>(bytes: &[u8], what: &str) -> Result<[u8; N], CesizenError> {
    bytes
        .try_into()
        .map_err(|_| CesizenError::input(BAD_LENGTH, format!("the {what} must be exactly {N} bytes")))
}

#[cfg(feature = "test-vectors")]
mod imp {
    use std::io::Write;

    use cesizen_crypto::hazmat::{
        dangerous_seal_keyring_with_nonce, dangerous_seal_with_nonce, dangerous_stream_writer_with,
        dangerous_wrap_with_nonce,
    };
    use zeroize::Zeroizing;

    use super::array;
    use crate::CesizenError;
    use crate::crypto::{EncryptionContext, Keyring, RootSecret, UserKey, io_error};

    pub(super) fn seal_envelope(
        key: &UserKey,
        context: &EncryptionContext,
        plaintext: &[u8],
        nonce: &[u8],
    ) -> Result<String, CesizenError> {
        let envelope = dangerous_seal_with_nonce(&key.0, &context.to_context()?, plaintext, array(nonce, "nonce")?)?;
        Ok(envelope.to_text())
    }

    pub(super) fn wrap_data_key(keyring: &Keyring, key: &UserKey, nonce: &[u8]) -> Result<String, CesizenError> {
        Ok(dangerous_wrap_with_nonce(&*keyring.lock()?, &key.0, array(nonce, "nonce")?)?.to_text())
    }

    pub(super) fn seal_keyring(keyring: &Keyring, root: &RootSecret, nonce: &[u8]) -> Result<Vec<u8>, CesizenError> {
        Ok(dangerous_seal_keyring_with_nonce(
            &*keyring.lock()?,
            &root.0,
            array(nonce, "nonce")?,
        )?)
    }

    pub(super) fn seal_stream(
        keyring: &Keyring,
        plaintext: &[u8],
        salt: &[u8],
        prefix: &[u8],
    ) -> Result<Vec<u8>, CesizenError> {
        let plaintext = Zeroizing::new(plaintext.to_vec());
        let mut writer = dangerous_stream_writer_with(
            &*keyring.lock()?,
            Vec::new(),
            array(salt, "salt")?,
            array(prefix, "nonce prefix")?,
        )?;
        writer.write_all(&plaintext).map_err(io_error)?;
        writer.finish().map_err(io_error)
    }
}

#[cfg(not(feature = "test-vectors"))]
mod imp {
    //! The default build: every deterministic seal refuses.

    use super::DISABLED;
    use crate::CesizenError;
    use crate::crypto::{EncryptionContext, Keyring, RootSecret, UserKey};

    fn disabled<T>() -> Result<T, CesizenError> {
        Err(CesizenError::input(
            DISABLED,
            "deterministic seals exist only in a library built with the `test-vectors` feature",
        ))
    }

    pub(super) fn seal_envelope(
        _: &UserKey,
        _: &EncryptionContext,
        _: &[u8],
        _: &[u8],
    ) -> Result<String, CesizenError> {
        disabled()
    }

    pub(super) fn wrap_data_key(_: &Keyring, _: &UserKey, _: &[u8]) -> Result<String, CesizenError> {
        disabled()
    }

    pub(super) fn seal_keyring(_: &Keyring, _: &RootSecret, _: &[u8]) -> Result<Vec<u8>, CesizenError> {
        disabled()
    }

    pub(super) fn seal_stream(_: &Keyring, _: &[u8], _: &[u8], _: &[u8]) -> Result<Vec<u8>, CesizenError> {
        disabled()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_checked_before_anything_is_sealed() {
        assert_eq!(array::<12>(&[0; 12], "nonce").map(|a| a.len()), Ok(12));
        assert_eq!(
            array::<12>(&[0; 11], "nonce").map_err(|e| e.code()),
            Err(BAD_LENGTH.to_owned())
        );
    }

    #[cfg(not(feature = "test-vectors"))]
    #[test]
    fn the_default_build_refuses_every_deterministic_seal() {
        let keyring = Keyring::import_raw(3, vec![7; 32]).expect("valid");
        let out = dangerous_seal_stream_with(&keyring, vec![1, 2], vec![0; 32], vec![0; 7]);
        assert_eq!(out.map_err(|e| e.code()), Err(DISABLED.to_owned()));
        assert!(!test_vectors_enabled());
    }

    #[cfg(feature = "test-vectors")]
    #[test]
    fn the_same_inputs_seal_the_same_bytes_and_open_with_the_safe_api() {
        let keyring = Keyring::import_raw(3, vec![7; 32]).expect("valid");
        let a = dangerous_seal_stream_with(&keyring, vec![1, 2], vec![0; 32], vec![0; 7]).expect("seals");
        let b = dangerous_seal_stream_with(&keyring, vec![1, 2], vec![0; 32], vec![0; 7]).expect("seals");
        assert_eq!(a, b);
        assert_eq!(keyring.open_stream(a), Ok(vec![1, 2]));
    }
}
