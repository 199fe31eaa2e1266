//! Streaming AEAD for backups: encrypt and decrypt inputs of any size in constant memory.
//!
//! Format (version 1):
//!
//! | bytes | content |
//! |---|---|
//! | 0 | format version, `0x01` |
//! | 1..5 | keyring key id, `u32` big-endian |
//! | 5..37 | salt, 32 random bytes |
//! | 37..44 | nonce prefix, 7 random bytes |
//! | 44.. | segments |
//!
//! - **Per-stream key**: `HKDF-SHA-256(ikm = keyring key, salt = salt, info = "cesizen.stream.v1" || header)`,
//!   where `header` is the 44 header bytes. Every stream has its own AES-256-GCM key, and changing any header
//!   byte changes the key.
//! - **Segments**: the plaintext is cut into segments of [`SEGMENT_LEN`] = 64 KiB; the last one holds the rest
//!   (0 to 64 KiB; it is empty only when the whole stream is). Each is sealed with AES-256-GCM, empty associated
//!   data, and written as ciphertext followed by its 16-byte tag.
//! - **Nonce** of segment `i` (from 0): `prefix (7 bytes) || u32_be(i) || last`, where `last` is `0x01` for the
//!   final segment and `0x00` otherwise.
//!
//! Because the position and the "last" flag are inside the nonce, and the key is unique to the stream:
//! - **truncation** fails (the segment that ends the stream was not sealed as last);
//! - **reordering** and **duplication** fail (a segment opens only at its own position);
//! - **splicing** segments of another stream fails (another key);
//! - **bit flips** anywhere fail (header: another key; segment: its tag).
//!
//! A reader hands out a segment's plaintext only after its tag verified, but it can tell that a stream is
//! complete only at its end: restore into a staging place and commit after `read` returned end-of-file without
//! an error.

mod reader;
mod writer;

pub use reader::StreamReader;
pub use writer::StreamWriter;

use crate::cipher::{Cipher, NONCE_LEN, TAG_LEN};
use crate::kdf::{self, STREAM_INFO};
use crate::secret::SecretBytes;
use crate::{Error, KeyId, Result};

/// The stream format version this crate writes and reads.
pub const STREAM_VERSION: u8 = 0x01;
/// Salt length.
pub const SALT_LEN: usize = 32;
/// Nonce prefix length.
pub const NONCE_PREFIX_LEN: usize = 7;
/// Header length: version, key id, salt, nonce prefix.
pub const STREAM_HEADER_LEN: usize = 1 + 4 + SALT_LEN + NONCE_PREFIX_LEN;
/// Plaintext bytes per segment (all but the last): 64 KiB.
pub const SEGMENT_LEN: usize = 64 * 1024;
/// Bytes of a full sealed segment: plaintext and tag.
pub const SEGMENT_CIPHERTEXT_LEN: usize = SEGMENT_LEN + TAG_LEN;

/// A parsed stream header.
pub(crate) struct Header {
    pub(crate) key_id: KeyId,
    salt: [u8; SALT_LEN],
    prefix: [u8; NONCE_PREFIX_LEN],
}

impl Header {
    pub(crate) const fn new(key_id: KeyId, salt: [u8; SALT_LEN], prefix: [u8; NONCE_PREFIX_LEN]) -> Self {
        Self { key_id, salt, prefix }
    }

    pub(crate) fn to_bytes(&self) -> [u8; STREAM_HEADER_LEN] {
        let mut out = [0u8; STREAM_HEADER_LEN];
        out[0] = STREAM_VERSION;
        out[1..5].copy_from_slice(&self.key_id.to_be_bytes());
        out[5..37].copy_from_slice(&self.salt);
        out[37..].copy_from_slice(&self.prefix);
        out
    }

    pub(crate) fn parse(bytes: &[u8; STREAM_HEADER_LEN]) -> Result<Self> {
        if bytes[0] != STREAM_VERSION {
            return Err(Error::VersionUnsupported(bytes[0]));
        }
        let mut key_id = [0u8; 4];
        key_id.copy_from_slice(&bytes[1..5]);
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&bytes[5..37]);
        let mut prefix = [0u8; NONCE_PREFIX_LEN];
        prefix.copy_from_slice(&bytes[37..]);
        Ok(Self::new(KeyId::from_be_bytes(key_id), salt, prefix))
    }

    /// The stream's own AES-256-GCM key, derived from the keyring key.
    pub(crate) fn cipher(&self, kek: &SecretBytes) -> Cipher {
        let key = kdf::derive(kek, Some(&self.salt), &[STREAM_INFO, &self.to_bytes()]);
        Cipher::new(key.expose())
    }

    /// The nonce of segment `index`.
    pub(crate) fn nonce(&self, index: u32, last: bool) -> [u8; NONCE_LEN] {
        let mut nonce = [0u8; NONCE_LEN];
        nonce[..NONCE_PREFIX_LEN].copy_from_slice(&self.prefix);
        nonce[NONCE_PREFIX_LEN..NONCE_LEN - 1].copy_from_slice(&index.to_be_bytes());
        nonce[NONCE_LEN - 1] = u8::from(last);
        nonce
    }
}

#[cfg(test)]
mod tests;
