//! The Holmes–Rahe stress scale: the life events, a self-assessment's score and its band, each function one
//! call into `cesizen_core::stress`.

use tsify::Ts;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::stress::{
    HolmesRaheAssessment, LifeEvent, LifeEventAnswer, LifeEventAnswerInput, LifeEventInfo, StressBand,
};

use crate::convert::{read, write};
use crate::error::SdkError;

/// The life events of the Holmes–Rahe scale, most stressful first.
#[wasm_bindgen(js_name = holmesRaheEvents)]
pub fn holmes_rahe_events() -> Result<Vec<Ts<LifeEventInfo>>, SdkError> {
    LifeEvent::ALL.iter().map(|e| write(&e.info())).collect()
}

/// The score and band of a self-assessment.
///
/// Throws the SDK's `validation.life_event.*` codes (unknown event, occurrences out of range, repeated event).
#[wasm_bindgen(js_name = holmesRaheScore)]
pub fn holmes_rahe_score(
    #[wasm_bindgen(unchecked_param_type = "LifeEventAnswerDto[]")] answers: JsValue,
) -> Result<Ts<HolmesRaheAssessment>, SdkError> {
    let answers = read::<Vec<LifeEventAnswerInput>>(&answers, "LifeEventAnswerDto[]")?
        .into_iter()
        .map(LifeEventAnswer::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    write(&HolmesRaheAssessment::score(&answers)?)
}

/// The band of a score: under 150 low, 150 to 299 moderate, 300 and more high.
#[wasm_bindgen(js_name = stressBand)]
pub fn stress_band(#[wasm_bindgen(unchecked_param_type = "number")] score: JsValue) -> Result<String, SdkError> {
    crate::convert::code_of(&StressBand::from_score(crate::convert::u32_from_js(&score)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vectors::expected_outputs;

    #[test]
    fn the_life_event_declaration_reads_the_vectors() {
        for expected in expected_outputs("stress", "holmesRaheEvents") {
            let events: Vec<LifeEventInfo> = serde_json::from_value(expected["events"].clone()).expect("reads");
            assert_eq!(serde_json::to_value(events).expect("serializes"), expected["events"]);
        }
    }
}
