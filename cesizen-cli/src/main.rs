//! # `cesizen`: the Cesizen SDK in the operations team's hands
//!
//! The maintenance plan is run by people: the 00:30 encrypted database backup and the monthly restore test,
//! key rotation, the monthly SLA review, the GDPR deadlines, the retention sweep. This binary puts the SDK's
//! crates behind one scriptable command line:
//!
//! | command | crate doing the work |
//! |---|---|
//! | `keys init / list / rotate / rewrap / retire / destroy-user` | `cesizen-crypto` (keyring, rotation, crypto-shredding) |
//! | `backup seal / open / verify` | `cesizen-crypto` (streaming AEAD) |
//! | `sla downtime / burn-rates / report` | `cesizen-sla` (allowed downtime, burn-rate rules, monthly report) |
//! | `sla prometheus-rules / alertmanager-config / grafana-dashboard` | `cesizen-sla` (Prometheus rules, Alertmanager routing, Grafana dashboard) |
//! | `incident deadlines` | `cesizen-core` (ticket workflow) and `cesizen-sla` (SLA timers) |
//! | `gdpr deadline / plan` | `cesizen-gdpr` (Art. 12(3) deadlines, retention planner) |
//!
//! **No business rule lives here.** The binary parses arguments and files, calls the crates, and prints: a
//! rule written in this crate would be a bug (as in the bindings). It does what a library may not: read the
//! clock (the default `--now`), files, the environment and the terminal.
//!
//! Conventions: `--json` prints one JSON object with camelCase keys; exit code 0 on success, 1 when an
//! operation or a check failed, 2 for bad usage; errors say what is wrong and what to do, with the SDK's stable
//! code, and never a backtrace; secrets are never printed.
#![forbid(unsafe_code)]

mod backup;
mod cli;
mod error;
mod files;
mod gdpr;
mod html;
mod incident;
mod keys;
mod monitoring;
mod outages;
mod output;
mod progress;
mod read_ahead;
mod report;
mod sla;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use cesizen_plan::Plan;
use clap::Parser;
use serde_json::json;

use crate::cli::{BackupCommand, Cli, Command, GdprCommand, IncidentCommand, KeysCommand, SlaCommand};
use crate::error::{CliError, EXIT_FAILED};

fn main() -> ExitCode {
    // Whatever slips through becomes a one-line error, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "error: internal error{place} [cli.internal]\n  hint: this is a bug in cesizen; please report it with the command that caused it"
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version exit 0; usage errors exit 2, with clap's message naming the flag.
        Err(err) => err.exit(),
    };
    let json = wants_json(&cli.command);
    let outcome = std::panic::catch_unwind(|| plan(cli.plan.as_deref()).and_then(|plan| run(cli.command, &plan)))
        .unwrap_or_else(|_| Err(CliError::failed("cli.internal", "internal error").reported()));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if err.code() != "cli.internal" || !err.is_reported() {
                let _ = writeln!(std::io::stderr(), "{err}");
            }
            if json && !err.is_reported() {
                let value =
                    json!({ "error": { "code": err.code(), "message": err.message(), "hint": err.hint_text() } });
                let _ = output::stdout(&format!("{}\n", output::pretty(&value)));
            }
            ExitCode::from(if err.exit_code() == 0 {
                EXIT_FAILED
            } else {
                err.exit_code()
            })
        }
    }
}

fn run(command: Command, plan: &Plan) -> Result<(), CliError> {
    match command {
        Command::Keys(c) => keys::run(c),
        Command::Backup(c) => backup::run(c),
        Command::Sla(c) => sla::run(c, plan),
        Command::Incident(c) => incident::run(c, plan),
        Command::Gdpr(c) => gdpr::run(c, plan),
    }
}

/// The plan of `--plan`, read once for every command, or the maintenance plan.
fn plan(path: Option<&Path>) -> Result<Plan, CliError> {
    let Some(path) = path else {
        return Ok(Plan::default());
    };
    let text = files::read_text(path)?;
    let parsed = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml")) {
        Plan::from_toml(&text)
    } else {
        Plan::from_json(&text)
    };
    parsed.map_err(|e| {
        CliError::plan(&e, &format!("the plan {} is refused", path.display()))
            .hint("every section is optional; cesizen-plan/plan.json is the plan written out in full")
    })
}

/// Whether the command was asked for JSON (then a failure is also printed as a JSON object).
fn wants_json(command: &Command) -> bool {
    match command {
        Command::Keys(
            KeysCommand::Init { output, .. }
            | KeysCommand::List { output, .. }
            | KeysCommand::Rotate { output, .. }
            | KeysCommand::Rewrap { output, .. }
            | KeysCommand::Retire { output, .. }
            | KeysCommand::DestroyUser { output, .. },
        ) => output.json,
        Command::Backup(BackupCommand::Verify { output, .. }) => output.json,
        Command::Backup(BackupCommand::Seal { .. } | BackupCommand::Open { .. }) => false,
        Command::Sla(SlaCommand::Downtime { output, .. } | SlaCommand::BurnRates { output, .. }) => output.json,
        Command::Sla(SlaCommand::Report { json, format, .. }) => *json || *format == cli::ReportFormat::Json,
        Command::Sla(
            SlaCommand::PrometheusRules { .. }
            | SlaCommand::AlertmanagerConfig { .. }
            | SlaCommand::GrafanaDashboard { .. },
        ) => false,
        Command::Incident(IncidentCommand::Deadlines { output, .. }) => output.json,
        Command::Gdpr(GdprCommand::Deadline { output, .. } | GdprCommand::Plan { output, .. }) => output.json,
    }
}
