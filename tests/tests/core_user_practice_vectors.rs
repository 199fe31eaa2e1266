//! Runs the shared vectors `ids.json`, `users.json` and `practice.json` against `cesizen-core`.
//!
//! Each `op` is named after the function a binding exposes; inputs are read field by field so that a refused
//! value yields its stable code, exactly what a binding returns.

use cesizen::core::id::{IdError, UserId};
use cesizen::core::practice::{
    BreathingExercise, BreathingPattern, BreathingPreset, PlannedDuration, PracticeKind, PracticeOutcome,
    PracticeSession, PracticeSessionFields,
};
use cesizen::core::user::{
    AccountStatus, DisplayName, Email, IanaTimeZone, Locale, LockoutPolicy, LoginAttempt, TokenSecret,
    check_password_as_typed, failed_login_band, failed_logins_in_last_minute,
};
use cesizen_tests::{Case, load};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// What an op returns: its output, or the stable code of its error.
type Outcome = Result<Value, String>;

fn code(error: impl Into<cesizen::core::Error>) -> String {
    error.into().code().to_owned()
}

fn text<'a>(input: &'a Value, key: &str) -> &'a str {
    input[key]
        .as_str()
        .unwrap_or_else(|| panic!("input.{key} must be a string"))
}

fn typed<T: DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("vector input {value}: {e}"))
}

fn time(input: &Value, key: &str) -> DateTime<Utc> {
    typed(&input[key])
}

fn to_json(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("domain values serialize")
}

/// Runs every case of a vector file with `run`, checking the output or the error code.
fn check_file(name: &str, run: fn(&Case) -> Outcome) {
    let file = load(name);
    assert_eq!(file.topic, name);
    assert!(!file.cases.is_empty());
    for case in &file.cases {
        let outcome = run(case);
        match (&case.expected, &case.error) {
            (Some(expected), None) => assert_eq!(outcome.as_ref(), Ok(expected), "{name}: {}", case.name),
            (None, Some(error)) => assert_eq!(outcome.as_ref().err(), Some(error), "{name}: {}", case.name),
            _ => panic!("{name}: {}: a case has either `expected` or `error`", case.name),
        }
    }
}

fn run_ids(case: &Case) -> Outcome {
    let input = &case.input;
    let id_code = |e: IdError| e.code().to_owned();
    match case.op.as_str() {
        "idFromParts" => {
            let mut random = [0u8; 10];
            let hex = text(input, "random");
            for (i, byte) in random.iter_mut().enumerate() {
                *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex");
            }
            let id = UserId::from_parts(time(input, "now"), random).map_err(id_code)?;
            Ok(json!({ "id": id.to_string() }))
        }
        "parseId" => Ok(json!(
            cesizen::core::id::parse_id(text(input, "text")).map_err(id_code)?
        )),
        op => panic!("unknown op {op}"),
    }
}

fn run_users(case: &Case) -> Outcome {
    let input = &case.input;
    match case.op.as_str() {
        "normalizeEmail" => {
            let email = Email::parse(text(input, "email")).map_err(code)?;
            Ok(json!(email.normalized()))
        }
        "checkPassword" => {
            let violations: Vec<&str> = match check_password_as_typed(text(input, "password"), text(input, "email")) {
                Ok(()) => Vec::new(),
                Err(broken) => broken.codes().collect(),
            };
            Ok(json!({ "violations": violations }))
        }
        "parseDisplayName" => {
            let name = DisplayName::parse(text(input, "displayName")).map_err(code)?;
            Ok(json!({ "displayName": name.as_str() }))
        }
        "parseLocale" => Ok(json!({ "locale": Locale::parse(text(input, "locale")).map_err(code)?.as_str() })),
        "parseTimeZone" => {
            Ok(json!({ "timeZone": IanaTimeZone::parse(text(input, "timeZone")).map_err(code)?.name() }))
        }
        "accountStatusTransition" => {
            let from: AccountStatus = typed(&input["from"]);
            let status = from.transition_to(typed(&input["to"])).map_err(code)?;
            Ok(json!({ "status": status }))
        }
        "failedLoginBand" => {
            let plan = cesizen::plan::Plan::default();
            Ok(json!({ "band": failed_login_band(plan.alerting().thresholds(), typed(&input["failuresPerMinute"])) }))
        }
        "failedLoginsInLastMinute" => {
            let failures: Vec<DateTime<Utc>> = typed(&input["failures"]);
            Ok(json!({ "count": failed_logins_in_last_minute(&failures, time(input, "now")) }))
        }
        "lockoutDecision" => {
            let attempts: Vec<LoginAttempt> = typed(&input["attempts"]);
            Ok(to_json(LockoutPolicy::default().decide(&attempts, time(input, "now"))))
        }
        "tokenHash" => {
            let secret = TokenSecret::parse(text(input, "token")).map_err(code)?;
            Ok(json!({ "hash": secret.hash().to_text() }))
        }
        op => panic!("unknown op {op}"),
    }
}

/// Builds a session from its JSON field by field, so that a refused field yields its code.
fn session(value: &Value) -> Result<PracticeSession, String> {
    let planned = match value["plannedDurationSeconds"].as_u64() {
        Some(seconds) => {
            let seconds = u32::try_from(seconds).unwrap_or(u32::MAX);
            Some(PlannedDuration::from_seconds(seconds).map_err(code)?)
        }
        None => None,
    };
    PracticeSession::from_fields(PracticeSessionFields {
        id: typed(&value["id"]),
        user_id: typed(&value["userId"]),
        kind: typed::<PracticeKind>(&value["kind"]),
        started_at: time(value, "startedAt"),
        ended_at: time(value, "endedAt"),
        planned_duration: planned,
        outcome: typed::<PracticeOutcome>(&value["outcome"]),
    })
    .map_err(code)
}

fn pattern(input: &Value) -> Result<BreathingPattern, String> {
    let ms = |key: &str| typed::<u32>(&input[key]);
    BreathingPattern::new(
        ms("inhaleMs"),
        ms("holdAfterInhaleMs"),
        ms("exhaleMs"),
        ms("holdAfterExhaleMs"),
    )
    .map_err(code)
}

fn run_practice(case: &Case) -> Outcome {
    let input = &case.input;
    match case.op.as_str() {
        "breathingPreset" => {
            let preset: BreathingPreset = typed(&input["preset"]);
            Ok(json!(preset.info()))
        }
        "breathingPattern" => Ok(json!({ "cycleMs": pattern(input)?.cycle_ms() })),
        "breathingExercise" => {
            let exercise =
                BreathingExercise::new(pattern(&input["pattern"])?, typed(&input["cycles"])).map_err(code)?;
            Ok(json!({ "totalMs": exercise.total_ms() }))
        }
        "breathingPosition" => {
            let preset: BreathingPreset = typed(&input["preset"]);
            let exercise = preset.exercise(typed(&input["cycles"])).map_err(code)?;
            Ok(json!({ "position": exercise.position_at(typed(&input["elapsedMs"])) }))
        }
        "practiceSession" => {
            Ok(json!({ "actualDurationSeconds": session(&input["session"])?.actual_duration_seconds() }))
        }
        "healthKitSample" => Ok(to_json(session(&input["session"])?.to_healthkit())),
        "healthConnectRecord" => {
            let zone = IanaTimeZone::parse(text(input, "timeZone")).map_err(code)?;
            let record = session(&input["session"])?.to_health_connect(zone, input["title"].as_str());
            Ok(to_json(record))
        }
        op => panic!("unknown op {op}"),
    }
}

#[test]
fn id_vectors() {
    check_file("ids", run_ids);
}

#[test]
fn user_vectors() {
    check_file("users", run_users);
}

#[test]
fn practice_vectors() {
    check_file("practice", run_practice);
}

#[test]
fn practice_session_json_matches_the_vector_shape() {
    // The vectors' session objects are the crate's own JSON form.
    let file = load("practice");
    let case = file
        .cases
        .iter()
        .find(|c| c.op == "practiceSession")
        .expect("a session case");
    let parsed: PracticeSession = typed(&case.input["session"]);
    assert_eq!(to_json(&parsed), case.input["session"]);
}
