//! Builders for the KPI tests.

use chrono::{DateTime, Utc};

use crate::id::{PracticeSessionId, UserId};
use crate::kpi::{ProductEvent, ProductEventKind};
use crate::practice::{PracticeKind, PracticeOutcome};

/// A user id from one byte.
pub(crate) fn user(n: u8) -> UserId {
    crate::emotion::test_support::user(n)
}

/// A session id from one byte.
pub(crate) fn session(n: u8) -> PracticeSessionId {
    PracticeSessionId::from_parts(at("2025-01-01T00:00:00Z"), [n; 10]).expect("a valid time")
}

/// A UTC instant from RFC 3339 text.
pub(crate) fn at(text: &str) -> DateTime<Utc> {
    crate::emotion::test_support::utc(text)
}

/// An event.
pub(crate) fn event(user: UserId, when: &str, kind: ProductEventKind) -> ProductEvent {
    ProductEvent {
        user_id: user,
        at: at(when),
        kind,
    }
}

/// A practice session's start.
pub(crate) fn started(user: UserId, when: &str, id: PracticeSessionId, practice: PracticeKind) -> ProductEvent {
    event(
        user,
        when,
        ProductEventKind::PracticeSessionStarted {
            session_id: id,
            practice,
        },
    )
}

/// A practice session's end.
pub(crate) fn ended(user: UserId, when: &str, id: PracticeSessionId) -> ProductEvent {
    event(
        user,
        when,
        ProductEventKind::PracticeSessionEnded {
            session_id: id,
            outcome: PracticeOutcome::Completed,
        },
    )
}
