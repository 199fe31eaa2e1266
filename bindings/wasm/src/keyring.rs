//! Server-side keys, for JavaScript servers (Next.js API routes on Node): keyed pseudonyms, root secrets,
//! keyrings, wrapped data keys and backup streams. The classes hold key material that stays inside the
//! WebAssembly memory and is zeroized when the object is released (`free()`, or the `FinalizationRegistry`).

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;
use zeroize::Zeroizing;

use cesizen_crypto::{
    KeyId, KeyInfo as CoreKeyInfo, KeyStatus, Keyring as CoreKeyring, PseudonymSecret,
    Pseudonymiser as CorePseudonymiser, RootSecret as CoreRootSecret, WrappedDataKey, hazmat,
};

use crate::convert::{bytes_from_js, string_from_js, u32_from_js, write};
use crate::crypto::{UserKey, count_to_number, key_material};
use crate::error::SdkError;

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

/// The status of a keyring key (mirror of `cesizen_crypto::KeyStatus`).
/// Binding shape: cesizen-crypto has no serde (the crate that holds keys depends on no serializer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
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
/// Binding shape: cesizen-crypto has no serde (the crate that holds keys depends on no serializer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
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
    use cesizen_crypto::KEY_LEN;

    use super::*;

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
