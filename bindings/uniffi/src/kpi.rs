//! Product KPIs (the plan's business dashboard): daily activity, 30-day retention and the Net Promoter Score —
//! each function one call into `cesizen_core::kpi`. Days cross as `YYYY-MM-DD` text, time zones as IANA names.

use cesizen_core::id::{PracticeSessionId, UserId};
use cesizen_core::kpi::{
    DailyKpis as CoreDailyKpis, KpiReading, NetPromoterScore as CoreNps, ProductEvent, ProductKpi,
    RetentionCohort as CoreCohort, SessionTime,
};
use cesizen_core::practice::{PracticeKind, PracticeOutcome};
use cesizen_core::user::IanaTimeZone;

use crate::time::date_from_text;
use crate::{CesizenError, Timestamp, boundary::guard};

/// The stable code of a KPI (`"retention_30_day"`, …), as the SDK's JSON and the dashboards name it.
#[uniffi::export]
pub fn product_kpi_code(kpi: ProductKpi) -> String {
    kpi.code().to_owned()
}

/// What happened in a product event.
/// Binding shape: session ids cross as text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ProductEventKind {
    /// The user created an account.
    SignedUp,
    /// The user opened the app.
    AppOpened,
    /// A practice session began.
    PracticeSessionStarted {
        /// The session's id (UUID text).
        session_id: String,
        /// What is practised.
        practice: PracticeKind,
    },
    /// A practice session ended.
    PracticeSessionEnded {
        /// The session's id (UUID text).
        session_id: String,
        /// Completed or abandoned.
        outcome: PracticeOutcome,
    },
}

/// One product analytics event: who, when, what.
/// Binding shape: the user id crosses as text and the instant as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProductEventInput {
    /// The user's id (UUID text).
    pub user_id: String,
    /// When it happened.
    pub at: Timestamp,
    /// What happened.
    pub kind: ProductEventKind,
}

impl ProductEventInput {
    fn to_core(&self) -> Result<ProductEvent, CesizenError> {
        let kind = match &self.kind {
            ProductEventKind::SignedUp => cesizen_core::kpi::ProductEventKind::SignedUp,
            ProductEventKind::AppOpened => cesizen_core::kpi::ProductEventKind::AppOpened,
            ProductEventKind::PracticeSessionStarted { session_id, practice } => {
                cesizen_core::kpi::ProductEventKind::PracticeSessionStarted {
                    session_id: PracticeSessionId::parse(session_id)?,
                    practice: *practice,
                }
            }
            ProductEventKind::PracticeSessionEnded { session_id, outcome } => {
                cesizen_core::kpi::ProductEventKind::PracticeSessionEnded {
                    session_id: PracticeSessionId::parse(session_id)?,
                    outcome: *outcome,
                }
            }
        };
        Ok(ProductEvent {
            user_id: UserId::parse(&self.user_id)?,
            at: self.at,
            kind,
        })
    }
}

fn events(events: &[ProductEventInput]) -> Result<Vec<ProductEvent>, CesizenError> {
    events.iter().map(ProductEventInput::to_core).collect()
}

/// The product KPIs of one local day.
/// Binding shape: the day and the zone cross as text, with the day's KPI readings added.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DailyKpis {
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// The time zone that sets its bounds.
    pub time_zone: String,
    /// Distinct users with any activity.
    pub active_users: u32,
    /// Meditation sessions started.
    pub meditation_sessions: u32,
    /// Practice time.
    pub session_time: SessionTime,
    /// Each KPI against its target.
    pub readings: Vec<KpiReading>,
}

/// The 30-day retention of a sign-up cohort.
/// Binding shape: the days and the zone cross as text, with the cohort's KPI reading added.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RetentionCohort {
    /// First sign-up day, `YYYY-MM-DD`.
    pub first_day: String,
    /// Last sign-up day, `YYYY-MM-DD`.
    pub last_day: String,
    /// The time zone of the days.
    pub time_zone: String,
    /// Users who signed up in the days.
    pub size: u32,
    /// Those active 30 days or more after signing up.
    pub retained: u32,
    /// The retention against its target.
    pub reading: KpiReading,
}

/// A Net Promoter Score survey's result.
/// Binding shape: adds the score's KPI reading (`reading`) to the domain's fields.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NetPromoterScore {
    /// Answers of 9 or 10.
    pub promoters: u32,
    /// Answers of 7 or 8.
    pub passives: u32,
    /// Answers of 0 to 6.
    pub detractors: u32,
    /// All answers.
    pub responses: u32,
    /// The score, −100 to 100, if anyone answered.
    pub score: Option<f64>,
    /// The score rounded to a whole number.
    pub rounded_score: Option<i32>,
    /// The score against its target.
    pub reading: KpiReading,
}

/// The product KPIs of local day `day` (`YYYY-MM-DD`) in `time_zone`.
///
/// Errors: `input.date.invalid`, the time zone's validation code, the id codes of malformed events, the
/// `kpi.*` code of a day out of range.
#[uniffi::export]
pub fn daily_kpis(events: Vec<ProductEventInput>, day: String, time_zone: String) -> Result<DailyKpis, CesizenError> {
    guard(|| {
        let report = CoreDailyKpis::compute(
            &self::events(&events)?,
            date_from_text(&day)?,
            IanaTimeZone::parse(&time_zone)?,
        )?
        .report();
        let kpis = report.kpis;
        Ok(DailyKpis {
            day: kpis.day.to_string(),
            time_zone: kpis.time_zone.to_string(),
            active_users: kpis.active_users,
            meditation_sessions: kpis.meditation_sessions,
            session_time: kpis.session_time,
            readings: report.readings.into(),
        })
    })
}

/// The 30-day retention of the users who signed up from `first_day` to `last_day` (local days of `time_zone`),
/// read at `now`.
///
/// Errors: `input.date.invalid`, `validation.cohort.invalid_range`, `kpi.retention.cohort_too_recent` when day 30
/// of the last sign-up day has not begun.
#[uniffi::export]
pub fn retention_cohort(
    events: Vec<ProductEventInput>,
    first_day: String,
    last_day: String,
    time_zone: String,
    now: Timestamp,
) -> Result<RetentionCohort, CesizenError> {
    guard(|| {
        let report = CoreCohort::compute(
            &self::events(&events)?,
            date_from_text(&first_day)?,
            date_from_text(&last_day)?,
            IanaTimeZone::parse(&time_zone)?,
            now,
        )?
        .report();
        let cohort = report.cohort;
        Ok(RetentionCohort {
            first_day: cohort.first_day.to_string(),
            last_day: cohort.last_day.to_string(),
            time_zone: cohort.time_zone.to_string(),
            size: cohort.size,
            retained: cohort.retained,
            reading: report.reading,
        })
    })
}

/// The Net Promoter Score of survey answers (0 to 10 each).
///
/// Errors: `validation.nps_answer.out_of_range`.
#[uniffi::export]
pub fn net_promoter_score(answers: Vec<i64>) -> Result<NetPromoterScore, CesizenError> {
    guard(|| {
        let report = CoreNps::from_scores(answers)?.report();
        let nps = report.nps;
        Ok(NetPromoterScore {
            promoters: nps.promoters,
            passives: nps.passives,
            detractors: nps.detractors,
            responses: nps.responses,
            score: nps.score,
            rounded_score: nps.rounded_score,
            reading: report.reading,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_day_is_the_input_code() {
        let out = daily_kpis(Vec::new(), "2025-13-01".into(), "Europe/Paris".into());
        assert_eq!(out.map_err(|e| e.code()), Err(crate::time::DATE_INVALID.to_owned()));
    }
}
