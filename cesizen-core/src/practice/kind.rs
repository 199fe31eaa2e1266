//! The kinds of practice the app offers.

/// A kind of practice. Serialized as `"meditation"`, `"breathing_exercise"` or `"zen_garden"`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum PracticeKind {
    /// A guided or silent meditation.
    Meditation,
    /// A paced breathing exercise (see [`crate::practice::BreathingPattern`]).
    BreathingExercise,
    /// The interactive zen garden: raking sand, placing stones.
    ZenGarden,
}

impl PracticeKind {
    /// Every kind.
    pub const ALL: [PracticeKind; 3] = [
        PracticeKind::Meditation,
        PracticeKind::BreathingExercise,
        PracticeKind::ZenGarden,
    ];

    /// The stable name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            PracticeKind::Meditation => "meditation",
            PracticeKind::BreathingExercise => "breathing_exercise",
            PracticeKind::ZenGarden => "zen_garden",
        }
    }
}

impl core::fmt::Display for PracticeKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_snake_case_names() {
        for kind in PracticeKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{kind}\""));
            assert_eq!(serde_json::from_str::<PracticeKind>(&json).unwrap(), kind);
        }
        assert!(serde_json::from_str::<PracticeKind>("\"yoga\"").is_err());
    }
}
