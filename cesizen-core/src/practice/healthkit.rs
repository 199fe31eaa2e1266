//! A practice session as an Apple HealthKit mindful session.
//!
//! HealthKit records mindfulness as a category sample of type `HKCategoryTypeIdentifierMindfulSession`, whose
//! value is always `HKCategoryValue.notApplicable` (0) and whose meaning is its start and end dates. The iOS
//! app turns [`HealthKitMindfulSession`] into an `HKCategorySample` field for field; nothing else is decided on
//! the phone. The session id becomes the sample's `HKMetadataKeySyncIdentifier` (with
//! `HKMetadataKeySyncVersion` 1), so that writing the same session twice replaces the sample instead of
//! counting the minutes twice.
//!
//! HealthKit has no kind of mindfulness: meditation, breathing and the zen garden all become mindful minutes.
//! Whether abandoned sessions are written is the app's choice; the time was spent either way.
//!
//! ```
//! # use cesizen_core::practice::{OngoingSession, PracticeKind};
//! # use cesizen_core::id::{PracticeSessionId, UserId};
//! # use chrono::{Duration, TimeZone, Utc};
//! # let now = Utc.with_ymd_and_hms(2025, 6, 1, 7, 0, 0).unwrap();
//! # let session = OngoingSession::start(PracticeSessionId::new(now)?, UserId::new(now)?, PracticeKind::Meditation, None, now)
//! #     .complete(now + Duration::minutes(10))?;
//! let sample = session.to_healthkit();
//! assert_eq!(sample.category_type_identifier, "HKCategoryTypeIdentifierMindfulSession");
//! assert_eq!(sample.end_date - sample.start_date, Duration::minutes(10));
//! assert_eq!(sample.sync_identifier, session.id().to_string());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{DateTime, Utc};

use super::PracticeSession;

/// `HKCategoryTypeIdentifier.mindfulSession`'s raw value.
pub const HK_MINDFUL_SESSION_TYPE: &str = "HKCategoryTypeIdentifierMindfulSession";
/// `HKCategoryValue.notApplicable`, the only value of a mindful session sample.
pub const HK_CATEGORY_VALUE_NOT_APPLICABLE: i64 = 0;

/// The fields of the `HKCategorySample` that records a session. Serialized in camelCase.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthKitMindfulSession {
    /// Always [`HK_MINDFUL_SESSION_TYPE`].
    pub category_type_identifier: String,
    /// Always [`HK_CATEGORY_VALUE_NOT_APPLICABLE`].
    pub value: i64,
    /// The sample's start date.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub start_date: DateTime<Utc>,
    /// The sample's end date.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub end_date: DateTime<Utc>,
    /// `HKMetadataKeySyncIdentifier`: the session id.
    pub sync_identifier: String,
    /// `HKMetadataKeySyncVersion`: 1; a higher version replaces a sample with the same identifier.
    pub sync_version: i64,
}

impl PracticeSession {
    /// The HealthKit mindful-session sample of this session.
    pub fn to_healthkit(&self) -> HealthKitMindfulSession {
        HealthKitMindfulSession {
            category_type_identifier: HK_MINDFUL_SESSION_TYPE.to_owned(),
            value: HK_CATEGORY_VALUE_NOT_APPLICABLE,
            start_date: self.started_at(),
            end_date: self.ended_at(),
            sync_identifier: self.id().to_string(),
            sync_version: 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::practice::session::tests::{fields, t0};
    use crate::practice::{PracticeKind, PracticeSession};
    use chrono::TimeDelta;

    #[test]
    fn every_kind_maps_to_a_mindful_session_with_the_same_times() {
        for kind in PracticeKind::ALL {
            let session = PracticeSession::from_fields(fields(kind, TimeDelta::minutes(12))).unwrap();
            let sample = session.to_healthkit();
            assert_eq!(
                sample.category_type_identifier,
                "HKCategoryTypeIdentifierMindfulSession"
            );
            assert_eq!(sample.value, 0);
            assert_eq!(
                (sample.start_date, sample.end_date),
                (t0(), t0() + TimeDelta::minutes(12))
            );
            assert_eq!(sample.sync_version, 1);
        }
    }

    #[test]
    fn json_is_camel_case() {
        let session = PracticeSession::from_fields(fields(PracticeKind::Meditation, TimeDelta::minutes(1))).unwrap();
        let json = serde_json::to_value(session.to_healthkit()).unwrap();
        assert_eq!(json["categoryTypeIdentifier"], "HKCategoryTypeIdentifierMindfulSession");
        assert_eq!(json["startDate"], "2025-06-01T07:00:00Z");
        assert_eq!(json["endDate"], "2025-06-01T07:01:00Z");
        assert_eq!(json["syncIdentifier"], session.id().to_string());
        assert_eq!(
            serde_json::from_value::<super::HealthKitMindfulSession>(json).unwrap(),
            session.to_healthkit()
        );
    }
}
