//! Incident SLA timers, in the style of Jira Service Management.
//!
//! A timer measures working time (per its [`WorkCalendar`]) against a goal. Events drive it: `start` opens a
//! cycle, `pause` and `resume` suspend and continue it (time paused does not count), `stop` closes it. A
//! stopped timer can start again: a new cycle, with the full goal (a rolled-back fix is a new attempt). Each
//! cycle is **met** when stopped with less elapsed time than the goal (the plan's goals are strict: "< 2 h"),
//! and **breached** from the instant its elapsed time reaches the goal. Elapsed + remaining always equals the
//! goal; a paused timer's elapsed time does not move, so a paused timer never breaches.
//!
//! The plan escalates a blocked incident one level when half its SLA has elapsed: every cycle reports the
//! instant its elapsed time reaches half the goal (rounded down to the ms), past or, while running, projected.

use cesizen_core::alerting::ESCALATION_GOAL_PERMILLE;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::interval::{from_ms, to_ms};
use crate::{Millis, SlaError, WorkCalendar};

/// An event that drives a timer.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimerEvent {
    /// Open a cycle.
    Start {
        /// When (RFC 3339).
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
    /// Suspend the running cycle.
    Pause {
        /// When (RFC 3339).
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
    /// Continue the paused cycle.
    Resume {
        /// When (RFC 3339).
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
    /// Close the cycle.
    Stop {
        /// When (RFC 3339).
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
}

impl TimerEvent {
    /// When the event happened.
    pub fn at(&self) -> DateTime<Utc> {
        match *self {
            TimerEvent::Start { at }
            | TimerEvent::Pause { at }
            | TimerEvent::Resume { at }
            | TimerEvent::Stop { at } => at,
        }
    }
}

/// Where a timer is.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum TimerState {
    /// Never started.
    Idle,
    /// Counting.
    Running,
    /// Suspended.
    Paused,
    /// The last cycle is closed.
    Stopped,
}

/// How a cycle stands against its goal.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum CycleOutcome {
    /// Open, goal not reached yet.
    Ongoing,
    /// Stopped before the goal.
    Met,
    /// The goal was reached (whether the cycle is still open or not).
    Breached,
}

/// One cycle as read at some instant.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "TimerCycle", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CycleStatus {
    /// When the cycle started.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub started_at: DateTime<Utc>,
    /// When it stopped, if it did.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub stopped_at: Option<DateTime<Utc>>,
    /// Whether it is paused.
    pub paused: bool,
    /// Working time elapsed, ms.
    pub elapsed_ms: u64,
    /// Goal minus elapsed, ms (negative once breached).
    pub remaining_ms: i64,
    /// Met, breached or ongoing.
    pub outcome: CycleOutcome,
    /// When the goal was reached, if it was.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub breached_at: Option<DateTime<Utc>>,
    /// When the goal will be reached if nothing pauses or stops the cycle (running cycles only).
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub breach_due_at: Option<DateTime<Utc>>,
    /// When half the goal was (or, while running, will be) reached; `None` if the cycle stopped or paused
    /// before.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub escalation_at: Option<DateTime<Utc>>,
}

/// A timer read at some instant.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimerStatus {
    /// The goal, ms.
    pub goal_ms: u64,
    /// The state.
    pub state: TimerState,
    /// Every cycle, oldest first.
    #[cfg_attr(feature = "wasm", tsify(type = "TimerCycle[]"))]
    pub cycles: Vec<CycleStatus>,
}

impl TimerStatus {
    /// The latest cycle, if any.
    pub fn current(&self) -> Option<&CycleStatus> {
        self.cycles.last()
    }

    /// Where the latest cycle stands at `now`, the instant this status was read at: what a desk shows beside
    /// the timer.
    pub fn standing(&self, now: DateTime<Utc>) -> TimerStanding {
        let Some(cycle) = self.current() else {
            return TimerStanding::NotStarted;
        };
        match cycle.outcome {
            CycleOutcome::Breached => TimerStanding::Breached,
            CycleOutcome::Met => TimerStanding::Met,
            CycleOutcome::Ongoing if cycle.paused => TimerStanding::Paused,
            CycleOutcome::Ongoing if cycle.escalation_at.is_some_and(|at| at <= now) => TimerStanding::AtRisk,
            CycleOutcome::Ongoing => TimerStanding::Running,
        }
    }
}

/// Where the latest cycle of a timer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimerStanding {
    /// No cycle yet.
    NotStarted,
    /// Counting, less than the escalation share of the goal spent.
    Running,
    /// Counting, the escalation share of the goal or more spent: the plan's escalation point.
    AtRisk,
    /// Suspended before the goal.
    Paused,
    /// Stopped before the goal.
    Met,
    /// The goal was reached.
    Breached,
}

/// A 50 % escalation that is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EscalationDue {
    /// The cycle, from 0.
    pub cycle: usize,
    /// When half the goal was reached.
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Cycle {
    /// Counting spans: (start, end); the open one has no end.
    spans: Vec<(i64, Option<i64>)>,
    stopped_at: Option<i64>,
}

/// An SLA timer.
///
/// ```
/// use cesizen_sla::{Millis, SlaTimer, TimerEvent, WorkCalendar, CycleOutcome};
/// let t0: chrono::DateTime<chrono::Utc> = "2025-01-06T10:00:00Z".parse().unwrap();
/// let mut timer = SlaTimer::new(Millis::from_ms(2 * 3_600_000), WorkCalendar::always_on()).unwrap(); // P1: < 2 h
/// timer.apply(TimerEvent::Start { at: t0 }).unwrap();
/// let status = timer.status(t0 + chrono::TimeDelta::minutes(90)).unwrap();
/// let cycle = status.current().unwrap();
/// assert_eq!((cycle.elapsed_ms, cycle.remaining_ms), (5_400_000, 1_800_000));
/// assert_eq!(cycle.escalation_at, Some(t0 + chrono::TimeDelta::hours(1)));
/// assert_eq!(cycle.outcome, CycleOutcome::Ongoing);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaTimer {
    goal_ms: u64,
    calendar: WorkCalendar,
    cycles: Vec<Cycle>,
    last_at: Option<i64>,
}

impl SlaTimer {
    /// A timer with a positive `goal` of working time.
    ///
    /// # Errors
    /// [`SlaError::InvalidPeriod`] for a zero goal or one beyond ten years.
    pub fn new(goal: Millis, calendar: WorkCalendar) -> Result<Self, SlaError> {
        let goal_ms = goal.as_ms();
        if goal_ms == 0 || goal_ms > 3_660 * 86_400_000 {
            return Err(SlaError::InvalidPeriod);
        }
        Ok(SlaTimer {
            goal_ms,
            calendar,
            cycles: Vec::new(),
            last_at: None,
        })
    }

    /// A timer replaying `events`.
    ///
    /// # Errors
    /// As [`SlaTimer::new`] and [`SlaTimer::apply`].
    pub fn replay(goal: Millis, calendar: WorkCalendar, events: &[TimerEvent]) -> Result<Self, SlaError> {
        let mut timer = SlaTimer::new(goal, calendar)?;
        for e in events {
            timer.apply(*e)?;
        }
        Ok(timer)
    }

    /// The state after the events so far.
    pub fn state(&self) -> TimerState {
        match self.cycles.last() {
            None => TimerState::Idle,
            Some(c) if c.stopped_at.is_some() => TimerState::Stopped,
            Some(c) if c.spans.last().is_some_and(|(_, end)| end.is_none()) => TimerState::Running,
            Some(_) => TimerState::Paused,
        }
    }

    /// Applies an event.
    ///
    /// # Errors
    /// [`SlaError::TimerOutOfOrder`] when dated before the previous event; [`SlaError::IllegalTimerEvent`]
    /// for start while open, pause unless running, resume unless paused, stop unless open. The timer is
    /// unchanged on error.
    pub fn apply(&mut self, event: TimerEvent) -> Result<(), SlaError> {
        let at = to_ms(event.at());
        if self.last_at.is_some_and(|last| at < last) {
            return Err(SlaError::TimerOutOfOrder);
        }
        let state = self.state();
        match (event, state) {
            (TimerEvent::Start { .. }, TimerState::Idle | TimerState::Stopped) => {
                self.cycles.push(Cycle {
                    spans: vec![(at, None)],
                    stopped_at: None,
                });
            }
            (TimerEvent::Pause { .. }, TimerState::Running) => self.close_span(at),
            (TimerEvent::Resume { .. }, TimerState::Paused) => {
                if let Some(c) = self.cycles.last_mut() {
                    c.spans.push((at, None));
                }
            }
            (TimerEvent::Stop { .. }, TimerState::Running | TimerState::Paused) => {
                self.close_span(at);
                if let Some(c) = self.cycles.last_mut() {
                    c.stopped_at = Some(at);
                }
            }
            _ => return Err(SlaError::IllegalTimerEvent),
        }
        self.last_at = Some(at);
        Ok(())
    }

    fn close_span(&mut self, at: i64) {
        if let Some(span) = self
            .cycles
            .last_mut()
            .and_then(|c| c.spans.last_mut())
            .filter(|s| s.1.is_none())
        {
            span.1 = Some(at);
        }
    }

    /// The timer read at `now`.
    ///
    /// # Errors
    /// [`SlaError::ReadBeforeLastEvent`] when `now` precedes the last event; [`SlaError::CalendarUnreachable`]
    /// or [`SlaError::DateOutOfRange`] when a projected instant cannot be computed.
    pub fn status(&self, now: DateTime<Utc>) -> Result<TimerStatus, SlaError> {
        let now = to_ms(now);
        if self.last_at.is_some_and(|last| now < last) {
            return Err(SlaError::ReadBeforeLastEvent);
        }
        let cycles = self
            .cycles
            .iter()
            .map(|c| self.cycle_status(c, now))
            .collect::<Result<_, _>>()?;
        Ok(TimerStatus {
            goal_ms: self.goal_ms,
            state: self.state(),
            cycles,
        })
    }

    /// The 50 % escalations reached by `now`.
    ///
    /// # Errors
    /// As [`SlaTimer::status`].
    pub fn escalations_due(&self, now: DateTime<Utc>) -> Result<Vec<EscalationDue>, SlaError> {
        Ok(self
            .status(now)?
            .cycles
            .iter()
            .enumerate()
            .filter_map(|(cycle, c)| {
                c.escalation_at
                    .filter(|at| *at <= now)
                    .map(|at| EscalationDue { cycle, at })
            })
            .collect())
    }

    fn cycle_status(&self, cycle: &Cycle, now: i64) -> Result<CycleStatus, SlaError> {
        let elapsed: u64 = cycle
            .spans
            .iter()
            .map(|&(a, b)| self.calendar.working_ms_between(a, b.unwrap_or(now)))
            .sum();
        let running = cycle.stopped_at.is_none() && cycle.spans.last().is_some_and(|s| s.1.is_none());
        let reached = |target: u64| -> Result<Option<DateTime<Utc>>, SlaError> {
            match self.when_elapsed(cycle, target)? {
                Some(at) => Ok(Some(from_ms(at)?)),
                None => Ok(None),
            }
        };
        let breached_at = if elapsed >= self.goal_ms {
            reached(self.goal_ms)?
        } else {
            None
        };
        let breach_due_at = if running && breached_at.is_none() {
            reached(self.goal_ms)?
        } else {
            None
        };
        // The plan's escalation point, the share the escalation policies take of the same goal.
        let escalation_ms =
            u64::try_from(u128::from(self.goal_ms) * u128::from(ESCALATION_GOAL_PERMILLE) / 1000).unwrap_or(u64::MAX);
        let escalation_at = if elapsed >= escalation_ms || running {
            reached(escalation_ms)?
        } else {
            None
        };
        let outcome = match (breached_at, cycle.stopped_at) {
            (Some(_), _) => CycleOutcome::Breached,
            (None, Some(_)) => CycleOutcome::Met,
            (None, None) => CycleOutcome::Ongoing,
        };
        let remaining = i128::from(self.goal_ms) - i128::from(elapsed);
        Ok(CycleStatus {
            started_at: from_ms(cycle.spans[0].0)?,
            stopped_at: cycle.stopped_at.map(from_ms).transpose()?,
            paused: !running && cycle.stopped_at.is_none(),
            elapsed_ms: elapsed,
            remaining_ms: i64::try_from(remaining).unwrap_or(i64::MIN),
            outcome,
            breached_at,
            breach_due_at,
            escalation_at,
        })
    }

    /// The instant at which the cycle's elapsed time reaches `target`: within a closed span, or projected in
    /// the open one; `None` if its closed spans end before.
    fn when_elapsed(&self, cycle: &Cycle, target: u64) -> Result<Option<i64>, SlaError> {
        let mut done = 0u64;
        for &(a, b) in &cycle.spans {
            let left = target - done;
            match b {
                None => return self.calendar.instant_after(a, left).map(Some),
                Some(b) => {
                    let span = self.calendar.working_ms_between(a, b);
                    if span >= left {
                        return self.calendar.instant_after(a, left).map(Some);
                    }
                    done += span;
                }
            }
        }
        Ok(None)
    }

    /// The goal.
    pub fn goal(&self) -> Millis {
        Millis::from_ms(self.goal_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;
    use proptest::prelude::*;

    fn t(min: i64) -> DateTime<Utc> {
        "2025-01-06T08:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::minutes(min)
    }

    fn timer(goal_min: u64, events: &[TimerEvent]) -> SlaTimer {
        SlaTimer::replay(Millis::from_ms(goal_min * 60_000), WorkCalendar::always_on(), events).unwrap()
    }

    use TimerEvent::*;

    #[test]
    fn the_standing_follows_the_latest_cycle() {
        let standing = |events: &[TimerEvent], now: i64| timer(120, events).status(t(now)).unwrap().standing(t(now));
        assert_eq!(standing(&[], 10), TimerStanding::NotStarted);
        let started = [Start { at: t(0) }];
        assert_eq!(standing(&started, 59), TimerStanding::Running);
        assert_eq!(standing(&started, 60), TimerStanding::AtRisk, "half the goal spent");
        assert_eq!(standing(&started, 120), TimerStanding::Breached);
        let paused = [Start { at: t(0) }, Pause { at: t(70) }];
        assert_eq!(standing(&paused, 500), TimerStanding::Paused);
        let stopped = [Start { at: t(0) }, Stop { at: t(90) }];
        assert_eq!(standing(&stopped, 500), TimerStanding::Met);
    }

    #[test]
    fn pause_stops_the_clock_and_stop_decides() {
        let tm = timer(
            120,
            &[
                Start { at: t(0) },
                Pause { at: t(30) },
                Resume { at: t(90) },
                Stop { at: t(150) },
            ],
        );
        let c = *tm.status(t(500)).unwrap().current().unwrap();
        assert_eq!(
            (c.elapsed_ms, c.outcome, c.breached_at),
            (90 * 60_000, CycleOutcome::Met, None)
        );
        assert_eq!(c.escalation_at, Some(t(120)));
    }

    #[test]
    fn exactly_at_the_goal_is_breached() {
        let met = timer(120, &[Start { at: t(0) }, Stop { at: t(119) }]);
        assert_eq!(met.status(t(200)).unwrap().cycles[0].outcome, CycleOutcome::Met);
        let at_goal = timer(120, &[Start { at: t(0) }, Stop { at: t(120) }]);
        let c = at_goal.status(t(200)).unwrap().cycles[0];
        assert_eq!(
            (c.outcome, c.breached_at, c.remaining_ms),
            (CycleOutcome::Breached, Some(t(120)), 0)
        );
    }

    #[test]
    fn running_cycles_project_breach_and_escalation() {
        let tm = timer(120, &[Start { at: t(0) }, Pause { at: t(10) }, Resume { at: t(40) }]);
        let c = tm.status(t(45)).unwrap().cycles[0];
        assert_eq!((c.breach_due_at, c.escalation_at), (Some(t(150)), Some(t(90))));
        assert!(tm.escalations_due(t(89)).unwrap().is_empty());
        assert_eq!(
            tm.escalations_due(t(90)).unwrap(),
            [EscalationDue { cycle: 0, at: t(90) }]
        );
        let late = tm.status(t(200)).unwrap().cycles[0];
        assert_eq!(
            (late.outcome, late.breached_at, late.remaining_ms),
            (CycleOutcome::Breached, Some(t(150)), -50 * 60_000)
        );
    }

    #[test]
    fn restart_opens_a_new_cycle_with_the_full_goal() {
        let tm = timer(60, &[Start { at: t(0) }, Stop { at: t(50) }, Start { at: t(70) }]);
        let s = tm.status(t(100)).unwrap();
        assert_eq!(s.cycles.len(), 2);
        assert_eq!(
            (s.cycles[0].outcome, s.cycles[1].elapsed_ms, s.state),
            (CycleOutcome::Met, 30 * 60_000, TimerState::Running)
        );
    }

    #[test]
    fn illegal_events_are_refused() {
        let mut tm = SlaTimer::new(Millis::from_ms(1000), WorkCalendar::always_on()).unwrap();
        for e in [Pause { at: t(0) }, Resume { at: t(0) }, Stop { at: t(0) }] {
            assert_eq!(tm.apply(e).unwrap_err().code(), "sla.timer.illegal_event");
        }
        tm.apply(Start { at: t(5) }).unwrap();
        assert_eq!(
            tm.apply(Start { at: t(6) }).unwrap_err().code(),
            "sla.timer.illegal_event"
        );
        assert_eq!(
            tm.apply(Pause { at: t(4) }).unwrap_err().code(),
            "sla.timer.out_of_order"
        );
        assert_eq!(tm.status(t(4)).unwrap_err().code(), "sla.timer.read_before_last_event");
        assert_eq!(
            SlaTimer::new(Millis::ZERO, WorkCalendar::always_on())
                .unwrap_err()
                .code(),
            "sla.period.invalid"
        );
    }

    #[test]
    fn business_hours_timer_escalates_on_monday() {
        // A P3 (24 h goal) on business hours, raised Friday 10 January 2025 at 17:00 Paris.
        let start: DateTime<Utc> = "2025-01-10T16:00:00Z".parse().unwrap();
        let tm = SlaTimer::replay(
            Millis::from_ms(24 * 3_600_000),
            WorkCalendar::paris_business_hours(),
            &[Start { at: start }],
        )
        .unwrap();
        let c = tm.status(start).unwrap().cycles[0];
        // 12 working hours: 1 h Friday, 9 h Monday, 2 h Tuesday → Tuesday 11:00 Paris.
        assert_eq!(c.escalation_at, Some("2025-01-14T10:00:00Z".parse().unwrap()));
    }

    fn events() -> impl Strategy<Value = Vec<(u8, i64)>> {
        proptest::collection::vec((0u8..4, 0i64..60), 0..20)
    }

    /// Applies the legal events among `raw`, returning the timer and the events kept.
    fn build(raw: &[(u8, i64)], goal_min: u64) -> (SlaTimer, Vec<TimerEvent>) {
        let mut tm = SlaTimer::new(Millis::from_ms(goal_min * 60_000), WorkCalendar::always_on()).unwrap();
        let mut kept = Vec::new();
        let mut now = 0;
        for &(kind, gap) in raw {
            now += gap;
            let at = t(now);
            let e = [Start { at }, Pause { at }, Resume { at }, Stop { at }][kind as usize];
            if tm.apply(e).is_ok() {
                kept.push(e);
            }
        }
        (tm, kept)
    }

    proptest! {
        #[test]
        fn elapsed_plus_remaining_is_the_goal(raw in events(), goal in 1u64..300, read in 0i64..2000) {
            let (tm, kept) = build(&raw, goal);
            let last = kept.last().map(|e| e.at()).unwrap_or(t(0));
            for c in tm.status(last + TimeDelta::minutes(read)).unwrap().cycles {
                prop_assert_eq!(i128::from(c.elapsed_ms) + i128::from(c.remaining_ms), i128::from(goal * 60_000));
                prop_assert_eq!(c.outcome == CycleOutcome::Breached, c.remaining_ms <= 0);
            }
        }

        #[test]
        fn a_paused_timer_never_breaches(raw in events(), goal in 1u64..300, wait in 0i64..100_000) {
            let (tm, kept) = build(&raw, goal);
            if tm.state() == TimerState::Paused {
                let paused_at = kept.last().unwrap().at();
                let before = tm.status(paused_at).unwrap();
                let after = tm.status(paused_at + TimeDelta::minutes(wait)).unwrap();
                prop_assert_eq!(before, after);
            }
        }

        #[test]
        fn elapsed_never_decreases_and_breach_time_is_stable(raw in events(), goal in 1u64..300, a in 0i64..500, b in 0i64..500) {
            let (tm, kept) = build(&raw, goal);
            let last = kept.last().map(|e| e.at()).unwrap_or(t(0));
            let (x, y) = (last + TimeDelta::minutes(a.min(b)), last + TimeDelta::minutes(a.max(b)));
            let (sx, sy) = (tm.status(x).unwrap(), tm.status(y).unwrap());
            for (cx, cy) in sx.cycles.iter().zip(&sy.cycles) {
                prop_assert!(cx.elapsed_ms <= cy.elapsed_ms);
                if let Some(at) = cx.breached_at {
                    prop_assert_eq!(cy.breached_at, Some(at));
                }
            }
        }
    }
}
