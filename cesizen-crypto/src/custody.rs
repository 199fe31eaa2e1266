//! Key custody records: each key-encryption key (KEK) version sealed on its own under the root secret, to be
//! kept *outside* the data (a key directory beside the root key, or a KMS), never in the database or a backup.
//!
//! Why apart from the data: a KEK stored in the database, even sealed, is in every copy of the database, so an
//! old copy plus the root secret would yield the old KEK and, with it, the data keys of users erased since
//! (see [`crate::epoch`]). Custody holds one record per version; destroying a version is deleting its record
//! there, and nothing else holds its material.
//!
//! **Record format v1**: an envelope v1 (see [`crate::Envelope`]) whose key id is the KEK's id, sealed with
//! `HKDF-SHA-256(ikm = root secret, salt = none, info = "cesizen.kek-custody.v1")` under the context bytes
//! `u32_be(11) || "kek-custody"`. Its plaintext (45 bytes):
//!
//! | bytes | content |
//! |---|---|
//! | 0..4 | magic `"CZKV"` |
//! | 4 | layout version `0x01` |
//! | 5..13 | creation time, seconds since the Unix epoch, `u64` big-endian |
//! | 13..45 | the 32-byte key |
//!
//! The id is in the authenticated header: a record renamed to another id does not open. The record holds no
//! message count (it never changes once written); the caller keeps the KEKs' counts with its data.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use cesizen_crypto::{Keyring, RootSecret};
//!
//! let root = RootSecret::generate()?;
//! let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_750_000_000);
//! let mut keyring = Keyring::generate()?;
//! let mut custody = vec![keyring.seal_for_custody(keyring.primary_id(), t0, &root)?];
//! let (_, wrapped) = keyring.generate_data_key("user-1")?;
//!
//! // A new epoch: a new primary, its record in custody, the surviving data keys rewrapped.
//! let new = keyring.begin_epoch()?;
//! custody.push(keyring.seal_for_custody(new, t0 + Duration::from_secs(86_400), &root)?);
//! let wrapped = keyring.rewrap_data_key("user-1", &wrapped)?;
//!
//! // Another process opens the keyring from custody alone.
//! let (keyring, history) = Keyring::from_custody(&custody, &root)?;
//! assert_eq!(history.primary().id, new);
//! assert!(keyring.unwrap_data_key("user-1", &wrapped).is_ok());
//! # Ok::<(), cesizen_crypto::Error>(())
//! ```

use std::time::{Duration, SystemTime};

use zeroize::Zeroizing;

use crate::cipher::{Cipher, NONCE_LEN};
use crate::epoch::{KekHistory, KekVersion};
use crate::kdf::{self, KEK_CUSTODY_INFO};
use crate::keyring::{Kek, Slot};
use crate::sealing_key::{DEFAULT_MESSAGE_LIMIT, MAX_MESSAGE_LIMIT, SealingKey};
use crate::secret::{KEY_LEN, SecretBytes};
use crate::{Envelope, Error, KeyId, Keyring, Result, RootSecret, random};

const MAGIC: &[u8; 4] = b"CZKV";
const LAYOUT_VERSION: u8 = 1;
/// `u32_be(len("kek-custody")) || "kek-custody"`.
const CONTEXT: &[u8] = b"\0\0\0\x0bkek-custody";
const PLAINTEXT_LEN: usize = 4 + 1 + 8 + KEY_LEN;
/// The most destroyed versions a custody may imply (ids below the newest that no record holds): 65,536, 180
/// years of daily epochs. Each costs a slot in the keyring, so a higher newest id is refused rather than
/// allocated.
pub(crate) const MAX_DESTROYED_VERSIONS: u32 = 1 << 16;

impl Keyring {
    /// Seals KEK `id` with its creation time `created_at` for key custody: a record to keep outside the data (the
    /// format is in the crate documentation; see also [`crate::epoch`]).
    ///
    /// # Errors
    /// [`Error::KeyNotFound`], [`Error::KeyDestroyed`] for a key without material; [`Error::CustodyInvalid`]
    /// for a time before the Unix epoch; [`Error::RandomUnavailable`].
    pub fn seal_for_custody(&self, id: KeyId, created_at: SystemTime, root: &RootSecret) -> Result<Vec<u8>> {
        self.seal_for_custody_with_nonce(id, created_at, root, random::public_array()?)
    }

    pub(crate) fn seal_for_custody_with_nonce(
        &self,
        id: KeyId,
        created_at: SystemTime,
        root: &RootSecret,
        nonce: [u8; NONCE_LEN],
    ) -> Result<Vec<u8>> {
        let kek = self.material(id)?;
        let seconds = created_at
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_err(|_| Error::CustodyInvalid)?
            .as_secs();
        let mut plaintext = Zeroizing::new(Vec::with_capacity(PLAINTEXT_LEN));
        plaintext.extend_from_slice(MAGIC);
        plaintext.push(LAYOUT_VERSION);
        plaintext.extend_from_slice(&seconds.to_be_bytes());
        plaintext.extend_from_slice(kek.secret().expose());
        let record_key = kdf::derive(root.secret(), None, &[KEK_CUSTODY_INFO]);
        let key = SealingKey::new(id, record_key.expose(), 0, MAX_MESSAGE_LIMIT);
        Envelope::seal_with_nonce(&key, CONTEXT, &plaintext, nonce).map(Envelope::into_bytes)
    }

    /// Opens one custody record: the version it describes and its material.
    fn open_custody_record(record: &[u8], root: &RootSecret) -> Result<(KekVersion, SecretBytes)> {
        let envelope = Envelope::from_bytes(record.to_vec())?;
        let id = envelope.key_id();
        if id == KeyId::ROOT {
            return Err(Error::CustodyInvalid);
        }
        let record_key = kdf::derive(root.secret(), None, &[KEK_CUSTODY_INFO]);
        let plaintext = envelope.open(&Cipher::new(record_key.expose()), CONTEXT)?;
        if plaintext.len() != PLAINTEXT_LEN || &plaintext[..4] != MAGIC || plaintext[4] != LAYOUT_VERSION {
            return Err(Error::CustodyInvalid);
        }
        let seconds = u64::from_be_bytes(plaintext[5..13].try_into().map_err(|_| Error::CustodyInvalid)?);
        let created_at = SystemTime::UNIX_EPOCH
            .checked_add(Duration::from_secs(seconds))
            .ok_or(Error::CustodyInvalid)?;
        let secret = SecretBytes::from_slice(&plaintext[13..]).ok_or(Error::CustodyInvalid)?;
        Ok((KekVersion { id, created_at }, secret))
    }

    /// The keyring that custody `records` describe, with their history: every version enabled, the newest
    /// primary, the default message limit (set another with [`Keyring::set_message_limit`]) and every count at
    /// zero (the caller keeps the counts). Ids below the newest that no record holds are marked destroyed:
    /// custody never reuses an id and loses a version only by destroying it, so what such a key protected
    /// reports [`Error::KeyDestroyed`].
    ///
    /// # Errors
    /// [`Error::DecryptFailed`] for a record sealed under another root secret or altered;
    /// [`Error::EnvelopeMalformed`] / [`Error::VersionUnsupported`] for bytes that are not a record;
    /// [`Error::CustodyInvalid`] for no record, an id twice, creation times going back, or more than 65,536
    /// destroyed versions (ids below the newest that no record holds).
    pub fn from_custody<R: AsRef<[u8]>>(records: &[R], root: &RootSecret) -> Result<(Keyring, KekHistory)> {
        let mut opened = records
            .iter()
            .map(|r| Self::open_custody_record(r.as_ref(), root))
            .collect::<Result<Vec<_>>>()?;
        let history = KekHistory::new(opened.iter().map(|(v, _)| *v).collect())?;
        opened.sort_by_key(|(v, _)| v.id);
        let primary = history.primary().id;
        // Ids are distinct and at least 1, so the newest id less the number of records is what was destroyed.
        let destroyed = u64::from(primary.get()) - opened.len() as u64;
        if destroyed > u64::from(MAX_DESTROYED_VERSIONS) {
            return Err(Error::CustodyInvalid);
        }
        let mut entries = Vec::with_capacity(opened.len());
        let mut next = 1u32;
        for (version, secret) in opened {
            while next < version.id.get() {
                entries.push((KeyId::new(next), Slot::Destroyed));
                next += 1;
            }
            let kek = Box::new(Kek::new(version.id, secret, 0, DEFAULT_MESSAGE_LIMIT));
            entries.push((version.id, Slot::Enabled(kek)));
            next = version.id.get().saturating_add(1);
        }
        Ok((Keyring::from_parts(entries, primary, DEFAULT_MESSAGE_LIMIT), history))
    }

    /// Begins a new key epoch: adds a fresh key and makes it the primary at once; returns its id. Seal it for
    /// custody ([`Keyring::seal_for_custody`]) before anything is wrapped under it, then rewrap the surviving
    /// data keys ([`Keyring::rewrap_data_key`]). The previous primary stays enabled so that data keys not yet
    /// rewrapped and backups still open, until the epoch policy destroys it ([`crate::EpochPolicy::plan`]).
    ///
    /// # Errors
    /// [`Error::KeyringFull`], [`Error::RandomUnavailable`].
    pub fn begin_epoch(&mut self) -> Result<KeyId> {
        let id = self.add_key()?;
        self.promote(id)?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_750_000_000 + s)
    }

    #[test]
    fn custody_records_rebuild_the_keyring_and_its_history() {
        let root = RootSecret::generate().unwrap();
        let mut keyring = Keyring::generate().unwrap();
        let mut records = vec![keyring.seal_for_custody(KeyId::new(1), t(0), &root).unwrap()];
        let (_, old) = keyring.generate_data_key("u").unwrap();
        let two = keyring.begin_epoch().unwrap();
        records.push(keyring.seal_for_custody(two, t(60), &root).unwrap());
        let (opened, history) = Keyring::from_custody(&records, &root).unwrap();
        assert_eq!(opened.primary_id(), two);
        assert_eq!(history.versions()[0].created_at, t(0));
        assert!(opened.unwrap_data_key("u", &old).is_ok());
    }

    #[test]
    fn a_destroyed_version_is_absent_and_what_it_wrapped_reports_destroyed() {
        let root = RootSecret::generate().unwrap();
        let mut keyring = Keyring::generate().unwrap();
        let (_, old) = keyring.generate_data_key("u").unwrap();
        let two = keyring.begin_epoch().unwrap();
        // Custody kept only version 2: version 1 was destroyed.
        let records = [keyring.seal_for_custody(two, t(60), &root).unwrap()];
        let (opened, _) = Keyring::from_custody(&records, &root).unwrap();
        assert_eq!(
            opened.unwrap_data_key("u", &old).unwrap_err().code(),
            "crypto.key.destroyed"
        );
        assert_eq!(opened.status(KeyId::new(1)).unwrap(), crate::KeyStatus::Destroyed);
    }

    #[test]
    fn records_under_another_root_renamed_or_duplicated_are_refused() {
        let root = RootSecret::generate().unwrap();
        let keyring = Keyring::generate().unwrap();
        let record = keyring.seal_for_custody(KeyId::new(1), t(0), &root).unwrap();
        let other = RootSecret::generate().unwrap();
        assert_eq!(
            Keyring::from_custody(&[&record], &other).unwrap_err().code(),
            "crypto.decrypt.failed"
        );
        let mut renamed = record.clone();
        renamed[4] = 2; // key id 1 → 2 in the header
        assert_eq!(
            Keyring::from_custody(&[&renamed], &root).unwrap_err().code(),
            "crypto.decrypt.failed"
        );
        assert_eq!(
            Keyring::from_custody(&[&record, &record], &root).unwrap_err().code(),
            "crypto.custody.invalid"
        );
        let none: [&[u8]; 0] = [];
        assert_eq!(
            Keyring::from_custody(&none, &root).unwrap_err().code(),
            "crypto.custody.invalid"
        );
    }

    // Found by the `custody` fuzz target: one record of 78 bytes for a high id made `from_custody` allocate a
    // destroyed slot for every id below it (4 GiB of slots for id `u32::MAX`, 42 MB for id 65,535).
    #[test]
    fn a_record_far_above_the_others_is_refused_and_slots_stay_small() {
        // A destroyed slot costs a few bytes, not an expanded key schedule.
        assert!(
            size_of::<crate::keyring::Slot>() <= 16,
            "{}",
            size_of::<crate::keyring::Slot>()
        );
        let root = RootSecret::generate().unwrap();
        let high = |id: u32| {
            let keyring = Keyring::with_primary(KeyId::new(id), crate::secret::SecretBytes::from_array([7; 32]));
            keyring.unwrap().seal_for_custody(KeyId::new(id), t(0), &root).unwrap()
        };
        let most = MAX_DESTROYED_VERSIONS + 1; // every id below it destroyed: the most custody accepts
        let (opened, _) = Keyring::from_custody(&[high(most)], &root).unwrap();
        assert_eq!(opened.keys().len(), most as usize);
        assert_eq!(opened.status(KeyId::new(1)).unwrap(), crate::KeyStatus::Destroyed);
        for id in [most + 1, u32::MAX] {
            assert_eq!(
                Keyring::from_custody(&[high(id)], &root).unwrap_err().code(),
                "crypto.custody.invalid",
                "{id}"
            );
        }
    }

    #[test]
    fn a_destroyed_key_cannot_be_sealed_for_custody() {
        let root = RootSecret::generate().unwrap();
        let mut keyring = Keyring::generate().unwrap();
        let two = keyring.begin_epoch().unwrap();
        keyring.disable(KeyId::new(1)).unwrap();
        keyring.destroy(KeyId::new(1)).unwrap();
        assert_eq!(
            keyring.seal_for_custody(KeyId::new(1), t(0), &root).unwrap_err().code(),
            "crypto.key.destroyed"
        );
        assert!(keyring.seal_for_custody(two, t(0), &root).is_ok());
    }
}
