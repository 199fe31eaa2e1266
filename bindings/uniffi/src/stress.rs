//! The Holmes–Rahe life-events scale — each function one call into `cesizen_core::stress`.
//!
//! Life events cross as their stable codes (`"death_of_spouse"`, …): 43 of them, listed with their points and
//! labels by [`holmes_rahe_events`], so that an app builds its questionnaire from the SDK.

use cesizen_core::stress::{HolmesRaheAssessment, LifeEvent, LifeEventAnswer, StressBand};

use crate::{CesizenError, boundary::guard};

/// One event of the scale.
/// Binding shape: the SDK's `LifeEventInfo` with the event as its stable code, read back with the SDK's typed errors.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LifeEventInfo {
    /// The stable code.
    pub code: String,
    /// Its points (life-change units).
    pub points: u32,
    /// English label.
    pub label_en: String,
    /// French label.
    pub label_fr: String,
    /// How many times it may be counted in one assessment.
    pub max_occurrences: u8,
}

/// One answer: an event (its code) and how many times it happened (1 unless said).
/// Binding shape: the answer as entered (the event's code, any count), checked by the SDK with its own codes.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LifeEventAnswerInput {
    /// The event's stable code.
    pub event: String,
    /// How many times it happened in the past year.
    #[uniffi(default = 1)]
    pub occurrences: i64,
}

impl From<cesizen_core::stress::LifeEventInfo> for LifeEventInfo {
    fn from(info: cesizen_core::stress::LifeEventInfo) -> Self {
        LifeEventInfo {
            code: info.code.code().to_owned(),
            points: info.points,
            label_en: info.label_en,
            label_fr: info.label_fr,
            max_occurrences: info.max_occurrences,
        }
    }
}

/// The 43 events of the scale, in the scale's order.
#[uniffi::export]
pub fn holmes_rahe_events() -> Result<Vec<LifeEventInfo>, CesizenError> {
    guard(|| {
        Ok(LifeEvent::ALL
            .iter()
            .map(|event| LifeEventInfo::from(event.info()))
            .collect())
    })
}

/// Scores a self-assessment.
///
/// Errors: `validation.life_event.unknown`, `validation.life_event.duplicate`,
/// `validation.life_event.occurrences_out_of_range`.
#[uniffi::export]
pub fn holmes_rahe_score(answers: Vec<LifeEventAnswerInput>) -> Result<HolmesRaheAssessment, CesizenError> {
    guard(|| {
        let answers = answers
            .into_iter()
            .map(|a| LifeEventAnswer::new(LifeEvent::from_code(&a.event)?, a.occurrences))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(HolmesRaheAssessment::score(&answers)?)
    })
}

/// The band of a score.
#[uniffi::export]
pub fn stress_band(score: u32) -> Result<StressBand, CesizenError> {
    guard(|| Ok(StressBand::from_score(score)))
}
