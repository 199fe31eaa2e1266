//! Incidents and tickets: priorities from impacts, security levels, support levels, incident ids, the ticket
//! workflow and the GDPR Art. 33 notification clock, each function one call into `cesizen_core::incident`.
//!
//! Codes (`"p1"`, `"app_unreachable"`, `"in_progress"`, …) are the SDK's stable serialized names; an unknown code
//! is refused with `input.argument.invalid`.

use tsify::Ts;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use cesizen_core::incident::{
    BreachDeadline, BreachNotificationClock, Impact, IncidentClassification, IncidentId, ParsedIncidentId, Priority,
    SecurityClassification, SecurityEventKind, SupportLevel, SupportLevelGoal, Ticket, TicketAction, TicketRecord,
    TicketState, TicketStatus, classify, classify_security,
};

use crate::convert::{read, string_from_js, time_from_js, write};
use crate::error::SdkError;

/// The priority of an incident from its impacts (the highest wins).
///
/// Throws the SDK's code for an empty list; `input.argument.invalid` for an unknown impact.
#[wasm_bindgen(js_name = classifyIncident)]
pub fn classify_incident(
    #[wasm_bindgen(unchecked_param_type = "string[]")] impacts: JsValue,
) -> Result<Ts<IncidentClassification>, SdkError> {
    let impacts: Vec<Impact> = read(&impacts, "impact code[]")?;
    write(&classify(&impacts)?.classification())
}

/// The level of a security incident from what was observed (the most severe wins).
#[wasm_bindgen(js_name = classifySecurityIncident)]
pub fn classify_security_incident(
    #[wasm_bindgen(unchecked_param_type = "string[]")] events: JsValue,
) -> Result<Ts<SecurityClassification>, SdkError> {
    let events: Vec<SecurityEventKind> = read(&events, "security event code[]")?;
    write(&classify_security(&events)?.classification())
}

/// A support level's goal for a priority (`"l1"`…`"l3"`, `"p1"`…`"p4"`), and the level it escalates to.
#[wasm_bindgen(js_name = supportGoal)]
pub fn support_goal(
    #[wasm_bindgen(unchecked_param_type = "string")] level: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] priority: JsValue,
) -> Result<Ts<SupportLevelGoal>, SdkError> {
    let level: SupportLevel = read(&level, "support level code")?;
    let priority: Priority = read(&priority, "priority code")?;
    write(&level.commitment(priority))
}

/// Reads an incident id (`CESIZEN-NNNN`) and gives the next one.
///
/// Throws the SDK's incident-id codes.
#[wasm_bindgen(js_name = parseIncidentId)]
pub fn parse_incident_id(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
) -> Result<Ts<ParsedIncidentId>, SdkError> {
    let id: IncidentId = string_from_js(&id)?.parse()?;
    write(&id.parsed()?)
}

/// The status a ticket moves to when `action` is applied in `status`.
///
/// Throws `workflow.ticket.illegal_transition` (or the SDK's code) when the workflow forbids it.
#[wasm_bindgen(js_name = applyTicketAction)]
pub fn apply_ticket_action(
    #[wasm_bindgen(unchecked_param_type = "string")] status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] action: JsValue,
) -> Result<String, SdkError> {
    let status: TicketStatus = read(&status, "ticket status code")?;
    let action: TicketAction = read(&action, "ticket action code")?;
    crate::convert::code_of(&status.apply(action)?)
}

/// Replays a stored ticket's history through the workflow: where it stands and what it allows next.
///
/// Throws the workflow's code for a history it refuses.
#[wasm_bindgen(js_name = replayTicket)]
pub fn replay_ticket(ticket: Ts<TicketRecord>) -> Result<Ts<TicketState>, SdkError> {
    let record: TicketRecord = crate::convert::from_js(&ticket)?;
    let ticket = Ticket::try_from(record)?;
    write(&ticket.status().state())
}

/// The GDPR Art. 33 clock: a personal-data breach is notified within 72 hours of awareness.
#[wasm_bindgen(js_name = breachNotificationDeadline)]
pub fn breach_notification_deadline(
    #[wasm_bindgen(js_name = awareAt, unchecked_param_type = "Date | string")] aware_at: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
) -> Result<Ts<BreachDeadline>, SdkError> {
    let clock = BreachNotificationClock::new(time_from_js(&aware_at)?);
    write(&clock.status(time_from_js(&now)?))
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::*;
    use crate::vectors::{expected_outputs, round_trip};

    fn mirrors<M: Serialize + DeserializeOwned>(op: &str) {
        expected_outputs("incidents", op).into_iter().for_each(round_trip::<M>);
    }

    #[test]
    fn mirrors_read_the_vectors_outputs() {
        mirrors::<IncidentClassification>("classifyIncident");
        mirrors::<SecurityClassification>("classifySecurityIncident");
        mirrors::<SupportLevelGoal>("supportGoal");
        mirrors::<ParsedIncidentId>("parseIncidentId");
        mirrors::<TicketState>("replayTicket");
        mirrors::<BreachDeadline>("breachNotificationDeadline");
    }
}
