//! Runs the shared vectors `gdpr.json` against `cesizen-gdpr`.
//!
//! Each `op` is named after the function a binding exposes; inputs arrive as the JSON a binding receives, so a
//! refused value yields the stable code a binding returns.

use cesizen::core::emotion::{Intensity, Valence};
use cesizen::core::id::UserId;
use cesizen::core::user::IanaTimeZone;
use cesizen::gdpr::anonymise::generalise;
use cesizen::gdpr::audit::{AuditEvent, AuditTrail};
use cesizen::gdpr::breach::{Breach, BreachFacts};
use cesizen::gdpr::calendar::months_after;
use cesizen::gdpr::consent::{ConsentLedger, ConsentMethod, Purpose, TextVersion};
use cesizen::gdpr::export::ExportDocument;
use cesizen::gdpr::request::{DataSubjectRequest, DeadlinePolicy, RequestRecord, assess};
use cesizen::gdpr::retention::{RecordMeta, RetentionPlanner, RetentionPolicy};
use cesizen::gdpr::timer::AtRiskPercent;
use cesizen::gdpr::{BreachId, GdprConfig};
use cesizen_tests::{Case, Outcome, check_file};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Reads a well-formed part of a vector's input; a malformed vector is a bug in the vector.
fn read<T: DeserializeOwned>(input: &Value, key: &str) -> T {
    serde_json::from_value(input[key].clone()).unwrap_or_else(|e| panic!("input.{key}: {e}"))
}

fn code(e: cesizen::gdpr::Error) -> String {
    e.code().to_owned()
}

fn run(case: &Case) -> Outcome {
    let input = &case.input;
    let now = || read::<DateTime<Utc>>(input, "now");
    match case.op.as_str() {
        "monthsAfter" => {
            let tz = IanaTimeZone::parse(&read::<String>(input, "timeZone"))
                .expect("a known zone")
                .tz();
            let d = months_after(read(input, "event"), read(input, "months"), tz).map_err(code)?;
            Ok(json!({"dueDate": d.due_date, "dueAt": d.due_at}))
        }
        "assessRequest" => {
            let policy = DeadlinePolicy::default();
            let record: RequestRecord = read(input, "request");
            let request = DataSubjectRequest::replay(&record, &policy).map_err(code)?;
            let a = assess(&request, &policy, now()).map_err(code)?;
            Ok(json!({"state": a.state, "internal": a.internal, "legal": a.legal, "legalDueDate": a.legal_due_date}))
        }
        "retentionDecide" => {
            let planner = RetentionPlanner::new(RetentionPolicy::default()).map_err(code)?;
            let record: RecordMeta = read(input, "record");
            let d = planner.decide(&record, now()).map_err(code)?;
            Ok(json!({"action": d.action, "dueAt": d.due_at}))
        }
        "parseConfig" => {
            let config = match (input.get("toml"), input.get("json")) {
                (Some(Value::String(t)), None) => GdprConfig::from_toml_str(t),
                (None, Some(Value::String(j))) => GdprConfig::from_json_str(j),
                _ => panic!("parseConfig takes toml or json"),
            }
            .map_err(code)?;
            Ok(
                json!({"journalEntries": config.retention.journal_entries, "timeZone": config.requests.time_zone,
                      "k": config.anonymisation.k}),
            )
        }
        "auditChain" => {
            let mut trail = AuditTrail::new();
            for e in input["events"].as_array().expect("events") {
                let mut event =
                    AuditEvent::parse(&read::<String>(e, "actor"), &read::<String>(e, "action")).map_err(code)?;
                if let Some(subject) = read::<Option<String>>(e, "subject") {
                    event = event.subject(&subject).map_err(code)?;
                }
                for (k, v) in read::<BTreeMap<String, String>>(e, "details") {
                    event = event.detail(&k, &v).map_err(code)?;
                }
                trail.append(read(e, "at"), event).map_err(code)?;
            }
            let hashes: Vec<String> = trail.entries().iter().map(|e| e.hash.to_string()).collect();
            Ok(json!({"hashes": hashes}))
        }
        "assessBreach" => {
            let facts: BreachFacts = read(input, "facts");
            // The plan's 75 % unless the case sets another share.
            let percent = read::<Option<u8>>(input, "atRiskPercent").unwrap_or(AtRiskPercent::PLAN.get());
            let at_risk = AtRiskPercent::new(percent).map_err(code)?;
            let mut breach = Breach::record(
                BreachId::parse("0195a000-0000-7000-8000-0000000000b1").map_err(code)?,
                facts,
            )
            .map_err(code)?;
            if let Some(at) = read::<Option<DateTime<Utc>>>(input, "initialFiledAt") {
                breach.file_initial(at, None, None).map_err(code)?;
            }
            Ok(json!(breach.status(now(), at_risk)))
        }
        "giveConsent" => {
            let user = UserId::parse("01943aa0-bc00-7303-8303-030303030303").expect("id");
            let version = TextVersion::new(&read::<String>(input, "textVersion")).map_err(code)?;
            let mut ledger = ConsentLedger::new(user);
            let purpose: Purpose = read(input, "purpose");
            let method: ConsentMethod = read(input, "method");
            let at = "2025-01-01T00:00:00Z".parse().expect("time");
            ledger.give(purpose, version.clone(), method, at).map_err(code)?;
            Ok(json!({"valid": ledger.is_valid(purpose, &version)}))
        }
        "generalise" => {
            let intensity = Intensity::new(read(input, "intensity")).expect("a valid intensity");
            let valence = Valence::new(read(input, "valence")).expect("a valid valence");
            Ok(json!(generalise(
                intensity,
                valence,
                &read::<String>(input, "timeZone")
            )))
        }
        "validateExport" => {
            let bytes = serde_json::to_vec(&input["document"]).expect("json");
            let doc = ExportDocument::from_slice(&bytes).map_err(code)?;
            Ok(serde_json::to_value(doc.summary).expect("json"))
        }
        other => panic!("unknown op {other}"),
    }
}

#[test]
fn gdpr_vectors() {
    check_file("gdpr", run);
}
