//! The KPIs of one local day: daily active users, meditation sessions, mean session time.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::id::{PracticeSessionId, UserId};
use crate::kpi::{KpiError, KpiReading, KpiStatus, ProductEvent, ProductEventKind, ProductKpi};
use crate::practice::{MAX_SESSION_DURATION, PracticeKind};
use crate::tz::start_of_local_day;
use crate::user::IanaTimeZone;

/// The day's KPIs, computed from the event stream in one pass.
///
/// Definitions, for one local day `d` in the dashboard's time zone (`Europe/Paris` for the plan):
/// - **daily active users**: distinct users with at least one event of any kind during `d`;
/// - **meditation sessions**: distinct meditation sessions started during `d` (ended or not);
/// - **mean session time**: over the practice sessions of every kind started during `d` whose end is in the
///   stream, the mean of end − start. A session whose end is missing is *unfinished*; one whose end is not
///   after its start, comes more than 4 hours later ([`crate::practice::MAX_SESSION_DURATION`], a phone left
///   running) or names another user is *discarded*. Neither counts in the mean. A session reported twice keeps
///   its earliest start and earliest end.
///
/// Pass every event that may pair with the day's starts (ends come later): events outside the day are
/// otherwise ignored. A computed snapshot: its fields are plain values.
///
/// ```
/// use cesizen_core::kpi::{DailyKpis, KpiStatus, ProductEvent, ProductEventKind};
/// use cesizen_core::id::{PracticeSessionId, UserId};
/// use cesizen_core::practice::{PracticeKind, PracticeOutcome};
/// use cesizen_core::user::IanaTimeZone;
/// use chrono::{Duration, NaiveDate, TimeZone, Utc};
///
/// let start = Utc.with_ymd_and_hms(2025, 6, 2, 7, 0, 0).unwrap();
/// let (user, session_id) = (UserId::from_parts(start, [1; 10])?, PracticeSessionId::from_parts(start, [2; 10])?);
/// let events = [
///     ProductEvent { user_id: user, at: start, kind: ProductEventKind::PracticeSessionStarted {
///         session_id, practice: PracticeKind::Meditation } },
///     ProductEvent { user_id: user, at: start + Duration::minutes(18), kind: ProductEventKind::PracticeSessionEnded {
///         session_id, outcome: PracticeOutcome::Completed } },
/// ];
/// let day = NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
/// let kpis = DailyKpis::compute(&events, day, IanaTimeZone::EUROPE_PARIS)?;
/// assert_eq!((kpis.active_users, kpis.meditation_sessions), (1, 1));
/// assert_eq!(kpis.session_time.mean_minutes(), Some(18.0));
/// assert_eq!(kpis.session_time.reading().status, KpiStatus::Met);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyKpis {
    /// The local day (`YYYY-MM-DD`).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub day: NaiveDate,
    /// The time zone of the day.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub time_zone: IanaTimeZone,
    /// Distinct users active during the day.
    pub active_users: u32,
    /// Distinct meditation sessions started during the day.
    pub meditation_sessions: u32,
    /// Durations of the practice sessions started during the day.
    pub session_time: SessionTime,
}

/// A day's product KPIs and their readings against the plan's targets ([`DailyKpis::report`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyKpisReport {
    /// The figures.
    #[serde(flatten)]
    pub kpis: DailyKpis,
    /// The readings: active users, mean session time, meditation sessions.
    #[cfg_attr(feature = "wasm", tsify(type = "KpiReading[]"))]
    pub readings: [KpiReading; 3],
}

/// Durations of the practice sessions started in a day.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct SessionTime {
    /// Sessions with a valid end, the ones the mean is over.
    pub sessions: u32,
    /// Their total duration, in milliseconds.
    pub total_milliseconds: u64,
    /// Sessions without an end in the stream.
    pub unfinished: u32,
    /// Sessions with an impossible end (not after the start, over 4 hours, another user's).
    pub discarded: u32,
}

impl SessionTime {
    /// The mean duration in minutes, `None` without sessions.
    pub fn mean_minutes(&self) -> Option<f64> {
        (self.sessions > 0).then(|| self.total_milliseconds as f64 / 60_000.0 / f64::from(self.sessions))
    }

    /// The mean against the plan's 15 minutes, compared exactly: total ≥ target × sessions.
    pub fn reading(&self) -> KpiReading {
        let status = if self.sessions == 0 {
            KpiStatus::NoData
        } else {
            let target = u128::from(ProductKpi::MeanSessionTime.target()) * 60_000;
            KpiStatus::from_met(u128::from(self.total_milliseconds) >= target * u128::from(self.sessions))
        };
        KpiReading::new(ProductKpi::MeanSessionTime, self.mean_minutes(), status)
    }
}

/// A session's start or end as seen in the stream.
#[derive(Clone, Copy)]
struct Mark {
    user: UserId,
    at: DateTime<Utc>,
    practice: Option<PracticeKind>,
}

/// Keeps the earliest mark of a session.
fn keep_earliest(map: &mut HashMap<PracticeSessionId, Mark>, id: PracticeSessionId, mark: Mark) {
    map.entry(id)
        .and_modify(|m| {
            if mark.at < m.at {
                *m = mark
            }
        })
        .or_insert(mark);
}

impl DailyKpis {
    /// Computes the KPIs of `day` in `time_zone` from the events.
    ///
    /// # Errors
    /// `validation.kpi_day.out_of_range` for a day at the very edge of the calendar chrono can represent.
    pub fn compute<'a>(
        events: impl IntoIterator<Item = &'a ProductEvent>,
        day: NaiveDate,
        time_zone: IanaTimeZone,
    ) -> Result<DailyKpis, KpiError> {
        let tz = time_zone.tz();
        let start = start_of_local_day(tz, day).ok_or(KpiError::DayOutOfRange)?;
        let end = day
            .succ_opt()
            .and_then(|next| start_of_local_day(tz, next))
            .ok_or(KpiError::DayOutOfRange)?;
        let in_day = |t: DateTime<Utc>| start <= t && t < end;

        let mut active = HashSet::new();
        let mut starts = HashMap::new();
        let mut ends = HashMap::new();
        for event in events {
            if in_day(event.at) {
                active.insert(event.user_id);
            }
            match event.kind {
                ProductEventKind::PracticeSessionStarted { session_id, practice } if in_day(event.at) => {
                    keep_earliest(
                        &mut starts,
                        session_id,
                        Mark {
                            user: event.user_id,
                            at: event.at,
                            practice: Some(practice),
                        },
                    );
                }
                ProductEventKind::PracticeSessionEnded { session_id, .. } => {
                    keep_earliest(
                        &mut ends,
                        session_id,
                        Mark {
                            user: event.user_id,
                            at: event.at,
                            practice: None,
                        },
                    );
                }
                _ => {}
            }
        }

        let mut session_time = SessionTime::default();
        let mut meditation_sessions = 0u32;
        for (id, started) in &starts {
            if started.practice == Some(PracticeKind::Meditation) {
                meditation_sessions = meditation_sessions.saturating_add(1);
            }
            match ends.get(id) {
                None => session_time.unfinished = session_time.unfinished.saturating_add(1),
                Some(ended) => {
                    let duration = ended.at - started.at;
                    if ended.user != started.user
                        || duration <= chrono::TimeDelta::zero()
                        || duration > MAX_SESSION_DURATION
                    {
                        session_time.discarded = session_time.discarded.saturating_add(1);
                    } else {
                        session_time.sessions = session_time.sessions.saturating_add(1);
                        // Positive and at most 4 hours: the milliseconds fit.
                        session_time.total_milliseconds += u64::try_from(duration.num_milliseconds()).unwrap_or(0);
                    }
                }
            }
        }

        Ok(DailyKpis {
            day,
            time_zone,
            active_users: u32::try_from(active.len()).unwrap_or(u32::MAX),
            meditation_sessions,
            session_time,
        })
    }

    /// The daily active users against the plan's 3,000.
    pub fn active_users_reading(&self) -> KpiReading {
        let status = KpiStatus::from_met(self.active_users >= ProductKpi::DailyActiveUsers.target());
        KpiReading::new(ProductKpi::DailyActiveUsers, Some(f64::from(self.active_users)), status)
    }

    /// The meditation sessions against the plan's 1,500.
    pub fn meditation_sessions_reading(&self) -> KpiReading {
        let status = KpiStatus::from_met(self.meditation_sessions >= ProductKpi::MeditationSessionsPerDay.target());
        KpiReading::new(
            ProductKpi::MeditationSessionsPerDay,
            Some(f64::from(self.meditation_sessions)),
            status,
        )
    }

    /// The three daily readings: active users, mean session time, meditation sessions.
    pub fn readings(&self) -> [KpiReading; 3] {
        [
            self.active_users_reading(),
            self.session_time.reading(),
            self.meditation_sessions_reading(),
        ]
    }

    /// The day's figures with their [`DailyKpis::readings`], as a dashboard shows them.
    pub fn report(&self) -> DailyKpisReport {
        DailyKpisReport {
            kpis: *self,
            readings: self.readings(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::kpi_test_support::{ended, event, session, started, user};
    use crate::practice::PracticeKind::{BreathingExercise, Meditation, ZenGarden};
    use proptest::prelude::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 2).unwrap()
    }

    fn compute(events: &[ProductEvent]) -> DailyKpis {
        DailyKpis::compute(events, day(), IanaTimeZone::EUROPE_PARIS).unwrap()
    }

    #[test]
    fn the_report_is_the_figures_and_the_readings_in_one_object() {
        let kpis = compute(&[event(user(1), "2025-06-02T08:00:00Z", ProductEventKind::AppOpened)]);
        let report = kpis.report();
        assert_eq!((report.kpis, report.readings), (kpis, kpis.readings()));
        let mut expected = serde_json::to_value(kpis).unwrap();
        expected["readings"] = serde_json::to_value(kpis.readings()).unwrap();
        assert_eq!(serde_json::to_value(report).unwrap(), expected);
    }

    #[test]
    fn the_day_is_cut_in_paris() {
        // 2 June in Paris (CEST) is 1 June 22:00 UTC to 2 June 22:00 UTC.
        let events = [
            event(user(1), "2025-06-01T21:59:59Z", ProductEventKind::AppOpened),
            event(user(2), "2025-06-01T22:00:00Z", ProductEventKind::AppOpened),
            event(user(2), "2025-06-02T08:00:00Z", ProductEventKind::AppOpened),
            event(user(3), "2025-06-02T21:59:59Z", ProductEventKind::SignedUp),
            event(user(4), "2025-06-02T22:00:00Z", ProductEventKind::AppOpened),
        ];
        let kpis = compute(&events);
        assert_eq!(kpis.active_users, 2, "users 2 and 3, user 2 once");
        assert_eq!(kpis.active_users_reading().status, KpiStatus::Below);
    }

    #[test]
    fn sessions_pair_by_id_whatever_the_order() {
        let (a, b) = (user(1), user(2));
        let events = [
            ended(a, "2025-06-02T07:20:00Z", session(1)),
            started(a, "2025-06-02T07:00:00Z", session(1), Meditation),
            started(a, "2025-06-02T07:00:30Z", session(1), Meditation), // reported twice: earliest start kept
            started(b, "2025-06-02T12:00:00Z", session(2), BreathingExercise),
            ended(b, "2025-06-02T12:10:00Z", session(2)),
            started(b, "2025-06-02T20:00:00Z", session(3), Meditation), // never ends
            started(a, "2025-06-02T21:30:00Z", session(4), ZenGarden),
            ended(a, "2025-06-02T22:30:00Z", session(4)), // ends the next day: still counted
            started(a, "2025-06-02T09:00:00Z", session(5), Meditation),
            ended(b, "2025-06-02T09:05:00Z", session(5)), // another user's end: discarded
            started(a, "2025-06-02T10:00:00Z", session(6), Meditation),
            ended(a, "2025-06-02T15:00:00Z", session(6)), // five hours: discarded
            started(a, "2025-06-01T10:00:00Z", session(7), Meditation), // another day
            ended(a, "2025-06-01T10:30:00Z", session(7)),
        ];
        let kpis = compute(&events);
        assert_eq!(kpis.meditation_sessions, 4, "sessions 1, 3, 5 and 6");
        assert_eq!(
            kpis.session_time,
            SessionTime {
                sessions: 3,
                total_milliseconds: (20 + 10 + 60) * 60_000,
                unfinished: 1,
                discarded: 2
            }
        );
        assert_eq!(kpis.session_time.mean_minutes(), Some(30.0));
        let [dau, mean, meditation] = kpis.readings();
        assert_eq!(
            (dau.kpi, mean.kpi, meditation.kpi),
            (
                ProductKpi::DailyActiveUsers,
                ProductKpi::MeanSessionTime,
                ProductKpi::MeditationSessionsPerDay
            )
        );
        assert_eq!((mean.value, mean.status), (Some(30.0), KpiStatus::Met));
    }

    #[test]
    fn mean_session_time_target_is_exact() {
        let at_target = SessionTime {
            sessions: 3,
            total_milliseconds: 45 * 60_000,
            unfinished: 0,
            discarded: 0,
        };
        assert_eq!(at_target.reading().status, KpiStatus::Met);
        let just_below = SessionTime {
            total_milliseconds: 45 * 60_000 - 1,
            ..at_target
        };
        assert_eq!(just_below.reading().status, KpiStatus::Below);
        assert_eq!(
            SessionTime::default().reading(),
            KpiReading::new(ProductKpi::MeanSessionTime, None, KpiStatus::NoData)
        );
    }

    #[test]
    fn thresholds_of_the_counts() {
        let kpis = DailyKpis {
            active_users: 3_000,
            meditation_sessions: 1_499,
            ..compute(&[])
        };
        assert_eq!(kpis.active_users_reading().status, KpiStatus::Met);
        assert_eq!(kpis.meditation_sessions_reading().status, KpiStatus::Below);
        assert_eq!(
            DailyKpis {
                meditation_sessions: 1_500,
                ..kpis
            }
            .meditation_sessions_reading()
            .status,
            KpiStatus::Met
        );
        assert_eq!(
            DailyKpis::compute(&[], NaiveDate::MAX, IanaTimeZone::EUROPE_PARIS),
            Err(KpiError::DayOutOfRange)
        );
    }

    proptest! {
        #[test]
        fn active_users_are_the_distinct_users_of_the_day(picks in proptest::collection::vec((0u8..20, 0i64..(3 * 86_400)), 0..80)) {
            let events: Vec<_> = picks
                .iter()
                .map(|(u, s)| ProductEvent {
                    user_id: user(*u),
                    at: crate::kpi::kpi_test_support::at("2025-06-01T00:00:00Z") + chrono::Duration::seconds(*s),
                    kind: ProductEventKind::AppOpened,
                })
                .collect();
            let kpis = compute(&events);
            let start = crate::kpi::kpi_test_support::at("2025-06-01T22:00:00Z");
            let end = crate::kpi::kpi_test_support::at("2025-06-02T22:00:00Z");
            let distinct: HashSet<_> = events.iter().filter(|e| start <= e.at && e.at < end).map(|e| e.user_id).collect();
            prop_assert_eq!(kpis.active_users as usize, distinct.len());
            let mut reversed = events.clone();
            reversed.reverse();
            prop_assert_eq!(compute(&reversed), kpis);
        }
    }
}
