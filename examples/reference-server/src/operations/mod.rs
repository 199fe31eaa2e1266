//! Operations: incidents with their ticket workflow and SLA timers, service outages and the monthly SLA report,
//! all under `/api/v1/admin/…` and for administrators only.
//!
//! **Who.** Every handler takes the [`Admin`](crate::state::Admin) extractor: no session is 401
//! `auth.session.invalid`, a session of any other role 403 `auth.role.forbidden`. The role is read from the
//! database on every request, so `cesizen-server grant-admin EMAIL` (the only way to raise a privilege, an
//! operator's command rather than a route) takes effect on the next request.
//!
//! **No rule of the server's own.** Priorities come from `cesizen-core`'s `classify` over the observed impacts,
//! security levels from `classify_security`, the workflow from `TicketStatus::apply`, the GDPR Art. 33 deadline
//! from `BreachNotificationClock`, escalation notices from the plan's `EscalationPolicy`, timers, goals and
//! calendars from `cesizen-sla`'s [`Rules::plan`], and the monthly report from `cesizen-sla::monthly_report`.
//! The server stores the ticket's dated history and recomputes every timer at read time with its own clock, so
//! what an incident shows is never stale and several instances agree.

pub mod incidents;
pub mod outages;

use std::sync::LazyLock;

use cesizen_sla::Rules;
use chrono::{DateTime, Utc};
use sqlx::{Any, Executor};

use crate::error::{ApiError, ApiResult};

/// The operations rules: the maintenance plan, as `cesizen-sla` writes it out.
static RULES: LazyLock<Rules> = LazyLock::new(Rules::plan);

/// The operations rules in force.
pub fn rules() -> &'static Rules {
    &RULES
}

/// The next number of the counter `name` (one of the rows the migrations create), taken inside the caller's
/// transaction so that a refused creation gives its number back.
pub async fn next_number<'e>(executor: impl Executor<'e, Database = Any>, name: &str) -> ApiResult<i64> {
    let (value,): (i64,) = sqlx::query_as("UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value")
        .bind(name)
        .fetch_one(executor)
        .await?;
    Ok(value)
}

/// Refuses an instant after the server's clock: what the API records happened already, and the timers are read
/// at the server's now, which may not precede their last event.
pub fn not_in_future(at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<DateTime<Utc>> {
    if at > now {
        return Err(ApiError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "validation.time.in_future",
            "the instant is after the server's clock",
        ));
    }
    Ok(at)
}

/// `WHERE a AND b …` over the server's own clause texts (never input: values go to numbered placeholders), or
/// nothing when there is no clause.
pub fn where_all(clauses: &[String]) -> String {
    if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    }
}
