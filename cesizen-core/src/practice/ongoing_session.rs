//! A session in progress: started, not yet finished.
//!
//! The app starts a session when the user presses play and finishes it, completed or abandoned, when they stop.
//! Keeping the two states apart means a finished [`PracticeSession`] always has an end, and an ongoing one
//! cannot be counted in statistics by mistake. An ongoing session serializes (camelCase) so the phone can keep
//! it across an app restart.
//!
//! ```
//! use cesizen_core::id::{PracticeSessionId, UserId};
//! use cesizen_core::practice::{OngoingSession, PlannedDuration, PracticeKind, PracticeOutcome};
//! use chrono::{Duration, TimeZone, Utc};
//!
//! let now = Utc.with_ymd_and_hms(2025, 6, 1, 7, 0, 0).unwrap();
//! let ongoing = OngoingSession::start(
//!     PracticeSessionId::new(now)?,
//!     UserId::new(now)?,
//!     PracticeKind::BreathingExercise,
//!     Some(PlannedDuration::from_minutes(5)?),
//!     now,
//! );
//! let session = ongoing.complete(now + Duration::minutes(5))?;
//! assert_eq!(session.outcome(), PracticeOutcome::Completed);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{DateTime, Utc};

use super::session::check_interval;
use super::{PlannedDuration, PracticeError, PracticeKind, PracticeOutcome, PracticeSession, PracticeSessionFields};
use crate::id::{PracticeSessionId, UserId};

/// A started, unfinished session. Serialized in camelCase.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OngoingSession {
    id: PracticeSessionId,
    user_id: UserId,
    kind: PracticeKind,
    started_at: DateTime<Utc>,
    #[serde(default, rename = "plannedDurationSeconds")]
    planned_duration: Option<PlannedDuration>,
}

impl OngoingSession {
    /// Starts a session at `now`.
    pub fn start(
        id: PracticeSessionId,
        user_id: UserId,
        kind: PracticeKind,
        planned_duration: Option<PlannedDuration>,
        now: DateTime<Utc>,
    ) -> Self {
        OngoingSession {
            id,
            user_id,
            kind,
            started_at: now,
            planned_duration,
        }
    }

    /// The session's identifier.
    pub fn id(&self) -> PracticeSessionId {
        self.id
    }

    /// The user practising.
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// What is practised.
    pub fn kind(&self) -> PracticeKind {
        self.kind
    }

    /// When the session started.
    pub fn started_at(&self) -> DateTime<Utc> {
        self.started_at
    }

    /// The duration the user chose, if any.
    pub fn planned_duration(&self) -> Option<PlannedDuration> {
        self.planned_duration
    }

    /// Whether the session has run past the longest session allowed at `now`: the app should then finish it
    /// as abandoned at `started_at + MAX_SESSION_DURATION`.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        check_interval(self.started_at, now) == Err(PracticeError::SessionTooLong)
    }

    /// Finishes the session at `now` with `outcome`.
    ///
    /// # Errors
    /// `validation.practice_session.end_not_after_start` or `validation.practice_session.too_long`.
    pub fn finish(self, outcome: PracticeOutcome, now: DateTime<Utc>) -> Result<PracticeSession, PracticeError> {
        PracticeSession::from_fields(PracticeSessionFields {
            id: self.id,
            user_id: self.user_id,
            kind: self.kind,
            started_at: self.started_at,
            ended_at: now,
            planned_duration: self.planned_duration,
            outcome,
        })
    }

    /// Finishes the session at `now`, completed.
    ///
    /// # Errors
    /// As [`OngoingSession::finish`].
    pub fn complete(self, now: DateTime<Utc>) -> Result<PracticeSession, PracticeError> {
        self.finish(PracticeOutcome::Completed, now)
    }

    /// Finishes the session at `now`, abandoned.
    ///
    /// # Errors
    /// As [`OngoingSession::finish`].
    pub fn abandon(self, now: DateTime<Utc>) -> Result<PracticeSession, PracticeError> {
        self.finish(PracticeOutcome::Abandoned, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::MAX_SESSION_DURATION;
    use crate::practice::session::tests::t0;
    use chrono::TimeDelta;
    use proptest::prelude::*;

    fn ongoing() -> OngoingSession {
        OngoingSession::start(
            PracticeSessionId::from_parts(t0(), [1; 10]).unwrap(),
            UserId::from_parts(t0(), [2; 10]).unwrap(),
            PracticeKind::ZenGarden,
            None,
            t0(),
        )
    }

    #[test]
    fn finishing_keeps_the_fields_and_checks_the_interval() {
        let session = ongoing().abandon(t0() + TimeDelta::minutes(3)).unwrap();
        assert_eq!(session.outcome(), PracticeOutcome::Abandoned);
        assert_eq!(session.kind(), PracticeKind::ZenGarden);
        assert_eq!(session.started_at(), t0());
        assert_eq!(session.id(), ongoing().id());
        assert_eq!(session.user_id(), ongoing().user_id());
        assert_eq!(ongoing().complete(t0()).unwrap_err(), PracticeError::EndNotAfterStart);
    }

    #[test]
    fn overdue_past_four_hours() {
        assert!(!ongoing().is_overdue(t0() + MAX_SESSION_DURATION));
        assert!(ongoing().is_overdue(t0() + MAX_SESSION_DURATION + TimeDelta::seconds(1)));
        assert!(!ongoing().is_overdue(t0() - TimeDelta::seconds(1)));
        let overdue = ongoing().complete(t0() + TimeDelta::hours(5)).unwrap_err();
        assert_eq!(overdue.code(), "validation.practice_session.too_long");
    }

    #[test]
    fn json_round_trip_in_camel_case() {
        let json = serde_json::to_value(ongoing()).unwrap();
        assert_eq!(json["startedAt"], "2025-06-01T07:00:00Z");
        assert_eq!(json["kind"], "zen_garden");
        assert!(json["plannedDurationSeconds"].is_null());
        assert_eq!(serde_json::from_value::<OngoingSession>(json).unwrap(), ongoing());
        assert_eq!(ongoing().planned_duration(), None);
    }

    proptest! {
        #[test]
        fn finishing_succeeds_exactly_within_four_hours(length_s in -10i64..20_000, completed in any::<bool>()) {
            let outcome = if completed { PracticeOutcome::Completed } else { PracticeOutcome::Abandoned };
            let end = t0() + TimeDelta::seconds(length_s);
            match ongoing().finish(outcome, end) {
                Ok(session) => {
                    prop_assert!(length_s > 0 && TimeDelta::seconds(length_s) <= MAX_SESSION_DURATION);
                    prop_assert_eq!((session.outcome(), session.ended_at()), (outcome, end));
                }
                Err(_) => prop_assert!(length_s <= 0 || ongoing().is_overdue(end)),
            }
        }
    }
}
