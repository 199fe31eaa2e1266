//! The TypeScript declarations of the GDPR functions' structured results and arguments.
//!
//! Each type mirrors the JSON form of a `cesizen-gdpr` type (or of a result object the binding assembles), as
//! [`crate::convert`] describes; the tests check every mirror against the shared vectors.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// Where a data-subject request stands in its workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// Received, identity not yet checked.
    Received,
    /// Additional information was asked for to confirm the identity (Art. 12(6)).
    AwaitingIdentity,
    /// Being handled.
    InProgress,
    /// Done.
    Completed,
    /// Refused (Art. 12(5)).
    Refused,
    /// Withdrawn by the person.
    Withdrawn,
}

/// Where an act stands against its deadline (mirror of `cesizen_gdpr::TimerStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Open, less than the at-risk share of the time used.
    OnTrack,
    /// Open, past the at-risk share.
    AtRisk,
    /// Open, past the deadline.
    Overdue,
    /// Done by the deadline.
    Met,
    /// Done after the deadline.
    Missed,
}

/// A deadline and where the act stands against it (mirror of `cesizen_gdpr::Timer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// Where it stands.
    pub status: DeadlineStatus,
    /// When it is due (RFC 3339).
    pub due_at: String,
}

/// `assessRequest()`'s result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RequestAssessment {
    /// The workflow state.
    pub state: RequestState,
    /// The plan's internal target; `null` for a kind of request without one.
    pub internal: Option<Deadline>,
    /// The legal deadline (Art. 12(3)).
    pub legal: Deadline,
    /// The legal deadline's local day (`2025-04-03`).
    pub legal_due_date: String,
}

/// What retention does with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum RetentionAction {
    /// Nothing is due yet (or ever).
    Keep,
    /// Anonymise it.
    Anonymise,
    /// Delete it.
    Delete,
    /// Tell the person before deletion.
    Notify,
}

/// `retentionDecide()`'s result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RetentionDecision {
    /// What to do now.
    pub action: RetentionAction,
    /// When the next step is due (RFC 3339); `null` when none ever is.
    pub due_at: Option<String>,
}

/// Whether and how the people concerned by a breach must be told (Art. 34).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum Art34Decision {
    /// No high risk: no communication.
    NotRequired,
    /// High risk: tell them.
    Required,
    /// Exempt: the data were unintelligible (encrypted).
    ExemptUnintelligible,
    /// Exempt: measures since removed the high risk.
    ExemptRiskRemoved,
    /// Telling each would take disproportionate effort: a public communication instead.
    PublicCommunication,
}

/// `assessBreach()`'s result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct BreachStatus {
    /// When the authority must be notified (72 hours after awareness, RFC 3339).
    pub notification_due_at: String,
    /// Where the notification stands; `null` when none is required.
    pub notification: Option<DeadlineStatus>,
    /// The Art. 34 decision.
    pub art34: Art34Decision,
}

/// What happens to a record at the end of its retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum EndOfLife {
    /// Anonymised, kept for statistics.
    Anonymise,
    /// Deleted.
    Delete,
}

/// Retention by age (mirror of `cesizen_gdpr::retention::AgeRule`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgeRule {
    /// How long after creation (`"24 months"`, `"30 days"`).
    pub after: String,
    /// What happens then.
    pub then: EndOfLife,
}

/// Retention by inactivity (mirror of `cesizen_gdpr::retention::InactivityRule`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InactivityRule {
    /// How long after the last activity the account is deleted (`"36 months"`).
    pub delete_after: String,
    /// How long before that the person is told (`"1 month"`).
    pub notice: String,
}

/// How long each kind of record is kept (mirror of `cesizen_gdpr::retention::RetentionPolicy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RetentionPolicy {
    /// Journal entries.
    pub journal_entries: AgeRule,
    /// Practice sessions.
    pub practice_sessions: AgeRule,
    /// Inactive accounts.
    pub accounts: InactivityRule,
    /// Technical logs.
    pub logs: AgeRule,
    /// Backups.
    pub backups: AgeRule,
}

/// The plan's internal targets per kind of request, as periods (`"48 hours"`); `null` where only the legal
/// deadline applies (mirror of `cesizen_gdpr::request::InternalTargets`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InternalTargets {
    /// Access.
    pub access: Option<String>,
    /// Rectification.
    pub rectification: Option<String>,
    /// Erasure.
    pub erasure: Option<String>,
    /// Portability.
    pub portability: Option<String>,
    /// Restriction.
    pub restriction: Option<String>,
    /// Objection.
    pub objection: Option<String>,
    /// Withdrawal of consent.
    pub consent_withdrawal: Option<String>,
}

/// Request deadlines (mirror of `cesizen_gdpr::request::DeadlinePolicy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeadlinePolicy {
    /// The controller's IANA zone, where deadlines end.
    pub time_zone: String,
    /// The plan's internal targets.
    pub internal_targets: InternalTargets,
    /// The share of the time after which an open request is at risk, in percent.
    pub at_risk_percent: u8,
}

/// Breach handling (mirror of `cesizen_gdpr::BreachPolicy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreachPolicy {
    /// The share of the 72 hours after which a notification is at risk, in percent.
    pub at_risk_percent: u8,
}

/// How finely anonymised releases keep time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum TimeGranularity {
    /// The ISO week.
    Week,
    /// The month.
    Month,
}

/// Anonymised releases (mirror of `cesizen_gdpr::anonymise::AnonymisationPolicy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnonymisationPolicy {
    /// k-anonymity: the smallest group released.
    pub k: u32,
    /// l-diversity of the emotion within a group; `null` when not required.
    pub l: Option<u32>,
    /// How finely time is kept.
    pub time: TimeGranularity,
    /// Whether users appear as keyed pseudonyms.
    pub pseudonyms: bool,
}

/// The GDPR configuration as `parseGdprConfig()` returns it, defaults filled in (mirror of
/// `cesizen_gdpr::GdprConfig`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GdprConfig {
    /// Retention.
    pub retention: RetentionPolicy,
    /// Request deadlines.
    pub requests: DeadlinePolicy,
    /// Breaches.
    pub breaches: BreachPolicy,
    /// Anonymised releases.
    pub anonymisation: AnonymisationPolicy,
}

/// A kind of record under retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum RecordCategory {
    /// A journal entry.
    JournalEntry,
    /// A practice session.
    PracticeSession,
    /// An account.
    Account,
    /// A log.
    Log,
    /// A backup.
    Backup,
}

/// What retention knows of a record (mirror of `cesizen_gdpr::retention::RecordMeta`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordMeta {
    /// The record's id (UUID).
    pub id: String,
    /// Its kind.
    pub category: RecordCategory,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// An account's last activity (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub last_active_at: Option<String>,
    /// When the person was told of the coming deletion (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub notified_at: Option<String>,
    /// Whether it is already anonymised.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[tsify(optional)]
    pub anonymised: bool,
    /// Whether a legal hold keeps it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[tsify(optional)]
    pub on_hold: bool,
}

/// What a breach broke (Art. 4(12)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum BreachNature {
    /// Data disclosed or accessed.
    Confidentiality,
    /// Data altered.
    Integrity,
    /// Data lost or unavailable.
    Availability,
}

/// A category of the data a breach concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum DataCategory {
    /// Names, e-mail addresses.
    Identity,
    /// Password hashes, tokens.
    Credentials,
    /// Journal entries (emotional data).
    JournalEntries,
    /// Practice sessions.
    PracticeSessions,
    /// Technical logs.
    Logs,
    /// Backups.
    Backups,
}

/// How the breached data was protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum DataProtection {
    /// In clear.
    Unprotected,
    /// Encrypted, the key safe.
    EncryptedKeyNotCompromised,
    /// Encrypted, the key leaked too.
    EncryptedKeyCompromised,
}

/// The risk to the people concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum BreachRisk {
    /// Unlikely to result in a risk: recorded, not notified.
    Unlikely,
    /// A risk: notified to the authority.
    Risk,
    /// A high risk: the people are told too.
    High,
}

/// The facts of a breach (mirror of `cesizen_gdpr::breach::BreachFacts`). Texts are 1 to 4,000 characters and must not
/// contain the personal data that leaked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreachFacts {
    /// When it happened (RFC 3339), `null` if unknown.
    pub occurred_at: Option<String>,
    /// When the controller became aware of it (RFC 3339): the 72 hours start here.
    pub aware_at: String,
    /// What it broke.
    pub natures: Vec<BreachNature>,
    /// The data concerned.
    pub data_categories: Vec<DataCategory>,
    /// People concerned (approximate).
    pub subjects_affected: u64,
    /// Records concerned (approximate).
    pub records_affected: u64,
    /// What happened.
    pub description: String,
    /// Its likely consequences.
    pub consequences: String,
    /// The measures taken or proposed.
    pub measures: String,
    /// How the data was protected.
    pub protection: DataProtection,
    /// The risk to the people concerned.
    pub risk: BreachRisk,
    /// Whether later measures removed the high risk (Art. 34(3)(b)).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[tsify(optional)]
    pub high_risk_removed: bool,
    /// Whether telling each person would take disproportionate effort (Art. 34(3)(c)).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[tsify(optional)]
    pub individual_communication_disproportionate: bool,
}

/// The right a data-subject request exercises (mirror of `cesizen_gdpr::request::RequestKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Art. 15: access.
    Access,
    /// Art. 16: rectification.
    Rectification,
    /// Art. 17: erasure.
    Erasure,
    /// Art. 20: portability.
    Portability,
    /// Art. 18: restriction of processing.
    Restriction,
    /// Art. 21: objection.
    Objection,
    /// Art. 7(3): withdrawal of consent.
    ConsentWithdrawal,
}

/// How the requester's identity was established (mirror of `cesizen_gdpr::request::IdentityMethod`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum IdentityMethod {
    /// The request came from an authenticated session of the account.
    AuthenticatedSession,
    /// A confirmation link sent to the account's verified address was followed.
    EmailConfirmation,
    /// Additional information was asked for and matched (Art. 12(6)).
    AdditionalInformation,
}

/// Why the legal deadline was extended (mirror of `cesizen_gdpr::request::ExtensionReason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionReason {
    /// The request is complex.
    Complexity,
    /// The number of requests received.
    NumberOfRequests,
}

/// Why a request was refused (mirror of `cesizen_gdpr::request::RefusalReason`); the SDK refuses a reason that
/// does not apply to the request's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum RefusalReason {
    /// Art. 12(5)(b): manifestly unfounded.
    ManifestlyUnfounded,
    /// Art. 12(5)(b): excessive.
    Excessive,
    /// Art. 11(2), 12(2): the person cannot be identified.
    IdentityNotEstablished,
    /// Art. 17(3)(b): erasure refused, a legal obligation.
    ErasureLegalObligation,
    /// Art. 17(3)(e): erasure refused, legal claims.
    ErasureLegalClaims,
    /// Art. 17(3)(c), (d): erasure refused, public interest.
    ErasurePublicInterest,
    /// Art. 21(1): compelling legitimate grounds.
    CompellingLegitimateGrounds,
    /// Art. 20(1): portability does not apply.
    PortabilityNotApplicable,
    /// Art. 18(1): no condition for restriction holds.
    RestrictionConditionsNotMet,
    /// Art. 15(4), 20(4): the rights of others.
    RightsOfOthers,
    /// Art. 23: a law restricts the right.
    LegalRestriction,
}

/// A dated step of a request's life, named by `event` (mirror of `cesizen_gdpr::request::RequestEvent`, whose
/// `RequestEventKind` is flattened beside `at`: one object per event, declared here as one union).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(tag = "event", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum RequestEvent {
    /// The request was received (always the first event).
    Received {
        /// When (RFC 3339).
        at: String,
    },
    /// Additional information was asked for to confirm identity.
    IdentityRequested {
        /// When (RFC 3339).
        at: String,
    },
    /// Identity verified.
    IdentityVerified {
        /// When (RFC 3339).
        at: String,
        /// How.
        method: IdentityMethod,
    },
    /// The deadline was extended by two months.
    Extended {
        /// When (RFC 3339).
        at: String,
        /// Why.
        reason: ExtensionReason,
    },
    /// Carried out.
    Completed {
        /// When (RFC 3339).
        at: String,
    },
    /// Refused, as communicated to the person (mirror of `cesizen_gdpr::request::Refusal`).
    Refused {
        /// When (RFC 3339).
        at: String,
        /// The reason given to the person.
        reason: RefusalReason,
        /// The person was told of the right to complain to the CNIL and to seek a judicial remedy (Art. 12(4)):
        /// the SDK refuses a stored refusal without it, so the only value is `true`.
        #[tsify(type = "true")]
        remedies_notified: bool,
    },
    /// Withdrawn by the person.
    Withdrawn {
        /// When (RFC 3339).
        at: String,
    },
}

/// A stored data-subject request, as `assessRequest()` replays it (mirror of
/// `cesizen_gdpr::request::RequestRecord`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestRecord {
    /// The request's id (UUID).
    pub id: String,
    /// The person's user id (UUID).
    pub subject: String,
    /// The right exercised.
    pub kind: RequestKind,
    /// Every step, oldest first; the first is `received`.
    pub history: Vec<RequestEvent>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::mirror::{agree_on_every_omission, mirrors_input, mirrors_output, same_fields};
    use crate::vectors::{expected_outputs, inputs, round_trip};

    #[test]
    fn mirrors_read_the_vectors_outputs() {
        expected_outputs("gdpr", "assessRequest")
            .into_iter()
            .for_each(round_trip::<RequestAssessment>);
        expected_outputs("gdpr", "retentionDecide")
            .into_iter()
            .for_each(round_trip::<RetentionDecision>);
        expected_outputs("gdpr", "assessBreach")
            .into_iter()
            .for_each(round_trip::<BreachStatus>);
    }

    #[test]
    fn the_configuration_mirror_reads_every_configuration_the_sdk_writes() {
        mirrors_output::<GdprConfig, _>(&cesizen_gdpr::GdprConfig::default());
        for input in inputs("gdpr", "parseConfig") {
            let parsed = match (input["toml"].as_str(), input["json"].as_str()) {
                (Some(toml), _) => cesizen_gdpr::GdprConfig::from_toml_str(toml),
                (None, json) => cesizen_gdpr::GdprConfig::from_json_str(json.unwrap_or_default()),
            };
            mirrors_output::<GdprConfig, _>(&parsed.unwrap());
        }
    }

    #[test]
    fn input_mirrors_declare_what_the_sdk_reads() {
        for input in inputs("gdpr", "retentionDecide") {
            mirrors_input::<RecordMeta, cesizen_gdpr::retention::RecordMeta>(input["record"].clone());
        }
        for input in inputs("gdpr", "assessBreach") {
            mirrors_input::<BreachFacts, cesizen_gdpr::breach::BreachFacts>(input["facts"].clone());
        }
    }

    /// A stored request whose history holds every kind of event, every identity method, extension reason and
    /// refusal reason, as the SDK writes it (not a workflow the SDK would replay: only its JSON form matters).
    fn every_request_event() -> serde_json::Value {
        use cesizen_gdpr::request::{
            ExtensionReason as X, IdentityMethod as I, Refusal as SdkRefusal, RefusalReason as R,
            RequestEvent as SdkEvent, RequestEventKind as K, RequestRecord as SdkRecord,
        };
        let at: chrono::DateTime<chrono::Utc> = "2025-03-03T09:00:00Z".parse().unwrap();
        let refusals = [
            R::ManifestlyUnfounded,
            R::Excessive,
            R::IdentityNotEstablished,
            R::ErasureLegalObligation,
            R::ErasureLegalClaims,
            R::ErasurePublicInterest,
            R::CompellingLegitimateGrounds,
            R::PortabilityNotApplicable,
            R::RestrictionConditionsNotMet,
            R::RightsOfOthers,
            R::LegalRestriction,
        ]
        .map(|reason| {
            K::Refused(SdkRefusal {
                reason,
                remedies_notified: true,
            })
        });
        let kinds = [K::Received, K::IdentityRequested, K::Completed, K::Withdrawn]
            .into_iter()
            .chain(
                [I::AuthenticatedSession, I::EmailConfirmation, I::AdditionalInformation]
                    .map(|method| K::IdentityVerified { method }),
            )
            .chain([X::Complexity, X::NumberOfRequests].map(|reason| K::Extended { reason }))
            .chain(refusals);
        let record = SdkRecord {
            id: cesizen_gdpr::RequestId::parse("0194a19f-ec00-7303-8303-030303030303").unwrap(),
            subject: cesizen_core::id::UserId::parse("01943aa0-bc00-7303-8303-030303030303").unwrap(),
            kind: cesizen_gdpr::request::RequestKind::Access,
            history: kinds.map(|kind| SdkEvent { at, kind }).collect(),
        };
        serde_json::to_value(record).unwrap()
    }

    #[test]
    fn the_request_record_mirror_agrees_with_the_sdk_on_every_event_and_omission() {
        use cesizen_gdpr::request::RequestRecord as SdkRecord;
        agree_on_every_omission::<RequestRecord, SdkRecord>(&every_request_event());
        // Every request of the vectors, the refused histories included: they are well-formed, the workflow
        // refuses them.
        for case in crate::vectors::all_inputs("gdpr", "assessRequest") {
            agree_on_every_omission::<RequestRecord, SdkRecord>(&case["request"]);
        }
        same_fields::<RequestRecord, SdkRecord>();
        for kind in cesizen_gdpr::request::RequestKind::ALL {
            mirrors_output::<RequestKind, _>(&kind);
        }
    }
}
