//! The free-text note of a journal entry.

use serde::{Deserialize, Serialize};

use crate::emotion::{EmotionError, SensitiveText};

/// A journal entry's free-text note: 1 to 2,000 characters, no control characters except line feeds and tabs,
/// held as [`SensitiveText`] (redacted `Debug`, wiped on drop) so that storage encrypts it field by field.
///
/// Characters are Unicode scalar values, counted as the app counts them (`"é"` is one, `"🙂"` is one). Control
/// characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) other than `\n` and `\t` are refused: they
/// have no place in a note and can corrupt logs and terminals; carriage returns are refused too, so a client
/// sends `\n` line ends. A refused text is wiped before the error is returned.
///
/// ```
/// use cesizen_core::emotion::JournalNote;
///
/// let note = JournalNote::new("Slept badly.\nBetter after the breathing exercise.".to_owned())?;
/// assert_eq!(note.expose().lines().count(), 2);
/// assert_eq!(JournalNote::new("x".repeat(2001)).unwrap_err().code(), "validation.note.too_long");
/// assert_eq!(JournalNote::new("bell\u{7}".into()).unwrap_err().code(), "validation.note.control_character");
/// # Ok::<(), cesizen_core::emotion::EmotionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SensitiveText", into = "SensitiveText")]
pub struct JournalNote(SensitiveText);

impl JournalNote {
    /// The most characters a note may have.
    pub const MAX_CHARS: usize = 2_000;

    /// Validates a note.
    ///
    /// # Errors
    /// `validation.note.empty`, `validation.note.too_long` or `validation.note.control_character`.
    pub fn new(text: String) -> Result<Self, EmotionError> {
        JournalNote::try_from(SensitiveText::new(text))
    }

    /// The clear text. Call it only to encrypt, display or export the note.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }

    /// The note as sensitive text.
    pub fn as_sensitive(&self) -> &SensitiveText {
        &self.0
    }
}

impl TryFrom<SensitiveText> for JournalNote {
    type Error = EmotionError;

    /// Validates the text; on refusal it is dropped, hence wiped.
    fn try_from(text: SensitiveText) -> Result<Self, Self::Error> {
        let mut chars = 0usize;
        for c in text.expose().chars() {
            chars += 1;
            if chars > Self::MAX_CHARS {
                return Err(EmotionError::NoteTooLong);
            }
            if c.is_control() && c != '\n' && c != '\t' {
                return Err(EmotionError::NoteControlCharacter);
            }
        }
        if chars == 0 {
            return Err(EmotionError::NoteEmpty);
        }
        Ok(JournalNote(text))
    }
}

impl From<JournalNote> for SensitiveText {
    fn from(note: JournalNote) -> Self {
        note.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn length_is_counted_in_characters() {
        assert!(
            JournalNote::new("é".repeat(2000)).is_ok(),
            "4,000 bytes, 2,000 characters"
        );
        assert!(JournalNote::new("🙂".repeat(2000)).is_ok());
        assert_eq!(JournalNote::new("🙂".repeat(2001)), Err(EmotionError::NoteTooLong));
        assert_eq!(JournalNote::new(String::new()), Err(EmotionError::NoteEmpty));
    }

    #[test]
    fn only_line_feed_and_tab_among_controls() {
        assert!(JournalNote::new("a\tb\nc".into()).is_ok());
        for c in ['\r', '\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}'] {
            assert_eq!(
                JournalNote::new(format!("a{c}b")),
                Err(EmotionError::NoteControlCharacter),
                "{c:?}"
            );
        }
        assert!(JournalNote::new("zero\u{200b}width is not a control".into()).is_ok());
    }

    #[test]
    fn json_validates_and_debug_redacts() {
        let note = JournalNote::new("private".into()).unwrap();
        assert!(!format!("{note:?}").contains("private"));
        assert_eq!(serde_json::to_string(&note).unwrap(), r#""private""#);
        assert!(serde_json::from_str::<JournalNote>(r#""""#).is_err());
        assert!(serde_json::from_str::<JournalNote>(r#""a\rb""#).is_err());
    }

    proptest! {
        #[test]
        fn accepted_exactly_when_the_rules_hold(text in "(?s).{0,40}", pad in 1_990usize..2_010) {
            for candidate in [text.clone(), text.repeat(pad / text.chars().count().max(1))] {
                let n = candidate.chars().count();
                let bad_control = candidate.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
                match JournalNote::new(candidate.clone()) {
                    Ok(note) => {
                        prop_assert!((1..=JournalNote::MAX_CHARS).contains(&n) && !bad_control);
                        prop_assert_eq!(note.expose(), candidate.as_str());
                        let json = serde_json::to_string(&note).unwrap();
                        prop_assert_eq!(serde_json::from_str::<JournalNote>(&json).unwrap(), note);
                    }
                    Err(EmotionError::NoteEmpty) => prop_assert_eq!(n, 0),
                    Err(EmotionError::NoteTooLong) => prop_assert!(n > JournalNote::MAX_CHARS),
                    Err(EmotionError::NoteControlCharacter) => prop_assert!(bad_control),
                    Err(e) => prop_assert!(false, "unexpected {e:?}"),
                }
            }
        }
    }
}
