//! The deployment's plan reaches the server: `CESIZEN_PLAN_FILE` is read once at start, refused with its field
//! and `config.*` code, and its figures are the ones the server applies.

use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `cesizen-server keys turn` (a command that reads the settings and exits) with a plan file, in a directory
/// of its own (the tests run in parallel: two runs sharing one would remove each other's file).
fn run_with_plan(name: &str, plan: &str) -> Output {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("cesizen-plan-file-{}-{run}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join(name);
    std::fs::write(&file, plan).expect("the plan file is written");
    let output = Command::new(env!("CARGO_BIN_EXE_cesizen-server"))
        .arg("keys")
        .arg("turn")
        .env("CESIZEN_DATA_DIR", &dir)
        .env("CESIZEN_PLAN_FILE", &file)
        .env("CESIZEN_LOG", "warn")
        .output()
        .expect("the server runs");
    let _ = std::fs::remove_dir_all(&dir);
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_refused_plan_stops_the_server_naming_the_field_and_code() {
    let output = run_with_plan("plan.json", r#"{ "gdpr": { "anonymisation": { "k": 1 } } }"#);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("gdpr.anonymisation.k") && message.contains("config.value.invalid"),
        "{message}"
    );

    let output = run_with_plan("plan.toml", "[alerting]\ngroupingWindowMs = 0\n");
    let message = stderr(&output);
    assert!(!output.status.success());
    assert!(
        message.contains("alerting.groupingWindowMs") && message.contains("config.value.not_positive"),
        "{message}"
    );
}

#[test]
fn the_plan_s_erasure_target_bounds_the_key_epochs() {
    // The default key epoch (1 day) plus backup retention (14 days) fits the plan's 30 days, not 10.
    let output = run_with_plan("plan.toml", "[gdpr.requests.internalTargets]\nerasure = \"10 days\"\n");
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("CESIZEN_BACKUP_RETENTION_SECONDS"), "{message}");
    assert!(message.contains("erasure target"), "{message}");
}
