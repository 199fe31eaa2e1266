//! Service levels: allowed downtime, availability, error budgets and burn-rate alerts, SLA timers, monthly
//! reports and OpenSLO documents, each function one call into `cesizen-sla`.
//!
//! Times are RFC 3339 strings (or `Date`s), durations are milliseconds, ratios are parts per million (`ppm`,
//! 999 000 = 99.9 %). Structured results are the SDK's own JSON form, as the shared vectors pin it, declared in
//! TypeScript by the SDK types themselves (`cesizen-sla`'s `wasm` feature, OpenSLO's documents included) or, for the
//! inputs read as text, by the declarations of this module.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::CalendarMonth;
use cesizen_core::incident::{Ticket, TicketRecord};
use cesizen_core::tz::Tz;
use cesizen_core::user::IanaTimeZone;
use cesizen_sla::{
    AllowedDowntime, BurnRatePolicy, ErrorBudget, ErrorCounts, ImportedSlo, Interval as CoreInterval, Outage, Period,
    Ppm, Rules, SamplePolicy, SampleStatus, ServiceCatalog, ServiceId, ServiceObservations, SlaError, SlaTimer,
    SloDefinition, SloTarget, TimerConditions, TimerEvent, WindowObservation, WorkCalendar, availability_check,
    count_samples, daily_report as core_daily_report, export_openslo, import_openslo, merge,
    monthly_report as core_monthly_report, reliability as core_reliability, split_at,
};

use crate::convert::{read, string_from_js, time_from_js, u32_from_js, write_value};
use crate::error::SdkError;

/// A span of time, `start` included, `end` excluded (RFC 3339).
///
/// Binding shape: read as text, so that a reversed span throws the SDK's `sla.interval.reversed`, not an input error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct Interval {
    /// Start (RFC 3339).
    pub start: String,
    /// End (RFC 3339), not before the start.
    pub end: String,
}

/// An outage: a span and how bad it was (`weight` in ppm; absent for a full outage).
///
/// Binding shape: read as text, so that a reversed span or a weight above 100 % throws the SDK's `sla.*` code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct OutageInput {
    /// Start (RFC 3339).
    pub start: String,
    /// End (RFC 3339).
    pub end: String,
    /// 0 to 1 000 000 ppm of unavailability; absent means a full outage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub weight: Option<u32>,
}

/// Bad events out of all events in a window.
///
/// Binding shape: read unchecked, so that more bad than total events throws `sla.counts.bad_exceeds_total`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct ErrorCountsInput {
    /// Bad events.
    pub bad: u64,
    /// All events.
    pub total: u64,
}

/// Counts observed over one look-back window.
///
/// Binding shape: holds [`ErrorCountsInput`], read unchecked so that the SDK judges the counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct WindowObservationInput {
    /// The window, in milliseconds.
    pub window_ms: u64,
    /// What was counted.
    pub counts: ErrorCountsInput,
}

fn target_from_js(value: &JsValue) -> Result<SloTarget, SdkError> {
    Ok(SloTarget::new(u32_from_js(value)?)?)
}

fn intervals_from_js(value: &JsValue) -> Result<Vec<CoreInterval>, SdkError> {
    read::<Vec<Interval>>(value, "Interval[]")?
        .iter()
        .map(Interval::to_core)
        .collect()
}

impl Interval {
    fn to_core(&self) -> Result<CoreInterval, SdkError> {
        let time = |t: &str| crate::convert::parse_time(t).ok_or_else(|| SdkError::invalid_input("RFC 3339 time"));
        Ok(CoreInterval::new(time(&self.start)?, time(&self.end)?)?)
    }
}

fn outages_from_js(value: &JsValue) -> Result<Vec<Outage>, SdkError> {
    read::<Vec<OutageInput>>(value, "OutageInput[]")?
        .into_iter()
        .map(|o| {
            let span = Interval {
                start: o.start,
                end: o.end,
            }
            .to_core()?;
            Ok(match o.weight {
                None => Outage::full(span),
                Some(w) => Outage::partial(span, Ppm::new(w)?),
            })
        })
        .collect()
}

fn counts(c: &ErrorCountsInput) -> Result<ErrorCounts, SdkError> {
    Ok(ErrorCounts::new(c.bad, c.total)?)
}

fn json_result(value: &impl Serialize) -> Result<JsValue, SdkError> {
    write_value(value)
}

/// The zone named by `value`, refused as everywhere else (`validation.time_zone.unknown`, from `cesizen-core`).
fn zone_from_js(value: &JsValue) -> Result<Tz, SdkError> {
    Ok(IanaTimeZone::parse(&string_from_js(value)?)?.tz())
}

/// The downtime a target allows over `days` rolling days: `{ periodMs, allowedMs }`.
#[wasm_bindgen(js_name = allowedDowntimeRolling, unchecked_return_type = "{ periodMs: number; allowedMs: number }")]
pub fn allowed_downtime_rolling_days(
    #[wasm_bindgen(js_name = targetPpm, unchecked_param_type = "number")] target_ppm: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] days: JsValue,
) -> Result<JsValue, SdkError> {
    json_result(&AllowedDowntime::rolling(
        target_from_js(&target_ppm)?,
        u32_from_js(&days)?,
    ))
}

/// The downtime a target allows in a calendar month of `timeZone`: `{ periodMs, allowedMs }`.
#[wasm_bindgen(js_name = allowedDowntimeInMonth, unchecked_return_type = "{ periodMs: number; allowedMs: number }")]
pub fn allowed_downtime_in_month(
    #[wasm_bindgen(js_name = targetPpm, unchecked_param_type = "number")] target_ppm: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] month: JsValue,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "string")] time_zone: JsValue,
) -> Result<JsValue, SdkError> {
    let (year, month) = year_and_month_from_js(&year, &month)?;
    let target = target_from_js(&target_ppm)?;
    let zone = zone_from_js(&time_zone)?;
    json_result(&AllowedDowntime::in_month(target, calendar_month(year, month)?, zone)?)
}

/// The year and month numbers as JavaScript passed them (`input.argument.invalid` for other values).
fn year_and_month_from_js(year: &JsValue, month: &JsValue) -> Result<(i32, u32), SdkError> {
    let year = i32::try_from(u32_from_js(year)?).map_err(|_| SdkError::invalid_input("year"))?;
    Ok((year, u32_from_js(month)?))
}

/// Month `month` of `year`, refused as the SLA functions refuse it (`sla.period.invalid`).
fn calendar_month(year: i32, month: u32) -> Result<CalendarMonth, SdkError> {
    Ok(CalendarMonth::new(year, month).map_err(SlaError::from)?)
}

/// Availability over `period`, maintenance windows excluded, and whether it meets the target.
#[wasm_bindgen(unchecked_return_type = "AvailabilityCheck")]
pub fn availability(
    period: Ts<Interval>,
    #[wasm_bindgen(unchecked_param_type = "OutageInput[]")] outages: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Interval[]")] maintenance: JsValue,
    #[wasm_bindgen(js_name = targetPpm, unchecked_param_type = "number")] target_ppm: JsValue,
) -> Result<JsValue, SdkError> {
    let period: Period = crate::convert::from_js(&period)?;
    let target = target_from_js(&target_ppm)?;
    json_result(&availability_check(
        &period,
        &outages_from_js(&outages)?,
        &intervals_from_js(&maintenance)?,
        target,
    ))
}

/// Availability from health-check samples (`"up"`, `"degraded"`, `"down"`, `"missing"`) under a policy.
#[wasm_bindgen(js_name = sampleAvailability, unchecked_return_type = "SampleAvailability")]
pub fn sample_availability(
    #[wasm_bindgen(unchecked_param_type = "SampleStatus[]")] samples: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SamplePolicy")] policy: JsValue,
) -> Result<JsValue, SdkError> {
    let samples: Vec<SampleStatus> = read(&samples, "sample status[]")?;
    let policy: SamplePolicy = read(&policy, "SamplePolicy")?;
    json_result(&count_samples(&samples).availability(policy))
}

/// The error budget of a target over `eligible` units with `consumed` spent; `recent` counts and `elapsed`
/// milliseconds give the burn rate and the time to exhaustion.
#[wasm_bindgen(js_name = errorBudget, unchecked_return_type = "ErrorBudgetStatus")]
pub fn error_budget(
    #[wasm_bindgen(js_name = targetPpm, unchecked_param_type = "number")] target_ppm: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] eligible: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] consumed: JsValue,
    recent: Ts<ErrorCountsInput>,
    #[wasm_bindgen(unchecked_param_type = "number")] elapsed: JsValue,
) -> Result<JsValue, SdkError> {
    let recent = counts(&crate::convert::from_js(&recent)?)?;
    let b = ErrorBudget::new(
        target_from_js(&target_ppm)?,
        read(&eligible, "number")?,
        read(&consumed, "number")?,
    );
    json_result(&b.status(recent, read(&elapsed, "number")?))
}

/// The multi-window burn-rate alert rules (Google SRE workbook) for a target and period.
#[wasm_bindgen(js_name = burnRateRules, unchecked_return_type = "BurnRateThreshold[]")]
pub fn burn_rate_rules(
    #[wasm_bindgen(js_name = targetPpm, unchecked_param_type = "number")] target_ppm: JsValue,
    #[wasm_bindgen(js_name = periodMs, unchecked_param_type = "number")] period_ms: JsValue,
) -> Result<JsValue, SdkError> {
    json_result(&BurnRatePolicy::sre_workbook().thresholds(target_from_js(&target_ppm)?, read(&period_ms, "number")?))
}

/// The burn-rate alerts firing for windowed observations.
#[wasm_bindgen(js_name = burnRateAlerts, unchecked_return_type = "BurnRateEvaluation[]")]
pub fn burn_rate_alerts(
    #[wasm_bindgen(js_name = targetPpm, unchecked_param_type = "number")] target_ppm: JsValue,
    #[wasm_bindgen(js_name = periodMs, unchecked_param_type = "number")] period_ms: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WindowObservationInput[]")] observations: JsValue,
) -> Result<JsValue, SdkError> {
    let observations = read::<Vec<WindowObservationInput>>(&observations, "WindowObservationInput[]")?
        .iter()
        .map(|o| {
            Ok(WindowObservation {
                window_ms: o.window_ms,
                counts: counts(&o.counts)?,
            })
        })
        .collect::<Result<Vec<_>, SdkError>>()?;
    let target = target_from_js(&target_ppm)?;
    json_result(&BurnRatePolicy::sre_workbook().evaluate(target, read(&period_ms, "number")?, &observations))
}

/// Where an SLA timer stands at `now`, replayed from its start/stop/pause events on a work calendar.
#[wasm_bindgen(js_name = slaTimerStatus, unchecked_return_type = "TimerStatus")]
pub fn sla_timer_status(
    #[wasm_bindgen(js_name = goalMs, unchecked_param_type = "number")] goal_ms: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WorkCalendar")] calendar: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TimerEvent[]")] events: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<JsValue, SdkError> {
    let calendar: WorkCalendar = read(&calendar, "WorkCalendar")?;
    let events: Vec<TimerEvent> = read(&events, "TimerEvent[]")?;
    let timer = SlaTimer::replay(read(&goal_ms, "number")?, calendar, &events)?;
    json_result(&timer.status(time_from_js(&now)?)?)
}

/// The month's SLA report for the plan's services, from each service's observations.
#[wasm_bindgen(js_name = monthlyReport, unchecked_return_type = "MonthlyReport")]
pub fn monthly_report(
    #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] month: JsValue,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "string")] time_zone: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ [service: string]: ServiceObservations }")] observations: JsValue,
) -> Result<JsValue, SdkError> {
    month_report([year, month, time_zone, observations], core_monthly_report)
}

/// The month of the plan's services day by day: for each service, in catalog order, its local days (status,
/// downtime, maintenance, availability) and the share of its error budget left at the month's start and at the
/// end of each day (`cesizen_sla::daily_report`, the same figures as `monthlyReport`).
#[wasm_bindgen(js_name = dailyReport, unchecked_return_type = "ServiceDays[]")]
pub fn daily_report(
    #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] month: JsValue,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "string")] time_zone: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ [service: string]: ServiceObservations }")] observations: JsValue,
) -> Result<JsValue, SdkError> {
    month_report([year, month, time_zone, observations], core_daily_report)
}

/// A report of `cesizen_sla` over a catalogue's month: `monthly_report` or `daily_report`.
type MonthReport<R> =
    fn(&ServiceCatalog, CalendarMonth, Tz, &BTreeMap<ServiceId, ServiceObservations>) -> Result<R, SlaError>;

/// One of the month's reports of the plan's catalogue, from its arguments `[year, month, timeZone,
/// observations]` as JavaScript passed them.
fn month_report<R: Serialize>(
    [year, month, time_zone, observations]: [JsValue; 4],
    report: MonthReport<R>,
) -> Result<JsValue, SdkError> {
    let raw: BTreeMap<String, ServiceObservations> = read(&observations, "observations by service")?;
    let observed = raw
        .into_iter()
        .map(|(id, o)| Ok((ServiceId::new(id)?, o)))
        .collect::<Result<BTreeMap<_, _>, SdkError>>()?;
    let (year, month) = year_and_month_from_js(&year, &month)?;
    let zone = zone_from_js(&time_zone)?;
    json_result(&report(
        &ServiceCatalog::plan(),
        calendar_month(year, month)?,
        zone,
        &observed,
    )?)
}

/// Failures, downtime, MTTR and MTBF over `period`.
#[wasm_bindgen(unchecked_return_type = "Reliability")]
pub fn reliability(
    period: Ts<Interval>,
    #[wasm_bindgen(unchecked_param_type = "Interval[]")] outages: JsValue,
) -> Result<JsValue, SdkError> {
    let period: Period = crate::convert::from_js(&period)?;
    json_result(&core_reliability(&period, &intervals_from_js(&outages)?))
}

/// The union of intervals, sorted and merged.
#[wasm_bindgen(js_name = mergeIntervals, unchecked_return_type = "Interval[]")]
pub fn merge_intervals(
    #[wasm_bindgen(unchecked_param_type = "Interval[]")] intervals: JsValue,
) -> Result<JsValue, SdkError> {
    json_result(&merge(&intervals_from_js(&intervals)?))
}

/// Outages cut at the given instants (e.g. month boundaries).
#[wasm_bindgen(js_name = splitOutages, unchecked_return_type = "Outage[]")]
pub fn split_outages(
    #[wasm_bindgen(unchecked_param_type = "OutageInput[]")] outages: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] cuts: JsValue,
) -> Result<JsValue, SdkError> {
    let cuts: Vec<chrono::DateTime<chrono::Utc>> = read(&cuts, "RFC 3339 time[]")?;
    json_result(&split_at(&outages_from_js(&outages)?, &cuts))
}

/// Validates SLA rules given as data (the SDK's rules file format; an absent section is the plan's); returns the
/// number of services.
///
/// Throws the SDK's `config.*` codes (`config.syntax.invalid` for a file of the wrong shape).
#[wasm_bindgen(js_name = loadSlaRules)]
pub fn load_sla_rules(rules: Ts<cesizen_sla::RulesSpec>) -> Result<u32, SdkError> {
    // The SDK reads the file's text, so that a wrong shape is its own `config.syntax.invalid`, as on the server.
    let text = serde_json::to_string(&read::<Value>(&rules.js_value(), "JSON")?)
        .map_err(|_| SdkError::invalid_input("JSON"))?;
    let rules = Rules::from_json(&text)?;
    u32::try_from(rules.services().services().len()).map_err(|_| SdkError::invalid_input("rules"))
}

/// Reads OpenSLO documents (one object, or an array of them) into the SDK's SLO definitions.
///
/// The documents are any OpenSLO YAML or JSON parsed by the caller: documents of other kinds (`Service`,
/// `SLI`, …) and fields the SDK does not use are skipped, so their type is any JSON object rather than a
/// declared shape that would refuse valid OpenSLO. Throws `openslo.document.invalid` for an `SLO` the SDK cannot
/// read.
#[wasm_bindgen(js_name = importOpenSlo, unchecked_return_type = "ImportedSlo[]")]
pub fn import_open_slo(
    #[wasm_bindgen(unchecked_param_type = "JsonValue[] | { [key: string]: JsonValue }")] document: JsValue,
) -> Result<JsValue, SdkError> {
    let document = read::<Value>(&document, "OpenSLO documents")?;
    if !(document.is_array() || document.is_object()) {
        return Err(SdkError::invalid_input("OpenSLO documents"));
    }
    let text = serde_json::to_string(&document).map_err(|_| SdkError::invalid_input("JSON"))?;
    let slos: Vec<ImportedSlo> = import_openslo(&text)?.iter().map(SloDefinition::summary).collect();
    json_result(&slos)
}

/// OpenSLO documents for a service catalogue.
#[wasm_bindgen(js_name = exportOpenSlo, unchecked_return_type = "OpenSloDocument[]")]
pub fn export_open_slo(
    #[wasm_bindgen(unchecked_param_type = "ServiceSpec[]")] services: JsValue,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "string")] time_zone: JsValue,
) -> Result<JsValue, SdkError> {
    let catalog: ServiceCatalog = read(&services, "service catalogue")?;
    json_result(&export_openslo(&catalog, zone_from_js(&time_zone)?))
}

/// The plan's resolution goal, in milliseconds, for a ticket's priority and, for a security incident, its level.
#[wasm_bindgen(js_name = resolutionGoalMs)]
pub fn resolution_goal_ms(
    #[wasm_bindgen(unchecked_param_type = "string")] priority: JsValue,
    #[wasm_bindgen(js_name = securityLevel, unchecked_param_type = "string | null | undefined")]
    security_level: JsValue,
) -> Result<f64, SdkError> {
    crate::plan::Plan::new().resolution_goal_ms(priority, security_level)
}

/// A stored ticket's SLA timer: the timer events its history gives under `conditions` (`"resolution"` or
/// `"response"`), and where a timer of `goalMs` on an always-on calendar stands at `now`: `{ events, status }`.
#[wasm_bindgen(js_name = ticketTimer, unchecked_return_type = "TicketTimer")]
pub fn ticket_timer(
    ticket: Ts<TicketRecord>,
    #[wasm_bindgen(unchecked_param_type = "\"resolution\" | \"response\"")] conditions: JsValue,
    #[wasm_bindgen(js_name = goalMs, unchecked_param_type = "number")] goal_ms: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<JsValue, SdkError> {
    let record: TicketRecord = crate::convert::from_js(&ticket)?;
    let ticket = Ticket::try_from(record)?;
    let conditions = match string_from_js(&conditions)?.as_str() {
        "resolution" => TimerConditions::resolution(),
        "response" => TimerConditions::response(),
        _ => return Err(SdkError::invalid_input("\"resolution\" or \"response\"")),
    };
    let goal = read(&goal_ms, "number")?;
    json_result(&conditions.ticket_timer(&ticket, goal, WorkCalendar::always_on(), time_from_js(&now)?)?)
}

#[cfg(test)]
mod tests {
    use crate::vectors::{expected_outputs, round_trip};
    use serde_json::Value;

    /// The items of `field` in each expected output of `op`.
    fn items(op: &str, field: &str) -> Vec<Value> {
        expected_outputs("sla", op)
            .into_iter()
            .flat_map(|e| e[field].as_array().cloned().unwrap_or_default())
            .collect()
    }

    #[test]
    fn declared_types_read_the_vectors_outputs() {
        expected_outputs("sla", "availability")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::AvailabilityCheck>);
        expected_outputs("sla", "errorBudget")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::ErrorBudgetStatus>);
        items("burnRateRules", "rules")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::BurnRateThreshold>);
        expected_outputs("sla", "ticketTimer")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::TicketTimer>);
        expected_outputs("sla", "monthlyReport")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::MonthlyReport>);
        items("splitOutages", "pieces")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::Outage>);
        items("importOpenSlo", "slos")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::ImportedSlo>);
        items("exportOpenSlo", "documents")
            .into_iter()
            .for_each(round_trip::<cesizen_sla::OpenSloDocument>);
    }
}
