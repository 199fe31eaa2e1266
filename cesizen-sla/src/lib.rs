//! # cesizen-sla
//!
//! Exact SLA math for the Cesizen services, the same on the server, in the ops dashboard (wasm) and in the
//! on-call app (UniFFI).
//!
//! - **Exact.** Targets are parts per million ([`SloTarget`], 99.95 % = 999 500), durations are integer
//!   milliseconds, instants are Unix-epoch milliseconds. Nothing is floating point; every value is rounded
//!   once, when reported, by [the one rule](rounding): against the service provider.
//! - **Allowed downtime** per calendar month in a time zone (DST months are 743 or 745 hours long in Paris)
//!   or per rolling window: [`allowed_downtime_for_month`], [`allowed_downtime_rolling`].
//! - **Availability** from outages ([`availability`]: overlaps merged, clipped to the period, maintenance
//!   out of the denominator, partial outages weighted) and from health-check samples ([`count_samples`],
//!   [`HealthSeries`]).
//! - **Error budgets**, burn rates and time to exhaustion ([`ErrorBudget`], [`BurnRate`]), and multi-window
//!   multi-burn-rate alerts derived from the SLO and its period ([`BurnRatePolicy`]).
//! - **Incident SLA timers** ([`SlaTimer`]) with goals per priority and security level ([`GoalTable`]),
//!   24/7 or business-hours calendars with holidays ([`WorkCalendar`]), cycles, pauses and the 50 %
//!   escalation; driven by the ticket workflow of `cesizen-core` ([`TimerConditions`]).
//! - **Reports**: MTTR/MTBF ([`reliability`]), the monthly SLA report per service ([`monthly_report`]).
//! - **Interchange**: OpenSLO v1 in its JSON form ([`export_openslo`], [`import_openslo`]) and the rules
//!   file whose default is the maintenance plan ([`Rules`]).
//! - **Operations tools**: Prometheus recording and alerting rules for the SLOs, with budgets per calendar month
//!   in the zone and maintenance excluded, the monitoring thresholds and security alerts over the reference
//!   server's metrics ([`prometheus_rules`]), the Alertmanager routing tree of the plan's matrix
//!   ([`alertmanager_config`]), a Grafana dashboard of the plan's technical and business dashboards
//!   ([`grafana_dashboard`]).
//!
//! ```
//! use cesizen_sla::{allowed_downtime_rolling, ServiceCatalog};
//! // The plan's table: minutes allowed per 30 days.
//! let minutes: Vec<u64> = ServiceCatalog::plan().services().iter()
//!     .map(|s| allowed_downtime_rolling(s.target, 30) / 60_000).collect();
//! assert_eq!(minutes, [216, 43, 21, 4, 43]);
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

// The `uniffi` feature: the types that cross to Kotlin, Swift and Python derive their UniFFI records and enums
// here (`cfg_attr` below each `derive`), in the namespace `cesizen_sla`; `bindings/uniffi` holds the entry points.
// The scaffolding and derives expand to `unsafe impl`s and `extern "C"` functions inside UniFFI's macros, which
// the `unsafe_code` lint does not report (it skips external macro expansions): no unsafe code is written here.
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("cesizen_sla");
// Calendar days cross as `YYYY-MM-DD` text, the custom type of `cesizen_core`'s namespace.
#[cfg(feature = "uniffi")]
uniffi::use_remote_type!(cesizen_core::chrono::NaiveDate);

mod alertmanager_config;
mod allowed_downtime;
mod availability;
mod burn_rate_alerts;
mod daily_report;
mod error;
mod error_budget;
mod grafana_dashboard;
mod health_samples;
mod holidays;
mod interval;
mod millis;
mod month_range;
mod monthly_report;
mod openslo;
mod openslo_json;
mod outage;
mod period;
mod ppm;
mod prometheus_rule_file;
mod prometheus_rules;
mod reliability;
pub mod rounding;
mod rules;
mod service;
mod sla_timer;
mod slo_prometheus_rules;
mod split;
mod threshold_prometheus_rules;
mod ticket_timer;
mod timer_goals;
mod union;
mod work_calendar;

pub use alertmanager_config::{
    AlertmanagerConfig, AlertmanagerRoute, InhibitRule, Receiver, TimeInterval, TimePeriod, TimeRange,
    alertmanager_config,
};
pub use allowed_downtime::{
    AllowedDowntime, allowed_downtime_for_month, allowed_downtime_in, allowed_downtime_ms, allowed_downtime_rolling,
};
pub use availability::{Availability, AvailabilityCheck, availability, availability_check};
pub use burn_rate_alerts::{
    AlertAction, BurnRatePolicy, BurnRatePolicySpec, BurnRateRule, BurnRateThreshold, DerivedRule, NoDataPolicy,
    RuleEvaluation, RuleState, RuleWarning, WindowObservation,
};
pub use daily_report::{DayReport, DayStatus, ServiceDays, daily_report};
pub use error::{Result, SlaError};
pub use error_budget::{BurnRate, ErrorBudget, ErrorBudgetStatus, ErrorCounts};
pub use grafana_dashboard::{GrafanaDashboard, KPI_METRIC, SCHEMA_VERSION, grafana_dashboard};
pub use health_samples::{
    HealthSeries, MissingSamples, SampleAvailability, SampleCounts, SamplePolicy, SampleStatus, count_samples,
};
pub use holidays::{easter_sunday, french_public_holidays};
pub use interval::Interval;
pub use millis::Millis;
pub use month_range::{MAX_MONTHS, MonthRange};
pub use monthly_report::{MonthlyReport, ServiceObservations, ServiceReport, monthly_report};
pub use openslo::{
    BudgetingMethod, DurationShorthand, DurationUnit, Objective, SloDefinition, SloWindow, export_openslo,
    import_openslo,
};
pub use openslo_json::{
    ImportedSlo, OpenSloCalendar, OpenSloDocument, OpenSloMetadata, OpenSloObjective, OpenSloSpec, OpenSloTimeWindow,
};
pub use outage::Outage;
pub use period::Period;
pub use ppm::{PPM_ONE, Ppm, SloTarget, ppm_percent_text};
pub use prometheus_rule_file::{PrometheusRule, PrometheusRuleFile, PrometheusRuleGroup, prometheus_duration};
pub use prometheus_rules::{PrometheusRules, prometheus_rules};
pub use reliability::{Reliability, mean_time_to_resolve, reliability};
pub use rules::{Rules, RulesSpec};
pub use service::{Service, ServiceCatalog, ServiceId, ServiceSpec};
pub use sla_timer::{
    CycleOutcome, CycleStatus, EscalationDue, SlaTimer, TimerEvent, TimerStanding, TimerState, TimerStatus,
};
pub use slo_prometheus_rules::{
    BURN_ALERT, MAINTENANCE_METRIC, PrometheusRuleWarning, REQUESTS_METRIC, SloPrometheusRules, SloRuleWarning,
    slo_prometheus_rules,
};
pub use split::{split_at, split_by_periods};
pub use threshold_prometheus_rules::{
    SECURITY_ALERT, THRESHOLD_ALERT, ThresholdPrometheusRules, WithoutSource, metric_source, threshold_prometheus_rules,
};
pub use ticket_timer::{TicketTimer, TimerConditions, TimerConditionsSpec};
pub use timer_goals::{GoalTable, GoalTableSpec};
pub use union::{merge, union_len};
pub use work_calendar::{DayHours, WorkCalendar, WorkCalendarSpec};
