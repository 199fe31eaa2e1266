//! Failures of this module, each with a stable machine code.

use crate::id::IdError;

/// A journal entry, an emotion, a HealthKit value or a report request was refused.
///
/// Messages never contain the refused value: a note is sensitive, and codes are what interfaces translate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EmotionError {
    /// No base emotion has this code.
    #[error("unknown base emotion code")]
    UnknownEmotion,
    /// No nuance has this code.
    #[error("unknown nuance code")]
    UnknownNuance,
    /// The nuance belongs to another base emotion.
    #[error("the nuance does not belong to the base emotion")]
    NuanceMismatch,
    /// No entry kind has this code.
    #[error("unknown journal entry kind")]
    UnknownEntryKind,
    /// The intensity is not a whole number from 1 to 10.
    #[error("the intensity must be from 1 to 10")]
    IntensityOutOfRange,
    /// The valence is NaN or infinite.
    #[error("the valence must be a finite number")]
    ValenceNotFinite,
    /// The valence is outside [-1, 1].
    #[error("the valence must be from -1 to 1")]
    ValenceOutOfRange,
    /// No context tag has this code.
    #[error("unknown context tag")]
    UnknownContextTag,
    /// A context tag is listed twice.
    #[error("a context tag is listed twice")]
    DuplicateContextTag,
    /// The note is empty (an entry without a note has no note, not an empty one).
    #[error("the note is empty")]
    NoteEmpty,
    /// The note is longer than 2,000 characters.
    #[error("the note is longer than 2000 characters")]
    NoteTooLong,
    /// The note contains a control character other than a line feed or a tab.
    #[error("the note contains a control character")]
    NoteControlCharacter,
    /// The text is not an IANA time zone name known to the tz database.
    #[error(transparent)]
    UnknownTimeZone(#[from] crate::tz::UnknownTimeZone),
    /// The text is not an RFC 3339 timestamp.
    #[error("the timestamp is not RFC 3339")]
    InvalidTimestamp,
    /// An identifier was refused.
    #[error(transparent)]
    Id(#[from] IdError),
    /// No HealthKit State of Mind label has this code.
    #[error("unknown HealthKit State of Mind label")]
    UnknownHealthKitLabel,
    /// No HealthKit State of Mind association has this code.
    #[error("unknown HealthKit State of Mind association")]
    UnknownHealthKitAssociation,
    /// No HealthKit valence classification has this code.
    #[error("unknown HealthKit valence classification")]
    UnknownValenceClassification,
    /// The report period does not name a real calendar period or a supported rolling window.
    #[error("invalid report period")]
    InvalidReportPeriod,
}

impl From<crate::CalendarMonthError> for EmotionError {
    /// A month refused in a report period keeps the period's released code, `validation.report_period.invalid`.
    fn from(_: crate::CalendarMonthError) -> Self {
        EmotionError::InvalidReportPeriod
    }
}

impl EmotionError {
    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            EmotionError::UnknownEmotion => "validation.emotion.unknown",
            EmotionError::UnknownNuance => "validation.nuance.unknown",
            EmotionError::NuanceMismatch => "validation.nuance.mismatch",
            EmotionError::UnknownEntryKind => "validation.entry_kind.unknown",
            EmotionError::IntensityOutOfRange => "validation.intensity.out_of_range",
            EmotionError::ValenceNotFinite => "validation.valence.not_finite",
            EmotionError::ValenceOutOfRange => "validation.valence.out_of_range",
            EmotionError::UnknownContextTag => "validation.context_tag.unknown",
            EmotionError::DuplicateContextTag => "validation.context_tag.duplicate",
            EmotionError::NoteEmpty => "validation.note.empty",
            EmotionError::NoteTooLong => "validation.note.too_long",
            EmotionError::NoteControlCharacter => "validation.note.control_character",
            EmotionError::UnknownTimeZone(e) => e.code(),
            EmotionError::InvalidTimestamp => "validation.timestamp.invalid",
            EmotionError::Id(e) => e.code(),
            EmotionError::UnknownHealthKitLabel => "validation.healthkit_label.unknown",
            EmotionError::UnknownHealthKitAssociation => "validation.healthkit_association.unknown",
            EmotionError::UnknownValenceClassification => "validation.valence_classification.unknown",
            EmotionError::InvalidReportPeriod => "validation.report_period.invalid",
        }
    }

    /// The kind of failure: a refused value, or the kind of the identifier error it carries.
    pub fn kind(&self) -> crate::code::ErrorKind {
        match self {
            EmotionError::Id(e) => e.kind(),
            _ => crate::code::ErrorKind::Validation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_dotted() {
        let all = [
            EmotionError::UnknownEmotion,
            EmotionError::UnknownNuance,
            EmotionError::NuanceMismatch,
            EmotionError::UnknownEntryKind,
            EmotionError::IntensityOutOfRange,
            EmotionError::ValenceNotFinite,
            EmotionError::ValenceOutOfRange,
            EmotionError::UnknownContextTag,
            EmotionError::DuplicateContextTag,
            EmotionError::NoteEmpty,
            EmotionError::NoteTooLong,
            EmotionError::NoteControlCharacter,
            EmotionError::UnknownTimeZone(crate::tz::UnknownTimeZone),
            EmotionError::InvalidTimestamp,
            EmotionError::Id(IdError::Invalid),
            EmotionError::UnknownHealthKitLabel,
            EmotionError::UnknownHealthKitAssociation,
            EmotionError::UnknownValenceClassification,
            EmotionError::InvalidReportPeriod,
        ];
        let mut codes: Vec<_> = all.iter().map(EmotionError::code).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.split('.').count() == 3 && *c == c.to_lowercase())
        );
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert_eq!(
            crate::Error::from(EmotionError::NoteTooLong).code(),
            "validation.note.too_long"
        );
    }
}
