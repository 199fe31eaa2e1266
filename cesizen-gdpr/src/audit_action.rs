//! What an audit-trail entry records: one closed list of actions, each written as a stable dotted code.
//!
//! The code is what the trail hashes and stores (`lp(action)` in the canonical encoding of [`crate::audit`]),
//! so a code never changes once an entry carries it: the trail must verify for as long as it is kept.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An action the audit trail records.
///
/// ```
/// use cesizen_gdpr::audit::AuditAction;
/// assert_eq!(AuditAction::ErasureCertified.code(), "erasure.certified");
/// assert_eq!("request.completed".parse::<AuditAction>()?, AuditAction::RequestCompleted);
/// assert_eq!("request.forgotten".parse::<AuditAction>().unwrap_err().code(), "gdpr.audit.action_unknown");
/// # Ok::<(), cesizen_gdpr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AuditAction {
    /// A data-subject request was received.
    RequestReceived,
    /// The requester was asked to prove their identity.
    RequestIdentityRequested,
    /// The requester's identity was verified.
    RequestIdentityVerified,
    /// The request's deadline was extended (Art. 12(3)).
    RequestExtended,
    /// The request was carried out.
    RequestCompleted,
    /// The request was refused.
    RequestRefused,
    /// The person withdrew the request.
    RequestWithdrawn,
    /// An erasure was carried out and its certificate issued.
    ErasureCertified,
    /// A deployment was restored from a backup (erasures made since were replayed).
    BackupRestored,
    /// An inactive account was erased at the end of its retention period.
    RetentionAccountErased,
}

impl AuditAction {
    /// Every action, in declaration order.
    pub const ALL: [AuditAction; 10] = [
        AuditAction::RequestReceived,
        AuditAction::RequestIdentityRequested,
        AuditAction::RequestIdentityVerified,
        AuditAction::RequestExtended,
        AuditAction::RequestCompleted,
        AuditAction::RequestRefused,
        AuditAction::RequestWithdrawn,
        AuditAction::ErasureCertified,
        AuditAction::BackupRestored,
        AuditAction::RetentionAccountErased,
    ];

    /// The stable dotted code the trail stores and hashes, e.g. `"request.received"`.
    pub const fn code(self) -> &'static str {
        match self {
            AuditAction::RequestReceived => "request.received",
            AuditAction::RequestIdentityRequested => "request.identity_requested",
            AuditAction::RequestIdentityVerified => "request.identity_verified",
            AuditAction::RequestExtended => "request.extended",
            AuditAction::RequestCompleted => "request.completed",
            AuditAction::RequestRefused => "request.refused",
            AuditAction::RequestWithdrawn => "request.withdrawn",
            AuditAction::ErasureCertified => "erasure.certified",
            AuditAction::BackupRestored => "backup.restored",
            AuditAction::RetentionAccountErased => "retention.account.erased",
        }
    }

    /// The action of a stable code.
    ///
    /// # Errors
    /// [`Error::AuditActionUnknown`] (`gdpr.audit.action_unknown`) when no action has this code.
    pub fn from_code(code: &str) -> Result<Self> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.code() == code)
            .ok_or(Error::AuditActionUnknown)
    }
}

impl std::str::FromStr for AuditAction {
    type Err = Error;

    fn from_str(code: &str) -> Result<Self> {
        AuditAction::from_code(code)
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for AuditAction {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for AuditAction {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        AuditAction::from_code(&code).map_err(|e| serde::de::Error::custom(e.code()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_parse_back() {
        let mut codes: Vec<&str> = AuditAction::ALL.iter().map(|a| a.code()).collect();
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(action.code()), Ok(action));
            assert_eq!(
                serde_json::to_string(&action).unwrap(),
                format!("\"{}\"", action.code())
            );
            assert_eq!(
                serde_json::from_str::<AuditAction>(&format!("\"{action}\"")).unwrap(),
                action
            );
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), AuditAction::ALL.len());
    }

    #[test]
    fn an_unknown_action_is_a_typed_error() {
        for text in ["", "x", "Request.received", "request.received ", "request"] {
            assert_eq!(AuditAction::from_code(text), Err(Error::AuditActionUnknown), "{text:?}");
        }
        let e = serde_json::from_str::<AuditAction>("\"request.forgotten\"").unwrap_err();
        assert!(e.to_string().contains("gdpr.audit.action_unknown"));
    }

    #[test]
    fn request_events_are_recorded_under_their_own_code() {
        use crate::request::RequestEventKind;
        let kinds = [
            RequestEventKind::Received,
            RequestEventKind::IdentityRequested,
            RequestEventKind::Completed,
            RequestEventKind::Withdrawn,
        ];
        for kind in kinds {
            assert_eq!(kind.audit_action().code(), kind.code());
        }
    }
}
