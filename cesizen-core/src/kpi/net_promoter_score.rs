//! Net Promoter Score from 0–10 answers.

use serde::{Deserialize, Serialize};

use crate::kpi::{KpiError, KpiReading, KpiStatus, ProductKpi};

/// An answer to “How likely are you to recommend Cesizen to a friend?”: a whole number from 0 to 10.
///
/// 9–10 is a promoter, 7–8 a passive, 0–6 a detractor. JSON form: the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct NpsAnswer(u8);

impl NpsAnswer {
    /// An answer from 0 to 10.
    ///
    /// # Errors
    /// `validation.nps_answer.out_of_range` for any other number.
    pub fn new(value: i64) -> Result<Self, KpiError> {
        match u8::try_from(value) {
            Ok(v) if v <= 10 => Ok(NpsAnswer(v)),
            _ => Err(KpiError::NpsAnswerOutOfRange),
        }
    }

    /// The answer, 0 to 10.
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for NpsAnswer {
    type Error = KpiError;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        NpsAnswer::new(value)
    }
}

impl From<NpsAnswer> for u8 {
    fn from(answer: NpsAnswer) -> Self {
        answer.0
    }
}

/// The Net Promoter Score of a set of answers: % promoters − % detractors, from −100 to 100.
///
/// A computed snapshot. `score` is exact up to floating point; `roundedScore` is the whole number dashboards
/// show (half away from zero, computed in integers); the status compares exactly: 100 × (promoters −
/// detractors) ≥ 75 × responses.
///
/// ```
/// use cesizen_core::kpi::{KpiStatus, NetPromoterScore};
///
/// let nps = NetPromoterScore::from_scores([10, 9, 9, 8, 6])?;
/// assert_eq!((nps.promoters, nps.passives, nps.detractors), (3, 1, 1));
/// assert_eq!(nps.score, Some(40.0));
/// assert_eq!(nps.reading().status, KpiStatus::Below);
/// assert_eq!(NetPromoterScore::from_scores([11]).unwrap_err().code(), "validation.nps_answer.out_of_range");
/// # Ok::<(), cesizen_core::kpi::KpiError>(())
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetPromoterScore {
    /// Answers of 9 or 10.
    pub promoters: u32,
    /// Answers of 7 or 8.
    pub passives: u32,
    /// Answers of 0 to 6.
    pub detractors: u32,
    /// All answers.
    pub responses: u32,
    /// The score, `None` without answers.
    pub score: Option<f64>,
    /// The score rounded half away from zero, `None` without answers.
    pub rounded_score: Option<i32>,
}

/// A survey's Net Promoter Score and its reading against the plan's target ([`NetPromoterScore::report`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetPromoterScoreReport {
    /// The figures.
    #[serde(flatten)]
    pub nps: NetPromoterScore,
    /// The score against its target.
    pub reading: KpiReading,
}

impl NetPromoterScore {
    /// The score of validated answers.
    pub fn from_answers(answers: impl IntoIterator<Item = NpsAnswer>) -> Self {
        let (mut promoters, mut passives, mut detractors) = (0u32, 0u32, 0u32);
        for answer in answers {
            let bucket = match answer.get() {
                9..=10 => &mut promoters,
                7..=8 => &mut passives,
                _ => &mut detractors,
            };
            *bucket = bucket.saturating_add(1);
        }
        let responses = promoters.saturating_add(passives).saturating_add(detractors);
        let difference = i64::from(promoters) - i64::from(detractors);
        let n = i64::from(responses);
        let (score, rounded_score) = if n == 0 {
            (None, None)
        } else {
            // Half away from zero: (2|100 d| + n) div (2n), with the sign of d.
            let magnitude = (200 * difference.abs() + n) / (2 * n);
            let rounded = i32::try_from(difference.signum() * magnitude).ok();
            (Some(100.0 * difference as f64 / n as f64), rounded)
        };
        NetPromoterScore {
            promoters,
            passives,
            detractors,
            responses,
            score,
            rounded_score,
        }
    }

    /// The score of raw answers.
    ///
    /// # Errors
    /// `validation.nps_answer.out_of_range` for the first answer outside 0–10.
    pub fn from_scores(scores: impl IntoIterator<Item = i64>) -> Result<Self, KpiError> {
        let answers = scores.into_iter().map(NpsAnswer::new).collect::<Result<Vec<_>, _>>()?;
        Ok(NetPromoterScore::from_answers(answers))
    }

    /// The score against the plan's 75, compared exactly.
    pub fn reading(&self) -> KpiReading {
        let status = if self.responses == 0 {
            KpiStatus::NoData
        } else {
            let lhs = 100 * (i64::from(self.promoters) - i64::from(self.detractors));
            KpiStatus::from_met(lhs >= i64::from(ProductKpi::NetPromoterScore.target()) * i64::from(self.responses))
        };
        KpiReading::new(ProductKpi::NetPromoterScore, self.score, status)
    }

    /// The survey's figures with their [`NetPromoterScore::reading`], as a dashboard shows them.
    pub fn report(&self) -> NetPromoterScoreReport {
        NetPromoterScoreReport {
            nps: *self,
            reading: self.reading(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_the_figures_and_the_reading_in_one_object() {
        let nps = NetPromoterScore::from_scores([10, 9, 8, 3]).unwrap();
        let report = nps.report();
        assert_eq!((report.nps, report.reading), (nps, nps.reading()));
        let mut expected = serde_json::to_value(nps).unwrap();
        expected["reading"] = serde_json::to_value(nps.reading()).unwrap();
        assert_eq!(serde_json::to_value(report).unwrap(), expected);
    }
    use proptest::prelude::*;

    #[test]
    fn buckets_and_range() {
        assert_eq!(NpsAnswer::new(-1), Err(KpiError::NpsAnswerOutOfRange));
        assert_eq!(NpsAnswer::new(11), Err(KpiError::NpsAnswerOutOfRange));
        assert_eq!(
            NpsAnswer::new(266),
            Err(KpiError::NpsAnswerOutOfRange),
            "no wrap-around"
        );
        let nps = NetPromoterScore::from_scores([0, 6, 7, 8, 9, 10]).unwrap();
        assert_eq!(
            (nps.detractors, nps.passives, nps.promoters, nps.responses),
            (2, 2, 2, 6)
        );
        assert_eq!((nps.score, nps.rounded_score), (Some(0.0), Some(0)));
        assert_eq!(
            NetPromoterScore::from_scores([]).unwrap().reading().status,
            KpiStatus::NoData
        );
        assert!(serde_json::from_str::<NpsAnswer>("11").is_err());
        assert_eq!(serde_json::from_str::<NpsAnswer>("10").unwrap().get(), 10);
    }

    #[test]
    fn target_is_compared_exactly() {
        // 3 promoters out of 4 answers with no detractor: exactly 75.
        let at_target = NetPromoterScore::from_scores([10, 10, 9, 8]).unwrap();
        assert_eq!(at_target.score, Some(75.0));
        assert_eq!(at_target.reading().status, KpiStatus::Met);
        let below = NetPromoterScore::from_scores([10, 10, 9, 8, 8, 8, 9, 10]).unwrap();
        assert_eq!(below.reading().status, KpiStatus::Below);
        // The plan's current 72: below.
        let mut answers = vec![10; 72];
        answers.extend([8; 28]);
        assert_eq!(
            NetPromoterScore::from_scores(answers).unwrap().reading().status,
            KpiStatus::Below
        );
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        // 1 promoter, 7 passives: 12.5 → 13; 1 detractor, 7 passives: −12.5 → −13.
        let mut up = vec![10];
        up.extend([7; 7]);
        assert_eq!(NetPromoterScore::from_scores(up).unwrap().rounded_score, Some(13));
        let mut down = vec![0];
        down.extend([7; 7]);
        assert_eq!(NetPromoterScore::from_scores(down).unwrap().rounded_score, Some(-13));
        // 2 of 3 promoters: 66.67 → 67.
        assert_eq!(
            NetPromoterScore::from_scores([9, 9, 7]).unwrap().rounded_score,
            Some(67)
        );
    }

    proptest! {
        #[test]
        fn properties(scores in proptest::collection::vec(-3i64..14, 0..200)) {
            match NetPromoterScore::from_scores(scores.clone()) {
                Ok(nps) => {
                    prop_assert!(scores.iter().all(|s| (0..=10).contains(s)));
                    prop_assert_eq!(nps.responses as usize, scores.len());
                    prop_assert_eq!(nps.promoters + nps.passives + nps.detractors, nps.responses);
                    if let (Some(score), Some(rounded)) = (nps.score, nps.rounded_score) {
                        prop_assert!((-100.0..=100.0).contains(&score));
                        prop_assert!((f64::from(rounded) - score).abs() <= 0.5 + 1e-9);
                        let status = nps.reading().status;
                        if score > 75.0 + 1e-9 { prop_assert_eq!(status, KpiStatus::Met); }
                        if score < 75.0 - 1e-9 { prop_assert_eq!(status, KpiStatus::Below); }
                    }
                }
                Err(e) => {
                    prop_assert_eq!(e, KpiError::NpsAnswerOutOfRange);
                    prop_assert!(scores.iter().any(|s| !(0..=10).contains(s)));
                }
            }
        }
    }
}
