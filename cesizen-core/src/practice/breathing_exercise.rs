//! Breathing exercises: a pattern repeated for a number of cycles, and where in it the user is at any moment.
//!
//! The exercise's total duration is `cycles × cycle`; it has at least one cycle and lasts at most
//! [`MAX_SESSION_DURATION`], like any session. [`BreathingExercise::position_at`] tells the animation which
//! phase to show after a given elapsed time, so that every platform paces the breath identically.
//!
//! ```
//! use cesizen_core::practice::{BreathingExercise, BreathingPattern, BreathingPhase};
//!
//! let exercise = BreathingExercise::new(BreathingPattern::from_seconds(4, 7, 8, 0)?, 4)?;
//! assert_eq!(exercise.total_ms(), 76_000);
//! let position = exercise.position_at(22_500).unwrap(); // 3.5 s into the second cycle
//! assert_eq!((position.cycle, position.phase, position.remaining_ms), (1, BreathingPhase::Inhale, 500));
//! assert!(exercise.position_at(76_000).is_none());
//! # Ok::<(), cesizen_core::practice::PracticeError>(())
//! ```

use chrono::TimeDelta;

use super::{BreathingPattern, BreathingPhase, MAX_SESSION_DURATION, PracticeError};

/// A breathing pattern and how many times to repeat it. Serialized in camelCase; checked on read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", try_from = "BreathingExerciseFields")]
pub struct BreathingExercise {
    pattern: BreathingPattern,
    cycles: u32,
}

/// The unchecked JSON form of a [`BreathingExercise`].
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct BreathingExerciseFields {
    pattern: BreathingPattern,
    cycles: u32,
}

/// Where an exercise is at a moment: which cycle, which phase, how far into the phase.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct BreathingPosition {
    /// The cycle, counted from 0.
    pub cycle: u32,
    /// The current phase.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub phase: BreathingPhase,
    /// Milliseconds spent in the phase so far.
    pub elapsed_ms: u32,
    /// Milliseconds left in the phase.
    pub remaining_ms: u32,
}

impl BreathingExercise {
    /// `pattern` repeated `cycles` times.
    ///
    /// # Errors
    /// `validation.breathing_exercise.no_cycles` for zero cycles, `validation.breathing_exercise.too_long`
    /// beyond 4 hours.
    pub fn new(pattern: BreathingPattern, cycles: u32) -> Result<Self, PracticeError> {
        if cycles == 0 {
            return Err(PracticeError::NoCycles);
        }
        let total_ms = u64::from(pattern.cycle_ms()) * u64::from(cycles);
        if total_ms > max_session_ms() {
            return Err(PracticeError::ExerciseTooLong);
        }
        Ok(BreathingExercise { pattern, cycles })
    }

    /// The repeated pattern.
    pub fn pattern(&self) -> BreathingPattern {
        self.pattern
    }

    /// How many cycles.
    pub fn cycles(&self) -> u32 {
        self.cycles
    }

    /// The total duration, in milliseconds (at most 4 hours, so it fits in a `u32`).
    pub fn total_ms(&self) -> u32 {
        self.pattern.cycle_ms().saturating_mul(self.cycles)
    }

    /// The total duration.
    pub fn total_duration(&self) -> TimeDelta {
        TimeDelta::milliseconds(i64::from(self.total_ms()))
    }

    /// Where the exercise is `elapsed_ms` after its start; `None` once it is over.
    pub fn position_at(&self, elapsed_ms: u32) -> Option<BreathingPosition> {
        if elapsed_ms >= self.total_ms() {
            return None;
        }
        let cycle_ms = self.pattern.cycle_ms();
        let cycle = elapsed_ms / cycle_ms;
        let mut offset = elapsed_ms % cycle_ms;
        for (phase, length) in self.pattern.phases() {
            if offset < length {
                return Some(BreathingPosition {
                    cycle,
                    phase,
                    elapsed_ms: offset,
                    remaining_ms: length - offset,
                });
            }
            offset -= length;
        }
        None
    }
}

fn max_session_ms() -> u64 {
    u64::try_from(MAX_SESSION_DURATION.num_milliseconds()).unwrap_or(0)
}

impl TryFrom<BreathingExerciseFields> for BreathingExercise {
    type Error = PracticeError;

    fn try_from(fields: BreathingExerciseFields) -> Result<Self, Self::Error> {
        BreathingExercise::new(fields.pattern, fields.cycles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn box_breathing() -> BreathingPattern {
        BreathingPattern::from_seconds(4, 4, 4, 4).unwrap()
    }

    #[test]
    fn cycles_and_length_are_bounded() {
        assert_eq!(BreathingExercise::new(box_breathing(), 0), Err(PracticeError::NoCycles));
        // 16 s × 900 = 4 h exactly.
        assert_eq!(
            BreathingExercise::new(box_breathing(), 900).unwrap().total_duration(),
            MAX_SESSION_DURATION
        );
        let too_long = BreathingExercise::new(box_breathing(), 901).unwrap_err();
        assert_eq!(too_long.code(), "validation.breathing_exercise.too_long");
        assert_eq!(
            PracticeError::NoCycles.code(),
            "validation.breathing_exercise.no_cycles"
        );
        assert!(BreathingExercise::new(box_breathing(), u32::MAX).is_err());
    }

    #[test]
    fn positions_walk_through_the_phases() {
        let exercise = BreathingExercise::new(box_breathing(), 2).unwrap();
        let at = |ms| {
            exercise
                .position_at(ms)
                .map(|p| (p.cycle, p.phase, p.elapsed_ms, p.remaining_ms))
        };
        assert_eq!(at(0), Some((0, BreathingPhase::Inhale, 0, 4000)));
        assert_eq!(at(3999), Some((0, BreathingPhase::Inhale, 3999, 1)));
        assert_eq!(at(4000), Some((0, BreathingPhase::HoldAfterInhale, 0, 4000)));
        assert_eq!(at(12_500), Some((0, BreathingPhase::HoldAfterExhale, 500, 3500)));
        assert_eq!(at(16_000), Some((1, BreathingPhase::Inhale, 0, 4000)));
        assert_eq!(at(31_999), Some((1, BreathingPhase::HoldAfterExhale, 3999, 1)));
        assert_eq!(at(32_000), None);
    }

    #[test]
    fn json_round_trip_checked_on_read() {
        let exercise = BreathingExercise::new(box_breathing(), 3).unwrap();
        let json = serde_json::to_value(exercise).unwrap();
        assert_eq!(json["cycles"], 3);
        assert_eq!(json["pattern"]["inhaleMs"], 4000);
        assert_eq!(
            serde_json::from_value::<BreathingExercise>(json.clone()).unwrap(),
            exercise
        );
        let mut zero = json;
        zero["cycles"] = 0.into();
        assert!(serde_json::from_value::<BreathingExercise>(zero).is_err());
    }

    proptest! {
        #[test]
        fn every_moment_before_the_end_has_a_position(
            inhale in 1_000u32..=60_000, hold_in in 0u32..=60_000, exhale in 1_000u32..=60_000,
            hold_out in 0u32..=60_000, cycles in 1u32..50, fraction in 0.0f64..1.0,
        ) {
            let pattern = BreathingPattern::new(inhale, hold_in, exhale, hold_out).unwrap();
            let exercise = BreathingExercise::new(pattern, cycles).unwrap();
            let elapsed = (f64::from(exercise.total_ms()) * fraction) as u32;
            let position = exercise.position_at(elapsed).unwrap();
            prop_assert!(position.cycle < cycles);
            prop_assert!(position.remaining_ms > 0);
            prop_assert_eq!(position.elapsed_ms + position.remaining_ms, pattern.phase_ms(position.phase));
            prop_assert!(exercise.position_at(exercise.total_ms()).is_none());
        }
    }
}
