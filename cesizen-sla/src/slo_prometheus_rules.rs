//! Prometheus recording and alerting rules for the services' SLOs, generated from the rules file.
//!
//! For each service (group `cesizen-slo-<id>`, evaluated every minute):
//!
//! - **SLI.** `cesizen:slo_requests:rate5m` and `cesizen:slo_errors:rate5m` (5xx) from the reference server's
//!   `cesizen_http_requests_total`, the service's instances being scraped as `job="<id>"`. A minute whose
//!   5-minute window meets a **maintenance window** (the series `cesizen_maintenance{service="<id>"}` above 0)
//!   is left out of both, so maintenance counts neither as errors nor as traffic: the SDK's availability rule.
//! - **Windows.** `cesizen:slo_error_ratio:rate<W>` for every window an alert uses: the errors over the
//!   requests of the minutes in the window.
//! - **Burn-rate alerts** `CesizenErrorBudgetBurn`, one per rule of the policy: the long window AND the short
//!   one at or above `burn × (1 − target)` (thresholds derived by [`BurnRatePolicy::derive`] over 30 days and
//!   rounded down), with enough events in the long window; `for:` a fifth of the short window, so one bad
//!   scrape cannot page. Labels: `severity` (page/ticket) and `priority`: the fastest page rule is P1, other
//!   pages P2, the fastest ticket rule P3, other tickets P4, as the plan routes them (`priority="p1"`…, the
//!   SDK's stable names). Annotations carry the
//!   budget in minutes.
//! - **Calendar month.** `cesizen:calendar_month_seconds{month="YYYY-MM"}`: the length of the current local
//!   month in the rules file's `reportTimeZone` (743 h for March in Paris), one rule per month of a
//!   [`MonthRange`]; then `cesizen:slo_error_ratio:month` over the minutes of the current local month only,
//!   `cesizen:slo_budget_remaining:month` (share of the budget left, negative once overspent) and
//!   `cesizen:slo_budget_remaining_minutes:month`, all resetting at local midnight on the 1st.
//!   `CesizenCalendarMonthsExhausted` fires once the range is over.
//!
//! Warnings come back beside the file, never inside it: a rule that can never fire, a window longer than the
//! period, a burn rate below 1 (the rule fires only after the budget is spent), a no-data policy PromQL cannot
//! express (the rules treat a window without traffic as OK).

use cesizen_core::incident::Priority;
use serde::{Deserialize, Serialize};

use crate::prometheus_rule_file::{PrometheusRule, PrometheusRuleFile, PrometheusRuleGroup, decimal};
use crate::{
    AlertAction, BurnRatePolicy, DerivedRule, MonthRange, NoDataPolicy, Period, RuleWarning, Rules, Service, ServiceId,
    SlaError, allowed_downtime_ms, prometheus_duration,
};

/// The counter of HTTP requests the reference server exposes, by `route`, `method` and `status`.
pub const REQUESTS_METRIC: &str = "cesizen_http_requests_total";
/// The series that marks a maintenance window of a service: `cesizen_maintenance{service="<id>"} 1`.
pub const MAINTENANCE_METRIC: &str = "cesizen_maintenance";
/// The alert every burn-rate rule raises.
pub const BURN_ALERT: &str = "CesizenErrorBudgetBurn";

const PERIOD_MS: u64 = 30 * 86_400_000;
const BASE_WINDOW: &str = "5m";
/// Longer than any month, DST included (October in Paris is 31 days and 1 hour).
const MONTH_LOOKBACK: &str = "32d";

/// Why a generated rule deserves attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrometheusRuleWarning {
    /// The error-ratio threshold is above 100 %: the alert can never fire.
    CanNeverFire,
    /// The long window is longer than the 30-day period.
    WindowLongerThanPeriod,
    /// The burn rate is below 1: the alert can only fire after the period's budget is spent.
    FiresOnlyAfterBudgetSpent,
    /// The policy's no-data rule is not `ok`; the generated rules treat a window without traffic as OK.
    NoDataTreatedAsOk,
}

/// A warning about one service's rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SloRuleWarning {
    /// The service.
    pub service: ServiceId,
    /// The burn-rate rule's name.
    pub rule: String,
    /// What is wrong.
    pub warning: PrometheusRuleWarning,
}

/// The generated rule file and its warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SloPrometheusRules {
    /// The rule file.
    pub file: PrometheusRuleFile,
    /// The warnings, service by service, rule by rule.
    pub warnings: Vec<SloRuleWarning>,
}

/// The SLO rules of every service of `rules`, with month budgets over `months` in the report time zone.
///
/// ```
/// use cesizen_sla::{MonthRange, Rules, slo_prometheus_rules};
/// let out = slo_prometheus_rules(&Rules::plan(), MonthRange::new(cesizen_core::CalendarMonth::new(2026, 1).unwrap(), 12).unwrap()).unwrap();
/// assert_eq!(out.file.groups.len(), 5);
/// assert!(out.warnings.is_empty());
/// assert!(out.file.to_text().contains(r#""expr": "cesizen:slo_error_ratio:rate1h{service=\"core-api\"} >= 0.0144"#));
/// ```
///
/// # Errors
/// [`SlaError::DateOutOfRange`] when a month of the range cannot be placed in the zone.
pub fn slo_prometheus_rules(rules: &Rules, months: MonthRange) -> Result<SloPrometheusRules, SlaError> {
    let calendar = month_rules(rules, months)?;
    let mut groups = Vec::new();
    let mut warnings = Vec::new();
    for service in rules.services().services() {
        let derived = rules.burn_rate().derive(service.target, PERIOD_MS);
        warnings.extend(service_warnings(service, rules.burn_rate(), &derived));
        let mut group = calendar(service.id.as_str());
        group.extend(sli_rules(service, rules.burn_rate(), &derived));
        group.extend(month_budget_rules(service));
        groups.push(PrometheusRuleGroup {
            name: format!("cesizen-slo-{}", service.id),
            interval: Some("1m".to_owned()),
            rules: group,
        });
    }
    Ok(SloPrometheusRules {
        file: PrometheusRuleFile { groups },
        warnings,
    })
}

fn service_warnings<'a>(
    service: &'a Service,
    policy: &'a BurnRatePolicy,
    derived: &'a [DerivedRule],
) -> impl Iterator<Item = SloRuleWarning> + 'a {
    derived.iter().flat_map(move |d| {
        let mut found: Vec<PrometheusRuleWarning> = d
            .warnings
            .iter()
            .map(|w| match w {
                RuleWarning::CanNeverFire => PrometheusRuleWarning::CanNeverFire,
                RuleWarning::WindowLongerThanPeriod => PrometheusRuleWarning::WindowLongerThanPeriod,
            })
            .collect();
        if d.burn_rate.micro() < 1_000_000 {
            found.push(PrometheusRuleWarning::FiresOnlyAfterBudgetSpent);
        }
        if policy.no_data() != NoDataPolicy::Ok {
            found.push(PrometheusRuleWarning::NoDataTreatedAsOk);
        }
        found.into_iter().map(move |warning| SloRuleWarning {
            service: service.id.clone(),
            rule: d.rule.name.clone(),
            warning,
        })
    })
}

/// The month table for one service's group (a closure, so the periods are computed once).
fn month_rules(rules: &Rules, months: MonthRange) -> Result<impl Fn(&str) -> Vec<PrometheusRule>, SlaError> {
    let zone = rules.report_time_zone();
    let periods = months
        .months()
        .map(|m| {
            Ok((
                format!("{:04}-{:02}", m.year(), m.month()),
                Period::calendar_month(m, zone)?,
            ))
        })
        .collect::<Result<Vec<_>, SlaError>>()?;
    let zone = zone.name();
    Ok(move |service: &str| {
        let mut out: Vec<PrometheusRule> = periods
            .iter()
            .map(|(month, p)| {
                let (start, end) = (p.start_ms() / 1000, p.end_ms() / 1000);
                PrometheusRule::record(
                    "cesizen:calendar_month_seconds",
                    format!("vector({}) and on() (vector(time()) >= {start} < {end})", end - start),
                    &[("month", month), ("service", service), ("zone", zone)],
                )
            })
            .collect();
        let last = periods.last().map_or("", |(m, _)| m.as_str());
        let message = format!(
            "The month table of the generated SLO rules ends with {last}: generate the rules again (cesizen sla prometheus-rules)."
        );
        out.push(PrometheusRule::alert(
            "CesizenCalendarMonthsExhausted",
            format!("absent(cesizen:calendar_month_seconds{{service=\"{service}\"}})"),
            0,
            &[
                ("priority", Priority::P4.as_str()),
                ("service", service),
                ("severity", "ticket"),
            ],
            &[("summary", message.as_str())],
        ));
        out
    })
}

fn sli_rules(service: &Service, policy: &BurnRatePolicy, derived: &[DerivedRule]) -> Vec<PrometheusRule> {
    let id = service.id.as_str();
    let labels = [("service", id)];
    let all = format!("{REQUESTS_METRIC}{{job=\"{id}\"}}");
    let bad = format!("{REQUESTS_METRIC}{{job=\"{id}\",status=~\"5..\"}}");
    let in_maintenance = format!("(max_over_time({MAINTENANCE_METRIC}{{service=\"{id}\"}}[{BASE_WINDOW}]) > 0)");
    let mut out = vec![
        PrometheusRule::record(
            "cesizen:slo_requests:rate5m",
            format!("sum(rate({all}[{BASE_WINDOW}])) unless on() {in_maintenance}"),
            &labels,
        ),
        // A service without any 5xx yet has no error series: its errors are then 0, not absent.
        PrometheusRule::record(
            "cesizen:slo_errors:rate5m",
            format!(
                "(sum(rate({bad}[{BASE_WINDOW}])) or on() 0 * sum(rate({all}[{BASE_WINDOW}]))) unless on() {in_maintenance}"
            ),
            &labels,
        ),
    ];
    let mut windows: Vec<u64> = derived
        .iter()
        .flat_map(|d| [d.rule.short_window_ms, d.rule.long_window_ms])
        .collect();
    windows.sort_unstable();
    windows.dedup();
    for w in windows {
        let w = prometheus_duration(w);
        out.push(PrometheusRule::record(
            &format!("cesizen:slo_error_ratio:rate{w}"),
            format!(
                "sum_over_time(cesizen:slo_errors:rate5m{{service=\"{id}\"}}[{w}]) / sum_over_time(cesizen:slo_requests:rate5m{{service=\"{id}\"}}[{w}])"
            ),
            &labels,
        ));
    }
    out.extend(derived.iter().map(|d| burn_alert(service, policy, derived, d)));
    out
}

/// P1/P3 for the fastest page/ticket rule (highest burn rate), P2/P4 for the others.
fn priority(derived: &[DerivedRule], d: &DerivedRule) -> Priority {
    let fastest = derived
        .iter()
        .filter(|o| o.rule.action == d.rule.action)
        .all(|o| o.burn_rate.micro() <= d.burn_rate.micro());
    match (d.rule.action, fastest) {
        (AlertAction::Page, true) => Priority::P1,
        (AlertAction::Page, false) => Priority::P2,
        (AlertAction::Ticket, true) => Priority::P3,
        (AlertAction::Ticket, false) => Priority::P4,
    }
}

fn burn_alert(service: &Service, policy: &BurnRatePolicy, derived: &[DerivedRule], d: &DerivedRule) -> PrometheusRule {
    let id = service.id.as_str();
    let (num, den) = d.threshold();
    let threshold = decimal(num, den);
    let (long, short) = (
        prometheus_duration(d.rule.long_window_ms),
        prometheus_duration(d.rule.short_window_ms),
    );
    let mut expr = format!(
        "cesizen:slo_error_ratio:rate{long}{{service=\"{id}\"}} >= {threshold} and cesizen:slo_error_ratio:rate{short}{{service=\"{id}\"}} >= {threshold}"
    );
    if policy.min_events() > 0 {
        expr.push_str(&format!(
            " and on() sum(increase({REQUESTS_METRIC}{{job=\"{id}\"}}[{long}])) >= {}",
            policy.min_events()
        ));
    }
    let budget_ms = allowed_downtime_ms(service.target, PERIOD_MS);
    let caught_ms =
        u64::try_from(u128::from(budget_ms) * u128::from(d.rule.budget_consumed.get()) / u128::from(crate::PPM_ONE))
            .unwrap_or(u64::MAX);
    let minutes = |ms: u64| decimal(u128::from(ms), 60_000);
    let action = match d.rule.action {
        AlertAction::Page => "page",
        AlertAction::Ticket => "ticket",
    };
    let summary = format!(
        "{}: burning the error budget at {} or faster over {long} and {short}",
        service.name, d.burn_rate
    );
    let description = format!(
        "{} % SLO: the budget is {} min per 30 days; at this rate {} % of it ({} min) goes within {long}: at least {threshold} of the requests fail over {long} and over {short}.",
        service.target.to_percent_string(),
        minutes(budget_ms),
        d.rule.budget_consumed.to_percent_string(),
        minutes(caught_ms),
    );
    let budget_minutes = minutes(budget_ms);
    PrometheusRule::alert(
        BURN_ALERT,
        expr,
        d.rule.short_window_ms / 5,
        &[
            ("burn_rule", d.rule.name.as_str()),
            ("priority", priority(derived, d).as_str()),
            ("service", id),
            ("severity", action),
        ],
        &[
            ("budget_minutes", budget_minutes.as_str()),
            ("description", description.as_str()),
            ("summary", summary.as_str()),
        ],
    )
}

fn month_budget_rules(service: &Service) -> Vec<PrometheusRule> {
    let id = service.id.as_str();
    let labels = [("service", id)];
    let budget = decimal(u128::from(service.target.budget_ppm()), u128::from(crate::PPM_ONE));
    let month = format!("cesizen:calendar_month_seconds{{service=\"{id}\"}}");
    let by_month = |series: &str| {
        PrometheusRule::record(
            &format!("cesizen:{series}_by_month:rate5m"),
            format!("cesizen:{series}:rate5m{{service=\"{id}\"}} + on() group_left(month) (0 * {month})"),
            &labels,
        )
    };
    vec![
        by_month("slo_errors"),
        by_month("slo_requests"),
        PrometheusRule::record(
            "cesizen:slo_error_ratio:month",
            format!(
                "(sum_over_time(cesizen:slo_errors_by_month:rate5m{{service=\"{id}\"}}[{MONTH_LOOKBACK}]) / sum_over_time(cesizen:slo_requests_by_month:rate5m{{service=\"{id}\"}}[{MONTH_LOOKBACK}])) and on(month) {month}"
            ),
            &labels,
        ),
        PrometheusRule::record(
            "cesizen:slo_budget_remaining:month",
            format!("1 - cesizen:slo_error_ratio:month{{service=\"{id}\"}} / {budget}"),
            &labels,
        ),
        PrometheusRule::record(
            "cesizen:slo_budget_remaining_minutes:month",
            format!(
                "({budget} - cesizen:slo_error_ratio:month{{service=\"{id}\"}}) * on(month) group_left() {month} / 60"
            ),
            &labels,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BurnRatePolicySpec;

    fn plan_rules() -> SloPrometheusRules {
        slo_prometheus_rules(
            &Rules::plan(),
            MonthRange::new(cesizen_core::CalendarMonth::new(2025, 3).unwrap(), 2).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn every_service_has_the_workbook_alerts_with_plan_priorities() {
        let out = plan_rules();
        let group = &out.file.groups[1];
        assert_eq!(group.name, "cesizen-slo-core-api");
        let alerts: Vec<(&str, &str, &str, Option<&str>)> = group
            .rules
            .iter()
            .filter(|r| r.alert.as_deref() == Some(BURN_ALERT))
            .map(|r| {
                (
                    r.labels["burn_rule"].as_str(),
                    r.labels["priority"].as_str(),
                    r.labels["severity"].as_str(),
                    r.for_duration.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            alerts,
            [
                ("page_fast", "p1", "page", Some("1m")),
                ("page_slow", "p2", "page", Some("6m")),
                ("ticket_fast", "p3", "ticket", Some("24m")),
                ("ticket_slow", "p4", "ticket", Some("1h12m")),
            ]
        );
        let page_slow = group
            .rules
            .iter()
            .find(|r| r.labels.get("burn_rule").map(String::as_str) == Some("page_slow"))
            .unwrap();
        assert_eq!(
            page_slow.expr,
            "cesizen:slo_error_ratio:rate6h{service=\"core-api\"} >= 0.006 and cesizen:slo_error_ratio:rate30m{service=\"core-api\"} >= 0.006 and on() sum(increase(cesizen_http_requests_total{job=\"core-api\"}[6h])) >= 100"
        );
        assert_eq!(page_slow.annotations["budget_minutes"], "43.2");
        assert!(page_slow.annotations["description"].contains("5 % of it (2.16 min) goes within 6h"));
    }

    #[test]
    fn the_month_table_follows_the_zone_and_dst() {
        let out = plan_rules();
        let months: Vec<(&str, &str)> = out.file.groups[0]
            .rules
            .iter()
            .filter(|r| r.record.as_deref() == Some("cesizen:calendar_month_seconds"))
            .map(|r| (r.labels["month"].as_str(), r.expr.as_str()))
            .collect();
        // March 2025 in Paris: from 2025-02-28T23:00Z, 743 hours; April from 2025-03-31T22:00Z, 720 hours.
        assert_eq!(
            months,
            [
                (
                    "2025-03",
                    "vector(2674800) and on() (vector(time()) >= 1740783600 < 1743458400)"
                ),
                (
                    "2025-04",
                    "vector(2592000) and on() (vector(time()) >= 1743458400 < 1746050400)"
                ),
            ]
        );
    }

    #[test]
    fn warnings_come_out_beside_the_file() {
        let mut spec: crate::RulesSpec = Rules::plan().into();
        spec.services.truncate(1);
        spec.services[0].target_percent = serde_json::Number::from(90);
        let mut burn: BurnRatePolicySpec = BurnRatePolicy::sre_workbook().into();
        burn.rules[3].budget_consumed = crate::Ppm::new(20_000).unwrap();
        burn.rules[3].long_window_ms = 40 * 86_400_000;
        burn.no_data = NoDataPolicy::Alerting;
        spec.burn_rate = burn;
        let rules = Rules::try_from(spec).unwrap();
        let out = slo_prometheus_rules(
            &rules,
            MonthRange::new(cesizen_core::CalendarMonth::new(2025, 3).unwrap(), 1).unwrap(),
        )
        .unwrap();
        let got: Vec<(&str, PrometheusRuleWarning)> =
            out.warnings.iter().map(|w| (w.rule.as_str(), w.warning)).collect();
        use PrometheusRuleWarning::*;
        assert_eq!(
            got,
            [
                ("page_fast", CanNeverFire),
                ("page_fast", NoDataTreatedAsOk),
                ("page_slow", NoDataTreatedAsOk),
                ("ticket_fast", NoDataTreatedAsOk),
                ("ticket_slow", WindowLongerThanPeriod),
                ("ticket_slow", FiresOnlyAfterBudgetSpent),
                ("ticket_slow", NoDataTreatedAsOk),
            ]
        );
    }

    #[test]
    fn the_output_is_byte_stable() {
        assert_eq!(plan_rules().file.to_text(), plan_rules().file.to_text());
    }
}
