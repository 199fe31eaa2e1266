//! Incidents: priorities, security levels, support levels, reports and the ticket workflow.
//!
//! The maintenance plan's "Maintenance curative", "Méthodologie de gestion des incidents" and "Gestion des
//! incidents de sécurité" as types:
//!
//! - [`Priority`] P1–P4 with the resolution goals, [`classify`] from observed [`Impact`]s, and whether the
//!   on-call team is paged ([`Handling`]);
//! - [`SecurityLevel`] S1–S4 with response goals, [`SecurityAction`]s and audiences, and the GDPR Art. 33
//!   notification deadline ([`BreachNotificationClock`]);
//! - [`SupportLevel`] L1–L3 and their goals;
//! - [`IncidentReport`] with its [`IncidentId`] `CESIZEN-NNNN`;
//! - the ticket workflow as a state machine ([`TicketStatus::apply`]) and [`Ticket`]s whose dated,
//!   attributed history ([`TicketEvent`]) feeds the SLA timers of `cesizen-sla`.
//!
//! The goals here are the plan's defaults. Timing rules that depend on a calendar (business hours,
//! holidays) and the 50 % escalation instant live in `cesizen-sla`, which reads these types.

mod actor;
mod breach_deadline;
mod checklist;
mod error;
mod impact;
mod incident_id;
mod priority;
mod report;
mod security;
mod support_level;
mod ticket;
mod ticket_status;

pub use actor::Actor;
pub use breach_deadline::{ART33_NOTIFICATION_HOURS, BreachDeadline, BreachNotificationClock};
pub use checklist::{Checklist, ChecklistItem};
pub use error::IncidentError;
pub use impact::{Impact, classify};
pub use incident_id::{IncidentId, ParsedIncidentId};
pub use priority::{Handling, IncidentClassification, Priority};
pub use report::{IncidentReport, ReportStatus, UsersAffected};
pub use security::{
    SecurityAction, SecurityAudience, SecurityClassification, SecurityEventKind, SecurityLevel, classify_security,
};
pub use support_level::{GoalKind, SupportGoal, SupportLevel, SupportLevelGoal};
pub use ticket::{Ticket, TicketEvent, TicketEventRecord, TicketRecord};
pub use ticket_status::{TicketAction, TicketState, TicketStatus};
