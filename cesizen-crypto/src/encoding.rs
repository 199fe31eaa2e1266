//! The two encodings every format of this crate shares: length-prefixed fields (for associated data, HMAC
//! inputs) and unpadded base64url (for text forms). One implementation each, so bindings have one rule to copy.

use base64ct::{Base64UrlUnpadded, Encoding};

use crate::{Error, Result};

/// Appends `u32_be(len(part)) || part`. Length prefixes make a sequence of parts injective: no two different
/// sequences encode to the same bytes, whatever the parts contain.
pub(crate) fn push_length_prefixed(out: &mut Vec<u8>, part: &[u8]) -> Result<()> {
    let len = u32::try_from(part.len()).map_err(|_| Error::InputTooLong)?;
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(part);
    Ok(())
}

/// Unpadded base64url (RFC 4648 §5), constant-time.
pub(crate) fn to_base64url(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// Decodes unpadded base64url; `None` when the text is not canonical unpadded base64url.
pub(crate) fn from_base64url(text: &str) -> Option<Vec<u8>> {
    Base64UrlUnpadded::decode_vec(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_prefix_is_big_endian_u32() {
        let mut out = Vec::new();
        push_length_prefixed(&mut out, b"ab").expect("short");
        push_length_prefixed(&mut out, b"").expect("short");
        assert_eq!(out, [0, 0, 0, 2, b'a', b'b', 0, 0, 0, 0]);
    }

    #[test]
    fn base64url_is_unpadded_and_url_safe() {
        assert_eq!(to_base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(from_base64url("-_8"), Some(vec![0xfb, 0xff]));
        assert_eq!(from_base64url("+/8"), None);
        assert_eq!(from_base64url("-_8="), None);
    }
}
