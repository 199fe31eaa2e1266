//! The crate's error type and its stable machine codes.

use cesizen_core::alerting::ConfigError;

/// Any failure of `cesizen-sla`. [`SlaError::code`] is the stable machine code bindings expose.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SlaError {
    /// A rules file or rule value was refused; the error names the field.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A duration is negative where only a length of time makes sense (a goal, a window, a time to resolve).
    #[error("a duration cannot be negative")]
    NegativeDuration,
    /// An interval ends before it starts.
    #[error("an interval ends before it starts")]
    ReversedInterval,
    /// A period is empty (its end is not after its start).
    #[error("a period must end after it starts")]
    EmptyPeriod,
    /// A year and month do not name a month (a refused [`cesizen_core::CalendarMonth`]), or a rolling window
    /// has no day.
    #[error("the period is not a valid calendar month or rolling window")]
    InvalidPeriod,
    /// A date is outside the range the SDK can represent.
    #[error("the date is out of range")]
    DateOutOfRange,
    /// An SLO target is not strictly between 0 % and 100 %.
    #[error("an SLO target is strictly between 0 % and 100 %")]
    TargetOutOfRange,
    /// A fraction in parts per million is above 1 000 000.
    #[error("a fraction is at most 1 000 000 parts per million")]
    FractionOutOfRange,
    /// Bad events exceed total events.
    #[error("bad events exceed total events")]
    BadExceedsTotal,
    /// A health-check series has a zero interval.
    #[error("health-check samples need a positive interval")]
    InvalidSampleInterval,
    /// A timer event is not allowed in the timer's state.
    #[error("the timer cannot take this event in its current state")]
    IllegalTimerEvent,
    /// A timer event is dated before the previous one.
    #[error("a timer event is dated before the previous one")]
    TimerOutOfOrder,
    /// A timer was read at a time before its last event.
    #[error("a timer is read at or after its last event")]
    ReadBeforeLastEvent,
    /// The calendar holds no working time in the searched range.
    #[error("the calendar has no working time in range")]
    CalendarUnreachable,
    /// A service id is not a lowercase slug.
    #[error("a service id is 1 to 63 lowercase letters, digits or dashes, starting and ending with a letter or digit")]
    InvalidServiceId,
    /// A report names a service the catalog does not hold.
    #[error("the service is not in the catalog")]
    UnknownService,
    /// An OpenSLO document was refused.
    #[error("OpenSLO document refused at `{field}`: {reason}")]
    OpenSlo {
        /// The dotted path of the refused field.
        field: String,
        /// Why.
        reason: &'static str,
    },
}

impl From<cesizen_core::CalendarMonthError> for SlaError {
    /// A month refused where the SLA functions took `(year, month)` keeps their released code,
    /// `sla.period.invalid`.
    fn from(_: cesizen_core::CalendarMonthError) -> Self {
        SlaError::InvalidPeriod
    }
}

impl SlaError {
    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            SlaError::Config(e) => e.code(),
            SlaError::NegativeDuration => "validation.duration.negative",
            SlaError::ReversedInterval => "sla.interval.reversed",
            SlaError::EmptyPeriod => "sla.period.empty",
            SlaError::InvalidPeriod => "sla.period.invalid",
            SlaError::DateOutOfRange => "sla.date.out_of_range",
            SlaError::TargetOutOfRange => "sla.target.out_of_range",
            SlaError::FractionOutOfRange => "sla.fraction.out_of_range",
            SlaError::BadExceedsTotal => "sla.counts.bad_exceeds_total",
            SlaError::InvalidSampleInterval => "sla.samples.invalid_interval",
            SlaError::IllegalTimerEvent => "sla.timer.illegal_event",
            SlaError::TimerOutOfOrder => "sla.timer.out_of_order",
            SlaError::ReadBeforeLastEvent => "sla.timer.read_before_last_event",
            SlaError::CalendarUnreachable => "sla.calendar.unreachable",
            SlaError::InvalidServiceId => "validation.service_id.invalid",
            SlaError::UnknownService => "sla.service.unknown",
            SlaError::OpenSlo { .. } => "openslo.document.invalid",
        }
    }

    /// The kind of failure (`cesizen_core::code`): a refused rule, an illegal timer event, or a refused value.
    pub fn kind(&self) -> cesizen_core::code::ErrorKind {
        match self {
            SlaError::Config(e) => e.kind(),
            SlaError::IllegalTimerEvent => cesizen_core::code::ErrorKind::Workflow,
            _ => cesizen_core::code::ErrorKind::Validation,
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = SlaError> = core::result::Result<T, E>;
