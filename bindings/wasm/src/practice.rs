//! Practice: breathing patterns, presets and exercise pacing, practice-session validation and the Apple Health
//! and Health Connect records of a session, each function one call into `cesizen_core::practice`.

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::id::{PracticeSessionId, UserId};
use cesizen_core::practice::{
    BreathingExercise, BreathingPattern, BreathingPosition, BreathingPreset, BreathingPresetInfo,
    HealthConnectMindfulnessSession, HealthKitMindfulSession, PlannedDuration, PracticeKind, PracticeOutcome,
    PracticeSession, PracticeSessionFields,
};
use cesizen_core::user::IanaTimeZone;

use crate::convert::{from_js, parse_time, read, string_from_js, u32_from_js, write};
use crate::error::SdkError;

/// The four phases of a breath as JavaScript gave them, read without the SDK's bounds so that a phase out of
/// range is refused by `BreathingPattern::new` with its `validation.breathing_pattern.*` code (the argument is
/// declared as the SDK's `BreathingPattern`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PatternFields {
    inhale_ms: u32,
    hold_after_inhale_ms: u32,
    exhale_ms: u32,
    hold_after_exhale_ms: u32,
}

impl PatternFields {
    /// The pattern of `value`, a `BreathingPattern` argument.
    fn read(value: &JsValue) -> Result<BreathingPattern, SdkError> {
        let f: PatternFields = read(value, "BreathingPattern")?;
        Ok(BreathingPattern::new(
            f.inhale_ms,
            f.hold_after_inhale_ms,
            f.exhale_ms,
            f.hold_after_exhale_ms,
        )?)
    }
}

/// A practice session as stored or sent (mirror of `cesizen_core::practice::PracticeSession`'s JSON form).
///
/// Binding shape: read as text, so that each field's own SDK code (`validation.id.*`, …) is thrown in field order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PracticeSessionInput {
    /// The session's id (see `newPracticeSessionId`).
    pub id: String,
    /// The user's id.
    pub user_id: String,
    /// `"meditation"`, `"breathing"`, ….
    pub kind: String,
    /// Start (RFC 3339).
    pub started_at: String,
    /// End (RFC 3339), after the start, at most 4 hours later.
    pub ended_at: String,
    /// The planned duration (30 s to 4 h), `null` or absent when none was chosen.
    #[serde(default)]
    #[tsify(optional, type = "number | null")]
    pub planned_duration_seconds: Option<u32>,
    /// `"completed"`, `"abandoned"`, ….
    pub outcome: String,
}

impl PracticeSessionInput {
    /// The SDK's session, built field by field so that a refused field gives its own code.
    fn to_core(&self) -> Result<PracticeSession, SdkError> {
        let time = |text: &str| parse_time(text).ok_or_else(|| SdkError::invalid_input("RFC 3339 time"));
        let planned = self
            .planned_duration_seconds
            .map(PlannedDuration::from_seconds)
            .transpose()?;
        Ok(PracticeSession::from_fields(PracticeSessionFields {
            id: PracticeSessionId::parse(&self.id)?,
            user_id: UserId::parse(&self.user_id)?,
            kind: read::<PracticeKind>(&JsValue::from_str(&self.kind), "practice kind code")?,
            started_at: time(&self.started_at)?,
            ended_at: time(&self.ended_at)?,
            planned_duration: planned,
            outcome: read::<PracticeOutcome>(&JsValue::from_str(&self.outcome), "practice outcome code")?,
        })?)
    }
}

fn preset_from_js(preset: &JsValue) -> Result<BreathingPreset, SdkError> {
    read(preset, "breathing preset code")
}

/// A preset's pattern and usual pacing (`"cardiac_coherence_5_5"`, `"breathing_4_7_8"`, …).
#[wasm_bindgen(js_name = breathingPreset)]
pub fn breathing_preset(
    #[wasm_bindgen(unchecked_param_type = "string")] preset: JsValue,
) -> Result<Ts<BreathingPresetInfo>, SdkError> {
    write(&preset_from_js(&preset)?.info())
}

/// Validates a breathing pattern and gives one breath's length in milliseconds.
///
/// Throws the `validation.breathing_pattern.*` codes.
#[wasm_bindgen(js_name = breathingCycleMs)]
pub fn breathing_cycle_ms(
    #[wasm_bindgen(unchecked_param_type = "BreathingPattern")] pattern: JsValue,
) -> Result<u32, SdkError> {
    Ok(PatternFields::read(&pattern)?.cycle_ms())
}

/// The length of an exercise of `cycles` breaths of `pattern`, in milliseconds.
///
/// Throws the `validation.breathing_pattern.*` and `validation.breathing_exercise.*` codes.
#[wasm_bindgen(js_name = breathingExerciseMs)]
pub fn breathing_exercise_ms(
    #[wasm_bindgen(unchecked_param_type = "BreathingPattern")] pattern: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] cycles: JsValue,
) -> Result<u32, SdkError> {
    let pattern = PatternFields::read(&pattern)?;
    Ok(BreathingExercise::new(pattern, u32_from_js(&cycles)?)?.total_ms())
}

/// Where an exercise of `cycles` breaths of `preset` is after `elapsedMs`; `null` once it is over.
#[wasm_bindgen(js_name = breathingPosition)]
pub fn breathing_position(
    #[wasm_bindgen(unchecked_param_type = "string")] preset: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] cycles: JsValue,
    #[wasm_bindgen(js_name = elapsedMs, unchecked_param_type = "number")] elapsed_ms: JsValue,
) -> Result<Option<Ts<BreathingPosition>>, SdkError> {
    let exercise = preset_from_js(&preset)?.exercise(u32_from_js(&cycles)?)?;
    exercise
        .position_at(u32_from_js(&elapsed_ms)?)
        .map(|p| write(&p))
        .transpose()
}

/// Validates a practice session and gives its actual duration in seconds.
///
/// Throws the `validation.id.*` and `validation.practice_session.*` codes.
#[wasm_bindgen(js_name = practiceSessionSeconds)]
pub fn practice_session_seconds(session: Ts<PracticeSessionInput>) -> Result<u32, SdkError> {
    Ok(from_js::<PracticeSessionInput, PracticeSessionInput>(&session)?
        .to_core()?
        .actual_duration_seconds())
}

/// The Apple Health mindful-session sample of a valid session.
#[wasm_bindgen(js_name = healthKitSample)]
pub fn health_kit_sample(session: Ts<PracticeSessionInput>) -> Result<Ts<HealthKitMindfulSession>, SdkError> {
    write(
        &from_js::<PracticeSessionInput, PracticeSessionInput>(&session)?
            .to_core()?
            .to_healthkit(),
    )
}

/// The Health Connect record of a valid session, with the offsets of `timeZone` and an optional title.
///
/// Throws `validation.time_zone.unknown` and the session's codes.
#[wasm_bindgen(js_name = healthConnectRecord)]
pub fn health_connect_record(
    session: Ts<PracticeSessionInput>,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "string")] time_zone: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] title: JsValue,
) -> Result<Ts<HealthConnectMindfulnessSession>, SdkError> {
    let session = from_js::<PracticeSessionInput, PracticeSessionInput>(&session)?.to_core()?;
    let zone = IanaTimeZone::parse(&string_from_js(&time_zone)?)?;
    let title = if title.is_null() || title.is_undefined() {
        None
    } else {
        Some(string_from_js(&title)?)
    };
    write(&session.to_health_connect(zone, title.as_deref()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vectors::{expected_outputs, inputs, round_trip};

    #[test]
    fn mirrors_read_the_vectors() {
        for e in expected_outputs("practice", "breathingPreset") {
            round_trip::<BreathingPresetInfo>(e);
        }
        for e in expected_outputs("practice", "breathingPosition") {
            if !e["position"].is_null() {
                round_trip::<BreathingPosition>(e["position"].clone());
            }
        }
        for e in expected_outputs("practice", "healthKitSample") {
            round_trip::<HealthKitMindfulSession>(e);
        }
        for e in expected_outputs("practice", "healthConnectRecord") {
            round_trip::<HealthConnectMindfulnessSession>(e);
        }
        for i in inputs("practice", "practiceSession") {
            round_trip::<PracticeSessionInput>(i["session"].clone());
            let _: PracticeSession = serde_json::from_value(i["session"].clone()).expect("the core reads it");
        }
    }
}
