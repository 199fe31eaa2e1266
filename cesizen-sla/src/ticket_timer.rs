//! SLA timers driven by the ticket workflow of `cesizen-core`.
//!
//! Which workflow moves start, pause and stop a timer is data ([`TimerConditions`]), as in Jira Service
//! Management. The resolution timer (the plan's P1–P4 goals) starts when the ticket is created, and stops
//! when the fix is deployed (or the ticket closed); a rollback returns the ticket to In progress, which starts
//! a new cycle. The response timer (L1: first response < 4 h) starts at creation and stops when work starts.

use std::collections::BTreeSet;

use cesizen_core::alerting::{ConfigError, ConfigProblem};
use cesizen_core::incident::{SupportLevel, Ticket, TicketEvent, TicketStatus};
use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};

use crate::{GoalTable, Millis, SlaError, SlaTimer, TimerEvent, TimerState, TimerStatus, WorkCalendar};

/// A ticket's SLA timer ([`TimerConditions::ticket_timer`]): the timer events its history gives, and where the
/// timer stands at an instant.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketTimer {
    /// The timer events derived from the ticket's moves.
    pub events: Vec<TimerEvent>,
    /// Where the timer stands.
    pub status: TimerStatus,
}

/// The JSON form of [`TimerConditions`].
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimerConditionsSpec {
    /// Entering one of these starts a cycle when none is open.
    #[cfg_attr(feature = "wasm", tsify(type = "TicketStatus[]"))]
    pub start_on: BTreeSet<TicketStatus>,
    /// While in one of these, an open cycle is paused.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "TicketStatus[]"))]
    pub pause_in: BTreeSet<TicketStatus>,
    /// Entering one of these stops the open cycle.
    #[cfg_attr(feature = "wasm", tsify(type = "TicketStatus[]"))]
    pub stop_on: BTreeSet<TicketStatus>,
}

/// When the workflow starts, pauses and stops a timer.
///
/// ```
/// use cesizen_sla::TimerConditions;
/// use cesizen_core::incident::TicketStatus;
/// assert!(TimerConditions::resolution().stops_on(TicketStatus::Deployed));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TimerConditionsSpec", into = "TimerConditionsSpec")]
pub struct TimerConditions(TimerConditionsSpec);

impl TimerConditions {
    /// Resolution: start at creation (and on return to In progress), stop at Deployed or Closed.
    pub fn resolution() -> Self {
        TimerConditions(TimerConditionsSpec {
            start_on: BTreeSet::from([TicketStatus::ToDo, TicketStatus::InProgress]),
            pause_in: BTreeSet::new(),
            stop_on: BTreeSet::from([TicketStatus::Deployed, TicketStatus::Closed]),
        })
    }

    /// First response: start at creation, stop when work starts.
    pub fn response() -> Self {
        TimerConditions(TimerConditionsSpec {
            start_on: BTreeSet::from([TicketStatus::ToDo]),
            pause_in: BTreeSet::new(),
            stop_on: BTreeSet::from([TicketStatus::InProgress, TicketStatus::Closed]),
        })
    }

    /// Whether entering `status` stops the timer.
    pub fn stops_on(&self, status: TicketStatus) -> bool {
        self.0.stop_on.contains(&status)
    }

    /// The timer events a ticket history produces.
    pub fn timer_events(&self, history: &[TicketEvent]) -> Vec<TimerEvent> {
        let mut state = TimerState::Idle;
        let mut events = Vec::new();
        for e in history {
            let (at, to) = (e.at(), e.to());
            let open = matches!(state, TimerState::Running | TimerState::Paused);
            if open && self.0.stop_on.contains(&to) {
                events.push(TimerEvent::Stop { at });
                state = TimerState::Stopped;
            } else if !open && self.0.start_on.contains(&to) {
                events.push(TimerEvent::Start { at });
                state = TimerState::Running;
                if self.0.pause_in.contains(&to) {
                    events.push(TimerEvent::Pause { at });
                    state = TimerState::Paused;
                }
            } else if state == TimerState::Running && self.0.pause_in.contains(&to) {
                events.push(TimerEvent::Pause { at });
                state = TimerState::Paused;
            } else if state == TimerState::Paused && !self.0.pause_in.contains(&to) {
                events.push(TimerEvent::Resume { at });
                state = TimerState::Running;
            }
        }
        events
    }

    /// The timer of `ticket` against `goal` ([`TimerConditions::resolution_timer_for`] and
    /// [`TimerConditions::response_timer_for`] take the plan's goals).
    ///
    /// # Errors
    /// As [`SlaTimer::replay`].
    pub fn timer_for(&self, ticket: &Ticket, goal: Millis, calendar: WorkCalendar) -> Result<SlaTimer, SlaError> {
        SlaTimer::replay(goal, calendar, &self.timer_events(ticket.history()))
    }

    /// The timer of `ticket` against `goal` on `calendar` ([`TimerConditions::timer_for`]) read at `now`, with
    /// the timer events its history gives ([`TimerConditions::timer_events`]).
    ///
    /// # Errors
    /// As [`SlaTimer::replay`] and [`SlaTimer::status`].
    pub fn ticket_timer(
        &self,
        ticket: &Ticket,
        goal: Millis,
        calendar: WorkCalendar,
        now: DateTime<Utc>,
    ) -> Result<TicketTimer, SlaError> {
        let events = self.timer_events(ticket.history());
        let status = SlaTimer::replay(goal, calendar, &events)?.status(now)?;
        Ok(TicketTimer { events, status })
    }

    /// The resolution timer of `ticket`: these conditions, the goal of its priority and security level.
    ///
    /// # Errors
    /// As [`SlaTimer::replay`].
    pub fn resolution_timer_for(
        &self,
        ticket: &Ticket,
        goals: &GoalTable,
        calendar: WorkCalendar,
    ) -> Result<SlaTimer, SlaError> {
        self.timer_for(ticket, goals.goal(ticket.priority(), ticket.security_level()), calendar)
    }

    /// The response timer of `ticket`: these conditions and the L1 goal of its priority
    /// ([`SupportLevel::goal`]), `None` when L1 has none for it.
    ///
    /// # Errors
    /// As [`SlaTimer::replay`].
    pub fn response_timer_for(&self, ticket: &Ticket, calendar: WorkCalendar) -> Result<Option<SlaTimer>, SlaError> {
        SupportLevel::L1
            .goal(ticket.priority())
            .map(|goal| self.timer_for(ticket, Millis::try_from(goal.within)?, calendar))
            .transpose()
    }
}

impl TryFrom<TimerConditionsSpec> for TimerConditions {
    type Error = ConfigError;

    fn try_from(spec: TimerConditionsSpec) -> Result<Self, Self::Error> {
        if spec.start_on.is_empty() {
            return Err(ConfigError::new("startOn", ConfigProblem::Empty));
        }
        if spec.stop_on.is_empty() {
            return Err(ConfigError::new("stopOn", ConfigProblem::Empty));
        }
        if !spec.stop_on.is_disjoint(&spec.start_on) || !spec.stop_on.is_disjoint(&spec.pause_in) {
            return Err(ConfigError::new("stopOn", ConfigProblem::Inconsistent));
        }
        Ok(TimerConditions(spec))
    }
}

impl From<TimerConditions> for TimerConditionsSpec {
    fn from(c: TimerConditions) -> Self {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CycleOutcome;
    use cesizen_core::incident::{Actor, IncidentId, Priority, SupportLevel, TicketAction};
    use chrono::{DateTime, TimeDelta, Utc};

    fn t(min: i64) -> DateTime<Utc> {
        "2025-02-03T09:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::minutes(min)
    }

    fn ticket(moves: &[(TicketAction, i64)]) -> Ticket {
        let who = Actor::new("ops").unwrap();
        let mut tk = Ticket::open(IncidentId::new(1).unwrap(), Priority::P1, None, t(0), who.clone());
        for &(a, m) in moves {
            tk.apply(a, t(m), who.clone()).unwrap();
        }
        tk
    }

    use TicketAction::*;

    #[test]
    fn the_response_timer_runs_against_the_l1_goal_until_work_starts() {
        let tk = ticket(&[(Start, 300)]);
        let timer = TimerConditions::response()
            .response_timer_for(&tk, WorkCalendar::always_on())
            .unwrap()
            .expect("L1 answers every priority");
        let l1 = SupportLevel::L1.goal(Priority::P1).unwrap().within;
        let same = TimerConditions::response()
            .timer_for(&tk, Millis::try_from(l1).unwrap(), WorkCalendar::always_on())
            .unwrap();
        assert_eq!(timer, same);
        let outcomes = |minutes| {
            let tk = ticket(&[(Start, minutes)]);
            let timer = TimerConditions::response().response_timer_for(&tk, WorkCalendar::always_on());
            let status = timer.unwrap().unwrap().status(t(600)).unwrap();
            status.cycles.iter().map(|c| c.outcome).collect::<Vec<_>>()
        };
        assert_eq!(
            outcomes(200),
            [CycleOutcome::Met],
            "work started after 3 h 20: within the 4 hours"
        );
        assert_eq!(outcomes(300), [CycleOutcome::Breached], "after 5 h: past them");
    }

    #[test]
    fn resolution_timer_stops_at_deploy_and_restarts_after_rollback() {
        let tk = ticket(&[
            (Start, 5),
            (SubmitForReview, 30),
            (ApproveReview, 40),
            (PassTest, 60),
            (Deploy, 100),
            (Rollback, 110),
            (SubmitForReview, 150),
            (ApproveReview, 160),
            (PassTest, 170),
            (Deploy, 200),
            (Close, 230),
        ]);
        let events = TimerConditions::resolution().timer_events(tk.history());
        assert_eq!(
            events,
            [
                TimerEvent::Start { at: t(0) },
                TimerEvent::Stop { at: t(100) },
                TimerEvent::Start { at: t(110) },
                TimerEvent::Stop { at: t(200) }
            ]
        );
        let timer = TimerConditions::resolution()
            .resolution_timer_for(&tk, &GoalTable::plan(), WorkCalendar::always_on())
            .unwrap();
        let s = timer.status(t(300)).unwrap();
        assert_eq!(
            s.cycles.iter().map(|c| c.outcome).collect::<Vec<_>>(),
            [CycleOutcome::Met, CycleOutcome::Met]
        );
        assert_eq!(s.cycles[0].escalation_at, Some(t(60)));
    }

    #[test]
    fn the_ticket_timer_is_the_events_and_the_status_at_now() {
        // Work starts, then a review round: the resolution timer runs from creation.
        let tk = ticket(&[
            (Start, 5),
            (SubmitForReview, 30),
            (RejectReview, 45),
            (SubmitForReview, 100),
        ]);
        let conditions = TimerConditions::resolution();
        let goal = GoalTable::plan().goal(tk.priority(), tk.security_level());
        let got = conditions
            .ticket_timer(&tk, goal, WorkCalendar::always_on(), t(120))
            .unwrap();
        assert_eq!(got.events, conditions.timer_events(tk.history()));
        let timer = conditions.timer_for(&tk, goal, WorkCalendar::always_on()).unwrap();
        assert_eq!(got.status, timer.status(t(120)).unwrap());
        // Read before the timer started: the timer's own error.
        assert_eq!(
            conditions
                .ticket_timer(&tk, goal, WorkCalendar::always_on(), t(-10))
                .unwrap_err(),
            timer.status(t(-10)).unwrap_err()
        );
    }

    #[test]
    fn response_timer_and_a_pause_status() {
        let tk = ticket(&[(Start, 250)]);
        let l1 = Millis::try_from(SupportLevel::L1.goal(Priority::P1).unwrap().within).unwrap();
        let s = TimerConditions::response()
            .timer_for(&tk, l1, WorkCalendar::always_on())
            .unwrap();
        // L1 answers within 4 h; work started after 250 min: breached at 240.
        assert_eq!(s.status(t(300)).unwrap().cycles[0].breached_at, Some(t(240)));

        let waiting = TimerConditions::try_from(TimerConditionsSpec {
            start_on: BTreeSet::from([TicketStatus::ToDo]),
            pause_in: BTreeSet::from([TicketStatus::CodeReview]),
            stop_on: BTreeSet::from([TicketStatus::Deployed]),
        })
        .unwrap();
        let tk = ticket(&[
            (Start, 10),
            (SubmitForReview, 20),
            (RejectReview, 50),
            (SubmitForReview, 60),
            (ApproveReview, 70),
        ]);
        assert_eq!(
            waiting.timer_events(tk.history()),
            [
                TimerEvent::Start { at: t(0) },
                TimerEvent::Pause { at: t(20) },
                TimerEvent::Resume { at: t(50) },
                TimerEvent::Pause { at: t(60) },
                TimerEvent::Resume { at: t(70) }
            ]
        );
    }

    #[test]
    fn contradictory_conditions_are_refused() {
        let spec = TimerConditionsSpec {
            start_on: BTreeSet::from([TicketStatus::ToDo]),
            pause_in: BTreeSet::new(),
            stop_on: BTreeSet::from([TicketStatus::ToDo]),
        };
        assert_eq!(
            TimerConditions::try_from(spec).unwrap_err().code(),
            "config.value.inconsistent"
        );
    }
}
