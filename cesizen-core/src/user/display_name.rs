//! Display names: the name other people and the app's greetings show.
//!
//! A display name is trimmed, holds 1 to [`MAX_DISPLAY_NAME_CHARS`] characters (Unicode scalar values, so
//! "Zoé" counts three whatever its byte length), and contains no control character and none of the invisible
//! formatting characters used for spoofing: bidirectional overrides and isolates (which can make a name read
//! backwards), the line and paragraph separators and the byte-order mark. Letters of every script are welcome.
//!
//! ```
//! use cesizen_core::user::DisplayName;
//!
//! assert_eq!(DisplayName::parse("  Zoé  ")?.as_str(), "Zoé");
//! assert_eq!(DisplayName::parse(" ").unwrap_err().code(), "validation.display_name.empty");
//! assert_eq!(DisplayName::parse("Ann\u{202E}eve").unwrap_err().code(), "validation.display_name.forbidden_character");
//! # Ok::<(), cesizen_core::user::UserError>(())
//! ```

use super::UserError;

/// The most characters (Unicode scalar values) a display name holds.
pub const MAX_DISPLAY_NAME_CHARS: usize = 64;

/// A trimmed, bounded display name without control or spoofing characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    /// Validates and trims a display name.
    ///
    /// # Errors
    /// `validation.display_name.empty`, `validation.display_name.forbidden_character` or
    /// `validation.display_name.too_long`, checked in that order.
    pub fn parse(input: &str) -> Result<Self, UserError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(UserError::DisplayNameEmpty);
        }
        if trimmed.chars().any(is_forbidden) {
            return Err(UserError::DisplayNameForbiddenCharacter);
        }
        if trimmed.chars().count() > MAX_DISPLAY_NAME_CHARS {
            return Err(UserError::DisplayNameTooLong);
        }
        Ok(DisplayName(trimmed.to_owned()))
    }

    /// The display name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Control characters (Unicode Cc) and the invisible characters that reorder or split text.
fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' // left-to-right and right-to-left marks
            | '\u{202A}'..='\u{202E}' // embeddings and overrides
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{FEFF}' // byte-order mark
        )
}

impl core::fmt::Display for DisplayName {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DisplayName {
    type Error = UserError;

    fn try_from(input: String) -> Result<Self, Self::Error> {
        DisplayName::parse(&input)
    }
}

impl From<DisplayName> for String {
    fn from(name: DisplayName) -> Self {
        name.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_names_in_any_script() {
        for ok in ["A", "Zoé", "Jean-Luc Picard", "王小明", "Ольга", "محمد", "🙂 Sam"] {
            assert_eq!(DisplayName::parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let longest = "é".repeat(MAX_DISPLAY_NAME_CHARS);
        assert!(DisplayName::parse(&longest).is_ok());
        assert_eq!(
            DisplayName::parse(&format!("{longest}é")),
            Err(UserError::DisplayNameTooLong)
        );
    }

    #[test]
    fn refuses_empty_controls_and_spoofing_characters() {
        assert_eq!(DisplayName::parse(""), Err(UserError::DisplayNameEmpty));
        assert_eq!(DisplayName::parse(" \t\n "), Err(UserError::DisplayNameEmpty));
        for bad in [
            "a\u{0}b",
            "a\nb",
            "a\u{7F}b",
            "a\u{202E}b",
            "a\u{2067}b",
            "a\u{200F}b",
            "a\u{2028}b",
            "a\u{FEFF}b",
        ] {
            assert_eq!(
                DisplayName::parse(bad),
                Err(UserError::DisplayNameForbiddenCharacter),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn serde_is_the_string_and_validates() {
        let name = DisplayName::parse("Zoé").unwrap();
        assert_eq!(serde_json::to_string(&name).unwrap(), "\"Zoé\"");
        assert_eq!(serde_json::from_str::<DisplayName>("\" Zoé \"").unwrap(), name);
        assert!(serde_json::from_str::<DisplayName>("\"\"").is_err());
    }

    proptest! {
        #[test]
        fn printable_names_are_accepted_trimmed(name in "[\\p{L}\\p{N}][\\p{L}\\p{N} '-]{0,62}") {
            let parsed = DisplayName::parse(&format!("  {name} ")).unwrap();
            prop_assert_eq!(parsed.as_str(), name.trim());
            let json = serde_json::to_string(&parsed).unwrap();
            prop_assert_eq!(serde_json::from_str::<DisplayName>(&json).unwrap(), parsed);
        }

        #[test]
        fn any_input_is_accepted_or_refused_without_panic(input in "(?s).{0,100}") {
            if let Ok(name) = DisplayName::parse(&input) {
                prop_assert!(!name.as_str().is_empty());
                prop_assert!(name.as_str().chars().count() <= MAX_DISPLAY_NAME_CHARS);
                prop_assert!(!name.as_str().chars().any(is_forbidden));
                prop_assert_eq!(name.as_str(), name.as_str().trim());
            }
        }
    }
}
