//! The crate's error type and its stable machine codes.
//!
//! Every failure of `cesizen-core` is an [`Error`]. Each domain module owns a small enum of its own failures
//! (for example [`crate::user::UserError`]); [`Error`] gathers them so that a caller can hold one type, and
//! [`Error::code`] gives the stable machine code (`"validation.email.invalid"`, …) that every language binding
//! exposes unchanged. User interfaces translate codes, never messages; messages never contain user data.

/// Any failure of `cesizen-core`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An identifier could not be parsed or generated.
    #[error(transparent)]
    Id(#[from] crate::id::IdError),
    /// A user, an account, a password, a token or a login attempt was refused.
    #[error(transparent)]
    User(#[from] crate::user::UserError),
    /// A practice session or a breathing pattern was refused.
    #[error(transparent)]
    Practice(#[from] crate::practice::PracticeError),
    /// A journal entry, an emotion or a report request was refused.
    #[error(transparent)]
    Emotion(#[from] crate::emotion::EmotionError),
    /// A stress self-assessment was refused.
    #[error(transparent)]
    Stress(#[from] crate::stress::StressError),
    /// A KPI computation was refused.
    #[error(transparent)]
    Kpi(#[from] crate::kpi::KpiError),
    /// An incident, a ticket move or an incident report was refused.
    #[error(transparent)]
    Incident(#[from] crate::incident::IncidentError),
    /// An alerting rule, a threshold or a routing configuration was refused.
    #[error(transparent)]
    Alerting(#[from] crate::alerting::AlertingError),
    /// A calendar month was refused.
    #[error(transparent)]
    CalendarMonth(#[from] crate::CalendarMonthError),
}

impl Error {
    /// The stable machine code of this error, e.g. `"validation.email.invalid"`.
    ///
    /// Codes never change once released; bindings expose them as they are.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Id(e) => e.code(),
            Error::User(e) => e.code(),
            Error::Practice(e) => e.code(),
            Error::Emotion(e) => e.code(),
            Error::Stress(e) => e.code(),
            Error::Kpi(e) => e.code(),
            Error::Incident(e) => e.code(),
            Error::Alerting(e) => e.code(),
            Error::CalendarMonth(e) => e.code(),
        }
    }

    /// The kind of failure ([`crate::code`]): what a caller decides from, never the code's prefix.
    pub fn kind(&self) -> crate::code::ErrorKind {
        match self {
            Error::Id(e) => e.kind(),
            Error::User(e) => e.kind(),
            Error::Practice(e) => e.kind(),
            Error::Emotion(e) => e.kind(),
            Error::Stress(e) => e.kind(),
            Error::Kpi(e) => e.kind(),
            Error::Incident(e) => e.kind(),
            Error::Alerting(e) => e.kind(),
            Error::CalendarMonth(e) => e.kind(),
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = core::result::Result<T, E>;
