//! Incidents: priorities and their SLAs, security levels, support levels, incident ids, the ticket workflow and
//! the GDPR Art. 33 breach clock — each function one call into `cesizen_core::incident`.

use cesizen_core::incident::{
    self as core_incident, Actor, BreachNotificationClock, GoalKind, Impact, IncidentId, Priority, SecurityEventKind,
    SecurityLevel, SupportLevel, Ticket, TicketAction, TicketEventRecord, TicketRecord as CoreTicketRecord,
    TicketStatus,
};

use crate::{CesizenError, Timestamp, boundary::guard};

/// A support level's goal for a priority.
/// Binding shape: the duration crosses as signed milliseconds (the domain holds a `TimeDelta`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct SupportGoal {
    /// Response or resolution.
    pub kind: GoalKind,
    /// Within how many milliseconds.
    pub within_ms: i64,
}

/// What a support level owes for a priority, and where it escalates.
/// Binding shape: the SDK's `SupportLevelGoal`, its goal a binding-shaped [`SupportGoal`] (milliseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct SupportCommitment {
    /// The goal, if this level has one for the priority.
    pub goal: Option<SupportGoal>,
    /// The next level up, if any.
    pub escalates_to: Option<SupportLevel>,
}

impl From<core_incident::SupportGoal> for SupportGoal {
    fn from(goal: core_incident::SupportGoal) -> Self {
        SupportGoal {
            kind: goal.kind,
            within_ms: goal.within.num_milliseconds(),
        }
    }
}

impl From<core_incident::SupportLevelGoal> for SupportCommitment {
    fn from(commitment: core_incident::SupportLevelGoal) -> Self {
        SupportCommitment {
            goal: commitment.goal.map(SupportGoal::from),
            escalates_to: commitment.escalates_to,
        }
    }
}

/// An incident id read back.
/// Binding shape: the id and the next one cross as text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ParsedIncidentId {
    /// Canonical text, `CESIZEN-NNNN`.
    pub id: String,
    /// Its number.
    pub number: u32,
    /// The id that follows.
    pub next: String,
}

/// Where a personal-data breach stands against the 72-hour notification deadline (GDPR Art. 33).
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct BreachDeadline {
    /// When the authority must have been notified.
    pub deadline: Timestamp,
    /// Whether `now` is past it.
    pub overdue: bool,
    /// Milliseconds left (negative once overdue).
    pub remaining_ms: i64,
}

/// Classifies an incident by its impacts. Errors: `incident.impact.empty`.
#[uniffi::export]
pub fn classify_incident(impacts: Vec<Impact>) -> Result<core_incident::IncidentClassification, CesizenError> {
    guard(|| Ok(core_incident::classify(&impacts)?.classification()))
}

/// Classifies a security incident by what was observed. Errors: the `incident.*` code of an empty list.
#[uniffi::export]
pub fn classify_security_incident(
    events: Vec<SecurityEventKind>,
) -> Result<core_incident::SecurityClassification, CesizenError> {
    guard(|| Ok(core_incident::classify_security(&events)?.classification()))
}

/// What `level` owes for `priority`, and where it escalates.
#[uniffi::export]
pub fn support_goal(level: SupportLevel, priority: Priority) -> Result<SupportCommitment, CesizenError> {
    guard(|| Ok(level.commitment(priority).into()))
}

/// Parses an incident id (`CESIZEN-0042`). Errors: `validation.incident_id.invalid`.
#[uniffi::export]
pub fn parse_incident_id(id: String) -> Result<ParsedIncidentId, CesizenError> {
    guard(|| {
        let parsed = id.parse::<IncidentId>()?.parsed()?;
        Ok(ParsedIncidentId {
            id: parsed.id.to_string(),
            number: parsed.number,
            next: parsed.next.to_string(),
        })
    })
}

/// Applies a workflow action to a ticket's status. Errors: `workflow.ticket.illegal_transition`.
#[uniffi::export]
pub fn apply_ticket_action(status: TicketStatus, action: TicketAction) -> Result<TicketStatus, CesizenError> {
    guard(|| Ok(status.apply(action)?))
}

/// The actions a ticket in `status` allows.
#[uniffi::export]
pub fn allowed_ticket_actions(status: TicketStatus) -> Result<Vec<TicketAction>, CesizenError> {
    guard(|| Ok(status.allowed_actions()))
}

/// The Art. 33 clock of a breach the controller became aware of at `aware_at`, read at `now`.
#[uniffi::export]
pub fn breach_notification_deadline(aware_at: Timestamp, now: Timestamp) -> Result<BreachDeadline, CesizenError> {
    guard(|| {
        let status = BreachNotificationClock::new(aware_at).status(now);
        Ok(BreachDeadline {
            deadline: status.deadline,
            overdue: status.overdue,
            remaining_ms: status.remaining_ms,
        })
    })
}

/// One move of a stored ticket's history.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`; the actor crosses as text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TicketMove {
    /// When the move happened.
    pub at: Timestamp,
    /// Who made it (a person or `monitoring`; 1 to 128 characters, no padding or control characters).
    pub actor: String,
    /// The workflow action; `None` for the creation.
    pub action: Option<TicketAction>,
    /// The status left; `None` for the creation. (Not `from`: a keyword in Python.)
    pub from_status: Option<TicketStatus>,
    /// The status entered.
    pub to_status: TicketStatus,
}

/// A ticket as stored: its id, priority and full history, oldest move first.
/// Binding shape: the id crosses as text and the moves' instants as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TicketRecord {
    /// `CESIZEN-NNNN`.
    pub id: String,
    /// The incident priority.
    pub priority: Priority,
    /// The security level, for a security incident.
    pub security_level: Option<SecurityLevel>,
    /// Every move; the first is the creation.
    pub history: Vec<TicketMove>,
}

impl TicketRecord {
    /// The SDK's record (ids and actors validated; the history is checked when the ticket is replayed).
    pub(crate) fn to_core(&self) -> Result<CoreTicketRecord, CesizenError> {
        let history = self
            .history
            .iter()
            .map(|m| {
                Ok(TicketEventRecord {
                    at: m.at,
                    actor: Actor::new(m.actor.clone())?,
                    action: m.action,
                    from: m.from_status,
                    to: m.to_status,
                })
            })
            .collect::<Result<Vec<_>, CesizenError>>()?;
        Ok(CoreTicketRecord {
            id: self.id.parse()?,
            priority: self.priority,
            security_level: self.security_level,
            history,
        })
    }
}

/// Where a replayed ticket stands.
/// Binding shape: read from a replayed `Ticket`, a stateful object that stays in Rust.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TicketState {
    /// The current status.
    pub status: TicketStatus,
    /// The actions the workflow allows from it.
    pub allowed_actions: Vec<TicketAction>,
}

/// Replays a stored ticket's history through the workflow: where it stands and what it allows next.
///
/// Errors: `validation.incident_id.invalid`, the actor's validation code, `workflow.ticket.malformed_history`
/// for a history the workflow refuses, `workflow.event.out_of_order` for a backdated move.
#[uniffi::export]
pub fn replay_ticket(ticket: TicketRecord) -> Result<TicketState, CesizenError> {
    guard(|| {
        let state = Ticket::try_from(ticket.to_core()?)?.status().state();
        Ok(TicketState {
            status: state.status,
            allowed_actions: state.allowed_actions,
        })
    })
}
