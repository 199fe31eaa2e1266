//! Failures of this module, each with a stable machine code.

/// A KPI computation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KpiError {
    /// An NPS answer is not a whole number from 0 to 10.
    #[error("an NPS answer must be from 0 to 10")]
    NpsAnswerOutOfRange,
    /// A cohort's last sign-up day is before its first.
    #[error("the cohort's last day is before its first")]
    CohortRangeInvalid,
    /// The cohort's 30th day has not begun yet for all its members: the retention is not known.
    #[error("the cohort is too recent for a 30-day retention")]
    CohortTooRecent,
    /// The day is at the edge of the calendar chrono can represent.
    #[error("the day is out of range")]
    DayOutOfRange,
    /// No KPI has this code.
    #[error("unknown KPI code")]
    UnknownKpi,
    /// No KPI status has this code.
    #[error("unknown KPI status code")]
    UnknownKpiStatus,
}

impl KpiError {
    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            KpiError::NpsAnswerOutOfRange => "validation.nps_answer.out_of_range",
            KpiError::CohortRangeInvalid => "validation.cohort.invalid_range",
            KpiError::CohortTooRecent => "kpi.retention.cohort_too_recent",
            KpiError::DayOutOfRange => "validation.kpi_day.out_of_range",
            KpiError::UnknownKpi => "validation.kpi.unknown",
            KpiError::UnknownKpiStatus => "validation.kpi_status.unknown",
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
        assert_eq!(
            KpiError::NpsAnswerOutOfRange.code(),
            "validation.nps_answer.out_of_range"
        );
        assert_eq!(
            crate::Error::from(KpiError::CohortTooRecent).code(),
            "kpi.retention.cohort_too_recent"
        );
    }
}
