//! Failures of the practice module, each with a stable machine code.

/// A practice session, a breathing pattern or a breathing exercise was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PracticeError {
    /// The session's end is not strictly after its start.
    #[error("the session does not end after it starts")]
    EndNotAfterStart,
    /// The session lasts longer than the longest session allowed.
    #[error("the session is too long")]
    SessionTooLong,
    /// The planned duration is outside the allowed range.
    #[error("the planned duration is out of range")]
    PlannedDurationOutOfRange,
    /// A breathing phase lasts longer than 60 seconds.
    #[error("a breathing phase is longer than 60 seconds")]
    PhaseTooLong,
    /// The inhalation is shorter than one second.
    #[error("the inhalation is shorter than one second")]
    InhaleTooShort,
    /// The exhalation is shorter than one second.
    #[error("the exhalation is shorter than one second")]
    ExhaleTooShort,
    /// A breathing exercise has no cycle.
    #[error("a breathing exercise needs at least one cycle")]
    NoCycles,
    /// A breathing exercise lasts longer than the longest session allowed.
    #[error("the breathing exercise is too long")]
    ExerciseTooLong,
}

impl PracticeError {
    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            PracticeError::EndNotAfterStart => "validation.practice_session.end_not_after_start",
            PracticeError::SessionTooLong => "validation.practice_session.too_long",
            PracticeError::PlannedDurationOutOfRange => "validation.practice_session.planned_duration_out_of_range",
            PracticeError::PhaseTooLong => "validation.breathing_pattern.phase_too_long",
            PracticeError::InhaleTooShort => "validation.breathing_pattern.inhale_too_short",
            PracticeError::ExhaleTooShort => "validation.breathing_pattern.exhale_too_short",
            PracticeError::NoCycles => "validation.breathing_exercise.no_cycles",
            PracticeError::ExerciseTooLong => "validation.breathing_exercise.too_long",
        }
    }

    /// The kind of failure: always a refused value.
    pub fn kind(&self) -> crate::code::ErrorKind {
        crate::code::ErrorKind::Validation
    }
}
