//! Product KPIs of the maintenance plan: daily figures, 30-day retention and the Net Promoter Score, each
//! function one call into `cesizen_core::kpi`.

use tsify::Ts;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::kpi::{
    DailyKpis, DailyKpisReport, NetPromoterScore, NetPromoterScoreReport, ProductEvent, RetentionCohort,
    RetentionCohortReport,
};
use cesizen_core::user::IanaTimeZone;

use crate::convert::{read, string_from_js, time_from_js, write};
use crate::error::SdkError;

fn day_from_js(value: &JsValue) -> Result<chrono::NaiveDate, SdkError> {
    string_from_js(value)?
        .parse()
        .map_err(|_| SdkError::invalid_input("YYYY-MM-DD date"))
}

fn zone_from_js(value: &JsValue) -> Result<IanaTimeZone, SdkError> {
    Ok(IanaTimeZone::parse(&string_from_js(value)?)?)
}

fn events_from_js(value: &JsValue) -> Result<Vec<ProductEvent>, SdkError> {
    read(value, "ProductEvent[]")
}

/// The product KPIs of local day `day` in `timeZone`, from the product events.
#[wasm_bindgen(js_name = dailyKpis)]
pub fn daily_kpis(
    #[wasm_bindgen(unchecked_param_type = "ProductEvent[]")] events: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] day: JsValue,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "string")] time_zone: JsValue,
) -> Result<Ts<DailyKpisReport>, SdkError> {
    let kpis = DailyKpis::compute(&events_from_js(&events)?, day_from_js(&day)?, zone_from_js(&time_zone)?)?;
    write(&kpis.report())
}

/// The 30-day retention of the users who signed up from `firstDay` to `lastDay`, as known at `now`.
///
/// Throws `validation.cohort.invalid_range`, `kpi.retention.cohort_too_recent`.
#[wasm_bindgen(js_name = retentionCohort)]
pub fn retention_cohort(
    #[wasm_bindgen(unchecked_param_type = "ProductEvent[]")] events: JsValue,
    #[wasm_bindgen(js_name = firstDay, unchecked_param_type = "string")] first_day: JsValue,
    #[wasm_bindgen(js_name = lastDay, unchecked_param_type = "string")] last_day: JsValue,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "string")] time_zone: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<Ts<RetentionCohortReport>, SdkError> {
    let cohort = RetentionCohort::compute(
        &events_from_js(&events)?,
        day_from_js(&first_day)?,
        day_from_js(&last_day)?,
        zone_from_js(&time_zone)?,
        time_from_js(&now)?,
    )?;
    write(&cohort.report())
}

/// The Net Promoter Score of survey answers (0 to 10).
///
/// Throws `validation.nps_answer.out_of_range`.
#[wasm_bindgen(js_name = netPromoterScore)]
pub fn net_promoter_score(
    #[wasm_bindgen(unchecked_param_type = "number[]")] answers: JsValue,
) -> Result<Ts<NetPromoterScoreReport>, SdkError> {
    let nps = NetPromoterScore::from_scores(read::<Vec<i64>>(&answers, "number[]")?)?;
    write(&nps.report())
}
