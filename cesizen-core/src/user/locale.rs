//! Locales: the user's language and region as a BCP 47 language tag (RFC 5646).
//!
//! The crate checks that a tag is **well-formed** (RFC 5646 §2.1 grammar) and puts it in canonical case
//! (§2.1.1: language lower case, script title case, region upper case), so `FR-fr` and `fr-FR` are the same
//! locale. It does not check the subtags against the IANA registry: a well-formed tag the app has no
//! translation for falls back in the UI, which is the UI's business.
//!
//! ```text
//! langtag   = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
//! language  = 2*3ALPHA *3("-" 3ALPHA)  /  4*8ALPHA          (the second form: reserved or registered)
//! script    = 4ALPHA                    region  = 2ALPHA / 3DIGIT
//! variant   = 5*8alphanum / (DIGIT 3alphanum)
//! extension = singleton 1*("-" 2*8alphanum)   (singleton: any alphanumeric but "x")
//! privateuse = "x" 1*("-" 1*8alphanum)
//! ```
//!
//! Refused on purpose: the irregular grandfathered tags (`i-klingon`…), tags made only of a private-use part,
//! repeated variants or singletons, the underscore separator of POSIX locales (`fr_FR`: convert it where it is
//! read), and tags longer than [`MAX_LOCALE_LENGTH`].
//!
//! ```
//! use cesizen_core::user::Locale;
//!
//! assert_eq!(Locale::parse("fr-fr")?.as_str(), "fr-FR");
//! assert_eq!(Locale::parse("zh-hant-tw")?.as_str(), "zh-Hant-TW");
//! assert_eq!(Locale::parse("fr_FR").unwrap_err().code(), "validation.locale.invalid");
//! # Ok::<(), cesizen_core::user::UserError>(())
//! ```

use super::UserError;

/// The longest accepted tag, in characters. RFC 5646 §4.4.1 asks implementations to handle at least 35.
pub const MAX_LOCALE_LENGTH: usize = 64;

/// A well-formed BCP 47 language tag in canonical case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Locale(String);

impl Locale {
    /// Checks the tag's shape and puts it in canonical case.
    ///
    /// # Errors
    /// `validation.locale.invalid` when the tag is not well-formed (see the module documentation).
    pub fn parse(input: &str) -> Result<Self, UserError> {
        if input.is_empty() || input.len() > MAX_LOCALE_LENGTH {
            return Err(UserError::LocaleInvalid);
        }
        let subtags: Vec<&str> = input.split('-').collect();
        if !subtags
            .iter()
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            return Err(UserError::LocaleInvalid);
        }
        let canonical = canonical_subtags(&subtags).ok_or(UserError::LocaleInvalid)?;
        Ok(Locale(canonical.join("-")))
    }

    /// The canonical tag, e.g. `"fr-FR"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag, e.g. `"fr"`.
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

fn is_alpha(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn is_variant(s: &str) -> bool {
    s.len() >= 5 || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit())
}

/// Walks the grammar over ASCII-alphanumeric subtags of 1–8 characters; returns them in canonical case.
fn canonical_subtags(subtags: &[&str]) -> Option<Vec<String>> {
    let mut out = Vec::with_capacity(subtags.len());
    let mut rest = subtags.iter().copied().peekable();

    let language = rest.next()?;
    if !is_alpha(language) || language.len() < 2 {
        return None;
    }
    out.push(language.to_ascii_lowercase());
    if language.len() <= 3 {
        for _ in 0..3 {
            match rest.next_if(|s| s.len() == 3 && is_alpha(s)) {
                Some(extlang) => out.push(extlang.to_ascii_lowercase()),
                None => break,
            }
        }
    }
    if let Some(script) = rest.next_if(|s| s.len() == 4 && is_alpha(s)) {
        let lower = script.to_ascii_lowercase();
        out.push(lower[..1].to_ascii_uppercase() + &lower[1..]);
    }
    if let Some(region) = rest.next_if(|s| (s.len() == 2 && is_alpha(s)) || (s.len() == 3 && is_digits(s))) {
        out.push(region.to_ascii_uppercase());
    }
    let mut seen_variants: Vec<String> = Vec::new();
    while let Some(variant) = rest.next_if(|s| is_variant(s)) {
        let variant = variant.to_ascii_lowercase();
        if seen_variants.contains(&variant) {
            return None;
        }
        seen_variants.push(variant.clone());
        out.push(variant);
    }
    let mut seen_singletons: Vec<String> = Vec::new();
    while let Some(singleton) = rest.next_if(|s| s.len() == 1 && !s.eq_ignore_ascii_case("x")) {
        let singleton = singleton.to_ascii_lowercase();
        if seen_singletons.contains(&singleton) {
            return None;
        }
        seen_singletons.push(singleton.clone());
        out.push(singleton);
        let before = out.len();
        while let Some(part) = rest.next_if(|s| s.len() >= 2) {
            out.push(part.to_ascii_lowercase());
        }
        if out.len() == before {
            return None;
        }
    }
    if rest.next_if(|s| s.eq_ignore_ascii_case("x")).is_some() {
        out.push("x".to_owned());
        let before = out.len();
        out.extend(rest.by_ref().map(str::to_ascii_lowercase));
        if out.len() == before {
            return None;
        }
    }
    rest.next().is_none().then_some(out)
}

impl core::fmt::Display for Locale {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Locale {
    type Error = UserError;

    fn try_from(input: String) -> Result<Self, Self::Error> {
        Locale::parse(&input)
    }
}

impl From<Locale> for String {
    fn from(locale: Locale) -> Self {
        locale.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_well_formed_tags_in_canonical_case() {
        for (input, canonical) in [
            ("fr", "fr"),
            ("FR-fr", "fr-FR"),
            ("en-GB", "en-GB"),
            ("es-419", "es-419"),
            ("zh-Hant-TW", "zh-Hant-TW"),
            ("sr-latn-rs", "sr-Latn-RS"),
            ("zh-yue-HK", "zh-yue-HK"),
            ("de-CH-1996", "de-CH-1996"),
            ("sl-rozaj-biske", "sl-rozaj-biske"),
            ("en-US-u-ca-gregory", "en-US-u-ca-gregory"),
            ("fr-FR-x-Cesizen", "fr-FR-x-cesizen"),
            ("gsw", "gsw"),
        ] {
            assert_eq!(Locale::parse(input).unwrap().as_str(), canonical, "{input}");
        }
        assert_eq!(Locale::parse("pt-BR").unwrap().language(), "pt");
    }

    #[test]
    fn refuses_malformed_tags() {
        for bad in [
            "",
            "f",
            "fr_FR",
            "fr-",
            "-fr",
            "fr--FR",
            "fr-FR-",
            "123",
            "x-private",
            "i-klingon",
            "en-u",
            "en-u-ca-u-nu",
            "de-1996-1996",
            "en-x",
            "en-a-b",
            "fr FR",
            "fr-FRANCAISE1",
            "é",
            "en-US-a-bbb-a-ccc",
        ] {
            assert_eq!(Locale::parse(bad), Err(UserError::LocaleInvalid), "{bad:?}");
        }
        assert_eq!(
            Locale::parse(&format!("en-x-{}", "-abc".repeat(20))),
            Err(UserError::LocaleInvalid)
        );
    }

    #[test]
    fn serde_is_the_canonical_tag() {
        let locale: Locale = serde_json::from_str("\"fr-fr\"").unwrap();
        assert_eq!(serde_json::to_string(&locale).unwrap(), "\"fr-FR\"");
        assert!(serde_json::from_str::<Locale>("\"fr_FR\"").is_err());
    }

    proptest! {
        #[test]
        fn language_region_tags_are_accepted(language in "[a-zA-Z]{2,3}", region in "[a-zA-Z]{2}") {
            let locale = Locale::parse(&format!("{language}-{region}")).unwrap();
            prop_assert_eq!(locale.as_str(), format!("{}-{}", language.to_lowercase(), region.to_uppercase()));
            prop_assert_eq!(Locale::parse(locale.as_str()).unwrap(), locale.clone(), "canonical form is stable");
            let json = serde_json::to_string(&locale).unwrap();
            prop_assert_eq!(serde_json::from_str::<Locale>(&json).unwrap(), locale);
        }

        #[test]
        fn any_input_is_accepted_or_refused_without_panic(input in "[a-zA-Z0-9_ -]{0,40}|\\PC{0,40}") {
            if let Ok(locale) = Locale::parse(&input) {
                prop_assert!(input.eq_ignore_ascii_case(locale.as_str()));
                prop_assert_eq!(Locale::parse(locale.as_str()).unwrap(), locale);
            }
        }
    }
}
