//! A finished practice session: what was practised, when, for how long, and whether it was completed.
//!
//! A session ends strictly after it starts and lasts at most [`MAX_SESSION_DURATION`] (4 hours: longer
//! sessions are a phone left running, and would inflate the plan's "mean session time" KPI). The *actual*
//! duration is the time between start and end; the *planned* duration is what the user chose, when they chose
//! one (the zen garden, for instance, is open-ended). Whether a session is *completed* or *abandoned* is what
//! the user did, reported by the app; it is not inferred from the durations, because a user may finish a
//! meditation early on purpose.
//!
//! Sessions are built by finishing an [`OngoingSession`](crate::practice::OngoingSession), or from stored
//! fields with [`PracticeSession::from_fields`], which JSON deserialization goes through.
//!
//! ```
//! use cesizen_core::id::{PracticeSessionId, UserId};
//! use cesizen_core::practice::{PlannedDuration, PracticeKind, PracticeOutcome, PracticeSession, PracticeSessionFields};
//! use chrono::{Duration, TimeZone, Utc};
//!
//! let start = Utc.with_ymd_and_hms(2025, 6, 1, 7, 0, 0).unwrap();
//! let session = PracticeSession::from_fields(PracticeSessionFields {
//!     id: PracticeSessionId::new(start)?,
//!     user_id: UserId::new(start)?,
//!     kind: PracticeKind::Meditation,
//!     started_at: start,
//!     ended_at: start + Duration::minutes(8),
//!     planned_duration: Some(PlannedDuration::from_minutes(10)?),
//!     outcome: PracticeOutcome::Abandoned,
//! })?;
//! assert_eq!(session.actual_duration_seconds(), 480);
//! assert_eq!(session.completion_ratio(), Some(0.8));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{DateTime, TimeDelta, Utc};

use super::{PlannedDuration, PracticeError, PracticeKind};
use crate::id::{PracticeSessionId, UserId};

/// The longest a session may last.
pub const MAX_SESSION_DURATION: TimeDelta = TimeDelta::hours(4);

/// How a session ended. Serialized as `"completed"` or `"abandoned"`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum PracticeOutcome {
    /// The user went through to the end.
    Completed,
    /// The user stopped before the end.
    Abandoned,
}

/// A finished practice session. Serialized in camelCase; deserialization checks every rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", try_from = "PracticeSessionFields")]
pub struct PracticeSession {
    id: PracticeSessionId,
    user_id: UserId,
    kind: PracticeKind,
    started_at: DateTime<Utc>,
    ended_at: DateTime<Utc>,
    #[serde(rename = "plannedDurationSeconds")]
    planned_duration: Option<PlannedDuration>,
    outcome: PracticeOutcome,
}

/// The fields of a [`PracticeSession`], not yet checked together; the input of
/// [`PracticeSession::from_fields`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PracticeSessionFields {
    /// The session's identifier.
    pub id: PracticeSessionId,
    /// The user who practised.
    pub user_id: UserId,
    /// What was practised.
    pub kind: PracticeKind,
    /// When the session started.
    pub started_at: DateTime<Utc>,
    /// When it ended; strictly after `started_at`, at most 4 hours later.
    pub ended_at: DateTime<Utc>,
    /// The duration the user chose, if any (`plannedDurationSeconds` in JSON).
    #[serde(default, rename = "plannedDurationSeconds")]
    pub planned_duration: Option<PlannedDuration>,
    /// How it ended.
    pub outcome: PracticeOutcome,
}

impl PracticeSession {
    /// Checks and builds a session.
    ///
    /// # Errors
    /// `validation.practice_session.end_not_after_start` or `validation.practice_session.too_long`.
    pub fn from_fields(fields: PracticeSessionFields) -> Result<Self, PracticeError> {
        check_interval(fields.started_at, fields.ended_at)?;
        Ok(PracticeSession {
            id: fields.id,
            user_id: fields.user_id,
            kind: fields.kind,
            started_at: fields.started_at,
            ended_at: fields.ended_at,
            planned_duration: fields.planned_duration,
            outcome: fields.outcome,
        })
    }

    /// The session's identifier.
    pub fn id(&self) -> PracticeSessionId {
        self.id
    }

    /// The user who practised.
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// What was practised.
    pub fn kind(&self) -> PracticeKind {
        self.kind
    }

    /// When the session started.
    pub fn started_at(&self) -> DateTime<Utc> {
        self.started_at
    }

    /// When it ended.
    pub fn ended_at(&self) -> DateTime<Utc> {
        self.ended_at
    }

    /// The duration the user chose, if any.
    pub fn planned_duration(&self) -> Option<PlannedDuration> {
        self.planned_duration
    }

    /// How it ended.
    pub fn outcome(&self) -> PracticeOutcome {
        self.outcome
    }

    /// The time between start and end: positive, at most [`MAX_SESSION_DURATION`].
    pub fn actual_duration(&self) -> TimeDelta {
        self.ended_at - self.started_at
    }

    /// The actual duration in whole seconds, rounded down.
    pub fn actual_duration_seconds(&self) -> u32 {
        u32::try_from(self.actual_duration().num_seconds()).unwrap_or(0)
    }

    /// The actual duration divided by the planned one (1.0 when on time; may exceed 1.0), if one was planned.
    pub fn completion_ratio(&self) -> Option<f64> {
        let planned_ms = f64::from(self.planned_duration?.seconds()) * 1000.0;
        Some(self.actual_duration().num_milliseconds() as f64 / planned_ms)
    }
}

/// The interval rule shared by finished sessions: end strictly after start, at most 4 hours.
pub(crate) fn check_interval(started_at: DateTime<Utc>, ended_at: DateTime<Utc>) -> Result<(), PracticeError> {
    if ended_at <= started_at {
        return Err(PracticeError::EndNotAfterStart);
    }
    if ended_at - started_at > MAX_SESSION_DURATION {
        return Err(PracticeError::SessionTooLong);
    }
    Ok(())
}

impl TryFrom<PracticeSessionFields> for PracticeSession {
    type Error = PracticeError;

    fn try_from(fields: PracticeSessionFields) -> Result<Self, Self::Error> {
        PracticeSession::from_fields(fields)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    pub(crate) fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 6, 1, 7, 0, 0).unwrap()
    }

    pub(crate) fn fields(kind: PracticeKind, length: TimeDelta) -> PracticeSessionFields {
        PracticeSessionFields {
            id: PracticeSessionId::from_parts(t0(), [1; 10]).unwrap(),
            user_id: UserId::from_parts(t0(), [2; 10]).unwrap(),
            kind,
            started_at: t0(),
            ended_at: t0() + length,
            planned_duration: Some(PlannedDuration::from_minutes(10).unwrap()),
            outcome: PracticeOutcome::Completed,
        }
    }

    #[test]
    fn the_interval_must_be_positive_and_at_most_four_hours() {
        let ok = |length| PracticeSession::from_fields(fields(PracticeKind::Meditation, length));
        assert!(ok(TimeDelta::milliseconds(1)).is_ok());
        assert!(ok(MAX_SESSION_DURATION).is_ok());
        assert_eq!(
            ok(TimeDelta::zero()).unwrap_err().code(),
            "validation.practice_session.end_not_after_start"
        );
        assert_eq!(ok(TimeDelta::seconds(-5)).unwrap_err(), PracticeError::EndNotAfterStart);
        let too_long = ok(MAX_SESSION_DURATION + TimeDelta::milliseconds(1)).unwrap_err();
        assert_eq!(too_long.code(), "validation.practice_session.too_long");
    }

    #[test]
    fn durations_and_ratio() {
        let session = PracticeSession::from_fields(fields(PracticeKind::Meditation, TimeDelta::seconds(750))).unwrap();
        assert_eq!(session.actual_duration(), TimeDelta::seconds(750));
        assert_eq!(session.actual_duration_seconds(), 750);
        assert_eq!(session.completion_ratio(), Some(1.25));
        let mut open = fields(PracticeKind::ZenGarden, TimeDelta::seconds(90));
        open.planned_duration = None;
        assert_eq!(PracticeSession::from_fields(open).unwrap().completion_ratio(), None);
    }

    #[test]
    fn json_is_camel_case_and_checked_on_read() {
        let session =
            PracticeSession::from_fields(fields(PracticeKind::BreathingExercise, TimeDelta::minutes(5))).unwrap();
        let json = serde_json::to_value(&session).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "endedAt",
                "id",
                "kind",
                "outcome",
                "plannedDurationSeconds",
                "startedAt",
                "userId"
            ]
        );
        assert_eq!(json["kind"], "breathing_exercise");
        assert_eq!(json["plannedDurationSeconds"], 600);
        assert_eq!(json["outcome"], "completed");
        assert_eq!(
            serde_json::from_value::<PracticeSession>(json.clone()).unwrap(),
            session
        );

        let mut backwards = json.clone();
        backwards["endedAt"] = backwards["startedAt"].clone();
        assert!(serde_json::from_value::<PracticeSession>(backwards).is_err());
        let mut bad_plan = json;
        bad_plan["plannedDurationSeconds"] = 5.into();
        assert!(serde_json::from_value::<PracticeSession>(bad_plan).is_err());
    }

    proptest! {
        #[test]
        fn accepted_exactly_when_the_interval_is_valid(length_ms in -1_000i64..20_000_000, kind in 0usize..3) {
            let length = TimeDelta::milliseconds(length_ms);
            let result = PracticeSession::from_fields(fields(PracticeKind::ALL[kind], length));
            let valid = length_ms > 0 && length <= MAX_SESSION_DURATION;
            prop_assert_eq!(result.is_ok(), valid);
            if let Ok(session) = result {
                prop_assert_eq!(session.actual_duration(), length);
                let json = serde_json::to_string(&session).unwrap();
                prop_assert_eq!(serde_json::from_str::<PracticeSession>(&json).unwrap(), session);
            }
        }
    }
}
