//! The one place that calls AES-256-GCM. Every format of the crate goes through [`Cipher`], which holds the
//! expanded key schedule (AES round keys and the GHASH key), built once per key and reused for every message.
//!
//! Two interchangeable backends, byte-identical by construction (the same algorithm; the pinned vectors,
//! Wycheproof and NIST CAVP run against both in CI: the `test` and `crypto-portable` suites):
//! - native targets (not `wasm32`), the default: BoringSSL's assembly through `ring` (AES-NI/VAES with interleaved
//!   GHASH on x86-64, ARMv8 crypto extensions on aarch64), three to four times faster than the portable backend
//!   on large messages on x86-64. `ring` does not zeroize its key schedules (the raw keys of this crate still are).
//! - `wasm32`, and native targets with the `portable` feature: RustCrypto's pure-Rust `aes-gcm`: constant-time,
//!   no C or assembly in the build, and using the CPU's AES and carry-less multiply instructions when present,
//!   detected at run time (AES-NI + PCLMULQDQ on x86-64; ARMv8 AES + PMULL on aarch64 Linux, Android and Apple
//!   platforms, no build flag needed). Key schedules are zeroized on drop.

use crate::secret::KEY_LEN;
use crate::{Error, Result};

/// AES-GCM nonce length: 96 bits.
pub const NONCE_LEN: usize = 12;
/// AES-GCM tag length: 128 bits.
pub const TAG_LEN: usize = 16;

/// The AES-256-GCM backend this build uses: `"ring"` (native targets, the default) or `"aes-gcm"` (RustCrypto:
/// `wasm32`, or the `portable` feature).
pub const AES_GCM_BACKEND: &str = if cfg!(any(target_arch = "wasm32", feature = "portable")) {
    "aes-gcm"
} else {
    "ring"
};

#[cfg(any(target_arch = "wasm32", feature = "portable"))]
pub(crate) use rust_crypto::Cipher;

#[cfg(not(any(target_arch = "wasm32", feature = "portable")))]
pub(crate) use ring_backend::Cipher;

impl Cipher {
    /// Encrypts `input` into `output` (same length) and returns the tag.
    pub(crate) fn seal_into(
        &self,
        nonce: &[u8; NONCE_LEN],
        aad: &[u8],
        input: &[u8],
        output: &mut [u8],
    ) -> Result<[u8; TAG_LEN]> {
        if input.len() != output.len() {
            return Err(Error::InputTooLong);
        }
        self.seal_inout(nonce, aad, input, output)
    }

    /// Verifies `tag` over `input` and decrypts it into `output` (same length). On failure `output` holds no
    /// plaintext.
    pub(crate) fn open_into(
        &self,
        nonce: &[u8; NONCE_LEN],
        aad: &[u8],
        input: &[u8],
        output: &mut [u8],
        tag: &[u8; TAG_LEN],
    ) -> Result<()> {
        if input.len() != output.len() {
            return Err(Error::DecryptFailed);
        }
        self.open_inout(nonce, aad, input, output, tag)
    }
}

#[cfg(any(target_arch = "wasm32", feature = "portable"))]
mod rust_crypto {
    use aes_gcm::aead::inout::InOutBuf;
    use aes_gcm::aead::{AeadInOut, KeyInit};
    use aes_gcm::{Aes256Gcm, Nonce, Tag};

    use super::{KEY_LEN, NONCE_LEN, TAG_LEN};
    use crate::{Error, Result};

    /// An AES-256-GCM key with its schedule expanded, zeroized on drop (the `aes-gcm` `zeroize` feature).
    pub(crate) struct Cipher(Aes256Gcm);

    impl Cipher {
        /// Expands `key`.
        pub(crate) fn new(key: &[u8; KEY_LEN]) -> Self {
            Self(Aes256Gcm::new(key.into()))
        }

        /// Encrypts `buf` in place and returns the tag.
        pub(crate) fn seal_in_place(
            &self,
            nonce: &[u8; NONCE_LEN],
            aad: &[u8],
            buf: &mut [u8],
        ) -> Result<[u8; TAG_LEN]> {
            self.seal_buf(nonce, aad, buf.into())
        }

        /// Encrypts `input` into `output` (checked to be the same length): no intermediate copy.
        pub(super) fn seal_inout(
            &self,
            nonce: &[u8; NONCE_LEN],
            aad: &[u8],
            input: &[u8],
            output: &mut [u8],
        ) -> Result<[u8; TAG_LEN]> {
            let buf = InOutBuf::new(input, output).map_err(|_| Error::InputTooLong)?;
            self.seal_buf(nonce, aad, buf)
        }

        fn seal_buf(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], buf: InOutBuf<'_, '_, u8>) -> Result<[u8; TAG_LEN]> {
            let tag = self
                .0
                .encrypt_inout_detached(&Nonce::from(*nonce), aad, buf)
                .map_err(|_| Error::InputTooLong)?;
            Ok(tag.into())
        }

        /// Verifies `tag` and decrypts `buf` in place. The tag is checked before anything is decrypted: on failure
        /// `buf` is left as it was, so no unauthenticated plaintext ever exists.
        pub(crate) fn open_in_place(
            &self,
            nonce: &[u8; NONCE_LEN],
            aad: &[u8],
            buf: &mut [u8],
            tag: &[u8; TAG_LEN],
        ) -> Result<()> {
            self.0
                .decrypt_inout_detached(&Nonce::from(*nonce), aad, buf.into(), &Tag::from(*tag))
                .map_err(|_| Error::DecryptFailed)
        }

        /// Verifies, then decrypts `input` into `output` (checked to be the same length): no intermediate copy.
        pub(super) fn open_inout(
            &self,
            nonce: &[u8; NONCE_LEN],
            aad: &[u8],
            input: &[u8],
            output: &mut [u8],
            tag: &[u8; TAG_LEN],
        ) -> Result<()> {
            let buf = InOutBuf::new(input, output).map_err(|_| Error::DecryptFailed)?;
            self.0
                .decrypt_inout_detached(&Nonce::from(*nonce), aad, buf, &Tag::from(*tag))
                .map_err(|_| Error::DecryptFailed)
        }
    }
}

#[cfg(not(any(target_arch = "wasm32", feature = "portable")))]
mod ring_backend {
    use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, Tag, UnboundKey};

    use super::{KEY_LEN, NONCE_LEN, TAG_LEN};
    use crate::{Error, Result};

    /// An AES-256-GCM key expanded by `ring`.
    pub(crate) struct Cipher(LessSafeKey);

    impl Cipher {
        /// Expands `key`.
        pub(crate) fn new(key: &[u8; KEY_LEN]) -> Self {
            let key = UnboundKey::new(&AES_256_GCM, key).expect("AES-256-GCM takes 32-byte keys");
            Self(LessSafeKey::new(key))
        }

        /// Encrypts `buf` in place and returns the tag.
        pub(crate) fn seal_in_place(
            &self,
            nonce: &[u8; NONCE_LEN],
            aad: &[u8],
            buf: &mut [u8],
        ) -> Result<[u8; TAG_LEN]> {
            let tag = self
                .0
                .seal_in_place_separate_tag(Nonce::assume_unique_for_key(*nonce), Aad::from(aad), buf)
                .map_err(|_| Error::InputTooLong)?;
            tag.as_ref().try_into().map_err(|_| Error::InputTooLong)
        }

        /// `ring` encrypts in place only: copy, then seal.
        pub(super) fn seal_inout(
            &self,
            nonce: &[u8; NONCE_LEN],
            aad: &[u8],
            input: &[u8],
            output: &mut [u8],
        ) -> Result<[u8; TAG_LEN]> {
            output.copy_from_slice(input);
            self.seal_in_place(nonce, aad, output)
        }

        /// Verifies `tag` and decrypts `buf` in place. `ring` decrypts and authenticates in one pass and zeroes
        /// `buf` when the tag does not match, so no unauthenticated plaintext is left behind.
        pub(crate) fn open_in_place(
            &self,
            nonce: &[u8; NONCE_LEN],
            aad: &[u8],
            buf: &mut [u8],
            tag: &[u8; TAG_LEN],
        ) -> Result<()> {
            self.0
                .open_in_place_separate_tag(
                    Nonce::assume_unique_for_key(*nonce),
                    Aad::from(aad),
                    Tag::from(*tag),
                    buf,
                    0..,
                )
                .map(|_| ())
                .map_err(|_| Error::DecryptFailed)
        }

        /// `ring` decrypts in place only: copy, then open.
        pub(super) fn open_inout(
            &self,
            nonce: &[u8; NONCE_LEN],
            aad: &[u8],
            input: &[u8],
            output: &mut [u8],
            tag: &[u8; TAG_LEN],
        ) -> Result<()> {
            output.copy_from_slice(input);
            self.open_in_place(nonce, aad, output, tag)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // NIST CAVP gcmEncryptExtIV256.rsp, [Keylen = 256][IVlen = 96][PTlen = 0][AADlen = 0], Count = 0.
    #[test]
    fn empty_message_matches_the_nist_tag() {
        let key: [u8; 32] = hex("b52c505a37d78eda5dd34f20c22540ea1b58963cf8e5bf8ffa85f9f2492505b4");
        let nonce: [u8; 12] = hex("516c33929df5a3284ff463d7");
        let tag = Cipher::new(&key).seal_in_place(&nonce, &[], &mut []).expect("seal");
        assert_eq!(tag, hex::<16>("bdc1ac884d332457a1d2664f168c76f0"));
    }

    #[test]
    fn seal_into_equals_seal_in_place_and_open_restores() {
        let cipher = Cipher::new(&[7; 32]);
        let nonce = [1; 12];
        let plain = *b"an entry of the journal";
        let mut in_place = plain;
        let tag_a = cipher.seal_in_place(&nonce, b"aad", &mut in_place).expect("seal");
        let mut out = [0u8; 23];
        let tag_b = cipher.seal_into(&nonce, b"aad", &plain, &mut out).expect("seal");
        assert_eq!((in_place, tag_a), (out, tag_b));
        let mut opened = [0u8; 23];
        cipher
            .open_into(&nonce, b"aad", &out, &mut opened, &tag_b)
            .expect("open into");
        assert_eq!(opened, plain);
        assert!(cipher.open_into(&nonce, b"aaD", &out, &mut opened, &tag_b).is_err());
        cipher.open_in_place(&nonce, b"aad", &mut out, &tag_b).expect("open");
        assert_eq!(out, plain);
        let mut bad = in_place;
        assert!(cipher.open_in_place(&nonce, b"aaD", &mut bad, &tag_a).is_err());
        assert!(bad != plain, "a failed open releases no plaintext");
    }

    fn hex<const N: usize>(text: &str) -> [u8; N] {
        let bytes: Vec<u8> = (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
            .collect();
        bytes.try_into().expect("length")
    }
}
