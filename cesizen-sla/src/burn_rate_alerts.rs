//! Multi-window, multi-burn-rate alerts (Google SRE workbook, chapter "Alerting on SLOs").
//!
//! A rule says "page when `budget` of the error budget is consumed within `long window`". Its burn-rate
//! threshold is derived, never hard-coded: `burn = budget × period / long window`. For a 30-day SLO the
//! workbook's four rules give the familiar figures: 2 % in 1 h → 14.4×, 5 % in 6 h → 6×, 10 % in 1 day →
//! 3×, 10 % in 3 days → 1×. The rule fires when both its long window and its short window (1/12 of the long
//! one, for a quick reset) show an error ratio of at least `burn × (1 − target)`. All comparisons are exact.
//!
//! A rule whose error-ratio threshold exceeds 100 % can never fire (a 14.4× page on a 90 % SLO would need
//! 144 % errors): [`BurnRatePolicy::derive`] warns about it, as it warns about a long window longer than the
//! SLO period. A minimum-traffic guard keeps a window with a handful of events from paging (one failure out
//! of three requests is 33 %), and a no-data policy says what a window without any event means.

use std::collections::BTreeSet;

use cesizen_core::alerting::{ConfigError, ConfigProblem};
use serde::{Deserialize, Serialize};

use crate::rounding::{cmp_products, div_floor};
use crate::{BurnRate, ErrorCounts, PPM_ONE, Ppm, SlaError, SloTarget};

const HOUR_MS: u64 = 3_600_000;

/// What a firing rule does.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum AlertAction {
    /// Page the on-call team.
    Page,
    /// Open a ticket.
    Ticket,
}

/// What a window without any event means.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoDataPolicy {
    /// Nothing failed: the rule is OK.
    Ok,
    /// Silence is suspicious: the rule fires.
    Alerting,
    /// Report the rule as having no data.
    NoData,
}

/// One rule of a policy.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BurnRateRule {
    /// A unique snake_case name.
    pub name: String,
    /// Page or ticket.
    pub action: AlertAction,
    /// Share of the period's error budget consumed within the long window that the rule catches, ppm.
    pub budget_consumed: Ppm,
    /// Long window, ms.
    pub long_window_ms: u64,
    /// Short window, ms (shorter than the long one).
    pub short_window_ms: u64,
}

/// The JSON form of a [`BurnRatePolicy`].
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BurnRatePolicySpec {
    /// The rules.
    pub rules: Vec<BurnRateRule>,
    /// Events needed in the long window before a rule may fire (0 when absent).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub min_events: u64,
    /// What a window without events means.
    pub no_data: NoDataPolicy,
}

/// Why a derived rule deserves attention.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RuleWarning {
    /// The error-ratio threshold is above 100 %: the rule can never fire.
    CanNeverFire,
    /// The long window is longer than the SLO period.
    WindowLongerThanPeriod,
}

/// A rule with its thresholds derived from an SLO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DerivedRule {
    /// The rule.
    pub rule: BurnRateRule,
    /// The burn-rate threshold, rounded down for display (comparisons are exact).
    pub burn_rate: BurnRate,
    /// The error-ratio threshold in ppm, rounded down for display (may exceed 1 000 000).
    pub error_ratio_ppm: u64,
    /// Warnings.
    pub warnings: Vec<RuleWarning>,
    #[serde(skip)]
    threshold: (u128, u128),
}

/// A rule's thresholds for a target and period, flat ([`BurnRatePolicy::thresholds`]): the fields of a
/// [`DerivedRule`] a dashboard or an alert editor shows.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BurnRateThreshold {
    /// The rule's name (`page_fast`, …).
    pub name: String,
    /// What it does when it fires.
    pub action: AlertAction,
    /// The burn rate that fires it, in millionths, rounded down.
    pub burn_rate_micro: u64,
    /// The same as an error ratio, in ppm, rounded down (may exceed 1 000 000).
    pub error_ratio_ppm: u64,
    /// Doubts about the rule for this target and period.
    pub warnings: Vec<RuleWarning>,
}

impl From<DerivedRule> for BurnRateThreshold {
    fn from(d: DerivedRule) -> Self {
        BurnRateThreshold {
            name: d.rule.name,
            action: d.rule.action,
            burn_rate_micro: d.burn_rate.micro(),
            error_ratio_ppm: d.error_ratio_ppm,
            warnings: d.warnings,
        }
    }
}

/// Events observed over one window ending now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WindowObservation {
    /// The window length, ms (matched exactly against the rules' windows).
    pub window_ms: u64,
    /// The counts.
    pub counts: ErrorCounts,
}

/// A rule's state.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RuleState {
    /// Both windows are at or above the threshold.
    Firing,
    /// Not firing.
    Ok,
    /// A window has no event (under [`NoDataPolicy::NoData`]).
    NoData,
    /// The long window has fewer events than the minimum.
    LowTraffic,
}

/// A rule evaluated on observations.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "BurnRateEvaluation", missing_as_null)
)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleEvaluation {
    /// The rule's name.
    pub name: String,
    /// Page or ticket.
    pub action: AlertAction,
    /// The state.
    pub state: RuleState,
    /// The long window's burn rate, when it has events.
    pub long_burn_rate: Option<BurnRate>,
    /// The short window's burn rate, when it has events.
    pub short_burn_rate: Option<BurnRate>,
}

/// A validated set of burn-rate rules.
///
/// ```
/// use cesizen_sla::{BurnRatePolicy, SloTarget};
/// let rules = BurnRatePolicy::sre_workbook().derive(SloTarget::new(999_000).unwrap(), 30 * 86_400_000);
/// let burns: Vec<String> = rules.iter().map(|r| r.burn_rate.to_string()).collect();
/// assert_eq!(burns, ["14.4×", "6×", "3×", "1×"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BurnRatePolicySpec", into = "BurnRatePolicySpec")]
pub struct BurnRatePolicy(BurnRatePolicySpec);

impl BurnRatePolicy {
    /// The workbook's rules: page on 2 % in 1 h (short 5 min) and 5 % in 6 h (30 min); ticket on 10 % in
    /// 1 day (2 h) and 10 % in 3 days (6 h). At least 100 events in the long window; no data means OK.
    pub fn sre_workbook() -> Self {
        let rule = |name: &str, action, consumed_ppm, long_h: u64, short_min: u64| BurnRateRule {
            name: name.to_owned(),
            action,
            budget_consumed: Ppm::new(consumed_ppm).expect("workbook shares are fractions"),
            long_window_ms: long_h * HOUR_MS,
            short_window_ms: short_min * 60_000,
        };
        BurnRatePolicy(BurnRatePolicySpec {
            rules: vec![
                rule("page_fast", AlertAction::Page, 20_000, 1, 5),
                rule("page_slow", AlertAction::Page, 50_000, 6, 30),
                rule("ticket_fast", AlertAction::Ticket, 100_000, 24, 120),
                rule("ticket_slow", AlertAction::Ticket, 100_000, 72, 360),
            ],
            min_events: 100,
            no_data: NoDataPolicy::Ok,
        })
    }

    /// The rules with thresholds derived from `target` over a period of `period_ms`.
    pub fn derive(&self, target: SloTarget, period_ms: u64) -> Vec<DerivedRule> {
        let one = u128::from(PPM_ONE);
        self.0
            .rules
            .iter()
            .map(|rule| {
                let consumed = u128::from(rule.budget_consumed.get());
                let long = u128::from(rule.long_window_ms);
                // burn = consumed/1e6 × period/long; error ratio = burn × budget/1e6.
                let burn_num = consumed * u128::from(period_ms);
                let ratio = (burn_num * u128::from(target.budget_ppm()), one * one * long);
                let mut warnings = Vec::new();
                if ratio.0 > ratio.1 {
                    warnings.push(RuleWarning::CanNeverFire);
                }
                if rule.long_window_ms > period_ms {
                    warnings.push(RuleWarning::WindowLongerThanPeriod);
                }
                DerivedRule {
                    rule: rule.clone(),
                    burn_rate: BurnRate::from_micro(u64::try_from(div_floor(burn_num, long)).unwrap_or(u64::MAX)),
                    error_ratio_ppm: u64::try_from(div_floor(ratio.0 * one, ratio.1)).unwrap_or(u64::MAX),
                    warnings,
                    threshold: ratio,
                }
            })
            .collect()
    }

    /// The rules' thresholds derived from `target` over a period of `period_ms` ([`BurnRatePolicy::derive`]),
    /// each as a flat [`BurnRateThreshold`].
    pub fn thresholds(&self, target: SloTarget, period_ms: u64) -> Vec<BurnRateThreshold> {
        self.derive(target, period_ms)
            .into_iter()
            .map(BurnRateThreshold::from)
            .collect()
    }

    /// Evaluates every rule on `observations` (one per window length, ending at the same instant).
    pub fn evaluate(
        &self,
        target: SloTarget,
        period_ms: u64,
        observations: &[WindowObservation],
    ) -> Vec<RuleEvaluation> {
        let find = |window_ms: u64| observations.iter().find(|o| o.window_ms == window_ms).map(|o| o.counts);
        self.derive(target, period_ms)
            .into_iter()
            .map(|d| {
                let long = find(d.rule.long_window_ms).filter(|c| c.total() > 0);
                let short = find(d.rule.short_window_ms).filter(|c| c.total() > 0);
                let reaches = |c: ErrorCounts| {
                    let (num, den) = d.threshold;
                    cmp_products(u128::from(c.bad()), den, num, u128::from(c.total())).is_ge()
                };
                let state = match (long, short) {
                    (Some(l), _) if l.total() < self.0.min_events => RuleState::LowTraffic,
                    (Some(l), Some(s)) => {
                        if reaches(l) && reaches(s) {
                            RuleState::Firing
                        } else {
                            RuleState::Ok
                        }
                    }
                    _ => match self.0.no_data {
                        NoDataPolicy::Ok => RuleState::Ok,
                        NoDataPolicy::Alerting => RuleState::Firing,
                        NoDataPolicy::NoData => RuleState::NoData,
                    },
                };
                RuleEvaluation {
                    name: d.rule.name,
                    action: d.rule.action,
                    state,
                    long_burn_rate: long.and_then(|c| BurnRate::observed(c, target)),
                    short_burn_rate: short.and_then(|c| BurnRate::observed(c, target)),
                }
            })
            .collect()
    }

    /// Events needed in the long window before a rule may fire.
    pub fn min_events(&self) -> u64 {
        self.0.min_events
    }

    /// What a window without events means.
    pub fn no_data(&self) -> NoDataPolicy {
        self.0.no_data
    }

    /// The rules.
    pub fn rules(&self) -> &[BurnRateRule] {
        &self.0.rules
    }
}

impl DerivedRule {
    /// The exact error-ratio threshold as a fraction `(numerator, denominator)`.
    pub(crate) fn threshold(&self) -> (u128, u128) {
        self.threshold
    }
}

impl TryFrom<BurnRatePolicySpec> for BurnRatePolicy {
    type Error = ConfigError;

    fn try_from(spec: BurnRatePolicySpec) -> Result<Self, Self::Error> {
        if spec.rules.is_empty() {
            return Err(ConfigError::new("rules", ConfigProblem::Empty));
        }
        let mut names = BTreeSet::new();
        for (i, rule) in spec.rules.iter().enumerate() {
            let at = format!("rules[{i}]");
            let slug = !rule.name.is_empty()
                && rule.name.len() <= 64
                && rule
                    .name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !slug {
                return Err(ConfigError::new("name", ConfigProblem::OutOfRange).within(&at));
            }
            if !names.insert(rule.name.as_str()) {
                return Err(ConfigError::new("name", ConfigProblem::Duplicate).within(&at));
            }
            if rule.budget_consumed == Ppm::ZERO {
                return Err(ConfigError::new("budgetConsumed", ConfigProblem::NotPositive).within(&at));
            }
            if rule.short_window_ms == 0 {
                return Err(ConfigError::new("shortWindowMs", ConfigProblem::NotPositive).within(&at));
            }
            if rule.short_window_ms >= rule.long_window_ms {
                return Err(ConfigError::new("shortWindowMs", ConfigProblem::NotOrdered).within(&at));
            }
            if rule.long_window_ms > 366 * 24 * HOUR_MS {
                return Err(ConfigError::new("longWindowMs", ConfigProblem::OutOfRange).within(&at));
            }
        }
        Ok(BurnRatePolicy(spec))
    }
}

impl From<BurnRatePolicy> for BurnRatePolicySpec {
    fn from(p: BurnRatePolicy) -> Self {
        p.0
    }
}

impl WindowObservation {
    /// A time-based observation: downtime over eligible time in the `window_ms` ending at `now`.
    ///
    /// # Errors
    /// [`SlaError::DateOutOfRange`] or [`SlaError::InvalidPeriod`] for an empty window.
    pub fn from_outages(
        outages: &[crate::Outage],
        maintenance: &[crate::Interval],
        now: chrono::DateTime<chrono::Utc>,
        window_ms: u64,
    ) -> Result<Self, SlaError> {
        let end = crate::interval::to_ms(now);
        let start = end
            .checked_sub(i64::try_from(window_ms).map_err(|_| SlaError::DateOutOfRange)?)
            .ok_or(SlaError::DateOutOfRange)?;
        let period = crate::Period::from_millis(start, end).map_err(|_| SlaError::InvalidPeriod)?;
        let a = crate::availability(&period, outages, maintenance);
        Ok(WindowObservation {
            window_ms,
            counts: ErrorCounts::from_availability(&a),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MONTH: u64 = 30 * 24 * HOUR_MS;

    fn target(ppm: u32) -> SloTarget {
        SloTarget::new(ppm).unwrap()
    }

    fn obs(window_ms: u64, bad: u64, total: u64) -> WindowObservation {
        WindowObservation {
            window_ms,
            counts: ErrorCounts::new(bad, total).unwrap(),
        }
    }

    #[test]
    fn workbook_thresholds_for_30_days_at_99_9() {
        let d = BurnRatePolicy::sre_workbook().derive(target(999_000), MONTH);
        let got: Vec<(u64, u64)> = d.iter().map(|r| (r.burn_rate.micro(), r.error_ratio_ppm)).collect();
        assert_eq!(
            got,
            [
                (14_400_000, 14_400),
                (6_000_000, 6_000),
                (3_000_000, 3_000),
                (1_000_000, 1_000)
            ]
        );
        assert!(d.iter().all(|r| r.warnings.is_empty()));
    }

    #[test]
    fn thresholds_follow_the_period() {
        // 28-day period: 2 % in 1 h is 13.44×.
        let d = BurnRatePolicy::sre_workbook().derive(target(999_000), 28 * 24 * HOUR_MS);
        assert_eq!(d[0].burn_rate.to_string(), "13.44×");
    }

    #[test]
    fn rules_that_can_never_fire_are_flagged() {
        let d = BurnRatePolicy::sre_workbook().derive(target(900_000), MONTH);
        assert_eq!(d[0].warnings, [RuleWarning::CanNeverFire]);
        assert_eq!(d[0].error_ratio_ppm, 1_440_000);
        assert!(d[2].warnings.is_empty());
        let short = BurnRatePolicy::sre_workbook().derive(target(999_000), 2 * 24 * HOUR_MS);
        assert_eq!(short[3].warnings, [RuleWarning::WindowLongerThanPeriod]);
    }

    #[test]
    fn fires_exactly_at_the_threshold_in_both_windows() {
        let p = BurnRatePolicy::sre_workbook();
        let t = target(999_000);
        let eval = |long_bad, short_bad| {
            p.evaluate(
                t,
                MONTH,
                &[obs(HOUR_MS, long_bad, 100_000), obs(300_000, short_bad, 10_000)],
            )[0]
            .state
        };
        assert_eq!(eval(1_440, 144), RuleState::Firing);
        assert_eq!(eval(1_439, 144), RuleState::Ok);
        assert_eq!(eval(1_440, 143), RuleState::Ok);
    }

    #[test]
    fn low_traffic_and_no_data() {
        let t = target(999_000);
        let low = BurnRatePolicy::sre_workbook().evaluate(t, MONTH, &[obs(HOUR_MS, 50, 99), obs(300_000, 5, 9)]);
        assert_eq!(low[0].state, RuleState::LowTraffic);
        let mut spec: BurnRatePolicySpec = BurnRatePolicy::sre_workbook().into();
        for (policy, expected) in [
            (NoDataPolicy::Ok, RuleState::Ok),
            (NoDataPolicy::Alerting, RuleState::Firing),
            (NoDataPolicy::NoData, RuleState::NoData),
        ] {
            spec.no_data = policy;
            let p = BurnRatePolicy::try_from(spec.clone()).unwrap();
            assert_eq!(p.evaluate(t, MONTH, &[obs(HOUR_MS, 0, 0)])[0].state, expected);
            assert_eq!(p.evaluate(t, MONTH, &[])[1].state, expected);
        }
    }

    #[test]
    fn time_based_observations_from_outages() {
        let now: chrono::DateTime<chrono::Utc> = "2025-01-01T12:00:00Z".parse().unwrap();
        let down = crate::Interval::new(now - chrono::TimeDelta::minutes(30), now).unwrap();
        let o = WindowObservation::from_outages(&[crate::Outage::full(down)], &[], now, HOUR_MS).unwrap();
        assert_eq!((o.counts.bad(), o.counts.total()), (1_800_000, 3_600_000));
        let states = BurnRatePolicy::sre_workbook().evaluate(
            target(999_000),
            MONTH,
            &[
                o,
                WindowObservation::from_outages(&[crate::Outage::full(down)], &[], now, 300_000).unwrap(),
            ],
        );
        assert_eq!(states[0].state, RuleState::Firing);
        assert_eq!(states[0].long_burn_rate.unwrap().to_string(), "500×");
    }

    #[test]
    fn invalid_rules_are_refused_naming_the_field() {
        let mut spec: BurnRatePolicySpec = BurnRatePolicy::sre_workbook().into();
        spec.rules[1].short_window_ms = spec.rules[1].long_window_ms;
        assert_eq!(
            BurnRatePolicy::try_from(spec.clone()).unwrap_err().field(),
            "rules[1].shortWindowMs"
        );
        spec.rules[1].short_window_ms = 1;
        spec.rules[2].name = "page_fast".into();
        assert_eq!(
            BurnRatePolicy::try_from(spec).unwrap_err().code(),
            "config.value.duplicate"
        );
    }

    #[test]
    fn thresholds_flatten_the_derived_rules() {
        let t = BurnRatePolicy::sre_workbook().thresholds(target(999_000), MONTH);
        let got: Vec<(&str, AlertAction, u64, u64)> = t
            .iter()
            .map(|r| (r.name.as_str(), r.action, r.burn_rate_micro, r.error_ratio_ppm))
            .collect();
        assert_eq!(
            got,
            [
                ("page_fast", AlertAction::Page, 14_400_000, 14_400),
                ("page_slow", AlertAction::Page, 6_000_000, 6_000),
                ("ticket_fast", AlertAction::Ticket, 3_000_000, 3_000),
                ("ticket_slow", AlertAction::Ticket, 1_000_000, 1_000)
            ]
        );
        let short = BurnRatePolicy::sre_workbook().thresholds(target(999_000), HOUR_MS);
        assert!(short[3].warnings.contains(&RuleWarning::WindowLongerThanPeriod));
    }

    proptest! {
        #[test]
        fn thresholds_are_the_derived_rules(ppm in 1u32..1_000_000, period_ms in 0u64..1u64 << 40) {
            let p = BurnRatePolicy::sre_workbook();
            let derived = p.derive(target(ppm), period_ms);
            let flat = p.thresholds(target(ppm), period_ms);
            prop_assert_eq!(flat.len(), derived.len());
            for (f, d) in flat.iter().zip(&derived) {
                prop_assert_eq!(&f.name, &d.rule.name);
                prop_assert_eq!(f.action, d.rule.action);
                prop_assert_eq!(f.burn_rate_micro, d.burn_rate.micro());
                prop_assert_eq!(f.error_ratio_ppm, d.error_ratio_ppm);
                prop_assert_eq!(&f.warnings, &d.warnings);
            }
        }

        #[test]
        fn firing_means_both_windows_reach_the_exact_threshold(
            ppm in 900_000u32..999_999, long_bad in 0u64..5_000, short_bad in 0u64..500,
        ) {
            let t = target(ppm);
            let p = BurnRatePolicy::sre_workbook();
            let e = p.evaluate(t, MONTH, &[obs(HOUR_MS, long_bad, 100_000), obs(300_000, short_bad, 10_000)]);
            // Threshold for page_fast: 0.02 × 720 × (1 − target) of the events.
            let reaches = |bad: u64, total: u64| u128::from(bad) * 1_000_000 * 1_000_000 >= 20_000 * 720 * u128::from(t.budget_ppm()) * u128::from(total);
            prop_assert_eq!(e[0].state == RuleState::Firing, reaches(long_bad, 100_000) && reaches(short_bad, 10_000));
        }
    }
}
