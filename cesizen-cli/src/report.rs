//! `cesizen sla report`: the monthly SLA report of `cesizen-sla`, as text, JSON or one HTML page.
//!
//! The figures are `monthly_report`'s. For the pictures the month is also measured day by day and from its
//! start to each day's end, with the same crate functions (`availability`, `ErrorBudget`):
//!
//! - **uptime bars** (one cell per local day, Statuspage style): green when the day had no downtime, yellow
//!   for a partial outage only (every outage of the day weighs less than a full one), red when a full outage
//!   touched the day, grey when maintenance covered the whole day;
//! - **error-budget burn-down**: the share of the month's budget left at the end of each day
//!   (`ErrorBudget::remaining_ppm` of the downtime so far against the whole month's eligible time).
//!
//! Local days come from `cesizen_core::alerting::resolve_local_date`, the function the crate's calendar months
//! are made of, so the days tile the month exactly, DST nights included.

use std::path::Path;

use cesizen_core::alerting::resolve_local_date;
use cesizen_core::tz::Tz;
use cesizen_sla::{
    ErrorBudget, MonthlyReport, Outage, Period, Ppm, ServiceId, ServiceObservations, SloTarget, availability,
    monthly_report,
};
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde_json::{Value, json};

use crate::cli::ReportFormat;
use crate::error::{CliError, CliResult};
use crate::output::{self, table};
use crate::{files, html, outages, sla};

/// How one day went for one service, in Statuspage's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayStatus {
    /// No downtime.
    Up,
    /// Downtime from partial outages only (degraded service).
    PartialOutage,
    /// A full outage touched the day.
    MajorOutage,
    /// Maintenance all day: nothing to measure.
    Maintenance,
}

impl DayStatus {
    /// The name used in JSON and as the HTML class.
    pub fn as_str(self) -> &'static str {
        match self {
            DayStatus::Up => "up",
            DayStatus::PartialOutage => "partial_outage",
            DayStatus::MajorOutage => "major_outage",
            DayStatus::Maintenance => "maintenance",
        }
    }
}

/// One local day of one service.
#[derive(Debug, Clone, Copy)]
pub struct Day {
    /// The local date.
    pub date: NaiveDate,
    /// Downtime, ms (rounded up).
    pub downtime_ms: u64,
    /// Maintenance, ms.
    pub maintenance_ms: u64,
    /// Availability over the day's eligible time.
    pub availability_ppm: Option<u32>,
    /// The colour of the day.
    pub status: DayStatus,
}

/// The pictures' data of one service.
#[derive(Debug, Clone)]
pub struct ServiceDays {
    /// The service id.
    pub id: ServiceId,
    /// Its display name.
    pub name: String,
    /// Its target.
    pub target: SloTarget,
    /// One entry per local day.
    pub days: Vec<Day>,
    /// Share of the month's budget left (ppm, negative when overspent) at the month's start and at the end of
    /// each day; `None` when the budget is empty (maintenance all month).
    pub budget_left: Vec<Option<i64>>,
}

/// Everything a report shows.
#[derive(Debug, Clone)]
pub struct ReportData {
    /// The crate's report.
    pub report: MonthlyReport,
    /// The zone of the month.
    pub time_zone: Tz,
    /// Day-by-day data, in catalog order.
    pub services: Vec<ServiceDays>,
    /// Where the outages came from (shown in the page's footer).
    pub source: String,
}

/// Runs `sla report`.
pub fn run(
    outages_path: &Path,
    month: NaiveDate,
    config: Option<&Path>,
    format: ReportFormat,
    output: Option<&Path>,
    check: bool,
) -> CliResult<()> {
    let rules = sla::rules(config)?;
    let observed = outages::read(outages_path)?;
    let tz = rules.report_time_zone();
    let report = monthly_report(rules.services(), month.year(), month.month(), tz, &observed).map_err(|e| {
        let err = CliError::sla(&e, "the report cannot be computed");
        match observed.keys().find(|id| rules.services().get(id.as_str()).is_none()) {
            Some(id) => err.hint(format!(
                "the outages name the service `{id}`, which the rules do not list (known: {}); fix the id or add the service to the rules file",
                rules.services().services().iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
            )),
            None => err,
        }
    })?;
    let source = outages_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let data = days(report, tz, &observed, source)?;
    let rendered = match format {
        ReportFormat::Text => text(&data),
        ReportFormat::Json => format!("{}\n", output::pretty(&json_value(&data))),
        ReportFormat::Html => html::render(&data),
    };
    match output {
        Some(path) => files::replace_file(path, rendered.as_bytes(), files::SHARED)?,
        None => output::stdout(&rendered)?,
    }
    let missed: Vec<&str> = data
        .report
        .services
        .iter()
        .filter(|s| s.met == Some(false))
        .map(|s| s.service.as_str())
        .collect();
    if check && !missed.is_empty() {
        return Err(CliError::failed(
            "cli.sla.target_missed",
            format!("{} service(s) missed their target: {}", missed.len(), missed.join(", ")),
        )
        .reported());
    }
    Ok(())
}

/// Measures each local day of the month and the budget left at each day's end.
pub fn days(report: MonthlyReport, tz: Tz, observed: &outages::Observations, source: String) -> CliResult<ReportData> {
    let month = report.period;
    let first = NaiveDate::from_ymd_opt(report.year, report.month, 1)
        .ok_or_else(|| CliError::failed("sla.period.invalid", "the report's month is not a date"))?;
    let mut bounds = Vec::new();
    let mut date = first;
    while date.month() == first.month() {
        let next = date
            .succ_opt()
            .ok_or_else(|| CliError::failed("sla.date.out_of_range", "the month is out of range"))?;
        let midnight = |d: NaiveDate| {
            resolve_local_date(tz, d, NaiveTime::MIN)
                .ok_or_else(|| CliError::failed("sla.date.out_of_range", "a local midnight is out of range"))
        };
        let day = Period::new(midnight(date)?, midnight(next)?).map_err(|e| CliError::sla(&e, "measuring a day"))?;
        bounds.push((date, day));
        date = next;
    }
    let empty = ServiceObservations::default();
    let mut services = Vec::new();
    for line in &report.services {
        let seen = observed.get(&line.service).unwrap_or(&empty);
        let full: Vec<Outage> = seen
            .outages
            .iter()
            .filter(|o| o.weight() == Ppm::ONE)
            .copied()
            .collect();
        let target = SloTarget::new(line.target_ppm).map_err(|e| CliError::sla(&e, "reading a target"))?;
        let eligible = line.availability.eligible_ms();
        let mut budget_left = vec![ErrorBudget::new(target, eligible, 0).remaining_ppm()];
        let mut days = Vec::new();
        for (date, day) in &bounds {
            let a = availability(day, &seen.outages, &seen.maintenance);
            let status = if a.eligible_ms() == 0 {
                DayStatus::Maintenance
            } else if a.downtime_ms() == 0 {
                DayStatus::Up
            } else if availability(day, &full, &seen.maintenance).downtime_ms() > 0 {
                DayStatus::MajorOutage
            } else {
                DayStatus::PartialOutage
            };
            days.push(Day {
                date: *date,
                downtime_ms: a.downtime_ms(),
                maintenance_ms: a.maintenance_ms(),
                availability_ppm: a.availability_ppm(),
                status,
            });
            let so_far = Period::new(month.start(), day.end()).map_err(|e| CliError::sla(&e, "measuring the month"))?;
            let used = availability(&so_far, &seen.outages, &seen.maintenance).downtime_ms();
            budget_left.push(ErrorBudget::new(target, eligible, used).remaining_ppm());
        }
        services.push(ServiceDays {
            id: line.service.clone(),
            name: line.name.clone(),
            target,
            days,
            budget_left,
        });
    }
    Ok(ReportData {
        report,
        time_zone: tz,
        services,
        source,
    })
}

/// An availability in ppm as a percentage, or `n/a`.
pub fn availability_text(ppm: Option<u32>) -> String {
    ppm.and_then(|p| Ppm::new(p).ok())
        .map_or_else(|| "n/a".to_owned(), |p| format!("{} %", p.to_percent_string()))
}

/// Met, missed or not measured.
pub fn met_text(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "met",
        Some(false) => "MISSED",
        None => "n/a",
    }
}

/// The month's name, `October 2025`.
pub fn month_title(report: &MonthlyReport) -> String {
    NaiveDate::from_ymd_opt(report.year, report.month, 1).map_or_else(
        || format!("{}-{:02}", report.year, report.month),
        |d| d.format("%B %Y").to_string(),
    )
}

fn text(data: &ReportData) -> String {
    let r = &data.report;
    let rows: Vec<Vec<String>> = r
        .services
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                format!(
                    "{} %",
                    Ppm::new(s.target_ppm).map_or_else(|_| "?".into(), Ppm::to_percent_string)
                ),
                availability_text(s.availability.availability_ppm()),
                format!("{} min", s.minutes_allowed),
                format!("{} min", s.minutes_used),
                format!("{} min", s.minutes_left),
                met_text(s.met).to_owned(),
            ]
        })
        .collect();
    let missed = r.services.iter().filter(|s| s.met == Some(false)).count();
    format!(
        "SLA report, {} ({}, {})\n\n{}\n{}\n",
        month_title(r),
        r.time_zone,
        output::human_ms(r.period.len_ms()),
        table(
            &["service", "target", "availability", "allowed", "used", "left", "result"],
            &rows
        ),
        if missed == 0 {
            format!("every service met its target ({} services)", r.services.len())
        } else {
            format!("{missed} of {} services missed their target", r.services.len())
        }
    )
}

fn json_value(data: &ReportData) -> Value {
    let mut value = output::to_value(&data.report);
    if let Some(lines) = value.get_mut("services").and_then(Value::as_array_mut) {
        for (line, service) in lines.iter_mut().zip(&data.services) {
            line["days"] = service
                .days
                .iter()
                .map(|d| {
                    json!({
                        "date": d.date,
                        "status": d.status.as_str(),
                        "downtimeMs": d.downtime_ms,
                        "maintenanceMs": d.maintenance_ms,
                        "availabilityPpm": d.availability_ppm,
                    })
                })
                .collect();
            line["budgetLeftPpm"] = json!(service.budget_left);
        }
    }
    value["allMet"] = json!(data.report.services.iter().all(|s| s.met != Some(false)));
    value
}
