//! Decrypted bytes that are wiped when dropped.

use core::fmt;
use core::ops::{Deref, DerefMut};

use zeroize::Zeroize;

/// Decrypted bytes. They dereference to `[u8]` (mutably too) and are overwritten with zeros when dropped, so emotional data
/// does not linger in freed memory. [`Plaintext::into_vec`] hands the bytes over without that guarantee.
///
/// The wipe uses `zeroize`'s bulk path for byte slices (a `memset` the compiler may not remove), which costs
/// about as much as a copy; `Zeroizing<Vec<u8>>` would wipe byte by byte through volatile writes, several
/// times slower on a 16 KiB field.
pub struct Plaintext(Vec<u8>);

impl Plaintext {
    /// Takes ownership of `bytes`; its spare capacity, if any, is not wiped.
    pub(crate) const fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }

    /// The bytes as a plain vector: the caller takes over, and nothing wipes them any more.
    pub fn into_vec(mut self) -> Vec<u8> {
        core::mem::take(&mut self.0)
    }
}

impl Deref for Plaintext {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl DerefMut for Plaintext {
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.0
    }
}

impl AsRef<[u8]> for Plaintext {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for Plaintext {
    fn drop(&mut self) {
        self.0.as_mut_slice().zeroize();
    }
}

/// The length only.
impl fmt::Debug for Plaintext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Plaintext({} bytes)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_length_only_and_into_vec_keeps_the_bytes() {
        let plain = Plaintext::new(b"feeling low".to_vec());
        assert_eq!(format!("{plain:?}"), "Plaintext(11 bytes)");
        assert_eq!(&plain[..4], b"feel");
        assert_eq!(plain.into_vec(), b"feeling low");
    }
}
