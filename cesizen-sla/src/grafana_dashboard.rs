//! A Grafana dashboard for the plan's two dashboards, generated from the rules file.
//!
//! Three rows over a Prometheus data source chosen when the dashboard is imported (`${datasource}`):
//!
//! - **SLOs**: each service's budget left this calendar month (minutes and share, from the generated
//!   `cesizen:slo_budget_remaining*:month` rules) and the 1-hour error ratio against the budget.
//! - **Technical** ("Dashboard technique"): every monitored metric with a Prometheus source
//!   (`cesizen:monitoring_value{metric}`), its warning and critical bands from the rules file as thresholds.
//!   Grafana colours a step from its value on, so a bound owned by the better band (critical *above* 85 %) shows
//!   red at exactly 85 while the alert rule keeps it warning.
//! - **Business** ("Dashboard métier"): daily active users, mean session time, meditation sessions per day,
//!   30-day retention and NPS from `cesizen_kpi_value{kpi="<stable name>"}` (the values `cesizen-core`'s KPI
//!   types compute, published by whatever job computes them: the reference server does not export them), red
//!   below the plan's target and green from it.
//!
//! `schemaVersion` is [`SCHEMA_VERSION`]; Grafana migrates a dashboard of an older schema version when it imports
//! it, so later versions read it too. The output is byte-stable (object keys sorted, panels in plan order).

use cesizen_core::alerting::{Metric, Polarity};
use cesizen_core::kpi::ProductKpi;
use serde_json::{Value, json};

use crate::{Rules, metric_source};

/// The dashboard JSON's schema version.
pub const SCHEMA_VERSION: u32 = 39;
/// The business KPIs' series, labelled `kpi` with `cesizen-core`'s stable names.
pub const KPI_METRIC: &str = "cesizen_kpi_value";

/// A generated dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct GrafanaDashboard(Value);

impl GrafanaDashboard {
    /// The dashboard's JSON, as Grafana imports it.
    pub fn json(&self) -> &Value {
        &self.0
    }

    /// The file's text, ending with a newline.
    pub fn to_text(&self) -> String {
        serde_json::to_string_pretty(&self.0).unwrap_or_default() + "\n"
    }

    /// Every PromQL query of its panels, in panel order.
    pub fn queries(&self) -> Vec<&str> {
        self.0["panels"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|p| p["targets"].as_array().into_iter().flatten())
            .filter_map(|t| t["expr"].as_str())
            .collect()
    }
}

/// The dashboard of `rules`.
///
/// ```
/// use cesizen_sla::{Rules, grafana_dashboard};
/// let d = grafana_dashboard(&Rules::plan());
/// assert_eq!(d.json()["schemaVersion"], 39);
/// assert!(d.queries().contains(&"cesizen_kpi_value{kpi=\"net_promoter_score\"}"));
/// ```
pub fn grafana_dashboard(rules: &Rules) -> GrafanaDashboard {
    let mut layout = Layout::default();
    let mut panels = vec![layout.row("SLOs: error budget of the calendar month")];
    panels.push(layout.panel(
        "stat",
        "Budget left this month (minutes)",
        vec![target("cesizen:slo_budget_remaining_minutes:month", "{{service}}")],
        json!({ "unit": "m", "decimals": 1, "thresholds": steps(&[("red", None), ("orange", Some(0.0)), ("green", Some(1.0))]) }),
        12,
    ));
    panels.push(layout.panel(
        "timeseries",
        "Budget left this month (share)",
        vec![target("cesizen:slo_budget_remaining:month", "{{service}}")],
        json!({ "unit": "percentunit", "thresholds": steps(&[("red", None), ("green", Some(0.0))]) }),
        12,
    ));
    panels.push(layout.panel(
        "timeseries",
        "Error ratio over 1 hour",
        vec![target("cesizen:slo_error_ratio:rate1h", "{{service}}")],
        json!({ "unit": "percentunit", "thresholds": steps(&[("green", None)]) }),
        24,
    ));
    panels.push(layout.row("Technical: monitored metrics and their bands"));
    let thresholds = rules.alerting().thresholds();
    for metric in Metric::ALL {
        if metric_source(metric).is_none() {
            continue;
        }
        let scale = thresholds.scale(metric);
        let bands = match scale.boundaries() {
            [w, c] => {
                let (better, worse) = match scale.polarity() {
                    Polarity::HigherIsWorse => (("green", None), [("orange", Some(w.value)), ("red", Some(c.value))]),
                    Polarity::LowerIsWorse => (("red", None), [("orange", Some(c.value)), ("green", Some(w.value))]),
                };
                let mut s = vec![better];
                s.extend(worse);
                s
            }
            _ => vec![("green", None)],
        };
        panels.push(layout.panel(
            "timeseries",
            metric_title(metric),
            vec![target(&format!("cesizen:monitoring_value{{metric=\"{}\"}}", metric.as_str()), "{{instance}}")],
            json!({ "unit": metric_unit(metric), "thresholds": steps(&bands), "custom": { "thresholdsStyle": { "mode": "line+area" } } }),
            8,
        ));
    }
    panels.push(layout.row("Business: product KPIs against the plan's targets"));
    for kpi in ProductKpi::ALL {
        let target_value = f64::from(kpi.target());
        panels.push(layout.panel(
            "stat",
            kpi.label_en(),
            vec![target(&format!("{KPI_METRIC}{{kpi=\"{}\"}}", kpi.code()), "")],
            json!({ "unit": kpi_unit(kpi), "thresholds": steps(&[("red", None), ("green", Some(target_value))]) }),
            // Five KPIs in a 24-column row: 5, 5, 5, 5, 4.
            if kpi == ProductKpi::NetPromoterScore { 4 } else { 5 },
        ));
    }
    GrafanaDashboard(json!({
        "uid": "cesizen-plan",
        "title": "Cesizen: SLOs, technical and business dashboards",
        "tags": ["cesizen"],
        "schemaVersion": SCHEMA_VERSION,
        "version": 1,
        "editable": true,
        "refresh": "1m",
        "time": { "from": "now-24h", "to": "now" },
        "timezone": rules.report_time_zone().name(),
        "templating": { "list": [{
            "name": "datasource",
            "label": "Prometheus",
            "type": "datasource",
            "query": "prometheus",
        }] },
        "panels": panels,
    }))
}

/// Panel ids and grid positions: rows of 24 columns, panels 8 units high.
#[derive(Default)]
struct Layout {
    id: u32,
    x: u32,
    y: u32,
}

impl Layout {
    fn row(&mut self, title: &str) -> Value {
        self.id += 1;
        if self.x > 0 {
            self.x = 0;
            self.y += 8;
        }
        let row = json!({ "id": self.id, "type": "row", "title": title, "collapsed": false,
            "gridPos": { "h": 1, "w": 24, "x": 0, "y": self.y }, "panels": [] });
        self.y += 1;
        row
    }

    fn panel(&mut self, kind: &str, title: &str, targets: Vec<Value>, defaults: Value, width: u32) -> Value {
        self.id += 1;
        if self.x + width > 24 {
            self.x = 0;
            self.y += 8;
        }
        let panel = json!({
            "id": self.id,
            "type": kind,
            "title": title,
            "datasource": { "type": "prometheus", "uid": "${datasource}" },
            "gridPos": { "h": 8, "w": width, "x": self.x, "y": self.y },
            "targets": targets,
            "fieldConfig": { "defaults": defaults, "overrides": [] },
        });
        self.x += width;
        panel
    }
}

fn target(expr: &str, legend: &str) -> Value {
    json!({ "refId": "A", "expr": expr, "legendFormat": legend, "datasource": { "type": "prometheus", "uid": "${datasource}" } })
}

fn steps(steps: &[(&str, Option<f64>)]) -> Value {
    json!({ "mode": "absolute", "steps": steps.iter().map(|(color, value)| json!({ "color": color, "value": value })).collect::<Vec<_>>() })
}

fn metric_title(metric: Metric) -> &'static str {
    match metric {
        Metric::Cpu => "CPU",
        Metric::Ram => "RAM",
        Metric::Disk => "Disk",
        Metric::ApiResponseTime => "API response time (p99)",
        Metric::ServerErrorRate => "5xx rate",
        Metric::FailedLogins => "Failed logins per minute",
        Metric::SuspiciousRequests => "Suspicious requests",
        Metric::SystemErrors => "System errors",
    }
}

fn metric_unit(metric: Metric) -> &'static str {
    match metric {
        Metric::Cpu | Metric::Ram | Metric::Disk | Metric::ServerErrorRate => "percent",
        Metric::SuspiciousRequests | Metric::SystemErrors => "percent",
        Metric::ApiResponseTime => "ms",
        Metric::FailedLogins => "short",
    }
}

fn kpi_unit(kpi: ProductKpi) -> &'static str {
    match kpi {
        ProductKpi::MeanSessionTime => "m",
        ProductKpi::Retention30Day => "percent",
        ProductKpi::DailyActiveUsers | ProductKpi::MeditationSessionsPerDay | ProductKpi::NetPromoterScore => "short",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_carry_the_plans_bands_and_targets() {
        let d = grafana_dashboard(&Rules::plan());
        let panels = d.json()["panels"].as_array().unwrap();
        let find = |title: &str| panels.iter().find(|p| p["title"] == title).unwrap();
        assert_eq!(
            find("CPU")["fieldConfig"]["defaults"]["thresholds"]["steps"],
            json!([{ "color": "green", "value": null }, { "color": "orange", "value": 70.0 }, { "color": "red", "value": 85.0 }])
        );
        assert_eq!(
            find("30-day retention")["fieldConfig"]["defaults"]["thresholds"]["steps"][1],
            json!({ "color": "green", "value": 70.0 })
        );
        assert_eq!(panels.iter().filter(|p| p["type"] == "row").count(), 3);
        // Every panel fits the 24-column grid, and ids are unique.
        let mut ids: Vec<u64> = panels.iter().map(|p| p["id"].as_u64().unwrap()).collect();
        assert!(
            panels
                .iter()
                .all(|p| p["gridPos"]["x"].as_u64().unwrap() + p["gridPos"]["w"].as_u64().unwrap() <= 24)
        );
        ids.dedup();
        assert_eq!(ids.len(), panels.len());
        assert_eq!(d.queries().len(), 3 + 6 + 5);
    }

    #[test]
    fn a_changed_threshold_moves_the_band() {
        let mut spec: crate::RulesSpec = Rules::plan().into();
        let mut thresholds = serde_json::to_value(&spec.alerting.thresholds).unwrap();
        thresholds["cpu"]["boundaries"][0]["value"] = json!(60);
        spec.alerting.thresholds = serde_json::from_value(thresholds).unwrap();
        let d = grafana_dashboard(&Rules::try_from(spec).unwrap());
        let cpu = d.json()["panels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["title"] == "CPU")
            .unwrap()
            .clone();
        assert_eq!(
            cpu["fieldConfig"]["defaults"]["thresholds"]["steps"][1]["value"],
            json!(60.0)
        );
    }
}
