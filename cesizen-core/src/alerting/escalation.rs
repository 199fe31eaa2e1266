//! Escalation policies: who is notified, in which order, until someone acknowledges or the alert closes.
//!
//! A policy is an ordered list of steps. The first step is notified when the alert triggers; each step says
//! how long to wait before the next one is notified; after the last step the policy starts over, at most
//! `repeat` more times (bounded, so nobody is paged forever by a loop). A policy runs
//!
//! - **until acknowledged** ([`EscalateUntil::Acknowledged`]): an acknowledgement stops it. With an
//!   acknowledgement timeout, an alert acknowledged but not closed within the timeout triggers again and the
//!   policy restarts from its first step; a new acknowledgement resets the timeout.
//! - **until closed** ([`EscalateUntil::Closed`]): acknowledgements do not stop it; only closing does.
//!
//! A notice scheduled at the very instant of the acknowledgement or close that stops it is not sent.
//!
//! The plan's policy ([`EscalationPolicy::plan`]): P1/P2 page the on-call team at once and escalate to the
//! development team (L3) when half of the priority's resolution goal has elapsed; P3/P4 go to technical
//! support (L2) as tickets and escalate to L3 at half the goal. Both run until the incident is closed.
//!
//! A step waits either a fixed time (`escalateAfterMs`) or a share of its priority's resolution goal
//! (`escalateAfterGoalPermille`, the plan's form: [`ESCALATION_GOAL_PERMILLE`]), so that a plan changing a goal
//! moves its escalation. A share is resolved against the goal where the policy belongs to a priority (the
//! alerting rules, the SLA rules file); a step giving both is accepted only when the fixed time is the share of
//! the goal (`config.value.inconsistent` otherwise), and a policy read on its own takes the fixed time.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{AlertingError, ConfigError, ConfigProblem, EscalationTarget};
use crate::incident::{Handling, Priority};

const MAX_STEPS: usize = 10;
const MAX_REPEAT: u8 = 9;
const PERMILLE: u16 = 1000;

/// The plan's escalation point, per mille of the priority's resolution goal: a blocked incident escalates one
/// level when half its SLA has elapsed. The SLA timers of `cesizen-sla` report the same instant.
pub const ESCALATION_GOAL_PERMILLE: u16 = 500;

/// `permille` of `goal`, rounded down to the millisecond.
pub fn goal_share(goal: TimeDelta, permille: u16) -> TimeDelta {
    let ms = i128::from(goal.num_milliseconds()) * i128::from(permille) / i128::from(PERMILLE);
    i64::try_from(ms)
        .ok()
        .and_then(TimeDelta::try_milliseconds)
        .unwrap_or(TimeDelta::MAX)
}

/// What stops an escalation.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum EscalateUntil {
    /// An acknowledgement stops it ("if not acknowledged").
    Acknowledged,
    /// Only closing the alert stops it ("if not closed").
    Closed,
}

/// The JSON form of one step.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "EscalationStep", missing_as_null)
)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EscalationStepSpec {
    /// Who is notified (team or schedule names), as written: read into [`EscalationTarget`]s when the policy is
    /// validated, so that a bad name is refused at its place in the file.
    pub targets: Vec<String>,
    /// How long after notifying this step the next one is notified, ms (or give the share below).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalate_after_ms: Option<u64>,
    /// The same wait as a share of the priority's resolution goal, per mille (1–1000; the plan: 500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalate_after_goal_permille: Option<u16>,
}

/// The JSON form of an [`EscalationPolicy`].
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "EscalationPolicy", missing_as_null)
)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EscalationPolicySpec {
    /// The steps, in order (1 to 10).
    #[cfg_attr(feature = "wasm", tsify(type = "EscalationStep[]"))]
    pub steps: Vec<EscalationStepSpec>,
    /// How many more times the whole list is run after the first pass (0 to 9).
    #[serde(default)]
    pub repeat: u8,
    /// What stops the escalation.
    pub until: EscalateUntil,
    /// With `until: acknowledged`, re-trigger an acknowledged alert not closed within this many ms.
    #[serde(default)]
    pub ack_timeout_ms: Option<u64>,
}

/// An event in the life of an alert, as the escalation sees it.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AlertLifecycleEvent {
    /// The alert fired.
    Triggered {
        /// When.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
    /// Someone acknowledged it.
    Acknowledged {
        /// When.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
    /// It was closed.
    Closed {
        /// When.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
}

impl AlertLifecycleEvent {
    fn at(self) -> DateTime<Utc> {
        match self {
            AlertLifecycleEvent::Triggered { at }
            | AlertLifecycleEvent::Acknowledged { at }
            | AlertLifecycleEvent::Closed { at } => at,
        }
    }
}

/// One notification of an escalation.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EscalationNotice {
    /// When it is due.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub at: DateTime<Utc>,
    /// The step, from 0.
    pub step: usize,
    /// The pass over the steps, from 0.
    pub round: u8,
    /// Who is notified.
    #[cfg_attr(feature = "wasm", tsify(type = "string[]"))]
    pub targets: Vec<EscalationTarget>,
}

/// Where an escalation stands at an instant: the notices due by then, and the next one.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EscalationSchedule {
    /// Every notice due up to and including the instant, in time order.
    pub notices: Vec<EscalationNotice>,
    /// The first notice due strictly after the instant; `None` when the policy has no more.
    pub next: Option<EscalationNotice>,
}

/// One validated step: its targets, its wait, and the share of the goal the wait was derived from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    targets: Vec<EscalationTarget>,
    wait: TimeDelta,
    goal_permille: Option<u16>,
}

/// A period during which a policy runs: its start, and its stop (`None`: not stopped).
type Run = (DateTime<Utc>, Option<DateTime<Utc>>);

/// A validated escalation policy.
///
/// ```
/// use cesizen_core::alerting::{AlertLifecycleEvent, EscalationPolicy};
/// use cesizen_core::incident::Priority;
/// let p1 = EscalationPolicy::plan(Priority::P1);
/// let t0: chrono::DateTime<chrono::Utc> = "2025-01-01T03:00:00Z".parse().unwrap();
/// let events = [AlertLifecycleEvent::Triggered { at: t0 }];
/// let sent = p1.notices(&events, t0 + chrono::TimeDelta::hours(1)).unwrap();
/// // On-call at once, L3 at 50 % of the 2 h goal.
/// assert_eq!(sent.len(), 2);
/// assert_eq!(sent[1].targets, [cesizen_core::alerting::EscalationTarget::L3Development]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "EscalationPolicySpec", into = "EscalationPolicySpec")]
pub struct EscalationPolicy {
    steps: Vec<Step>,
    repeat: u8,
    until: EscalateUntil,
    ack_timeout: Option<TimeDelta>,
}

impl EscalationPolicy {
    /// The plan's policy for `priority` (see the module documentation).
    pub fn plan(priority: Priority) -> Self {
        let first = match priority.handling() {
            Handling::PageOnCall => EscalationTarget::OnCallTeam,
            Handling::StandardTicket => EscalationTarget::L2TechnicalSupport,
        };
        let step = |target: EscalationTarget| Step {
            targets: vec![target],
            wait: goal_share(priority.resolution_goal(), ESCALATION_GOAL_PERMILLE),
            goal_permille: Some(ESCALATION_GOAL_PERMILLE),
        };
        EscalationPolicy {
            steps: vec![step(first), step(EscalationTarget::L3Development)],
            repeat: 0,
            until: EscalateUntil::Closed,
            ack_timeout: None,
        }
    }

    /// A policy of a priority whose resolution goal is `goal`: the steps written as a share of the goal wait
    /// that share of it.
    ///
    /// ```
    /// use cesizen_core::alerting::{EscalationPolicy, EscalationPolicySpec};
    /// let spec: EscalationPolicySpec = serde_json::from_str(
    ///     r#"{ "steps": [{ "targets": ["on_call_team"], "escalateAfterGoalPermille": 500 }], "until": "closed" }"#,
    /// ).unwrap();
    /// let policy = EscalationPolicy::for_goal(spec, chrono::TimeDelta::hours(4)).unwrap();
    /// let json = serde_json::to_value(&policy).unwrap();
    /// assert_eq!(json["steps"][0]["escalateAfterMs"], 2 * 3_600_000);
    /// ```
    ///
    /// # Errors
    /// As [`TryFrom`], naming the step's field.
    pub fn for_goal(spec: EscalationPolicySpec, goal: TimeDelta) -> Result<Self, ConfigError> {
        EscalationPolicy::from_spec(spec, Some(goal))
    }

    /// The spec of the policy within rules that know its goal: a step derived from a share of the goal is
    /// written as the share alone, so that changing the goal moves it.
    pub(crate) fn to_goal_spec(&self) -> EscalationPolicySpec {
        let mut spec: EscalationPolicySpec = self.clone().into();
        for step in &mut spec.steps {
            if step.escalate_after_goal_permille.is_some() {
                step.escalate_after_ms = None;
            }
        }
        spec
    }

    /// The plan's policies for every priority.
    pub fn plan_all() -> BTreeMap<Priority, EscalationPolicy> {
        Priority::ALL
            .into_iter()
            .map(|p| (p, EscalationPolicy::plan(p)))
            .collect()
    }

    /// Every notice due up to and including `now`, in time order.
    ///
    /// # Errors
    /// [`AlertingError::MalformedEscalationHistory`] unless `events` is one trigger, then acknowledgements,
    /// then at most one close; [`AlertingError::OutOfOrder`] for events out of time order;
    /// [`AlertingError::DateOutOfRange`] when a notice time cannot be represented.
    pub fn notices(
        &self,
        events: &[AlertLifecycleEvent],
        now: DateTime<Utc>,
    ) -> Result<Vec<EscalationNotice>, AlertingError> {
        Ok(self.schedule(events)?.into_iter().filter(|n| n.at <= now).collect())
    }

    /// The first notice due strictly after `now`, if the policy still has one.
    ///
    /// # Errors
    /// As [`EscalationPolicy::notices`].
    pub fn next_notice(
        &self,
        events: &[AlertLifecycleEvent],
        now: DateTime<Utc>,
    ) -> Result<Option<EscalationNotice>, AlertingError> {
        Ok(self.schedule(events)?.into_iter().find(|n| n.at > now))
    }

    /// The notices due up to and including `now` and the next one, from one reading of `events`: what a desk,
    /// a phone or the server shows for an alert.
    ///
    /// # Errors
    /// As [`EscalationPolicy::notices`].
    pub fn schedule_at(
        &self,
        events: &[AlertLifecycleEvent],
        now: DateTime<Utc>,
    ) -> Result<EscalationSchedule, AlertingError> {
        let (notices, later): (Vec<_>, Vec<_>) = self.schedule(events)?.into_iter().partition(|n| n.at <= now);
        Ok(EscalationSchedule {
            notices,
            next: later.into_iter().next(),
        })
    }

    /// All notices the events allow, whenever due.
    fn schedule(&self, events: &[AlertLifecycleEvent]) -> Result<Vec<EscalationNotice>, AlertingError> {
        let mut notices = Vec::new();
        for (start, stop) in self.runs(events)? {
            let mut at = start;
            'rounds: for round in 0..=self.repeat {
                for (step, Step { targets, wait, .. }) in self.steps.iter().enumerate() {
                    if stop.is_some_and(|s| at >= s) {
                        break 'rounds;
                    }
                    notices.push(EscalationNotice {
                        at,
                        step,
                        round,
                        targets: targets.clone(),
                    });
                    at = at.checked_add_signed(*wait).ok_or(AlertingError::DateOutOfRange)?;
                }
            }
        }
        Ok(notices)
    }

    /// The periods during which the policy runs: (start, stop), `None` for "not stopped".
    fn runs(&self, events: &[AlertLifecycleEvent]) -> Result<Vec<Run>, AlertingError> {
        let Some((AlertLifecycleEvent::Triggered { at: triggered }, rest)) = events.split_first() else {
            return Err(AlertingError::MalformedEscalationHistory);
        };
        if events.windows(2).any(|w| w[1].at() < w[0].at()) {
            return Err(AlertingError::OutOfOrder);
        }
        let mut closed = None;
        let mut acks = Vec::new();
        for event in rest {
            match (*event, closed) {
                (AlertLifecycleEvent::Acknowledged { at }, None) => acks.push(at),
                (AlertLifecycleEvent::Closed { at }, None) => closed = Some(at),
                _ => return Err(AlertingError::MalformedEscalationHistory),
            }
        }
        if self.until == EscalateUntil::Closed {
            return Ok(vec![(*triggered, closed)]);
        }
        let retrigger = |ack: DateTime<Utc>| -> Result<Option<DateTime<Utc>>, AlertingError> {
            self.ack_timeout
                .map(|t| ack.checked_add_signed(t).ok_or(AlertingError::DateOutOfRange))
                .transpose()
        };
        let mut runs = Vec::new();
        // `running` is the start of the current run; `acked` the last acknowledgement while not running.
        let mut running = Some(*triggered);
        let mut acked = None;
        for ack in acks {
            if let Some(start) = running.take() {
                runs.push((start, Some(ack)));
            } else if let Some(again) = acked.map(retrigger).transpose()?.flatten().filter(|r| *r <= ack) {
                runs.push((again, Some(ack)));
            }
            acked = Some(ack);
        }
        let tail_start = match (running, acked) {
            (Some(start), _) => Some(start),
            (None, Some(ack)) => retrigger(ack)?,
            (None, None) => None,
        };
        if let Some(start) = tail_start.filter(|s| closed.is_none_or(|c| *s < c)) {
            runs.push((start, closed));
        }
        // Acknowledgements all precede the close (checked above), so only the last run can end with it.
        Ok(runs)
    }
}

impl TryFrom<EscalationPolicySpec> for EscalationPolicy {
    type Error = ConfigError;

    /// A policy read on its own: every step needs its fixed wait (`escalateAfterMs`); a share of the goal
    /// alone is refused (`config.value.missing`), see [`EscalationPolicy::for_goal`].
    fn try_from(spec: EscalationPolicySpec) -> Result<Self, Self::Error> {
        EscalationPolicy::from_spec(spec, None)
    }
}

impl EscalationPolicy {
    fn from_spec(spec: EscalationPolicySpec, goal: Option<TimeDelta>) -> Result<Self, ConfigError> {
        if spec.steps.is_empty() {
            return Err(ConfigError::new("steps", ConfigProblem::Empty));
        }
        if spec.steps.len() > MAX_STEPS {
            return Err(ConfigError::new("steps", ConfigProblem::TooLong));
        }
        if spec.repeat > MAX_REPEAT {
            return Err(ConfigError::new("repeat", ConfigProblem::OutOfRange));
        }
        let ack_timeout = match (spec.until, spec.ack_timeout_ms) {
            (_, None) => None,
            (EscalateUntil::Closed, Some(_)) => {
                return Err(ConfigError::new("ackTimeoutMs", ConfigProblem::Inconsistent));
            }
            (EscalateUntil::Acknowledged, Some(ms)) => {
                Some(positive_ms(ms).map_err(|p| ConfigError::new("ackTimeoutMs", p))?)
            }
        };
        let mut steps = Vec::with_capacity(spec.steps.len());
        for (i, step) in spec.steps.into_iter().enumerate() {
            let at = format!("steps[{i}]");
            if step.targets.is_empty() {
                return Err(ConfigError::new("targets", ConfigProblem::Empty).within(&at));
            }
            let targets = step
                .targets
                .iter()
                .enumerate()
                .map(|(j, t)| {
                    EscalationTarget::parse(t).map_err(|p| ConfigError::new(format!("targets[{j}]"), p).within(&at))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let wait = step_wait(step.escalate_after_ms, step.escalate_after_goal_permille, goal)
                .map_err(|e| e.within(&at))?;
            steps.push(Step {
                targets,
                wait,
                goal_permille: step.escalate_after_goal_permille,
            });
        }
        Ok(EscalationPolicy {
            steps,
            repeat: spec.repeat,
            until: spec.until,
            ack_timeout,
        })
    }
}

/// A step's wait: the fixed one, or the share of the goal, or both when they agree.
fn step_wait(fixed_ms: Option<u64>, permille: Option<u16>, goal: Option<TimeDelta>) -> Result<TimeDelta, ConfigError> {
    const FIXED: &str = "escalateAfterMs";
    const SHARE: &str = "escalateAfterGoalPermille";
    let fixed = fixed_ms
        .map(positive_ms)
        .transpose()
        .map_err(|p| ConfigError::new(FIXED, p))?;
    let share = match permille {
        None => None,
        Some(0) => return Err(ConfigError::new(SHARE, ConfigProblem::NotPositive)),
        Some(p) if p > PERMILLE => return Err(ConfigError::new(SHARE, ConfigProblem::OutOfRange)),
        Some(p) => goal.map(|g| goal_share(g, p)),
    };
    match (fixed, share) {
        (Some(fixed), Some(derived)) if fixed != derived => Err(ConfigError::new(FIXED, ConfigProblem::Inconsistent)),
        (Some(fixed), _) => Ok(fixed),
        (None, Some(derived)) => {
            positive_ms(u64::try_from(derived.num_milliseconds()).unwrap_or(0)).map_err(|p| ConfigError::new(SHARE, p))
        }
        (None, None) => Err(ConfigError::new(FIXED, ConfigProblem::Missing)),
    }
}

/// A positive duration of `ms` milliseconds, at most 366 days.
fn positive_ms(ms: u64) -> Result<TimeDelta, ConfigProblem> {
    const MAX_MS: u64 = 366 * 24 * 3_600_000;
    match ms {
        0 => Err(ConfigProblem::NotPositive),
        ms if ms > MAX_MS => Err(ConfigProblem::OutOfRange),
        ms => i64::try_from(ms)
            .ok()
            .and_then(TimeDelta::try_milliseconds)
            .ok_or(ConfigProblem::OutOfRange),
    }
}

impl From<EscalationPolicy> for EscalationPolicySpec {
    fn from(p: EscalationPolicy) -> Self {
        EscalationPolicySpec {
            steps: p
                .steps
                .into_iter()
                .map(|step| EscalationStepSpec {
                    targets: step.targets.iter().map(ToString::to_string).collect(),
                    escalate_after_ms: u64::try_from(step.wait.num_milliseconds()).ok(),
                    escalate_after_goal_permille: step.goal_permille,
                })
                .collect(),
            repeat: p.repeat,
            until: p.until,
            ack_timeout_ms: p.ack_timeout.and_then(|t| u64::try_from(t.num_milliseconds()).ok()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AlertLifecycleEvent::*;
    use proptest::prelude::*;

    fn t(min: i64) -> DateTime<Utc> {
        "2025-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::minutes(min)
    }

    fn policy(until: EscalateUntil, repeat: u8, ack_timeout_min: Option<u64>) -> EscalationPolicy {
        EscalationPolicy::try_from(EscalationPolicySpec {
            steps: vec![
                EscalationStepSpec {
                    targets: vec!["primary".into()],
                    escalate_after_ms: Some(10 * 60_000),
                    escalate_after_goal_permille: None,
                },
                EscalationStepSpec {
                    targets: vec!["secondary".into()],
                    escalate_after_ms: Some(20 * 60_000),
                    escalate_after_goal_permille: None,
                },
            ],
            repeat,
            until,
            ack_timeout_ms: ack_timeout_min.map(|m| m * 60_000),
        })
        .unwrap()
    }

    fn times(notices: &[EscalationNotice]) -> Vec<(i64, usize, u8)> {
        notices
            .iter()
            .map(|n| ((n.at - t(0)).num_minutes(), n.step, n.round))
            .collect()
    }

    #[test]
    fn steps_and_bounded_repeats() {
        let p = policy(EscalateUntil::Acknowledged, 2, None);
        let got = p.notices(&[Triggered { at: t(0) }], t(1000)).unwrap();
        assert_eq!(
            times(&got),
            [(0, 0, 0), (10, 1, 0), (30, 0, 1), (40, 1, 1), (60, 0, 2), (70, 1, 2)]
        );
        assert_eq!(p.next_notice(&[Triggered { at: t(0) }], t(70)).unwrap(), None);
    }

    #[test]
    fn acknowledgement_stops_if_not_acknowledged_but_not_if_not_closed() {
        let events = [Triggered { at: t(0) }, Acknowledged { at: t(10) }];
        // The notice due at the ack instant is not sent.
        assert_eq!(
            times(
                &policy(EscalateUntil::Acknowledged, 1, None)
                    .notices(&events, t(500))
                    .unwrap()
            ),
            [(0, 0, 0)]
        );
        let until_closed = policy(EscalateUntil::Closed, 1, None).notices(&events, t(500)).unwrap();
        assert_eq!(times(&until_closed), [(0, 0, 0), (10, 1, 0), (30, 0, 1), (40, 1, 1)]);
        let closed = [Triggered { at: t(0) }, Acknowledged { at: t(10) }, Closed { at: t(35) }];
        assert_eq!(
            times(&policy(EscalateUntil::Closed, 1, None).notices(&closed, t(500)).unwrap()),
            [(0, 0, 0), (10, 1, 0), (30, 0, 1)]
        );
    }

    #[test]
    fn ack_timeout_retriggers_and_a_new_ack_resets_it() {
        let p = policy(EscalateUntil::Acknowledged, 0, Some(60));
        let events = [Triggered { at: t(0) }, Acknowledged { at: t(5) }];
        assert_eq!(
            times(&p.notices(&events, t(500)).unwrap()),
            [(0, 0, 0), (65, 0, 0), (75, 1, 0)]
        );
        // Re-acknowledged at 50 (before the timeout at 65): the timeout moves to 110.
        let events = [
            Triggered { at: t(0) },
            Acknowledged { at: t(5) },
            Acknowledged { at: t(50) },
        ];
        assert_eq!(
            times(&p.notices(&events, t(500)).unwrap()),
            [(0, 0, 0), (110, 0, 0), (120, 1, 0)]
        );
        // Acknowledged again during the re-triggered run, then closed before its timeout.
        let events = [
            Triggered { at: t(0) },
            Acknowledged { at: t(5) },
            Acknowledged { at: t(70) },
            Closed { at: t(100) },
        ];
        assert_eq!(times(&p.notices(&events, t(500)).unwrap()), [(0, 0, 0), (65, 0, 0)]);
    }

    #[test]
    fn plan_policies_escalate_at_half_the_goal() {
        for (priority, first) in [
            (Priority::P1, "on_call_team"),
            (Priority::P2, "on_call_team"),
            (Priority::P3, "l2_technical_support"),
            (Priority::P4, "l2_technical_support"),
        ] {
            let p = EscalationPolicy::plan(priority);
            let got = p.notices(&[Triggered { at: t(0) }], t(100_000)).unwrap();
            assert_eq!(got.len(), 2);
            assert_eq!((got[0].at, got[0].targets[0].as_str()), (t(0), first));
            assert_eq!(got[1].at - got[0].at, priority.resolution_goal() / 2);
        }
        assert_eq!(EscalationPolicy::plan_all().len(), 4);
    }

    #[test]
    fn a_share_of_an_extreme_goal_saturates_instead_of_panicking() {
        assert_eq!(goal_share(TimeDelta::MAX, u16::MAX), TimeDelta::MAX);
        assert_eq!(goal_share(TimeDelta::MIN, u16::MAX), TimeDelta::MAX);
        assert_eq!(goal_share(TimeDelta::hours(2), 500), TimeDelta::hours(1));
    }

    #[test]
    fn a_share_of_the_goal_is_resolved_against_it_and_checked_against_a_fixed_wait() {
        let step = |ms: Option<u64>, permille: Option<u16>| EscalationPolicySpec {
            steps: vec![EscalationStepSpec {
                targets: vec!["primary".into()],
                escalate_after_ms: ms,
                escalate_after_goal_permille: permille,
            }],
            repeat: 0,
            until: EscalateUntil::Closed,
            ack_timeout_ms: None,
        };
        let four_hours = TimeDelta::hours(4);
        let shared = EscalationPolicy::for_goal(step(None, Some(250)), four_hours).unwrap();
        assert_eq!(shared.steps[0].wait, TimeDelta::hours(1));
        // Both forms, agreeing: accepted; disagreeing: refused, naming the fixed wait.
        let both = EscalationPolicy::for_goal(step(Some(3_600_000), Some(250)), four_hours).unwrap();
        assert_eq!(both, shared);
        let e = EscalationPolicy::for_goal(step(Some(3_600_001), Some(250)), four_hours).unwrap_err();
        assert_eq!(
            (e.field(), e.code()),
            ("steps[0].escalateAfterMs", "config.value.inconsistent")
        );
        // On its own a policy needs the fixed wait; a share out of range is refused.
        let e = EscalationPolicy::try_from(step(None, Some(250))).unwrap_err();
        assert_eq!(
            (e.field(), e.code()),
            ("steps[0].escalateAfterMs", "config.value.missing")
        );
        for (permille, code) in [(0, "config.value.not_positive"), (1001, "config.value.out_of_range")] {
            let e = EscalationPolicy::for_goal(step(None, Some(permille)), four_hours).unwrap_err();
            assert_eq!((e.field(), e.code()), ("steps[0].escalateAfterGoalPermille", code));
        }
        // Written on its own, a policy keeps both forms and reads back the same without its goal.
        let json = serde_json::to_string(&shared).unwrap();
        assert_eq!(serde_json::from_str::<EscalationPolicy>(&json).unwrap(), shared);
        assert_eq!(shared.to_goal_spec(), step(None, Some(250)));
    }

    #[test]
    fn malformed_histories_and_specs_are_refused() {
        let p = policy(EscalateUntil::Acknowledged, 0, None);
        for events in [
            vec![],
            vec![Acknowledged { at: t(0) }],
            vec![Triggered { at: t(0) }, Triggered { at: t(1) }],
            vec![Triggered { at: t(0) }, Closed { at: t(1) }, Acknowledged { at: t(2) }],
        ] {
            assert_eq!(
                p.notices(&events, t(10)).unwrap_err().code(),
                "alerting.escalation.malformed_history"
            );
        }
        assert_eq!(
            p.notices(&[Triggered { at: t(5) }, Acknowledged { at: t(1) }], t(10))
                .unwrap_err()
                .code(),
            "alerting.event.out_of_order"
        );

        let mut spec: EscalationPolicySpec = policy(EscalateUntil::Closed, 0, None).into();
        spec.ack_timeout_ms = Some(1000);
        assert_eq!(
            EscalationPolicy::try_from(spec.clone()).unwrap_err().field(),
            "ackTimeoutMs"
        );
        spec.ack_timeout_ms = None;
        spec.repeat = 10;
        assert_eq!(
            EscalationPolicy::try_from(spec.clone()).unwrap_err().code(),
            "config.value.out_of_range"
        );
        spec.repeat = 0;
        spec.steps[1].escalate_after_ms = Some(0);
        assert_eq!(
            EscalationPolicy::try_from(spec.clone()).unwrap_err().field(),
            "steps[1].escalateAfterMs"
        );
        spec.steps[1].escalate_after_ms = Some(1);
        spec.steps[0].targets.clear();
        assert_eq!(
            EscalationPolicy::try_from(spec).unwrap_err().field(),
            "steps[0].targets"
        );
    }

    /// A trigger at minute 0, an acknowledgement after each gap, and a close 7 minutes after the last when
    /// `close`; with the minute of the last event.
    fn history(gaps: &[i64], close: bool) -> (Vec<AlertLifecycleEvent>, i64) {
        let mut events = vec![Triggered { at: t(0) }];
        let mut last = 0;
        for g in gaps {
            last += g;
            events.push(Acknowledged { at: t(last) });
        }
        if close {
            last += 7;
            events.push(Closed { at: t(last) });
        }
        (events, last)
    }

    proptest! {
        #[test]
        fn notices_are_bounded_ordered_and_stop_at_close(
            repeat in 0u8..4,
            until_closed in any::<bool>(),
            timeout in proptest::option::of(1u64..120),
            gaps in proptest::collection::vec(0i64..90, 0..6),
            close in any::<bool>(),
        ) {
            let until = if until_closed { EscalateUntil::Closed } else { EscalateUntil::Acknowledged };
            let p = policy(until, repeat, if until_closed { None } else { timeout });
            let (events, now) = history(&gaps, close);
            let sent = p.notices(&events, t(100_000)).unwrap();
            let runs = 1 + if until_closed { 0 } else { gaps.len() };
            prop_assert!(sent.len() <= runs * 2 * (usize::from(repeat) + 1));
            prop_assert!(sent.windows(2).all(|w| w[0].at <= w[1].at));
            if close {
                prop_assert!(sent.iter().all(|n| n.at < t(now)));
            }
        }

        #[test]
        fn the_schedule_at_an_instant_is_the_notices_due_and_the_next(
            repeat in 0u8..3,
            gaps in proptest::collection::vec(0i64..90, 0..4),
            close in any::<bool>(),
            at in 0i64..600,
        ) {
            let p = policy(EscalateUntil::Acknowledged, repeat, Some(30));
            let (events, _) = history(&gaps, close);
            let schedule = p.schedule_at(&events, t(at)).unwrap();
            prop_assert_eq!(schedule.notices, p.notices(&events, t(at)).unwrap());
            prop_assert_eq!(schedule.next, p.next_notice(&events, t(at)).unwrap());
        }
    }
}
