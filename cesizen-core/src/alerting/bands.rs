//! Ordered bands of a measured value, with explicit boundary semantics.
//!
//! A scale cuts the number line into bands, best first, at boundaries. The plan writes bands as
//! "< 70 / 70–85 / > 85": which band owns exactly 70 and exactly 85 is a rule, not an accident of `<` versus
//! `<=`. Here every boundary says which of its two neighbours owns it ([`Owner`]). The SDK reads the plan
//! this way, for every table:
//!
//! - a bound the plan writes with `<` or `>` is excluded from the band it bounds ("< 70" does not own 70);
//! - a range written "a–b" includes both ends, except that a value shared by two written ranges
//!   ("80–90" and "70–80") belongs to the better band.
//!
//! So CPU "< 70 / 70–85 / > 85" gives: 69.99 normal, **70 warning**, **85 warning**, 85.01 critical.
//! The [`Polarity`] says which way is worse: for CPU higher is worse, for a Lighthouse score lower is worse.

use serde::{Deserialize, Serialize};

use super::{AlertingError, ConfigError, ConfigProblem};

/// Which direction of a value is worse.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "BandPolarity", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// Larger values are worse (CPU, response time, error rate).
    HigherIsWorse,
    /// Smaller values are worse (scores, accessibility).
    LowerIsWorse,
}

/// Which of its two neighbouring bands owns the value exactly on a boundary.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "BoundaryOwner", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    /// The better band (the one before the boundary).
    Better,
    /// The worse band (the one after the boundary).
    Worse,
}

/// One boundary between two adjacent bands.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Boundary {
    /// Where the boundary lies.
    pub value: f64,
    /// Which band owns exactly `value`.
    #[cfg_attr(feature = "wasm", tsify(type = "BoundaryOwner"))]
    pub owner: Owner,
}

impl Boundary {
    /// A boundary at `value` owned by `owner`.
    pub const fn new(value: f64, owner: Owner) -> Self {
        Boundary { value, owner }
    }
}

/// The JSON form of a [`BandScale`].
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BandScaleSpec {
    /// Which way is worse.
    #[cfg_attr(feature = "wasm", tsify(type = "BandPolarity"))]
    pub polarity: Polarity,
    /// The boundaries, from the best band towards the worst.
    pub boundaries: Vec<Boundary>,
}

/// A validated scale: finite boundaries, strictly ordered from the best band to the worst, so bands never
/// overlap and every finite value falls in exactly one band.
///
/// ```
/// use cesizen_core::alerting::{BandScale, Boundary, Owner, Polarity};
/// // CPU: < 70 normal, 70–85 warning, > 85 critical.
/// let cpu = BandScale::new(Polarity::HigherIsWorse, vec![
///     Boundary::new(70.0, Owner::Worse),
///     Boundary::new(85.0, Owner::Better),
/// ]).unwrap();
/// assert_eq!(cpu.band(69.9).unwrap(), 0);
/// assert_eq!(cpu.band(70.0).unwrap(), 1);
/// assert_eq!(cpu.band(85.0).unwrap(), 1);
/// assert_eq!(cpu.band(85.1).unwrap(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "BandScaleSpec", into = "BandScaleSpec")]
pub struct BandScale {
    polarity: Polarity,
    boundaries: Vec<Boundary>,
}

impl BandScale {
    /// Validates a scale.
    ///
    /// # Errors
    /// [`ConfigProblem::Empty`] without boundaries, [`ConfigProblem::NotFinite`] for NaN or infinite values,
    /// [`ConfigProblem::BandsOverlap`] when boundaries are not strictly ordered from best to worst.
    pub fn new(polarity: Polarity, boundaries: Vec<Boundary>) -> Result<Self, ConfigError> {
        if boundaries.is_empty() {
            return Err(ConfigError::new("boundaries", ConfigProblem::Empty));
        }
        for (i, b) in boundaries.iter().enumerate() {
            if !b.value.is_finite() {
                return Err(ConfigError::new(
                    format!("boundaries[{i}].value"),
                    ConfigProblem::NotFinite,
                ));
            }
        }
        for (i, pair) in boundaries.windows(2).enumerate() {
            let ordered = match polarity {
                Polarity::HigherIsWorse => pair[0].value < pair[1].value,
                Polarity::LowerIsWorse => pair[0].value > pair[1].value,
            };
            if !ordered {
                return Err(ConfigError::new(
                    format!("boundaries[{}].value", i + 1),
                    ConfigProblem::BandsOverlap,
                ));
            }
        }
        Ok(BandScale { polarity, boundaries })
    }

    /// Validates a scale that must have exactly `count` boundaries.
    ///
    /// # Errors
    /// As [`BandScale::new`], plus [`ConfigProblem::WrongBoundaryCount`].
    pub fn with_count(spec: BandScaleSpec, count: usize) -> Result<Self, ConfigError> {
        if spec.boundaries.len() != count {
            return Err(ConfigError::new("boundaries", ConfigProblem::WrongBoundaryCount));
        }
        BandScale::try_from(spec)
    }

    /// The index of the band holding `value`: 0 is the best band, `boundaries().len()` the worst.
    ///
    /// # Errors
    /// [`AlertingError::NotFinite`] for NaN or infinite values.
    pub fn band(&self, value: f64) -> Result<usize, AlertingError> {
        if !value.is_finite() {
            return Err(AlertingError::NotFinite);
        }
        Ok(self.boundaries.iter().filter(|b| self.is_past(value, b)).count())
    }

    /// Whether `value` lies on the worse side of `boundary`.
    fn is_past(&self, value: f64, boundary: &Boundary) -> bool {
        let strictly_worse = match self.polarity {
            Polarity::HigherIsWorse => value > boundary.value,
            Polarity::LowerIsWorse => value < boundary.value,
        };
        strictly_worse || (value == boundary.value && boundary.owner == Owner::Worse)
    }

    /// Which way is worse.
    pub fn polarity(&self) -> Polarity {
        self.polarity
    }

    /// The boundaries, best band first.
    pub fn boundaries(&self) -> &[Boundary] {
        &self.boundaries
    }
}

/// Validates one scale of `count` boundaries per metric of `all`, naming a refused field by the metric.
pub(crate) fn scales_from_spec<M: Ord + Copy>(
    spec: &std::collections::BTreeMap<M, BandScaleSpec>,
    all: &[M],
    name: fn(M) -> &'static str,
    count: usize,
) -> Result<std::collections::BTreeMap<M, BandScale>, ConfigError> {
    all.iter()
        .map(|&metric| {
            let scale = spec
                .get(&metric)
                .ok_or_else(|| ConfigError::new(name(metric), ConfigProblem::Missing))?;
            let scale = BandScale::with_count(scale.clone(), count).map_err(|e| e.within(name(metric)))?;
            Ok((metric, scale))
        })
        .collect()
}

impl TryFrom<BandScaleSpec> for BandScale {
    type Error = ConfigError;

    fn try_from(spec: BandScaleSpec) -> Result<Self, Self::Error> {
        BandScale::new(spec.polarity, spec.boundaries)
    }
}

impl From<BandScale> for BandScaleSpec {
    fn from(scale: BandScale) -> Self {
        BandScaleSpec {
            polarity: scale.polarity,
            boundaries: scale.boundaries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn scale(polarity: Polarity, bounds: &[(f64, Owner)]) -> Result<BandScale, ConfigError> {
        BandScale::new(polarity, bounds.iter().map(|&(v, o)| Boundary::new(v, o)).collect())
    }

    #[test]
    fn lower_is_worse_mirrors_the_rule() {
        // Mobile score: > 90 excellent, 80–90 good, 70–80 acceptable, < 70 critical.
        let s = scale(
            Polarity::LowerIsWorse,
            &[(90.0, Owner::Worse), (80.0, Owner::Better), (70.0, Owner::Better)],
        )
        .unwrap();
        let got: Vec<usize> = [95.0, 90.0, 80.0, 79.9, 70.0, 69.9]
            .iter()
            .map(|v| s.band(*v).unwrap())
            .collect();
        assert_eq!(got, [0, 1, 1, 2, 2, 3]);
    }

    #[test]
    fn overlapping_or_invalid_boundaries_are_refused_with_the_field() {
        let e = scale(Polarity::HigherIsWorse, &[(85.0, Owner::Worse), (70.0, Owner::Better)]).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("config.bands.overlapping", "boundaries[1].value")
        );
        let e = scale(Polarity::HigherIsWorse, &[(70.0, Owner::Worse), (70.0, Owner::Better)]).unwrap_err();
        assert_eq!(e.code(), "config.bands.overlapping");
        let e = scale(Polarity::LowerIsWorse, &[(f64::NAN, Owner::Worse)]).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("config.value.not_finite", "boundaries[0].value")
        );
        assert_eq!(
            scale(Polarity::LowerIsWorse, &[]).unwrap_err().code(),
            "config.value.empty"
        );
        let s = scale(Polarity::HigherIsWorse, &[(1.0, Owner::Worse)]).unwrap();
        assert_eq!(s.band(f64::INFINITY).unwrap_err().code(), "alerting.value.not_finite");
        let spec = BandScaleSpec {
            polarity: Polarity::HigherIsWorse,
            boundaries: vec![Boundary::new(1.0, Owner::Worse)],
        };
        assert_eq!(
            BandScale::with_count(spec, 2).unwrap_err().code(),
            "config.bands.wrong_count"
        );
    }

    proptest! {
        #[test]
        fn bands_are_monotonic_in_the_value(
            // Hundredths, as thresholds are written; JSON keeps them exact.
            mut cuts in proptest::collection::vec((-100_000_000i64..100_000_000).prop_map(|c| c as f64 / 100.0), 1..5),
            owners in proptest::collection::vec(any::<bool>(), 5),
            a in -2e6f64..2e6,
            b in -2e6f64..2e6,
        ) {
            cuts.sort_by(f64::total_cmp);
            cuts.dedup();
            let bounds: Vec<Boundary> = cuts.iter().zip(&owners)
                .map(|(v, w)| Boundary::new(*v, if *w { Owner::Worse } else { Owner::Better })).collect();
            let s = BandScale::new(Polarity::HigherIsWorse, bounds.clone()).unwrap();
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(s.band(lo).unwrap() <= s.band(hi).unwrap());
            prop_assert!(s.band(hi).unwrap() <= bounds.len());
            let json = serde_json::to_string(&s).unwrap();
            prop_assert_eq!(serde_json::from_str::<BandScale>(&json).unwrap(), s);
        }
    }
}
