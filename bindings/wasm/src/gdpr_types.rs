//! The TypeScript declarations of the GDPR functions' structured results.
//!
//! Each type mirrors the JSON form of a `cesizen-gdpr` type (or of a result object the binding assembles), as
//! [`crate::convert`] describes; the tests check every mirror against the shared vectors.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// Where a data-subject request stands in its workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// Received, identity not yet checked.
    Received,
    /// Additional information was asked for to confirm the identity (Art. 12(6)).
    AwaitingIdentity,
    /// Being handled.
    InProgress,
    /// Done.
    Completed,
    /// Refused (Art. 12(5)).
    Refused,
    /// Withdrawn by the person.
    Withdrawn,
}

/// Where an act stands against its deadline (mirror of `cesizen_gdpr::TimerStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Open, less than the at-risk share of the time used.
    OnTrack,
    /// Open, past the at-risk share.
    AtRisk,
    /// Open, past the deadline.
    Overdue,
    /// Done by the deadline.
    Met,
    /// Done after the deadline.
    Missed,
}

/// A deadline and where the act stands against it (mirror of `cesizen_gdpr::Timer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// Where it stands.
    pub status: DeadlineStatus,
    /// When it is due (RFC 3339).
    pub due_at: String,
}

/// `assessRequest()`'s result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RequestAssessment {
    /// The workflow state.
    pub state: RequestState,
    /// The plan's internal target; `null` for a kind of request without one.
    pub internal: Option<Deadline>,
    /// The legal deadline (Art. 12(3)).
    pub legal: Deadline,
    /// The legal deadline's local day (`2025-04-03`).
    pub legal_due_date: String,
}

/// What retention does with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum RetentionAction {
    /// Nothing is due yet (or ever).
    Keep,
    /// Anonymise it.
    Anonymise,
    /// Delete it.
    Delete,
    /// Tell the person before deletion.
    Notify,
}

/// `retentionDecide()`'s result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RetentionDecision {
    /// What to do now.
    pub action: RetentionAction,
    /// When the next step is due (RFC 3339); `null` when none ever is.
    pub due_at: Option<String>,
}

/// Whether and how the people concerned by a breach must be told (Art. 34).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum Art34Decision {
    /// No high risk: no communication.
    NotRequired,
    /// High risk: tell them.
    Required,
    /// Exempt: the data were unintelligible (encrypted).
    ExemptUnintelligible,
    /// Exempt: measures since removed the high risk.
    ExemptRiskRemoved,
    /// Telling each would take disproportionate effort: a public communication instead.
    PublicCommunication,
}

/// `assessBreach()`'s result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct BreachStatus {
    /// When the authority must be notified (72 hours after awareness, RFC 3339).
    pub notification_due_at: String,
    /// Where the notification stands; `null` when none is required.
    pub notification: Option<DeadlineStatus>,
    /// The Art. 34 decision.
    pub art34: Art34Decision,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vectors::{expected_outputs, round_trip};

    #[test]
    fn mirrors_read_the_vectors_outputs() {
        expected_outputs("gdpr", "assessRequest")
            .into_iter()
            .for_each(round_trip::<RequestAssessment>);
        expected_outputs("gdpr", "retentionDecide")
            .into_iter()
            .for_each(round_trip::<RetentionDecision>);
        expected_outputs("gdpr", "assessBreach")
            .into_iter()
            .for_each(round_trip::<BreachStatus>);
    }
}
