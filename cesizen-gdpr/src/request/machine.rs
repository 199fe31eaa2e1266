//! The request itself: a typed state machine with its history.

use cesizen_core::id::UserId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::deadline::LegalTerm;
use super::kind::{RefusalReason, RequestKind};
use super::policy::DeadlinePolicy;
use crate::error::{Error, Result};
use crate::id::RequestId;

/// Where a request stands.
///
/// ```text
///             request_identity            verify_identity              complete
///  Received ───────────────────▶ AwaitingIdentity ───────────▶ InProgress ─────────▶ Completed
///     │  └───────────────── verify_identity ──────────────────────▲   │
///     └──────────────┬──────────────────┴─────── refuse / withdraw ────┴──▶ Refused / Withdrawn
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// Received, identity not yet checked.
    Received,
    /// Art. 12(6): reasonable doubts; additional information was asked for.
    AwaitingIdentity,
    /// Identity verified; the request is being carried out.
    InProgress,
    /// Carried out and answered.
    Completed,
    /// Refused, with the reason and the remedies told to the person (Art. 12(4)).
    Refused,
    /// Withdrawn by the person.
    Withdrawn,
}

impl RequestState {
    /// The stable snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            RequestState::Received => "received",
            RequestState::AwaitingIdentity => "awaiting_identity",
            RequestState::InProgress => "in_progress",
            RequestState::Completed => "completed",
            RequestState::Refused => "refused",
            RequestState::Withdrawn => "withdrawn",
        }
    }

    /// Whether the request is closed (completed, refused or withdrawn).
    pub fn is_closed(&self) -> bool {
        matches!(
            self,
            RequestState::Completed | RequestState::Refused | RequestState::Withdrawn
        )
    }
}

/// How the requester's identity was established.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum IdentityMethod {
    /// The request came from an authenticated session of the account (the usual case in the app).
    AuthenticatedSession,
    /// A confirmation link sent to the account's verified e-mail address was followed.
    EmailConfirmation,
    /// Art. 12(6): additional information was asked for and matched. Never a copy of an identity document
    /// unless strictly necessary (CNIL guidance).
    AdditionalInformation,
}

/// Why the deadline was extended (Art. 12(3)).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ExtensionReason {
    /// The request is complex.
    Complexity,
    /// The number of requests received.
    NumberOfRequests,
}

/// An extension of the legal deadline by two months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    /// When the person was told of the extension and its reasons (must be within the first month).
    pub notified_at: DateTime<Utc>,
    /// Why.
    pub reason: ExtensionReason,
}

/// A refusal, as Art. 12(4) requires it to be communicated. Stored refusals must show the remedies were told
/// (deserialising one with `remediesNotified: false` fails).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "RefusalRepr")]
pub struct Refusal {
    /// The reason given to the person.
    pub reason: RefusalReason,
    /// The person was told of the right to complain to the supervisory authority (the CNIL) and to seek a
    /// judicial remedy. Must be `true`.
    #[cfg_attr(feature = "wasm", tsify(type = "true"))]
    pub remedies_notified: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RefusalRepr {
    reason: RefusalReason,
    remedies_notified: bool,
}

impl TryFrom<RefusalRepr> for Refusal {
    type Error = Error;
    fn try_from(r: RefusalRepr) -> Result<Self> {
        if !r.remedies_notified {
            return Err(Error::RequestRefusalIncomplete);
        }
        Ok(Refusal {
            reason: r.reason,
            remedies_notified: true,
        })
    }
}

/// One step in a request's life.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum RequestEventKind {
    /// The request was received.
    Received,
    /// Additional information was asked for to confirm identity.
    IdentityRequested,
    /// Identity verified.
    IdentityVerified {
        /// How.
        method: IdentityMethod,
    },
    /// The deadline was extended by two months.
    Extended {
        /// Why.
        reason: ExtensionReason,
    },
    /// Carried out.
    Completed,
    /// Refused, as communicated to the person.
    Refused(Refusal),
    /// Withdrawn by the person.
    Withdrawn,
}

impl RequestEventKind {
    /// The action recording this event in the audit trail (its code is [`code`](Self::code)).
    pub fn audit_action(&self) -> crate::audit::AuditAction {
        use crate::audit::AuditAction;
        match self {
            RequestEventKind::Received => AuditAction::RequestReceived,
            RequestEventKind::IdentityRequested => AuditAction::RequestIdentityRequested,
            RequestEventKind::IdentityVerified { .. } => AuditAction::RequestIdentityVerified,
            RequestEventKind::Extended { .. } => AuditAction::RequestExtended,
            RequestEventKind::Completed => AuditAction::RequestCompleted,
            RequestEventKind::Refused(_) => AuditAction::RequestRefused,
            RequestEventKind::Withdrawn => AuditAction::RequestWithdrawn,
        }
    }

    /// The stable name of the event, `request.<event>`, as used in the audit trail.
    pub fn code(&self) -> &'static str {
        match self {
            RequestEventKind::Received => "request.received",
            RequestEventKind::IdentityRequested => "request.identity_requested",
            RequestEventKind::IdentityVerified { .. } => "request.identity_verified",
            RequestEventKind::Extended { .. } => "request.extended",
            RequestEventKind::Completed => "request.completed",
            RequestEventKind::Refused(_) => "request.refused",
            RequestEventKind::Withdrawn => "request.withdrawn",
        }
    }
}

/// A dated step in a request's life.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestEvent {
    /// When.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub at: DateTime<Utc>,
    /// What.
    #[cfg_attr(feature = "wasm", tsify(type = "RequestEventKind"))]
    #[serde(flatten)]
    pub kind: RequestEventKind,
}

/// A data-subject request and its history.
///
/// Every transition is a method that checks the state, the order of time and the legal conditions, then
/// records a [`RequestEvent`]; illegal moves are errors (`gdpr.request.illegal_transition`, …) and leave the
/// request unchanged. It is stored as a [`RequestRecord`] and loaded with [`DataSubjectRequest::replay`], which
/// runs the history through the same methods.
///
/// ```
/// use cesizen_gdpr::request::{DataSubjectRequest, IdentityMethod, RequestKind, RequestState};
/// use cesizen_gdpr::RequestId;
/// use chrono::{Duration, TimeZone, Utc};
/// use cesizen_core::id::UserId;
///
/// let t0 = Utc.with_ymd_and_hms(2025, 1, 31, 9, 0, 0).unwrap();
/// let mut r = DataSubjectRequest::receive(RequestId::new(t0)?, UserId::from_parts(t0, [42; 10]).unwrap(), RequestKind::Access, t0);
/// r.verify_identity(IdentityMethod::AuthenticatedSession, t0)?;
/// r.complete(t0 + Duration::hours(20))?;
/// assert_eq!(r.state(), RequestState::Completed);
/// assert_eq!(r.complete(t0 + Duration::hours(21)).unwrap_err().code(), "gdpr.request.illegal_transition");
/// # Ok::<(), cesizen_gdpr::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataSubjectRequest {
    id: RequestId,
    subject: UserId,
    kind: RequestKind,
    received_at: DateTime<Utc>,
    state: RequestState,
    identity: Option<IdentityMethod>,
    extension: Option<Extension>,
    refusal: Option<Refusal>,
    closed_at: Option<DateTime<Utc>>,
    history: Vec<RequestEvent>,
}

impl DataSubjectRequest {
    /// A request of `kind` by the person `subject` (their user id), received at `received_at`.
    pub fn receive(id: RequestId, subject: UserId, kind: RequestKind, received_at: DateTime<Utc>) -> Self {
        DataSubjectRequest {
            id,
            subject,
            kind,
            received_at,
            state: RequestState::Received,
            identity: None,
            extension: None,
            refusal: None,
            closed_at: None,
            history: vec![RequestEvent {
                at: received_at,
                kind: RequestEventKind::Received,
            }],
        }
    }

    /// The request's id.
    pub fn id(&self) -> RequestId {
        self.id
    }
    /// The person's user id.
    pub fn subject(&self) -> UserId {
        self.subject
    }
    /// The right exercised.
    pub fn kind(&self) -> RequestKind {
        self.kind
    }
    /// When it was received: the legal clock starts on this day.
    pub fn received_at(&self) -> DateTime<Utc> {
        self.received_at
    }
    /// Where it stands.
    pub fn state(&self) -> RequestState {
        self.state
    }
    /// How identity was verified, once it was.
    pub fn identity(&self) -> Option<IdentityMethod> {
        self.identity
    }
    /// The extension, if the deadline was extended.
    pub fn extension(&self) -> Option<Extension> {
        self.extension
    }
    /// The refusal, if refused.
    pub fn refusal(&self) -> Option<Refusal> {
        self.refusal
    }
    /// When it was completed, refused or withdrawn.
    pub fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.closed_at
    }
    /// Every step, oldest first.
    pub fn history(&self) -> &[RequestEvent] {
        &self.history
    }

    /// Art. 12(6): asks for additional information to confirm identity. The legal clock keeps running.
    pub fn request_identity(&mut self, at: DateTime<Utc>) -> Result<&RequestEvent> {
        self.expect_state(&[RequestState::Received], "request_identity")?;
        self.record(at, RequestEventKind::IdentityRequested, |r| {
            r.state = RequestState::AwaitingIdentity;
        })
    }

    /// Records that identity is verified; the request moves to in progress.
    pub fn verify_identity(&mut self, method: IdentityMethod, at: DateTime<Utc>) -> Result<&RequestEvent> {
        self.expect_state(
            &[RequestState::Received, RequestState::AwaitingIdentity],
            "verify_identity",
        )?;
        self.record(at, RequestEventKind::IdentityVerified { method }, |r| {
            r.identity = Some(method);
            r.state = RequestState::InProgress;
        })
    }

    /// Art. 12(3): extends the legal deadline by two months. Allowed once, while the request is open, and only
    /// when the person is told (at `notified_at`) before the end of the first month as `policy` computes it.
    pub fn extend(
        &mut self,
        reason: ExtensionReason,
        notified_at: DateTime<Utc>,
        policy: &DeadlinePolicy,
    ) -> Result<&RequestEvent> {
        self.expect_open("extend")?;
        if self.extension.is_some() {
            return Err(Error::RequestAlreadyExtended);
        }
        if !policy
            .legal_deadline(self.received_at, LegalTerm::OneMonth)?
            .is_met_by(notified_at)
        {
            return Err(Error::RequestExtensionLate);
        }
        self.record(notified_at, RequestEventKind::Extended { reason }, |r| {
            r.extension = Some(Extension { notified_at, reason });
        })
    }

    /// Closes the request as carried out. Needs a verified identity.
    pub fn complete(&mut self, at: DateTime<Utc>) -> Result<&RequestEvent> {
        if self.state == RequestState::Received || self.state == RequestState::AwaitingIdentity {
            return Err(Error::RequestIdentityUnverified);
        }
        self.expect_state(&[RequestState::InProgress], "complete")?;
        self.record(at, RequestEventKind::Completed, |r| {
            r.state = RequestState::Completed;
            r.closed_at = Some(at);
        })
    }

    /// Closes the request as refused. The reason must apply to this kind of request and the person must have
    /// been told of the remedies (Art. 12(4)).
    pub fn refuse(&mut self, refusal: Refusal, at: DateTime<Utc>) -> Result<&RequestEvent> {
        self.expect_open("refuse")?;
        if !refusal.remedies_notified {
            return Err(Error::RequestRefusalIncomplete);
        }
        if !refusal.reason.applies_to(self.kind) {
            return Err(Error::RequestRefusalReasonInapplicable);
        }
        self.record(at, RequestEventKind::Refused(refusal), |r| {
            r.refusal = Some(refusal);
            r.state = RequestState::Refused;
            r.closed_at = Some(at);
        })
    }

    /// Closes the request as withdrawn by the person.
    pub fn withdraw(&mut self, at: DateTime<Utc>) -> Result<&RequestEvent> {
        self.expect_open("withdraw")?;
        self.record(at, RequestEventKind::Withdrawn, |r| {
            r.state = RequestState::Withdrawn;
            r.closed_at = Some(at);
        })
    }

    fn expect_open(&self, transition: &'static str) -> Result<()> {
        if self.state.is_closed() {
            return Err(Error::RequestIllegalTransition {
                from: self.state.as_str(),
                transition,
            });
        }
        Ok(())
    }

    fn expect_state(&self, allowed: &[RequestState], transition: &'static str) -> Result<()> {
        if allowed.contains(&self.state) {
            Ok(())
        } else {
            Err(Error::RequestIllegalTransition {
                from: self.state.as_str(),
                transition,
            })
        }
    }

    fn record(
        &mut self,
        at: DateTime<Utc>,
        kind: RequestEventKind,
        apply: impl FnOnce(&mut Self),
    ) -> Result<&RequestEvent> {
        if self.history.last().is_some_and(|last| at < last.at) {
            return Err(Error::TimeRegression);
        }
        apply(self);
        self.history.push(RequestEvent { at, kind });
        self.history.last().ok_or(Error::TimeRegression)
    }

    /// The stored form: identity and history, from which everything else follows.
    pub fn to_record(&self) -> RequestRecord {
        RequestRecord {
            id: self.id,
            subject: self.subject,
            kind: self.kind,
            history: self.history.clone(),
        }
    }

    /// Rebuilds a request from its stored form by replaying the history through the transitions, so stored
    /// data cannot hold an impossible request (a completion without identity, an extension told too late…).
    pub fn replay(record: &RequestRecord, policy: &DeadlinePolicy) -> Result<Self> {
        let (first, rest) = record.history.split_first().ok_or(Error::RequestIllegalTransition {
            from: "none",
            transition: "replay",
        })?;
        if first.kind != RequestEventKind::Received {
            return Err(Error::RequestIllegalTransition {
                from: "none",
                transition: first.kind.code(),
            });
        }
        let mut r = DataSubjectRequest::receive(record.id, record.subject, record.kind, first.at);
        for e in rest {
            match e.kind {
                RequestEventKind::Received => Err(Error::RequestIllegalTransition {
                    from: r.state.as_str(),
                    transition: "receive",
                }),
                RequestEventKind::IdentityRequested => r.request_identity(e.at).map(drop),
                RequestEventKind::IdentityVerified { method } => r.verify_identity(method, e.at).map(drop),
                RequestEventKind::Extended { reason } => r.extend(reason, e.at, policy).map(drop),
                RequestEventKind::Completed => r.complete(e.at).map(drop),
                RequestEventKind::Refused(refusal) => r.refuse(refusal, e.at).map(drop),
                RequestEventKind::Withdrawn => r.withdraw(e.at).map(drop),
            }?;
        }
        Ok(r)
    }
}

/// The stored form of a [`DataSubjectRequest`]: rebuild it with [`DataSubjectRequest::replay`].
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestRecord {
    /// The request's id.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub id: RequestId,
    /// The person's user id.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub subject: UserId,
    /// The right exercised.
    pub kind: RequestKind,
    /// Every step, oldest first; the first is `received`.
    pub history: Vec<RequestEvent>,
}
