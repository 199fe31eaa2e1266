//! Product KPIs of the maintenance plan: daily figures, 30-day retention and the Net Promoter Score, each
//! function one call into `cesizen_core::kpi`.

use serde::{Deserialize, Serialize};
use serde_json::json;
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::kpi::{
    DailyKpis as CoreDailyKpis, NetPromoterScore as CoreNps, ProductEvent, RetentionCohort as CoreCohort,
};
use cesizen_core::user::IanaTimeZone;

use crate::convert::{read, string_from_js, time_from_js, write};
use crate::error::SdkError;

/// A product event (mirror of `cesizen_core::kpi::ProductEvent`'s JSON form).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ProductEventDto {
    /// The user's id.
    pub user_id: String,
    /// When (RFC 3339).
    pub at: String,
    /// `"signed_up"`, `"app_opened"`, `"practice_session_ended"`, ….
    #[serde(rename = "type")]
    pub kind: String,
    /// Further fields of the event type (`sessionId`, `durationMs`, …).
    #[serde(flatten)]
    #[tsify(type = "Record<string, string | number | boolean | null>")]
    pub details: serde_json::Map<String, serde_json::Value>,
}

/// A KPI against its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KpiReading {
    /// The KPI's code.
    pub kpi: String,
    /// Its value, `null` when there is nothing to measure.
    pub value: Option<f64>,
    /// The plan's target.
    pub target: u32,
    /// `"met"`, `"below"` or `"no_data"`.
    pub status: String,
}

/// Time spent in sessions on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionTime {
    /// Sessions counted.
    pub sessions: u32,
    /// Their total length, in milliseconds.
    pub total_milliseconds: u64,
    /// Sessions started but not ended that day.
    pub unfinished: u32,
    /// Sessions discarded as implausible.
    pub discarded: u32,
}

/// One local day's product KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DailyKpis {
    /// The day (`YYYY-MM-DD`).
    pub day: String,
    /// The time zone that decides it.
    pub time_zone: String,
    /// Users active that day.
    pub active_users: u32,
    /// Meditation sessions that day.
    pub meditation_sessions: u32,
    /// Session time.
    pub session_time: SessionTime,
    /// The KPIs against the plan's targets.
    pub readings: Vec<KpiReading>,
}

/// A sign-up cohort's 30-day retention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RetentionCohort {
    /// First sign-up day.
    pub first_day: String,
    /// Last sign-up day.
    pub last_day: String,
    /// The time zone that decides days.
    pub time_zone: String,
    /// Users who signed up.
    pub size: u32,
    /// Of them, users active on day 30.
    pub retained: u32,
    /// The KPI against its target.
    pub reading: KpiReading,
}

/// A Net Promoter Score survey's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetPromoterScore {
    /// Answers 9 and 10.
    pub promoters: u32,
    /// Answers 7 and 8.
    pub passives: u32,
    /// Answers 0 to 6.
    pub detractors: u32,
    /// All answers.
    pub responses: u32,
    /// Promoters minus detractors, in percent of responses; `null` without responses.
    pub score: Option<f64>,
    /// The score rounded half away from zero; `null` without responses.
    pub rounded_score: Option<i32>,
    /// The KPI against its target.
    pub reading: KpiReading,
}

fn day_from_js(value: &JsValue) -> Result<chrono::NaiveDate, SdkError> {
    string_from_js(value)?
        .parse()
        .map_err(|_| SdkError::invalid_input("YYYY-MM-DD date"))
}

fn zone_from_js(value: &JsValue) -> Result<IanaTimeZone, SdkError> {
    Ok(IanaTimeZone::parse(&string_from_js(value)?)?)
}

fn events_from_js(value: &JsValue) -> Result<Vec<ProductEvent>, SdkError> {
    read(value, "ProductEventDto[]")
}

/// The product KPIs of local day `day` in `timeZone`, from the product events.
#[wasm_bindgen(js_name = dailyKpis)]
pub fn daily_kpis(
    #[wasm_bindgen(unchecked_param_type = "ProductEventDto[]")] events: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] day: JsValue,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "string")] time_zone: JsValue,
) -> Result<Ts<DailyKpis>, SdkError> {
    let kpis = CoreDailyKpis::compute(&events_from_js(&events)?, day_from_js(&day)?, zone_from_js(&time_zone)?)?;
    let mut out = serde_json::to_value(kpis).map_err(|_| SdkError::invalid_input("events"))?;
    out["readings"] = json!(kpis.readings());
    write::<DailyKpis, _>(&out)
}

/// The 30-day retention of the users who signed up from `firstDay` to `lastDay`, as known at `now`.
///
/// Throws `validation.cohort.invalid_range`, `kpi.retention.cohort_too_recent`.
#[wasm_bindgen(js_name = retentionCohort)]
pub fn retention_cohort(
    #[wasm_bindgen(unchecked_param_type = "ProductEventDto[]")] events: JsValue,
    #[wasm_bindgen(js_name = firstDay, unchecked_param_type = "string")] first_day: JsValue,
    #[wasm_bindgen(js_name = lastDay, unchecked_param_type = "string")] last_day: JsValue,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "string")] time_zone: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<Ts<RetentionCohort>, SdkError> {
    let cohort = CoreCohort::compute(
        &events_from_js(&events)?,
        day_from_js(&first_day)?,
        day_from_js(&last_day)?,
        zone_from_js(&time_zone)?,
        time_from_js(&now)?,
    )?;
    let mut out = serde_json::to_value(cohort).map_err(|_| SdkError::invalid_input("events"))?;
    out["reading"] = json!(cohort.reading());
    write::<RetentionCohort, _>(&out)
}

/// The Net Promoter Score of survey answers (0 to 10).
///
/// Throws `validation.nps_answer.out_of_range`.
#[wasm_bindgen(js_name = netPromoterScore)]
pub fn net_promoter_score(
    #[wasm_bindgen(unchecked_param_type = "number[]")] answers: JsValue,
) -> Result<Ts<NetPromoterScore>, SdkError> {
    let nps = CoreNps::from_scores(read::<Vec<i64>>(&answers, "number[]")?)?;
    let mut out = serde_json::to_value(nps).map_err(|_| SdkError::invalid_input("answers"))?;
    out["reading"] = json!(nps.reading());
    write::<NetPromoterScore, _>(&out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vectors::{expected_outputs, inputs, round_trip};

    #[test]
    fn mirrors_read_the_vectors() {
        expected_outputs("kpi", "dailyKpis")
            .into_iter()
            .for_each(round_trip::<DailyKpis>);
        expected_outputs("kpi", "retentionCohort")
            .into_iter()
            .for_each(round_trip::<RetentionCohort>);
        expected_outputs("kpi", "netPromoterScore")
            .into_iter()
            .for_each(round_trip::<NetPromoterScore>);
        for input in inputs("kpi", "dailyKpis") {
            let events: Vec<ProductEventDto> = serde_json::from_value(input["events"].clone()).expect("reads");
            let _: Vec<ProductEvent> =
                serde_json::from_value(serde_json::to_value(events).expect("serializes")).expect("the core reads it");
        }
    }
}
