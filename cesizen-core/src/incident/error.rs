//! Failures of the incident module, each with a stable machine code.

use super::{TicketAction, TicketStatus};
use crate::incident::ReportStatus;

/// A failure of the incident module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IncidentError {
    /// The text is not an incident id of the form `CESIZEN-NNNN`.
    #[error("an incident id has the form CESIZEN-NNNN (at least four digits, no extra leading zero, not 0)")]
    InvalidId,
    /// The incident number space is exhausted.
    #[error("no incident id follows CESIZEN-4294967295")]
    IdOverflow,
    /// An incident was to be classified without any impact.
    #[error("an incident is classified from at least one impact")]
    NoImpact,
    /// An actor name is empty, too long or holds control characters.
    #[error("an actor is 1 to 128 printable characters")]
    InvalidActor,
    /// A free-text field of a report is empty, too long or holds control characters.
    #[error("the report field `{field}` is empty, too long or holds control characters")]
    InvalidText {
        /// The field, named as in JSON.
        field: &'static str,
    },
    /// A ticket was asked to make a move its workflow does not allow.
    #[error("a ticket in status {from} cannot take the action {action}")]
    IllegalTransition {
        /// The status the ticket was in.
        from: TicketStatus,
        /// The refused action.
        action: TicketAction,
    },
    /// A ticket's history does not start with its creation or holds a creation later on.
    #[error("a ticket history starts with exactly one creation event")]
    MalformedHistory,
    /// An event is dated before the event that precedes it.
    #[error("an event is dated before the previous event")]
    OutOfOrder,
    /// An incident report's status cannot move as asked.
    #[error("an incident report cannot move from {from} to {to}")]
    IllegalReportStatus {
        /// The current status.
        from: ReportStatus,
        /// The refused status.
        to: ReportStatus,
    },
    /// A resolution time precedes the detection time.
    #[error("an incident cannot be resolved before it was detected")]
    ResolvedBeforeDetected,
    /// A resolved or closed report has no resolution time, or an open one has one.
    #[error("a report has a resolution time exactly when it is resolved or closed")]
    ResolutionMismatch,
    /// More users are affected than the population they are counted in.
    #[error("users affected exceed the total number of users")]
    AffectedExceedsTotal,
    /// A duration is negative.
    #[error("a duration cannot be negative")]
    NegativeDuration,
    /// A list holds too many entries.
    #[error("the list `{field}` holds more than {max} entries")]
    TooMany {
        /// The field, named as in JSON.
        field: &'static str,
        /// The maximum.
        max: usize,
    },
}

impl IncidentError {
    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            IncidentError::InvalidId => "validation.incident_id.invalid",
            IncidentError::IdOverflow => "incident.id.overflow",
            IncidentError::NoImpact => "incident.impact.empty",
            IncidentError::InvalidActor => "validation.actor.invalid",
            IncidentError::InvalidText { .. } => "validation.incident_text.invalid",
            IncidentError::IllegalTransition { .. } => "workflow.ticket.illegal_transition",
            IncidentError::MalformedHistory => "workflow.ticket.malformed_history",
            IncidentError::OutOfOrder => "workflow.event.out_of_order",
            IncidentError::IllegalReportStatus { .. } => "workflow.report.illegal_transition",
            IncidentError::ResolvedBeforeDetected => "incident.report.resolved_before_detected",
            IncidentError::ResolutionMismatch => "incident.report.resolution_mismatch",
            IncidentError::AffectedExceedsTotal => "incident.report.affected_exceeds_total",
            IncidentError::NegativeDuration => "validation.duration.negative",
            IncidentError::TooMany { .. } => "validation.list.too_many",
        }
    }

    /// The kind of failure: an illegal ticket or report move, or a refused value (a malformed or out-of-order
    /// history is a refused value, not a refused move).
    pub fn kind(&self) -> crate::code::ErrorKind {
        match self {
            IncidentError::IllegalTransition { .. } | IncidentError::IllegalReportStatus { .. } => {
                crate::code::ErrorKind::Workflow
            }
            _ => crate::code::ErrorKind::Validation,
        }
    }
}
