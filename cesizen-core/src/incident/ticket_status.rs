//! The ticket workflow of the plan as a state machine.
//!
//! "Workflow de traitement des tickets": To do → In progress → Code review → Test → Ready to deploy →
//! Deployed → Closed. A failed code review, a failed test or a rollback sends the ticket back to In progress.
//! Every other move is refused with `workflow.ticket.illegal_transition`: the table in
//! [`TicketStatus::apply`] is the whole workflow.

use serde::{Deserialize, Serialize};

use super::IncidentError;

/// Where a ticket is in the workflow.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Created and prioritised ("À faire").
    ToDo,
    /// Being developed by an assignee ("En cours").
    InProgress,
    /// Reviewed by peers ("Code review").
    CodeReview,
    /// Functional and regression tests ("Test").
    Test,
    /// Validated, waiting for the release ("Prêt déploiement").
    ReadyToDeploy,
    /// In production under monitoring ("Déployé").
    Deployed,
    /// Resolved and documented ("Fermé"). Final.
    Closed,
}

/// A move asked of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum TicketAction {
    /// To do → In progress.
    Start,
    /// In progress → Code review.
    SubmitForReview,
    /// Code review → Test.
    ApproveReview,
    /// Code review → In progress (failed review).
    RejectReview,
    /// Test → Ready to deploy.
    PassTest,
    /// Test → In progress (failed test).
    FailTest,
    /// Ready to deploy → Deployed.
    Deploy,
    /// Deployed → In progress (the release was rolled back).
    Rollback,
    /// Deployed → Closed.
    Close,
}

impl TicketStatus {
    /// Every status, in workflow order.
    pub const ALL: [TicketStatus; 7] = [
        TicketStatus::ToDo,
        TicketStatus::InProgress,
        TicketStatus::CodeReview,
        TicketStatus::Test,
        TicketStatus::ReadyToDeploy,
        TicketStatus::Deployed,
        TicketStatus::Closed,
    ];

    /// The status reached by taking `action` from this status.
    ///
    /// # Errors
    /// [`IncidentError::IllegalTransition`] for any move the workflow does not list.
    ///
    /// ```
    /// use cesizen_core::incident::{TicketAction, TicketStatus};
    /// assert_eq!(TicketStatus::Test.apply(TicketAction::FailTest).unwrap(), TicketStatus::InProgress);
    /// assert!(TicketStatus::ToDo.apply(TicketAction::Deploy).is_err());
    /// ```
    pub fn apply(self, action: TicketAction) -> Result<TicketStatus, IncidentError> {
        use TicketAction as A;
        use TicketStatus as S;
        match (self, action) {
            (S::ToDo, A::Start) => Ok(S::InProgress),
            (S::InProgress, A::SubmitForReview) => Ok(S::CodeReview),
            (S::CodeReview, A::ApproveReview) => Ok(S::Test),
            (S::CodeReview, A::RejectReview) => Ok(S::InProgress),
            (S::Test, A::PassTest) => Ok(S::ReadyToDeploy),
            (S::Test, A::FailTest) => Ok(S::InProgress),
            (S::ReadyToDeploy, A::Deploy) => Ok(S::Deployed),
            (S::Deployed, A::Rollback) => Ok(S::InProgress),
            (S::Deployed, A::Close) => Ok(S::Closed),
            (from, action) => Err(IncidentError::IllegalTransition { from, action }),
        }
    }

    /// The actions allowed from this status.
    pub fn allowed_actions(self) -> Vec<TicketAction> {
        TicketAction::ALL
            .into_iter()
            .filter(|a| self.apply(*a).is_ok())
            .collect()
    }

    /// This status with [`TicketStatus::allowed_actions`]: where a ticket stands and what it allows next.
    pub fn state(self) -> TicketState {
        TicketState {
            status: self,
            allowed_actions: self.allowed_actions(),
        }
    }

    /// Whether no move leaves this status.
    pub fn is_final(self) -> bool {
        self == TicketStatus::Closed
    }

    /// The stable name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::ToDo => "to_do",
            TicketStatus::InProgress => "in_progress",
            TicketStatus::CodeReview => "code_review",
            TicketStatus::Test => "test",
            TicketStatus::ReadyToDeploy => "ready_to_deploy",
            TicketStatus::Deployed => "deployed",
            TicketStatus::Closed => "closed",
        }
    }
}

impl TicketAction {
    /// Every action, in workflow order.
    pub const ALL: [TicketAction; 9] = [
        TicketAction::Start,
        TicketAction::SubmitForReview,
        TicketAction::ApproveReview,
        TicketAction::RejectReview,
        TicketAction::PassTest,
        TicketAction::FailTest,
        TicketAction::Deploy,
        TicketAction::Rollback,
        TicketAction::Close,
    ];

    /// The stable name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketAction::Start => "start",
            TicketAction::SubmitForReview => "submit_for_review",
            TicketAction::ApproveReview => "approve_review",
            TicketAction::RejectReview => "reject_review",
            TicketAction::PassTest => "pass_test",
            TicketAction::FailTest => "fail_test",
            TicketAction::Deploy => "deploy",
            TicketAction::Rollback => "rollback",
            TicketAction::Close => "close",
        }
    }
}

impl core::fmt::Display for TicketStatus {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl core::fmt::Display for TicketAction {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a ticket stands and what the workflow allows next ([`TicketStatus::state`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TicketState {
    /// The current status.
    pub status: TicketStatus,
    /// The actions the workflow allows from it (their codes, `"start"`, …).
    #[cfg_attr(feature = "wasm", tsify(type = "string[]"))]
    pub allowed_actions: Vec<TicketAction>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use TicketAction as A;
    use TicketStatus as S;

    #[test]
    fn a_state_is_the_status_and_the_moves_it_allows() {
        for status in S::ALL {
            let state = status.state();
            assert_eq!(state.status, status);
            assert_eq!(state.allowed_actions, status.allowed_actions());
            assert!(state.allowed_actions.iter().all(|a| status.apply(*a).is_ok()));
        }
        assert_eq!(
            serde_json::to_value(S::Deployed.state()).unwrap(),
            serde_json::json!({"status": "deployed", "allowedActions": ["rollback", "close"]})
        );
    }

    #[test]
    fn happy_path_walks_the_seven_steps() {
        let path = [
            A::Start,
            A::SubmitForReview,
            A::ApproveReview,
            A::PassTest,
            A::Deploy,
            A::Close,
        ];
        let mut status = S::ToDo;
        let mut seen = vec![status];
        for action in path {
            status = status.apply(action).unwrap();
            seen.push(status);
        }
        assert_eq!(seen, S::ALL);
        assert!(status.is_final());
    }

    #[test]
    fn failures_and_rollback_return_to_in_progress() {
        assert_eq!(S::CodeReview.apply(A::RejectReview).unwrap(), S::InProgress);
        assert_eq!(S::Test.apply(A::FailTest).unwrap(), S::InProgress);
        assert_eq!(S::Deployed.apply(A::Rollback).unwrap(), S::InProgress);
    }

    #[test]
    fn exactly_nine_moves_are_legal_all_others_are_refused() {
        let mut legal = 0;
        for from in S::ALL {
            for action in A::ALL {
                match from.apply(action) {
                    Ok(_) => legal += 1,
                    Err(e) => {
                        assert_eq!(e.code(), "workflow.ticket.illegal_transition");
                        assert_eq!(e, IncidentError::IllegalTransition { from, action });
                    }
                }
            }
        }
        assert_eq!(legal, 9);
        assert!(S::Closed.allowed_actions().is_empty());
        assert_eq!(S::Deployed.allowed_actions(), vec![A::Rollback, A::Close]);
    }

    #[test]
    fn names_match_serde() {
        for s in S::ALL {
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
        }
        for a in A::ALL {
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.as_str()));
        }
    }
}
