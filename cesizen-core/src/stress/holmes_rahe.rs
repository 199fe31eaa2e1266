//! Scoring the Holmes–Rahe scale: life change units and the classic bands.

use serde::{Deserialize, Serialize};

use crate::stable_code::stable_code_enum;
use crate::stress::{LifeEvent, StressError};

/// One answer: an event of the last twelve months and how many times it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "LifeEventAnswerInput")]
pub struct LifeEventAnswer {
    event: LifeEvent,
    occurrences: u8,
}

impl LifeEventAnswer {
    /// An event that happened once.
    pub const fn once(event: LifeEvent) -> Self {
        LifeEventAnswer { event, occurrences: 1 }
    }

    /// An event that happened `occurrences` times.
    ///
    /// # Errors
    /// `validation.life_event.occurrences_out_of_range` below 1 or above [`LifeEvent::max_occurrences`].
    pub fn new(event: LifeEvent, occurrences: i64) -> Result<Self, StressError> {
        match u8::try_from(occurrences) {
            Ok(n) if (1..=event.max_occurrences()).contains(&n) => Ok(LifeEventAnswer { event, occurrences: n }),
            _ => Err(StressError::OccurrencesOutOfRange),
        }
    }

    /// The event.
    pub const fn event(&self) -> LifeEvent {
        self.event
    }

    /// How many times it happened.
    pub const fn occurrences(&self) -> u8 {
        self.occurrences
    }

    /// The answer's life change units: points × occurrences.
    pub const fn points(&self) -> u32 {
        self.event.points() * self.occurrences as u32
    }
}

/// An answer as JSON carries it: `{"event": "<code>", "occurrences": n}`, `occurrences` defaulting to 1.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "LifeEventAnswerDto", missing_as_null)
)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LifeEventAnswerInput {
    /// The event's code.
    pub event: String,
    /// How many times; 1 when absent.
    #[serde(default = "one")]
    pub occurrences: i64,
}

fn one() -> i64 {
    1
}

impl TryFrom<LifeEventAnswerInput> for LifeEventAnswer {
    type Error = StressError;

    fn try_from(input: LifeEventAnswerInput) -> Result<Self, Self::Error> {
        LifeEventAnswer::new(LifeEvent::from_code(&input.event)?, input.occurrences)
    }
}

stable_code_enum! {
    /// The classic reading of a Holmes–Rahe score: below 150 low, 150 to 299 moderate, 300 and above high.
    ///
    /// These are the cut-offs of the scale's popular self-assessment form, usually quoted with the risk of a
    /// stress-related health breakdown in the next two years (about 30 %, 50 % and 80 %). They describe
    /// populations, not a person: the app presents them as an invitation to take care, never as a diagnosis.
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    pub enum StressBand, unknown: StressError = StressError::UnknownStressBand;
    labels {
        /// Score below 150.
        Low = "low", "Low", "Faible";
        /// Score from 150 to 299.
        Moderate = "moderate", "Moderate", "Modéré";
        /// Score of 300 or more.
        High = "high", "High", "Élevé";
    }
}

impl StressBand {
    /// The lowest score of the moderate band.
    pub const MODERATE_FROM: u32 = 150;
    /// The lowest score of the high band.
    pub const HIGH_FROM: u32 = 300;

    /// The band of a score.
    pub const fn from_score(score: u32) -> Self {
        if score >= Self::HIGH_FROM {
            StressBand::High
        } else if score >= Self::MODERATE_FROM {
            StressBand::Moderate
        } else {
            StressBand::Low
        }
    }
}

/// A scored Holmes–Rahe self-assessment.
///
/// ```
/// use cesizen_core::stress::{HolmesRaheAssessment, LifeEvent, LifeEventAnswer, StressBand};
///
/// let answers = [
///     LifeEventAnswer::once(LifeEvent::ChangeInResidence),
///     LifeEventAnswer::once(LifeEvent::ChangeToDifferentLineOfWork),
///     LifeEventAnswer::new(LifeEvent::Vacation, 2)?,
///     LifeEventAnswer::once(LifeEvent::Christmas),
/// ];
/// let assessment = HolmesRaheAssessment::score(&answers)?;
/// assert_eq!(assessment.score, 20 + 36 + 2 * 13 + 12);
/// assert_eq!(assessment.band, StressBand::Low);
/// # Ok::<(), cesizen_core::stress::StressError>(())
/// ```
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "StressAssessment", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct HolmesRaheAssessment {
    /// The total of life change units.
    pub score: u32,
    /// The band of the score.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub band: StressBand,
}

impl HolmesRaheAssessment {
    /// Scores answers: the sum of points × occurrences.
    ///
    /// # Errors
    /// `validation.life_event.duplicate` when an event is answered twice (give its occurrences instead).
    pub fn score(answers: &[LifeEventAnswer]) -> Result<Self, StressError> {
        let mut seen = [false; LifeEvent::COUNT];
        let mut score = 0u32;
        for answer in answers {
            let slot = &mut seen[answer.event.index()];
            if *slot {
                return Err(StressError::DuplicateLifeEvent);
            }
            *slot = true;
            // At most 43 events × 100 points × 12 occurrences: far below u32::MAX.
            score += answer.points();
        }
        Ok(HolmesRaheAssessment {
            score,
            band: StressBand::from_score(score),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn band_boundaries() {
        assert_eq!(StressBand::from_score(0), StressBand::Low);
        assert_eq!(StressBand::from_score(149), StressBand::Low);
        assert_eq!(StressBand::from_score(150), StressBand::Moderate);
        assert_eq!(StressBand::from_score(299), StressBand::Moderate);
        assert_eq!(StressBand::from_score(300), StressBand::High);
        assert_eq!(StressBand::from_score(u32::MAX), StressBand::High);
    }

    #[test]
    fn boundaries_reached_by_real_answers() {
        use LifeEvent::*;
        let score = |answers: &[LifeEventAnswer]| HolmesRaheAssessment::score(answers).unwrap();
        let a149 = [
            LifeEventAnswer::once(DeathOfSpouse),
            LifeEventAnswer::once(ChangeToDifferentLineOfWork),
            LifeEventAnswer::once(Vacation),
        ];
        assert_eq!(
            score(&a149),
            HolmesRaheAssessment {
                score: 149,
                band: StressBand::Low
            }
        );
        let a150 = [LifeEventAnswer::once(DeathOfSpouse), LifeEventAnswer::once(Marriage)];
        assert_eq!(
            score(&a150),
            HolmesRaheAssessment {
                score: 150,
                band: StressBand::Moderate
            }
        );
        let a299 = [
            LifeEventAnswer::once(DeathOfSpouse),
            LifeEventAnswer::once(Divorce),
            LifeEventAnswer::once(MaritalSeparation),
            LifeEventAnswer::once(Marriage),
            LifeEventAnswer::once(MinorViolationOfLaw),
        ];
        assert_eq!(
            score(&a299),
            HolmesRaheAssessment {
                score: 299,
                band: StressBand::Moderate
            }
        );
        let a300 = [LifeEventAnswer::new(DeathOfSpouse, 3).unwrap()];
        assert_eq!(
            score(&a300),
            HolmesRaheAssessment {
                score: 300,
                band: StressBand::High
            }
        );
        assert_eq!(
            score(&[]),
            HolmesRaheAssessment {
                score: 0,
                band: StressBand::Low
            }
        );
    }

    #[test]
    fn occurrences_and_duplicates() {
        assert_eq!(
            LifeEventAnswer::new(LifeEvent::Christmas, 2),
            Err(StressError::OccurrencesOutOfRange)
        );
        assert_eq!(
            LifeEventAnswer::new(LifeEvent::Vacation, 0),
            Err(StressError::OccurrencesOutOfRange)
        );
        assert_eq!(
            LifeEventAnswer::new(LifeEvent::Vacation, 13),
            Err(StressError::OccurrencesOutOfRange)
        );
        assert_eq!(
            LifeEventAnswer::new(LifeEvent::Vacation, 268),
            Err(StressError::OccurrencesOutOfRange)
        );
        assert_eq!(
            LifeEventAnswer::new(LifeEvent::Vacation, 12).map(|a| a.points()),
            Ok(156)
        );
        let twice = [
            LifeEventAnswer::once(LifeEvent::Vacation),
            LifeEventAnswer::once(LifeEvent::Vacation),
        ];
        assert_eq!(
            HolmesRaheAssessment::score(&twice),
            Err(StressError::DuplicateLifeEvent)
        );
    }

    #[test]
    fn json() {
        let a: LifeEventAnswer = serde_json::from_str(r#"{"event":"vacation"}"#).unwrap();
        assert_eq!(a, LifeEventAnswer::once(LifeEvent::Vacation));
        assert!(serde_json::from_str::<LifeEventAnswer>(r#"{"event":"christmas","occurrences":2}"#).is_err());
        assert!(serde_json::from_str::<LifeEventAnswer>(r#"{"event":"lottery"}"#).is_err());
        let assessment = HolmesRaheAssessment::score(&[a]).unwrap();
        assert_eq!(
            serde_json::to_string(&assessment).unwrap(),
            r#"{"score":13,"band":"low"}"#
        );
    }

    proptest! {
        #[test]
        fn score_is_the_sum_and_the_band_follows(picks in proptest::collection::btree_map(0..LifeEvent::COUNT, 1i64..=12, 0..43)) {
            let answers: Vec<_> = picks
                .iter()
                .filter_map(|(i, n)| LifeEventAnswer::new(LifeEvent::ALL[*i], *n).ok())
                .collect();
            let a = HolmesRaheAssessment::score(&answers).unwrap();
            let expected: u32 = answers.iter().map(|x| x.event().points() * u32::from(x.occurrences())).sum();
            prop_assert_eq!(a.score, expected);
            prop_assert_eq!(a.band, StressBand::from_score(expected));
            // Adding an event never lowers the band.
            if let Some(missing) = LifeEvent::ALL.iter().find(|e| answers.iter().all(|x| x.event() != **e)) {
                let mut more = answers.clone();
                more.push(LifeEventAnswer::once(*missing));
                prop_assert!(HolmesRaheAssessment::score(&more).unwrap().band >= a.band);
            }
        }

        #[test]
        fn any_input_is_refused_or_accepted_without_panic(code in "[a-z_]{0,40}", n in any::<i64>()) {
            let input = LifeEventAnswerInput { event: code, occurrences: n };
            let _ = LifeEventAnswer::try_from(input);
        }
    }
}
