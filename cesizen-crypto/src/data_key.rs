//! Per-user data keys (DEKs) and their wrapped form.
//!
//! Every user has a data key: 256 random bits that seal all of that user's emotional data. The key is stored
//! only wrapped, that is sealed by a keyring key (KEK) in an envelope whose context names the user, so a wrapped
//! key moved to another user's row fails to unwrap. Rotating a KEK rewraps data keys and never touches the data;
//! erasing a user destroys the user's data key, which makes every copy of the user's data unreadable
//! (crypto-shredding, see the crate documentation).
//!
//! Wrapped layout: an [`Envelope`] (key id = the KEK's id, context [`ContextKind::DataKey`] naming the user)
//! whose plaintext is the data key's id (`u32` big-endian) followed by its 32 bytes.

use core::fmt;
use core::str::FromStr;

use zeroize::Zeroizing;

use crate::cipher::{Cipher, NONCE_LEN};
use crate::context::MAX_CONTEXT_PART_LEN;
use crate::envelope::ENVELOPE_OVERHEAD;
use crate::sealing_key::SealingKey;
use crate::secret::{KEY_LEN, SecretBytes};
use crate::{Context, ContextKind, Envelope, Error, KeyId, Plaintext, Result, random};

/// Length of a wrapped data key in bytes: envelope overhead, key id, key.
pub const WRAPPED_DATA_KEY_LEN: usize = ENVELOPE_OVERHEAD + 4 + KEY_LEN;

/// A user's data key, unwrapped and ready to seal and open that user's data.
///
/// It holds the expanded AES key schedule (built once, reused for every field) and counts the messages it
/// seals. It is zeroized on drop and prints nothing secret.
///
/// **Message count.** A key object refuses to seal past the keyring's message limit
/// ([`Error::KeyLimitReached`]). [`Keyring::unwrap_data_key`](crate::Keyring::unwrap_data_key) starts the count at
/// 0, which is right only for a key that is unwrapped once and kept; an app that unwraps per request or per launch
/// persists the count beside the wrapped key and unwraps with
/// [`Keyring::unwrap_data_key_resuming`](crate::Keyring::unwrap_data_key_resuming), then adds
/// [`DataKey::messages_sealed_by_this_object`] to what it stored. [`DataKey::messages_sealed`] is the total: the
/// count the object resumed from plus its own seals.
///
/// ```
/// use cesizen_crypto::{Context, Keyring};
/// let keyring = Keyring::generate()?;
/// let (key, wrapped) = keyring.generate_data_key("user-1")?;
/// let ctx = Context::field("user-1", "entry-1", "note")?;
/// let envelope = key.seal(&ctx, b"calmer after the breathing exercise")?;
/// // Later, in another request: unwrap the stored key and open.
/// let key = keyring.unwrap_data_key("user-1", &wrapped)?;
/// assert_eq!(key.open(&ctx, &envelope)?.as_slice(), b"calmer after the breathing exercise");
/// // The envelope does not open anywhere else.
/// let elsewhere = Context::field("user-1", "entry-2", "note")?;
/// assert_eq!(key.open(&elsewhere, &envelope).unwrap_err().code(), "crypto.decrypt.failed");
/// # Ok::<(), cesizen_crypto::Error>(())
/// ```
pub struct DataKey {
    user: Box<str>,
    material: SecretBytes,
    key: SealingKey,
    /// The count the key resumed from (0 for a fresh key or a plain unwrap).
    resumed_from: u64,
}

impl DataKey {
    /// A fresh data key for `user`: a random non-zero id and 256 bits from the OS.
    pub(crate) fn generate(user: &str, message_limit: u64) -> Result<Self> {
        let id = u32::from_be_bytes(random::public_array()?).max(1);
        Self::from_parts(user, KeyId::new(id), SecretBytes::random()?, 0, message_limit)
    }

    /// A data key from its parts, having sealed `sealed` messages before (a count past `message_limit` makes the
    /// first seal refuse).
    pub(crate) fn from_parts(
        user: &str,
        id: KeyId,
        material: SecretBytes,
        sealed: u64,
        message_limit: u64,
    ) -> Result<Self> {
        if user.len() > MAX_CONTEXT_PART_LEN {
            return Err(Error::ContextTooLong);
        }
        let key = SealingKey::new(id, material.expose(), sealed, message_limit);
        Ok(Self {
            user: user.into(),
            material,
            key,
            resumed_from: sealed,
        })
    }

    /// The key's id, written in every envelope it seals.
    pub fn id(&self) -> KeyId {
        self.key.id()
    }

    /// The user the key belongs to.
    pub fn user_id(&self) -> &str {
        &self.user
    }

    /// The key's total message count: the count it was unwrapped with
    /// ([`Keyring::unwrap_data_key_resuming`](crate::Keyring::unwrap_data_key_resuming); 0 otherwise) plus the
    /// messages this object has sealed. It never passes [`DataKey::message_limit`], except when the resumed
    /// count already did (it then stays there).
    pub fn messages_sealed(&self) -> u64 {
        self.key.sealed()
    }

    /// The messages this object has sealed, without the count it resumed from: what to add to a persisted
    /// count.
    ///
    /// ```
    /// use cesizen_crypto::{Context, Keyring};
    /// let keyring = Keyring::generate()?;
    /// let (_, wrapped) = keyring.generate_data_key("user-1")?;
    /// let key = keyring.unwrap_data_key_resuming("user-1", &wrapped, 40)?;
    /// key.seal(&Context::user("user-1")?, b"mood: calm")?;
    /// assert_eq!((key.messages_sealed(), key.messages_sealed_by_this_object()), (41, 1));
    /// # Ok::<(), cesizen_crypto::Error>(())
    /// ```
    pub fn messages_sealed_by_this_object(&self) -> u64 {
        self.key.sealed().saturating_sub(self.resumed_from)
    }

    /// The highest total count ([`DataKey::messages_sealed`]) the key may reach: a seal beyond it is refused with
    /// [`Error::KeyLimitReached`].
    pub fn message_limit(&self) -> u64 {
        self.key.limit()
    }

    /// Seals `plaintext` for `context` under a fresh random nonce.
    ///
    /// # Errors
    /// [`Error::ContextUserMismatch`] when `context` names another user (sealing someone's data under another
    /// user's key would escape crypto-shredding), [`Error::KeyLimitReached`] past the message limit,
    /// [`Error::RandomUnavailable`] if the OS cannot seed the nonce generator.
    pub fn seal(&self, context: &Context, plaintext: &[u8]) -> Result<Envelope> {
        self.check_context(context)?;
        Envelope::seal(&self.key, context.as_bytes(), plaintext)
    }

    /// Seals with a caller-chosen nonce, for the pinned test vectors only.
    #[cfg(feature = "test-vectors")]
    pub(crate) fn seal_with_nonce(
        &self,
        context: &Context,
        plaintext: &[u8],
        nonce: [u8; NONCE_LEN],
    ) -> Result<Envelope> {
        self.check_context(context)?;
        Envelope::seal_with_nonce(&self.key, context.as_bytes(), plaintext, nonce)
    }

    /// Opens `envelope` sealed for `context`. The plaintext is wiped when dropped.
    ///
    /// # Errors
    /// [`Error::KeyNotFound`] when the envelope names another key id, [`Error::ContextUserMismatch`] when the
    /// context names another user, and [`Error::DecryptFailed`] for every authentication failure.
    pub fn open(&self, context: &Context, envelope: &Envelope) -> Result<Plaintext> {
        if envelope.key_id() != self.id() {
            return Err(Error::KeyNotFound(envelope.key_id()));
        }
        self.check_context(context)?;
        envelope.open(self.key.cipher(), context.as_bytes())
    }

    fn check_context(&self, context: &Context) -> Result<()> {
        if context.user_bytes() == self.user.as_bytes() && context.kind() != ContextKind::DataKey {
            Ok(())
        } else {
            Err(Error::ContextUserMismatch)
        }
    }

    /// The raw key.
    #[cfg(any(test, feature = "test-vectors"))]
    pub(crate) fn material(&self) -> &SecretBytes {
        &self.material
    }

    /// Wraps this key under `kek` with `nonce`.
    pub(crate) fn wrap(&self, kek: &SealingKey, nonce: [u8; NONCE_LEN]) -> Result<WrappedDataKey> {
        let mut plaintext = Zeroizing::new([0u8; 4 + KEY_LEN]);
        plaintext[..4].copy_from_slice(&self.id().to_be_bytes());
        plaintext[4..].copy_from_slice(self.material.expose());
        let context = Context::data_key(&self.user)?;
        Envelope::seal_with_nonce(kek, context.as_bytes(), &plaintext[..], nonce).map(WrappedDataKey)
    }

    /// Unwraps `wrapped` for `user` with the KEK's cipher (the caller matched the KEK id), resuming from `sealed`
    /// messages.
    pub(crate) fn unwrap(
        kek: &Cipher,
        user: &str,
        wrapped: &WrappedDataKey,
        sealed: u64,
        message_limit: u64,
    ) -> Result<Self> {
        let context = Context::data_key(user)?;
        let plaintext = wrapped.0.open(kek, context.as_bytes())?;
        let (id, material) = plaintext.split_at(4);
        let id = KeyId::from_be_bytes(id.try_into().map_err(|_| Error::DecryptFailed)?);
        let material = SecretBytes::from_slice(material).ok_or(Error::DecryptFailed)?;
        Self::from_parts(user, id, material, sealed, message_limit)
    }
}

/// Rewraps `wrapped` (the data key of `user`) from the KEK cipher `old` to the KEK `new`, without building the
/// data key itself: the wrapped plaintext (id and material) goes from one envelope to the other, wiped after.
/// An epoch turn does this for every surviving user, so it costs one open and one seal, nothing more.
pub(crate) fn rewrap(
    old: &Cipher,
    new: &SealingKey,
    user: &str,
    wrapped: &WrappedDataKey,
    nonce: [u8; NONCE_LEN],
) -> Result<WrappedDataKey> {
    let context = Context::data_key(user)?;
    let plaintext = wrapped.0.open(old, context.as_bytes())?;
    if plaintext.len() != 4 + KEY_LEN {
        return Err(Error::DecryptFailed);
    }
    Envelope::seal_with_nonce(new, context.as_bytes(), &plaintext, nonce).map(WrappedDataKey)
}

/// The id and user only.
impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DataKey")
            .field("id", &self.id())
            .finish_non_exhaustive()
    }
}

/// A user's data key sealed by a keyring key: what is stored beside the user, never the key itself.
///
/// The bytes are not secret; the text form is unpadded base64url.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct WrappedDataKey(Envelope);

impl WrappedDataKey {
    /// Checks the structure: an envelope of exactly [`WRAPPED_DATA_KEY_LEN`] bytes.
    ///
    /// # Errors
    /// [`Error::EnvelopeMalformed`] or [`Error::VersionUnsupported`].
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self> {
        Self::from_envelope(Envelope::from_bytes(bytes)?)
    }

    /// Parses the text form.
    ///
    /// # Errors
    /// As [`WrappedDataKey::from_bytes`].
    pub fn from_text(text: &str) -> Result<Self> {
        Self::from_envelope(Envelope::from_text(text)?)
    }

    fn from_envelope(envelope: Envelope) -> Result<Self> {
        if envelope.as_bytes().len() == WRAPPED_DATA_KEY_LEN {
            Ok(Self(envelope))
        } else {
            Err(Error::EnvelopeMalformed)
        }
    }

    /// The id of the keyring key that wrapped it: a rotation rewraps every data key whose KEK is not the
    /// primary.
    pub fn kek_id(&self) -> KeyId {
        self.0.key_id()
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The text form: unpadded base64url.
    pub fn to_text(&self) -> String {
        self.0.to_text()
    }
}

impl FromStr for WrappedDataKey {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        Self::from_text(text)
    }
}

/// The text form.
impl fmt::Display for WrappedDataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The KEK id only.
impl fmt::Debug for WrappedDataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WrappedDataKey")
            .field("kek_id", &self.kek_id())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::code_of;
    use crate::sealing_key::DEFAULT_MESSAGE_LIMIT;
    use proptest::prelude::*;

    fn kek() -> SealingKey {
        SealingKey::new(KeyId::new(1), &[5; 32], 0, DEFAULT_MESSAGE_LIMIT)
    }

    #[test]
    fn wrap_then_unwrap_gives_the_same_key() {
        let key = DataKey::generate("u", DEFAULT_MESSAGE_LIMIT).expect("generate");
        let wrapped = key.wrap(&kek(), [3; 12]).expect("wrap");
        assert_eq!(wrapped.as_bytes().len(), WRAPPED_DATA_KEY_LEN);
        assert_eq!(wrapped.kek_id(), KeyId::new(1));
        let back = DataKey::unwrap(kek().cipher(), "u", &wrapped, 0, DEFAULT_MESSAGE_LIMIT).expect("unwrap");
        assert_eq!(back.id(), key.id());
        assert!(back.material() == key.material());
    }

    #[test]
    fn a_wrapped_key_does_not_unwrap_for_another_user() {
        let key = DataKey::generate("alice", DEFAULT_MESSAGE_LIMIT).expect("generate");
        let wrapped = key.wrap(&kek(), [3; 12]).expect("wrap");
        let err = DataKey::unwrap(kek().cipher(), "bob", &wrapped, 0, DEFAULT_MESSAGE_LIMIT).expect_err("moved");
        assert_eq!(err.code(), "crypto.decrypt.failed");
    }

    #[test]
    fn sealing_another_users_data_is_refused() {
        let key = DataKey::generate("alice", DEFAULT_MESSAGE_LIMIT).expect("generate");
        let bob = Context::field("bob", "r", "note").expect("ctx");
        assert_eq!(
            key.seal(&bob, b"x").map_err(|e| e.code()),
            Err("crypto.context.user_mismatch")
        );
        let alice = Context::field("alice", "r", "note").expect("ctx");
        let env = key.seal(&alice, b"x").expect("seal");
        assert_eq!(code_of(key.open(&bob, &env)), "crypto.context.user_mismatch");
    }

    #[test]
    fn an_envelope_of_another_key_id_is_not_found() {
        let a = DataKey::generate("u", DEFAULT_MESSAGE_LIMIT).expect("generate");
        let b = DataKey::from_parts(
            "u",
            KeyId::new(a.id().get() ^ 1),
            SecretBytes::random().expect("r"),
            0,
            9,
        )
        .expect("key");
        let ctx = Context::user("u").expect("ctx");
        let env = a.seal(&ctx, b"x").expect("seal");
        assert_eq!(code_of(b.open(&ctx, &env)), "crypto.key.not_found");
    }

    #[test]
    fn the_data_key_counts_and_stops_at_its_limit() {
        let key = DataKey::from_parts("u", KeyId::new(2), SecretBytes::random().expect("r"), 0, 2).expect("key");
        let ctx = Context::user("u").expect("ctx");
        key.seal(&ctx, b"1").expect("first");
        key.seal(&ctx, b"2").expect("second");
        assert_eq!(
            key.seal(&ctx, b"3").map_err(|e| e.code()),
            Err("crypto.key.limit_reached")
        );
        assert_eq!(key.messages_sealed(), 2);
    }

    fn resumed(sealed: u64, limit: u64) -> DataKey {
        DataKey::from_parts("u", KeyId::new(2), SecretBytes::random().expect("r"), sealed, limit).expect("key")
    }

    #[test]
    fn a_resumed_key_counts_on_from_its_count_and_stops_at_the_limit() {
        let key = resumed(7, 9);
        let ctx = Context::user("u").expect("ctx");
        key.seal(&ctx, b"8").expect("eighth");
        key.seal(&ctx, b"9").expect("ninth");
        assert_eq!(code_of(key.seal(&ctx, b"10")), "crypto.key.limit_reached");
        assert_eq!((key.messages_sealed(), key.messages_sealed_by_this_object()), (9, 2));
    }

    #[test]
    fn a_count_at_or_past_the_limit_refuses_the_first_seal() {
        let ctx = Context::user("u").expect("ctx");
        for sealed in [9, 10, u64::MAX] {
            let key = resumed(sealed, 9);
            assert_eq!(code_of(key.seal(&ctx, b"x")), "crypto.key.limit_reached");
            assert_eq!(
                (key.messages_sealed(), key.messages_sealed_by_this_object()),
                (sealed, 0)
            );
        }
    }

    proptest! {
        /// Resuming from `n` and sealing `k` times gives `n + k` while under the limit, and refuses exactly the
        /// seals that would pass it.
        #[test]
        fn resuming_from_n_then_sealing_k_counts_n_plus_k(limit in 1u64..40, n in 0u64..50, k in 0u64..50) {
            let key = resumed(n, limit);
            let ctx = Context::user("u").expect("ctx");
            for i in 0..k {
                let result = key.seal(&ctx, b"x");
                prop_assert_eq!(result.is_ok(), n + i < limit, "seal {} after {}", i + 1, n);
            }
            let accepted = k.min(limit.saturating_sub(n));
            prop_assert_eq!(key.messages_sealed_by_this_object(), accepted);
            prop_assert_eq!(key.messages_sealed(), n + accepted);
        }
    }

    #[test]
    fn wrapped_keys_of_the_wrong_length_are_malformed() {
        assert_eq!(
            WrappedDataKey::from_bytes(vec![1; 68]).map_err(|e| e.code()),
            Err("crypto.envelope.malformed")
        );
        assert!(WrappedDataKey::from_bytes(vec![1; 69]).is_ok());
    }
}
