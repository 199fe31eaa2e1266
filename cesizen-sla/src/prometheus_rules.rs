//! Every Prometheus rule the rules file implies, in one file: the SLO rules ([`slo_prometheus_rules`]) and the
//! threshold and security rules ([`threshold_prometheus_rules`]).

use crate::{
    MonthRange, PrometheusRuleFile, Rules, SlaError, SloRuleWarning, WithoutSource, slo_prometheus_rules,
    threshold_prometheus_rules,
};

/// The generated rule file, its warnings and what it leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrometheusRules {
    /// The groups of the SLO rules, then `cesizen-thresholds` and `cesizen-security`.
    pub file: PrometheusRuleFile,
    /// Warnings about burn-rate rules.
    pub warnings: Vec<SloRuleWarning>,
    /// The plan's metrics and security rules without a Prometheus source.
    pub without_source: Vec<WithoutSource>,
}

/// Every rule of `rules`, with month budgets over `months`.
///
/// ```
/// use cesizen_sla::{MonthRange, Rules, prometheus_rules};
/// let out = prometheus_rules(&Rules::plan(), MonthRange::new(cesizen_core::CalendarMonth::new(2026, 1).unwrap(), 24).unwrap()).unwrap();
/// let names: Vec<&str> = out.file.groups.iter().map(|g| g.name.as_str()).collect();
/// assert_eq!(names.len(), 7);
/// assert_eq!(names[5..], ["cesizen-thresholds", "cesizen-security"]);
/// ```
///
/// # Errors
/// As [`slo_prometheus_rules`].
pub fn prometheus_rules(rules: &Rules, months: MonthRange) -> Result<PrometheusRules, SlaError> {
    let slo = slo_prometheus_rules(rules, months)?;
    let thresholds = threshold_prometheus_rules(rules);
    let mut groups = slo.file.groups;
    groups.extend(thresholds.file.groups);
    Ok(PrometheusRules {
        file: PrometheusRuleFile { groups },
        warnings: slo.warnings,
        without_source: thresholds.without_source,
    })
}
