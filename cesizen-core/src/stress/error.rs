//! Failures of this module, each with a stable machine code.

/// A stress self-assessment was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StressError {
    /// No life event of the Holmes–Rahe scale has this code.
    #[error("unknown life event code")]
    UnknownLifeEvent,
    /// A life event is listed twice; give it once with its number of occurrences.
    #[error("a life event is listed twice")]
    DuplicateLifeEvent,
    /// The number of occurrences is 0 or above what the event allows in twelve months.
    #[error("the number of occurrences is out of range for this event")]
    OccurrencesOutOfRange,
    /// No stress band has this code.
    #[error("unknown stress band code")]
    UnknownStressBand,
}

impl StressError {
    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            StressError::UnknownLifeEvent => "validation.life_event.unknown",
            StressError::DuplicateLifeEvent => "validation.life_event.duplicate",
            StressError::OccurrencesOutOfRange => "validation.life_event.occurrences_out_of_range",
            StressError::UnknownStressBand => "validation.stress_band.unknown",
        }
    }

    /// The kind of failure: always a refused value.
    pub fn kind(&self) -> crate::code::ErrorKind {
        crate::code::ErrorKind::Validation
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(StressError::UnknownLifeEvent.code(), "validation.life_event.unknown");
        assert_eq!(
            StressError::DuplicateLifeEvent.code(),
            "validation.life_event.duplicate"
        );
        assert_eq!(
            crate::Error::from(StressError::OccurrencesOutOfRange).code(),
            "validation.life_event.occurrences_out_of_range"
        );
    }
}
