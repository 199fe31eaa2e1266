//! Timers shared by requests and breaches: where an act stands against its deadline.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a timer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimerStatus {
    /// Open, less than the at-risk share of the time used.
    OnTrack,
    /// Open, at least the at-risk share of the time used.
    AtRisk,
    /// Open past the deadline.
    Overdue,
    /// Closed in time.
    Met,
    /// Closed late.
    Missed,
}

impl TimerStatus {
    /// Whether someone should look at it: at risk or overdue.
    pub fn needs_attention(&self) -> bool {
        matches!(self, TimerStatus::AtRisk | TimerStatus::Overdue)
    }
}

/// One deadline and where an open or closed act stands against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timer {
    /// The status.
    pub status: TimerStatus,
    /// The deadline. Inclusive for internal targets and the 72 hours of Art. 33 (the last instant that meets
    /// it), exclusive for calendar-month deadlines (the first instant of the day after the due day).
    pub due_at: DateTime<Utc>,
}

/// On track or at risk, by the share of `start..due` elapsed at `now` (integer milliseconds, no rounding
/// drift: at risk when `elapsed × 100 ≥ window × percent`).
pub(crate) fn running(start: DateTime<Utc>, due: DateTime<Utc>, now: DateTime<Utc>, percent: u8) -> TimerStatus {
    let window = i128::from((due - start).num_milliseconds());
    let elapsed = i128::from((now - start).num_milliseconds());
    if elapsed * 100 >= window * i128::from(percent) {
        TimerStatus::AtRisk
    } else {
        TimerStatus::OnTrack
    }
}
