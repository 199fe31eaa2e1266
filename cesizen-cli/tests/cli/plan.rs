//! `--plan FILE`: the deployment's plan, read once, is what every command applies.

use crate::{Env, Run};

/// `incident deadlines` of a P2 opened at 09:00 UTC, under the plan at `plan`, one hour later.
fn p2_deadlines(env: &Env, plan: &std::path::Path) -> Run {
    let plan = plan.to_str().expect("a UTF-8 path");
    env.run(&[
        "--plan",
        plan,
        "incident",
        "deadlines",
        "--priority",
        "P2",
        "--opened",
        "2025-10-06T09:00:00Z",
        "--now",
        "2025-10-06T10:00:00Z",
        "--json",
    ])
}

const FOUR_HOUR_P2: &str = "[timerGoals.priorities]\np1 = 7200000\np2 = 14400000\np3 = 86400000\np4 = 259200000\n\
    [timerGoals.securityLevels]\ns1 = 1800000\ns2 = 7200000\ns3 = 28800000\ns4 = 86400000\n\
    [gdpr.requests.internalTargets]\nerasure = \"20 days\"\n";

#[test]
fn the_plan_s_goals_and_gdpr_targets_are_applied() {
    let env = Env::new();
    let plan = env.write("plan.toml", FOUR_HOUR_P2);
    let p2 = p2_deadlines(&env, &plan).ok().json();
    let plan = plan.to_str().expect("a UTF-8 path");
    assert_eq!(
        (p2["dueAt"].clone(), p2["escalationAt"].clone()),
        ("2025-10-06T13:00:00Z".into(), "2025-10-06T11:00:00Z".into())
    );
    // The option is global: after the command too.
    let erasure = env
        .run(&[
            "gdpr",
            "deadline",
            "--request",
            "erasure",
            "--received",
            "2025-01-06T10:00:00Z",
            "--json",
            "--plan",
            plan,
        ])
        .ok()
        .json();
    let text = erasure.to_string();
    assert!(text.contains("2025-01-26"), "the plan's 20-day target: {text}");
}

#[test]
fn a_refused_plan_names_the_field_and_its_code() {
    let env = Env::new();
    let plan = env.write(
        "plan.json",
        r#"{ "timerGoals": { "priorities": { "p1": 0 }, "securityLevels": {} } }"#,
    );
    let run = p2_deadlines(&env, &plan).fails(1, "config.value.not_positive");
    assert!(run.stderr.contains("timerGoals.priorities.p1"), "{}", run.stderr);
}
