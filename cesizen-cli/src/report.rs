//! `cesizen sla report`: the monthly SLA report of `cesizen-sla`, as text, JSON or one HTML page.
//!
//! The figures are `monthly_report`'s; the pictures are `daily_report`'s, the same month day by day:
//!
//! - **uptime bars** (one cell per local day, Statuspage style): green when the day had no downtime, yellow
//!   for a partial outage only (every outage of the day weighs less than a full one), red when a full outage
//!   touched the day, grey when maintenance covered the whole day;
//! - **error-budget burn-down**: the share of the month's budget left at the end of each day.

use std::path::Path;

use cesizen_core::CalendarMonth;
use cesizen_core::tz::Tz;
use cesizen_sla::{MonthlyReport, Ppm, Rules, ServiceDays, daily_report, monthly_report};
use serde_json::{Value, json};

use crate::cli::ReportFormat;
use crate::error::{CliError, CliResult};
use crate::output::{self, table};
use crate::{files, html, outages};

/// Everything a report shows.
#[derive(Debug, Clone)]
pub struct ReportData {
    /// The crate's report.
    pub report: MonthlyReport,
    /// The zone of the month.
    pub time_zone: Tz,
    /// Day-by-day data, in catalog order (`cesizen_sla::daily_report`).
    pub services: Vec<ServiceDays>,
    /// Where the outages came from (shown in the page's footer).
    pub source: String,
}

/// Runs `sla report`.
pub fn run(
    outages_path: &Path,
    month: CalendarMonth,
    rules: &Rules,
    format: ReportFormat,
    output: Option<&Path>,
    check: bool,
) -> CliResult<()> {
    let observed = outages::read(outages_path)?;
    let tz = rules.report_time_zone();
    let report = monthly_report(rules.services(), month, tz, &observed).map_err(|e| {
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
    let services = daily_report(rules.services(), month, tz, &observed)
        .map_err(|e| CliError::sla(&e, "the report's days cannot be computed"))?;
    let data = ReportData {
        report,
        time_zone: tz,
        services,
        source,
    };
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
    CalendarMonth::new(report.year, report.month).map_or_else(
        |_| format!("{}-{:02}", report.year, report.month),
        |m| m.first_day().format("%B %Y").to_string(),
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
            line["days"] = output::to_value(&service.days);
            line["budgetLeftPpm"] = json!(service.budget_left_ppm);
        }
    }
    value["allMet"] = json!(data.report.services.iter().all(|s| s.met != Some(false)));
    value
}
