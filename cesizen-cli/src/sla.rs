//! `cesizen sla`: allowed downtime, the burn-rate alert table and the monthly report, all computed by
//! `cesizen-sla` (targets in ppm, durations in integer ms, one rounding rule against the provider).

use std::path::Path;

use cesizen_core::CalendarMonth;
use cesizen_core::tz::Tz;
use cesizen_plan::Plan;
use cesizen_sla::{
    BurnRatePolicy, Period, Rules, SloTarget, allowed_downtime_in, allowed_downtime_ms, ppm_percent_text,
};
use serde_json::json;

use crate::cli::{ReportFormat, SlaCommand};
use crate::error::{CliError, CliResult};
use crate::files;
use crate::monitoring;
use crate::output::{emit, human_ms, name_of, table};
use crate::report;

/// Runs an `sla` command.
pub fn run(command: SlaCommand, plan: &Plan) -> CliResult<()> {
    match command {
        SlaCommand::Downtime {
            target,
            period,
            month,
            tz,
            output,
        } => downtime(target, period, month, tz, output.json),
        SlaCommand::BurnRates {
            target,
            period,
            config,
            output,
        } => burn_rates(target, period, &rules(config.as_deref(), plan)?, output.json),
        SlaCommand::Report {
            outages,
            month,
            config,
            format,
            json,
            output,
            check,
        } => {
            let format = if json { ReportFormat::Json } else { format };
            report::run(
                &outages,
                month,
                &rules(config.as_deref(), plan)?,
                format,
                output.as_deref(),
                check,
            )
        }
        SlaCommand::PrometheusRules {
            config,
            from,
            months,
            output,
        } => monitoring::prometheus_rules(&rules(config.as_deref(), plan)?, from, months, output.as_deref()),
        SlaCommand::AlertmanagerConfig { config, output } => {
            monitoring::alertmanager(&rules(config.as_deref(), plan)?, output.as_deref())
        }
        SlaCommand::GrafanaDashboard { config, output } => {
            monitoring::dashboard(&rules(config.as_deref(), plan)?, output.as_deref())
        }
    }
}

/// The command's own rules file, or the plan's SLA rules (`--plan`, the maintenance plan without it).
pub fn rules(config: Option<&Path>, plan: &Plan) -> CliResult<Rules> {
    let Some(path) = config else {
        return Ok(plan.sla().clone());
    };
    Rules::from_json(&files::read_text(path)?).map_err(|e| {
        CliError::sla(&e, &format!("the rules file {} is refused", path.display()))
            .hint("every section is optional; cesizen-sla/rules/plan.json is the plan written out in full")
    })
}

fn downtime(target: SloTarget, period: Option<u64>, month: Option<CalendarMonth>, tz: Tz, json: bool) -> CliResult<()> {
    let (value, text) = match (period, month) {
        (Some(period_ms), _) => {
            let allowed = allowed_downtime_ms(target, period_ms);
            (
                json!({ "target": target.to_percent_string(), "targetPpm": target.ppm(), "periodMs": period_ms, "allowedMs": allowed }),
                format!(
                    "{} % over {} allows {} of downtime ({allowed} ms)\n",
                    target.to_percent_string(),
                    human_ms(period_ms),
                    human_ms(allowed)
                ),
            )
        }
        (None, Some(month)) => {
            let period =
                Period::calendar_month(month, tz).map_err(|e| CliError::sla(&e, "the month cannot be measured"))?;
            let allowed = allowed_downtime_in(target, &period);
            (
                json!({
                    "target": target.to_percent_string(),
                    "targetPpm": target.ppm(),
                    "month": month.to_string(),
                    "timeZone": tz.name(),
                    "periodStart": period.start(),
                    "periodEnd": period.end(),
                    "periodMs": period.len_ms(),
                    "allowedMs": allowed,
                }),
                format!(
                    "{} % over {} in {} ({}) allows {} of downtime ({allowed} ms)\n",
                    target.to_percent_string(),
                    month.first_day().format("%B %Y"),
                    tz.name(),
                    human_ms(period.len_ms()),
                    human_ms(allowed)
                ),
            )
        }
        (None, None) => return Err(CliError::usage("cli.args.missing", "give --period or --month")),
    };
    emit(json, &value, || text)
}

fn burn_rates(target: SloTarget, period_ms: u64, rules: &Rules, json: bool) -> CliResult<()> {
    let policy: &BurnRatePolicy = rules.burn_rate();
    let derived = policy.derive(target, period_ms);
    let rows: Vec<serde_json::Value> = derived
        .iter()
        .map(|d| {
            json!({
                "name": d.rule.name,
                "severity": name_of(&d.rule.action),
                "budgetConsumedPercent": d.rule.budget_consumed.to_percent_string(),
                "longWindowMs": d.rule.long_window_ms,
                "shortWindowMs": d.rule.short_window_ms,
                "burnRate": d.burn_rate.to_string(),
                "burnRateMicro": d.burn_rate.micro(),
                "errorRatioPpm": d.error_ratio_ppm,
                "warnings": d.warnings.iter().map(name_of).collect::<Vec<_>>(),
            })
        })
        .collect();
    let warnings: Vec<String> = derived
        .iter()
        .flat_map(|d| {
            d.warnings.iter().map(move |w| match w {
                cesizen_sla::RuleWarning::CanNeverFire => format!(
                    "warning: {} can never fire: it needs {} % errors",
                    d.rule.name,
                    ppm_percent_text(d.error_ratio_ppm.into())
                ),
                cesizen_sla::RuleWarning::WindowLongerThanPeriod => format!(
                    "warning: {}'s long window ({}) is longer than the period ({})",
                    d.rule.name,
                    human_ms(d.rule.long_window_ms),
                    human_ms(period_ms)
                ),
            })
        })
        .collect();
    let value = json!({
        "target": target.to_percent_string(),
        "periodMs": period_ms,
        "allowedMs": allowed_downtime_ms(target, period_ms),
        "rules": rows,
        "warnings": warnings,
    });
    emit(json, &value, || {
        let cells: Vec<Vec<String>> = derived
            .iter()
            .map(|d| {
                vec![
                    d.rule.name.clone(),
                    name_of(&d.rule.action),
                    d.burn_rate.to_string(),
                    format!("{} %", ppm_percent_text(d.error_ratio_ppm.into())),
                    human_ms(d.rule.long_window_ms),
                    human_ms(d.rule.short_window_ms),
                    format!("{} %", d.rule.budget_consumed.to_percent_string()),
                ]
            })
            .collect();
        let mut text = format!(
            "burn-rate alerts for {} % over {}\n{}",
            target.to_percent_string(),
            human_ms(period_ms),
            table(
                &[
                    "rule",
                    "severity",
                    "burn rate",
                    "error ratio",
                    "long window",
                    "short window",
                    "budget consumed"
                ],
                &cells
            )
        );
        for w in &warnings {
            text.push_str(w);
            text.push('\n');
        }
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_rules_file_names_the_field() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rules.json");
        std::fs::write(
            &path,
            r#"{ "services": [{ "id": "cdn", "name": "CDN", "targetPercent": 100.5 }] }"#,
        )
        .unwrap();
        let e = rules(Some(&path), &Plan::default()).unwrap_err();
        assert_eq!(e.code(), "config.target.out_of_range");
        assert!(e.message().contains("services[0].targetPercent"), "{}", e.message());
    }
}
