//! Emotion reports and the Holmes–Rahe self-assessment: computed by `cesizen-core`, nothing stored.

use axum::Json;
use axum::extract::State;
use cesizen_core::emotion::{EmotionReport, EmotionReportRequest, ReportPeriod};
use cesizen_core::stress::{HolmesRaheAssessment, LifeEvent, LifeEventAnswer, LifeEventAnswerInput};
use cesizen_core::user::IanaTimeZone;
use serde::{Deserialize, Serialize};

use crate::db::micros;
use crate::error::ApiResult;
use crate::journal::load_range;
use crate::state::{ApiJson, AppState, Caller};

/// The most entries a report reads: ten a day for a year.
const MAX_REPORT_ENTRIES: i64 = 3_650;

/// What to report on; the time zone defaults to the account's.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportForm {
    period: ReportPeriod,
    #[serde(default)]
    time_zone: Option<String>,
}

/// `POST /api/v1/reports/emotions`: the plan's emotional dashboard over a calendar or rolling period.
pub async fn emotions(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(form): ApiJson<ReportForm>,
) -> ApiResult<Json<EmotionReport>> {
    let time_zone = match form.time_zone.as_deref() {
        Some(name) => IanaTimeZone::parse(name)?,
        None => caller.time_zone,
    };
    let now = state.now();
    let window = form.period.window(time_zone, now)?;
    let entries = load_range(
        &state.db.pool,
        caller.id,
        &caller.key,
        (micros(window.start), micros(window.end)),
        MAX_REPORT_ENTRIES,
    )
    .await?;
    let request = EmotionReportRequest {
        user_id: caller.id,
        period: form.period,
        time_zone,
    };
    Ok(Json(EmotionReport::compute(&entries, &request, now)?))
}

/// One life event of the scale, for the questionnaire.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LifeEventInfo {
    code: &'static str,
    points: u32,
    max_occurrences: u8,
    label_en: &'static str,
    label_fr: &'static str,
}

/// `GET /api/v1/stress/life-events`: the Holmes–Rahe scale's events with their points.
pub async fn life_events() -> Json<Vec<LifeEventInfo>> {
    Json(
        LifeEvent::ALL
            .into_iter()
            .map(|e| LifeEventInfo {
                code: e.code(),
                points: e.points(),
                max_occurrences: e.max_occurrences(),
                label_en: e.label_en(),
                label_fr: e.label_fr(),
            })
            .collect(),
    )
}

/// The answers to the questionnaire.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    answers: Vec<LifeEventAnswerInput>,
}

/// `POST /api/v1/stress/holmes-rahe`: the score and its band.
pub async fn holmes_rahe(_caller: Caller, ApiJson(form): ApiJson<Answers>) -> ApiResult<Json<HolmesRaheAssessment>> {
    let answers = form
        .answers
        .into_iter()
        .map(LifeEventAnswer::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(HolmesRaheAssessment::score(&answers)?))
}
