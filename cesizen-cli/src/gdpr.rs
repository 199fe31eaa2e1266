//! `cesizen gdpr`: request deadlines and the retention plan, decided by `cesizen-gdpr` under its configuration
//! (the plan by default; a TOML or JSON document overrides it).
//!
//! The retention plan streams: one record is read, decided and forgotten at a time, so a file of ten million
//! rows takes constant memory; the due actions can be written out as JSON Lines for the job that applies them.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use cesizen_gdpr::GdprConfig;
use cesizen_gdpr::request::{LegalTerm, RequestKind};
use cesizen_gdpr::retention::{Action, Category, PlanSummary, RecordMeta, RetentionPlanner};
use cesizen_plan::Plan;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use crate::cli::GdprCommand;
use crate::error::{CliError, CliResult};
use crate::files::{self, Sink, csv_error};
use crate::output::{self, emit, name_of, table};
use crate::progress::{CountingReader, Progress};

const ACTIONS: [Action; 4] = [Action::Keep, Action::Anonymise, Action::Delete, Action::Notify];

/// Runs a `gdpr` command.
pub fn run(command: GdprCommand, deployment: &Plan) -> CliResult<()> {
    match command {
        GdprCommand::Deadline {
            request,
            received,
            extended,
            config,
            output,
        } => deadline(
            request,
            received,
            extended,
            &gdpr_config(config.as_deref(), deployment)?,
            output.json,
        ),
        GdprCommand::Plan {
            records,
            now,
            actions,
            config,
            no_progress,
            output,
        } => plan(
            &records,
            now.unwrap_or_else(Utc::now),
            actions.as_deref(),
            &gdpr_config(config.as_deref(), deployment)?,
            no_progress,
            output.json,
        ),
    }
}

/// The command's own configuration file (TOML, or JSON by extension), or the plan's (`--plan`, the maintenance
/// plan without it).
fn gdpr_config(path: Option<&Path>, plan: &Plan) -> CliResult<GdprConfig> {
    let Some(path) = path else {
        return Ok(*plan.gdpr());
    };
    let text = files::read_text(path)?;
    let parsed = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        GdprConfig::from_json_str(&text)
    } else {
        GdprConfig::from_toml_str(&text)
    };
    parsed.map_err(|e| {
        CliError::gdpr(&e, &format!("the configuration {} is refused", path.display()))
            .hint("every section is optional; the defaults are documented in cesizen-gdpr's config module")
    })
}

fn deadline(
    kind: RequestKind,
    received: DateTime<Utc>,
    extended: bool,
    config: &GdprConfig,
    json: bool,
) -> CliResult<()> {
    let policy = config.requests;
    let tz = policy.time_zone.tz();
    let legal = policy
        .legal_deadline(
            received,
            if extended {
                LegalTerm::Extended
            } else {
                LegalTerm::OneMonth
            },
        )
        .map_err(|e| CliError::gdpr(&e, "computing the legal deadline"))?;
    let internal_period = policy.internal_targets.get(kind);
    let internal_due = policy
        .internal_due(kind, received)
        .map_err(|e| CliError::gdpr(&e, "computing the internal target"))?;
    let value = json!({
        "request": kind.as_str(),
        "article": kind.article(),
        "receivedAt": received,
        "timeZone": tz.name(),
        "extended": extended,
        "internalTarget": internal_period.zip(internal_due).map(|(p, due)| json!({ "period": p.to_string(), "dueAt": due })),
        "legalDeadline": output::to_value(&legal),
    });
    let local = |t: DateTime<Utc>| t.with_timezone(&tz).format("%a %-d %b %Y %H:%M").to_string();
    emit(json, &value, || {
        let mut text = format!(
            "{} request ({}) received {} {}\n",
            kind.as_str(),
            kind.article(),
            local(received),
            tz.name()
        );
        match internal_period.zip(internal_due) {
            Some((p, due)) => text.push_str(&format!(
                "internal target ({p}): closed by {} ({})\n",
                local(due),
                due.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
            )),
            None => text.push_str("internal target: none for this kind (the legal deadline applies)\n"),
        }
        text.push_str(&format!(
            "legal deadline (Art. 12(3), {}): end of {} (before {})\n",
            if extended {
                "extended to three months"
            } else {
                "one month"
            },
            legal.due_date.format("%a %-d %b %Y"),
            legal.due_at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
        ));
        text
    })
}

fn plan(
    records: &Path,
    now: DateTime<Utc>,
    actions: Option<&Path>,
    config: &GdprConfig,
    no_progress: bool,
    json: bool,
) -> CliResult<()> {
    let to_stdout = actions.is_some_and(|p| p.as_os_str() == "-");
    if to_stdout && json {
        return Err(CliError::usage(
            "cli.args.conflict",
            "--actions - and --json would both write to standard output",
        )
        .hint("write the actions to a file (--actions due.jsonl)"));
    }
    let planner =
        RetentionPlanner::new(config.retention).map_err(|e| CliError::gdpr(&e, "the retention policy is refused"))?;
    let (input, size) = files::open_input(Some(records))?;
    let mut input = CountingReader::new(input, Progress::new("planning", size, !no_progress));
    let mut sink = match actions {
        Some(_) if to_stdout => Some(Sink::open(None, false)?),
        Some(p) => Some(Sink::open(Some(p), true)?),
        None => None,
    };
    let mut summary = PlanSummary::default();
    let mut count = 0u64;
    let mut decide = |record: RecordMeta| -> CliResult<()> {
        let decision = planner
            .decide(&record, now)
            .map_err(|e| CliError::gdpr(&e, "deciding a record"))?;
        summary.add(&decision);
        count += 1;
        if decision.is_due() {
            let line = format!("{}\n", output::to_value(&decision));
            if let Some(out) = &mut sink {
                out.write_all(line.as_bytes())
                    .map_err(|e| CliError::write_failed(&out.name(), &e))?;
            }
        }
        Ok(())
    };
    if records.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
        read_csv(records, &mut input, &mut decide)?;
    } else {
        read_json_lines(records, &mut input, &mut decide)?;
    }
    input.progress().finish();
    if let Some(sink) = sink {
        sink.commit()?;
    }
    let mut counts = Map::new();
    for category in Category::ALL {
        let row: Map<String, Value> = ACTIONS
            .iter()
            .map(|a| (name_of(a), json!(summary.count(category, *a))))
            .collect();
        counts.insert(category.as_str().to_owned(), Value::Object(row));
    }
    let value = json!({
        "now": now,
        "records": count,
        "due": summary.due(),
        "nextDueAt": summary.next_due_at,
        "counts": counts,
        "actions": actions.map(|p| p.display().to_string()),
    });
    if to_stdout {
        return Ok(());
    }
    emit(json, &value, || {
        let rows: Vec<Vec<String>> = Category::ALL
            .iter()
            .map(|c| {
                std::iter::once(c.as_str().to_owned())
                    .chain(ACTIONS.iter().map(|a| summary.count(*c, *a).to_string()))
                    .collect()
            })
            .collect();
        let mut text = format!(
            "retention plan at {} over {count} records\n{}{} actions due",
            now.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            table(&["category", "keep", "anonymise", "delete", "notify"], &rows),
            summary.due()
        );
        if let Some(p) = actions {
            text.push_str(&format!(", written to {}", p.display()));
        }
        text.push('\n');
        if let Some(next) = summary.next_due_at {
            text.push_str(&format!(
                "next action due at {}\n",
                next.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
            ));
        }
        text
    })
}

fn read_json_lines(
    path: &Path,
    input: &mut impl Read,
    each: &mut impl FnMut(RecordMeta) -> CliResult<()>,
) -> CliResult<()> {
    let reader = BufReader::with_capacity(256 * 1024, input);
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| CliError::unreadable(path, &e))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: RecordMeta = serde_json::from_str(&line).map_err(|e| {
            CliError::malformed(format!("{} line {}", path.display(), i + 1), e).hint(
                "one JSON object per line: {\"id\": UUID, \"category\": \"journal_entry\", \"createdAt\": RFC 3339}",
            )
        })?;
        each(record)?;
    }
    Ok(())
}

fn read_csv(path: &Path, input: &mut impl Read, each: &mut impl FnMut(RecordMeta) -> CliResult<()>) -> CliResult<()> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(input);
    let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let meta: RecordMeta = record.deserialize(Some(&headers)).map_err(|e| {
            CliError::malformed(format!("{} line {line}", path.display()), csv_detail(&e)).hint(
                "columns id,category,createdAt[,lastActiveAt,notifiedAt,anonymised,onHold]; anonymised and onHold are true or false",
            )
        })?;
        each(meta)?;
    }
    Ok(())
}

fn csv_detail(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(i) => format!("field {}: {}", i + 1, err.kind()),
            None => err.kind().to_string(),
        },
        _ => "not valid CSV".to_owned(),
    }
}
