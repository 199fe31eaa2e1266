//! Runs the shared vectors `emotions.json`, `stress.json` and `kpi.json` against `cesizen-core`.
//!
//! Each `op` is named after the function a binding exposes. Inputs that a binding receives as JSON go through
//! the same input types (`JournalEntryInput`, `LifeEventAnswerInput`, raw NPS numbers), so a refused value
//! yields the stable code a binding returns.

use cesizen::core::CalendarMonth;
use cesizen::core::emotion::{
    ContextTag, Emotion, EmotionError, EmotionReport, EmotionReportRequest, HealthKitLabel, JournalEntry,
    JournalEntryInput, ReportPeriod, Valence, ValenceClassification, taxonomy,
};
use cesizen::core::id::UserId;
use cesizen::core::kpi::{DailyKpis, NetPromoterScore, ProductEvent, RetentionCohort};
use cesizen::core::stress::{HolmesRaheAssessment, LifeEvent, LifeEventAnswer, LifeEventAnswerInput, StressBand};
use cesizen::core::user::IanaTimeZone;
use cesizen_tests::{Case, load};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// An op's output, or the stable code of its error.
type Outcome = Result<Value, String>;

/// Reads a well-formed part of a vector's input; a malformed vector is a bug in the vector.
fn field<T: DeserializeOwned>(input: &Value, key: &str) -> T {
    serde_json::from_value(input[key].clone()).unwrap_or_else(|e| panic!("input.{key}: {e}"))
}

fn json_of(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("outputs serialize")
}

fn failed(error: impl Into<cesizen::core::Error>) -> String {
    error.into().code().to_owned()
}

fn run_emotions(case: &Case) -> Outcome {
    let input = &case.input;
    match case.op.as_str() {
        "emotionTaxonomy" => Ok(json!({ "baseEmotions": taxonomy() })),
        "parseEmotion" => {
            let nuance: Option<String> = field(input, "nuance");
            let emotion = Emotion::from_codes(&field::<String>(input, "base"), nuance.as_deref()).map_err(failed)?;
            Ok(json_of(emotion.info()))
        }
        "validateJournalEntry" => {
            let entry = serde_json::from_value::<JournalEntryInput>(input.clone())
                .expect("well-formed entry input")
                .validate()
                .map_err(failed)?;
            Ok(json_of(entry.dated()))
        }
        "stateOfMindFromEntry" => {
            let entry: JournalEntry = serde_json::from_value(input.clone()).expect("a valid entry");
            Ok(json_of(entry.to_state_of_mind()))
        }
        "valenceClassification" => {
            let valence = Valence::new(field(input, "valence")).map_err(failed)?;
            Ok(json_of(ValenceClassification::from_valence(valence).info()))
        }
        "emotionFromHealthKitLabel" => {
            let label = HealthKitLabel::from_code(&field::<String>(input, "label")).map_err(failed)?;
            Ok(json_of(label.info()))
        }
        "healthKitAssociationOf" => {
            let tag = ContextTag::from_code(&field::<String>(input, "contextTag")).map_err(failed)?;
            Ok(json_of(tag.healthkit_association().info()))
        }
        "emotionReport" => {
            let request = &input["request"];
            let request = EmotionReportRequest {
                user_id: field::<UserId>(request, "userId"),
                period: period(&request["period"]).map_err(failed)?,
                time_zone: field::<IanaTimeZone>(request, "timeZone"),
            };
            let entries: Vec<JournalEntry> = field(input, "entries");
            EmotionReport::compute(&entries, &request, field(input, "now"))
                .map(json_of)
                .map_err(failed)
        }
        op => panic!("unknown op {op}"),
    }
}

/// Builds a period field by field, as a binding would, so that out-of-range values reach the domain's check
/// (a month's own when it is built, `validation.report_period.invalid` as well).
fn period(value: &Value) -> Result<ReportPeriod, EmotionError> {
    let number = |key: &str| field::<i64>(value, key);
    let small = |key: &str| u32::try_from(number(key)).unwrap_or(u32::MAX);
    let year = || i32::try_from(number("year")).unwrap_or(i32::MAX);
    Ok(match field::<String>(value, "type").as_str() {
        "week" => ReportPeriod::Week {
            containing: field(value, "containing"),
        },
        "month" => ReportPeriod::Month(CalendarMonth::new(year(), small("month")).map_err(EmotionError::from)?),
        "quarter" => ReportPeriod::Quarter {
            year: year(),
            quarter: small("quarter"),
        },
        "year" => ReportPeriod::Year { year: year() },
        "rolling" => ReportPeriod::Rolling { days: small("days") },
        other => panic!("unknown period type {other}"),
    })
}

fn run_stress(case: &Case) -> Outcome {
    let input = &case.input;
    match case.op.as_str() {
        "holmesRaheEvents" => {
            let events: Vec<_> = LifeEvent::ALL.iter().map(|e| e.info()).collect();
            Ok(json!({ "events": events }))
        }
        "holmesRaheScore" => {
            let answers = field::<Vec<LifeEventAnswerInput>>(input, "answers")
                .into_iter()
                .map(LifeEventAnswer::try_from)
                .collect::<Result<Vec<_>, _>>()
                .map_err(failed)?;
            HolmesRaheAssessment::score(&answers).map(json_of).map_err(failed)
        }
        "stressBand" => Ok(json!({ "band": StressBand::from_score(field(input, "score")) })),
        op => panic!("unknown op {op}"),
    }
}

fn run_kpi(case: &Case) -> Outcome {
    let input = &case.input;
    let events = || field::<Vec<ProductEvent>>(input, "events");
    match case.op.as_str() {
        "dailyKpis" => {
            let kpis = DailyKpis::compute(&events(), field(input, "day"), field(input, "timeZone")).map_err(failed)?;
            Ok(json_of(kpis.report()))
        }
        "retentionCohort" => {
            let cohort = RetentionCohort::compute(
                &events(),
                field(input, "firstDay"),
                field(input, "lastDay"),
                field(input, "timeZone"),
                field(input, "now"),
            )
            .map_err(failed)?;
            Ok(json_of(cohort.report()))
        }
        "netPromoterScore" => {
            let nps = NetPromoterScore::from_scores(field::<Vec<i64>>(input, "answers")).map_err(failed)?;
            Ok(json_of(nps.report()))
        }
        op => panic!("unknown op {op}"),
    }
}

/// Runs every case of `tests/vectors/<topic>.json` through `run`.
fn run_vectors(topic: &str, run: fn(&Case) -> Outcome) {
    let file = load(topic);
    assert_eq!(file.topic, topic);
    assert!(!file.cases.is_empty(), "{topic} has cases");
    let mut names = std::collections::HashSet::new();
    for case in &file.cases {
        assert!(
            names.insert(case.name.as_str()),
            "{topic}: duplicate case name {}",
            case.name
        );
        let expected: Outcome = match (&case.expected, &case.error) {
            (Some(value), None) => Ok(value.clone()),
            (None, Some(code)) => Err(code.clone()),
            _ => panic!("{topic}: {}: give either `expected` or `error`", case.name),
        };
        assert_eq!(run(case), expected, "{topic}: {}", case.name);
    }
}

#[test]
fn emotion_vectors() {
    run_vectors("emotions", run_emotions);
}

#[test]
fn stress_vectors() {
    run_vectors("stress", run_stress);
}

#[test]
fn kpi_vectors() {
    run_vectors("kpi", run_kpi);
}
