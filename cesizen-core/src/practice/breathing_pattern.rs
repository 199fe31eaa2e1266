//! Breathing patterns: one breath cycle as four timed phases.
//!
//! A cycle is *inhale → hold → exhale → hold*. Each phase lasts 0 to 60 seconds; the inhalation and the
//! exhalation last at least one second (a breath with no inhalation is not a breath), while either hold may be
//! zero, as in cardiac coherence. Durations are whole milliseconds, exact in every language (`inhaleMs`,
//! `holdAfterInhaleMs`, `exhaleMs`, `holdAfterExhaleMs` in JSON).
//!
//! ```
//! use cesizen_core::practice::{BreathingPattern, BreathingPhase};
//!
//! let pattern = BreathingPattern::from_seconds(4, 7, 8, 0)?;
//! assert_eq!(pattern.cycle_ms(), 19_000);
//! let phases: Vec<_> = pattern.phases().collect();
//! assert_eq!(phases, [(BreathingPhase::Inhale, 4_000), (BreathingPhase::HoldAfterInhale, 7_000), (BreathingPhase::Exhale, 8_000)]);
//! assert_eq!(
//!     BreathingPattern::from_seconds(4, 61, 8, 0).unwrap_err().code(),
//!     "validation.breathing_pattern.phase_too_long"
//! );
//! # Ok::<(), cesizen_core::practice::PracticeError>(())
//! ```

use super::PracticeError;

/// The longest phase, in milliseconds.
pub const MAX_PHASE_MS: u32 = 60_000;
/// The shortest inhalation or exhalation, in milliseconds.
pub const MIN_BREATH_MS: u32 = 1_000;

/// One phase of a breath cycle. Serialized in snake case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum BreathingPhase {
    /// Breathing in.
    Inhale,
    /// Holding the breath with full lungs.
    HoldAfterInhale,
    /// Breathing out.
    Exhale,
    /// Holding the breath with empty lungs.
    HoldAfterExhale,
}

/// A valid breath cycle. Serialized in camelCase (`{ inhaleMs, holdAfterInhaleMs, exhaleMs, holdAfterExhaleMs }`);
/// deserialization checks the bounds.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", try_from = "BreathingPatternFields")]
pub struct BreathingPattern {
    inhale_ms: u32,
    hold_after_inhale_ms: u32,
    exhale_ms: u32,
    hold_after_exhale_ms: u32,
}

/// The unchecked JSON form of a [`BreathingPattern`].
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct BreathingPatternFields {
    inhale_ms: u32,
    hold_after_inhale_ms: u32,
    exhale_ms: u32,
    hold_after_exhale_ms: u32,
}

impl BreathingPattern {
    /// A pattern from its four phase durations in milliseconds.
    ///
    /// # Errors
    /// `validation.breathing_pattern.phase_too_long` when a phase exceeds 60 s, then
    /// `validation.breathing_pattern.inhale_too_short` or `validation.breathing_pattern.exhale_too_short` when
    /// the inhalation or the exhalation is under 1 s.
    pub fn new(
        inhale_ms: u32,
        hold_after_inhale_ms: u32,
        exhale_ms: u32,
        hold_after_exhale_ms: u32,
    ) -> Result<Self, PracticeError> {
        if [inhale_ms, hold_after_inhale_ms, exhale_ms, hold_after_exhale_ms]
            .iter()
            .any(|&ms| ms > MAX_PHASE_MS)
        {
            return Err(PracticeError::PhaseTooLong);
        }
        if inhale_ms < MIN_BREATH_MS {
            return Err(PracticeError::InhaleTooShort);
        }
        if exhale_ms < MIN_BREATH_MS {
            return Err(PracticeError::ExhaleTooShort);
        }
        Ok(BreathingPattern {
            inhale_ms,
            hold_after_inhale_ms,
            exhale_ms,
            hold_after_exhale_ms,
        })
    }

    /// A pattern from whole seconds, the usual notation: `from_seconds(4, 7, 8, 0)` is "4-7-8".
    ///
    /// # Errors
    /// As [`BreathingPattern::new`].
    pub fn from_seconds(
        inhale: u32,
        hold_after_inhale: u32,
        exhale: u32,
        hold_after_exhale: u32,
    ) -> Result<Self, PracticeError> {
        let ms = |s: u32| s.saturating_mul(1000);
        Self::new(ms(inhale), ms(hold_after_inhale), ms(exhale), ms(hold_after_exhale))
    }

    /// The duration of `phase`, in milliseconds.
    pub fn phase_ms(&self, phase: BreathingPhase) -> u32 {
        match phase {
            BreathingPhase::Inhale => self.inhale_ms,
            BreathingPhase::HoldAfterInhale => self.hold_after_inhale_ms,
            BreathingPhase::Exhale => self.exhale_ms,
            BreathingPhase::HoldAfterExhale => self.hold_after_exhale_ms,
        }
    }

    /// The phases of one cycle in order, with their durations in milliseconds, holds of zero left out.
    pub fn phases(&self) -> impl Iterator<Item = (BreathingPhase, u32)> + '_ {
        [
            BreathingPhase::Inhale,
            BreathingPhase::HoldAfterInhale,
            BreathingPhase::Exhale,
            BreathingPhase::HoldAfterExhale,
        ]
        .into_iter()
        .map(|phase| (phase, self.phase_ms(phase)))
        .filter(|&(_, ms)| ms > 0)
    }

    /// The duration of one cycle, in milliseconds (2 s to 240 s).
    pub fn cycle_ms(&self) -> u32 {
        self.inhale_ms + self.hold_after_inhale_ms + self.exhale_ms + self.hold_after_exhale_ms
    }

    /// Breaths per minute: 6.0 for cardiac coherence.
    pub fn breaths_per_minute(&self) -> f64 {
        60_000.0 / f64::from(self.cycle_ms())
    }
}

impl TryFrom<BreathingPatternFields> for BreathingPattern {
    type Error = PracticeError;

    fn try_from(f: BreathingPatternFields) -> Result<Self, Self::Error> {
        BreathingPattern::new(f.inhale_ms, f.hold_after_inhale_ms, f.exhale_ms, f.hold_after_exhale_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bounds_are_inclusive() {
        assert!(BreathingPattern::new(MIN_BREATH_MS, 0, MIN_BREATH_MS, 0).is_ok());
        assert!(BreathingPattern::new(MAX_PHASE_MS, MAX_PHASE_MS, MAX_PHASE_MS, MAX_PHASE_MS).is_ok());
        assert_eq!(
            BreathingPattern::new(999, 0, 1000, 0),
            Err(PracticeError::InhaleTooShort)
        );
        assert_eq!(
            BreathingPattern::new(1000, 0, 999, 0),
            Err(PracticeError::ExhaleTooShort)
        );
        assert_eq!(
            BreathingPattern::new(1000, 60_001, 1000, 0),
            Err(PracticeError::PhaseTooLong)
        );
        assert_eq!(
            BreathingPattern::new(1000, 0, 1000, 60_001),
            Err(PracticeError::PhaseTooLong)
        );
        assert_eq!(
            BreathingPattern::from_seconds(u32::MAX, 0, 1, 0),
            Err(PracticeError::PhaseTooLong)
        );
    }

    #[test]
    fn codes_are_stable() {
        assert_eq!(
            PracticeError::PhaseTooLong.code(),
            "validation.breathing_pattern.phase_too_long"
        );
        assert_eq!(
            PracticeError::InhaleTooShort.code(),
            "validation.breathing_pattern.inhale_too_short"
        );
        assert_eq!(
            PracticeError::ExhaleTooShort.code(),
            "validation.breathing_pattern.exhale_too_short"
        );
    }

    #[test]
    fn coherence_is_six_breaths_a_minute() {
        let pattern = BreathingPattern::from_seconds(5, 0, 5, 0).unwrap();
        assert_eq!(pattern.breaths_per_minute(), 6.0);
        assert_eq!(pattern.phases().count(), 2);
    }

    #[test]
    fn json_is_camel_case_milliseconds_and_checked_on_read() {
        let pattern = BreathingPattern::from_seconds(4, 4, 4, 4).unwrap();
        let json = serde_json::to_value(pattern).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"inhaleMs": 4000, "holdAfterInhaleMs": 4000, "exhaleMs": 4000, "holdAfterExhaleMs": 4000})
        );
        assert_eq!(serde_json::from_value::<BreathingPattern>(json).unwrap(), pattern);
        let bad = serde_json::json!({"inhaleMs": 0, "holdAfterInhaleMs": 0, "exhaleMs": 4000, "holdAfterExhaleMs": 0});
        assert!(serde_json::from_value::<BreathingPattern>(bad).is_err());
        assert_eq!(
            serde_json::to_string(&BreathingPhase::HoldAfterExhale).unwrap(),
            "\"hold_after_exhale\""
        );
    }

    proptest! {
        #[test]
        fn accepted_exactly_within_bounds(a in 0u32..70_000, b in 0u32..70_000, c in 0u32..70_000, d in 0u32..70_000) {
            let valid = [a, b, c, d].iter().all(|&ms| ms <= MAX_PHASE_MS) && a >= MIN_BREATH_MS && c >= MIN_BREATH_MS;
            match BreathingPattern::new(a, b, c, d) {
                Ok(pattern) => {
                    prop_assert!(valid);
                    prop_assert_eq!(pattern.cycle_ms(), a + b + c + d);
                    prop_assert_eq!(pattern.phases().map(|(_, ms)| ms).sum::<u32>(), pattern.cycle_ms());
                    let json = serde_json::to_string(&pattern).unwrap();
                    prop_assert_eq!(serde_json::from_str::<BreathingPattern>(&json).unwrap(), pattern);
                }
                Err(_) => prop_assert!(!valid),
            }
        }
    }
}
