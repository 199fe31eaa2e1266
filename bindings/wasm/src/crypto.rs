//! Client-side encryption: the user's data key, envelopes bound to their place, pseudonyms, and — for
//! JavaScript servers (Next.js API routes on Node) — keyrings, wrapped data keys and backup streams.
//!
//! Everything here is `cesizen-crypto`; this module converts arguments and errors only. The objects that hold
//! secrets ([`UserKey`], [`Keyring`], [`RootSecret`], [`Pseudonymiser`]) are classes: their key material
//! stays inside the WebAssembly memory, is never handed to JavaScript, and is zeroized when the object is
//! released — by `free()`, or by the `FinalizationRegistry` that wasm-bindgen registers every instance with
//! when the object is garbage-collected. Call `free()` as soon as a key is no longer needed: the garbage
//! collector gives no guarantee of when, or whether, it runs.
//!
//! The envelope layout is public (see `ARCHITECTURE.md` §3): WebCrypto's AES-GCM opens an envelope given the
//! key and the associated data, and the package's tests prove it in both directions.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;
use zeroize::Zeroizing;

use cesizen_crypto::{
    Context, DEFAULT_MESSAGE_LIMIT, DataKey, Envelope, KEY_LEN, KeyId, KeyInfo as CoreKeyInfo, KeyStatus,
    Keyring as CoreKeyring, PseudonymSecret, Pseudonymiser as CorePseudonymiser, RootSecret as CoreRootSecret,
    WrappedDataKey, hazmat,
};

use crate::convert::{bytes_from_js, from_js, string_from_js, u32_from_js, write};
use crate::error::SdkError;

/// The code of `openText` on a plaintext that is not UTF-8 text (it was sealed as bytes), as in every binding.
pub const NOT_TEXT: &str = cesizen_core::code::input::PLAINTEXT_NOT_UTF8;

/// Where an encrypted value belongs: the associated data that binds an envelope to its user, record and field,
/// so that a value moved elsewhere fails to decrypt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(tag = "kind", rename_all = "lowercase")]
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
    fn to_context(&self) -> Result<Context, SdkError> {
        Ok(match self {
            EncryptionContext::User { user } => Context::user(user)?,
            EncryptionContext::Record { user, record } => Context::record(user, record)?,
            EncryptionContext::Field { user, record, field } => Context::field(user, record, field)?,
        })
    }
}

fn context_from_js(context: &Ts<EncryptionContext>) -> Result<Context, SdkError> {
    from_js::<EncryptionContext, EncryptionContext>(context)?.to_context()
}

/// 32 bytes of key material from a `Uint8Array`, zeroized when dropped.
fn key_material(value: &JsValue) -> Result<Zeroizing<[u8; KEY_LEN]>, SdkError> {
    let bytes = Zeroizing::new(bytes_from_js(value)?);
    let mut material = Zeroizing::new([0u8; KEY_LEN]);
    if bytes.len() != KEY_LEN {
        return Err(SdkError::new(
            cesizen_core::code::input::KEY_LENGTH,
            "key material must be exactly 32 bytes",
        ));
    }
    material.copy_from_slice(&bytes);
    Ok(material)
}

/// A user's data key: seals and opens that user's envelopes. Holds secret material; `free()` it when done.
#[wasm_bindgen]
pub struct UserKey(DataKey);

#[wasm_bindgen]
impl UserKey {
    /// Imports a user's data key from its parts: the user's id, the key id written in each envelope, and the 32
    /// bytes of material, as delivered to the signed-in user over an authenticated channel. The material must be
    /// 32 uniformly random bytes used for nothing else (the SDK makes such keys; see `Keyring`).
    ///
    /// Throws `crypto.context.too_long` for a user id over the context limit; `input.key.invalid_length` unless
    /// `material` is 32 bytes; `input.argument.invalid` unless `material` is a `Uint8Array` and `keyId` a whole
    /// number from 0 to 2^32 − 1.
    #[wasm_bindgen(js_name = importRaw)]
    pub fn import_raw(
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(js_name = keyId, unchecked_param_type = "number")] key_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] material: JsValue,
    ) -> Result<UserKey, SdkError> {
        let user = string_from_js(&user_id)?;
        let id = KeyId::new(u32_from_js(&key_id)?);
        let material = key_material(&material)?;
        Ok(UserKey(hazmat::import_data_key(
            &user,
            id,
            *material,
            DEFAULT_MESSAGE_LIMIT,
        )?))
    }

    /// The key id written in every envelope this key seals.
    #[wasm_bindgen(getter, js_name = keyId)]
    pub fn key_id(&self) -> u32 {
        self.0.id().into()
    }

    /// The user the key belongs to.
    #[wasm_bindgen(getter, js_name = userId)]
    pub fn user_id(&self) -> String {
        self.0.user_id().to_owned()
    }

    /// Messages this key object has sealed, counted from the number it was created or unwrapped with.
    #[wasm_bindgen(getter, js_name = messagesSealed)]
    pub fn messages_sealed(&self) -> f64 {
        count_to_number(self.0.messages_sealed())
    }

    /// How many messages this key object may seal before it throws `crypto.key.limit_reached`.
    #[wasm_bindgen(getter, js_name = messageLimit)]
    pub fn message_limit(&self) -> f64 {
        count_to_number(self.0.message_limit())
    }

    /// Seals `plaintext` for `context` under a fresh random nonce; returns the envelope's text form (unpadded
    /// base64url).
    ///
    /// Throws `crypto.context.user_mismatch` when the context names another user, `crypto.key.limit_reached`,
    /// `crypto.random.unavailable`.
    pub fn seal(
        &self,
        context: Ts<EncryptionContext>,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] plaintext: JsValue,
    ) -> Result<String, SdkError> {
        let context = context_from_js(&context)?;
        let plaintext = Zeroizing::new(bytes_from_js(&plaintext)?);
        Ok(self.0.seal(&context, &plaintext)?.to_text())
    }

    /// Opens an envelope (text form) sealed for `context`.
    ///
    /// Throws `crypto.decrypt.failed` for any authentication failure (wrong key, context, or a changed byte),
    /// `crypto.envelope.malformed`, `crypto.version.unsupported`, `crypto.key.not_found` (another key id),
    /// `crypto.context.user_mismatch`.
    pub fn open(
        &self,
        context: Ts<EncryptionContext>,
        #[wasm_bindgen(unchecked_param_type = "string")] envelope: JsValue,
    ) -> Result<Vec<u8>, SdkError> {
        let context = context_from_js(&context)?;
        let envelope = Envelope::from_text(&string_from_js(&envelope)?)?;
        Ok(self.0.open(&context, &envelope)?.to_vec())
    }

    /// Seals a text (UTF-8) for `context`, as `seal` does.
    #[wasm_bindgen(js_name = sealText)]
    pub fn seal_text(
        &self,
        context: Ts<EncryptionContext>,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<String, SdkError> {
        let context = context_from_js(&context)?;
        let text = Zeroizing::new(string_from_js(&text)?);
        Ok(self.0.seal(&context, text.as_bytes())?.to_text())
    }

    /// Opens an envelope sealed with `sealText`.
    ///
    /// Throws as `open`, and `input.plaintext.not_utf8` when the plaintext is not text.
    #[wasm_bindgen(js_name = openText)]
    pub fn open_text(
        &self,
        context: Ts<EncryptionContext>,
        #[wasm_bindgen(unchecked_param_type = "string")] envelope: JsValue,
    ) -> Result<String, SdkError> {
        let context = context_from_js(&context)?;
        let envelope = Envelope::from_text(&string_from_js(&envelope)?)?;
        let plaintext = self.0.open(&context, &envelope)?;
        core::str::from_utf8(&plaintext)
            .map(str::to_owned)
            .map_err(|_| SdkError::new(NOT_TEXT, "the plaintext is not UTF-8 text"))
    }
}

/// Keyed pseudonyms for analytics exports: HMAC-SHA-256 under a secret that changes with every export, so that
/// two exports cannot be joined. Holds the secret; `free()` it when the export is done.
#[wasm_bindgen]
pub struct Pseudonymiser(CorePseudonymiser);

#[wasm_bindgen]
impl Pseudonymiser {
    /// A pseudonymiser keyed with `secret`: its text form (unpadded base64url of 32 bytes) or its 32 bytes.
    ///
    /// Throws `crypto.pseudonym.secret_invalid`; `input.key.invalid_length` for a `Uint8Array` that is not 32
    /// bytes, `input.argument.invalid` for anything but a string or a `Uint8Array`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] secret: JsValue,
    ) -> Result<Pseudonymiser, SdkError> {
        let secret = match secret.as_string() {
            Some(text) => PseudonymSecret::from_text(&Zeroizing::new(text))?,
            None => PseudonymSecret::from_bytes(*key_material(&secret)?),
        };
        Ok(Pseudonymiser(CorePseudonymiser::new(&secret)))
    }

    /// The pseudonym (unpadded base64url of 32 bytes) of `value` (UTF-8 text or bytes) in `domain`
    /// (1 to 64 bytes of `a-z 0-9 . _ -`, e.g. `"user.email"`).
    ///
    /// Throws `crypto.pseudonym.domain_invalid`, `crypto.input.too_long`.
    pub fn pseudonym(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] domain: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] value: JsValue,
    ) -> Result<String, SdkError> {
        let domain = string_from_js(&domain)?;
        let value = Zeroizing::new(match value.as_string() {
            Some(text) => text.into_bytes(),
            None => bytes_from_js(&value)?,
        });
        Ok(self.0.pseudonym(&domain, &value)?.to_text())
    }
}

/// The secret that seals a keyring file, kept in the server's secret manager. `free()` it once used.
#[wasm_bindgen]
pub struct RootSecret(CoreRootSecret);

#[wasm_bindgen]
impl RootSecret {
    /// Parses the text form (unpadded base64url of 32 bytes; surrounding whitespace ignored).
    ///
    /// Throws `crypto.root_secret.invalid`.
    pub fn parse(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<RootSecret, SdkError> {
        let text = Zeroizing::new(string_from_js(&text)?);
        Ok(RootSecret(CoreRootSecret::from_text(&text)?))
    }

    /// A fresh root secret from the platform's CSPRNG.
    ///
    /// Throws `crypto.random.unavailable`.
    pub fn generate() -> Result<RootSecret, SdkError> {
        Ok(RootSecret(CoreRootSecret::generate()?))
    }

    /// The text form, to store in the secret manager. The returned string is outside the SDK's control:
    /// JavaScript cannot erase it.
    #[wasm_bindgen(js_name = toText)]
    pub fn to_text(&self) -> String {
        self.0.to_text().as_str().to_owned()
    }
}

/// A message count as a JavaScript number: exact, as counts stay under the message limit (at most 2^32).
fn count_to_number(count: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let number = count as f64;
    number
}

/// The status of a keyring key (mirror of `cesizen_crypto::KeyStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum KeyringKeyStatus {
    /// Usable: the primary seals, every enabled key opens.
    Enabled,
    /// Kept but refused for every use until re-enabled.
    Disabled,
    /// Material erased for good; the id remains reserved.
    Destroyed,
}

/// What a keyring says about one of its keys (no material).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyringKeyInfo {
    /// The key's id.
    pub id: u32,
    /// Its status.
    pub status: KeyringKeyStatus,
    /// Whether it is the primary (the key that wraps new data keys).
    pub primary: bool,
    /// Data keys it has wrapped, counted against the message limit.
    pub messages_sealed: u64,
}

impl From<&CoreKeyInfo> for KeyringKeyInfo {
    fn from(info: &CoreKeyInfo) -> Self {
        KeyringKeyInfo {
            id: info.id.into(),
            status: match info.status {
                KeyStatus::Enabled => KeyringKeyStatus::Enabled,
                KeyStatus::Disabled => KeyringKeyStatus::Disabled,
                KeyStatus::Destroyed => KeyringKeyStatus::Destroyed,
            },
            primary: info.primary,
            messages_sealed: info.messages_sealed,
        }
    }
}

/// The server's keyring: key-encryption keys that wrap each user's data key, and seal backup streams.
/// Holds secret material; `free()` it when done.
#[wasm_bindgen]
pub struct Keyring(CoreKeyring);

#[wasm_bindgen]
impl Keyring {
    /// A new keyring with one random primary key.
    ///
    /// Throws `crypto.random.unavailable`.
    pub fn generate() -> Result<Keyring, SdkError> {
        Ok(Keyring(CoreKeyring::generate()?))
    }

    /// Opens a keyring file sealed with `root`.
    ///
    /// Throws `crypto.decrypt.failed` (wrong root secret or a changed byte), `crypto.keyring.malformed`,
    /// `crypto.envelope.malformed`, `crypto.version.unsupported`.
    pub fn open(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] sealed: JsValue,
        root: &RootSecret,
    ) -> Result<Keyring, SdkError> {
        Ok(Keyring(CoreKeyring::open(&bytes_from_js(&sealed)?, &root.0)?))
    }

    /// A keyring whose only key, primary, is `material` under `id` (a migration from an existing key store).
    /// The material must be 32 uniformly random bytes used for nothing else.
    ///
    /// Throws `crypto.key.exists` for id 0 (reserved).
    #[wasm_bindgen(js_name = importRaw)]
    pub fn import_raw(
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] material: JsValue,
    ) -> Result<Keyring, SdkError> {
        let id = KeyId::new(u32_from_js(&id)?);
        Ok(Keyring(hazmat::import_keyring(id, *key_material(&material)?)?))
    }

    /// Adds `material` as an enabled, non-primary key under `id` (a migration, as `importRaw`).
    ///
    /// Throws `crypto.key.exists`.
    #[wasm_bindgen(js_name = addRawKey)]
    pub fn add_raw_key(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] material: JsValue,
    ) -> Result<(), SdkError> {
        let id = KeyId::new(u32_from_js(&id)?);
        Ok(hazmat::import_keyring_key(&mut self.0, id, *key_material(&material)?)?)
    }

    /// Adds a random key (enabled, not primary) and returns its id.
    ///
    /// Throws `crypto.keyring.full`, `crypto.random.unavailable`.
    #[wasm_bindgen(js_name = addKey)]
    pub fn add_key(&mut self) -> Result<u32, SdkError> {
        Ok(self.0.add_key()?.into())
    }

    /// Makes key `id` the primary (it must be enabled).
    pub fn promote(&mut self, #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue) -> Result<(), SdkError> {
        Ok(self.0.promote(KeyId::new(u32_from_js(&id)?))?)
    }

    /// Disables key `id` (not the primary).
    pub fn disable(&mut self, #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue) -> Result<(), SdkError> {
        Ok(self.0.disable(KeyId::new(u32_from_js(&id)?))?)
    }

    /// Re-enables key `id`.
    pub fn enable(&mut self, #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue) -> Result<(), SdkError> {
        Ok(self.0.enable(KeyId::new(u32_from_js(&id)?))?)
    }

    /// Destroys key `id` (disabled first): every data key it wraps becomes unreadable.
    pub fn destroy(&mut self, #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue) -> Result<(), SdkError> {
        Ok(self.0.destroy(KeyId::new(u32_from_js(&id)?))?)
    }

    /// Sets how many data keys each key may wrap before it refuses.
    ///
    /// Throws `crypto.keyring.limit_invalid`.
    #[wasm_bindgen(js_name = setMessageLimit)]
    pub fn set_message_limit(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] limit: JsValue,
    ) -> Result<(), SdkError> {
        let limit = limit
            .as_f64()
            .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= 9_007_199_254_740_991.0);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let limit = limit
            .map(|n| n as u64)
            .ok_or_else(|| SdkError::invalid_input("whole number"))?;
        Ok(self.0.set_message_limit(limit)?)
    }

    /// How many data keys each key may wrap before it refuses (`crypto.key.limit_reached`); each key's count
    /// so far is its `messagesSealed` in [`keys`](Self::keys).
    #[wasm_bindgen(getter, js_name = messageLimit)]
    pub fn message_limit(&self) -> f64 {
        count_to_number(self.0.message_limit())
    }

    /// The id of the primary key, the one that wraps new data keys.
    #[wasm_bindgen(getter, js_name = primaryId)]
    pub fn primary_id(&self) -> u32 {
        self.0.primary_id().into()
    }

    /// What the keyring holds, by increasing id (no material).
    pub fn keys(&self) -> Result<Vec<Ts<KeyringKeyInfo>>, SdkError> {
        self.0
            .keys()
            .iter()
            .map(|info| write(&KeyringKeyInfo::from(info)))
            .collect()
    }

    /// The keyring file: every key and counter, sealed under `root`.
    ///
    /// Throws `crypto.random.unavailable`.
    pub fn seal(&self, root: &RootSecret) -> Result<Vec<u8>, SdkError> {
        Ok(self.0.seal(&root.0)?)
    }

    /// A fresh data key for `userId`; store `wrapDataKey(key)` beside the user, never the key itself.
    ///
    /// Throws `crypto.context.too_long`, `crypto.key.limit_reached`, `crypto.random.unavailable`.
    #[wasm_bindgen(js_name = generateDataKey)]
    pub fn generate_data_key(
        &self,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
    ) -> Result<UserKey, SdkError> {
        let (key, _wrapped) = self.0.generate_data_key(&string_from_js(&user_id)?)?;
        Ok(UserKey(key))
    }

    /// `key` wrapped under the primary key (text form), to store beside its user.
    ///
    /// Throws `crypto.key.limit_reached`, `crypto.random.unavailable`.
    #[wasm_bindgen(js_name = wrapDataKey)]
    pub fn wrap_data_key(&self, key: &UserKey) -> Result<String, SdkError> {
        Ok(self.0.wrap_data_key(&key.0)?.to_text())
    }

    /// Unwraps the data key of `userId`.
    ///
    /// Throws `crypto.decrypt.failed` (another user's key, a changed byte), `crypto.key.not_found`,
    /// `crypto.key.disabled`, `crypto.key.destroyed`, `crypto.envelope.malformed`.
    #[wasm_bindgen(js_name = unwrapDataKey)]
    pub fn unwrap_data_key(
        &self,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] wrapped: JsValue,
    ) -> Result<UserKey, SdkError> {
        let wrapped = WrappedDataKey::from_text(&string_from_js(&wrapped)?)?;
        Ok(UserKey(self.0.unwrap_data_key(&string_from_js(&user_id)?, &wrapped)?))
    }

    /// Rewraps a wrapped data key under the current primary (after a rotation); the data is not touched.
    ///
    /// Throws as `unwrapDataKey`.
    #[wasm_bindgen(js_name = rewrapDataKey)]
    pub fn rewrap_data_key(
        &self,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] wrapped: JsValue,
    ) -> Result<String, SdkError> {
        let wrapped = WrappedDataKey::from_text(&string_from_js(&wrapped)?)?;
        Ok(self.0.rewrap_data_key(&string_from_js(&user_id)?, &wrapped)?.to_text())
    }

    /// Seals a whole backup as a stream (64 KiB segments under the primary key).
    ///
    /// Throws `crypto.stream.too_long`, `crypto.random.unavailable`.
    #[wasm_bindgen(js_name = sealStream)]
    pub fn seal_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] plaintext: JsValue,
    ) -> Result<Vec<u8>, SdkError> {
        let plaintext = Zeroizing::new(bytes_from_js(&plaintext)?);
        let mut writer = self.0.stream_writer(Vec::new())?;
        writer.write_all(&plaintext).map_err(io_error)?;
        writer.finish().map_err(io_error)
    }

    /// Opens a whole backup stream; fails on any truncation, reordering, splice or changed byte.
    ///
    /// Throws `crypto.decrypt.failed`, `crypto.stream.malformed`, `crypto.version.unsupported`,
    /// `crypto.key.not_found`.
    #[wasm_bindgen(js_name = openStream)]
    pub fn open_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] stream: JsValue,
    ) -> Result<Vec<u8>, SdkError> {
        let stream = bytes_from_js(&stream)?;
        let mut reader = self.0.stream_reader(stream.as_slice())?;
        let mut plaintext = Zeroizing::new(Vec::new());
        reader.read_to_end(&mut plaintext).map_err(io_error)?;
        Ok(plaintext.to_vec())
    }
}

/// The crate error carried by a stream adapter's I/O error (the adapters over memory fail for no other reason).
fn io_error(error: std::io::Error) -> SdkError {
    cesizen_crypto::Error::from(error).into()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn contexts_read_the_vector_shape() {
        let field: EncryptionContext =
            serde_json::from_value(json!({"kind": "field", "user": "u", "record": "r", "field": "note"}))
                .expect("valid");
        assert_eq!(
            field,
            EncryptionContext::Field {
                user: "u".into(),
                record: "r".into(),
                field: "note".into()
            }
        );
        let user: EncryptionContext = serde_json::from_value(json!({"kind": "user", "user": "u"})).expect("valid");
        assert_eq!(
            user.to_context().expect("valid").as_bytes(),
            Context::user("u").expect("valid").as_bytes()
        );
        assert!(serde_json::from_value::<EncryptionContext>(json!({"kind": "data-key", "user": "u"})).is_err());
    }

    #[test]
    fn key_info_keeps_every_field() {
        let keyring = hazmat::import_keyring(KeyId::new(3), [7; KEY_LEN]).expect("valid");
        let infos: Vec<KeyringKeyInfo> = keyring.keys().iter().map(KeyringKeyInfo::from).collect();
        assert_eq!(
            infos,
            [KeyringKeyInfo {
                id: 3,
                status: KeyringKeyStatus::Enabled,
                primary: true,
                messages_sealed: 0
            }]
        );
    }
}
