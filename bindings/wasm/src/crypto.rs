//! Client-side encryption: the user's data key and envelopes bound to their place (pseudonyms, keyrings,
//! wrapped data keys and backup streams, for JavaScript servers, are the operations module's: [`crate::keyring`]).
//!
//! Everything here is `cesizen-crypto`; this module converts arguments and errors only. The object that holds
//! a secret ([`UserKey`]) is a class: their key material
//! stays inside the WebAssembly memory, is never handed to JavaScript, and is zeroized when the object is
//! released — by `free()`, or by the `FinalizationRegistry` that wasm-bindgen registers every instance with
//! when the object is garbage-collected. Call `free()` as soon as a key is no longer needed: the garbage
//! collector gives no guarantee of when, or whether, it runs.
//!
//! The envelope layout is public (see `ARCHITECTURE.md` §3): WebCrypto's AES-GCM opens an envelope given the
//! key and the associated data, and the package's tests prove it in both directions.

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;
use zeroize::Zeroizing;

use cesizen_crypto::{Context, DEFAULT_MESSAGE_LIMIT, DataKey, Envelope, KEY_LEN, KeyId, hazmat};

use crate::convert::{bytes_from_js, from_js, string_from_js, u32_from_js};
use crate::error::SdkError;

/// The code of `openText` on a plaintext that is not UTF-8 text (it was sealed as bytes), as in every binding.
pub const NOT_TEXT: &str = cesizen_core::code::input::PLAINTEXT_NOT_UTF8;

/// Where an encrypted value belongs: the associated data that binds an envelope to its user, record and field,
/// so that a value moved elsewhere fails to decrypt.
/// Binding shape: `cesizen_crypto::Context` is the encoded associated data; JavaScript names its parts in a tagged object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
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

pub(crate) fn context_from_js(context: &Ts<EncryptionContext>) -> Result<Context, SdkError> {
    from_js::<EncryptionContext, EncryptionContext>(context)?.to_context()
}

/// 32 bytes of key material from a `Uint8Array`, zeroized when dropped.
pub(crate) fn key_material(value: &JsValue) -> Result<Zeroizing<[u8; KEY_LEN]>, SdkError> {
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
pub struct UserKey(pub(crate) DataKey);

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

/// A message count as a JavaScript number: exact, as counts stay under the message limit (at most 2^32).
pub(crate) fn count_to_number(count: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let number = count as f64;
    number
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
}
