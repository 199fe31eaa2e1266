//! The sealed keyring file: the keyring serialised and sealed under the [`RootSecret`].
//!
//! The file is an envelope v1 (see [`crate::Envelope`]) with key id 0, sealed with
//! `HKDF-SHA-256(ikm = root secret, salt = none, info = "cesizen.keyring-file.v1")` under the context bytes
//! `u32_be(7) || "keyring"`. Its plaintext:
//!
//! | bytes | content |
//! |---|---|
//! | 0..4 | magic `"CZKR"` |
//! | 4 | layout version `0x01` |
//! | 5..13 | message limit, `u64` big-endian |
//! | 13..17 | primary key id, `u32` big-endian |
//! | 17..21 | number of keys, `u32` big-endian |
//! | then, per key by increasing id | id `u32`, status `u8` (1 enabled, 2 disabled, 3 destroyed), messages sealed `u64`, and the 32-byte key unless destroyed |
//!
//! Message counters are saved with the keyring: the process that wraps data keys should reseal and store it
//! now and then so that the count survives restarts.

use zeroize::Zeroizing;

use crate::cipher::{Cipher, NONCE_LEN};
use crate::kdf::{self, KEYRING_FILE_INFO};
use crate::keyring::{Kek, Slot};
use crate::sealing_key::{MAX_MESSAGE_LIMIT, SealingKey, check_message_limit};
use crate::secret::{KEY_LEN, SecretBytes};
use crate::{Envelope, Error, KeyId, Keyring, Result, RootSecret, random};

const MAGIC: &[u8; 4] = b"CZKR";
const LAYOUT_VERSION: u8 = 1;
/// `u32_be(len("keyring")) || "keyring"`.
const CONTEXT: &[u8] = b"\0\0\0\x07keyring";

const ENABLED: u8 = 1;
const DISABLED: u8 = 2;
const DESTROYED: u8 = 3;

impl Keyring {
    /// Serialises the keyring and seals it under `root`. Store the bytes anywhere: without the root secret they
    /// reveal the number of keys and nothing else.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`].
    pub fn seal(&self, root: &RootSecret) -> Result<Vec<u8>> {
        self.seal_with_nonce(root, random::public_array()?)
    }

    pub(crate) fn seal_with_nonce(&self, root: &RootSecret, nonce: [u8; NONCE_LEN]) -> Result<Vec<u8>> {
        let file_key = kdf::derive(root.secret(), None, &[KEYRING_FILE_INFO]);
        let key = SealingKey::new(KeyId::ROOT, file_key.expose(), 0, MAX_MESSAGE_LIMIT);
        let plaintext = self.serialise();
        Envelope::seal_with_nonce(&key, CONTEXT, &plaintext, nonce).map(Envelope::into_bytes)
    }

    /// Opens a keyring file sealed by [`Keyring::seal`].
    ///
    /// # Errors
    /// [`Error::DecryptFailed`] for another root secret or an altered file, [`Error::EnvelopeMalformed`] /
    /// [`Error::VersionUnsupported`] for bytes that are not a keyring file, [`Error::KeyringMalformed`] when the
    /// content breaks the keyring's rules.
    pub fn open(sealed: &[u8], root: &RootSecret) -> Result<Self> {
        let envelope = Envelope::from_bytes(sealed.to_vec())?;
        if envelope.key_id() != KeyId::ROOT {
            return Err(Error::KeyringMalformed);
        }
        let file_key = kdf::derive(root.secret(), None, &[KEYRING_FILE_INFO]);
        let plaintext = envelope.open(&Cipher::new(file_key.expose()), CONTEXT)?;
        Self::parse(&plaintext)
    }

    fn serialise(&self) -> Zeroizing<Vec<u8>> {
        let entries = self.entries();
        let mut out = Zeroizing::new(Vec::with_capacity(21 + entries.len() * (13 + KEY_LEN)));
        out.extend_from_slice(MAGIC);
        out.push(LAYOUT_VERSION);
        out.extend_from_slice(&self.message_limit().to_be_bytes());
        out.extend_from_slice(&self.primary_id().to_be_bytes());
        // The count fits: ids are distinct `u32`s.
        out.extend_from_slice(&u32::try_from(entries.len()).unwrap_or(u32::MAX).to_be_bytes());
        for (id, slot) in entries {
            out.extend_from_slice(&id.to_be_bytes());
            let (status, kek) = match slot {
                Slot::Enabled(kek) => (ENABLED, Some(kek)),
                Slot::Disabled(kek) => (DISABLED, Some(kek)),
                Slot::Destroyed => (DESTROYED, None),
            };
            out.push(status);
            out.extend_from_slice(&kek.map_or(0, |kek| kek.sealed()).to_be_bytes());
            if let Some(kek) = kek {
                out.extend_from_slice(kek.secret().expose());
            }
        }
        out
    }

    pub(crate) fn parse(bytes: &[u8]) -> Result<Self> {
        let mut input = Input(bytes);
        if input.take(4)? != MAGIC || input.u8()? != LAYOUT_VERSION {
            return Err(Error::KeyringMalformed);
        }
        let message_limit = check_message_limit(input.u64()?).map_err(|_| Error::KeyringMalformed)?;
        let primary = KeyId::new(input.u32()?);
        let count = input.u32()?;
        let mut entries: Vec<(KeyId, Slot)> = Vec::new();
        for _ in 0..count {
            let id = KeyId::new(input.u32()?);
            if id == KeyId::ROOT || entries.last().is_some_and(|(last, _)| *last >= id) {
                return Err(Error::KeyringMalformed);
            }
            let status = input.u8()?;
            let sealed = input.u64()?;
            let slot = match status {
                DESTROYED => Slot::Destroyed,
                ENABLED | DISABLED => {
                    let secret = SecretBytes::from_slice(input.take(KEY_LEN)?).ok_or(Error::KeyringMalformed)?;
                    let kek = Box::new(Kek::new(id, secret, sealed, message_limit));
                    if status == ENABLED {
                        Slot::Enabled(kek)
                    } else {
                        Slot::Disabled(kek)
                    }
                }
                _ => return Err(Error::KeyringMalformed),
            };
            entries.push((id, slot));
        }
        let primary_enabled = entries
            .iter()
            .any(|(id, slot)| *id == primary && matches!(slot, Slot::Enabled(_)));
        if !input.0.is_empty() || !primary_enabled {
            return Err(Error::KeyringMalformed);
        }
        Ok(Self::from_parts(entries, primary, message_limit))
    }
}

/// A cursor over the plaintext; every short read is [`Error::KeyringMalformed`].
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.0.len() < n {
            return Err(Error::KeyringMalformed);
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        self.take(N)?.try_into().map_err(|_| Error::KeyringMalformed)
    }

    fn u8(&mut self) -> Result<u8> {
        self.array::<1>().map(|[b]| b)
    }

    fn u32(&mut self) -> Result<u32> {
        self.array().map(u32::from_be_bytes)
    }

    fn u64(&mut self) -> Result<u64> {
        self.array().map(u64::from_be_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KeyStatus;
    use proptest::prelude::*;

    use crate::error::code_of as code;

    #[test]
    fn seal_then_open_keeps_keys_statuses_counters_and_limit() {
        let root = RootSecret::generate().expect("root");
        let mut keyring = Keyring::generate().expect("generate");
        keyring.set_message_limit(1000).expect("limit");
        let (_, wrapped) = keyring.generate_data_key("u").expect("dek");
        let two = keyring.add_key().expect("add");
        let three = keyring.add_key().expect("add");
        keyring.disable(two).expect("disable");
        keyring.disable(three).expect("disable");
        keyring.destroy(three).expect("destroy");
        let opened = Keyring::open(&keyring.seal(&root).expect("seal"), &root).expect("open");
        assert_eq!(opened.keys(), keyring.keys());
        assert_eq!(opened.keys()[0].messages_sealed, 1);
        assert_eq!(opened.status(three).expect("status"), KeyStatus::Destroyed);
        assert_eq!(opened.message_limit(), 1000);
        assert!(opened.unwrap_data_key("u", &wrapped).is_ok(), "the same key material");
    }

    #[test]
    fn another_root_secret_or_a_flipped_bit_fails_opaquely() {
        let root = RootSecret::generate().expect("root");
        let sealed = Keyring::generate().expect("g").seal(&root).expect("seal");
        assert_eq!(
            code(Keyring::open(&sealed, &RootSecret::generate().expect("r"))),
            "crypto.decrypt.failed"
        );
        let mut flipped = sealed.clone();
        flipped[20] ^= 1;
        assert_eq!(code(Keyring::open(&flipped, &root)), "crypto.decrypt.failed");
        assert_eq!(code(Keyring::open(&sealed[..10], &root)), "crypto.envelope.malformed");
    }

    #[test]
    fn content_that_breaks_the_rules_is_malformed() {
        let root = RootSecret::from_bytes([3; 32]);
        let seal_raw = |plain: &[u8]| {
            let key = kdf::derive(root.secret(), None, &[KEYRING_FILE_INFO]);
            let key = SealingKey::new(KeyId::ROOT, key.expose(), 0, 10);
            Envelope::seal(&key, CONTEXT, plain).expect("seal").into_bytes()
        };
        let good = Keyring::generate().expect("g").serialise();
        assert!(Keyring::open(&seal_raw(&good), &root).is_ok());
        let mut cases: Vec<Vec<u8>> = Vec::new();
        let mut bad_magic = good.to_vec();
        bad_magic[0] = b'X';
        cases.push(bad_magic);
        let mut trailing = good.to_vec();
        trailing.push(0);
        cases.push(trailing);
        cases.push(good[..good.len() - 1].to_vec());
        let mut no_primary = good.to_vec();
        no_primary[16] = 9; // primary id 9 is not in the keyring
        cases.push(no_primary);
        let mut bad_status = good.to_vec();
        bad_status[25] = 7;
        cases.push(bad_status);
        let mut zero_limit = good.to_vec();
        zero_limit[5..13].fill(0);
        cases.push(zero_limit);
        for case in cases {
            assert_eq!(code(Keyring::open(&seal_raw(&case), &root)), "crypto.keyring.malformed");
        }
        // An envelope under another key id is not a keyring file.
        let other = SealingKey::new(KeyId::new(1), &[3; 32], 0, 10);
        let env = Envelope::seal(&other, CONTEXT, &good).expect("seal").into_bytes();
        assert_eq!(code(Keyring::open(&env, &root)), "crypto.keyring.malformed");
    }

    proptest! {
        #[test]
        fn arbitrary_plaintext_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = Keyring::parse(&bytes);
        }

        #[test]
        fn arbitrary_files_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = Keyring::open(&bytes, &RootSecret::from_bytes([1; 32]));
        }
    }
}
