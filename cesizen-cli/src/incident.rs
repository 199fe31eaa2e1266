//! `cesizen incident deadlines`: an incident's resolution timer, replayed by `cesizen-core`'s ticket workflow
//! and `cesizen-sla`'s timers.
//!
//! The ticket is opened at `--opened` and the moves of `--events` are applied through the workflow (an
//! impossible move is refused with the core's code). The rules file (the plan by default) gives the goal of the
//! priority and security level, the working calendar, and which statuses start, pause and stop the timer; the
//! timer read at `--now` gives the due time, the 50 % escalation instant and whether the goal is breached.

use std::path::Path;

use cesizen_core::incident::{Actor, IncidentId, Priority, SecurityLevel, Ticket, TicketAction};
use cesizen_core::tz::Tz;
use cesizen_plan::Plan;
use cesizen_sla::{CycleOutcome, Rules, TimerState, WorkCalendarSpec};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;

use crate::cli::IncidentCommand;
use crate::error::{CliError, CliResult};
use crate::files;
use crate::output::{self, emit, human_ms, name_of};
use crate::sla;

/// One move of the events file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Move {
    at: DateTime<Utc>,
    action: TicketAction,
    #[serde(default)]
    actor: Option<Actor>,
}

/// Runs an `incident` command.
pub fn run(command: IncidentCommand, plan: &Plan) -> CliResult<()> {
    match command {
        IncidentCommand::Deadlines {
            priority,
            security_level,
            opened,
            events,
            now,
            config,
            output,
        } => deadlines(
            priority,
            security_level,
            opened,
            events.as_deref(),
            now.unwrap_or_else(Utc::now),
            &sla::rules(config.as_deref(), plan)?,
            output.json,
        ),
    }
}

fn deadlines(
    priority: Priority,
    level: Option<SecurityLevel>,
    opened: DateTime<Utc>,
    events: Option<&Path>,
    now: DateTime<Utc>,
    rules: &Rules,
    json: bool,
) -> CliResult<()> {
    // The ticket's id and the default author are never shown: the timer depends on times and moves only.
    let system = Actor::new("cesizen-cli").map_err(|e| CliError::failed(e.code(), e.to_string()))?;
    let id = IncidentId::new(1).map_err(|e| CliError::failed(e.code(), e.to_string()))?;
    let mut ticket = Ticket::open(id, priority, level, opened, system.clone());
    if let Some(path) = events {
        let moves: Vec<Move> = serde_json::from_str(&files::read_text(path)?).map_err(|e| {
            CliError::malformed(path.display(), e)
                .hint("write a JSON array of {\"at\": RFC 3339, \"action\": \"start\", \"actor\": \"alice\"}")
        })?;
        for (i, m) in moves.into_iter().enumerate() {
            ticket
                .apply(m.action, m.at, m.actor.unwrap_or_else(|| system.clone()))
                .map_err(|e| {
                    CliError::failed(e.code(), format!("{} move {}: {e}", path.display(), i + 1)).hint(
                        "moves follow the workflow to do → in progress → code review → test → ready to deploy → \
                         deployed → closed, in time order, after --opened",
                    )
                })?;
        }
    }
    let calendar = rules.timer_calendar().clone();
    let calendar_kind = output::to_value(&WorkCalendarSpec::from(calendar.clone()))["kind"].clone();
    let timer = rules
        .resolution_timer()
        .resolution_timer_for(&ticket, rules.timer_goals(), calendar)
        .map_err(|e| CliError::sla(&e, "replaying the ticket"))?;
    let status = timer.status(now).map_err(|e| {
        let err = CliError::sla(&e, "reading the timer");
        if matches!(e, cesizen_sla::SlaError::ReadBeforeLastEvent) {
            err.hint("--now must not be before the last move")
        } else {
            err
        }
    })?;
    let escalations = timer
        .escalations_due(now)
        .map_err(|e| CliError::sla(&e, "reading the timer"))?;
    let current = status.current();
    let current_index = status.cycles.len().checked_sub(1);
    let escalation_reached = current_index.is_some_and(|i| escalations.iter().any(|e| e.cycle == i));
    let due_at = current.and_then(|c| c.breach_due_at.or(c.breached_at));
    let outcome = current.map(|c| c.outcome);
    let value = json!({
        "priority": priority.as_str(),
        "securityLevel": level.map(SecurityLevel::as_str),
        "goalMs": status.goal_ms,
        "calendar": calendar_kind,
        "openedAt": opened,
        "now": now,
        "ticketStatus": name_of(&ticket.status()),
        "timerState": name_of(&status.state),
        "outcome": outcome.map(|o| name_of(&o)),
        "breached": outcome == Some(CycleOutcome::Breached),
        "dueAt": due_at,
        "escalationAt": current.and_then(|c| c.escalation_at),
        "escalationReached": escalation_reached,
        "elapsedMs": current.map(|c| c.elapsed_ms),
        "remainingMs": current.map(|c| c.remaining_ms),
        "cycles": output::to_value(&status.cycles),
    });
    let tz = rules.report_time_zone();
    emit(json, &value, || {
        let mut text = format!(
            "{} incident{} opened {}: goal {} ({} calendar)\n",
            priority.as_str().to_uppercase(),
            level.map_or_else(String::new, |l| format!(" ({})", l.as_str().to_uppercase())),
            when(opened, tz),
            human_ms(status.goal_ms),
            calendar_kind.as_str().unwrap_or("?")
        );
        match current {
            None => text.push_str("the timer has not started\n"),
            Some(c) => {
                text.push_str(&format!(
                    "at {}: {} ({}), {} elapsed, {}{}\n",
                    when(now, tz),
                    name_of(&c.outcome),
                    name_of(&status.state),
                    human_ms(c.elapsed_ms),
                    if c.remaining_ms < 0 {
                        format!("{} over the goal", human_ms(c.remaining_ms.unsigned_abs()))
                    } else {
                        format!("{} left", human_ms(c.remaining_ms.unsigned_abs()))
                    },
                    if status.cycles.len() > 1 {
                        format!(", cycle {}", status.cycles.len())
                    } else {
                        String::new()
                    }
                ));
                match (c.breached_at, c.breach_due_at, status.state) {
                    (Some(at), _, _) => text.push_str(&format!("breached at {}\n", when(at, tz))),
                    (None, Some(at), _) => text.push_str(&format!("due at      {}\n", when(at, tz))),
                    (None, None, TimerState::Paused) => text.push_str("paused: no due time while paused\n"),
                    _ => {}
                }
                if let Some(at) = c.escalation_at {
                    text.push_str(&format!(
                        "escalation  {}{}\n",
                        when(at, tz),
                        if escalation_reached && c.stopped_at.is_none() {
                            " (reached: escalate one level)"
                        } else {
                            ""
                        }
                    ));
                }
            }
        }
        text
    })
}

/// `2025-10-06 11:00 Europe/Paris (2025-10-06T09:00:00Z)`.
fn when(t: DateTime<Utc>, tz: Tz) -> String {
    format!(
        "{} {} ({})",
        t.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
        tz.name(),
        t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    )
}
