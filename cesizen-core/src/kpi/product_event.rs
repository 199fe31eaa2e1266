//! The product event stream KPIs are computed from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{PracticeSessionId, UserId};
use crate::practice::{PracticeKind, PracticeOutcome};

/// Something a user did, as the apps report it to the analytics stream.
///
/// JSON form: `{"userId": "…", "at": "2025-03-14T09:30:00Z", "type": "practice_session_started",
/// "sessionId": "…", "practice": "meditation"}` — the kind's fields sit beside `userId` and `at`.
// TypeScript: an intersection, since an interface cannot extend the union of the kinds.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(type = "{ userId: string; at: string } & ProductEventKind")
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductEvent {
    /// Who did it.
    pub user_id: UserId,
    /// When (RFC 3339, any offset; kept as UTC).
    pub at: DateTime<Utc>,
    /// What.
    #[serde(flatten)]
    pub kind: ProductEventKind,
}

/// What a [`ProductEvent`] records. Every kind counts as activity for the daily active users.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum ProductEventKind {
    /// The account was created: the event that places a user in a sign-up cohort.
    SignedUp,
    /// The app came to the foreground.
    AppOpened,
    /// A practice session began.
    PracticeSessionStarted {
        /// The session, to pair with its end.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        session_id: PracticeSessionId,
        /// What is practised.
        practice: PracticeKind,
    },
    /// A practice session ended.
    PracticeSessionEnded {
        /// The session, to pair with its start.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        session_id: PracticeSessionId,
        /// Completed or abandoned.
        outcome: PracticeOutcome,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_puts_the_kind_beside_user_and_time() {
        let at: DateTime<Utc> = "2025-03-14T09:30:00Z".parse().unwrap();
        let user_id = UserId::from_parts(at, [1; 10]).unwrap();
        let session_id = PracticeSessionId::from_parts(at, [2; 10]).unwrap();
        let event = ProductEvent {
            user_id,
            at,
            kind: ProductEventKind::PracticeSessionStarted {
                session_id,
                practice: PracticeKind::Meditation,
            },
        };
        let value = serde_json::to_value(event).unwrap();
        assert_eq!(
            value,
            json!({"userId": user_id.to_string(), "at": "2025-03-14T09:30:00Z", "type": "practice_session_started",
                   "sessionId": session_id.to_string(), "practice": "meditation"})
        );
        assert_eq!(serde_json::from_value::<ProductEvent>(value).unwrap(), event);
        let signed_up = json!({"userId": user_id.to_string(), "at": "2025-03-14T09:30:00Z", "type": "signed_up"});
        assert_eq!(
            serde_json::from_value::<ProductEvent>(signed_up).unwrap().kind,
            ProductEventKind::SignedUp
        );
        let unknown = json!({"userId": user_id.to_string(), "at": "2025-03-14T09:30:00Z", "type": "rage_quit"});
        assert!(serde_json::from_value::<ProductEvent>(unknown).is_err());
    }
}
