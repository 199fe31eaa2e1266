//! Service levels: allowed downtime, availability, error budgets and burn-rate alerts, SLA timers, the monthly
//! availability report, reliability figures and OpenSLO — each function one call into `cesizen_sla`.
//!
//! Targets cross as parts per million (`999000` is 99.9 %), durations as milliseconds. Rules files and OpenSLO
//! documents are JSON documents (the formats operators edit and other tools read), so they cross as text.

use std::collections::{BTreeMap, HashMap};

use cesizen_core::CalendarMonth;
use cesizen_core::alerting::DayOfWeek;
use cesizen_core::incident::{Priority, SecurityLevel, Ticket};
use cesizen_core::tz::Tz;
use cesizen_core::user::IanaTimeZone;
use cesizen_sla::{
    AlertAction, AllowedDowntime, Availability as CoreAvailability, BurnRatePolicy, CycleOutcome, ErrorBudget,
    ErrorBudgetStatus, ErrorCounts, Interval as CoreInterval, Millis, MissingSamples, Outage as CoreOutage, Period,
    Ppm, Reliability, RuleState, RuleWarning, Rules, SampleAvailability, SamplePolicy as CoreSamplePolicy,
    SampleStatus, ServiceCatalog, ServiceDays, ServiceId, ServiceObservations as CoreObservations, ServiceSpec,
    SlaTimer, SloDefinition, SloTarget, TimerConditions, TimerEvent as CoreTimerEvent, TimerState,
    TimerStatus as CoreTimerStatus, WindowObservation, WorkCalendar as CoreWorkCalendar, WorkCalendarSpec,
    count_samples, daily_report as core_daily_report, export_openslo, import_openslo, merge,
    monthly_report as core_monthly_report, reliability as core_reliability, split_at,
};

use crate::incident::TicketRecord;
use crate::time::date_from_text;
use crate::{CesizenError, Timestamp, boundary::guard};

/// The code of a time of day that is not `HH:MM` or `HH:MM:SS`.
pub const TIME_OF_DAY_INVALID: &str = "input.time_of_day.invalid";
/// The code of an SLA target given as text that is not a decimal number.
pub const PERCENT_INVALID: &str = "input.percent.invalid";

/// A span of time, `start <= t < end`.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Interval {
    /// The first instant.
    pub start: Timestamp,
    /// The instant after the last.
    pub end: Timestamp,
}

impl Interval {
    fn to_core(self) -> Result<CoreInterval, CesizenError> {
        Ok(CoreInterval::new(self.start, self.end)?)
    }

    fn from_core(i: CoreInterval) -> Self {
        Interval {
            start: i.start(),
            end: i.end(),
        }
    }
}

fn intervals(list: &[Interval]) -> Result<Vec<CoreInterval>, CesizenError> {
    list.iter().map(|i| i.to_core()).collect()
}

/// An outage: a span, and how much of the service it took down.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`; the weight as a plain ppm number, checked by the SDK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Outage {
    /// The first instant.
    pub start: Timestamp,
    /// The instant after the last.
    pub end: Timestamp,
    /// The share of the service down, in ppm; `None` (as an input) is a full outage.
    #[uniffi(default = None)]
    pub weight: Option<u32>,
}

impl Outage {
    fn to_core(self) -> Result<CoreOutage, CesizenError> {
        let span = CoreInterval::new(self.start, self.end)?;
        Ok(match self.weight {
            None => CoreOutage::full(span),
            Some(w) => CoreOutage::partial(span, Ppm::new(w)?),
        })
    }

    fn from_core(o: CoreOutage) -> Self {
        Outage {
            start: o.interval().start(),
            end: o.interval().end(),
            weight: Some(o.weight().get()),
        }
    }
}

fn outages(list: &[Outage]) -> Result<Vec<CoreOutage>, CesizenError> {
    list.iter().map(|o| o.to_core()).collect()
}

fn target(ppm: u32) -> Result<SloTarget, CesizenError> {
    Ok(SloTarget::new(ppm)?)
}

/// The zone named `name`, refused as everywhere else (`validation.time_zone.unknown`, from `cesizen-core`).
fn zone(name: &str) -> Result<Tz, CesizenError> {
    Ok(IanaTimeZone::parse(name)?.tz())
}

/// Month `month` of `year`, refused as the SLA functions refuse it (`sla.period.invalid`).
fn month_of(year: i32, month: u32) -> Result<CalendarMonth, CesizenError> {
    Ok(CalendarMonth::new(year, month).map_err(cesizen_sla::SlaError::from)?)
}

/// The downtime `target_ppm` allows over a rolling window of `days` days.
///
/// Errors: `sla.target.out_of_range` (a target must be above 0 and below 100 %).
#[uniffi::export]
pub fn allowed_downtime_rolling_days(target_ppm: u32, days: u32) -> Result<AllowedDowntime, CesizenError> {
    guard(|| Ok(AllowedDowntime::rolling(target(target_ppm)?, days)))
}

/// The downtime `target_ppm` allows over calendar month `month` of `year` in `time_zone` (DST months are an hour
/// shorter or longer).
///
/// Errors: `sla.target.out_of_range`, `sla.period.invalid`, `validation.time_zone.unknown`.
#[uniffi::export]
pub fn allowed_downtime_in_month(
    target_ppm: u32,
    year: i32,
    month: u32,
    time_zone: String,
) -> Result<AllowedDowntime, CesizenError> {
    guard(|| {
        let (target, zone) = (target(target_ppm)?, zone(&time_zone)?);
        Ok(AllowedDowntime::in_month(target, month_of(year, month)?, zone)?)
    })
}

/// Availability over a period.
/// Binding shape: the domain type's fields are private, and it also holds the exact downtime in ppm·ms, which does not cross.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Availability {
    /// The period's length.
    pub period_ms: u64,
    /// Scheduled maintenance inside it (not counted).
    pub maintenance_ms: u64,
    /// The period less maintenance.
    pub eligible_ms: u64,
    /// Weighted downtime outside maintenance, rounded up.
    pub downtime_ms: u64,
    /// Availability in ppm, rounded down; `None` when nothing was eligible.
    pub availability_ppm: Option<u32>,
}

impl From<CoreAvailability> for Availability {
    fn from(a: CoreAvailability) -> Self {
        Availability {
            period_ms: a.period_ms(),
            maintenance_ms: a.maintenance_ms(),
            eligible_ms: a.eligible_ms(),
            downtime_ms: a.downtime_ms(),
            availability_ppm: a.availability_ppm(),
        }
    }
}

/// Availability against a target.
/// Binding shape: the SDK's `AvailabilityCheck` holding a binding-shaped [`Availability`] (private fields in the domain).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct AvailabilityCheck {
    /// The figures.
    pub availability: Availability,
    /// Whether the target is met; `None` when nothing was eligible.
    pub meets: Option<bool>,
}

/// The availability of a service over `period`, given its outages (overlaps count once, clipped to the period)
/// and its maintenance windows, against `target_ppm`.
///
/// Errors: `sla.interval.reversed`, `sla.target.out_of_range`, the `sla.*` code of a weight above 100 %.
#[uniffi::export]
pub fn availability(
    period: Interval,
    outages: Vec<Outage>,
    maintenance: Vec<Interval>,
    target_ppm: u32,
) -> Result<AvailabilityCheck, CesizenError> {
    guard(|| {
        let target = target(target_ppm)?;
        let period = Period::new(period.start, period.end)?;
        let check =
            cesizen_sla::availability_check(&period, &self::outages(&outages)?, &intervals(&maintenance)?, target);
        Ok(AvailabilityCheck {
            availability: check.availability.into(),
            meets: check.meets,
        })
    })
}

/// How health samples count towards availability.
/// Binding shape: the degraded weight crosses as a plain ppm number, checked with the SDK's code (the domain holds a `Ppm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct SamplePolicy {
    /// The share of a degraded sample counted as down, in ppm.
    pub degraded_weight: u32,
    /// How missing samples count.
    pub missing: MissingSamples,
}

/// The availability health samples give under `policy`.
///
/// Errors: the `sla.*` code of a degraded weight above 100 %.
#[uniffi::export]
pub fn sample_availability(
    samples: Vec<SampleStatus>,
    policy: SamplePolicy,
) -> Result<SampleAvailability, CesizenError> {
    guard(|| {
        let policy = CoreSamplePolicy {
            degraded_weight: Ppm::new(policy.degraded_weight)?,
            missing: policy.missing,
        };
        Ok(count_samples(&samples).availability(policy))
    })
}

/// Bad and total events (requests, checks) over a window.
/// Binding shape: bad and total as given, checked by the SDK (the domain's `ErrorCounts` has private fields and refuses bad > total).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct EventCounts {
    /// Bad events.
    pub bad: u64,
    /// All events.
    pub total: u64,
}

impl EventCounts {
    fn to_core(self) -> Result<ErrorCounts, CesizenError> {
        Ok(ErrorCounts::new(self.bad, self.total)?)
    }
}

/// An error budget of `target_ppm` over `eligible` units (milliseconds or events) with `consumed` used after
/// `elapsed` units, and what the `recent` error rate leaves.
///
/// Errors: `sla.target.out_of_range`, `sla.counts.bad_exceeds_total`.
#[uniffi::export]
pub fn error_budget(
    target_ppm: u32,
    eligible: u64,
    consumed: u64,
    recent: EventCounts,
    elapsed: u64,
) -> Result<ErrorBudgetStatus, CesizenError> {
    guard(|| {
        let recent = recent.to_core()?;
        Ok(ErrorBudget::new(target(target_ppm)?, eligible, consumed).status(recent, elapsed))
    })
}

/// A burn-rate rule of the SRE workbook policy, derived for a target and period.
/// Binding shape: flattens a derived rule of the domain (its rule, burn rate and warnings), the burn rate in micro-units.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BurnRateRuleInfo {
    /// Its name (`"page_fast"`).
    pub name: String,
    /// Page or ticket.
    pub action: AlertAction,
    /// The burn rate that fires it, in millionths.
    pub burn_rate_micro: u64,
    /// The error ratio that fires it, in ppm.
    pub error_ratio_ppm: u64,
    /// Anything odd about it.
    pub warnings: Vec<RuleWarning>,
}

/// The SRE workbook's multiwindow burn-rate rules for `target_ppm` over a period of `period_ms`.
///
/// Errors: `sla.target.out_of_range`.
#[uniffi::export]
pub fn burn_rate_rules(target_ppm: u32, period_ms: u64) -> Result<Vec<BurnRateRuleInfo>, CesizenError> {
    guard(|| {
        Ok(BurnRatePolicy::sre_workbook()
            .thresholds(target(target_ppm)?, period_ms)
            .into_iter()
            .map(|t| BurnRateRuleInfo {
                name: t.name,
                action: t.action,
                burn_rate_micro: t.burn_rate_micro,
                error_ratio_ppm: t.error_ratio_ppm,
                warnings: t.warnings,
            })
            .collect())
    })
}

/// Events counted over a window ending now.
/// Binding shape: the window crosses as milliseconds and its counts as binding-shaped [`EventCounts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct WindowCounts {
    /// The window's length.
    pub window_ms: u64,
    /// The events in it.
    pub counts: EventCounts,
}

/// A burn-rate rule evaluated.
/// Binding shape: the rule's name and burn rates as plain numbers, read from the domain evaluation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BurnRateEvaluation {
    /// The rule's name.
    pub name: String,
    /// Page or ticket.
    pub action: AlertAction,
    /// Its state.
    pub state: RuleState,
    /// The burn rate over the long window, in millionths, if observed.
    pub long_burn_rate: Option<u64>,
    /// The burn rate over the short window, in millionths, if observed.
    pub short_burn_rate: Option<u64>,
}

/// Evaluates the SRE workbook's burn-rate rules on counts over windows ending now.
///
/// Errors: `sla.target.out_of_range`, `sla.counts.bad_exceeds_total`.
#[uniffi::export]
pub fn burn_rate_alerts(
    target_ppm: u32,
    period_ms: u64,
    observations: Vec<WindowCounts>,
) -> Result<Vec<BurnRateEvaluation>, CesizenError> {
    guard(|| {
        let observations = observations
            .iter()
            .map(|o| {
                Ok(WindowObservation {
                    window_ms: o.window_ms,
                    counts: o.counts.to_core()?,
                })
            })
            .collect::<Result<Vec<_>, CesizenError>>()?;
        Ok(BurnRatePolicy::sre_workbook()
            .evaluate(target(target_ppm)?, period_ms, &observations)
            .into_iter()
            .map(|e| BurnRateEvaluation {
                name: e.name,
                action: e.action,
                state: e.state,
                long_burn_rate: e.long_burn_rate.map(|r| r.micro()),
                short_burn_rate: e.short_burn_rate.map(|r| r.micro()),
            })
            .collect())
    })
}

/// When an SLA timer counts.
/// Binding shape: the zone, times and holidays cross as text, read with the SDK's typed errors.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum WorkCalendar {
    /// Around the clock.
    AlwaysOn,
    /// During business hours only.
    BusinessHours {
        /// The IANA time zone of the hours.
        time_zone: String,
        /// The working days.
        days: Vec<DayOfWeek>,
        /// Opening time, `HH:MM`. (Not `from`: a keyword in Python.)
        from_time: String,
        /// Closing time, `HH:MM`.
        to_time: String,
        /// Days off, `YYYY-MM-DD`.
        holidays: Vec<String>,
        /// Whether French public holidays are days off too.
        french_public_holidays: bool,
        /// Working days with hours of their own (empty: every working day has `from_time`–`to_time`).
        day_hours: Vec<WeekdayHours>,
    },
}

/// One working day's hours in a business-hours calendar (`dayHours` in rules files).
/// Binding shape: the times cross as `HH:MM` text, read with the SDK's typed errors.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WeekdayHours {
    /// The day: one of the calendar's working days.
    pub day: DayOfWeek,
    /// Opening time, `HH:MM`.
    pub from_time: String,
    /// Closing time, `HH:MM`.
    pub to_time: String,
}

fn time_of_day(text: &str) -> Result<chrono::NaiveTime, CesizenError> {
    text.parse()
        .map_err(|_| CesizenError::input(TIME_OF_DAY_INVALID, "not an HH:MM time of day"))
}

impl WorkCalendar {
    fn to_core(&self) -> Result<CoreWorkCalendar, CesizenError> {
        let spec = match self {
            WorkCalendar::AlwaysOn => WorkCalendarSpec::AlwaysOn,
            WorkCalendar::BusinessHours {
                time_zone,
                days,
                from_time,
                to_time,
                holidays,
                french_public_holidays,
                day_hours,
            } => WorkCalendarSpec::BusinessHours {
                time_zone: time_zone.clone(),
                days: days.clone(),
                from: time_of_day(from_time)?,
                to: time_of_day(to_time)?,
                day_hours: day_hours
                    .iter()
                    .map(|h| {
                        let hours = cesizen_sla::DayHours {
                            from: time_of_day(&h.from_time)?,
                            to: time_of_day(&h.to_time)?,
                        };
                        Ok((h.day, hours))
                    })
                    .collect::<Result<_, CesizenError>>()?,
                holidays: holidays.iter().map(|d| date_from_text(d)).collect::<Result<_, _>>()?,
                french_public_holidays: *french_public_holidays,
            },
        };
        Ok(CoreWorkCalendar::try_from(spec)?)
    }
}

/// A move of an SLA timer.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum TimerEvent {
    /// Starts a cycle.
    Start {
        /// When.
        at: Timestamp,
    },
    /// Pauses the running cycle.
    Pause {
        /// When.
        at: Timestamp,
    },
    /// Resumes a paused cycle.
    Resume {
        /// When.
        at: Timestamp,
    },
    /// Stops the cycle.
    Stop {
        /// When.
        at: Timestamp,
    },
}

impl TimerEvent {
    fn to_core(self) -> CoreTimerEvent {
        match self {
            TimerEvent::Start { at } => CoreTimerEvent::Start { at },
            TimerEvent::Pause { at } => CoreTimerEvent::Pause { at },
            TimerEvent::Resume { at } => CoreTimerEvent::Resume { at },
            TimerEvent::Stop { at } => CoreTimerEvent::Stop { at },
        }
    }

    fn from_core(e: CoreTimerEvent) -> Self {
        match e {
            CoreTimerEvent::Start { at } => TimerEvent::Start { at },
            CoreTimerEvent::Pause { at } => TimerEvent::Pause { at },
            CoreTimerEvent::Resume { at } => TimerEvent::Resume { at },
            CoreTimerEvent::Stop { at } => TimerEvent::Stop { at },
        }
    }
}

/// One cycle of an SLA timer.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CycleStatus {
    /// When it started.
    pub started_at: Timestamp,
    /// When it stopped, if it did.
    pub stopped_at: Option<Timestamp>,
    /// Whether it is paused.
    pub paused: bool,
    /// Counted time.
    pub elapsed_ms: u64,
    /// Time left before the goal (negative once breached).
    pub remaining_ms: i64,
    /// Ongoing, met or breached.
    pub outcome: CycleOutcome,
    /// When the goal was breached, if it was.
    pub breached_at: Option<Timestamp>,
    /// When the goal will be breached if the cycle keeps running.
    pub breach_due_at: Option<Timestamp>,
    /// When 50 % of the goal is (or was) reached: the escalation point.
    pub escalation_at: Option<Timestamp>,
}

/// An SLA timer read at an instant.
/// Binding shape: its cycles carry instants as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TimerStatus {
    /// The goal.
    pub goal_ms: u64,
    /// The state.
    pub state: TimerState,
    /// Every cycle, oldest first.
    pub cycles: Vec<CycleStatus>,
}

impl From<CoreTimerStatus> for TimerStatus {
    fn from(s: CoreTimerStatus) -> Self {
        TimerStatus {
            goal_ms: s.goal_ms,
            state: s.state,
            cycles: s
                .cycles
                .iter()
                .map(|c| CycleStatus {
                    started_at: c.started_at,
                    stopped_at: c.stopped_at,
                    paused: c.paused,
                    elapsed_ms: c.elapsed_ms,
                    remaining_ms: c.remaining_ms,
                    outcome: c.outcome,
                    breached_at: c.breached_at,
                    breach_due_at: c.breach_due_at,
                    escalation_at: c.escalation_at,
                })
                .collect(),
        }
    }
}

/// An SLA timer with a goal of `goal_ms` counted on `calendar`, replayed from its events and read at `now`.
///
/// Errors: `sla.timer.illegal_event`, `sla.timer.out_of_order`, the `sla.*` code of `now` before the last event,
/// the `config.*` code of a calendar with no working time, `input.time_of_day.invalid`, `input.date.invalid`.
#[uniffi::export]
pub fn sla_timer_status(
    goal_ms: u64,
    calendar: WorkCalendar,
    events: Vec<TimerEvent>,
    now: Timestamp,
) -> Result<TimerStatus, CesizenError> {
    guard(|| {
        let events: Vec<_> = events.into_iter().map(TimerEvent::to_core).collect();
        let timer = SlaTimer::replay(Millis::from_ms(goal_ms), calendar.to_core()?, &events)?;
        Ok(timer.status(now)?.into())
    })
}

/// Which moves of a ticket a timer follows.
/// Binding shape: the domain names the two by constructors (`TimerConditions::resolution`, `response`), not an enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum TicketTimerKind {
    /// From creation to deployment (a rollback starts a new cycle).
    Resolution,
    /// From creation to the first move out of To do.
    Response,
}

/// A ticket's SLA timer: the timer events its history gives, and the timer read at an instant.
/// Binding shape: the SDK's `TicketTimer`, its events and status binding-shaped (instants as RFC 3339 text, see `Timestamp`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TicketTimer {
    /// The timer events derived from the ticket's moves.
    pub events: Vec<TimerEvent>,
    /// The timer read at `now`.
    pub status: TimerStatus,
}

/// The resolution goal of the plan for a priority (and security level, which wins when stricter), in ms.
#[uniffi::export]
pub fn resolution_goal_ms(priority: Priority, security_level: Option<SecurityLevel>) -> Result<u64, CesizenError> {
    crate::plan::Plan::new().resolution_goal_ms(priority, security_level)
}

/// The `kind` timer of a stored ticket with a goal of `goal_ms` (around the clock), read at `now`.
///
/// Errors: those of [`crate::incident::replay_ticket`], and the `sla.timer.*` codes.
#[uniffi::export]
pub fn ticket_timer(
    ticket: TicketRecord,
    kind: TicketTimerKind,
    goal_ms: u64,
    now: Timestamp,
) -> Result<TicketTimer, CesizenError> {
    guard(|| {
        let ticket = Ticket::try_from(ticket.to_core()?)?;
        let conditions = match kind {
            TicketTimerKind::Resolution => TimerConditions::resolution(),
            TicketTimerKind::Response => TimerConditions::response(),
        };
        let timer = conditions.ticket_timer(&ticket, Millis::from_ms(goal_ms), CoreWorkCalendar::always_on(), now)?;
        Ok(TicketTimer {
            events: timer.events.into_iter().map(TimerEvent::from_core).collect(),
            status: timer.status.into(),
        })
    })
}

/// What was observed of one service in a month.
/// Binding shape: outages and maintenance carry instants as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ServiceObservations {
    /// Its outages.
    #[uniffi(default = [])]
    pub outages: Vec<Outage>,
    /// Its maintenance windows.
    #[uniffi(default = [])]
    pub maintenance: Vec<Interval>,
}

/// One service in the monthly report.
/// Binding shape: the service id crosses as text and the availability as a binding-shaped [`Availability`].
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ServiceReport {
    /// The service's id.
    pub service: String,
    /// Its name.
    pub name: String,
    /// Its target, in ppm.
    pub target_ppm: u32,
    /// Its availability over the month.
    pub availability: Availability,
    /// The downtime the target allows.
    pub allowed_ms: u64,
    /// The downtime used.
    pub used_ms: u64,
    /// What is left (negative once overspent).
    pub left_ms: i64,
    /// Allowed, in whole minutes.
    pub minutes_allowed: u64,
    /// Used, in whole minutes (rounded up).
    pub minutes_used: u64,
    /// Left, in whole minutes.
    pub minutes_left: i64,
    /// Whether the target was met; `None` when nothing was eligible.
    pub met: Option<bool>,
}

/// The plan's monthly availability report.
/// Binding shape: the period's instants cross as RFC 3339 text (see `Timestamp`) and the zone as text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MonthlyReport {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The time zone of the month's bounds.
    pub time_zone: String,
    /// The month as instants.
    pub period: Interval,
    /// Every service of the plan's catalogue.
    pub services: Vec<ServiceReport>,
}

/// The monthly availability report of the plan's services for `month` of `year` in `time_zone`, from what was
/// observed (services without observations had no outage).
///
/// Errors: `sla.service.unknown`, `sla.service.invalid_id`, `sla.period.invalid`, `sla.interval.reversed`,
/// `validation.time_zone.unknown`.
#[uniffi::export]
pub fn monthly_report(
    year: i32,
    month: u32,
    time_zone: String,
    observations: HashMap<String, ServiceObservations>,
) -> Result<MonthlyReport, CesizenError> {
    guard(|| {
        let observed = observed_by_service(observations)?;
        let zone = zone(&time_zone)?;
        let r = core_monthly_report(&ServiceCatalog::plan(), month_of(year, month)?, zone, &observed)?;
        Ok(MonthlyReport {
            year: r.year,
            month: r.month,
            time_zone: r.time_zone,
            period: Interval {
                start: r.period.start(),
                end: r.period.end(),
            },
            services: r
                .services
                .into_iter()
                .map(|s| ServiceReport {
                    service: s.service.as_str().to_owned(),
                    name: s.name,
                    target_ppm: s.target_ppm,
                    availability: s.availability.into(),
                    allowed_ms: s.allowed_ms,
                    used_ms: s.used_ms,
                    left_ms: s.left_ms,
                    minutes_allowed: s.minutes_allowed,
                    minutes_used: s.minutes_used,
                    minutes_left: s.minutes_left,
                    met: s.met,
                })
                .collect(),
        })
    })
}

/// The month of the plan's services day by day: for each service, in catalogue order, its local days (status,
/// downtime, maintenance, availability) and the share of its error budget left at the month's start and at the
/// end of each day, the figures of [`monthly_report`] (`cesizen_sla::daily_report`).
///
/// Errors: as [`monthly_report`].
#[uniffi::export]
pub fn daily_report(
    year: i32,
    month: u32,
    time_zone: String,
    observations: HashMap<String, ServiceObservations>,
) -> Result<Vec<ServiceDays>, CesizenError> {
    guard(|| {
        let observed = observed_by_service(observations)?;
        let zone = zone(&time_zone)?;
        Ok(core_daily_report(
            &ServiceCatalog::plan(),
            month_of(year, month)?,
            zone,
            &observed,
        )?)
    })
}

/// The observations of a month's report by service, read (ids as text, so that a bad one is a typed error).
fn observed_by_service(
    observations: HashMap<String, ServiceObservations>,
) -> Result<BTreeMap<ServiceId, CoreObservations>, CesizenError> {
    observations
        .into_iter()
        .map(|(id, o)| {
            Ok((
                ServiceId::new(id)?,
                CoreObservations {
                    outages: outages(&o.outages)?,
                    maintenance: intervals(&o.maintenance)?,
                },
            ))
        })
        .collect()
}

/// Reliability figures of a period from its outages (overlapping outages are one failure).
///
/// Errors: `sla.interval.reversed`.
#[uniffi::export]
pub fn reliability(period: Interval, outages: Vec<Interval>) -> Result<Reliability, CesizenError> {
    guard(|| {
        let period = Period::new(period.start, period.end)?;
        Ok(core_reliability(&period, &intervals(&outages)?))
    })
}

/// The union of intervals, sorted, touching ones joined.
///
/// Errors: `sla.interval.reversed`.
#[uniffi::export]
pub fn merge_intervals(intervals: Vec<Interval>) -> Result<Vec<Interval>, CesizenError> {
    guard(|| {
        Ok(merge(&self::intervals(&intervals)?)
            .into_iter()
            .map(Interval::from_core)
            .collect())
    })
}

/// Outages cut at the given instants (month or day boundaries), each piece keeping its weight.
///
/// Errors: `sla.interval.reversed`, the `sla.*` code of a weight above 100 %.
#[uniffi::export]
pub fn split_outages(outages: Vec<Outage>, cuts: Vec<Timestamp>) -> Result<Vec<Outage>, CesizenError> {
    guard(|| {
        Ok(split_at(&self::outages(&outages)?, &cuts)
            .into_iter()
            .map(Outage::from_core)
            .collect())
    })
}

/// What a valid rules file configures.
/// Binding shape: a summary of a validated `Rules`, which stays in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct SlaRulesSummary {
    /// The number of services in its catalogue.
    pub services: u32,
}

/// Loads and validates an operations rules file (JSON; `{}` is the plan, any field overrides it).
///
/// Errors: `config.syntax.invalid` and the other `config.*` codes of a refused file.
#[uniffi::export]
pub fn load_sla_rules(json: String) -> Result<SlaRulesSummary, CesizenError> {
    guard(|| {
        let rules = Rules::from_json(&json)?;
        Ok(SlaRulesSummary {
            services: u32::try_from(rules.services().services().len()).map_err(|_| CesizenError::panic())?,
        })
    })
}

/// The SLOs of OpenSLO documents given as JSON (one document or a list; kinds other than `SLO` are skipped).
///
/// Errors: `openslo.document.invalid` and the other `openslo.*` codes.
#[uniffi::export]
pub fn import_open_slo(json: String) -> Result<Vec<cesizen_sla::ImportedSlo>, CesizenError> {
    guard(|| Ok(import_openslo(&json)?.iter().map(SloDefinition::summary).collect()))
}

/// A service of an SLA catalogue.
/// Binding shape: the id crosses as text and the target as its percent text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ServiceDefinition {
    /// Its id (`"core-api"`).
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its target as decimal text (`"99.95"`, read exactly: at most four decimals, between 0 and 100).
    pub target_percent: String,
}

/// OpenSLO documents (JSON text: a list of `SLO` documents) for a service catalogue, monthly windows in
/// `time_zone`.
///
/// Errors: `input.percent.invalid`, the `config.*` codes of a refused catalogue, `validation.time_zone.unknown`.
#[uniffi::export]
pub fn export_open_slo(services: Vec<ServiceDefinition>, time_zone: String) -> Result<String, CesizenError> {
    guard(|| {
        let specs = services
            .into_iter()
            .map(|s| {
                let target_percent = s
                    .target_percent
                    .parse::<serde_json::Number>()
                    .map_err(|_| CesizenError::input(PERCENT_INVALID, "not a decimal number"))?;
                Ok(ServiceSpec {
                    id: s.id,
                    name: s.name,
                    target_percent,
                })
            })
            .collect::<Result<Vec<_>, CesizenError>>()?;
        let catalog = ServiceCatalog::try_from(specs)?;
        Ok(export_openslo(&catalog, zone(&time_zone)?).to_string())
    })
}
