//! Emotional data: the emotion taxonomy, journal-entry validation, the Apple Health "State of Mind" mapping and
//! the emotion report, each function one call into `cesizen_core::emotion`.
//!
//! Journal entries arrive in the JSON form the server accepts
//! ([`JournalEntryInput`](cesizen_core::emotion::JournalEntryInput)) and are checked field by field, in field
//! order, with the same codes as on the server. Reports are computed on the device from the
//! entries it holds, for the user's own time zone.

use serde::Deserialize;
use serde_json::Value;
use tsify::Ts;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::emotion::{
    BaseEmotionInfo, ContextTag, Emotion, EmotionInput, EmotionReport, EmotionReportRequest, HealthKitAssociationInfo,
    HealthKitLabel, HealthKitLabelEmotion, JournalEntry as CoreJournalEntry,
    JournalEntryInput as CoreJournalEntryInput, ParsedEmotion, ReportPeriod, StateOfMindSample, Valence, ValenceClass,
    ValenceClassification, ValidatedJournalEntry, taxonomy,
};
use cesizen_core::id::UserId;
use cesizen_core::user::IanaTimeZone;

use crate::convert::{from_js, read, string_from_js, time_from_js, write};
use crate::error::SdkError;

/// The emotion taxonomy: every base emotion with its labels and nuances, in display order.
#[wasm_bindgen(js_name = emotionTaxonomy)]
pub fn emotion_taxonomy() -> Result<Vec<Ts<BaseEmotionInfo>>, SdkError> {
    taxonomy().iter().map(write).collect()
}

/// Reads an emotion from its codes.
///
/// Throws `validation.emotion.unknown`, `validation.nuance.unknown`, `validation.nuance.mismatch`.
#[wasm_bindgen(js_name = parseEmotion)]
pub fn parse_emotion(codes: Ts<EmotionInput>) -> Result<Ts<ParsedEmotion>, SdkError> {
    let codes: EmotionInput = from_js(&codes)?;
    write(&Emotion::from_codes(&codes.base, codes.nuance.as_deref())?.info())
}

/// Validates a journal entry field by field (in field order) and normalises it.
///
/// Throws the first invalid field's code: `validation.id.*`, `validation.entry_kind.unknown`,
/// `validation.emotion.unknown`, `validation.nuance.*`, `validation.intensity.out_of_range`,
/// `validation.valence.*`, `validation.context_tag.*`, `validation.note.*`, `validation.timestamp.invalid`,
/// `validation.time_zone.unknown`; `input.argument.invalid` for a value of the wrong shape.
#[wasm_bindgen(js_name = validateJournalEntry)]
pub fn validate_journal_entry(input: Ts<CoreJournalEntryInput>) -> Result<Ts<ValidatedJournalEntry>, SdkError> {
    let input: CoreJournalEntryInput = from_js(&input)?;
    write(&input.validate()?.dated())
}

/// The Apple Health State of Mind sample for a valid entry.
#[wasm_bindgen(js_name = stateOfMindFromEntry)]
pub fn state_of_mind_from_entry(entry: Ts<CoreJournalEntry>) -> Result<Ts<StateOfMindSample>, SdkError> {
    let entry: CoreJournalEntry = from_js(&entry)?;
    write(&entry.to_state_of_mind())
}

/// Apple's classification of a valence (-1 to 1).
///
/// Throws `validation.valence.out_of_range`.
#[wasm_bindgen(js_name = valenceClassification)]
pub fn valence_classification(
    #[wasm_bindgen(unchecked_param_type = "number")] valence: JsValue,
) -> Result<Ts<ValenceClass>, SdkError> {
    let valence = valence.as_f64().ok_or_else(|| SdkError::invalid_input("number"))?;
    write(&ValenceClassification::from_valence(Valence::new(valence)?).info())
}

/// The emotion an Apple Health State of Mind label maps back to.
///
/// Throws `validation.healthkit_label.unknown` (or the code the SDK gives).
#[wasm_bindgen(js_name = emotionFromHealthKitLabel)]
pub fn emotion_from_health_kit_label(
    #[wasm_bindgen(unchecked_param_type = "string")] label: JsValue,
) -> Result<Ts<HealthKitLabelEmotion>, SdkError> {
    write(&HealthKitLabel::from_code(&string_from_js(&label)?)?.info())
}

/// The Apple Health association of a context tag.
///
/// Throws `validation.context_tag.unknown`.
#[wasm_bindgen(js_name = healthKitAssociationOf)]
pub fn health_kit_association_of(
    #[wasm_bindgen(unchecked_param_type = "string")] context_tag: JsValue,
) -> Result<Ts<HealthKitAssociationInfo>, SdkError> {
    write(
        &ContextTag::from_code(&string_from_js(&context_tag)?)?
            .healthkit_association()
            .info(),
    )
}

/// The emotion report of `request.userId`'s valid entries over `request.period`; `now` places rolling periods
/// and the current streak. Entries of other users are skipped.
///
/// Throws `validation.report_period.invalid`; `input.argument.invalid` for an entry that is not a valid entry
/// (validate entries with `validateJournalEntry` first).
#[wasm_bindgen(js_name = emotionReport)]
pub fn emotion_report(
    #[wasm_bindgen(unchecked_param_type = "JournalEntry[]")] entries: JsValue,
    request: Ts<EmotionReportRequest>,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<Ts<EmotionReport>, SdkError> {
    let entries: Vec<CoreJournalEntry> = read(&entries, "JournalEntry[]")?;
    let request = from_js::<EmotionReportRequest, RequestFields>(&request)?.to_core()?;
    write(&EmotionReport::compute(&entries, &request, time_from_js(&now)?)?)
}

/// The fields of a `ReportRequest` as JavaScript gave them. Another shape than `EmotionReportRequest`'s because
/// the period's shape and its ranges are read apart, so that one out of range fails with
/// `validation.report_period.invalid` (as on the server), not as a malformed argument.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RequestFields {
    user_id: String,
    period: Value,
    time_zone: String,
}

impl RequestFields {
    fn to_core(&self) -> Result<EmotionReportRequest, SdkError> {
        let period =
            ReportPeriod::deserialize_checked(&self.period).map_err(|_| SdkError::invalid_input("ReportPeriod"))?;
        let user_id = UserId::parse(&self.user_id)?;
        let time_zone = IanaTimeZone::parse(&self.time_zone)?;
        Ok(EmotionReportRequest {
            user_id,
            period: period?,
            time_zone,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vectors::{expected_outputs, inputs, round_trip};

    #[test]
    fn mirrors_read_the_vectors_outputs() {
        expected_outputs("emotions", "validateJournalEntry")
            .into_iter()
            .for_each(round_trip::<ValidatedJournalEntry>);
        expected_outputs("emotions", "parseEmotion")
            .into_iter()
            .for_each(round_trip::<ParsedEmotion>);
    }

    #[test]
    fn the_report_request_reader_agrees_with_the_core() {
        for input in inputs("emotions", "emotionReport") {
            // The binding reads every request's shape; where the core's serde reads it too, both agree (the others
            // hold a period out of range, which `EmotionReport::compute` refuses with its code).
            let fields: RequestFields = serde_json::from_value(input["request"].clone()).expect("the binding reads it");
            let read = fields.to_core().expect("a request of the right shape");
            if let Ok(core) = serde_json::from_value::<EmotionReportRequest>(input["request"].clone()) {
                assert_eq!(read, core);
            }
        }
    }
}
