//! A ticket: its workflow status and the dated, attributed history of every move.
//!
//! Each move is a [`TicketEvent`] with its time and actor. The history is append-only and ordered in time;
//! `cesizen-sla` turns it into SLA timer events (start, pause, stop), so the timers and the workflow can
//! never disagree. A ticket read from JSON is rebuilt by replaying its history through the workflow, so a
//! stored ticket with an impossible history is refused.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Actor, IncidentError, IncidentId, Priority, SecurityLevel, TicketAction, TicketStatus};

/// One move of a ticket: the creation (`action` and `from` are `None`, `to` is To do) or a workflow action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "TicketEventRecord")]
pub struct TicketEvent {
    at: DateTime<Utc>,
    actor: Actor,
    action: Option<TicketAction>,
    from: Option<TicketStatus>,
    to: TicketStatus,
}

impl TicketEvent {
    /// When the move happened.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// Who made it.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The workflow action, `None` for the creation.
    pub fn action(&self) -> Option<TicketAction> {
        self.action
    }

    /// The status left, `None` for the creation.
    pub fn from(&self) -> Option<TicketStatus> {
        self.from
    }

    /// The status entered.
    pub fn to(&self) -> TicketStatus {
        self.to
    }
}

/// The JSON form of a [`TicketEvent`], checked against the workflow by `TryFrom`: the input type bindings
/// and stores hand in.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TicketEventRecord {
    /// When the move happened (RFC 3339).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub at: DateTime<Utc>,
    /// Who made it.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub actor: Actor,
    /// The workflow action (its code, `"start"`, …); `None` for the creation.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub action: Option<TicketAction>,
    /// The status left; `None` for the creation.
    #[cfg_attr(feature = "wasm", tsify(type = "TicketStatus | null"))]
    pub from: Option<TicketStatus>,
    /// The status entered.
    pub to: TicketStatus,
}

impl TryFrom<TicketEventRecord> for TicketEvent {
    type Error = IncidentError;

    fn try_from(r: TicketEventRecord) -> Result<Self, Self::Error> {
        match (r.from, r.action) {
            (None, None) if r.to == TicketStatus::ToDo => {}
            (Some(from), Some(action)) if from.apply(action)? == r.to => {}
            _ => return Err(IncidentError::MalformedHistory),
        }
        Ok(TicketEvent {
            at: r.at,
            actor: r.actor,
            action: r.action,
            from: r.from,
            to: r.to,
        })
    }
}

/// A ticket of the incident workflow.
///
/// ```
/// use cesizen_core::incident::{Actor, IncidentId, Priority, Ticket, TicketAction, TicketStatus};
/// let alice = Actor::new("alice").unwrap();
/// let t0 = "2025-01-06T09:00:00Z".parse().unwrap();
/// let mut ticket = Ticket::open(IncidentId::new(1).unwrap(), Priority::P2, None, t0, alice.clone());
/// ticket.apply(TicketAction::Start, t0 + chrono::TimeDelta::minutes(5), alice).unwrap();
/// assert_eq!(ticket.status(), TicketStatus::InProgress);
/// assert_eq!(ticket.history().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "TicketRecord")]
pub struct Ticket {
    id: IncidentId,
    priority: Priority,
    #[serde(skip_serializing_if = "Option::is_none")]
    security_level: Option<SecurityLevel>,
    history: Vec<TicketEvent>,
}

/// The JSON form of a [`Ticket`], replayed through the workflow by `TryFrom`: a history that the workflow
/// would not produce (a forged move, a backdated event, a second creation) is refused with its code.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TicketRecord {
    /// The ticket's id (`CESIZEN-NNNN`).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub id: IncidentId,
    /// The incident priority.
    pub priority: Priority,
    /// The security level, for security incidents.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "SecurityLevel | null"))]
    pub security_level: Option<SecurityLevel>,
    /// Every move, oldest first; the first is the creation.
    pub history: Vec<TicketEventRecord>,
}

impl TryFrom<TicketRecord> for Ticket {
    type Error = IncidentError;

    fn try_from(r: TicketRecord) -> Result<Self, Self::Error> {
        let mut events = r.history.into_iter().map(TicketEvent::try_from);
        let first = events.next().ok_or(IncidentError::MalformedHistory)??;
        if first.action.is_some() {
            return Err(IncidentError::MalformedHistory);
        }
        let mut ticket = Ticket::open(r.id, r.priority, r.security_level, first.at, first.actor);
        for event in events {
            let event = event?;
            let action = event.action.ok_or(IncidentError::MalformedHistory)?;
            let replayed = ticket.apply(action, event.at, event.actor.clone())?;
            if *replayed != event {
                return Err(IncidentError::MalformedHistory);
            }
        }
        Ok(ticket)
    }
}

impl Ticket {
    /// Opens a ticket in To do; the creation is the first event of its history.
    pub fn open(
        id: IncidentId,
        priority: Priority,
        security_level: Option<SecurityLevel>,
        at: DateTime<Utc>,
        actor: Actor,
    ) -> Self {
        let created = TicketEvent {
            at,
            actor,
            action: None,
            from: None,
            to: TicketStatus::ToDo,
        };
        Ticket {
            id,
            priority,
            security_level,
            history: vec![created],
        }
    }

    /// Takes a workflow action at `at` by `actor`, and returns the recorded event.
    ///
    /// # Errors
    /// [`IncidentError::IllegalTransition`] when the workflow refuses the move;
    /// [`IncidentError::OutOfOrder`] when `at` precedes the last event. The ticket is unchanged on error.
    pub fn apply(
        &mut self,
        action: TicketAction,
        at: DateTime<Utc>,
        actor: Actor,
    ) -> Result<&TicketEvent, IncidentError> {
        let last = self.last_event();
        if at < last.at {
            return Err(IncidentError::OutOfOrder);
        }
        let from = last.to;
        let to = from.apply(action)?;
        self.history.push(TicketEvent {
            at,
            actor,
            action: Some(action),
            from: Some(from),
            to,
        });
        Ok(self.last_event())
    }

    /// The ticket's id.
    pub fn id(&self) -> IncidentId {
        self.id
    }

    /// The incident priority.
    pub fn priority(&self) -> Priority {
        self.priority
    }

    /// The security level, for security incidents.
    pub fn security_level(&self) -> Option<SecurityLevel> {
        self.security_level
    }

    /// The current status.
    pub fn status(&self) -> TicketStatus {
        self.last_event().to
    }

    /// When the ticket was opened.
    pub fn created_at(&self) -> DateTime<Utc> {
        self.history[0].at
    }

    /// Every move, oldest first; the first is the creation.
    pub fn history(&self) -> &[TicketEvent] {
        &self.history
    }

    fn last_event(&self) -> &TicketEvent {
        // The history is never empty: `open` creates it with the creation event and nothing removes events.
        self.history.last().expect("a ticket history starts with its creation")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;
    use proptest::prelude::*;

    fn t(minutes: i64) -> DateTime<Utc> {
        "2025-03-30T00:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::minutes(minutes)
    }

    fn who() -> Actor {
        Actor::new("dev-frontend").unwrap()
    }

    fn new_ticket() -> Ticket {
        Ticket::open(IncidentId::new(12).unwrap(), Priority::P1, None, t(0), who())
    }

    #[test]
    fn rollback_sends_back_and_history_records_every_move() {
        let mut ticket = new_ticket();
        use TicketAction::*;
        for (i, action) in [Start, SubmitForReview, ApproveReview, PassTest, Deploy, Rollback]
            .into_iter()
            .enumerate()
        {
            ticket.apply(action, t(i as i64 + 1), who()).unwrap();
        }
        assert_eq!(ticket.status(), TicketStatus::InProgress);
        let last = ticket.history().last().unwrap();
        assert_eq!(
            (last.from(), last.action(), last.to()),
            (Some(TicketStatus::Deployed), Some(Rollback), TicketStatus::InProgress)
        );
        assert_eq!(ticket.history().len(), 7);
    }

    #[test]
    fn illegal_or_backdated_moves_leave_the_ticket_unchanged() {
        let mut ticket = new_ticket();
        let before = ticket.clone();
        assert_eq!(
            ticket.apply(TicketAction::Close, t(1), who()).unwrap_err().code(),
            "workflow.ticket.illegal_transition"
        );
        ticket.apply(TicketAction::Start, t(5), who()).unwrap();
        let after_start = ticket.clone();
        assert_eq!(
            ticket
                .apply(TicketAction::SubmitForReview, t(4), who())
                .unwrap_err()
                .code(),
            "workflow.event.out_of_order"
        );
        assert_eq!(ticket, after_start);
        assert_ne!(before, after_start);
    }

    #[test]
    fn json_round_trip_and_forged_histories_are_refused() {
        let mut ticket = new_ticket();
        ticket.apply(TicketAction::Start, t(1), who()).unwrap();
        let json = serde_json::to_value(&ticket).unwrap();
        assert_eq!(json["history"][1]["from"], "to_do");
        assert_eq!(serde_json::from_value::<Ticket>(json.clone()).unwrap(), ticket);

        let mut forged = json.clone();
        forged["history"][1]["to"] = "deployed".into();
        assert!(serde_json::from_value::<Ticket>(forged).is_err());
        let mut backdated = json.clone();
        backdated["history"][1]["at"] = "2025-03-29T00:00:00Z".into();
        assert!(serde_json::from_value::<Ticket>(backdated).is_err());
        let mut empty = json;
        empty["history"] = serde_json::json!([]);
        assert!(serde_json::from_value::<Ticket>(empty).is_err());
    }

    proptest! {
        #[test]
        fn any_action_sequence_keeps_the_history_consistent(actions in proptest::collection::vec(0usize..9, 0..40)) {
            let mut ticket = new_ticket();
            for (i, a) in actions.into_iter().enumerate() {
                let before = ticket.status();
                let action = TicketAction::ALL[a];
                match ticket.apply(action, t(i as i64), who()) {
                    Ok(e) => prop_assert_eq!(before.apply(action).unwrap(), e.to()),
                    Err(_) => prop_assert_eq!(ticket.status(), before),
                }
            }
            for pair in ticket.history().windows(2) {
                prop_assert_eq!(pair[1].from(), Some(pair[0].to()));
                prop_assert!(pair[0].at() <= pair[1].at());
            }
            let json = serde_json::to_string(&ticket).unwrap();
            prop_assert_eq!(serde_json::from_str::<Ticket>(&json).unwrap(), ticket);
        }
    }
}
