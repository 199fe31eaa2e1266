//! Text that must not leak: no clear `Debug`, zeroized on drop, exposed only on purpose.

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Text the user confided (a journal note): it never appears in logs or panics, and its memory is wiped when
/// it is dropped.
///
/// - `Debug` prints `SensitiveText(<redacted>)`; there is no `Display`.
/// - [`SensitiveText::expose`] is the one way to read it, so reading it is visible in review (the crypto crate
///   encrypts what `expose` returns; a UI shows it).
/// - Equality runs in constant time over the bytes (lengths may differ in time).
/// - serde writes and reads the clear text: JSON is how a note reaches the client, the crypto crate or a GDPR
///   export. Whatever stores it encrypts it first. Buffers a serializer made along the way are not wiped.
///
/// ```
/// use cesizen_core::emotion::SensitiveText;
///
/// let text = SensitiveText::new("I felt better after the walk.".to_owned());
/// assert_eq!(format!("{text:?}"), "SensitiveText(<redacted>)");
/// assert_eq!(text.expose(), "I felt better after the walk.");
/// ```
#[derive(Clone, Default, Zeroize, ZeroizeOnDrop)]
pub struct SensitiveText(String);

impl SensitiveText {
    /// Takes ownership of the text; it is wiped when this value is dropped.
    pub fn new(text: String) -> Self {
        SensitiveText(text)
    }

    /// The clear text. Call it only to encrypt, display or export the text.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The length in Unicode scalar values (what a user counts as characters, near enough).
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }
}

impl core::fmt::Debug for SensitiveText {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SensitiveText(<redacted>)")
    }
}

impl PartialEq for SensitiveText {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

impl Eq for SensitiveText {}

impl serde::Serialize for SensitiveText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for SensitiveText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SensitiveText)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_text_and_equality_compares_it() {
        let a = SensitiveText::new("secret".into());
        assert!(!format!("{a:?}").contains("secret"));
        assert_eq!(a, SensitiveText::new("secret".into()));
        assert_ne!(a, SensitiveText::new("secreT".into()));
        assert_ne!(a, SensitiveText::new("secret!".into()));
        assert_eq!(SensitiveText::new("é🙂".into()).char_count(), 2);
    }

    #[test]
    fn zeroize_wipes_the_text() {
        let mut a = SensitiveText::new("secret".into());
        a.zeroize();
        assert_eq!(a.expose(), "");
    }

    #[test]
    fn serde_is_the_clear_string() {
        let a = SensitiveText::new("line\nnext".into());
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#""line\nnext""#);
        assert_eq!(serde_json::from_str::<SensitiveText>(&json).unwrap(), a);
    }
}
