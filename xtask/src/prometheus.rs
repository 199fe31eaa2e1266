//! The `prometheus` suite: what `cesizen sla prometheus-rules` and `alertmanager-config` generate, checked by the
//! real tools from Debian's packages (`promtool` from `prometheus`, `amtool` from `prometheus-alertmanager`).
//!
//! The CLI writes into `<target>/prometheus/`: the plan's Alertmanager configuration (`amtool check-config`, and
//! `amtool config routes test` for the receivers of each priority), the plan's Grafana dashboard (its schema
//! version and grid checked, every query parsed by `promtool check rules`), the plan's rules (`promtool check
//! rules`) and the
//! rules of `cesizen-sla/tests/prometheus/rules.json` (one service in New York time, month table from 1969-12,
//! as promtool's unit tests start at the Unix epoch), which the committed `*.test.yml` files there feed with
//! synthetic series (`promtool test rules`): which alerts fire and when, the maintenance window, the month
//! budget across a DST change.

use std::path::{Path, PathBuf};

use crate::cmd::{Failure, StepResult, command, root, run, run_in_root, target_dir};

/// The committed rules file and unit tests.
const TESTS_DIR: &str = "cesizen-sla/tests/prometheus";

/// Runs the suite.
pub fn suite() -> StepResult {
    run_in_root("cargo", &["build", "-p", "cesizen-cli"])?;
    let out = target_dir().join("prometheus");
    std::fs::create_dir_all(&out).map_err(|e| Failure(format!("cannot create {}: {e}", out.display())))?;
    let plan_rules = out.join("cesizen.rules.yml");
    cesizen(
        &["sla", "prometheus-rules", "--from", "2026-01", "--months", "24"],
        &plan_rules,
    )?;
    let tests = root().join(TESTS_DIR);
    let test_rules = out.join("slo-test.rules.yml");
    let config = tests.join("rules.json");
    cesizen(
        &[
            "sla",
            "prometheus-rules",
            "--config",
            &path_text(&config)?,
            "--from",
            "1969-12",
            "--months",
            "7",
        ],
        &test_rules,
    )?;
    promtool(
        &["check", "rules", &path_text(&plan_rules)?, &path_text(&test_rules)?],
        &out,
    )?;
    alertmanager(&out)?;
    dashboard(&out)?;
    let mut unit_tests = Vec::new();
    for entry in std::fs::read_dir(&tests).map_err(|e| Failure(format!("cannot list {TESTS_DIR}: {e}")))? {
        let path = entry
            .map_err(|e| Failure(format!("cannot list {TESTS_DIR}: {e}")))?
            .path();
        if path.to_string_lossy().ends_with(".test.yml") {
            unit_tests.push(copy_beside(&path, &out)?);
        }
    }
    unit_tests.sort();
    let mut args = vec!["test".to_owned(), "rules".to_owned()];
    args.extend(unit_tests);
    promtool(&args.iter().map(String::as_str).collect::<Vec<_>>(), &out)
}

/// The plan's routing: the configuration is valid and each priority reaches the plan's channels.
fn alertmanager(out: &Path) -> StepResult {
    let config = out.join("alertmanager.yml");
    cesizen(&["sla", "alertmanager-config"], &config)?;
    let config = path_text(&config)?;
    run_in_root("amtool", &["check-config", &config])?;
    let config_flag = format!("--config.file={config}");
    for (priority, receivers) in [
        ("p1", "p1-sms,p1-chat,p1-email"),
        ("p2", "p2-chat,p2-email"),
        ("p3", "p3-chat,p3-email"),
        ("p4", "p4-chat,p4-email"),
    ] {
        let verify = format!("--verify.receivers={receivers}");
        let label = format!("priority={priority}");
        run_in_root("amtool", &["config", "routes", "test", &config_flag, &verify, &label])?;
    }
    Ok(())
}

/// The dashboard: a JSON object with a schema version, panels placed on the grid, and every query parsed by
/// promtool (each written as a recording rule of a scratch rule file).
fn dashboard(out: &Path) -> StepResult {
    let file = out.join("cesizen-dashboard.json");
    cesizen(&["sla", "grafana-dashboard"], &file)?;
    let text = std::fs::read_to_string(&file).map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
    let dashboard: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| Failure(format!("the dashboard is not JSON: {e}")))?;
    if !dashboard["schemaVersion"].is_u64() || !dashboard["uid"].is_string() {
        return Err(Failure("the dashboard has no schemaVersion or uid".to_owned()));
    }
    let panels = dashboard["panels"].as_array().cloned().unwrap_or_default();
    let mut queries = Vec::new();
    for panel in &panels {
        let grid = &panel["gridPos"];
        let fits = ["h", "w", "x", "y"].iter().all(|k| grid[k].is_u64())
            && grid["x"].as_u64().unwrap_or(0) + grid["w"].as_u64().unwrap_or(0) <= 24;
        if !panel["type"].is_string() || !panel["id"].is_u64() || !fits {
            return Err(Failure(format!("a panel is malformed: {panel}")));
        }
        for target in panel["targets"].as_array().into_iter().flatten() {
            queries.push(target["expr"].as_str().unwrap_or_default().to_owned());
        }
    }
    if queries.is_empty() {
        return Err(Failure("the dashboard has no query".to_owned()));
    }
    let rules: Vec<serde_json::Value> = queries
        .iter()
        .enumerate()
        .map(|(i, expr)| serde_json::json!({ "record": format!("dashboard:query_{i}"), "expr": expr }))
        .collect();
    let scratch = out.join("dashboard-queries.rules.yml");
    let groups = serde_json::json!({ "groups": [{ "name": "dashboard-queries", "rules": rules }] });
    std::fs::write(&scratch, groups.to_string())
        .map_err(|e| Failure(format!("cannot write {}: {e}", scratch.display())))?;
    eprintln!(
        "dashboard: schemaVersion {}, {} panels, {} queries",
        dashboard["schemaVersion"],
        panels.len(),
        queries.len()
    );
    promtool(&["check", "rules", &path_text(&scratch)?], out)
}

/// Runs the CLI built above, writing to `output`.
fn cesizen(args: &[&str], output: &Path) -> StepResult {
    let binary = target_dir().join("debug").join("cesizen");
    let mut cmd = command(&path_text(&binary)?, args);
    cmd.arg("--output").arg(output);
    run(&mut cmd)
}

/// Runs promtool in `dir` (unit tests name their rule files relative to themselves).
fn promtool(args: &[&str], dir: &Path) -> StepResult {
    let mut cmd = command("promtool", args);
    cmd.current_dir(dir);
    run(&mut cmd)
}

/// Copies a unit-test file beside the generated rules; returns its file name.
fn copy_beside(file: &Path, dir: &Path) -> Result<String, Failure> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let to: PathBuf = dir.join(&name);
    std::fs::copy(file, &to)
        .map_err(|e| Failure(format!("cannot copy {} to {}: {e}", file.display(), to.display())))?;
    Ok(name)
}

fn path_text(path: &Path) -> Result<String, Failure> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| Failure(format!("{} is not UTF-8", path.display())))
}
