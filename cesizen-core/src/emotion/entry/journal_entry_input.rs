//! A journal entry as a client sends it, before validation.

use serde::Deserialize;

use crate::emotion::{
    ContextTags, Emotion, EmotionError, EntryKind, Intensity, JournalEntry, JournalEntryParts, JournalNote,
    SensitiveText, Valence,
};
use crate::id::{JournalEntryId, UserId};
use crate::tz::Tz;
use crate::user::IanaTimeZone;

/// A journal entry exactly as JSON carries it: plain strings and numbers, so that any well-formed JSON object
/// reaches [`JournalEntryInput::validate`], which answers with the entry or with the stable code of the first
/// invalid field (checked in field order). Bindings and the server validate through this one function.
///
/// Unknown fields are refused (a misspelt `context_tags` would otherwise be silently dropped).
///
/// ```
/// use cesizen_core::emotion::JournalEntryInput;
///
/// let input: JournalEntryInput = serde_json::from_str(r#"{
///     "id": "0195943a-3ec0-7707-8707-070707070707",
///     "userId": "0195943a-3ec0-7707-8707-080808080808",
///     "kind": "momentary_emotion",
///     "emotion": {"base": "fear", "nuance": "worry"},
///     "intensity": 11,
///     "valence": -0.4,
///     "recordedAt": "2025-03-14T09:30:00Z",
///     "timeZone": "Europe/Paris"
/// }"#).unwrap();
/// assert_eq!(input.validate().unwrap_err().code(), "validation.intensity.out_of_range");
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalEntryInput {
    /// The entry's id, a hyphenated UUID.
    pub id: String,
    /// The user's id, a hyphenated UUID.
    pub user_id: String,
    /// `momentary_emotion` or `daily_mood`.
    #[cfg_attr(feature = "wasm", tsify(type = "EntryKind"))]
    pub kind: String,
    /// The emotion's codes.
    #[cfg_attr(feature = "wasm", tsify(type = "EmotionCodes"))]
    pub emotion: EmotionInput,
    /// 1 to 10.
    pub intensity: i64,
    /// -1 to 1.
    pub valence: f64,
    /// Context tag codes; absent means none.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "ContextTag[]"))]
    pub context_tags: Vec<String>,
    /// The note, if any (held as sensitive text from the start; encrypt it with `UserKey.sealText` before it
    /// leaves the device).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string"))]
    pub note: Option<SensitiveText>,
    /// RFC 3339 timestamp (any offset; stored as UTC).
    pub recorded_at: String,
    /// IANA time zone name.
    pub time_zone: String,
}

/// An emotion as JSON carries it: `{"base": "...", "nuance": "..."?}` (`EmotionCodes` in TypeScript).
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "EmotionCodes", missing_as_null)
)]
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmotionInput {
    /// The base emotion's code (`"joy"`, `"fear"`, …).
    #[cfg_attr(feature = "wasm", tsify(type = "BaseEmotion"))]
    pub base: String,
    /// The nuance's code (`"worry"`, …), if any.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Nuance | null"))]
    pub nuance: Option<String>,
}

impl JournalEntryInput {
    /// Validates every field and builds the entry.
    ///
    /// # Errors
    /// The first invalid field's error: `validation.id.*`, `validation.entry_kind.unknown`,
    /// `validation.emotion.unknown`, `validation.nuance.*`, `validation.intensity.out_of_range`,
    /// `validation.valence.*`, `validation.context_tag.*`, `validation.note.*`, `validation.timestamp.invalid`
    /// or `validation.time_zone.unknown`.
    pub fn validate(self) -> Result<JournalEntry, EmotionError> {
        Ok(JournalEntry::new(JournalEntryParts {
            id: JournalEntryId::parse(&self.id)?,
            user_id: UserId::parse(&self.user_id)?,
            kind: EntryKind::from_code(&self.kind)?,
            emotion: Emotion::from_codes(&self.emotion.base, self.emotion.nuance.as_deref())?,
            intensity: Intensity::try_from(self.intensity)?,
            valence: Valence::new(self.valence)?,
            context_tags: ContextTags::from_codes(&self.context_tags)?,
            note: self.note.map(JournalNote::try_from).transpose()?,
            recorded_at: crate::instant::parse_instant(&self.recorded_at).ok_or(EmotionError::InvalidTimestamp)?,
            time_zone: IanaTimeZone::from(self.time_zone.parse::<Tz>()?),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emotion::{ContextTag, Nuance};
    use chrono::{DateTime, Utc};
    use proptest::prelude::*;
    use serde_json::{Value, json};

    fn valid() -> Value {
        json!({
            "id": "0195943a-3ec0-7707-8707-070707070707",
            "userId": "0195943a-3ec0-7707-8707-080808080808",
            "kind": "daily_mood",
            "emotion": {"base": "sadness", "nuance": "loneliness"},
            "intensity": 4,
            "valence": -0.5,
            "contextTags": ["friends", "sleep"],
            "note": "Nobody called.\tQuiet evening.",
            "recordedAt": "2025-03-14T22:30:00+01:00",
            "timeZone": "Europe/Paris"
        })
    }

    fn validate(value: Value) -> Result<JournalEntry, EmotionError> {
        serde_json::from_value::<JournalEntryInput>(value)
            .expect("well-formed input")
            .validate()
    }

    fn with(field: &str, value: Value) -> Value {
        let mut input = valid();
        input[field] = value;
        input
    }

    #[test]
    fn a_valid_entry_is_built_and_normalised() {
        let entry = validate(valid()).unwrap();
        assert_eq!(entry.kind(), EntryKind::DailyMood);
        assert_eq!(entry.emotion(), Emotion::from_nuance(Nuance::Loneliness));
        assert_eq!(
            entry.recorded_at(),
            "2025-03-14T21:30:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(
            entry.context_tags().iter().collect::<Vec<_>>(),
            [ContextTag::Friends, ContextTag::Sleep]
        );
        assert_eq!(
            entry.note().map(JournalNote::expose),
            Some("Nobody called.\tQuiet evening.")
        );
        assert_eq!(entry.local_date().to_string(), "2025-03-14");
        assert!(!format!("{entry:?}").contains("Nobody"), "Debug redacts the note");
    }

    #[test]
    fn json_names_are_camel_case_and_round_trip() {
        let entry = validate(valid()).unwrap();
        let json = serde_json::to_value(&entry).unwrap();
        let mut names: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        names.sort();
        assert_eq!(
            names,
            [
                "contextTags",
                "emotion",
                "id",
                "intensity",
                "kind",
                "note",
                "recordedAt",
                "timeZone",
                "userId",
                "valence"
            ]
        );
        assert_eq!(json["recordedAt"], "2025-03-14T21:30:00Z");
        assert_eq!(json["contextTags"], json!(["friends", "sleep"]));
        assert_eq!(serde_json::from_value::<JournalEntry>(json).unwrap(), entry);
        let without_note = validate(with("note", Value::Null)).unwrap();
        assert!(serde_json::to_value(&without_note).unwrap().get("note").is_none());
    }

    #[test]
    fn each_invalid_field_gets_its_code() {
        let cases = [
            ("id", json!("not-a-uuid"), "validation.id.invalid"),
            (
                "userId",
                json!("00000000-0000-0000-0000-000000000000"),
                "validation.id.nil",
            ),
            ("kind", json!("weekly_mood"), "validation.entry_kind.unknown"),
            ("emotion", json!({"base": "trust"}), "validation.emotion.unknown"),
            (
                "emotion",
                json!({"base": "joy", "nuance": "bliss"}),
                "validation.nuance.unknown",
            ),
            (
                "emotion",
                json!({"base": "joy", "nuance": "panic"}),
                "validation.nuance.mismatch",
            ),
            ("intensity", json!(0), "validation.intensity.out_of_range"),
            ("intensity", json!(11), "validation.intensity.out_of_range"),
            ("valence", json!(-1.01), "validation.valence.out_of_range"),
            (
                "contextTags",
                json!(["work", "gardening"]),
                "validation.context_tag.unknown",
            ),
            (
                "contextTags",
                json!(["work", "work"]),
                "validation.context_tag.duplicate",
            ),
            ("note", json!(""), "validation.note.empty"),
            ("note", json!("x".repeat(2001)), "validation.note.too_long"),
            ("note", json!("line\r\nend"), "validation.note.control_character"),
            ("recordedAt", json!("2025-03-14 21:30"), "validation.timestamp.invalid"),
            ("timeZone", json!("Europe/Atlantis"), "validation.time_zone.unknown"),
        ];
        for (field, value, code) in cases {
            let err = validate(with(field, value.clone())).unwrap_err();
            assert_eq!(err.code(), code, "{field} = {value}");
            // The same input through serde is refused as well.
            assert!(serde_json::from_value::<JournalEntry>(with(field, value)).is_err());
        }
        let mut nan = serde_json::from_value::<JournalEntryInput>(valid()).unwrap();
        nan.valence = f64::NAN;
        assert_eq!(nan.validate().unwrap_err().code(), "validation.valence.not_finite");
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(serde_json::from_value::<JournalEntryInput>(with("context_tags", json!([]))).is_err());
        let mut minimal = valid();
        let object = minimal.as_object_mut().unwrap();
        object.remove("contextTags");
        object.remove("note");
        assert!(validate(minimal).unwrap().context_tags().is_empty());
    }

    proptest! {
        #[test]
        fn arbitrary_field_values_never_panic(
            id in ".{0,40}", kind in "[a-z_]{0,20}", base in "[a-z]{0,10}", nuance in proptest::option::of("[a-z]{0,12}"),
            intensity in any::<i64>(), valence in any::<f64>(), tags in proptest::collection::vec("[a-z_]{0,10}", 0..4),
            note in proptest::option::of("(?s).{0,30}"), at in ".{0,30}", zone in "[A-Za-z/_]{0,20}",
        ) {
            let input = JournalEntryInput {
                id: id.clone(), user_id: id, kind, emotion: EmotionInput { base, nuance }, intensity, valence,
                context_tags: tags, note: note.map(SensitiveText::new), recorded_at: at, time_zone: zone,
            };
            let _ = input.validate();
        }

        #[test]
        fn valid_entries_round_trip(b in 0..crate::emotion::Nuance::COUNT, i in 1i64..=10, v in -1.0f64..=1.0,
                                    secs in 0i64..4_000_000_000, zone in 0..crate::tz::Tz::all().len()) {
            let mut input = valid();
            let nuance = crate::emotion::Nuance::ALL[b];
            input["emotion"] = json!({"base": nuance.base().code(), "nuance": nuance.code()});
            input["intensity"] = json!(i);
            input["valence"] = json!(v);
            input["recordedAt"] = json!(DateTime::from_timestamp(secs, 0).unwrap().to_rfc3339());
            input["timeZone"] = json!(crate::tz::Tz::all().nth(zone).unwrap().name());
            let entry = validate(input).unwrap();
            let text = serde_json::to_string(&entry).unwrap();
            let back: JournalEntry = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(back.emotion(), entry.emotion());
            prop_assert_eq!(back.recorded_at(), entry.recorded_at());
            prop_assert_eq!(back.local_date(), entry.local_date());
            prop_assert_eq!(back.intensity(), entry.intensity());
            // serde_json's default float parser may be one ulp off (its `float_roundtrip` feature is off).
            prop_assert!((back.valence().get() - entry.valence().get()).abs() <= f64::EPSILON);
        }
    }
}
