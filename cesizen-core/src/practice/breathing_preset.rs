//! The usual breathing exercises, ready to use.
//!
//! The notation "a-b-c-d" reads inhale *a* s, hold *b* s, exhale *c* s, hold *d* s; a missing last number is a
//! hold of zero.
//!
//! | preset | JSON name | pattern | cycle | default cycles | default length |
//! |---|---|---|---|---|---|
//! | cardiac coherence 5-5 | `cardiac_coherence_5_5` | 5-0-5-0 | 10 s (6 breaths/min) | 30 | 5 min |
//! | cardiac coherence 4-6 | `cardiac_coherence_4_6` | 4-0-6-0 | 10 s (6 breaths/min) | 30 | 5 min |
//! | 7-4-8 | `breathing_7_4_8` | 7-4-8-0 | 19 s | 4 | 1 min 16 s |
//! | 4-7-8 | `breathing_4_7_8` | 4-7-8-0 | 19 s | 4 | 1 min 16 s |
//! | box breathing | `box_4_4_4_4` | 4-4-4-4 | 16 s | 15 | 4 min |
//!
//! Cardiac coherence is practised at six breaths a minute for five minutes (the "365" routine: three times a
//! day, six breaths a minute, five minutes); the 4-6 variant lengthens the exhalation, which calms further.
//! The 4-7-8 and 7-4-8 breaths are short routines of four cycles, the usual advice for beginners; box breathing
//! runs about four minutes. Users can change the number of cycles; the pattern is what the preset names.
//!
//! ```
//! use cesizen_core::practice::BreathingPreset;
//!
//! let exercise = BreathingPreset::CardiacCoherence55.default_exercise();
//! assert_eq!(exercise.total_ms(), 300_000);
//! assert_eq!(BreathingPreset::FourSevenEight.pattern().cycle_ms(), 19_000);
//! ```

use super::{BreathingExercise, BreathingPattern, PracticeError};

/// A preset described ([`BreathingPreset::info`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreathingPresetInfo {
    /// The pattern.
    pub pattern: BreathingPattern,
    /// One breath, in milliseconds.
    pub cycle_ms: u32,
    /// The preset's usual number of breaths.
    pub default_cycles: u32,
    /// The usual exercise, in milliseconds.
    pub total_ms: u32,
}

/// A named breathing exercise. Serialized as the JSON names of the module's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum BreathingPreset {
    /// Cardiac coherence: inhale 5 s, exhale 5 s.
    #[serde(rename = "cardiac_coherence_5_5")]
    CardiacCoherence55,
    /// Cardiac coherence with a longer exhalation: inhale 4 s, exhale 6 s.
    #[serde(rename = "cardiac_coherence_4_6")]
    CardiacCoherence46,
    /// Inhale 7 s, hold 4 s, exhale 8 s.
    #[serde(rename = "breathing_7_4_8")]
    SevenFourEight,
    /// Inhale 4 s, hold 7 s, exhale 8 s.
    #[serde(rename = "breathing_4_7_8")]
    FourSevenEight,
    /// Box breathing: inhale, hold, exhale, hold, 4 s each.
    #[serde(rename = "box_4_4_4_4")]
    Box,
}

impl BreathingPreset {
    /// Every preset.
    pub const ALL: [BreathingPreset; 5] = [
        BreathingPreset::CardiacCoherence55,
        BreathingPreset::CardiacCoherence46,
        BreathingPreset::SevenFourEight,
        BreathingPreset::FourSevenEight,
        BreathingPreset::Box,
    ];

    /// The stable name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            BreathingPreset::CardiacCoherence55 => "cardiac_coherence_5_5",
            BreathingPreset::CardiacCoherence46 => "cardiac_coherence_4_6",
            BreathingPreset::SevenFourEight => "breathing_7_4_8",
            BreathingPreset::FourSevenEight => "breathing_4_7_8",
            BreathingPreset::Box => "box_4_4_4_4",
        }
    }

    /// The phase durations in seconds: inhale, hold, exhale, hold.
    fn seconds(self) -> [u32; 4] {
        match self {
            BreathingPreset::CardiacCoherence55 => [5, 0, 5, 0],
            BreathingPreset::CardiacCoherence46 => [4, 0, 6, 0],
            BreathingPreset::SevenFourEight => [7, 4, 8, 0],
            BreathingPreset::FourSevenEight => [4, 7, 8, 0],
            BreathingPreset::Box => [4, 4, 4, 4],
        }
    }

    /// The preset's pattern.
    pub fn pattern(self) -> BreathingPattern {
        let [inhale, hold_in, exhale, hold_out] = self.seconds();
        BreathingPattern::from_seconds(inhale, hold_in, exhale, hold_out)
            .expect("preset phases are between 1 and 8 seconds, within the bounds")
    }

    /// The usual number of cycles.
    pub fn default_cycles(self) -> u32 {
        match self {
            BreathingPreset::CardiacCoherence55 | BreathingPreset::CardiacCoherence46 => 30,
            BreathingPreset::SevenFourEight | BreathingPreset::FourSevenEight => 4,
            BreathingPreset::Box => 15,
        }
    }

    /// The preset with its usual number of cycles.
    pub fn default_exercise(self) -> BreathingExercise {
        BreathingExercise::new(self.pattern(), self.default_cycles())
            .expect("default exercises last at most 5 minutes, within the 4-hour bound")
    }

    /// The preset described: its pattern, the pattern's cycle, and its usual number of cycles and exercise
    /// length ([`BreathingPreset::pattern`], [`BreathingPreset::default_cycles`],
    /// [`BreathingPreset::default_exercise`]).
    pub fn info(self) -> BreathingPresetInfo {
        let pattern = self.pattern();
        BreathingPresetInfo {
            pattern,
            cycle_ms: pattern.cycle_ms(),
            default_cycles: self.default_cycles(),
            total_ms: self.default_exercise().total_ms(),
        }
    }

    /// The preset with `cycles` cycles.
    ///
    /// # Errors
    /// `validation.breathing_exercise.no_cycles` or `validation.breathing_exercise.too_long`.
    pub fn exercise(self, cycles: u32) -> Result<BreathingExercise, PracticeError> {
        BreathingExercise::new(self.pattern(), cycles)
    }
}

impl core::fmt::Display for BreathingPreset {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::BreathingPhase;

    #[test]
    fn a_preset_s_info_gathers_its_pattern_cycle_and_default_exercise() {
        for preset in BreathingPreset::ALL {
            let info = preset.info();
            assert_eq!(info.pattern, preset.pattern());
            assert_eq!(info.cycle_ms, preset.pattern().cycle_ms());
            assert_eq!(info.default_cycles, preset.default_cycles());
            assert_eq!(info.total_ms, info.cycle_ms * info.default_cycles);
        }
        assert_eq!(
            serde_json::to_value(BreathingPreset::Box.info()).unwrap(),
            serde_json::json!({"pattern": {"inhaleMs": 4000, "holdAfterInhaleMs": 4000, "exhaleMs": 4000,
                "holdAfterExhaleMs": 4000}, "cycleMs": 16000, "defaultCycles": 15, "totalMs": 240000})
        );
    }

    #[test]
    fn presets_have_the_documented_patterns_and_lengths() {
        let expected = [
            (
                BreathingPreset::CardiacCoherence55,
                [5_000, 0, 5_000, 0],
                10_000,
                300_000,
            ),
            (
                BreathingPreset::CardiacCoherence46,
                [4_000, 0, 6_000, 0],
                10_000,
                300_000,
            ),
            (
                BreathingPreset::SevenFourEight,
                [7_000, 4_000, 8_000, 0],
                19_000,
                76_000,
            ),
            (
                BreathingPreset::FourSevenEight,
                [4_000, 7_000, 8_000, 0],
                19_000,
                76_000,
            ),
            (BreathingPreset::Box, [4_000, 4_000, 4_000, 4_000], 16_000, 240_000),
        ];
        for (preset, phases, cycle, total) in expected {
            let pattern = preset.pattern();
            let actual = [
                BreathingPhase::Inhale,
                BreathingPhase::HoldAfterInhale,
                BreathingPhase::Exhale,
                BreathingPhase::HoldAfterExhale,
            ]
            .map(|phase| pattern.phase_ms(phase));
            assert_eq!(actual, phases, "{preset}");
            assert_eq!(pattern.cycle_ms(), cycle, "{preset}");
            assert_eq!(preset.default_exercise().total_ms(), total, "{preset}");
        }
    }

    #[test]
    fn coherence_presets_breathe_six_times_a_minute() {
        for preset in [BreathingPreset::CardiacCoherence55, BreathingPreset::CardiacCoherence46] {
            assert_eq!(preset.pattern().breaths_per_minute(), 6.0);
        }
    }

    #[test]
    fn custom_cycles_are_checked() {
        assert_eq!(BreathingPreset::Box.exercise(10).unwrap().total_ms(), 160_000);
        assert_eq!(BreathingPreset::Box.exercise(0), Err(PracticeError::NoCycles));
    }

    #[test]
    fn serializes_as_stable_names() {
        for preset in BreathingPreset::ALL {
            let json = serde_json::to_string(&preset).unwrap();
            assert_eq!(json, format!("\"{}\"", preset.as_str()));
            assert_eq!(serde_json::from_str::<BreathingPreset>(&json).unwrap(), preset);
        }
    }
}
