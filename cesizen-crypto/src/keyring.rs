//! The keyring: key-encryption keys (KEKs) with ids, statuses and one primary, rotated as Tink rotates keysets.
//!
//! A keyring key wraps users' data keys and seals backup streams. Each use has its own key derived from the
//! keyring key by HKDF-SHA-256 (labels in the crate documentation), so the raw keyring key is never itself an
//! AES key.
//!
//! **Statuses.** *Enabled* keys are usable; the *primary* (always enabled) is the one that wraps and seals
//! anything new, the others only unwrap and open. *Disabled* keys are kept but refuse every use (re-enable to
//! undo). *Destroyed* keys have had their material erased; the id stays so that what it protected reports
//! [`Error::KeyDestroyed`] instead of an unknown key, and so that the id is never reused.
//!
//! **Rotation** (as in Tink: add, deploy, promote):
//! 1. [`Keyring::add_key`] and deploy the resealed keyring everywhere, so every process can unwrap with it;
//! 2. [`Keyring::promote`] it: new data keys and backups use it from now on;
//! 3. rewrap every stored data key with [`Keyring::rewrap_data_key`] (the data itself is not touched);
//! 4. [`Keyring::disable`] the old key and watch for [`Error::KeyDisabled`] (a data key that was missed);
//! 5. [`Keyring::destroy`] it. Backups sealed under it become unreadable: destroy a key only once the backups
//!    it sealed have expired (or were re-sealed under the new key) — which is also how a backup retention limit
//!    is enforced cryptographically.

use core::fmt;
use std::io::{Read, Write};

use crate::cipher::NONCE_LEN;
use crate::kdf::{self, KEK_WRAP_INFO};
use crate::sealing_key::{DEFAULT_MESSAGE_LIMIT, SealingKey, check_message_limit};
use crate::secret::SecretBytes;
use crate::stream::{StreamReader, StreamWriter};
use crate::{DataKey, Error, KeyId, Result, WrappedDataKey, random};

/// The status of a keyring key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyStatus {
    /// Usable: the primary seals, every enabled key opens.
    Enabled,
    /// Kept but refused for every use until re-enabled.
    Disabled,
    /// Material erased for good; the id remains reserved.
    Destroyed,
}

impl KeyStatus {
    /// Stable lowercase name: `"enabled"`, `"disabled"`, `"destroyed"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Enabled => "enabled",
            Self::Disabled => "disabled",
            Self::Destroyed => "destroyed",
        }
    }
}

/// What the keyring says about one of its keys (no material).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct KeyInfo {
    /// The key's id.
    pub id: KeyId,
    /// Its status.
    pub status: KeyStatus,
    /// Whether it is the primary.
    pub primary: bool,
    /// Data keys it has wrapped (counted against the message limit).
    pub messages_sealed: u64,
}

/// A keyring key: its material (kept to derive stream keys and to reseal the keyring) and its wrapping key.
pub(crate) struct Kek {
    secret: SecretBytes,
    wrap: SealingKey,
}

impl Kek {
    pub(crate) fn new(id: KeyId, secret: SecretBytes, sealed: u64, message_limit: u64) -> Self {
        let wrap_key = kdf::derive(&secret, None, &[KEK_WRAP_INFO]);
        let wrap = SealingKey::new(id, wrap_key.expose(), sealed, message_limit);
        Self { secret, wrap }
    }

    pub(crate) const fn secret(&self) -> &SecretBytes {
        &self.secret
    }

    pub(crate) fn sealed(&self) -> u64 {
        self.wrap.sealed()
    }
}

/// A key's slot: its material while it lives. The key is boxed: a destroyed slot (custody implies one per id
/// below the newest that no record holds) then costs 16 bytes, not an expanded key schedule.
pub(crate) enum Slot {
    Enabled(Box<Kek>),
    Disabled(Box<Kek>),
    Destroyed,
}

impl Slot {
    pub(crate) const fn status(&self) -> KeyStatus {
        match self {
            Self::Enabled(_) => KeyStatus::Enabled,
            Self::Disabled(_) => KeyStatus::Disabled,
            Self::Destroyed => KeyStatus::Destroyed,
        }
    }

    pub(crate) const fn kek(&self) -> Option<&Kek> {
        match self {
            Self::Enabled(kek) | Self::Disabled(kek) => Some(kek),
            Self::Destroyed => None,
        }
    }
}

/// Key-encryption keys with ids, statuses and one primary. Always holds an enabled primary.
///
/// ```
/// use cesizen_crypto::{Keyring, KeyStatus, RootSecret};
/// let root = RootSecret::generate()?;
/// let mut keyring = Keyring::generate()?;
/// let (_, wrapped) = keyring.generate_data_key("user-1")?;
///
/// // Rotation: add, deploy, promote, rewrap, disable, destroy.
/// let old = keyring.primary_id();
/// let new = keyring.add_key()?;
/// keyring.promote(new)?;
/// let wrapped = keyring.rewrap_data_key("user-1", &wrapped)?;
/// assert_eq!(wrapped.kek_id(), new);
/// keyring.disable(old)?;
/// keyring.destroy(old)?;
/// assert_eq!(keyring.status(old)?, KeyStatus::Destroyed);
///
/// // The keyring travels sealed under the root secret.
/// let sealed = keyring.seal(&root)?;
/// let keyring = Keyring::open(&sealed, &root)?;
/// assert!(keyring.unwrap_data_key("user-1", &wrapped).is_ok());
/// # Ok::<(), cesizen_crypto::Error>(())
/// ```
pub struct Keyring {
    /// Sorted by id, ids unique and non-zero.
    entries: Vec<(KeyId, Slot)>,
    primary: KeyId,
    message_limit: u64,
}

impl Keyring {
    /// A keyring with one fresh key, id 1, primary, and the default message limit
    /// ([`crate::DEFAULT_MESSAGE_LIMIT`]).
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`].
    pub fn generate() -> Result<Self> {
        Self::with_primary(KeyId::new(1), SecretBytes::random()?)
    }

    /// A keyring whose only key, primary, is `secret` under `id`.
    pub(crate) fn with_primary(id: KeyId, secret: SecretBytes) -> Result<Self> {
        if id == KeyId::ROOT {
            return Err(Error::KeyExists(id));
        }
        Ok(Self {
            entries: vec![(
                id,
                Slot::Enabled(Box::new(Kek::new(id, secret, 0, DEFAULT_MESSAGE_LIMIT))),
            )],
            primary: id,
            message_limit: DEFAULT_MESSAGE_LIMIT,
        })
    }

    /// Rebuilds a keyring from its parts (the keyring file); the caller has checked the invariants.
    pub(crate) const fn from_parts(entries: Vec<(KeyId, Slot)>, primary: KeyId, message_limit: u64) -> Self {
        Self {
            entries,
            primary,
            message_limit,
        }
    }

    pub(crate) fn entries(&self) -> &[(KeyId, Slot)] {
        &self.entries
    }

    /// Adds a fresh enabled key (not primary) with the next free id and returns the id.
    ///
    /// # Errors
    /// [`Error::KeyringFull`] when id `u32::MAX` is taken, [`Error::RandomUnavailable`].
    pub fn add_key(&mut self) -> Result<KeyId> {
        let last = self.entries.last().map_or(0, |(id, _)| id.get());
        let id = KeyId::new(last.checked_add(1).ok_or(Error::KeyringFull)?);
        self.insert(id, SecretBytes::random()?)?;
        Ok(id)
    }

    /// Adds `secret` as an enabled key under `id` (for [`crate::hazmat`]'s import).
    pub(crate) fn insert(&mut self, id: KeyId, secret: SecretBytes) -> Result<()> {
        if id == KeyId::ROOT {
            return Err(Error::KeyExists(id));
        }
        match self.entries.binary_search_by_key(&id, |(id, _)| *id) {
            Ok(_) => Err(Error::KeyExists(id)),
            Err(at) => {
                let kek = Box::new(Kek::new(id, secret, 0, self.message_limit));
                self.entries.insert(at, (id, Slot::Enabled(kek)));
                Ok(())
            }
        }
    }

    /// Makes the enabled key `id` the primary.
    ///
    /// # Errors
    /// [`Error::KeyNotFound`], [`Error::KeyDisabled`], [`Error::KeyDestroyed`].
    pub fn promote(&mut self, id: KeyId) -> Result<()> {
        self.enabled(id)?;
        self.primary = id;
        Ok(())
    }

    /// Disables key `id` (idempotent).
    ///
    /// # Errors
    /// [`Error::KeyIsPrimary`], [`Error::KeyNotFound`], [`Error::KeyDestroyed`].
    pub fn disable(&mut self, id: KeyId) -> Result<()> {
        if id == self.primary {
            return Err(Error::KeyIsPrimary(id));
        }
        let slot = self.slot_mut(id)?;
        *slot = match core::mem::replace(slot, Slot::Destroyed) {
            Slot::Enabled(kek) | Slot::Disabled(kek) => Slot::Disabled(kek),
            Slot::Destroyed => return Err(Error::KeyDestroyed(id)),
        };
        Ok(())
    }

    /// Re-enables key `id` (idempotent).
    ///
    /// # Errors
    /// [`Error::KeyNotFound`], [`Error::KeyDestroyed`].
    pub fn enable(&mut self, id: KeyId) -> Result<()> {
        let slot = self.slot_mut(id)?;
        *slot = match core::mem::replace(slot, Slot::Destroyed) {
            Slot::Enabled(kek) | Slot::Disabled(kek) => Slot::Enabled(kek),
            Slot::Destroyed => return Err(Error::KeyDestroyed(id)),
        };
        Ok(())
    }

    /// Destroys the disabled key `id`: its material is zeroized and everything it protected is unreadable for
    /// good. Idempotent on a destroyed key.
    ///
    /// # Errors
    /// [`Error::KeyIsPrimary`], [`Error::KeyStillEnabled`] (disable it first), [`Error::KeyNotFound`].
    pub fn destroy(&mut self, id: KeyId) -> Result<()> {
        if id == self.primary {
            return Err(Error::KeyIsPrimary(id));
        }
        let slot = self.slot_mut(id)?;
        if let Slot::Enabled(_) = slot {
            return Err(Error::KeyStillEnabled(id));
        }
        // Dropping the `Kek` zeroizes its secret and its expanded wrapping key.
        *slot = Slot::Destroyed;
        Ok(())
    }

    /// The primary key's id.
    pub const fn primary_id(&self) -> KeyId {
        self.primary
    }

    /// The status of key `id`.
    ///
    /// # Errors
    /// [`Error::KeyNotFound`].
    pub fn status(&self, id: KeyId) -> Result<KeyStatus> {
        self.slot(id).map(Slot::status)
    }

    /// Every key, by increasing id.
    pub fn keys(&self) -> Vec<KeyInfo> {
        self.entries
            .iter()
            .map(|(id, slot)| KeyInfo {
                id: *id,
                status: slot.status(),
                primary: *id == self.primary,
                messages_sealed: slot.kek().map_or(0, Kek::sealed),
            })
            .collect()
    }

    /// The per-key message limit, applied to keyring keys and to the data keys they unwrap.
    pub const fn message_limit(&self) -> u64 {
        self.message_limit
    }

    /// Sets the per-key message limit (1 to 2^32; default [`crate::DEFAULT_MESSAGE_LIMIT`]).
    ///
    /// # Errors
    /// [`Error::MessageLimitInvalid`].
    pub fn set_message_limit(&mut self, limit: u64) -> Result<()> {
        self.message_limit = check_message_limit(limit)?;
        for (_, slot) in &mut self.entries {
            if let Slot::Enabled(kek) | Slot::Disabled(kek) = slot {
                kek.wrap.set_limit(limit);
            }
        }
        Ok(())
    }

    /// A fresh data key for `user`, with its wrapped form to store beside the user.
    ///
    /// # Errors
    /// [`Error::KeyLimitReached`] when the primary has wrapped its limit, [`Error::ContextTooLong`] for a user
    /// id over [`crate::MAX_CONTEXT_PART_LEN`] bytes, [`Error::RandomUnavailable`].
    pub fn generate_data_key(&self, user: &str) -> Result<(DataKey, WrappedDataKey)> {
        let key = DataKey::generate(user, self.message_limit)?;
        let wrapped = self.wrap_data_key(&key)?;
        Ok((key, wrapped))
    }

    /// Wraps `key` under the primary.
    ///
    /// # Errors
    /// [`Error::KeyLimitReached`], [`Error::RandomUnavailable`].
    pub fn wrap_data_key(&self, key: &DataKey) -> Result<WrappedDataKey> {
        self.wrap_data_key_with_nonce(key, random::public_array()?)
    }

    pub(crate) fn wrap_data_key_with_nonce(&self, key: &DataKey, nonce: [u8; NONCE_LEN]) -> Result<WrappedDataKey> {
        key.wrap(&self.enabled(self.primary)?.wrap, nonce)
    }

    /// Unwraps the data key of `user`.
    ///
    /// The key's message count starts at 0: right for a key unwrapped once and kept, not for one unwrapped per
    /// request or per launch, which should resume from a persisted count with
    /// [`Keyring::unwrap_data_key_resuming`].
    ///
    /// # Errors
    /// [`Error::KeyNotFound`], [`Error::KeyDisabled`] or [`Error::KeyDestroyed`] for the KEK it names;
    /// [`Error::DecryptFailed`] when it was wrapped for another user or altered.
    pub fn unwrap_data_key(&self, user: &str, wrapped: &WrappedDataKey) -> Result<DataKey> {
        self.unwrap_data_key_resuming(user, wrapped, 0)
    }

    /// Unwraps the data key of `user`, which has already sealed `sealed_before` messages (a count the caller
    /// persisted beside the wrapped key), so that it refuses past the message limit across unwraps.
    ///
    /// The key's [`DataKey::messages_sealed`] starts at `sealed_before`; after the work, add
    /// [`DataKey::messages_sealed_by_this_object`] to the persisted count (in the transaction that stores what
    /// was sealed). A count at or past the limit is accepted here and makes the first seal refuse with
    /// [`Error::KeyLimitReached`]: the key still opens what it sealed.
    ///
    /// ```
    /// use cesizen_crypto::{Context, Keyring};
    /// let mut keyring = Keyring::generate()?;
    /// keyring.set_message_limit(100)?;
    /// let (_, wrapped) = keyring.generate_data_key("user-1")?;
    /// let ctx = Context::field("user-1", "entry-1", "note")?;
    /// // The app stored 99 seals for this key: one more is allowed, then the limit holds.
    /// let key = keyring.unwrap_data_key_resuming("user-1", &wrapped, 99)?;
    /// let envelope = key.seal(&ctx, b"slept well")?;
    /// assert_eq!(key.seal(&ctx, b"again").unwrap_err().code(), "crypto.key.limit_reached");
    /// assert_eq!(key.messages_sealed_by_this_object(), 1); // to add to the stored 99
    /// assert_eq!(key.open(&ctx, &envelope)?.as_slice(), b"slept well");
    /// # Ok::<(), cesizen_crypto::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Keyring::unwrap_data_key`].
    pub fn unwrap_data_key_resuming(
        &self,
        user: &str,
        wrapped: &WrappedDataKey,
        sealed_before: u64,
    ) -> Result<DataKey> {
        let kek = self.enabled(wrapped.kek_id())?;
        DataKey::unwrap(kek.wrap.cipher(), user, wrapped, sealed_before, self.message_limit)
    }

    /// Rewraps the data key of `user` under the primary; returns it unchanged when the primary already wraps it.
    ///
    /// # Errors
    /// As [`Keyring::unwrap_data_key`] and [`Keyring::wrap_data_key`].
    pub fn rewrap_data_key(&self, user: &str, wrapped: &WrappedDataKey) -> Result<WrappedDataKey> {
        if wrapped.kek_id() == self.primary {
            return Ok(wrapped.clone());
        }
        let old = self.enabled(wrapped.kek_id())?;
        let new = &self.enabled(self.primary)?.wrap;
        crate::data_key::rewrap(old.wrap.cipher(), new, user, wrapped, random::public_array()?)
    }

    /// Starts an encrypted backup stream under the primary, writing into `inner`. See [`StreamWriter`].
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`].
    pub fn stream_writer<W: Write>(&self, inner: W) -> Result<StreamWriter<W>> {
        let (salt, prefix) = (random::public_array()?, random::public_array()?);
        self.stream_writer_with(inner, salt, prefix)
    }

    pub(crate) fn stream_writer_with<W: Write>(
        &self,
        inner: W,
        salt: [u8; crate::stream::SALT_LEN],
        prefix: [u8; crate::stream::NONCE_PREFIX_LEN],
    ) -> Result<StreamWriter<W>> {
        let kek = self.enabled(self.primary)?;
        Ok(StreamWriter::new(self.primary, kek.secret(), salt, prefix, inner))
    }

    /// Opens an encrypted backup stream: reads its header from `inner` and finds its key. See [`StreamReader`].
    ///
    /// # Errors
    /// [`Error::StreamMalformed`] for a missing or short header, [`Error::VersionUnsupported`], the key errors
    /// of [`Keyring::unwrap_data_key`], [`Error::Io`].
    pub fn stream_reader<R: Read>(&self, inner: R) -> Result<StreamReader<R>> {
        StreamReader::new(inner, |id| self.enabled(id).map(Kek::secret))
    }

    fn slot(&self, id: KeyId) -> Result<&Slot> {
        self.entries
            .binary_search_by_key(&id, |(id, _)| *id)
            .map(|at| &self.entries[at].1)
            .map_err(|_| Error::KeyNotFound(id))
    }

    fn slot_mut(&mut self, id: KeyId) -> Result<&mut Slot> {
        match self.entries.binary_search_by_key(&id, |(id, _)| *id) {
            Ok(at) => Ok(&mut self.entries[at].1),
            Err(_) => Err(Error::KeyNotFound(id)),
        }
    }

    /// The material of key `id`, enabled or disabled (for custody records, which keep both).
    pub(crate) fn material(&self, id: KeyId) -> Result<&Kek> {
        self.slot(id)?.kek().ok_or(Error::KeyDestroyed(id))
    }

    pub(crate) fn enabled(&self, id: KeyId) -> Result<&Kek> {
        match self.slot(id)? {
            Slot::Enabled(kek) => Ok(kek),
            Slot::Disabled(_) => Err(Error::KeyDisabled(id)),
            Slot::Destroyed => Err(Error::KeyDestroyed(id)),
        }
    }
}

/// Ids, statuses and the primary; never material.
impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("primary", &self.primary)
            .field("keys", &self.keys())
            .field("message_limit", &self.message_limit)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::error::code_of as code;

    #[test]
    fn a_new_keyring_has_one_enabled_primary() {
        let keyring = Keyring::generate().expect("generate");
        let keys = keyring.keys();
        assert_eq!(keys.len(), 1);
        assert_eq!(
            (keys[0].id, keys[0].status, keys[0].primary),
            (KeyId::new(1), KeyStatus::Enabled, true)
        );
        assert_eq!(keyring.message_limit(), DEFAULT_MESSAGE_LIMIT);
    }

    #[test]
    fn status_transitions_follow_the_rules() {
        let mut keyring = Keyring::generate().expect("generate");
        let first = keyring.primary_id();
        let second = keyring.add_key().expect("add");
        assert_eq!(second, KeyId::new(2));
        assert_eq!(code(keyring.disable(first)), "crypto.key.is_primary");
        assert_eq!(code(keyring.destroy(first)), "crypto.key.is_primary");
        assert_eq!(code(keyring.destroy(second)), "crypto.key.still_enabled");
        keyring.disable(second).expect("disable");
        keyring.disable(second).expect("idempotent");
        assert_eq!(code(keyring.promote(second)), "crypto.key.disabled");
        keyring.enable(second).expect("enable");
        keyring.promote(second).expect("promote");
        keyring.disable(first).expect("disable the old primary");
        keyring.destroy(first).expect("destroy");
        keyring.destroy(first).expect("idempotent");
        assert_eq!(code(keyring.enable(first)), "crypto.key.destroyed");
        assert_eq!(code(keyring.disable(first)), "crypto.key.destroyed");
        assert_eq!(code(keyring.promote(first)), "crypto.key.destroyed");
        assert_eq!(code(keyring.promote(KeyId::new(99))), "crypto.key.not_found");
        assert_eq!(keyring.add_key().expect("add"), KeyId::new(3), "ids are never reused");
    }

    #[test]
    fn rotation_rewraps_data_keys_without_touching_data() {
        let mut keyring = Keyring::generate().expect("generate");
        let (key, wrapped) = keyring.generate_data_key("u").expect("dek");
        let ctx = crate::Context::field("u", "r", "note").expect("ctx");
        let envelope = key.seal(&ctx, b"entry").expect("seal");
        let old = keyring.primary_id();
        let new = keyring.add_key().expect("add");
        assert_eq!(
            keyring.rewrap_data_key("u", &wrapped).expect("noop"),
            wrapped,
            "already under the primary"
        );
        keyring.promote(new).expect("promote");
        let rewrapped = keyring.rewrap_data_key("u", &wrapped).expect("rewrap");
        assert_eq!(rewrapped.kek_id(), new);
        keyring.disable(old).expect("disable");
        assert_eq!(code(keyring.unwrap_data_key("u", &wrapped)), "crypto.key.disabled");
        keyring.destroy(old).expect("destroy");
        assert_eq!(code(keyring.unwrap_data_key("u", &wrapped)), "crypto.key.destroyed");
        let key = keyring.unwrap_data_key("u", &rewrapped).expect("unwrap");
        assert_eq!(key.open(&ctx, &envelope).expect("open").as_slice(), b"entry");
    }

    #[test]
    fn the_primary_counts_wraps_and_stops_at_the_limit() {
        let mut keyring = Keyring::generate().expect("generate");
        assert_eq!(code(keyring.set_message_limit(0)), "crypto.keyring.limit_invalid");
        keyring.set_message_limit(2).expect("limit");
        keyring.generate_data_key("a").expect("1");
        keyring.generate_data_key("b").expect("2");
        assert_eq!(code(keyring.generate_data_key("c")), "crypto.key.limit_reached");
        assert_eq!(keyring.keys()[0].messages_sealed, 2);
        // The data keys it unwraps inherit the limit.
        let (key, _) = Keyring::generate().expect("g").generate_data_key("d").expect("dek");
        assert_eq!(key.message_limit(), DEFAULT_MESSAGE_LIMIT);
    }

    #[test]
    fn unknown_kek_ids_are_not_found() {
        let keyring = Keyring::generate().expect("generate");
        let other = Keyring::generate().expect("generate");
        let mut other = other;
        let id = other.add_key().expect("add");
        other.promote(id).expect("promote");
        let (_, wrapped) = other.generate_data_key("u").expect("dek");
        assert_eq!(code(keyring.unwrap_data_key("u", &wrapped)), "crypto.key.not_found");
    }

    #[test]
    fn debug_shows_no_material() {
        let keyring = Keyring::generate().expect("generate");
        let shown = format!("{keyring:?}");
        assert!(shown.contains("primary: KeyId(1)"), "{shown}");
        assert!(!shown.contains("secret"));
    }
}
