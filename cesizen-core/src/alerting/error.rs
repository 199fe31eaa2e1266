//! Failures of the alerting module, each with a stable machine code.

use super::ConfigError;

/// A failure of the alerting module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AlertingError {
    /// A rule (threshold, routing, escalation, calendar…) was refused; the error names the field.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A measured value is NaN or infinite.
    #[error("a measured value must be a finite number")]
    NotFinite,
    /// An alert key or group name is empty, too long or holds control characters.
    #[error("an alert key is 1 to 256 printable characters")]
    InvalidKey,
    /// An event is dated before the previous one.
    #[error("an event is dated before the previous event")]
    OutOfOrder,
    /// An escalation history is not a trigger followed by acknowledgements and at most one close.
    #[error("an escalation history starts with one trigger and ends with at most one close")]
    MalformedEscalationHistory,
    /// A date falls outside the range the SDK can represent.
    #[error("the date is out of range")]
    DateOutOfRange,
}

impl AlertingError {
    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            AlertingError::Config(e) => e.code(),
            AlertingError::NotFinite => "alerting.value.not_finite",
            AlertingError::InvalidKey => "validation.alert_key.invalid",
            AlertingError::OutOfOrder => "alerting.event.out_of_order",
            AlertingError::MalformedEscalationHistory => "alerting.escalation.malformed_history",
            AlertingError::DateOutOfRange => "alerting.date.out_of_range",
        }
    }

    /// The kind of failure: a refused rule ([`ErrorKind::Config`](crate::code::ErrorKind::Config)) or a refused
    /// value.
    pub fn kind(&self) -> crate::code::ErrorKind {
        match self {
            AlertingError::Config(e) => e.kind(),
            _ => crate::code::ErrorKind::Validation,
        }
    }
}
