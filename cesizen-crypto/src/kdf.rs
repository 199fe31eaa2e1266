//! Key derivation (HKDF-SHA-256, RFC 5869) and the labels that separate every derived key.
//!
//! One secret never serves two purposes directly: a keyring key is the input of HKDF, and each use gets its
//! own derived key under its own label. SHA-256 is used through HMAC only.

use hkdf::Hkdf;
use sha2::Sha256;

use crate::secret::{KEY_LEN, SecretBytes};

/// Info label of the key a keyring key wraps data keys with (HKDF salt: none).
pub(crate) const KEK_WRAP_INFO: &[u8] = b"cesizen.kek-wrap.v1";
/// Info label of the key the root secret seals the keyring file with (HKDF salt: none).
pub(crate) const KEYRING_FILE_INFO: &[u8] = b"cesizen.keyring-file.v1";
/// Info label of the key the root secret seals a key custody record with (HKDF salt: none).
pub(crate) const KEK_CUSTODY_INFO: &[u8] = b"cesizen.kek-custody.v1";
/// Info label of a backup stream's key, followed by the stream header (HKDF salt: the stream's salt).
pub(crate) const STREAM_INFO: &[u8] = b"cesizen.stream.v1";

/// `HKDF-SHA-256(ikm, salt, info = info[0] || info[1] || …)`, 32 bytes.
pub(crate) fn derive(ikm: &SecretBytes, salt: Option<&[u8]>, info: &[&[u8]]) -> SecretBytes {
    let mut okm = [0u8; KEY_LEN];
    Hkdf::<Sha256>::new(salt, ikm.expose())
        .expand_multi_info(info, &mut okm)
        .expect("32 bytes is far below HKDF-SHA-256's 8160-byte output limit");
    SecretBytes::from_array(okm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivation_is_deterministic_and_labels_separate_keys() {
        let ikm = SecretBytes::from_array([0x0b; 32]);
        let a = derive(&ikm, None, &[KEK_WRAP_INFO]);
        let b = derive(&ikm, None, &[KEK_WRAP_INFO]);
        let c = derive(&ikm, None, &[KEYRING_FILE_INFO]);
        assert!(a == b);
        assert!(a != c);
    }

    #[test]
    fn split_info_equals_concatenated_info() {
        let ikm = SecretBytes::from_array([1; 32]);
        let split = derive(&ikm, Some(b"salt"), &[STREAM_INFO, b"header"]);
        let joined = derive(&ikm, Some(b"salt"), &[b"cesizen.stream.v1header"]);
        assert!(split == joined);
    }
}
