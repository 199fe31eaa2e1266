//! Service outages, planned maintenance windows and the monthly SLA report.
//!
//! An outage is `cesizen-sla`'s [`Outage`]: a service of the plan's catalog, an interval and a weight (a full
//! outage by default; a partial one, say slow answers, counts each instant at its weight in ppm). A maintenance
//! window is an [`Interval`] taken out of the month's denominator. The report of a calendar month, in the
//! rules' zone (Europe/Paris), is `cesizen-sla`'s [`monthly_report`] over every record that overlaps the month:
//! the server only selects the rows, the crate clips, merges, weighs and rounds. Beside it, each service's
//! failures, MTTR and MTBF over the month are `cesizen-sla`'s [`reliability`] of its outages (every recorded
//! outage is a failure whatever its weight; overlapping ones are one; maintenance is not a failure).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cesizen_core::CalendarMonth;
use cesizen_sla::{
    Interval, MonthlyReport, Outage, Period, Ppm, Reliability, ServiceId, ServiceObservations, SlaError,
    monthly_report, reliability,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{next_number, rules, where_all};
use crate::db::{from_micros, micros, to_stored_precision};
use crate::error::{ApiError, ApiResult};
use crate::state::{Admin, ApiJson, ApiQuery, AppState};

/// What a record is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// The service was down, fully or at a weight.
    #[default]
    Outage,
    /// Planned maintenance: out of the month's denominator.
    Maintenance,
}

impl RecordKind {
    fn as_str(self) -> &'static str {
        match self {
            RecordKind::Outage => "outage",
            RecordKind::Maintenance => "maintenance",
        }
    }

    fn parse(text: &str) -> ApiResult<Self> {
        match text {
            "outage" => Ok(RecordKind::Outage),
            "maintenance" => Ok(RecordKind::Maintenance),
            _ => Err(ApiError::internal("system.stored_record.invalid")),
        }
    }
}

/// A new record.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewRecord {
    service: String,
    #[serde(default)]
    kind: RecordKind,
    #[serde(deserialize_with = "cesizen_core::instant::deserialize")]
    start: DateTime<Utc>,
    #[serde(deserialize_with = "cesizen_core::instant::deserialize")]
    end: DateTime<Utc>,
    #[serde(default)]
    weight_ppm: Option<u32>,
}

/// A record as the API shows it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordView {
    number: i64,
    service: ServiceId,
    kind: RecordKind,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    duration_ms: u64,
    weight_ppm: u32,
    recorded_at: DateTime<Utc>,
}

/// The list's filters: a service, and records overlapping `[from, to)`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Filter {
    #[serde(default)]
    service: Option<String>,
    #[serde(default, deserialize_with = "cesizen_core::instant::deserialize_option")]
    from: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "cesizen_core::instant::deserialize_option")]
    to: Option<DateTime<Utc>>,
    #[serde(default)]
    limit: Option<crate::state::PageLimit>,
}

/// A service of the rules' catalog, by id.
fn known_service(text: &str) -> ApiResult<ServiceId> {
    let id = ServiceId::new(text)?;
    if rules().services().get(id.as_str()).is_none() {
        return Err(SlaError::UnknownService.into());
    }
    Ok(id)
}

type RecordRow = (i64, String, String, i64, i64, i64, i64);
const COLUMNS: &str = "number, service, kind, start_at, end_at, weight_ppm, recorded_at";

fn from_row(row: RecordRow) -> ApiResult<(RecordView, Interval)> {
    let (number, service, kind, start, end, weight, recorded_at) = row;
    let invalid = |_| ApiError::internal("system.stored_record.invalid");
    let interval = Interval::new(from_micros(start), from_micros(end)).map_err(invalid)?;
    let view = RecordView {
        number,
        service: ServiceId::new(service).map_err(invalid)?,
        kind: RecordKind::parse(&kind)?,
        start: interval.start(),
        end: interval.end(),
        duration_ms: interval.len_ms(),
        weight_ppm: u32::try_from(weight).map_err(|_| ApiError::internal("system.stored_record.invalid"))?,
        recorded_at: from_micros(recorded_at),
    };
    Ok((view, interval))
}

/// `POST /api/v1/admin/outages`
pub async fn create(
    State(state): State<AppState>,
    _admin: Admin,
    ApiJson(form): ApiJson<NewRecord>,
) -> ApiResult<(StatusCode, Json<RecordView>)> {
    let now = state.now();
    let service = known_service(&form.service)?;
    let interval = Interval::new(to_stored_precision(form.start), to_stored_precision(form.end))?;
    let weight = match (form.kind, form.weight_ppm) {
        (RecordKind::Outage, None) => Ppm::ONE,
        (RecordKind::Outage, Some(ppm)) => Ppm::new(ppm)?,
        (RecordKind::Maintenance, None) => Ppm::ONE,
        (RecordKind::Maintenance, Some(_)) => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "http.body.invalid",
                "a maintenance window has no weight",
            ));
        }
    };
    let outage = Outage::partial(interval, weight);
    let mut tx = state.db.begin_write().await?;
    let number = next_number(&mut *tx, "outage").await?;
    sqlx::query(&format!(
        "INSERT INTO outages ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    ))
    .bind(number)
    .bind(service.as_str())
    .bind(form.kind.as_str())
    .bind(micros(outage.interval().start()))
    .bind(micros(outage.interval().end()))
    .bind(i64::from(outage.weight().get()))
    .bind(micros(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(
        number,
        service = service.as_str(),
        kind = form.kind.as_str(),
        "availability record added"
    );
    Ok((
        StatusCode::CREATED,
        Json(RecordView {
            number,
            service,
            kind: form.kind,
            start: interval.start(),
            end: interval.end(),
            duration_ms: interval.len_ms(),
            weight_ppm: weight.get(),
            recorded_at: now,
        }),
    ))
}

/// The records overlapping `[from, to)` (either bound open), of one service or all, by start.
async fn select(
    state: &AppState,
    service: Option<&ServiceId>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    limit: i64,
) -> ApiResult<Vec<(RecordView, Interval)>> {
    // Fixed clause texts with numbered placeholders; only the values are input, and they are bound.
    let mut clauses = Vec::new();
    let mut texts = Vec::new();
    let mut times = Vec::new();
    if let Some(service) = service {
        texts.push(service.as_str().to_owned());
        clauses.push("service = $1".to_owned());
    }
    let offset = texts.len();
    if let Some(from) = from {
        times.push(micros(from));
        clauses.push(format!("end_at > ${}", offset + times.len()));
    }
    if let Some(to) = to {
        times.push(micros(to));
        clauses.push(format!("start_at < ${}", offset + times.len()));
    }
    let condition = where_all(&clauses);
    let sql = format!(
        "SELECT {COLUMNS} FROM outages {condition} ORDER BY start_at, number LIMIT ${}",
        offset + times.len() + 1
    );
    let mut query = sqlx::query_as::<_, RecordRow>(&sql);
    for text in texts {
        query = query.bind(text);
    }
    for time in times {
        query = query.bind(time);
    }
    let rows = query.bind(limit).fetch_all(&state.db.pool).await?;
    rows.into_iter().map(from_row).collect()
}

/// `GET /api/v1/admin/outages`
pub async fn list(
    State(state): State<AppState>,
    _admin: Admin,
    ApiQuery(filter): ApiQuery<Filter>,
) -> ApiResult<Json<Vec<RecordView>>> {
    let service = filter.service.as_deref().map(known_service).transpose()?;
    let limit = crate::state::PageLimit::or_default(filter.limit);
    let records = select(&state, service.as_ref(), filter.from, filter.to, limit).await?;
    Ok(Json(records.into_iter().map(|(view, _)| view).collect()))
}

/// `DELETE /api/v1/admin/outages/{number}`: withdraws a record entered by mistake.
pub async fn delete(State(state): State<AppState>, _admin: Admin, Path(number): Path<String>) -> ApiResult<StatusCode> {
    let number: i64 = number.parse().map_err(|_| ApiError::not_found())?;
    let deleted = sqlx::query("DELETE FROM outages WHERE number = $1")
        .bind(number)
        .execute(&state.db.writer)
        .await?
        .rows_affected();
    if deleted == 0 {
        return Err(ApiError::not_found());
    }
    tracing::info!(number, "availability record withdrawn");
    Ok(StatusCode::NO_CONTENT)
}

/// The monthly SLA report as served: `cesizen-sla`'s report, and each service's reliability over the month.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyView {
    /// `cesizen-sla`'s report, its fields at the top level.
    #[serde(flatten)]
    report: MonthlyReport,
    /// One line per catalog service, in catalog order.
    reliability: Vec<ServiceReliability>,
}

/// A service's failures, downtime, MTTR and MTBF over the month.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceReliability {
    service: ServiceId,
    #[serde(flatten)]
    reliability: Reliability,
}

/// `GET /api/v1/admin/sla-reports/{year}/{month}`: `cesizen-sla`'s monthly report of every catalog service, with
/// each service's reliability over the month.
pub async fn monthly(
    State(state): State<AppState>,
    _admin: Admin,
    Path((year, month)): Path<(String, String)>,
) -> ApiResult<Json<MonthlyView>> {
    let year: i32 = year.parse().map_err(|_| ApiError::not_found())?;
    let month: u32 = month.parse().map_err(|_| ApiError::not_found())?;
    // A month outside 1–12 keeps the SLA functions' code, `sla.period.invalid`.
    let month = CalendarMonth::new(year, month).map_err(SlaError::from)?;
    let rules = rules();
    let period = Period::calendar_month(month, rules.report_time_zone())?;
    let records = select(&state, None, Some(period.start()), Some(period.end()), i64::MAX).await?;
    let mut observed: BTreeMap<ServiceId, ServiceObservations> = BTreeMap::new();
    for (record, interval) in records {
        let seen = observed.entry(record.service).or_default();
        match record.kind {
            RecordKind::Outage => {
                let weight =
                    Ppm::new(record.weight_ppm).map_err(|_| ApiError::internal("system.stored_record.invalid"))?;
                seen.outages.push(Outage::partial(interval, weight));
            }
            RecordKind::Maintenance => seen.maintenance.push(interval),
        }
    }
    let report = monthly_report(rules.services(), month, rules.report_time_zone(), &observed)?;
    let reliability = report
        .services
        .iter()
        .map(|line| {
            let outages: Vec<Interval> = observed
                .get(&line.service)
                .map(|seen| seen.outages.iter().map(Outage::interval).collect())
                .unwrap_or_default();
            ServiceReliability {
                service: line.service.clone(),
                reliability: reliability(&report.period, &outages),
            }
        })
        .collect();
    Ok(Json(MonthlyView { report, reliability }))
}
