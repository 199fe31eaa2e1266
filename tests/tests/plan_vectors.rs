//! Runs the shared vectors `plan.json` against `cesizen-plan`: a deployment's own plan, read from its JSON text.

use cesizen::core::alerting::AlertLifecycleEvent;
use cesizen::core::incident::{Priority, SecurityLevel};
use cesizen::plan::Plan;
use cesizen_tests::{Case, Outcome, check_file};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::json;

fn read<T: DeserializeOwned>(case: &Case, key: &str) -> T {
    serde_json::from_value(case.input[key].clone()).unwrap_or_else(|e| panic!("{}: input {key}: {e}", case.name))
}

fn run_plan(case: &Case) -> Outcome {
    let plan = Plan::from_json(&case.input["plan"].to_string()).map_err(|e| e.code().to_owned())?;
    let priority: Priority = read(case, "priority");
    match case.op.as_str() {
        "planEscalationNotices" => {
            let events: Vec<AlertLifecycleEvent> = read(case, "events");
            let now: DateTime<Utc> = read(case, "now");
            let schedule = plan
                .alerting()
                .escalation(priority)
                .schedule_at(&events, now)
                .map_err(|e| e.code().to_owned())?;
            Ok(serde_json::to_value(schedule).expect("a schedule serialises"))
        }
        "planResolutionGoal" => {
            let level: Option<SecurityLevel> = read(case, "securityLevel");
            Ok(json!({ "goalMs": plan.sla().timer_goals().goal(priority, level).as_ms() }))
        }
        other => panic!("unknown op {other}"),
    }
}

#[test]
fn plan_vectors() {
    check_file("plan", run_plan);
}
