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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::mirror::{mirrors_input, mirrors_output};
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
}
