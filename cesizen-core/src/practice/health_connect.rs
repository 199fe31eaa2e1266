//! A practice session as an Android Health Connect `MindfulnessSessionRecord`.
//!
//! Health Connect records a mindfulness session with a start and end time, the zone offsets at both ends, a
//! session type (an integer constant), an optional title and notes, and metadata whose `clientRecordId` lets the
//! app update its own record instead of duplicating it. The Android app builds the record from
//! [`HealthConnectMindfulnessSession`] field for field.
//!
//! | practice | Health Connect type | value |
//! |---|---|---|
//! | meditation | `MINDFULNESS_SESSION_TYPE_MEDITATION` | 1 |
//! | breathing exercise | `MINDFULNESS_SESSION_TYPE_BREATHING` | 3 |
//! | zen garden | `MINDFULNESS_SESSION_TYPE_OTHER` | 2 |
//!
//! The zen garden is neither guided breathing, music, movement nor meditation, hence *other*. The zone
//! offsets come from the user's time zone at each end, so a session across a daylight-saving change has two
//! different offsets, as Health Connect expects. The title is the app's, already translated.
//!
//! ```
//! # use cesizen_core::practice::{OngoingSession, PracticeKind};
//! # use cesizen_core::id::{PracticeSessionId, UserId};
//! # use cesizen_core::user::IanaTimeZone;
//! # use chrono::{Duration, TimeZone, Utc};
//! # let now = Utc.with_ymd_and_hms(2025, 6, 1, 7, 0, 0).unwrap();
//! # let session = OngoingSession::start(PracticeSessionId::new(now)?, UserId::new(now)?, PracticeKind::BreathingExercise, None, now)
//! #     .complete(now + Duration::minutes(5))?;
//! let record = session.to_health_connect(IanaTimeZone::EUROPE_PARIS, Some("Cohérence cardiaque"));
//! assert_eq!(record.mindfulness_session_type, 3);
//! assert_eq!(record.start_zone_offset_seconds, 7200); // Paris in summer
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{DateTime, Offset, TimeZone, Utc};

use super::{PracticeKind, PracticeSession};
use crate::user::IanaTimeZone;

/// `MINDFULNESS_SESSION_TYPE_UNKNOWN`.
pub const MINDFULNESS_SESSION_TYPE_UNKNOWN: i32 = 0;
/// `MINDFULNESS_SESSION_TYPE_MEDITATION`.
pub const MINDFULNESS_SESSION_TYPE_MEDITATION: i32 = 1;
/// `MINDFULNESS_SESSION_TYPE_OTHER`.
pub const MINDFULNESS_SESSION_TYPE_OTHER: i32 = 2;
/// `MINDFULNESS_SESSION_TYPE_BREATHING` (guided breathing).
pub const MINDFULNESS_SESSION_TYPE_BREATHING: i32 = 3;
/// `MINDFULNESS_SESSION_TYPE_MUSIC` (music, soundscapes).
pub const MINDFULNESS_SESSION_TYPE_MUSIC: i32 = 4;
/// `MINDFULNESS_SESSION_TYPE_MOVEMENT` (stretches, movement).
pub const MINDFULNESS_SESSION_TYPE_MOVEMENT: i32 = 5;
/// `MINDFULNESS_SESSION_TYPE_UNGUIDED`.
pub const MINDFULNESS_SESSION_TYPE_UNGUIDED: i32 = 6;

/// The fields of the `MindfulnessSessionRecord` that records a session. Serialized in camelCase.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthConnectMindfulnessSession {
    /// `startTime`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub start_time: DateTime<Utc>,
    /// `startZoneOffset`, in seconds east of UTC.
    pub start_zone_offset_seconds: i32,
    /// `endTime`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub end_time: DateTime<Utc>,
    /// `endZoneOffset`, in seconds east of UTC.
    pub end_zone_offset_seconds: i32,
    /// `mindfulnessSessionType`: one of the `MINDFULNESS_SESSION_TYPE_*` constants.
    pub mindfulness_session_type: i32,
    /// `title`, shown in Health Connect.
    pub title: Option<String>,
    /// `metadata.clientRecordId`: the session id.
    pub client_record_id: String,
    /// `metadata.clientRecordVersion`: 1; a higher version replaces the record with the same id.
    pub client_record_version: i64,
}

impl PracticeKind {
    /// The Health Connect session type of this kind of practice.
    pub fn health_connect_type(self) -> i32 {
        match self {
            PracticeKind::Meditation => MINDFULNESS_SESSION_TYPE_MEDITATION,
            PracticeKind::BreathingExercise => MINDFULNESS_SESSION_TYPE_BREATHING,
            PracticeKind::ZenGarden => MINDFULNESS_SESSION_TYPE_OTHER,
        }
    }
}

impl PracticeSession {
    /// The Health Connect record of this session, with offsets from the user's `time_zone` and an optional
    /// (translated) `title`.
    pub fn to_health_connect(&self, time_zone: IanaTimeZone, title: Option<&str>) -> HealthConnectMindfulnessSession {
        let offset = |at: DateTime<Utc>| {
            time_zone
                .tz()
                .offset_from_utc_datetime(&at.naive_utc())
                .fix()
                .local_minus_utc()
        };
        HealthConnectMindfulnessSession {
            start_time: self.started_at(),
            start_zone_offset_seconds: offset(self.started_at()),
            end_time: self.ended_at(),
            end_zone_offset_seconds: offset(self.ended_at()),
            mindfulness_session_type: self.kind().health_connect_type(),
            title: title.map(str::to_owned),
            client_record_id: self.id().to_string(),
            client_record_version: 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::session::tests::fields;
    use chrono::TimeDelta;
    use proptest::prelude::*;

    #[test]
    fn kinds_map_to_the_documented_types() {
        assert_eq!(PracticeKind::Meditation.health_connect_type(), 1);
        assert_eq!(PracticeKind::BreathingExercise.health_connect_type(), 3);
        assert_eq!(PracticeKind::ZenGarden.health_connect_type(), 2);
    }

    #[test]
    fn offsets_follow_the_user_zone_across_daylight_saving() {
        // Paris leaves summer time at 01:00 UTC on 26 October 2025.
        let mut f = fields(PracticeKind::Meditation, TimeDelta::minutes(30));
        f.started_at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2025, 10, 26, 0, 45, 0).unwrap();
        f.ended_at = f.started_at + TimeDelta::minutes(30);
        let session = PracticeSession::from_fields(f).unwrap();
        let record = session.to_health_connect(IanaTimeZone::EUROPE_PARIS, None);
        assert_eq!(
            (record.start_zone_offset_seconds, record.end_zone_offset_seconds),
            (7200, 3600)
        );
        assert_eq!(record.title, None);
        assert_eq!(record.client_record_id, session.id().to_string());
    }

    #[test]
    fn json_is_camel_case() {
        let session = PracticeSession::from_fields(fields(PracticeKind::ZenGarden, TimeDelta::minutes(2))).unwrap();
        let utc = IanaTimeZone::parse("UTC").unwrap();
        let record = session.to_health_connect(utc, Some("Jardin zen"));
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["mindfulnessSessionType"], 2);
        assert_eq!(json["startZoneOffsetSeconds"], 0);
        assert_eq!(json["title"], "Jardin zen");
        assert_eq!(json["startTime"], "2025-06-01T07:00:00Z");
        assert_eq!(json["clientRecordVersion"], 1);
        assert_eq!(
            serde_json::from_value::<HealthConnectMindfulnessSession>(json).unwrap(),
            record
        );
    }

    proptest! {
        #[test]
        fn offsets_are_the_zone_offsets_at_each_end(zone in 0..crate::tz::Tz::all().len(), start_s in 0i64..400_000_000, length_s in 1i64..14_400) {
            let tz = crate::tz::Tz::all().nth(zone).unwrap();
            let mut f = fields(PracticeKind::Meditation, TimeDelta::seconds(length_s));
            f.started_at = chrono::DateTime::UNIX_EPOCH + TimeDelta::seconds(1_500_000_000 + start_s);
            f.ended_at = f.started_at + TimeDelta::seconds(length_s);
            let record = PracticeSession::from_fields(f).unwrap().to_health_connect(IanaTimeZone::from(tz), None);
            let local_start = record.start_time.with_timezone(&tz).naive_local();
            prop_assert_eq!(local_start - record.start_time.naive_utc(), TimeDelta::seconds(record.start_zone_offset_seconds.into()));
            let local_end = record.end_time.with_timezone(&tz).naive_local();
            prop_assert_eq!(local_end - record.end_time.naive_utc(), TimeDelta::seconds(record.end_zone_offset_seconds.into()));
        }
    }
}
