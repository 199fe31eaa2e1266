//! Envelope v1: one AES-256-GCM message with its header, the format of every encrypted field.
//!
//! | bytes | content |
//! |---|---|
//! | 0 | format version, `0x01` |
//! | 1..5 | key id, `u32` big-endian |
//! | 5..17 | nonce, 96 random bits |
//! | 17.. | AES-256-GCM ciphertext, then the 16-byte tag |
//!
//! Associated data = bytes `0..5` of the header, then the encoded [`crate::Context`]. The nonce is not repeated
//! in the associated data: GCM authenticates it already. Text form: unpadded base64url of the bytes.

use core::fmt;
use core::str::FromStr;

use crate::cipher::{Cipher, NONCE_LEN, TAG_LEN};
use crate::encoding::{from_base64url, to_base64url};
use crate::sealing_key::SealingKey;
use crate::{Error, KeyId, Plaintext, Result, random};

/// The envelope format version this crate writes and reads.
pub const ENVELOPE_VERSION: u8 = 0x01;
/// Header length: version, key id, nonce.
pub const ENVELOPE_HEADER_LEN: usize = 1 + 4 + NONCE_LEN;
/// Bytes an envelope adds to its plaintext: header and tag.
pub const ENVELOPE_OVERHEAD: usize = ENVELOPE_HEADER_LEN + TAG_LEN;
/// Header bytes bound into the associated data: version and key id.
const AAD_HEADER_LEN: usize = 5;

/// An encrypted value: header, ciphertext and tag. A value of this type is structurally valid (long enough,
/// known version); whether it authenticates is decided when it is opened.
///
/// Its bytes are not secret: `Display` and [`Envelope::to_text`] give the base64url text form.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Envelope(Vec<u8>);

impl Envelope {
    /// Checks the structure of `bytes`: at least [`ENVELOPE_OVERHEAD`] bytes and version [`ENVELOPE_VERSION`].
    ///
    /// # Errors
    /// [`Error::VersionUnsupported`] for another first byte, [`Error::EnvelopeMalformed`] when too short.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self> {
        match bytes.first() {
            Some(&ENVELOPE_VERSION) if bytes.len() >= ENVELOPE_OVERHEAD => Ok(Self(bytes)),
            Some(&ENVELOPE_VERSION) | None => Err(Error::EnvelopeMalformed),
            Some(&other) => Err(Error::VersionUnsupported(other)),
        }
    }

    /// Parses the text form (unpadded base64url).
    ///
    /// # Errors
    /// [`Error::EnvelopeMalformed`] when the text is not canonical unpadded base64url, then as
    /// [`Envelope::from_bytes`].
    pub fn from_text(text: &str) -> Result<Self> {
        Self::from_bytes(from_base64url(text).ok_or(Error::EnvelopeMalformed)?)
    }

    /// The envelope's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The envelope's bytes, by value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    /// The text form: unpadded base64url.
    pub fn to_text(&self) -> String {
        to_base64url(&self.0)
    }

    /// The id of the key that sealed it.
    pub fn key_id(&self) -> KeyId {
        let [_, a, b, c, d, ..] = self.0[..] else {
            return KeyId::ROOT; // unreachable: the constructor checked the length
        };
        KeyId::from_be_bytes([a, b, c, d])
    }

    /// Length of the plaintext inside.
    pub fn plaintext_len(&self) -> usize {
        self.0.len() - ENVELOPE_OVERHEAD
    }

    /// Seals `plaintext` under `key` with a fresh nonce from the userspace CSPRNG.
    pub(crate) fn seal(key: &SealingKey, context: &[u8], plaintext: &[u8]) -> Result<Self> {
        Self::seal_with_nonce(key, context, plaintext, random::public_array()?)
    }

    /// Seals with the given nonce. Only [`Envelope::seal`] and the deterministic test constructors of
    /// [`crate::hazmat`] call this: a nonce must never repeat under one key.
    pub(crate) fn seal_with_nonce(
        key: &SealingKey,
        context: &[u8],
        plaintext: &[u8],
        nonce: [u8; NONCE_LEN],
    ) -> Result<Self> {
        key.count_message()?;
        let aad_header = aad_header(key.id());
        let body_end = ENVELOPE_HEADER_LEN + plaintext.len();
        // The associated data is written after the body, where the tag goes next: one buffer for the message.
        let mut out = Vec::with_capacity(body_end + TAG_LEN.max(AAD_HEADER_LEN + context.len()));
        out.extend_from_slice(&aad_header);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(plaintext);
        out.extend_from_slice(&aad_header);
        out.extend_from_slice(context);
        let (message, aad) = out.split_at_mut(body_end);
        let tag = key
            .cipher()
            .seal_in_place(&nonce, aad, &mut message[ENVELOPE_HEADER_LEN..])?;
        out.truncate(body_end);
        out.extend_from_slice(&tag);
        Ok(Self(out))
    }

    /// Opens with `cipher` (the caller has matched the key id) under `context`.
    pub(crate) fn open(&self, cipher: &Cipher, context: &[u8]) -> Result<Plaintext> {
        let (header, rest) = self.0.split_at(ENVELOPE_HEADER_LEN);
        let (ciphertext, tag) = rest.split_at(rest.len() - TAG_LEN);
        let nonce: &[u8; NONCE_LEN] = header[AAD_HEADER_LEN..]
            .try_into()
            .map_err(|_| Error::EnvelopeMalformed)?;
        let tag: &[u8; TAG_LEN] = tag.try_into().map_err(|_| Error::EnvelopeMalformed)?;
        // As in sealing, the associated data follows the bytes to decrypt; it is public, and cut off before the
        // buffer becomes the plaintext.
        let mut buf = Vec::with_capacity(ciphertext.len() + AAD_HEADER_LEN + context.len());
        buf.extend_from_slice(ciphertext);
        buf.extend_from_slice(&header[..AAD_HEADER_LEN]);
        buf.extend_from_slice(context);
        let (body, aad) = buf.split_at_mut(ciphertext.len());
        let opened = cipher.open_in_place(nonce, aad, body, tag);
        buf.truncate(ciphertext.len());
        let plaintext = Plaintext::new(buf);
        opened?;
        Ok(plaintext)
    }
}

/// The header bytes bound into the associated data: version and key id.
fn aad_header(key_id: KeyId) -> [u8; AAD_HEADER_LEN] {
    let [a, b, c, d] = key_id.to_be_bytes();
    [ENVELOPE_VERSION, a, b, c, d]
}

impl TryFrom<Vec<u8>> for Envelope {
    type Error = Error;

    fn try_from(bytes: Vec<u8>) -> Result<Self> {
        Self::from_bytes(bytes)
    }
}

impl AsRef<[u8]> for Envelope {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl FromStr for Envelope {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        Self::from_text(text)
    }
}

/// The text form (unpadded base64url).
impl fmt::Display for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

/// The key id and sizes; the bytes are left out to keep logs short.
impl fmt::Debug for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Envelope")
            .field("key_id", &self.key_id())
            .field("plaintext_len", &self.plaintext_len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SealingKey {
        SealingKey::new(KeyId::new(0x0102_0304), &[9; 32], 0, 100)
    }

    #[test]
    fn layout_is_version_key_id_nonce_ciphertext_tag() {
        let env = Envelope::seal_with_nonce(&key(), b"ctx", b"hello", [7; 12]).expect("seal");
        let bytes = env.as_bytes();
        assert_eq!(bytes.len(), ENVELOPE_OVERHEAD + 5);
        assert_eq!(bytes[..5], [1, 1, 2, 3, 4]);
        assert_eq!(bytes[5..17], [7; 12]);
        assert_eq!(env.key_id(), KeyId::new(0x0102_0304));
        // The same message through the primitive, with the documented associated data.
        let mut expected = *b"hello";
        let mut aad = vec![1, 1, 2, 3, 4];
        aad.extend_from_slice(b"ctx");
        let tag = Cipher::new(&[9; 32])
            .seal_in_place(&[7; 12], &aad, &mut expected)
            .expect("seal");
        assert_eq!(bytes[17..22], expected);
        assert_eq!(bytes[22..], tag);
    }

    #[test]
    fn open_restores_under_short_and_long_contexts() {
        let long_context = vec![3u8; 4096];
        for context in [&b"short"[..], &long_context] {
            let env = Envelope::seal(&key(), context, b"entry").expect("seal");
            let plain = env.open(&Cipher::new(&[9; 32]), context).expect("open");
            assert_eq!(plain.as_slice(), b"entry");
            assert!(env.open(&Cipher::new(&[9; 32]), b"other").is_err());
        }
    }

    #[test]
    fn structure_is_checked_before_any_key_is_used() {
        assert_eq!(
            Envelope::from_bytes(vec![]).map_err(|e| e.code()),
            Err("crypto.envelope.malformed")
        );
        assert_eq!(
            Envelope::from_bytes(vec![1; 32]).map_err(|e| e.code()),
            Err("crypto.envelope.malformed")
        );
        assert_eq!(
            Envelope::from_bytes(vec![2; 40]).map_err(|e| e.code()),
            Err("crypto.version.unsupported")
        );
        assert!(Envelope::from_bytes(vec![1; 33]).is_ok());
        assert_eq!(
            Envelope::from_text("not base64!").map_err(|e| e.code()),
            Err("crypto.envelope.malformed")
        );
    }

    #[test]
    fn text_form_round_trips() {
        let env = Envelope::seal(&key(), b"", b"x").expect("seal");
        let text = env.to_string();
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(text.parse::<Envelope>().expect("parse"), env);
        assert!(format!("{env:?}").contains("plaintext_len: 1"));
    }
}
