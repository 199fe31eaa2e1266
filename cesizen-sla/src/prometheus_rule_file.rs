//! The Prometheus rule-file format, typed: groups of recording and alerting rules.
//!
//! A generated file is written as JSON, which is YAML too: Prometheus, `promtool check rules` and
//! `promtool test rules` read it as they read any rule file, no YAML writer is needed, and the bytes are stable
//! (fields in declaration order, groups and rules in generation order, label maps sorted).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::rounding::div_floor;

/// A rule file: `groups:`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrometheusRuleFile {
    /// The groups, evaluated independently; rules of a group run in order, so a rule may read the ones before.
    pub groups: Vec<PrometheusRuleGroup>,
}

impl PrometheusRuleFile {
    /// The file's text (pretty JSON, valid YAML), ending with a newline.
    pub fn to_text(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// A group of rules evaluated together at one interval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrometheusRuleGroup {
    /// A unique name.
    pub name: String,
    /// The evaluation interval (`1m`); Prometheus's global one when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
    /// The rules, in evaluation order.
    pub rules: Vec<PrometheusRule>,
}

/// One recording or alerting rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrometheusRule {
    /// A recording rule's series name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// An alerting rule's alert name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<String>,
    /// The PromQL expression.
    pub expr: String,
    /// How long the expression must hold before the alert fires (`5m`).
    #[serde(rename = "for", skip_serializing_if = "Option::is_none")]
    pub for_duration: Option<String>,
    /// Labels added to the result.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// An alert's annotations.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl PrometheusRule {
    /// A recording rule.
    pub fn record(name: &str, expr: String, labels: &[(&str, &str)]) -> Self {
        PrometheusRule {
            record: Some(name.to_owned()),
            alert: None,
            expr,
            for_duration: None,
            labels: to_map(labels),
            annotations: BTreeMap::new(),
        }
    }

    /// An alerting rule.
    pub fn alert(name: &str, expr: String, for_ms: u64, labels: &[(&str, &str)], annotations: &[(&str, &str)]) -> Self {
        PrometheusRule {
            record: None,
            alert: Some(name.to_owned()),
            expr,
            for_duration: (for_ms > 0).then(|| prometheus_duration(for_ms)),
            labels: to_map(labels),
            annotations: to_map(annotations),
        }
    }
}

fn to_map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

/// A duration in Prometheus's notation, largest units first: `3d`, `1h30m`, `90s`, `250ms`.
///
/// ```
/// assert_eq!(cesizen_sla::prometheus_duration(86_400_000 + 7_200_000), "1d2h");
/// assert_eq!(cesizen_sla::prometheus_duration(0), "0s");
/// ```
pub fn prometheus_duration(ms: u64) -> String {
    const UNITS: [(u64, &str); 5] = [
        (86_400_000, "d"),
        (3_600_000, "h"),
        (60_000, "m"),
        (1_000, "s"),
        (1, "ms"),
    ];
    if ms == 0 {
        return "0s".to_owned();
    }
    let mut rest = ms;
    let mut out = String::new();
    for (unit, suffix) in UNITS {
        if rest >= unit {
            out.push_str(&format!("{}{suffix}", rest / unit));
            rest %= unit;
        }
    }
    out
}

/// `num / den` as a decimal with at most 12 digits after the point, rounded down, trailing zeros trimmed: the
/// exact thresholds of the SDK written for PromQL's floating point (an alert threshold rounded down fires no
/// later than the exact one).
pub(crate) fn decimal(num: u128, den: u128) -> String {
    const DIGITS: u32 = 12;
    let scaled = div_floor(num.saturating_mul(10u128.pow(DIGITS)), den.max(1));
    crate::ppm::decimal_string(scaled, DIGITS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn durations_and_decimals() {
        assert_eq!(prometheus_duration(300_000), "5m");
        assert_eq!(prometheus_duration(259_200_000), "3d");
        assert_eq!(prometheus_duration(5_400_500), "1h30m500ms");
        assert_eq!(decimal(144, 10_000), "0.0144");
        assert_eq!(decimal(1, 3), "0.333333333333");
        assert_eq!(decimal(6, 3), "2");
    }

    #[test]
    fn a_rule_file_is_json_with_fields_in_prometheus_order() {
        let file = PrometheusRuleFile {
            groups: vec![PrometheusRuleGroup {
                name: "g".into(),
                interval: None,
                rules: vec![PrometheusRule::alert(
                    "A",
                    "up == 0".into(),
                    60_000,
                    &[("b", "2"), ("a", "1")],
                    &[],
                )],
            }],
        };
        let text = file.to_text();
        assert!(text.contains(
            r#""alert": "A",
          "expr": "up == 0",
          "for": "1m",
          "labels": {
            "a": "1",
            "b": "2"
          }"#
        ));
        assert!(!text.contains("annotations") && !text.contains("interval"), "{text}");
    }

    proptest! {
        #[test]
        fn durations_read_back_to_the_same_milliseconds(ms in 1u64..10_000_000_000) {
            let text = prometheus_duration(ms);
            let mut total = 0u64;
            let mut number = String::new();
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                if c.is_ascii_digit() { number.push(c); continue; }
                let unit = match (c, chars.peek()) {
                    ('m', Some('s')) => { chars.next(); 1 }
                    ('d', _) => 86_400_000, ('h', _) => 3_600_000, ('m', _) => 60_000, ('s', _) => 1_000,
                    _ => unreachable!(),
                };
                total += number.parse::<u64>().unwrap() * unit;
                number.clear();
            }
            prop_assert_eq!(total, ms);
        }

        #[test]
        fn decimals_are_floored_within_one_step(num in 0u128..1_000_000_000, den in 1u128..1_000_000_000) {
            let text = decimal(num, den);
            let value: f64 = text.parse().unwrap();
            let exact = num as f64 / den as f64;
            prop_assert!(value <= exact * (1.0 + 1e-12) && exact - value <= 1e-12 + exact * 1e-12);
        }
    }
}
