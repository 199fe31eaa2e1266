//! Key identifiers: the 32-bit ids written in clear in every envelope and stream header.

use core::fmt;

/// The id of a key: which key-encryption key of a [`crate::Keyring`], or which user data key.
///
/// Ids are public (they travel in clear in headers) and say which key to use, so that decryption never tries
/// several keys in turn. Id 0 is reserved for the key derived from the [`crate::RootSecret`], which seals the
/// keyring file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyId(u32);

impl KeyId {
    /// The id reserved for the root secret's key (the keyring file).
    pub(crate) const ROOT: KeyId = KeyId(0);

    /// Wraps a raw id.
    pub const fn new(id: u32) -> Self {
        Self(id)
    }

    /// The raw id.
    pub const fn get(self) -> u32 {
        self.0
    }

    /// Big-endian bytes, as written in headers.
    pub(crate) const fn to_be_bytes(self) -> [u8; 4] {
        self.0.to_be_bytes()
    }

    /// Reads a big-endian id.
    pub(crate) const fn from_be_bytes(bytes: [u8; 4]) -> Self {
        Self(u32::from_be_bytes(bytes))
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl From<u32> for KeyId {
    fn from(id: u32) -> Self {
        Self(id)
    }
}

impl From<KeyId> for u32 {
    fn from(id: KeyId) -> Self {
        id.0
    }
}
