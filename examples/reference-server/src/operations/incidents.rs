//! Incidents: creation with their classification, the ticket workflow, SLA timers, escalation notices and the
//! GDPR Art. 33 breach clock.
//!
//! An incident is a `cesizen-core` [`Ticket`] numbered `CESIZEN-NNNN`, stored as its JSON record (replayed
//! through the workflow on load, so a tampered row is refused) with the impacts and security events it was
//! classified from. Its view is computed at every read with the server's clock:
//!
//! - the **resolution timer** (`cesizen-sla`: created → deployed, the goal of the priority or, for a security
//!   incident, the stricter of the priority's and the level's) and the **response timer** (the L1 goal, created →
//!   work started), each with its cycles, its 50 % escalation instant and a `standing`: `running`, `at_risk`
//!   (half the goal spent), `breached`, `met`, `paused` or `not_started`;
//! - the plan's **escalation notices** for the priority (`cesizen-core` `EscalationPolicy`): due so far and next;
//! - for a personal-data breach, the **Art. 33 clock**: 72 hours from awareness, stopped by recording the
//!   notification to the supervisory authority (`POST …/breach-notification`), which tells whether it was late.
//!
//! Moves and the creation may carry the instant they happened (`at`, `openedAt`): an incident is often
//! recorded after it was detected. The instant may not be after the server's clock nor, for a move, before the
//! previous one (`workflow.event.out_of_order`). A move the workflow does not allow is 409
//! `workflow.ticket.illegal_transition`, like every illegal workflow move of the API.

use std::str::FromStr;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cesizen_core::alerting::{AlertLifecycleEvent, EscalationNotice};
use cesizen_core::incident::{
    Actor, BreachNotificationClock, Handling, Impact, IncidentError, IncidentId, IncidentReport, Priority,
    SecurityClassification, SecurityEventKind, SecurityLevel, Ticket, TicketAction, TicketEvent, TicketStatus,
    classify, classify_security,
};
use cesizen_gdpr::timer::{AtRiskPercent, DeadlineWindow, TimerStatus as DeadlineStatus};
use cesizen_sla::{EscalationDue, SlaTimer, TimerConditions, TimerStanding, TimerStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{Any, Executor};

use super::{next_number, not_in_future, rules, where_all};
use crate::db::{from_micros, micros, to_stored_precision};
use crate::error::{ApiError, ApiResult};
use crate::state::{Admin, ApiJson, ApiQuery, AppState};

/// A new incident.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewIncident {
    title: String,
    impacts: Vec<Impact>,
    #[serde(default)]
    security_events: Vec<SecurityEventKind>,
    #[serde(default)]
    personal_data_breach: bool,
    #[serde(default, deserialize_with = "cesizen_core::instant::deserialize_option")]
    aware_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "cesizen_core::instant::deserialize_option")]
    opened_at: Option<DateTime<Utc>>,
}

/// A move of the workflow.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Move {
    action: TicketAction,
    #[serde(default, deserialize_with = "cesizen_core::instant::deserialize_option")]
    at: Option<DateTime<Utc>>,
}

/// The list's filters.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Filter {
    #[serde(default)]
    status: Option<TicketStatus>,
    #[serde(default)]
    priority: Option<Priority>,
    #[serde(default)]
    security_level: Option<SecurityLevel>,
    #[serde(default)]
    limit: Option<crate::state::PageLimit>,
}

/// An incident as the API shows it, computed at `readAt`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IncidentView {
    id: IncidentId,
    title: String,
    priority: Priority,
    handling: Handling,
    impacts: Vec<Impact>,
    #[serde(skip_serializing_if = "Option::is_none")]
    security: Option<SecurityView>,
    status: TicketStatus,
    allowed_actions: Vec<TicketAction>,
    opened_at: DateTime<Utc>,
    history: Vec<TicketEvent>,
    timers: Timers,
    escalations: Escalations,
    #[serde(skip_serializing_if = "Option::is_none")]
    breach_notification: Option<BreachView>,
    read_at: DateTime<Utc>,
}

/// The security side of an incident: its level's classification and the events observed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SecurityView {
    #[serde(flatten)]
    classification: SecurityClassification,
    events: Vec<SecurityEventKind>,
}

/// Both timers of a ticket.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Timers {
    resolution: TimerView,
    #[serde(skip_serializing_if = "Option::is_none")]
    response: Option<TimerView>,
}

/// A timer read now.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TimerView {
    standing: TimerStanding,
    #[serde(flatten)]
    status: TimerStatus,
    escalations_due: Vec<EscalationDue>,
}

/// The plan's escalation notices for the incident's priority.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Escalations {
    due: Vec<EscalationNotice>,
    next: Option<EscalationNotice>,
}

/// The GDPR Art. 33 notification clock.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BreachView {
    aware_at: DateTime<Utc>,
    deadline: DateTime<Utc>,
    remaining_ms: i64,
    /// Not notified, and the deadline has passed.
    overdue: bool,
    notified_at: Option<DateTime<Utc>>,
    /// Whether the recorded notification came after the deadline.
    notified_late: Option<bool>,
}

/// The notification of a breach to the supervisory authority.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreachNotified {
    #[serde(default, deserialize_with = "cesizen_core::instant::deserialize_option")]
    notified_at: Option<DateTime<Utc>>,
}

/// An incident as stored.
struct Stored {
    title: String,
    ticket: Ticket,
    version: i64,
    impacts: Vec<Impact>,
    security_events: Vec<SecurityEventKind>,
    breach_aware_at: Option<DateTime<Utc>>,
    breach_notified_at: Option<DateTime<Utc>>,
}

type IncidentRow = (String, String, i64, String, String, Option<i64>, Option<i64>);
const COLUMNS: &str = "title, ticket, version, impacts, security_events, breach_aware_at, breach_notified_at";

fn from_row(row: IncidentRow) -> ApiResult<Stored> {
    let (title, ticket, version, impacts, security_events, breach_aware_at, breach_notified_at) = row;
    Ok(Stored {
        title,
        ticket: serde_json::from_str(&ticket)?,
        version,
        impacts: serde_json::from_str(&impacts)?,
        security_events: serde_json::from_str(&security_events)?,
        breach_aware_at: breach_aware_at.map(from_micros),
        breach_notified_at: breach_notified_at.map(from_micros),
    })
}

fn timer_view(timer: &SlaTimer, now: DateTime<Utc>) -> ApiResult<TimerView> {
    let status = timer.status(now)?;
    Ok(TimerView {
        standing: status.standing(now),
        escalations_due: timer.escalations_due(now)?,
        status,
    })
}

/// The view of `stored` at `now`; fails with the SDK's code when its history cannot be read at `now` (an
/// event after `now`), which is how a creation or a move is checked before it is stored.
fn view(stored: Stored, now: DateTime<Utc>) -> ApiResult<IncidentView> {
    let rules = rules();
    let ticket = &stored.ticket;
    let calendar = rules.timer_calendar().clone();
    let resolution = rules
        .resolution_timer()
        .resolution_timer_for(ticket, rules.timer_goals(), calendar.clone())?;
    let response = TimerConditions::response().response_timer_for(ticket, calendar)?;
    let mut lifecycle = vec![AlertLifecycleEvent::Triggered {
        at: ticket.created_at(),
    }];
    if let Some(closed) = ticket.history().iter().find(|e| e.to() == TicketStatus::Closed) {
        lifecycle.push(AlertLifecycleEvent::Closed { at: closed.at() });
    }
    let policy = rules.alerting().escalation(ticket.priority());
    let schedule = policy.schedule_at(&lifecycle, now)?;
    let escalations = Escalations {
        due: schedule.notices,
        next: schedule.next,
    };
    let security = ticket.security_level().map(|level| SecurityView {
        classification: level.classification(),
        events: stored.security_events.clone(),
    });
    let breach_notification = stored
        .breach_aware_at
        .map(|aware_at| {
            let clock = BreachNotificationClock::new(aware_at);
            // Open until the notification is recorded; the at-risk share plays no part in what is shown.
            let timer = DeadlineWindow::art33(&clock).timer(stored.breach_notified_at, now, AtRiskPercent::PLAN);
            ApiResult::Ok(BreachView {
                aware_at,
                deadline: clock.deadline(),
                remaining_ms: clock.remaining(now).num_milliseconds(),
                overdue: timer.status == DeadlineStatus::Overdue,
                notified_at: stored.breach_notified_at,
                notified_late: stored
                    .breach_notified_at
                    .map(|_| timer.status == DeadlineStatus::Missed),
            })
        })
        .transpose()?;
    Ok(IncidentView {
        id: ticket.id(),
        priority: ticket.priority(),
        handling: ticket.priority().handling(),
        impacts: stored.impacts,
        security,
        status: ticket.status(),
        allowed_actions: ticket.status().allowed_actions(),
        opened_at: ticket.created_at(),
        history: ticket.history().to_vec(),
        timers: Timers {
            resolution: timer_view(&resolution, now)?,
            response: response.as_ref().map(|t| timer_view(t, now)).transpose()?,
        },
        escalations,
        breach_notification,
        title: stored.title,
        read_at: now,
    })
}

/// The acting administrator, as the ticket history names them: their account id, never a name or an address.
fn actor(admin: &Admin) -> ApiResult<Actor> {
    Ok(Actor::new(admin.0.id.to_string())?)
}

/// `POST /api/v1/admin/incidents`
pub async fn create(
    State(state): State<AppState>,
    admin: Admin,
    ApiJson(form): ApiJson<NewIncident>,
) -> ApiResult<(StatusCode, Json<IncidentView>)> {
    let now = state.now();
    let opened_at = not_in_future(to_stored_precision(form.opened_at.unwrap_or(now)), now)?;
    let breach_aware_at = match (form.personal_data_breach, form.aware_at) {
        (true, aware_at) => Some(not_in_future(to_stored_precision(aware_at.unwrap_or(opened_at)), now)?),
        (false, None) => None,
        (false, Some(_)) => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "http.body.invalid",
                "awareAt is given only for a personal-data breach",
            ));
        }
    };
    let priority = classify(&form.impacts)?;
    let security_level = if form.security_events.is_empty() {
        None
    } else {
        Some(classify_security(&form.security_events)?)
    };
    let actor = actor(&admin)?;

    let mut tx = state.db.begin_write().await?;
    let number = next_number(&mut *tx, "incident").await?;
    let id = IncidentId::new(u32::try_from(number).map_err(|_| ApiError::from(IncidentError::IdOverflow))?)?;
    // The report's rules for a title (1–200 printable characters, not padded) are the core's.
    let report = IncidentReport::open(id, form.title, priority, opened_at)?;
    let ticket = Ticket::open(id, priority, security_level, opened_at, actor);
    let stored = Stored {
        title: report.title().to_owned(),
        ticket,
        version: 0,
        impacts: form.impacts,
        security_events: form.security_events,
        breach_aware_at,
        breach_notified_at: None,
    };
    let ticket_json = serde_json::to_string(&stored.ticket)?;
    let impacts_json = serde_json::to_string(&stored.impacts)?;
    let events_json = serde_json::to_string(&stored.security_events)?;
    let shown = view(stored, now)?;
    sqlx::query(
        "INSERT INTO incidents (number, title, priority, status, created_at, version, ticket, impacts, \
         security_events, security_level, breach_aware_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9, $10)",
    )
    .bind(number)
    .bind(&shown.title)
    .bind(priority.as_str())
    .bind(shown.status.as_str())
    .bind(micros(opened_at))
    .bind(ticket_json)
    .bind(impacts_json)
    .bind(events_json)
    .bind(security_level.map(SecurityLevel::as_str))
    .bind(breach_aware_at.map(micros))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(incident = %id, %priority, "incident opened");
    Ok((StatusCode::CREATED, Json(shown)))
}

fn incident_id(text: &str) -> ApiResult<IncidentId> {
    IncidentId::from_str(text).map_err(|_| ApiError::not_found())
}

async fn load<'e>(executor: impl Executor<'e, Database = Any>, id: IncidentId) -> ApiResult<Stored> {
    let row: Option<IncidentRow> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM incidents WHERE number = $1"))
        .bind(i64::from(id.number()))
        .fetch_optional(executor)
        .await?;
    from_row(row.ok_or_else(ApiError::not_found)?)
}

/// `GET /api/v1/admin/incidents/{id}`
pub async fn get(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<IncidentView>> {
    let id = incident_id(&id)?;
    let stored = load(&state.db.pool, id).await?;
    Ok(Json(view(stored, state.now())?))
}

/// `GET /api/v1/admin/incidents`: the most recent first, filtered by status, priority and security level.
pub async fn list(
    State(state): State<AppState>,
    _admin: Admin,
    ApiQuery(filter): ApiQuery<Filter>,
) -> ApiResult<Json<Vec<IncidentView>>> {
    // Fixed clause texts with numbered placeholders; only the values are input, and they are bound.
    let mut clauses = Vec::new();
    let mut values = Vec::new();
    let named = [
        ("status", filter.status.map(TicketStatus::as_str)),
        ("priority", filter.priority.map(Priority::as_str)),
        ("security_level", filter.security_level.map(SecurityLevel::as_str)),
    ];
    for (column, value) in named {
        if let Some(value) = value {
            values.push(value);
            clauses.push(format!("{column} = ${}", values.len()));
        }
    }
    let condition = where_all(&clauses);
    let sql = format!(
        "SELECT {COLUMNS} FROM incidents {condition} ORDER BY number DESC LIMIT ${}",
        values.len() + 1
    );
    let mut query = sqlx::query_as::<_, IncidentRow>(&sql);
    for value in values {
        query = query.bind(value);
    }
    let limit = crate::state::PageLimit::or_default(filter.limit);
    let rows = query.bind(limit).fetch_all(&state.db.pool).await?;
    let now = state.now();
    let views = rows
        .into_iter()
        .map(|row| view(from_row(row)?, now))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(views))
}

/// `POST /api/v1/admin/incidents/{id}/actions`: one move of the workflow.
pub async fn act(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<Move>,
) -> ApiResult<Json<IncidentView>> {
    let id = incident_id(&id)?;
    let now = state.now();
    let at = not_in_future(to_stored_precision(form.at.unwrap_or(now)), now)?;
    let actor = actor(&admin)?;
    let mut stored = load(&state.db.pool, id).await?;
    let version = stored.version;
    stored.ticket.apply(form.action, at, actor)?;
    let ticket_json = serde_json::to_string(&stored.ticket)?;
    let status = stored.ticket.status();
    let shown = view(stored, now)?;
    let updated =
        sqlx::query("UPDATE incidents SET status = $1, ticket = $2, version = $3 WHERE number = $4 AND version = $5")
            .bind(status.as_str())
            .bind(ticket_json)
            .bind(version + 1)
            .bind(i64::from(id.number()))
            .bind(version)
            .execute(&state.db.writer)
            .await?
            .rows_affected();
    if updated == 0 {
        return Err(ApiError::conflict(
            "conflict.concurrent_update",
            "the incident changed meanwhile; try again",
        ));
    }
    tracing::info!(incident = %id, action = %form.action, %status, "incident moved");
    Ok(Json(shown))
}

/// `POST /api/v1/admin/incidents/{id}/breach-notification`: the personal-data breach was notified to the
/// supervisory authority (the CNIL), once. An incident that is no personal-data breach has no such resource
/// (404); a second notification is 409; an instant before awareness is `workflow.event.out_of_order`.
pub async fn notify_breach(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<BreachNotified>,
) -> ApiResult<Json<IncidentView>> {
    let id = incident_id(&id)?;
    let now = state.now();
    let notified_at = not_in_future(to_stored_precision(form.notified_at.unwrap_or(now)), now)?;
    let mut stored = load(&state.db.pool, id).await?;
    let aware_at = stored
        .breach_aware_at
        .ok_or_else(|| ApiError::conflict("incident.breach.none", "this incident is not a personal-data breach"))?;
    if notified_at < aware_at {
        return Err(IncidentError::OutOfOrder.into());
    }
    let already = || ApiError::conflict("conflict.record.exists", "the notification is already recorded");
    if stored.breach_notified_at.is_some() {
        return Err(already());
    }
    let updated =
        sqlx::query("UPDATE incidents SET breach_notified_at = $1 WHERE number = $2 AND breach_notified_at IS NULL")
            .bind(micros(notified_at))
            .bind(i64::from(id.number()))
            .execute(&state.db.writer)
            .await?
            .rows_affected();
    if updated == 0 {
        return Err(already());
    }
    stored.breach_notified_at = Some(notified_at);
    let late =
        DeadlineWindow::art33(&BreachNotificationClock::new(aware_at)).closed(notified_at) == DeadlineStatus::Missed;
    tracing::info!(incident = %id, late, "personal-data breach notified to the authority");
    Ok(Json(view(stored, now)?))
}
