//! Quality grades of the plan's performance indicators: excellent, good, acceptable, critical.
//!
//! "Indicateurs de performance clés", read with [the band rule](super::BandScale):
//!
//! | metric | excellent | good | acceptable | critical |
//! |---|---|---|---|---|
//! | load time (s) | < 1 | 1–2 | (2)–3 | > 3 |
//! | mobile score | > 90 | 80–90 | 70–(80) | < 70 |
//! | SEO score | > 95 | 85–95 | 75–(85) | < 75 |
//! | accessibility (%) | 100 | 95–< 100 | 90–(95) | < 90 |
//! | security rating | A+ | A | B | below B |
//!
//! A bracketed end belongs to the better neighbour (2 s is good, 80 is good, 95 % is good). The plan's
//! accessibility row leaves 99–100 % unwritten: anything from 95 % up to but excluding 100 % is good.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::bands::scales_from_spec;
use super::{AlertingError, BandScale, BandScaleSpec, Boundary, ConfigError, Owner, Polarity};

/// A quality grade, best first. Ordered: `Excellent < Good < Acceptable < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum QualityGrade {
    /// "Excellent".
    Excellent,
    /// "Bon".
    Good,
    /// "Acceptable".
    Acceptable,
    /// "Critique".
    Critical,
}

/// A graded performance indicator.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum QualityMetric {
    /// Page load time, seconds.
    LoadTime,
    /// Lighthouse mobile score, 0–100.
    MobileScore,
    /// Lighthouse SEO score, 0–100.
    SeoScore,
    /// Accessibility score, %.
    Accessibility,
}

/// A security rating as scanners print it (SSL Labs style letter grades).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SecurityRating {
    /// A+.
    #[serde(rename = "A+")]
    APlus,
    /// A.
    A,
    /// B.
    B,
    /// C.
    C,
    /// D.
    D,
    /// E.
    E,
    /// F.
    F,
}

impl SecurityRating {
    /// The plan's grade: A+ excellent, A good, B acceptable, anything below B critical.
    ///
    /// ```
    /// use cesizen_core::alerting::{QualityGrade, SecurityRating};
    /// assert_eq!(SecurityRating::C.grade(), QualityGrade::Critical);
    /// ```
    pub fn grade(self) -> QualityGrade {
        match self {
            SecurityRating::APlus => QualityGrade::Excellent,
            SecurityRating::A => QualityGrade::Good,
            SecurityRating::B => QualityGrade::Acceptable,
            SecurityRating::C | SecurityRating::D | SecurityRating::E | SecurityRating::F => QualityGrade::Critical,
        }
    }
}

impl QualityMetric {
    /// Every graded metric.
    pub const ALL: [QualityMetric; 4] = [
        QualityMetric::LoadTime,
        QualityMetric::MobileScore,
        QualityMetric::SeoScore,
        QualityMetric::Accessibility,
    ];

    /// The stable name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            QualityMetric::LoadTime => "load_time",
            QualityMetric::MobileScore => "mobile_score",
            QualityMetric::SeoScore => "seo_score",
            QualityMetric::Accessibility => "accessibility",
        }
    }

    fn plan_scale(self) -> (Polarity, [Boundary; 3]) {
        use Owner::{Better, Worse};
        match self {
            QualityMetric::LoadTime => (
                Polarity::HigherIsWorse,
                [
                    Boundary::new(1.0, Worse),
                    Boundary::new(2.0, Better),
                    Boundary::new(3.0, Better),
                ],
            ),
            QualityMetric::MobileScore => (
                Polarity::LowerIsWorse,
                [
                    Boundary::new(90.0, Worse),
                    Boundary::new(80.0, Better),
                    Boundary::new(70.0, Better),
                ],
            ),
            QualityMetric::SeoScore => (
                Polarity::LowerIsWorse,
                [
                    Boundary::new(95.0, Worse),
                    Boundary::new(85.0, Better),
                    Boundary::new(75.0, Better),
                ],
            ),
            QualityMetric::Accessibility => (
                Polarity::LowerIsWorse,
                [
                    Boundary::new(100.0, Better),
                    Boundary::new(95.0, Better),
                    Boundary::new(90.0, Better),
                ],
            ),
        }
    }
}

/// The JSON form of [`QualityScales`]: one three-boundary scale per metric.
pub type QualityScalesSpec = BTreeMap<QualityMetric, BandScaleSpec>;

/// Grading scales for every [`QualityMetric`].
///
/// ```
/// use cesizen_core::alerting::{QualityGrade, QualityMetric, QualityScales};
/// let q = QualityScales::plan();
/// assert_eq!(q.grade(QualityMetric::LoadTime, 2.0).unwrap(), QualityGrade::Good);
/// assert_eq!(q.grade(QualityMetric::Accessibility, 100.0).unwrap(), QualityGrade::Excellent);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "QualityScalesSpec", into = "QualityScalesSpec")]
pub struct QualityScales {
    scales: BTreeMap<QualityMetric, BandScale>,
}

impl QualityScales {
    /// The plan's grading.
    pub fn plan() -> Self {
        let scales = QualityMetric::ALL
            .into_iter()
            .map(|m| {
                let (polarity, bounds) = m.plan_scale();
                (
                    m,
                    BandScale::new(polarity, bounds.to_vec()).expect("the plan's scales are ordered"),
                )
            })
            .collect();
        QualityScales { scales }
    }

    /// The grade of `value` for `metric`.
    ///
    /// # Errors
    /// [`AlertingError::NotFinite`] for NaN or infinite values.
    pub fn grade(&self, metric: QualityMetric, value: f64) -> Result<QualityGrade, AlertingError> {
        const GRADES: [QualityGrade; 4] = [
            QualityGrade::Excellent,
            QualityGrade::Good,
            QualityGrade::Acceptable,
            QualityGrade::Critical,
        ];
        let scale = self.scales.get(&metric).expect("every quality metric has a scale");
        Ok(GRADES[scale.band(value)?.min(3)])
    }
}

impl TryFrom<QualityScalesSpec> for QualityScales {
    type Error = ConfigError;

    fn try_from(spec: QualityScalesSpec) -> Result<Self, Self::Error> {
        Ok(QualityScales {
            scales: scales_from_spec(&spec, &QualityMetric::ALL, QualityMetric::as_str, 3)?,
        })
    }
}

impl From<QualityScales> for QualityScalesSpec {
    fn from(q: QualityScales) -> Self {
        q.scales.into_iter().map(|(m, s)| (m, s.into())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use QualityGrade::*;

    fn grades(metric: QualityMetric, values: &[f64]) -> Vec<QualityGrade> {
        let q = QualityScales::plan();
        values.iter().map(|v| q.grade(metric, *v).unwrap()).collect()
    }

    #[test]
    fn load_time_row() {
        let got = grades(QualityMetric::LoadTime, &[0.5, 0.999, 1.0, 2.0, 2.001, 3.0, 3.001]);
        assert_eq!(
            got,
            [Excellent, Excellent, Good, Good, Acceptable, Acceptable, Critical]
        );
    }

    #[test]
    fn mobile_score_row() {
        let got = grades(QualityMetric::MobileScore, &[100.0, 91.0, 90.0, 80.0, 79.0, 70.0, 69.0]);
        assert_eq!(
            got,
            [Excellent, Excellent, Good, Good, Acceptable, Acceptable, Critical]
        );
    }

    #[test]
    fn seo_score_row() {
        let got = grades(QualityMetric::SeoScore, &[96.0, 95.0, 85.0, 84.0, 75.0, 74.0]);
        assert_eq!(got, [Excellent, Good, Good, Acceptable, Acceptable, Critical]);
    }

    #[test]
    fn accessibility_row() {
        let got = grades(QualityMetric::Accessibility, &[100.0, 99.5, 95.0, 94.9, 90.0, 89.9]);
        assert_eq!(got, [Excellent, Good, Good, Acceptable, Acceptable, Critical]);
    }

    #[test]
    fn security_row() {
        use SecurityRating::*;
        let got: Vec<_> = [APlus, A, B, C, F].iter().map(|r| r.grade()).collect();
        assert_eq!(got, [Excellent, Good, Acceptable, Critical, Critical]);
        assert_eq!(serde_json::to_string(&APlus).unwrap(), "\"A+\"");
    }

    #[test]
    fn spec_needs_three_boundaries_per_metric() {
        let mut spec: QualityScalesSpec = QualityScales::plan().into();
        spec.get_mut(&QualityMetric::SeoScore).unwrap().boundaries.pop();
        let e = QualityScales::try_from(spec).unwrap_err();
        assert_eq!(
            (e.field(), e.code()),
            ("seo_score.boundaries", "config.bands.wrong_count")
        );
    }
}
