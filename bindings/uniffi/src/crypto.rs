//! Client-side encryption: a user's data key, envelopes bound to their place, pseudonyms, and — for the
//! operations side (Python scripts) — keyrings, wrapped data keys and backup streams.
//!
//! Everything here is `cesizen-crypto`; this module converts arguments and errors only, with the same surface as
//! the wasm package. The objects that hold secrets ([`UserKey`], [`Keyring`], [`RootSecret`],
//! [`Pseudonymiser`]) keep their key material on the Rust side: it never crosses the FFI, and it is zeroized
//! when the last reference is dropped — by `close()` / `use {}` in Kotlin, by ARC in Swift, by the garbage
//! collector (or `del`) in Python. Release them as soon as they are no longer needed: garbage collectors give no
//! guarantee of when they run.
//!
//! A [`Keyring`] changes (rotation, message counts), so it sits behind a mutex: UniFFI objects are shared
//! (`Arc`) and may be called from several threads.

use std::io::{Read, Write};
use std::sync::{Mutex, MutexGuard};

use cesizen_crypto::{
    Context, DEFAULT_MESSAGE_LIMIT, DataKey, Envelope, KEY_LEN, KeyId, KeyStatus, Keyring as CoreKeyring,
    PseudonymSecret, Pseudonymiser as CorePseudonymiser, RootSecret as CoreRootSecret, WrappedDataKey, hazmat,
};
use zeroize::Zeroizing;

use crate::{CesizenError, boundary::guard};

/// The code of `open_text` on a plaintext that is not UTF-8 text (it was sealed as bytes).
pub const NOT_TEXT: &str = cesizen_core::code::input::PLAINTEXT_NOT_UTF8;
/// The code of key material that is not exactly 32 bytes.
pub const KEY_LENGTH: &str = cesizen_core::code::input::KEY_LENGTH;

/// Where an encrypted value belongs: the associated data that binds an envelope to its user, record and field,
/// so that a value moved elsewhere fails to decrypt.
/// Binding shape: ids cross as text, and `cesizen-crypto` depends on nothing of ours (no `uniffi` feature).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum EncryptionContext {
    /// Data about the user as a whole.
    User {
        /// The user's id.
        user: String,
    },
    /// A whole record of the user.
    Record {
        /// The user's id.
        user: String,
        /// The record's id.
        record: String,
    },
    /// One field of one record of the user (a journal entry's note, …).
    Field {
        /// The user's id.
        user: String,
        /// The record's id.
        record: String,
        /// The field's name.
        field: String,
    },
}

impl EncryptionContext {
    pub(crate) fn to_context(&self) -> Result<Context, CesizenError> {
        Ok(match self {
            EncryptionContext::User { user } => Context::user(user)?,
            EncryptionContext::Record { user, record } => Context::record(user, record)?,
            EncryptionContext::Field { user, record, field } => Context::field(user, record, field)?,
        })
    }
}

/// The associated-data bytes of `context` (each part length-prefixed), as ARCHITECTURE.md §3 defines them: what
/// another implementation (OpenSSL, WebCrypto, Python's `cryptography`) passes after the envelope's 5 header
/// bytes to open an envelope.
///
/// Errors: `crypto.context.too_long`.
#[uniffi::export]
pub fn encryption_context_bytes(context: EncryptionContext) -> Result<Vec<u8>, CesizenError> {
    guard(|| Ok(context.to_context()?.as_bytes().to_vec()))
}

/// 32 bytes of key material, zeroized when dropped; the argument's own copy is zeroized too.
pub(crate) fn key_material(bytes: Vec<u8>) -> Result<Zeroizing<[u8; KEY_LEN]>, CesizenError> {
    let bytes = Zeroizing::new(bytes);
    let mut material = Zeroizing::new([0u8; KEY_LEN]);
    if bytes.len() != KEY_LEN {
        return Err(CesizenError::input(KEY_LENGTH, "key material must be exactly 32 bytes"));
    }
    material.copy_from_slice(&bytes);
    Ok(material)
}

/// A user's data key: seals and opens that user's envelopes. Holds secret material: release it when done
/// (`use {}` in Kotlin).
#[derive(uniffi::Object)]
pub struct UserKey(pub(crate) DataKey);

#[uniffi::export]
impl UserKey {
    /// Imports a user's data key from its parts: the user's id, the key id written in each envelope, and the 32
    /// bytes of material, as delivered to the signed-in user over an authenticated channel.
    ///
    /// Errors: `input.key.invalid_length` unless `material` has 32 bytes; `crypto.context.too_long`.
    #[uniffi::constructor]
    pub fn import_raw(user_id: String, key_id: u32, material: Vec<u8>) -> Result<Self, CesizenError> {
        guard(|| {
            let material = key_material(material)?;
            Ok(UserKey(hazmat::import_data_key(
                &user_id,
                KeyId::new(key_id),
                *material,
                DEFAULT_MESSAGE_LIMIT,
            )?))
        })
    }

    /// The key id written in every envelope this key seals.
    pub fn key_id(&self) -> u32 {
        self.0.id().into()
    }

    /// The user the key belongs to.
    pub fn user_id(&self) -> String {
        self.0.user_id().to_owned()
    }

    /// Seals `plaintext` for `context` under a fresh random nonce; returns the envelope's text form (unpadded
    /// base64url).
    ///
    /// Errors: `crypto.context.user_mismatch` when the context names another user, `crypto.key.limit_reached`,
    /// `crypto.random.unavailable`.
    pub fn seal(&self, context: EncryptionContext, plaintext: Vec<u8>) -> Result<String, CesizenError> {
        guard(|| {
            let plaintext = Zeroizing::new(plaintext);
            Ok(self.0.seal(&context.to_context()?, &plaintext)?.to_text())
        })
    }

    /// Opens an envelope (its text form) sealed for `context`.
    ///
    /// Errors: `crypto.envelope.*` for a malformed envelope, `crypto.decrypt.failed` for another key, context or
    /// a tampered envelope.
    pub fn open(&self, context: EncryptionContext, envelope: String) -> Result<Vec<u8>, CesizenError> {
        guard(|| {
            let envelope = Envelope::from_text(&envelope)?;
            Ok(self.0.open(&context.to_context()?, &envelope)?.to_vec())
        })
    }

    /// [`UserKey::seal`] for text (its UTF-8 bytes).
    pub fn seal_text(&self, context: EncryptionContext, text: String) -> Result<String, CesizenError> {
        self.seal(context, text.into_bytes())
    }

    /// [`UserKey::open`] for text. Errors as `open`, and `input.plaintext.not_utf8` for bytes that are not text.
    pub fn open_text(&self, context: EncryptionContext, envelope: String) -> Result<String, CesizenError> {
        let bytes = self.open(context, envelope)?;
        String::from_utf8(bytes).map_err(|e| {
            drop(Zeroizing::new(e.into_bytes()));
            CesizenError::input(NOT_TEXT, "the plaintext is not UTF-8 text")
        })
    }
}

/// Keyed pseudonyms (HMAC-SHA-256) for analytics exports. Holds the secret: release it when done.
#[derive(uniffi::Object)]
pub struct Pseudonymiser(CorePseudonymiser);

#[uniffi::export]
impl Pseudonymiser {
    /// A pseudonymiser keyed with 32 secret bytes.
    ///
    /// Errors: `input.key.invalid_length` unless `secret` has 32 bytes.
    #[uniffi::constructor]
    pub fn new(secret: Vec<u8>) -> Result<Self, CesizenError> {
        guard(|| {
            let secret = PseudonymSecret::from_bytes(*key_material(secret)?);
            Ok(Pseudonymiser(CorePseudonymiser::new(&secret)))
        })
    }

    /// A pseudonymiser keyed with a secret in its text form.
    ///
    /// Errors: the `crypto.secret.*` code of malformed text.
    #[uniffi::constructor]
    pub fn from_text(secret: String) -> Result<Self, CesizenError> {
        guard(|| {
            let text = Zeroizing::new(secret);
            Ok(Pseudonymiser(CorePseudonymiser::new(&PseudonymSecret::from_text(
                &text,
            )?)))
        })
    }

    /// The pseudonym of `value` in `domain` (e.g. `"user.email"`), as unpadded base64url; stable for one secret.
    ///
    /// Errors: `crypto.pseudonym.*` for an empty or over-long domain.
    pub fn pseudonym(&self, domain: String, value: Vec<u8>) -> Result<String, CesizenError> {
        guard(|| {
            let value = Zeroizing::new(value);
            Ok(self.0.pseudonym(&domain, &value)?.to_text())
        })
    }

    /// The 32 bytes of the pseudonym of `value` in `domain`.
    pub fn pseudonym_bytes(&self, domain: String, value: Vec<u8>) -> Result<Vec<u8>, CesizenError> {
        guard(|| {
            let value = Zeroizing::new(value);
            Ok(self.0.pseudonym(&domain, &value)?.as_bytes().to_vec())
        })
    }
}

/// The secret that seals a keyring file (kept in a secrets manager, never beside the file).
#[derive(uniffi::Object)]
pub struct RootSecret(pub(crate) CoreRootSecret);

#[uniffi::export]
impl RootSecret {
    /// Reads a root secret from its text form (surrounding white space ignored).
    ///
    /// Errors: the `crypto.secret.*` code of malformed text.
    #[uniffi::constructor]
    pub fn parse(text: String) -> Result<Self, CesizenError> {
        guard(|| {
            let text = Zeroizing::new(text);
            Ok(RootSecret(CoreRootSecret::from_text(&text)?))
        })
    }

    /// A new random root secret. Errors: `crypto.random.unavailable`.
    #[uniffi::constructor]
    pub fn generate() -> Result<Self, CesizenError> {
        guard(|| Ok(RootSecret(CoreRootSecret::generate()?)))
    }

    /// The text form, to store in a secrets manager.
    pub fn to_text(&self) -> String {
        self.0.to_text().as_str().to_owned()
    }
}

/// The state of a key in a keyring.
/// Binding shape: `cesizen-crypto` depends on nothing of ours: it has no `uniffi` feature to derive this on its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum KeyringKeyStatus {
    /// Seals (if primary) and opens.
    Enabled,
    /// Opens nothing until enabled again.
    Disabled,
    /// Its material is gone: what it sealed is unreadable for ever.
    Destroyed,
}

/// What a keyring tells about one of its keys (never its material).
/// Binding shape: `cesizen-crypto` depends on nothing of ours: it has no `uniffi` feature to derive this on its type.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct KeyringKeyInfo {
    /// The key id.
    pub id: u32,
    /// Its state.
    pub status: KeyringKeyStatus,
    /// Whether it is the key that seals.
    pub primary: bool,
    /// How many messages it has sealed.
    pub messages_sealed: u64,
}

/// Key-encryption keys with ids, one primary: wraps users' data keys, rotates, seals backups. Holds secret
/// material: release it when done.
#[derive(uniffi::Object)]
pub struct Keyring(Mutex<CoreKeyring>);

impl Keyring {
    fn new(keyring: CoreKeyring) -> Self {
        Keyring(Mutex::new(keyring))
    }

    /// The keyring; a poisoned lock (a panic while it was held, already reported) is a bug, not a refusal.
    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, CoreKeyring>, CesizenError> {
        self.0.lock().map_err(|_| CesizenError::panic())
    }
}

pub(crate) fn io_error(error: std::io::Error) -> CesizenError {
    cesizen_crypto::Error::from(error).into()
}

#[uniffi::export]
impl Keyring {
    /// A new keyring with one random primary key. Errors: `crypto.random.unavailable`.
    #[uniffi::constructor]
    pub fn generate() -> Result<Self, CesizenError> {
        guard(|| Ok(Keyring::new(CoreKeyring::generate()?)))
    }

    /// Opens a keyring file sealed with `root`.
    ///
    /// Errors: `crypto.keyring.*` for a malformed file, `crypto.decrypt.failed` for another root secret.
    #[uniffi::constructor]
    pub fn open(sealed: Vec<u8>, root: &RootSecret) -> Result<Self, CesizenError> {
        guard(|| Ok(Keyring::new(CoreKeyring::open(&sealed, &root.0)?)))
    }

    /// A keyring whose one primary key is given (migration from another system, tests).
    ///
    /// Errors: `input.key.invalid_length` unless `material` has 32 bytes.
    #[uniffi::constructor]
    pub fn import_raw(id: u32, material: Vec<u8>) -> Result<Self, CesizenError> {
        guard(|| {
            Ok(Keyring::new(hazmat::import_keyring(
                KeyId::new(id),
                *key_material(material)?,
            )?))
        })
    }

    /// Adds a given key (enabled, not primary). Errors: `crypto.keyring.duplicate_key`, key length.
    pub fn add_raw_key(&self, id: u32, material: Vec<u8>) -> Result<(), CesizenError> {
        guard(|| {
            Ok(hazmat::import_keyring_key(
                &mut *self.lock()?,
                KeyId::new(id),
                *key_material(material)?,
            )?)
        })
    }

    /// Adds a new random key (enabled, not primary); returns its id.
    pub fn add_key(&self) -> Result<u32, CesizenError> {
        guard(|| Ok(self.lock()?.add_key()?.into()))
    }

    /// Makes key `id` the primary (the one that seals). Errors: `crypto.keyring.*` for an unknown or unusable key.
    pub fn promote(&self, id: u32) -> Result<(), CesizenError> {
        guard(|| Ok(self.lock()?.promote(KeyId::new(id))?))
    }

    /// Disables key `id` (it opens nothing until enabled again).
    pub fn disable(&self, id: u32) -> Result<(), CesizenError> {
        guard(|| Ok(self.lock()?.disable(KeyId::new(id))?))
    }

    /// Enables key `id` again.
    pub fn enable(&self, id: u32) -> Result<(), CesizenError> {
        guard(|| Ok(self.lock()?.enable(KeyId::new(id))?))
    }

    /// Destroys key `id`: its material is erased and what it sealed becomes unreadable (crypto-shredding).
    pub fn destroy(&self, id: u32) -> Result<(), CesizenError> {
        guard(|| Ok(self.lock()?.destroy(KeyId::new(id))?))
    }

    /// Sets the number of messages after which a key refuses to seal (NIST SP 800-38D's bound for random nonces).
    pub fn set_message_limit(&self, limit: u64) -> Result<(), CesizenError> {
        guard(|| Ok(self.lock()?.set_message_limit(limit)?))
    }

    /// The id of the primary key (the one that seals).
    pub fn primary_id(&self) -> Result<u32, CesizenError> {
        guard(|| Ok(self.lock()?.primary_id().into()))
    }

    /// The number of messages after which a key refuses to seal.
    pub fn message_limit(&self) -> Result<u64, CesizenError> {
        guard(|| Ok(self.lock()?.message_limit()))
    }

    /// The keys, without their material.
    pub fn keys(&self) -> Result<Vec<KeyringKeyInfo>, CesizenError> {
        guard(|| {
            Ok(self
                .lock()?
                .keys()
                .iter()
                .map(|info| KeyringKeyInfo {
                    id: info.id.into(),
                    status: match info.status {
                        KeyStatus::Enabled => KeyringKeyStatus::Enabled,
                        KeyStatus::Disabled => KeyringKeyStatus::Disabled,
                        KeyStatus::Destroyed => KeyringKeyStatus::Destroyed,
                    },
                    primary: info.primary,
                    messages_sealed: info.messages_sealed,
                })
                .collect())
        })
    }

    /// The keyring file, sealed with `root`.
    pub fn seal(&self, root: &RootSecret) -> Result<Vec<u8>, CesizenError> {
        guard(|| Ok(self.lock()?.seal(&root.0)?))
    }

    /// A new data key for `user_id` (wrap it with [`Keyring::wrap_data_key`] to store it).
    pub fn generate_data_key(&self, user_id: String) -> Result<UserKey, CesizenError> {
        guard(|| {
            let (key, _wrapped) = self.lock()?.generate_data_key(&user_id)?;
            Ok(UserKey(key))
        })
    }

    /// The stored form of a user's data key, wrapped by the primary key (text form).
    pub fn wrap_data_key(&self, key: &UserKey) -> Result<String, CesizenError> {
        guard(|| Ok(self.lock()?.wrap_data_key(&key.0)?.to_text()))
    }

    /// Unwraps a stored data key of `user_id`.
    ///
    /// Errors: `crypto.decrypt.failed` for another user or keyring, `crypto.keyring.*` for an unknown key.
    pub fn unwrap_data_key(&self, user_id: String, wrapped: String) -> Result<UserKey, CesizenError> {
        guard(|| {
            let wrapped = WrappedDataKey::from_text(&wrapped)?;
            Ok(UserKey(self.lock()?.unwrap_data_key(&user_id, &wrapped)?))
        })
    }

    /// Rewraps a stored data key under the current primary key (rotation rewraps keys, never data).
    pub fn rewrap_data_key(&self, user_id: String, wrapped: String) -> Result<String, CesizenError> {
        guard(|| {
            let wrapped = WrappedDataKey::from_text(&wrapped)?;
            Ok(self.lock()?.rewrap_data_key(&user_id, &wrapped)?.to_text())
        })
    }

    /// Seals a backup as a stream (64 KiB segments; truncation, reordering and splicing fail to open).
    pub fn seal_stream(&self, plaintext: Vec<u8>) -> Result<Vec<u8>, CesizenError> {
        guard(|| {
            let plaintext = Zeroizing::new(plaintext);
            let mut writer = self.lock()?.stream_writer(Vec::new())?;
            writer.write_all(&plaintext).map_err(io_error)?;
            writer.finish().map_err(io_error)
        })
    }

    /// Opens a backup stream sealed by this keyring.
    pub fn open_stream(&self, stream: Vec<u8>) -> Result<Vec<u8>, CesizenError> {
        guard(|| {
            let mut reader = self.lock()?.stream_reader(stream.as_slice())?;
            let mut plaintext = Zeroizing::new(Vec::new());
            reader.read_to_end(&mut plaintext).map_err(io_error)?;
            Ok(plaintext.to_vec())
        })
    }
}
