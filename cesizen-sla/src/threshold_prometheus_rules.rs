//! Prometheus rules for the plan's monitoring thresholds and security alerts, over the metric names the
//! reference server exposes (and, for the host, node_exporter's; for certificates, blackbox_exporter's).
//!
//! Group `cesizen-thresholds`: `cesizen:monitoring_value{metric="<name>"}` in the plan's unit (%, ms, per
//! minute) for every metric that has a Prometheus source, then `CesizenThreshold` alerts for the warning band
//! (`severity="warning"`, `priority="p3"`) and the critical one (`severity="critical"`, `priority="p2"`), each
//! bound read from the rules file's band scale, the boundary's owner deciding `>=` or `>`. A critical alert
//! inhibits the warning of the same metric in the generated Alertmanager configuration, as the SDK's alert desk
//! suppresses it.
//!
//! Group `cesizen-security`: `CesizenSecurity` alerts for the rules a metric can show: failed logins per minute
//! above the limit (critical, `p1`), traffic above the configured share of the same hour last week (warning,
//! `p3`), a certificate expiring within the configured days (warning, `p3`). Data-access anomalies, admin
//! privilege changes and vulnerability findings have no metric: they are listed in
//! [`ThresholdPrometheusRules::without_source`] with the two metrics no exporter provides (suspicious requests,
//! system errors).

use cesizen_core::alerting::{
    API_RESPONSE_TIME_PERCENTILE, BandScale, Metric, Owner, Polarity, SecurityRule, Severity,
};
use cesizen_core::incident::Priority;
use serde::Serialize;

use crate::Rules;
use crate::prometheus_rule_file::{PrometheusRule, PrometheusRuleFile, PrometheusRuleGroup};
use crate::slo_prometheus_rules::REQUESTS_METRIC;

/// The alert of every threshold rule.
pub const THRESHOLD_ALERT: &str = "CesizenThreshold";
/// The alert of every security rule.
pub const SECURITY_ALERT: &str = "CesizenSecurity";

/// A plan's rule the generated file cannot hold, for want of a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum WithoutSource {
    /// A monitored metric.
    Metric(Metric),
    /// A security rule.
    SecurityRule(SecurityRule),
}

/// The generated rules and what they leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdPrometheusRules {
    /// The rule file.
    pub file: PrometheusRuleFile,
    /// The plan's metrics and security rules without a Prometheus source.
    pub without_source: Vec<WithoutSource>,
}

/// The PromQL giving `metric` in the plan's unit, when a metric exists for it.
pub fn metric_source(metric: Metric) -> Option<String> {
    let all = REQUESTS_METRIC;
    Some(match metric {
        Metric::Cpu => "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m])))".to_owned(),
        Metric::Ram => "100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)".to_owned(),
        Metric::Disk => "100 * (1 - node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\"} / node_filesystem_size_bytes{fstype!~\"tmpfs|overlay\"})".to_owned(),
        Metric::ApiResponseTime => format!(
            "1000 * histogram_quantile({}, sum by (le) (rate(cesizen_http_request_duration_seconds_bucket[1m])))",
            crate::ppm::decimal_string(u128::from(API_RESPONSE_TIME_PERCENTILE), 2)
        ),
        Metric::ServerErrorRate => {
            format!("100 * sum(rate({all}{{status=~\"5..\"}}[1m])) / sum(rate({all}[1m]))")
        }
        Metric::FailedLogins => "sum(increase(cesizen_failed_logins_total[1m]))".to_owned(),
        Metric::SuspiciousRequests | Metric::SystemErrors => return None,
    })
}

/// The threshold and security rules of `rules`.
///
/// ```
/// use cesizen_sla::{Rules, threshold_prometheus_rules};
/// let out = threshold_prometheus_rules(&Rules::plan());
/// let text = out.file.to_text();
/// assert!(text.contains(r#""expr": "cesizen:monitoring_value{metric=\"cpu\"} > 85""#));
/// assert_eq!(out.without_source.len(), 5);
/// ```
pub fn threshold_prometheus_rules(rules: &Rules) -> ThresholdPrometheusRules {
    let thresholds = rules.alerting().thresholds();
    let mut without_source = Vec::new();
    let mut recorded = Vec::new();
    let mut alerts = Vec::new();
    for metric in Metric::ALL {
        let Some(source) = metric_source(metric) else {
            without_source.push(WithoutSource::Metric(metric));
            continue;
        };
        let name = metric.as_str();
        recorded.push(PrometheusRule::record(
            "cesizen:monitoring_value",
            source,
            &[("metric", name)],
        ));
        let series = format!("cesizen:monitoring_value{{metric=\"{name}\"}}");
        if let [warning, critical] = thresholds.scale(metric).boundaries() {
            let scale = thresholds.scale(metric);
            let reaches = |b| format!("{series} {} {}", comparison(scale, b), b.value);
            let band = |severity: Severity, priority: Priority, expr: String| {
                let summary = format!("{name} is in the {} band", severity.as_str());
                let description = format!("{name}: {{{{ $value }}}} ({})", bounds_text(scale));
                PrometheusRule::alert(
                    THRESHOLD_ALERT,
                    expr,
                    60_000,
                    &[
                        ("metric", name),
                        ("priority", priority.as_str()),
                        ("severity", severity.as_str()),
                    ],
                    &[("description", description.as_str()), ("summary", summary.as_str())],
                )
            };
            alerts.push(band(
                Severity::Warning,
                Priority::P3,
                format!("{} unless {}", reaches(warning), reaches(critical)),
            ));
            alerts.push(band(Severity::Critical, Priority::P2, reaches(critical)));
        }
    }
    recorded.extend(alerts);
    let (security, missing) = security_rules(rules);
    without_source.extend(missing.into_iter().map(WithoutSource::SecurityRule));
    ThresholdPrometheusRules {
        file: PrometheusRuleFile {
            groups: vec![
                PrometheusRuleGroup {
                    name: "cesizen-thresholds".to_owned(),
                    interval: None,
                    rules: recorded,
                },
                PrometheusRuleGroup {
                    name: "cesizen-security".to_owned(),
                    interval: None,
                    rules: security,
                },
            ],
        },
        without_source,
    }
}

/// The PromQL comparison that puts a value on the worse side of `b`.
fn comparison(scale: &BandScale, b: &cesizen_core::alerting::Boundary) -> &'static str {
    match (scale.polarity(), b.owner) {
        (Polarity::HigherIsWorse, Owner::Worse) => ">=",
        (Polarity::HigherIsWorse, Owner::Better) => ">",
        (Polarity::LowerIsWorse, Owner::Worse) => "<=",
        (Polarity::LowerIsWorse, Owner::Better) => "<",
    }
}

fn bounds_text(scale: &BandScale) -> String {
    match scale.boundaries() {
        [w, c] => format!(
            "warning from {} {}, critical from {} {}",
            comparison(scale, w),
            w.value,
            comparison(scale, c),
            c.value
        ),
        _ => String::new(),
    }
}

fn security_rules(rules: &Rules) -> (Vec<PrometheusRule>, Vec<SecurityRule>) {
    let s = rules.alerting().security();
    let rule = |which: SecurityRule, severity: Severity, priority: Priority, expr: String, for_ms, summary: String| {
        let name = serde_json::to_value(which)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        PrometheusRule::alert(
            SECURITY_ALERT,
            expr,
            for_ms,
            &[
                ("priority", priority.as_str()),
                ("rule", &name),
                ("severity", severity.as_str()),
            ],
            &[("summary", summary.as_str())],
        )
    };
    let generated = vec![
        rule(
            SecurityRule::FailedLogins,
            Severity::Critical,
            Priority::P1,
            format!(
                "sum(increase(cesizen_failed_logins_total[1m])) > {}",
                s.failed_logins_above
            ),
            0,
            format!("More than {} failed sign-ins in a minute", s.failed_logins_above),
        ),
        rule(
            SecurityRule::UnusualTraffic,
            Severity::Warning,
            Priority::P3,
            format!(
                "sum(rate({REQUESTS_METRIC}[1h])) > {} * sum(rate({REQUESTS_METRIC}[1h] offset 1w))",
                crate::prometheus_rule_file::decimal(u128::from(s.traffic_above_percent), 100)
            ),
            15 * 60_000,
            format!("Traffic above {} % of the same hour last week", s.traffic_above_percent),
        ),
        rule(
            SecurityRule::CertificateExpiry,
            Severity::Warning,
            Priority::P3,
            format!(
                "probe_ssl_earliest_cert_expiry - time() < {} * 86400",
                s.certificate_within_days
            ),
            0,
            format!("A certificate expires within {} days", s.certificate_within_days),
        ),
    ];
    let missing = vec![
        SecurityRule::DataAccessAnomaly,
        SecurityRule::AdminPrivilegeChange,
        SecurityRule::VulnerabilityScan,
    ];
    (generated, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_boundary_owners() {
        let out = threshold_prometheus_rules(&Rules::plan());
        let cpu: Vec<(&str, &str)> = out.file.groups[0]
            .rules
            .iter()
            .filter(|r| r.labels.get("metric").map(String::as_str) == Some("cpu") && r.alert.is_some())
            .map(|r| (r.labels["severity"].as_str(), r.expr.as_str()))
            .collect();
        // The plan: warning from 70 % (70 is warning), critical above 85 % (85 is still warning).
        assert_eq!(
            cpu,
            [
                (
                    "warning",
                    "cesizen:monitoring_value{metric=\"cpu\"} >= 70 unless cesizen:monitoring_value{metric=\"cpu\"} > 85"
                ),
                ("critical", "cesizen:monitoring_value{metric=\"cpu\"} > 85"),
            ]
        );
        assert_eq!(
            out.without_source,
            [
                WithoutSource::Metric(Metric::SuspiciousRequests),
                WithoutSource::Metric(Metric::SystemErrors),
                WithoutSource::SecurityRule(SecurityRule::DataAccessAnomaly),
                WithoutSource::SecurityRule(SecurityRule::AdminPrivilegeChange),
                WithoutSource::SecurityRule(SecurityRule::VulnerabilityScan),
            ]
        );
    }

    #[test]
    fn security_limits_come_from_the_rules_file() {
        // The failed-login limit is the top of the warning band: both move to 20.
        let mut thresholds = serde_json::to_value(cesizen_core::alerting::MonitoringThresholds::plan()).unwrap();
        thresholds["failed_logins"]["boundaries"][1]["value"] = 20.0.into();
        let security = serde_json::json!({ "failedLoginsAbove": 20, "vulnerabilityFrom": "high", "trafficAbovePercent": 150, "certificateWithinDays": 14 });
        let file = serde_json::json!({ "alerting": { "thresholds": thresholds, "security": security } });
        let rules = Rules::from_json(&file.to_string()).unwrap();
        let out = threshold_prometheus_rules(&rules);
        let exprs: Vec<&str> = out.file.groups[1].rules.iter().map(|r| r.expr.as_str()).collect();
        assert_eq!(
            exprs,
            [
                "sum(increase(cesizen_failed_logins_total[1m])) > 20",
                "sum(rate(cesizen_http_requests_total[1h])) > 1.5 * sum(rate(cesizen_http_requests_total[1h] offset 1w))",
                "probe_ssl_earliest_cert_expiry - time() < 14 * 86400",
            ]
        );
    }
}
